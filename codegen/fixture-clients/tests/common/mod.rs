//! Helpers every wire test shares: a wiremock server on 127.0.0.1 records what arrives.

#![allow(dead_code)]

use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// A server that answers every request with `response`.
pub async fn server_answering(response: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(response)
        .mount(&server)
        .await;
    server
}

/// The server's address as a base URL.
pub fn base_url(server: &MockServer) -> reqwest::Url {
    server.uri().parse().expect("wiremock gives a URL")
}

/// The one request the server received (fails if it received any other number).
pub async fn only_request(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.expect("recording is on");
    assert_eq!(
        requests.len(),
        1,
        "expected exactly one request, got {:?}",
        requests
            .iter()
            .map(|r| r.url.to_string())
            .collect::<Vec<_>>()
    );
    requests.remove(0)
}

/// The query string exactly as it arrived (empty when there is none).
pub fn raw_query(request: &Request) -> String {
    request.url.query().unwrap_or_default().to_string()
}

/// The query pairs, decoded, in the order they arrived.
pub fn query_pairs(request: &Request) -> Vec<(String, String)> {
    request
        .url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// Every value of a header, in order.
pub fn header_values(request: &Request, name: &str) -> Vec<String> {
    request
        .headers
        .get_all(name)
        .iter()
        .map(|v| v.to_str().expect("ASCII header").to_string())
        .collect()
}

/// `(name, value)` pairs as owned strings, for comparing with [`query_pairs`].
pub fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}
