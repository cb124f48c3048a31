//! Cycles of types: boxing the edges that close them, and refusing a cycle
//! of nothing but `$ref`s.

use crate::diag::Error;
use crate::model::{TypeDef, TypeKind, TypeRef};
use crate::naming::RustIdent;
use std::collections::{BTreeMap, HashMap};

/// Boxes the fields and variants that close a cycle of types containing
/// each other by value, and only those: a depth-first walk from each type in
/// name order boxes the edges that lead back to a type still being walked,
/// which leaves no cycle and every other edge unboxed. Aliases are seen
/// through, so the edge is always a field or a variant that can hold a box.
pub fn box_cycles(types: &mut [TypeDef]) {
    let edges = by_value_edges(types);
    let mut boxed: Vec<(usize, usize)> = Vec::new();
    // 0: not seen, 1: being walked, 2: done.
    let mut state = vec![0u8; types.len()];
    for start in 0..types.len() {
        if state[start] != 0 {
            continue;
        }
        state[start] = 1;
        let mut walk: Vec<(usize, usize)> = vec![(start, 0)];
        while let Some((v, next)) = walk.last_mut() {
            let v = *v;
            match edges[v].get(*next) {
                Some(&(slot, w)) => {
                    *next += 1;
                    match state[w] {
                        0 => {
                            state[w] = 1;
                            walk.push((w, 0));
                        }
                        1 => boxed.push((v, slot)),
                        _ => {}
                    }
                }
                None => {
                    state[v] = 2;
                    walk.pop();
                }
            }
        }
    }
    for (v, slot) in boxed {
        match &mut types[v].kind {
            TypeKind::Struct(s) => s.fields[slot].boxed = true,
            TypeKind::Union(u) => u.variants[slot].boxed = true,
            _ => {}
        }
    }
}

/// For each type, by index: (field or variant, the struct or union it holds by value).
fn by_value_edges(types: &[TypeDef]) -> Vec<Vec<(usize, usize)>> {
    let index: HashMap<&str, usize> = types
        .iter()
        .enumerate()
        .map(|(i, t)| (t.name.as_str(), i))
        .collect();
    // The struct or union a type name stands for, through aliases.
    let target = |name: &str| -> Option<usize> {
        let mut i = *index.get(name)?;
        for _ in 0..32 {
            match &types[i].kind {
                TypeKind::Alias(t) => i = *index.get(*t.direct_names().first()?)?,
                _ => return Some(i),
            }
        }
        None
    };
    types
        .iter()
        .map(|t| {
            let slots: Vec<&TypeRef> = match &t.kind {
                TypeKind::Struct(s) => s.fields.iter().map(|f| &f.ty).collect(),
                TypeKind::Union(u) => u.variants.iter().map(|v| &v.ty).collect(),
                TypeKind::Alias(_) | TypeKind::Enum(_) => Vec::new(),
            };
            slots
                .iter()
                .enumerate()
                .flat_map(|(slot, ty)| {
                    ty.direct_names()
                        .into_iter()
                        .filter_map(&target)
                        .map(move |w| (slot, w))
                        .collect::<Vec<_>>()
                })
                .collect()
        })
        .collect()
}

/// A component that is only `$ref`s to another, round and round, has no type.
pub fn check_alias_cycles(types: &BTreeMap<RustIdent, TypeDef>) -> Result<(), Error> {
    for def in types.values() {
        let mut seen = vec![def.name.as_str()];
        let mut current = def;
        while let TypeKind::Alias(t) = &current.kind {
            let Some(&target) = t.direct_names().first() else {
                break;
            };
            if seen.contains(&target) {
                return Err(Error::at(
                    &def.pointer,
                    format!(
                        "`$ref` cycle through nothing but references: {} → {target}",
                        seen.join(" → ")
                    ),
                ));
            }
            seen.push(target);
            match types.get(target) {
                Some(next) => current = next,
                None => break,
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::test_data::*;

    /// The boxed slots of every type, as `Type.slot`.
    fn boxed(types: &[TypeDef]) -> Vec<String> {
        let mut out = Vec::new();
        for t in types {
            match &t.kind {
                TypeKind::Struct(s) => out.extend(
                    s.fields
                        .iter()
                        .filter(|f| f.boxed)
                        .map(|f| format!("{}.{}", t.name, f.name)),
                ),
                TypeKind::Union(u) => out.extend(
                    u.variants
                        .iter()
                        .filter(|v| v.boxed)
                        .map(|v| format!("{}.{}", t.name, v.name)),
                ),
                _ => {}
            }
        }
        out
    }

    #[test]
    fn only_the_edge_that_closes_a_cycle_is_boxed() {
        let cases: Vec<(&str, Vec<TypeDef>, Vec<&str>)> = vec![
            (
                "a struct that holds itself",
                vec![strukt("Node", &[("next", named("Node"))])],
                vec!["Node.next"],
            ),
            (
                "through a Vec or a map there is no cycle to break",
                vec![strukt(
                    "Tree",
                    &[
                        ("children", array(named("Tree"))),
                        ("by_name", map(named("Tree"))),
                    ],
                )],
                vec![],
            ),
            (
                "two structs: the walk from the first in name order boxes the way back",
                vec![
                    strukt("A", &[("b", named("B"))]),
                    strukt("B", &[("a", nullable(named("A")))]),
                ],
                vec!["B.a"],
            ),
            (
                "through an alias, the field that holds the alias is boxed",
                vec![
                    strukt("A", &[("b", named("BAlias"))]),
                    alias("BAlias", named("B")),
                    strukt("B", &[("a", named("A"))]),
                ],
                vec!["B.a"],
            ),
            (
                "a union variant closes a cycle",
                vec![
                    union("Expr", &[("Not", named("Not")), ("Lit", TypeRef::Json)]),
                    strukt("Not", &[("inner", named("Expr"))]),
                ],
                vec!["Not.inner"],
            ),
        ];
        for (what, mut types, want) in cases {
            box_cycles(&mut types);
            assert_eq!(boxed(&types), want, "{what}");
        }
    }

    #[test]
    fn a_cycle_of_aliases_is_an_error_naming_the_first() {
        let types: BTreeMap<RustIdent, TypeDef> = [
            alias("A", named("B")),
            alias("B", named("A")),
            alias("C", named("D")),
        ]
        .into_iter()
        .map(|t| (t.name.clone(), t))
        .collect();
        let e = check_alias_cycles(&types).unwrap_err();
        assert_eq!(
            e.message,
            "`$ref` cycle through nothing but references: A → B → A"
        );
        assert_eq!(e.pointer.unwrap().as_str(), "#/components/schemas/A");

        let fine: BTreeMap<RustIdent, TypeDef> = [alias("C", named("D")), strukt("D", &[])]
            .into_iter()
            .map(|t| (t.name.clone(), t))
            .collect();
        assert!(check_alias_cycles(&fine).is_ok());
    }
}
