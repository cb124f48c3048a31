// [template]
// part = "settings"
// reexport = "pub"
// requires = ["retry", "hooks"]
//
// [blocks]
// settings_idempotency = {}

//! What every request of a client shares: the HTTP client, the timeouts, the
//! retry policy, the User-Agent, the hooks and idempotency keys.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use super::{Hook, RetryPolicy};

/// How long a client waits for a connection, unless told otherwise.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// How long a client waits for each attempt of a request (from sending it
/// to the end of the response), unless told otherwise: long, because some
/// APIs take minutes to answer (a model generating an image or a long text).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(600);

/// The User-Agent of the client's own HTTP client: the generated crate's
/// name and version.
pub const DEFAULT_USER_AGENT: &str =
    concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));

/// What every request of a client shares.
#[derive(Clone)]
pub(crate) struct Settings {
    pub(crate) http: reqwest::Client,
    /// Whether `http` is the client's own, built with `connect_timeout`,
    /// rather than one the caller gave.
    own_http: bool,
    connect_timeout: Duration,
    pub(crate) timeout: Option<Duration>,
    pub(crate) retry: RetryPolicy,
    /// A User-Agent to send in place of the HTTP client's.
    pub(crate) user_agent: Option<reqwest::header::HeaderValue>,
    pub(crate) hooks: Vec<Arc<dyn Hook>>,
    // @part settings_idempotency
    /// Whether every POST and PATCH gets a key.
    pub(crate) idempotency_keys: bool,
    /// The header a key goes in (and is recognised by).
    pub(crate) idempotency_header: reqwest::header::HeaderName,
    // @end
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            http: http_client(DEFAULT_CONNECT_TIMEOUT),
            own_http: true,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            timeout: Some(DEFAULT_TIMEOUT),
            retry: RetryPolicy::default(),
            user_agent: None,
            hooks: Vec::new(),
            // @part settings_idempotency
            idempotency_keys: false,
            idempotency_header: reqwest::header::HeaderName::from_static("idempotency-key"),
            // @end
        }
    }
}

/// The client's own HTTP client: reqwest's defaults, this connect timeout
/// and [`DEFAULT_USER_AGENT`].
fn http_client(connect_timeout: Duration) -> reqwest::Client {
    reqwest::Client::builder()
        .connect_timeout(connect_timeout)
        .user_agent(DEFAULT_USER_AGENT)
        .build()
        .expect("reqwest's TLS backend could not be initialized")
}

impl Settings {
    /// Requests go through `http`, with its own connect timeout.
    pub(crate) fn set_http(&mut self, http: reqwest::Client) {
        self.http = http;
        self.own_http = false;
    }

    /// The client's own HTTP client is built anew with this connect timeout
    /// (a caller's is left as it is).
    pub(crate) fn set_connect_timeout(&mut self, timeout: Duration) {
        self.connect_timeout = timeout;
        if self.own_http {
            self.http = http_client(timeout);
        }
    }

    /// The HTTP client for a request with a connect timeout of its own: the
    /// client's own HTTP client with that timeout, on a connection pool of
    /// its own (reqwest sets connect timeouts per pool).
    pub(crate) fn http_with_connect_timeout(
        &self,
        timeout: Option<Duration>,
    ) -> Result<reqwest::Client, String> {
        match timeout {
            None => Ok(self.http.clone()),
            Some(t) if t == self.connect_timeout && self.own_http => Ok(self.http.clone()),
            Some(t) if self.own_http => Ok(http_client(t)),
            Some(_) => Err(
                "a connect timeout for one request needs the client's own HTTP \
                 client: set it on the reqwest::Client given to with_http_client"
                    .into(),
            ),
        }
    }
}

impl fmt::Debug for Settings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Settings")
            .field("connect_timeout", &self.connect_timeout)
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .field("user_agent", &self.user_agent)
            .field("hooks", &self.hooks.len())
            .finish_non_exhaustive()
    }
}

/// The client's methods for its settings. Where it is used, `runtime`
/// names this module and the client has a field `settings`.
macro_rules! client_settings {
    ($client:ident) => {
        impl $client {
            /// Sends requests with a `reqwest::Client` you configured (proxies, TLS,
            /// its own connect timeout and User-Agent). Retries, the request timeout,
            /// hooks and credentials still apply.
            pub fn with_http_client(mut self, http: reqwest::Client) -> Self {
                self.settings.set_http(http);
                self
            }

            /// The `reqwest::Client` requests are sent with.
            pub fn http_client(&self) -> &reqwest::Client {
                &self.settings.http
            }

            /// How many times a failed request may be sent again (default 2; 0 turns
            /// retries off). See [`runtime::RetryPolicy`] for what is retried.
            pub fn with_max_retries(mut self, retries: u32) -> Self {
                self.settings.retry = self.settings.retry.max_retries(retries);
                self
            }

            /// Retries as `policy` says: how many, and how long to wait between them.
            pub fn with_retry_policy(mut self, policy: runtime::RetryPolicy) -> Self {
                self.settings.retry = policy;
                self
            }

            /// How the client retries.
            pub fn retry_policy(&self) -> &runtime::RetryPolicy {
                &self.settings.retry
            }

            /// How long each attempt of a request may take, from sending it to the
            /// end of its response (default 600 s; `None`: no limit). A request's own
            /// `timeout` wins.
            pub fn with_timeout(mut self, timeout: Option<std::time::Duration>) -> Self {
                self.settings.timeout = timeout;
                self
            }

            /// How long to wait for a connection (default 10 s), for the client's own
            /// HTTP client: one given to `with_http_client` keeps its own.
            pub fn with_connect_timeout(mut self, timeout: std::time::Duration) -> Self {
                self.settings.set_connect_timeout(timeout);
                self
            }

            /// Sends this User-Agent, in place of the default
            /// `{crate}/{version}` (or that of a client given to `with_http_client`).
            /// A request's own `User-Agent` header wins.
            pub fn with_user_agent(mut self, user_agent: reqwest::header::HeaderValue) -> Self {
                self.settings.user_agent = Some(user_agent);
                self
            }

            /// Runs `hook` with every request: before each attempt and after each
            /// response, after the hooks added before it.
            pub fn with_hook(mut self, hook: impl runtime::Hook) -> Self {
                self.settings.hooks.push(std::sync::Arc::new(hook));
                self
            }
            // @part settings_idempotency

            /// Sends a fresh idempotency key (a UUID) with every POST and PATCH that has
            /// none, so that those too are retried: the server sees a retry as the
            /// same request. Operations that declare an idempotency header send one
            /// whatever this says.
            pub fn with_idempotency_keys(mut self, on: bool) -> Self {
                self.settings.idempotency_keys = on;
                self
            }

            /// The header an idempotency key goes in (default `Idempotency-Key`).
            pub fn with_idempotency_header(mut self, name: reqwest::header::HeaderName) -> Self {
                self.settings.idempotency_header = name;
                self
            }
            // @end
        }
    };
}

pub(crate) use client_settings;

#[cfg(test)]
mod tests {
    use super::*;
    use crate as runtime;

    /// A client as `client.rs` writes one.
    #[derive(Debug, Clone, Default)]
    struct Client {
        settings: Settings,
    }

    client_settings!(Client);

    struct Quiet;
    impl Hook for Quiet {}

    #[test]
    fn defaults_and_the_methods_that_change_them() {
        let client = Client::default();
        assert_eq!(client.settings.timeout, Some(Duration::from_secs(600)));
        assert_eq!(client.settings.connect_timeout, Duration::from_secs(10));
        assert_eq!(client.retry_policy().retries(), 2);
        assert!(client.settings.own_http);
        assert_eq!(DEFAULT_USER_AGENT, "client-runtime/0.0.0");

        let client = client
            .with_max_retries(5)
            .with_timeout(None)
            .with_connect_timeout(Duration::from_secs(1))
            .with_user_agent(reqwest::header::HeaderValue::from_static("me/1"))
            .with_hook(Quiet)
            .with_hook(Quiet)
            .with_idempotency_keys(true)
            .with_idempotency_header(reqwest::header::HeaderName::from_static("x-key"));
        assert_eq!(client.retry_policy().retries(), 5);
        assert_eq!(client.settings.timeout, None);
        assert_eq!(client.settings.connect_timeout, Duration::from_secs(1));
        assert_eq!(client.settings.hooks.len(), 2);
        assert!(client.settings.idempotency_keys);
        assert_eq!(client.settings.idempotency_header, "x-key");
        let text = format!("{client:?}");
        assert!(
            text.contains("hooks: 2") && text.contains("\"me/1\""),
            "{text}"
        );

        let client = client.with_retry_policy(RetryPolicy::none());
        assert_eq!(client.retry_policy().retries(), 0);
        let theirs = reqwest::Client::new();
        let client = client.with_http_client(theirs);
        assert!(!client.settings.own_http);
        let _: &reqwest::Client = client.http_client();
    }

    #[test]
    fn a_connect_timeout_for_one_request_needs_the_clients_own_http_client() {
        let own = Settings::default();
        assert!(own.http_with_connect_timeout(None).is_ok());
        assert!(own
            .http_with_connect_timeout(Some(Duration::from_secs(1)))
            .is_ok());
        let mut theirs = Settings::default();
        theirs.set_http(reqwest::Client::new());
        assert!(theirs.http_with_connect_timeout(None).is_ok());
        let e = theirs
            .http_with_connect_timeout(Some(Duration::from_secs(1)))
            .unwrap_err();
        assert!(e.contains("with_http_client"), "{e}");
        // Their client keeps its own connect timeout.
        theirs.set_connect_timeout(Duration::from_secs(2));
        assert!(!theirs.own_http);
    }
}
