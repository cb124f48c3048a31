//! Structs: a field per property, the map of the properties the document
//! does not list, and `new` of the required fields.

use super::super::{docs, TypeCtx};
use super::defaults;
use crate::model::{Field, Model, Primitive, Struct, TypeRef};
use proc_macro2::{Ident, TokenStream};
use quote::quote;

pub(super) fn struct_def(model: &Model, name: &Ident, s: &Struct, default: bool) -> TokenStream {
    let fields = s.fields.iter().map(|f| field(name, f));
    let additional = s.additional.as_ref().map(|t| {
        let t = TypeCtx::Types.type_ref(t);
        let field_name = s.additional_name.to_ident();
        quote! {
            /// Properties the document does not list.
            #[serde(flatten)]
            pub #field_name: std::collections::BTreeMap<String, #t>,
        }
    });
    let default = default.then(|| quote! { Default, });
    let constructor = constructor(name, s);
    let document_defaults = defaults::document_defaults(model, name, s);
    quote! {
        #[derive(Debug, Clone, PartialEq, #default serde::Serialize, serde::Deserialize)]
        pub struct #name {
            #(#fields)*
            #additional
        }

        #constructor

        #document_defaults
    }
}

fn field(owner: &Ident, f: &Field) -> TokenStream {
    let doc = docs::outer(f.doc.as_deref());
    let name = f.name.to_ident();
    let ty = field_type(f);
    let mut serde_args = Vec::new();
    if f.name.unraw() != f.wire_name {
        let wire = &f.wire_name;
        serde_args.push(quote! { rename = #wire });
    }
    if !f.required {
        match &f.default {
            Some(_) => {
                let path = format!("{owner}::{}", f.name.prefixed("default_"));
                serde_args.push(quote! { default = #path });
            }
            None => serde_args.push(quote! { default }),
        }
        serde_args.push(quote! { skip_serializing_if = "Option::is_none" });
        if f.tri_state {
            serde_args.push(quote! { deserialize_with = "super::runtime::present" });
        }
    }
    let serde_attr = (!serde_args.is_empty()).then(|| quote! { #[serde(#(#serde_args),*)] });
    let deprecated = f.deprecated.then(|| quote! { #[deprecated] });
    quote! {
        #doc
        #deprecated
        #serde_attr
        pub #name: #ty,
    }
}

/// The Rust type of a field: boxed where it closes a cycle, optional where it may be absent or null.
pub(super) fn field_type(f: &Field) -> TokenStream {
    let (inner, nullable) = match &f.ty {
        TypeRef::Nullable(inner) => (inner.as_ref(), true),
        other => (other, f.nullable),
    };
    let mut ty = TypeCtx::Types.type_ref(inner);
    if f.boxed {
        ty = quote! { Box<#ty> };
    }
    if nullable {
        ty = quote! { Option<#ty> };
    }
    // Absent needs an `Option` of its own, unless `null` already has one and
    // the field reads absent as `null`.
    if !f.required && (!nullable || f.tri_state) {
        ty = quote! { Option<#ty> };
    }
    ty
}

/// `new`, for a struct a request can hold with fields that are not `Option`s: it takes those,
/// and every other field is `None` (the map of unlisted properties empty),
/// so a caller never spells out the optional ones.
fn constructor(name: &Ident, s: &Struct) -> Option<TokenStream> {
    let required: Vec<&Field> = s.fields.iter().filter(|f| !f.optional()).collect();
    if required.is_empty() || !s.sent {
        return None;
    }
    let args = required.iter().map(|f| {
        let n = &f.name;
        let ty = match &f.ty {
            TypeRef::Primitive(Primitive::String) if !f.boxed => quote! { impl Into<String> },
            t => TypeCtx::Types.type_ref(t),
        };
        quote! { #n: #ty }
    });
    let inits = s.fields.iter().map(|f| {
        let n = &f.name;
        if f.optional() {
            quote! { #n: None, }
        } else if f.boxed {
            quote! { #n: Box::new(#n), }
        } else if matches!(f.ty, TypeRef::Primitive(Primitive::String)) {
            quote! { #n: #n.into(), }
        } else {
            quote! { #n, }
        }
    });
    let additional = s.additional.as_ref().map(|_| {
        let n = &s.additional_name;
        quote! { #n: std::collections::BTreeMap::new(), }
    });
    let many = (required.len() > 7).then(|| quote! { #[allow(clippy::too_many_arguments)] });
    Some(quote! {
        impl #name {
            /// Takes the required fields; every optional one is `None`.
            #many
            pub fn new(#(#args),*) -> Self {
                #name {
                    #(#inits)*
                    #additional
                }
            }
        }
    })
}
