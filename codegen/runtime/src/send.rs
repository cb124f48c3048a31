// [template]
// part = "send"
// reexport = "crate"
// requires = ["raw", "request", "settings", "retry", "error_sent", "hooks", "trace"]
// # The waits between attempts (reqwest runs on tokio already).
// crates.tokio = { version = "1", default-features = false, features = ["time"] }

//! Sending a request: its URL, then each attempt (credentials, hooks,
//! cookies), retried as the client's policy says, and reading the response.

use std::future::Future;
use std::time::{Duration, Instant, SystemTime};

use super::{BoxFuture, Error, RawResponse, RequestInfo, RequestOptions, ResponseInfo, Settings};

/// Appends encoded path segments to a base URL.
pub(crate) fn build_url<E>(
    base: &reqwest::Url,
    segments: &[&str],
) -> Result<reqwest::Url, Error<E>> {
    if base.cannot_be_a_base() {
        return Err(Error::InvalidRequest(format!(
            "the base URL {base} cannot take a path"
        )));
    }
    let mut path = base.path().trim_end_matches('/').to_string();
    for segment in segments {
        // `.` and `..` would move up the path, and an empty segment changes it.
        if matches!(*segment, "." | "..") || segment.is_empty() {
            return Err(Error::InvalidRequest(format!(
                "{segment:?} cannot be sent as a path segment"
            )));
        }
        path.push('/');
        path.push_str(segment);
    }
    let mut url = base.clone();
    url.set_path(&path);
    Ok(url)
}

/// What is done to each attempt's copy of a request before it is sent (a
/// credential written into it), given the attempt's number.
pub(crate) type Step<'a, E> = Box<
    dyn Fn(reqwest::Request, u32) -> BoxFuture<'a, Result<reqwest::Request, Error<E>>>
        + Send
        + Sync
        + 'a,
>;

/// What preparing a request gives: the request, or why it cannot be sent.
pub(crate) type PreparedResult<'a, E> = Result<Prepared<'a, E>, Error<E>>;

/// A request built and ready to send, with what each attempt adds to it.
pub(crate) struct Prepared<'a, E> {
    pub(crate) settings: &'a Settings,
    pub(crate) request: reqwest::Request,
    info: RequestInfo,
    pub(crate) steps: Vec<Step<'a, E>>,
    max_retries: u32,
    connect_timeout: Option<Duration>,
    /// Whether the request carries an idempotency key, so that a POST or
    /// PATCH may be retried.
    pub(crate) keyed: bool,
}

/// Why an attempt did not give the response to read.
enum Failure<E> {
    /// A response that asks for another attempt, and the wait it names.
    Response(reqwest::Response, Option<Duration>),
    /// An error, and whether another attempt may cure it.
    Error(Error<E>, bool),
}

impl<'a, E> Prepared<'a, E> {
    /// A request of operation `operation` (its id) at `path` (the path as
    /// the document writes it), with the per-request `options`.
    pub(crate) fn new(
        settings: &'a Settings,
        request: reqwest::RequestBuilder,
        options: RequestOptions,
        operation: &'static str,
        path: &'static str,
    ) -> PreparedResult<'a, E> {
        let mut request = options
            .apply(request)
            .build()
            .map_err(|e| Error::transport(e, 0))?;
        if request.timeout().is_none() {
            *request.timeout_mut() = settings.timeout;
        }
        if let Some(agent) = &settings.user_agent {
            let headers = request.headers_mut();
            if !headers.contains_key(reqwest::header::USER_AGENT) {
                headers.insert(reqwest::header::USER_AGENT, agent.clone());
            }
        }
        Ok(Prepared {
            settings,
            info: RequestInfo {
                operation,
                method: request.method().clone(),
                path,
                attempt: 0,
            },
            request,
            steps: Vec::new(),
            max_retries: options.max_retries.unwrap_or(settings.retry.retries()),
            connect_timeout: options.connect_timeout,
            keyed: false,
        })
    }

    /// Sends the request, retrying as the policy says, and reads the whole response.
    pub(crate) async fn execute(self) -> Result<RawResponse, Error<E>> {
        let (mut raw, attempts) = self.run(RawResponse::read).await?;
        raw.attempts = attempts;
        Ok(raw)
    }

    /// Whether the request may be sent more than once: its method is
    /// idempotent or it carries a key, and its body can be sent again.
    fn replayable(&self) -> bool {
        (super::idempotent_method(self.request.method()) || self.keyed)
            && self.request.try_clone().is_some()
    }

    /// Each attempt, and the waits between them; `read` reads a response
    /// that is not to be retried. The value `read` gave, and the number of
    /// attempts.
    pub(crate) async fn run<T, F, Fut>(self, read: F) -> Result<(T, u32), Error<E>>
    where
        F: Fn(reqwest::Response) -> Fut,
        Fut: Future<Output = Result<T, reqwest::Error>>,
    {
        let http = self
            .settings
            .http_with_connect_timeout(self.connect_timeout)
            .map_err(Error::InvalidRequest)?;
        let retries = if self.replayable() {
            self.max_retries
        } else {
            0
        };
        let trace = super::Trace::start(&self.info);
        let context = (&self.info, &self.steps[..], self.settings, &http, &read);
        let outcome = trace
            .in_span(attempts(context, self.request, retries, &trace))
            .await;
        let (outcome, n) = match outcome {
            (Ok(value), n) => (Ok(value), n),
            // Retried as often as it may be, or asked to wait too long for.
            (Err(Failure::Response(response, _)), n) => {
                let status = response.status();
                let read = read(response).await.map(|v| (v, status));
                (read.map_err(|e| Error::transport(e, n)), n)
            }
            (Err(Failure::Error(e, _)), n) => (Err(e), n),
        };
        trace.finish(outcome.as_ref().ok().map(|(_, status)| *status), n);
        outcome.map(|(value, _)| (value, n))
    }
}

/// What an attempt needs of its request: who it is, its steps, the settings,
/// the HTTP client, and how to read a response.
type Context<'p, 'a, E, F> = (
    &'p RequestInfo,
    &'p [Step<'a, E>],
    &'p Settings,
    &'p reqwest::Client,
    &'p F,
);

/// Up to `retries + 1` attempts, each after the wait the schedule or the
/// server gives; the outcome of the last, and the number of attempts.
async fn attempts<E, T, F, Fut>(
    context: Context<'_, '_, E, F>,
    original: reqwest::Request,
    retries: u32,
    trace: &super::Trace,
) -> (Result<(T, reqwest::StatusCode), Failure<E>>, u32)
where
    F: Fn(reqwest::Response) -> Fut,
    Fut: Future<Output = Result<T, reqwest::Error>>,
{
    let settings = context.2;
    let policy = settings.retry.max_retries(retries);
    let mut delays = policy.delays();
    let mut original = Some(original);
    let mut n = 0;
    loop {
        n += 1;
        // The last attempt sends the original; the others a copy.
        let request = match n > retries {
            true => original.take(),
            false => original.as_ref().and_then(reqwest::Request::try_clone),
        };
        let failure = match send_once(context, request, n).await {
            Ok(value) => return (Ok(value), n),
            Err(failure) => failure,
        };
        let wait = match &failure {
            Failure::Response(_, server) => delays.next().and_then(|d| policy.wait(*server, d)),
            Failure::Error(_, true) => delays.next(),
            Failure::Error(_, false) => None,
        };
        let Some(wait) = wait else {
            return (Err(failure), n);
        };
        trace.retrying(wait);
        tokio::time::sleep(wait).await;
    }
}

/// One attempt: the steps and hooks, sending, and reading the response
/// unless it asks for another attempt.
async fn send_once<E, T, F, Fut>(
    (info, steps, settings, http, read): Context<'_, '_, E, F>,
    request: Option<reqwest::Request>,
    n: u32,
) -> Result<(T, reqwest::StatusCode), Failure<E>>
where
    F: Fn(reqwest::Response) -> Fut,
    Fut: Future<Output = Result<T, reqwest::Error>>,
{
    let fatal = |e| Failure::Error(e, false);
    let Some(mut request) = request else {
        let why = "the request body cannot be sent again".to_string();
        return Err(fatal(Error::InvalidRequest(why)));
    };
    for step in steps {
        request = step(request, n).await.map_err(fatal)?;
    }
    let info = RequestInfo {
        attempt: n,
        ..info.clone()
    };
    super::before_attempt(&settings.hooks, &mut request, &info)
        .await
        .map_err(|error| fatal(Error::Hook { error, attempts: n }))?;
    join_cookies(&mut request);
    let started = Instant::now();
    let result = http.execute(request).await;
    let no_headers = reqwest::header::HeaderMap::new();
    let seen = ResponseInfo {
        request: &info,
        status: result.as_ref().ok().map(reqwest::Response::status),
        headers: result
            .as_ref()
            .map_or(&no_headers, reqwest::Response::headers),
        error: result.as_ref().err(),
        elapsed: started.elapsed(),
    };
    super::after_response(&settings.hooks, &seen).await;
    let response = result.map_err(|e| {
        let retryable = super::retryable_error(&e);
        Failure::Error(Error::transport(e, n), retryable)
    })?;
    let status = response.status();
    if super::retryable_response(status, response.headers()) {
        let wait = super::retry_after(response.headers(), SystemTime::now());
        return Err(Failure::Response(response, wait));
    }
    match read(response).await {
        Ok(value) => Ok((value, status)),
        Err(e) => {
            let retryable = super::retryable_error(&e);
            Err(Failure::Error(Error::transport(e, n), retryable))
        }
    }
}

/// Joins a request's `Cookie` headers (from cookie parameters, a cookie
/// credential, hooks or `header` calls) into one, as RFC 6265 asks of a client.
fn join_cookies(request: &mut reqwest::Request) {
    let headers = request.headers_mut();
    let cookies = headers.get_all(reqwest::header::COOKIE);
    if cookies.iter().nth(1).is_none() {
        return;
    }
    let sensitive = cookies.iter().any(|v| v.is_sensitive());
    let joined = cookies
        .iter()
        .map(|v| v.as_bytes())
        .collect::<Vec<_>>()
        .join(&b"; "[..]);
    if let Ok(mut value) = reqwest::header::HeaderValue::from_bytes(&joined) {
        value.set_sensitive(sensitive);
        headers.insert(reqwest::header::COOKIE, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Hook, RetryPolicy};
    use std::sync::{Arc, Mutex};
    use wiremock::matchers::{header, method, path};
    use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

    fn url(base: &str, segments: &[&str]) -> Result<String, String> {
        let base = reqwest::Url::parse(base).unwrap();
        build_url::<()>(&base, segments)
            .map(|u| u.to_string())
            .map_err(|e| e.to_string())
    }

    #[test]
    fn segments_go_after_the_base_path() {
        assert_eq!(
            url("https://api.example/v1/", &["pets", "7"]).unwrap(),
            "https://api.example/v1/pets/7"
        );
        assert_eq!(
            url("https://api.example", &["pets"]).unwrap(),
            "https://api.example/pets"
        );
        // A query of the base URL stays.
        assert_eq!(
            url("https://api.example/v1?tenant=a", &["pets"]).unwrap(),
            "https://api.example/v1/pets?tenant=a"
        );
    }

    #[test]
    fn segments_that_would_change_the_path_are_refused() {
        for segment in [".", "..", ""] {
            let e = url("https://api.example/v1", &["pets", segment]).unwrap_err();
            assert!(e.contains("cannot be sent as a path segment"), "{e}");
        }
        let e = url("mailto:someone@example.com", &["pets"]).unwrap_err();
        assert!(e.contains("cannot take a path"), "{e}");
    }

    /// Answers with each response in turn (the last one again after that),
    /// noting when each request came.
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

    type Seen = Arc<Mutex<Vec<(Instant, Request)>>>;

    /// A server answering `responses` in turn, and what it saw.
    async fn serve(responses: Vec<ResponseTemplate>) -> (MockServer, Seen) {
        let server = MockServer::start().await;
        let seen = Seen::default();
        Mock::given(path("/r"))
            .respond_with(Sequence {
                responses,
                seen: seen.clone(),
            })
            .mount(&server)
            .await;
        (server, seen)
    }

    fn status(code: u16) -> ResponseTemplate {
        ResponseTemplate::new(code)
    }

    /// Settings that retry twice with short waits: 50 ms, then 100 ms.
    fn quick() -> Settings {
        let mut settings = Settings::default();
        settings.retry = RetryPolicy::default()
            .initial_delay(Duration::from_millis(50))
            .max_delay(Duration::from_millis(400));
        settings
    }

    fn prepared<'a>(
        settings: &'a Settings,
        server: &MockServer,
        method: reqwest::Method,
        options: RequestOptions,
    ) -> Prepared<'a, ()> {
        let request = settings.http.request(method, format!("{}/r", server.uri()));
        Prepared::new(settings, request, options, "op", "/r").unwrap()
    }

    fn get<'a>(settings: &'a Settings, server: &MockServer) -> Prepared<'a, ()> {
        prepared(
            settings,
            server,
            reqwest::Method::GET,
            RequestOptions::default(),
        )
    }

    fn gaps(seen: &Seen) -> Vec<Duration> {
        let seen = seen.lock().unwrap();
        seen.windows(2).map(|w| w[1].0 - w[0].0).collect()
    }

    #[tokio::test]
    async fn two_503s_then_a_200_take_three_attempts_with_growing_gaps() {
        let (server, seen) = serve(vec![status(503), status(503), status(200)]).await;
        let settings = quick();
        let raw = get(&settings, &server).execute().await.unwrap();
        assert_eq!((raw.status.as_u16(), raw.attempts), (200, 3));
        let gaps = gaps(&seen);
        assert_eq!(gaps.len(), 2);
        // 50 ms less a quarter at most, then 100 ms less a quarter at most.
        assert!(gaps[0] >= Duration::from_micros(37_500), "{gaps:?}");
        assert!(gaps[1] >= Duration::from_millis(75), "{gaps:?}");
        assert!(gaps[1] > gaps[0], "{gaps:?}");
        assert!(gaps[1] < Duration::from_millis(600), "{gaps:?}");
    }

    #[tokio::test]
    async fn retries_run_out_and_the_last_response_is_read() {
        let (server, seen) = serve(vec![status(502).set_body_string("down")]).await;
        let settings = quick();
        let raw = get(&settings, &server).execute().await.unwrap();
        assert_eq!((raw.status.as_u16(), raw.attempts), (502, 3));
        assert_eq!(seen.lock().unwrap().len(), 3);
        let options = RequestOptions {
            max_retries: Some(0),
            ..Default::default()
        };
        let raw = prepared(&settings, &server, reqwest::Method::GET, options)
            .execute()
            .await
            .unwrap();
        assert_eq!(raw.attempts, 1);
        assert_eq!(seen.lock().unwrap().len(), 4);
    }

    #[tokio::test]
    async fn a_servers_retry_after_is_the_wait_and_one_too_long_means_no_retry() {
        let (server, seen) = serve(vec![
            status(429).insert_header("retry-after-ms", "300"),
            status(200),
        ])
        .await;
        let settings = quick();
        let raw = get(&settings, &server).execute().await.unwrap();
        assert_eq!(raw.attempts, 2);
        assert!(gaps(&seen)[0] >= Duration::from_millis(300));

        let (server, seen) = serve(vec![status(503).insert_header("retry-after", "61")]).await;
        let started = Instant::now();
        let raw = get(&settings, &server).execute().await.unwrap();
        assert_eq!((raw.status.as_u16(), raw.attempts), (503, 1));
        assert_eq!(seen.lock().unwrap().len(), 1);
        assert!(started.elapsed() < Duration::from_secs(5));
    }

    #[tokio::test]
    async fn the_servers_word_on_retrying_wins_over_the_status() {
        let (server, seen) =
            serve(vec![status(503).insert_header("x-should-retry", "false")]).await;
        let settings = quick();
        assert_eq!(get(&settings, &server).execute().await.unwrap().attempts, 1);
        assert_eq!(seen.lock().unwrap().len(), 1);
        let (server, seen) = serve(vec![
            status(409).insert_header("x-should-retry", "true"),
            status(200),
        ])
        .await;
        assert_eq!(get(&settings, &server).execute().await.unwrap().attempts, 2);
        assert_eq!(seen.lock().unwrap().len(), 2);
    }

    #[tokio::test]
    async fn a_400_and_a_post_without_a_key_are_sent_once() {
        let settings = quick();
        let (server, seen) = serve(vec![status(400), status(200)]).await;
        let raw = get(&settings, &server).execute().await.unwrap();
        assert_eq!((raw.status.as_u16(), raw.attempts), (400, 1));
        assert_eq!(seen.lock().unwrap().len(), 1);
        let (server, seen) = serve(vec![status(503), status(200)]).await;
        let post = prepared(
            &settings,
            &server,
            reqwest::Method::POST,
            Default::default(),
        );
        let raw = post.execute().await.unwrap();
        assert_eq!((raw.status.as_u16(), raw.attempts), (503, 1));
        assert_eq!(seen.lock().unwrap().len(), 1);
    }

    #[tokio::test]
    async fn a_keyed_post_is_retried_with_its_key_and_a_stream_never() {
        let settings = quick();
        let (server, seen) = serve(vec![status(503), status(201)]).await;
        let mut post = prepared(
            &settings,
            &server,
            reqwest::Method::POST,
            Default::default(),
        );
        post.idempotency_key(Some("Idempotency-Key"));
        assert_eq!(post.execute().await.unwrap().attempts, 2);
        let keys: Vec<String> = seen
            .lock()
            .unwrap()
            .iter()
            .map(|(_, r)| r.headers["idempotency-key"].to_str().unwrap().to_string())
            .collect();
        assert_eq!(keys.len(), 2);
        assert_eq!(keys[0], keys[1]);

        let (server, seen) = serve(vec![status(503), status(200)]).await;
        let chunks: Vec<Result<&'static str, std::io::Error>> = vec![Ok("a"), Ok("b")];
        let request =
            settings
                .http
                .put(format!("{}/r", server.uri()))
                .body(reqwest::Body::wrap_stream(futures_util::stream::iter(
                    chunks,
                )));
        let put = Prepared::<()>::new(&settings, request, Default::default(), "op", "/r").unwrap();
        assert_eq!(put.execute().await.unwrap().attempts, 1);
        assert_eq!(seen.lock().unwrap().len(), 1);
    }

    #[tokio::test]
    async fn a_refused_connection_fails_fast_with_its_attempts_counted() {
        let settings = quick();
        let request = settings.http.get("http://127.0.0.1:1/r");
        let started = Instant::now();
        let e = Prepared::<()>::new(&settings, request, Default::default(), "op", "/r")
            .unwrap()
            .execute()
            .await
            .unwrap_err();
        assert!(
            matches!(&e, Error::Transport { error, attempts: 3 } if error.is_connect()),
            "{e:?}"
        );
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "{:?}",
            started.elapsed()
        );
    }

    #[tokio::test]
    async fn a_timeout_is_retried_and_counted() {
        let (server, seen) = serve(vec![status(200).set_delay(Duration::from_secs(2))]).await;
        let mut settings = quick();
        settings.timeout = Some(Duration::from_millis(100));
        let e = get(&settings, &server).execute().await.unwrap_err();
        assert!(e.is_timeout() && e.is_retryable(), "{e:?}");
        assert_eq!(e.attempts(), 3);
        assert_eq!(seen.lock().unwrap().len(), 3);
    }

    /// Adds its name to `x-hook` and notes each response's status.
    struct Named(&'static str, Arc<Mutex<Vec<String>>>);

    impl Hook for Named {
        fn before_attempt<'a>(
            &'a self,
            request: &'a mut reqwest::Request,
            info: &'a RequestInfo,
        ) -> BoxFuture<'a, Result<(), crate::BoxError>> {
            request
                .headers_mut()
                .append("x-hook", self.0.parse().unwrap());
            let line = format!("{} #{}", self.0, info.attempt);
            self.1.lock().unwrap().push(line);
            Box::pin(async { Ok(()) })
        }

        fn after_response<'a>(&'a self, response: &'a ResponseInfo<'_>) -> BoxFuture<'a, ()> {
            let line = format!("{} {:?}", self.0, response.status.map(|s| s.as_u16()));
            self.1.lock().unwrap().push(line);
            Box::pin(async {})
        }
    }

    #[tokio::test]
    async fn hooks_run_in_order_at_each_attempt_and_see_each_response() {
        let (server, seen) = serve(vec![status(500), status(204)]).await;
        let notes = Arc::new(Mutex::new(Vec::new()));
        let mut settings = quick();
        settings.hooks.push(Arc::new(Named("a", notes.clone())));
        settings.hooks.push(Arc::new(Named("b", notes.clone())));
        get(&settings, &server).execute().await.unwrap();
        assert_eq!(
            *notes.lock().unwrap(),
            [
                "a #1",
                "b #1",
                "a Some(500)",
                "b Some(500)",
                "a #2",
                "b #2",
                "a Some(204)",
                "b Some(204)"
            ]
        );
        for (_, request) in seen.lock().unwrap().iter() {
            let values: Vec<_> = request.headers.get_all("x-hook").iter().collect();
            assert_eq!(values, ["a", "b"]);
        }
    }

    #[tokio::test]
    async fn the_user_agent_is_the_crates_unless_replaced() {
        let (server, seen) = serve(vec![status(204)]).await;
        let mut settings = quick();
        get(&settings, &server).execute().await.unwrap();
        settings.user_agent = Some("mine/2".parse().unwrap());
        get(&settings, &server).execute().await.unwrap();
        let agents: Vec<String> = seen
            .lock()
            .unwrap()
            .iter()
            .map(|(_, r)| r.headers["user-agent"].to_str().unwrap().to_string())
            .collect();
        assert_eq!(agents, ["client-runtime/0.0.0", "mine/2"]);
    }

    #[tokio::test]
    async fn cookies_go_as_one_header() {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/"))
            .and(header("cookie", "a=1; b=2"))
            .respond_with(ResponseTemplate::new(204))
            .mount(&server)
            .await;
        let settings = Settings::default();
        let request = settings
            .http
            .get(server.uri())
            .header(reqwest::header::COOKIE, "a=1")
            .header(reqwest::header::COOKIE, "b=2");
        let raw = Prepared::<()>::new(&settings, request, Default::default(), "op", "/")
            .unwrap()
            .execute()
            .await
            .unwrap();
        assert_eq!(raw.status, reqwest::StatusCode::NO_CONTENT);
    }

    #[tokio::test]
    async fn a_connect_timeout_of_its_own_needs_the_clients_http_client() {
        let (server, _) = serve(vec![status(204)]).await;
        let mut settings = quick();
        let options = || RequestOptions {
            connect_timeout: Some(Duration::from_secs(1)),
            ..Default::default()
        };
        let raw = prepared(&settings, &server, reqwest::Method::GET, options())
            .execute()
            .await
            .unwrap();
        assert_eq!(raw.status.as_u16(), 204);
        settings.set_http(reqwest::Client::new());
        let e = prepared(&settings, &server, reqwest::Method::GET, options())
            .execute()
            .await
            .unwrap_err();
        assert!(matches!(e, Error::InvalidRequest(_)), "{e:?}");
    }
}
