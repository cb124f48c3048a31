// [template]
// part = "download"
// reexport = "none"
// requires = ["send", "raw"]

//! Responses handed over unread, for large downloads (`send_streaming`).

use super::{Error, Prepared, RawResponse, ResponseValue, UnexpectedResponse};

impl<E> Prepared<'_, E> {
    /// Sends the request as [`Prepared::execute`] does, and hands over a
    /// response whose status `unread` picks with its body still to be read;
    /// any other is read whole.
    pub(crate) async fn streaming(
        self,
        unread: fn(u16) -> bool,
    ) -> Result<Result<ResponseValue<reqwest::Response>, RawResponse>, Error<E>> {
        let (response, attempts) = self.run(|response| async { Ok(response) }).await?;
        if unread(response.status().as_u16()) {
            return Ok(Ok(ResponseValue::unread(response, attempts)));
        }
        let mut raw = RawResponse::read(response)
            .await
            .map_err(|e| Error::transport(e, attempts))?;
        raw.attempts = attempts;
        Ok(Err(raw))
    }
}

impl ResponseValue<reqwest::Response> {
    /// A response whose body is still to be read.
    pub(crate) fn unread(response: reqwest::Response, attempts: u32) -> Self {
        ResponseValue {
            status: response.status(),
            headers: response.headers().clone(),
            body: response,
            attempts,
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
            attempts: self.attempts,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wiremock::matchers::{method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    #[tokio::test]
    async fn a_picked_status_is_handed_over_unread_and_any_other_read_whole() {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/file"))
            .respond_with(
                ResponseTemplate::new(200)
                    .insert_header("x-size", "5")
                    .set_body_string("bytes"),
            )
            .mount(&server)
            .await;
        let settings = crate::Settings::default();
        let get = |p: &str| {
            let request = settings.http.get(format!("{}{p}", server.uri()));
            Prepared::<()>::new(&settings, request, Default::default(), "get", "/file").unwrap()
        };
        let unread = get("/file").streaming(|s| s == 200).await.unwrap().unwrap();
        assert_eq!(unread.status(), reqwest::StatusCode::OK);
        assert_eq!(unread.headers()["x-size"], "5");
        assert_eq!(unread.attempts(), 1);
        assert_eq!(unread.into_inner().bytes().await.unwrap(), "bytes");
        // wiremock answers 404 to anything else.
        let Err(raw) = get("/other").streaming(|s| s == 200).await.unwrap() else {
            panic!("a 404 is read whole")
        };
        assert_eq!(raw.status, reqwest::StatusCode::NOT_FOUND);
        assert_eq!(raw.attempts, 1);
    }

    #[test]
    fn an_unexpected_success_keeps_everything() {
        let read = ResponseValue {
            status: reqwest::StatusCode::ACCEPTED,
            headers: reqwest::header::HeaderMap::new(),
            body: b"later".to_vec(),
            attempts: 2,
        };
        let Error::<()>::UnexpectedResponse(e) = read.unexpected() else {
            panic!("not unexpected")
        };
        assert_eq!(e.body, b"later");
        assert_eq!(e.reason, "status 202 was not expected here");
        assert_eq!(e.attempts, 2);
    }
}
