//! Stage 3, emit: the model → token streams, one per output file.
//!
//! Nothing here reads the OpenAPI document; every name and type comes from
//! the model.

mod client;
pub mod docs;
mod runtime;
mod types;

use crate::model::{Model, Primitive, TypeKind, TypeRef};
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

/// One generated Rust source file, as tokens.
pub struct EmittedFile {
    /// The path below `src/`.
    pub path: &'static str,
    pub tokens: TokenStream,
}

/// The source files of a client crate.
pub fn emit(model: &Model) -> Vec<EmittedFile> {
    let needs = runtime::RuntimeNeeds {
        chrono: model.uses(Primitive::DateTime) || model.uses(Primitive::Date),
        uuid: model.uses(Primitive::Uuid),
        string_enums: model.types.iter().any(
            |t| matches!(&t.kind, TypeKind::Enum(e) if e.repr == crate::model::EnumRepr::String),
        ),
        integer_enums: model.types.iter().any(
            |t| matches!(&t.kind, TypeKind::Enum(e) if e.repr == crate::model::EnumRepr::Integer),
        ),
    };
    vec![
        EmittedFile {
            path: "lib.rs",
            tokens: lib_file(model),
        },
        EmittedFile {
            path: "client.rs",
            tokens: client::client_file(model),
        },
        EmittedFile {
            path: "operations.rs",
            tokens: client::operations_file(model),
        },
        EmittedFile {
            path: "runtime.rs",
            tokens: runtime::runtime(&needs),
        },
        EmittedFile {
            path: "types.rs",
            tokens: types::types_file(model),
        },
    ]
}

fn lib_file(model: &Model) -> TokenStream {
    let title = model.title.trim();
    let mut text = docs::sanitize(&format!(
        "# {title} {}\n\nA typed async client for the {title} API, generated from its OpenAPI document.",
        model.version
    ))
    .join("\n");
    if let Some(d) = &model.description {
        text.push_str("\n\n");
        text.push_str(&docs::sanitize(d).join("\n"));
    }
    // The generator's own text: its links are meant.
    text.push_str(
        "\n\nEvery operation is a method on [`Client`] that returns a request builder: \
         set optional parameters on it, then `.await` it (or call `.send()`). \
         Success gives a [`ResponseValue`] with the decoded body, status and headers; \
         failure gives an [`Error`] whose `Api` variant holds the operation's declared error.",
    );
    let doc = docs::inner_verbatim(&text);
    quote! {
        #doc

        // Generated files keep prettyplease's layout; `cargo fmt` leaves them alone.
        #[rustfmt::skip]
        mod client;
        #[rustfmt::skip]
        pub mod operations;
        #[rustfmt::skip]
        mod runtime;
        #[rustfmt::skip]
        pub mod types;

        pub use client::Client;
        pub use runtime::{ApiError, BoxFuture, Error, ResponseValue, Secret, UnexpectedResponse};
    }
}

/// Where a type is written: inside `types.rs`, or in a sibling module that reaches it as `types::…`.
#[derive(Clone, Copy)]
pub(crate) enum TypeCtx {
    Types,
    Sibling,
}

impl TypeCtx {
    pub fn type_ref(self, t: &TypeRef) -> TokenStream {
        match t {
            TypeRef::Named(n) => {
                let n = Ident::new(n, Span::call_site());
                match self {
                    TypeCtx::Types => quote! { #n },
                    TypeCtx::Sibling => quote! { types::#n },
                }
            }
            TypeRef::Primitive(p) => primitive(*p),
            TypeRef::Array(inner) => {
                let inner = self.type_ref(inner);
                quote! { Vec<#inner> }
            }
            TypeRef::Map(inner) => {
                let inner = self.type_ref(inner);
                quote! { std::collections::BTreeMap<String, #inner> }
            }
            TypeRef::Nullable(inner) => {
                let inner = self.type_ref(inner);
                quote! { Option<#inner> }
            }
            TypeRef::JsonObject => quote! { serde_json::Map<String, serde_json::Value> },
            TypeRef::Json => quote! { serde_json::Value },
        }
    }
}

fn primitive(p: Primitive) -> TokenStream {
    match p {
        Primitive::String => quote! { String },
        Primitive::Bool => quote! { bool },
        Primitive::I32 => quote! { i32 },
        Primitive::I64 => quote! { i64 },
        Primitive::U32 => quote! { u32 },
        Primitive::U64 => quote! { u64 },
        Primitive::F32 => quote! { f32 },
        Primitive::F64 => quote! { f64 },
        Primitive::DateTime => quote! { chrono::DateTime<chrono::Utc> },
        Primitive::Date => quote! { chrono::NaiveDate },
        Primitive::Uuid => quote! { uuid::Uuid },
    }
}

/// An identifier, raw (`r#type`) where the name says so.
pub(crate) fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}
