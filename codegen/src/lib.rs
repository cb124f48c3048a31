//! Generates typed async Rust clients from OpenAPI documents.
//!
//! The pipeline has four stages, each its own module:
//!
//! 1. [`load`]: YAML or JSON text → a normalized OpenAPI 3.0 document;
//! 2. [`model`]: the document → plain data with every `$ref` resolved and
//!    every type and operation named ([`model::Model`]);
//! 3. [`emit`]: the model → token streams (`quote`);
//! 4. [`render`]: token streams → formatted source files (`prettyplease`).
//!
//! [`generate`] runs all four.

pub mod diag;
pub mod emit;
pub mod load;
pub mod model;
pub mod naming;
pub mod render;

pub use diag::{Error, Pointer, Warning, WarningKind};
