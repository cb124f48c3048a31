//! An operation's request builder: its struct, `new`, a setter per optional
//! parameter (and the body and server), and the types they take.

use super::super::{docs, ident, TypeCtx};
use super::{enums, headers, request, response};
use crate::model::{BodyKind, Model, Operation, Primitive, TypeRef};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

pub(super) fn operation(model: &Model, op: &Operation) -> TokenStream {
    let builder = format_ident!("{}", op.type_name);
    let error = format_ident!("{}", op.error_type);
    let link = model.method_link(op);
    let builder_doc = format!(" The request [`{link}`] builds; `.await` it to send it.");

    // Fields: required parameters, optional ones, the body.
    let mut fields = Vec::new();
    let mut new_args = Vec::new();
    let mut new_inits = Vec::new();
    let mut setters = Vec::new();
    for p in &op.params {
        let n = ident(&p.name);
        let ty = TypeCtx::Sibling.type_ref(&p.ty);
        if p.required {
            fields.push(quote! { #n: #ty, });
            new_args.push(quote! { #n: #ty });
            new_inits.push(quote! { #n, });
        } else {
            fields.push(quote! { #n: Option<#ty>, });
            new_inits.push(quote! { #n: None, });
            let doc = docs::outer(p.doc.as_deref());
            let arg = arg_type(&p.ty);
            let value = if is_string(&p.ty) {
                quote! { value.into() }
            } else {
                quote! { value }
            };
            setters.push(quote! {
                #doc
                pub fn #n(mut self, value: #arg) -> Self {
                    self.#n = Some(#value);
                    self
                }
            });
        }
    }
    let mut body_types = TokenStream::new();
    if let Some(body) = &op.body {
        let ty = body_type(&body.kind, false);
        if body.required {
            fields.push(quote! { body: #ty, });
            new_args.push(quote! { body: #ty });
            new_inits.push(quote! { body, });
        } else {
            fields.push(quote! { body: Option<#ty>, });
            new_inits.push(quote! { body: None, });
            let doc = docs::outer(Some(body.doc.as_deref().unwrap_or("The request body.")));
            let arg = body_arg_type(&body.kind, false);
            let value = match body.kind {
                BodyKind::Bytes | BodyKind::Text => quote! { body.into() },
                _ => quote! { body },
            };
            setters.push(quote! {
                #doc
                pub fn body(mut self, body: #arg) -> Self {
                    self.body = Some(#value);
                    self
                }
            });
        }
        body_types = enums::body_type_items(&body.kind, &link);
    }

    // An operation with servers of its own can be sent elsewhere.
    let (server_field, server_init, server_setter) = match op.servers.first() {
        None => (None, None, None),
        Some(first) => {
            let doc = format!(
                " Sends this request to `url` rather than this operation's own server, `{}`.",
                first.url.replace('`', "'")
            );
            (
                Some(quote! { server: Option<reqwest::Url>, }),
                Some(quote! { server: None, }),
                Some(quote! {
                    #[doc = #doc]
                    pub fn server(mut self, url: reqwest::Url) -> Self {
                        self.server = Some(url);
                        self
                    }
                }),
            )
        }
    };

    // `new` takes the client too.
    let many_new_args = too_many_arguments(new_args.len() + 1);
    let send = send_fn(model, op, &error);
    let (ok_ty, _) = response::success_type(op);
    let error_enum = enums::error_enum(op, &error, &link);
    let outcome_enum = enums::outcome_enum(op, &link);
    let headers_struct = headers::headers_struct(model, op);
    quote! {
        #[doc = #builder_doc]
        #[derive(Debug)]
        #[must_use = "a request does nothing until it is awaited"]
        pub struct #builder<'a> {
            client: &'a Client,
            #(#fields)*
            #server_field
            options: runtime::RequestOptions,
        }

        impl<'a> #builder<'a> {
            #many_new_args
            pub(crate) fn new(client: &'a Client, #(#new_args),*) -> Self {
                #builder {
                    client,
                    #(#new_inits)*
                    #server_init
                    options: runtime::RequestOptions::default(),
                }
            }

            #(#setters)*
            #server_setter
            #send
        }

        runtime::request_builder!(#builder, #ok_ty, #error);

        #error_enum
        #body_types
        #outcome_enum
        #headers_struct
    }
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
    let local = |name: &str| {
        let name = format_ident!("{name}");
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
