//! `allOf`: every part's properties and `required`, merged into one struct.

use fixture_clients::all_of::types::{Conflict, Described, Dog, DogOwner, Named};
use serde_json::json;

#[test]
fn refs_and_inline_additions_merge_into_one_struct() {
    let wire = json!({
        "name": "Rex",
        "nickname": "rexy",
        "created": "2024-05-01T12:00:00Z",
        "good": true,
        "owner": {"email": "a@b.c"}
    });
    let dog: Dog = serde_json::from_value(wire.clone()).unwrap();
    assert_eq!(dog.name, "Rex");
    // `nickname` is optional in `Named` but the inline part requires it.
    assert_eq!(dog.nickname, "rexy");
    assert!(dog.good);
    assert_eq!(dog.created.to_rfc3339(), "2024-05-01T12:00:00+00:00");
    assert_eq!(
        dog.owner,
        Some(DogOwner {
            email: Some("a@b.c".into())
        })
    );
    assert_eq!(serde_json::to_value(&dog).unwrap(), wire);
}

#[test]
fn required_from_every_part_is_enforced() {
    // `created` is required by `Timestamped`.
    let missing = json!({"name": "Rex", "nickname": "r", "good": true});
    assert!(serde_json::from_value::<Dog>(missing).is_err());
    // `nickname` is required by the inline part.
    let missing = json!({"name": "Rex", "created": "2024-05-01T12:00:00Z", "good": true});
    assert!(serde_json::from_value::<Dog>(missing).is_err());
}

#[test]
fn the_first_of_two_conflicting_definitions_wins() {
    let c: Conflict = serde_json::from_value(json!({"size": 3})).unwrap();
    assert_eq!(c.size, Some(3));
    assert!(serde_json::from_value::<Conflict>(json!({"size": "big"})).is_err());
}

#[test]
fn a_ref_plus_an_annotation_is_the_referenced_type() {
    let d: Described = Named {
        name: "a".into(),
        nickname: None,
    };
    assert_eq!(serde_json::to_value(&d).unwrap(), json!({"name": "a"}));
}
