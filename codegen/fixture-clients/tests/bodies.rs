//! Request bodies on the wire: JSON and `+json`, urlencoded forms, multipart with files and
//! fields, bytes and streams, text, a choice of media types, and optional bodies.

mod common;

use common::{base_url, header_values, only_request, server_answering};
use fixture_clients::bodies::operations::{SendChoiceContent, UploadPhotoMultipart};
use fixture_clients::bodies::types::{Meta, Pet};
use fixture_clients::bodies::{Client, FilePart};
use serde_json::{json, Value};
use wiremock::{MockServer, ResponseTemplate};

fn pet() -> Pet {
    Pet {
        name: "Rex & Co".into(),
        age: Some(3),
    }
}

async fn start() -> (MockServer, Client) {
    let server = server_answering(ResponseTemplate::new(204)).await;
    let client = Client::with_base_url(base_url(&server));
    (server, client)
}

fn content_type(request: &wiremock::Request) -> String {
    header_values(request, "content-type").join(", ")
}

#[tokio::test]
async fn json_bodies() {
    let (server, client) = start().await;
    client.send_json(pet()).await.unwrap();
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(content_type(&request), "application/json");
    assert_eq!(
        serde_json::from_slice::<Value>(&request.body).unwrap(),
        json!({"name": "Rex & Co", "age": 3})
    );
}

#[tokio::test]
async fn plus_json_bodies_keep_their_media_type() {
    let (server, client) = start().await;
    client.send_vendor_json(pet()).await.unwrap();
    let request = only_request(&server).await;
    assert_eq!(content_type(&request), "application/vnd.pets+json");
    assert_eq!(
        serde_json::from_slice::<Value>(&request.body).unwrap(),
        json!({"name": "Rex & Co", "age": 3})
    );
}

#[tokio::test]
async fn urlencoded_form_bodies() {
    let (server, client) = start().await;
    client.send_form(pet()).await.unwrap();
    let request = only_request(&server).await;
    assert_eq!(content_type(&request), "application/x-www-form-urlencoded");
    assert_eq!(
        String::from_utf8(request.body).unwrap(),
        "name=Rex+%26+Co&age=3"
    );
}

#[tokio::test]
async fn form_bodies_write_nested_values_in_their_encoding_style() {
    use fixture_clients::bodies::types::{CreateChargeBody, CreateChargeBodyItem};
    let (server, client) = start().await;
    let body = CreateChargeBody {
        amount: 2000,
        description: Some(None),
        metadata: Some([("order".to_string(), "6735".to_string())].into()),
        items: Some(vec![
            CreateChargeBodyItem {
                price: Some("price_1".into()),
                quantity: Some(2),
            },
            CreateChargeBodyItem {
                price: Some("price 2".into()),
                quantity: None,
            },
        ]),
        tags: Some(vec!["a".into(), "b".into()]),
        codes: Some(vec![1, 2]),
        fields: Some(vec!["id".into(), "name".into()]),
        expand: Some(vec!["customer".into(), "invoice".into()]),
    };
    client.create_charge(body).await.unwrap();
    let request = only_request(&server).await;
    assert_eq!(content_type(&request), "application/x-www-form-urlencoded");
    // Decoded as a server decodes a form (through a query string, the same encoding).
    let body = String::from_utf8(request.body.clone()).unwrap();
    let pairs: Vec<(String, String)> = reqwest::Url::parse(&format!("http://form/?{body}"))
        .unwrap()
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let expected = [
        ("amount", "2000"),
        // `null` (clear it) is an empty value.
        ("description", ""),
        ("metadata[order]", "6735"),
        ("items[0][price]", "price_1"),
        ("items[0][quantity]", "2"),
        ("items[1][price]", "price 2"),
        ("tags", "a,b"),
        ("codes", "1|2"),
        ("fields", "id name"),
        // No `encoding`: `form`, exploded.
        ("expand", "customer"),
        ("expand", "invoice"),
    ];
    assert_eq!(
        pairs,
        expected
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect::<Vec<_>>()
    );
}

/// The parts of a multipart body: `(headers of the part, content)`, split at the boundary
/// the `Content-Type` header names.
fn multipart_parts(request: &wiremock::Request) -> Vec<(String, String)> {
    let content_type = content_type(request);
    let boundary = content_type
        .split("boundary=")
        .nth(1)
        .expect("a boundary")
        .to_string();
    let body = String::from_utf8(request.body.clone()).unwrap();
    body.split(&format!("--{boundary}"))
        .filter(|p| !p.trim().is_empty() && p.trim() != "--")
        .map(|p| {
            let p = p.strip_prefix("\r\n").unwrap_or(p);
            let p = p.strip_suffix("\r\n").unwrap_or(p);
            let (head, content) = p.split_once("\r\n\r\n").expect("part headers");
            (head.to_string(), content.to_string())
        })
        .collect()
}

#[tokio::test]
async fn multipart_bodies_with_files_and_fields() {
    let (server, client) = start().await;
    client
        .upload_photo(UploadPhotoMultipart {
            photo: FilePart::new(b"JPEGDATA".to_vec())
                .file_name("rex.jpg")
                .content_type("image/jpeg"),
            thumbnails: Some(vec![
                FilePart::new(b"PNG1".to_vec()).file_name("t1.png"),
                FilePart::new(b"PNG2".to_vec()),
            ]),
            caption: "Rex, asleep".into(),
            rating: Some(5),
            tags: Some(vec!["dog".into(), "sleep".into()]),
            meta: Some(Meta {
                source: Some("phone".into()),
                tags: None,
            }),
        })
        .await
        .unwrap();
    let request = only_request(&server).await;
    assert!(content_type(&request).starts_with("multipart/form-data; boundary="));
    let parts = multipart_parts(&request);
    let expected = [
        (
            "Content-Disposition: form-data; name=\"photo\"; filename=\"rex.jpg\"\r\nContent-Type: image/jpeg",
            "JPEGDATA",
        ),
        // No content type from the caller: the document's `encoding` gives `image/png`.
        (
            "Content-Disposition: form-data; name=\"thumbnails\"; filename=\"t1.png\"\r\nContent-Type: image/png",
            "PNG1",
        ),
        (
            "Content-Disposition: form-data; name=\"thumbnails\"\r\nContent-Type: image/png",
            "PNG2",
        ),
        ("Content-Disposition: form-data; name=\"caption\"", "Rex, asleep"),
        ("Content-Disposition: form-data; name=\"rating\"", "5"),
        ("Content-Disposition: form-data; name=\"tags\"", "dog"),
        ("Content-Disposition: form-data; name=\"tags\"", "sleep"),
        (
            "Content-Disposition: form-data; name=\"meta\"\r\nContent-Type: application/json",
            "{\"source\":\"phone\"}",
        ),
    ];
    let parts: Vec<(&str, &str)> = parts
        .iter()
        .map(|(h, c)| (h.as_str(), c.as_str()))
        .collect();
    assert_eq!(parts, expected);
}

#[tokio::test]
async fn a_bad_file_content_type_is_refused_before_sending() {
    let (server, client) = start().await;
    let error = client
        .upload_photo(UploadPhotoMultipart {
            photo: FilePart::new(b"x".to_vec()).content_type("not a type"),
            thumbnails: None,
            caption: "c".into(),
            rating: None,
            tags: None,
            meta: None,
        })
        .await
        .expect_err("the content type is invalid");
    assert!(
        matches!(&error, fixture_clients::bodies::Error::InvalidRequest(m) if m.contains("not a type")),
        "{error:?}"
    );
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn bytes_bodies() {
    let (server, client) = start().await;
    client.send_bytes(vec![0u8, 159, 146, 150]).await.unwrap();
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "PUT");
    assert_eq!(content_type(&request), "application/octet-stream");
    assert_eq!(request.body, [0u8, 159, 146, 150]);
}

#[tokio::test]
async fn streamed_bodies() {
    let (server, client) = start().await;
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> =
        vec![Ok(b"chunk one, ".to_vec()), Ok(b"chunk two".to_vec())];
    let stream = futures_util::stream::iter(chunks);
    client
        .send_image()
        .body(reqwest::Body::wrap_stream(stream))
        .await
        .unwrap();
    let request = only_request(&server).await;
    assert_eq!(content_type(&request), "image/png");
    assert_eq!(request.body, b"chunk one, chunk two");
}

#[tokio::test]
async fn text_bodies() {
    let (server, client) = start().await;
    client.send_text("héllo\nworld").await.unwrap();
    let request = only_request(&server).await;
    assert_eq!(content_type(&request), "text/plain");
    assert_eq!(String::from_utf8(request.body).unwrap(), "héllo\nworld");
}

#[tokio::test]
async fn the_caller_chooses_among_several_media_types() {
    let cases: Vec<(SendChoiceContent, &str, Vec<u8>)> = vec![
        (
            SendChoiceContent::Json(pet()),
            "application/json",
            br#"{"name":"Rex & Co","age":3}"#.to_vec(),
        ),
        (
            SendChoiceContent::Form(pet()),
            "application/x-www-form-urlencoded",
            b"name=Rex+%26+Co&age=3".to_vec(),
        ),
        (
            SendChoiceContent::Text("a,b\n1,2".into()),
            "text/csv",
            b"a,b\n1,2".to_vec(),
        ),
        (
            SendChoiceContent::Bytes(vec![1u8, 2, 3].into()),
            "application/octet-stream",
            vec![1, 2, 3],
        ),
    ];
    for (content, expected_type, expected_body) in cases {
        let (server, client) = start().await;
        client.send_choice(content).await.unwrap();
        let request = only_request(&server).await;
        assert_eq!(content_type(&request), expected_type);
        assert_eq!(request.body, expected_body, "{expected_type}");
    }
}

#[tokio::test]
async fn optional_bodies() {
    let (server, client) = start().await;
    client.send_optional().await.unwrap();
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "PATCH");
    assert!(request.body.is_empty());
    assert!(header_values(&request, "content-type").is_empty());

    let (server, client) = start().await;
    client.send_optional().body(pet()).await.unwrap();
    let request = only_request(&server).await;
    assert_eq!(content_type(&request), "application/json");
    assert_eq!(
        serde_json::from_slice::<Value>(&request.body).unwrap(),
        json!({"name": "Rex & Co", "age": 3})
    );
}
