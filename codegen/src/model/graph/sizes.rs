//! Which enums hold a variant much larger than the others.
//!
//! Clippy's `large_enum_variant` warns when an enum's largest variant is more
//! than 200 bytes larger than the next: every value then takes the large
//! one's room. The generated enums hold what the document describes by value
//! (boxing it would cost every caller a `Box`), so such an enum carries
//! `#[allow(clippy::large_enum_variant)]`, and only such an enum: an error
//! enum of one variant, or one of strings and small types, needs none.
//!
//! Sizes are estimated from the model as x86-64 lays the generated types out
//! (`String` and `Vec` 24 bytes, a `serde_json::Value` 80 with
//! `preserve_order`, a struct its fields, …). An estimate is not the
//! compiler's figure, so an enum counts as large a little early:
//! [`MARGIN`] bytes below clippy's threshold.

use crate::model::{
    BodyKind, Model, Operation, PartValue, Primitive, ResponseBody, Tagging, TypeDef, TypeKind,
    TypeRef,
};
use std::collections::HashMap;

/// Clippy's default `enum-variant-size-threshold`.
pub const THRESHOLD: usize = 200;

/// How far below [`THRESHOLD`] an estimated difference already counts.
pub const MARGIN: usize = 48;

/// Sets the `large_*` flags of unions, operations and body choices.
pub fn mark_large_variants(model: &mut Model) {
    let sizes = {
        let mut sizes = Sizes::new(&model.types);
        let unions: Vec<bool> = model
            .types
            .iter()
            .map(|t| match &t.kind {
                TypeKind::Union(u) => {
                    let mut variants: Vec<usize> = u
                        .variants
                        .iter()
                        .map(|v| if v.boxed { BOX } else { sizes.of(&v.ty) })
                        .collect();
                    if matches!(u.tagging, Tagging::Tag { .. }) {
                        variants.push(JSON);
                    }
                    is_large(&variants)
                }
                _ => false,
            })
            .collect();
        let operations: Vec<(bool, bool, bool)> = model
            .operations
            .iter()
            .map(|op| operation_flags(&mut sizes, op))
            .collect();
        (unions, operations)
    };
    let (unions, operations) = sizes;
    for (t, large) in model.types.iter_mut().zip(unions) {
        if let TypeKind::Union(u) = &mut t.kind {
            u.large_variant = large;
        }
    }
    for (op, (errors, outcome, choice)) in model.operations.iter_mut().zip(operations) {
        op.large_error_variant = errors;
        op.large_outcome_variant = outcome;
        if let Some(BodyKind::Choice(c)) = op.body.as_mut().map(|b| &mut b.kind) {
            c.large_variant = choice;
        }
    }
}

/// Whether the largest of these variant sizes is about [`THRESHOLD`] larger than the next.
pub fn is_large(variants: &[usize]) -> bool {
    let mut sorted = variants.to_vec();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    match sorted.as_slice() {
        [first, second, ..] => first - second + MARGIN > THRESHOLD,
        _ => false,
    }
}

/// (error enum, outcome enum, body choice) of an operation.
fn operation_flags(sizes: &mut Sizes, op: &Operation) -> (bool, bool, bool) {
    let response = |sizes: &mut Sizes, body: &ResponseBody| match body {
        ResponseBody::Json(t) => sizes.of(t),
        ResponseBody::Text | ResponseBody::Bytes => VEC,
        ResponseBody::Empty => 0,
    };
    let errors: Vec<usize> = op.errors.iter().map(|r| response(sizes, &r.body)).collect();
    let outcome: Vec<usize> = op
        .success
        .iter()
        .map(|r| response(sizes, &r.body))
        .collect();
    let choice = match op.body.as_ref().map(|b| &b.kind) {
        Some(BodyKind::Choice(c)) => {
            let options: Vec<usize> = c.options.iter().map(|o| body(sizes, &o.kind)).collect();
            is_large(&options)
        }
        _ => false,
    };
    (
        is_large(&errors),
        op.outcome.is_some() && is_large(&outcome),
        choice,
    )
}

/// The size of a body as a builder holds it.
fn body(sizes: &mut Sizes, kind: &BodyKind) -> usize {
    match kind {
        BodyKind::Json(t) | BodyKind::Form(t, _) => sizes.of(t),
        BodyKind::Text => VEC,
        BodyKind::Bytes => REQWEST_BODY,
        BodyKind::Multipart(m) => m
            .fields
            .iter()
            .map(|f| {
                let size = match &f.value {
                    PartValue::File => FILE_PART,
                    PartValue::Files => VEC,
                    PartValue::Value(t) => sizes.of(t),
                };
                if f.required {
                    size
                } else {
                    size + 8
                }
            })
            .sum(),
        BodyKind::Choice(c) => c
            .options
            .iter()
            .map(|o| body(sizes, &o.kind))
            .max()
            .unwrap_or(0),
    }
}

/// `String`, `Vec`, `BTreeMap`: pointer, capacity, length.
const VEC: usize = 24;
const BOX: usize = 8;
/// `serde_json::Value` with `preserve_order` (its `Map` is an `IndexMap`).
const JSON: usize = 80;
/// `serde_json::Map` with `preserve_order`.
const JSON_OBJECT: usize = 72;
/// `reqwest::Body`.
const REQWEST_BODY: usize = 40;
/// The runtime's `FilePart`: bytes, a file name and a content type.
const FILE_PART: usize = 80;

/// Estimated sizes of the model's types, remembered by name.
struct Sizes<'m> {
    by_name: HashMap<&'m str, &'m TypeDef>,
    memo: HashMap<&'m str, usize>,
}

impl<'m> Sizes<'m> {
    fn new(types: &'m [TypeDef]) -> Self {
        Sizes {
            by_name: types.iter().map(|t| (t.name.as_str(), t)).collect(),
            memo: HashMap::new(),
        }
    }

    /// The estimated size of a value of type `t`.
    fn of(&mut self, t: &TypeRef) -> usize {
        match t {
            TypeRef::Primitive(p) => primitive(*p),
            TypeRef::Array(_) | TypeRef::Map(_) => VEC,
            TypeRef::Nullable(inner) => option(self.of(inner), niche(inner)),
            TypeRef::JsonObject => JSON_OBJECT,
            TypeRef::Json => JSON,
            TypeRef::Named(n) => self.named(n),
        }
    }

    fn named(&mut self, name: &str) -> usize {
        if let Some(&size) = self.memo.get(name) {
            return size;
        }
        let Some((&key, &def)) = self.by_name.get_key_value(name) else {
            return 0;
        };
        // A type reached again while it is measured holds itself through a `Box`.
        self.memo.insert(key, BOX);
        let size = match &def.kind {
            TypeKind::Struct(s) => {
                let fields: usize = s
                    .fields
                    .iter()
                    .map(|f| {
                        let mut size = if f.boxed { BOX } else { self.of(&f.ty) };
                        let wrapped = matches!(f.ty, TypeRef::Nullable(_));
                        if f.nullable && !wrapped {
                            size = option(size, f.boxed || niche(&f.ty));
                        }
                        let nullable = f.nullable || wrapped;
                        if !f.required && (!nullable || f.tri_state) {
                            size = option(size, true);
                        }
                        size
                    })
                    .sum();
                round8(fields + if s.additional.is_some() { VEC } else { 0 })
            }
            // A string enum keeps its unknown values in a `String`, an integer one in an `i64`.
            TypeKind::Enum(e) => match e.repr {
                crate::model::EnumRepr::String => VEC,
                crate::model::EnumRepr::Integer => 16,
            },
            TypeKind::Union(u) => {
                let largest = u
                    .variants
                    .iter()
                    .map(|v| if v.boxed { BOX } else { self.of(&v.ty) })
                    .max()
                    .unwrap_or(0);
                let largest = match u.tagging {
                    Tagging::Tag { .. } => largest.max(JSON),
                    Tagging::Untagged => largest,
                };
                round8(largest + 8)
            }
            TypeKind::Alias(t) => self.of(t),
        };
        self.memo.insert(key, size);
        size
    }
}

fn primitive(p: Primitive) -> usize {
    match p {
        Primitive::String | Primitive::Base64 => VEC,
        Primitive::Bool => 1,
        Primitive::I32 | Primitive::U32 | Primitive::F32 | Primitive::Date => 4,
        Primitive::I64 | Primitive::U64 | Primitive::F64 => 8,
        Primitive::DateTime => 12,
        Primitive::Uuid => 16,
    }
}

/// Whether `Option` of this type is no larger than it (a pointer, a `bool`, …).
fn niche(t: &TypeRef) -> bool {
    !matches!(
        t,
        TypeRef::Primitive(
            Primitive::I32
                | Primitive::I64
                | Primitive::U32
                | Primitive::U64
                | Primitive::F32
                | Primitive::F64
                | Primitive::Uuid
        )
    )
}

/// The size of an `Option` of a value of `size`.
fn option(size: usize, niche: bool) -> usize {
    if niche {
        size
    } else {
        round8(size + 1)
    }
}

fn round8(size: usize) -> usize {
    size.div_ceil(8) * 8
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::test_data::*;

    #[test]
    fn an_enum_is_large_when_one_variant_is_far_larger_than_the_next() {
        let cases: &[(&str, &[usize], bool)] = &[
            ("one variant, however large", &[1000], false),
            ("none", &[], false),
            ("small types", &[80, 24, 0], false),
            ("two large ones alike", &[900, 880], false),
            ("one far larger", &[400, 24], true),
            (
                "within the margin below the threshold",
                &[24 + THRESHOLD - 10, 24],
                true,
            ),
            ("well below", &[24 + THRESHOLD - MARGIN, 24], false),
        ];
        for (what, sizes, want) in cases {
            assert_eq!(is_large(sizes), *want, "{what}");
        }
    }

    #[test]
    fn sizes_follow_the_generated_types() {
        let types = vec![
            strukt(
                "Big",
                &[
                    ("a", prim(Primitive::String)),
                    ("b", prim(Primitive::String)),
                    ("c", TypeRef::Json),
                    ("d", TypeRef::Json),
                ],
            ),
            strukt("Small", &[("n", prim(Primitive::I64))]),
            strukt("Own", &[("me", named("Own")), ("n", prim(Primitive::I64))]),
            string_enum("Mode", &["a"]),
            alias("Bigger", named("Big")),
        ];
        let mut sizes = Sizes::new(&types);
        assert_eq!(sizes.of(&named("Big")), 24 + 24 + 80 + 80);
        assert_eq!(sizes.of(&named("Bigger")), 208);
        assert_eq!(sizes.of(&named("Small")), 8);
        assert_eq!(sizes.of(&nullable(named("Small"))), 8);
        assert_eq!(sizes.of(&nullable(prim(Primitive::I64))), 16);
        assert_eq!(sizes.of(&named("Mode")), 24);
        assert_eq!(sizes.of(&array(named("Big"))), 24);
        // A type that holds itself is measured once, through its box.
        assert_eq!(sizes.of(&named("Own")), 16);
    }
}
