//! Model types → `types.rs`: a struct, enum, union or alias per type.
//!
//! - `mod.rs`: the file's top, and each type's doc and attributes.
//! - [`structs`]: structs, their fields and the document's defaults.
//! - [`enums`]: open string and integer enums.
//! - [`unions`]: `oneOf`/`anyOf`, untagged or by discriminator.
//! - [`defaults`]: which structs derive `Default`.

mod defaults;
mod enums;
mod structs;
mod unions;

pub(crate) use defaults::defaultable;

use super::docs;
use super::TypeCtx;
use crate::model::{Model, TypeDef, TypeKind};
use crate::uses::{RuntimePart, Uses};
use proc_macro2::TokenStream;
use quote::quote;
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

/// Some of the types of `types.rs`.
pub fn types_items(
    model: &Model,
    range: std::ops::Range<usize>,
    defaults: &HashMap<&str, bool>,
) -> TokenStream {
    let start = range.start;
    let items = model.types[range].iter().enumerate().map(|(i, t)| {
        let items = type_def(model, t, defaults);
        super::features::gate_items(items, &super::features::type_cfg(model, start + i))
    });
    quote! { #(#items)* }
}

fn type_def(model: &Model, def: &TypeDef, defaults: &HashMap<&str, bool>) -> TokenStream {
    let doc = docs::outer(def.doc.as_deref());
    let deprecated = def.deprecated.then(|| quote! { #[deprecated] });
    let name = def.name.to_ident();
    let body = match &def.kind {
        TypeKind::Struct(s) => structs::struct_def(
            model,
            &name,
            s,
            defaults.get(def.name.as_str()).copied().unwrap_or(false),
        ),
        TypeKind::Enum(e) => enums::enum_def(&name, e),
        TypeKind::Union(u) => unions::union_def(&name, u),
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
