//! The rules: which changes break code that uses the generated crate, in
//! one table ([`RULES`], also in the README); `classify` gives each change
//! its rule.
//!
//! The rules are Rust's, anchored in cargo-semver-checks' lints where one
//! covers the change. They assume code uses the crate as its docs show: a
//! struct a request holds is built with `new(..)` (or `Default`) and struct
//! update syntax (`..Pet::new(name)`), and structs responses hold are read,
//! not built. Code that writes a struct literal naming every field breaks
//! at any new field (cargo-semver-checks' `constructible_struct_adds_field`);
//! the report notes it when fields were added.

/// Whether code that compiled against the old crate still compiles and
/// sends and reads what it did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verdict {
    /// It no longer compiles.
    Breaking,
    /// It compiles, but what goes over the wire differs.
    BreakingWire,
    Compatible,
}

impl Verdict {
    pub fn is_breaking(self) -> bool {
        self != Verdict::Compatible
    }

    pub fn word(self) -> &'static str {
        match self {
            Verdict::Breaking => "breaking",
            Verdict::BreakingWire => "breaking (wire)",
            Verdict::Compatible => "compatible",
        }
    }
}

/// Where a change goes in a Keep a Changelog entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Section {
    Added,
    Changed,
    Deprecated,
    Removed,
}

impl Section {
    pub fn title(self) -> &'static str {
        match self {
            Section::Added => "Added",
            Section::Changed => "Changed",
            Section::Deprecated => "Deprecated",
            Section::Removed => "Removed",
        }
    }
}

/// One kind of change and what it means for callers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub id: &'static str,
    /// How the report's group of such changes is headed.
    pub title: &'static str,
    pub verdict: Verdict,
    /// The cargo-semver-checks lint that flags it (`-` where none does, for a
    /// change of type or of the wire), or why it is compatible.
    pub anchor: &'static str,
    pub section: Section,
}

const fn rule(
    id: &'static str,
    title: &'static str,
    verdict: Verdict,
    anchor: &'static str,
    section: Section,
) -> Rule {
    Rule {
        id,
        title,
        verdict,
        anchor,
        section,
    }
}

use Section::{Added, Changed, Deprecated, Removed};
use Verdict::{Breaking as B, BreakingWire as W, Compatible as C};

/// A new item: cargo's "adding a new item" is a minor change.
const NEW_ITEM: &str = "a new item (minor)";
/// A type changed: no lint compares types; each use of the old type fails to compile.
const TYPE: &str = "- (a changed type)";
/// Only the wire: a lint cannot see it.
const WIRE: &str = "- (the wire)";

/// Every rule, in the order reports list them within a verdict.
pub const RULES: &[Rule] = &[
    rule(
        "operation-removed",
        "operation removed",
        B,
        "inherent_method_missing",
        Removed,
    ),
    rule(
        "operation-renamed",
        "operation renamed (same method and path)",
        B,
        "inherent_method_missing",
        Changed,
    ),
    rule(
        "operation-http-changed",
        "operation's HTTP method or path changed",
        W,
        WIRE,
        Changed,
    ),
    rule(
        "arguments-reordered",
        "required arguments reordered",
        B,
        TYPE,
        Changed,
    ),
    rule(
        "argument-added",
        "required argument added",
        B,
        "method_parameter_count_changed",
        Changed,
    ),
    rule(
        "argument-removed",
        "required argument removed",
        B,
        "method_parameter_count_changed",
        Removed,
    ),
    rule(
        "argument-type-changed",
        "argument type changed",
        B,
        TYPE,
        Changed,
    ),
    rule(
        "parameter-now-required",
        "optional parameter now required",
        B,
        "method_parameter_count_changed",
        Changed,
    ),
    rule(
        "parameter-now-optional",
        "required parameter now optional",
        B,
        "method_parameter_count_changed",
        Changed,
    ),
    rule(
        "setter-removed",
        "builder setter removed",
        B,
        "inherent_method_missing",
        Removed,
    ),
    rule(
        "setter-type-changed",
        "builder setter type changed",
        B,
        TYPE,
        Changed,
    ),
    rule(
        "parameter-wire-changed",
        "parameter sent differently",
        W,
        WIRE,
        Changed,
    ),
    rule(
        "response-type-changed",
        "response type changed",
        B,
        TYPE,
        Changed,
    ),
    rule(
        "success-status-removed",
        "success status no longer declared",
        W,
        WIRE,
        Changed,
    ),
    rule(
        "error-added-exhaustive",
        "error response added (exhaustive enum)",
        B,
        "enum_variant_added",
        Added,
    ),
    rule(
        "error-removed",
        "error response removed",
        B,
        "enum_variant_missing",
        Removed,
    ),
    rule(
        "error-type-changed",
        "error response type changed",
        B,
        TYPE,
        Changed,
    ),
    rule(
        "error-status-changed",
        "error response status changed",
        W,
        WIRE,
        Changed,
    ),
    rule(
        "method-removed",
        "client or builder method removed",
        B,
        "inherent_method_missing",
        Removed,
    ),
    rule(
        "method-signature-changed",
        "client or builder method changed",
        B,
        "method_parameter_count_changed",
        Changed,
    ),
    rule(
        "credential-wire-changed",
        "credential sent elsewhere",
        W,
        WIRE,
        Changed,
    ),
    rule(
        "operation-credentials-narrowed",
        "operation accepts fewer credentials",
        W,
        WIRE,
        Changed,
    ),
    rule(
        "default-server-changed",
        "default server changed",
        W,
        WIRE,
        Changed,
    ),
    rule(
        "server-url-changed",
        "server template changed",
        W,
        WIRE,
        Changed,
    ),
    rule(
        "feature-removed",
        "cargo feature removed",
        B,
        "feature_missing",
        Removed,
    ),
    rule(
        "operation-feature-changed",
        "operation behind another cargo feature",
        B,
        "feature_missing",
        Changed,
    ),
    rule(
        "type-removed",
        "type removed",
        B,
        "struct_missing / enum_missing",
        Removed,
    ),
    rule(
        "type-kind-changed",
        "type changed kind",
        B,
        "struct_missing / enum_missing",
        Changed,
    ),
    rule("alias-changed", "type alias changed", B, TYPE, Changed),
    rule(
        "union-tagging-changed",
        "union decoded differently",
        W,
        WIRE,
        Changed,
    ),
    rule(
        "field-removed",
        "field removed",
        B,
        "struct_pub_field_missing",
        Removed,
    ),
    rule("field-now-optional", "field now optional", B, TYPE, Changed),
    rule("field-now-required", "field now required", B, TYPE, Changed),
    rule("field-type-changed", "field type changed", B, TYPE, Changed),
    rule(
        "field-wire-changed",
        "field's JSON name changed",
        W,
        WIRE,
        Changed,
    ),
    rule(
        "part-added",
        "multipart part added (built by a struct literal)",
        B,
        "constructible_struct_adds_field",
        Added,
    ),
    rule(
        "constructor-removed",
        "new(..) removed",
        B,
        "inherent_method_missing",
        Removed,
    ),
    rule(
        "constructor-changed",
        "new(..) arguments changed",
        B,
        "method_parameter_count_changed",
        Changed,
    ),
    rule(
        "default-removed",
        "Default no longer derived",
        B,
        "derive_trait_impl_removed",
        Removed,
    ),
    rule(
        "enum-value-added-exhaustive",
        "enum value added (exhaustive enum a response holds)",
        B,
        "enum_variant_added",
        Added,
    ),
    rule(
        "enum-value-removed",
        "enum value removed",
        B,
        "enum_variant_missing",
        Removed,
    ),
    rule(
        "enum-value-wire-changed",
        "enum value sent differently",
        W,
        WIRE,
        Changed,
    ),
    rule(
        "variant-added-exhaustive",
        "variant added (exhaustive enum a response holds)",
        B,
        "enum_variant_added",
        Added,
    ),
    rule(
        "variant-removed",
        "variant removed",
        B,
        "enum_variant_missing",
        Removed,
    ),
    rule(
        "variant-type-changed",
        "variant type changed",
        B,
        "enum_tuple_variant_changed_kind",
        Changed,
    ),
    rule(
        "variant-wire-changed",
        "variant picked differently",
        W,
        WIRE,
        Changed,
    ),
    rule(
        "non-exhaustive-added",
        "enum now #[non_exhaustive]",
        B,
        "enum_marked_non_exhaustive",
        Changed,
    ),
    rule("operation-added", "operation added", C, NEW_ITEM, Added),
    rule(
        "setter-added",
        "optional parameter added (builder setter)",
        C,
        NEW_ITEM,
        Added,
    ),
    rule(
        "success-status-added",
        "success status added",
        C,
        "- (a status that was an error now succeeds)",
        Changed,
    ),
    rule(
        "error-added",
        "error response added (#[non_exhaustive] enum)",
        C,
        "enum_variant_added (not for #[non_exhaustive])",
        Added,
    ),
    rule(
        "method-added",
        "client or builder method added",
        C,
        NEW_ITEM,
        Added,
    ),
    rule(
        "operation-credentials-widened",
        "operation accepts more credentials",
        C,
        "- (more alternatives)",
        Changed,
    ),
    rule("server-added", "server added", C, NEW_ITEM, Added),
    rule(
        "server-removed",
        "server removed (not the default)",
        C,
        "- (Client::SERVERS is data)",
        Removed,
    ),
    rule("feature-added", "cargo feature added", C, NEW_ITEM, Added),
    rule(
        "operation-ungated",
        "operation no longer behind a cargo feature",
        C,
        "- (on in more builds)",
        Changed,
    ),
    rule("type-added", "type added", C, NEW_ITEM, Added),
    rule(
        "field-added",
        "field added",
        C,
        "constructible_struct_adds_field (not for new(..) and `..`)",
        Added,
    ),
    rule("constructor-added", "new(..) added", C, NEW_ITEM, Added),
    rule("default-added", "Default now derived", C, NEW_ITEM, Added),
    rule(
        "enum-value-added",
        "enum value added (#[non_exhaustive] or only sent)",
        C,
        "enum_variant_added (not for #[non_exhaustive])",
        Added,
    ),
    rule(
        "variant-added",
        "variant added (#[non_exhaustive] or only sent)",
        C,
        "enum_variant_added (not for #[non_exhaustive])",
        Added,
    ),
    rule(
        "non-exhaustive-removed",
        "enum no longer #[non_exhaustive]",
        C,
        "- (matches need no `_` arm)",
        Changed,
    ),
    rule(
        "deprecated",
        "deprecated",
        C,
        "type_marked_deprecated (a warning)",
        Deprecated,
    ),
    rule(
        "undeprecated",
        "no longer deprecated",
        C,
        "- (a warning less)",
        Changed,
    ),
];

/// The rule with this id.
pub fn rule_of(id: &str) -> &'static Rule {
    RULES
        .iter()
        .find(|r| r.id == id)
        .unwrap_or_else(|| panic!("no rule `{id}`"))
}

/// The rules as the README's markdown table.
pub fn markdown_table() -> String {
    let mut out = String::from(
        "| rule | change | verdict | cargo-semver-checks lint |\n| --- | --- | --- | --- |\n",
    );
    for r in RULES {
        let anchor = if r.anchor.starts_with('-') || r.anchor.starts_with("a new") {
            r.anchor.to_string()
        } else {
            let (lint, rest) = r.anchor.split_once(' ').unwrap_or((r.anchor, ""));
            let rest = if rest.is_empty() {
                String::new()
            } else {
                format!(" {rest}")
            };
            format!("`{lint}`{rest}")
        };
        out.push_str(&format!(
            "| `{}` | {} | {} | {} |\n",
            r.id,
            r.title.replace('|', "\\|"),
            r.verdict.word(),
            anchor.replace('|', "\\|")
        ));
    }
    out
}
