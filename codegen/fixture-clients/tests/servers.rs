//! Servers: variables with defaults and enums, several servers, and a relative server.

mod common;

use common::{base_url, only_request, server_answering};
use fixture_clients::servers::Client;
use fixture_clients::servers_relative::Client as RelativeClient;
use wiremock::ResponseTemplate;

#[test]
fn every_server_is_listed_and_the_first_absolute_one_is_the_default() {
    assert_eq!(
        Client::SERVERS,
        [
            "http://localhost:8080/v1",
            "/relative/api",
            "https://eu.example.com/api"
        ]
    );
    assert_eq!(Client::DEFAULT_BASE_URL, "http://localhost:8080/v1");
    assert_eq!(
        Client::new().base_url().as_str(),
        "http://localhost:8080/v1"
    );
}

#[test]
fn server_variables_take_defaults_and_refuse_values_outside_their_enum() {
    assert_eq!(
        Client::server_url(None, None, None).unwrap().as_str(),
        "http://localhost:8080/v1"
    );
    assert_eq!(
        Client::server_url(Some("api.internal"), Some("9000"), Some("v2"))
            .unwrap()
            .as_str(),
        "http://api.internal:9000/v2"
    );
    let error = Client::server_url(None, None, Some("v3")).unwrap_err();
    assert!(
        error.contains("v1, v2") && error.contains("\"v3\""),
        "{error}"
    );
    let error = Client::server_url(Some("bad host"), None, None).unwrap_err();
    assert!(error.contains("not a URL"), "{error}");
}

#[tokio::test]
async fn a_server_url_from_variables_is_where_requests_go() {
    let server = server_answering(ResponseTemplate::new(204)).await;
    let address = server.address();
    let url = Client::server_url(
        Some(&address.ip().to_string()),
        Some(&address.port().to_string()),
        Some("v2"),
    )
    .unwrap();
    Client::with_base_url(url).list_things().await.unwrap();
    let request = only_request(&server).await;
    assert_eq!(request.url.path(), "/v2/things");
}

#[tokio::test]
async fn a_relative_server_leaves_the_host_to_the_caller() {
    // There is no `RelativeClient::new()`: the document names no host.
    assert_eq!(RelativeClient::SERVERS, ["/api/v3"]);
    let server = server_answering(ResponseTemplate::new(204)).await;
    let url = base_url(&server).join("/api/v3/").unwrap();
    RelativeClient::with_base_url(url)
        .list_things()
        .await
        .unwrap();
    let request = only_request(&server).await;
    assert_eq!(request.url.path(), "/api/v3/things");
}

#[tokio::test]
async fn a_relative_server_of_the_path_is_on_the_clients_host() {
    let server = server_answering(ResponseTemplate::new(204)).await;
    // The client's own base path gives way to the path-level server's.
    let client = Client::with_base_url(base_url(&server).join("/v1/").unwrap());
    client.upload_thing().await.unwrap();
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url.path(), "/upload/v2/uploads");
}

#[tokio::test]
async fn an_operation_without_servers_of_its_own_uses_the_clients_base_url() {
    let server = server_answering(ResponseTemplate::new(204)).await;
    let client = Client::with_base_url(base_url(&server).join("/v1/").unwrap());
    client.list_things().await.unwrap();
    assert_eq!(only_request(&server).await.url.path(), "/v1/things");
}

#[tokio::test]
async fn an_operations_absolute_server_wins_over_the_clients_base_url() {
    let server = server_answering(ResponseTemplate::new(204)).await;
    let client = Client::with_base_url(base_url(&server));
    // The operation's own server is `https://eu.files.example.invalid/store`, not
    // this test server: nothing arrives here (and nothing can be reached there).
    let error = client
        .replace_upload()
        .timeout(std::time::Duration::from_secs(5))
        .max_retries(0)
        .await
        .unwrap_err();
    assert!(
        matches!(error, fixture_clients::servers::Error::Transport { .. }),
        "{error:?}"
    );
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn an_operation_can_be_sent_to_another_server() {
    let server = server_answering(ResponseTemplate::new(204)).await;
    let client = Client::new();
    client
        .replace_upload()
        .server(base_url(&server).join("/mirror").unwrap())
        .await
        .unwrap();
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "PUT");
    assert_eq!(request.url.path(), "/mirror/uploads");
}
