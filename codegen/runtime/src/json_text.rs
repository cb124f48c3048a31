// [template]
// part = "json_text"
// reexport = "crate"

//! Parameters described by JSON `content`.

/// The JSON text of a parameter described by JSON `content`.
pub(crate) fn json_text<T: serde::Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_becomes_its_json_text() {
        assert_eq!(json_text(&serde_json::json!({"a": 1})), r#"{"a":1}"#);
        assert_eq!(json_text("x"), r#""x""#);
    }
}
