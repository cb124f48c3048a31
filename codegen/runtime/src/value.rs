// [template]
// part = "param_value"
// reexport = "crate"

//! How one value is written where it is text: in a path, a query, a header,
//! a cookie, a form or a text part.

/// How one value is written in a path, query, header or cookie: a string as
/// it is, a number or boolean as JSON writes it, and anything else (an object
/// inside a list, say) as its JSON text. One rule for every type, through the
/// type's own `Serialize`, so enums, dates and UUIDs are written exactly as
/// they are in a JSON body.
pub(crate) fn param_value(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn strings_as_they_are_and_the_rest_as_json() {
        assert_eq!(param_value(&json!("a b")), "a b");
        assert_eq!(param_value(&json!(null)), "");
        assert_eq!(param_value(&json!(3)), "3");
        assert_eq!(param_value(&json!(1.5)), "1.5");
        assert_eq!(param_value(&json!(true)), "true");
        assert_eq!(param_value(&json!({"a": [1]})), r#"{"a":[1]}"#);
    }
}
