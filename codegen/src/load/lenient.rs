//! Lenient where nothing is lost.
//!
//! - Parts a client never uses are dropped before they are read: webhooks
//!   and callbacks (requests the server makes, with a warning), links and
//!   `examples` (documentation), however malformed they are.
//! - A keyword that only documents or constrains (`pattern`, `format`,
//!   `title`, `minLength`, `description`, …) with a value of the wrong type is
//!   dropped with a warning naming it, rather than refusing the document.

use super::walk::{visit_mut, Place, Trail};
use crate::diag::{Pointer, Warning, WarningKind};
use serde_json::{Map, Value};

/// Drops what a client does not use, and mends or drops the documentation
/// of the document's structure (schemas aside, see [`schema_keywords`]).
pub(super) fn prune(raw: &mut Value, warnings: &mut Vec<Warning>) {
    let Some(root) = raw.as_object_mut() else {
        return;
    };
    if root.remove("webhooks").is_some() {
        warnings.push(ignored(
            Pointer::root().push("webhooks"),
            "webhooks describe requests the server sends, not ones a client makes; ignored",
        ));
    }
    if let Some(Value::Object(info)) = root.get_mut("info") {
        mend_info(info, &Pointer::root().push("info"), warnings);
    }
    if let Some(Value::Array(tags)) = root.get_mut("tags") {
        let at = Pointer::root().push("tags");
        let mut i = 0;
        tags.retain_mut(|tag| {
            let tag_at = at.push(i.to_string());
            i += 1;
            if let Value::Object(tag) = tag {
                text_only(tag, &["description"], &tag_at, warnings);
                external_docs(tag, &tag_at, warnings);
            }
            let named = tag.get("name").is_some_and(Value::is_string);
            if !named {
                warnings.push(ignored(tag_at, "a tag without a `name` is left out"));
            }
            named
        });
    }
    visit_mut(raw, &mut |map, place, trail| {
        mend(map, place, trail, warnings)
    });
}

/// Mends one object of the document's structure; `trail` says where it is.
fn mend(
    map: &mut Map<String, Value>,
    place: Place,
    trail: &Trail<'_, '_>,
    warnings: &mut Vec<Warning>,
) {
    let at: &dyn Locate = trail;
    match place {
        Place::Document => external_docs(map, at, warnings),
        Place::Components => {
            for unused in ["callbacks", "links", "examples"] {
                map.remove(unused);
            }
        }
        Place::Operation => {
            if map.remove("callbacks").is_some_and(|c| !is_empty(&c)) {
                warnings.push(ignored(
                    at.at("callbacks"),
                    "callbacks describe requests the server makes, not ones a client makes; ignored",
                ));
            }
            text_only(map, &["summary", "description"], at, warnings);
            flag_only(map, "deprecated", at, warnings);
            external_docs(map, at, warnings);
        }
        Place::PathItem => text_only(map, &["summary", "description"], at, warnings),
        Place::Parameter | Place::Header => {
            map.remove("examples");
            text_only(map, &["description"], at, warnings);
            flag_only(map, "deprecated", at, warnings);
        }
        Place::MediaType => {
            map.remove("examples");
        }
        Place::Response => {
            map.remove("links");
            // `description` is required; an empty one loses nothing.
            if !matches!(map.get("description"), Some(Value::String(_))) {
                if let Some(v) = map.get("description") {
                    warnings.push(wrong_type(at, "description", v, "a string"));
                }
                map.insert("description".into(), Value::String(String::new()));
            }
        }
        Place::RequestBody | Place::SecurityScheme => {
            text_only(map, &["description"], at, warnings)
        }
        Place::Encoding | Place::Schema => {}
    }
}

/// Where an object is: made into a pointer only for a warning.
pub(super) trait Locate {
    fn at(&self, key: &str) -> Pointer;
}

impl Locate for Pointer {
    fn at(&self, key: &str) -> Pointer {
        self.push(key)
    }
}

impl Locate for Trail<'_, '_> {
    fn at(&self, key: &str) -> Pointer {
        self.pointer().push(key)
    }
}

/// `info`: a version written as a number (`version: 1.0`) is its text;
/// contact and license details, which only document, are left out when malformed.
fn mend_info(info: &mut Map<String, Value>, at: &dyn Locate, warnings: &mut Vec<Warning>) {
    if let Some(Value::Number(n)) = info.get("version") {
        let text = n.to_string();
        info.insert("version".into(), Value::String(text));
    }
    text_only(info, &["description", "termsOfService"], at, warnings);
    for key in ["contact", "license"] {
        let Some(v) = info.get(key) else {
            continue;
        };
        let valid = match key {
            "contact" => serde_json::from_value::<openapiv3::Contact>(v.clone()).is_ok(),
            _ => serde_json::from_value::<openapiv3::License>(v.clone()).is_ok(),
        };
        if !valid {
            warnings.push(ignored(
                at.at(key),
                format!("`{key}` is not a valid {key} object; it is left out"),
            ));
            info.remove(key);
        }
    }
}

/// Leaves out `externalDocs` that is not an object with a `url`.
fn external_docs(map: &mut Map<String, Value>, at: &dyn Locate, warnings: &mut Vec<Warning>) {
    if let Some(docs) = map.get("externalDocs") {
        if serde_json::from_value::<openapiv3::ExternalDocumentation>(docs.clone()).is_err() {
            warnings.push(ignored(
                at.at("externalDocs"),
                "`externalDocs` is not an object with a `url`; it is left out",
            ));
            map.remove("externalDocs");
        }
    }
}

fn text_only(
    map: &mut Map<String, Value>,
    keys: &[&str],
    at: &dyn Locate,
    warnings: &mut Vec<Warning>,
) {
    for key in keys {
        if let Some(v) = map.get(*key).filter(|v| !v.is_string() && !v.is_null()) {
            warnings.push(wrong_type(at, key, v, "a string"));
            map.remove(*key);
        }
    }
}

fn flag_only(
    map: &mut Map<String, Value>,
    key: &str,
    at: &dyn Locate,
    warnings: &mut Vec<Warning>,
) {
    match map.get(key) {
        Some(Value::String(s))
            if s.eq_ignore_ascii_case("true") || s.eq_ignore_ascii_case("false") =>
        {
            let b = s.eq_ignore_ascii_case("true");
            map.insert(key.into(), Value::Bool(b));
        }
        Some(v) if !v.is_boolean() && !v.is_null() => {
            warnings.push(wrong_type(at, key, v, "a boolean"));
            map.remove(key);
        }
        _ => {}
    }
}

/// What a schema keyword that only documents or constrains must hold.
#[derive(Clone, Copy)]
enum Expect {
    Text,
    Count,
    Number,
    Flag,
    Object,
}

const SCHEMA_KEYWORDS: &[(&str, Expect)] = &[
    ("title", Expect::Text),
    ("description", Expect::Text),
    ("pattern", Expect::Text),
    ("format", Expect::Text),
    ("minLength", Expect::Count),
    ("maxLength", Expect::Count),
    ("minItems", Expect::Count),
    ("maxItems", Expect::Count),
    ("minProperties", Expect::Count),
    ("maxProperties", Expect::Count),
    ("minimum", Expect::Number),
    ("maximum", Expect::Number),
    ("multipleOf", Expect::Number),
    ("exclusiveMinimum", Expect::Flag),
    ("exclusiveMaximum", Expect::Flag),
    ("uniqueItems", Expect::Flag),
    ("deprecated", Expect::Flag),
    ("xml", Expect::Object),
];

/// Drops a schema's documenting and constraining keywords whose value has
/// the wrong type, each with a warning; a count written `3.0` is `3`.
pub(super) fn schema_keywords(
    map: &mut Map<String, Value>,
    at: &dyn Locate,
    warnings: &mut Vec<Warning>,
) {
    // Looked up by the schema's own keys: most schemas have few.
    let wrong: Vec<(&'static str, Expect)> = map
        .iter()
        .filter_map(|(key, v)| {
            let &(k, expect) = SCHEMA_KEYWORDS.iter().find(|(k, _)| k == key)?;
            (!fits(expect, v)).then_some((k, expect))
        })
        .collect();
    for (key, expect) in wrong {
        let Some(v) = map.get(key) else {
            continue;
        };
        if let (Expect::Count, Some(n)) = (expect, v.as_f64()) {
            if n.fract() == 0.0 && (0.0..9.0e15).contains(&n) {
                map.insert(key.into(), Value::from(n as u64));
                continue;
            }
        }
        let wanted = match expect {
            Expect::Text => "a string",
            Expect::Count => "a count (a whole number, 0 or more)",
            Expect::Number => "a number",
            Expect::Flag => "a boolean",
            Expect::Object => "an object",
        };
        warnings.push(wrong_type(at, key, v, wanted));
        map.remove(key);
    }
    if map.contains_key("externalDocs") {
        external_docs(map, at, warnings);
    }
}

fn fits(expect: Expect, v: &Value) -> bool {
    v.is_null()
        || match expect {
            Expect::Text => v.is_string(),
            Expect::Count => v.is_u64(),
            Expect::Number => v.is_number(),
            Expect::Flag => v.is_boolean(),
            Expect::Object => v.is_object(),
        }
}

fn wrong_type(at: &dyn Locate, key: &str, value: &Value, wanted: &str) -> Warning {
    let mut shown = value.to_string();
    if shown.chars().count() > 40 {
        shown = shown.chars().take(40).collect::<String>() + "…";
    }
    ignored(
        at.at(key),
        format!("`{key}: {shown}` is not {wanted}; the keyword is left out"),
    )
}

fn ignored(pointer: Pointer, message: impl Into<String>) -> Warning {
    Warning {
        kind: WarningKind::Ignored,
        pointer,
        message: message.into(),
    }
}

fn is_empty(v: &Value) -> bool {
    match v {
        Value::Object(m) => m.is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Null => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn wrong_typed_schema_keywords_are_dropped_with_a_warning() {
        let mut schema = json!({
            "type": "string", "pattern": 0, "format": 12, "title": ["t"], "description": 7,
            "minLength": "3", "maxLength": 8.0, "minItems": -1, "maximum": "9", "uniqueItems": "yes",
            "xml": "x", "externalDocs": "https://example.com", "example": 0, "minProperties": null
        });
        let mut warnings = Vec::new();
        let at = Pointer::root().push("S");
        schema_keywords(schema.as_object_mut().unwrap(), &at, &mut warnings);
        assert_eq!(
            schema,
            json!({"type": "string", "maxLength": 8, "example": 0, "minProperties": null})
        );
        let seen: Vec<String> = warnings.iter().map(ToString::to_string).collect();
        assert!(
            seen.contains(
                &"#/S/pattern: `pattern: 0` is not a string; the keyword is left out".to_string()
            ),
            "{seen:#?}"
        );
        assert!(seen.contains(&"#/S/minItems: `minItems: -1` is not a count (a whole number, 0 or more); the keyword is left out".to_string()), "{seen:#?}");
        assert_eq!(warnings.len(), 10, "{seen:#?}");
    }

    #[test]
    fn unused_parts_are_dropped_however_malformed() {
        let mut doc = json!({
            "openapi": "3.0.3",
            "info": {"title": "t", "version": 1.5, "license": "MIT", "contact": {"name": "me"}},
            "tags": [{"name": "a", "description": 5}, "b"],
            "webhooks": {"w": 1},
            "paths": {"/a": {"get": {
                "summary": {"x": 1},
                "callbacks": "#/components/callbacks/c",
                "parameters": [{"name": "q", "in": "query", "schema": {}, "examples": [1], "description": false}],
                "responses": {
                    "200": {"description": 7, "links": "nope",
                            "content": {"application/json": {"examples": "none"}}},
                    "404": {}
                }
            }}},
            "components": {"callbacks": 1, "links": [], "examples": {"e": {"$ref": "nowhere.yaml"}}}
        });
        let mut warnings = Vec::new();
        prune(&mut doc, &mut warnings);
        assert_eq!(
            doc,
            json!({
                "openapi": "3.0.3",
                "info": {"title": "t", "version": "1.5", "contact": {"name": "me"}},
                "tags": [{"name": "a"}],
                "paths": {"/a": {"get": {
                    "parameters": [{"name": "q", "in": "query", "schema": {}}],
                    "responses": {
                        "200": {"description": "", "content": {"application/json": {}}},
                        "404": {"description": ""}
                    }
                }}},
                "components": {}
            })
        );
        let mut pointers: Vec<&str> = warnings.iter().map(|w| w.pointer.as_str()).collect();
        pointers.sort();
        assert_eq!(
            pointers,
            [
                "#/info/license",
                "#/paths/~1a/get/callbacks",
                "#/paths/~1a/get/parameters/0/description",
                "#/paths/~1a/get/responses/200/description",
                "#/paths/~1a/get/summary",
                "#/tags/0/description",
                "#/tags/1",
                "#/webhooks",
            ]
        );
        assert!(doc_loads(doc));
    }

    fn doc_loads(doc: Value) -> bool {
        serde_json::from_value::<openapiv3::OpenAPI>(doc).is_ok()
    }
}
