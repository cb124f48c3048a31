//! Which types a value can hold: the types reached from some roots through
//! fields, variants, items, map values and aliases.

use crate::model::{TypeDef, TypeKind, TypeRef};
use std::collections::HashMap;

/// Which types a value of one of `roots` can hold, by index.
pub fn reachable<'t>(types: &[TypeDef], roots: impl Iterator<Item = &'t TypeRef>) -> Vec<bool> {
    let index: HashMap<&str, usize> = types
        .iter()
        .enumerate()
        .map(|(i, t)| (t.name.as_str(), i))
        .collect();
    fn names<'a>(t: &'a TypeRef, out: &mut Vec<&'a str>) {
        match t {
            TypeRef::Named(n) => out.push(n),
            TypeRef::Array(t) | TypeRef::Map(t) | TypeRef::Nullable(t) => names(t, out),
            _ => {}
        }
    }
    let mut todo = Vec::new();
    for t in roots {
        names(t, &mut todo);
    }
    let mut reached = vec![false; types.len()];
    while let Some(name) = todo.pop() {
        let Some(&i) = index.get(name) else { continue };
        if std::mem::replace(&mut reached[i], true) {
            continue;
        }
        match &types[i].kind {
            TypeKind::Struct(s) => {
                for f in &s.fields {
                    names(&f.ty, &mut todo);
                }
                if let Some(a) = &s.additional {
                    names(a, &mut todo);
                }
            }
            TypeKind::Union(u) => u.variants.iter().for_each(|v| names(&v.ty, &mut todo)),
            TypeKind::Alias(t) => names(t, &mut todo),
            TypeKind::Enum(_) => {}
        }
    }
    reached
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::test_data::*;

    #[test]
    fn reaches_through_fields_items_maps_variants_and_aliases() {
        let types = [
            strukt("A", &[("b", array(named("B")))]),
            strukt("B", &[("c", map(nullable(named("C"))))]),
            union("C", &[("D", named("DAlias")), ("Any", TypeRef::Json)]),
            alias("DAlias", named("D")),
            string_enum("D", &["x"]),
            strukt("Unused", &[("a", named("A"))]),
        ];
        let cases: Vec<(Vec<TypeRef>, [bool; 6])> = vec![
            (vec![named("A")], [true, true, true, true, true, false]),
            (
                vec![array(named("C"))],
                [false, false, true, true, true, false],
            ),
            (vec![named("Unused")], [true; 6]),
            (vec![named("Missing"), TypeRef::Json], [false; 6]),
            (vec![], [false; 6]),
        ];
        for (roots, want) in cases {
            assert_eq!(reachable(&types, roots.iter()), want, "from {roots:?}");
        }
    }

    #[test]
    fn a_cycle_ends_the_walk() {
        let types = [strukt("A", &[("a", named("A"))])];
        assert_eq!(reachable(&types, [named("A")].iter()), [true]);
    }
}
