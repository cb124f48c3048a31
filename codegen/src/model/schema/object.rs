//! Object schemas: `properties` → struct fields, `additionalProperties` → a
//! map of the rest, `default`s checked against the field's type.

use super::{docs, nullable, Hint, Lowering, Shape};
use crate::diag::{Error, Pointer, WarningKind};
use crate::model::{Field, Primitive, Struct, TypeKind, TypeRef};
use crate::naming::{self, NameSet};
use openapiv3::{AdditionalProperties, ReferenceOr, Schema};

impl Lowering<'_> {
    /// A `default` the field's type can hold, or a warning and none.
    pub(super) fn checked_default(
        &mut self,
        value: serde_json::Value,
        ty: &TypeRef,
        at: &Pointer,
    ) -> Option<serde_json::Value> {
        use serde_json::Value as J;
        let fits = match (ty, &value) {
            (_, J::Null) => true,
            (TypeRef::Primitive(Primitive::Bool), v) => v.is_boolean(),
            (
                TypeRef::Primitive(
                    Primitive::I32 | Primitive::I64 | Primitive::U32 | Primitive::U64,
                ),
                v,
            ) => v.is_i64() || v.is_u64(),
            (TypeRef::Primitive(Primitive::F32 | Primitive::F64), v) => v.is_number(),
            (TypeRef::Primitive(_), v) => v.is_string(),
            (TypeRef::Array(_), v) => v.is_array(),
            (TypeRef::Map(_) | TypeRef::JsonObject, v) => v.is_object(),
            (TypeRef::Named(_) | TypeRef::Nullable(_) | TypeRef::Json, _) => true,
        };
        if fits {
            Some(value)
        } else {
            self.warn(
                WarningKind::SchemaFallback,
                &at.push("default"),
                format!("`default: {value}` does not fit the property's type; it is not applied"),
            );
            None
        }
    }

    /// An object schema: a struct when it has properties, a map otherwise.
    pub(super) fn object(
        &mut self,
        properties: &indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>,
        required: &[String],
        additional: Option<&AdditionalProperties>,
        name: &str,
        at: &Pointer,
    ) -> Result<Shape, Error> {
        let extra = match additional {
            None | Some(AdditionalProperties::Any(true)) => Some(TypeRef::Json),
            Some(AdditionalProperties::Any(false)) => None,
            Some(AdditionalProperties::Schema(s)) => {
                let t = self.lower(s, &format!("{name}Value"), &at.push("additionalProperties"))?;
                Some(if self.is_nullable(s) { nullable(t) } else { t })
            }
        };
        if properties.is_empty() {
            return Ok(Shape::Inline(match extra {
                Some(TypeRef::Json) | None => TypeRef::JsonObject,
                Some(t) => TypeRef::Map(Box::new(t)),
            }));
        }
        let mut fields = Vec::new();
        let mut field_names = NameSet::new();
        let props_at = at.push("properties");
        for (wire, prop) in properties {
            let rust = field_names.claim_with(&naming::field_name(wire), naming::numbered_field);
            let required = required.iter().any(|r| r == wire);
            fields.push(self.field(rust, wire, prop, required, name, &props_at.push(wire))?);
        }
        // Only when the document says so: an object that merely does not
        // forbid other properties gets no catch-all map.
        let additional = match additional {
            Some(AdditionalProperties::Any(true)) => Some(TypeRef::Json),
            Some(AdditionalProperties::Schema(_)) => extra,
            _ => None,
        };
        let additional_name = field_names.claim_with(
            &naming::field_name("additional_properties"),
            naming::numbered_field,
        );
        Ok(Shape::Def(TypeKind::Struct(Struct {
            fields,
            additional,
            additional_name,
            sent: false,
        })))
    }

    /// The field for property `wire` of the struct `name`.
    fn field(
        &mut self,
        rust: crate::naming::RustIdent,
        wire: &str,
        prop: &ReferenceOr<Box<Schema>>,
        required: bool,
        name: &str,
        prop_at: &Pointer,
    ) -> Result<Field, Error> {
        let hint = Hint::Property { owner: name, wire };
        let ty = self.lower_hinted(prop, hint, prop_at)?;
        // The flags and default of the schema the property is (or names),
        // read in place rather than from a copy of it.
        let (flags, default) = match self.resolve_boxed(prop) {
            Some(s) => {
                let d = &s.schema_data;
                let flags = [d.read_only, d.write_only, d.nullable, d.deprecated];
                (flags, d.default.clone())
            }
            None => ([false; 4], None),
        };
        let [read_only, write_only, nullable_flag, deprecated] = flags;
        // `oneOf: [null, X]` arrives as a nullable type: the field says so instead.
        let (ty, nullable) = match ty {
            TypeRef::Nullable(inner) => (*inner, true),
            other => (other, nullable_flag),
        };
        // A read-only property is not sent in requests, a write-only one
        // not in responses: either may be absent, whatever `required` says.
        let required = required && !read_only && !write_only;
        let default = match default {
            Some(v) if !required => self.checked_default(v, &ty, prop_at),
            _ => None,
        };
        // A referenced schema documents its type, not this field.
        let mut doc = match prop {
            ReferenceOr::Item(s) => docs::field_doc(s),
            ReferenceOr::Reference { .. } => None,
        };
        let mut notes = Vec::new();
        if read_only {
            notes.push("Read-only: the server sets it; a request may leave it out.");
        }
        if write_only {
            notes.push("Write-only: a request sends it; a response leaves it out.");
        }
        if !notes.is_empty() {
            doc = docs::join_doc(
                doc.into_iter()
                    .chain(notes.iter().map(|n| n.to_string()))
                    .collect(),
            );
        }
        Ok(Field {
            name: rust,
            wire_name: wire.to_string(),
            ty,
            required,
            nullable,
            doc,
            deprecated,
            boxed: false,
            // Settled by `finish`, once it is known which types requests send.
            tri_state: false,
            default,
            read_only,
            write_only,
        })
    }
}
