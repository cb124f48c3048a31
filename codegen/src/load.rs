//! Stage 1, load: text → JSON value → normalized OpenAPI 3.0 document.
//!
//! YAML and JSON are read alike. OpenAPI 3.1 constructs that the 3.0 data
//! model (`openapiv3`) cannot hold are lowered here, each lowering leaving a
//! warning where meaning is lost, so that later stages only ever see 3.0.

use crate::diag::{Error, Pointer, Warning, WarningKind};
use serde_json::{Map, Value};

/// A loaded document: the typed 3.0 view plus the raw JSON, which `$ref`s
/// that point anywhere other than a component are resolved against.
#[derive(Debug)]
pub struct Document {
    pub api: openapiv3::OpenAPI,
    pub raw: Value,
    /// The `openapi` version the document declared (`3.0.3`, `3.1.0`).
    pub version: String,
    pub warnings: Vec<Warning>,
}

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

/// Loads a document from YAML or JSON text.
pub fn load_str(text: &str) -> Result<Document, Error> {
    load_value(parse_text(text)?)
}

/// Loads a document from an already parsed JSON value.
pub fn load_value(mut raw: Value) -> Result<Document, Error> {
    let Some(root) = raw.as_object() else {
        return Err(Error::document(
            "the document is not an object: an OpenAPI document is a mapping with `openapi`, `info` and `paths`",
        ));
    };
    if let Some(swagger) = root.get("swagger") {
        return Err(Error::document(format!(
            "this is a Swagger {} document; only OpenAPI 3.0 and 3.1 are supported (convert it to OpenAPI 3 first)",
            swagger.as_str().map(str::to_owned).unwrap_or_else(|| swagger.to_string())
        )));
    }
    let version = match root.get("openapi") {
        Some(Value::String(v)) => v.clone(),
        Some(other) => {
            return Err(Error::at(
                &Pointer::root().push("openapi"),
                format!("`openapi` must be a version string such as \"3.0.3\", found {other}"),
            ))
        }
        None => {
            return Err(Error::document(
                "the document has no `openapi` version field",
            ))
        }
    };
    if !(version.starts_with("3.0") || version.starts_with("3.1")) {
        return Err(Error::at(
            &Pointer::root().push("openapi"),
            format!("OpenAPI {version} is not supported; only 3.0.x and 3.1.x are"),
        ));
    }
    if !root.contains_key("paths") {
        return Err(Error::at(
            &Pointer::root(),
            "the document has no `paths`: there is nothing to generate a client from",
        ));
    }

    let mut warnings = Vec::new();
    normalize(&mut raw, &mut warnings);

    let api: openapiv3::OpenAPI =
        deserialize_at(&raw, &Pointer::root()).map_err(|(pointer, message)| {
            let (pointer, message) = refine_error(&raw, pointer, message);
            Error::at(
                &pointer,
                format!("not a valid OpenAPI construct: {message}"),
            )
        })?;
    Ok(Document {
        api,
        raw,
        version,
        warnings,
    })
}

/// Deserializes `value` (found at `at`), returning the deepest location serde reports on failure.
fn deserialize_at<T: serde::de::DeserializeOwned>(
    value: &Value,
    at: &Pointer,
) -> Result<T, (Pointer, String)> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let mut pointer = at.clone();
        for segment in e.path().iter() {
            use serde_path_to_error::Segment;
            match segment {
                Segment::Seq { index } => pointer = pointer.push(index.to_string()),
                Segment::Map { key } => pointer = pointer.push(key),
                Segment::Enum { .. } | Segment::Unknown => {}
            }
        }
        (pointer, e.inner().to_string())
    })
}

/// `openapiv3` reads `$ref`-or-object values through a buffer, which loses the
/// error's location below it. Re-reads the parts below the reported location
/// one by one, each as the type it has there, to find the real place.
fn refine_error(raw: &Value, mut pointer: Pointer, mut message: String) -> (Pointer, String) {
    fn try_child(raw: &Value, at: &Pointer) -> Option<(Pointer, String)> {
        let value = raw.pointer(at.json_pointer())?;
        if value.get("$ref").is_some() {
            return None;
        }
        let tokens: Vec<String> = at.tokens().collect();
        let t: Vec<&str> = tokens.iter().map(String::as_str).collect();
        const METHODS: &[&str] = &[
            "get", "put", "post", "delete", "options", "head", "patch", "trace",
        ];
        let result = match t.as_slice() {
            ["paths", _] => deserialize_at::<openapiv3::PathItem>(value, at).map(drop),
            ["paths", _, m] if METHODS.contains(m) => {
                deserialize_at::<openapiv3::Operation>(value, at).map(drop)
            }
            ["paths", _, "parameters", _]
            | ["paths", _, _, "parameters", _]
            | ["components", "parameters", _] => {
                deserialize_at::<openapiv3::Parameter>(value, at).map(drop)
            }
            ["paths", _, _, "requestBody"] | ["components", "requestBodies", _] => {
                deserialize_at::<openapiv3::RequestBody>(value, at).map(drop)
            }
            ["paths", _, _, "responses", _] | ["components", "responses", _] => {
                deserialize_at::<openapiv3::Response>(value, at).map(drop)
            }
            ["components", "schemas", _] => {
                deserialize_at::<openapiv3::Schema>(value, at).map(drop)
            }
            ["components", "securitySchemes", _] => {
                deserialize_at::<openapiv3::SecurityScheme>(value, at).map(drop)
            }
            _ => return None,
        };
        result.err()
    }
    // Descend while some child of the current location fails on its own.
    for _ in 0..8 {
        let Some(Value::Object(children)) = raw.pointer(pointer.json_pointer()) else {
            break;
        };
        let deeper = children
            .keys()
            .find_map(|k| try_child(raw, &pointer.push(k)));
        match deeper {
            Some((p, m)) if p != pointer => {
                pointer = p;
                message = m;
            }
            _ => break,
        }
    }
    (pointer, message)
}

/// Lowers 3.1 (and common out-of-spec 3.0) constructs to what the 3.0 model holds.
fn normalize(raw: &mut Value, warnings: &mut Vec<Warning>) {
    let Some(root) = raw.as_object_mut() else {
        return;
    };
    if root.remove("webhooks").is_some() {
        warnings.push(Warning {
            kind: WarningKind::Ignored,
            pointer: Pointer::root().push("webhooks"),
            message:
                "webhooks describe requests the server sends, not ones a client makes; ignored"
                    .into(),
        });
    }
    let root_ptr = Pointer::root();
    for (key, value) in root.iter_mut() {
        walk_document(value, &root_ptr.push(key), warnings);
    }
}

/// Walks the non-schema parts of the document, looking for schemas.
fn walk_document(value: &mut Value, at: &Pointer, warnings: &mut Vec<Warning>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map.iter_mut() {
                let ptr = at.push(key);
                if key == "schema" {
                    walk_schema(child, &ptr, warnings);
                } else if (key == "schemas" && at.as_str() == "#/components") || key == "$defs" {
                    if let Value::Object(schemas) = child {
                        for (name, schema) in schemas.iter_mut() {
                            walk_schema(schema, &ptr.push(name), warnings);
                        }
                    }
                } else if key == "example" || key == "examples" || key.starts_with("x-") {
                    // free-form data, not document structure
                } else {
                    walk_document(child, &ptr, warnings);
                }
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter_mut().enumerate() {
                walk_document(child, &at.push(i.to_string()), warnings);
            }
        }
        _ => {}
    }
}

fn walk_schema(value: &mut Value, at: &Pointer, warnings: &mut Vec<Warning>) {
    let Value::Object(map) = value else {
        if let Value::Bool(b) = value {
            // JSON Schema's `true` (anything) and `false` (nothing).
            *value = if *b {
                Value::Object(Map::new())
            } else {
                serde_json::json!({ "not": {} })
            };
        }
        return;
    };
    normalize_schema_object(map, at, warnings);
    for (key, child) in map.iter_mut() {
        let ptr = at.push(key);
        match key.as_str() {
            "items" | "not" | "additionalProperties" => {
                if let Value::Array(tuple) = child {
                    // Tuple-style `items: [..]` is not 3.0; keep the first as the item type.
                    warnings.push(Warning {
                        kind: WarningKind::SchemaFallback,
                        pointer: ptr.clone(),
                        message: "tuple `items` are not supported; the array is typed by its first item schema".into(),
                    });
                    let first = tuple.first().cloned().unwrap_or(Value::Object(Map::new()));
                    *child = first;
                }
                if child.is_object() {
                    walk_schema(child, &ptr, warnings);
                }
            }
            "properties" | "$defs" | "definitions" | "patternProperties" => {
                if let Value::Object(props) = child {
                    for (name, schema) in props.iter_mut() {
                        walk_schema(schema, &ptr.push(name), warnings);
                    }
                }
            }
            "allOf" | "oneOf" | "anyOf" | "prefixItems" => {
                if let Value::Array(list) = child {
                    for (i, schema) in list.iter_mut().enumerate() {
                        walk_schema(schema, &ptr.push(i.to_string()), warnings);
                    }
                }
            }
            _ => {}
        }
    }
}

/// The keywords a `$ref` may stand beside without changing what it means.
const REF_ANNOTATIONS: &[&str] = &[
    "$ref",
    "description",
    "summary",
    "title",
    "example",
    "examples",
];

fn normalize_schema_object(
    map: &mut Map<String, Value>,
    at: &Pointer,
    warnings: &mut Vec<Warning>,
) {
    // 3.1: `$ref` with siblings. Keep the meaning by wrapping the reference in `allOf`.
    if map.contains_key("$ref") && map.keys().any(|k| !REF_ANNOTATIONS.contains(&k.as_str())) {
        if let Some(reference) = map.remove("$ref") {
            let mut wrapped = Map::new();
            wrapped.insert("$ref".into(), reference);
            let list = match map.remove("allOf") {
                Some(Value::Array(mut list)) => {
                    list.insert(0, Value::Object(wrapped));
                    list
                }
                _ => vec![Value::Object(wrapped)],
            };
            map.insert("allOf".into(), Value::Array(list));
        }
    }

    // 3.1: `type: [a, "null"]`.
    if let Some(Value::Array(types)) = map.get("type").cloned() {
        let names: Vec<&str> = types.iter().filter_map(Value::as_str).collect();
        let nullable = names.contains(&"null");
        let rest: Vec<&str> = names.iter().copied().filter(|t| *t != "null").collect();
        match rest.as_slice() {
            [] => {
                map.remove("type");
                map.insert("nullable".into(), Value::Bool(true));
            }
            [one] => {
                map.insert("type".into(), Value::String((*one).to_string()));
            }
            many => {
                // Several types: a union of each type with the keywords that apply to it.
                let variants: Vec<Value> = many
                    .iter()
                    .map(|t| {
                        let mut v = Map::new();
                        v.insert("type".into(), Value::String((*t).to_string()));
                        for key in keywords_for(t) {
                            if let Some(val) = map.get(*key) {
                                v.insert((*key).to_string(), val.clone());
                            }
                        }
                        Value::Object(v)
                    })
                    .collect();
                map.remove("type");
                for t in many {
                    for key in keywords_for(t) {
                        map.remove(*key);
                    }
                }
                map.insert("anyOf".into(), Value::Array(variants));
            }
        }
        if nullable {
            map.insert("nullable".into(), Value::Bool(true));
        }
    }
    if map.get("type").and_then(Value::as_str) == Some("null") {
        map.remove("type");
        map.insert("nullable".into(), Value::Bool(true));
        map.insert("x-null".into(), Value::Bool(true));
    }

    // 3.1: `const`.
    if let Some(c) = map.remove("const") {
        if !map.contains_key("enum") {
            map.insert("enum".into(), Value::Array(vec![c]));
        }
    }
    // 3.1: `examples` in a schema is an array; 3.0's `example` holds one.
    if let Some(Value::Array(mut examples)) = map.remove("examples") {
        if !map.contains_key("example") && !examples.is_empty() {
            map.insert("example".into(), examples.swap_remove(0));
        }
    }
    // 3.1: numeric `exclusiveMinimum` / `exclusiveMaximum`.
    for (exclusive, bound) in [
        ("exclusiveMinimum", "minimum"),
        ("exclusiveMaximum", "maximum"),
    ] {
        if let Some(Value::Number(n)) = map.get(exclusive).cloned() {
            map.insert(bound.into(), Value::Number(n));
            map.insert(exclusive.into(), Value::Bool(true));
        }
    }
    // Integer bounds that do not fit 64 bits (or are not integers) cannot be held.
    for key in ["minimum", "maximum", "multipleOf"] {
        if let Some(Value::Number(n)) = map.get(key) {
            let is_integer_schema = map.get("type").and_then(Value::as_str) == Some("integer");
            if is_integer_schema && n.as_i64().is_none() {
                warnings.push(Warning {
                    kind: WarningKind::Ignored,
                    pointer: at.push(key),
                    message: format!(
                        "`{key}: {n}` is not a 64-bit integer; the constraint is left out"
                    ),
                });
                map.remove(key);
            }
        }
    }
    // `nullable: "true"` and other non-boolean flags seen in real documents.
    for key in [
        "nullable",
        "readOnly",
        "writeOnly",
        "deprecated",
        "uniqueItems",
    ] {
        if let Some(Value::String(s)) = map.get(key) {
            let b = s.eq_ignore_ascii_case("true");
            map.insert(key.into(), Value::Bool(b));
        }
    }
    // `required: true` on a property (a Swagger habit) is not a list.
    if matches!(map.get("required"), Some(v) if !v.is_array()) {
        map.remove("required");
    }
    // `enum: null` or an enum that is not a list.
    if matches!(map.get("enum"), Some(v) if !v.is_array()) {
        map.remove("enum");
    }
}

/// The keywords that belong to one JSON type, for splitting `type: [a, b]`.
fn keywords_for(t: &str) -> &'static [&'static str] {
    match t {
        "string" => &["format", "pattern", "minLength", "maxLength"],
        "integer" | "number" => &[
            "format",
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "multipleOf",
        ],
        "array" => &["items", "minItems", "maxItems", "uniqueItems"],
        "object" => &[
            "properties",
            "required",
            "additionalProperties",
            "minProperties",
            "maxProperties",
        ],
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

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

    #[test]
    fn swagger_is_refused_in_one_line() {
        let e =
            load_str("swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\n").unwrap_err();
        assert!(e.message.contains("Swagger 2.0"), "{e}");
        assert!(!e.to_string().contains('\n'));
    }

    #[test]
    fn missing_paths_is_an_error() {
        let e = load_str("openapi: 3.0.0\ninfo: {title: t, version: '1'}\n").unwrap_err();
        assert!(e.message.contains("no `paths`"), "{e}");
    }

    #[test]
    fn bad_text_is_an_error() {
        assert!(load_str("openapi: [").is_err());
        assert!(load_str("{\"openapi\": ").is_err());
        assert!(load_str("42").is_err());
    }

    #[test]
    fn invalid_construct_names_its_location() {
        let e = load_str(
            r#"{"openapi":"3.0.0","info":{"title":"t","version":"1"},
                "paths":{"/a":{"get":{"responses":{"200":{"description":7}}}}}}"#,
        )
        .unwrap_err();
        assert_eq!(
            e.pointer.unwrap().as_str(),
            "#/paths/~1a/get/responses/200/description"
        );
    }

    #[test]
    fn openapi_31_constructs_are_lowered() {
        let mut doc = json!({
            "openapi": "3.1.0",
            "info": {"title": "t", "version": "1"},
            "paths": {},
            "webhooks": {"x": {}},
            "components": {"schemas": {
                "A": {"type": ["string", "null"], "examples": ["a"]},
                "B": {"const": "fixed"},
                "C": {"type": "integer", "exclusiveMinimum": 0, "minimum": -9223372036854776000.0},
                "D": {"$ref": "#/components/schemas/A", "nullable": true}
            }}
        });
        let mut warnings = Vec::new();
        normalize(&mut doc, &mut warnings);
        let s = &doc["components"]["schemas"];
        assert_eq!(
            s["A"],
            json!({"type": "string", "nullable": true, "example": "a"})
        );
        assert_eq!(s["B"], json!({"enum": ["fixed"]}));
        assert_eq!(s["C"]["exclusiveMinimum"], json!(true));
        assert_eq!(s["C"]["minimum"], json!(0));
        assert_eq!(
            s["D"],
            json!({"nullable": true, "allOf": [{"$ref": "#/components/schemas/A"}]})
        );
        assert!(doc.get("webhooks").is_none());
        assert!(warnings.iter().any(|w| w.kind == WarningKind::Ignored));
    }

    #[test]
    fn out_of_range_integer_bounds_are_dropped() {
        let mut doc = json!({"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {},
            "components": {"schemas": {"I": {"type": "integer", "minimum": -9223372036854776000.0}}}});
        let mut warnings = Vec::new();
        normalize(&mut doc, &mut warnings);
        assert!(doc["components"]["schemas"]["I"].get("minimum").is_none());
        assert_eq!(
            warnings[0].pointer.as_str(),
            "#/components/schemas/I/minimum"
        );
    }
}
