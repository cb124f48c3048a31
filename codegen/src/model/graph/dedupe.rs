//! One type for identical inline types.
//!
//! Large documents repeat the same inline schema in many places: GitHub writes
//! `enum: [read, write]` for each of hundreds of app permissions and the same
//! `user` object inside every webhook payload, Stripe the same status list in
//! every object that has one. Lowered one by one, each becomes its own type,
//! identical to the others but for its name: thousands of types to read past
//! and compile. Here inline types (those that are not a component schema of
//! their own) that are identical in everything but name, location and doc
//! become one type: enums with the same values, structs with the same fields
//! (names, types, docs, defaults), unions with the same variants. Merging
//! repeats until nothing changes, since two structs can become identical once
//! the enums they hold are merged. Component schemas are never merged: their
//! names are the document's.
//!
//! The merged type's name, the first of these that is free:
//! 1. the property or parameter name every use shares, when it has two words
//!    or more (`squash_merge_commit_message` → `SquashMergeCommitMessage`);
//!    an item of a list takes the list's name in the singular (`generations`
//!    → `generation`, [`naming::singular`]);
//! 2. for an enum, its values, when there are at most four plain words
//!    (`[read, write]` → `ReadWrite`, `[asc, desc]` → `AscDesc`);
//! 3. the property or parameter name every use shares (`status` → `Status`);
//! 4. the shortest of the names the uses had (already unique).
//!
//! A merged type's doc is the one its uses share, if they share one; each
//! field keeps its own doc.

use crate::model::{EnumRepr, Model, TypeDef, TypeKind, TypeRef};
use crate::naming::{self, RustIdent};
// Looked up, never iterated in an order that shows: FxHash, not SipHash.
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// Merges identical inline types of `model`, renaming every use, until no two are left.
pub fn merge_identical_types(model: &mut Model) {
    // A hash of what must agree for two types to merge, by type name; kept
    // from round to round and made again only for the types a round changed.
    let mut keys: HashMap<RustIdent, u64> = model
        .types
        .iter()
        .filter_map(|t| Some((t.name.clone(), fingerprint(t)?)))
        .collect();
    while let Some(changed) = merge_once(model, &keys) {
        for old in changed.renames.keys() {
            keys.remove(old);
        }
        for t in &model.types {
            if changed.types.contains(&t.name) {
                if let Some(k) = fingerprint(t) {
                    keys.insert(t.name.clone(), k);
                }
            }
        }
    }
}

/// A hash of a type's kind, without its name, location or doc; `None` for a
/// type that never merges (a component schema, an alias). Types with the same
/// hash merge only if they are equal, so the hash need not cover everything.
fn fingerprint(t: &TypeDef) -> Option<u64> {
    use std::hash::{Hash, Hasher};
    if is_component(t) {
        return None;
    }
    // `DefaultHasher::new()` has fixed keys: the same on every run.
    let mut h = std::collections::hash_map::DefaultHasher::new();
    t.deprecated.hash(&mut h);
    match &t.kind {
        TypeKind::Enum(e) => {
            0u8.hash(&mut h);
            e.other.hash(&mut h);
            for v in &e.variants {
                (&v.name, &v.value).hash(&mut h);
            }
        }
        TypeKind::Struct(s) => {
            1u8.hash(&mut h);
            (&s.additional, &s.additional_name).hash(&mut h);
            for f in &s.fields {
                (&f.name, &f.wire_name, &f.ty, &f.doc).hash(&mut h);
                (f.required, f.nullable, f.deprecated, f.boxed, f.tri_state).hash(&mut h);
            }
        }
        TypeKind::Union(u) => {
            2u8.hash(&mut h);
            for v in &u.variants {
                (&v.name, &v.ty, v.boxed, &v.tags, &v.known_values_only).hash(&mut h);
            }
        }
        TypeKind::Alias(_) => return None,
    }
    Some(h.finish())
}

/// What one round of merging changed.
struct Changed {
    /// Old name → new name, for every type merged.
    renames: HashMap<RustIdent, RustIdent>,
    /// The (new) names of the types that were merged or now use another name.
    types: HashSet<RustIdent>,
}

/// One round of merging; what it changed, if anything merged.
fn merge_once(model: &mut Model, keys: &HashMap<RustIdent, u64>) -> Option<Changed> {
    let mut groups = equal_groups(model, keys);
    if groups.is_empty() {
        return None;
    }
    let mut taken = taken_names(model, &groups);
    // In the order of each group's first name, so names do not depend on hashing.
    groups.sort_by(|a, b| model.types[a[0]].name.cmp(&model.types[b[0]].name));

    let param_names = param_names(model);
    let stem =
        |t: &TypeDef| stem(t).or_else(|| param_names.get(t.name.as_str()).map(|n| n.to_string()));
    let mut renames: HashMap<RustIdent, RustIdent> = HashMap::default();
    let mut keep: Vec<(usize, RustIdent, Option<String>)> = Vec::new();
    for group in &groups {
        let members: Vec<&TypeDef> = group.iter().map(|&i| &model.types[i]).collect();
        let name = group_name(&members, &stem, &taken);
        taken.insert(name.clone());
        let doc = members[0]
            .doc
            .clone()
            .filter(|d| members.iter().all(|t| t.doc.as_deref() == Some(d.as_str())));
        for t in &members {
            renames.insert(t.name.clone(), name.clone());
        }
        keep.push((group[0], name, doc));
    }
    Some(apply(model, &groups, keep, renames))
}

/// Groups of two or more equal types, among those with the same hash.
fn equal_groups(model: &Model, keys: &HashMap<RustIdent, u64>) -> Vec<Vec<usize>> {
    let mut buckets: HashMap<u64, Vec<usize>> = HashMap::default();
    for (i, t) in model.types.iter().enumerate() {
        if let Some(key) = keys.get(&t.name) {
            buckets.entry(*key).or_default().push(i);
        }
    }
    let same = |a: &TypeDef, b: &TypeDef| a.deprecated == b.deprecated && a.kind == b.kind;
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for bucket in buckets.into_values().filter(|b| b.len() > 1) {
        let mut classes: Vec<Vec<usize>> = Vec::new();
        for i in bucket {
            match classes
                .iter_mut()
                .find(|c| same(&model.types[c[0]], &model.types[i]))
            {
                Some(class) => class.push(i),
                None => classes.push(vec![i]),
            }
        }
        groups.extend(classes.into_iter().filter(|c| c.len() > 1));
    }
    groups
}

/// The names a group may not take: those of every type outside the groups,
/// and the groups' own (each group's members may fall back on theirs).
fn taken_names(model: &Model, groups: &[Vec<usize>]) -> HashSet<RustIdent> {
    let merged: HashSet<usize> = groups.iter().flatten().copied().collect();
    let mut taken: HashSet<RustIdent> = model
        .types
        .iter()
        .enumerate()
        .filter(|(i, _)| !merged.contains(i))
        .map(|(_, t)| t.name.clone())
        .collect();
    for group in groups {
        for &i in group {
            taken.insert(model.types[i].name.clone());
        }
    }
    taken
}

/// An operation's parameter schema sits at `parameters/N`: its name is the
/// parameter's. The first parameter's wire name, by the type it uses.
fn param_names(model: &Model) -> HashMap<&str, &str> {
    let mut param_names: HashMap<&str, &str> = HashMap::default();
    for p in model.operations.iter().flat_map(|o| &o.params) {
        let mut ty = &p.ty;
        while let TypeRef::Array(inner) | TypeRef::Nullable(inner) = ty {
            ty = inner;
        }
        if let TypeRef::Named(n) = ty {
            param_names
                .entry(n.as_str())
                .or_insert(p.wire_name.as_str());
        }
    }
    param_names
}

/// The merged type's name: the first candidate of the module doc's list that
/// is free, else the shortest of its members' own.
fn group_name(
    members: &[&TypeDef],
    stem: &dyn Fn(&TypeDef) -> Option<String>,
    taken: &HashSet<RustIdent>,
) -> RustIdent {
    let own: HashSet<&str> = members.iter().map(|t| t.name.as_str()).collect();
    let free = |name: &str| !taken.contains(name) || own.contains(name);
    let stem = shared_stem(members, stem);
    let candidates = [
        stem.as_deref()
            .filter(|s| s.contains(['_', '-']) || has_two_words(s))
            .map(naming::type_name),
        values_name(&members[0].kind),
        stem.as_deref().map(naming::type_name),
    ];
    let fallback = members
        .iter()
        .map(|t| &t.name)
        .min_by_key(|n| (n.len(), n.as_str()))
        .cloned();
    candidates
        .into_iter()
        .flatten()
        .find(|n| free(n))
        .or(fallback)
        .unwrap_or_else(|| naming::type_name(""))
}

/// Makes the first member of each group the merged type (named and documented
/// as `keep` says), drops the rest, and renames every use.
fn apply(
    model: &mut Model,
    groups: &[Vec<usize>],
    keep: Vec<(usize, RustIdent, Option<String>)>,
    renames: HashMap<RustIdent, RustIdent>,
) -> Changed {
    let drop: HashSet<usize> = groups.iter().flat_map(|g| g[1..].iter().copied()).collect();
    for (i, name, doc) in keep {
        let t = &mut model.types[i];
        t.name = name;
        t.doc = doc;
    }
    let mut index = 0;
    model.types.retain(|_| {
        index += 1;
        !drop.contains(&(index - 1))
    });
    model.types.sort_by(|a, b| a.name.cmp(&b.name));
    let mut types: HashSet<RustIdent> = renames.values().cloned().collect();
    for t in &mut model.types {
        let mut changed = false;
        t.kind
            .for_each_type_ref_mut(&mut |r| changed |= rename(r, &renames));
        if changed {
            types.insert(t.name.clone());
        }
    }
    model.for_each_operation_type_ref_mut(&mut |r| {
        rename(r, &renames);
    });
    Changed { renames, types }
}

/// Renames the named types in `t`; whether it changed.
fn rename(t: &mut TypeRef, renames: &HashMap<RustIdent, RustIdent>) -> bool {
    match t {
        TypeRef::Named(n) => match renames.get(n) {
            Some(new) if new != n => {
                *n = new.clone();
                true
            }
            _ => false,
        },
        TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
            rename(inner, renames)
        }
        TypeRef::Primitive(_) | TypeRef::JsonObject | TypeRef::Json => false,
    }
}

/// A component schema of its own (`#/components/schemas/Name`), not a part of one.
fn is_component(t: &TypeDef) -> bool {
    t.pointer
        .as_str()
        .strip_prefix("#/components/schemas/")
        .is_some_and(|name| !name.contains('/'))
}

/// The property or parameter name every use of the enum has, if they share one.
fn shared_stem(members: &[&TypeDef], stem: &dyn Fn(&TypeDef) -> Option<String>) -> Option<String> {
    let mut stems = members.iter().map(|t| stem(t));
    let first = stems.next()??;
    stems
        .all(|s| s.as_deref() == Some(first.as_str()))
        .then_some(first)
}

/// The name of the property, component parameter or header a schema is the
/// value of, looking past `items`, `schema` and the like.
fn stem(t: &TypeDef) -> Option<String> {
    let tokens: Vec<String> = t.pointer.tokens().collect();
    let tokens: Vec<&str> = tokens.iter().map(String::as_str).collect();
    let mut i = tokens.len();
    let mut item = false;
    while i > 0 {
        i -= 1;
        let token = tokens[i];
        let parent = i.checked_sub(1).map(|p| tokens[p]);
        match (parent, token) {
            (_, "items") => item = true,
            (_, "schema" | "additionalProperties" | "not") => {}
            (Some("oneOf" | "anyOf" | "allOf"), _) => {}
            (Some("properties" | "parameters" | "headers"), _)
                if token.chars().all(|c| c.is_ascii_digit()) =>
            {
                return None
            }
            // An item of `generations` is a `generation`, as another property may call it.
            (Some("properties" | "parameters" | "headers"), name) if item => {
                return Some(naming::singular(name).unwrap_or_else(|| name.to_string()))
            }
            (Some("properties" | "parameters" | "headers"), name) => return Some(name.to_string()),
            _ => return None,
        }
    }
    None
}

fn has_two_words(s: &str) -> bool {
    s.chars().skip(1).any(|c| c.is_ascii_uppercase())
}

/// `ReadWrite` for `[read, write]`: at most four values, each a plain word.
fn values_name(kind: &TypeKind) -> Option<RustIdent> {
    let TypeKind::Enum(e) = kind else {
        return None;
    };
    if e.repr != EnumRepr::String || e.variants.len() > 4 {
        return None;
    }
    let plain = e.variants.iter().all(|v| {
        v.value
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic())
            && v.value
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | ' '))
    });
    let name = naming::type_name(
        &e.variants
            .iter()
            .map(|v| v.value.as_str())
            .collect::<Vec<_>>()
            .join(" "),
    );
    (plain && name.len() <= 40).then_some(name)
}
