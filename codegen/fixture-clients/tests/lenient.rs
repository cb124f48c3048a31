//! A document with malformed parts a client does not use and wrongly typed
//! documentation (`lenient.yaml`) gives a client that works as if they were
//! not there: the dropped constraints constrain nothing on the wire.

mod common;

use common::{base_url, only_request, server_answering};
use fixture_clients::lenient::operations::GetPetError;
use fixture_clients::lenient::types::Pet;
use fixture_clients::lenient::{Client, Error};
use serde_json::json;
use wiremock::ResponseTemplate;

#[tokio::test]
async fn the_operation_sends_and_decodes_as_declared() {
    let server = server_answering(ResponseTemplate::new(200).set_body_json(json!({
        "name": "",
        "age": 31,
        "tags": ["a", "a"]
    })))
    .await;
    let client = Client::with_base_url(base_url(&server));
    // `minLength: '1'` and `pattern: 0` are left out: nothing checks them.
    let pet = client.get_pet("x").await.unwrap().into_inner();
    assert_eq!(
        pet,
        Pet {
            name: String::new(),
            age: Some(31),
            tags: Some(vec!["a".into(), "a".into()]),
        }
    );
    let request = only_request(&server).await;
    assert_eq!(request.url.path(), "/pets/x");
}

#[tokio::test]
async fn a_response_without_a_description_is_still_declared() {
    let server = server_answering(ResponseTemplate::new(404)).await;
    let client = Client::with_base_url(base_url(&server));
    match client.get_pet("rex").await {
        Err(Error::Api(e)) => {
            assert_eq!(e.status.as_u16(), 404);
            assert_eq!(e.error, GetPetError::NotFound);
        }
        other => panic!("expected the declared 404, got {other:?}"),
    }
}
