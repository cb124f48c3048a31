// [template]
// part = "response"
// reexport = "pub"
// always = true
// root = ["ResponseValue"]

//! A successful response: the decoded body, with its status and headers.

use reqwest::header::HeaderMap;
use reqwest::StatusCode;

/// A successful response: the decoded body, with the status and headers it came with.
///
/// It dereferences to the body, so `response.field` reads the body's field;
/// [`ResponseValue::into_inner`] takes the body out.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseValue<T> {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: T,
    pub(crate) attempts: u32,
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

    /// How many times the request was sent: 1, or more after retries.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// The decoded body.
    pub fn body(&self) -> &T {
        &self.body
    }

    /// Takes the decoded body, dropping status and headers.
    pub fn into_inner(self) -> T {
        self.body
    }

    /// The same response with its body changed by `f`.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> ResponseValue<U> {
        ResponseValue {
            status: self.status,
            headers: self.headers,
            body: f(self.body),
            attempts: self.attempts,
        }
    }
}

impl<T> std::ops::Deref for ResponseValue<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.body
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response() -> ResponseValue<Vec<u8>> {
        let mut headers = HeaderMap::new();
        headers.insert("x-request-id", "7".parse().unwrap());
        ResponseValue {
            status: StatusCode::CREATED,
            headers,
            body: vec![1, 2, 3],
            attempts: 2,
        }
    }

    #[test]
    fn keeps_status_headers_and_body() {
        let response = response();
        assert_eq!(response.status(), StatusCode::CREATED);
        assert_eq!(response.headers()["x-request-id"], "7");
        assert_eq!(response.body(), &[1, 2, 3]);
        assert_eq!(response.attempts(), 2);
        // Deref reaches the body's own methods.
        assert_eq!(response.len(), 3);
        assert_eq!(response.into_inner(), vec![1, 2, 3]);
    }

    #[test]
    fn map_changes_the_body_only() {
        let mapped = response().map(|body| body.len());
        assert_eq!(*mapped, 3);
        assert_eq!(mapped.status(), StatusCode::CREATED);
        assert_eq!(mapped.headers()["x-request-id"], "7");
        assert_eq!(mapped.attempts(), 2);
    }
}
