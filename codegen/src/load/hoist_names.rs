//! The component name of an object that a `$ref` points at outside
//! `components` (or in another file): readable, and from where it lives.
//!
//! - `#/components/schemas/Pet/properties/owner` → `PetOwner`
//! - `#/components/schemas/Pet/definitions/Owner` → `Owner` (as in `#/definitions/Owner`)
//! - `#/paths/~1pets/get/responses/200/content/application~1json/schema`
//!   → `ListPets200Response` (the last part of the `operationId`; without one,
//!   `GetPets200Response`)
//! - `#/paths/~1pets~1{id}/get/parameters/0` → `GetPetId` (the parameter's `name`)
//! - `schemas/pet.yaml#/Pet` → `Pet`; `common.json` (the whole file) → `Common`;
//!   `common.json#/parameters/PetId` → `PetId`
//!
//! Uniqueness is the caller's: it numbers a name that is taken.

use super::walk::{Place, METHODS};
use heck::ToUpperCamelCase;
use serde_json::Value;

/// Sections of `components`, which a file of shared parts may have at its top.
const SECTIONS: &[&str] = &[
    "schemas",
    "parameters",
    "responses",
    "headers",
    "requestBodies",
    "securitySchemes",
];

/// The name for the object at `tokens` in `file` (named `file_name`, empty
/// for the document itself), for the `components` section of `place`.
pub(super) fn hoisted_name(
    file_name: &str,
    file: &Value,
    tokens: &[String],
    place: Place,
) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i].as_str();
        let next = tokens.get(i + 1).map(String::as_str);
        i += match (t, next) {
            // A name that a section or a definitions table gives starts afresh.
            ("components", Some(_)) if i == 0 => {
                words.clear();
                2
            }
            ("definitions" | "$defs", Some(_)) => {
                words.clear();
                1
            }
            // A file of shared parts laid out like `components`: `common.json#/parameters/PetId`.
            (section, Some(_)) if i == 0 && SECTIONS.contains(&section) => 1,
            ("paths", Some(path)) if i == 0 => {
                words.clear();
                path_words(file, path, tokens.get(2).map(String::as_str), &mut words)
            }
            ("content", Some(_)) => 2,
            ("parameters", Some(index)) if index.parse::<usize>().is_ok() => {
                let name = value_at(file, &tokens[..i + 2])
                    .and_then(|p| p.get("name"))
                    .and_then(Value::as_str);
                words.push(name.map_or_else(|| format!("parameter {index}"), str::to_owned));
                2
            }
            ("responses", Some(status)) => {
                words.push(format!("{status} response"));
                2
            }
            (
                "properties" | "patternProperties" | "dependentSchemas" | "schema" | "headers"
                | "prefixItems" | "encoding" | "examples",
                _,
            ) => 1,
            ("items", _) => {
                words.push("item".into());
                1
            }
            ("additionalProperties", _) => {
                words.push("value".into());
                1
            }
            ("requestBody", _) => {
                words.push("request".into());
                1
            }
            _ => {
                words.push(t.to_string());
                1
            }
        };
    }
    if words.is_empty() && !file_name.is_empty() {
        // The whole file: its name without folder and extension.
        let stem = file_name.rsplit('/').next().unwrap_or(file_name);
        words.push(stem.split('.').next().unwrap_or(stem).to_string());
    }
    let name = words.join(" ").to_upper_camel_case();
    if name.is_empty() {
        fallback(place).to_string()
    } else {
        name
    }
}

/// The words for an operation (or a path) under `paths`; returns how many tokens they take.
fn path_words(file: &Value, path: &str, method: Option<&str>, words: &mut Vec<String>) -> usize {
    let Some(method) = method.filter(|m| METHODS.contains(m)) else {
        words.push(path.to_string());
        return 2;
    };
    let id = file
        .get("paths")
        .and_then(|p| p.get(path))
        .and_then(|item| item.get(method))
        .and_then(|op| op.get("operationId"))
        .and_then(Value::as_str)
        .and_then(|id| id.rsplit('.').next())
        .filter(|id| !id.is_empty());
    match id {
        Some(id) => words.push(id.to_string()),
        None => {
            words.push(method.to_string());
            words.push(path.to_string());
        }
    }
    3
}

fn fallback(place: Place) -> &'static str {
    match place {
        Place::Parameter => "Parameter",
        Place::RequestBody => "RequestBody",
        Place::Response => "Response",
        Place::Header => "Header",
        Place::SecurityScheme => "SecurityScheme",
        _ => "Schema",
    }
}

/// The value at a pointer's tokens, through objects and lists.
pub(super) fn value_at<'v, S: AsRef<str>>(mut value: &'v Value, tokens: &[S]) -> Option<&'v Value> {
    for t in tokens {
        let t = t.as_ref();
        value = match value {
            Value::Object(map) => map.get(t)?,
            Value::Array(items) => items.get(t.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(value)
}

/// The same, to change it.
pub(super) fn value_at_mut<'v, S: AsRef<str>>(
    mut value: &'v mut Value,
    tokens: &[S],
) -> Option<&'v mut Value> {
    for t in tokens {
        let t = t.as_ref();
        value = match value {
            Value::Object(map) => map.get_mut(t)?,
            Value::Array(items) => items.get_mut(t.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn names_come_from_where_the_object_lives() {
        let doc = json!({"paths": {
            "/pets": {"get": {"operationId": "pets.listPets"}},
            "/pets/{id}": {"get": {"parameters": [{"name": "id", "in": "path"}, {"in": "query"}]}}
        }});
        let cases: &[(&str, &str, Place, &str)] = &[
            (
                "",
                "/components/schemas/Pet/properties/owner",
                Place::Schema,
                "PetOwner",
            ),
            (
                "",
                "/components/schemas/Pet/definitions/Owner",
                Place::Schema,
                "Owner",
            ),
            (
                "",
                "/components/schemas/Pet/items/allOf/1",
                Place::Schema,
                "PetItemAllOf1",
            ),
            (
                "",
                "/components/schemas/Tags/additionalProperties",
                Place::Schema,
                "TagsValue",
            ),
            ("", "/definitions/Foo", Place::Schema, "Foo"),
            (
                "",
                "/paths/~1pets/get/responses/200/content/application~1json/schema",
                Place::Schema,
                "ListPets200Response",
            ),
            (
                "",
                "/paths/~1pets~1{id}/get/parameters/0",
                Place::Parameter,
                "GetPetsIdId",
            ),
            (
                "",
                "/paths/~1pets~1{id}/get/parameters/1/schema",
                Place::Schema,
                "GetPetsIdParameter1",
            ),
            (
                "",
                "/paths/~1pets/get/requestBody",
                Place::RequestBody,
                "ListPetsRequest",
            ),
            (
                "",
                "/paths/~1pets/get/responses/default/headers/X-Rate",
                Place::Header,
                "ListPetsDefaultResponseXRate",
            ),
            (
                "",
                "/components/parameters/limit/schema",
                Place::Schema,
                "Limit",
            ),
            ("", "/x-shared/Thing", Place::Schema, "XSharedThing"),
            ("", "", Place::Schema, "Schema"),
            ("schemas/pet.yaml", "/Pet", Place::Schema, "Pet"),
            (
                "schemas/pet.yaml",
                "/Pet/properties/toy",
                Place::Schema,
                "PetToy",
            ),
            ("../common.json", "", Place::Schema, "Common"),
            (
                "errors.yaml",
                "/components/responses/NotFound",
                Place::Response,
                "NotFound",
            ),
            ("errors.yaml", "", Place::Response, "Errors"),
            (
                "common.json",
                "/parameters/PetId",
                Place::Parameter,
                "PetId",
            ),
            (
                "common.json",
                "/responses/NotFound",
                Place::Response,
                "NotFound",
            ),
            (
                "common.json",
                "/schemas/Problem/properties/detail",
                Place::Schema,
                "ProblemDetail",
            ),
        ];
        for (file, pointer, place, expected) in cases {
            let tokens: Vec<String> = pointer
                .split('/')
                .skip(1)
                .map(|t| t.replace("~1", "/").replace("~0", "~"))
                .collect();
            assert_eq!(
                hoisted_name(file, &doc, &tokens, *place),
                *expected,
                "{file}#{pointer}"
            );
        }
    }

    #[test]
    fn values_are_found_through_objects_and_lists() {
        let doc = json!({"a": [{"b": 1}]});
        assert_eq!(value_at(&doc, &["a", "0", "b"]), Some(&json!(1)));
        assert_eq!(value_at(&doc, &["a", "x"]), None);
        assert_eq!(value_at(&doc, &["a", "0", "b", "c"]), None);
        let mut doc = doc;
        *value_at_mut(&mut doc, &["a", "0"]).unwrap() = json!(2);
        assert_eq!(doc, json!({"a": [2]}));
    }
}
