//! JSON value → `openapiv3` types, with the deepest location of a failure.

use crate::diag::Pointer;
use serde_json::Value;

/// Deserializes `value` (found at `at`), returning the deepest location serde reports on failure.
pub(super) fn deserialize_at<T: serde::de::DeserializeOwned>(
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
pub(super) fn refine_error(
    raw: &Value,
    mut pointer: Pointer,
    mut message: String,
) -> (Pointer, String) {
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
