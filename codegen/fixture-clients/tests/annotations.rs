//! readOnly / writeOnly, deprecated, and docs (checked in the snapshot).

// Reading a deprecated field warns; this test means to.
#![allow(deprecated)]

use fixture_clients::annotations::types::{OldUser, User};
use serde_json::json;

#[test]
fn read_only_fields_need_not_be_sent() {
    // `id` is required but read-only: a request leaves it out.
    let request = User {
        name: "ada".into(),
        password: Some("secret123".into()),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_value(&request).unwrap(),
        json!({"name": "ada", "password": "secret123"})
    );
}

#[test]
fn write_only_fields_need_not_be_received() {
    // `password` is required but write-only: a response leaves it out.
    let response: User = serde_json::from_value(json!({"id": 7, "name": "ada"})).unwrap();
    assert_eq!(response.id, Some(7));
    assert_eq!(response.password, None);
}

#[test]
fn deprecated_items_still_work() {
    let user: User = serde_json::from_value(json!({"name": "a", "legacy": "x"})).unwrap();
    assert_eq!(user.legacy.as_deref(), Some("x"));
    let old: OldUser = serde_json::from_value(json!({"id": 1})).unwrap();
    assert_eq!(old.id, Some(1));
}
