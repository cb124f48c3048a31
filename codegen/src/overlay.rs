//! OpenAPI Overlay 1.0: ordered edits of a document its user does not own.
//!
//! An overlay is a YAML or JSON file of `actions`, each a `target` (an RFC 9535
//! JSONPath, evaluated by `serde_json_path`) with an `update` to merge into
//! every node the target selects, or `remove: true` to take those nodes out.
//! Overlays are applied to the raw JSON of the document before anything else
//! reads it (normalization, 3.1 lowering, deserialization), in the order they
//! are given, each action in its turn, so a later action sees what an earlier
//! one made.
//!
//! Merging follows the Overlay specification: into an object, the update's
//! properties are merged recursively (objects into objects, arrays appended to
//! arrays, anything else replaced); into an array, the update is appended (an
//! array update item by item). A selected string, number, boolean or `null` is
//! replaced by the update, which the specification leaves open.
//!
//! A malformed overlay is an error naming the file and the action
//! (`spec/fix.overlay.yaml: actions[2] (target `$.x`): …`); an action whose
//! target selects nothing is a warning naming the same.

use crate::diag::{Error, Pointer, Warning, WarningKind};
use serde_json::{Map, Value};
use serde_json_path::JsonPath;

/// A parsed overlay document.
#[derive(Debug, Clone)]
pub struct Overlay {
    /// How messages and the generated header name the file (`spec/fix.overlay.yaml`).
    pub file: String,
    /// `info.title`.
    pub title: String,
    /// `info.version`.
    pub version: String,
    pub actions: Vec<Action>,
}

/// One action of an overlay.
#[derive(Debug, Clone)]
pub struct Action {
    /// Its place in `actions`, from 0.
    pub index: usize,
    /// The JSONPath as written.
    pub target: String,
    pub path: JsonPath,
    pub description: Option<String>,
    pub change: Change,
}

/// What an action does to each node its target selects.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// Merge this value in.
    Update(Value),
    /// Take the node out of the object or array that holds it.
    Remove,
}

impl Action {
    /// `spec/fix.overlay.yaml: actions[2] (target `$.info`)`: how messages name it.
    fn describe(&self, file: &str) -> String {
        format!("{file}: actions[{}] (target `{}`)", self.index, self.target)
    }
}

impl Overlay {
    /// Reads and parses an overlay file; `file` is how messages name it.
    pub fn read(path: &std::path::Path, file: &str) -> Result<Overlay, Error> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::document(format!("cannot read the overlay {file}: {e}")))?;
        Overlay::parse(&text, file)
    }

    /// Parses the YAML or JSON text of an overlay; `file` is how messages name it.
    pub fn parse(text: &str, file: &str) -> Result<Overlay, Error> {
        let fail = |message: String| Error::document(format!("{file}: {message}"));
        let value = crate::load::parse_text(text)
            .map_err(|e| fail(e.message.replacen("the document is", "the overlay is", 1)))?;
        let Value::Object(root) = value else {
            return Err(fail(
                "an overlay is a mapping with `overlay`, `info` and `actions`".into(),
            ));
        };
        check_keys(
            &root,
            &["overlay", "info", "extends", "actions"],
            "the overlay",
        )
        .map_err(fail)?;
        match root.get("overlay") {
            Some(Value::String(v)) if v.starts_with("1.") => {}
            Some(other) => {
                return Err(fail(format!(
                    "`overlay: {}` is not an Overlay 1.x version such as \"1.0.0\"",
                    plain(other)
                )))
            }
            None => return Err(fail("there is no `overlay` version (\"1.0.0\")".into())),
        }
        let (title, version) = info(root.get("info")).map_err(fail)?;
        let list = match root.get("actions") {
            Some(Value::Array(list)) if !list.is_empty() => list,
            Some(Value::Array(_)) => return Err(fail("`actions` is empty".into())),
            Some(other) => {
                return Err(fail(format!(
                    "`actions` must be a list of actions, found {}",
                    plain(other)
                )))
            }
            None => return Err(fail("there are no `actions`".into())),
        };
        let actions = list
            .iter()
            .enumerate()
            .map(|(index, value)| {
                action(index, value)
                    .map_err(|m| fail(format!("actions[{index}]{}: {m}", target_of(value))))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Overlay {
            file: file.to_string(),
            title,
            version,
            actions,
        })
    }
}

/// ` (target `$.x`)` when the action has a target to name it by.
fn target_of(value: &Value) -> String {
    match value.get("target") {
        Some(Value::String(t)) => format!(" (target `{t}`)"),
        _ => String::new(),
    }
}

/// A value as a message quotes it: strings without their quotes.
fn plain(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Refuses keys other than `allowed` and extensions (`x-…`).
fn check_keys(map: &Map<String, Value>, allowed: &[&str], what: &str) -> Result<(), String> {
    match map
        .keys()
        .find(|k| !allowed.contains(&k.as_str()) && !k.starts_with("x-"))
    {
        None => Ok(()),
        Some(k) => Err(format!(
            "{what} has no field `{k}` (it has {})",
            allowed
                .iter()
                .map(|a| format!("`{a}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// `info`, with its required `title` and `version`.
fn info(value: Option<&Value>) -> Result<(String, String), String> {
    let Some(Value::Object(info)) = value else {
        return Err("there is no `info` mapping with `title` and `version`".into());
    };
    check_keys(info, &["title", "version"], "`info`")?;
    let field = |name: &str| match info.get(name) {
        Some(Value::String(s)) => Ok(s.clone()),
        Some(other) => Err(format!("`info.{name}` must be a string, found {other}")),
        None => Err(format!("`info` has no `{name}`")),
    };
    Ok((field("title")?, field("version")?))
}

/// One action, checked.
fn action(index: usize, value: &Value) -> Result<Action, String> {
    let Value::Object(map) = value else {
        return Err(format!(
            "an action is a mapping with `target` and `update` or `remove`, found {}",
            plain(value)
        ));
    };
    if map.contains_key("copy") {
        return Err(
            "`copy` (Overlay 1.1) is not supported; write the value to copy as an `update`".into(),
        );
    }
    check_keys(
        map,
        &["target", "description", "update", "remove"],
        "an action",
    )?;
    let target = match map.get("target") {
        Some(Value::String(t)) => t.clone(),
        Some(other) => return Err(format!("`target` must be a JSONPath string, found {other}")),
        None => return Err("there is no `target`".into()),
    };
    let path = JsonPath::parse(&target)
        .map_err(|e| format!("`{target}` is not a JSONPath (RFC 9535): {e}"))?;
    let description = match map.get("description") {
        None | Some(Value::Null) => None,
        Some(Value::String(d)) => Some(d.clone()),
        Some(other) => return Err(format!("`description` must be a string, found {other}")),
    };
    let remove = match map.get("remove") {
        None => false,
        Some(Value::Bool(b)) => *b,
        Some(other) => return Err(format!("`remove` must be true or false, found {other}")),
    };
    let change = match (map.get("update"), remove) {
        (Some(_), true) => {
            return Err("it has both `update` and `remove: true`; an action does one".into())
        }
        (Some(update), false) => Change::Update(update.clone()),
        (None, true) if target.trim() == "$" => {
            return Err("`remove` cannot take out the whole document (`$`)".into())
        }
        (None, true) => Change::Remove,
        (None, false) => return Err("it has neither `update` nor `remove: true`".into()),
    };
    Ok(Action {
        index,
        target,
        path,
        description,
        change,
    })
}

/// One step from a node to a child.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Step {
    Key(String),
    Index(usize),
}

/// Applies the overlays to a document's raw JSON, in order. Returns a warning
/// for each action whose target selects nothing.
pub fn apply(doc: &mut Value, overlays: &[Overlay]) -> Result<Vec<Warning>, Error> {
    let mut warnings = Vec::new();
    for overlay in overlays {
        for action in &overlay.actions {
            let matched = apply_action(doc, action)
                .map_err(|m| Error::document(format!("{}: {m}", action.describe(&overlay.file))))?;
            if matched == 0 {
                warnings.push(Warning {
                    kind: WarningKind::OverlayUnmatched,
                    pointer: Pointer::root(),
                    message: format!(
                        "{} selects nothing in the document",
                        action.describe(&overlay.file)
                    ),
                });
            }
        }
    }
    Ok(warnings)
}

/// Applies one action; returns how many nodes its target selected.
fn apply_action(doc: &mut Value, action: &Action) -> Result<usize, String> {
    let mut locations: Vec<Vec<Step>> = action
        .path
        .query_located(doc)
        .locations()
        .map(|location| {
            location
                .iter()
                .map(|step| match step {
                    serde_json_path::PathElement::Name(name) => Step::Key(name.to_string()),
                    serde_json_path::PathElement::Index(i) => Step::Index(*i),
                })
                .collect()
        })
        .collect();
    let count = locations.len();
    match &action.change {
        Change::Update(update) => {
            for location in &locations {
                // A node an earlier update of this action replaced may be gone.
                if let Some(node) = node_mut(doc, location) {
                    merge_node(node, update, location)?;
                }
            }
        }
        Change::Remove => {
            // Last first, so that taking out one array item never moves another
            // still to be taken out, and a node before the node holding it.
            locations.sort();
            for location in locations.iter().rev() {
                remove(doc, location);
            }
        }
    }
    Ok(count)
}

/// The node at `location`, if it is (still) there.
fn node_mut<'v>(mut node: &'v mut Value, location: &[Step]) -> Option<&'v mut Value> {
    for step in location {
        node = match (node, step) {
            (Value::Object(map), Step::Key(k)) => map.get_mut(k)?,
            (Value::Array(list), Step::Index(i)) => list.get_mut(*i)?,
            _ => return None,
        };
    }
    Some(node)
}

/// Takes the node at `location` out of its parent.
fn remove(doc: &mut Value, location: &[Step]) {
    let Some((last, parent)) = location.split_last() else {
        return;
    };
    match (node_mut(doc, parent), last) {
        (Some(Value::Object(map)), Step::Key(k)) => {
            map.shift_remove(k);
        }
        (Some(Value::Array(list)), Step::Index(i)) if *i < list.len() => {
            list.remove(*i);
        }
        _ => {}
    }
}

/// Merges an update into a selected node.
fn merge_node(node: &mut Value, update: &Value, location: &[Step]) -> Result<(), String> {
    match (node, update) {
        (Value::Object(target), Value::Object(update)) => {
            merge_object(target, update);
            Ok(())
        }
        (Value::Object(_), other) => Err(format!(
            "it selects the object at {}, and an object is updated by a mapping of properties, not {other}",
            pointer(location)
        )),
        (Value::Array(target), Value::Array(items)) => {
            target.extend(items.iter().cloned());
            Ok(())
        }
        (Value::Array(target), item) => {
            target.push(item.clone());
            Ok(())
        }
        (node, update) => {
            *node = update.clone();
            Ok(())
        }
    }
}

/// Objects merge recursively, arrays append, anything else is replaced.
fn merge_object(target: &mut Map<String, Value>, update: &Map<String, Value>) {
    for (key, value) in update {
        match (target.get_mut(key), value) {
            (Some(Value::Object(inner)), Value::Object(update)) => merge_object(inner, update),
            (Some(Value::Array(list)), Value::Array(items)) => list.extend(items.iter().cloned()),
            (Some(slot), value) => *slot = value.clone(),
            (None, value) => {
                target.insert(key.clone(), value.clone());
            }
        }
    }
}

/// A location as a JSON pointer into the document (`#/info`).
fn pointer(location: &[Step]) -> Pointer {
    location.iter().fold(Pointer::root(), |p, step| match step {
        Step::Key(k) => p.push(k),
        Step::Index(i) => p.push(i.to_string()),
    })
}

#[cfg(test)]
mod tests;
