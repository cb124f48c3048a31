// [template]
// part = "request"
// reexport = "pub"
// requires = ["send", "raw"]
// root = ["BoxFuture"]

//! What every request builder has alike: per-request settings, `send`, and `.await`.

use std::future::Future;
use std::pin::Pin;

use reqwest::header::{HeaderName, HeaderValue};

/// Per-request settings every operation builder takes.
#[derive(Debug, Clone, Default)]
pub(crate) struct RequestOptions {
    pub(crate) headers: Vec<(HeaderName, HeaderValue)>,
    pub(crate) timeout: Option<std::time::Duration>,
    pub(crate) connect_timeout: Option<std::time::Duration>,
    pub(crate) max_retries: Option<u32>,
}

impl RequestOptions {
    /// Adds the headers and the timeout to a request; the rest is the send path's.
    pub(crate) fn apply(&self, mut request: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        for (name, value) in &self.headers {
            request = request.header(name, value);
        }
        if let Some(timeout) = self.timeout {
            request = request.timeout(timeout);
        }
        request
    }
}

/// The future an operation builder turns into with `.await`.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// What every request builder in `operations.rs` has alike: a header or a
/// timeout for one request, `send`, and `.await`. Each builder writes its
/// own `build_request` and `read_response`, and has its settings in a field
/// `options`. Where it is used, `runtime` names this module.
macro_rules! request_builder {
    ($builder:ident, $ok:ty, $error:ty) => {
        impl $builder<'_> {
            /// Adds a header to this request only.
            pub fn header(
                mut self,
                name: reqwest::header::HeaderName,
                value: reqwest::header::HeaderValue,
            ) -> Self {
                self.options.headers.push((name, value));
                self
            }

            /// How long each attempt of this request may take, in place of the
            /// client's timeout.
            pub fn timeout(mut self, timeout: std::time::Duration) -> Self {
                self.options.timeout = Some(timeout);
                self
            }

            /// How long this request may wait for a connection, in place of the
            /// client's connect timeout: it gets a connection pool of its own.
            pub fn connect_timeout(mut self, timeout: std::time::Duration) -> Self {
                self.options.connect_timeout = Some(timeout);
                self
            }

            /// How many times this request may be sent again, in place of the
            /// client's retry policy (0: once only).
            pub fn max_retries(mut self, retries: u32) -> Self {
                self.options.max_retries = Some(retries);
                self
            }

            /// Sends the request, retrying as the client's policy says, and reads the response.
            pub async fn send(self) -> Result<runtime::ResponseValue<$ok>, runtime::Error<$error>> {
                let raw = self.build_request()?.execute().await?;
                Self::read_response(raw)
            }
        }

        impl<'a> std::future::IntoFuture for $builder<'a> {
            type Output = Result<runtime::ResponseValue<$ok>, runtime::Error<$error>>;
            type IntoFuture = runtime::BoxFuture<'a, Self::Output>;

            fn into_future(self) -> Self::IntoFuture {
                Box::pin(self.send())
            }
        }
    };
}

pub(crate) use request_builder;

#[cfg(test)]
mod tests {
    use super::*;
    use crate as runtime;
    use wiremock::matchers::{header, method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    /// A builder as `operations.rs` writes one.
    struct Ping<'a> {
        settings: &'a runtime::Settings,
        url: reqwest::Url,
        options: RequestOptions,
    }

    impl<'a> Ping<'a> {
        fn build_request(self) -> Result<runtime::Prepared<'a, ()>, runtime::Error<()>> {
            let request = self.settings.http.get(self.url);
            runtime::Prepared::new(self.settings, request, self.options, "ping", "/ping")
        }

        fn read_response(
            raw: runtime::RawResponse,
        ) -> Result<runtime::ResponseValue<String>, runtime::Error<()>> {
            match raw.status.as_u16() {
                200 => raw.text(),
                _ => raw.unexpected(),
            }
        }
    }

    request_builder!(Ping, String, ());

    #[tokio::test]
    async fn a_builder_sends_its_headers_and_awaits_into_its_response() {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/ping"))
            .and(header("x-trace", "on"))
            .respond_with(ResponseTemplate::new(200).set_body_string("pong"))
            .mount(&server)
            .await;
        let settings = runtime::Settings::default();
        let ping = || Ping {
            settings: &settings,
            url: format!("{}/ping", server.uri()).parse().unwrap(),
            options: RequestOptions::default(),
        };
        let response = ping()
            .header(
                HeaderName::from_static("x-trace"),
                HeaderValue::from_static("on"),
            )
            .timeout(std::time::Duration::from_secs(5))
            .connect_timeout(std::time::Duration::from_secs(5))
            .max_retries(0)
            .await
            .unwrap();
        assert_eq!(*response, "pong");
        assert_eq!(response.attempts(), 1);
        // Without the header the mock does not match: an undeclared 404.
        let missing = ping().send().await.unwrap_err();
        assert_eq!(missing.status(), Some(reqwest::StatusCode::NOT_FOUND));
        assert_eq!(missing.attempts(), 1);
    }

    #[test]
    fn options_set_headers_and_timeout() {
        let options = RequestOptions {
            headers: vec![(
                HeaderName::from_static("x-one"),
                HeaderValue::from_static("1"),
            )],
            timeout: Some(std::time::Duration::from_secs(3)),
            ..Default::default()
        };
        let request = options
            .apply(reqwest::Client::new().get("http://localhost/"))
            .build()
            .unwrap();
        assert_eq!(request.headers()["x-one"], "1");
        assert_eq!(request.timeout(), Some(&std::time::Duration::from_secs(3)));
    }
}
