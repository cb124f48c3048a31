//! Lowers OpenAPI 3.1 (and common out-of-spec 3.0) constructs to what the
//! 3.0 data model holds, leaving a warning where meaning is lost.

use super::lenient::Locate;
use crate::diag::{Pointer, Warning, WarningKind};
use serde_json::{Map, Value};

/// Lowers 3.1 (and common out-of-spec 3.0) constructs to what the 3.0 model holds.
pub(super) fn normalize(raw: &mut Value, warnings: &mut Vec<Warning>) {
    let Some(root) = raw.as_object_mut() else {
        return;
    };
    for (key, value) in root.iter_mut() {
        walk_document(value, &At::Root.key(key), warnings);
    }
}

/// Where the walk is: the keys and indexes down from the root, made into a
/// pointer only for a warning, not for every object walked.
#[derive(Clone, Copy)]
enum At<'a> {
    Root,
    Key(&'a At<'a>, &'a str),
    Index(&'a At<'a>, usize),
}

impl<'a> At<'a> {
    fn key(&'a self, key: &'a str) -> At<'a> {
        At::Key(self, key)
    }

    fn index(&'a self, index: usize) -> At<'a> {
        At::Index(self, index)
    }

    fn pointer(&self) -> Pointer {
        match self {
            At::Root => Pointer::root(),
            At::Key(parent, key) => parent.pointer().push(key),
            At::Index(parent, i) => parent.pointer().push(i.to_string()),
        }
    }

    /// Whether this is `#/components`.
    fn is_components(&self) -> bool {
        matches!(self, At::Key(At::Root, "components"))
    }
}

impl Locate for At<'_> {
    fn at(&self, key: &str) -> Pointer {
        self.pointer().push(key)
    }
}

/// Walks the non-schema parts of the document, looking for schemas.
fn walk_document(value: &mut Value, at: &At<'_>, warnings: &mut Vec<Warning>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map.iter_mut() {
                let ptr = at.key(key);
                if key == "schema" || key == "itemSchema" {
                    walk_schema(child, &ptr, warnings);
                } else if (key == "schemas" && at.is_components()) || key == "$defs" {
                    if let Value::Object(schemas) = child {
                        for (name, schema) in schemas.iter_mut() {
                            walk_schema(schema, &ptr.key(name), warnings);
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
                walk_document(child, &at.index(i), warnings);
            }
        }
        _ => {}
    }
    // 3.2: a media type's `itemSchema` (the schema of each server-sent event,
    // say), kept where the 3.0 model keeps what it does not know: `x-item-schema`.
    if let Value::Object(map) = value {
        if let Some(item) = map.remove("itemSchema") {
            map.insert("x-item-schema".to_string(), item);
        }
    }
}

fn walk_schema(value: &mut Value, at: &At<'_>, warnings: &mut Vec<Warning>) {
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
        let ptr = at.key(key);
        match key.as_str() {
            "items" | "not" | "additionalProperties" => {
                if let Value::Array(tuple) = child {
                    // Tuple-style `items: [..]` is not 3.0; keep the first as the item type.
                    warnings.push(Warning {
                        kind: WarningKind::SchemaFallback,
                        pointer: ptr.pointer(),
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
                        walk_schema(schema, &ptr.key(name), warnings);
                    }
                }
            }
            "allOf" | "oneOf" | "anyOf" | "prefixItems" => {
                if let Value::Array(list) = child {
                    for (i, schema) in list.iter_mut().enumerate() {
                        walk_schema(schema, &ptr.index(i), warnings);
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

fn normalize_schema_object(map: &mut Map<String, Value>, at: &At<'_>, warnings: &mut Vec<Warning>) {
    wrap_ref_siblings(map);
    lower_type_list(map);
    lower_31_keywords(map);
    mend_keywords(map, at, warnings);
}

/// 3.1: `$ref` with siblings. Keep the meaning by wrapping the reference in `allOf`.
fn wrap_ref_siblings(map: &mut Map<String, Value>) {
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
}

/// 3.1: `type: [a, "null"]`, and `type: "null"`.
fn lower_type_list(map: &mut Map<String, Value>) {
    if let Some(types) = map.get("type").and_then(Value::as_array).cloned() {
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
}

/// 3.1: `const`, `examples` and numeric exclusive bounds.
fn lower_31_keywords(map: &mut Map<String, Value>) {
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
}

/// Bounds, flags and lists in forms the 3.0 model cannot read.
fn mend_keywords(map: &mut Map<String, Value>, at: &At<'_>, warnings: &mut Vec<Warning>) {
    // Integer bounds that do not fit 64 bits (or are not integers) cannot be held.
    for key in ["minimum", "maximum", "multipleOf"] {
        if let Some(Value::Number(n)) = map.get(key) {
            let is_integer_schema = map.get("type").and_then(Value::as_str) == Some("integer");
            // `maximum: 30.0` is 30.
            let whole = n
                .as_f64()
                .filter(|f| f.fract() == 0.0 && f.abs() < 9.0e15)
                .filter(|_| n.as_i64().is_none());
            if let (true, Some(f)) = (is_integer_schema, whole) {
                map.insert(key.into(), Value::from(f as i64));
            } else if is_integer_schema && n.as_i64().is_none() {
                warnings.push(Warning {
                    kind: WarningKind::Ignored,
                    pointer: at.at(key),
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
    // Documenting and constraining keywords of the wrong type.
    super::lenient::schema_keywords(map, at, warnings);
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
    fn openapi_31_constructs_are_lowered() {
        let mut doc = json!({
            "openapi": "3.1.0",
            "info": {"title": "t", "version": "1"},
            "paths": {},
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
    }

    #[test]
    fn out_of_range_integer_bounds_are_dropped() {
        let mut doc = json!({"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {},
        "components": {"schemas": {
            "I": {"type": "integer", "minimum": -9223372036854776000.0},
            "W": {"type": "integer", "minimum": 2.0, "maximum": 1.5}
        }}});
        let mut warnings = Vec::new();
        normalize(&mut doc, &mut warnings);
        assert!(doc["components"]["schemas"]["I"].get("minimum").is_none());
        assert_eq!(doc["components"]["schemas"]["W"]["minimum"], json!(2));
        assert!(doc["components"]["schemas"]["W"].get("maximum").is_none());
        assert_eq!(
            warnings[0].pointer.as_str(),
            "#/components/schemas/I/minimum"
        );
    }
}
