//! `$ref`s to any JSON pointer (`refs_anywhere.yaml`): a parameter, header,
//! response and request body of another operation, and schemas inside
//! other schemas, behave on the wire as if they were written in place.

mod common;

use common::{base_url, header_values, only_request, server_answering};
use fixture_clients::refs_anywhere::operations::{ListToysError, ListToysHeaders};
use fixture_clients::refs_anywhere::types::{
    GetPet404Response, Labelled, LabelledAllOf1, Pet, Sitter, SizeItem, Toy, Walker,
};
use fixture_clients::refs_anywhere::{Client, Error};
use serde_json::json;
use wiremock::ResponseTemplate;

#[tokio::test]
async fn a_parameter_and_header_of_another_operation_are_sent_as_declared() {
    let server = server_answering(
        ResponseTemplate::new(200)
            .insert_header("X-Rate-Remaining", "41")
            .set_body_json(json!([{"name": "ball", "parts": [{"name": "bell"}]}])),
    )
    .await;
    let client = Client::with_base_url(base_url(&server));
    let response = client.list_toys("rex/1").x_trace("trace-7").await.unwrap();
    assert_eq!(
        ListToysHeaders::from(response.headers()).x_rate_remaining,
        Some(41)
    );
    let bell = Toy {
        name: "bell".into(),
        parts: None,
    };
    assert_eq!(
        response.into_inner(),
        [Toy {
            name: "ball".into(),
            parts: Some(vec![bell]),
        }]
    );
    let request = only_request(&server).await;
    assert_eq!(request.url.path(), "/pets/rex%2F1/toys");
    assert_eq!(header_values(&request, "x-trace"), ["trace-7"]);
}

#[tokio::test]
async fn a_response_of_another_operation_is_a_declared_error() {
    let server = server_answering(
        ResponseTemplate::new(404).set_body_json(json!({"code": 7, "message": "no such pet"})),
    )
    .await;
    let client = Client::with_base_url(base_url(&server));
    match client.list_toys("rex").await {
        Err(Error::Api(e)) => assert_eq!(
            e.error,
            ListToysError::NotFound(GetPet404Response {
                code: 7,
                message: Some("no such pet".into()),
            })
        ),
        other => panic!("expected the declared 404, got {other:?}"),
    }
}

#[tokio::test]
async fn a_request_body_of_another_operation_is_sent_as_json() {
    let server = server_answering(
        ResponseTemplate::new(201).set_body_json(json!({"name": "ball", "size": "large"})),
    )
    .await;
    let client = Client::with_base_url(base_url(&server));
    let added = client
        .add_toy(
            "rex",
            Toy {
                name: "ball".into(),
                parts: None,
            },
        )
        .await
        .unwrap();
    assert_eq!(
        added.into_inner(),
        Labelled {
            name: "ball".into(),
            parts: None,
            size: Some(SizeItem::Large),
        }
    );
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "POST");
    let sent: serde_json::Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(sent, json!({"name": "ball"}));
}

#[test]
fn a_cycle_through_a_property_and_definitions_decodes() {
    let pet: Pet = serde_json::from_value(json!({
        "id": "1",
        "name": "Rex",
        "owner": {"name": "Ann", "pets": [{"id": "2", "name": "Tom"}]},
        "favourite": {"name": "ball", "parts": [{"name": "bell"}]}
    }))
    .unwrap();
    let owner: &Walker = pet.owner.as_ref().unwrap();
    assert_eq!(owner.pets.as_ref().unwrap()[0].name, "Tom");
    assert_eq!(
        pet.favourite.as_ref().unwrap().parts.as_ref().unwrap()[0].name,
        "bell"
    );
}

#[test]
fn pointers_into_other_schemas_decode_as_those_schemas() {
    let sitter: Sitter = serde_json::from_value(json!({
        "name": "Ann",
        "extra": {"size": "small"},
        "problem": {"code": 3}
    }))
    .unwrap();
    assert_eq!(sitter.name, "Ann");
    assert_eq!(
        sitter.extra,
        Some(LabelledAllOf1 {
            size: Some(SizeItem::Small)
        })
    );
    assert_eq!(sitter.problem.unwrap().code, 3);
}
