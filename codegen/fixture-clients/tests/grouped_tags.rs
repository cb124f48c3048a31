//! Operations grouped by tag: `client.pets().list_pets()`, untagged operations on
//! the client itself, and a group whose tag is named like a client method.

mod common;

use common::{base_url, only_request, pairs, query_pairs, server_answering};
use fixture_clients::grouped_tags::{Client, PetsApi};
use serde_json::json;
use wiremock::ResponseTemplate;

#[tokio::test]
async fn a_tagged_operation_is_a_method_of_its_group() {
    let server = server_answering(ResponseTemplate::new(200).set_body_json(json!(["Rex"]))).await;
    let client = Client::with_base_url(base_url(&server));
    let pets: PetsApi<'_> = client.pets();
    let listed = pets.list_pets().limit(3).await.unwrap();
    assert_eq!(listed.into_inner(), ["Rex"]);
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "GET");
    assert_eq!(request.url.path(), "/pets");
    assert_eq!(query_pairs(&request), pairs(&[("limit", "3")]));
}

#[tokio::test]
async fn the_first_tag_is_the_group_and_untagged_operations_stay_on_the_client() {
    let server = server_answering(ResponseTemplate::new(204)).await;
    let client = Client::with_base_url(base_url(&server));
    client.pets().delete_pet("7").await.unwrap();
    assert_eq!(only_request(&server).await.url.path(), "/pets/7");

    let server = server_answering(ResponseTemplate::new(204)).await;
    let client = Client::with_base_url(base_url(&server));
    client.health().await.unwrap();
    client.store().place_order().await.unwrap();
    // A tag named like a client method opens its group under another name.
    client.base_url_api().list_visits().await.unwrap();
    assert_eq!(client.base_url(), &base_url(&server));
    let paths: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| format!("{} {}", r.method, r.url.path()))
        .collect();
    assert_eq!(paths, ["GET /health", "POST /orders", "GET /vet-visits"]);
}
