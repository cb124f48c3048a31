//! What a regeneration changes for code that uses the generated crate.
//!
//! The generator writes a compact description of the crate's public API
//! beside it, `api.txt` ([`text`]): one fact a line, sorted, byte-stable,
//! read in review. At the next regeneration the new description is compared
//! with the one on disk ([`diff`]), each change judged by Rust's rules
//! ([`rules`], one table, also in the README; [`classify`]), and the report ([`report`])
//! says what changed in Rust terms, breaking or compatible, and the semver
//! step it implies ([`version`]). [`review`] does it all for a crate's folder.
//!
//! [`describe`] is the one module that reads the model: when the model or
//! the emitter changes shape, it is the one to follow.

pub mod classify;
mod describe;
pub mod diff;
pub mod report;
pub mod review;
pub mod rules;
pub mod text;
pub mod version;

pub use report::{Report, Style};
pub use review::{compare, review, Review, ReviewOptions};
pub use text::{Description, Item, Kind};

/// The description's file, in the crate's root.
pub const FILE: &str = "api.txt";

/// The public API of the crate generated from `model` (its crate name and
/// version as the manifest has them).
pub fn describe(
    model: &crate::model::Model,
    uses: &crate::uses::Uses,
    crate_name: &str,
    version: &str,
) -> Description {
    Description::new(crate_name, version, describe::items(model, uses))
}

/// A type as the description writes it (`Vec<Pet>`).
pub fn type_text(t: &crate::model::TypeRef) -> String {
    describe::ty(t)
}
