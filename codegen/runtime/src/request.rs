//! What every request builder has alike: per-request settings, `send`, and `.await`.

use std::future::Future;
use std::pin::Pin;

use reqwest::header::{HeaderName, HeaderValue};

/// Per-request settings every operation builder takes.
#[derive(Debug, Clone, Default)]
pub(crate) struct RequestOptions {
    pub(crate) headers: Vec<(HeaderName, HeaderValue)>,
    pub(crate) timeout: Option<std::time::Duration>,
}

impl RequestOptions {
    /// Adds the headers and the timeout to a request.
    pub(crate) fn apply(self, mut request: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        for (name, value) in self.headers {
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

            /// Sets a timeout for this request only.
            pub fn timeout(mut self, timeout: std::time::Duration) -> Self {
                self.options.timeout = Some(timeout);
                self
            }

            /// Sends the request and reads the response.
            pub async fn send(self) -> Result<runtime::ResponseValue<$ok>, runtime::Error<$error>> {
                let raw = runtime::execute(self.build_request()?).await?;
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
        http: &'a reqwest::Client,
        url: reqwest::Url,
        options: RequestOptions,
    }

    impl Ping<'_> {
        fn build_request(self) -> Result<reqwest::RequestBuilder, runtime::Error<()>> {
            Ok(self.options.apply(self.http.get(self.url)))
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
        let http = reqwest::Client::new();
        let ping = || Ping {
            http: &http,
            url: format!("{}/ping", server.uri()).parse().unwrap(),
            options: RequestOptions::default(),
        };
        let response = ping()
            .header(
                HeaderName::from_static("x-trace"),
                HeaderValue::from_static("on"),
            )
            .timeout(std::time::Duration::from_secs(5))
            .await
            .unwrap();
        assert_eq!(*response, "pong");
        // Without the header the mock does not match: an undeclared 404.
        let missing = ping().send().await.unwrap_err();
        assert_eq!(missing.status(), Some(reqwest::StatusCode::NOT_FOUND));
    }

    #[test]
    fn options_set_headers_and_timeout() {
        let options = RequestOptions {
            headers: vec![(
                HeaderName::from_static("x-one"),
                HeaderValue::from_static("1"),
            )],
            timeout: Some(std::time::Duration::from_secs(3)),
        };
        let request = options
            .apply(reqwest::Client::new().get("http://localhost/"))
            .build()
            .unwrap();
        assert_eq!(request.headers()["x-one"], "1");
        assert_eq!(request.timeout(), Some(&std::time::Duration::from_secs(3)));
    }
}
