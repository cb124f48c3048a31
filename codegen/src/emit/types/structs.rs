//! Structs: a field per property, the map of the properties the document
//! does not list, and the document's defaults.

use super::super::{docs, TypeCtx};
use crate::model::defaults::{field_default, FieldDefault, Literal};
use crate::model::{Field, Model, Struct, TypeRef};
use proc_macro2::{Ident, Literal as Lit, TokenStream};
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
    let default_fns: Vec<TokenStream> = s
        .fields
        .iter()
        .filter_map(|f| {
            let value = default_value(&field_default(model, f)?);
            let fn_name = f.name.prefixed("default_");
            let ty = field_type(f);
            Some(quote! {
                fn #fn_name() -> #ty {
                    #value
                }
            })
        })
        .collect();
    let default_impl = (!default_fns.is_empty()).then(|| {
        quote! {
            /// The document's defaults, for fields a value leaves out.
            impl #name {
                #(#default_fns)*
            }
        }
    });
    quote! {
        #[derive(Debug, Clone, PartialEq, #default serde::Serialize, serde::Deserialize)]
        pub struct #name {
            #(#fields)*
            #additional
        }

        #default_impl
    }
}

fn field(owner: &Ident, f: &Field) -> TokenStream {
    let doc = docs::outer(f.doc.as_deref());
    let name = f.name.to_ident();
    let ty = field_type(f);
    let mut serde_args = Vec::new();
    if crate::naming::unraw(&f.name) != f.wire_name {
        let wire = &f.wire_name;
        serde_args.push(quote! { rename = #wire });
    }
    if !f.required {
        match &f.default {
            Some(_) => {
                let path = format!("{owner}::default_{}", crate::naming::unraw(&f.name));
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
fn field_type(f: &Field) -> TokenStream {
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

/// What a field's default function returns.
fn default_value(default: &FieldDefault) -> TokenStream {
    match default {
        FieldDefault::Null => quote! { Some(None) },
        FieldDefault::Json(text) => quote! { super::runtime::json_default(#text) },
        FieldDefault::Literal {
            literal,
            boxed,
            tri_state,
        } => {
            let mut value = literal_value(literal);
            if *boxed {
                value = quote! { Box::new(#value) };
            }
            if *tri_state {
                value = quote! { Some(#value) };
            }
            quote! { Some(#value) }
        }
    }
}

/// A literal of a default's type; a negative number is `-` and its magnitude.
fn literal_value(literal: &Literal) -> TokenStream {
    let signed = |negative: bool, magnitude: Lit| {
        if negative {
            quote! { -#magnitude }
        } else {
            quote! { #magnitude }
        }
    };
    match literal {
        Literal::Bool(b) => quote! { #b },
        Literal::Int(i) => signed(*i < 0, Lit::u64_unsuffixed(i.unsigned_abs())),
        Literal::UInt(u) => signed(false, Lit::u64_unsuffixed(*u)),
        Literal::F32(f) => signed(f.is_sign_negative(), Lit::f32_unsuffixed(f.abs())),
        Literal::F64(f) => signed(f.is_sign_negative(), Lit::f64_unsuffixed(f.abs())),
        Literal::Str(s) => quote! { #s.to_string() },
        Literal::Variant { ty, variant } => quote! { #ty::#variant },
        Literal::List(items) if items.is_empty() => quote! { Vec::new() },
        Literal::List(items) => {
            let items = items.iter().map(literal_value);
            quote! { vec![#(#items),*] }
        }
    }
}
