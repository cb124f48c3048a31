//! Stage 1, load: files → JSON value → one bundled, normalized OpenAPI 3.0 document.
//!
//! YAML and JSON are read alike (`parse`). A document may be split over
//! several files, and a `$ref` may point at any JSON pointer: `bundle`
//! makes one document in which every `$ref` names a component. Parts a client
//! never uses are dropped and wrongly typed documentation is mended
//! (`lenient`). OpenAPI 3.1 constructs that the 3.0 data model
//! (`openapiv3`) cannot hold are lowered (`normalize`), each lowering
//! leaving a warning where meaning is lost, so that later stages only ever
//! see 3.0. Warnings and errors name the place the user wrote (`origins`).

mod bundle;
mod deserialize;
mod files;
mod hoist_names;
mod lenient;
mod normalize;
mod origins;
mod parse;
mod reference;
mod typed;
mod walk;

pub use files::{normalize as normalize_path, relative_path};
pub use origins::Origins;
pub use parse::parse_text;

use crate::diag::{Error, Pointer, Warning};
use deserialize::{deserialize_at, refine_error};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// A loaded document: the typed 3.0 view plus the raw JSON it was read from,
/// bundled, in which every `$ref` names a component (`#/components/…`).
#[derive(Debug)]
pub struct Document {
    pub api: openapiv3::OpenAPI,
    pub raw: Value,
    /// The `openapi` version the document declared (`3.0.3`, `3.1.0`).
    pub version: String,
    pub warnings: Vec<Warning>,
    /// Every file read, the document first; empty for a document given as text.
    pub files: Vec<PathBuf>,
    /// Where the objects that bundling moved were written.
    pub origins: Origins,
}

impl Document {
    /// A warning as the user should read it: at the place they wrote.
    pub fn locate_warning(&self, warning: Warning) -> Warning {
        self.origins.warning(warning)
    }

    /// An error as the user should read it: at the place they wrote.
    pub fn locate_error(&self, error: Error) -> Error {
        self.origins.error(error)
    }
}

/// Loads a document from the file at `path`, with every file its `$ref`s
/// name, relative to the file that names them. Nothing is fetched from the
/// network.
pub fn load_path(path: &Path) -> Result<Document, Error> {
    load_value_from(read_path(path)?, path)
}

/// The JSON of the file at `path` (YAML or JSON).
pub fn read_path(path: &Path) -> Result<Value, Error> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Error::document(format!("cannot read {}: {e}", path.display())))?;
    parse_text(&text)
}

/// Loads a document already read from `path` (changed, perhaps, by
/// overlays), reading from disk the files its `$ref`s name.
pub fn load_value_from(raw: Value, path: &Path) -> Result<Document, Error> {
    let read = |p: &Path| std::fs::read_to_string(p);
    load(raw, Some((path, &read)))
}

/// [`load_path`], reading files through `read` (the disk, or a table in tests).
pub fn load_path_with(
    path: &Path,
    read: &dyn Fn(&Path) -> std::io::Result<String>,
) -> Result<Document, Error> {
    let text =
        read(path).map_err(|e| Error::document(format!("cannot read {}: {e}", path.display())))?;
    load(parse_text(&text)?, Some((path, read)))
}

/// Loads a document from YAML or JSON text. A `$ref` to another file is an
/// error: there is no folder to read it from (see [`load_path`]).
pub fn load_str(text: &str) -> Result<Document, Error> {
    load_value(parse_text(text)?)
}

/// Loads a document from an already parsed JSON value (one file).
pub fn load_value(raw: Value) -> Result<Document, Error> {
    load(raw, None)
}

type Source<'a> = (&'a Path, &'a dyn Fn(&Path) -> std::io::Result<String>);

fn load(mut raw: Value, source: Option<Source<'_>>) -> Result<Document, Error> {
    let version = check_root(&raw)?;
    // OpenAPI 3.1 makes `paths` optional (a document may hold only
    // `webhooks` or `components`); openapiv3 needs one, and no paths is what
    // it means.
    if let Some(root) = raw.as_object_mut() {
        root.entry("paths")
            .or_insert_with(|| Value::Object(Default::default()));
    }
    let (path, read) = match source {
        Some((path, read)) => (Some(path.to_path_buf()), Some(read)),
        None => (None, None),
    };
    let bundled = bundle::bundle(files::Files::new(raw, path, read))?;
    let origins = bundled.origins;
    let mut raw = bundled.value;
    let mut warnings = bundled.warnings;
    lenient::prune(&mut raw, &mut warnings);
    normalize::normalize(&mut raw, &mut warnings);
    let warnings = warnings.into_iter().map(|w| origins.warning(w)).collect();

    // The large maps an entry at a time in parallel, without tracking the
    // path (it costs time on every value, and only a failure needs it): a
    // failure is read again, whole, to find its place.
    let api: openapiv3::OpenAPI = match typed::deserialize(&raw) {
        Some(api) => api,
        None => deserialize_at(&raw, &Pointer::root()).map_err(|(pointer, message)| {
            let (pointer, message) = refine_error(&raw, pointer, message);
            origins.error(Error::at(
                &pointer,
                format!("not a valid OpenAPI construct: {message}"),
            ))
        })?,
    };
    Ok(Document {
        api,
        raw,
        version,
        warnings,
        files: bundled.files,
        origins,
    })
}

/// Refuses what is not an OpenAPI 3.0, 3.1 or 3.2 document (3.2 is read as
/// 3.1, its media types' `itemSchema` kept); returns its version.
fn check_root(raw: &Value) -> Result<String, Error> {
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
    if !["3.0", "3.1", "3.2"].iter().any(|v| version.starts_with(v)) {
        return Err(Error::at(
            &Pointer::root().push("openapi"),
            format!("OpenAPI {version} is not supported; only 3.0.x, 3.1.x and 3.2.x are"),
        ));
    }
    let optional_paths = version.starts_with("3.1")
        && (root.contains_key("webhooks") || root.contains_key("components"));
    if !root.contains_key("paths") && !optional_paths {
        return Err(Error::at(
            &Pointer::root(),
            "the document has no `paths`: there is nothing to generate a client from",
        ));
    }
    Ok(version)
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
        // 3.1 asks for `paths`, `webhooks` or `components`, not `paths` alone.
        let e = load_str("openapi: 3.1.0\ninfo: {title: t, version: '1'}\n").unwrap_err();
        assert!(e.message.contains("no `paths`"), "{e}");
    }

    #[test]
    fn a_31_document_of_webhooks_only_has_no_paths() {
        let doc = load_str(
            "openapi: 3.1.0\ninfo: {title: t, version: '1'}\nwebhooks: {}\ncomponents: {schemas: {A: {type: string}}}\n",
        )
        .unwrap();
        assert!(doc.api.paths.paths.is_empty());
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
                "paths":{"/a":{"get":{"responses":{"200":{"description":"ok","content":"text"}}}}}}"#,
        )
        .unwrap_err();
        assert_eq!(
            e.pointer.unwrap().as_str(),
            "#/paths/~1a/get/responses/200/content"
        );
    }
}
