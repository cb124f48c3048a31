// [template]
// part = "tagged"
// reexport = "crate"

//! Unions whose variant a tag (`discriminator`) picks.

/// Reads the tag of a discriminated union, keeping the whole value
/// (the variant's own type may list the tag as a field).
pub(crate) fn read_tag<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
    property: &str,
) -> Result<(String, serde_json::Value), D::Error> {
    let value = <serde_json::Value as serde::Deserialize>::deserialize(deserializer)?;
    match value.get(property) {
        Some(serde_json::Value::String(tag)) => Ok((tag.clone(), value)),
        Some(other) => Err(serde::de::Error::custom(format_args!(
            "the tag `{property}` is {other}, not a string"
        ))),
        None => Err(serde::de::Error::custom(format_args!(
            "the tag `{property}` is missing"
        ))),
    }
}

/// Encodes a variant of a discriminated union, adding its tag when the
/// variant's own type does not hold it.
pub(crate) fn encode_tagged<S: serde::Serializer, T: serde::Serialize>(
    serializer: S,
    variant: &T,
    property: &str,
    tag: &str,
) -> Result<S::Ok, S::Error> {
    let mut value = serde_json::to_value(variant).map_err(serde::ser::Error::custom)?;
    if let serde_json::Value::Object(map) = &mut value {
        map.entry(property)
            .or_insert_with(|| serde_json::Value::String(tag.to_string()));
    }
    serde::Serialize::serialize(&value, serializer)
}

/// Decodes a value into the variant its tag picked.
pub(crate) fn decode_variant<T: serde::de::DeserializeOwned, E: serde::de::Error>(
    value: serde_json::Value,
) -> Result<T, E> {
    serde_json::from_value(value).map_err(E::custom)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Dog {
        name: String,
    }

    /// A union as `types.rs` writes one.
    #[derive(Debug, PartialEq)]
    enum Pet {
        Dog(Dog),
        Other(serde_json::Value),
    }

    impl serde::Serialize for Pet {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            match self {
                Pet::Dog(v) => encode_tagged(serializer, v, "kind", "dog"),
                Pet::Other(value) => serde::Serialize::serialize(value, serializer),
            }
        }
    }

    impl<'de> serde::Deserialize<'de> for Pet {
        fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let (tag, value) = read_tag(deserializer, "kind")?;
            match tag.as_str() {
                "dog" => decode_variant(value).map(Pet::Dog),
                _ => Ok(Pet::Other(value)),
            }
        }
    }

    #[test]
    fn the_tag_picks_the_variant_and_is_written_back() {
        let dog: Pet = serde_json::from_value(json!({"kind": "dog", "name": "Rex"})).unwrap();
        assert_eq!(dog, Pet::Dog(Dog { name: "Rex".into() }));
        assert_eq!(
            serde_json::to_value(&dog).unwrap(),
            json!({"name": "Rex", "kind": "dog"})
        );
    }

    #[test]
    fn an_unknown_tag_is_kept_as_it_arrived() {
        let raw = json!({"kind": "cat", "lives": 9});
        let cat: Pet = serde_json::from_value(raw.clone()).unwrap();
        assert_eq!(cat, Pet::Other(raw.clone()));
        assert_eq!(serde_json::to_value(&cat).unwrap(), raw);
    }

    #[test]
    fn a_missing_or_odd_tag_is_an_error() {
        let e = serde_json::from_value::<Pet>(json!({"name": "Rex"})).unwrap_err();
        assert_eq!(e.to_string(), "the tag `kind` is missing");
        let e = serde_json::from_value::<Pet>(json!({"kind": 1})).unwrap_err();
        assert_eq!(e.to_string(), "the tag `kind` is 1, not a string");
    }
}
