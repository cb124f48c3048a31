//! A variant that several tags pick keeps the tag it arrived with.
//!
//! Encoding a tagged union writes the variant and adds its first tag when the
//! variant's own type does not hold the tag property. That is faithful when
//! one tag picks the variant; when several do (`any` and `custom` both map to
//! `AnyEvent`), a value that arrived as `custom` would go back as `any`. So a
//! struct that several tags pick, and that neither lists the property nor
//! keeps unlisted properties, gets an optional field for it: decoding fills
//! it, encoding writes it back, and a value built without it gets the first tag.

use crate::model::{Field, Primitive, Tagging, TypeDef, TypeKind, TypeRef};
use crate::naming::{self, NameSet, RustIdent};
use std::collections::{BTreeMap, HashMap};

/// Adds the tag field to every struct that needs one (see the module docs).
pub fn keep_tags(types: &mut [TypeDef]) {
    let index: HashMap<RustIdent, usize> = types
        .iter()
        .enumerate()
        .map(|(i, t)| (t.name.clone(), i))
        .collect();
    // Struct index → the property and the tags (of the first union that needs it).
    let mut needed: BTreeMap<(usize, String), (RustIdent, Vec<String>)> = BTreeMap::new();
    for t in types.iter() {
        let TypeKind::Union(u) = &t.kind else {
            continue;
        };
        let Tagging::Tag { property, .. } = &u.tagging else {
            continue;
        };
        for v in u.variants.iter().filter(|v| v.tags.len() > 1) {
            let Some(target) = struct_behind(&v.ty, types, &index) else {
                continue;
            };
            let TypeKind::Struct(s) = &types[target].kind else {
                continue;
            };
            let holds = s.additional.is_some() || s.fields.iter().any(|f| &f.wire_name == property);
            if !holds {
                needed
                    .entry((target, property.clone()))
                    .or_insert_with(|| (t.name.clone(), v.tags.clone()));
            }
        }
    }
    for ((target, property), (union, tags)) in needed {
        let TypeKind::Struct(s) = &mut types[target].kind else {
            continue;
        };
        let mut names = NameSet::new();
        for f in &s.fields {
            names.reserve(&f.name);
        }
        names.reserve(&s.additional_name);
        let listed: Vec<String> = tags.iter().map(|t| format!("`{t}`")).collect();
        let doc = format!(
            "The `{property}` that picked this type in `{union}` ({}), kept so that it is sent back as it arrived; left out, `{}` is sent.",
            listed.join(", "),
            tags[0]
        );
        s.fields.push(Field {
            name: names.claim_with(&naming::field_name(&property), naming::numbered_field),
            wire_name: property,
            ty: TypeRef::Primitive(Primitive::String),
            required: false,
            nullable: false,
            doc: Some(doc),
            deprecated: false,
            boxed: false,
            tri_state: false,
            default: None,
            read_only: false,
            write_only: false,
        });
    }
}

/// The struct a variant's type names, through aliases.
fn struct_behind(
    ty: &TypeRef,
    types: &[TypeDef],
    index: &HashMap<RustIdent, usize>,
) -> Option<usize> {
    let mut ty = ty;
    // An alias chain is no longer than the number of types (cycles are refused earlier).
    for _ in 0..=types.len() {
        let TypeRef::Named(name) = ty else {
            return None;
        };
        let i = *index.get(name)?;
        match &types[i].kind {
            TypeKind::Struct(_) => return Some(i),
            TypeKind::Alias(next) => ty = next,
            _ => return None,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::test_data::*;

    fn tagged(name: &str, variants: &[(&str, &[&str])]) -> TypeDef {
        let mut def = union(
            name,
            &variants
                .iter()
                .map(|(n, _)| (*n, named(n)))
                .collect::<Vec<_>>(),
        );
        if let TypeKind::Union(u) = &mut def.kind {
            for (v, (_, tags)) in u.variants.iter_mut().zip(variants) {
                v.tags = tags.iter().map(|t| t.to_string()).collect();
            }
            u.tagging = Tagging::Tag {
                property: "type".into(),
                other: "Other".into(),
            };
        }
        def
    }

    fn field_names(t: &TypeDef) -> Vec<(&str, &str, bool)> {
        match &t.kind {
            TypeKind::Struct(s) => s
                .fields
                .iter()
                .map(|f| (f.name.as_str(), f.wire_name.as_str(), f.required))
                .collect(),
            _ => Vec::new(),
        }
    }

    #[test]
    fn only_a_struct_that_several_tags_pick_and_that_drops_the_tag_gets_a_field() {
        let string = || prim(Primitive::String);
        let mut open = strukt("Open", &[("id", string())]);
        if let TypeKind::Struct(s) = &mut open.kind {
            s.additional = Some(TypeRef::Json);
        }
        let mut types = vec![
            // `r#type` is taken by another property's Rust name.
            strukt("AnyEvent", &[("r#type", string())]),
            alias("Aliased", named("Plain")),
            tagged(
                "Event",
                &[
                    ("AnyEvent", &["any", "custom"]),
                    ("Holds", &["h1", "h2"]),
                    ("Open", &["o1", "o2"]),
                    ("One", &["one"]),
                    ("Aliased", &["a1", "a2"]),
                ],
            ),
            strukt("Holds", &[("r#type", string())]),
            strukt("One", &[]),
            open,
            strukt("Plain", &[]),
        ];
        // `AnyEvent`'s field is `r#type` in Rust but `kind` on the wire;
        // `Holds`' is `type` on the wire.
        if let TypeKind::Struct(s) = &mut types[0].kind {
            s.fields[0].wire_name = "kind".into();
        }
        if let TypeKind::Struct(s) = &mut types[3].kind {
            s.fields[0].wire_name = "type".into();
        }
        keep_tags(&mut types);
        assert_eq!(
            field_names(&types[0]),
            [("r#type", "kind", true), ("type_2", "type", false)]
        );
        assert_eq!(field_names(&types[3]), [("r#type", "type", true)]);
        assert_eq!(field_names(&types[4]), []);
        assert_eq!(field_names(&types[5]), [("id", "id", true)]);
        assert_eq!(field_names(&types[6]), [("r#type", "type", false)]);
    }
}
