//! Paths and operations → client methods.

use super::schema::Lowering;
use super::*;
use crate::diag::WarningKind;
use crate::naming::{self, NameSet};
use openapiv3::{ParameterSchemaOrContent, ReferenceOr, StatusCode};
use serde::de::DeserializeOwned;

/// Client methods every generated client has; an operation never takes these names.
pub const CLIENT_METHODS: &[&str] = &[
    "new",
    "with_base_url",
    "with_http_client",
    "base_url",
    "http_client",
];

/// Names a request builder uses for its own fields and methods; a parameter never takes them.
pub const BUILDER_MEMBERS: &[&str] = &[
    "client",
    "options",
    "body",
    "header",
    "timeout",
    "send",
    "send_streaming",
    "build_request",
    "read_response",
    "new",
    "into_future",
    "server",
];

/// The types an operation may have in `operations.rs`, by suffix of its type name:
/// the builder, its errors, its body choice, its multipart body, its outcomes,
/// its response headers.
const OWN_TYPES: &[&str] = &["", "Error", "Content", "Multipart", "Outcome", "Headers"];

/// A parameter's Rust name: `body` becomes `body_param` rather than clash with the builder.
fn param_name(wire: &str) -> String {
    let name = naming::field_name(wire);
    if BUILDER_MEMBERS.contains(&name.as_str()) {
        format!("{name}_param")
    } else {
        name
    }
}

/// Follows `$ref`s (through any part of the document) to the object they name.
fn resolve<T: DeserializeOwned + Clone>(
    doc: &Document,
    item: &ReferenceOr<T>,
    at: &Pointer,
) -> Result<(T, Pointer), Error> {
    let mut reference = match item {
        ReferenceOr::Item(t) => return Ok((t.clone(), at.clone())),
        ReferenceOr::Reference { reference } => reference.clone(),
    };
    for _ in 0..32 {
        let target = Pointer::from_ref(&reference).ok_or_else(|| {
            Error::at(at, format!("`$ref: {reference}` points outside this document; only local references are supported"))
        })?;
        let value = doc.raw.pointer(target.json_pointer()).ok_or_else(|| {
            Error::at(
                at,
                format!("`$ref: {reference}` points at nothing (dangling reference)"),
            )
        })?;
        if let Some(next) = value.get("$ref").and_then(|r| r.as_str()) {
            reference = next.to_string();
            continue;
        }
        let t = serde_json::from_value(value.clone())
            .map_err(|e| Error::at(&target, format!("the referenced object is not valid: {e}")))?;
        return Ok((t, target));
    }
    Err(Error::at(
        at,
        format!("`$ref: {reference}` is a cycle of references"),
    ))
}

/// The security schemes, named for the client's setters.
pub fn security_schemes(
    doc: &Document,
    ctx: &mut Lowering<'_>,
) -> Result<Vec<SecurityScheme>, Error> {
    let Some(components) = &doc.api.components else {
        return Ok(Vec::new());
    };
    let base = Pointer::root().push("components").push("securitySchemes");
    let mut kinds = Vec::new();
    for (key, scheme) in &components.security_schemes {
        let at = base.push(key);
        let (scheme, _) = resolve(doc, scheme, &at)?;
        use openapiv3::SecurityScheme as S;
        let (kind, doc_text) = match scheme {
            S::HTTP {
                scheme,
                description,
                ..
            } if scheme.eq_ignore_ascii_case("bearer") => (SecurityKind::Bearer, description),
            S::HTTP {
                scheme,
                description,
                ..
            } if scheme.eq_ignore_ascii_case("basic") => (SecurityKind::Basic, description),
            S::HTTP {
                scheme,
                description,
                ..
            } => {
                ctx.warn(
                    WarningKind::Unsupported,
                    &at,
                    format!("HTTP auth scheme `{scheme}` is neither bearer nor basic; its credential is sent as a bearer token"),
                );
                (SecurityKind::Bearer, description)
            }
            S::APIKey {
                location,
                name,
                description,
                ..
            } => (
                match location {
                    openapiv3::APIKeyLocation::Header => SecurityKind::ApiKeyHeader(name),
                    openapiv3::APIKeyLocation::Query => SecurityKind::ApiKeyQuery(name),
                    openapiv3::APIKeyLocation::Cookie => SecurityKind::ApiKeyCookie(name),
                },
                description,
            ),
            S::OAuth2 { description, .. } | S::OpenIDConnect { description, .. } => {
                (SecurityKind::Bearer, description)
            }
        };
        kinds.push((key.clone(), kind, doc_text));
    }
    let count = |pred: fn(&SecurityKind) -> bool| kinds.iter().filter(|(_, k, _)| pred(k)).count();
    let bearers = count(|k| *k == SecurityKind::Bearer);
    let basics = count(|k| *k == SecurityKind::Basic);
    let api_keys = count(|k| {
        matches!(
            k,
            SecurityKind::ApiKeyHeader(_)
                | SecurityKind::ApiKeyQuery(_)
                | SecurityKind::ApiKeyCookie(_)
        )
    });
    let mut names = NameSet::new();
    Ok(kinds
        .into_iter()
        .map(|(key, kind, doc)| {
            let stem = match &kind {
                SecurityKind::Bearer if bearers == 1 => "bearer_token".to_string(),
                SecurityKind::Bearer => format!("{}_token", naming::method_name(&key)),
                SecurityKind::Basic if basics == 1 => "basic_auth".to_string(),
                SecurityKind::Basic => format!("{}_basic_auth", naming::method_name(&key)),
                _ if api_keys == 1 => "api_key".to_string(),
                _ => naming::method_name(&key),
            };
            let name = names.claim_with(&stem, |b, n| format!("{b}_{n}"));
            SecurityScheme {
                key,
                name,
                kind,
                doc,
            }
        })
        .collect())
}

/// Every operation of the document, named and typed.
pub fn build_operations(
    doc: &Document,
    ctx: &mut Lowering<'_>,
    schemes: &[SecurityScheme],
    config: &crate::config::Operations,
) -> Result<Vec<Operation>, Error> {
    let paths_at = Pointer::root().push("paths");
    // First pass: what each operation is, with the names it asks for.
    let mut raw_ops = Vec::new();
    for (path, item) in doc.api.paths.iter() {
        let item_at = paths_at.push(path);
        let (item, _) = resolve(doc, item, &item_at)?;
        for (method, op) in item.iter() {
            raw_ops.push((
                path.clone(),
                method.to_string(),
                op.clone(),
                item.parameters.clone(),
                item_at.push(method),
                item.servers.clone(),
            ));
        }
    }
    let names = operation_names(
        &raw_ops
            .iter()
            .map(|(p, m, o, _, _, _)| (p.as_str(), m.as_str(), o))
            .collect::<Vec<_>>(),
    );
    let names = crate::config::rename_operations(
        raw_ops.iter().map(|op| op.2.operation_id.as_deref()),
        names,
        CLIENT_METHODS,
        config,
    )?;

    let mut type_names = NameSet::new();
    let mut ops = Vec::new();
    for ((path, method, op, path_params, at, path_servers), method_name) in
        raw_ops.into_iter().zip(names)
    {
        // The builder takes `{T}` and its error enum `{T}Error`: both must be free.
        let base = naming::type_name(&method_name);
        let type_name = (1..)
            .map(|n| {
                if n == 1 {
                    base.clone()
                } else {
                    format!("{base}{n}")
                }
            })
            .find(|t| {
                OWN_TYPES
                    .iter()
                    .all(|s| !type_names.contains(&format!("{t}{s}")))
            })
            .unwrap_or_default();
        for suffix in OWN_TYPES {
            type_names.reserve(&format!("{type_name}{suffix}"));
        }
        let built = OperationBuilder {
            doc,
            ctx,
            schemes,
            at: at.clone(),
            type_name: type_name.clone(),
            method_name: method_name.clone(),
        }
        .build(&path, &method, &op, &path_params, method_name, type_name)?;
        // The operation's own servers, else its path's; none means the client's.
        let servers = if op.servers.is_empty() {
            &path_servers
        } else {
            &op.servers
        };
        ops.push(Operation {
            servers: servers.iter().map(super::server).collect(),
            ..built
        });
    }
    Ok(ops)
}

/// Names for operations: the last part of a dotted `operationId`, qualified
/// by the part before it where two operations would share a name, and a name
/// from method and path where there is no id.
pub fn operation_names(ops: &[(&str, &str, &openapiv3::Operation)]) -> Vec<String> {
    struct Candidate {
        base: String,
        qualified: String,
        fallback: String,
    }
    let candidates: Vec<Candidate> = ops
        .iter()
        .map(|(path, method, op)| {
            let fallback = method_path_name(method, path);
            match op
                .operation_id
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
            {
                Some(id) => {
                    let parts: Vec<&str> = id.split('.').filter(|p| !p.is_empty()).collect();
                    let last = parts.last().copied().unwrap_or(id);
                    let base = naming::method_name(last);
                    let qualified = match parts.len() {
                        n if n >= 2 => {
                            let q = strip_role_suffix(parts[n - 2]);
                            naming::method_name(&format!("{q}_{last}"))
                        }
                        _ => base.clone(),
                    };
                    Candidate {
                        base,
                        qualified,
                        fallback,
                    }
                }
                None => Candidate {
                    base: fallback.clone(),
                    qualified: fallback.clone(),
                    fallback,
                },
            }
        })
        .collect();
    let count = |f: &dyn Fn(&Candidate) -> &str, name: &str| {
        candidates.iter().filter(|c| f(c) == name).count()
    };
    let mut names = NameSet::new();
    for reserved in CLIENT_METHODS {
        names.reserve(reserved);
    }
    candidates
        .iter()
        .map(|c| {
            let preferred = if count(&|c| c.base.as_str(), &c.base) == 1 {
                &c.base
            } else if count(&|c| c.qualified.as_str(), &c.qualified) == 1 {
                &c.qualified
            } else {
                &c.fallback
            };
            let preferred =
                if names.contains(preferred) && CLIENT_METHODS.contains(&preferred.as_str()) {
                    format!("{preferred}_operation")
                } else {
                    preferred.clone()
                };
            names.claim_with(&preferred, |b, n| format!("{b}_{n}"))
        })
        .collect()
}

/// `ModelsController` → `Models`: the part of a qualifier that names the resource.
fn strip_role_suffix(part: &str) -> &str {
    for suffix in ["Controller", "Service", "Api", "API", "Resource", "Handler"] {
        if let Some(stem) = part.strip_suffix(suffix).filter(|s| !s.is_empty()) {
            return stem;
        }
    }
    part
}

/// `GET /pets/{id}/toys` → `get_pets_by_id_toys`.
fn method_path_name(method: &str, path: &str) -> String {
    let mut words = vec![method.to_string()];
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        if let Some(param) = segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            words.push(format!("by_{param}"));
        } else {
            words.push(segment.to_string());
        }
    }
    naming::method_name(&words.join("_"))
}

struct OperationBuilder<'a, 'b, 'c> {
    doc: &'a Document,
    ctx: &'b mut Lowering<'c>,
    schemes: &'a [SecurityScheme],
    at: Pointer,
    type_name: String,
    method_name: String,
}

impl OperationBuilder<'_, '_, '_> {
    fn build(
        mut self,
        path: &str,
        method: &str,
        op: &openapiv3::Operation,
        path_params: &[ReferenceOr<openapiv3::Parameter>],
        method_name: String,
        type_name: String,
    ) -> Result<Operation, Error> {
        let mut params = self.parameters(op, path_params)?;
        let segments = self.segments(path, &mut params)?;
        let body = match &op.request_body {
            Some(body) => self.request_body(body)?,
            None => None,
        };
        let Responses {
            success,
            errors,
            headers: response_headers,
        } = self.responses(&op.responses)?;
        let security = self.security(op);
        let outcome = success
            .iter()
            .any(|r| r.body != success[0].body)
            .then(|| format!("{type_name}Outcome"));
        Ok(Operation {
            method_name,
            type_name,
            operation_id: op.operation_id.clone(),
            http_method: method.to_ascii_uppercase(),
            path: path.to_string(),
            segments,
            pointer: self.at.clone(),
            summary: op.summary.clone(),
            description: op.description.clone(),
            deprecated: op.deprecated,
            params,
            body,
            success,
            errors,
            security,
            outcome,
            tags: op.tags.clone(),
            group: None,
            headers_type: (!response_headers.is_empty())
                .then(|| format!("{}Headers", self.type_name)),
            response_headers,
            servers: Vec::new(),
        })
    }

    fn parameters(
        &mut self,
        op: &openapiv3::Operation,
        path_level: &[ReferenceOr<openapiv3::Parameter>],
    ) -> Result<Vec<Parameter>, Error> {
        // Path-level parameters first, replaced by operation-level ones of the same name and place.
        let mut merged: Vec<(openapiv3::Parameter, Pointer)> = Vec::new();
        let path_item_at = Pointer::root()
            .push("paths")
            .push(self.at.tokens().nth(1).unwrap_or_default());
        for (i, p) in path_level.iter().enumerate() {
            merged.push(resolve(
                self.doc,
                p,
                &path_item_at.push("parameters").push(i.to_string()),
            )?);
        }
        for (i, p) in op.parameters.iter().enumerate() {
            let (p, at) = resolve(self.doc, p, &self.at.push("parameters").push(i.to_string()))?;
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
        let mut names = NameSet::new();
        for reserved in BUILDER_MEMBERS {
            names.reserve(reserved);
        }
        let mut out = Vec::new();
        for (p, at) in merged {
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
                ParameterSchemaOrContent::Schema(s) => {
                    self.ctx.lower(s, &hint, &at.push("schema"))?
                }
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
            let name = names.claim_with(&param_name(&data.name), |b, n| format!("{b}_{n}"));
            out.push(Parameter {
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
            });
        }
        Ok(out)
    }

    /// Splits the path template; adds undeclared template parameters and warns about look-alikes.
    fn segments(&mut self, path: &str, params: &mut Vec<Parameter>) -> Result<Vec<Segment>, Error> {
        let mut segments = Vec::new();
        let mut used = Vec::new();
        let mut undeclared: Vec<String> = Vec::new();
        for raw in path.split('/').filter(|s| !s.is_empty()) {
            let mut pieces = Vec::new();
            let mut rest = raw;
            while let Some(open) = rest.find('{') {
                let Some(close) = rest[open..].find('}').map(|c| c + open) else {
                    return Err(Error::at(
                        &self.at,
                        format!("path template `{path}` has an unclosed `{{`"),
                    ));
                };
                if open > 0 {
                    pieces.push(Piece::Literal(rest[..open].to_string()));
                }
                let name = &rest[open + 1..close];
                let index = match params
                    .iter()
                    .position(|p| p.location == Location::Path && p.wire_name == name)
                {
                    Some(i) => i,
                    None => {
                        undeclared.push(format!("`{name}`"));
                        let mut taken: NameSet = NameSet::new();
                        for reserved in BUILDER_MEMBERS {
                            taken.reserve(reserved);
                        }
                        for p in params.iter() {
                            taken.reserve(&p.name);
                        }
                        params.push(Parameter {
                            name: taken
                                .claim_with(&naming::field_name(name), |b, n| format!("{b}_{n}")),
                            wire_name: name.to_string(),
                            location: Location::Path,
                            ty: TypeRef::Primitive(Primitive::String),
                            required: true,
                            doc: None,
                            declared: false,
                            style: ParamStyle::Simple,
                            explode: false,
                            allow_reserved: false,
                            json: false,
                        });
                        params.len() - 1
                    }
                };
                used.push(index);
                pieces.push(Piece::Param(index));
                rest = &rest[close + 1..];
            }
            if !rest.is_empty() {
                if pieces.is_empty() && (rest.starts_with('*') || rest.starts_with(':')) {
                    self.ctx.warn(
                        WarningKind::SuspiciousPathSegment,
                        &self.at,
                        format!(
                            "operation `{}`: path segment `{rest}` in `{path}` looks like a template but is not `{{…}}`; it is sent literally",
                            self.method_name
                        ),
                    );
                }
                pieces.push(Piece::Literal(rest.to_string()));
            }
            segments.push(Segment { pieces });
        }
        if !undeclared.is_empty() {
            let (list, verb, what) = match undeclared.len() {
                1 => (
                    format!("parameter {}", undeclared[0]),
                    "is",
                    "a required string argument",
                ),
                _ => (
                    format!("parameters {}", undeclared.join(", ")),
                    "are",
                    "required string arguments",
                ),
            };
            self.ctx.warn(
                WarningKind::UndeclaredPathParameter,
                &self.at,
                format!(
                    "operation `{}`: path {list} {verb} used in `{path}` but not declared; {} {what}",
                    self.method_name,
                    if undeclared.len() == 1 { "it becomes" } else { "they become" },
                ),
            );
        }
        // Declared path parameters the template never uses are sent in the query.
        for (i, p) in params.iter_mut().enumerate() {
            if p.location == Location::Path && !used.contains(&i) {
                self.ctx.warn(
                    WarningKind::Unsupported,
                    &self.at,
                    format!("`{}` is declared `in: path` but `{path}` has no `{{{}}}`; it is sent as a query parameter", p.wire_name, p.wire_name),
                );
                p.location = Location::Query;
                p.style = ParamStyle::Form;
                p.explode = true;
            }
        }
        // Path parameters come first, in template order, then the rest as declared.
        let mut order: Vec<usize> = Vec::new();
        for i in used.iter().copied().chain(0..params.len()) {
            if !order.contains(&i) {
                order.push(i);
            }
        }
        let mut new_index = vec![0; params.len()];
        for (new, &old) in order.iter().enumerate() {
            new_index[old] = new;
        }
        let mut taken: Vec<Option<Parameter>> =
            std::mem::take(params).into_iter().map(Some).collect();
        *params = order.iter().filter_map(|&old| taken[old].take()).collect();
        for segment in &mut segments {
            for piece in &mut segment.pieces {
                if let Piece::Param(i) = piece {
                    *i = new_index[*i];
                }
            }
        }
        Ok(segments)
    }

    fn request_body(
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
            // Two JSON media types of one schema are one choice.
            if !kinds.iter().any(|(_, _, k)| *k == kind) {
                kinds.push(((*name).clone(), media_kind(name), kind));
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
                        format!("{media_kind:?}")
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
                type_name: format!("{}Content", self.type_name),
                options,
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
                let encodings = media
                    .encoding
                    .iter()
                    .filter_map(|(property, e)| {
                        let explode = explicit_explode(property);
                        if e.style.is_none() && explode.is_none() {
                            return None;
                        }
                        let style = match e.style {
                            Some(openapiv3::QueryStyle::DeepObject) => ParamStyle::DeepObject,
                            Some(openapiv3::QueryStyle::SpaceDelimited) => {
                                ParamStyle::SpaceDelimited
                            }
                            Some(openapiv3::QueryStyle::PipeDelimited) => ParamStyle::PipeDelimited,
                            _ => ParamStyle::Form,
                        };
                        Some(FormEncoding {
                            property: property.clone(),
                            style,
                            explode: explode.unwrap_or(style == ParamStyle::Form),
                        })
                    })
                    .collect();
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

    /// A `multipart/form-data` body: a part for each property of its (object) schema.
    fn multipart(
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
                name: names.claim_with(&naming::field_name(wire), |b, n| format!("{b}_{n}")),
                wire_name: wire.clone(),
                value,
                required: object.required.contains(wire),
                content_type,
                doc: resolved.schema_data.description.clone(),
            });
        }
        Ok(BodyKind::Multipart(Multipart {
            type_name: format!("{}Multipart", self.type_name),
            fields,
        }))
    }

    fn responses(&mut self, responses: &openapiv3::Responses) -> Result<Responses, Error> {
        let at = self.at.push("responses");
        let mut headers: Vec<ResponseHeader> = Vec::new();
        let mut header_names = NameSet::new();
        let mut success = Vec::new();
        let mut errors = Vec::new();
        let mut variant_names = NameSet::new();
        let success_count = responses
            .responses
            .keys()
            .filter(|s| {
                matches!(s, StatusCode::Code(c) if (200..300).contains(c))
                    || matches!(s, StatusCode::Range(2))
            })
            .count();
        let mut all: Vec<(StatusMatch, &ReferenceOr<openapiv3::Response>, Pointer)> = responses
            .responses
            .iter()
            .map(|(code, r)| {
                let status = match code {
                    StatusCode::Code(c) => StatusMatch::Code(*c),
                    StatusCode::Range(r) => StatusMatch::Range(*r),
                };
                (status, r, at.push(code.to_string()))
            })
            .collect();
        if let Some(d) = &responses.default {
            all.push((StatusMatch::Default, d, at.push("default")));
        }
        for (status, response, r_at) in all {
            let (response, r_at) = resolve(self.doc, response, &r_at)?;
            let is_success = match status {
                StatusMatch::Code(c) => (200..300).contains(&c),
                StatusMatch::Range(r) => r == 2,
                StatusMatch::Default => false,
            };
            let variant = match status {
                StatusMatch::Code(c) if is_success => success_variant(c),
                StatusMatch::Range(2) => "Success".to_string(),
                StatusMatch::Code(c) => naming::status_variant(c),
                StatusMatch::Range(4) => "ClientError".to_string(),
                StatusMatch::Range(5) => "ServerError".to_string(),
                StatusMatch::Range(r) => format!("Status{r}xx"),
                StatusMatch::Default => "Default".to_string(),
            };
            let variant = variant_names.claim(&variant);
            let hint = if is_success {
                match status {
                    StatusMatch::Code(c) if success_count > 1 => {
                        format!("{}Response{c}", self.type_name)
                    }
                    _ => format!("{}Response", self.type_name),
                }
            } else {
                format!("{}{variant}", self.type_name)
            };
            let body = match pick_media(&response.content) {
                None => ResponseBody::Empty,
                Some((media_type, media)) => match media_kind(&media_type) {
                    MediaKind::Json => match &media.schema {
                        Some(s) => {
                            let t = self.ctx.lower(
                                s,
                                &hint,
                                &r_at.push("content").push(&media_type).push("schema"),
                            )?;
                            // A nullable body (`null` is a valid response) is an `Option`.
                            ResponseBody::Json(if self.ctx.is_nullable(s) {
                                super::schema::nullable(t)
                            } else {
                                t
                            })
                        }
                        None => ResponseBody::Json(TypeRef::Json),
                    },
                    MediaKind::Text => ResponseBody::Text,
                    _ => ResponseBody::Bytes,
                },
            };
            let entry = Response {
                status,
                variant,
                body,
                doc: Some(response.description.clone()).filter(|d| !d.trim().is_empty()),
            };
            if is_success {
                success.push(entry);
                self.response_headers(&response, &r_at, &mut headers, &mut header_names)?;
            } else {
                errors.push(entry);
            }
        }
        // With no 2xx declared, `default` describes the successes too: a 2xx
        // decodes into its body as a success, any other status as its error.
        if success.is_empty() {
            if let Some(default) = errors.iter().find(|r| r.status == StatusMatch::Default) {
                success.push(Response {
                    status: StatusMatch::Range(2),
                    variant: "Success".to_string(),
                    ..default.clone()
                });
                if let Some(d) = &responses.default {
                    let (d, d_at) = resolve(self.doc, d, &at.push("default"))?;
                    self.response_headers(&d, &d_at, &mut headers, &mut header_names)?;
                }
            }
        }
        Ok(Responses {
            success,
            errors,
            headers,
        })
    }

    /// Adds the headers a success declares to those of the operation's other
    /// successes (the first to declare a name gives its type).
    fn response_headers(
        &mut self,
        response: &openapiv3::Response,
        at: &Pointer,
        headers: &mut Vec<ResponseHeader>,
        names: &mut NameSet,
    ) -> Result<(), Error> {
        for (wire, header) in &response.headers {
            // OpenAPI: a `Content-Type` response header is ignored.
            if wire.eq_ignore_ascii_case("content-type")
                || headers
                    .iter()
                    .any(|h| h.wire_name.eq_ignore_ascii_case(wire))
            {
                continue;
            }
            let h_at = at.push("headers").push(wire);
            let (header, h_at) = resolve(self.doc, header, &h_at)?;
            let ty = match &header.format {
                ParameterSchemaOrContent::Schema(s) => self.ctx.lower(
                    s,
                    &format!("{}{}Header", self.type_name, naming::type_name(wire)),
                    &h_at.push("schema"),
                )?,
                ParameterSchemaOrContent::Content(_) => TypeRef::Primitive(Primitive::String),
            };
            headers.push(ResponseHeader {
                name: names.claim_with(&naming::field_name(wire), |b, n| format!("{b}_{n}")),
                wire_name: wire.clone(),
                ty,
                doc: header.description.clone(),
                deprecated: header.deprecated.unwrap_or(false),
            });
        }
        Ok(())
    }

    fn security(&self, op: &openapiv3::Operation) -> Security {
        let index = |name: &str| self.schemes.iter().position(|s| s.key == name);
        let lower = |reqs: &Vec<openapiv3::SecurityRequirement>| {
            Security::Required(
                reqs.iter()
                    .map(|alt| alt.keys().filter_map(|k| index(k)).collect())
                    .collect(),
            )
        };
        match (&op.security, &self.doc.api.security) {
            (Some(reqs), _) if reqs.is_empty() => Security::None,
            (Some(reqs), _) => lower(reqs),
            (None, Some(reqs)) if !reqs.is_empty() => lower(reqs),
            _ => Security::Unspecified,
        }
    }
}

/// An operation's responses, as the model splits them.
struct Responses {
    /// 2xx (or `default`, when no 2xx is declared).
    success: Vec<Response>,
    errors: Vec<Response>,
    /// The headers the successes declare.
    headers: Vec<ResponseHeader>,
}

/// The outcome variant of a 2xx status: its reason phrase where it has a common one.
fn success_variant(code: u16) -> String {
    match code {
        200 => "Ok",
        201 => "Created",
        202 => "Accepted",
        203 => "NonAuthoritativeInformation",
        204 => "NoContent",
        205 => "ResetContent",
        206 => "PartialContent",
        _ => return format!("Status{code}"),
    }
    .to_string()
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum MediaKind {
    Json,
    Form,
    Multipart,
    Text,
    Bytes,
}

fn media_kind(media_type: &str) -> MediaKind {
    let essence = media_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if essence == "application/json"
        || essence.ends_with("+json")
        || essence == "text/json"
        || essence == "*/*"
        || essence == "application/*"
    {
        MediaKind::Json
    } else if essence == "application/x-www-form-urlencoded" {
        MediaKind::Form
    } else if essence.starts_with("multipart/") {
        MediaKind::Multipart
    } else if essence.starts_with("text/") {
        MediaKind::Text
    } else {
        MediaKind::Bytes
    }
}

/// The media type a client reads: JSON first, then form, multipart, text, bytes.
fn pick_media(
    content: &indexmap::IndexMap<String, openapiv3::MediaType>,
) -> Option<(String, &openapiv3::MediaType)> {
    content
        .iter()
        .min_by_key(|(k, _)| media_kind(k))
        .map(|(k, v)| (k.clone(), v))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn op(id: Option<&str>) -> openapiv3::Operation {
        openapiv3::Operation {
            operation_id: id.map(String::from),
            ..Default::default()
        }
    }

    #[test]
    fn dotted_ids_use_the_last_part_and_qualify_on_collision() {
        let a = op(Some("Web.Controllers.ModelController.generate_image"));
        let b = op(Some("Web.Controllers.ModelsController.index"));
        let c = op(Some("Web.Controllers.QueueController.index"));
        let d = op(Some("Web.Controllers.FineTuneController.index"));
        let e = op(None);
        let names = operation_names(&[
            ("/a", "post", &a),
            ("/b", "get", &b),
            ("/c", "get", &c),
            ("/d", "get", &d),
            ("/pets/{petId}", "delete", &e),
        ]);
        assert_eq!(
            names,
            [
                "generate_image",
                "models_index",
                "queue_index",
                "fine_tune_index",
                "delete_pets_by_pet_id"
            ]
        );
    }

    #[test]
    fn duplicate_ids_stay_unique() {
        let a = op(Some("get"));
        let b = op(Some("get"));
        let c = op(Some("new"));
        let names = operation_names(&[("/x", "get", &a), ("/y", "get", &b), ("/z", "post", &c)]);
        assert_eq!(names, ["get_x", "get_y", "new_operation"]);
    }

    #[test]
    fn ids_of_every_shape_become_method_names() {
        let ids = ["listPets", "pets/list-all", "2fa enable", "Get Pet By Id"];
        let ops: Vec<openapiv3::Operation> = ids.iter().map(|i| op(Some(i))).collect();
        let input: Vec<(&str, &str, &openapiv3::Operation)> =
            ops.iter().map(|o| ("/p", "get", o)).collect();
        assert_eq!(
            operation_names(&input),
            [
                "list_pets",
                "pets_list_all",
                "op_2fa_enable",
                "get_pet_by_id"
            ]
        );
    }

    #[test]
    fn media_preference() {
        assert_eq!(
            media_kind("application/json; charset=utf-8"),
            MediaKind::Json
        );
        assert_eq!(media_kind("application/vnd.api+json"), MediaKind::Json);
        assert_eq!(media_kind("multipart/form-data"), MediaKind::Multipart);
        assert_eq!(media_kind("application/octet-stream"), MediaKind::Bytes);
        assert_eq!(media_kind("text/plain"), MediaKind::Text);
    }
}
