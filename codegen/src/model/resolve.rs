//! Following `$ref`s to the objects they name.

use crate::diag::{Error, Pointer};
use crate::load::Document;
use openapiv3::ReferenceOr;
use serde::de::DeserializeOwned;

/// Follows `$ref`s (through any part of the document) to the object they name.
pub fn resolve<T: DeserializeOwned + Clone>(
    doc: &Document,
    item: &ReferenceOr<T>,
    at: &Pointer,
) -> Result<(T, Pointer), Error> {
    let mut reference = match item {
        ReferenceOr::Item(t) => return Ok((t.clone(), at.clone())),
        ReferenceOr::Reference { reference } => reference.clone(),
    };
    for _ in 0..32 {
        let target = Pointer::from_ref(&reference).ok_or_else(|| {
            Error::at(at, format!("`$ref: {reference}` points outside this document; only local references are supported"))
        })?;
        let value = doc.raw.pointer(target.json_pointer()).ok_or_else(|| {
            Error::at(
                at,
                format!("`$ref: {reference}` points at nothing (dangling reference)"),
            )
        })?;
        if let Some(next) = value.get("$ref").and_then(|r| r.as_str()) {
            reference = next.to_string();
            continue;
        }
        let t = serde_json::from_value(value.clone())
            .map_err(|e| Error::at(&target, format!("the referenced object is not valid: {e}")))?;
        return Ok((t, target));
    }
    Err(Error::at(
        at,
        format!("`$ref: {reference}` is a cycle of references"),
    ))
}
