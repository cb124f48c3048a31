// [template]
// part = "wait"
// reexport = "pub"
// requires = ["request"]
// root = ["WaitError", "Waiter"]
// # The waits between polls.
// crates.tokio = { version = "1", default-features = false, features = ["time"] }

//! Waiting on a job: an operation that reads its status, sent again and
//! again until the status is terminal, as aws-sdk-rust's waiters do.
//!
//! The first request goes at once; after each answer that is not terminal
//! the waiter sleeps for the interval, which grows by the backoff factor up
//! to the largest interval. A terminal status among the successes gives the
//! final response; any other terminal status is [`WaitError::Failed`] with
//! that response. A response without a readable status is not terminal. A
//! request that fails ends the wait with its error ([`WaitError::Request`]);
//! when the timeout passes first, even during a request, the wait ends with
//! [`WaitError::TimedOut`] and the last response it had.

use std::fmt;
use std::future::{Future, IntoFuture};
use std::time::Duration;

use super::{BoxFuture, Error, ResponseValue};

/// Why waiting on a job did not end in success.
#[derive(Debug)]
pub enum WaitError<T, E> {
    /// The job reached a terminal status that is not a success: its last response.
    Failed(ResponseValue<T>),
    /// The timeout passed first; the last response, if one came.
    TimedOut(Option<ResponseValue<T>>),
    /// A request for the status failed.
    Request(Error<E>),
}

impl<T, E: fmt::Debug> fmt::Display for WaitError<T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WaitError::Failed(_) => f.write_str("the job ended without success"),
            WaitError::TimedOut(_) => f.write_str("the job did not end before the timeout"),
            WaitError::Request(e) => write!(f, "reading the job's status failed: {e}"),
        }
    }
}

impl<T: fmt::Debug, E: fmt::Debug> std::error::Error for WaitError<T, E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        None
    }
}

/// Sends the status request once more.
type Resend<'a, T, E> =
    Box<dyn FnMut() -> BoxFuture<'a, Result<ResponseValue<T>, Error<E>>> + Send + 'a>;

/// Which statuses end a job, and which of those are successes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct JobStatus {
    /// The JSON pointer to the status in the response.
    pub(crate) at: &'static str,
    pub(crate) terminal: &'static [&'static str],
    pub(crate) success: &'static [&'static str],
}

/// Sends an operation that reads a job's status until the status is
/// terminal; `.await` it. Set how often with [`Waiter::interval`],
/// [`Waiter::backoff`] and [`Waiter::max_interval`], and how long at most
/// with [`Waiter::timeout`].
pub struct Waiter<'a, T, E> {
    poll: Resend<'a, T, E>,
    status: JobStatus,
    interval: Duration,
    max_interval: Duration,
    backoff: f64,
    timeout: Duration,
}

impl<T, E> fmt::Debug for Waiter<'_, T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Waiter")
            .field("status", &self.status)
            .field("interval", &self.interval)
            .field("max_interval", &self.max_interval)
            .field("backoff", &self.backoff)
            .field("timeout", &self.timeout)
            .finish()
    }
}

impl<'a, T: serde::Serialize + Send + 'a, E: Send + 'a> Waiter<'a, T, E> {
    /// A waiter that sends `poll` until the status `status` reads is terminal:
    /// every 2 s at first, 1.5 times longer after each answer up to 30 s, for
    /// 10 minutes at most.
    pub(crate) fn new<F, Fut>(mut poll: F, status: JobStatus) -> Self
    where
        F: FnMut() -> Fut + Send + 'a,
        Fut: Future<Output = Result<ResponseValue<T>, Error<E>>> + Send + 'a,
    {
        Waiter {
            poll: Box::new(move || Box::pin(poll())),
            status,
            interval: Duration::from_secs(2),
            max_interval: Duration::from_secs(30),
            backoff: 1.5,
            timeout: Duration::from_secs(600),
        }
    }

    /// The time between the first answer and the second request.
    pub fn interval(mut self, interval: Duration) -> Self {
        self.interval = interval;
        self.max_interval = self.max_interval.max(interval);
        self
    }

    /// The longest time between two requests.
    pub fn max_interval(mut self, max_interval: Duration) -> Self {
        self.max_interval = max_interval;
        self
    }

    /// How much longer each interval is than the one before (1: always the same).
    pub fn backoff(mut self, factor: f64) -> Self {
        self.backoff = if factor.is_finite() {
            factor.max(1.0)
        } else {
            1.0
        };
        self
    }

    /// How long to wait at most, from the first request.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The status a response reads, if it has one.
    fn status_of(&self, response: &ResponseValue<T>) -> Option<String> {
        let json = serde_json::to_value(&response.body).ok()?;
        json.pointer(self.status.at)?.as_str().map(str::to_string)
    }

    /// Sends the request until the status is terminal, or the timeout passes.
    pub async fn wait(mut self) -> Result<ResponseValue<T>, WaitError<T, E>> {
        let deadline = tokio::time::Instant::now() + self.timeout;
        let mut interval = self.interval;
        let mut last = None;
        loop {
            let response = match tokio::time::timeout_at(deadline, (self.poll)()).await {
                Err(_elapsed) => return Err(WaitError::TimedOut(last)),
                Ok(Err(e)) => return Err(WaitError::Request(e)),
                Ok(Ok(response)) => response,
            };
            if let Some(status) = self.status_of(&response) {
                if self.status.terminal.contains(&status.as_str()) {
                    return if self.status.success.contains(&status.as_str()) {
                        Ok(response)
                    } else {
                        Err(WaitError::Failed(response))
                    };
                }
            }
            last = Some(response);
            let now = tokio::time::Instant::now();
            if now + interval >= deadline {
                tokio::time::sleep_until(deadline).await;
                return Err(WaitError::TimedOut(last));
            }
            tokio::time::sleep(interval).await;
            interval = interval.mul_f64(self.backoff).min(self.max_interval);
        }
    }
}

impl<'a, T: serde::Serialize + Send + 'a, E: Send + 'a> IntoFuture for Waiter<'a, T, E> {
    type Output = Result<ResponseValue<T>, WaitError<T, E>>;
    type IntoFuture = BoxFuture<'a, Self::Output>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.wait())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wiremock::matchers::method;
    use wiremock::{Mock, MockServer, Respond, ResponseTemplate};

    #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Job {
        job: Inner,
    }

    #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Inner {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        status: Option<String>,
    }

    const STATUS: JobStatus = JobStatus {
        at: "/job/status",
        terminal: &["done", "failed"],
        success: &["done"],
    };

    /// Sends a GET once (no retries), as a job's status operation would,
    /// with the settings (and so the HTTP client) of one client: building a
    /// `reqwest::Client` per request is slow enough on a loaded machine to
    /// leave too few requests within a test's timeout.
    async fn get<E>(
        settings: crate::Settings,
        url: String,
    ) -> Result<crate::RawResponse, Error<E>> {
        let options = crate::RequestOptions {
            max_retries: Some(0),
            ..Default::default()
        };
        let request = settings.http.get(&url);
        let raw = crate::Prepared::new(&settings, request, options, "job", "/job")?
            .execute()
            .await?;
        Ok(raw)
    }

    /// Answers with each status in turn, then the last again.
    struct Statuses(Vec<Option<&'static str>>, std::sync::atomic::AtomicUsize);

    impl Respond for Statuses {
        fn respond(&self, _: &wiremock::Request) -> ResponseTemplate {
            let i = self.1.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            let status = self.0[i.min(self.0.len() - 1)];
            ResponseTemplate::new(200).set_body_json(serde_json::json!({"job": {"status": status}}))
        }
    }

    async fn server(statuses: Vec<Option<&'static str>>) -> MockServer {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(Statuses(statuses, Default::default()))
            .mount(&server)
            .await;
        server
    }

    fn waiter(server: &MockServer) -> Waiter<'static, Job, ()> {
        let url = server.uri();
        let settings = crate::Settings::default();
        Waiter::new(
            move || {
                let (settings, url) = (settings.clone(), url.clone());
                async move { get(settings, url).await?.json() }
            },
            STATUS,
        )
        .interval(Duration::from_millis(5))
        .backoff(2.0)
        .max_interval(Duration::from_millis(20))
        .timeout(Duration::from_secs(5))
    }

    #[tokio::test]
    async fn it_polls_until_a_terminal_success() {
        let server = server(vec![Some("queued"), None, Some("running"), Some("done")]).await;
        let done = waiter(&server).await.unwrap();
        assert_eq!(done.job.status.as_deref(), Some("done"));
        assert_eq!(server.received_requests().await.unwrap().len(), 4);
    }

    #[tokio::test]
    async fn a_terminal_failure_is_the_failure_with_its_response() {
        let server = server(vec![Some("running"), Some("failed")]).await;
        match waiter(&server).await {
            Err(WaitError::Failed(last)) => assert_eq!(last.job.status.as_deref(), Some("failed")),
            other => panic!("not a failure: {other:?}"),
        }
    }

    #[tokio::test]
    async fn the_timeout_ends_the_wait_with_the_last_response() {
        let server = server(vec![Some("running")]).await;
        let started = std::time::Instant::now();
        let waited = waiter(&server).timeout(Duration::from_millis(100)).await;
        match waited {
            Err(WaitError::TimedOut(Some(last))) => {
                assert_eq!(last.job.status.as_deref(), Some("running"))
            }
            other => panic!("not timed out: {other:?}"),
        }
        let elapsed = started.elapsed();
        assert!(
            elapsed >= Duration::from_millis(100) && elapsed < Duration::from_secs(2),
            "{elapsed:?}"
        );
        // 5, 10, 20, 20, … ms apart: a handful of requests, not hundreds.
        let sent = server.received_requests().await.unwrap().len();
        assert!((3..=12).contains(&sent), "{sent} requests");
    }

    #[tokio::test]
    async fn a_failed_request_ends_the_wait() {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(500))
            .mount(&server)
            .await;
        let url = server.uri();
        let settings = crate::Settings::default();
        let waiter: Waiter<'_, Job, ()> = Waiter::new(
            move || {
                let (settings, url) = (settings.clone(), url.clone());
                async move { get::<()>(settings, url).await?.unexpected() }
            },
            STATUS,
        );
        let Err(WaitError::Request(e)) = waiter.wait().await else {
            panic!("not a request error")
        };
        assert_eq!(e.status(), Some(reqwest::StatusCode::INTERNAL_SERVER_ERROR));
    }

    #[tokio::test]
    async fn a_request_that_outlasts_the_timeout_is_cut_short() {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(30)))
            .mount(&server)
            .await;
        let started = std::time::Instant::now();
        let waited = waiter(&server).timeout(Duration::from_millis(50)).await;
        assert!(
            matches!(waited, Err(WaitError::TimedOut(None))),
            "{waited:?}"
        );
        assert!(started.elapsed() < Duration::from_secs(5));
    }

    #[test]
    fn settings_stay_sensible() {
        let w = Waiter::<Job, ()>::new(
            || async { Err(Error::InvalidRequest("unused".into())) },
            STATUS,
        )
        .backoff(f64::NAN)
        .interval(Duration::from_secs(60));
        assert_eq!(w.backoff, 1.0);
        assert_eq!(w.max_interval, Duration::from_secs(60));
        assert_eq!(w.backoff(0.5).backoff, 1.0);
    }
}
