//! Unions (`oneOf`, `anyOf`): untagged, tried variant by variant, or
//! tagged by a discriminator property.

use super::super::{allow_large_variant, TypeCtx};
use crate::model::{Tagging, Union, UnionVariant};
use crate::naming::RustIdent;
use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// Whether a union derives `Deserialize` (untagged, every variant taken as it comes).
fn derives_deserialize(u: &Union) -> bool {
    u.tagging == Tagging::Untagged && u.variants.iter().all(|v| v.known_values_only.is_none())
}

pub(super) fn union_def(name: &Ident, u: &Union) -> TokenStream {
    let allow_large = allow_large_variant(u.large_variant);
    let variants: Vec<TokenStream> = u.variants.iter().map(variant).collect();
    match &u.tagging {
        Tagging::Untagged if derives_deserialize(u) => quote! {
            #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
            #allow_large
            #[serde(untagged)]
            pub enum #name {
                #(#variants)*
            }
        },
        Tagging::Untagged => {
            let deserialize = untagged_deserialize(name, u);
            quote! {
                #[derive(Debug, Clone, PartialEq, serde::Serialize)]
                #allow_large
                #[serde(untagged)]
                pub enum #name {
                    #(#variants)*
                }

                #deserialize
            }
        }
        Tagging::Tag { property, other } => tagged(name, u, property, other, variants, allow_large),
    }
}

/// The type a variant holds: boxed where it closes a cycle.
fn variant_type(v: &UnionVariant) -> TokenStream {
    let ty = TypeCtx::Types.type_ref(&v.ty);
    if v.boxed {
        quote! { Box<#ty> }
    } else {
        ty
    }
}

/// A variant, with the tags that pick it as its doc.
fn variant(v: &UnionVariant) -> TokenStream {
    let vname = v.name.to_ident();
    let ty = variant_type(v);
    let doc = (!v.tags.is_empty()).then(|| {
        let tags: Vec<String> = v
            .tags
            .iter()
            .map(|t| format!("`{}`", t.replace('`', "'")))
            .collect();
        let text = format!(" Tagged {}.", tags.join(", "));
        quote! { #[doc = #text] }
    });
    quote! { #doc #vname(#ty), }
}

/// `Deserialize` for an untagged union with an open enum that must not
/// take every string: each variant in turn, the enum only for its values.
fn untagged_deserialize(name: &Ident, u: &Union) -> TokenStream {
    let attempts = u.variants.iter().map(|v| {
        let vname = v.name.to_ident();
        let ty = variant_type(v);
        let wrap = if v.boxed {
            quote! { Box::new(v) }
        } else {
            quote! { v }
        };
        match &v.known_values_only {
            Some(other) => {
                let enum_ty = TypeCtx::Types.type_ref(&v.ty);
                let other = other.to_ident();
                quote! {
                    if let Ok(v) = <#ty as serde::Deserialize>::deserialize(&value) {
                        if !matches!(v, #enum_ty::#other(_)) {
                            return Ok(#name::#vname(#wrap));
                        }
                    }
                }
            }
            None => quote! {
                if let Ok(v) = <#ty as serde::Deserialize>::deserialize(&value) {
                    return Ok(#name::#vname(#wrap));
                }
            },
        }
    });
    let message = format!("the value is none of the types of `{name}`");
    quote! {
        /// Tries each variant in turn; an open enum takes only its listed values here.
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <serde_json::Value as serde::Deserialize>::deserialize(deserializer)?;
                #(#attempts)*
                Err(serde::de::Error::custom(#message))
            }
        }
    }
}

/// A union tagged by `property`, with a catch-all variant `other` for a tag
/// no variant has, and its `Serialize` and `Deserialize`.
fn tagged(
    name: &Ident,
    u: &Union,
    property: &str,
    other: &RustIdent,
    mut variants: Vec<TokenStream>,
    allow_large: Option<TokenStream>,
) -> TokenStream {
    let other = other.to_ident();
    let doc = format!(" A `{property}` this client does not know, kept as it arrived.");
    variants.push(quote! {
        #[doc = #doc]
        #other(serde_json::Value),
    });
    let arms = u.variants.iter().map(|v| {
        let vname = v.name.to_ident();
        let tags = &v.tags;
        let wrap = if v.boxed {
            quote! { |v| #name::#vname(Box::new(v)) }
        } else {
            quote! { #name::#vname }
        };
        quote! {
            #(#tags)|* => super::runtime::decode_variant(value).map(#wrap),
        }
    });
    let encode = u.variants.iter().map(|v| {
        let vname = v.name.to_ident();
        let tag = v.tags.first().cloned().unwrap_or_default();
        quote! {
            #name::#vname(v) => super::runtime::encode_tagged(serializer, v, #property, #tag),
        }
    });
    let type_doc = format!(" Picks the variant named by `{property}`, which stays in the value.");
    quote! {
        #[derive(Debug, Clone, PartialEq)]
        #allow_large
        pub enum #name {
            #(#variants)*
        }

        /// Writes the variant as it is, with its tag added if it has none.
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    #(#encode)*
                    #name::#other(value) => serde::Serialize::serialize(value, serializer),
                }
            }
        }

        #[doc = #type_doc]
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let (tag, value) = super::runtime::read_tag(deserializer, #property)?;
                match tag.as_str() {
                    #(#arms)*
                    _ => Ok(#name::#other(value)),
                }
            }
        }
    }
}
