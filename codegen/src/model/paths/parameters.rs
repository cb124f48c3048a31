//! `parameters` → arguments: the path item's and the operation's own, merged,
//! each with its Rust name, type, location, `style` and `explode`.

use super::media::{media_kind, MediaKind};
use super::OperationBuilder;
use crate::diag::{Error, Pointer, WarningKind};
use crate::model::resolve::resolve;
use crate::model::{Location, ParamStyle, Parameter, Primitive, TypeRef};
use crate::naming::{self, NameSet, BUILDER_MEMBERS};
use openapiv3::{ParameterSchemaOrContent, ReferenceOr};

impl OperationBuilder<'_, '_, '_> {
    /// The operation's parameters: the path item's, replaced by the
    /// operation's own of the same name and place, then the operation's others.
    pub(super) fn parameters(
        &mut self,
        op: &openapiv3::Operation,
        path_level: &[ReferenceOr<openapiv3::Parameter>],
    ) -> Result<Vec<Parameter>, Error> {
        let merged = self.merged(op, path_level)?;
        let mut names = NameSet::new();
        for reserved in BUILDER_MEMBERS {
            names.reserve(reserved);
        }
        let mut out = Vec::new();
        for (p, at) in merged {
            let name = names.claim_with(
                &naming::parameter_name(&p.parameter_data_ref().name),
                naming::numbered_field,
            );
            out.push(self.parameter(p, name, &at)?);
        }
        Ok(out)
    }

    /// Path-level parameters first, replaced by operation-level ones of the same name and place.
    fn merged(
        &self,
        op: &openapiv3::Operation,
        path_level: &[ReferenceOr<openapiv3::Parameter>],
    ) -> Result<Vec<(openapiv3::Parameter, Pointer)>, Error> {
        let mut merged: Vec<(openapiv3::Parameter, Pointer)> = Vec::new();
        let path_item_at = Pointer::root()
            .push("paths")
            .push(self.at.tokens().nth(1).unwrap_or_default());
        for (i, p) in path_level.iter().enumerate() {
            let (p, at) = resolve(
                self.doc,
                p,
                &path_item_at.push("parameters").push(i.to_string()),
            )?;
            merged.push((p.into_owned(), at));
        }
        for (i, p) in op.parameters.iter().enumerate() {
            let (p, at) = resolve(self.doc, p, &self.at.push("parameters").push(i.to_string()))?;
            let p = p.into_owned();
            let key = (p.parameter_data_ref().name.clone(), location_of(&p));
            if let Some(slot) = merged
                .iter_mut()
                .find(|(q, _)| (q.parameter_data_ref().name.clone(), location_of(q)) == key)
            {
                *slot = (p, at);
            } else {
                merged.push((p, at));
            }
        }
        Ok(merged)
    }

    /// One parameter, named `name`.
    fn parameter(
        &mut self,
        p: openapiv3::Parameter,
        name: crate::naming::RustIdent,
        at: &Pointer,
    ) -> Result<Parameter, Error> {
        let location = location_of(&p);
        let style = style_of(&p);
        let explode = p
            .parameter_data_ref()
            .explode
            .unwrap_or(style == ParamStyle::Form);
        let allow_reserved = matches!(
            &p,
            openapiv3::Parameter::Query {
                allow_reserved: true,
                ..
            }
        );
        let data = p.parameter_data();
        let hint = format!("{}{}", self.type_name, naming::type_name(&data.name));
        let mut json = false;
        let ty = match &data.format {
            ParameterSchemaOrContent::Schema(s) => self.ctx.lower(s, &hint, &at.push("schema"))?,
            ParameterSchemaOrContent::Content(content) => {
                let json_media = content
                    .iter()
                    .find(|(media_type, _)| media_kind(media_type) == MediaKind::Json);
                match json_media {
                    Some((media_type, media)) => {
                        json = true;
                        match &media.schema {
                            Some(s) => self.ctx.lower(
                                s,
                                &hint,
                                &at.push("content").push(media_type).push("schema"),
                            )?,
                            None => TypeRef::Json,
                        }
                    }
                    None => {
                        self.ctx.warn(
                            WarningKind::Unsupported,
                            &at.push("content"),
                            "a parameter described by `content` of a media type other than JSON \
                             is sent as a string the caller encodes",
                        );
                        TypeRef::Primitive(Primitive::String)
                    }
                }
            }
        };
        Ok(Parameter {
            name,
            wire_name: data.name.clone(),
            location,
            ty,
            required: data.required || location == Location::Path,
            doc: data.description.clone(),
            declared: true,
            style,
            explode,
            allow_reserved,
            json,
        })
    }
}

fn location_of(p: &openapiv3::Parameter) -> Location {
    match p {
        openapiv3::Parameter::Query { .. } => Location::Query,
        openapiv3::Parameter::Header { .. } => Location::Header,
        openapiv3::Parameter::Path { .. } => Location::Path,
        openapiv3::Parameter::Cookie { .. } => Location::Cookie,
    }
}

/// A parameter's `style`, the location's default where the document gives none.
fn style_of(p: &openapiv3::Parameter) -> ParamStyle {
    use openapiv3::{PathStyle, QueryStyle};
    match p {
        openapiv3::Parameter::Query { style, .. } => match style {
            QueryStyle::Form => ParamStyle::Form,
            QueryStyle::SpaceDelimited => ParamStyle::SpaceDelimited,
            QueryStyle::PipeDelimited => ParamStyle::PipeDelimited,
            QueryStyle::DeepObject => ParamStyle::DeepObject,
        },
        openapiv3::Parameter::Path { style, .. } => match style {
            PathStyle::Simple => ParamStyle::Simple,
            PathStyle::Label => ParamStyle::Label,
            PathStyle::Matrix => ParamStyle::Matrix,
        },
        openapiv3::Parameter::Header { .. } => ParamStyle::Simple,
        openapiv3::Parameter::Cookie { .. } => ParamStyle::Form,
    }
}
