//! `not`, mixed-type enums and `{}` have no faithful Rust type: any JSON value
//! (with a warning, see the snapshot); `const` is a one-value open enum.

use fixture_clients::fallbacks::types::{Odd, OddFixed};
use serde_json::json;

#[test]
fn values_without_a_rust_type_are_kept_as_json() {
    let wire = json!({
        "notString": 5,
        "mixed": true,
        "numbers": 2.5,
        "fixed": "v1",
        "anything": {"a": [null]}
    });
    let odd: Odd = serde_json::from_value(wire.clone()).unwrap();
    assert_eq!(odd.not_string, Some(json!(5)));
    assert_eq!(odd.mixed, Some(json!(true)));
    assert_eq!(odd.numbers, Some(2.5));
    assert_eq!(odd.fixed, Some(OddFixed::V1));
    assert_eq!(serde_json::to_value(&odd).unwrap(), wire);
}

#[test]
fn a_const_is_open_like_any_enum() {
    let odd: Odd = serde_json::from_value(json!({"fixed": "v2"})).unwrap();
    assert_eq!(odd.fixed, Some(OddFixed::Other("v2".into())));
}

#[test]
fn a_discriminator_without_values_falls_back_to_trying_each_member() {
    use fixture_clients::fallbacks::types::Untaggable;
    let a: Untaggable = serde_json::from_value(json!({"kind": "x", "a": 1})).unwrap();
    assert!(matches!(a, Untaggable::Object(_)));
    let b: Untaggable = serde_json::from_value(json!({"kind": "y", "b": "z"})).unwrap();
    assert!(matches!(b, Untaggable::Object2(_)));
    assert_eq!(
        serde_json::to_value(&b).unwrap(),
        json!({"kind": "y", "b": "z"})
    );
}
