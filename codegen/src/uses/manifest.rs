//! What a client's manifest lists: the crates its code names, with their
//! features, and the cargo features it offers (a TLS backend, what reqwest
//! can add, `tracing`).

use super::RuntimePart;
use crate::model::{Model, Primitive};
use std::collections::BTreeSet;

/// A crate the generated code names, as its manifest lists it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Dependency {
    pub name: &'static str,
    pub version: &'static str,
    pub default_features: bool,
    pub features: Vec<&'static str>,
    /// Only with a feature of the crate's (`dep:tracing`).
    pub optional: bool,
}

impl Dependency {
    fn new(name: &'static str, version: &'static str) -> Self {
        Dependency {
            name,
            version,
            default_features: true,
            features: Vec::new(),
            optional: false,
        }
    }

    fn features(mut self, features: &[&'static str]) -> Self {
        self.features = features.to_vec();
        self
    }

    fn no_default_features(mut self) -> Self {
        self.default_features = false;
        self
    }

    fn optional(mut self) -> Self {
        self.optional = true;
        self
    }
}

/// A cargo feature of the generated crate, and what it turns on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feature {
    pub name: String,
    pub enables: Vec<String>,
}

/// The crates the code names: reqwest, serde and serde_json always, the rest
/// where a format or a runtime part calls for them.
pub(super) fn dependencies(
    model: &Model,
    primitives: &BTreeSet<Primitive>,
    runtime: &BTreeSet<RuntimePart>,
) -> Vec<Dependency> {
    let multipart = model
        .operations
        .iter()
        .filter_map(|o| o.body.as_ref())
        .any(|b| !b.kind.multiparts().is_empty());
    // The TLS backend is a feature of the crate's own (see `features`).
    let mut reqwest_features = vec!["json"];
    if runtime.contains(&RuntimePart::Form) {
        reqwest_features.push("form");
    }
    if multipart {
        reqwest_features.push("multipart");
    }
    let mut deps = vec![
        Dependency::new("reqwest", "0.13")
            .no_default_features()
            .features(&reqwest_features),
        Dependency::new("serde", "1").features(&["derive"]),
        // `preserve_order`: objects keep the order they arrived (or were
        // written) in, the same in every build.
        Dependency::new("serde_json", "1").features(&["preserve_order"]),
    ];
    // The encoding sets of the query, path and cookie helpers.
    if runtime
        .iter()
        .any(|p| matches!(p.place().0, "query" | "path" | "cookie"))
    {
        deps.push(Dependency::new("percent-encoding", "2"));
    }
    if primitives.contains(&Primitive::DateTime) || primitives.contains(&Primitive::Date) {
        deps.push(
            Dependency::new("chrono", "0.4")
                .no_default_features()
                .features(&["serde", "std"]),
        );
    }
    let uuid_features: Vec<&str> = [
        (primitives.contains(&Primitive::Uuid), "serde"),
        (runtime.contains(&RuntimePart::Idempotency), "v4"),
    ]
    .into_iter()
    .filter_map(|(needed, feature)| needed.then_some(feature))
    .collect();
    if !uuid_features.is_empty() {
        deps.push(Dependency::new("uuid", "1").features(&uuid_features));
    }
    deps.extend(runtime_dependencies(runtime));
    deps.sort();
    deps
}

/// The crates the runtime's parts call: base64, the retry schedule and its
/// waits, tracing, event streams, pages, and the typed mocks.
fn runtime_dependencies(runtime: &BTreeSet<RuntimePart>) -> Vec<Dependency> {
    let mut deps = Vec::new();
    if runtime.contains(&RuntimePart::Base64) {
        deps.push(Dependency::new("base64", "0.22"));
    }
    if runtime.contains(&RuntimePart::Retry) {
        // The schedule of waits, its jitter, and `Retry-After` dates.
        deps.push(Dependency::new("backon", "1").no_default_features());
        deps.push(Dependency::new("fastrand", "2"));
        deps.push(Dependency::new("httpdate", "1"));
    }
    if runtime.contains(&RuntimePart::Sse) {
        deps.push(Dependency::new("eventsource-stream", "0.2"));
    }
    if runtime.contains(&RuntimePart::Sse) || runtime.contains(&RuntimePart::Pages) {
        deps.push(Dependency::new("futures-util", "0.3"));
    }
    if runtime.contains(&RuntimePart::PagesLink) {
        deps.push(Dependency::new("http-link", "1"));
    }
    if runtime.contains(&RuntimePart::Send) || runtime.contains(&RuntimePart::Wait) {
        // The waits themselves (retries, job polls); reqwest runs on tokio already.
        deps.push(
            Dependency::new("tokio", "1")
                .no_default_features()
                .features(&["time"]),
        );
    }
    if runtime.contains(&RuntimePart::Trace) {
        deps.push(
            Dependency::new("tracing", "0.1")
                .no_default_features()
                .features(&["std"])
                .optional(),
        );
    }
    if runtime.contains(&RuntimePart::Mock) {
        // The typed mocks, behind the crate's `mock` feature.
        deps.push(Dependency::new("wiremock", "0.6").optional());
    }
    deps
}

/// The crate's features: a TLS backend (rustls by default, native-tls),
/// reqwest's gzip, brotli, http2 and stream passed through, and `tracing`
/// where requests are sent; with features by tag, one per tag (each enables
/// nothing of its own: the code's `cfg`s read it), all of them in `default`.
pub(super) fn features(model: &Model, runtime: &BTreeSet<RuntimePart>) -> Vec<Feature> {
    let feature = |name: &str, enables: &[&str]| Feature {
        name: name.to_string(),
        enables: enables.iter().map(|e| e.to_string()).collect(),
    };
    let tags: Vec<&str> = model
        .features
        .list
        .iter()
        .map(|f| f.name.as_str())
        .collect();
    let default: Vec<&str> = tags.iter().copied().chain(["rustls"]).collect();
    let mut features = vec![
        feature("default", &default),
        feature("brotli", &["reqwest/brotli"]),
        feature("gzip", &["reqwest/gzip"]),
        feature("http2", &["reqwest/http2"]),
        feature("native-tls", &["reqwest/native-tls"]),
        feature("rustls", &["reqwest/rustls"]),
        feature("stream", &["reqwest/stream"]),
    ];
    if runtime.contains(&RuntimePart::Trace) {
        features.push(feature("tracing", &["dep:tracing"]));
    }
    if runtime.contains(&RuntimePart::Mock) {
        features.push(feature("mock", &["dep:wiremock"]));
    }
    features.extend(tags.iter().map(|t| feature(t, &[])));
    features
}
