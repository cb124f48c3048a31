//! JSON value → `openapiv3::OpenAPI`, the large maps (paths, component
//! schemas, responses, …) an entry at a time on all cores.
//!
//! serde reads the document on one thread, and `openapiv3` buffers every
//! path item (its `Paths` flattens them) before reading it again. Reading each
//! entry of the large maps on its own, in parallel, and assembling the
//! document from them gives the same `OpenAPI` in less wall-clock time.
//! Anything unusual (a map that is not one, an entry that does not read)
//! returns `None`, and the caller reads the document whole, which also finds
//! where it fails.

use indexmap::IndexMap;
use openapiv3::{OpenAPI, ReferenceOr};
use rayon::prelude::*;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::{Map, Value};

/// The keys of `components` whose entries are read in parallel.
const LARGE_COMPONENTS: &[&str] = &[
    "schemas",
    "responses",
    "parameters",
    "examples",
    "requestBodies",
    "headers",
];

/// The document, as `OpenAPI::deserialize(raw)` reads it; `None` where that
/// may fail or read it otherwise (the caller then reads it whole).
pub(super) fn deserialize(raw: &Value) -> Option<OpenAPI> {
    let root = raw.as_object()?;
    let items = root
        .get("paths")
        .and_then(Value::as_object)
        .map_or(0, Map::len)
        + root
            .get("components")
            .and_then(|c| c.get("schemas"))
            .and_then(Value::as_object)
            .map_or(0, Map::len);
    // Threads of a large stack: a schema may nest as deep as the parser allows.
    crate::threads::pool(items)
        .ok()?
        .install(|| in_parallel(root))
}

fn in_parallel(root: &Map<String, Value>) -> Option<OpenAPI> {
    let paths = root.get("paths")?.as_object()?;
    let components = match root.get("components") {
        None | Some(Value::Null) => None,
        Some(Value::Object(components)) => Some(components),
        Some(_) => return None,
    };
    let ((shell, items), components) = rayon::join(
        || (shell(root), paths_of(paths)),
        || components.map(components_of),
    );
    let mut api = shell?;
    api.paths.paths = items?;
    api.paths.extensions = paths
        .iter()
        .filter(|(key, _)| key.starts_with("x-"))
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect();
    api.components = match components {
        None => None,
        Some(components) => Some(components?),
    };
    Some(api)
}

/// The document without its paths and components.
fn shell(root: &Map<String, Value>) -> Option<OpenAPI> {
    let mut shell: Map<String, Value> = root
        .iter()
        .filter(|(key, _)| *key != "paths" && *key != "components")
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect();
    shell.insert("paths".into(), Value::Object(Map::new()));
    OpenAPI::deserialize(&Value::Object(shell)).ok()
}

/// `Paths` keeps the keys that start with `/` as path items, `x-` ones as
/// extensions, and drops the rest.
fn paths_of(
    paths: &Map<String, Value>,
) -> Option<IndexMap<String, ReferenceOr<openapiv3::PathItem>>> {
    let entries: Vec<(&String, &Value)> =
        paths.iter().filter(|(k, _)| k.starts_with('/')).collect();
    read_entries(&entries)
}

/// The components: the small maps read as serde does, the large ones an
/// entry at a time.
fn components_of(components: &Map<String, Value>) -> Option<openapiv3::Components> {
    let small: Map<String, Value> = components
        .iter()
        .filter(|(key, _)| !LARGE_COMPONENTS.contains(&key.as_str()))
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect();
    let mut out = openapiv3::Components::deserialize(&Value::Object(small)).ok()?;
    out.schemas = map_of(components.get("schemas"))?;
    out.responses = map_of(components.get("responses"))?;
    out.parameters = map_of(components.get("parameters"))?;
    out.examples = map_of(components.get("examples"))?;
    out.request_bodies = map_of(components.get("requestBodies"))?;
    out.headers = map_of(components.get("headers"))?;
    Some(out)
}

/// A map of components of one kind; absent is empty, as serde's `default`.
fn map_of<T>(value: Option<&Value>) -> Option<IndexMap<String, ReferenceOr<T>>>
where
    T: DeserializeOwned + Send,
{
    match value {
        None => Some(IndexMap::new()),
        Some(Value::Object(map)) => read_entries(&map.iter().collect::<Vec<_>>()),
        // `null` and other values: what serde makes of them is its to say.
        Some(_) => None,
    }
}

/// Each entry read on its own, in parallel, kept in order.
fn read_entries<T>(entries: &[(&String, &Value)]) -> Option<IndexMap<String, ReferenceOr<T>>>
where
    T: DeserializeOwned + Send,
{
    entries
        .par_iter()
        .map(|(key, value)| {
            ReferenceOr::<T>::deserialize(*value)
                .ok()
                .map(|v| ((*key).clone(), v))
        })
        .collect::<Option<Vec<_>>>()
        .map(IndexMap::from_iter)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn whole(raw: &Value) -> Option<OpenAPI> {
        OpenAPI::deserialize(raw).ok()
    }

    #[test]
    fn reads_as_serde_does() {
        let raw: Value = serde_json::from_str(
            r##"{"openapi":"3.0.3","info":{"title":"t","version":"1"},"x-root":1,
                "servers":[{"url":"https://a"}],"tags":[{"name":"a"}],
                "paths":{"/a":{"get":{"responses":{"200":{"description":"ok"}}}},
                         "/b":{"$ref":"#/x"},"x-p":true,"ignored":3},
                "components":{"schemas":{"A":{"type":"string"},"B":{"$ref":"#/components/schemas/A"}},
                    "parameters":{"P":{"name":"p","in":"query","schema":{"type":"integer"}}},
                    "securitySchemes":{"s":{"type":"http","scheme":"bearer"}},
                    "x-c":"c"}}"##,
        )
        .unwrap();
        let api = deserialize(&raw).unwrap();
        assert_eq!(Some(&api), whole(&raw).as_ref());
        assert_eq!(api.paths.paths.len(), 2);
        assert_eq!(api.paths.extensions.len(), 1);
    }

    #[test]
    fn no_components_is_none_and_a_bad_part_falls_back() {
        let raw: Value = serde_json::from_str(
            r#"{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{}}"#,
        )
        .unwrap();
        assert_eq!(deserialize(&raw), whole(&raw));
        let bad: Value = serde_json::from_str(
            r#"{"openapi":"3.0.3","info":{"title":"t","version":"1"},
                "paths":{"/a":{"get":{"responses":{"200":{"description":"ok","content":"text"}}}}}}"#,
        )
        .unwrap();
        assert_eq!(deserialize(&bad), None);
        let components_null: Value = serde_json::from_str(
            r#"{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{},"components":{"schemas":null}}"#,
        )
        .unwrap();
        assert_eq!(deserialize(&components_null), None);
    }

    /// Every fixture and every document of `../shared/specs`, loaded: the
    /// parallel reading gives what serde's whole reading gives.
    #[test]
    fn real_documents_read_as_serde_does() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        for dir in [root.join("tests/fixtures"), root.join("../../shared/specs")] {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                eprintln!("no {}: not checked", dir.display());
                continue;
            };
            files.extend(entries.filter_map(|e| Some(e.ok()?.path())).filter(|p| {
                matches!(
                    p.extension().and_then(|e| e.to_str()),
                    Some("json" | "yaml")
                )
            }));
        }
        files.sort();
        let mut loaded = 0;
        for file in files {
            let Ok(doc) = super::super::load_path(&file) else {
                continue;
            };
            loaded += 1;
            let parallel = deserialize(&doc.raw);
            assert!(parallel.is_some(), "{} read whole", file.display());
            assert_eq!(parallel, whole(&doc.raw), "{}", file.display());
        }
        assert!(loaded > 30, "only {loaded} documents load");
    }
}
