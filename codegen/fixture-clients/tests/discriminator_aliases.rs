//! A schema that a `oneOf` lists twice, under two tags of its `discriminator`:
//! one variant that both tags decode into, sent back with the tag it came with.

mod common;

use common::{base_url, only_request, server_answering};
use fixture_clients::discriminator_aliases::types::{AnyEvent, ClickEvent, Event, Only, Taken};
use fixture_clients::discriminator_aliases::Client;
use serde_json::json;
use wiremock::ResponseTemplate;

#[test]
fn both_tags_decode_into_one_variant_and_encode_back_as_they_arrived() {
    for tag in ["any", "custom"] {
        let wire = json!({"type": tag, "id": "e1"});
        let event: Event = serde_json::from_value(wire.clone()).unwrap();
        let Event::AnyEvent(any) = &event else {
            panic!("`{tag}` is an AnyEvent: {event:?}");
        };
        // `AnyEvent` does not list `type`; the field the model adds keeps it.
        assert_eq!(any.r#type.as_deref(), Some(tag));
        assert_eq!(any.id.as_deref(), Some("e1"));
        assert_eq!(serde_json::to_value(&event).unwrap(), wire);
    }
}

#[test]
fn a_variant_built_without_its_tag_is_sent_with_the_first() {
    let event = Event::AnyEvent(AnyEvent {
        id: Some("e2".into()),
        ..Default::default()
    });
    assert_eq!(
        serde_json::to_value(&event).unwrap(),
        json!({"id": "e2", "type": "any"})
    );
    let custom = Event::AnyEvent(AnyEvent {
        r#type: Some("custom".into()),
        ..Default::default()
    });
    assert_eq!(
        serde_json::to_value(&custom).unwrap(),
        json!({"type": "custom"})
    );
}

#[test]
fn a_variant_that_lists_the_tag_keeps_it_in_its_own_field() {
    let wire = json!({"type": "tap", "x": 3});
    let event: Event = serde_json::from_value(wire.clone()).unwrap();
    assert_eq!(
        event,
        Event::ClickEvent(ClickEvent {
            r#type: "tap".into(),
            x: 3
        })
    );
    assert_eq!(serde_json::to_value(&event).unwrap(), wire);
}

#[test]
fn a_union_of_one_schema_listed_twice_still_reads_its_tag() {
    let wire = json!({"kind": "second"});
    let only: Only = serde_json::from_value(wire.clone()).unwrap();
    assert!(matches!(&only, Only::AnyEvent(a) if a.kind.as_deref() == Some("second")));
    assert_eq!(serde_json::to_value(&only).unwrap(), wire);
    // An unknown tag is kept; a missing one is an error, as in any tagged union.
    let other = json!({"kind": "third", "id": "x"});
    assert_eq!(
        serde_json::from_value::<Only>(other.clone()).unwrap(),
        Only::Other(other)
    );
    assert!(serde_json::from_value::<Only>(json!({"id": "x"})).is_err());
}

#[test]
fn a_name_the_mapping_gives_to_another_member_picks_that_member() {
    let taken: Taken = serde_json::from_value(json!({"side": "Left", "r": "x"})).unwrap();
    assert!(matches!(taken, Taken::Right(_)), "{taken:?}");
}

#[tokio::test]
async fn a_custom_event_goes_out_and_comes_back_with_its_tag() {
    let server = server_answering(
        ResponseTemplate::new(200).set_body_json(json!({"type": "custom", "id": "stored"})),
    )
    .await;
    let client = Client::with_base_url(base_url(&server));
    let event: Event = serde_json::from_value(json!({"type": "custom", "id": "e3"})).unwrap();
    let stored = client.send_event(event).await.unwrap();
    let sent: serde_json::Value =
        serde_json::from_slice(&only_request(&server).await.body).unwrap();
    assert_eq!(sent, json!({"type": "custom", "id": "e3"}));
    assert!(
        matches!(&*stored, Event::AnyEvent(a) if a.r#type.as_deref() == Some("custom") && a.id.as_deref() == Some("stored")),
        "{stored:?}"
    );
}
