// [template]
// reexport = "none"
// feature = "mock"
// requires = ["mock"]
//
// [blocks]
// mock_path = {}
// mock_query = {}
// mock_header = {}
// mock_cookie = {}
// mock_body_json = {}
// mock_body_text = {}
// mock_body_bytes = {}

//! The typed mocks' matchers (the crate's `mock` feature): a parameter in
//! each location, and a body of each kind, as the client sends them. Each
//! block comes into a client whose mocks use it.

use super::OperationMock;
// @part mock_path

impl OperationMock<'_> {
    /// Matches only requests with this path parameter (its wire name), as
    /// the client writes it.
    pub(crate) fn path_param(mut self, name: &'static str, sent: String) -> Self {
        self.path_values.retain(|(n, _)| *n != name);
        self.path_values.push((name, sent));
        self
    }
}
// @end
// @part mock_query

impl OperationMock<'_> {
    /// Matches only requests whose query has these pairs (and no others of
    /// their names), in this order: the pairs the client writes for one
    /// parameter's value.
    pub(crate) fn query_param(self, name: &'static str, pairs: Vec<(String, String)>) -> Self {
        self.check(move |request| {
            let names: Vec<&str> = pairs.iter().map(|(n, _)| n.as_str()).collect();
            let sent: Vec<(String, String)> = query_pairs(request)
                .into_iter()
                .filter(|(n, _)| names.contains(&n.as_str()))
                .collect();
            if sent == pairs {
                Ok(())
            } else {
                Err(format!(
                    "query parameter `{name}`: wanted {pairs:?}, got {sent:?}"
                ))
            }
        })
    }
}

/// A request's query pairs, decoded.
fn query_pairs(request: &wiremock::Request) -> Vec<(String, String)> {
    request
        .url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}
// @end
// @part mock_header

impl OperationMock<'_> {
    /// Matches only requests with a header parameter of this value, as the
    /// client writes it.
    pub(crate) fn header_param(self, name: &'static str, sent: String) -> Self {
        let lower = name.to_ascii_lowercase();
        self.check(move |request| super::header_is(request, &lower, &sent))
    }
}
// @end
// @part mock_cookie

impl OperationMock<'_> {
    /// Matches only requests whose `Cookie` header holds these cookies, as
    /// the client writes one parameter's value.
    pub(crate) fn cookie_param(self, name: &'static str, cookies: Vec<String>) -> Self {
        self.check(move |request| {
            let sent: Vec<&str> = request
                .headers
                .get_all("cookie")
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split("; "))
                .collect();
            match cookies.iter().find(|c| !sent.contains(&c.as_str())) {
                None => Ok(()),
                Some(missing) => Err(format!(
                    "cookie parameter `{name}`: wanted `{missing}`, got cookies {sent:?}"
                )),
            }
        })
    }
}
// @end
// @part mock_body_json

impl OperationMock<'_> {
    /// Matches only requests whose body decodes as JSON into `T` (named
    /// `type_name` in messages) and satisfies `matches`.
    pub(crate) fn body_json<T: serde::de::DeserializeOwned>(
        self,
        type_name: &'static str,
        matches: impl Fn(&T) -> bool + Send + Sync + 'static,
    ) -> Self {
        self.check(
            move |request| match serde_json::from_slice::<T>(&request.body) {
                Ok(body) if matches(&body) => Ok(()),
                Ok(_) => Err(format!(
                    "the body does not satisfy `with_body`: {}",
                    body_excerpt(request)
                )),
                Err(e) => Err(format!(
                    "the body is not a `{type_name}` ({e}): {}",
                    body_excerpt(request)
                )),
            },
        )
    }
}

/// A request's body for a message: its text, cut short.
fn body_excerpt(request: &wiremock::Request) -> String {
    let text = String::from_utf8_lossy(&request.body);
    match text.char_indices().nth(200) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.into_owned(),
    }
}
// @end
// @part mock_body_text

impl OperationMock<'_> {
    /// Matches only requests whose body is UTF-8 text that satisfies `matches`.
    pub(crate) fn body_text(self, matches: impl Fn(&str) -> bool + Send + Sync + 'static) -> Self {
        self.check(move |request| match std::str::from_utf8(&request.body) {
            Ok(text) if matches(text) => Ok(()),
            Ok(text) => Err(format!("the body does not satisfy `with_body`: {text:?}")),
            Err(e) => Err(format!("the body is not UTF-8 text: {e}")),
        })
    }
}
// @end
// @part mock_body_bytes

impl OperationMock<'_> {
    /// Matches only requests whose body satisfies `matches`.
    pub(crate) fn body_bytes(
        self,
        matches: impl Fn(&[u8]) -> bool + Send + Sync + 'static,
    ) -> Self {
        self.check(move |request| {
            if matches(&request.body) {
                Ok(())
            } else {
                Err(format!(
                    "the body ({} bytes) does not satisfy `with_body`",
                    request.body.len()
                ))
            }
        })
    }
}
// @end

#[cfg(test)]
mod tests {
    use crate::mock::tests::*;
    use crate::{MockServer, OperationMock};

    #[tokio::test]
    async fn typed_checks_say_what_they_wanted() {
        let server = MockServer::start_with(OPERATIONS).await;
        server
            .operation_mock(2)
            .body_json::<Pet>("Pet", |p| p.name == "Rex")
            .query_param("page", vec![("page".into(), "2".into())])
            .header_param("X-Trace", "on".into())
            .cookie_param("session", vec!["session=abc".into()])
            .respond_empty(201)
            .mount()
            .await;
        let post = |body: &'static str, query: &'static str| {
            reqwest::Client::new()
                .post(format!("{}/pets{query}", server.uri()))
                .header("x-trace", "on")
                .header("cookie", "a=1; session=abc")
                .body(body)
                .send()
        };
        assert_eq!(
            post(r#"{"name":"Rex"}"#, "?page=2").await.unwrap().status(),
            201
        );
        let refused = post(r#"{"name":"Tom"}"#, "?page=3&page=4").await.unwrap();
        let message = refused.text().await.unwrap();
        assert!(
            message.ends_with(
                "- mock `create_pet #1`: the body does not satisfy `with_body`: {\"name\":\"Tom\"}; \
                 query parameter `page`: wanted [(\"page\", \"2\")], got [(\"page\", \"3\"), (\"page\", \"4\")]"
            ),
            "{message}"
        );
        let refused = post("[]", "?page=2").await.unwrap();
        let message = refused.text().await.unwrap();
        assert!(
            message.contains("the body is not a `Pet` (invalid length 0"),
            "{message}"
        );
        server.take_unmatched();
    }

    #[tokio::test]
    async fn text_and_bytes_bodies_and_their_responses() {
        let server = MockServer::start_with(OPERATIONS).await;
        server
            .operation_mock(2)
            .body_text(|t| t.starts_with("hi"))
            .respond_text(200, "hello".into())
            .mount()
            .await;
        server
            .operation_mock(2)
            .body_bytes(|b| b == [0xff])
            .respond_bytes(200, vec![1, 2])
            .mount()
            .await;
        let post = |body: Vec<u8>| {
            reqwest::Client::new()
                .post(format!("{}/pets", server.uri()))
                .body(body)
                .send()
        };
        let text = post(b"hi there".to_vec()).await.unwrap();
        assert_eq!(text.headers()["content-type"], "text/plain; charset=utf-8");
        assert_eq!(text.text().await.unwrap(), "hello");
        let bytes = post(vec![0xff]).await.unwrap();
        assert_eq!(bytes.bytes().await.unwrap().as_ref(), [1, 2]);
    }
}
