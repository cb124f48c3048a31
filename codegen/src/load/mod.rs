//! Stage 1, load: text → JSON value → normalized OpenAPI 3.0 document.
//!
//! YAML and JSON are read alike. OpenAPI 3.1 constructs that the 3.0 data
//! model (`openapiv3`) cannot hold are lowered here, each lowering leaving a
//! warning where meaning is lost, so that later stages only ever see 3.0.

mod deserialize;
mod normalize;
mod parse;

pub use parse::parse_text;

use crate::diag::{Error, Pointer, Warning};
use deserialize::{deserialize_at, refine_error};
use serde_json::Value;

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
    normalize::normalize(&mut raw, &mut warnings);

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
