//! Model types → `types.rs`.

use super::docs;
use super::{ident, TypeCtx};
use crate::model::{
    Enum, EnumRepr, Field, Model, Struct, Tagging, TypeDef, TypeKind, TypeRef, Union,
};
use crate::uses::{RuntimePart, Uses};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::collections::HashMap;

/// The top of `types.rs`: the runtime's `Base64`, which is the crate's
/// `types::Base64`.
pub fn types_prelude(uses: &Uses) -> TokenStream {
    if uses.needs(RuntimePart::Base64) {
        quote! { pub use super::runtime::Base64; }
    } else {
        TokenStream::new()
    }
}

/// Whether a union derives `Deserialize` (untagged, every variant taken as it comes).
fn derives_deserialize(u: &Union) -> bool {
    u.tagging == Tagging::Untagged && u.variants.iter().all(|v| v.known_values_only.is_none())
}

/// Some of the types of `types.rs`.
pub fn types_items(
    model: &Model,
    range: std::ops::Range<usize>,
    defaults: &HashMap<&str, bool>,
) -> TokenStream {
    let items = model.types[range].iter().map(|t| type_def(t, defaults));
    quote! { #(#items)* }
}

fn type_def(def: &TypeDef, defaults: &HashMap<&str, bool>) -> TokenStream {
    let doc = docs::outer(def.doc.as_deref());
    let deprecated = def.deprecated.then(|| quote! { #[deprecated] });
    let name = format_ident!("{}", def.name);
    let body = match &def.kind {
        TypeKind::Struct(s) => struct_def(
            &name,
            s,
            defaults.get(def.name.as_str()).copied().unwrap_or(false),
        ),
        TypeKind::Enum(e) => enum_def(&name, e),
        TypeKind::Union(u) => union_def(&name, u),
        TypeKind::Alias(t) => {
            let t = TypeCtx::Types.type_ref(t);
            quote! { pub type #name = #t; }
        }
    };
    quote! {
        #doc
        #deprecated
        #body
    }
}

fn struct_def(name: &proc_macro2::Ident, s: &Struct, default: bool) -> TokenStream {
    let fields = s.fields.iter().map(|f| field(name, f));
    let additional = s.additional.as_ref().map(|t| {
        let t = TypeCtx::Types.type_ref(t);
        let field_name = ident(&s.additional_name);
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
            let value = f.default.as_ref()?.to_string();
            let fn_name = format_ident!("default_{}", crate::naming::unraw(&f.name));
            let ty = field_type(f);
            Some(quote! {
                fn #fn_name() -> #ty {
                    super::runtime::json_default(#value)
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

fn field(owner: &proc_macro2::Ident, f: &Field) -> TokenStream {
    let doc = docs::outer(f.doc.as_deref());
    let name = ident(&f.name);
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
pub fn field_type(f: &Field) -> TokenStream {
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

fn enum_def(name: &proc_macro2::Ident, e: &Enum) -> TokenStream {
    let other = format_ident!("{}", e.other);
    let variants = e.variants.iter().map(|v| {
        let vname = format_ident!("{}", v.name);
        let doc = format!(" `{}`", v.value.replace('`', "'"));
        quote! {
            #[doc = #doc]
            #vname,
        }
    });
    match e.repr {
        EnumRepr::String => {
            let to_str = e.variants.iter().map(|v| {
                let vname = format_ident!("{}", v.name);
                let value = &v.value;
                quote! { #name::#vname => #value, }
            });
            let from_str = e.variants.iter().map(|v| {
                let vname = format_ident!("{}", v.name);
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
        EnumRepr::Integer => {
            let to_value = e.variants.iter().map(|v| {
                let vname = format_ident!("{}", v.name);
                let value: i64 = v.value.parse().unwrap_or_default();
                quote! { #name::#vname => #value, }
            });
            let from_value = e.variants.iter().map(|v| {
                let vname = format_ident!("{}", v.name);
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
    }
}

fn union_def(name: &proc_macro2::Ident, u: &Union) -> TokenStream {
    // A struct held by value may be far larger than its sibling variants;
    // boxing it would cost every caller a `Box` to build one.
    let allow_large = u
        .variants
        .iter()
        .any(|v| matches!(v.ty, TypeRef::Named(_)) && !v.boxed)
        .then(|| quote! { #[allow(clippy::large_enum_variant)] });
    let variant_type = |v: &crate::model::UnionVariant| {
        let ty = TypeCtx::Types.type_ref(&v.ty);
        if v.boxed {
            quote! { Box<#ty> }
        } else {
            ty
        }
    };
    let mut variants: Vec<TokenStream> = u
        .variants
        .iter()
        .map(|v| {
            let vname = format_ident!("{}", v.name);
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
        })
        .collect();
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
            let attempts = u.variants.iter().map(|v| {
                let vname = format_ident!("{}", v.name);
                let ty = variant_type(v);
                let wrap = if v.boxed {
                    quote! { Box::new(v) }
                } else {
                    quote! { v }
                };
                match &v.known_values_only {
                    Some(other) => {
                        let enum_ty = TypeCtx::Types.type_ref(&v.ty);
                        let other = format_ident!("{}", other);
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
                #[derive(Debug, Clone, PartialEq, serde::Serialize)]
                #allow_large
                #[serde(untagged)]
                pub enum #name {
                    #(#variants)*
                }

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
        Tagging::Tag { property, other } => {
            let other = format_ident!("{}", other);
            let doc = format!(" A `{property}` this client does not know, kept as it arrived.");
            variants.push(quote! {
                #[doc = #doc]
                #other(serde_json::Value),
            });
            let arms = u.variants.iter().map(|v| {
                let vname = format_ident!("{}", v.name);
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
                let vname = format_ident!("{}", v.name);
                let tag = v.tags.first().cloned().unwrap_or_default();
                quote! {
                    #name::#vname(v) => super::runtime::encode_tagged(serializer, v, #property, #tag),
                }
            });
            let type_doc =
                format!(" Picks the variant named by `{property}`, which stays in the value.");
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
    }
}

/// Which structs can derive `Default`: those whose every required field's type has a default.
pub(crate) fn defaultable(model: &Model) -> HashMap<&str, bool> {
    use crate::model::TypeRef;
    let by_name: HashMap<&str, &TypeDef> =
        model.types.iter().map(|t| (t.name.as_str(), t)).collect();
    let mut memo: HashMap<&str, bool> = HashMap::new();
    fn ty_default<'m>(
        t: &TypeRef,
        by_name: &HashMap<&'m str, &'m TypeDef>,
        memo: &mut HashMap<&'m str, bool>,
    ) -> bool {
        match t {
            TypeRef::Named(n) => match by_name.get_key_value(n.as_str()) {
                Some((k, def)) => def_default(k, def, by_name, memo),
                None => false,
            },
            TypeRef::Primitive(p) => !matches!(
                p,
                crate::model::Primitive::DateTime | crate::model::Primitive::Date
            ),
            TypeRef::Array(_)
            | TypeRef::Map(_)
            | TypeRef::Nullable(_)
            | TypeRef::JsonObject
            | TypeRef::Json => true,
        }
    }
    fn def_default<'m>(
        name: &'m str,
        def: &'m TypeDef,
        by_name: &HashMap<&'m str, &'m TypeDef>,
        memo: &mut HashMap<&'m str, bool>,
    ) -> bool {
        if let Some(&v) = memo.get(name) {
            return v;
        }
        // Assume no while visiting, so a cycle ends.
        memo.insert(name, false);
        let v = match &def.kind {
            TypeKind::Struct(s) => s
                .fields
                .iter()
                .all(|f| f.optional() || ty_default(&f.ty, by_name, memo)),
            TypeKind::Alias(t) => ty_default(t, by_name, memo),
            TypeKind::Enum(_) | TypeKind::Union(_) => false,
        };
        memo.insert(name, v);
        v
    }
    for (name, def) in &by_name {
        def_default(name, def, &by_name, &mut memo);
    }
    memo
}
