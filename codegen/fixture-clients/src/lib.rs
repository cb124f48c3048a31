//! The generated client of every fixture document, one module each
//! (`fixture_clients::petstore`, …), compiled with warnings denied.
//!
//! This is how the test suite proves that generated code compiles: the
//! snapshots in `codegen/tests/snapshots/` show the code, this crate builds
//! it, and its tests decode, encode and send with it.

#![deny(warnings)]

include!(concat!(env!("OUT_DIR"), "/fixtures.rs"));
