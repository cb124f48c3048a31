//! `additionalProperties`: true, a schema, false; with and without `properties`.

use fixture_clients::additional_properties::types::{
    Bare, Clash, Closed, Counts, FreeForm, Labels, Open, Scores, ScoresValue, Tagged,
};
use serde_json::json;

fn round_trip<T>(wire: serde_json::Value) -> T
where
    T: serde::de::DeserializeOwned + serde::Serialize,
{
    let value: T = serde_json::from_value(wire.clone()).unwrap();
    assert_eq!(serde_json::to_value(&value).unwrap(), wire);
    value
}

#[test]
fn maps_with_typed_values() {
    let labels: Labels = round_trip(json!({"env": "prod", "team": "core"}));
    assert_eq!(labels["env"], "prod");
    let counts: Counts = round_trip(json!({"a": 1, "b": -2}));
    assert_eq!(counts["b"], -2);
    assert!(serde_json::from_value::<Counts>(json!({"a": "one"})).is_err());
    let scores: Scores = round_trip(json!({"x": {"value": 0.5}}));
    assert_eq!(scores["x"], ScoresValue { value: 0.5 });
}

#[test]
fn free_form_objects_keep_everything() {
    let wire = json!({"a": [1, {"b": null}], "c": "d"});
    let free: FreeForm = round_trip(wire.clone());
    assert_eq!(free.len(), 2);
    let bare: Bare = round_trip(wire);
    assert_eq!(bare["c"], "d");
}

#[test]
fn properties_plus_typed_extras() {
    let tagged: Tagged = round_trip(json!({"id": "t1", "x": 1, "y": 2}));
    assert_eq!(tagged.id, "t1");
    assert_eq!(tagged.additional_properties.len(), 2);
    assert_eq!(tagged.additional_properties["y"], 2);
    // Extras must have the declared type.
    assert!(serde_json::from_value::<Tagged>(json!({"id": "t1", "x": "no"})).is_err());
}

#[test]
fn properties_plus_any_extras() {
    let open: Open = round_trip(json!({"id": "o", "extra": {"deep": [1]}}));
    assert_eq!(open.additional_properties["extra"], json!({"deep": [1]}));
}

#[test]
fn closed_objects_ignore_unknown_properties_rather_than_fail() {
    // `additionalProperties: false` gets no catch-all; an unexpected property
    // from a newer server is dropped instead of failing the response.
    let closed: Closed = serde_json::from_value(json!({"id": "c", "new": 1})).unwrap();
    assert_eq!(closed.id.as_deref(), Some("c"));
    assert_eq!(serde_json::to_value(&closed).unwrap(), json!({"id": "c"}));
}

#[test]
fn a_property_named_like_the_extras_field_keeps_its_name() {
    let clash: Clash = round_trip(json!({"additional_properties": "p", "flag": true}));
    assert_eq!(clash.additional_properties.as_deref(), Some("p"));
    assert!(clash.additional_properties_2["flag"]);
}
