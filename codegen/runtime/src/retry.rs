// [template]
// part = "retry"
// reexport = "pub"
// root = ["RetryPolicy"]
// # The schedule of waits, its jitter, and `Retry-After` dates.
// crates.backon = { version = "1", default-features = false }
// crates.fastrand = "2"
// crates.httpdate = "1"

//! When a request is sent again, and after how long: the retry policy, the
//! schedule of waits, and what makes a failure worth another attempt.

use std::time::{Duration, SystemTime};

use reqwest::header::HeaderMap;
use reqwest::{Method, StatusCode};

/// How a client retries a request that failed in a way another attempt may
/// cure: a connection error, a timeout, or status 408, 429, 500, 502, 503 or
/// 504 (a server's `x-should-retry: true` or `false` overrides the status).
///
/// Only GET, HEAD, OPTIONS, PUT and DELETE are retried, and POST and PATCH
/// when they carry an idempotency key; never a request whose body is a
/// stream that cannot be sent twice.
///
/// The wait before retry `n` (from 0) is `initial_delay · 2ⁿ`, at most
/// `max_delay`, less a random jitter of up to a quarter, so waits grow from
/// one retry to the next. A server's `retry-after-ms` or `Retry-After`
/// (seconds or an HTTP date) takes the place of that wait when it is at most
/// `max_retry_after`; a server that asks for longer gets no retry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    max_retries: u32,
    initial_delay: Duration,
    max_delay: Duration,
    max_retry_after: Duration,
}

impl Default for RetryPolicy {
    /// Two retries, waits from 0.5 s up to 8 s, a server's wait up to 60 s.
    fn default() -> Self {
        RetryPolicy {
            max_retries: 2,
            initial_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(8),
            max_retry_after: Duration::from_secs(60),
        }
    }
}

impl RetryPolicy {
    /// No retries: each request is sent once.
    pub fn none() -> Self {
        RetryPolicy::default().max_retries(0)
    }

    /// How many times a request may be sent again (0: never).
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = retries;
        self
    }

    /// The wait before the first retry (default 0.5 s); each later one doubles it.
    pub fn initial_delay(mut self, delay: Duration) -> Self {
        self.initial_delay = delay;
        self
    }

    /// The longest wait between two attempts of the client's own (default 8 s).
    pub fn max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    /// The longest wait a server may ask for with `Retry-After` (default
    /// 60 s); a longer one means the request is not retried.
    pub fn max_retry_after(mut self, wait: Duration) -> Self {
        self.max_retry_after = wait;
        self
    }

    /// How many times a request may be sent again.
    pub fn retries(&self) -> u32 {
        self.max_retries
    }

    /// The waits before each retry, in order, jitter included.
    pub(crate) fn delays(&self) -> impl Iterator<Item = Duration> + Send + Sync + Unpin {
        backon::BackoffBuilder::build(
            backon::ExponentialBuilder::default()
                .with_min_delay(self.initial_delay)
                .with_max_delay(self.max_delay)
                .with_factor(2.0)
                .with_max_times(self.max_retries as usize),
        )
        .map(jitter as fn(Duration) -> Duration)
    }

    /// The wait before the next attempt: the server's when it names one it
    /// may ask for, else `scheduled`; `None` when the server asks for longer.
    pub(crate) fn wait(&self, server: Option<Duration>, scheduled: Duration) -> Option<Duration> {
        match server {
            Some(wait) if wait > self.max_retry_after => None,
            Some(wait) => Some(wait),
            None => Some(scheduled),
        }
    }
}

/// A wait `d` less up to a quarter of it, at random: in `[0.75·d, d]`.
fn jitter(d: Duration) -> Duration {
    d.mul_f64(1.0 - 0.25 * fastrand::f64())
}

/// Whether a request of this method may be sent twice without a key:
/// GET, HEAD, OPTIONS, PUT and DELETE.
pub(crate) fn idempotent_method(method: &Method) -> bool {
    [
        Method::GET,
        Method::HEAD,
        Method::OPTIONS,
        Method::PUT,
        Method::DELETE,
    ]
    .contains(method)
}

/// Whether a response asks for another attempt: `x-should-retry` when the
/// server sends `true` or `false`, else its status (408, 429, 500, 502, 503, 504).
pub(crate) fn retryable_response(status: StatusCode, headers: &HeaderMap) -> bool {
    let should_retry = headers
        .get("x-should-retry")
        .and_then(|v| v.to_str().ok())
        .map(str::trim);
    match should_retry {
        Some(v) if v.eq_ignore_ascii_case("true") => true,
        Some(v) if v.eq_ignore_ascii_case("false") => false,
        _ => matches!(status.as_u16(), 408 | 429 | 500 | 502 | 503 | 504),
    }
}

/// Whether a transport failure may pass on another attempt: the connection
/// failed or broke, or the request timed out.
pub(crate) fn retryable_error(error: &reqwest::Error) -> bool {
    error.is_connect() || error.is_timeout() || error.is_request() || error.is_body()
}

/// How long a response asks the client to wait: `retry-after-ms`
/// (milliseconds), else `Retry-After` in seconds or as an HTTP date (a date
/// past is no wait). `None` when it names no wait it can be read as.
pub(crate) fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let text = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
    };
    let number = |t: &str| t.parse::<f64>().ok().filter(|n| n.is_finite() && *n >= 0.0);
    if let Some(ms) = text("retry-after-ms").and_then(number) {
        return Duration::try_from_secs_f64(ms / 1000.0).ok();
    }
    let value = text("retry-after")?;
    if let Some(seconds) = number(value) {
        return Duration::try_from_secs_f64(seconds).ok();
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, value.parse().unwrap());
        }
        map
    }

    #[test]
    fn waits_double_from_the_initial_delay_up_to_the_cap_each_less_up_to_a_quarter() {
        let policy = RetryPolicy::default().max_retries(7);
        let nominal = [0.5, 1.0, 2.0, 4.0, 8.0, 8.0, 8.0];
        for _ in 0..50 {
            let delays: Vec<Duration> = policy.delays().collect();
            assert_eq!(delays.len(), nominal.len());
            for (d, n) in delays.iter().zip(nominal) {
                let n = Duration::from_secs_f64(n);
                assert!(*d <= n && *d >= n.mul_f64(0.75), "{d:?} for {n:?}");
            }
            // Until the cap, each wait is longer than the one before.
            assert!(delays[..5].windows(2).all(|w| w[0] < w[1]), "{delays:?}");
        }
        assert_eq!(RetryPolicy::none().delays().count(), 0);
        assert_eq!(RetryPolicy::default().retries(), 2);
    }

    #[test]
    fn short_delays_for_tests() {
        let policy = RetryPolicy::default()
            .initial_delay(Duration::from_millis(50))
            .max_delay(Duration::from_millis(80));
        let delays: Vec<Duration> = policy.delays().collect();
        assert!(
            delays[0] >= Duration::from_micros(37_500) && delays[0] <= Duration::from_millis(50)
        );
        assert!(delays[1] >= Duration::from_millis(60) && delays[1] <= Duration::from_millis(80));
    }

    #[test]
    fn a_server_wait_wins_up_to_its_cap() {
        let policy = RetryPolicy::default();
        let scheduled = Duration::from_millis(500);
        assert_eq!(policy.wait(None, scheduled), Some(scheduled));
        let asked = Duration::from_secs(3);
        assert_eq!(policy.wait(Some(asked), scheduled), Some(asked));
        assert_eq!(
            policy.wait(Some(Duration::from_secs(60)), scheduled),
            Some(Duration::from_secs(60))
        );
        assert_eq!(policy.wait(Some(Duration::from_secs(61)), scheduled), None);
        let patient = policy.max_retry_after(Duration::from_secs(120));
        assert!(patient
            .wait(Some(Duration::from_secs(61)), scheduled)
            .is_some());
    }

    #[test]
    fn only_idempotent_methods_without_a_key() {
        for m in [
            Method::GET,
            Method::HEAD,
            Method::OPTIONS,
            Method::PUT,
            Method::DELETE,
        ] {
            assert!(idempotent_method(&m), "{m}");
        }
        for m in [Method::POST, Method::PATCH, Method::TRACE, Method::CONNECT] {
            assert!(!idempotent_method(&m), "{m}");
        }
    }

    #[test]
    fn statuses_worth_a_retry_and_the_servers_word_on_it() {
        let none = HeaderMap::new();
        for code in [408, 429, 500, 502, 503, 504] {
            assert!(
                retryable_response(StatusCode::from_u16(code).unwrap(), &none),
                "{code}"
            );
        }
        for code in [200, 301, 400, 401, 403, 404, 409, 422, 501, 505] {
            assert!(
                !retryable_response(StatusCode::from_u16(code).unwrap(), &none),
                "{code}"
            );
        }
        let yes = headers(&[("x-should-retry", "true")]);
        let no = headers(&[("x-should-retry", "FALSE")]);
        let other = headers(&[("x-should-retry", "maybe")]);
        assert!(retryable_response(StatusCode::CONFLICT, &yes));
        assert!(!retryable_response(StatusCode::SERVICE_UNAVAILABLE, &no));
        assert!(retryable_response(StatusCode::SERVICE_UNAVAILABLE, &other));
        assert!(!retryable_response(StatusCode::CONFLICT, &other));
    }

    #[test]
    fn retry_after_in_milliseconds_seconds_or_a_date() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let wait = |pairs: &[(&'static str, &'static str)]| retry_after(&headers(pairs), now);
        assert_eq!(wait(&[]), None);
        assert_eq!(wait(&[("retry-after", "1")]), Some(Duration::from_secs(1)));
        assert_eq!(
            wait(&[("retry-after", " 2.5 ")]),
            Some(Duration::from_millis(2500))
        );
        assert_eq!(
            wait(&[("retry-after-ms", "250"), ("retry-after", "9")]),
            Some(Duration::from_millis(250))
        );
        // 1_700_000_000 is Tue, 14 Nov 2023 22:13:20 GMT.
        assert_eq!(
            wait(&[("retry-after", "Tue, 14 Nov 2023 22:13:50 GMT")]),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            wait(&[("retry-after", "Tue, 14 Nov 2023 22:00:00 GMT")]),
            Some(Duration::ZERO)
        );
        for bad in ["-1", "soon", "NaN", "inf", ""] {
            assert_eq!(wait(&[("retry-after", bad)]), None, "{bad:?}");
        }
        // An unreadable `retry-after-ms` leaves `Retry-After` to speak.
        assert_eq!(
            wait(&[("retry-after-ms", "x"), ("retry-after", "3")]),
            Some(Duration::from_secs(3))
        );
    }

    #[tokio::test]
    async fn a_refused_connection_and_a_timeout_are_worth_a_retry() {
        // Nothing listens on port 1.
        let refused = reqwest::get("http://127.0.0.1:1/").await.unwrap_err();
        assert!(retryable_error(&refused), "{refused:?}");
        let server = wiremock::MockServer::start().await;
        wiremock::Mock::given(wiremock::matchers::any())
            .respond_with(wiremock::ResponseTemplate::new(200).set_delay(Duration::from_secs(2)))
            .mount(&server)
            .await;
        let timeout = reqwest::Client::new()
            .get(server.uri())
            .timeout(Duration::from_millis(20))
            .send()
            .await
            .unwrap_err();
        assert!(
            timeout.is_timeout() && retryable_error(&timeout),
            "{timeout:?}"
        );
        let builder = reqwest::Client::new()
            .get("http://[::1")
            .send()
            .await
            .unwrap_err();
        assert!(!retryable_error(&builder), "{builder:?}");
    }
}
