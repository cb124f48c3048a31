//! Whole-graph passes: each asks one question of all the types at once,
//! after every schema has been lowered.
//!
//! - [`untagged`]: the order in which an untagged union tries its variants;
//! - [`nullable_aliases`]: a nullable alias used as nullable is seen through;
//! - [`direction`]: what a request sends (tri-state fields) and what a
//!   response receives (defaults), from [`reachable`];
//! - [`cycles`]: boxing the edges that close a cycle, refusing a cycle of `$ref`s;
//! - [`dedupe`]: identical inline types become one (over the whole model).

pub mod cycles;
pub mod dedupe;
pub mod direction;
pub mod nullable_aliases;
pub mod reachable;
pub mod untagged;

use super::{Operation, TypeDef};

/// Runs the passes over the lowered types, in the order each needs the one
/// before: variants are ordered before aliases are seen through, and the
/// direction is settled before cycles are boxed.
pub fn finish(types: &mut [TypeDef], operations: &[Operation]) {
    untagged::order_untagged(types);
    nullable_aliases::see_through_nullable_aliases(types);
    direction::by_direction(types, operations);
    cycles::box_cycles(types);
}

/// Small types for the passes' tests.
#[cfg(test)]
pub(crate) mod test_types {
    use crate::diag::Pointer;
    use crate::model::*;

    fn def(name: &str, kind: TypeKind) -> TypeDef {
        TypeDef {
            name: name.to_string(),
            pointer: Pointer::root()
                .push("components")
                .push("schemas")
                .push(name),
            doc: None,
            deprecated: false,
            kind,
        }
    }

    pub fn field(name: &str, ty: TypeRef) -> Field {
        Field {
            name: name.to_string(),
            wire_name: name.to_string(),
            ty,
            required: true,
            nullable: false,
            doc: None,
            deprecated: false,
            boxed: false,
            tri_state: false,
            default: None,
            read_only: false,
            write_only: false,
        }
    }

    pub fn strukt(name: &str, fields: &[(&str, TypeRef)]) -> TypeDef {
        struct_of(
            name,
            fields.iter().map(|(n, t)| field(n, t.clone())).collect(),
        )
    }

    pub fn struct_of(name: &str, fields: Vec<Field>) -> TypeDef {
        def(
            name,
            TypeKind::Struct(Struct {
                fields,
                additional: None,
                additional_name: "additional_properties".to_string(),
            }),
        )
    }

    pub fn union(name: &str, variants: &[(&str, TypeRef)]) -> TypeDef {
        def(
            name,
            TypeKind::Union(Union {
                variants: variants
                    .iter()
                    .map(|(n, t)| UnionVariant {
                        name: n.to_string(),
                        ty: t.clone(),
                        boxed: false,
                        tags: Vec::new(),
                        known_values_only: None,
                    })
                    .collect(),
                tagging: Tagging::Untagged,
            }),
        )
    }

    pub fn string_enum(name: &str, values: &[&str]) -> TypeDef {
        def(
            name,
            TypeKind::Enum(Enum {
                variants: values
                    .iter()
                    .map(|v| EnumVariant {
                        name: crate::naming::variant_name(v),
                        value: v.to_string(),
                    })
                    .collect(),
                other: "Other".to_string(),
                repr: EnumRepr::String,
            }),
        )
    }

    pub fn alias(name: &str, to: TypeRef) -> TypeDef {
        def(name, TypeKind::Alias(to))
    }

    pub fn named(n: &str) -> TypeRef {
        TypeRef::Named(n.to_string())
    }

    pub fn array(t: TypeRef) -> TypeRef {
        TypeRef::Array(Box::new(t))
    }

    pub fn map(t: TypeRef) -> TypeRef {
        TypeRef::Map(Box::new(t))
    }

    pub fn nullable(t: TypeRef) -> TypeRef {
        TypeRef::Nullable(Box::new(t))
    }

    pub fn prim(p: Primitive) -> TypeRef {
        TypeRef::Primitive(p)
    }
}
