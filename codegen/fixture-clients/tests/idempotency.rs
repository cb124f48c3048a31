//! Idempotency keys over the wire: an operation that declares the header gets
//! a fresh UUID on each call, the same one on each retry of the call; a POST
//! or PATCH without one is sent once, unless the client sends keys.

mod common;

use std::time::Duration;

use common::base_url;
use fixture_clients::idempotency::{types, Client, RetryPolicy};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// A server that answers `first` once, then `then`.
async fn server(first: u16, then: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(first))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(any()).respond_with(then).mount(&server).await;
    server
}

/// A client that retries twice with short waits.
fn client(server: &MockServer) -> Client {
    let policy = RetryPolicy::default()
        .initial_delay(Duration::from_millis(20))
        .max_delay(Duration::from_millis(50));
    Client::with_base_url(base_url(server)).with_retry_policy(policy)
}

/// The key each request carried, in `header`.
async fn keys(server: &MockServer, header: &str) -> Vec<Option<String>> {
    let requests: Vec<Request> = server.received_requests().await.unwrap();
    requests
        .iter()
        .map(|r| {
            r.headers
                .get(header)
                .map(|v| v.to_str().unwrap().to_string())
        })
        .collect()
}

fn charge() -> types::Charge {
    types::Charge {
        amount: Some(100),
        ..Default::default()
    }
}

fn charged() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(serde_json::json!({"id": "ch_1", "amount": 100}))
}

#[tokio::test]
async fn a_declared_key_is_fresh_for_each_call_and_the_same_on_each_retry() {
    let server = server(503, charged()).await;
    let client = client(&server);
    let response = client.create_charge(charge()).await.unwrap();
    assert_eq!(response.attempts(), 2);
    assert_eq!(response.id.as_deref(), Some("ch_1"));
    client.create_charge(charge()).await.unwrap();
    let keys = keys(&server, "idempotency-key").await;
    assert_eq!(keys.len(), 3);
    let first = keys[0].clone().expect("a key was sent");
    assert_eq!(uuid::Uuid::parse_str(&first).unwrap().get_version_num(), 4);
    assert_eq!(keys[1].as_ref(), Some(&first), "the retry kept the key");
    assert!(
        keys[2].is_some() && keys[2].as_ref() != Some(&first),
        "a new call, a new key"
    );
}

#[tokio::test]
async fn the_callers_own_key_is_sent_and_kept() {
    let server = server(500, charged()).await;
    let response = client(&server)
        .create_charge(charge())
        .idempotency_key("order-7")
        .await
        .unwrap();
    assert_eq!(response.attempts(), 2);
    let keys = keys(&server, "idempotency-key").await;
    assert_eq!(keys, [Some("order-7".into()), Some("order-7".into())]);
}

#[tokio::test]
async fn a_post_without_a_key_is_sent_once_and_its_503_returned() {
    let server = server(503, ResponseTemplate::new(201)).await;
    let error = client(&server).create_refund().await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(error.attempts(), 1);
    assert!(error.is_retryable(), "a 503 is of a kind a retry may cure");
    assert_eq!(keys(&server, "idempotency-key").await, [None]);
    // PATCH alike.
    let server = self::server(503, ResponseTemplate::new(204)).await;
    let error = client(&server).update_charge("ch_1").await.unwrap_err();
    assert_eq!(error.attempts(), 1);
}

#[tokio::test]
async fn a_client_that_sends_keys_retries_every_post_with_the_same_key() {
    let server = server(503, ResponseTemplate::new(201)).await;
    let client = client(&server).with_idempotency_keys(true);
    let response = client.create_refund().await.unwrap();
    assert_eq!(response.attempts(), 2);
    let keys = keys(&server, "idempotency-key").await;
    assert_eq!(keys.len(), 2);
    assert!(keys[0].is_some());
    assert_eq!(keys[0], keys[1]);

    // In a header of the client's choice; GET and PUT get none.
    let server = self::server(503, ResponseTemplate::new(204)).await;
    let client = self::client(&server)
        .with_idempotency_keys(true)
        .with_idempotency_header(reqwest::header::HeaderName::from_static("x-request-key"));
    assert_eq!(client.update_charge("ch_1").await.unwrap().attempts(), 2);
    let keys = self::keys(&server, "x-request-key").await;
    assert!(keys[0].is_some() && keys[0] == keys[1]);
    client.replace_charge("ch_1").await.unwrap();
    assert_eq!(self::keys(&server, "x-request-key").await[2], None);
}

#[tokio::test]
async fn a_key_set_by_hand_makes_a_post_retryable() {
    let server = server(502, ResponseTemplate::new(201)).await;
    let response = client(&server)
        .create_refund()
        .header(
            reqwest::header::HeaderName::from_static("idempotency-key"),
            reqwest::header::HeaderValue::from_static("by-hand"),
        )
        .await
        .unwrap();
    assert_eq!(response.attempts(), 2);
}

#[tokio::test]
async fn a_stream_body_is_never_sent_twice() {
    let server = server(503, ResponseTemplate::new(204)).await;
    let chunks: Vec<Result<&'static str, std::io::Error>> = vec![Ok("a"), Ok("b")];
    let body = reqwest::Body::wrap_stream(futures_util::stream::iter(chunks));
    let error = client(&server).upload(body).await.unwrap_err();
    assert_eq!(error.attempts(), 1);
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
    // Bytes can be sent again: a PUT of them is retried.
    let server = self::server(503, ResponseTemplate::new(204)).await;
    let response = client(&server).upload(b"ab".to_vec()).await.unwrap();
    assert_eq!(response.attempts(), 2);
}
