//! `enum` → an open Rust enum: each value a readable, distinct variant, and
//! a catch-all for values the document does not list.

use crate::model::{Enum, EnumRepr, EnumVariant};
use crate::naming::{self, NameSet};

/// `type: string` with an `enum`: `None` when it lists no string.
pub(super) fn string_enum(values: &[Option<String>]) -> Option<Enum> {
    let list: Vec<String> = values.iter().flatten().cloned().collect();
    (!list.is_empty()).then(|| {
        make_enum(
            list.into_iter().map(|v| (v.clone(), v)).collect(),
            EnumRepr::String,
        )
    })
}

/// `type: integer` with an `enum`: `None` when it lists no integer.
pub(super) fn integer_enum(values: &[Option<i64>]) -> Option<Enum> {
    let list: Vec<(String, String)> = values
        .iter()
        .flatten()
        .map(|v| (v.to_string(), v.to_string()))
        .collect();
    (!list.is_empty()).then(|| make_enum(list, EnumRepr::Integer))
}

/// An `enum` without `type`: a string enum when every value but `null` is a
/// string, else `None` (a mixed enum has no Rust enum).
pub(super) fn untyped_enum(values: &[serde_json::Value]) -> Option<Enum> {
    let strings: Vec<&str> = values.iter().filter_map(|v| v.as_str()).collect();
    let non_null = values.iter().filter(|v| !v.is_null()).count();
    (strings.len() == non_null && non_null > 0).then(|| {
        make_enum(
            strings
                .iter()
                .map(|s| (s.to_string(), s.to_string()))
                .collect(),
            EnumRepr::String,
        )
    })
}

/// An open enum of `(label, value)` pairs: a variant per distinct value,
/// named by its label, and the catch-all `Other`.
fn make_enum(values: Vec<(String, String)>, repr: EnumRepr) -> Enum {
    let mut names = NameSet::new();
    let mut seen_values = std::collections::HashSet::new();
    let mut variants = Vec::new();
    for (label, value) in values {
        if !seen_values.insert(value.clone()) {
            continue;
        }
        let name = names.claim(&naming::value_variant_name(&label));
        variants.push(EnumVariant { name, value });
    }
    let other = names.claim(&naming::variant_name("Other"));
    Enum {
        variants,
        other,
        repr,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(e: Option<Enum>) -> Option<Vec<String>> {
        e.map(|e| {
            e.variants
                .into_iter()
                .map(|v| format!("{}={}", v.name, v.value))
                .chain([e.other.to_string()])
                .collect()
        })
    }

    #[test]
    fn enums_of_each_kind() {
        let s = |v: &str| Some(v.to_string());
        type Case = (&'static str, Option<Enum>, Option<Vec<&'static str>>);
        let cases: Vec<Case> = vec![
            (
                "strings; a repeat is dropped; the catch-all dodges a value named Other",
                string_enum(&[s("in-progress"), None, s("Other"), s("in-progress")]),
                Some(vec!["InProgress=in-progress", "Other=Other", "Other2"]),
            ),
            ("only null", string_enum(&[None]), None),
            (
                "integers keep their sign",
                integer_enum(&[Some(-1), Some(1), None]),
                Some(vec!["Minus1=-1", "V1=1", "Other"]),
            ),
            (
                "untyped strings and null",
                untyped_enum(&[serde_json::json!("a"), serde_json::Value::Null]),
                Some(vec!["A=a", "Other"]),
            ),
            (
                "untyped mixed",
                untyped_enum(&[serde_json::json!("a"), serde_json::json!(1)]),
                None,
            ),
            (
                "untyped null only",
                untyped_enum(&[serde_json::Value::Null]),
                None,
            ),
        ];
        for (what, got, want) in cases {
            let want = want.map(|w| w.into_iter().map(String::from).collect::<Vec<_>>());
            assert_eq!(names(got), want, "{what}");
        }
    }
}
