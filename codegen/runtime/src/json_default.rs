// [template]
// part = "json_default"
// reexport = "crate"

//! The document's defaults for fields a response leaves out.

/// A field's `default` from the document, as the field's type.
pub(crate) fn json_default<T: serde::de::DeserializeOwned>(json: &str) -> Option<T> {
    serde_json::from_str(json).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_default_is_read_as_the_fields_type() {
        assert_eq!(json_default::<u32>("10"), Some(10));
        assert_eq!(
            json_default::<Vec<String>>(r#"["a"]"#),
            Some(vec!["a".into()])
        );
        assert_eq!(json_default::<u32>(r#""ten""#), None);
    }
}
