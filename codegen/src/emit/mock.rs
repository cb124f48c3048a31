//! `mock.rs` (the crate's `mock` feature): a typed mock per operation on the
//! runtime's `MockServer`, named as the client's methods
//! ([`crate::uses::mock`] names everything). Each mock writes a parameter
//! it matches as the client does (the same runtime function), so a value
//! matches exactly what the client sends for it.

use super::client::{arg_type, as_sent, encode_literal, is_string, param_writer};
use super::{docs, features, TypeCtx};
use crate::model::{
    BodyKind, Location, Model, Operation, ParamStyle, Parameter, Piece, Response, ResponseBody,
    StatusMatch,
};
use crate::naming::RustIdent;
use crate::uses::mock::{MockPlan, OperationMock, Responder};
use crate::uses::Uses;
use proc_macro2::{Literal, TokenStream};
use quote::quote;

/// The top of `mock.rs`: imports, the operations the server knows, the
/// server's methods and the groups' mocks.
pub fn mock_prelude(model: &Model, uses: &Uses) -> TokenStream {
    let Some(plan) = &uses.mock else {
        return TokenStream::new();
    };
    let imports = features::imports(model, super::client::imports(&uses.mock_imports));
    let operations = mock_operations(model, plan);
    let server_methods = opener_methods(model, plan, None);
    let group_methods = group_openers(model, plan);
    let groups = group_structs(model, plan);
    quote! {
        #imports

        pub use super::runtime::MockServer;
        /// The mock server's crate, for mocks of your own and responses of any kind.
        pub use wiremock;

        /// Each operation's method, path and the client's name for it, by index.
        const OPERATIONS: &[runtime::MockOperation] = &[
            #(#operations)*
        ];

        impl MockServer {
            /// Starts a mock server on 127.0.0.1 (wiremock's), which answers
            /// as the mocks mounted on it say, and every other request with
            /// `501` and a message naming the operation it came closest to.
            pub async fn start() -> Self {
                Self::start_with(OPERATIONS).await
            }

            /// A client that sends its requests to this server.
            pub fn client(&self) -> Client {
                Client::with_base_url(self.base_url())
            }

            #(#group_methods)*

            #(#server_methods)*
        }

        #(#groups)*
    }
}

/// `runtime::MockOperation`s: each operation's name, method and path (and
/// the path as it is sent, or its servers' prefixes, where it has them).
fn mock_operations(model: &Model, plan: &MockPlan) -> Vec<TokenStream> {
    model
        .operations
        .iter()
        .zip(&plan.operations)
        .map(|(op, mock)| {
            let name = op.method_name.as_str();
            let method = &op.http_method;
            let path = &op.path;
            let sent = format!("/{}", segments(op).join("/"));
            let sent = (sent != *path).then(|| quote! { sent: Some(#sent), });
            let prefixes = &mock.prefixes;
            let prefixes = (!prefixes.is_empty()).then(|| quote! { prefixes: &[#(#prefixes),*], });
            let new = quote! { runtime::MockOperation::new(#name, #method, #path) };
            if sent.is_none() && prefixes.is_none() {
                quote! { #new, }
            } else {
                quote! { runtime::MockOperation { #sent #prefixes ..#new }, }
            }
        })
        .collect()
}

/// The mock server's methods that open a group's mocks.
fn group_openers(model: &Model, plan: &MockPlan) -> Vec<TokenStream> {
    model
        .groups
        .iter()
        .zip(&plan.groups)
        .enumerate()
        .map(|(i, (g, mock))| {
            let cfg = features::group_cfg(model, i);
            let method = &mock.method;
            let ty = &mock.type_name;
            let doc = format!(
                " The mocks of the operations tagged `{}`, as [`Client::{}`] opens them.",
                g.tag.replace('`', "'"),
                g.method_name
            );
            quote! {
                #[doc = #doc]
                #cfg
                pub fn #method(&self) -> #ty<'_> {
                    #ty { server: self }
                }
            }
        })
        .collect()
}

/// Each group's mocks: its struct and the methods that open its operations'.
fn group_structs(model: &Model, plan: &MockPlan) -> Vec<TokenStream> {
    model
        .groups
        .iter()
        .zip(&plan.groups)
        .enumerate()
        .map(|(i, (g, mock))| {
            let ty = &mock.type_name;
            let doc = format!(
                " The mocks of the operations tagged `{}`.",
                g.tag.replace('`', "'")
            );
            let methods = opener_methods(model, plan, Some(i));
            let group = quote! {
                #[doc = #doc]
                #[derive(Debug, Clone, Copy)]
                pub struct #ty<'s> {
                    server: &'s MockServer,
                }

                impl<'s> #ty<'s> {
                    #(#methods)*
                }
            };
            features::gate_items(group, &features::group_cfg(model, i))
        })
        .collect()
}

/// The methods that open a mock: the server's (`group: None`) or a group's.
fn opener_methods(model: &Model, plan: &MockPlan, group: Option<usize>) -> Vec<TokenStream> {
    let server = if group.is_some() {
        quote! { self.server }
    } else {
        quote! { self }
    };
    let lifetime = if group.is_some() {
        quote! { 's }
    } else {
        quote! { '_ }
    };
    model
        .operations
        .iter()
        .zip(&plan.operations)
        .enumerate()
        .filter(|(_, (op, _))| op.group == group)
        .map(|(i, (op, mock))| {
            let method = &mock.method;
            let ty = &mock.type_name;
            let index = Literal::usize_unsuffixed(i);
            let cfg = features::operation_cfg(model, i);
            let doc = format!(
                " A mock of [`{}`]: `{} {}`.",
                model.method_link(op),
                op.http_method,
                op.path.replace('`', "'")
            );
            quote! {
                #[doc = #doc]
                #cfg
                pub fn #method(&self) -> #ty<#lifetime> {
                    #ty(#server.operation_mock(#index))
                }
            }
        })
        .collect()
}

/// The template's segments as the client sends them: literal text encoded
/// as the client encodes it, a parameter as `{wire name}`.
fn segments(op: &Operation) -> Vec<String> {
    op.segments
        .iter()
        .map(|s| {
            s.pieces
                .iter()
                .map(|piece| match piece {
                    Piece::Literal(l) => encode_literal(l),
                    Piece::Param(i) => format!("{{{}}}", op.params[*i].wire_name),
                    // Any number of segments (the runtime's mock matches them).
                    Piece::Wildcard(i) => format!("{{*{}}}", op.params[*i].wire_name),
                })
                .collect()
        })
        .collect()
}

/// The mocks of some operations: for each, its type, what every mock has
/// (`operation_mock!`), and its typed matchers and responses.
pub fn mock_items(model: &Model, uses: &Uses, range: std::ops::Range<usize>) -> TokenStream {
    let Some(plan) = &uses.mock else {
        return TokenStream::new();
    };
    let start = range.start;
    let items = model.operations[range.clone()]
        .iter()
        .zip(&plan.operations[range])
        .enumerate()
        .map(|(i, (op, mock))| {
            let items = operation_mock(model, op, mock);
            features::gate_items(items, &features::operation_cfg(model, start + i))
        });
    quote! { #(#items)* }
}

fn operation_mock(model: &Model, op: &Operation, mock: &OperationMock) -> TokenStream {
    let ty = &mock.type_name;
    let doc = format!(
        " A mock of [`{}`] (`{} {}`): match requests with its `with_…` methods, \
         answer with a `respond_…` method, then `.mount().await` it.",
        model.method_link(op),
        op.http_method,
        op.path.replace('`', "'")
    );
    let params = op
        .params
        .iter()
        .enumerate()
        .zip(&mock.params)
        .map(|((i, p), method)| param_matcher(p, method, op.is_wildcard(i)));
    let body = mock.body.then(|| body_matcher(op)).flatten();
    let responders = mock.responders.iter().map(|r| {
        let response = if r.error {
            &op.errors[r.index]
        } else {
            &op.success[r.index]
        };
        responder(r, response, &op.error_type)
    });
    let events = mock
        .events
        .as_ref()
        .and_then(|(method, status)| events_responder(model, op, method, *status));
    quote! {
        #[doc = #doc]
        #[must_use = "a mock does nothing until it is mounted"]
        pub struct #ty<'s>(runtime::OperationMock<'s>);

        runtime::operation_mock!(#ty);

        impl #ty<'_> {
            #(#params)*
            #body
            #(#responders)*

            #events
        }
    }
}

/// `with_<parameter>(value)`: the value written as the client writes it.
fn param_matcher(p: &Parameter, method: &RustIdent, wildcard: bool) -> TokenStream {
    // A string is matched as a `&str`: the writers take any `?Sized` value.
    let (arg, value) = if is_string(&p.ty) {
        (quote! { impl AsRef<str> }, quote! { value.as_ref() })
    } else {
        (arg_type(&p.ty), quote! { &value })
    };
    let wire = &p.wire_name;
    let writer = param_writer(p);
    let value = as_sent(p, value);
    let (place, body) = match p.location {
        Location::Path => {
            let sent = match p.style {
                _ if wildcard => quote! { runtime::path_wildcard(#value).join("/") },
                ParamStyle::Matrix => quote! { #writer(#wire, #value) },
                _ => quote! { #writer(#value) },
            };
            ("path", sent_then(sent, quote! { path_param }, wire))
        }
        Location::Query => {
            let pairs = match (p.style, p.explode) {
                (ParamStyle::SpaceDelimited, false) => quote! { #writer(#wire, " ", #value) },
                (ParamStyle::PipeDelimited, false) => quote! { #writer(#wire, "|", #value) },
                _ => quote! { #writer(#wire, #value) },
            };
            ("query", sent_then(pairs, quote! { query_param }, wire))
        }
        Location::Header => (
            "header",
            sent_then(quote! { #writer(#value) }, quote! { header_param }, wire),
        ),
        Location::Cookie => (
            "cookie",
            quote! {
                let mut sent = Vec::new();
                #writer(&mut sent, #wire, #value);
                Self(self.0.cookie_param(#wire, sent))
            },
        ),
    };
    let doc = format!(
        " Matches only requests with this `{}` ({place} parameter), as the client sends it.",
        wire.replace('`', "'")
    );
    quote! {
        #[doc = #doc]
        pub fn #method(self, value: #arg) -> Self {
            #body
        }
    }
}

/// `let sent = …;` then the mock's matcher of that parameter given it.
fn sent_then(sent: TokenStream, matcher: TokenStream, wire: &str) -> TokenStream {
    quote! {
        let sent = #sent;
        Self(self.0.#matcher(#wire, sent))
    }
}

/// `with_body(matches)`: the body decoded as the operation's body type.
fn body_matcher(op: &Operation) -> Option<TokenStream> {
    let (doc, arg, matched) = match &op.body.as_ref()?.kind {
        BodyKind::Json(t) => {
            let ty = TypeCtx::Sibling.type_ref(t);
            let name = quote!(#ty).to_string().replace(' ', "");
            (
                format!(" Matches only requests whose JSON body, decoded as `{name}`, satisfies `matches`."),
                quote! { impl Fn(&#ty) -> bool + Send + Sync + 'static },
                quote! { self.0.body_json(#name, matches) },
            )
        }
        BodyKind::Text => (
            " Matches only requests whose body is text that satisfies `matches`.".to_string(),
            quote! { impl Fn(&str) -> bool + Send + Sync + 'static },
            quote! { self.0.body_text(matches) },
        ),
        BodyKind::Bytes => (
            " Matches only requests whose body satisfies `matches`.".to_string(),
            quote! { impl Fn(&[u8]) -> bool + Send + Sync + 'static },
            quote! { self.0.body_bytes(matches) },
        ),
        _ => return None,
    };
    Some(quote! {
        #[doc = #doc]
        pub fn with_body(self, matches: #arg) -> Self {
            Self(#matched)
        }
    })
}

/// `respond_<variant>(..)`: the response the client reads as that variant
/// (a range's or `default`'s status given first).
fn responder(r: &Responder, response: &Response, error_type: &str) -> TokenStream {
    let method = &r.method;
    let method_name = r.method.as_str();
    let (status_arg, status) = if r.lo == r.hi {
        let code = Literal::u16_unsuffixed(r.lo);
        (None, quote! { #code })
    } else {
        let (lo, hi) = (Literal::u16_unsuffixed(r.lo), Literal::u16_unsuffixed(r.hi));
        (
            Some(quote! { status: u16, }),
            quote! { runtime::OperationMock::status_in(#method_name, status, #lo, #hi) },
        )
    };
    let (body_arg, respond) = match &response.body {
        ResponseBody::Json(t) => {
            let ty = TypeCtx::Sibling.type_ref(t);
            (
                Some(quote! { body: #ty }),
                quote! { self.0.respond_json(#status, &body) },
            )
        }
        ResponseBody::Text => (
            Some(quote! { body: impl Into<String> }),
            quote! { self.0.respond_text(#status, body.into()) },
        ),
        ResponseBody::Bytes => (
            Some(quote! { body: impl Into<Vec<u8>> }),
            quote! { self.0.respond_bytes(#status, body.into()) },
        ),
        ResponseBody::Empty => (None, quote! { self.0.respond_empty(#status) }),
    };
    let doc = docs::outer_verbatim(&responder_doc(r, response, error_type));
    quote! {
        #doc
        pub fn #method(self, #status_arg #body_arg) -> Self {
            Self(#respond)
        }
    }
}

/// `respond_events(events)`: a `text/event-stream` of typed events, ended
/// as the client's stream expects.
fn events_responder(
    model: &Model,
    op: &Operation,
    method: &RustIdent,
    status: u16,
) -> Option<TokenStream> {
    let stream = op.stream.as_ref()?;
    let code = Literal::u16_unsuffixed(status);
    let ty = TypeCtx::Sibling.type_ref(&stream.event);
    let data = if stream.json {
        quote! { events.iter().map(runtime::OperationMock::event_json).collect() }
    } else {
        quote! { events }
    };
    let terminator = match &stream.terminator {
        Some(t) => quote! { Some(#t) },
        None => quote! { None },
    };
    let ends = match &stream.terminator {
        Some(t) => format!(", then `{}`", t.replace('`', "'")),
        None => String::new(),
    };
    let reader = match &stream.method {
        crate::model::StreamMethod::Twin(twin) => {
            let link = model.method_link(op);
            let (path, _) = link.rsplit_once("::").unwrap_or(("Client", ""));
            format!("{path}::{}", twin.method_name)
        }
        crate::model::StreamMethod::Own => model.method_link(op),
    };
    let doc = format!(
        " Answers `{status}` with these events as `text/event-stream`{ends}: the \
         stream [`{reader}`] reads."
    );
    Some(quote! {
        #[doc = #doc]
        pub fn #method(self, events: Vec<#ty>) -> Self {
            Self(self.0.respond_events(#code, #data, #terminator))
        }
    })
}

fn responder_doc(r: &Responder, response: &Response, error_type: &str) -> String {
    let status = match response.status {
        StatusMatch::Code(c) => format!("`{c}`"),
        StatusMatch::Range(_) => format!("`status` (from {} to {})", r.lo, r.hi),
        StatusMatch::Default => "`status`".to_string(),
    };
    let body = match response.body {
        ResponseBody::Json(_) => " with `body` as JSON",
        ResponseBody::Text => " with `body` as text",
        ResponseBody::Bytes => " with `body` as bytes",
        ResponseBody::Empty => "",
    };
    let read = if r.error {
        let variant = &response.variant;
        format!("[`{error_type}::{variant}`](super::operations::{error_type}::{variant})")
    } else {
        "a success".to_string()
    };
    let doc = response
        .doc
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(docs::sanitized);
    match doc {
        // A short description goes with its status, a longer one before.
        Some(d) if d.len() <= 60 && !d.contains('\n') => {
            let d = d.trim_end_matches('.');
            format!("Answers {status} ({d}){body}, which the client reads as {read}.")
        }
        Some(d) => format!("{d}\n\nAnswers {status}{body}, which the client reads as {read}."),
        None => format!("Answers {status}{body}, which the client reads as {read}."),
    }
}
