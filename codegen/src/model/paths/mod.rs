//! Paths and operations → client methods.
//!
//! [`build_operations`] walks `paths`; an [`OperationBuilder`] lowers one
//! operation, each part in a file of its own:
//!
//! - [`names`]: the method and type names of operations (`operationId`,
//!   else method and path);
//! - [`template`]: the path template, parsed; [`path`]: bound to the parameters;
//! - [`parameters`]: `parameters` (path-level and the operation's own), with
//!   their `style` and `explode`;
//! - [`bodies`] and [`multipart`]: `requestBody` by media type;
//! - [`responses`]: `responses` (2xx, errors, `default`) and their headers;
//!   [`events`]: what a `text/event-stream` response's events hold;
//! - [`security`]: `securitySchemes` and each operation's `security`;
//! - [`media`]: which media types are JSON, form, multipart, text or bytes.

mod bodies;
pub mod events;
mod media;
mod multipart;
pub mod names;
mod parameters;
mod path;
mod responses;
pub mod security;
pub mod template;

use super::resolve::resolve;
use super::schema::Lowering;
use super::*;
use crate::naming::{NameSet, RustIdent};
use openapiv3::ReferenceOr;
use std::borrow::Cow;

/// An operation as the document writes it, with what its path item adds.
/// Borrowed from the document, not copied, unless a `$ref` path item had to
/// be read from the JSON.
struct RawOperation<'d> {
    path: String,
    method: String,
    op: Cow<'d, openapiv3::Operation>,
    /// The path item's `parameters`.
    path_params: Cow<'d, [ReferenceOr<openapiv3::Parameter>]>,
    /// The path item's `servers`.
    path_servers: Cow<'d, [openapiv3::Server]>,
    at: Pointer,
}

/// Every operation of the document, named and typed.
pub fn build_operations(
    doc: &Document,
    ctx: &mut Lowering<'_>,
    schemes: &[SecurityScheme],
    config: &crate::config::Operations,
) -> Result<Vec<Operation>, Error> {
    // First pass: what each operation is, with the names it asks for. The
    // client's own methods, and its credentials', are never free.
    let raw_ops = raw_operations(doc)?;
    let reserved: Vec<&str> = crate::naming::CLIENT_METHODS
        .iter()
        .copied()
        .chain(
            schemes
                .iter()
                .flat_map(|s| [s.setter.as_str(), s.provider_setter.as_str()]),
        )
        .collect();
    let names = names::operation_names(
        &raw_ops
            .iter()
            .map(|r| (r.path.as_str(), r.method.as_str(), &*r.op))
            .collect::<Vec<_>>(),
        &reserved,
    );
    let names = crate::config::rename_operations(
        raw_ops.iter().map(|r| r.op.operation_id.as_deref()),
        names,
        &reserved,
        config,
    )?;
    // The types of `operations.rs`: each operation's stem takes its family,
    // and any further type it needs is claimed here too.
    let mut type_names = NameSet::new();
    let mut ops = Vec::new();
    for (raw, method_name) in raw_ops.into_iter().zip(names) {
        let type_name = names::own_type_name(&method_name, &mut type_names);
        let built = OperationBuilder {
            doc,
            ctx,
            schemes,
            at: raw.at.clone(),
            type_name: type_name.clone(),
            method_name: method_name.clone(),
            type_names: &mut type_names,
            given: Vec::new(),
        }
        .build(&raw, method_name, type_name)?;
        // The operation's own servers, else its path's; none means the client's.
        let servers = if raw.op.servers.is_empty() {
            &raw.path_servers[..]
        } else {
            &raw.op.servers[..]
        };
        ops.push(Operation {
            servers: servers.iter().map(super::servers::server).collect(),
            ..built
        });
    }
    Ok(ops)
}

/// The operations of every path item, in document order.
fn raw_operations(doc: &Document) -> Result<Vec<RawOperation<'_>>, Error> {
    let paths_at = Pointer::root().push("paths");
    let mut raw_ops = Vec::new();
    for (path, item) in doc.api.paths.iter() {
        let item_at = paths_at.push(path);
        let (item, _) = resolve(doc, item, &item_at)?;
        let raw = |method: &str, op, path_params, path_servers| RawOperation {
            path: path.clone(),
            method: method.to_string(),
            op,
            path_params,
            path_servers,
            at: item_at.push(method),
        };
        match item {
            Cow::Borrowed(item) => {
                for (method, op) in item.iter() {
                    raw_ops.push(raw(
                        method,
                        Cow::Borrowed(op),
                        Cow::Borrowed(&item.parameters[..]),
                        Cow::Borrowed(&item.servers[..]),
                    ));
                }
            }
            Cow::Owned(item) => {
                for (method, op) in item.iter() {
                    raw_ops.push(raw(
                        method,
                        Cow::Owned(op.clone()),
                        Cow::Owned(item.parameters.clone()),
                        Cow::Owned(item.servers.clone()),
                    ));
                }
            }
        }
    }
    Ok(raw_ops)
}

/// Lowers one operation.
struct OperationBuilder<'a, 'b, 'c> {
    doc: &'a Document,
    ctx: &'b mut Lowering<'c>,
    schemes: &'a [SecurityScheme],
    at: Pointer,
    type_name: RustIdent,
    method_name: RustIdent,
    /// The types of `operations.rs`, shared by every operation.
    type_names: &'b mut NameSet,
    /// The operation's own type names handed out so far.
    given: Vec<RustIdent>,
}

impl OperationBuilder<'_, '_, '_> {
    /// A name for one of the operation's own types in `operations.rs`:
    /// `{T}{suffix}`, which its stem reserved, the first time; after that
    /// (a second multipart body) a name claimed beside every other type
    /// there (`PetMultipart2`).
    fn own_type(&mut self, suffix: &str) -> RustIdent {
        let name = self.type_name.suffixed(suffix);
        if self.given.contains(&name) {
            let name = self.type_names.claim(&name);
            self.given.push(name.clone());
            name
        } else {
            self.given.push(name.clone());
            name
        }
    }

    fn build(
        mut self,
        raw: &RawOperation,
        method_name: RustIdent,
        type_name: RustIdent,
    ) -> Result<Operation, Error> {
        let RawOperation {
            path, method, op, ..
        } = raw;
        let mut params = self.parameters(op, &raw.path_params)?;
        let segments = self.segments(path, &mut params)?;
        let body = match &op.request_body {
            Some(body) => self.request_body(body)?,
            None => None,
        };
        let responses::Responses {
            success,
            errors,
            headers: response_headers,
            stream,
        } = self.responses(&op.responses)?;
        let security = self.security(op);
        let outcome = success
            .iter()
            .any(|r| r.body != success[0].body)
            .then(|| self.own_type("Outcome"));
        let error_type = self.own_type("Error");
        let headers_type = (!response_headers.is_empty()).then(|| self.own_type("Headers"));
        let statuses = super::status::plan(&success, &errors, outcome.is_some());
        let http_method = method.to_ascii_uppercase();
        let idempotency = super::Idempotency::of(&http_method, &params);
        Ok(Operation {
            method_name,
            type_name,
            error_type,
            operation_id: op.operation_id.clone(),
            http_method,
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
            statuses,
            outcome,
            large_error_variant: false,
            large_outcome_variant: false,
            tags: op.tags.clone(),
            group: None,
            headers_type,
            response_headers,
            servers: Vec::new(),
            idempotency,
            stream,
            pagination: None,
            job: None,
        })
    }
}
