//! `requestBody` → the body argument: its type by media type, or a choice
//! of media types when there are several.

use super::media::{media_kind, MediaKind};
use super::OperationBuilder;
use crate::diag::{Error, Pointer, WarningKind};
use crate::model::resolve::resolve;
use crate::model::{
    BodyKind, Choice, ChoiceOption, FormEncoding, ParamStyle, RequestBody, TypeRef,
};
use crate::naming::{self, NameSet};
use openapiv3::ReferenceOr;

impl OperationBuilder<'_, '_, '_> {
    pub(super) fn request_body(
        &mut self,
        body: &ReferenceOr<openapiv3::RequestBody>,
    ) -> Result<Option<RequestBody>, Error> {
        let (body, at) = resolve(self.doc, body, &self.at.push("requestBody"))?;
        let mut contents: Vec<(&String, &openapiv3::MediaType)> = body.content.iter().collect();
        // Preferred first: JSON, form, multipart, text, bytes; the document's order within a kind.
        contents.sort_by_key(|(k, _)| media_kind(k));
        let Some((media_type, _)) = contents.first() else {
            return Ok(None);
        };
        let media_type = (*media_type).clone();
        let mut kinds: Vec<(String, MediaKind, BodyKind)> = Vec::new();
        for (name, media) in &contents {
            let kind = self.body_kind(name, media, &at.push("content").push(name))?;
            // Two JSON (or multipart) media types of one schema are one choice.
            if !kinds.iter().any(|(_, _, k)| *k == kind) {
                kinds.push(((*name).clone(), media_kind(name), kind));
            }
        }
        // Each multipart body its own struct: `PetMultipart`, `PetMultipart2`.
        for (media_type, _, kind) in &mut kinds {
            if let BodyKind::Multipart(m) = kind {
                m.type_name = self.own_type("Multipart");
                m.media_type = media_type.clone();
            }
        }
        let kind = if kinds.len() == 1 {
            kinds.remove(0).2
        } else {
            let mut names = NameSet::new();
            let options = kinds
                .iter()
                .map(|(media_type, media_kind, kind)| {
                    let same_kind = kinds.iter().filter(|(_, k, _)| k == media_kind).count();
                    let stem = if same_kind == 1 {
                        naming::variant_name(&format!("{media_kind:?}"))
                    } else {
                        naming::type_name(media_type)
                    };
                    ChoiceOption {
                        variant: names.claim(&stem),
                        media_type: media_type.clone(),
                        kind: kind.clone(),
                    }
                })
                .collect();
            BodyKind::Choice(Choice {
                type_name: self.own_type("Content"),
                options,
                large_variant: false,
            })
        };
        Ok(Some(RequestBody {
            media_type,
            kind,
            required: body.required,
            doc: body.description.clone(),
        }))
    }

    fn body_kind(
        &mut self,
        media_type: &str,
        media: &openapiv3::MediaType,
        media_at: &Pointer,
    ) -> Result<BodyKind, Error> {
        let hint = format!("{}Body", self.type_name);
        let schema_type = |this: &mut Self| -> Result<TypeRef, Error> {
            match &media.schema {
                Some(s) => this.ctx.lower(s, &hint, &media_at.push("schema")),
                None => Ok(TypeRef::Json),
            }
        };
        Ok(match media_kind(media_type) {
            MediaKind::Json => BodyKind::Json(schema_type(self)?),
            MediaKind::Form => {
                let encodings = self.form_encodings(media, media_at);
                BodyKind::Form(schema_type(self)?, encodings)
            }
            MediaKind::Text => BodyKind::Text,
            MediaKind::Bytes => BodyKind::Bytes,
            MediaKind::Multipart => match &media.schema {
                Some(schema) => self.multipart(schema, media, &media_at.push("schema"))?,
                None => {
                    self.ctx.warn(
                        WarningKind::Unsupported,
                        media_at,
                        "a multipart body without a schema is sent as bytes the caller encodes",
                    );
                    BodyKind::Bytes
                }
            },
        })
    }

    /// The `encoding`s of a form body's properties that say more than the
    /// default (`form`, exploded).
    fn form_encodings(
        &self,
        media: &openapiv3::MediaType,
        media_at: &Pointer,
    ) -> Vec<FormEncoding> {
        // `openapiv3` reads a missing `explode` as false; the document's
        // text says whether it was there (its default is true for `form`).
        let explicit_explode = |property: &str| {
            self.doc
                .raw
                .pointer(
                    media_at
                        .push("encoding")
                        .push(property)
                        .push("explode")
                        .json_pointer(),
                )
                .and_then(serde_json::Value::as_bool)
        };
        media
            .encoding
            .iter()
            .filter_map(|(property, e)| {
                let explode = explicit_explode(property);
                if e.style.is_none() && explode.is_none() {
                    return None;
                }
                let style = match e.style {
                    Some(openapiv3::QueryStyle::DeepObject) => ParamStyle::DeepObject,
                    Some(openapiv3::QueryStyle::SpaceDelimited) => ParamStyle::SpaceDelimited,
                    Some(openapiv3::QueryStyle::PipeDelimited) => ParamStyle::PipeDelimited,
                    _ => ParamStyle::Form,
                };
                Some(FormEncoding {
                    property: property.clone(),
                    style,
                    explode: explode.unwrap_or(style == ParamStyle::Form),
                })
            })
            .collect()
    }
}
