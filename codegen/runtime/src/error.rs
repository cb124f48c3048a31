// [template]
// part = "error"
// reexport = "pub"
// always = true
// root = ["ApiError", "BoxError", "Error", "UnexpectedResponse"]
//
// [blocks]
// error_sent = { requires = ["retry"] }

//! Why an operation failed: a declared error response, an undeclared one,
//! an argument that cannot be sent, the transport, or the caller's own hook
//! or credential provider.

use std::fmt;

use reqwest::header::HeaderMap;
use reqwest::StatusCode;

/// The error of a hook or a credential provider of the caller's.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Why an operation failed.
///
/// `E` is the operation's own error type: one variant for each error
/// response its document declares. Each variant but `InvalidRequest` says
/// how many attempts were made ([`Error::attempts`]).
#[derive(Debug)]
pub enum Error<E> {
    /// The server answered with an error status the document declares, and its body decoded.
    Api(Box<ApiError<E>>),
    /// The server answered with a status the document does not declare, or with a
    /// body that is not what the document says.
    UnexpectedResponse(Box<UnexpectedResponse>),
    /// An argument cannot be sent as it is (nothing was sent).
    InvalidRequest(String),
    /// The request could not be sent, or the response could not be read,
    /// after `attempts` attempts.
    Transport {
        error: reqwest::Error,
        attempts: u32,
    },
    /// A hook's `before_attempt` failed, after `attempts` attempts were sent.
    Hook { error: BoxError, attempts: u32 },
    /// The credential provider failed, after `attempts` attempts were sent.
    Credential { error: BoxError, attempts: u32 },
}

impl<E> Error<E> {
    /// The status of the response, when there was one.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Api(e) => Some(e.status),
            Error::UnexpectedResponse(e) => Some(e.status),
            Error::Transport { error, .. } => error.status(),
            Error::InvalidRequest(_) | Error::Hook { .. } | Error::Credential { .. } => None,
        }
    }

    /// The headers of the response, when there was one.
    pub fn headers(&self) -> Option<&HeaderMap> {
        match self {
            Error::Api(e) => Some(&e.headers),
            Error::UnexpectedResponse(e) => Some(&e.headers),
            _ => None,
        }
    }

    /// The raw body of the response, when there was one.
    pub fn body(&self) -> Option<&[u8]> {
        match self {
            Error::Api(e) => Some(&e.body),
            Error::UnexpectedResponse(e) => Some(&e.body),
            _ => None,
        }
    }

    /// The declared error, when the response was one.
    pub fn api_error(&self) -> Option<&E> {
        match self {
            Error::Api(e) => Some(&e.error),
            _ => None,
        }
    }

    /// How many times the request was sent (0: never, for an invalid request).
    pub fn attempts(&self) -> u32 {
        match self {
            Error::Api(e) => e.attempts,
            Error::UnexpectedResponse(e) => e.attempts,
            Error::InvalidRequest(_) => 0,
            Error::Transport { attempts, .. }
            | Error::Hook { attempts, .. }
            | Error::Credential { attempts, .. } => *attempts,
        }
    }

    /// Whether the request timed out (its connection, or its response).
    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::Transport { error, .. } if error.is_timeout())
    }
    // @part error_sent

    /// A transport error; the URL, which may carry a credential in its
    /// query, is left out of it.
    pub(crate) fn transport(error: reqwest::Error, attempts: u32) -> Self {
        Error::Transport {
            error: error.without_url(),
            attempts,
        }
    }

    /// Whether the failure is of a kind another attempt may cure (a broken
    /// connection, a timeout, status 408, 429, 500, 502, 503 or 504, or a
    /// server's `x-should-retry: true`), whatever the method: the client
    /// retried it already where the method allowed.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Api(e) => super::retryable_response(e.status, &e.headers),
            Error::UnexpectedResponse(e) => super::retryable_response(e.status, &e.headers),
            Error::Transport { error, .. } => super::retryable_error(error),
            Error::InvalidRequest(_) | Error::Hook { .. } | Error::Credential { .. } => false,
        }
    }
    // @end
}

impl<E: fmt::Debug> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Api(e) => write!(f, "the server answered {}: {:?}", e.status, e.error),
            Error::UnexpectedResponse(e) => {
                write!(f, "unexpected response {}: {}", e.status, e.reason)
            }
            Error::InvalidRequest(message) => write!(f, "invalid request: {message}"),
            Error::Transport { error, .. } => write!(f, "request failed: {error}"),
            Error::Hook { error, .. } => write!(f, "a hook failed: {error}"),
            Error::Credential { error, .. } => {
                write!(f, "the credential provider failed: {error}")
            }
        }
    }
}

impl<E: fmt::Debug> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Transport { error, .. } => Some(error),
            Error::Hook { error, .. } | Error::Credential { error, .. } => Some(error.as_ref()),
            _ => None,
        }
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
    /// How many times the request was sent.
    pub attempts: u32,
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
    /// How many times the request was sent.
    pub attempts: u32,
}

impl UnexpectedResponse {
    /// The body as text, with invalid UTF-8 replaced.
    pub fn body_text(&self) -> std::borrow::Cow<'_, str> {
        String::from_utf8_lossy(&self.body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api() -> Error<&'static str> {
        Error::Api(Box::new(ApiError {
            status: StatusCode::NOT_FOUND,
            headers: HeaderMap::new(),
            body: b"{}".to_vec(),
            error: "missing",
            attempts: 1,
        }))
    }

    fn unexpected() -> Error<&'static str> {
        Error::UnexpectedResponse(Box::new(UnexpectedResponse {
            status: StatusCode::BAD_GATEWAY,
            headers: HeaderMap::new(),
            body: b"\xffproxy".to_vec(),
            reason: "status 502 was not expected here".into(),
            attempts: 3,
        }))
    }

    #[test]
    fn a_response_error_has_status_headers_and_body() {
        for e in [api(), unexpected()] {
            assert!(e.status().is_some());
            assert!(e.headers().is_some());
            assert!(e.body().is_some());
        }
        assert_eq!(api().api_error(), Some(&"missing"));
        assert_eq!(unexpected().api_error(), None);
        let invalid: Error<()> = Error::InvalidRequest("bad".into());
        assert_eq!(
            (invalid.status(), invalid.headers(), invalid.body()),
            (None, None, None)
        );
    }

    #[test]
    fn display_says_what_happened() {
        assert_eq!(
            api().to_string(),
            "the server answered 404 Not Found: \"missing\""
        );
        assert_eq!(
            unexpected().to_string(),
            "unexpected response 502 Bad Gateway: status 502 was not expected here"
        );
        let invalid: Error<()> = Error::InvalidRequest("\"..\" is no segment".into());
        assert_eq!(invalid.to_string(), "invalid request: \"..\" is no segment");
    }

    #[test]
    fn unexpected_body_text_replaces_invalid_utf8() {
        let Error::UnexpectedResponse(e) = unexpected() else {
            unreachable!()
        };
        assert_eq!(e.body_text(), "\u{fffd}proxy");
    }

    #[tokio::test]
    async fn a_transport_error_never_shows_the_url() {
        // Nothing listens on port 1: the connection is refused.
        let failed = reqwest::get("http://127.0.0.1:1/items?api_key=hunter2")
            .await
            .unwrap_err();
        let e: Error<()> = Error::transport(failed, 3);
        assert!(matches!(e, Error::Transport { attempts: 3, .. }));
        assert!(!e.to_string().contains("hunter2"), "{e}");
        assert!(!format!("{e:?}").contains("hunter2"), "{e:?}");
        assert!(std::error::Error::source(&e).is_some());
        assert_eq!(e.attempts(), 3);
        assert!(e.is_retryable() && !e.is_timeout() && e.status().is_none());
    }

    #[test]
    fn attempts_and_whether_another_attempt_may_cure_it() {
        assert_eq!((api().attempts(), unexpected().attempts()), (1, 3));
        // A 404 is final; a 502 is worth another attempt.
        assert!(!api().is_retryable());
        assert!(unexpected().is_retryable());
        let invalid: Error<()> = Error::InvalidRequest("bad".into());
        assert_eq!(invalid.attempts(), 0);
        assert!(!invalid.is_retryable() && !invalid.is_timeout());
        let hook: Error<()> = Error::Hook {
            error: "unsigned".into(),
            attempts: 1,
        };
        assert_eq!(hook.to_string(), "a hook failed: unsigned");
        assert_eq!(hook.attempts(), 1);
        assert!(!hook.is_retryable());
        assert!(std::error::Error::source(&hook).is_some());
    }
}
