//! A `multipart/form-data` body: a part for each property of its schema,
//! files (`format: binary`) and values alike.

use super::OperationBuilder;
use crate::diag::{Error, Pointer, WarningKind};
use crate::model::resolve::resolve;
use crate::model::{BodyKind, Multipart, MultipartField, PartValue};
use crate::naming::{self, NameSet};
use openapiv3::ReferenceOr;

impl OperationBuilder<'_, '_, '_> {
    /// A `multipart/form-data` body: a part for each property of its (object) schema.
    pub(super) fn multipart(
        &mut self,
        schema: &ReferenceOr<openapiv3::Schema>,
        media: &openapiv3::MediaType,
        at: &Pointer,
    ) -> Result<BodyKind, Error> {
        use openapiv3::{SchemaKind, StringFormat, Type, VariantOrUnknownOrEmpty};
        let (schema, at) = resolve(self.doc, schema, at)?;
        let object = match &schema.schema_kind {
            SchemaKind::Type(Type::Object(o)) => o.clone(),
            SchemaKind::Any(a) if !a.properties.is_empty() => openapiv3::ObjectType {
                properties: a.properties.clone(),
                required: a.required.clone(),
                ..Default::default()
            },
            _ => {
                self.ctx.warn(
                    WarningKind::Unsupported,
                    &at,
                    "a multipart body whose schema is not an object with properties is sent as bytes the caller encodes",
                );
                return Ok(BodyKind::Bytes);
            }
        };
        let is_binary = |s: &openapiv3::Schema| {
            matches!(&s.schema_kind, SchemaKind::Type(Type::String(t))
                if matches!(&t.format, VariantOrUnknownOrEmpty::Item(StringFormat::Binary))
                    || matches!(&t.format, VariantOrUnknownOrEmpty::Unknown(f) if f == "base64"))
        };
        let mut names = NameSet::new();
        let mut fields = Vec::new();
        for (wire, property) in &object.properties {
            let property_at = at.push("properties").push(wire);
            let property = property.clone().unbox();
            let (resolved, _) = resolve(self.doc, &property, &property_at)?;
            let items_binary = match &resolved.schema_kind {
                SchemaKind::Type(Type::Array(a)) => match &a.items {
                    Some(items) => {
                        is_binary(&resolve(self.doc, &items.clone().unbox(), &property_at)?.0)
                    }
                    None => false,
                },
                _ => false,
            };
            let value = if is_binary(&resolved) {
                PartValue::File
            } else if items_binary {
                PartValue::Files
            } else {
                let hint = format!("{}{}", self.type_name, naming::type_name(wire));
                PartValue::Value(self.ctx.lower(&property, &hint, &property_at)?)
            };
            let content_type = media
                .encoding
                .get(wire)
                .and_then(|e| e.content_type.as_deref())
                .map(str::trim)
                .filter(|c| !c.contains(',') && !c.contains('*') && c.contains('/'))
                .map(String::from);
            fields.push(MultipartField {
                name: names.claim_with(&naming::field_name(wire), naming::numbered_field),
                wire_name: wire.clone(),
                value,
                required: object.required.contains(wire),
                content_type,
                doc: resolved.schema_data.description.clone(),
            });
        }
        Ok(BodyKind::Multipart(Multipart {
            // Named again by `request_body`, once repeats of one body are dropped.
            type_name: self.type_name.suffixed("Multipart"),
            media_type: String::new(),
            fields,
        }))
    }
}
