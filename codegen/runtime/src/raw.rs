// [template]
// part = "raw"
// reexport = "crate"
//
// [blocks]
// raw_json = { requires = ["raw_value", "raw_unexpected_because"] }
// raw_empty = { requires = ["raw_value"] }
// raw_text = { requires = ["raw_value", "raw_unexpected_because"] }
// raw_bytes = { requires = ["raw_value"] }
// raw_json_as = { requires = ["raw_json"] }
// raw_text_as = { requires = ["raw_text"] }
// raw_bytes_as = { requires = ["raw_bytes"] }
// raw_empty_as = { requires = ["raw_value"] }
// raw_json_error = { requires = ["raw_api_error", "raw_unexpected_because"] }
// raw_text_error = { requires = ["raw_api_error"] }
// raw_empty_error = { requires = ["raw_api_error"] }
// raw_unexpected = { requires = ["raw_unexpected_because"] }
// raw_value = {}
// raw_api_error = {}
// raw_unexpected_because = {}

//! A response read to its end, and how each kind of declared response is
//! decoded from it.

use reqwest::header::HeaderMap;
use reqwest::StatusCode;

use super::Error;

/// What reading a response gives: the decoded value, or the error.
pub(crate) type ApiResult<T, E> = Result<super::ResponseValue<T>, Error<E>>;

/// A response read to its end, not yet decoded.
#[derive(Debug)]
pub(crate) struct RawResponse {
    pub(crate) status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
    /// How many times the request was sent.
    pub(crate) attempts: u32,
}

impl RawResponse {
    /// Reads the status, the headers and the whole body.
    pub(crate) async fn read(response: reqwest::Response) -> Result<Self, reqwest::Error> {
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.bytes().await?.to_vec();
        Ok(RawResponse {
            status,
            headers,
            body,
            attempts: 1,
        })
    }
    // @part raw_json

    /// A success whose body is JSON of type `T`.
    pub(crate) fn json<T: serde::de::DeserializeOwned, E>(self) -> ApiResult<T, E> {
        match serde_json::from_slice(&self.body) {
            Ok(body) => self.into_value(body),
            Err(e) => Err(self.unexpected_because(format!(
                "the body is not the JSON the document describes: {e}"
            ))),
        }
    }
    // @end
    // @part raw_empty

    /// A success without a body (any body is ignored).
    pub(crate) fn empty<E>(self) -> ApiResult<(), E> {
        self.into_value(())
    }
    // @end
    // @part raw_text

    /// A success whose body is text.
    pub(crate) fn text<E>(self) -> ApiResult<String, E> {
        match String::from_utf8(self.body.clone()) {
            Ok(text) => self.into_value(text),
            Err(e) => Err(self.unexpected_because(format!("the body is not UTF-8 text: {e}"))),
        }
    }
    // @end
    // @part raw_bytes

    /// A success whose body is bytes.
    pub(crate) fn bytes<E>(self) -> ApiResult<Vec<u8>, E> {
        let body = self.body.clone();
        self.into_value(body)
    }
    // @end
    // @part raw_json_as

    /// One of several successes whose body is JSON of type `T`, as the outcome `variant` makes.
    pub(crate) fn json_as<T: serde::de::DeserializeOwned, U, E>(
        self,
        variant: impl FnOnce(T) -> U,
    ) -> ApiResult<U, E> {
        self.json::<T, E>().map(|v| v.map(variant))
    }
    // @end
    // @part raw_text_as

    /// One of several successes whose body is text.
    pub(crate) fn text_as<U, E>(self, variant: impl FnOnce(String) -> U) -> ApiResult<U, E> {
        self.text().map(|v| v.map(variant))
    }
    // @end
    // @part raw_bytes_as

    /// One of several successes whose body is bytes.
    pub(crate) fn bytes_as<U, E>(self, variant: impl FnOnce(Vec<u8>) -> U) -> ApiResult<U, E> {
        self.bytes().map(|v| v.map(variant))
    }
    // @end
    // @part raw_empty_as

    /// One of several successes without a body.
    pub(crate) fn empty_as<U, E>(self, outcome: U) -> ApiResult<U, E> {
        self.into_value(outcome)
    }
    // @end
    // @part raw_json_error

    /// A declared error whose body is JSON of type `T`.
    pub(crate) fn json_error<T: serde::de::DeserializeOwned, R, E>(
        self,
        variant: impl FnOnce(T) -> E,
    ) -> Result<R, Error<E>> {
        match serde_json::from_slice(&self.body) {
            Ok(body) => Err(self.into_api_error(variant(body))),
            Err(e) => Err(self.unexpected_because(format!(
                "the error body is not the JSON the document describes: {e}"
            ))),
        }
    }
    // @end
    // @part raw_text_error

    /// A declared error whose body is text.
    pub(crate) fn text_error<R, E>(self, variant: impl FnOnce(String) -> E) -> Result<R, Error<E>> {
        let text = String::from_utf8_lossy(&self.body).into_owned();
        Err(self.into_api_error(variant(text)))
    }
    // @end
    // @part raw_empty_error

    /// A declared error without a body.
    pub(crate) fn empty_error<R, E>(self, error: E) -> Result<R, Error<E>> {
        Err(self.into_api_error(error))
    }
    // @end
    // @part raw_unexpected

    /// A status the document does not declare.
    pub(crate) fn unexpected<R, E>(self) -> Result<R, Error<E>> {
        let reason = format!(
            "the document declares no response with status {}",
            self.status.as_u16()
        );
        Err(self.unexpected_because(reason))
    }
    // @end
    // @part raw_value

    fn into_value<T, E>(self, body: T) -> ApiResult<T, E> {
        Ok(super::ResponseValue {
            status: self.status,
            headers: self.headers,
            body,
            attempts: self.attempts,
        })
    }
    // @end
    // @part raw_api_error

    fn into_api_error<E>(self, error: E) -> Error<E> {
        Error::Api(Box::new(super::ApiError {
            status: self.status,
            headers: self.headers,
            body: self.body,
            error,
            attempts: self.attempts,
        }))
    }
    // @end
    // @part raw_unexpected_because

    fn unexpected_because<E>(self, reason: String) -> Error<E> {
        Error::UnexpectedResponse(Box::new(super::UnexpectedResponse {
            status: self.status,
            headers: self.headers,
            body: self.body,
            reason,
            attempts: self.attempts,
        }))
    }
    // @end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(status: u16, body: &str) -> RawResponse {
        let mut headers = HeaderMap::new();
        headers.insert("x-page", "2".parse().unwrap());
        RawResponse {
            status: StatusCode::from_u16(status).unwrap(),
            headers,
            body: body.as_bytes().to_vec(),
            attempts: 2,
        }
    }

    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Pet {
        name: String,
    }

    #[derive(Debug, PartialEq)]
    enum Outcome {
        Ok(Pet),
        Text(String),
        Bytes(Vec<u8>),
        NoContent,
    }

    #[derive(Debug, PartialEq)]
    enum Failure {
        NotFound(Pet),
        Teapot(String),
        Gone,
    }

    fn reason(e: Error<Failure>) -> String {
        match e {
            Error::UnexpectedResponse(e) => e.reason,
            other => panic!("not unexpected: {other:?}"),
        }
    }

    #[test]
    fn successes_keep_status_and_headers() {
        let pet = raw(200, r#"{"name": "Rex"}"#).json::<Pet, ()>().unwrap();
        assert_eq!(pet.name, "Rex");
        assert_eq!(pet.status(), StatusCode::OK);
        assert_eq!(pet.headers()["x-page"], "2");
        assert_eq!(pet.attempts(), 2);
        assert_eq!(*raw(204, "ignored").empty::<()>().unwrap(), ());
        assert_eq!(*raw(200, "hi").text::<()>().unwrap(), "hi");
        assert_eq!(*raw(200, "hi").bytes::<()>().unwrap(), b"hi");
    }

    #[test]
    fn a_body_that_is_not_what_the_document_says_is_unexpected() {
        let e = raw(200, "{").json::<Pet, Failure>().unwrap_err();
        assert!(reason(e).starts_with("the body is not the JSON"));
        let mut invalid = raw(200, "");
        invalid.body = vec![0xff];
        let e = invalid.text::<Failure>().unwrap_err();
        assert!(reason(e).starts_with("the body is not UTF-8 text"));
    }

    #[test]
    fn outcomes_wrap_the_body_in_their_variant() {
        let ok = raw(200, r#"{"name": "Rex"}"#).json_as::<_, _, ()>(Outcome::Ok);
        assert_eq!(
            ok.unwrap().into_inner(),
            Outcome::Ok(Pet { name: "Rex".into() })
        );
        let text = raw(202, "queued").text_as::<_, ()>(Outcome::Text);
        assert_eq!(text.unwrap().into_inner(), Outcome::Text("queued".into()));
        let bytes = raw(206, "ab").bytes_as::<_, ()>(Outcome::Bytes);
        assert_eq!(bytes.unwrap().into_inner(), Outcome::Bytes(b"ab".to_vec()));
        let empty = raw(204, "").empty_as::<_, ()>(Outcome::NoContent);
        assert_eq!(empty.unwrap().into_inner(), Outcome::NoContent);
    }

    #[test]
    fn declared_errors_decode_into_their_variant() {
        let e = raw(404, r#"{"name": "Rex"}"#)
            .json_error::<_, (), _>(Failure::NotFound)
            .unwrap_err();
        let Error::Api(api) = e else {
            panic!("not an API error")
        };
        assert_eq!(api.status, StatusCode::NOT_FOUND);
        assert_eq!(api.headers["x-page"], "2");
        assert_eq!(api.body, br#"{"name": "Rex"}"#);
        assert_eq!(api.error, Failure::NotFound(Pet { name: "Rex".into() }));
        assert_eq!(api.attempts, 2);

        let e = raw(418, "short and stout").text_error::<(), _>(Failure::Teapot);
        assert_eq!(
            e.unwrap_err().api_error(),
            Some(&Failure::Teapot("short and stout".into()))
        );
        let e = raw(410, "").empty_error::<(), _>(Failure::Gone);
        assert_eq!(e.unwrap_err().api_error(), Some(&Failure::Gone));

        let e = raw(404, "<html>").json_error::<Pet, (), _>(Failure::NotFound);
        assert!(reason(e.unwrap_err()).starts_with("the error body is not the JSON"));
    }

    #[test]
    fn an_undeclared_status_is_unexpected() {
        let e = raw(500, "oops").unexpected::<(), Failure>().unwrap_err();
        assert_eq!(e.status(), Some(StatusCode::INTERNAL_SERVER_ERROR));
        assert_eq!(e.body(), Some(&b"oops"[..]));
        assert_eq!(
            reason(e),
            "the document declares no response with status 500"
        );
    }
}
