//! Names the generator makes up itself (`…Multipart`, `…Content`, `…Outcome`,
//! `…Headers`, `…Error`, builder members, credential setters, group methods),
//! each taken by something else too: every one gets a name of its own, and
//! each works on the wire under it.

mod common;

use common::{base_url, header_values, only_request, query_pairs, server_answering};
use fixture_clients::synthesized_names::operations::{
    PetContent, PetError, PetHeaders, PetMultipart, PetMultipart2, PetOutcome,
};
use fixture_clients::synthesized_names::{types, Client, Error, FilePart};
use serde_json::json;
use wiremock::ResponseTemplate;

fn body_text(request: &wiremock::Request) -> String {
    String::from_utf8(request.body.clone()).unwrap()
}

#[tokio::test]
async fn each_multipart_media_type_has_its_own_struct() {
    let server = server_answering(ResponseTemplate::new(204)).await;
    let client = Client::with_base_url(base_url(&server));
    let body = PetContent::MultipartXWwwFormUrlencoded(PetMultipart2 {
        note: Some("second".into()),
    });
    client.pet("p1", body).await.unwrap();
    let request = only_request(&server).await;
    let content_type = header_values(&request, "content-type").join(", ");
    assert!(
        content_type.starts_with("multipart/form-data; boundary="),
        "{content_type}"
    );
    let text = body_text(&request);
    assert!(text.contains("name=\"note\"\r\n\r\nsecond\r\n"), "{text}");

    let server = server_answering(ResponseTemplate::new(204)).await;
    let client = Client::with_base_url(base_url(&server));
    let body = PetContent::MultipartFormData(PetMultipart {
        photo: Some(FilePart::new(b"one".to_vec()).file_name("a.png")),
        // The part `Photo`, beside `photo`.
        photo_2: Some(FilePart::new(b"two".to_vec()).file_name("b.png")),
        note: Some(types::PetNote2 {
            text: Some("first".into()),
        }),
    });
    client.pet("p1", body).await.unwrap();
    let text = body_text(&only_request(&server).await);
    assert!(
        text.contains("name=\"photo\"; filename=\"a.png\""),
        "{text}"
    );
    assert!(
        text.contains("name=\"Photo\"; filename=\"b.png\""),
        "{text}"
    );
    assert!(text.contains(r#"{"text":"first"}"#), "{text}");
}

#[tokio::test]
async fn parameters_named_like_builder_members_and_credentials_named_like_client_members_are_sent()
{
    let server = server_answering(ResponseTemplate::new(204)).await;
    let client = Client::with_base_url(base_url(&server))
        // The schemes keyed `http`, `base_url` and `http_client`.
        .with_http_2("header-key")
        .with_base_url_2("query-key")
        .with_http_client_2("cookie-key");
    let body = PetContent::Json(types::PetContent {
        name: Some("Rex".into()),
    });
    client
        .pet("p1", body)
        .client_param("c")
        .body_param("b")
        .body_param_2("b2")
        .header_param("h")
        .type_2("T")
        .id_2("header-id")
        .await
        .unwrap();
    let request = only_request(&server).await;
    let query = query_pairs(&request);
    for (name, value) in [
        ("client", "c"),
        ("body", "b"),
        ("body_param", "b2"),
        ("Type", "T"),
        ("id", "p1"),
        ("base", "query-key"),
    ] {
        assert!(
            query.contains(&(name.to_string(), value.to_string())),
            "{name}={value} in {query:?}"
        );
    }
    assert_eq!(header_values(&request, "header"), ["h"]);
    assert_eq!(header_values(&request, "id"), ["header-id"]);
    assert_eq!(header_values(&request, "x-http"), ["header-key"]);
    assert_eq!(header_values(&request, "cookie"), ["hc=cookie-key"]);
    // The client's own `base_url` is still the server's.
    assert_eq!(client.base_url(), &base_url(&server));
}

#[tokio::test]
async fn outcome_headers_and_errors_have_names_of_their_own() {
    let server = server_answering(
        ResponseTemplate::new(200)
            .insert_header("X-Rate", "5")
            .insert_header("x_rate", "slow")
            .insert_header("X-Kind", "b")
            .set_body_json(json!({"name": "Rex"})),
    )
    .await;
    let client = Client::with_base_url(base_url(&server));
    let response = client
        .pet("p1", PetContent::Json(types::PetContent::default()))
        .await
        .unwrap();
    let headers = PetHeaders::from(response.headers());
    assert_eq!(headers.x_rate, Some(5));
    assert_eq!(headers.x_rate_2.as_deref(), Some("slow"));
    assert_eq!(headers.x_kind, Some(types::PetXKindHeader2::B));
    assert_eq!(
        *response,
        PetOutcome::Ok(types::PetOutcome {
            name: Some("Rex".into())
        })
    );

    let server =
        server_answering(ResponseTemplate::new(400).set_body_json(json!({"reason": "no"}))).await;
    let client = Client::with_base_url(base_url(&server));
    let error = client
        .pet("p1", PetContent::Json(types::PetContent::default()))
        .await
        .unwrap_err();
    let Error::Api(e) = error else {
        panic!("a declared error: {error:?}");
    };
    assert_eq!(
        e.error,
        PetError::BadRequest(types::PetBadRequest2 {
            reason: Some("no".into())
        })
    );
}

#[tokio::test]
async fn operations_named_like_client_methods_keep_both() {
    // The client's URL builder (its variables `url` and `value` named apart
    // from its own locals), and the operation that would have had its name.
    assert_eq!(
        Client::server_url(None, Some("v2"), Some("y"))
            .unwrap()
            .as_str(),
        "https://eu.example.com/v2/y"
    );
    assert_eq!(
        Client::server_url(None, None, None).unwrap().as_str(),
        "https://eu.example.com/v1/x"
    );
    assert!(Client::server_url(None, None, Some("z")).is_err());
    let server = server_answering(ResponseTemplate::new(204)).await;
    let client = Client::with_base_url(base_url(&server)).with_bearer_token("t");
    client.server_url_operation().await.unwrap();
    client.with_bearer_token_operation().await.unwrap();
    client.with_bearer_token_provider_operation().await.unwrap();
    client.pet_multipart2().await.unwrap();
    let requests = server.received_requests().await.unwrap();
    let paths: Vec<&str> = requests.iter().map(|r| r.url.path()).collect();
    assert_eq!(
        paths,
        [
            "/client/server_url",
            "/client/credentials",
            "/client/credentials",
            "/pet/multipart2"
        ]
    );
    assert!(requests
        .iter()
        .all(|r| header_values(r, "authorization") == ["Bearer t"]));
}
