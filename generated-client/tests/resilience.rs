//! Requests that survive the real network, against a real server on 127.0.0.1 (wiremock):
//! retries with backoff and `Retry-After`, which requests are retried, idempotency keys,
//! timeouts, hooks, a refreshing credential and the User-Agent (the tracing span has a
//! test binary of its own: `tests/spans.rs`).
//!
//! Waits are checked against bounds (a gap at least this, at most that), with short
//! delays set on the client's retry policy, never by sleeping and hoping.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use oxen_hub_client::{
    types, BoxError, BoxFuture, Client, CredentialProvider, Error, Hook, RequestInfo, ResponseInfo,
    RetryPolicy, Secret,
};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// Answers with each response in turn (the last one again after that), noting when each
/// request came.
#[derive(Clone)]
struct Sequence {
    responses: Vec<ResponseTemplate>,
    seen: Arc<Mutex<Vec<(Instant, Request)>>>,
}

impl Respond for Sequence {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let mut seen = self.seen.lock().unwrap();
        seen.push((Instant::now(), request.clone()));
        let i = (seen.len() - 1).min(self.responses.len() - 1);
        self.responses[i].clone()
    }
}

/// A server whose `route` (method and path) answers `responses` in turn.
async fn serve(route: (&str, &str), responses: Vec<ResponseTemplate>) -> (MockServer, Sequence) {
    let server = MockServer::start().await;
    let sequence = Sequence {
        responses,
        seen: Default::default(),
    };
    Mock::given(method(route.0))
        .and(path(route.1))
        .respond_with(sequence.clone())
        .mount(&server)
        .await;
    (server, sequence)
}

const MODELS: (&str, &str) = ("GET", "/api/ai/models");
const GENERATE: (&str, &str) = ("POST", "/api/ai/images/generate");

fn models() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({ "object": "list", "data": [] }))
}

fn images() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({ "images": [] }))
}

fn status(code: u16) -> ResponseTemplate {
    ResponseTemplate::new(code)
}

fn request() -> types::ImageGenerateRequest {
    types::ImageGenerateRequest {
        model: "black-forest-labs/flux-1-schnell".into(),
        prompt: "an ox".into(),
        ..Default::default()
    }
}

/// Retries with waits of 50 ms, then 100 ms, … (each less up to a quarter).
fn quick() -> RetryPolicy {
    RetryPolicy::default()
        .initial_delay(Duration::from_millis(50))
        .max_delay(Duration::from_millis(800))
}

fn client(server: &MockServer) -> Client {
    Client::with_base_url(server.uri().parse().unwrap()).with_retry_policy(quick())
}

impl Sequence {
    fn count(&self) -> usize {
        self.seen.lock().unwrap().len()
    }

    fn gaps(&self) -> Vec<Duration> {
        let seen = self.seen.lock().unwrap();
        seen.windows(2).map(|w| w[1].0 - w[0].0).collect()
    }

    /// The value of `name` in each request, in order.
    fn header(&self, name: &str) -> Vec<Option<String>> {
        let seen = self.seen.lock().unwrap();
        seen.iter()
            .map(|(_, r)| r.headers.get(name).map(|v| v.to_str().unwrap().to_string()))
            .collect()
    }
}

// ---------------------------------------------------------------------------------------------
// Retries and their waits
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn two_503s_then_a_200_succeed_after_three_requests_with_growing_gaps() {
    let (server, seen) = serve(MODELS, vec![status(503), status(503), models()]).await;
    let response = client(&server)
        .models_index()
        .await
        .expect("the third answer is a 200");
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(response.attempts(), 3);
    assert_eq!(seen.count(), 3);
    let gaps = seen.gaps();
    // 50 ms less a quarter at most, then 100 ms less a quarter at most.
    assert!(gaps[0] >= Duration::from_micros(37_500), "{gaps:?}");
    assert!(gaps[1] >= Duration::from_millis(75), "{gaps:?}");
    assert!(gaps[1] > gaps[0], "the gaps grow: {gaps:?}");
    assert!(gaps[1] < Duration::from_millis(1000), "{gaps:?}");
}

#[tokio::test]
async fn a_429_with_retry_after_waits_as_long_as_the_server_asks() {
    let limited = status(429).insert_header("retry-after", "1");
    let (server, seen) = serve(MODELS, vec![limited, models()]).await;
    let response = client(&server).models_index().await.unwrap();
    assert_eq!(response.attempts(), 2);
    let gap = seen.gaps()[0];
    assert!(gap >= Duration::from_secs(1), "{gap:?}");
    assert!(gap < Duration::from_secs(3), "{gap:?}");
}

#[tokio::test]
async fn a_server_that_asks_for_more_than_a_minute_gets_no_retry() {
    let (server, seen) = serve(
        MODELS,
        vec![status(503).insert_header("retry-after", "120")],
    )
    .await;
    let started = Instant::now();
    let error = client(&server).models_index().await.unwrap_err();
    assert_eq!(
        (error.status().map(|s| s.as_u16()), error.attempts()),
        (Some(503), 1)
    );
    assert_eq!(seen.count(), 1);
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[tokio::test]
async fn a_post_without_a_key_is_sent_once_and_its_503_returned() {
    let (server, seen) = serve(GENERATE, vec![status(503), images()]).await;
    let error = client(&server)
        .generate_image()
        .body(request())
        .await
        .expect_err("the 503 is returned");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(error.attempts(), 1);
    assert!(error.is_retryable());
    assert_eq!(seen.count(), 1);
    assert_eq!(seen.header("idempotency-key"), [None]);
}

#[tokio::test]
async fn a_post_with_a_key_is_retried_with_the_same_key() {
    let (server, seen) = serve(GENERATE, vec![status(503), status(502), images()]).await;
    let client = client(&server).with_idempotency_keys(true);
    let response = client.generate_image().body(request()).await.unwrap();
    assert_eq!(response.attempts(), 3);
    let keys = seen.header("idempotency-key");
    assert_eq!(keys.len(), 3);
    let key = keys[0].clone().expect("a key was sent");
    assert_eq!(key.len(), 36, "a UUID: {key}");
    assert!(keys.iter().all(|k| k.as_ref() == Some(&key)), "{keys:?}");
    // The next call has a key of its own.
    client.generate_image().body(request()).await.unwrap();
    assert_ne!(seen.header("idempotency-key")[3].as_ref(), Some(&key));
}

#[tokio::test]
async fn a_400_is_never_retried() {
    let (server, seen) = serve(MODELS, vec![status(400), models()]).await;
    let error = client(&server).models_index().await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(400));
    assert_eq!(error.attempts(), 1);
    assert!(!error.is_retryable());
    assert_eq!(seen.count(), 1);
}

#[tokio::test]
async fn a_refused_connection_fails_fast_with_its_attempts_counted() {
    // Bind then drop a listener, so the port is (almost certainly) closed.
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let client = Client::with_base_url(format!("http://127.0.0.1:{port}").parse().unwrap())
        .with_retry_policy(quick());
    let started = Instant::now();
    let error = client.models_index().await.unwrap_err();
    let elapsed = started.elapsed();
    match &error {
        Error::Transport { error, attempts: 3 } => assert!(error.is_connect(), "{error:?}"),
        other => panic!("expected a transport error after 3 attempts, got {other:?}"),
    }
    assert!(error.is_retryable() && !error.is_timeout());
    // Two waits of at most 50 and 100 ms; no connection to wait for.
    assert!(elapsed < Duration::from_secs(1), "{elapsed:?}");
}

#[tokio::test]
async fn retries_per_client_and_per_request_and_zero_turns_them_off() {
    let (server, seen) = serve(MODELS, vec![status(503)]).await;
    let none = client(&server).with_max_retries(0);
    assert_eq!(none.models_index().await.unwrap_err().attempts(), 1);
    assert_eq!(
        none.models_index()
            .max_retries(1)
            .await
            .unwrap_err()
            .attempts(),
        2
    );
    let many = client(&server).with_max_retries(4);
    assert_eq!(many.models_index().await.unwrap_err().attempts(), 5);
    assert_eq!(
        many.models_index()
            .max_retries(0)
            .await
            .unwrap_err()
            .attempts(),
        1
    );
    assert_eq!(seen.count(), 1 + 2 + 5 + 1);
    assert_eq!(
        Client::new().retry_policy().retries(),
        2,
        "two retries by default"
    );
}

// ---------------------------------------------------------------------------------------------
// Timeouts
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn a_request_timeout_is_an_error_that_says_so_and_is_retried() {
    let slow = models().set_delay(Duration::from_secs(3));
    let (server, seen) = serve(MODELS, vec![slow]).await;
    let client = client(&server).with_timeout(Some(Duration::from_millis(200)));
    let started = Instant::now();
    let error = client.models_index().await.unwrap_err();
    let elapsed = started.elapsed();
    assert!(error.is_timeout(), "{error:?}");
    assert!(error.is_retryable());
    assert_eq!(error.status(), None);
    assert_eq!((error.attempts(), seen.count()), (3, 3));
    // Three attempts of 200 ms and two short waits.
    assert!(elapsed >= Duration::from_millis(600), "{elapsed:?}");
    assert!(elapsed < Duration::from_millis(2500), "{elapsed:?}");
    // A request's own timeout wins over the client's.
    let error = client
        .models_index()
        .timeout(Duration::from_millis(50))
        .max_retries(0)
        .await
        .unwrap_err();
    assert!(error.is_timeout());
}

#[tokio::test]
async fn a_connect_timeout_per_client_and_per_request() {
    let (server, _) = serve(MODELS, vec![models()]).await;
    let client = client(&server).with_connect_timeout(Duration::from_secs(2));
    client.models_index().await.unwrap();
    client
        .models_index()
        .connect_timeout(Duration::from_secs(1))
        .await
        .unwrap();
    // With a reqwest client of the caller's, a connect timeout is set on it.
    let theirs = client.with_http_client(reqwest::Client::new());
    let error = theirs
        .models_index()
        .connect_timeout(Duration::from_secs(1))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::InvalidRequest(_)), "{error:?}");
}

// ---------------------------------------------------------------------------------------------
// User-Agent
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn the_user_agent_is_the_crates_unless_replaced() {
    let (server, seen) = serve(MODELS, vec![models()]).await;
    client(&server).models_index().await.unwrap();
    client(&server)
        .with_user_agent(reqwest::header::HeaderValue::from_static("my-app/2.0"))
        .models_index()
        .await
        .unwrap();
    assert_eq!(
        seen.header("user-agent"),
        [
            Some(format!("oxen-hub-client/{}", env!("CARGO_PKG_VERSION"))),
            Some("my-app/2.0".into())
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// Hooks
// ---------------------------------------------------------------------------------------------

/// Adds `x-hook: <name>`, and notes each attempt and each response.
struct Named(&'static str, Arc<Mutex<Vec<String>>>);

impl Hook for Named {
    fn before_attempt<'a>(
        &'a self,
        request: &'a mut reqwest::Request,
        info: &'a RequestInfo,
    ) -> BoxFuture<'a, Result<(), BoxError>> {
        Box::pin(async move {
            // A hook may wait.
            tokio::time::sleep(Duration::from_millis(1)).await;
            request
                .headers_mut()
                .append("x-hook", self.0.parse().unwrap());
            let line = format!("{} before #{} {}", self.0, info.attempt, info.path);
            self.1.lock().unwrap().push(line);
            Ok(())
        })
    }

    fn after_response<'a>(&'a self, response: &'a ResponseInfo<'_>) -> BoxFuture<'a, ()> {
        let status = response.status.map(|s| s.as_u16());
        self.1
            .lock()
            .unwrap()
            .push(format!("{} after {status:?}", self.0));
        Box::pin(async {})
    }
}

#[tokio::test]
async fn hooks_run_in_the_order_added_at_each_attempt_and_may_add_a_header() {
    let (server, seen) = serve(MODELS, vec![status(500), models()]).await;
    let notes = Arc::new(Mutex::new(Vec::new()));
    let client = client(&server)
        .with_hook(Named("first", notes.clone()))
        .with_hook(Named("second", notes.clone()));
    client.models_index().await.unwrap();
    assert_eq!(
        *notes.lock().unwrap(),
        [
            "first before #1 /api/ai/models",
            "second before #1 /api/ai/models",
            "first after Some(500)",
            "second after Some(500)",
            "first before #2 /api/ai/models",
            "second before #2 /api/ai/models",
            "first after Some(200)",
            "second after Some(200)",
        ]
    );
    for (_, request) in seen.seen.lock().unwrap().iter() {
        let values: Vec<_> = request.headers.get_all("x-hook").iter().collect();
        assert_eq!(values, ["first", "second"]);
    }
}

#[tokio::test]
async fn a_failing_hook_stops_the_request_before_it_is_sent() {
    struct Refuses;
    impl Hook for Refuses {
        fn before_attempt<'a>(
            &'a self,
            _: &'a mut reqwest::Request,
            _: &'a RequestInfo,
        ) -> BoxFuture<'a, Result<(), BoxError>> {
            Box::pin(async { Err("cannot sign".into()) })
        }
    }
    let (server, seen) = serve(MODELS, vec![models()]).await;
    let error = client(&server)
        .with_hook(Refuses)
        .models_index()
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::Hook { attempts: 1, .. }),
        "{error:?}"
    );
    assert_eq!(error.to_string(), "a hook failed: cannot sign");
    assert_eq!(seen.count(), 0);
}

// ---------------------------------------------------------------------------------------------
// A refreshing credential
// ---------------------------------------------------------------------------------------------

/// An OAuth token that is new each time it is asked for.
struct Refreshing(AtomicU32);

impl CredentialProvider for Refreshing {
    fn credential(&self) -> BoxFuture<'_, Result<Secret, BoxError>> {
        Box::pin(async move {
            let n = self.0.fetch_add(1, Ordering::SeqCst) + 1;
            Ok(Secret::new(format!("token-{n}")))
        })
    }
}

#[tokio::test]
async fn a_refreshing_credential_shows_a_new_token_on_the_second_request() {
    let (server, seen) = serve(MODELS, vec![models()]).await;
    let client = client(&server).with_bearer_token_provider(Refreshing(AtomicU32::new(0)));
    client.models_index().await.unwrap();
    client.models_index().await.unwrap();
    assert_eq!(
        seen.header("authorization"),
        [Some("Bearer token-1".into()), Some("Bearer token-2".into())]
    );
    // A retry asks again too.
    let (server, seen) = serve(MODELS, vec![status(503), models()]).await;
    let client = self::client(&server).with_bearer_token_provider(Refreshing(AtomicU32::new(0)));
    client.models_index().await.unwrap();
    assert_eq!(
        seen.header("authorization"),
        [Some("Bearer token-1".into()), Some("Bearer token-2".into())]
    );
}

#[tokio::test]
async fn secrets_never_show_in_debug_or_errors() {
    struct Failing;
    impl CredentialProvider for Failing {
        fn credential(&self) -> BoxFuture<'_, Result<Secret, BoxError>> {
            Box::pin(async { Err("the vault is sealed".into()) })
        }
    }
    let (server, _) = serve(MODELS, vec![status(500).set_body_string("boom")]).await;
    let fixed = client(&server).with_bearer_token("hunter2-fixed");
    let provided = client(&server).with_bearer_token_provider(Refreshing(AtomicU32::new(40)));
    let text = format!("{fixed:?} {provided:?}");
    assert!(
        !text.contains("hunter2") && !text.contains("token-"),
        "{text}"
    );
    let error = fixed.models_index().max_retries(0).await.unwrap_err();
    let text = format!("{error} {error:?}");
    assert!(!text.contains("hunter2"), "{text}");
    let error = client(&server)
        .with_bearer_token_provider(Failing)
        .models_index()
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::Credential { attempts: 1, .. }),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        "the credential provider failed: the vault is sealed"
    );
}
