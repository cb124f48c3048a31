//! Open enums of strings or integers: a variant per value the document
//! lists, and one that keeps any other value as it arrived.

use crate::model::{Enum, EnumRepr};
use proc_macro2::{Ident, TokenStream};
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

/// An enum of strings: `as_str`, `From<&str>`, and serde as a string.
fn string_enum(name: &Ident, e: &Enum, other: &Ident, variants: &[TokenStream]) -> TokenStream {
    let to_str = e.variants.iter().map(|v| {
        let vname = v.name.to_ident();
        let value = &v.value;
        quote! { #name::#vname => #value, }
    });
    let from_str = e.variants.iter().map(|v| {
        let vname = v.name.to_ident();
        let value = &v.value;
        quote! { #value => #name::#vname, }
    });
    quote! {
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum #name {
            #(#variants)*
            /// A value this client does not know, kept as it arrived.
            #other(String),
        }

        impl #name {
            /// The value as it is sent.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#to_str)*
                    #name::#other(value) => value,
                }
            }
        }

        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#from_str)*
                    other => #name::#other(other.to_string()),
                }
            }
        }

        super::runtime::string_enum!(#name);
    }
}

/// An enum of integers: `value`, `From<i64>`, and serde as a number.
fn integer_enum(name: &Ident, e: &Enum, other: &Ident, variants: &[TokenStream]) -> TokenStream {
    let to_value = e.variants.iter().map(|v| {
        let vname = v.name.to_ident();
        let value: i64 = v.value.parse().unwrap_or_default();
        quote! { #name::#vname => #value, }
    });
    let from_value = e.variants.iter().map(|v| {
        let vname = v.name.to_ident();
        let value: i64 = v.value.parse().unwrap_or_default();
        quote! { #value => #name::#vname, }
    });
    quote! {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum #name {
            #(#variants)*
            /// A value this client does not know, kept as it arrived.
            #other(i64),
        }

        impl #name {
            /// The value as it is sent.
            pub fn value(&self) -> i64 {
                match self {
                    #(#to_value)*
                    #name::#other(value) => *value,
                }
            }
        }

        impl From<i64> for #name {
            fn from(value: i64) -> Self {
                match value {
                    #(#from_value)*
                    other => #name::#other(other),
                }
            }
        }

        super::runtime::integer_enum!(#name);
    }
}
