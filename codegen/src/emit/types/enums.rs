//! Open enums of strings or integers: a variant per value the document
//! lists, and one that keeps any other value as it arrived. Each is
//! `#[non_exhaustive]`: a value the next document adds is a new variant that
//! breaks no caller's `match` (which has a `_` arm for it already).

use crate::model::{Enum, EnumRepr};
use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

pub(super) fn enum_def(name: &Ident, e: &Enum) -> TokenStream {
    let other = e.other.to_ident();
    let variants: Vec<TokenStream> = e
        .variants
        .iter()
        .map(|v| {
            let vname = v.name.to_ident();
            let doc = format!(" `{}`", v.value.replace('`', "'"));
            quote! {
                #[doc = #doc]
                #vname,
            }
        })
        .collect();
    match e.repr {
        EnumRepr::String => string_enum(name, e, &other, &variants),
        EnumRepr::Integer => integer_enum(name, e, &other, &variants),
    }
}

/// An enum of strings: its methods and traits are the runtime's
/// `string_enum!`, from the table of variants and values.
fn string_enum(name: &Ident, e: &Enum, other: &Ident, variants: &[TokenStream]) -> TokenStream {
    let table = e.variants.iter().map(|v| {
        let vname = v.name.to_ident();
        let value = &v.value;
        quote! { #vname(#value), }
    });
    quote! {
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A value this client does not know, kept as it arrived.
            #other(String),
        }

        super::runtime::string_enum!(#name { #(#table)* ..#other });
    }
}

/// An enum of integers: its methods and traits are the runtime's
/// `integer_enum!`, from the table of variants and values.
fn integer_enum(name: &Ident, e: &Enum, other: &Ident, variants: &[TokenStream]) -> TokenStream {
    let table = e.variants.iter().map(|v| {
        let vname = v.name.to_ident();
        let value = Literal::i64_unsuffixed(v.value.parse().unwrap_or_default());
        quote! { #vname(#value), }
    });
    quote! {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A value this client does not know, kept as it arrived.
            #other(i64),
        }

        super::runtime::integer_enum!(#name { #(#table)* ..#other });
    }
}
