//! The runtime every generated client carries, as the templates the generator
//! splices into it.
//!
//! Each file here becomes a file of the generated crate's `src/runtime/`, as it
//! is written: its comments and docs stay, its `#[cfg(test)] mod tests` goes,
//! and a block between `// @part NAME` and `// @end` stays only in a client
//! that needs it (`codegen/src/uses.rs` decides which). This crate root plays
//! the part of the generated `runtime/mod.rs`: one module per file, its items
//! re-exported, so that a file reaches another's items as `super::Name` and
//! generated code reaches them all as `runtime::Name`.
//!
//! Here every file and block is compiled and tested together. Only a generated
//! crate shows whether each part is needed: each of them is compiled with
//! warnings denied, dead code included.

// Items for generated code only are used by the tests here, not by this crate.
#![cfg_attr(not(test), allow(dead_code, unused_macros))]
// The re-exports serve generated code; the tests reach items in their own
// modules. Every generated crate compiles them with warnings denied.
#![allow(unused_imports)]

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
