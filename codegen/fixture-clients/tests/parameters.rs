//! Parameters on the wire: every location, every `style`/`explode` combination the
//! specification defines for it, path-level parameters merged with the operation's own,
//! and parameter names that clash with the builder's members or with each other.

mod common;

use common::{
    base_url, header_values, only_request, pairs, query_pairs, raw_query, server_answering,
};
use fixture_clients::parameters::types::{Color, ContentParametersWhere, Status};
use fixture_clients::parameters::Client;
use wiremock::ResponseTemplate;

fn color() -> Color {
    Color { r: 1, g: 2 }
}

#[tokio::test]
async fn path_parameters_in_simple_label_and_matrix_style() {
    let server = server_answering(ResponseTemplate::new(204)).await;
    let client = Client::with_base_url(base_url(&server));
    client
        .path_styles(
            vec![1, 2, 3],
            color(),
            vec!["a b".into(), "c/d".into()],
            vec!["x".into(), "y".into()],
            "m;1",
            vec![4, 5],
            color(),
        )
        .await
        .expect("204 is declared");
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "GET");
    assert_eq!(
        request.url.path(),
        // simple: `1,2,3`; simple exploded object: `r=1,g=2`; label `.a%20b,c%2Fd` then
        // exploded label `.x.y`; matrix `;matrix=m%3B1` then exploded `;m=4;m=5`;
        // matrix object `;matrix_obj=r,1,g,2`. Values are percent-encoded, delimiters not.
        "/styles/1,2,3/r=1,g=2/.a%20b,c%2Fd.x.y/;matrix=m%3B1;matrix_exploded=4;matrix_exploded=5/;matrix_obj=r,1,g,2"
    );
    assert_eq!(request.url.query(), None);
}

#[tokio::test]
async fn query_parameters_in_every_style() {
    let server = server_answering(ResponseTemplate::new(204)).await;
    let client = Client::with_base_url(base_url(&server));
    client
        .query_styles(10)
        .form_exploded(vec!["a".into(), "b&c".into()])
        .form_flat(vec!["a".into(), "b".into()])
        .form_object(color())
        .form_object_flat(color())
        .spaced(vec!["a".into(), "b".into()])
        .piped(vec![1, 2])
        .deep(color())
        .status(Status::Sold)
        .ratio(0.5)
        .spaced(vec!["a b".into(), "c".into()])
        .next("/a?b=c&d e#f")
        .await
        .expect("204 is declared");
    let request = only_request(&server).await;
    assert_eq!(
        query_pairs(&request),
        pairs(&[
            ("limit", "10"),
            ("form_exploded", "a"),
            ("form_exploded", "b&c"),
            ("form_flat", "a,b"),
            ("r", "1"),
            ("g", "2"),
            ("form_object_flat", "r,1,g,2"),
            ("spaced", "a b c"),
            ("piped", "1|2"),
            ("deep[r]", "1"),
            ("deep[g]", "2"),
            ("status", "sold"),
            ("next", "/a?b=c"),
            ("d e#f", ""),
            ("ratio", "0.5"),
        ])
    );
    // Encoded by `percent-encoding`: `&` inside a value cannot split it, a space is
    // `%20` (so `spaceDelimited` items are apart by `%20`, as OpenAPI writes it). The
    // value of `next` (`allowReserved`) keeps its reserved characters, `&` and `=`
    // included, as the document asks: only the space and `#` are encoded.
    assert_eq!(
        raw_query(&request),
        "limit=10&form_exploded=a&form_exploded=b%26c&form_flat=a%2Cb&r=1&g=2\
         &form_object_flat=r%2C1%2Cg%2C2&spaced=a%20b%20c&piped=1%7C2&deep%5Br%5D=1&deep%5Bg%5D=2\
         &status=sold&next=/a?b=c&d%20e%23f&ratio=0.5"
    );
}

#[tokio::test]
async fn a_query_in_the_base_url_stays_before_the_parameters() {
    let server = server_answering(ResponseTemplate::new(204)).await;
    let client = Client::with_base_url(base_url(&server).join("/?tenant=a%20b").unwrap());
    client.query_styles(1).await.expect("204 is declared");
    let request = only_request(&server).await;
    assert_eq!(raw_query(&request), "tenant=a%20b&limit=1");
}

#[tokio::test]
async fn unset_optional_query_parameters_are_left_out() {
    let server = server_answering(ResponseTemplate::new(204)).await;
    let client = Client::with_base_url(base_url(&server));
    client.query_styles(-3).await.expect("204 is declared");
    let request = only_request(&server).await;
    assert_eq!(raw_query(&request), "limit=-3");
}

#[tokio::test]
async fn header_and_cookie_parameters() {
    let server = server_answering(ResponseTemplate::new(204)).await;
    let client = Client::with_base_url(base_url(&server));
    client
        .headers_and_cookies(vec![1, 2], "s p;a,c\"e")
        .x_color(color())
        .x_color_flat(color())
        .prefs(vec!["dark".into(), "wide".into()])
        .tags(vec!["a".into(), "b".into()])
        .await
        .expect("204 is declared");
    let request = only_request(&server).await;
    assert_eq!(header_values(&request, "x-ids"), ["1,2"]);
    assert_eq!(header_values(&request, "x-color"), ["r=1,g=2"]);
    assert_eq!(header_values(&request, "x-color-flat"), ["r,1,g,2"]);
    // One `Cookie` header; values percent-encoded where a cookie cannot hold them;
    // `prefs` (explode: false) one cookie, `tags` (form's default explode) one per item.
    assert_eq!(
        header_values(&request, "cookie"),
        ["session=s%20p%3Ba%2Cc%22e; prefs=dark,wide; tags=a; tags=b"]
    );
}

#[tokio::test]
async fn unset_optional_headers_and_cookies_are_left_out() {
    let server = server_answering(ResponseTemplate::new(204)).await;
    let client = Client::with_base_url(base_url(&server));
    client
        .headers_and_cookies(vec![7], "abc")
        .await
        .expect("204 is declared");
    let request = only_request(&server).await;
    assert_eq!(header_values(&request, "x-ids"), ["7"]);
    assert!(header_values(&request, "x-color").is_empty());
    assert_eq!(header_values(&request, "cookie"), ["session=abc"]);
}

#[tokio::test]
async fn operation_level_parameters_override_path_level_ones() {
    let server = server_answering(ResponseTemplate::new(204)).await;
    let client = Client::with_base_url(base_url(&server));
    // `verbose` is an optional boolean on the path item, a required integer on `GET`.
    client
        .merged_parameters("a/b", 3)
        .x_trace("t-1")
        .await
        .expect("204 is declared");
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "GET");
    assert_eq!(request.url.path(), "/merged/a%2Fb");
    assert_eq!(raw_query(&request), "verbose=3");
    assert_eq!(header_values(&request, "x-trace"), ["t-1"]);
}

#[tokio::test]
async fn path_level_parameters_apply_to_every_operation() {
    let server = server_answering(ResponseTemplate::new(204)).await;
    let client = Client::with_base_url(base_url(&server));
    client
        .merged_defaults("7")
        .verbose(true)
        .await
        .expect("204 is declared");
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "DELETE");
    assert_eq!(request.url.path(), "/merged/7");
    assert_eq!(raw_query(&request), "verbose=true");
    assert!(header_values(&request, "x-trace").is_empty());
}

#[tokio::test]
async fn names_that_clash_with_builder_members_or_each_other() {
    let server = server_answering(ResponseTemplate::new(204)).await;
    let client = Client::with_base_url(base_url(&server));
    client
        .clashing_names("u", "b", Color { r: 3, g: 4 })
        .client_param("c")
        .request("r")
        .send_param("s")
        .header_param("h")
        .timeout_param(5)
        .id("query-id")
        .id_2("header-id")
        .r#type("t")
        .timeout(std::time::Duration::from_secs(5))
        .await
        .expect("204 is declared");
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url.path(), "/clash/u");
    assert_eq!(
        raw_query(&request),
        "body=b&client=c&request=r&send=s&header=h&timeout=5&id=query-id&type=t"
    );
    assert_eq!(header_values(&request, "id"), ["header-id"]);
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&request.body).unwrap(),
        serde_json::json!({"r": 3, "g": 4})
    );
}

#[tokio::test]
async fn parameters_described_by_json_content_are_sent_as_their_json_text() {
    let server = server_answering(ResponseTemplate::new(204)).await;
    let client = Client::with_base_url(base_url(&server));
    client
        .content_parameters(color())
        .r#where(ContentParametersWhere {
            name: Some("a&b".into()),
        })
        .x_tags(vec!["x".into(), "y z".into()])
        .raw("1,2")
        .await
        .expect("204 is declared");
    let request = only_request(&server).await;
    assert_eq!(
        request.url.path(),
        "/content/%7B%22r%22%3A1%2C%22g%22%3A2%7D"
    );
    assert_eq!(
        query_pairs(&request),
        pairs(&[("where", r#"{"name":"a&b"}"#), ("raw", "1,2")])
    );
    assert_eq!(header_values(&request, "x-tags"), [r#"["x","y z"]"#]);
}
