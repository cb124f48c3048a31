//! The `tracing` feature: one span per request, retries included, with the operation's id,
//! the method, the path template, the status, the number of attempts and the duration, and
//! never a credential or a parameter's value; each retry is an event in it.
//!
//! Alone in its test binary: `tracing` caches, per callsite, whether anyone listens, and a
//! test that sets a subscriber of its own should not race other tests for that cache.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use oxen_hub_client::{Client, RetryPolicy};
use serde_json::json;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

/// Answers with each response in turn (the last one again after that).
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

fn status(code: u16) -> ResponseTemplate {
    ResponseTemplate::new(code)
}

fn client(server: &MockServer) -> Client {
    let quick = RetryPolicy::default()
        .initial_delay(Duration::from_millis(50))
        .max_delay(Duration::from_millis(800));
    Client::with_base_url(server.uri().parse().unwrap()).with_retry_policy(quick)
}

/// Fields by name, as text.
type Values = BTreeMap<String, String>;

/// Every span's name and fields, and every event's fields.
#[derive(Clone, Default)]
struct Recorder {
    spans: Arc<Mutex<Vec<(String, Values)>>>,
    events: Arc<Mutex<Vec<Values>>>,
}

struct Fields<'a>(&'a mut Values);

impl tracing::field::Visit for Fields<'_> {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        self.0.insert(field.name().into(), format!("{value:?}"));
    }
    fn record_str(&mut self, field: &tracing::field::Field, value: &str) {
        self.0.insert(field.name().into(), value.into());
    }
}

impl tracing::Subscriber for Recorder {
    fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        let mut fields = Values::new();
        span.record(&mut Fields(&mut fields));
        let mut spans = self.spans.lock().unwrap();
        spans.push((span.metadata().name().into(), fields));
        tracing::span::Id::from_u64(spans.len() as u64)
    }
    fn record(&self, span: &tracing::span::Id, values: &tracing::span::Record<'_>) {
        let mut spans = self.spans.lock().unwrap();
        let (_, fields) = &mut spans[span.into_u64() as usize - 1];
        values.record(&mut Fields(fields));
    }
    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}
    fn event(&self, event: &tracing::Event<'_>) {
        let mut fields = Values::new();
        event.record(&mut Fields(&mut fields));
        self.events.lock().unwrap().push(fields);
    }
    fn enter(&self, _: &tracing::span::Id) {}
    fn exit(&self, _: &tracing::span::Id) {}
}

#[tokio::test]
async fn one_span_per_request_with_its_fields_and_no_secret_or_parameter_value() {
    let server = MockServer::start().await;
    let sequence = Sequence {
        responses: vec![
            status(503),
            ResponseTemplate::new(404).set_body_json(json!({"error": "none"})),
        ],
        seen: Default::default(),
    };
    Mock::given(method("GET"))
        .respond_with(sequence.clone())
        .mount(&server)
        .await;
    let recorder = Recorder::default();
    let _guard = tracing::subscriber::set_default(recorder.clone());
    // Callsites first seen without a subscriber are told of this one.
    tracing::callsite::rebuild_interest_cache();
    let client = client(&server).with_bearer_token("hunter2-in-span");
    let error = client.models_show("model-id-secret").await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(404));

    let spans = recorder.spans.lock().unwrap();
    let requests: Vec<&Values> = spans
        .iter()
        .filter(|(name, _)| name == "request")
        .map(|(_, fields)| fields)
        .collect();
    assert_eq!(
        requests.len(),
        1,
        "one span for the request, retries included"
    );
    let fields = requests[0];
    assert_eq!(
        fields["operation"],
        "OxenApiWeb.Controllers.ModelsController.show"
    );
    assert_eq!(fields["method"], "GET");
    assert_eq!(fields["path"], "/api/ai/models/{id}");
    assert_eq!(fields["status"], "404");
    assert_eq!(fields["attempt"], "2");
    let ms: u64 = fields["duration_ms"].parse().unwrap();
    assert!((37..5000).contains(&ms), "{ms}");
    let everything = format!("{spans:?} {:?}", recorder.events.lock().unwrap());
    assert!(!everything.contains("hunter2"), "{everything}");
    assert!(!everything.contains("model-id-secret"), "{everything}");
    // The retry is an event in it.
    assert!(recorder
        .events
        .lock()
        .unwrap()
        .iter()
        .any(|e| e.get("message").map(String::as_str) == Some("retrying")));
}
