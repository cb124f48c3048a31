//! Responses handed over unread, for large downloads (`send_streaming`).

use super::{Error, ResponseValue, UnexpectedResponse};

impl ResponseValue<reqwest::Response> {
    /// A response whose body is still to be read.
    pub(crate) fn unread(response: reqwest::Response) -> Self {
        ResponseValue {
            status: response.status(),
            headers: response.headers().clone(),
            body: response,
        }
    }
}

impl ResponseValue<Vec<u8>> {
    /// A success where none was expected, kept whole.
    pub(crate) fn unexpected<E>(self) -> Error<E> {
        let reason = format!("status {} was not expected here", self.status.as_u16());
        Error::UnexpectedResponse(Box::new(UnexpectedResponse {
            status: self.status,
            headers: self.headers,
            body: self.body,
            reason,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wiremock::matchers::method;
    use wiremock::{Mock, MockServer, ResponseTemplate};

    #[tokio::test]
    async fn an_unread_response_keeps_status_and_headers_and_its_body_to_read() {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(
                ResponseTemplate::new(200)
                    .insert_header("x-size", "5")
                    .set_body_string("bytes"),
            )
            .mount(&server)
            .await;
        let response = reqwest::get(server.uri()).await.unwrap();
        let unread = ResponseValue::unread(response);
        assert_eq!(unread.status(), reqwest::StatusCode::OK);
        assert_eq!(unread.headers()["x-size"], "5");
        assert_eq!(unread.into_inner().bytes().await.unwrap(), "bytes");
    }

    #[test]
    fn an_unexpected_success_keeps_everything() {
        let read = ResponseValue {
            status: reqwest::StatusCode::ACCEPTED,
            headers: reqwest::header::HeaderMap::new(),
            body: b"later".to_vec(),
        };
        let Error::<()>::UnexpectedResponse(e) = read.unexpected() else {
            panic!("not unexpected")
        };
        assert_eq!(e.body, b"later");
        assert_eq!(e.reason, "status 202 was not expected here");
    }
}
