//! Doc text from a schema: title, description, default, constraints, example.

use openapiv3::{Schema, SchemaKind, Type};

/// The doc text of a type: title and description.
pub(super) fn type_doc(schema: &Schema) -> Option<String> {
    let data = &schema.schema_data;
    let mut parts: Vec<String> = Vec::new();
    match (&data.title, &data.description) {
        (Some(t), Some(d)) if !d.starts_with(t.as_str()) && !is_type_name_like(t) => {
            parts.push(t.clone());
            parts.push(d.clone());
        }
        (_, Some(d)) => parts.push(d.clone()),
        (Some(t), None) if !is_type_name_like(t) => parts.push(t.clone()),
        _ => {}
    }
    parts.extend(constraint_lines(schema));
    join_doc(parts)
}

/// A title that only repeats the schema name (`ImageGenerateRequest`) says nothing.
pub(super) fn is_type_name_like(title: &str) -> bool {
    !title.contains(' ')
}

/// The doc text of a field: description, default, constraints, example.
pub fn field_doc(schema: &Schema) -> Option<String> {
    let data = &schema.schema_data;
    let mut parts: Vec<String> = Vec::new();
    if let Some(d) = &data.description {
        parts.push(d.clone());
    } else if let Some(t) = &data.title {
        parts.push(t.clone());
    }
    if let Some(default) = &data.default {
        parts.push(format!(
            "Defaults to `{}` when left out; not sent unless set.",
            compact_json(default)
        ));
    }
    parts.extend(constraint_lines(schema));
    if let Some(example) = &data.example {
        let text = compact_json(example);
        if text.len() <= 120 {
            parts.push(format!("Example: `{text}`."));
        }
    }
    join_doc(parts)
}

pub(super) fn compact_json(v: &serde_json::Value) -> String {
    let s = serde_json::to_string(v).unwrap_or_default();
    s.replace('`', "'")
}

/// Constraints a caller should know, one line each.
pub(super) fn constraint_lines(schema: &Schema) -> Vec<String> {
    let mut out = Vec::new();
    let mut bounds = |label: &str, min: Option<String>, max: Option<String>| match (min, max) {
        (Some(a), Some(b)) => out.push(format!("{label}: {a} to {b}.")),
        (Some(a), None) => out.push(format!("{label}: at least {a}.")),
        (None, Some(b)) => out.push(format!("{label}: at most {b}.")),
        (None, None) => {}
    };
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(s)) => {
            bounds(
                "Length",
                s.min_length.map(|v| v.to_string()),
                s.max_length.map(|v| v.to_string()),
            );
            if let Some(p) = &s.pattern {
                out.push(format!("Pattern: `{}`.", p.replace('`', "'")));
            }
        }
        SchemaKind::Type(Type::Integer(i)) => bounds(
            "Range",
            i.minimum.map(|v| v.to_string()),
            i.maximum.map(|v| v.to_string()),
        ),
        SchemaKind::Type(Type::Number(n)) => {
            bounds(
                "Range",
                n.minimum.map(|v| v.to_string()),
                n.maximum.map(|v| v.to_string()),
            );
            let values: Vec<serde_json::Value> = n
                .enumeration
                .iter()
                .flatten()
                .map(|v| serde_json::json!(v))
                .collect();
            out.extend(one_of(&values));
        }
        // An `enum` that is not a Rust enum (mixed types) at least shows its values.
        SchemaKind::Any(any) if !any.enumeration.iter().all(|v| v.is_string() || v.is_null()) => {
            out.extend(one_of(&any.enumeration));
        }
        SchemaKind::Type(Type::Array(a)) => {
            bounds(
                "Items",
                a.min_items.map(|v| v.to_string()),
                a.max_items.map(|v| v.to_string()),
            );
            if a.unique_items {
                out.push("Items are unique.".to_string());
            }
        }
        _ => {}
    }
    out
}

/// "One of: `a`, `b`." for a list of allowed values, if there is one.
pub(super) fn one_of(values: &[serde_json::Value]) -> Option<String> {
    if values.is_empty() {
        return None;
    }
    let list: Vec<String> = values
        .iter()
        .map(|v| format!("`{}`", compact_json(v)))
        .collect();
    Some(format!("One of: {}.", list.join(", ")))
}

pub fn join_doc(parts: Vec<String>) -> Option<String> {
    let parts: Vec<String> = parts
        .into_iter()
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    if parts.is_empty() {
        None
    } else {
        Some(parts.join("\n\n"))
    }
}
