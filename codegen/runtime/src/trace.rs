// [template]
// part = "trace"
// reexport = "crate"
// requires = ["hooks"]
// # One span per request, with the client's `tracing` feature.
// crates.tracing = { version = "0.1", default-features = false, features = ["std"], optional = true }
// features.tracing = ["dep:tracing"]

//! The `tracing` span of each request, with the generated crate's `tracing`
//! feature; without it, nothing.
//!
//! One span, `request`, covers every attempt of one request. Its fields are
//! the operation's id, the method, the path as the document writes it (no
//! parameter value), and, once it is done, the status (when a response
//! came), the number of attempts and the duration in milliseconds. A retry
//! is a `debug` event in it, with the wait. No field holds a credential or
//! a parameter's value.

use std::future::Future;
use std::time::Duration;

use super::RequestInfo;

/// The span of one request.
pub(crate) struct Trace {
    #[cfg(feature = "tracing")]
    span: tracing::Span,
    #[cfg(feature = "tracing")]
    started: std::time::Instant,
}

impl Trace {
    /// Opens the span of the request `info` names.
    pub(crate) fn start(info: &RequestInfo) -> Self {
        #[cfg(not(feature = "tracing"))]
        let _ = info;
        Trace {
            #[cfg(feature = "tracing")]
            span: tracing::info_span!(
                "request",
                operation = info.operation,
                method = %info.method,
                path = info.path,
                status = tracing::field::Empty,
                attempt = tracing::field::Empty,
                duration_ms = tracing::field::Empty,
            ),
            #[cfg(feature = "tracing")]
            started: std::time::Instant::now(),
        }
    }

    /// Runs `future` inside the span.
    pub(crate) async fn in_span<F: Future>(&self, future: F) -> F::Output {
        #[cfg(feature = "tracing")]
        return tracing::Instrument::instrument(future, self.span.clone()).await;
        #[cfg(not(feature = "tracing"))]
        future.await
    }

    /// Notes a retry after `wait`.
    pub(crate) fn retrying(&self, wait: Duration) {
        #[cfg(feature = "tracing")]
        self.span.in_scope(|| {
            tracing::debug!(wait_ms = wait.as_millis() as u64, "retrying");
        });
        #[cfg(not(feature = "tracing"))]
        let _ = wait;
    }

    /// Records how the request ended: its status, when a response came, and
    /// the number of attempts.
    pub(crate) fn finish(&self, status: Option<reqwest::StatusCode>, attempts: u32) {
        #[cfg(feature = "tracing")]
        {
            if let Some(status) = status {
                self.span.record("status", status.as_u16());
            }
            self.span.record("attempt", attempts);
            let ms = self.started.elapsed().as_millis() as u64;
            self.span.record("duration_ms", ms);
        }
        #[cfg(not(feature = "tracing"))]
        let _ = (status, attempts);
    }
}

#[cfg(test)]
mod tests {
    /// Without the feature there is no span to see.
    #[cfg(feature = "tracing")]
    mod with_tracing {
        use super::super::*;
        use std::collections::BTreeMap;
        use std::sync::{Arc, Mutex};
        use tracing::field::{Field, Visit};
        use tracing::span::{Attributes, Id, Record};
        use tracing::{Event, Metadata, Subscriber};

        /// Fields by name, as text.
        type Values = BTreeMap<String, String>;

        /// Every span's name and fields, and every event's fields.
        #[derive(Clone, Default)]
        struct Recorder {
            spans: Arc<Mutex<Vec<(String, Values)>>>,
            events: Arc<Mutex<Vec<Values>>>,
        }

        struct Fields<'a>(&'a mut Values);

        impl Visit for Fields<'_> {
            fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
                self.0.insert(field.name().into(), format!("{value:?}"));
            }
            fn record_str(&mut self, field: &Field, value: &str) {
                self.0.insert(field.name().into(), value.into());
            }
        }

        impl Subscriber for Recorder {
            fn enabled(&self, _: &Metadata<'_>) -> bool {
                true
            }
            fn new_span(&self, span: &Attributes<'_>) -> Id {
                let mut fields = BTreeMap::new();
                span.record(&mut Fields(&mut fields));
                let mut spans = self.spans.lock().unwrap();
                spans.push((span.metadata().name().into(), fields));
                Id::from_u64(spans.len() as u64)
            }
            fn record(&self, span: &Id, values: &Record<'_>) {
                let mut spans = self.spans.lock().unwrap();
                let (_, fields) = &mut spans[span.into_u64() as usize - 1];
                values.record(&mut Fields(fields));
            }
            fn record_follows_from(&self, _: &Id, _: &Id) {}
            fn event(&self, event: &Event<'_>) {
                let mut fields = BTreeMap::new();
                event.record(&mut Fields(&mut fields));
                self.events.lock().unwrap().push(fields);
            }
            fn enter(&self, _: &Id) {}
            fn exit(&self, _: &Id) {}
        }

        #[tokio::test]
        async fn one_span_with_the_requests_fields() {
            let recorder = Recorder::default();
            let _guard = tracing::subscriber::set_default(recorder.clone());
            // Callsites other tests saw first without a subscriber are told of this one.
            tracing::callsite::rebuild_interest_cache();
            let info = RequestInfo {
                operation: "getPet",
                method: reqwest::Method::GET,
                path: "/pets/{id}",
                attempt: 0,
            };
            let trace = Trace::start(&info);
            let seven = trace.in_span(async { 7 }).await;
            assert_eq!(seven, 7);
            trace.retrying(Duration::from_millis(250));
            trace.finish(Some(reqwest::StatusCode::OK), 2);
            let spans = recorder.spans.lock().unwrap();
            assert_eq!(spans.len(), 1);
            let (name, fields) = &spans[0];
            assert_eq!(name, "request");
            let fields: Vec<(&str, &str)> = fields
                .iter()
                .filter(|(k, _)| k.as_str() != "duration_ms")
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            assert_eq!(
                fields,
                [
                    ("attempt", "2"),
                    ("method", "GET"),
                    ("operation", "getPet"),
                    ("path", "/pets/{id}"),
                    ("status", "200")
                ]
            );
            assert!(spans[0].1.contains_key("duration_ms"));
            let events = recorder.events.lock().unwrap();
            assert_eq!(events[0]["wait_ms"], "250");
            assert_eq!(events[0]["message"], "retrying");
        }
    }
}
