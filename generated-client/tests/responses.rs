//! How the client reads each kind of response — declared errors, credentials,
//! and what the document does not describe — served by the typed mocks
//! (`oxen_hub_client::mock`): each mock answers as one declared response, or
//! raw where the document declares nothing.

use std::fmt::Debug;

use oxen_hub_client::mock::MockServer;
use oxen_hub_client::operations::{DeleteCustomModelError, GenerationsShowError, ModelsShowError};
use oxen_hub_client::{types, ApiError, Error, UnexpectedResponse};
use reqwest::StatusCode;
use serde_json::{json, Value};

const GENERATION_ID: &str = "0b0f6c5e-8a3e-4c7f-9d2b-6f1e2a3b4c5d";

fn expect_api<T: Debug, E: Debug>(result: Result<T, Error<E>>) -> ApiError<E> {
    match result {
        Err(Error::Api(e)) => *e,
        other => panic!("expected Error::Api, got {other:?}"),
    }
}

fn expect_unexpected<T: Debug, E: Debug>(result: Result<T, Error<E>>) -> UnexpectedResponse {
    match result {
        Err(Error::UnexpectedResponse(e)) => *e,
        other => panic!("expected Error::UnexpectedResponse, got {other:?}"),
    }
}

fn json_map(value: Value) -> serde_json::Map<String, Value> {
    match value {
        Value::Object(map) => map,
        other => panic!("not an object: {other}"),
    }
}

fn model(id: &str) -> types::Model {
    serde_json::from_value(json!({
        "id": id,
        "object": "model",
        "created": 1_700_000_000,
        "owned_by": "ox",
        "display_name": "Custom Flux"
    }))
    .expect("a valid Model")
}

// ---------------------------------------------------------------------------------------------
// Declared errors
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn generations_show_404_decodes_into_not_found() {
    let server = MockServer::start().await;
    server
        .generations_show()
        .with_generation_id(GENERATION_ID)
        .respond_not_found(json_map(json!({
            "status": "error",
            "status_message": "resource_not_found"
        })))
        .response_header("x-request-id", "req-404")
        .expect(1)
        .mount()
        .await;

    let api = expect_api(server.client().generations_show(GENERATION_ID).await);
    assert_eq!(api.status, StatusCode::NOT_FOUND);
    assert_eq!(api.headers["x-request-id"], "req-404");
    assert_eq!(
        api.body,
        br#"{"status":"error","status_message":"resource_not_found"}"#
    );
    assert_eq!(
        api.error,
        GenerationsShowError::NotFound(json_map(json!({
            "status": "error",
            "status_message": "resource_not_found"
        })))
    );
}

#[tokio::test]
async fn models_show_404_decodes_into_not_found() {
    let server = MockServer::start().await;
    server
        .models_show()
        .with_id("missing-model")
        .respond_not_found(json_map(json!({ "error": "not found" })))
        .expect(1)
        .mount()
        .await;

    let err = server
        .client()
        .models_show("missing-model")
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(StatusCode::NOT_FOUND));
    assert_eq!(
        err.api_error(),
        Some(&ModelsShowError::NotFound(json_map(
            json!({ "error": "not found" })
        )))
    );
}

#[tokio::test]
async fn delete_custom_model_decodes_model_and_its_404() {
    let server = MockServer::start().await;
    // `ox/my-model` is one path segment, `ox%2Fmy-model`, as the client sends it.
    server
        .delete_custom_model()
        .with_id("ox/my-model")
        .respond_ok(model("ox/my-model"))
        .expect(1)
        .mount()
        .await;
    server
        .delete_custom_model()
        .with_id("gone")
        .respond_not_found(json_map(json!({ "error": "gone" })))
        .expect(1)
        .mount()
        .await;

    let client = server.client();
    let deleted = client
        .delete_custom_model("ox/my-model")
        .await
        .expect("success");
    assert_eq!(deleted.id, "ox/my-model");
    assert_eq!(deleted.created, 1_700_000_000);

    let api = expect_api(client.delete_custom_model("gone").await);
    assert_eq!(api.status, StatusCode::NOT_FOUND);
    assert_eq!(
        api.error,
        DeleteCustomModelError::NotFound(json_map(json!({ "error": "gone" })))
    );
}

// ---------------------------------------------------------------------------------------------
// Credentials
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn bearer_token_is_sent_on_secured_operation() {
    let server = MockServer::start().await;
    server
        .fine_tune_index()
        .with_namespace("ox")
        .with_repo_name("demo")
        .with_header("authorization", "Bearer tok")
        .respond_ok(types::FineTuneListResponse {
            status: Some("success".into()),
            status_message: Some("resource_found".into()),
            fine_tunes: Some(vec![types::FineTune {
                id: Some("ft-1".into()),
                name: Some("first".into()),
                status: Some("running".into()),
                ..Default::default()
            }]),
        })
        .expect(1)
        .mount()
        .await;

    let client = server.client().with_bearer_token("tok");
    let response = client.fine_tune_index("ox", "demo").await.expect("success");
    let fine_tunes = response.fine_tunes.as_ref().unwrap();
    assert_eq!(fine_tunes.len(), 1);
    assert_eq!(fine_tunes[0].id.as_deref(), Some("ft-1"));
    assert_eq!(fine_tunes[0].status.as_deref(), Some("running"));
    assert_eq!(response.status.as_deref(), Some("success"));
}

// ---------------------------------------------------------------------------------------------
// Responses the document does not describe
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn undeclared_500_with_html_body_is_unexpected_response() {
    let server = MockServer::start().await;
    let html = "<html><body><h1>502 Bad Gateway</h1>\u{00e9}</body></html>";
    server
        .generate_image()
        .respond_raw(500, html)
        .response_header("content-type", "text/html")
        .response_header("x-request-id", "req-500")
        .expect(1)
        .mount()
        .await;

    let result = server.client().generate_image().await;
    let err = result.as_ref().unwrap_err();
    assert_eq!(err.status(), Some(StatusCode::INTERNAL_SERVER_ERROR));
    assert!(err.api_error().is_none());

    let unexpected = expect_unexpected(result);
    assert_eq!(unexpected.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(unexpected.headers["content-type"], "text/html");
    assert_eq!(unexpected.headers["x-request-id"], "req-500");
    assert_eq!(unexpected.body, html.as_bytes());
    assert_eq!(unexpected.body_text(), html);
    assert!(
        unexpected.reason.contains("500"),
        "reason: {}",
        unexpected.reason
    );
}

#[tokio::test]
async fn success_with_invalid_json_is_unexpected_response() {
    let server = MockServer::start().await;
    let body = "{\"images\": [ not json";
    server
        .generate_image()
        .respond_raw(200, body)
        .response_header("content-type", "application/json")
        .response_header("x-request-id", "req-bad-json")
        .expect(1)
        .mount()
        .await;

    let unexpected = expect_unexpected(server.client().generate_image().await);
    assert_eq!(unexpected.status, StatusCode::OK);
    assert_eq!(unexpected.headers["x-request-id"], "req-bad-json");
    assert_eq!(unexpected.body, body.as_bytes());
    assert!(!unexpected.reason.is_empty());
}

#[tokio::test]
async fn success_with_json_of_the_wrong_shape_is_unexpected_response() {
    let server = MockServer::start().await;
    // `created`, `object` and `owned_by` are required in Model.
    let body = r#"{"id":"flux-dev"}"#;
    server
        .models_show()
        .with_id("flux-dev")
        .respond_raw(200, body)
        .response_header("content-type", "application/json")
        .expect(1)
        .mount()
        .await;

    let unexpected = expect_unexpected(server.client().models_show("flux-dev").await);
    assert_eq!(unexpected.status, StatusCode::OK);
    assert_eq!(unexpected.body, body.as_bytes());
}

#[tokio::test]
async fn declared_error_status_with_non_json_body_is_unexpected_response() {
    let server = MockServer::start().await;
    let body = "Bad Request";
    server
        .generate_image()
        .respond_raw(400, body)
        .response_header("content-type", "text/plain")
        .expect(1)
        .mount()
        .await;

    let unexpected = expect_unexpected(server.client().generate_image().await);
    assert_eq!(unexpected.status, StatusCode::BAD_REQUEST);
    assert_eq!(unexpected.headers["content-type"], "text/plain");
    assert_eq!(unexpected.body, body.as_bytes());
}

#[tokio::test]
async fn undeclared_success_status_is_unexpected_response() {
    let server = MockServer::start().await;
    let body = json!({ "generation_id": GENERATION_ID, "status": "success" });
    server
        .queue_delete()
        .with_generation_id(GENERATION_ID)
        .respond_raw(202, body.to_string())
        .response_header("content-type", "application/json")
        .expect(1)
        .mount()
        .await;

    let unexpected = expect_unexpected(server.client().queue_delete(GENERATION_ID).await);
    assert_eq!(unexpected.status, StatusCode::ACCEPTED);
    assert_eq!(
        serde_json::from_slice::<Value>(&unexpected.body).unwrap(),
        body
    );
}
