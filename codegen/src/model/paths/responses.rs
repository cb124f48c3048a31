//! `responses` → the operation's successes (2xx), its error variants, and
//! the headers its successes declare.

use super::events::is_event_stream;
use super::media::{media_kind, MediaKind};
use super::OperationBuilder;
use crate::diag::{Error, Pointer};
use crate::model::resolve::resolve;
use crate::model::schema::nullable;
use crate::model::{
    EventStream, Primitive, Response, ResponseBody, ResponseHeader, StatusMatch, StreamMethod,
    Twin, TypeRef,
};
use crate::naming::{self, NameSet, RustIdent};
use openapiv3::{ParameterSchemaOrContent, ReferenceOr, StatusCode};

impl OperationBuilder<'_, '_, '_> {
    /// The successes and errors of an operation, and its successes' headers.
    pub(super) fn responses(
        &mut self,
        responses: &openapiv3::Responses,
    ) -> Result<Responses, Error> {
        let at = self.at.push("responses");
        let mut headers: Vec<ResponseHeader> = Vec::new();
        let mut header_names = NameSet::new();
        let mut success = Vec::new();
        let mut errors = Vec::new();
        let mut variant_names = NameSet::new();
        let mut stream = None;
        // Whether every success is nothing but an event stream.
        let mut only_events = true;
        let success_count = responses
            .responses
            .keys()
            .filter(|s| {
                matches!(s, StatusCode::Code(c) if (200..300).contains(c))
                    || matches!(s, StatusCode::Range(2))
            })
            .count();
        for (status, response, r_at) in declared(responses, &at) {
            let (response, r_at) = resolve(self.doc, response, &r_at)?;
            let is_success = is_success(status);
            let variant = variant_name(status);
            let variant = variant_names.claim(&variant);
            let hint = self.body_hint(status, is_success, success_count, &variant);
            let body = self.response_body(&response, &hint, &r_at)?;
            let entry = Response {
                status,
                variant,
                body,
                doc: Some(response.description.clone()).filter(|d| !d.trim().is_empty()),
            };
            if is_success {
                if stream.is_none() {
                    stream = self.event_stream(&response, &r_at)?;
                }
                only_events &= response.content.len() == 1
                    && response.content.keys().all(|m| is_event_stream(m));
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
                    variant: naming::variant_name("Success"),
                    ..default.clone()
                });
                if let Some(d) = &responses.default {
                    let (d, d_at) = resolve(self.doc, d, &at.push("default"))?;
                    self.response_headers(&d, &d_at, &mut headers, &mut header_names)?;
                }
            }
        }
        if let Some(s) = &mut stream {
            if !only_events {
                s.method = StreamMethod::Twin(Twin::of(&self.method_name, &self.type_name));
            }
        }
        Ok(Responses {
            success,
            errors,
            headers,
            stream,
        })
    }

    /// The name a response's body type is given when it needs one.
    fn body_hint(
        &self,
        status: StatusMatch,
        is_success: bool,
        success_count: usize,
        variant: &RustIdent,
    ) -> String {
        match status {
            _ if !is_success => format!("{}{variant}", self.type_name),
            StatusMatch::Code(c) if success_count > 1 => format!("{}Response{c}", self.type_name),
            _ => format!("{}Response", self.type_name),
        }
    }

    /// The body of a response: of the media type a client prefers; an event
    /// stream only when there is nothing else (the stream is read apart).
    fn response_body(
        &mut self,
        response: &openapiv3::Response,
        hint: &str,
        r_at: &Pointer,
    ) -> Result<ResponseBody, Error> {
        let others = response.content.keys().any(|m| !is_event_stream(m));
        let picked = response
            .content
            .iter()
            .filter(|(m, _)| !others || !is_event_stream(m))
            .min_by_key(|(m, _)| media_kind(m))
            .map(|(m, media)| (m.clone(), media));
        Ok(match picked {
            None => ResponseBody::Empty,
            Some((media_type, media)) => match media_kind(&media_type) {
                MediaKind::Json => match &media.schema {
                    Some(s) => {
                        let t = self.ctx.lower(
                            s,
                            hint,
                            &r_at.push("content").push(&media_type).push("schema"),
                        )?;
                        // A nullable body (`null` is a valid response) is an `Option`.
                        ResponseBody::Json(if self.ctx.is_nullable(s) {
                            nullable(t)
                        } else {
                            t
                        })
                    }
                    None => ResponseBody::Json(TypeRef::Json),
                },
                MediaKind::Text => ResponseBody::Text,
                _ => ResponseBody::Bytes,
            },
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
                name: names.claim_with(&naming::field_name(wire), naming::numbered_field),
                wire_name: wire.clone(),
                ty,
                doc: header.description.clone(),
                deprecated: header.deprecated.unwrap_or(false),
            });
        }
        Ok(())
    }
}

/// An operation's responses, as the model splits them.
pub(super) struct Responses {
    /// 2xx (or `default`, when no 2xx is declared).
    pub success: Vec<Response>,
    pub errors: Vec<Response>,
    /// The headers the successes declare.
    pub headers: Vec<ResponseHeader>,
    /// The event stream a success declares, if one does.
    pub stream: Option<EventStream>,
}

/// Every declared response with its status and pointer, `default` last.
fn declared<'r>(
    responses: &'r openapiv3::Responses,
    at: &Pointer,
) -> Vec<(StatusMatch, &'r ReferenceOr<openapiv3::Response>, Pointer)> {
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
    all
}

/// Whether a status is a success: `2xx` or `2XX`.
fn is_success(status: StatusMatch) -> bool {
    match status {
        StatusMatch::Code(c) => (200..300).contains(&c),
        StatusMatch::Range(r) => r == 2,
        StatusMatch::Default => false,
    }
}

/// The variant a status asks for, in the outcome or the error enum.
fn variant_name(status: StatusMatch) -> RustIdent {
    let name = match status {
        StatusMatch::Code(c) if is_success(status) => success_variant(c),
        StatusMatch::Range(2) => "Success".to_string(),
        StatusMatch::Code(c) => return naming::status_variant(c),
        StatusMatch::Range(4) => "ClientError".to_string(),
        StatusMatch::Range(5) => "ServerError".to_string(),
        StatusMatch::Range(r) => format!("Status{r}xx"),
        StatusMatch::Default => "Default".to_string(),
    };
    naming::variant_name(&name)
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
