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
use quote::{format_ident, quote};
use std::collections::HashMap;
use std::ops::Range;

/// One generated Rust source file, as tokens.
pub struct EmittedFile {
    /// The path below `src/`.
    pub path: &'static str,
    pub tokens: TokenStream,
}

/// A piece of one output file that can be emitted (and rendered) on its own,
/// so that large documents are emitted on several threads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    Lib,
    Client,
    Runtime,
    TypesPrelude,
    Types(Range<usize>),
    OperationsPrelude,
    Operations(Range<usize>),
}

/// An output file and the parts it is made of, in order.
#[derive(Debug, Clone)]
pub struct FilePlan {
    /// The path below `src/`.
    pub path: &'static str,
    pub parts: Vec<Part>,
}

/// What every emitted part may need, computed once.
pub struct EmitContext<'m> {
    model: &'m Model,
    defaults: HashMap<&'m str, bool>,
}

impl<'m> EmitContext<'m> {
    pub fn new(model: &'m Model) -> Self {
        EmitContext {
            model,
            defaults: types::defaultable(model),
        }
    }

    /// The tokens of one part.
    pub fn emit_part(&self, part: &Part) -> TokenStream {
        let model = self.model;
        match part {
            Part::Lib => lib_file(model),
            Part::Client => client::client_file(model),
            Part::Runtime => runtime::runtime(&runtime_needs(model)),
            Part::TypesPrelude => types::types_prelude(model),
            Part::Types(range) => types::types_items(model, range.clone(), &self.defaults),
            Part::OperationsPrelude => client::operations_prelude(model),
            Part::Operations(range) => client::operations_items(model, range.clone()),
        }
    }
}

/// The files of a client crate, each cut into at most `chunks` parts of types and of operations.
pub fn plan(model: &Model, chunks: usize) -> Vec<FilePlan> {
    fn split(n: usize, chunks: usize) -> Vec<Range<usize>> {
        let size = n.div_ceil(chunks.max(1)).max(1);
        (0..n)
            .step_by(size)
            .map(|start| start..(start + size).min(n))
            .collect()
    }
    let mut types = vec![Part::TypesPrelude];
    types.extend(
        split(model.types.len(), chunks)
            .into_iter()
            .map(Part::Types),
    );
    let mut operations = vec![Part::OperationsPrelude];
    operations.extend(
        split(model.operations.len(), chunks)
            .into_iter()
            .map(Part::Operations),
    );
    vec![
        FilePlan {
            path: "lib.rs",
            parts: vec![Part::Lib],
        },
        FilePlan {
            path: "client.rs",
            parts: vec![Part::Client],
        },
        FilePlan {
            path: "operations.rs",
            parts: operations,
        },
        FilePlan {
            path: "runtime.rs",
            parts: vec![Part::Runtime],
        },
        FilePlan {
            path: "types.rs",
            parts: types,
        },
    ]
}

/// The source files of a client crate, each as one token stream.
pub fn emit(model: &Model) -> Vec<EmittedFile> {
    let ctx = EmitContext::new(model);
    plan(model, 1)
        .into_iter()
        .map(|file| {
            let mut tokens = TokenStream::new();
            for part in &file.parts {
                tokens.extend(ctx.emit_part(part));
            }
            EmittedFile {
                path: file.path,
                tokens,
            }
        })
        .collect()
}

pub(crate) fn runtime_needs(model: &Model) -> runtime::RuntimeNeeds {
    runtime::RuntimeNeeds {
        path_params: model.operations.iter().any(|o| {
            o.segments
                .iter()
                .flat_map(|s| &s.pieces)
                .any(|p| matches!(p, crate::model::Piece::Param(_)))
        }),
        params: model.operations.iter().any(|o| !o.params.is_empty()),
        operations: !model.operations.is_empty(),
        response_headers: model.operations.iter().any(|o| o.headers_type.is_some()),
        form_bodies: model
            .operations
            .iter()
            .any(|o| o.body.as_ref().is_some_and(|b| b.kind.has_form())),
        json_params: model
            .operations
            .iter()
            .flat_map(|o| &o.params)
            .any(|p| p.json),
        operation_servers: model.operations.iter().any(|o| !o.servers.is_empty()),
        file_parts: model.uses_file_parts(),
        value_parts: model
            .multipart_fields()
            .any(|f| matches!(f.value, crate::model::PartValue::Value(_))),
        param_styles: model
            .operations
            .iter()
            .flat_map(|o| &o.params)
            .map(|p| (p.location, p.style))
            .collect(),
        string_enums: model.types.iter().any(
            |t| matches!(&t.kind, TypeKind::Enum(e) if e.repr == crate::model::EnumRepr::String),
        ),
        integer_enums: model.types.iter().any(
            |t| matches!(&t.kind, TypeKind::Enum(e) if e.repr == crate::model::EnumRepr::Integer),
        ),
        types: types::runtime_needs(model),
    }
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
    let receiver = if model.groups.is_empty() {
        "a method on [`Client`]"
    } else {
        "a method on [`Client`] or, for an operation with a tag, on the group of that tag \
         (`client.pets().list_pets()`),"
    };
    text.push_str(&format!(
        "\n\nEvery operation is {receiver} that returns a request builder: \
         set optional parameters on it, then `.await` it (or call `.send()`). \
         Success gives a [`ResponseValue`] with the decoded body, status and headers; \
         failure gives an [`Error`] whose `Api` variant holds the operation's declared error."
    ));
    let doc = docs::inner_verbatim(&text);
    let groups = model
        .groups
        .iter()
        .map(|g| format_ident!("{}", g.type_name));
    let file_part = model
        .uses_file_parts()
        .then(|| quote! { pub use runtime::FilePart; });
    quote! {
        #doc

        // Generated files keep prettyplease's layout; `cargo fmt` leaves them alone.
        // What the document deprecates warns where a caller uses it, not in here.
        #[rustfmt::skip]
        #[allow(deprecated)]
        mod client;
        /// One request builder per operation, and the errors each operation declares.
        #[rustfmt::skip]
        #[allow(deprecated)]
        pub mod operations;
        #[rustfmt::skip]
        mod runtime;
        /// A type for every schema of the document.
        #[rustfmt::skip]
        #[allow(deprecated)]
        pub mod types;

        pub use client::{Client, #(#groups),*};
        pub use runtime::{ApiError, BoxFuture, Error, ResponseValue, Secret, UnexpectedResponse};
        #file_part
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
            TypeRef::Primitive(Primitive::Base64) => {
                self.type_ref(&TypeRef::Named("Base64".to_string()))
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
        Primitive::Base64 => quote! { Base64 },
    }
}

/// An identifier, raw (`r#type`) where the name says so.
pub(crate) fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}
