// [template]
// part = "present"
// reexport = "crate"

//! Fields that are optional and nullable: absent, `null` and a value apart.

/// Decodes a field that is present, so that `null` becomes `Some(None)`
/// and only an absent field stays `None`.
pub(crate) fn present<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    T::deserialize(deserializer).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A field as `types.rs` writes one.
    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Patch {
        #[serde(default, deserialize_with = "present")]
        name: Option<Option<String>>,
    }

    #[test]
    fn absent_null_and_a_value_are_three_things() {
        let patch = |json: &str| serde_json::from_str::<Patch>(json).unwrap().name;
        assert_eq!(patch("{}"), None);
        assert_eq!(patch(r#"{"name": null}"#), Some(None));
        assert_eq!(patch(r#"{"name": "a"}"#), Some(Some("a".into())));
    }
}
