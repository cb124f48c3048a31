//! An operation's enums and structs in `operations.rs`: its errors, its
//! outcomes (when successes differ), its body's choice of media types and
//! multipart struct. The error enum is `#[non_exhaustive]`, so an error
//! response the next document declares breaks no caller's `match`.

use super::super::{allow_large_variant, docs, TypeCtx};
use super::builder::body_type;
use crate::model::{BodyKind, Operation, ResponseBody, StatusMatch, TypeRef};
use proc_macro2::{Ident, TokenStream};
use quote::quote;

pub(super) fn error_enum(op: &Operation, error: &Ident, link: &str) -> TokenStream {
    let doc = if op.errors.is_empty() {
        format!(
            " The errors [`{link}`] declares: none. Every error status arrives as \
             [`Error::UnexpectedResponse`](super::Error::UnexpectedResponse)."
        )
    } else {
        format!(" The error responses [`{link}`] declares.")
    };
    let variants = op.errors.iter().map(|r| response_variant(r, false));
    let allow = allow_large_variant(op.large_error_variant);
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        #allow
        pub enum #error {
            #(#variants)*
        }
    }
}

/// The enum of an operation's successes, when their bodies differ.
pub(super) fn outcome_enum(op: &Operation, link: &str) -> TokenStream {
    let Some(name) = &op.outcome else {
        return TokenStream::new();
    };
    let doc = format!(" The successful responses of [`{link}`], one variant for each status.");
    let variants = op.success.iter().map(|r| response_variant(r, true));
    let allow = allow_large_variant(op.large_outcome_variant);
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq)]
        #allow
        pub enum #name {
            #(#variants)*
        }
    }
}

/// One variant of an outcome or error enum: the status and description as
/// its doc, the decoded body as its payload (bytes only where `with_bytes`).
fn response_variant(r: &crate::model::Response, with_bytes: bool) -> TokenStream {
    let variant = r.variant.to_ident();
    let status = match r.status {
        StatusMatch::Code(c) => format!("`{c}`"),
        StatusMatch::Range(d) => format!("`{d}XX`"),
        StatusMatch::Default => "Any other status".to_string(),
    };
    let text = match &r.doc {
        Some(d) => format!("{status}: {}", d.trim()),
        None => status,
    };
    let doc = docs::outer(Some(&text));
    let payload = match &r.body {
        ResponseBody::Json(t) => {
            let t = TypeCtx::Sibling.type_ref(t);
            quote! { (#t) }
        }
        ResponseBody::Text => quote! { (String) },
        ResponseBody::Bytes if with_bytes => quote! { (Vec<u8>) },
        ResponseBody::Empty | ResponseBody::Bytes => TokenStream::new(),
    };
    quote! {
        #doc
        #variant #payload,
    }
}

/// The types an operation's body needs in `operations.rs`: its choice of media types, its multipart struct.
pub(super) fn body_type_items(kind: &BodyKind, link: &str) -> TokenStream {
    match kind {
        BodyKind::Multipart(m) => multipart_struct(link, m),
        BodyKind::Choice(c) => {
            let name = c.type_name.to_ident();
            let doc = format!(" The request body of [`{link}`], in the media type you choose.");
            let variants = c.options.iter().map(|o| {
                let v = o.variant.to_ident();
                let ty = body_type(&o.kind, false);
                let doc = format!(" `{}`", o.media_type.replace('`', "'"));
                quote! {
                    #[doc = #doc]
                    #v(#ty),
                }
            });
            let nested = c.options.iter().map(|o| body_type_items(&o.kind, link));
            let allow = allow_large_variant(c.large_variant);
            quote! {
                #[doc = #doc]
                #[derive(Debug)]
                #allow
                pub enum #name {
                    #(#variants)*
                }
                #(#nested)*
            }
        }
        _ => TokenStream::new(),
    }
}

/// The struct a caller fills for a `multipart/form-data` body, and how it becomes a form.
fn multipart_struct(link: &str, m: &crate::model::Multipart) -> TokenStream {
    use crate::model::PartValue;
    let name = &m.type_name;
    let doc = match m.media_type.as_str() {
        "multipart/form-data" => {
            format!(" The parts of the `multipart/form-data` body of [`{link}`].")
        }
        other => format!(
            " The parts of the `{}` body of [`{link}`], sent as `multipart/form-data`.",
            other.replace('`', "'")
        ),
    };
    let fields = m.fields.iter().map(|f| {
        let n = f.name.to_ident();
        let ty = match &f.value {
            PartValue::File => quote! { runtime::FilePart },
            PartValue::Files => quote! { Vec<runtime::FilePart> },
            PartValue::Value(t) => TypeCtx::Sibling.type_ref(t),
        };
        let ty = if f.required {
            ty
        } else {
            quote! { Option<#ty> }
        };
        let doc = docs::outer(f.doc.as_deref());
        quote! {
            #doc
            pub #n: #ty,
        }
    });
    let parts = m.fields.iter().map(multipart_part);
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone)]
        pub struct #name {
            #(#fields)*
        }

        impl #name {
            /// The parts, in the document's order; a list is one part per item.
            fn into_form(self) -> Result<reqwest::multipart::Form, String> {
                let mut form = reqwest::multipart::Form::new();
                #(#parts)*
                Ok(form)
            }
        }
    }
}

/// How `into_form` adds one field's part (a list's items each as one).
fn multipart_part(f: &crate::model::MultipartField) -> TokenStream {
    use crate::model::PartValue;
    let n = f.name.to_ident();
    let wire = &f.wire_name;
    let content_type = match &f.content_type {
        Some(c) => quote! { Some(#c) },
        None => quote! { None },
    };
    let add = |value: TokenStream| match &f.value {
        PartValue::File => {
            quote! { form = form.part(#wire, #value.into_part(#content_type)?); }
        }
        PartValue::Files => quote! {
            for file in #value {
                form = form.part(#wire, file.into_part(#content_type)?);
            }
        },
        PartValue::Value(TypeRef::Array(_)) => quote! {
            for item in &#value {
                form = form.part(#wire, runtime::value_part(item));
            }
        },
        PartValue::Value(_) => {
            quote! { form = form.part(#wire, runtime::value_part(&#value)); }
        }
    };
    if f.required {
        add(quote! { self.#n })
    } else {
        let add = add(quote! { value });
        quote! {
            if let Some(value) = self.#n {
                #add
            }
        }
    }
}
