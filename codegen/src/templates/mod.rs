//! The runtime's templates (`codegen/runtime/src/`) as their headers declare
//! them: the parts a client may need, what each requires, the crates and
//! cargo features it brings, the names the crate root re-exports, and how
//! `runtime/mod.rs` declares each file.
//!
//! Nothing here is kept by hand. `generated.rs` is written by
//! `cargo xtask codegen` from the headers (the format is described in
//! `codegen/runtime/src/lib.rs`), and `cargo xtask codegen --check` fails
//! when it is stale. This module only names the shapes of that data. It
//! imports nothing of the crate's, so every stage may read it.

#[rustfmt::skip]
mod generated;

pub use generated::{formats, RuntimePart, CRATES, FEATURES, RESERVED, TEMPLATES};

/// How `runtime/mod.rs` re-exports a template's items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reexport {
    /// `pub use m::*;`: it has items the crate's users see.
    Pub,
    /// `pub(crate) use m::*;`: its items are for generated code only.
    Crate,
    /// Nothing to re-export (it only adds methods to other types).
    None,
}

/// One template file.
#[derive(Debug)]
pub struct Template {
    /// The module, and the file's stem.
    pub module: &'static str,
    /// The whole file, its header included: see [`Template::body`].
    pub text: &'static str,
    pub reexport: Reexport,
    /// The cargo feature of the generated crate the module is compiled
    /// with, if it is not always (`mock`).
    pub feature: Option<&'static str>,
}

impl Template {
    /// The file's text after its header: its leading `//` lines (not doc
    /// comments) and the blank line that ends them. This is what is spliced.
    pub fn body(&self) -> &'static str {
        let mut rest = self.text;
        while rest.starts_with("//") && !rest.starts_with("///") && !rest.starts_with("//!") {
            rest = rest.split_once('\n').map_or("", |(_, after)| after);
        }
        rest.strip_prefix('\n').unwrap_or(rest)
    }
}

/// A crate a part (or every client) needs, as its header declares it, with
/// the version one of the headers gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CrateUse {
    pub name: &'static str,
    pub version: &'static str,
    pub default_features: bool,
    /// The features this declaration asks for (others may ask for more).
    pub features: &'static [&'static str],
    /// Only with a cargo feature of the generated crate's (`dep:tracing`).
    pub optional: bool,
}

/// A cargo feature of the generated crate, and what it turns on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CargoFeature {
    pub name: &'static str,
    pub enables: &'static [&'static str],
}

/// What a part is, as its template's header declares it.
#[derive(Debug)]
pub struct PartDecl {
    /// Its name in the headers (`query_form_exploded`).
    pub name: &'static str,
    /// Its template (a module of `runtime`).
    pub module: &'static str,
    /// For a block, its `// @part` name; `None` for the file's text outside
    /// its blocks.
    pub block: Option<&'static str>,
    /// The other parts it calls, every part of [`RuntimePart::ALWAYS`] aside.
    pub requires: &'static [RuntimePart],
    pub crates: &'static [CrateUse],
    pub features: &'static [CargoFeature],
    /// What the generated crate's root re-exports of it (`pub use runtime::{..}`).
    pub root: &'static [&'static str],
}

impl RuntimePart {
    /// What the part's header declares.
    pub fn decl(self) -> &'static PartDecl {
        &generated::PARTS[self as usize]
    }

    /// The part's name in the headers; for a part that writes a parameter
    /// or a body property, the name of the runtime function that does.
    pub fn name(self) -> &'static str {
        self.decl().name
    }

    /// Where the part is: its template file (a module of `runtime`) and, for
    /// a block inside it, the block's `// @part` name. A file is spliced in
    /// when any of its parts is needed; its text outside blocks comes with it.
    pub fn place(self) -> (&'static str, Option<&'static str>) {
        (self.decl().module, self.decl().block)
    }

    /// The other parts this one calls, but for [`RuntimePart::ALWAYS`]. A
    /// block requires its file's own part, when the file has one.
    pub fn requires(self) -> &'static [RuntimePart] {
        self.decl().requires
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_body_is_the_text_after_the_header() {
        let t = |text| Template {
            module: "m",
            text,
            reexport: Reexport::None,
            feature: None,
        };
        let header = "// [template]\n// part = \"m\"\n//\n// [blocks]\n// a = {}\n\n//! Doc.\n";
        assert_eq!(t(header).body(), "//! Doc.\n");
        assert_eq!(t("//! Doc.\n").body(), "//! Doc.\n");
        assert_eq!(t("/// Item.\nfn a() {}\n").body(), "/// Item.\nfn a() {}\n");
    }

    /// The table and the enum agree: each part's entry is its own.
    #[test]
    fn each_part_has_its_own_entry() {
        use heck::ToUpperCamelCase;
        for &part in RuntimePart::ALL {
            assert_eq!(format!("{part:?}"), part.name().to_upper_camel_case());
        }
        assert_eq!(RuntimePart::ALL.len(), generated::PARTS.len());
    }
}
