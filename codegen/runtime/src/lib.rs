// [runtime]
// # Every client: reqwest to send (its TLS backend a feature of the client's
// # own, rustls by default; compression, HTTP/2 and streamed bodies passed
// # through), serde and serde_json for its types.
// crates.reqwest = { version = "0.13", default-features = false, features = ["json"] }
// crates.serde = { version = "1", features = ["derive"] }
// # `preserve_order`: objects keep the order they arrived (or were written) in.
// crates.serde_json = { version = "1", features = ["preserve_order"] }
// features.default = ["rustls"]
// features.brotli = ["reqwest/brotli"]
// features.gzip = ["reqwest/gzip"]
// features.http2 = ["reqwest/http2"]
// features.native-tls = ["reqwest/native-tls"]
// features.rustls = ["reqwest/rustls"]
// features.stream = ["reqwest/stream"]
//
// # What a client's types name for the formats they use.
// [formats]
// date = { chrono = { version = "0.4", default-features = false, features = ["serde", "std"] } }
// date-time = { chrono = { features = ["serde", "std"] } }
// uuid = { uuid = { features = ["serde"] } }

//! The runtime every generated client carries, as the templates the generator
//! splices into it.
//!
//! Each file here becomes a file of the generated crate's `src/runtime/`, as it
//! is written: its comments and docs stay, its header and its
//! `#[cfg(test)] mod tests` go, and a block between `// @part NAME` and
//! `// @end` stays only in a client that needs it (`codegen/src/uses/`
//! decides which). This crate root plays the part of the generated
//! `runtime/mod.rs`: one module per file, its items re-exported, so that a
//! file reaches another's items as `super::Name` and generated code reaches
//! them all as `runtime::Name`.
//!
//! Here every file and block is compiled and tested together. Only a generated
//! crate shows whether each part is needed: each of them is compiled with
//! warnings denied, dead code included.
//!
//! # Headers
//!
//! Each template says what it is in its header: its first lines, `//`
//! comments (not docs) that hold TOML once their `// ` is taken off, ended by
//! a blank line. Splicing drops the header. Everything else the generator
//! knows of the runtime is written from the headers by `cargo xtask
//! codegen` (the parts table and template list in
//! `codegen/src/templates/generated.rs`, the module list at the end of this
//! file, the `[dependencies]` and `[features]` of this crate's manifest
//! `codegen/client-runtime/Cargo.toml`, the crates and versions of every
//! client's manifest, the names a feature by tag cannot take), and
//! `cargo xtask codegen --check` fails when those are stale. A name the headers do not know, or a key, is an error.
//!
//! ```toml
//! [template]
//! part = "pages"              # the file's own part: its text outside blocks
//! reexport = "pub"            # runtime/mod.rs: `pub use` (pub), `pub(crate) use` (crate), or none
//! feature = "mock"            # only with this feature of the client's (`#[cfg]` on the module)
//! always = true               # in every client
//! requires = ["request"]      # the parts it calls (those `always` need not be named)
//! root = ["BoxStream"]        # what the client's crate root re-exports when the part is in
//! crates.futures-util = "0.3" # the crates it names, in Cargo's syntax
//! crates.tracing = { version = "0.1", default-features = false, features = ["std"], optional = true }
//! features.tracing = ["dep:tracing"]  # cargo features it gives the client
//!
//! [blocks]                    # one line per `// @part NAME` block, each with the keys above
//! pages_items = {}
//! pages_link = { requires = ["pages_same_origin"], crates = { http-link = "1" } }
//! ```
//!
//! Only `reexport` is required. A file without `part` is only its blocks:
//! its text outside them comes with any of them, and what `[template]`
//! declares goes with each. A file with a `part` has it required by each
//! of its blocks. A crate's version is given at least once across the
//! headers (a header that adds features to a crate another declares may
//! leave it out), and wherever it is given it is the same; so are
//! `default-features` and `optional`. A part's name is its
//! `RuntimePart` variant in the generator (`pages_link` is `PagesLink`); a
//! part that writes a parameter or a form property is named as the runtime
//! function that writes it (`query_form_exploded`).
//!
//! This file's own header, `[runtime]`, gives the `crates` and `features`
//! every client has, and under `[formats]` the crates a client's types name
//! for a format (`date-time = { chrono = {..} }`).
//!
//! A new helper is one new file with its header; `cargo xtask codegen` then
//! adds it here and to the generator (run it before naming the new part in
//! the generator's code: `cargo run -p runtime-headers` does the same when
//! the generator does not compile).

// Items for generated code only are used by the tests here, not by this crate.
#![cfg_attr(not(test), allow(dead_code, unused_macros))]
// The re-exports serve generated code; the tests reach items in their own
// modules. Every generated crate compiles them with warnings denied.
#![allow(unused_imports)]

// From here on, written by `cargo xtask codegen` from the headers: do not edit.

mod base64_value;
mod cookie;
mod credentials;
mod download;
mod error;
mod file_part;
mod form;
mod header;
mod header_value;
mod hooks;
mod idempotency;
mod integer_enum;
mod json_default;
mod json_text;
mod mock;
mod mock_match;
mod mock_respond;
mod pages;
mod parts;
mod path;
mod path_label;
mod path_matrix;
mod path_simple;
mod path_wildcard;
mod present;
mod query;
mod query_deep;
mod query_delimited;
mod query_form;
mod raw;
mod request;
mod response;
mod retry;
mod secret;
mod send;
mod server;
mod settings;
mod sse;
mod string_enum;
mod tagged;
mod trace;
mod value;
mod value_part;
mod wait;

pub use base64_value::*;
pub(crate) use cookie::*;
pub use credentials::*;
pub use error::*;
pub use file_part::*;
pub(crate) use form::*;
pub(crate) use header::*;
pub(crate) use header_value::*;
pub use hooks::*;
pub(crate) use integer_enum::*;
pub(crate) use json_default::*;
pub(crate) use json_text::*;
pub use mock::*;
pub use pages::*;
pub(crate) use parts::*;
pub(crate) use path::*;
pub(crate) use path_label::*;
pub(crate) use path_matrix::*;
pub(crate) use path_simple::*;
pub(crate) use path_wildcard::*;
pub(crate) use present::*;
pub(crate) use query::*;
pub(crate) use query_deep::*;
pub(crate) use query_delimited::*;
pub(crate) use query_form::*;
pub(crate) use raw::*;
pub use request::*;
pub use response::*;
pub use retry::*;
pub use secret::*;
pub(crate) use send::*;
pub(crate) use server::*;
pub use settings::*;
pub use sse::*;
pub(crate) use string_enum::*;
pub(crate) use tagged::*;
pub(crate) use trace::*;
pub(crate) use value::*;
pub(crate) use value_part::*;
pub use wait::*;
