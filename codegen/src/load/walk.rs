//! What each part of a document is, from where it sits: the walk that finds
//! every `$ref` together with the kind of object it stands for.
//!
//! Only the structure a client reads is walked. Free-form data (`example`,
//! `x-…` extensions) and the parts dropped before the walk (callbacks, links)
//! are never looked into, so a `$ref` there is not followed. Nor are
//! `examples`: they only document, and are dropped.

use crate::diag::Pointer;
use serde_json::Value;

/// What a JSON object in the document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(super) enum Place {
    Document,
    Components,
    PathItem,
    Operation,
    Parameter,
    RequestBody,
    Response,
    Header,
    MediaType,
    Encoding,
    Schema,
    SecurityScheme,
}

/// How the objects below a key hang: the value itself, each value of a map,
/// or each item of a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    One,
    Map,
    List,
}

pub(super) const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

impl Place {
    /// The `components` section that holds objects of this kind, if any.
    /// A path item has none in OpenAPI 3.0: a reference to one is copied in place.
    pub fn section(self) -> Option<&'static str> {
        Some(match self {
            Place::Schema => "schemas",
            Place::Parameter => "parameters",
            Place::RequestBody => "requestBodies",
            Place::Response => "responses",
            Place::Header => "headers",
            Place::SecurityScheme => "securitySchemes",
            _ => return None,
        })
    }

    /// Whether an object here may be a `$ref` in place of the object.
    pub fn referable(self) -> bool {
        self.section().is_some() || self == Place::PathItem
    }

    /// What the objects under `key` of an object here are.
    fn child(self, key: &str) -> Option<(Place, Shape)> {
        use Place as P;
        use Shape::*;
        Some(match (self, key) {
            (P::Document, "paths") => (P::PathItem, Map),
            (P::Document, "components") => (P::Components, One),
            (P::Components, _) => (Self::in_section(key)?, Map),
            (P::PathItem, "parameters") | (P::Operation, "parameters") => (P::Parameter, List),
            (P::PathItem, m) if METHODS.contains(&m) => (P::Operation, One),
            (P::Operation, "requestBody") => (P::RequestBody, One),
            (P::Operation, "responses") => (P::Response, Map),
            (P::Parameter | P::Header | P::MediaType, "schema") => (P::Schema, One),
            // OpenAPI 3.2: the schema of each item of a sequential media type
            // (each event of `text/event-stream`).
            (P::MediaType, "itemSchema") => (P::Schema, One),
            (P::Parameter | P::Header | P::RequestBody | P::Response, "content") => {
                (P::MediaType, Map)
            }
            (P::Response | P::Encoding, "headers") => (P::Header, Map),
            (P::MediaType, "encoding") => (P::Encoding, Map),
            (P::Schema, k) => (P::Schema, schema_child(k)?),
            _ => return None,
        })
    }

    fn in_section(section: &str) -> Option<Place> {
        Some(match section {
            "schemas" => Place::Schema,
            "parameters" => Place::Parameter,
            "requestBodies" => Place::RequestBody,
            "responses" => Place::Response,
            "headers" => Place::Header,
            "securitySchemes" => Place::SecurityScheme,
            // OpenAPI 3.1; copied into `paths` wherever they are referred to.
            "pathItems" => Place::PathItem,
            _ => return None,
        })
    }
}

/// The subschemas of a schema, by keyword (JSON Schema 2020-12 and draft 4).
fn schema_child(key: &str) -> Option<Shape> {
    Some(match key {
        "properties" | "patternProperties" | "definitions" | "$defs" | "dependentSchemas" => {
            Shape::Map
        }
        // `items` may be a list of schemas (tuples); `One` walks either.
        "items"
        | "additionalProperties"
        | "not"
        | "additionalItems"
        | "contains"
        | "propertyNames"
        | "if"
        | "then"
        | "else"
        | "unevaluatedItems"
        | "unevaluatedProperties"
        | "contentSchema" => Shape::One,
        "allOf" | "oneOf" | "anyOf" | "prefixItems" => Shape::List,
        _ => return None,
    })
}

/// The place of the object at `tokens` in a whole document, when the
/// document's structure gives it one.
pub(super) fn place_at<S: AsRef<str>>(tokens: &[S]) -> Option<Place> {
    let mut place = Place::Document;
    let mut rest = tokens.iter().map(AsRef::as_ref);
    while let Some(key) = rest.next() {
        let (child, shape) = place.child(key)?;
        if shape != Shape::One {
            rest.next()?;
        }
        place = child;
    }
    Some(place)
}

/// What [`visit_mut`] calls on each object.
pub(super) type Visitor<'f> =
    dyn FnMut(&mut serde_json::Map<String, Value>, Place, &Trail<'_, '_>) + 'f;

/// Calls `f` on every object of the document's structure (not inside
/// schemas) with its place, before looking below it, so that `f` may take
/// out what is not to be looked into.
pub(super) fn visit_mut(value: &mut Value, f: &mut Visitor<'_>) {
    let root = Pointer::root();
    let mut trail = Trail {
        base: &root,
        steps: Vec::new(),
    };
    visit_mut_at(value, Place::Document, &mut trail, f);
}

fn visit_mut_at<'v>(
    value: &'v mut Value,
    place: Place,
    trail: &mut Trail<'_, 'v>,
    f: &mut Visitor<'_>,
) {
    let Value::Object(map) = value else {
        return;
    };
    if place == Place::Schema || map.contains_key("$ref") {
        return;
    }
    f(map, place, trail);
    for (key, child) in map.iter_mut() {
        let Some((child_place, shape)) = place.child(key) else {
            continue;
        };
        trail.steps.push(Step::Key(key));
        match (shape, child) {
            (Shape::One, child) => visit_mut_at(child, child_place, trail, f),
            (Shape::Map, Value::Object(children)) => {
                for (name, c) in children.iter_mut() {
                    trail.steps.push(Step::Key(name));
                    visit_mut_at(c, child_place, trail, f);
                    trail.steps.pop();
                }
            }
            (Shape::List, Value::Array(children)) => {
                for (i, c) in children.iter_mut().enumerate() {
                    trail.steps.push(Step::Index(i));
                    visit_mut_at(c, child_place, trail, f);
                    trail.steps.pop();
                }
            }
            _ => {}
        }
        trail.steps.pop();
    }
}

/// A reference found in the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Found {
    /// The object that holds the `$ref`, or the `mapping` entry that is one.
    pub at: Pointer,
    /// What the reference stands for.
    pub place: Place,
    pub reference: String,
    /// A discriminator's `mapping` value rather than a `$ref`.
    pub mapping: bool,
}

/// Every reference in `value` (an object of kind `place` at `at`), in
/// document order, but those `skip` says need nothing done.
pub(super) fn find_refs(
    value: &Value,
    place: Place,
    at: &Pointer,
    skip: &dyn Fn(&str, Place) -> bool,
    out: &mut Vec<Found>,
) {
    let mut walk = RefWalk {
        trail: Trail {
            base: at,
            steps: Vec::new(),
        },
        skip,
        out,
    };
    walk.walk(value, place);
}

struct RefWalk<'a, 'v> {
    trail: Trail<'a, 'v>,
    skip: &'a dyn Fn(&str, Place) -> bool,
    out: &'a mut Vec<Found>,
}

/// Where a walk is: a pointer made only when asked for, not for every object.
pub(super) struct Trail<'a, 'v> {
    base: &'a Pointer,
    steps: Vec<Step<'v>>,
}

enum Step<'v> {
    Key(&'v str),
    Index(usize),
}

impl Trail<'_, '_> {
    pub fn pointer(&self) -> Pointer {
        self.steps.iter().fold(self.base.clone(), |p, s| match s {
            Step::Key(k) => p.push(k),
            Step::Index(i) => p.push(i.to_string()),
        })
    }
}

impl<'v> RefWalk<'_, 'v> {
    fn walk(&mut self, value: &'v Value, place: Place) {
        let map = match value {
            Value::Object(map) => map,
            // `items: [..]` (tuple) is a list of schemas.
            Value::Array(items) if place == Place::Schema => {
                for (i, item) in items.iter().enumerate() {
                    self.trail.steps.push(Step::Index(i));
                    self.walk(item, place);
                    self.trail.steps.pop();
                }
                return;
            }
            _ => return,
        };
        if place.referable() {
            if let Some(Value::String(reference)) = map.get("$ref") {
                if !(self.skip)(reference, place) {
                    self.out.push(Found {
                        at: self.trail.pointer(),
                        place,
                        reference: reference.clone(),
                        mapping: false,
                    });
                }
                // Beside a `$ref`, only a schema's keywords mean anything (3.1).
                if place != Place::Schema {
                    return;
                }
            }
        }
        if place == Place::Schema && map.contains_key("discriminator") {
            mapping_refs(map, &self.trail.pointer(), self.out);
        }
        for (key, child) in map {
            let Some((child_place, shape)) = place.child(key) else {
                continue;
            };
            self.trail.steps.push(Step::Key(key));
            match (shape, child) {
                (Shape::One, _) => self.walk(child, child_place),
                (Shape::Map, Value::Object(children)) => {
                    for (name, c) in children {
                        self.trail.steps.push(Step::Key(name));
                        self.walk(c, child_place);
                        self.trail.steps.pop();
                    }
                }
                (Shape::List, Value::Array(children)) => {
                    for (i, c) in children.iter().enumerate() {
                        self.trail.steps.push(Step::Index(i));
                        self.walk(c, child_place);
                        self.trail.steps.pop();
                    }
                }
                _ => {}
            }
            self.trail.steps.pop();
        }
    }
}

/// A discriminator's `mapping` values that are references (`#/…`, `pet.yaml`)
/// rather than schema names.
fn mapping_refs(schema: &serde_json::Map<String, Value>, at: &Pointer, out: &mut Vec<Found>) {
    let Some(Value::Object(mapping)) = schema.get("discriminator").and_then(|d| d.get("mapping"))
    else {
        return;
    };
    let mapping_at = at.push("discriminator").push("mapping");
    for (tag, target) in mapping {
        let Value::String(target) = target else {
            continue;
        };
        if target.contains('#') || target.contains('/') || has_document_extension(target) {
            out.push(Found {
                at: mapping_at.push(tag),
                place: Place::Schema,
                reference: target.clone(),
                mapping: true,
            });
        }
    }
}

fn has_document_extension(name: &str) -> bool {
    [".yaml", ".yml", ".json"]
        .iter()
        .any(|ext| name.to_ascii_lowercase().ends_with(ext))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn places_follow_from_where_objects_sit() {
        let cases: &[(&[&str], Option<Place>)] = &[
            (&[], Some(Place::Document)),
            (&["paths", "/a", "get"], Some(Place::Operation)),
            (
                &["paths", "/a", "get", "parameters", "0"],
                Some(Place::Parameter),
            ),
            (
                &["paths", "/a", "parameters", "1", "schema"],
                Some(Place::Schema),
            ),
            (
                &[
                    "paths",
                    "/a",
                    "post",
                    "requestBody",
                    "content",
                    "application/json",
                    "schema",
                ],
                Some(Place::Schema),
            ),
            (
                &["paths", "/a", "get", "responses", "200", "headers", "X"],
                Some(Place::Header),
            ),
            (
                &["components", "schemas", "Pet", "properties", "owner"],
                Some(Place::Schema),
            ),
            (
                &["components", "schemas", "Pet", "definitions", "Owner"],
                Some(Place::Schema),
            ),
            (
                &["components", "schemas", "Pet", "allOf", "1", "items"],
                Some(Place::Schema),
            ),
            (
                &["components", "responses", "NotFound"],
                Some(Place::Response),
            ),
            (&["components", "pathItems", "Pets"], Some(Place::PathItem)),
            (&["components"], Some(Place::Components)),
            (&["x-schemas", "Pet"], None),
            (&["paths", "/a", "get", "callbacks", "c"], None),
            (&["paths", "/a"], Some(Place::PathItem)),
            (&["paths"], None),
        ];
        for (tokens, place) in cases {
            assert_eq!(place_at(tokens), *place, "{tokens:?}");
        }
    }

    #[test]
    fn refs_are_found_with_their_kind_and_nothing_else() {
        let doc = json!({
            "paths": {"/a": {
                "parameters": [{"$ref": "#/p"}],
                "get": {
                    "responses": {"200": {"$ref": "r.yaml", "description": "not looked into",
                                          "content": {"x": {"schema": {"$ref": "#/ignored"}}}}},
                    "callbacks": {"c": {"$ref": "#/never"}},
                    "x-extra": {"$ref": "#/never"}
                }
            }},
            "components": {"schemas": {"Pet": {
                "$ref": "#/s",
                "properties": {"$ref": {"$ref": "#/property-named-ref"}},
                "example": {"$ref": "#/never"},
                "discriminator": {"propertyName": "t", "mapping": {"a": "A", "b": "b.yaml", "c": "#/c"}}
            }}}
        });
        let mut found = Vec::new();
        find_refs(
            &doc,
            Place::Document,
            &Pointer::root(),
            &|_, _| false,
            &mut found,
        );
        let seen: Vec<(&str, Place, &str)> = found
            .iter()
            .map(|f| (f.at.as_str(), f.place, f.reference.as_str()))
            .collect();
        assert_eq!(
            seen,
            [
                ("#/paths/~1a/parameters/0", Place::Parameter, "#/p"),
                ("#/paths/~1a/get/responses/200", Place::Response, "r.yaml"),
                ("#/components/schemas/Pet", Place::Schema, "#/s"),
                (
                    "#/components/schemas/Pet/discriminator/mapping/b",
                    Place::Schema,
                    "b.yaml"
                ),
                (
                    "#/components/schemas/Pet/discriminator/mapping/c",
                    Place::Schema,
                    "#/c"
                ),
                (
                    "#/components/schemas/Pet/properties/$ref",
                    Place::Schema,
                    "#/property-named-ref"
                ),
            ]
        );
    }
}
