//! `type` and `format` → a primitive: dates, UUIDs, widths of integers and numbers.

use super::Lowering;
use crate::diag::{Pointer, WarningKind};
use crate::model::Primitive;
use openapiv3::{StringFormat, VariantOrUnknownOrEmpty};

impl Lowering<'_> {
    /// `type: string`: dates, UUIDs and base64 bytes by their `format`, else a `String`.
    pub(super) fn string_format(
        &mut self,
        format: &VariantOrUnknownOrEmpty<StringFormat>,
        at: &Pointer,
    ) -> Primitive {
        match format {
            VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => Primitive::DateTime,
            VariantOrUnknownOrEmpty::Item(StringFormat::Date) => Primitive::Date,
            VariantOrUnknownOrEmpty::Item(StringFormat::Byte) => Primitive::Base64,
            VariantOrUnknownOrEmpty::Item(_) => Primitive::String,
            VariantOrUnknownOrEmpty::Unknown(f) if f == "uuid" => Primitive::Uuid,
            VariantOrUnknownOrEmpty::Unknown(f) => {
                if !KNOWN_STRING_FORMATS.contains(&f.as_str()) {
                    self.unknown_format(f, "string", at);
                }
                Primitive::String
            }
            VariantOrUnknownOrEmpty::Empty => Primitive::String,
        }
    }

    /// `type: integer`: its width and sign by `format`, `i64` without one.
    pub(super) fn integer_format(
        &mut self,
        format: &VariantOrUnknownOrEmpty<openapiv3::IntegerFormat>,
        at: &Pointer,
    ) -> Primitive {
        match format {
            VariantOrUnknownOrEmpty::Item(openapiv3::IntegerFormat::Int32) => Primitive::I32,
            VariantOrUnknownOrEmpty::Item(openapiv3::IntegerFormat::Int64) => Primitive::I64,
            VariantOrUnknownOrEmpty::Unknown(f) => match f.as_str() {
                "uint32" | "uint16" | "uint8" => Primitive::U32,
                "uint64" | "uint" => Primitive::U64,
                "int8" | "int16" => Primitive::I32,
                "unix-time" | "timestamp" => Primitive::I64,
                _ => {
                    self.unknown_format(f, "integer", at);
                    Primitive::I64
                }
            },
            VariantOrUnknownOrEmpty::Empty => Primitive::I64,
        }
    }

    /// `type: number`: `f32` for `format: float`, else `f64`.
    pub(super) fn number_format(
        &mut self,
        format: &VariantOrUnknownOrEmpty<openapiv3::NumberFormat>,
        at: &Pointer,
    ) -> Primitive {
        match format {
            VariantOrUnknownOrEmpty::Item(openapiv3::NumberFormat::Float) => Primitive::F32,
            VariantOrUnknownOrEmpty::Unknown(f) => {
                self.unknown_format(f, "number", at);
                Primitive::F64
            }
            _ => Primitive::F64,
        }
    }

    pub(super) fn unknown_format(&mut self, format: &str, base: &str, at: &Pointer) {
        self.warn(
            WarningKind::UnknownFormat,
            &at.push("format"),
            format!("format `{format}` is not known; typed as its base type `{base}`"),
        );
    }
}

/// String formats that need no type of their own: they stay a `String`, without a warning.
pub(super) const KNOWN_STRING_FORMATS: &[&str] = &[
    "email",
    "uri",
    "url",
    "hostname",
    "ipv4",
    "ipv6",
    "uri-reference",
    "iri",
    "idn-email",
    "idn-hostname",
    "iri-reference",
    "uri-template",
    "json-pointer",
    "regex",
    "time",
    "duration",
    "password",
    "byte",
    "binary",
    "ip",
    "decimal",
];
