// [template]
// part = "mock"
// reexport = "pub"
// feature = "mock"
// # The typed mocks' server, with the client's `mock` feature.
// crates.wiremock = { version = "0.6", optional = true }
// features.mock = ["dep:wiremock"]

//! Typed mocks, for the tests of code that uses the client (the crate's
//! `mock` feature): a wiremock server on 127.0.0.1 that knows the document's
//! operations. The generated `mock.rs` gives [`MockServer`] a method per
//! operation, named as the client's (`server.generate_image()`), which opens
//! that operation's mock: typed matchers, a typed response, then
//! `.mount().await`. A request that no mock matches is answered `501` with a
//! message naming the operation it came closest to, and fails the test when
//! the server is verified or dropped.

use std::sync::{Arc, Mutex, MutexGuard};

/// What the mock server knows of an operation: its names and its path template.
#[derive(Debug)]
pub(crate) struct MockOperation {
    /// The client's method (`generate_image`).
    pub(crate) name: &'static str,
    /// `GET`, `POST`, …
    pub(crate) method: &'static str,
    /// The path template as the document writes it (`/pets/{id}`).
    pub(crate) path: &'static str,
    /// The template as it is sent, where that differs from `path`: literal
    /// text percent-encoded where a segment needs it, a path parameter as
    /// `{name}` (a literal `{` is always encoded).
    pub(crate) sent: Option<&'static str>,
    /// What the path may start with besides nothing: the path of a relative
    /// server of the operation's own (`/files`).
    pub(crate) prefixes: &'static [&'static str],
}

impl MockOperation {
    /// The operation the client calls `name`, at `method` and `path`.
    pub(crate) const fn new(name: &'static str, method: &'static str, path: &'static str) -> Self {
        MockOperation {
            name,
            method,
            path,
            sent: None,
            prefixes: &[],
        }
    }

    /// The template's segments as they are sent.
    fn segments(&self) -> Vec<&'static str> {
        path_segments(self.sent.unwrap_or(self.path))
    }
}

/// A check of one request: `Err` says why it does not match.
type Check = Arc<dyn Fn(&wiremock::Request) -> Result<(), String> + Send + Sync>;

/// A wiremock server for tests: start it, mount typed mocks of the
/// operations on it, and point [`client`](Self::uri) at it.
///
/// A request that no mock matches is answered `501 Not Implemented`, its
/// body a message that names the operation the request came closest to and
/// why each of that operation's mounted mocks refused it. The message is
/// kept: [`verify`](Self::verify) fails with it, and so does dropping the
/// server (as wiremock's own verification of `expect` does), unless
/// [`take_unmatched`](Self::take_unmatched) took it first.
pub struct MockServer {
    server: wiremock::MockServer,
    state: Arc<MockState>,
}

impl std::fmt::Debug for MockServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MockServer")
            .field("uri", &self.server.uri())
            .finish_non_exhaustive()
    }
}

/// What the catch-all answer needs: the operations, the mocks mounted for
/// them, and the requests nothing matched.
struct MockState {
    operations: &'static [MockOperation],
    mounted: Mutex<Vec<Mounted>>,
    unmatched: Mutex<Vec<String>>,
}

/// A mock as the catch-all explains it.
struct Mounted {
    operation: usize,
    label: String,
    checks: Arc<Vec<Check>>,
}

/// Locks a mutex, whether or not a panicking test poisoned it.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl MockServer {
    /// Starts a server on 127.0.0.1 for these operations, with the catch-all
    /// mounted at the lowest priority.
    pub(crate) async fn start_with(operations: &'static [MockOperation]) -> Self {
        let server = wiremock::MockServer::start().await;
        let state = Arc::new(MockState {
            operations,
            mounted: Mutex::new(Vec::new()),
            unmatched: Mutex::new(Vec::new()),
        });
        server
            .register(
                wiremock::Mock::given(|_: &wiremock::Request| true)
                    .respond_with(CatchAll(Arc::clone(&state)))
                    .with_priority(u8::MAX)
                    .named("the catch-all of requests no mock matched"),
            )
            .await;
        MockServer { server, state }
    }

    /// The server's address, `http://127.0.0.1:PORT`.
    pub fn uri(&self) -> String {
        self.server.uri()
    }

    /// The server's address as the URL a client takes.
    pub fn base_url(&self) -> reqwest::Url {
        reqwest::Url::parse(&self.server.uri()).expect("wiremock's address is a URL")
    }

    /// The wiremock server itself, for mocks of your own (`Mock::given(..).mount(server.wiremock())`);
    /// the catch-all answers only what no mock matches.
    pub fn wiremock(&self) -> &wiremock::MockServer {
        &self.server
    }

    /// Every request the server received, in order.
    pub async fn received_requests(&self) -> Vec<wiremock::Request> {
        self.server.received_requests().await.unwrap_or_default()
    }

    /// The message of each request that no mock matched, taken: the server
    /// no longer fails the test for them.
    pub fn take_unmatched(&self) -> Vec<String> {
        std::mem::take(&mut *lock(&self.state.unmatched))
    }

    /// Fails (panics) if a mock's `expect` is not met or a request matched no mock.
    pub async fn verify(&self) {
        self.server.verify().await;
        let unmatched = lock(&self.state.unmatched).clone();
        if !unmatched.is_empty() {
            panic!("{}", unmatched_report(&unmatched));
        }
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        let unmatched = self.take_unmatched();
        if unmatched.is_empty() {
            return;
        }
        let report = unmatched_report(&unmatched);
        // A second panic would abort: a failing test shows the report beside its own.
        if std::thread::panicking() {
            eprintln!("{report}");
        } else {
            panic!("{report}");
        }
    }
}

fn unmatched_report(unmatched: &[String]) -> String {
    let mut report = format!(
        "the mock server received {} request(s) that no mock matched:",
        unmatched.len()
    );
    for message in unmatched {
        report.push_str("\n\n");
        report.push_str(message);
    }
    report
}

/// Answers what no mock matched, and keeps why.
struct CatchAll(Arc<MockState>);

impl wiremock::Respond for CatchAll {
    fn respond(&self, request: &wiremock::Request) -> wiremock::ResponseTemplate {
        let message = self.0.explain(request);
        lock(&self.0.unmatched).push(message.clone());
        wiremock::ResponseTemplate::new(501).set_body_string(message)
    }
}

impl MockState {
    /// Why no mock matched `request`: the operation it came closest to, and
    /// what each of that operation's mocks refused.
    fn explain(&self, request: &wiremock::Request) -> String {
        let mut message = format!("no mock matched {} {}", request.method, request.url.path());
        if let Some(query) = request.url.query() {
            message.push_str(&format!("?{query}"));
        }
        let segments = path_segments(request.url.path());
        let nearest = self.operations.iter().enumerate().min_by_key(|(_, op)| {
            (
                path_distance(op, &segments),
                !op.method.eq_ignore_ascii_case(request.method.as_str()),
            )
        });
        let Some((index, op)) = nearest else {
            message.push_str("\nthe document has no operations");
            return message;
        };
        message.push_str(&format!(
            "\nthe nearest operation is `{}` ({} {})",
            op.name, op.method, op.path
        ));
        if path_distance(op, &segments) > 0 {
            message.push_str(", whose path differs");
            return message;
        }
        if !op.method.eq_ignore_ascii_case(request.method.as_str()) {
            message.push_str(&format!(", which is a {}", op.method));
            return message;
        }
        let mounted = lock(&self.mounted);
        let mocks: Vec<&Mounted> = mounted.iter().filter(|m| m.operation == index).collect();
        if mocks.is_empty() {
            message.push_str(&format!("\nno mock of `{}` is mounted", op.name));
        }
        for mock in mocks {
            let refusals: Vec<String> = mock
                .checks
                .iter()
                .filter_map(|check| check(request).err())
                .collect();
            message.push_str(&format!("\n- mock `{}`: ", mock.label));
            if refusals.is_empty() {
                message.push_str("matches, but has answered as often as `up_to_n_times` allows");
            } else {
                message.push_str(&refusals.join("; "));
            }
        }
        message
    }
}

/// The segments of a request's path, as sent.
fn path_segments(path: &str) -> Vec<&str> {
    path.split('/').filter(|s| !s.is_empty()).collect()
}

/// How far a path is from an operation's template: `0` when it matches
/// (after one of the template's prefixes), else the number of segments
/// that differ or are missing.
fn path_distance(op: &MockOperation, segments: &[&str]) -> usize {
    std::iter::once("")
        .chain(op.prefixes.iter().copied())
        .map(|prefix| {
            let template: Vec<&str> = path_segments(prefix)
                .into_iter()
                .chain(op.segments())
                .collect();
            let differ = template
                .iter()
                .zip(segments)
                .filter(|(t, s)| !segment_matches(t, s, &[]))
                .count();
            if template_matches(&template, segments, &[]) {
                0
            } else {
                differ + template.len().abs_diff(segments.len())
            }
        })
        .min()
        .unwrap_or(usize::MAX)
}

/// Whether the segments of a path as sent match a template's: each segment
/// its own ([`segment_matches`]), and a wildcard `{*name}` one or more
/// segments (the parameter's value in `values`, its segments joined by `/`,
/// when it is there).
fn template_matches(
    template: &[&str],
    segments: &[&str],
    values: &[(&'static str, String)],
) -> bool {
    let Some((first, rest)) = template.split_first() else {
        return segments.is_empty();
    };
    let Some(name) = first.strip_prefix("{*").and_then(|t| t.strip_suffix('}')) else {
        return segments.split_first().is_some_and(|(s, after)| {
            segment_matches(first, s, values) && template_matches(rest, after, values)
        });
    };
    let wanted = values.iter().find(|(n, _)| *n == name).map(|(_, v)| v);
    (1..=segments.len()).any(|n| {
        wanted.is_none_or(|v| *v == segments[..n].join("/"))
            && template_matches(rest, &segments[n..], values)
    })
}

/// Whether a segment as sent matches a template segment, the path
/// parameters in `values` as those (encoded) values, any other as text of
/// at least one character.
fn segment_matches(template: &str, segment: &str, values: &[(&'static str, String)]) -> bool {
    let Some(open) = template.find('{') else {
        return template == segment;
    };
    let Some(close) = template[open..].find('}').map(|c| open + c) else {
        return template == segment;
    };
    let (literal, name, rest) = (
        &template[..open],
        &template[open + 1..close],
        &template[close + 1..],
    );
    let Some(segment) = segment.strip_prefix(literal) else {
        return false;
    };
    match values.iter().find(|(n, _)| *n == name) {
        Some((_, value)) => segment
            .strip_prefix(value.as_str())
            .is_some_and(|after| segment_matches(rest, after, values)),
        None => segment
            .char_indices()
            .skip(1)
            .map(|(i, _)| i)
            .chain([segment.len()])
            .filter(|&i| i > 0)
            .any(|i| segment_matches(rest, &segment[i..], values)),
    }
}

/// One operation's mock as it is being built: what it matches and how it
/// answers. The generated `…Mock` types wrap it (see [`operation_mock`]).
pub(crate) struct OperationMock<'s> {
    server: &'s MockServer,
    operation: usize,
    pub(super) path_values: Vec<(&'static str, String)>,
    checks: Vec<Check>,
    response: Option<wiremock::ResponseTemplate>,
    response_headers: Vec<(String, String)>,
    expect: Option<wiremock::Times>,
    up_to: Option<u64>,
    priority: Option<u8>,
    name: Option<String>,
}

impl MockServer {
    /// A mock of the operation at `index` of the server's operations.
    pub(crate) fn operation_mock(&self, index: usize) -> OperationMock<'_> {
        OperationMock {
            server: self,
            operation: index,
            path_values: Vec::new(),
            checks: Vec::new(),
            response: None,
            response_headers: Vec::new(),
            expect: None,
            up_to: None,
            priority: None,
            name: None,
        }
    }
}

impl OperationMock<'_> {
    fn operation(&self) -> &'static MockOperation {
        &self.server.state.operations[self.operation]
    }

    pub(super) fn check(
        mut self,
        check: impl Fn(&wiremock::Request) -> Result<(), String> + Send + Sync + 'static,
    ) -> Self {
        self.checks.push(Arc::new(check));
        self
    }

    /// Matches only requests `matcher` accepts too.
    pub(crate) fn matching(self, matcher: impl wiremock::Match + 'static) -> Self {
        self.check(move |request| {
            if matcher.matches(request) {
                Ok(())
            } else {
                Err("the `matching` matcher refused it".to_string())
            }
        })
    }

    /// Matches only requests with a header `name` of this value.
    pub(crate) fn with_header(self, name: &str, value: &str) -> Self {
        let (name, value) = (name.to_ascii_lowercase(), value.to_string());
        self.check(move |request| header_is(request, &name, &value))
    }

    /// Answers with `response`.
    pub(crate) fn respond_with(mut self, response: wiremock::ResponseTemplate) -> Self {
        self.response = Some(response);
        self
    }

    /// Answers `status` with `body` as it is, and no content type (add one
    /// with [`response_header`](Self::response_header)).
    pub(crate) fn respond_raw(self, status: u16, body: Vec<u8>) -> Self {
        self.respond_with(wiremock::ResponseTemplate::new(status).set_body_bytes(body))
    }

    /// Adds a header to the response (a later one of the same name replaces it).
    pub(crate) fn response_header(mut self, name: &str, value: &str) -> Self {
        self.response_headers
            .push((name.to_string(), value.to_string()));
        self
    }

    /// Fails the test when the server is verified or dropped unless the mock
    /// matched this many requests (`1`, `1..`, `..=3`).
    pub(crate) fn expect(mut self, times: impl Into<wiremock::Times>) -> Self {
        self.expect = Some(times.into());
        self
    }

    /// Answers at most `n` requests; later ones fall to other mocks.
    pub(crate) fn up_to_n_times(mut self, n: u64) -> Self {
        self.up_to = Some(n);
        self
    }

    /// Where several mocks match, the one of the smallest priority answers
    /// (`1` first; the default is `5`), and of equal ones the first mounted.
    pub(crate) fn priority(mut self, priority: u8) -> Self {
        self.priority = Some(priority);
        self
    }

    /// Names the mock in the messages of failed expectations and unmatched requests.
    pub(crate) fn named(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Mounts the mock on its server.
    ///
    /// Panics if no `respond_…` method gave it a response.
    pub(crate) async fn mount(self) {
        let op = self.operation();
        let Some(mut response) = self.response else {
            panic!(
                "the mock of `{}` has no response: call one of its `respond_…` methods before `mount`",
                op.name
            );
        };
        for (name, value) in &self.response_headers {
            response = response.insert_header(name.as_str(), value.as_str());
        }
        let values = self.path_values;
        let mut checks: Vec<Check> = vec![Arc::new(move |request: &wiremock::Request| {
            path_is(op, request, &values)
        })];
        checks.extend(self.checks);
        let checks = Arc::new(checks);
        let label = {
            let mut mounted = lock(&self.server.state.mounted);
            let n = mounted
                .iter()
                .filter(|m| m.operation == self.operation)
                .count()
                + 1;
            let label = self.name.unwrap_or_else(|| format!("{} #{n}", op.name));
            mounted.push(Mounted {
                operation: self.operation,
                label: label.clone(),
                checks: Arc::clone(&checks),
            });
            label
        };
        let method = op.method;
        let matcher = move |request: &wiremock::Request| {
            request.method.as_str().eq_ignore_ascii_case(method)
                && checks.iter().all(|check| check(request).is_ok())
        };
        let mut mock = wiremock::Mock::given(matcher)
            .respond_with(response)
            .named(label);
        if let Some(times) = self.expect {
            mock = mock.expect(times);
        }
        if let Some(n) = self.up_to {
            mock = mock.up_to_n_times(n);
        }
        if let Some(priority) = self.priority {
            mock = mock.with_priority(priority);
        }
        self.server.server.register(mock).await;
    }
}

/// Whether `request` goes to `op`'s path, its parameters in `values` as those values.
fn path_is(
    op: &MockOperation,
    request: &wiremock::Request,
    values: &[(&'static str, String)],
) -> Result<(), String> {
    let segments = path_segments(request.url.path());
    let matches = std::iter::once("")
        .chain(op.prefixes.iter().copied())
        .any(|prefix| {
            let template: Vec<&str> = path_segments(prefix)
                .into_iter()
                .chain(op.segments())
                .collect();
            template_matches(&template, &segments, values)
        });
    if matches {
        Ok(())
    } else if values.is_empty() {
        Err(format!(
            "the path {} is not {}",
            request.url.path(),
            op.path
        ))
    } else {
        let wanted: Vec<String> = values.iter().map(|(n, v)| format!("{n} = {v}")).collect();
        Err(format!(
            "the path {} is not {} with {}",
            request.url.path(),
            op.path,
            wanted.join(", ")
        ))
    }
}

/// Whether `request` has a header `name` (lower case) of `value`.
pub(super) fn header_is(
    request: &wiremock::Request,
    name: &str,
    value: &str,
) -> Result<(), String> {
    let sent: Vec<&str> = request
        .headers
        .get_all(name)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    if sent.contains(&value) {
        Ok(())
    } else if sent.is_empty() {
        Err(format!("header `{name}`: wanted {value:?}, got none"))
    } else {
        Err(format!("header `{name}`: wanted {value:?}, got {sent:?}"))
    }
}

/// What every generated `…Mock` has alike, on top of its typed matchers and
/// responses: matchers and responses of any kind, how often it answers, and
/// `mount`. Each wraps an [`OperationMock`] (`XMock<'s>(OperationMock<'s>)`).
macro_rules! operation_mock {
    ($mock:ident) => {
        impl $mock<'_> {
            /// Matches only requests `matcher` (any wiremock matcher, or a
            /// closure over the `wiremock::Request`) accepts too.
            pub fn matching(self, matcher: impl wiremock::Match + 'static) -> Self {
                Self(self.0.matching(matcher))
            }

            /// Matches only requests with a header `name` of this value.
            pub fn with_header(self, name: &str, value: &str) -> Self {
                Self(self.0.with_header(name, value))
            }

            /// Answers with `response` as wiremock builds it (a delay, any
            /// status, headers and body).
            pub fn respond_with(self, response: wiremock::ResponseTemplate) -> Self {
                Self(self.0.respond_with(response))
            }

            /// Answers `status` with `body` as it is, for what the document
            /// does not declare; it has no content type unless
            /// [`response_header`](Self::response_header) gives it one
            /// (`text/event-stream` for events).
            pub fn respond_raw(self, status: u16, body: impl Into<Vec<u8>>) -> Self {
                Self(self.0.respond_raw(status, body.into()))
            }

            /// Adds a header to the response, after a `respond_…` method
            /// (one of the same name replaces it).
            pub fn response_header(self, name: &str, value: &str) -> Self {
                Self(self.0.response_header(name, value))
            }

            /// Fails the test when the server is verified or dropped unless
            /// the mock matched this many requests (`1`, `1..`, `..=3`).
            pub fn expect(self, times: impl Into<wiremock::Times>) -> Self {
                Self(self.0.expect(times))
            }

            /// Answers at most `n` requests; later ones fall to other mocks.
            pub fn up_to_n_times(self, n: u64) -> Self {
                Self(self.0.up_to_n_times(n))
            }

            /// Where several mocks match, the one of the smallest priority
            /// answers (`1` first; the default is `5`), and of equal ones
            /// the first mounted.
            pub fn priority(self, priority: u8) -> Self {
                Self(self.0.priority(priority))
            }

            /// Names the mock in the messages of failed expectations and
            /// unmatched requests.
            pub fn named(self, name: impl Into<String>) -> Self {
                Self(self.0.named(name))
            }

            /// Mounts the mock on its server.
            ///
            /// Panics if no `respond_…` method gave it a response.
            pub async fn mount(self) {
                self.0.mount().await
            }
        }
    };
}

pub(crate) use operation_mock;

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) const OPERATIONS: &[MockOperation] = &[
        MockOperation::new("list_pets", "GET", "/pets"),
        MockOperation {
            prefixes: &["/v2"],
            ..MockOperation::new("show_pet", "GET", "/pets/{id}")
        },
        MockOperation::new("create_pet", "POST", "/pets"),
        MockOperation::new("get_file", "GET", "/files/{name}.{ext}"),
        MockOperation {
            sent: Some("/a%20b/{q}"),
            ..MockOperation::new("search", "GET", "/a b/{q}")
        },
    ];

    /// A mock as the generated `mock.rs` writes one.
    #[must_use]
    pub(crate) struct ShowPetMock<'s>(pub(crate) OperationMock<'s>);

    operation_mock!(ShowPetMock);

    impl MockServer {
        pub(crate) fn show_pet(&self) -> ShowPetMock<'_> {
            ShowPetMock(self.operation_mock(1))
        }
    }

    #[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
    pub(crate) struct Pet {
        pub(crate) name: String,
    }

    pub(crate) async fn get(server: &MockServer, path_and_query: &str) -> (u16, String) {
        let response = reqwest::get(format!("{}{path_and_query}", server.uri()))
            .await
            .unwrap();
        (response.status().as_u16(), response.text().await.unwrap())
    }

    #[test]
    fn segments_match_their_template() {
        let values = [("ext", "png".to_string())];
        let cases = [
            ("pets", "pets", &[][..], true),
            ("pets", "pet", &[][..], false),
            ("{id}", "7", &[][..], true),
            ("{id}", "", &[][..], false),
            ("{name}.{ext}", "a.b.png", &values[..], true),
            ("{name}.{ext}", "a.jpg", &values[..], false),
            ("{name}.{ext}", ".png", &values[..], false),
            ("v1:{x}", "v1:batch", &[][..], true),
            ("v1:{x}", "v2:batch", &[][..], false),
        ];
        for (template, segment, values, want) in cases {
            assert_eq!(
                segment_matches(template, segment, values),
                want,
                "{template} ~ {segment}"
            );
        }
    }

    #[test]
    fn the_nearest_operation_shares_the_path_first_and_the_method_second() {
        let distance = |i: usize, path: &str| path_distance(&OPERATIONS[i], &path_segments(path));
        assert_eq!(distance(1, "/pets/7"), 0);
        assert_eq!(distance(1, "/v2/pets/7"), 0);
        assert_eq!(distance(1, "/pets"), 1);
        assert_eq!(distance(0, "/pets/7"), 1);
        assert_eq!(distance(3, "/files/a.png"), 0);
        assert_eq!(distance(3, "/files/png"), 1);
        assert_eq!(distance(4, "/a%20b/x"), 0, "the path as it is sent");
        assert_eq!(distance(4, "/a b/x"), 1);
    }

    #[test]
    fn a_wildcard_matches_one_or_more_segments_and_its_value() {
        let template = ["repos", "{repo}", "files", "{*path}", "meta"];
        let matches = |path: &str, values: &[(&'static str, String)]| {
            template_matches(&template, &path_segments(path), values)
        };
        assert!(matches("/repos/r/files/a/meta", &[]));
        assert!(matches("/repos/r/files/a/b/c.txt/meta", &[]));
        assert!(!matches("/repos/r/files/meta", &[]));
        assert!(!matches("/repos/r/files/a/b", &[]));
        let path = [("path", "a/b%20c".to_string())];
        assert!(matches("/repos/r/files/a/b%20c/meta", &path));
        assert!(!matches("/repos/r/files/a/meta", &path));
        assert!(!matches("/repos/r/files/a/b%20c/d/meta", &path));
    }

    #[tokio::test]
    async fn a_mock_matches_its_path_parameters_and_answers() {
        let server = MockServer::start_with(OPERATIONS).await;
        server
            .show_pet()
            .matching(|r: &wiremock::Request| r.url.path().ends_with("/7"))
            .respond_with(wiremock::ResponseTemplate::new(200).set_body_string("seven"))
            .expect(2)
            .mount()
            .await;
        server
            .show_pet()
            .with_header("x-a", "b")
            .respond_raw(202, "with a header")
            .response_header("x-answer", "yes")
            .mount()
            .await;
        assert_eq!(get(&server, "/pets/7").await, (200, "seven".into()));
        assert_eq!(get(&server, "/v2/pets/7").await, (200, "seven".into()));
        let response = reqwest::Client::new()
            .get(format!("{}/pets/8", server.uri()))
            .header("x-a", "b")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 202);
        assert_eq!(response.headers()["x-answer"], "yes");
        server.verify().await;
    }

    #[tokio::test]
    async fn a_request_no_mock_matches_names_the_nearest_operation_and_why() {
        let server = MockServer::start_with(OPERATIONS).await;
        let mut typed = server.operation_mock(1).path_param("id", "7".into());
        typed = typed.respond_json(200, &Pet { name: "Rex".into() });
        typed.named("rex").mount().await;
        let (status, body) = get(&server, "/pets/8?x=1").await;
        assert_eq!(status, 501);
        assert_eq!(
            body,
            "no mock matched GET /pets/8?x=1\n\
             the nearest operation is `show_pet` (GET /pets/{id})\n\
             - mock `rex`: the path /pets/8 is not /pets/{id} with id = 7"
        );
        let (_, body) = get(&server, "/pets").await;
        assert_eq!(
            body,
            "no mock matched GET /pets\n\
             the nearest operation is `list_pets` (GET /pets)\n\
             no mock of `list_pets` is mounted"
        );
        let (_, body) = get(&server, "/owners/1").await;
        assert!(
            body.ends_with(
                "the nearest operation is `show_pet` (GET /pets/{id}), whose path differs"
            ),
            "{body}"
        );
        let response = reqwest::Client::new()
            .delete(format!("{}/pets", server.uri()))
            .send()
            .await
            .unwrap();
        assert!(response
            .text()
            .await
            .unwrap()
            .ends_with("the nearest operation is `list_pets` (GET /pets), which is a GET"));
        let unmatched = server.take_unmatched();
        assert_eq!(unmatched.len(), 4);
        assert!(server.take_unmatched().is_empty());
    }

    #[tokio::test]
    async fn the_mock_of_the_smallest_priority_answers() {
        let server = MockServer::start_with(OPERATIONS).await;
        server.show_pet().respond_raw(200, "any").mount().await;
        server
            .show_pet()
            .respond_raw(200, "first")
            .priority(1)
            .named("first")
            .expect(1)
            .mount()
            .await;
        assert_eq!(get(&server, "/pets/1").await, (200, "first".into()));
    }

    #[tokio::test]
    async fn an_exhausted_mock_says_so() {
        let server = MockServer::start_with(OPERATIONS).await;
        server
            .show_pet()
            .respond_raw(200, "once")
            .up_to_n_times(1)
            .mount()
            .await;
        assert_eq!(get(&server, "/pets/1").await.0, 200);
        let (status, body) = get(&server, "/pets/1").await;
        assert_eq!(status, 501);
        assert!(
            body.ends_with("- mock `show_pet #1`: matches, but has answered as often as `up_to_n_times` allows"),
            "{body}"
        );
        server.take_unmatched();
    }

    #[tokio::test]
    #[should_panic(expected = "no mock matched GET /pets/1")]
    async fn dropping_a_server_with_unmatched_requests_fails_the_test() {
        let server = MockServer::start_with(OPERATIONS).await;
        get(&server, "/pets/1").await;
    }

    #[tokio::test]
    #[should_panic(expected = "the mock server received 1 request(s) that no mock matched")]
    async fn verify_fails_on_unmatched_requests() {
        let server = MockServer::start_with(OPERATIONS).await;
        get(&server, "/nowhere").await;
        server.verify().await;
    }

    #[tokio::test]
    #[should_panic(expected = "Verifications failed")]
    async fn an_expectation_not_met_fails_the_test() {
        let server = MockServer::start_with(OPERATIONS).await;
        server
            .show_pet()
            .respond_raw(200, "")
            .expect(1)
            .mount()
            .await;
        server.verify().await;
    }

    #[tokio::test]
    #[should_panic(expected = "the mock of `show_pet` has no response")]
    async fn a_mock_without_a_response_cannot_be_mounted() {
        let server = MockServer::start_with(OPERATIONS).await;
        server.show_pet().mount().await;
    }
}
