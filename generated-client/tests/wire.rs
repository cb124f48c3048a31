//! Runs the generated client against a real HTTP server on 127.0.0.1 (wiremock) and checks
//! exactly what goes over the wire and how each response is read.
//!
//! Every test checks both sides: wiremock matchers (which make a wrong request fall through
//! to wiremock's default 404), plus the raw request recorded by the server
//! (`received_requests`) for the exact path, query and body. How the client reads
//! responses is tested with the typed mocks in `tests/responses.rs` and `tests/mock.rs`.

use std::fmt::Debug;
use std::time::{Duration, Instant};

use oxen_hub_client::operations::GenerateImageError;
use oxen_hub_client::types;
use oxen_hub_client::{ApiError, Client, Error};
use reqwest::header::{HeaderName, HeaderValue};
use reqwest::StatusCode;
use serde_json::{json, Value};
use wiremock::matchers::{
    any, body_json, header, method, path, query_param, query_param_is_missing,
};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

fn client_for(server: &MockServer) -> Client {
    Client::with_base_url(server.uri().parse().unwrap())
}

/// The one request the server received (fails if it received any other number).
async fn only_request(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.expect("recording is on");
    assert_eq!(
        requests.len(),
        1,
        "expected exactly one request, got {:#?}",
        requests
            .iter()
            .map(|r| format!("{} {}", r.method, r.url))
            .collect::<Vec<_>>()
    );
    requests.remove(0)
}

async fn assert_nothing_sent(server: &MockServer) {
    let requests = server.received_requests().await.expect("recording is on");
    assert!(
        requests.is_empty(),
        "nothing should have been sent, got {:?}",
        requests
            .iter()
            .map(|r| r.url.to_string())
            .collect::<Vec<_>>()
    );
}

/// The query pairs of a received request, decoded and sorted (order on the wire is not part
/// of the contract, the set of pairs is).
fn sorted_query_pairs(request: &Request) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = request
        .url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    pairs.sort();
    pairs
}

fn header_values(request: &Request, name: &str) -> Vec<String> {
    request
        .headers
        .get_all(name)
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .collect()
}

fn expect_api<T: Debug, E: Debug>(result: Result<T, Error<E>>) -> ApiError<E> {
    match result {
        Err(Error::Api(e)) => *e,
        other => panic!("expected Error::Api, got {other:?}"),
    }
}

fn expect_invalid_request<T: Debug, E: Debug>(result: Result<T, Error<E>>) -> String {
    match result {
        Err(Error::InvalidRequest(message)) => message,
        other => panic!("expected Error::InvalidRequest, got {other:?}"),
    }
}

fn json_map(value: Value) -> serde_json::Map<String, Value> {
    match value {
        Value::Object(map) => map,
        other => panic!("not an object: {other}"),
    }
}

/// Decodes `%XX` escapes of a raw path segment (test-side, independent of the client).
fn percent_decode(raw: &str) -> String {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
            out.push(u8::from_str_radix(hex, 16).expect("valid percent escape"));
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

fn model_json(id: &str) -> Value {
    json!({
        "id": id,
        "object": "model",
        "created": 1_700_000_000,
        "owned_by": "ox",
        "display_name": "Custom Flux"
    })
}

const GENERATION_ID: &str = "0b0f6c5e-8a3e-4c7f-9d2b-6f1e2a3b4c5d";

// ---------------------------------------------------------------------------------------------
// 1-3. Request bodies and the responses of generate_image
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn generate_image_sends_exact_json_and_decodes_images() {
    let server = MockServer::start().await;
    let response_body = json!({
        "created": 1_700_000_123,
        "model": "black-forest-labs/flux-dev",
        "images": [
            { "url": "https://cdn.oxen.ai/img/1.png" },
            { "url": "https://cdn.oxen.ai/img/2.png", "revised_prompt": "a red fox, snow" }
        ]
    });
    Mock::given(method("POST"))
        .and(path("/api/ai/images/generate"))
        .and(header("content-type", "application/json"))
        .and(body_json(json!({
            "model": "black-forest-labs/flux-dev",
            "prompt": "a red fox in the snow",
            "n": 2
        })))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-request-id", "req-7f3a")
                .set_body_json(&response_body),
        )
        .expect(1)
        .mount(&server)
        .await;

    let client = client_for(&server);
    let response = client
        .generate_image()
        .body(types::ImageGenerateRequest {
            n: Some(2),
            ..types::ImageGenerateRequest::new(
                "black-forest-labs/flux-dev",
                "a red fox in the snow",
            )
        })
        .await
        .expect("a 200 with a valid body is a success");

    // The success's status and headers are readable.
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["x-request-id"], "req-7f3a");
    assert_eq!(response.headers()["content-type"], "application/json");

    // Deref reaches the body's fields.
    let urls: Vec<Option<&str>> = response
        .images
        .as_ref()
        .expect("images decoded")
        .iter()
        .map(|image| image.url.as_deref())
        .collect();
    assert_eq!(
        urls,
        [
            Some("https://cdn.oxen.ai/img/1.png"),
            Some("https://cdn.oxen.ai/img/2.png")
        ]
    );
    assert_eq!(response.created, Some(1_700_000_123));

    // into_inner gives the whole decoded body.
    assert_eq!(
        response.into_inner(),
        types::ImageGenerateResponse {
            created: Some(1_700_000_123),
            model: Some("black-forest-labs/flux-dev".into()),
            images: Some(vec![
                types::ImageGenerateResponseImage {
                    url: Some("https://cdn.oxen.ai/img/1.png".into()),
                    revised_prompt: None,
                },
                types::ImageGenerateResponseImage {
                    url: Some("https://cdn.oxen.ai/img/2.png".into()),
                    revised_prompt: Some("a red fox, snow".into()),
                },
            ]),
        }
    );

    // The raw request: exact JSON, None fields absent (not null), no query string.
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url.path(), "/api/ai/images/generate");
    assert_eq!(request.url.query(), None);
    assert_eq!(
        header_values(&request, "content-type"),
        ["application/json"]
    );
    let sent: Value = serde_json::from_slice(&request.body).expect("the body is JSON");
    assert_eq!(
        sent,
        json!({
            "model": "black-forest-labs/flux-dev",
            "prompt": "a red fox in the snow",
            "n": 2
        })
    );
    let sent_text = String::from_utf8(request.body.clone()).unwrap();
    assert!(
        !sent_text.contains("null"),
        "None must be absent: {sent_text}"
    );
    assert!(!sent_text.contains("seed") && !sent_text.contains("size"));
    // No credential configured, none sent.
    assert!(request.headers.get("authorization").is_none());
}

#[tokio::test]
async fn generate_image_400_decodes_into_bad_request() {
    let server = MockServer::start().await;
    let error_body = r#"{"error":"invalid_prompt","message":"prompt must not be empty","details":{"field":"prompt"}}"#;
    Mock::given(method("POST"))
        .and(path("/api/ai/images/generate"))
        .respond_with(
            ResponseTemplate::new(400)
                .insert_header("x-request-id", "req-400")
                .set_body_raw(error_body, "application/json"),
        )
        .expect(1)
        .mount(&server)
        .await;

    let client = client_for(&server);
    let result = client
        .generate_image()
        .body(types::ImageGenerateRequest {
            model: "flux".into(),
            prompt: String::new(),
            ..Default::default()
        })
        .await;

    // The accessors on Error agree with the variant's fields.
    let err = result.as_ref().unwrap_err();
    assert_eq!(err.status(), Some(StatusCode::BAD_REQUEST));
    assert_eq!(err.body(), Some(error_body.as_bytes()));
    assert_eq!(err.headers().unwrap()["x-request-id"], "req-400");
    assert!(matches!(
        err.api_error(),
        Some(GenerateImageError::BadRequest(_))
    ));

    let api = expect_api(result);
    assert_eq!(api.status, StatusCode::BAD_REQUEST);
    assert_eq!(api.headers["x-request-id"], "req-400");
    assert_eq!(api.headers["content-type"], "application/json");
    assert_eq!(api.body, error_body.as_bytes());
    assert_eq!(
        api.error,
        GenerateImageError::BadRequest(json_map(json!({
            "error": "invalid_prompt",
            "message": "prompt must not be empty",
            "details": { "field": "prompt" }
        })))
    );

    // The body that was sent: prompt is required, so it is present even when empty.
    let request = only_request(&server).await;
    let sent: Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(sent, json!({ "model": "flux", "prompt": "" }));
}

#[tokio::test]
async fn generate_image_without_body_sends_no_body_and_no_content_type() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/ai/images/generate"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .expect(1)
        .mount(&server)
        .await;

    let client = client_for(&server);
    let response = client
        .generate_image()
        .send()
        .await
        .expect("an empty object is a valid ImageGenerateResponse");
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(*response, types::ImageGenerateResponse::default());

    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url.path(), "/api/ai/images/generate");
    assert_eq!(request.url.query(), None);
    assert!(
        request.body.is_empty(),
        "no body expected, got {:?}",
        String::from_utf8_lossy(&request.body)
    );
    assert!(
        request.headers.get("content-type").is_none(),
        "no Content-Type expected, got {:?}",
        request.headers.get("content-type")
    );
    if let Some(length) = request.headers.get("content-length") {
        assert_eq!(length, "0");
    }
}

// ---------------------------------------------------------------------------------------------
// 4. Optional query parameters
// ---------------------------------------------------------------------------------------------

fn generations_list_json() -> Value {
    json!({
        "count": 1,
        "generations": [{
            "generation_id": GENERATION_ID,
            "enqueued_at": 1_700_000_000,
            "completed_at": 1_700_000_042,
            "media_type": "image",
            "model_name": "flux-dev",
            "status": "succeeded",
            "result_url": "https://cdn.oxen.ai/gen/1.png",
            "cost": "0.04"
        }],
        "page_number": 2,
        "page_size": 20,
        "total_cost": "0.04",
        "total_entries": 21,
        "total_pages": 2
    })
}

#[tokio::test]
async fn generations_index_sends_only_the_query_params_that_are_set() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/ai/generations"))
        .and(query_param("page", "2"))
        .and(query_param("status", "succeeded"))
        .and(query_param("media_type", "image"))
        .and(query_param("namespace", "my org&x=1 #frag"))
        .and(query_param_is_missing("model"))
        .and(query_param_is_missing("repo"))
        .and(query_param_is_missing("folder"))
        .and(query_param_is_missing("page_size"))
        .respond_with(ResponseTemplate::new(200).set_body_json(generations_list_json()))
        .expect(1)
        .mount(&server)
        .await;

    let client = client_for(&server);
    let response = client
        .generations_index()
        .page(2)
        .status(types::Status::Succeeded)
        .media_type(types::MediaType::Image)
        .namespace("my org&x=1 #frag")
        .await
        .expect("success");

    assert_eq!(response.count, 1);
    assert_eq!(response.page_number, 2);
    assert_eq!(response.total_cost.as_deref(), Some("0.04"));
    assert_eq!(response.total_entries, 21);
    let generation = &response.generations[0];
    assert_eq!(generation.generation_id.to_string(), GENERATION_ID);
    assert_eq!(generation.status, types::Status::Succeeded);
    assert_eq!(generation.media_type, types::MediaType::Image);
    assert_eq!(generation.completed_at, Some(1_700_000_042));
    assert_eq!(generation.started_at, None);

    let request = only_request(&server).await;
    assert_eq!(request.url.path(), "/api/ai/generations");
    assert_eq!(
        sorted_query_pairs(&request),
        [
            ("media_type".to_string(), "image".to_string()),
            ("namespace".to_string(), "my org&x=1 #frag".to_string()),
            ("page".to_string(), "2".to_string()),
            ("status".to_string(), "succeeded".to_string()),
        ]
    );
    // The special characters are escaped, not sent raw.
    let raw_query = request.url.query().unwrap();
    assert!(!raw_query.contains(' ') && !raw_query.contains('#'));
    assert_eq!(raw_query.matches('&').count(), 3, "raw query: {raw_query}");
}

#[tokio::test]
async fn generations_index_without_params_sends_no_query_string() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/ai/generations"))
        .and(query_param_is_missing("page"))
        .and(query_param_is_missing("status"))
        .and(query_param_is_missing("namespace"))
        .respond_with(ResponseTemplate::new(200).set_body_json(generations_list_json()))
        .expect(1)
        .mount(&server)
        .await;

    let client = client_for(&server);
    client.generations_index().await.expect("success");

    let request = only_request(&server).await;
    assert_eq!(request.url.path(), "/api/ai/generations");
    assert_eq!(request.url.query(), None, "not even an empty `?`");
}

#[tokio::test]
async fn enum_query_param_other_value_is_sent_verbatim() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/ai/models/flux-dev"))
        .and(query_param("deployment_status", "cached"))
        .respond_with(ResponseTemplate::new(200).set_body_json(model_json("flux-dev")))
        .expect(1)
        .mount(&server)
        .await;

    let client = client_for(&server);
    let model = client
        .models_show("flux-dev")
        .deployment_status(types::ModelsShowDeploymentStatus::Other("cached".into()))
        .await
        .expect("success");
    assert_eq!(model.id, "flux-dev");

    let request = only_request(&server).await;
    assert_eq!(request.url.query(), Some("deployment_status=cached"));
}

// ---------------------------------------------------------------------------------------------
// 5. Path parameter encoding
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn path_parameter_is_sent_as_one_percent_encoded_segment() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/ai/models/a%2Fb%3Fc%23d%20e%25"))
        .respond_with(ResponseTemplate::new(200).set_body_json(model_json("a/b?c#d e%")))
        .expect(1)
        .mount(&server)
        .await;

    let client = client_for(&server);
    let model = client.models_show("a/b?c#d e%").await.expect("success");
    assert_eq!(model.id, "a/b?c#d e%");
    assert_eq!(model.object, types::ModelObject::Model);
    assert_eq!(model.owned_by, "ox");
    assert_eq!(model.display_name.as_deref(), Some("Custom Flux"));

    let request = only_request(&server).await;
    assert_eq!(request.url.path(), "/api/ai/models/a%2Fb%3Fc%23d%20e%25");
    assert_eq!(
        request.url.query(),
        None,
        "`?` in the value starts no query"
    );
    assert_eq!(request.url.fragment(), None);
    let segments: Vec<&str> = request.url.path_segments().unwrap().collect();
    assert_eq!(segments.len(), 4);
    assert_eq!(percent_decode(segments[3]), "a/b?c#d e%");
}

#[tokio::test]
async fn path_parameter_unicode_and_backslash_are_encoded() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(model_json("x")))
        .mount(&server)
        .await;

    let client = client_for(&server);
    client.models_show(r"ü\..").await.expect("success");

    let request = only_request(&server).await;
    assert_eq!(request.url.path(), "/api/ai/models/%C3%BC%5C..");
}

#[tokio::test]
async fn dot_segments_and_empty_path_parameters_are_rejected_before_sending() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(model_json("x")))
        .expect(0)
        .mount(&server)
        .await;

    let client = client_for(&server);
    for value in ["..", ".", ""] {
        let message = expect_invalid_request(client.models_show(value).await);
        assert!(!message.is_empty());
        let message = expect_invalid_request(client.delete_custom_model(value).await);
        assert!(!message.is_empty());
        let message = expect_invalid_request(client.fine_tune_index(value, "repo").await);
        assert!(!message.is_empty());
        let message = expect_invalid_request(client.fine_tune_index("ns", value).await);
        assert!(!message.is_empty());
    }
    // InvalidRequest carries no response.
    let err = client.models_show("..").await.unwrap_err();
    assert_eq!(err.status(), None);
    assert!(err.headers().is_none() && err.body().is_none());

    assert_nothing_sent(&server).await;
}

#[tokio::test]
async fn path_parameter_with_tab_or_newline_is_never_silently_altered() {
    let server = MockServer::start().await;
    let client = client_for(&server);
    for value in ["a\tb", "x\ny\rz", "\n", ".\r"] {
        server.reset().await;
        Mock::given(any())
            .respond_with(ResponseTemplate::new(200).set_body_json(model_json("x")))
            .mount(&server)
            .await;
        match client.models_show(value).await {
            // Rejecting the value is fine, as long as nothing was sent.
            Err(Error::InvalidRequest(_)) => assert_nothing_sent(&server).await,
            // Sending it is fine, as long as it arrives as one segment, unaltered.
            _ => {
                let request = only_request(&server).await;
                let segments: Vec<&str> = request.url.path_segments().unwrap().collect();
                assert_eq!(
                    segments.len(),
                    4,
                    "{value:?} must stay one segment under /api/ai/models, sent {}",
                    request.url.path()
                );
                assert_eq!(&segments[..3], ["api", "ai", "models"]);
                assert_eq!(
                    percent_decode(segments[3]),
                    value,
                    "{value:?} was altered on the wire: {}",
                    request.url.path()
                );
            }
        }
    }
}

#[tokio::test]
async fn dot_segment_hidden_by_a_tab_cannot_escape_the_operation_path() {
    let server = MockServer::start().await;
    let client = client_for(&server);
    for id in [".\t.", ".\n.", "\r..", "..\t"] {
        server.reset().await;
        Mock::given(any())
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
            .mount(&server)
            .await;
        match client.fine_tune_delete("ns", "repo", id).await {
            Err(Error::InvalidRequest(_)) => assert_nothing_sent(&server).await,
            _ => {
                let request = only_request(&server).await;
                let segments: Vec<&str> = request.url.path_segments().unwrap().collect();
                assert_eq!(
                    &segments[..segments.len().min(5)],
                    ["api", "repos", "ns", "repo", "fine_tunes"],
                    "{id:?} escaped the operation path: DELETE {}",
                    request.url.path()
                );
                assert_eq!(segments.len(), 6, "DELETE {}", request.url.path());
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 6. DELETE
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn queue_delete_sends_delete_and_decodes_response() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path(format!("/api/ai/queue/{GENERATION_ID}")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "generation_id": GENERATION_ID,
            "status": "success"
        })))
        .expect(1)
        .mount(&server)
        .await;

    let client = client_for(&server);
    let response = client.queue_delete(GENERATION_ID).await.expect("success");
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.into_inner(),
        types::QueueDeleteResponse {
            generation_id: GENERATION_ID.parse().unwrap(),
            status: types::QueueDeleteResponseStatus::Success,
        }
    );

    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "DELETE");
    assert_eq!(request.url.path(), format!("/api/ai/queue/{GENERATION_ID}"));
    assert_eq!(request.url.query(), None);
    assert!(request.body.is_empty());
    assert!(request.headers.get("content-type").is_none());
}

// ---------------------------------------------------------------------------------------------
// 7. Bearer token (sending it: `tests/responses.rs`)
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn no_authorization_header_without_a_token() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/repos/ox/demo/fine_tunes"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .expect(1)
        .mount(&server)
        .await;

    let client = client_for(&server);
    client.fine_tune_index("ox", "demo").await.expect("success");
    let request = only_request(&server).await;
    assert!(request.headers.get("authorization").is_none());
}

#[tokio::test]
async fn debug_output_never_shows_the_token() {
    let secret = "sk-very-secret-9f8e7d6c5b4a";
    let client = Client::new().with_bearer_token(secret);

    let debug = format!("{client:?}");
    let pretty = format!("{client:#?}");
    for text in [&debug, &pretty] {
        assert!(!text.contains(secret), "token leaked: {text}");
        assert!(!text.contains("9f8e7d6c5b4a"), "token leaked: {text}");
    }
    assert!(debug.contains("Secret(***)"), "{debug}");

    // The builders hold the client; their Debug must not leak it either.
    let builder = client.fine_tune_index("ox", "demo");
    let builder_debug = format!("{builder:?}");
    assert!(!builder_debug.contains(secret), "{builder_debug}");
    drop(builder);

    // Clones keep the token hidden as well.
    let clone_debug = format!("{:?}", client.clone());
    assert!(!clone_debug.contains(secret), "{clone_debug}");
}

// ---------------------------------------------------------------------------------------------
// 8. Undeclared path parameters and the literal `*resource_path`
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn create_evaluation_sends_the_resource_path_with_its_slashes() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(
            "/api/repos/ox-ns/demo-repo/evaluations/main/datasets/training.parquet",
        ))
        .and(header("authorization", "Bearer tok"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "status": "success",
            "status_message": "resource_created",
            "evaluation": { "name": "eval-1", "status": "queued" }
        })))
        .expect(1)
        .mount(&server)
        .await;

    let client = client_for(&server).with_bearer_token("tok");
    let response = client
        .create_evaluation("ox-ns", "demo-repo", "main/datasets/training.parquet")
        .await
        .expect("success");
    assert_eq!(response.status.as_deref(), Some("success"));
    assert_eq!(
        response.evaluation.as_ref().unwrap().name.as_deref(),
        Some("eval-1")
    );

    let request = only_request(&server).await;
    assert_eq!(request.url.query(), None);
    assert!(request.body.is_empty());
}

#[tokio::test]
async fn create_evaluation_encodes_each_piece_and_refuses_dot_segments() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(
            "/api/repos/a%2Fb/c%20d/evaluations/my%20branch/data%3F/x%23.csv",
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .expect(1)
        .mount(&server)
        .await;

    let client = client_for(&server);
    client
        .create_evaluation("a/b", "c d", "my branch/data?/x#.csv")
        .await
        .expect("success");
    let request = only_request(&server).await;
    assert_eq!(
        request.url.path(),
        "/api/repos/a%2Fb/c%20d/evaluations/my%20branch/data%3F/x%23.csv"
    );
    // `.`, `..` and empty pieces never leave the client.
    for resource_path in ["main/../../secrets", "./x", "main//x", "main/"] {
        let e = client
            .create_evaluation("a/b", "c d", resource_path)
            .await
            .unwrap_err();
        assert!(
            matches!(e, oxen_hub_client::Error::InvalidRequest(_)),
            "{resource_path}: {e}"
        );
    }
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn undeclared_path_parameters_are_placed_in_order() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/repos/the-ns/the-repo/fine_tunes/ft-42"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "fine_tune": { "id": "ft-42", "name": "forty-two" }
        })))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/repos/the-ns/the-repo/evaluations/ev-7"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "evaluation": { "name": "seven" }
        })))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(
            "/api/repos/the-ns/the-repo/fine_tunes/ft-42/checkpoints/1500/deploy",
        ))
        .and(query_param("retry", "true"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .expect(1)
        .mount(&server)
        .await;

    let client = client_for(&server);
    // fine_tune_show(id, namespace, repo_name)
    let shown = client
        .fine_tune_show("the-ns", "the-repo", "ft-42")
        .await
        .expect("success");
    assert_eq!(
        shown.fine_tune.as_ref().unwrap().name.as_deref(),
        Some("forty-two")
    );
    // get_evaluation(evaluation_id, namespace, repo_name)
    let evaluation = client
        .get_evaluation("the-ns", "the-repo", "ev-7")
        .await
        .expect("success");
    assert_eq!(
        evaluation.evaluation.as_ref().unwrap().name.as_deref(),
        Some("seven")
    );
    // create_checkpoint_deployment(id, step, namespace, repo_name)
    client
        .create_checkpoint_deployment("the-ns", "the-repo", "ft-42", 1500)
        .retry(true)
        .await
        .expect("success");

    let requests = server.received_requests().await.unwrap();
    let paths: Vec<(&str, &str, Option<&str>)> = requests
        .iter()
        .map(|r| (r.method.as_str(), r.url.path(), r.url.query()))
        .collect();
    assert_eq!(
        paths,
        [
            ("GET", "/api/repos/the-ns/the-repo/fine_tunes/ft-42", None),
            ("GET", "/api/repos/the-ns/the-repo/evaluations/ev-7", None),
            (
                "POST",
                "/api/repos/the-ns/the-repo/fine_tunes/ft-42/checkpoints/1500/deploy",
                Some("retry=true")
            ),
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// 9. Per-request headers and timeout
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn per_request_headers_are_sent_on_that_request_only() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/ai/models"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "object": "list",
            "data": [model_json("flux-dev")]
        })))
        .expect(2)
        .mount(&server)
        .await;

    let client = client_for(&server).with_bearer_token("tok");
    let models = client
        .models_index()
        .provider_name("fal")
        .header(
            HeaderName::from_static("x-trace-id"),
            HeaderValue::from_static("trace-1"),
        )
        .header(
            HeaderName::from_static("x-tag"),
            HeaderValue::from_static("a"),
        )
        .header(
            HeaderName::from_static("x-tag"),
            HeaderValue::from_static("b"),
        )
        .timeout(Duration::from_secs(30))
        .await
        .expect("success");
    assert_eq!(models.object, types::ListModelsResponseObject::List);
    assert_eq!(models.data.len(), 1);
    assert_eq!(models.data[0].id, "flux-dev");

    client.models_index().await.expect("success");

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2);
    let first = &requests[0];
    assert_eq!(first.url.query(), Some("provider_name=fal"));
    assert_eq!(header_values(first, "x-trace-id"), ["trace-1"]);
    assert_eq!(header_values(first, "x-tag"), ["a", "b"]);
    assert_eq!(header_values(first, "authorization"), ["Bearer tok"]);

    let second = &requests[1];
    assert_eq!(second.url.query(), None);
    assert!(second.headers.get("x-trace-id").is_none());
    assert!(second.headers.get("x-tag").is_none());
    assert_eq!(header_values(second, "authorization"), ["Bearer tok"]);
}

#[tokio::test]
async fn per_request_timeout_gives_transport_error_quickly() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/ai/models"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({ "object": "list", "data": [] }))
                .set_delay(Duration::from_secs(3)),
        )
        .mount(&server)
        .await;

    let client = client_for(&server);
    let started = Instant::now();
    let result = client
        .models_index()
        .timeout(Duration::from_millis(200))
        .max_retries(0)
        .await;
    let elapsed = started.elapsed();

    match result {
        Err(Error::Transport { error, attempts: 1 }) => {
            assert!(error.is_timeout(), "not a timeout: {error:?}")
        }
        other => panic!("expected Error::Transport, got {other:?}"),
    }
    assert!(
        elapsed < Duration::from_millis(2000),
        "the timeout took {elapsed:?}"
    );
    assert!(
        elapsed >= Duration::from_millis(200),
        "too early: {elapsed:?}"
    );

    // The request did go out (the timeout is on the response).
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
}

#[tokio::test]
async fn unreachable_server_is_a_transport_error() {
    // Bind then drop a listener, so the port is (almost certainly) closed.
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let client = Client::with_base_url(format!("http://127.0.0.1:{port}").parse().unwrap());
    let err = client.models_index().await.unwrap_err();
    match &err {
        // A GET is retried twice by default.
        Error::Transport { error, attempts: 3 } => assert!(error.is_connect(), "{error:?}"),
        other => panic!("expected Error::Transport, got {other:?}"),
    }
    assert_eq!(err.status(), None);
    assert!(err.body().is_none());
}

// ---------------------------------------------------------------------------------------------
// 10. Base URL
// ---------------------------------------------------------------------------------------------

#[test]
fn default_base_url_is_the_hub() {
    assert_eq!(Client::new().base_url().as_str(), "https://hub.oxen.ai/");
    assert_eq!(
        Client::default().base_url().as_str(),
        "https://hub.oxen.ai/"
    );
    assert_eq!(Client::DEFAULT_BASE_URL, "https://hub.oxen.ai");
}

#[tokio::test]
async fn base_url_with_a_path_prefix_keeps_the_prefix() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/proxy/hub/api/ai/models/flux-dev"))
        .respond_with(ResponseTemplate::new(200).set_body_json(model_json("flux-dev")))
        .expect(2)
        .mount(&server)
        .await;

    for base in [
        format!("{}/proxy/hub", server.uri()),
        format!("{}/proxy/hub/", server.uri()),
    ] {
        let client = Client::with_base_url(base.parse().unwrap());
        assert_eq!(client.base_url().as_str(), base);
        let model = client.models_show("flux-dev").await.expect("success");
        assert_eq!(model.id, "flux-dev");
    }

    let requests = server.received_requests().await.unwrap();
    let paths: Vec<&str> = requests.iter().map(|r| r.url.path()).collect();
    assert_eq!(
        paths,
        [
            "/proxy/hub/api/ai/models/flux-dev",
            "/proxy/hub/api/ai/models/flux-dev"
        ]
    );
}
