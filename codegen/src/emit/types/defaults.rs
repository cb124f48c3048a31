//! Which structs can derive `Default`, and the document's defaults: a
//! function per field with one, which serde calls for a field a value
//! leaves out.

use super::structs::field_type;
use crate::model::defaults::{field_default, FieldDefault, Literal};
use crate::model::{Model, Struct, TypeDef, TypeKind};
use proc_macro2::{Ident, Literal as Lit, TokenStream};
use quote::quote;
use std::collections::HashMap;

/// `default_<field>()` for each field with a default, in one `impl`.
pub(super) fn document_defaults(model: &Model, name: &Ident, s: &Struct) -> Option<TokenStream> {
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
    (!default_fns.is_empty()).then(|| {
        quote! {
            /// The document's defaults, for fields a value leaves out.
            impl #name {
                #(#default_fns)*
            }
        }
    })
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
        Literal::Union {
            ty,
            variant,
            boxed,
            value,
        } => {
            let mut value = literal_value(value);
            if *boxed {
                value = quote! { Box::new(#value) };
            }
            quote! { #ty::#variant(#value) }
        }
        Literal::List(items) if items.is_empty() => quote! { Vec::new() },
        Literal::List(items) => {
            let items = items.iter().map(literal_value);
            quote! { vec![#(#items),*] }
        }
    }
}
