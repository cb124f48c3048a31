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
//!   - `client/credentials.rs`: the credential fields and setters (and
//!     providers' setters), and which credentials an operation's request sends;
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
//! - `mock`: `mock.rs`, the typed mocks (the crate's `mock` feature).
//! - [`docs`]: spec text made into rustdoc.

mod client;
pub mod docs;
mod features;
mod mock;
pub mod runtime;
mod types;

/// Which structs derive `Default` (the API description reads it too).
pub(crate) use types::defaultable;

use crate::model::{Model, Primitive, TypeRef};
use crate::render::Layout;
use crate::uses::Uses;
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
/// so that large documents are emitted on several threads, and no part holds
/// more than a few dozen items' tokens at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    Lib,
    /// The whole of `client.rs`.
    Client,
    /// Some of `impl Client`: where it `opens`, the top of `client.rs` and
    /// the client's own items before them; then the methods of the
    /// operations without a group in `range` (of their list, in order).
    ClientMethods {
        range: Range<usize>,
        opens: bool,
        closes: bool,
    },
    /// Some of the `impl` block of the group `group`: where it `opens`, the
    /// group's struct before it; then the methods of `range` of its operations.
    GroupMethods {
        group: usize,
        range: Range<usize>,
        opens: bool,
        closes: bool,
    },
    /// `runtime/mod.rs`; the templates it declares are text ([`runtime::files`]).
    RuntimeMod,
    TypesPrelude,
    Types(Range<usize>),
    OperationsPrelude,
    Operations(Range<usize>),
    MockPrelude,
    Mocks(Range<usize>),
}

impl Part {
    /// How the part's tokens are laid out in its file.
    pub fn layout(&self) -> Layout {
        match *self {
            Part::ClientMethods { opens, closes, .. }
            | Part::GroupMethods { opens, closes, .. } => Layout::Impl { opens, closes },
            _ => Layout::Items,
        }
    }
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
    /// The operations without a group, in order: the client's own methods.
    ungrouped: Vec<usize>,
}

impl<'m> EmitContext<'m> {
    pub fn new(model: &'m Model, uses: &'m Uses) -> Self {
        EmitContext {
            model,
            uses,
            defaults: types::defaultable(model),
            ungrouped: ungrouped(model),
        }
    }

    /// The tokens of one part.
    pub fn emit_part(&self, part: &Part) -> TokenStream {
        let (model, uses) = (self.model, self.uses);
        match part {
            Part::Lib => lib_file(model, uses),
            Part::Client => client::client_file(model, uses),
            Part::ClientMethods { range, opens, .. } => {
                let operations = self.ungrouped[range.clone()].iter().copied();
                if *opens {
                    let top = client::client_top(model, uses);
                    let own = client::client_own_items(model);
                    let block = client::client_impl(model, own, operations);
                    quote! { #top #block }
                } else {
                    client::client_impl(model, TokenStream::new(), operations)
                }
            }
            Part::GroupMethods {
                group,
                range,
                opens,
                ..
            } => {
                let block = client::group_impl(model, *group, range.clone());
                if *opens {
                    let top = client::group_top(model, *group);
                    quote! { #top #block }
                } else {
                    block
                }
            }
            Part::RuntimeMod => runtime::mod_rs(uses),
            Part::TypesPrelude => types::types_prelude(uses),
            Part::Types(range) => types::types_items(model, range.clone(), &self.defaults),
            Part::OperationsPrelude => client::operations_prelude(model, uses),
            Part::Operations(range) => client::operations_items(model, range.clone()),
            Part::MockPrelude => mock::mock_prelude(model, uses),
            Part::Mocks(range) => mock::mock_items(model, uses, range.clone()),
        }
    }
}

fn ungrouped(model: &Model) -> Vec<usize> {
    (0..model.operations.len())
        .filter(|&i| model.operations[i].group.is_none())
        .collect()
}

/// How many items a part holds at most: enough that a part's fixed cost
/// (a `syn::File`, a rayon task) is small beside its items', few enough
/// that its tokens and syntax tree stay small (in the cache, and in memory
/// however large the document).
#[derive(Debug, Clone, Copy)]
pub struct PartSizes {
    /// Operations of `operations.rs` (a builder, its enums, its impl).
    pub operations: usize,
    /// Types of `types.rs`.
    pub types: usize,
    /// Client methods (a few lines each).
    pub methods: usize,
}

impl PartSizes {
    /// What generation uses.
    pub const DEFAULT: PartSizes = PartSizes {
        operations: 8,
        types: 16,
        methods: 32,
    };
    /// One part per file (client methods and all): as the files were
    /// emitted before they were cut into parts ([`emit`]).
    pub const WHOLE: PartSizes = PartSizes {
        operations: usize::MAX,
        types: usize::MAX,
        methods: usize::MAX,
    };
}

/// `0..n` in runs of at most `size` (at least one run, empty when `n` is 0).
fn runs(n: usize, size: usize) -> Vec<Range<usize>> {
    let size = size.max(1);
    let mut out: Vec<Range<usize>> = (0..n)
        .step_by(size)
        .map(|start| start..start.saturating_add(size).min(n))
        .collect();
    if out.is_empty() {
        out.push(0..0);
    }
    out
}

/// Parts of an `impl` block cut into `runs`, from `make(range, opens, closes)`.
fn impl_parts(
    runs: Vec<Range<usize>>,
    make: impl Fn(Range<usize>, bool, bool) -> Part,
) -> Vec<Part> {
    let last = runs.len().saturating_sub(1);
    runs.into_iter()
        .enumerate()
        .map(|(i, range)| make(range, i == 0, i == last))
        .collect()
}

/// The files of a client crate, each cut into parts of at most `sizes` items.
/// The output does not depend on the sizes: the parts of a file, rendered
/// apart and joined in order, read as the file rendered whole.
pub fn plan(model: &Model, sizes: PartSizes) -> Vec<FilePlan> {
    let nonempty = |n: usize, size: usize| runs(n, size).into_iter().filter(|r| !r.is_empty());
    let mut types = vec![Part::TypesPrelude];
    types.extend(nonempty(model.types.len(), sizes.types).map(Part::Types));
    let mut operations = vec![Part::OperationsPrelude];
    operations.extend(nonempty(model.operations.len(), sizes.operations).map(Part::Operations));
    let client = if sizes.methods == usize::MAX {
        vec![Part::Client]
    } else {
        let mut parts = impl_parts(
            runs(ungrouped(model).len(), sizes.methods),
            |range, opens, closes| Part::ClientMethods {
                range,
                opens,
                closes,
            },
        );
        for (g, group) in model.groups.iter().enumerate() {
            parts.extend(impl_parts(
                runs(group.operations.len(), sizes.methods),
                |range, opens, closes| Part::GroupMethods {
                    group: g,
                    range,
                    opens,
                    closes,
                },
            ));
        }
        parts
    };
    let mut mocks = vec![Part::MockPrelude];
    mocks.extend(nonempty(model.operations.len(), sizes.operations).map(Part::Mocks));
    let mut files = vec![
        FilePlan {
            path: "lib.rs",
            parts: vec![Part::Lib],
        },
        FilePlan {
            path: "client.rs",
            parts: client,
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
    ];
    // The typed mocks, where there are operations to mock (`uses::mock::plan`).
    if !model.operations.is_empty() {
        files.insert(
            1,
            FilePlan {
                path: "mock.rs",
                parts: mocks,
            },
        );
    }
    files
}

/// The source files of a client crate made of tokens, each as one token
/// stream: every file but the runtime's templates ([`runtime::files`]).
pub fn emit(model: &Model) -> Vec<EmittedFile> {
    let uses = crate::uses::analyze(model);
    let ctx = EmitContext::new(model, &uses);
    plan(model, PartSizes::WHOLE)
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
    let doc = crate_doc(model);
    let (open, gated_uses) = features::group_uses(model);
    let mut client_items: Vec<Ident> = std::iter::once(format_ident!("Client"))
        .chain(open.iter().map(|&g| model.groups[g].type_name.to_ident()))
        .collect();
    let runtime_allow = features::runtime_allow(model);
    client_items.sort_unstable_by_key(Ident::to_string);
    let runtime_items = runtime::root_items(uses)
        .into_iter()
        .map(|i| format_ident!("{i}"));
    let mock = uses.mock.is_some().then(mock_module);
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
        #mock
        #[rustfmt::skip]
        #runtime_allow
        mod runtime;
        /// A type for every schema of the document.
        #[rustfmt::skip]
        #[allow(deprecated)]
        pub mod types;

        // Lists that may be longer than a line: prettyplease's layout here too.
        #[rustfmt::skip]
        pub use client::{#(#client_items),*};
        #gated_uses
        #[rustfmt::skip]
        pub use runtime::{#(#runtime_items),*};
    }
}

/// The crate's doc: the API's title, version and description, how
/// operations are called, and its features by tag.
fn crate_doc(model: &Model) -> TokenStream {
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
    if let Some(features) = features::lib_doc(model) {
        text.push_str("\n\n");
        text.push_str(&features);
    }
    docs::inner_verbatim(&text)
}

/// `pub mod mock;`, behind the `mock` feature, with its doc.
fn mock_module() -> TokenStream {
    quote! {
        /// Typed mocks of the operations, for tests of code that uses the
        /// client (the `mock` feature, off by default): a wiremock
        /// server with a mock per operation, named as the client's
        /// methods, that matches typed parameters and bodies and answers
        /// with typed responses.
        ///
        /// `let server = mock::MockServer::start().await;` starts one,
        /// `server.<operation>().with_…(..).respond_…(..).expect(1).mount().await`
        /// mounts a mock, and `server.client()` is a client that sends
        /// its requests there. A request that no mock matches is
        /// answered `501` and fails the test with a message naming the
        /// operation it came closest to.
        #[cfg(feature = "mock")]
        #[rustfmt::skip]
        #[allow(deprecated)]
        pub mod mock;
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
