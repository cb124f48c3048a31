//! Text → JSON value: YAML and JSON read alike, a key twice in one mapping refused.

use crate::diag::Error;
use serde_json::{Map, Value};

/// Parses YAML or JSON text into a JSON value.
pub fn parse_text(text: &str) -> Result<Value, Error> {
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with('{') {
        let value: JsonFromYaml = serde_json::from_str(trimmed)
            .map_err(|e| Error::document(format!("the document is not valid JSON: {e}")))?;
        return Ok(value.0);
    }
    let value: JsonFromYaml = serde_yaml_ng::from_str(trimmed)
        .map_err(|e| Error::document(format!("the document is not valid YAML: {e}")))?;
    Ok(value.0)
}

/// A JSON value read straight from YAML (or JSON): mapping keys that are
/// numbers or booleans (`200:` in `responses`) become strings, integers beyond
/// 64 bits (which some documents use as bounds) become floating point numbers,
/// and a key twice in one mapping is an error rather than one silently
/// replacing the other.
struct JsonFromYaml(Value);

impl<'de> serde::Deserialize<'de> for JsonFromYaml {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(JsonVisitor).map(JsonFromYaml)
    }
}

struct JsonVisitor;

impl<'de> serde::de::Visitor<'de> for JsonVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a YAML value")
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_i128<E>(self, v: i128) -> Result<Value, E> {
        Ok(i64::try_from(v)
            .map(Value::from)
            .unwrap_or_else(|_| float(v as f64)))
    }
    fn visit_u128<E>(self, v: u128) -> Result<Value, E> {
        Ok(u64::try_from(v)
            .map(Value::from)
            .unwrap_or_else(|_| float(v as f64)))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(JsonVisitor)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut out = Vec::new();
        while let Some(JsonFromYaml(v)) = seq.next_element()? {
            out.push(v);
        }
        Ok(Value::Array(out))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(JsonFromYaml(key)) = map.next_key()? {
            let key = match key {
                Value::String(s) => s,
                Value::Null => String::from("null"),
                Value::Bool(_) | Value::Number(_) => key.to_string(),
                other => {
                    return Err(serde::de::Error::custom(format!(
                        "a mapping key must be a scalar, found {other}"
                    )))
                }
            };
            if out.contains_key(&key) {
                return Err(serde::de::Error::custom(format!(
                    "the key `{key}` appears twice in one mapping"
                )));
            }
            let JsonFromYaml(value) = map.next_value()?;
            out.insert(key, value);
        }
        Ok(Value::Object(out))
    }
    fn visit_enum<A: serde::de::EnumAccess<'de>>(self, data: A) -> Result<Value, A::Error> {
        // A tagged YAML value (`!tag value`): the tag is dropped, the value kept.
        use serde::de::VariantAccess;
        let (_tag, variant): (JsonFromYaml, _) = data.variant()?;
        variant.newtype_variant::<JsonFromYaml>().map(|v| v.0)
    }
}

/// A JSON number for a float; NaN and infinities (`.nan`, `.inf`) have none and become null.
fn float(v: f64) -> Value {
    serde_json::Number::from_f64(v)
        .map(Value::Number)
        .unwrap_or(Value::Null)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_and_json_load_alike() {
        let yaml = "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: {}\n";
        let json = r#"{"openapi":"3.0.0","info":{"title":"t","version":"1"},"paths":{}}"#;
        assert_eq!(parse_text(yaml).unwrap(), parse_text(json).unwrap());
    }

    #[test]
    fn yaml_numeric_keys_become_strings() {
        let v = parse_text("responses:\n  200: {description: ok}\n").unwrap();
        assert!(v["responses"]["200"].is_object());
    }

    #[test]
    fn yaml_integers_beyond_64_bits_load() {
        let v =
            parse_text("minimum: -9223372036854776000\nbig: 99999999999999999999999\n").unwrap();
        assert!(v["minimum"].is_f64());
        assert!(v["big"].is_f64());
    }
}
