//! A document split over five files (`multi_file/`): a path item, shared
//! parameters and responses, and schemas from other files, with cycles
//! across files, behave on the wire as one document would.

mod common;

use common::{base_url, only_request, query_pairs, server_answering};
use fixture_clients::multi_file::operations::{CreatePetError, GetPetError};
use fixture_clients::multi_file::types::{Owner, Pet, Problem, Tag};
use fixture_clients::multi_file::{Client, Error};
use serde_json::json;
use wiremock::ResponseTemplate;

fn rex() -> Pet {
    Pet {
        id: 1,
        name: "Rex".into(),
        tag: Some(Tag::Dog),
        ..Default::default()
    }
}

#[tokio::test]
async fn a_path_item_from_another_file_lists_with_a_shared_parameter() {
    let server = server_answering(ResponseTemplate::new(200).set_body_json(json!([
        {"id": 1, "name": "Rex", "tag": "dog",
         "owner": {"name": "Ann", "pets": [{"id": 2, "name": "Tom", "parent": {"id": 3, "name": "Old Tom"}}]}}
    ])))
    .await;
    let client = Client::with_base_url(base_url(&server));
    let pets = client.list_pets().limit(5).await.unwrap().into_inner();
    let owner: &Owner = pets[0].owner.as_ref().unwrap();
    let tom = &owner.pets.as_ref().unwrap()[0];
    assert_eq!(tom.name, "Tom");
    assert_eq!(tom.parent.as_ref().unwrap().name, "Old Tom");
    let request = only_request(&server).await;
    assert_eq!(request.url.path(), "/pets");
    assert_eq!(
        query_pairs(&request),
        [("limit".to_string(), "5".to_string())]
    );
}

#[tokio::test]
async fn a_body_and_an_error_from_other_files() {
    let server = server_answering(
        ResponseTemplate::new(201).set_body_json(json!({"id": 1, "name": "Rex", "tag": "dog"})),
    )
    .await;
    let client = Client::with_base_url(base_url(&server));
    let created = client.create_pet(rex()).await.unwrap();
    assert_eq!(created.into_inner(), rex());
    let request = only_request(&server).await;
    let sent: serde_json::Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(sent, json!({"id": 1, "name": "Rex", "tag": "dog"}));

    let server =
        server_answering(ResponseTemplate::new(409).set_body_json(json!({"message": "taken"})))
            .await;
    let client = Client::with_base_url(base_url(&server));
    match client.create_pet(rex()).await {
        Err(Error::Api(e)) => assert_eq!(
            e.error,
            CreatePetError::Default(Problem {
                message: "taken".into()
            })
        ),
        other => panic!("expected the declared default error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_shared_path_parameter_and_response() {
    let server =
        server_answering(ResponseTemplate::new(404).set_body_json(json!({"message": "no pet 7"})))
            .await;
    let client = Client::with_base_url(base_url(&server));
    match client.get_pet(7).await {
        Err(Error::Api(e)) => assert_eq!(
            e.error,
            GetPetError::NotFound(Problem {
                message: "no pet 7".into()
            })
        ),
        other => panic!("expected the shared 404, got {other:?}"),
    }
    assert_eq!(only_request(&server).await.url.path(), "/pets/7");
}
