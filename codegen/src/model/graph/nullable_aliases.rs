//! Nullable aliases seen through, so that `null` is one `Option`, not two.

use crate::model::{TypeDef, TypeKind, TypeRef};
use std::collections::HashMap;

/// A nullable component that is not a struct or an enum is an alias of an
/// `Option` (`type NullableName = Option<String>`). Where such a name is
/// used as nullable again (a field or item that resolves to a nullable
/// schema), its target is written instead, so `null` is one `Option`, not two.
pub fn see_through_nullable_aliases(types: &mut [TypeDef]) {
    let aliases: HashMap<crate::naming::RustIdent, TypeRef> = types
        .iter()
        .filter_map(|t| match &t.kind {
            TypeKind::Alias(TypeRef::Nullable(inner)) => Some((t.name.clone(), (**inner).clone())),
            _ => None,
        })
        .collect();
    if aliases.is_empty() {
        return;
    }
    fn rewrite(t: &mut TypeRef, aliases: &HashMap<crate::naming::RustIdent, TypeRef>) {
        match t {
            TypeRef::Nullable(inner) => match inner.as_ref() {
                TypeRef::Named(n) if aliases.contains_key(n) => {
                    **inner = aliases[n].clone();
                }
                _ => rewrite(inner, aliases),
            },
            TypeRef::Array(inner) | TypeRef::Map(inner) => rewrite(inner, aliases),
            _ => {}
        }
    }
    for t in types.iter_mut() {
        match &mut t.kind {
            TypeKind::Struct(s) => {
                for f in &mut s.fields {
                    if let TypeRef::Named(n) = &f.ty {
                        if f.nullable {
                            if let Some(inner) = aliases.get(n) {
                                f.ty = inner.clone();
                            }
                        }
                    }
                    rewrite(&mut f.ty, &aliases);
                }
                if let Some(a) = &mut s.additional {
                    rewrite(a, &aliases);
                }
            }
            TypeKind::Union(u) => u
                .variants
                .iter_mut()
                .for_each(|v| rewrite(&mut v.ty, &aliases)),
            TypeKind::Alias(a) => {
                if let TypeRef::Nullable(inner) = a {
                    rewrite(inner, &aliases);
                } else {
                    rewrite(a, &aliases);
                }
            }
            TypeKind::Enum(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::test_data::*;
    use crate::model::Primitive;

    #[test]
    fn a_nullable_use_of_a_nullable_alias_writes_its_target() {
        let string = || prim(Primitive::String);
        let mut nullable_field = field("maybe", named("NullableName"));
        nullable_field.nullable = true;
        let mut types = vec![
            alias("NullableName", nullable(string())),
            struct_of(
                "User",
                vec![
                    nullable_field,
                    field("plain", named("NullableName")),
                    field("items", array(nullable(named("NullableName")))),
                ],
            ),
            union("U", &[("Name", nullable(named("NullableName")))]),
        ];
        see_through_nullable_aliases(&mut types);
        let TypeKind::Struct(s) = &types[1].kind else {
            unreachable!()
        };
        let fields: Vec<&TypeRef> = s.fields.iter().map(|f| &f.ty).collect();
        assert_eq!(
            fields,
            [
                &string(),
                &named("NullableName"),
                &array(nullable(string()))
            ]
        );
        let TypeKind::Union(u) = &types[2].kind else {
            unreachable!()
        };
        assert_eq!(u.variants[0].ty, nullable(string()));
        assert_eq!(types[0].kind, TypeKind::Alias(nullable(string())));
    }
}
