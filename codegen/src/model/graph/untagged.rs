//! The order in which an untagged union tries its variants.

use crate::model::{EnumRepr, Primitive, Tagging, TypeDef, TypeKind, TypeRef, UnionVariant};
use std::collections::HashMap;

/// The kind of JSON a type accepts, for ordering untagged variants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum JsonKind {
    Object,
    Array,
    String,
    Number,
    Bool,
    /// Any JSON value: tried last.
    Any,
    /// Several kinds (a nested union): stays where the document put it.
    Mixed,
}

/// What a type accepts: its kind, and a key that sorts the stricter of two
/// types of one kind first (an enum before a string, an integer before a
/// number, an object with more required properties before one with fewer).
/// The second part is the catch-all variant of an enum.
fn accepts(
    t: &TypeRef,
    by_name: &HashMap<&str, &TypeDef>,
    depth: usize,
) -> (JsonKind, (u8, i64, i64), Option<crate::naming::RustIdent>) {
    let plain = |k, r| (k, (r, 0, 0), None);
    match t {
        TypeRef::Nullable(inner) => accepts(inner, by_name, depth),
        TypeRef::Primitive(p) => match p {
            Primitive::String => plain(JsonKind::String, 2),
            Primitive::DateTime | Primitive::Date | Primitive::Uuid | Primitive::Base64 => {
                plain(JsonKind::String, 1)
            }
            Primitive::Bool => plain(JsonKind::Bool, 0),
            Primitive::I32 | Primitive::U32 => plain(JsonKind::Number, 1),
            Primitive::I64 | Primitive::U64 => plain(JsonKind::Number, 2),
            Primitive::F32 | Primitive::F64 => plain(JsonKind::Number, 3),
        },
        // Arrays rank by their items (`[integer]` before `[number]`); items of any
        // JSON last; items of an open enum, which takes any string, as strings.
        TypeRef::Array(inner) if depth < 16 => match accepts(inner, by_name, depth + 1) {
            (JsonKind::Any | JsonKind::Mixed, _, _) => plain(JsonKind::Array, 9),
            (_, _, Some(_)) => plain(JsonKind::Array, 2),
            (_, rank, None) => (JsonKind::Array, rank, None),
        },
        TypeRef::Array(_) => plain(JsonKind::Array, 9),
        TypeRef::Map(_) => plain(JsonKind::Object, 1),
        TypeRef::JsonObject => plain(JsonKind::Object, 2),
        TypeRef::Json => plain(JsonKind::Any, 0),
        TypeRef::Named(n) => match by_name.get(n.as_str()).map(|d| &d.kind) {
            Some(TypeKind::Struct(s)) => {
                let required = s.fields.iter().filter(|f| f.required).count() as i64;
                (
                    JsonKind::Object,
                    (0, -required, -(s.fields.len() as i64)),
                    None,
                )
            }
            Some(TypeKind::Enum(e)) => {
                let kind = match e.repr {
                    EnumRepr::String => JsonKind::String,
                    EnumRepr::Integer => JsonKind::Number,
                };
                (kind, (0, 0, 0), Some(e.other.clone()))
            }
            Some(TypeKind::Alias(t)) if depth < 16 => accepts(t, by_name, depth + 1),
            _ => plain(JsonKind::Mixed, 0),
        },
    }
}

/// Orders the variants of every untagged union so that trying them in turn
/// picks the right one: within each kind of JSON the stricter first, any JSON
/// value last; otherwise the document's order. An open enum followed by
/// another variant that takes its kind of value only takes its listed values.
pub fn order_untagged(types: &mut [TypeDef]) {
    // Per union: the new order, as (old index, enum catch-all if known values only).
    type Order = Vec<(usize, Option<crate::naming::RustIdent>)>;
    let orders: Vec<Option<Order>> = {
        let by_name: HashMap<&str, &TypeDef> = types.iter().map(|t| (t.name.as_str(), t)).collect();
        types
            .iter()
            .map(|t| match &t.kind {
                TypeKind::Union(u) if u.tagging == Tagging::Untagged => {
                    let info: Vec<_> = u
                        .variants
                        .iter()
                        .map(|v| accepts(&v.ty, &by_name, 0))
                        .collect();
                    let mut order: Vec<usize> = (0..info.len()).collect();
                    for kind in [
                        JsonKind::Object,
                        JsonKind::Array,
                        JsonKind::String,
                        JsonKind::Number,
                        JsonKind::Bool,
                    ] {
                        let slots: Vec<usize> =
                            (0..info.len()).filter(|&i| info[i].0 == kind).collect();
                        let mut sorted = slots.clone();
                        sorted.sort_by_key(|&i| info[i].1);
                        for (slot, i) in slots.into_iter().zip(sorted) {
                            order[slot] = i;
                        }
                    }
                    let (rest, any): (Vec<usize>, Vec<usize>) =
                        order.into_iter().partition(|&i| info[i].0 != JsonKind::Any);
                    let order: Vec<usize> = rest.into_iter().chain(any).collect();
                    let result = order
                        .iter()
                        .enumerate()
                        .map(|(pos, &i)| {
                            let (kind, _, other) = &info[i];
                            let shadowed = order[pos + 1..].iter().any(|&j| {
                                matches!(info[j].0, JsonKind::Any | JsonKind::Mixed)
                                    || info[j].0 == *kind
                            });
                            (i, other.clone().filter(|_| shadowed))
                        })
                        .collect();
                    Some(result)
                }
                _ => None,
            })
            .collect()
    };
    for (t, order) in types.iter_mut().zip(orders) {
        if let (TypeKind::Union(u), Some(order)) = (&mut t.kind, order) {
            let old = std::mem::take(&mut u.variants);
            u.variants = order
                .into_iter()
                .map(|(i, known)| UnionVariant {
                    known_values_only: known,
                    ..old[i].clone()
                })
                .collect();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::test_data::*;

    fn order(variants: &[(&str, TypeRef)], others: Vec<TypeDef>) -> Vec<(String, Option<String>)> {
        let mut types = vec![union("U", variants)];
        types.extend(others);
        order_untagged(&mut types);
        let TypeKind::Union(u) = &types[0].kind else {
            unreachable!()
        };
        u.variants
            .iter()
            .map(|v| {
                let known = v.known_values_only.as_ref().map(|k| k.to_string());
                (v.name.to_string(), known)
            })
            .collect()
    }

    #[test]
    fn stricter_variants_of_a_kind_come_first_and_any_json_last() {
        let string = || prim(Primitive::String);
        // (what, variants in the document's order, the order they are tried in)
        type Case = (
            &'static str,
            Vec<(&'static str, TypeRef)>,
            Vec<&'static str>,
        );
        let cases: Vec<Case> = vec![
            (
                "integer before number, any JSON last",
                vec![
                    ("Any", TypeRef::Json),
                    ("Number", prim(Primitive::F64)),
                    ("Integer", prim(Primitive::I64)),
                ],
                vec!["Integer", "Number", "Any"],
            ),
            (
                "a date before a string; kinds keep their slots",
                vec![
                    ("Text", string()),
                    ("Flag", prim(Primitive::Bool)),
                    ("When", prim(Primitive::DateTime)),
                ],
                vec!["When", "Flag", "Text"],
            ),
            (
                "the object with more required fields first",
                vec![("Small", named("Small")), ("Big", named("Big"))],
                vec!["Big", "Small"],
            ),
            (
                "arrays by their items",
                vec![
                    ("Numbers", array(prim(Primitive::F64))),
                    ("Integers", array(prim(Primitive::I32))),
                ],
                vec!["Integers", "Numbers"],
            ),
        ];
        let others = || {
            vec![
                strukt("Small", &[("a", TypeRef::Json)]),
                strukt("Big", &[("a", TypeRef::Json), ("b", TypeRef::Json)]),
            ]
        };
        for (what, variants, want) in cases {
            let got: Vec<String> = order(&variants, others())
                .into_iter()
                .map(|(n, _)| n)
                .collect();
            assert_eq!(got, want, "{what}");
        }
    }

    #[test]
    fn an_open_enum_before_a_string_takes_only_its_values() {
        let got = order(
            &[("Text", prim(Primitive::String)), ("Mode", named("Mode"))],
            vec![string_enum("Mode", &["fast", "slow"])],
        );
        assert_eq!(
            got,
            [
                ("Mode".to_string(), Some("Other".to_string())),
                ("Text".to_string(), None)
            ]
        );
        // Alone of its kind, the enum keeps its catch-all.
        let got = order(
            &[("Mode", named("Mode")), ("Count", prim(Primitive::I64))],
            vec![string_enum("Mode", &["fast"])],
        );
        assert_eq!(got[0], ("Mode".to_string(), None));
    }
}
