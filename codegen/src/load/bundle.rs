//! Bundling: one document in which every `$ref` names a component.
//!
//! A `$ref` may point anywhere: into `paths`, inside a schema, into keywords
//! `openapiv3` does not model (`definitions`), or into another file. Every
//! such target is moved (from this document) or copied (from another file)
//! into `#/components/<section>/<Name>`, the section following from where
//! the `$ref` sits, under a name from where the target lives (see
//! [`hoist_names`](super::hoist_names)); the `$ref` then points there, and the
//! place it was moved from holds a `$ref` to it. Cycles stay cycles between
//! components. A path item has no section in 3.0, so its target is copied in
//! place. Later stages see only `#/components/…` references.

use super::files::{FileId, Files};
use super::hoist_names::{hoisted_name, value_at, value_at_mut};
use super::origins::Origins;
use super::reference::{local_ref, parse_ref};
use super::walk::{find_refs, place_at, Found, Place};
use crate::diag::{Error, Pointer, Warning, WarningKind};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashSet, VecDeque};
use std::path::PathBuf;

/// The document, bundled.
pub(super) struct Bundled {
    pub value: Value,
    /// Every file read, the document first.
    pub files: Vec<PathBuf>,
    pub origins: Origins,
    pub warnings: Vec<Warning>,
}

/// An object in one of the files.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct Target {
    file: FileId,
    tokens: Vec<String>,
}

/// What a reference turned out to name.
enum Resolved {
    /// A component of its kind in the document: `#/components/schemas/<name>`.
    Component(String),
    /// Anything else, to be moved or copied.
    Target(Target),
    /// Left as it is, for the model to judge: a `mapping` value that names
    /// nothing, or a reference to an object of another kind.
    Unresolved,
}

struct Reference {
    file: FileId,
    found: Found,
    resolved: Resolved,
}

/// Bundles the files into the first: see the module's documentation.
pub(super) fn bundle(mut files: Files<'_>) -> Result<Bundled, Error> {
    let refs = discover(&mut files)?;
    let mut warnings = Vec::new();
    let names = name_targets(&files, &refs, &mut warnings);
    rewrite(&mut files, &refs, &names);
    let mut origins = Origins::default();
    let hoisted = extract(&mut files, &names, &mut origins);
    let paths = files.paths();
    let inlined = inline_path_items(&mut files, &refs, &mut origins);
    let mut value = std::mem::take(&mut files.list[0].value);
    insert(&mut value, hoisted)?;
    for (at, item) in inlined {
        if let Some(slot) = value_at_mut(&mut value, &at) {
            *slot = item;
        }
    }
    // 3.1's reusable path items are now copied wherever they were used.
    if let Some(Value::Object(components)) = value.get_mut("components") {
        components.remove("pathItems");
    }
    Ok(Bundled {
        value,
        files: paths,
        origins,
        warnings,
    })
}

/// Every reference in the document and in what it reaches, each resolved.
fn discover(files: &mut Files<'_>) -> Result<Vec<Reference>, Error> {
    let mut queue = VecDeque::from([(0, Vec::new(), Place::Document)]);
    let mut walked = HashSet::new();
    let mut refs = Vec::new();
    while let Some((file, tokens, place)) = queue.pop_front() {
        if !walked.insert((file, tokens.clone(), place)) {
            continue;
        }
        let mut found = Vec::new();
        if let Some(value) = value_at(&files.list[file].value, &tokens) {
            // A reference that already names a component of its kind needs nothing.
            let root = &files.list[0].value;
            let skip = |r: &str, place| file == 0 && names_a_component(root, r, place);
            find_refs(value, place, &pointer(&tokens), &skip, &mut found);
        }
        // A region walked again finds its references again; rewriting one
        // twice writes the same text.
        for found in found {
            let resolved = match resolve(files, file, &found) {
                Ok(r) => r,
                Err(_) if found.mapping => Resolved::Unresolved,
                Err(e) => return Err(e),
            };
            if let Resolved::Target(t) = &resolved {
                queue.push_back((t.file, t.tokens.clone(), found.place));
            }
            refs.push(Reference {
                file,
                found,
                resolved,
            });
        }
    }
    Ok(refs)
}

/// Whether a reference is already what bundling makes: `#/components/<section>/<name>`
/// of its kind, written plainly, naming a component that is there.
fn names_a_component(root: &Value, reference: &str, place: Place) -> bool {
    let Some((section, name)) = reference
        .strip_prefix("#/components/")
        .and_then(|rest| rest.split_once('/'))
    else {
        return false;
    };
    place.section() == Some(section)
        && !name.contains(['/', '~', '%'])
        && root
            .get("components")
            .and_then(|c| c.get(section))
            .and_then(|s| s.get(name))
            .is_some()
}

/// Follows a reference, through references that are nothing else, to an object.
fn resolve(files: &mut Files<'_>, file: FileId, found: &Found) -> Result<Resolved, Error> {
    let here = files.locate(file, &found.at);
    let mut from = file;
    let mut reference = found.reference.clone();
    let mut hops: Vec<Target> = Vec::new();
    loop {
        let target = parse_ref(&reference).map_err(|m| Error::at(&here, m))?;
        let to = match &target.file {
            None => from,
            Some(relative) => files
                .open(from, relative)
                .map_err(|m| Error::at(&here, format!("`$ref: {reference}` {m}")))?,
        };
        let value = value_at(&files.list[to].value, &target.tokens).ok_or_else(|| {
            Error::at(
                &here,
                format!("`$ref: {reference}` points at nothing (dangling reference)"),
            )
        })?;
        if to == 0 {
            if let [c, section, name] = target.tokens.as_slice() {
                if c == "components" && found.place.section() == Some(section.as_str()) {
                    return Ok(Resolved::Component(name.clone()));
                }
            }
        }
        let next = Target {
            file: to,
            tokens: target.tokens,
        };
        match only_a_ref(value) {
            Some(_) if hops.contains(&next) || hops.len() > 64 => {
                return Err(Error::at(
                    &here,
                    format!("`$ref: {}` is a cycle of references", found.reference),
                ))
            }
            Some(further) => {
                reference = further.to_string();
                from = to;
                hops.push(next);
            }
            // An object of another kind (a parameter's `$ref` to a schema)
            // stays where it is, for the model to say what it is not.
            None if next.file == 0
                && place_at(&next.tokens).is_some_and(|p| p != found.place && p.referable()) =>
            {
                return Ok(Resolved::Unresolved)
            }
            None if value.is_object() || (value.is_boolean() && found.place == Place::Schema) => {
                return Ok(Resolved::Target(next))
            }
            None => {
                return Err(Error::at(
                    &here,
                    format!("`$ref: {reference}` points at {value}, which is not an object"),
                ))
            }
        }
    }
}

/// The reference of an object that is a `$ref` and nothing else.
fn only_a_ref(value: &Value) -> Option<&str> {
    match value {
        Value::Object(map) if map.len() == 1 => map.get("$ref")?.as_str(),
        _ => None,
    }
}

fn pointer<S: AsRef<str>>(tokens: &[S]) -> Pointer {
    tokens.iter().fold(Pointer::root(), |p, t| p.push(t))
}

/// Annotations a component that is a `$ref` to another file may carry, kept
/// when the file's object takes its place.
const SLOT_ANNOTATIONS: &[&str] = &["$ref", "description", "summary", "title"];

/// A name in its `components` section for each target.
fn name_targets(
    files: &Files<'_>,
    refs: &[Reference],
    warnings: &mut Vec<Warning>,
) -> BTreeMap<(Place, Target), String> {
    let root = &files.list[0].value;
    let mut names = BTreeMap::new();
    // A component that is only a `$ref` keeps its name for what it points at:
    // `Pet: {$ref: pet.yaml}` puts pet.yaml into `Pet`.
    for r in refs.iter().filter(|r| r.file == 0 && !r.found.mapping) {
        let (Resolved::Target(t), Some(section)) = (&r.resolved, r.found.place.section()) else {
            continue;
        };
        let tokens: Vec<String> = r.found.at.tokens().collect();
        let holder = value_at(root, &tokens).and_then(Value::as_object);
        if let ([c, s, name], Some(holder)) = (tokens.as_slice(), holder) {
            if c == "components"
                && s == section
                && holder
                    .keys()
                    .all(|k| SLOT_ANNOTATIONS.contains(&k.as_str()))
            {
                names
                    .entry((r.found.place, t.clone()))
                    .or_insert_with(|| name.clone());
            }
        }
    }
    let mut taken: BTreeMap<&str, HashSet<String>> = BTreeMap::new();
    let targets: std::collections::BTreeSet<(Place, Target)> = refs
        .iter()
        .filter_map(|r| match &r.resolved {
            Resolved::Target(t) if r.found.place.section().is_some() => {
                Some((r.found.place, t.clone()))
            }
            _ => None,
        })
        .collect();
    for (place, target) in targets {
        if names.contains_key(&(place, target.clone())) {
            continue;
        }
        let section = place.section().unwrap_or("schemas");
        let taken = taken.entry(section).or_insert_with(|| {
            root.get("components")
                .and_then(|c| c.get(section))
                .and_then(Value::as_object)
                .map(|m| m.keys().map(|k| fold(k)).collect())
                .unwrap_or_default()
        });
        let file = &files.list[target.file];
        let base = hoisted_name(&file.name, &file.value, &target.tokens, place);
        let mut name = base.clone();
        let mut n = 1;
        while !taken.insert(fold(&name)) {
            n += 1;
            name = format!("{base}{n}");
        }
        if n > 1 {
            warnings.push(Warning {
                kind: WarningKind::Renamed,
                pointer: files.locate(target.file, &pointer(&target.tokens)),
                message: format!(
                    "moved to `#/components/{section}/{name}`, since `{base}` is taken there"
                ),
            });
        }
        names.insert((place, target), name);
    }
    names
}

/// Two component names the generator would turn into the same Rust name.
fn fold(name: &str) -> String {
    heck::ToUpperCamelCase::to_upper_camel_case(name)
}

/// Points every reference at its component.
fn rewrite(files: &mut Files<'_>, refs: &[Reference], names: &BTreeMap<(Place, Target), String>) {
    for r in refs {
        let Some(section) = r.found.place.section() else {
            continue;
        };
        let name = match &r.resolved {
            Resolved::Component(name) => name,
            Resolved::Target(t) => match names.get(&(r.found.place, t.clone())) {
                Some(name) => name,
                None => continue,
            },
            Resolved::Unresolved => continue,
        };
        let text = local_ref(&["components", section, name]);
        if text == r.found.reference {
            continue;
        }
        let tokens: Vec<String> = r.found.at.tokens().collect();
        let Some(slot) = value_at_mut(&mut files.list[r.file].value, &tokens) else {
            continue;
        };
        if r.found.mapping {
            *slot = Value::String(text);
        } else if let Value::Object(map) = slot {
            map.insert("$ref".into(), Value::String(text));
        }
    }
}

/// An object to put into `components`.
struct Hoisted {
    section: &'static str,
    name: String,
    value: Value,
}

/// Takes each target out of its file (deepest first, so that an object
/// holds a `$ref` to a target inside it), leaving a `$ref` behind where the
/// object was of the kind it is moved as.
fn extract(
    files: &mut Files<'_>,
    names: &BTreeMap<(Place, Target), String>,
    origins: &mut Origins,
) -> Vec<Hoisted> {
    let mut order: Vec<(&(Place, Target), &String)> = names.iter().collect();
    order.sort_by_key(|((_, t), _)| std::cmp::Reverse(t.tokens.len()));
    let mut out: BTreeMap<&(Place, Target), Hoisted> = BTreeMap::new();
    for (key, name) in order {
        let (place, target) = key;
        let section = place.section().unwrap_or("schemas");
        let text = local_ref(&["components", section, name.as_str()]);
        let value = &mut files.list[target.file].value;
        let Some(slot) = value_at_mut(value, &target.tokens) else {
            continue;
        };
        let moves = target.file != 0 || place_at(&target.tokens).is_none_or(|p| p == *place);
        let taken = if moves {
            let mut holder = Map::new();
            holder.insert("$ref".into(), Value::String(text));
            std::mem::replace(slot, Value::Object(holder))
        } else {
            slot.clone()
        };
        origins.insert(
            pointer(&["components", section, name.as_str()]),
            files.locate(target.file, &pointer(&target.tokens)),
        );
        out.insert(
            key,
            Hoisted {
                section,
                name: name.clone(),
                value: taken,
            },
        );
    }
    out.into_values().collect()
}

/// Copies the targets of path item references in place of the references.
fn inline_path_items(
    files: &mut Files<'_>,
    refs: &[Reference],
    origins: &mut Origins,
) -> Vec<(Vec<String>, Value)> {
    let mut out = Vec::new();
    for r in refs.iter().filter(|r| r.found.place == Place::PathItem) {
        let Resolved::Target(t) = &r.resolved else {
            continue;
        };
        let Some(mut item) = value_at(&files.list[t.file].value, &t.tokens).cloned() else {
            continue;
        };
        let tokens: Vec<String> = r.found.at.tokens().collect();
        // 3.1: a reference's `summary` and `description` override the target's.
        if let (Some(Value::Object(holder)), Value::Object(item)) =
            (value_at(&files.list[r.file].value, &tokens), &mut item)
        {
            for key in ["summary", "description"] {
                if let Some(v) = holder.get(key) {
                    item.insert(key.into(), v.clone());
                }
            }
        }
        if r.file == 0 {
            if t.file != 0 {
                origins.insert(
                    r.found.at.clone(),
                    files.locate(t.file, &pointer(&t.tokens)),
                );
            }
            out.push((tokens, item));
        } else if let Some(slot) = value_at_mut(&mut files.list[r.file].value, &tokens) {
            *slot = item;
        }
    }
    out
}

/// Puts the hoisted objects into the document's `components`.
fn insert(root: &mut Value, hoisted: Vec<Hoisted>) -> Result<(), Error> {
    if hoisted.is_empty() {
        return Ok(());
    }
    let Value::Object(doc) = root else {
        return Ok(());
    };
    let components = doc
        .entry("components")
        .or_insert_with(|| Value::Object(Map::new()));
    let Value::Object(components) = components else {
        return Err(Error::at(
            &Pointer::root().push("components"),
            "`components` is not a mapping",
        ));
    };
    for h in hoisted {
        let section = components
            .entry(h.section)
            .or_insert_with(|| Value::Object(Map::new()));
        let Value::Object(section) = section else {
            return Err(Error::at(
                &Pointer::root().push("components").push(h.section),
                format!("`components/{}` is not a mapping", h.section),
            ));
        };
        let mut value = h.value;
        // A component that was a `$ref` to it keeps its own annotations.
        if let (Some(Value::Object(slot)), Value::Object(object)) =
            (section.get(&h.name), &mut value)
        {
            for (k, v) in slot.iter().filter(|(k, _)| *k != "$ref") {
                object.insert(k.clone(), v.clone());
            }
        }
        section.insert(h.name, value);
    }
    Ok(())
}
