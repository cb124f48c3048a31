//! `$ref` → the object it names: one resolver for schemas, parameters,
//! responses, headers, request bodies, security schemes and path items, with
//! one shape of error: `` `$ref: #/components/schemas/Missing` points at
//! nothing (dangling reference) ``, at the pointer where the `$ref` is written.
//!
//! A reference into its kind's section of `components`
//! (`#/components/parameters/Limit`) is looked up in the parsed document. Any
//! other local pointer (`#/paths/~1pets/get/parameters/0`) is read from the
//! document's JSON, until the load stage rewrites every `$ref` to point into
//! `components`.

use crate::diag::{Error, Pointer};
use crate::load::Document;
use indexmap::IndexMap;
use openapiv3::{Components, ReferenceOr};
use serde::de::DeserializeOwned;
use std::borrow::Cow;

/// How many `$ref`s in a row are followed before the chain counts as a cycle.
const MAX_HOPS: usize = 32;

/// A kind of object a `$ref` can name.
pub trait Component: DeserializeOwned + Clone {
    /// What the object is, for errors (`parameter`).
    const WHAT: &'static str;
    /// Its section of `components` (`parameters`), if it has one.
    const SECTION: &'static str;
    /// That section of the parsed document.
    fn section(components: &Components) -> Option<&IndexMap<String, ReferenceOr<Self>>>;
}

macro_rules! component {
    ($ty:ty, $what:literal, $section:literal, $field:ident) => {
        impl Component for $ty {
            const WHAT: &'static str = $what;
            const SECTION: &'static str = $section;
            fn section(c: &Components) -> Option<&IndexMap<String, ReferenceOr<Self>>> {
                Some(&c.$field)
            }
        }
    };
}

component!(openapiv3::Schema, "schema", "schemas", schemas);
component!(openapiv3::Parameter, "parameter", "parameters", parameters);
component!(openapiv3::Response, "response", "responses", responses);
component!(openapiv3::Header, "header", "headers", headers);
component!(
    openapiv3::RequestBody,
    "request body",
    "requestBodies",
    request_bodies
);
component!(
    openapiv3::SecurityScheme,
    "security scheme",
    "securitySchemes",
    security_schemes
);

/// OpenAPI 3.0 has no `components/pathItems`: a path item's `$ref` is read from the JSON.
impl Component for openapiv3::PathItem {
    const WHAT: &'static str = "path item";
    const SECTION: &'static str = "pathItems";
    fn section(_: &Components) -> Option<&IndexMap<String, ReferenceOr<Self>>> {
        None
    }
}

/// What is wrong with a `$ref`.
enum Problem {
    Outside,
    Dangling,
    Cycle,
    Invalid(&'static str, serde_json::Error),
}

/// The one error a `$ref` fails with, at the pointer where it is written.
fn error(at: &Pointer, reference: &str, problem: Problem) -> Error {
    let what = match problem {
        Problem::Outside => {
            "points outside this document; only local references (`#/…`) are supported".to_string()
        }
        Problem::Dangling => "points at nothing (dangling reference)".to_string(),
        Problem::Cycle => "is a cycle of references".to_string(),
        Problem::Invalid(what, e) => format!("does not point at a valid {what}: {e}"),
    };
    Error::at(at, format!("`$ref: {reference}` {what}"))
}

/// The key of a `$ref` into `components/{section}` (`#/components/schemas/Pet` → `Pet`).
pub fn component_key(reference: &str, section: &str) -> Option<String> {
    // The names `components` and the sections' hold no `~` or `/`, so they
    // are written as they are; only the key may be escaped.
    let key = reference
        .strip_prefix("#/components/")?
        .strip_prefix(section)?
        .strip_prefix('/')?;
    if key.contains('/') {
        return None;
    }
    Some(if key.contains('~') {
        key.replace("~1", "/").replace("~0", "~")
    } else {
        key.to_string()
    })
}

/// What a `$ref` written at `at` points at, one step: the object, or the
/// next `$ref`; and where it is.
pub fn target<'d, T: Component>(
    doc: &'d Document,
    reference: &str,
    at: &Pointer,
) -> Result<(Cow<'d, ReferenceOr<T>>, Pointer), Error> {
    let pointer =
        Pointer::from_ref(reference).ok_or_else(|| error(at, reference, Problem::Outside))?;
    let section = doc.api.components.as_ref().and_then(T::section);
    if let (Some(key), Some(section)) = (component_key(reference, T::SECTION), section) {
        return match section.get(&key) {
            Some(t) => Ok((Cow::Borrowed(t), pointer)),
            None => Err(error(at, reference, Problem::Dangling)),
        };
    }
    let value = doc
        .raw
        .pointer(pointer.json_pointer())
        .ok_or_else(|| error(at, reference, Problem::Dangling))?;
    let t = serde_json::from_value(value.clone())
        .map_err(|e| error(at, reference, Problem::Invalid(T::WHAT, e)))?;
    Ok((Cow::Owned(t), pointer))
}

/// Follows a `$ref` written at `at`, through any chain of `$ref`s, to the
/// object it names, and where that is.
pub fn resolve_ref<'d, T: Component>(
    doc: &'d Document,
    reference: &str,
    at: &Pointer,
) -> Result<(Cow<'d, T>, Pointer), Error> {
    let mut next: Cow<'d, str> = Cow::Owned(reference.to_string());
    for _ in 0..MAX_HOPS {
        let (target, pointer) = target::<T>(doc, &next, at)?;
        next = match target {
            Cow::Borrowed(ReferenceOr::Item(t)) => return Ok((Cow::Borrowed(t), pointer)),
            Cow::Owned(ReferenceOr::Item(t)) => return Ok((Cow::Owned(t), pointer)),
            Cow::Borrowed(ReferenceOr::Reference { reference }) => Cow::Borrowed(reference),
            Cow::Owned(ReferenceOr::Reference { reference }) => Cow::Owned(reference),
        };
    }
    Err(error(at, reference, Problem::Cycle))
}

/// The object `item` is, or names through `$ref`s, and where it is.
pub fn resolve<'d, T: Component>(
    doc: &'d Document,
    item: &'d ReferenceOr<T>,
    at: &Pointer,
) -> Result<(Cow<'d, T>, Pointer), Error> {
    match item {
        ReferenceOr::Item(t) => Ok((Cow::Borrowed(t), at.clone())),
        ReferenceOr::Reference { reference } => resolve_ref(doc, reference, at),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use openapiv3::Parameter;

    fn doc() -> Document {
        crate::load::load_str(
            r##"
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /a:
    get:
      parameters:
        - {name: inline, in: query, schema: {type: string}}
      responses: {'204': {description: ok}}
components:
  parameters:
    Limit: {name: limit, in: query, schema: {type: integer}}
    Alias: {$ref: '#/components/parameters/Limit'}
    Deep: {$ref: '#/paths/~1a/get/parameters/0'}
    Loop: {$ref: '#/components/parameters/Loop2'}
    Loop2: {$ref: '#/components/parameters/Loop'}
    Wrong: {$ref: '#/components/schemas/NotAParameter'}
  schemas:
    NotAParameter: {type: string}
"##,
        )
        .unwrap()
    }

    #[test]
    fn references_resolve_to_their_object_or_one_error_shape() {
        let doc = doc();
        let at = Pointer::root().push("here");
        let cases = [
            ("#/components/parameters/Limit", Ok(("limit", "#/components/parameters/Limit"))),
            ("#/components/parameters/Alias", Ok(("limit", "#/components/parameters/Limit"))),
            // Loading moved the parameter `Deep` points at into `Deep` (and
            // warnings there name `#/paths/~1a/get/parameters/0`).
            ("#/components/parameters/Deep", Ok(("inline", "#/components/parameters/Deep"))),
            (
                "#/components/parameters/Nope",
                Err("`$ref: #/components/parameters/Nope` points at nothing (dangling reference)"),
            ),
            (
                "#/components/parameters/Loop",
                Err("`$ref: #/components/parameters/Loop` is a cycle of references"),
            ),
            (
                "other.yaml#/Limit",
                Err("`$ref: other.yaml#/Limit` points outside this document; only local references (`#/…`) are supported"),
            ),
        ];
        for (reference, want) in cases {
            let got = resolve_ref::<Parameter>(&doc, reference, &at);
            match (got, want) {
                (Ok((p, pointer)), Ok((name, at_pointer))) => {
                    assert_eq!(p.parameter_data_ref().name, name, "{reference}");
                    assert_eq!(pointer.as_str(), at_pointer, "{reference}");
                }
                (Err(e), Err(message)) => {
                    assert_eq!(e.message, message, "{reference}");
                    assert_eq!(e.pointer.as_ref(), Some(&at), "{reference}");
                }
                (got, want) => panic!("{reference}: got {got:?}, want {want:?}"),
            }
        }
        // Along a chain, the error names the link that fails.
        let e = resolve_ref::<Parameter>(&doc, "#/components/parameters/Wrong", &at).unwrap_err();
        assert_eq!(
            e.message,
            "`$ref: #/components/schemas/NotAParameter` does not point at a valid parameter: missing field `in`",
        );
    }

    #[test]
    fn component_keys() {
        assert_eq!(
            component_key("#/components/schemas/a~1b", "schemas").as_deref(),
            Some("a/b")
        );
        assert_eq!(
            component_key("#/components/schemas/A/properties/b", "schemas"),
            None
        );
        assert_eq!(component_key("#/components/responses/A", "schemas"), None);
        assert_eq!(
            component_key("x.yaml#/components/schemas/A", "schemas"),
            None
        );
    }
}
