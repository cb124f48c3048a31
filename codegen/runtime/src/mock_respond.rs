// [template]
// reexport = "none"
// feature = "mock"
// requires = ["mock"]
//
// [blocks]
// mock_respond_json = {}
// mock_respond_text = {}
// mock_respond_bytes = {}
// mock_respond_empty = {}
// mock_respond_events = {}
// mock_respond_events_json = { requires = ["mock_respond_events"] }
// mock_status_range = {}

//! The typed mocks' answers (the crate's `mock` feature): a body of each
//! kind, an event stream, and a status checked against a responder's range.
//! Each block comes into a client whose mocks use it.

use super::OperationMock;
// @part mock_respond_json

impl OperationMock<'_> {
    /// Answers `status` with `body` as JSON.
    pub(crate) fn respond_json<T: serde::Serialize>(self, status: u16, body: &T) -> Self {
        let body = serde_json::to_vec(body).expect("a generated type serializes as JSON");
        self.respond_with(
            wiremock::ResponseTemplate::new(status)
                .insert_header("content-type", "application/json")
                .set_body_bytes(body),
        )
    }
}
// @end
// @part mock_respond_text

impl OperationMock<'_> {
    /// Answers `status` with `body` as text.
    pub(crate) fn respond_text(self, status: u16, body: String) -> Self {
        self.respond_with(
            wiremock::ResponseTemplate::new(status)
                .insert_header("content-type", "text/plain; charset=utf-8")
                .set_body_bytes(body),
        )
    }
}
// @end
// @part mock_respond_bytes

impl OperationMock<'_> {
    /// Answers `status` with `body` as bytes.
    pub(crate) fn respond_bytes(self, status: u16, body: Vec<u8>) -> Self {
        self.respond_with(
            wiremock::ResponseTemplate::new(status)
                .insert_header("content-type", "application/octet-stream")
                .set_body_bytes(body),
        )
    }
}
// @end
// @part mock_respond_empty

impl OperationMock<'_> {
    /// Answers `status` without a body.
    pub(crate) fn respond_empty(self, status: u16) -> Self {
        self.respond_with(wiremock::ResponseTemplate::new(status))
    }
}
// @end
// @part mock_respond_events

impl OperationMock<'_> {
    /// Answers `status` with a `text/event-stream` of one event per item
    /// of `data` (an item of several lines is as many `data:` lines), then
    /// an event of `terminator`'s data when the stream has one.
    pub(crate) fn respond_events(
        self,
        status: u16,
        data: Vec<String>,
        terminator: Option<&str>,
    ) -> Self {
        let mut body = String::new();
        for item in data.iter().map(String::as_str).chain(terminator) {
            for line in item.split('\n') {
                body.push_str("data: ");
                body.push_str(line);
                body.push('\n');
            }
            body.push('\n');
        }
        self.respond_with(
            wiremock::ResponseTemplate::new(status)
                .insert_header("content-type", "text/event-stream")
                .set_body_bytes(body),
        )
    }
}
// @end
// @part mock_respond_events_json

impl OperationMock<'_> {
    /// An event's data: the event as JSON.
    pub(crate) fn event_json<T: serde::Serialize>(event: &T) -> String {
        serde_json::to_string(event).expect("a generated type serializes as JSON")
    }
}
// @end
// @part mock_status_range

impl OperationMock<'_> {
    /// `status`, checked to be one the responder `method` may answer
    /// (`lo..=hi`); panics with a message that says so otherwise.
    pub(crate) fn status_in(method: &str, status: u16, lo: u16, hi: u16) -> u16 {
        assert!(
            (lo..=hi).contains(&status),
            "`{method}` answers a status from {lo} to {hi}, not {status}"
        );
        status
    }
}
// @end

#[cfg(test)]
mod tests {
    use crate::mock::tests::*;
    use crate::{MockServer, OperationMock};

    #[tokio::test]
    async fn events_are_served_as_an_event_stream_with_the_terminator() {
        let server = MockServer::start_with(OPERATIONS).await;
        let data = vec![
            OperationMock::event_json(&serde_json::json!({"n": 1})),
            "two\nlines".into(),
        ];
        let mock = server.operation_mock(1);
        mock.respond_events(200, data, Some("[DONE]")).mount().await;
        let response = reqwest::get(format!("{}/pets/1", server.uri()))
            .await
            .unwrap();
        assert_eq!(response.headers()["content-type"], "text/event-stream");
        assert_eq!(
            response.text().await.unwrap(),
            "data: {\"n\":1}\n\ndata: two\ndata: lines\n\ndata: [DONE]\n\n"
        );
    }

    #[test]
    #[should_panic(expected = "`respond_client_error` answers a status from 400 to 499, not 302")]
    fn a_range_responder_refuses_a_status_outside_it() {
        OperationMock::status_in("respond_client_error", 302, 400, 499);
    }
}
