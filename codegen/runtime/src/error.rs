//! Why an operation failed: a declared error response, an undeclared one,
//! an argument that cannot be sent, or the transport.

use std::fmt;

use reqwest::header::HeaderMap;
use reqwest::StatusCode;

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

#[cfg(test)]
mod tests {
    use super::*;

    fn api() -> Error<&'static str> {
        Error::Api(Box::new(ApiError {
            status: StatusCode::NOT_FOUND,
            headers: HeaderMap::new(),
            body: b"{}".to_vec(),
            error: "missing",
        }))
    }

    fn unexpected() -> Error<&'static str> {
        Error::UnexpectedResponse(Box::new(UnexpectedResponse {
            status: StatusCode::BAD_GATEWAY,
            headers: HeaderMap::new(),
            body: b"\xffproxy".to_vec(),
            reason: "status 502 was not expected here".into(),
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
        let e: Error<()> = failed.into();
        assert!(matches!(e, Error::Transport(_)));
        assert!(!e.to_string().contains("hunter2"), "{e}");
        assert!(std::error::Error::source(&e).is_some());
    }
}
