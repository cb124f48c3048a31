//! Cargo features by tag (`features-by-tag`) or by path (`features-by-path`):
//! each tag's (or resource's) operations, and the types only they reach,
//! compile only with its feature.
//!
//! By tag, an operation's feature is its first tag's (the tag that groups
//! it); an untagged operation is always on. By path, for documents that tag
//! nothing (Stripe's), it is its resource's: the first segment of its path
//! after the segments every path starts with (`/v1/customers/{id}` →
//! `customers`); a path with no literal segment there is always on. A type is behind the features of the
//! operations that reach it (through parameters, bodies, responses, response
//! headers, events and page items, then fields, variants, items and aliases),
//! `#[cfg(any(..))]` of them; a type that an untagged operation reaches is
//! always on, and so is everything it reaches.
//!
//! The document's schemas that no operation uses (GitHub's webhook payloads:
//! always on, they and what they hold were 1,220 of its 2,605 types) are
//! behind a feature of their own, [`OTHER_TYPES`], in `default` like the
//! tags': were they always on, they
//! would keep on most of the types every tag uses (GitHub's `Repository`),
//! and one tag would compile little less than the whole crate.

use super::graph::reachable::reachable;
use super::{BodyKind, Operation, PartValue, Piece, ResponseBody, Segment, TypeDef, TypeRef};
use crate::naming::{self, NameSet};

/// The crate's features by tag, and what each operation and type needs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Features {
    /// One per tag that is some operation's first, in the order groups are
    /// (the document's `tags`, then first use).
    pub list: Vec<Feature>,
    /// By operation index: its feature, `None` when always on.
    pub operations: Vec<Option<usize>>,
    /// By type index: the features any of which turns it on; empty when always on.
    pub types: Vec<Vec<usize>>,
}

/// A cargo feature of the generated crate that turns on one tag's (or
/// resource's) operations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feature {
    /// The feature's name (`code-scanning`).
    pub name: String,
    /// What its operations share.
    pub of: FeatureOf,
}

/// What a feature's operations share, as the document writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeatureOf {
    /// Their first tag.
    Tag(String),
    /// Their path's resource (`customers`).
    Resource(String),
    /// The schemas no operation uses: [`OTHER_TYPES`].
    OtherTypes,
}

impl FeatureOf {
    fn text(&self) -> &str {
        match self {
            FeatureOf::Tag(t) | FeatureOf::Resource(t) => t,
            FeatureOf::OtherTypes => OTHER_TYPES,
        }
    }
}

/// The feature of the types no operation uses (and what only they reach).
pub const OTHER_TYPES: &str = "other-types";

impl Features {
    /// Whether the crate has features by tag at all.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The features of operation `i`: none (always on) or one.
    pub fn of_operation(&self, i: usize) -> &[usize] {
        match self.operations.get(i) {
            Some(Some(f)) => std::slice::from_ref(f),
            _ => &[],
        }
    }

    /// The features any of which turns type `i` on; empty when always on.
    pub fn of_type(&self, i: usize) -> &[usize] {
        self.types.get(i).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The feature of a tag, when it is some operation's first (and the
    /// features are by tag).
    pub fn of_tag(&self, tag: &str) -> Option<usize> {
        self.list
            .iter()
            .position(|f| matches!(&f.of, FeatureOf::Tag(t) if t == tag))
    }

    /// The feature of the schemas no operation uses, when there is one.
    pub fn other_types(&self) -> Option<&Feature> {
        self.list.iter().find(|f| f.of == FeatureOf::OtherTypes)
    }

    /// The names of `features`, in order.
    pub fn names(&self, features: &[usize]) -> Vec<&str> {
        features
            .iter()
            .map(|&f| self.list[f].name.as_str())
            .collect()
    }
}

fn first(o: &Operation) -> Option<&str> {
    o.tags.first().map(String::as_str)
}

/// The features of `operations` (first tags, ordered after `declared`, the
/// document's tags) and of `types` (sorted by name, as the model keeps them).
pub fn by_tag(declared: &[&str], operations: &[Operation], types: &[TypeDef]) -> Features {
    let keys: Vec<Option<FeatureOf>> = operations
        .iter()
        .map(|o| first(o).map(|t| FeatureOf::Tag(t.to_string())))
        .collect();
    let declared: Vec<FeatureOf> = declared
        .iter()
        .map(|t| FeatureOf::Tag(t.to_string()))
        .collect();
    split(&declared, keys, operations, types)
}

/// The features of `operations` by their paths' resources, in order of
/// first use, and of `types`.
pub fn by_path(operations: &[Operation], types: &[TypeDef]) -> Features {
    let keys = resources(operations)
        .into_iter()
        .map(|r| r.map(FeatureOf::Resource))
        .collect();
    split(&[], keys, operations, types)
}

/// Each operation's resource: the literal segment of its path after those
/// every path starts with.
fn resources(operations: &[Operation]) -> Vec<Option<String>> {
    let literal = |s: &Segment| match s.pieces.as_slice() {
        [Piece::Literal(l)] => Some(l.clone()),
        _ => None,
    };
    let literals =
        |o: &Operation| -> Vec<String> { o.segments.iter().map_while(literal).collect() };
    let mut shared: Vec<String> = operations.first().map(literals).unwrap_or_default();
    for o in operations {
        let own = literals(o);
        let n = shared.iter().zip(&own).take_while(|(a, b)| a == b).count();
        shared.truncate(n);
    }
    operations
        .iter()
        .map(|o| o.segments.get(shared.len()).and_then(literal))
        .collect()
}

/// The features of operations whose keys are `keys` (ordered after
/// `declared`, then by first use), and of `types`.
fn split(
    declared: &[FeatureOf],
    keys: Vec<Option<FeatureOf>>,
    operations: &[Operation],
    types: &[TypeDef],
) -> Features {
    let mut order: Vec<&FeatureOf> = Vec::new();
    for key in declared.iter().chain(keys.iter().flatten()) {
        if !order.contains(&key) && keys.iter().any(|k| k.as_ref() == Some(key)) {
            order.push(key);
        }
    }
    let mut names = NameSet::new();
    // Names the crate may have already, as features or dependencies.
    for reserved in crate::templates::RESERVED {
        names.reserve(reserved);
    }
    let mut list: Vec<Feature> = order
        .iter()
        .map(|&key| Feature {
            name: names.claim_text(&naming::feature_name(key.text())),
            of: key.clone(),
        })
        .collect();
    let of_op: Vec<Option<usize>> = keys
        .iter()
        .map(|k| k.as_ref().and_then(|k| order.iter().position(|x| *x == k)))
        .collect();
    let roots = |feature: Option<usize>| {
        let mut refs = Vec::new();
        for (op, f) in operations.iter().zip(&of_op) {
            if *f == feature {
                operation_refs(op, &mut refs);
            }
        }
        refs
    };
    let mut reached: Vec<Vec<bool>> = (0..list.len())
        .map(|f| reachable(types, roots(Some(f)).into_iter()))
        .collect();
    // Always on: what untagged operations reach, and everything that holds.
    let always = reachable(types, roots(None).into_iter());
    let unreached: Vec<TypeRef> = types
        .iter()
        .enumerate()
        .filter(|(i, _)| !always[*i] && !reached.iter().any(|r| r[*i]))
        .map(|(_, t)| TypeRef::Named(t.name.clone()))
        .collect();
    if !list.is_empty() && !unreached.is_empty() {
        list.push(Feature {
            name: names.claim_text(OTHER_TYPES),
            of: FeatureOf::OtherTypes,
        });
        reached.push(reachable(types, unreached.iter()));
    }
    let types = (0..types.len())
        .map(|i| {
            if always[i] {
                Vec::new()
            } else {
                (0..list.len()).filter(|&f| reached[f][i]).collect()
            }
        })
        .collect();
    Features {
        list,
        operations: of_op,
        types,
    }
}

/// Every type an operation names: parameters, body, responses, response
/// headers, events and page items.
fn operation_refs<'o>(op: &'o Operation, out: &mut Vec<&'o TypeRef>) {
    fn body<'o>(kind: &'o BodyKind, out: &mut Vec<&'o TypeRef>) {
        match kind {
            BodyKind::Json(t) | BodyKind::Form(t, _) => out.push(t),
            BodyKind::Multipart(m) => {
                for field in &m.fields {
                    if let PartValue::Value(t) = &field.value {
                        out.push(t);
                    }
                }
            }
            BodyKind::Choice(c) => c.options.iter().for_each(|o| body(&o.kind, out)),
            BodyKind::Text | BodyKind::Bytes => {}
        }
    }
    out.extend(op.params.iter().map(|p| &p.ty));
    if let Some(b) = &op.body {
        body(&b.kind, out);
    }
    for r in op.success.iter().chain(&op.errors) {
        if let ResponseBody::Json(t) = &r.body {
            out.push(t);
        }
    }
    out.extend(op.response_headers.iter().map(|h| &h.ty));
    if let Some(s) = &op.stream {
        out.push(&s.event);
    }
    if let Some(p) = &op.pagination {
        out.push(&p.item);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::test_data::*;

    fn op(tags: &[&str], body: Option<TypeRef>, response: Option<TypeRef>) -> Operation {
        Operation {
            tags: tags.iter().map(|t| t.to_string()).collect(),
            ..operation(body, response)
        }
    }

    #[test]
    fn operations_take_their_first_tag_and_types_the_features_that_reach_them() {
        let types = [
            strukt("Pet", &[("owner", named("Owner")), ("tag", named("Tag"))]),
            strukt("Owner", &[("address", named("Address"))]),
            strukt("Address", &[]),
            strukt("Order", &[("pet", named("Pet"))]),
            strukt("Health", &[("note", named("Note"))]),
            strukt("Note", &[]),
            strukt("Orphan", &[("tag", named("Tag"))]),
            strukt("Tag", &[]),
            strukt("Cycle", &[("next", named("Cycle"))]),
        ];
        let mut types = types.to_vec();
        types.sort_by(|a, b| a.name.cmp(&b.name));
        let operations = [
            op(&["pets"], None, Some(array(named("Pet")))),
            op(&["store", "pets"], Some(named("Order")), None),
            op(&[], None, Some(named("Health"))),
            op(&["store"], None, Some(named("Cycle"))),
            op(&["Code Scanning"], None, None),
        ];
        let f = by_tag(&["store"], &operations, &types);
        let names: Vec<(&str, &FeatureOf)> =
            f.list.iter().map(|f| (f.name.as_str(), &f.of)).collect();
        let tag = |t: &str| FeatureOf::Tag(t.to_string());
        assert_eq!(
            names,
            [
                ("store", &tag("store")),
                ("pets", &tag("pets")),
                ("code-scanning", &tag("Code Scanning")),
                ("other-types", &FeatureOf::OtherTypes)
            ]
        );
        assert_eq!(f.operations, [Some(1), Some(0), None, Some(0), Some(2)]);
        let by_name = |name: &str| {
            let i = types.iter().position(|t| t.name == name).unwrap();
            f.names(f.of_type(i))
        };
        let cases: [(&str, &[&str]); 9] = [
            // Reached by `pets` and, through `Order`, by `store`.
            ("Pet", &["store", "pets"]),
            ("Owner", &["store", "pets"]),
            ("Address", &["store", "pets"]),
            ("Order", &["store"]),
            ("Cycle", &["store"]),
            // An untagged operation's, and what it holds.
            ("Health", &[]),
            ("Note", &[]),
            // Reached by no operation: behind `other-types`, and so what it
            // holds (for `Tag`, beside the tags that reach it through `Pet`).
            ("Orphan", &["other-types"]),
            ("Tag", &["store", "pets", "other-types"]),
        ];
        for (name, want) in cases {
            assert_eq!(by_name(name), want, "{name}");
        }
    }

    #[test]
    fn feature_names_never_take_the_crates_own_or_each_other() {
        let operations = [
            op(&["mock"], None, None),
            op(&["Mock"], None, None),
            op(&["serde_json"], None, None),
            op(&["2fa"], None, None),
            op(&["Ünïcode tag"], None, None),
            op(&["default"], None, None),
            op(&["other types"], None, None),
        ];
        let unused = [strukt("Unused", &[])];
        let f = by_tag(&[], &operations, &unused);
        let names: Vec<&str> = f.list.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "mock-2",
                "mock-3",
                "serde-json-2",
                "tag-2fa",
                "ncode-tag",
                "default-2",
                "other-types",
                "other-types-2"
            ]
        );
        // No tags, no features; every type used, no `other-types`.
        assert!(by_tag(&[], &[op(&[], None, None)], &unused).is_empty());
        let used = by_tag(&[], &[op(&["a"], Some(named("Unused")), None)], &unused);
        assert_eq!(used.list.len(), 1);
        assert_eq!(used.names(used.of_type(0)), ["a"]);
    }

    #[test]
    fn by_path_each_operation_takes_the_segment_after_those_every_path_shares() {
        let at = |path: &str, response: Option<TypeRef>| {
            let segments = path
                .split('/')
                .filter(|s| !s.is_empty())
                .map(|s| Segment {
                    pieces: vec![match s.strip_prefix('{') {
                        Some(_) => Piece::Param(0),
                        None => Piece::Literal(s.to_string()),
                    }],
                })
                .collect();
            Operation {
                segments,
                path: path.to_string(),
                ..op(&["ignored"], None, response)
            }
        };
        let types = [strukt("Customer", &[]), strukt("Charge", &[])];
        let operations = [
            at("/v1/customers", Some(named("Customer"))),
            at("/v1/customers/{customer}", Some(named("Customer"))),
            at("/v1/payment_intents/{intent}/capture", None),
            at("/v1/charges", Some(named("Charge"))),
            at("/v1/{account}", None),
            at("/v1", None),
        ];
        let f = by_path(&operations, &types);
        let names: Vec<(&str, &FeatureOf)> =
            f.list.iter().map(|f| (f.name.as_str(), &f.of)).collect();
        let resource = |r: &str| FeatureOf::Resource(r.to_string());
        assert_eq!(
            names,
            [
                ("customers", &resource("customers")),
                ("payment-intents", &resource("payment_intents")),
                ("charges", &resource("charges")),
            ]
        );
        // A parameter, or nothing, after the shared `/v1`: always on.
        assert_eq!(
            f.operations,
            [Some(0), Some(0), Some(1), Some(2), None, None]
        );
        assert_eq!(
            f.of_tag("ignored"),
            None,
            "groups by tag are not features by path"
        );
        // One path shares everything with itself: no features.
        assert!(by_path(&operations[..1], &types).is_empty());
    }
}
