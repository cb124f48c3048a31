//! `oneOf`/`anyOf` without a discriminator: variants are tried in an order
//! that picks the right one where the document's order would not.

use fixture_clients::unions::types::{
    Amount, Basic, Color, ColorOrName, Content, ContentImageUrl, ContentInputText,
    ContentInputTextType, ContentObject, Detailed, Holder, HolderValue, MaybeThing, Mixed, Numbers,
    Thing,
};
use serde_json::json;

#[test]
fn the_variant_with_more_required_fields_is_tried_first() {
    // `Basic` is listed first and `{id, size}` would decode into it, losing `size`.
    let wire = json!({"id": "a", "size": 3});
    let thing: Thing = serde_json::from_value(wire.clone()).unwrap();
    assert_eq!(
        thing,
        Thing::Detailed(Detailed {
            id: "a".into(),
            size: 3
        })
    );
    assert_eq!(serde_json::to_value(&thing).unwrap(), wire);
    let thing: Thing = serde_json::from_value(json!({"id": "b"})).unwrap();
    assert_eq!(thing, Thing::Basic(Basic { id: "b".into() }));
}

#[test]
fn a_listed_value_is_the_enum_and_any_other_string_the_string() {
    let c: ColorOrName = serde_json::from_value(json!("red")).unwrap();
    assert_eq!(c, ColorOrName::Color(Color::Red));
    // The enum is open, but here an unlisted value belongs to the plain string.
    let c: ColorOrName = serde_json::from_value(json!("teal")).unwrap();
    assert_eq!(c, ColorOrName::String("teal".into()));
    assert_eq!(serde_json::to_value(&c).unwrap(), json!("teal"));
    assert_eq!(
        serde_json::to_value(ColorOrName::Color(Color::Green)).unwrap(),
        json!("green")
    );
    assert!(serde_json::from_value::<ColorOrName>(json!(1)).is_err());
}

#[test]
fn an_integer_is_the_integer_and_a_fraction_the_number() {
    let a: Amount = serde_json::from_value(json!(3)).unwrap();
    assert_eq!(a, Amount::Integer(3));
    assert_eq!(serde_json::to_value(&a).unwrap(), json!(3));
    let a: Amount = serde_json::from_value(json!(3.5)).unwrap();
    assert_eq!(a, Amount::Number(3.5));
}

#[test]
fn any_json_is_tried_last() {
    assert_eq!(
        serde_json::from_value::<Mixed>(json!(true)).unwrap(),
        Mixed::Boolean(true)
    );
    assert_eq!(
        serde_json::from_value::<Mixed>(json!(["a"])).unwrap(),
        Mixed::StringList(vec!["a".into()])
    );
    assert_eq!(
        serde_json::from_value::<Mixed>(json!({"x": 1})).unwrap(),
        Mixed::Any(json!({"x": 1}))
    );
}

#[test]
fn nullable_unions() {
    let wire = json!({"maybe": null, "value": null, "thing": {"id": "t"}});
    let holder: Holder = serde_json::from_value(wire).unwrap();
    assert_eq!(holder.maybe, None);
    assert_eq!(holder.value, None);
    assert_eq!(holder.thing, Some(Thing::Basic(Basic { id: "t".into() })));

    let holder: Holder = serde_json::from_value(json!({"maybe": "text", "value": 4})).unwrap();
    assert_eq!(holder.maybe, Some(MaybeThing::String("text".into())));
    assert_eq!(holder.value, Some(HolderValue::Integer(4)));
    let holder: Holder = serde_json::from_value(json!({"value": "four"})).unwrap();
    assert_eq!(holder.value, Some(HolderValue::String("four".into())));
    assert_eq!(
        serde_json::to_value(&holder).unwrap(),
        json!({"value": "four"})
    );
}

#[test]
fn untitled_inline_members_are_named_by_their_fixed_value_or_their_one_property() {
    let text: Content =
        serde_json::from_value(json!({"type": "input_text", "text": "hi"})).unwrap();
    assert_eq!(
        text,
        Content::InputText(ContentInputText {
            r#type: ContentInputTextType::InputText,
            text: "hi".into(),
        })
    );
    let image: Content = serde_json::from_value(json!({"image_url": "https://x"})).unwrap();
    assert_eq!(
        image,
        Content::ImageUrl(ContentImageUrl {
            image_url: "https://x".into()
        })
    );
    let other: Content = serde_json::from_value(json!({"a": "1"})).unwrap();
    assert_eq!(
        other,
        Content::Object(ContentObject {
            a: Some("1".into()),
            b: None,
        })
    );
}

#[test]
fn arrays_are_tried_by_their_items() {
    let ints: Numbers = serde_json::from_value(json!([1, 2])).unwrap();
    assert!(
        matches!(ints, Numbers::IntegerList(ref v) if v == &[1, 2]),
        "{ints:?}"
    );
    let fractions: Numbers = serde_json::from_value(json!([1.5])).unwrap();
    assert!(
        matches!(fractions, Numbers::NumberList(ref v) if v == &[1.5]),
        "{fractions:?}"
    );
    let anything: Numbers = serde_json::from_value(json!(["a", true])).unwrap();
    assert!(matches!(anything, Numbers::AnyList(_)), "{anything:?}");
}
