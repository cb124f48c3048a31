//! Stage 3, emit: the model → token streams, one per output file.
//!
//! Nothing here reads the OpenAPI document; every name and type comes from
//! the model.
//!
//! Names are the model's [`crate::naming::RustIdent`]s, written with `#name`;
//! `format_ident!` is left for the generator's own constants (`body`,
//! `runtime::query_form`). Decisions (which defaults are literals, which
//! enums allow `clippy::large_enum_variant`, which structs get `new`) are the
//! model's; the emitters render them.
//!
//! Layout, one file per output item kind:
//! - `mod.rs`: the output files and their parts ([`plan`], [`EmitContext`]),
//!   `lib.rs`, and how a type is named from `types.rs` or beside it (`TypeCtx`).
//! - `client/`: `client.rs` and `operations.rs`:
//!   - `client/mod.rs`: the `Client` struct, constructors, accessors, tag groups;
//!   - `client/servers.rs`: `SERVERS`, `server_url(..)`, the default server;
//!   - `client/credentials.rs`: credential setters and appliers, and which an
//!     operation's request calls;
//!   - `client/methods.rs`: a `Client` method per operation, with its doc;
//!   - `client/builder.rs`: an operation's builder struct, `new`, setters;
//!   - `client/request.rs`: `build_request` (path, method, query, headers,
//!     cookies, body, credentials);
//!   - `client/response.rs`: `read_response` by the status plan, `send_streaming`;
//!   - `client/enums.rs`: error and outcome enums, body choices, multipart structs;
//!   - `client/headers.rs`: the typed response headers struct.
//! - `types/`: `types.rs`: `types/mod.rs` each type's doc and kind,
//!   `types/structs.rs` structs and their `new`, `types/enums.rs` open enums,
//!   `types/unions.rs` unions, `types/defaults.rs` `Default` and the
//!   document's defaults.
//! - `runtime`: `runtime/mod.rs` and the runtime templates a client needs.
//! - [`docs`]: spec text made into rustdoc.

mod client;
pub mod docs;
pub mod runtime;
mod types;

use crate::model::{Model, Primitive, TypeRef};
use crate::uses::{RuntimePart, Uses};
use proc_macro2::{Ident, TokenStream};
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
    /// `runtime/mod.rs`; the templates it declares are text ([`runtime::files`]).
    RuntimeMod,
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

/// What every emitted part may need, computed once and shared by the threads
/// that emit.
pub struct EmitContext<'m> {
    model: &'m Model,
    uses: &'m Uses,
    defaults: HashMap<&'m str, bool>,
}

impl<'m> EmitContext<'m> {
    pub fn new(model: &'m Model, uses: &'m Uses) -> Self {
        EmitContext {
            model,
            uses,
            defaults: types::defaultable(model),
        }
    }

    /// The tokens of one part.
    pub fn emit_part(&self, part: &Part) -> TokenStream {
        let (model, uses) = (self.model, self.uses);
        match part {
            Part::Lib => lib_file(model, uses),
            Part::Client => client::client_file(model, uses),
            Part::RuntimeMod => runtime::mod_rs(uses),
            Part::TypesPrelude => types::types_prelude(uses),
            Part::Types(range) => types::types_items(model, range.clone(), &self.defaults),
            Part::OperationsPrelude => client::operations_prelude(uses),
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
            path: "runtime/mod.rs",
            parts: vec![Part::RuntimeMod],
        },
        FilePlan {
            path: "types.rs",
            parts: types,
        },
    ]
}

/// The source files of a client crate made of tokens, each as one token
/// stream: every file but the runtime's templates ([`runtime::files`]).
pub fn emit(model: &Model) -> Vec<EmittedFile> {
    let uses = crate::uses::analyze(model);
    let ctx = EmitContext::new(model, &uses);
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

fn lib_file(model: &Model, uses: &Uses) -> TokenStream {
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
    let mut client_items: Vec<Ident> = std::iter::once(format_ident!("Client"))
        .chain(model.groups.iter().map(|g| g.type_name.to_ident()))
        .collect();
    client_items.sort_unstable_by_key(Ident::to_string);
    let mut runtime_items = vec![
        "ApiError",
        "Error",
        "ResponseValue",
        "Secret",
        "UnexpectedResponse",
    ];
    if uses.needs(RuntimePart::Request) {
        runtime_items.push("BoxFuture");
    }
    if uses.needs(RuntimePart::FilePart) {
        runtime_items.push("FilePart");
    }
    runtime_items.sort_unstable();
    let runtime_items = runtime_items.iter().map(|i| format_ident!("{i}"));
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

        pub use client::{#(#client_items),*};
        pub use runtime::{#(#runtime_items),*};
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
            TypeRef::Named(n) => self.named(quote! { #n }),
            // The runtime's type, which `types.rs` re-exports.
            TypeRef::Primitive(Primitive::Base64) => self.named(quote! { Base64 }),
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

impl TypeCtx {
    /// A type of `types.rs`, as this place names it.
    fn named(self, name: TokenStream) -> TokenStream {
        match self {
            TypeCtx::Types => name,
            TypeCtx::Sibling => quote! { types::#name },
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

/// What an enum with a variant far larger than the others carries (the
/// model's `large_*` flags, from `model::graph::sizes`): the document's
/// values stay unboxed, which would cost every caller a `Box` to build one.
pub(crate) fn allow_large_variant(large: bool) -> Option<TokenStream> {
    large.then(|| quote! { #[allow(clippy::large_enum_variant)] })
}
