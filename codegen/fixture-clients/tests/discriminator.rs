//! `oneOf` with a `discriminator`: the tag picks the variant; the tag stays in
//! the variant (it is a required field there); an unknown tag is kept raw.

use fixture_clients::discriminator::types::{
    Cat, Circle, Dog, Event, EventCreated, EventCreatedType, Fish, Lizard, Pet, Shape,
};
use serde_json::json;

#[test]
fn mapping_values_pick_their_variant_and_the_tag_reaches_the_struct() {
    let wire = json!({"petType": "cat", "name": "Tom", "lives": 9});
    let pet: Pet = serde_json::from_value(wire.clone()).unwrap();
    assert_eq!(
        pet,
        Pet::Cat(Cat {
            pet_type: "cat".into(),
            name: "Tom".into(),
            lives: Some(9)
        })
    );
    // Encoding writes the variant as it is, tag included, once.
    assert_eq!(serde_json::to_value(&pet).unwrap(), wire);
}

#[test]
fn two_mapping_values_can_pick_one_variant() {
    let pet: Pet = serde_json::from_value(json!({"petType": "kitten", "name": "Kit"})).unwrap();
    let Pet::Cat(cat) = pet else {
        panic!("`kitten` is a cat");
    };
    assert_eq!(cat.pet_type, "kitten");
}

#[test]
fn a_mapping_by_bare_schema_name_works() {
    let pet: Pet =
        serde_json::from_value(json!({"petType": "dog", "name": "Rex", "good": true})).unwrap();
    assert!(matches!(
        pet,
        Pet::Dog(Dog {
            good: Some(true),
            ..
        })
    ));
}

#[test]
fn a_member_missing_from_the_mapping_is_tagged_by_its_schema_name() {
    let pet: Pet = serde_json::from_value(json!({"petType": "Lizard", "scales": 300})).unwrap();
    assert!(matches!(
        pet,
        Pet::Lizard(Lizard {
            scales: Some(300),
            ..
        })
    ));
}

#[test]
fn the_tag_decides_even_when_another_variant_would_fit() {
    // A dog-shaped body tagged `cat` is a cat; untagged guessing would pick
    // whichever came first.
    let pet: Pet =
        serde_json::from_value(json!({"petType": "cat", "name": "Odd", "good": true})).unwrap();
    assert!(matches!(pet, Pet::Cat(_)));
}

#[test]
fn an_unknown_tag_is_kept_as_it_arrived() {
    let wire = json!({"petType": "parrot", "name": "Polly", "words": 40});
    let pet: Pet = serde_json::from_value(wire.clone()).unwrap();
    assert_eq!(pet, Pet::Other(wire.clone()));
    assert_eq!(serde_json::to_value(&pet).unwrap(), wire);
}

#[test]
fn a_missing_or_bad_tag_or_body_is_a_clear_error() {
    let e = serde_json::from_value::<Pet>(json!({"name": "Tom"})).unwrap_err();
    assert!(
        e.to_string().contains("the tag `petType` is missing"),
        "{e}"
    );
    let e = serde_json::from_value::<Pet>(json!({"petType": 3})).unwrap_err();
    assert!(e.to_string().contains("not a string"), "{e}");
    // A known tag whose body does not fit the variant fails, naming the field.
    let e = serde_json::from_value::<Pet>(json!({"petType": "cat"})).unwrap_err();
    assert!(e.to_string().contains("name"), "{e}");
}

#[test]
fn without_a_mapping_schema_names_are_the_tags() {
    let wire = json!([{"kind": "Circle", "radius": 1.0}, {"kind": "Square", "side": 2.0}]);
    let shapes: Vec<Shape> = serde_json::from_value(wire.clone()).unwrap();
    assert_eq!(
        shapes[0],
        Shape::Circle(Circle {
            kind: "Circle".into(),
            radius: 1.0
        })
    );
    assert!(matches!(shapes[1], Shape::Square(_)));
    assert_eq!(serde_json::to_value(&shapes).unwrap(), wire);
    let other: Shape = serde_json::from_value(json!({"kind": "circle", "radius": 1.0})).unwrap();
    assert!(matches!(other, Shape::Other(_)), "tags are case-sensitive");
}

#[test]
fn inline_variants_are_tagged_by_their_one_value_enum() {
    let wire = json!({"type": "created", "id": "e1"});
    let event: Event = serde_json::from_value(wire.clone()).unwrap();
    assert_eq!(
        event,
        Event::Created(EventCreated {
            r#type: EventCreatedType::Created,
            id: "e1".into()
        })
    );
    assert_eq!(serde_json::to_value(&event).unwrap(), wire);
    let deleted: Event =
        serde_json::from_value(json!({"type": "deleted", "id": "e2", "reason": "spam"})).unwrap();
    assert!(matches!(deleted, Event::Deleted(d) if d.reason.as_deref() == Some("spam")));
}

#[test]
fn a_variant_without_the_tag_property_is_encoded_with_its_tag() {
    let pet = Pet::Fish(Fish { fins: Some(2) });
    let wire = serde_json::to_value(&pet).unwrap();
    assert_eq!(wire, json!({"petType": "fish", "fins": 2}));
    assert_eq!(serde_json::from_value::<Pet>(wire).unwrap(), pet);
}

#[test]
fn a_variant_built_with_a_different_tag_keeps_it() {
    // The struct's own tag field wins over the variant's first tag.
    let pet = Pet::Cat(Cat {
        pet_type: "kitten".into(),
        name: "Kit".into(),
        lives: None,
    });
    assert_eq!(
        serde_json::to_value(&pet).unwrap(),
        json!({"petType": "kitten", "name": "Kit"})
    );
}
