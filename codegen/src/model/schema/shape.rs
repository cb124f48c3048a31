//! What a schema becomes, by its `type` or, without one, by the keywords it has.

use super::{enums, nullable, Hint, Lowering, Shape};
use crate::diag::{Error, Pointer, WarningKind};
use crate::model::{Primitive, TypeKind, TypeRef};
use crate::naming;
use openapiv3::{ReferenceOr, Schema, SchemaKind, Type};

impl Lowering<'_> {
    /// What a schema becomes, by its `type`.
    pub(super) fn shape(
        &mut self,
        schema: &Schema,
        name: &str,
        at: &Pointer,
    ) -> Result<Shape, Error> {
        Ok(match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) => match enums::string_enum(&s.enumeration) {
                Some(e) => Shape::Def(TypeKind::Enum(e)),
                // `enum: [null]` lists no string.
                None if !s.enumeration.is_empty() => {
                    Shape::Inline(TypeRef::Primitive(Primitive::String))
                }
                None => Shape::Inline(TypeRef::Primitive(self.string_format(&s.format, at))),
            },
            SchemaKind::Type(Type::Integer(i)) => match enums::integer_enum(&i.enumeration) {
                Some(e) => Shape::Def(TypeKind::Enum(e)),
                None => Shape::Inline(TypeRef::Primitive(self.integer_format(&i.format, at))),
            },
            SchemaKind::Type(Type::Number(n)) => {
                Shape::Inline(TypeRef::Primitive(self.number_format(&n.format, at)))
            }
            SchemaKind::Type(Type::Boolean(_)) => {
                Shape::Inline(TypeRef::Primitive(Primitive::Bool))
            }
            SchemaKind::Type(Type::Array(a)) => self.array(a.items.as_ref(), name, at)?,
            SchemaKind::Type(Type::Object(o)) => self.object(
                &o.properties,
                &o.required,
                o.additional_properties.as_ref(),
                name,
                at,
            )?,
            SchemaKind::OneOf { one_of } => self.union(one_of, schema, name, at, "oneOf")?,
            SchemaKind::AnyOf { any_of } => self.union(any_of, schema, name, at, "anyOf")?,
            SchemaKind::AllOf { all_of } => self.all_of(all_of, name, at)?,
            SchemaKind::Not { .. } => {
                self.warn(
                    WarningKind::SchemaFallback,
                    at,
                    "`not` has no Rust type; typed as any JSON value",
                );
                Shape::Inline(TypeRef::Json)
            }
            SchemaKind::Any(any) => self.any(any, schema, name, at)?,
        })
    }

    /// `type: array`: a `Vec` of the items' type (`null` items make it a `Vec` of `Option`s).
    fn array(
        &mut self,
        items: Option<&ReferenceOr<Box<Schema>>>,
        name: &str,
        at: &Pointer,
    ) -> Result<Shape, Error> {
        let item = match items {
            Some(items) => {
                let t = self.lower_hinted(items, Hint::Item { list: name }, &at.push("items"))?;
                if self.is_nullable_boxed(items) {
                    nullable(t)
                } else {
                    t
                }
            }
            None => TypeRef::Json,
        };
        Ok(Shape::Inline(TypeRef::Array(Box::new(item))))
    }

    /// The name an item of the list `name` takes if it needs one: the list's
    /// name in the singular, unless another type has it (`Pets` of `Pet`);
    /// else the list's name and `Item`.
    pub(super) fn item_hint(&self, name: &str) -> String {
        naming::item_name(name)
            .filter(|one| !self.names.contains(one))
            .map(String::from)
            .unwrap_or_else(|| format!("{name}Item"))
    }

    /// A schema without `type`: what its keywords make it (`allOf`, `properties`,
    /// `oneOf`, `anyOf`, `items`, `enum`), else any JSON value.
    pub(super) fn any(
        &mut self,
        any: &openapiv3::AnySchema,
        schema: &Schema,
        name: &str,
        at: &Pointer,
    ) -> Result<Shape, Error> {
        if !any.all_of.is_empty() {
            let mut parts = any.all_of.clone();
            if !any.properties.is_empty() {
                let mut own = any.clone();
                own.all_of.clear();
                own.one_of.clear();
                own.any_of.clear();
                parts.push(ReferenceOr::Item(Schema {
                    schema_data: Default::default(),
                    schema_kind: SchemaKind::Any(own),
                }));
            }
            return self.all_of(&parts, name, at);
        }
        if !any.properties.is_empty() || any.typ.as_deref() == Some("object") {
            return self.object(
                &any.properties,
                &any.required,
                any.additional_properties.as_ref(),
                name,
                at,
            );
        }
        if !any.one_of.is_empty() {
            return self.union(&any.one_of, schema, name, at, "oneOf");
        }
        if !any.any_of.is_empty() {
            return self.union(&any.any_of, schema, name, at, "anyOf");
        }
        if any.items.is_some() || any.typ.as_deref() == Some("array") {
            let item = match &any.items {
                Some(items) => {
                    self.lower_hinted(items, Hint::Item { list: name }, &at.push("items"))?
                }
                None => TypeRef::Json,
            };
            return Ok(Shape::Inline(TypeRef::Array(Box::new(item))));
        }
        if !any.enumeration.is_empty() {
            if let Some(e) = enums::untyped_enum(&any.enumeration) {
                return Ok(Shape::Def(TypeKind::Enum(e)));
            }
            self.warn(
                WarningKind::SchemaFallback,
                at,
                "an `enum` whose values are not all strings (or all integers) has no Rust enum; typed as any JSON value",
            );
            return Ok(Shape::Inline(TypeRef::Json));
        }
        Ok(Shape::Inline(match any.typ.as_deref() {
            Some("string") => TypeRef::Primitive(Primitive::String),
            Some("integer") => TypeRef::Primitive(Primitive::I64),
            Some("number") => TypeRef::Primitive(Primitive::F64),
            Some("boolean") => TypeRef::Primitive(Primitive::Bool),
            _ => TypeRef::Json,
        }))
    }
}
