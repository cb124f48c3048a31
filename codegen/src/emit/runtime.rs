//! The support code every generated client carries in `runtime.rs`: response
//! and error types, credentials, and the helpers that keep each operation short.
//!
//! It is the same for every document, save the parameter conversions for
//! format crates the document uses.

use proc_macro2::TokenStream;
use quote::quote;

pub struct RuntimeNeeds {
    pub string_enums: bool,
    /// Some operation has a path parameter.
    pub path_params: bool,
    /// Some operation has a parameter.
    pub params: bool,
    pub integer_enums: bool,
}

pub fn runtime(needs: &RuntimeNeeds) -> TokenStream {
    let encode_segment = needs.path_params.then(|| {
        quote! {
        /// Every byte but RFC 3986's unreserved characters is percent-encoded in a
        /// path segment, so no value can add a segment, a query or a fragment.
        const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
            .remove(b'-')
            .remove(b'.')
            .remove(b'_')
            .remove(b'~');

        /// A parameter value as one path segment: every byte but RFC 3986's
        /// unreserved characters is percent-encoded.
        pub(crate) fn encode_segment(value: &str) -> String {
            percent_encoding::utf8_percent_encode(value, SEGMENT).to_string()
        }

        }
    });
    let param_value = needs.params.then(|| {
        quote! {
        /// How a parameter value is written in a path, query, header or cookie:
        /// a string as it is, a number or boolean as JSON writes it, and anything
        /// else (an object, a union) as its JSON text. One rule for every type,
        /// through the type's own `Serialize`, so enums, dates and UUIDs are
        /// written exactly as they are in a JSON body.
        pub(crate) fn param_value<T: serde::Serialize + ?Sized>(value: &T) -> String {
            match serde_json::to_value(value) {
                Ok(serde_json::Value::String(s)) => s,
                Ok(serde_json::Value::Null) | Err(_) => String::new(),
                Ok(other) => other.to_string(),
            }
        }
        }
    });
    let string_enum = needs.string_enums.then(|| {
        quote! {
        /// Implements `as_str`-based traits for a string enum with an `Other(String)` variant.
        macro_rules! string_enum {
            ($name:ident) => {
                impl std::fmt::Display for $name {
                    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str(self.as_str())
                    }
                }

                impl std::str::FromStr for $name {
                    type Err = std::convert::Infallible;

                    fn from_str(s: &str) -> Result<Self, Self::Err> {
                        Ok(Self::from(s))
                    }
                }

                impl serde::Serialize for $name {
                    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                        serializer.serialize_str(self.as_str())
                    }
                }

                impl<'de> serde::Deserialize<'de> for $name {
                    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                        let s = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(deserializer)?;
                        Ok(Self::from(s.as_ref()))
                    }
                }
            };
        }


            pub(crate) use string_enum;
        }
    });
    let integer_enum = needs.integer_enums.then(|| {
        quote! {
        /// Implements `value`-based traits for an integer enum with an `Other(i64)` variant.
        macro_rules! integer_enum {
            ($name:ident) => {
                impl std::fmt::Display for $name {
                    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(f, "{}", self.value())
                    }
                }

                impl serde::Serialize for $name {
                    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                        serializer.serialize_i64(self.value())
                    }
                }

                impl<'de> serde::Deserialize<'de> for $name {
                    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                        let n = <i64 as serde::Deserialize>::deserialize(deserializer)?;
                        Ok(Self::from(n))
                    }
                }
            };
        }


            pub(crate) use integer_enum;
        }
    });
    quote! {
        use std::fmt;
        use std::future::Future;
        use std::pin::Pin;

        use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
        use reqwest::StatusCode;

        /// A successful response: the decoded body, with the status and headers it came with.
        ///
        /// It dereferences to the body, so `response.field` reads the body's field;
        /// [`ResponseValue::into_inner`] takes the body out.
        #[derive(Debug, Clone, PartialEq)]
        pub struct ResponseValue<T> {
            status: StatusCode,
            headers: HeaderMap,
            body: T,
        }

        impl<T> ResponseValue<T> {
            /// The HTTP status the server answered with.
            pub fn status(&self) -> StatusCode {
                self.status
            }

            /// The response headers.
            pub fn headers(&self) -> &HeaderMap {
                &self.headers
            }

            /// The decoded body.
            pub fn body(&self) -> &T {
                &self.body
            }

            /// Takes the decoded body, dropping status and headers.
            pub fn into_inner(self) -> T {
                self.body
            }
        }

        impl<T> std::ops::Deref for ResponseValue<T> {
            type Target = T;

            fn deref(&self) -> &T {
                &self.body
            }
        }

        /// Why an operation failed.
        ///
        /// `E` is the operation's own error type: one variant for each error
        /// response its document declares.
        #[derive(Debug)]
        pub enum Error<E> {
            /// The server answered with an error status the document declares, and its body decoded.
            Api(Box<ApiError<E>>),
            /// The server answered with a status the document does not declare, or with a
            /// body that is not what the document says.
            UnexpectedResponse(Box<UnexpectedResponse>),
            /// An argument cannot be sent as it is (nothing was sent).
            InvalidRequest(String),
            /// The request could not be sent, or the response could not be read.
            Transport(reqwest::Error),
        }

        impl<E> Error<E> {
            /// The status of the response, when there was one.
            pub fn status(&self) -> Option<StatusCode> {
                match self {
                    Error::Api(e) => Some(e.status),
                    Error::UnexpectedResponse(e) => Some(e.status),
                    Error::InvalidRequest(_) => None,
                    Error::Transport(e) => e.status(),
                }
            }

            /// The headers of the response, when there was one.
            pub fn headers(&self) -> Option<&HeaderMap> {
                match self {
                    Error::Api(e) => Some(&e.headers),
                    Error::UnexpectedResponse(e) => Some(&e.headers),
                    Error::InvalidRequest(_) | Error::Transport(_) => None,
                }
            }

            /// The raw body of the response, when there was one.
            pub fn body(&self) -> Option<&[u8]> {
                match self {
                    Error::Api(e) => Some(&e.body),
                    Error::UnexpectedResponse(e) => Some(&e.body),
                    Error::InvalidRequest(_) | Error::Transport(_) => None,
                }
            }

            /// The declared error, when the response was one.
            pub fn api_error(&self) -> Option<&E> {
                match self {
                    Error::Api(e) => Some(&e.error),
                    _ => None,
                }
            }
        }

        impl<E: fmt::Debug> fmt::Display for Error<E> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self {
                    Error::Api(e) => write!(f, "the server answered {}: {:?}", e.status, e.error),
                    Error::UnexpectedResponse(e) => {
                        write!(f, "unexpected response {}: {}", e.status, e.reason)
                    }
                    Error::InvalidRequest(message) => write!(f, "invalid request: {message}"),
                    Error::Transport(e) => write!(f, "request failed: {e}"),
                }
            }
        }

        impl<E: fmt::Debug> std::error::Error for Error<E> {
            fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                match self {
                    Error::Transport(e) => Some(e),
                    _ => None,
                }
            }
        }

        impl<E> From<reqwest::Error> for Error<E> {
            fn from(e: reqwest::Error) -> Self {
                // The URL may carry credentials in its query; errors never show it.
                Error::Transport(e.without_url())
            }
        }

        /// An error response the document declares, decoded.
        #[derive(Debug, Clone)]
        pub struct ApiError<E> {
            pub status: StatusCode,
            pub headers: HeaderMap,
            /// The body as it arrived.
            pub body: Vec<u8>,
            /// The body, decoded.
            pub error: E,
        }

        /// A response the document does not describe.
        #[derive(Debug, Clone)]
        pub struct UnexpectedResponse {
            pub status: StatusCode,
            pub headers: HeaderMap,
            /// The body as it arrived.
            pub body: Vec<u8>,
            /// Why it was not expected.
            pub reason: String,
        }

        impl UnexpectedResponse {
            /// The body as text, with invalid UTF-8 replaced.
            pub fn body_text(&self) -> std::borrow::Cow<'_, str> {
                String::from_utf8_lossy(&self.body)
            }
        }

        /// A credential. `Debug` never shows it.
        #[derive(Clone, PartialEq, Eq)]
        pub struct Secret(String);

        impl Secret {
            pub fn new(value: impl Into<String>) -> Self {
                Secret(value.into())
            }

            // Unused when no operation sends a credential of this kind.
            #[allow(dead_code)]
            pub(crate) fn expose(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Debug for Secret {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("Secret(***)")
            }
        }

        /// Per-request settings every operation builder takes.
        #[derive(Debug, Clone, Default)]
        pub(crate) struct RequestOptions {
            pub(crate) headers: Vec<(HeaderName, HeaderValue)>,
            pub(crate) timeout: Option<std::time::Duration>,
        }

        impl RequestOptions {
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

        /// A response read to its end, not yet decoded.
        pub(crate) struct RawResponse {
            pub(crate) status: StatusCode,
            headers: HeaderMap,
            body: Vec<u8>,
        }

        // Not every client uses every kind of response.
        #[allow(dead_code)]
        impl RawResponse {
            pub(crate) async fn read(response: reqwest::Response) -> Result<Self, reqwest::Error> {
                let status = response.status();
                let headers = response.headers().clone();
                let body = response.bytes().await?.to_vec();
                Ok(RawResponse { status, headers, body })
            }

            fn value<T, E>(self, body: T) -> Result<ResponseValue<T>, Error<E>> {
                Ok(ResponseValue {
                    status: self.status,
                    headers: self.headers,
                    body,
                })
            }

            /// A success whose body is JSON of type `T`.
            pub(crate) fn json<T: serde::de::DeserializeOwned, E>(self) -> Result<ResponseValue<T>, Error<E>> {
                match serde_json::from_slice(&self.body) {
                    Ok(body) => self.value(body),
                    Err(e) => Err(self.unexpected_because(format!("the body is not the JSON the document describes: {e}"))),
                }
            }

            /// A success without a body (any body is ignored).
            pub(crate) fn empty<E>(self) -> Result<ResponseValue<()>, Error<E>> {
                self.value(())
            }

            /// A success whose body is text.
            pub(crate) fn text<E>(self) -> Result<ResponseValue<String>, Error<E>> {
                match String::from_utf8(self.body.clone()) {
                    Ok(text) => self.value(text),
                    Err(e) => Err(self.unexpected_because(format!("the body is not UTF-8 text: {e}"))),
                }
            }

            /// A success whose body is bytes.
            pub(crate) fn bytes<E>(self) -> Result<ResponseValue<Vec<u8>>, Error<E>> {
                let body = self.body.clone();
                self.value(body)
            }

            /// A declared error whose body is JSON of type `T`.
            pub(crate) fn json_error<T: serde::de::DeserializeOwned, R, E>(
                self,
                variant: impl FnOnce(T) -> E,
            ) -> Result<R, Error<E>> {
                match serde_json::from_slice(&self.body) {
                    Ok(body) => Err(self.api_error(variant(body))),
                    Err(e) => Err(self.unexpected_because(format!(
                        "the error body is not the JSON the document describes: {e}"
                    ))),
                }
            }

            /// A declared error whose body is text.
            pub(crate) fn text_error<R, E>(self, variant: impl FnOnce(String) -> E) -> Result<R, Error<E>> {
                let text = String::from_utf8_lossy(&self.body).into_owned();
                Err(self.api_error(variant(text)))
            }

            /// A declared error without a body.
            pub(crate) fn empty_error<R, E>(self, error: E) -> Result<R, Error<E>> {
                Err(self.api_error(error))
            }

            fn api_error<E>(self, error: E) -> Error<E> {
                Error::Api(Box::new(ApiError {
                    status: self.status,
                    headers: self.headers,
                    body: self.body,
                    error,
                }))
            }

            /// A status the document does not declare.
            pub(crate) fn unexpected<R, E>(self) -> Result<R, Error<E>> {
                let reason = format!("the document declares no response with status {}", self.status.as_u16());
                Err(self.unexpected_because(reason))
            }

            fn unexpected_because<E>(self, reason: String) -> Error<E> {
                Error::UnexpectedResponse(Box::new(UnexpectedResponse {
                    status: self.status,
                    headers: self.headers,
                    body: self.body,
                    reason,
                }))
            }
        }

        /// Sends a request and reads the whole response.
        pub(crate) async fn execute<E>(request: reqwest::RequestBuilder) -> Result<RawResponse, Error<E>> {
            let response = request.send().await?;
            Ok(RawResponse::read(response).await?)
        }

        #encode_segment
        /// Appends encoded path segments to a base URL.
        pub(crate) fn build_url<E>(base: &reqwest::Url, segments: &[&str]) -> Result<reqwest::Url, Error<E>> {
            if base.cannot_be_a_base() {
                return Err(Error::InvalidRequest(format!("the base URL {base} cannot take a path")));
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

        #param_value

        #string_enum
        #integer_enum
    }
}
