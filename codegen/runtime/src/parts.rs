// [template]
// part = "parts"
// reexport = "crate"
// requires = ["param_value"]
//
// [blocks]
// parts_joined = {}
// parts_joined_exploded = { requires = ["parts_joined"] }

//! A parameter value split as OpenAPI's styles see it: one value, a list, or
//! an object's properties.

use std::fmt;

use super::param_value;

/// A parameter value as OpenAPI's styles see it: one value, a list of values,
/// or an object's properties (each written by [`param_value`]).
pub(crate) enum Parts {
    One(String),
    List(Vec<String>),
    Object(Vec<(String, String)>),
}
// @part parts_joined

impl Parts {
    /// Every value, and every property as key then value, each encoded by
    /// `encode`, joined by `separator`: `a,b` and `key,value`.
    pub(crate) fn joined(self, separator: &str, encode: fn(&str) -> String) -> String {
        let values = match self {
            Parts::One(v) => vec![v],
            Parts::List(items) => items,
            Parts::Object(properties) => properties
                .into_iter()
                .flat_map(|(key, v)| [key, v])
                .collect(),
        };
        values
            .iter()
            .map(|v| encode(v))
            .collect::<Vec<_>>()
            .join(separator)
    }
}
// @end
// @part parts_joined_exploded

impl Parts {
    /// As [`Parts::joined`], but an object's properties as `key=value`.
    pub(crate) fn joined_exploded(self, separator: &str, encode: fn(&str) -> String) -> String {
        match self {
            Parts::Object(properties) => properties
                .iter()
                .map(|(key, v)| format!("{}={}", encode(key), encode(v)))
                .collect::<Vec<_>>()
                .join(separator),
            other => other.joined(separator, encode),
        }
    }
}
// @end

/// Splits a value through its own `Serialize`: an array into its items, an object
/// into its properties in the order it writes them (absent ones left out),
/// anything else into one value.
pub(crate) fn parts<T: serde::Serialize + ?Sized>(value: &T) -> Parts {
    let Ok(text) = serde_json::to_string(value) else {
        return Parts::One(String::new());
    };
    if text.starts_with('{') {
        if let Ok(Properties(properties)) = serde_json::from_str(&text) {
            return Parts::Object(
                properties
                    .iter()
                    .filter(|(_, v)| !v.is_null())
                    .map(|(key, v)| (key.clone(), param_value(v)))
                    .collect(),
            );
        }
    }
    match serde_json::from_str(&text) {
        Ok(serde_json::Value::Array(items)) => Parts::List(items.iter().map(param_value).collect()),
        Ok(other) => Parts::One(param_value(&other)),
        Err(_) => Parts::One(String::new()),
    }
}

/// A JSON object's properties in the order they are written (`serde_json`'s map sorts them).
struct Properties(Vec<(String, serde_json::Value)>);

impl<'de> serde::Deserialize<'de> for Properties {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;

        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Properties;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Properties, A::Error> {
                let mut properties = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    properties.push(entry);
                }
                Ok(Properties(properties))
            }
        }

        deserializer.deserialize_map(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Serialize)]
    struct Filter {
        // Written first, though it sorts last.
        zone: &'static str,
        age: Option<u8>,
        gone: Option<u8>,
    }

    fn filter() -> Filter {
        Filter {
            zone: "eu",
            age: Some(3),
            gone: None,
        }
    }

    #[test]
    fn objects_split_into_properties_in_the_order_they_are_written() {
        let Parts::Object(properties) = parts(&filter()) else {
            panic!("not an object")
        };
        assert_eq!(
            properties,
            [("zone".into(), "eu".into()), ("age".into(), "3".into())]
        );
    }

    #[test]
    fn lists_split_into_items_and_anything_else_is_one_value() {
        assert!(matches!(parts(&[1, 2]), Parts::List(items) if items == ["1", "2"]));
        assert!(matches!(parts("a b"), Parts::One(v) if v == "a b"));
        assert!(matches!(parts(&None::<u8>), Parts::One(v) if v.is_empty()));
    }

    #[test]
    fn joined_writes_values_and_properties_apart() {
        let upper = |v: &str| v.to_uppercase();
        assert_eq!(parts(&["a", "b"]).joined(",", upper), "A,B");
        assert_eq!(parts(&filter()).joined(",", upper), "ZONE,EU,AGE,3");
        assert_eq!(
            parts(&filter()).joined_exploded(",", upper),
            "ZONE=EU,AGE=3"
        );
        assert_eq!(parts(&["a", "b"]).joined_exploded(".", upper), "A.B");
    }
}
