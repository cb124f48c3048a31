//! An operation's request builder: its struct, `new`, a setter per optional
//! parameter (and the body and server), and the types they take.

use super::super::{docs, TypeCtx};
use super::{enums, headers, pages, request, response, streams};
use crate::model::{BodyKind, Model, Operation, Primitive, StreamMethod, Twin, TypeRef};
use crate::naming::RustIdent;
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

/// Which of an operation's builders: its own, or the second one that asks
/// for its event stream.
#[derive(Clone, Copy)]
pub(super) enum Kind<'m> {
    Plain,
    Twin(&'m Twin),
}

/// An operation's builder (and its second one, for a stream), with the
/// types they share: errors, body choices, outcomes and headers.
pub(super) fn operation(model: &Model, op: &Operation) -> TokenStream {
    let error = op.error_type.to_ident();
    let link = model.method_link(op);
    let plain = builder(model, op, Kind::Plain);
    let twin = match op.stream.as_ref().map(|s| &s.method) {
        Some(StreamMethod::Twin(twin)) => builder(model, op, Kind::Twin(twin)),
        _ => TokenStream::new(),
    };
    let body_types = op
        .body
        .as_ref()
        .map(|b| enums::body_type_items(&b.kind, &link));
    let error_enum = enums::error_enum(op, &error, &link);
    let outcome_enum = enums::outcome_enum(op, &link);
    let headers_struct = headers::headers_struct(model, op);
    quote! {
        #plain
        #twin
        #error_enum
        #body_types
        #outcome_enum
        #headers_struct
    }
}

/// One builder struct, `new`, its setters and what sends it.
fn builder(model: &Model, op: &Operation, kind: Kind<'_>) -> TokenStream {
    let (name, doc) = match kind {
        Kind::Plain => (
            &op.type_name,
            " The request [`{link}`] builds; `.await` it to send it.",
        ),
        Kind::Twin(t) => (
            &t.type_name,
            " The request [`{link}`] builds; `.await` it for the stream of its events.",
        ),
    };
    let builder = name.to_ident();
    let link = match kind {
        Kind::Plain => model.method_link(op),
        Kind::Twin(t) => {
            let plain = model.method_link(op);
            let owner = plain.rsplit_once("::").map_or("Client", |(o, _)| o);
            format!("{owner}::{}", t.method_name)
        }
    };
    let builder_doc = doc.replace("{link}", &link);
    let error = op.error_type.to_ident();
    let Members {
        fields,
        new_args,
        new_inits,
        setters,
    } = members(op, kind);
    let plain = matches!(kind, Kind::Plain);
    let pagination = op.pagination.as_ref().filter(|_| plain);
    let derive = if plain && (op.pagination.is_some() || op.job.is_some()) {
        quote! { #[derive(Debug, Clone)] }
    } else {
        quote! { #[derive(Debug)] }
    };
    // `new` takes the client too.
    let many_new_args = too_many_arguments(new_args.len() + 1);
    let send = send_fn(model, op, kind, &error);
    let sender = streams::sender(op, kind, &builder, &error);
    let pages = pagination.map(|p| pages::pages(model, op, p, &error));
    let wait = op
        .job
        .as_ref()
        .filter(|_| plain)
        .map(|j| pages::wait(op, j, &error));
    quote! {
        #[doc = #builder_doc]
        #derive
        #[must_use = "a request does nothing until it is awaited"]
        pub struct #builder<'a> {
            client: &'a Client,
            #(#fields)*
            options: runtime::RequestOptions,
        }

        impl<'a> #builder<'a> {
            #many_new_args
            pub(crate) fn new(client: &'a Client, #(#new_args),*) -> Self {
                #builder {
                    client,
                    #(#new_inits)*
                    options: runtime::RequestOptions::default(),
                }
            }

            #(#setters)*
            #send
            #pages
            #wait
        }

        #sender
    }
}

/// What a builder holds beside its client and options, in order: the
/// parameters, the body, the next page's URL, the server. A required one is a field, an argument
/// of `new` and its initializer; an optional one a field (`None` at first)
/// and a setter.
#[derive(Default)]
struct Members {
    fields: Vec<TokenStream>,
    new_args: Vec<TokenStream>,
    new_inits: Vec<TokenStream>,
    setters: Vec<TokenStream>,
}

impl Members {
    fn required(&mut self, name: &Ident, ty: &TokenStream) {
        self.fields.push(quote! { #name: #ty, });
        self.new_args.push(quote! { #name: #ty });
        self.new_inits.push(quote! { #name, });
    }

    fn optional(&mut self, name: &Ident, ty: &TokenStream, setter: TokenStream) {
        self.fields.push(quote! { #name: Option<#ty>, });
        self.new_inits.push(quote! { #name: None, });
        self.setters.push(setter);
    }
}

/// The builder's members for an operation's parameters, body and server;
/// the second builder of a stream always takes the body.
fn members(op: &Operation, kind: Kind<'_>) -> Members {
    let mut members = Members::default();
    for p in &op.params {
        let n = p.name.to_ident();
        let ty = TypeCtx::Sibling.type_ref(&p.ty);
        if p.required {
            members.required(&n, &ty);
            continue;
        }
        let doc = docs::outer(p.doc.as_deref());
        let arg = arg_type(&p.ty);
        let value = if is_string(&p.ty) {
            quote! { value.into() }
        } else {
            quote! { value }
        };
        let setter = quote! {
            #doc
            pub fn #n(mut self, value: #arg) -> Self {
                self.#n = Some(#value);
                self
            }
        };
        members.optional(&n, &ty, setter);
    }
    if let Some(body) = &op.body {
        let name = format_ident!("body");
        let ty = body_type(&body.kind, false);
        if body.required || matches!(kind, Kind::Twin(_)) {
            members.required(&name, &ty);
        } else {
            let doc = docs::outer(Some(body.doc.as_deref().unwrap_or("The request body.")));
            let arg = body_arg_type(&body.kind, false);
            let value = match body.kind {
                BodyKind::Bytes | BodyKind::Text => quote! { body.into() },
                _ => quote! { body },
            };
            let setter = quote! {
                #doc
                pub fn body(mut self, body: #arg) -> Self {
                    self.body = Some(#value);
                    self
                }
            };
            members.optional(&name, &ty, setter);
        }
    }
    // A builder that follows the next page's URL holds it.
    let follows_urls = op
        .pagination
        .as_ref()
        .is_some_and(|p| p.pattern.follows_urls());
    if matches!(kind, Kind::Plain) && follows_urls {
        members
            .fields
            .push(quote! { page_url: Option<reqwest::Url>, });
        members.new_inits.push(quote! { page_url: None, });
    }
    // An operation with servers of its own can be sent elsewhere.
    if let Some(first) = op.servers.first() {
        let doc = format!(
            " Sends this request to `url` rather than this operation's own server, `{}`.",
            first.url.replace('`', "'")
        );
        let setter = quote! {
            #[doc = #doc]
            pub fn server(mut self, url: reqwest::Url) -> Self {
                self.server = Some(url);
                self
            }
        };
        members.optional(&format_ident!("server"), &quote! { reqwest::Url }, setter);
    }
    members
}

/// The builder's `send_streaming` (for a download), `build_request` and
/// `read_response`; the second builder of a stream has only `build_request`.
fn send_fn(model: &Model, op: &Operation, kind: Kind<'_>, error: &Ident) -> TokenStream {
    let flag = op.stream.as_ref().and_then(|s| match &s.method {
        StreamMethod::Twin(t) => t.flag.as_ref(),
        StreamMethod::Own => None,
    });
    let shape = request::Shape {
        // The plain method never asks for a stream; the second always does.
        stream_flag: flag.map(|f| (f, matches!(kind, Kind::Twin(_)))),
        body_required: matches!(kind, Kind::Twin(_)),
        page_url: matches!(kind, Kind::Plain)
            && op
                .pagination
                .as_ref()
                .is_some_and(|p| p.pattern.follows_urls()),
    };
    let build = request::build_request(model, op, error, &shape);
    if matches!(kind, Kind::Twin(_)) {
        return build;
    }
    let streaming = response::send_streaming(op, error);
    let read = response::read_response(op, error);
    quote! {
        #streaming

        #build

        #read
    }
}

/// Every required parameter is an argument, however many the document declares.
pub(super) fn too_many_arguments(count: usize) -> TokenStream {
    if count > 6 {
        quote! { #[allow(clippy::too_many_arguments)] }
    } else {
        TokenStream::new()
    }
}

pub(in crate::emit) fn is_string(t: &TypeRef) -> bool {
    matches!(t, TypeRef::Primitive(Primitive::String))
}

/// The type of a method argument or setter parameter.
pub(in crate::emit) fn arg_type(t: &TypeRef) -> TokenStream {
    if is_string(t) {
        quote! { impl Into<String> }
    } else {
        TypeCtx::Sibling.type_ref(t)
    }
}

/// The type a builder holds its body in; `in_client` where `client.rs` names it.
pub(super) fn body_type(kind: &BodyKind, in_client: bool) -> TokenStream {
    let local = |name: &RustIdent| {
        if in_client {
            quote! { operations::#name }
        } else {
            quote! { #name }
        }
    };
    match kind {
        BodyKind::Json(t) | BodyKind::Form(t, _) => TypeCtx::Sibling.type_ref(t),
        BodyKind::Text => quote! { String },
        BodyKind::Bytes => quote! { reqwest::Body },
        BodyKind::Multipart(m) => local(&m.type_name),
        BodyKind::Choice(c) => local(&c.type_name),
    }
}

/// The type a method takes a body as: bytes (or a stream) and text through `Into`.
pub(super) fn body_arg_type(kind: &BodyKind, in_client: bool) -> TokenStream {
    match kind {
        BodyKind::Text => quote! { impl Into<String> },
        BodyKind::Bytes => quote! { impl Into<reqwest::Body> },
        other => body_type(other, in_client),
    }
}
