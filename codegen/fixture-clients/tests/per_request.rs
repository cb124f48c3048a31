//! Per-request control: extra headers and a timeout for one call, without rebuilding the
//! client; and a `reqwest::Client` the caller built.

mod common;

use std::time::{Duration, Instant};

use common::{base_url, header_values, only_request, server_answering};
use fixture_clients::per_request::{Client, Error};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use wiremock::ResponseTemplate;

fn ok() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(serde_json::json!({"message": "hi"}))
}

#[tokio::test]
async fn headers_for_one_request_only() {
    let server = server_answering(ok()).await;
    let client = Client::with_base_url(base_url(&server));
    let response = client
        .echo()
        .x_mode("fast")
        .header(
            HeaderName::from_static("x-request-id"),
            HeaderValue::from_static("r-1"),
        )
        .header(
            HeaderName::from_static("x-mode"),
            HeaderValue::from_static("added"),
        )
        .await
        .expect("200 is declared");
    assert_eq!(response.message.as_deref(), Some("hi"));
    client.echo().await.expect("200 is declared");

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2);
    assert_eq!(header_values(&requests[0], "x-request-id"), ["r-1"]);
    // A header the caller adds comes after the parameter's and does not replace it.
    assert_eq!(header_values(&requests[0], "x-mode"), ["fast", "added"]);
    // The next request from the same client has none of them.
    assert!(header_values(&requests[1], "x-request-id").is_empty());
    assert!(header_values(&requests[1], "x-mode").is_empty());
}

#[tokio::test]
async fn a_timeout_for_one_request_only() {
    let server = server_answering(ok().set_delay(Duration::from_millis(600))).await;
    let client = Client::with_base_url(base_url(&server));
    let started = Instant::now();
    let error = client
        .echo()
        .timeout(Duration::from_millis(50))
        .max_retries(0)
        .await
        .expect_err("the server is slower than the timeout");
    assert!(started.elapsed() < Duration::from_millis(500));
    match &error {
        Error::Transport { error, attempts: 1 } => assert!(error.is_timeout(), "{error:?}"),
        other => panic!("expected a transport error, got {other:?}"),
    }
    assert!(error.is_timeout());
    // Without it, the same client waits.
    let response = client.echo().await.expect("no timeout this time");
    assert_eq!(response.status().as_u16(), 200);
}

#[tokio::test]
async fn a_caller_built_reqwest_client_is_used() {
    let server = server_answering(ok()).await;
    let mut defaults = HeaderMap::new();
    defaults.insert("x-tenant", HeaderValue::from_static("acme"));
    let http = reqwest::Client::builder()
        .user_agent("fixture-test/1.0")
        .default_headers(defaults)
        .build()
        .unwrap();
    let client = Client::with_base_url(base_url(&server)).with_http_client(http);
    client.echo().await.expect("200 is declared");
    let request = only_request(&server).await;
    assert_eq!(header_values(&request, "user-agent"), ["fixture-test/1.0"]);
    assert_eq!(header_values(&request, "x-tenant"), ["acme"]);
}
