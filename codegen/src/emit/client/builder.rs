//! An operation's request builder: its struct, `new`, a setter per optional
//! parameter (and the body and server), and the types they take.

use super::super::{docs, TypeCtx};
use super::{enums, headers, request, response};
use crate::model::{BodyKind, Model, Operation, Primitive, TypeRef};
use crate::naming::RustIdent;
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

/// An operation's builder, its `new`, setters and sending, and the types
/// beside it: its errors, body types, outcomes and response headers.
pub(super) fn operation(model: &Model, op: &Operation) -> TokenStream {
    let builder = op.type_name.to_ident();
    let error = op.error_type.to_ident();
    let link = model.method_link(op);
    let builder_doc = format!(" The request [`{link}`] builds; `.await` it to send it.");
    let Members {
        fields,
        new_args,
        new_inits,
        setters,
    } = members(op);
    // `new` takes the client too.
    let many_new_args = too_many_arguments(new_args.len() + 1);
    let send = send_fn(model, op, &error);
    let (ok_ty, _) = response::success_type(op);
    let error_enum = enums::error_enum(op, &error, &link);
    let body_types = op
        .body
        .as_ref()
        .map(|body| enums::body_type_items(&body.kind, &link));
    let outcome_enum = enums::outcome_enum(op, &link);
    let headers_struct = headers::headers_struct(model, op);
    quote! {
        #[doc = #builder_doc]
        #[derive(Debug)]
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
        }

        runtime::request_builder!(#builder, #ok_ty, #error);

        #error_enum
        #body_types
        #outcome_enum
        #headers_struct
    }
}

/// What a builder holds beside its client and options, in order: the
/// parameters, the body, the server. A required one is a field, an argument
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

/// The builder's members for an operation's parameters, body and server.
fn members(op: &Operation) -> Members {
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
        if body.required {
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

/// The builder's `send_streaming` (for a download), `build_request` and `read_response`.
fn send_fn(model: &Model, op: &Operation, error: &Ident) -> TokenStream {
    let streaming = response::send_streaming(op, error);
    let build = request::build_request(model, op, error);
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

pub(super) fn is_string(t: &TypeRef) -> bool {
    matches!(t, TypeRef::Primitive(Primitive::String))
}

/// The type of a method argument or setter parameter.
pub(super) fn arg_type(t: &TypeRef) -> TokenStream {
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
