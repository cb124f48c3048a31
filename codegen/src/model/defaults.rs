//! How a field's `default` is written: a Rust literal of the field's type
//! where the value is one (`Some(0)`, `Some("dark".to_string())`,
//! `Some(State::Active)`), else its JSON text read at run time
//! (`json_default`). Dates, maps, objects and values that do not fit the
//! field's type are the second kind.

use super::{EnumRepr, Field, Model, Primitive, Tagging, TypeDef, TypeKind, TypeRef};
use crate::naming::RustIdent;
use serde_json::Value;

/// A default the generated code writes as a literal of the field's type.
#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    Bool(bool),
    Int(i64),
    UInt(u64),
    F32(f32),
    F64(f64),
    /// A `String`.
    Str(String),
    /// A listed variant of an enum type: `State::Active`.
    Variant {
        ty: RustIdent,
        variant: RustIdent,
    },
    /// A `Vec` of literals.
    List(Vec<Literal>),
    /// A variant of an untagged union, the first that takes the value:
    /// `Size::String2(SizeString2::Auto)`.
    Union {
        ty: RustIdent,
        variant: RustIdent,
        boxed: bool,
        value: Box<Literal>,
    },
}

/// What a field's default function returns, the type of the field itself.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldDefault {
    /// `Some(literal)`, each layer as the field's type wraps the value.
    Literal {
        literal: Literal,
        /// `Box::new(..)` around it: the field closes a cycle.
        boxed: bool,
        /// `Some(..)` around it once more: the field is optional and nullable
        /// (`Option<Option<T>>`).
        tri_state: bool,
    },
    /// `Some(None)`: an optional nullable field whose default is `null`.
    Null,
    /// The JSON text, read at run time into the field's type.
    Json(String),
}

/// How the default of `field` is written; `None` for a field without one.
pub fn field_default(model: &Model, field: &Field) -> Option<FieldDefault> {
    let value = field.default.as_ref()?;
    let inner = match &field.ty {
        TypeRef::Nullable(inner) => inner.as_ref(),
        other => other,
    };
    let tri_state = !field.required && field.tri_state;
    if tri_state && value.is_null() {
        return Some(FieldDefault::Null);
    }
    let lookup = |name: &str| model.find_type(name);
    Some(match literal(&lookup, inner, value, 0) {
        Some(literal) => FieldDefault::Literal {
            literal,
            boxed: field.boxed,
            tri_state,
        },
        None => FieldDefault::Json(value.to_string()),
    })
}

/// `value` as a literal of type `ty`, if it is one.
fn literal<'m>(
    lookup: &dyn Fn(&str) -> Option<&'m TypeDef>,
    ty: &TypeRef,
    value: &Value,
    depth: usize,
) -> Option<Literal> {
    match (ty, value) {
        (TypeRef::Primitive(p), value) => primitive(*p, value),
        (TypeRef::Array(item), Value::Array(items)) => items
            .iter()
            .map(|v| literal(lookup, item, v, depth))
            .collect::<Option<Vec<_>>>()
            .map(Literal::List),
        (TypeRef::Named(name), value) if depth < 16 => {
            let def = lookup(name)?;
            match &def.kind {
                TypeKind::Enum(e) => {
                    let text = match (e.repr, value) {
                        (EnumRepr::String, Value::String(s)) => s.clone(),
                        (EnumRepr::Integer, Value::Number(n)) if n.is_i64() => n.to_string(),
                        _ => return None,
                    };
                    let v = e.variants.iter().find(|v| v.value == text)?;
                    Some(Literal::Variant {
                        ty: def.name.clone(),
                        variant: v.name.clone(),
                    })
                }
                TypeKind::Alias(target) => literal(lookup, target, value, depth + 1),
                TypeKind::Union(u) if u.tagging == Tagging::Untagged => {
                    // The variant decoding would pick: the first that does not refuse the value.
                    for v in &u.variants {
                        if let Some(inner) = literal(lookup, &v.ty, value, depth + 1) {
                            return Some(Literal::Union {
                                ty: def.name.clone(),
                                variant: v.name.clone(),
                                boxed: v.boxed,
                                value: Box::new(inner),
                            });
                        }
                        if !refuses(lookup, &v.ty, value, depth + 1) {
                            return None;
                        }
                    }
                    None
                }
                TypeKind::Struct(_) | TypeKind::Union(_) => None,
            }
        }
        _ => None,
    }
}

/// Whether decoding `value` as `ty` surely fails: its JSON kind is not one
/// the type reads. `false` where it might succeed.
fn refuses<'m>(
    lookup: &dyn Fn(&str) -> Option<&'m TypeDef>,
    ty: &TypeRef,
    value: &Value,
    depth: usize,
) -> bool {
    match ty {
        TypeRef::Primitive(Primitive::Bool) => !value.is_boolean(),
        TypeRef::Primitive(
            Primitive::String
            | Primitive::Date
            | Primitive::DateTime
            | Primitive::Uuid
            | Primitive::Base64,
        ) => !value.is_string(),
        TypeRef::Primitive(_) => !value.is_number(),
        TypeRef::Array(_) => !value.is_array(),
        TypeRef::Map(_) | TypeRef::JsonObject => !value.is_object(),
        TypeRef::Nullable(inner) => !value.is_null() && refuses(lookup, inner, value, depth),
        TypeRef::Json => false,
        TypeRef::Named(_) if depth >= 16 => false,
        TypeRef::Named(name) => match lookup(name).map(|d| &d.kind) {
            // A derived struct reads a map or a sequence.
            Some(TypeKind::Struct(_)) => !value.is_object() && !value.is_array(),
            Some(TypeKind::Enum(e)) => match e.repr {
                EnumRepr::String => !value.is_string(),
                EnumRepr::Integer => !value.is_number(),
            },
            Some(TypeKind::Union(u)) => u
                .variants
                .iter()
                .all(|v| refuses(lookup, &v.ty, value, depth + 1)),
            Some(TypeKind::Alias(target)) => refuses(lookup, target, value, depth + 1),
            None => false,
        },
    }
}

fn primitive(p: Primitive, value: &Value) -> Option<Literal> {
    match (p, value) {
        (Primitive::Bool, Value::Bool(b)) => Some(Literal::Bool(*b)),
        (Primitive::String, Value::String(s)) => Some(Literal::Str(s.clone())),
        (Primitive::I32, Value::Number(n)) => {
            let i = n.as_i64()?;
            i32::try_from(i).ok().map(|_| Literal::Int(i))
        }
        (Primitive::I64, Value::Number(n)) => n.as_i64().map(Literal::Int),
        (Primitive::U32, Value::Number(n)) => {
            let u = n.as_u64()?;
            u32::try_from(u).ok().map(|_| Literal::UInt(u))
        }
        (Primitive::U64, Value::Number(n)) => n.as_u64().map(Literal::UInt),
        // As `serde_json` reads them: an `f64`, made an `f32` by `as`.
        (Primitive::F32, Value::Number(n)) => n.as_f64().map(|f| Literal::F32(f as f32)),
        (Primitive::F64, Value::Number(n)) => n.as_f64().map(Literal::F64),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::test_data::*;
    use serde_json::json;

    fn optional(ty: TypeRef, default: Value) -> Field {
        Field {
            required: false,
            default: Some(default),
            ..field("f", ty)
        }
    }

    fn lit(literal: Literal) -> Option<FieldDefault> {
        Some(FieldDefault::Literal {
            literal,
            boxed: false,
            tri_state: false,
        })
    }

    #[test]
    fn defaults_are_literals_where_the_value_is_one_of_the_type() {
        let model = model_with(
            vec![
                string_enum("State", &["active", "gone"]),
                alias("Limit", prim(Primitive::I32)),
                union(
                    "Size",
                    &[("Auto", named("State")), ("Pixels", prim(Primitive::I64))],
                ),
                union(
                    "Loose",
                    &[("Any", TypeRef::Json), ("Text", prim(Primitive::String))],
                ),
                union(
                    "Later",
                    &[
                        ("Flag", prim(Primitive::Bool)),
                        ("Text", prim(Primitive::String)),
                    ],
                ),
            ],
            Vec::new(),
        );
        let state = || Literal::Variant {
            ty: "State".into(),
            variant: "Active".into(),
        };
        let cases: Vec<(&str, Field, Option<FieldDefault>)> = vec![
            (
                "integer",
                optional(prim(Primitive::I64), json!(20)),
                lit(Literal::Int(20)),
            ),
            (
                "negative into an i32",
                optional(prim(Primitive::I32), json!(-3)),
                lit(Literal::Int(-3)),
            ),
            (
                "u32",
                optional(prim(Primitive::U32), json!(7)),
                lit(Literal::UInt(7)),
            ),
            (
                "float",
                optional(prim(Primitive::F64), json!(0.5)),
                lit(Literal::F64(0.5)),
            ),
            (
                "an integer for a float",
                optional(prim(Primitive::F32), json!(1)),
                lit(Literal::F32(1.0)),
            ),
            (
                "bool",
                optional(prim(Primitive::Bool), json!(false)),
                lit(Literal::Bool(false)),
            ),
            (
                "string",
                optional(prim(Primitive::String), json!("dark")),
                lit(Literal::Str("dark".into())),
            ),
            (
                "an enum's listed value",
                optional(named("State"), json!("active")),
                lit(state()),
            ),
            (
                "through an alias",
                optional(named("Limit"), json!(5)),
                lit(Literal::Int(5)),
            ),
            (
                "a list of literals",
                optional(array(prim(Primitive::String)), json!(["a"])),
                lit(Literal::List(vec![Literal::Str("a".into())])),
            ),
            (
                "an empty list",
                optional(array(named("State")), json!([])),
                lit(Literal::List(Vec::new())),
            ),
            (
                "nullable and optional: null is Some(None)",
                Field {
                    nullable: true,
                    tri_state: true,
                    ..optional(nullable(prim(Primitive::I64)), Value::Null)
                },
                Some(FieldDefault::Null),
            ),
            (
                "nullable and optional: a value is Some(Some(..))",
                Field {
                    nullable: true,
                    tri_state: true,
                    ..optional(nullable(prim(Primitive::I64)), json!(1))
                },
                Some(FieldDefault::Literal {
                    literal: Literal::Int(1),
                    boxed: false,
                    tri_state: true,
                }),
            ),
            // What a literal cannot say, or says otherwise than the type reads it.
            (
                "an enum's unlisted value",
                optional(named("State"), json!("new")),
                Some(FieldDefault::Json("\"new\"".into())),
            ),
            (
                "a date",
                optional(prim(Primitive::DateTime), json!("2020-01-01T00:00:00Z")),
                Some(FieldDefault::Json("\"2020-01-01T00:00:00Z\"".into())),
            ),
            (
                "out of range",
                optional(prim(Primitive::I32), json!(5_000_000_000i64)),
                Some(FieldDefault::Json("5000000000".into())),
            ),
            (
                "a fraction for an integer",
                optional(prim(Primitive::I64), json!(1.5)),
                Some(FieldDefault::Json("1.5".into())),
            ),
            (
                "a string for an integer",
                optional(prim(Primitive::I64), json!("10")),
                Some(FieldDefault::Json("\"10\"".into())),
            ),
            (
                "a map",
                optional(map(prim(Primitive::I64)), json!({"a": 1})),
                Some(FieldDefault::Json("{\"a\":1}".into())),
            ),
            (
                "the first variant of an untagged union that takes the value",
                optional(named("Size"), json!("active")),
                lit(Literal::Union {
                    ty: "Size".into(),
                    variant: "Auto".into(),
                    boxed: false,
                    value: Box::new(state()),
                }),
            ),
            (
                "a union's later variant, when the earlier ones refuse the value",
                optional(named("Later"), json!("x")),
                lit(Literal::Union {
                    ty: "Later".into(),
                    variant: "Text".into(),
                    boxed: false,
                    value: Box::new(Literal::Str("x".into())),
                }),
            ),
            (
                "a union whose first variant takes anything",
                optional(named("Loose"), json!("x")),
                Some(FieldDefault::Json("\"x\"".into())),
            ),
            (
                "a union's enum that would keep an unlisted value",
                optional(named("Size"), json!("huge")),
                Some(FieldDefault::Json("\"huge\"".into())),
            ),
            ("no default", field("f", prim(Primitive::I64)), None),
        ];
        for (what, field, want) in cases {
            assert_eq!(field_default(&model, &field), want, "{what}");
        }
    }
}
