//! Credentials on the wire: every scheme type, global and per-operation requirements,
//! alternatives, optional security, `security: []`, and documents that name none.
//! Credentials never show in `Debug` output or error messages.

mod common;

use std::time::Duration;

use common::{base_url, header_values, only_request, server_answering};
use fixture_clients::security::Client;
use fixture_clients::security_unspecified::Client as UnspecifiedClient;
use wiremock::{MockServer, Request, ResponseTemplate};

/// A client with every credential configured.
fn full_client(server: &MockServer) -> Client {
    Client::with_base_url(base_url(server))
        .with_bearer_token("bearer-secret")
        .with_basic_auth("user", Some("basic-secret".into()))
        .with_header_key("header-secret")
        .with_query_key("query-secret")
        .with_cookie_key("cookie-secret")
        .with_oauth_token("oauth-secret")
        .with_oidc_token("oidc-secret")
}

/// Every credential-bearing part of a request.
fn credentials(request: &Request) -> Vec<String> {
    let mut found = Vec::new();
    for name in ["authorization", "x-api-key", "cookie", "x-key"] {
        for value in header_values(request, name) {
            found.push(format!("{name}: {value}"));
        }
    }
    if let Some(query) = request.url.query() {
        found.push(format!("query: {query}"));
    }
    found
}

/// Sends one request with the client `$make` builds and returns the credentials that arrived.
macro_rules! sent {
    ($make:expr, |$client:ident| $call:expr) => {{
        let server = server_answering(ResponseTemplate::new(204)).await;
        let $client = $make(&server);
        $call.await.expect("204 is declared");
        credentials(&only_request(&server).await)
    }};
}

#[tokio::test]
async fn each_scheme_type_sends_its_own_credential_only() {
    assert_eq!(
        sent!(full_client, |c| c.global_requirement()),
        ["authorization: Bearer bearer-secret"]
    );
    assert_eq!(
        sent!(full_client, |c| c.basic_auth()),
        // base64("user:basic-secret")
        ["authorization: Basic dXNlcjpiYXNpYy1zZWNyZXQ="]
    );
    assert_eq!(
        sent!(full_client, |c| c.header_key()),
        ["x-api-key: header-secret"]
    );
    assert_eq!(
        sent!(full_client, |c| c.query_key().page(2)),
        ["query: page=2&api_key=query-secret"]
    );
    assert_eq!(
        sent!(full_client, |c| c.cookie_key()),
        ["cookie: sid=cookie-secret"]
    );
    assert_eq!(
        sent!(full_client, |c| c.oauth()),
        ["authorization: Bearer oauth-secret"]
    );
    assert_eq!(
        sent!(full_client, |c| c.oidc()),
        ["authorization: Bearer oidc-secret"]
    );
}

#[tokio::test]
async fn a_requirement_of_two_schemes_sends_both() {
    assert_eq!(
        sent!(full_client, |c| c.both_keys()),
        ["x-api-key: header-secret", "query: api_key=query-secret"]
    );
}

#[tokio::test]
async fn alternatives_send_the_first_that_is_configured() {
    // Both configured: the first alternative only.
    assert_eq!(
        sent!(full_client, |c| c.alternatives()),
        ["x-api-key: header-secret"]
    );
    // Only the second configured: the second.
    let basic_only =
        |server: &MockServer| Client::with_base_url(base_url(server)).with_basic_auth("user", None);
    assert_eq!(
        sent!(basic_only, |c| c.alternatives()),
        // base64("user:")
        ["authorization: Basic dXNlcjo="]
    );
    // Neither: nothing (the server decides).
    let bearer_only =
        |server: &MockServer| Client::with_base_url(base_url(server)).with_bearer_token("t");
    assert!(sent!(bearer_only, |c| c.alternatives()).is_empty());
}

#[tokio::test]
async fn optional_security_sends_the_credential_when_there_is_one() {
    assert_eq!(
        sent!(full_client, |c| c.optional_auth()),
        ["authorization: Bearer bearer-secret"]
    );
    let anonymous = |server: &MockServer| Client::with_base_url(base_url(server));
    assert!(sent!(anonymous, |c| c.optional_auth()).is_empty());
}

#[tokio::test]
async fn an_operation_that_opts_out_gets_no_credential() {
    assert!(sent!(full_client, |c| c.public()).is_empty());
}

#[tokio::test]
async fn operations_the_document_names_no_security_for_get_every_configured_credential() {
    let keyed = |server: &MockServer| {
        UnspecifiedClient::with_base_url(base_url(server)).with_api_key("k-1")
    };
    assert_eq!(sent!(keyed, |c| c.unspecified()), ["x-key: k-1"]);
    assert_eq!(sent!(keyed, |c| c.named()), ["x-key: k-1"]);
    // `security: []` on the operation: none, even though the client has one.
    assert!(sent!(keyed, |c| c.opted_out()).is_empty());
}

#[tokio::test]
async fn credentials_never_show_in_debug_output() {
    let server = server_answering(ResponseTemplate::new(204)).await;
    let debug = format!("{:?}", full_client(&server));
    for secret in [
        "bearer-secret",
        "basic-secret",
        "header-secret",
        "query-secret",
        "cookie-secret",
        "oauth-secret",
        "oidc-secret",
    ] {
        assert!(!debug.contains(secret), "{secret} shows in {debug}");
    }
    assert!(debug.contains("Secret(***)"));
    // The builder (which holds the client) does not show them either.
    let builder = format!("{:?}", full_client(&server).query_key());
    assert!(!builder.contains("query-secret"), "{builder}");
}

#[tokio::test]
async fn credentials_never_show_in_error_messages() {
    // A server that answers too late: the error is a transport error about a URL whose
    // query holds the key.
    let server =
        server_answering(ResponseTemplate::new(204).set_delay(Duration::from_secs(5))).await;
    let client = full_client(&server);
    let error = client
        .query_key()
        .timeout(Duration::from_millis(100))
        .await
        .expect_err("the request times out");
    for text in [format!("{error}"), format!("{error:?}"), {
        let mut chain = String::new();
        let mut source: Option<&dyn std::error::Error> = Some(&error);
        while let Some(e) = source {
            chain.push_str(&e.to_string());
            source = e.source();
        }
        chain
    }] {
        assert!(!text.contains("query-secret"), "the key shows in {text}");
    }
    // And an undeclared status keeps what the server said, not what was sent.
    let server = server_answering(ResponseTemplate::new(500).set_body_string("boom")).await;
    let error = full_client(&server)
        .query_key()
        .await
        .expect_err("500 is not declared");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(500));
    assert!(!format!("{error} {error:?}").contains("query-secret"));
}

#[tokio::test]
async fn a_cookie_credential_and_cookie_parameters_share_one_cookie_header() {
    let server = server_answering(ResponseTemplate::new(204)).await;
    full_client(&server)
        .cookie_key()
        .theme("dark")
        .header(
            reqwest::header::COOKIE,
            reqwest::header::HeaderValue::from_static("extra=1"),
        )
        .await
        .unwrap();
    let request = only_request(&server).await;
    // RFC 6265: a client sends one Cookie header. The credential is added at
    // each attempt, after what the request was built with.
    assert_eq!(
        header_values(&request, "cookie"),
        ["theme=dark; extra=1; sid=cookie-secret"]
    );
}
