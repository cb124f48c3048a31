//! Model types → `types.rs`.

use super::docs;
use super::{ident, TypeCtx};
use crate::model::{Enum, EnumRepr, Field, Model, Struct, TypeDef, TypeKind, Union};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::collections::HashMap;

/// The top of `types.rs`.
pub fn types_prelude(model: &Model) -> TokenStream {
    let uses_derives = model
        .types
        .iter()
        .any(|t| matches!(t.kind, TypeKind::Struct(_) | TypeKind::Union(_)));
    let serde_use = uses_derives.then(|| quote! { use serde::{Deserialize, Serialize}; });
    quote! { #serde_use }
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
    let fields = s.fields.iter().map(field);
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
    quote! {
        #[derive(Debug, Clone, PartialEq, #default Serialize, Deserialize)]
        pub struct #name {
            #(#fields)*
            #additional
        }
    }
}

fn field(f: &Field) -> TokenStream {
    let doc = docs::outer(f.doc.as_deref());
    let name = ident(&f.name);
    let ty = field_type(f);
    let mut serde_args = Vec::new();
    if crate::naming::unraw(&f.name) != f.wire_name {
        let wire = &f.wire_name;
        serde_args.push(quote! { rename = #wire });
    }
    if !f.required {
        serde_args.push(quote! { default, skip_serializing_if = "Option::is_none" });
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
        crate::model::TypeRef::Nullable(inner) => (inner.as_ref(), true),
        other => (other, f.nullable),
    };
    let mut ty = TypeCtx::Types.type_ref(inner);
    if f.boxed {
        ty = quote! { Box<#ty> };
    }
    if !f.required || nullable {
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
        .any(|v| matches!(v.ty, crate::model::TypeRef::Named(_)) && !v.boxed)
        .then(|| quote! { #[allow(clippy::large_enum_variant)] });
    let variants = u.variants.iter().map(|v| {
        let vname = format_ident!("{}", v.name);
        let mut ty = TypeCtx::Types.type_ref(&v.ty);
        if v.boxed {
            ty = quote! { Box<#ty> };
        }
        quote! { #vname(#ty), }
    });
    quote! {
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #allow_large
        #[serde(untagged)]
        pub enum #name {
            #(#variants)*
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
