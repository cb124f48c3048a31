// [template]
// part = "value_part"
// reexport = "crate"
// requires = ["param_value"]
// crates.reqwest = { features = ["multipart"] }

//! Values in `multipart/form-data` bodies.

use super::param_value;

/// A value as one part of a `multipart/form-data` body: an object or list as
/// `application/json`, anything else as text (the parameter rule).
pub(crate) fn value_part<T: serde::Serialize + ?Sized>(value: &T) -> reqwest::multipart::Part {
    let text = serde_json::to_string(value).unwrap_or_default();
    if text.starts_with('{') || text.starts_with('[') {
        reqwest::multipart::Part::text(text)
            .mime_str("application/json")
            .expect("application/json is a content type")
    } else {
        let value: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
        reqwest::multipart::Part::text(param_value(&value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wiremock::matchers::{body_string_contains, method};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    #[tokio::test]
    async fn objects_go_as_json_and_the_rest_as_text() {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(body_string_contains(
                "Content-Type: application/json\r\n\r\n{\"a\":1}",
            ))
            .and(body_string_contains("name=\"n\"\r\n\r\n42\r\n"))
            .and(body_string_contains("name=\"s\"\r\n\r\nplain\r\n"))
            .respond_with(ResponseTemplate::new(204))
            .mount(&server)
            .await;
        let form = reqwest::multipart::Form::new()
            .part("o", value_part(&serde_json::json!({"a": 1})))
            .part("n", value_part(&42))
            .part("s", value_part("plain"));
        let response = reqwest::Client::new()
            .post(server.uri())
            .multipart(form)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), reqwest::StatusCode::NO_CONTENT);
    }
}
