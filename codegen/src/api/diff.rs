//! Two descriptions → the changes between them, paired where one change
//! shows as two lines (a parameter made required: a setter gone and an
//! argument new; a type that became an enum), renamed operations matched by
//! their HTTP method and path, and what belongs to an added or removed
//! operation or type folded into it.

use super::text::{Description, Item, Kind};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// One change: an item added (`old` is `None`), removed (`new` is `None`),
/// or changed (both; their kinds differ where one became another).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub old: Option<Item>,
    pub new: Option<Item>,
}

impl Change {
    /// The key it is about (the new one, for a change of key).
    pub fn key(&self) -> &str {
        self.new
            .as_ref()
            .or(self.old.as_ref())
            .map_or("", |i| i.key.as_str())
    }
}

/// The changes from `old` to `new`, in key order, and the old description
/// with renamed operations' items under their new names.
pub fn diff(old: &Description, new: &Description) -> (Vec<Change>, Description) {
    let old = rekey_renamed(old, new);
    let mut changes = Vec::new();
    let mut keys: BTreeSet<(Kind, &str)> = BTreeSet::new();
    keys.extend(old.items().map(|i| (i.kind, i.key.as_str())));
    keys.extend(new.items().map(|i| (i.kind, i.key.as_str())));
    for (kind, key) in keys {
        let (o, n) = (old.get(kind, key), new.get(kind, key));
        if o == n {
            continue;
        }
        changes.push(Change {
            old: o.cloned(),
            new: n.cloned(),
        });
    }
    let changes = pair(changes, Kind::Setter, Kind::Arg);
    let changes = pair_type_kinds(changes);
    let mut changes = fold_children(changes, &old, new);
    changes.sort_by(|a, b| (a.key(), kind_of(a)).cmp(&(b.key(), kind_of(b))));
    (changes, old)
}

fn kind_of(c: &Change) -> Kind {
    c.new
        .as_ref()
        .or(c.old.as_ref())
        .map_or(Kind::Deprecated, |i| i.kind)
}

/// `a` removed and `b` added under the same key (or the other way round) become one change.
fn pair(changes: Vec<Change>, a: Kind, b: Kind) -> Vec<Change> {
    let gone = |c: &Change, k: Kind| c.new.is_none() && c.old.as_ref().is_some_and(|i| i.kind == k);
    let came = |c: &Change, k: Kind| c.old.is_none() && c.new.as_ref().is_some_and(|i| i.kind == k);
    let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, c) in changes.iter().enumerate() {
        if gone(c, a) || gone(c, b) || came(c, a) || came(c, b) {
            by_key.entry(c.key().to_string()).or_default().push(i);
        }
    }
    merge_pairs(changes, by_key.into_values())
}

/// Pairs a removed and an added type of different kinds under one key (`Pet`: a struct, now an enum).
fn pair_type_kinds(changes: Vec<Change>) -> Vec<Change> {
    let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, c) in changes.iter().enumerate() {
        let is_type = c
            .old
            .as_ref()
            .or(c.new.as_ref())
            .is_some_and(|i| i.kind.is_type());
        if is_type && (c.old.is_none() || c.new.is_none()) {
            by_key.entry(c.key().to_string()).or_default().push(i);
        }
    }
    merge_pairs(changes, by_key.into_values())
}

/// Merges each group of exactly one removal and one addition into one change.
fn merge_pairs(mut changes: Vec<Change>, groups: impl Iterator<Item = Vec<usize>>) -> Vec<Change> {
    let mut drop = BTreeSet::new();
    for group in groups {
        if group.len() != 2 {
            continue;
        }
        let (x, y) = (group[0], group[1]);
        let (removed, added) = match (changes[x].new.is_none(), changes[y].new.is_none()) {
            (true, false) => (x, y),
            (false, true) => (y, x),
            _ => continue,
        };
        let new = changes[added].new.take();
        changes[removed].new = new;
        drop.insert(added);
    }
    changes
        .into_iter()
        .enumerate()
        .filter(|(i, _)| !drop.contains(i))
        .map(|(_, c)| c)
        .collect()
}

/// The names an operation's items live under: its builder, and the enums
/// and structs of `operations` it owns, by role.
fn owned(d: &Description, op: &str) -> BTreeMap<&'static str, String> {
    let mut roles = BTreeMap::new();
    roles.insert("op", op.to_string());
    if let Some(r) = d.get(Kind::Returns, op) {
        if let Some(e) = generic_arg(&r.rust, "Error<") {
            roles.insert("errors", e);
        }
        if let Some(s) = generic_arg(&r.rust, "ResponseValue<") {
            if d.has(Kind::Outcomes, &s) {
                roles.insert("outcomes", s);
            }
        }
    }
    if let Some(h) = d
        .items()
        .find(|i| i.kind == Kind::Headers && i.rust == format!("for {op}"))
    {
        roles.insert("headers", h.key.clone());
    }
    for kind in [Kind::Arg, Kind::Setter] {
        if let Some(b) = d.get(kind, &format!("{op}::body")) {
            if d.has(Kind::Multipart, &b.rust) || d.has(Kind::BodyEnum, &b.rust) {
                roles.insert("body", b.rust.clone());
            }
        }
    }
    roles
}

/// `X` of `…Error<X>>` (the first such argument, when it is a plain name).
fn generic_arg(text: &str, open: &str) -> Option<String> {
    let start = text.find(open)? + open.len();
    let rest = &text[start..];
    let end = rest.find(['>', ',', '<'])?;
    let name = &rest[..end];
    (!name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_'))
        .then(|| name.to_string())
}

/// Operations that kept their HTTP method and path but changed their
/// builder's name (an `operationId` renamed): the old description with
/// their items, and those of the types they own, under the new names.
fn rekey_renamed(old: &Description, new: &Description) -> Description {
    let only = |a: &Description, b: &Description| -> HashMap<String, Vec<String>> {
        let mut by_wire: HashMap<String, Vec<String>> = HashMap::new();
        for op in a
            .items()
            .filter(|i| i.kind == Kind::Op && !b.has(Kind::Op, &i.key))
        {
            by_wire
                .entry(op.wire.clone())
                .or_default()
                .push(op.key.clone());
        }
        by_wire
    };
    let gone = only(old, new);
    let came = only(new, old);
    let mut renames: HashMap<String, String> = HashMap::new();
    for (wire, from) in &gone {
        let Some(to) = came.get(wire) else {
            continue;
        };
        if from.len() != 1 || to.len() != 1 {
            continue;
        }
        let (from, to) = (owned(old, &from[0]), owned(new, &to[0]));
        for (role, name) in &from {
            if let Some(target) = to.get(role) {
                renames.insert(name.clone(), target.clone());
            }
        }
    }
    if renames.is_empty() {
        return old.clone();
    }
    let items = old
        .items()
        .map(|i| {
            let mut i = i.clone();
            let (head, tail) = match i.key.split_once("::") {
                Some((h, t)) => (h.to_string(), Some(t.to_string())),
                None => (i.key.clone(), None),
            };
            if let Some(to) = renames.get(&head) {
                i.key = match tail {
                    Some(t) => format!("{to}::{t}"),
                    None => to.clone(),
                };
            }
            if matches!(
                i.kind,
                Kind::Returns | Kind::Headers | Kind::Arg | Kind::Setter
            ) {
                i.rust = replace_idents(&i.rust, &renames);
            }
            i
        })
        .collect();
    Description::new(&old.crate_name, &old.version, items)
}

/// `text` with each identifier that `renames` has replaced.
fn replace_idents(text: &str, renames: &HashMap<String, String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        out.push_str(renames.get(word.as_str()).unwrap_or(word));
        word.clear();
    };
    for c in text.chars() {
        if c.is_alphanumeric() || c == '_' {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// Drops the changes that only follow from another: the members of a type or
/// an operation that came or went whole, and of a type that changed its kind.
fn fold_children(changes: Vec<Change>, old: &Description, new: &Description) -> Vec<Change> {
    let mut types: BTreeSet<String> = BTreeSet::new();
    let mut of_ops: BTreeSet<String> = BTreeSet::new();
    for c in &changes {
        let Some(item) = c.old.as_ref().or(c.new.as_ref()) else {
            continue;
        };
        let came_or_went = c.old.is_none() || c.new.is_none();
        let kind_changed = matches!((&c.old, &c.new), (Some(o), Some(n)) if o.kind != n.kind);
        if item.kind.is_type() && (came_or_went || kind_changed) {
            types.insert(item.key.clone());
        }
        if item.kind == Kind::Op && came_or_went {
            let side = if c.old.is_some() { old } else { new };
            of_ops.extend(owned(side, &item.key).into_values());
        }
    }
    changes
        .into_iter()
        .filter(|c| {
            let Some(item) = c.old.as_ref().or(c.new.as_ref()) else {
                return false;
            };
            let owner = item.owner().unwrap_or("");
            let member = types.contains(owner) || of_ops.contains(owner);
            // The lines keyed by the type or operation itself, but for its own.
            let own_line = (types.contains(&item.key) && !item.kind.is_type())
                || (of_ops.contains(&item.key) && item.kind != Kind::Op);
            !(member || own_line)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(lines: &str) -> Description {
        Description::parse(&format!("# api 1: c 1.0.0\n{lines}")).unwrap()
    }

    fn shown(changes: &[Change]) -> Vec<String> {
        changes
            .iter()
            .map(|c| {
                let side = |i: &Option<Item>| i.as_ref().map_or("-".to_string(), |i| i.to_string());
                format!("{} => {}", side(&c.old), side(&c.new))
            })
            .collect()
    }

    #[test]
    fn a_setter_that_became_an_argument_is_one_change() {
        let old = d("op A Client::a() // GET /a\nsetter A::limit i32 // query limit\n");
        let new = d("op A Client::a(limit) // GET /a\narg A::limit i32 // query limit\n");
        assert_eq!(
            shown(&diff(&old, &new).0),
            [
                "op A Client::a() // GET /a => op A Client::a(limit) // GET /a",
                "setter A::limit i32 // query limit => arg A::limit i32 // query limit",
            ]
        );
    }

    #[test]
    fn a_renamed_operation_keeps_its_members_under_the_new_name() {
        let old = d(
            "op GetPet Client::get_pet(id) // GET /pets/{id}\narg GetPet::id i64 // path id\n\
                     returns GetPet Result<ResponseValue<Pet>, Error<GetPetError>>\n\
                     errors GetPetError read\nerror GetPetError::NotFound // 404\n",
        );
        let new = d(
            "op ShowPet Client::show_pet(id) // GET /pets/{id}\narg ShowPet::id i32 // path id\n\
                     returns ShowPet Result<ResponseValue<Pet>, Error<ShowPetError>>\n\
                     errors ShowPetError read\nerror ShowPetError::NotFound // 404\n",
        );
        assert_eq!(
            shown(&diff(&old, &new).0),
            [
                "op ShowPet Client::get_pet(id) // GET /pets/{id} => op ShowPet Client::show_pet(id) // GET /pets/{id}",
                "arg ShowPet::id i64 // path id => arg ShowPet::id i32 // path id",
            ]
        );
    }

    #[test]
    fn what_a_new_operation_or_type_holds_is_folded_into_it() {
        let old = d("struct Old read\nfield Old::a String // a\n");
        let new = d("op A Client::a(id) // GET /a\narg A::id i64 // path id\n\
                     returns A Result<ResponseValue<()>, Error<AError>>\nerrors AError read\n\
                     error AError::NotFound // 404\nenum Old open read\nvalue Old::X // x\n");
        assert_eq!(
            shown(&diff(&old, &new).0),
            [
                "- => op A Client::a(id) // GET /a",
                "struct Old read => enum Old open read",
            ]
        );
    }
}
