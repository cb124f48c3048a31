//! A client whose schemas and operations are named like what the generated
//! crate itself defines and imports (`Query`, `Error`, `Value`, `Runtime`, …)
//! sends and decodes as any other; and a document with nothing to call is
//! still a client of its types.

mod common;

use common::{base_url, only_request, query_pairs, server_answering};
use fixture_clients::reserved_names::operations::{QueryError, QueryHeaders};
use fixture_clients::reserved_names::types::{
    Hash, OptionType, Query, ResultType, Serialize, Value,
};
use fixture_clients::reserved_names::{Client, Error};
use serde_json::json;
use wiremock::ResponseTemplate;

#[tokio::test]
async fn an_operation_named_query_sends_its_query_and_reads_its_result() {
    let server = server_answering(
        ResponseTemplate::new(200)
            .insert_header("x-request-options", "b")
            .set_body_json(json!({"ok": true})),
    )
    .await;
    let client = Client::with_base_url(base_url(&server));
    let response = client
        .query(OptionType::A)
        .filter(Query {
            q: Some("x y".into()),
        })
        .hash(Hash::Sha256)
        .await
        .unwrap();
    assert_eq!(*response, ResultType { ok: Some(true) });
    let headers = QueryHeaders::from(response.headers());
    assert_eq!(headers.x_request_options, Some(OptionType::B));
    let request = only_request(&server).await;
    assert_eq!(
        query_pairs(&request),
        [("filter[q]", "x y"), ("option", "a")].map(|(k, v)| (k.to_string(), v.to_string()))
    );
    assert_eq!(request.headers["hash"], "sha256");
}

#[tokio::test]
async fn its_declared_error_is_the_schema_named_error() {
    let server =
        server_answering(ResponseTemplate::new(404).set_body_json(json!({"message": "no"}))).await;
    let client = Client::with_base_url(base_url(&server));
    match client.query(OptionType::B).await {
        Err(Error::Api(e)) => {
            // The enum is `#[non_exhaustive]`.
            let QueryError::NotFound(error) = &e.error else {
                panic!("expected NotFound, got {:?}", e.error);
            };
            assert_eq!(error.message.as_deref(), Some("no"));
        }
        other => panic!("expected the declared error, got {other:?}"),
    }
}

#[test]
fn a_union_named_value_over_types_named_map_and_serialize_decodes_by_its_tag() {
    let value: Value =
        serde_json::from_value(json!({"kind": "Serialize", "format": "json"})).unwrap();
    assert!(matches!(&value, Value::Serialize(Serialize { format: Some(f), .. }) if f == "json"));
}

#[test]
fn a_document_with_nothing_to_call_is_a_client_of_its_types() {
    use fixture_clients::no_operations::types::{Adoption, AdoptionKind};
    let adoption: Adoption = serde_json::from_value(json!({"pet": "Rex", "kind": "dog"})).unwrap();
    assert_eq!(adoption.kind, Some(AdoptionKind::Dog));
    let _client = fixture_clients::no_operations::Client::with_base_url(
        "https://events.example".parse().unwrap(),
    );
}
