//! What schemas become: named types (structs, enums, unions, aliases) and
//! the uses of types in fields, variants, parameters and bodies.

use crate::diag::Pointer;
use crate::naming::RustIdent;

impl TypeKind {
    /// Calls `f` on every use of a type in this one: fields, variants, the aliased type.
    pub fn for_each_type_ref_mut(&mut self, f: &mut dyn FnMut(&mut TypeRef)) {
        match self {
            TypeKind::Struct(s) => {
                s.fields.iter_mut().for_each(|field| f(&mut field.ty));
                if let Some(a) = &mut s.additional {
                    f(a);
                }
            }
            TypeKind::Union(u) => u.variants.iter_mut().for_each(|v| f(&mut v.ty)),
            TypeKind::Alias(a) => f(a),
            TypeKind::Enum(_) => {}
        }
    }
}

/// A named Rust type made from a schema.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    pub name: RustIdent,
    /// Where the schema is.
    pub pointer: Pointer,
    pub doc: Option<String>,
    pub deprecated: bool,
    pub kind: TypeKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    Struct(Struct),
    Enum(Enum),
    Union(Union),
    /// `pub type Name = …;`
    Alias(TypeRef),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Struct {
    pub fields: Vec<Field>,
    /// Properties not listed, kept in a map of this value type.
    pub additional: Option<TypeRef>,
    /// The Rust name of the field that holds them.
    pub additional_name: RustIdent,
    /// Some request can hold it (a body, a part of one, a parameter): a
    /// caller builds it, and gets `new` of its required fields for that
    /// (`model::graph::direction::mark_sent`).
    pub sent: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The Rust name (may be a raw identifier, `r#type`).
    pub name: RustIdent,
    /// The JSON property name.
    pub wire_name: String,
    pub ty: TypeRef,
    pub required: bool,
    pub nullable: bool,
    pub doc: Option<String>,
    pub deprecated: bool,
    /// Boxed to break a cycle of types that contain each other.
    pub boxed: bool,
    /// Optional and nullable: `Option<Option<T>>`, so that absent (`None`),
    /// `null` (`Some(None)`) and a value (`Some(Some(v))`) all round-trip.
    pub tri_state: bool,
    /// The document's `default`, as JSON: filled in when a response omits
    /// the field, never sent unless the caller sets it.
    pub default: Option<serde_json::Value>,
    /// `readOnly`: the server sends it; a request need not.
    pub read_only: bool,
    /// `writeOnly`: a request sends it; a response need not.
    pub write_only: bool,
}

impl Field {
    /// Whether the Rust type is an `Option`.
    pub fn optional(&self) -> bool {
        !self.required || self.nullable
    }
}

/// A closed set of string or integer values, kept open: values the document
/// does not list decode into `Other`.
#[derive(Debug, Clone, PartialEq)]
pub struct Enum {
    pub variants: Vec<EnumVariant>,
    /// The name of the catch-all variant that keeps an unlisted value.
    pub other: RustIdent,
    pub repr: EnumRepr,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnumRepr {
    String,
    Integer,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EnumVariant {
    pub name: RustIdent,
    /// The value as JSON text: `in-progress` for strings, `3` for integers.
    pub value: String,
}

/// `oneOf` / `anyOf`: one of several types.
#[derive(Debug, Clone, PartialEq)]
pub struct Union {
    /// In the order decoding tries them (untagged), or the document's (tagged).
    pub variants: Vec<UnionVariant>,
    pub tagging: Tagging,
    /// One variant is far larger than the others (`model::graph::sizes`).
    pub large_variant: bool,
}

/// How a JSON value picks its variant.
#[derive(Debug, Clone, PartialEq)]
pub enum Tagging {
    /// The first variant, in order, that the value decodes into.
    Untagged,
    /// `discriminator`: the string in `property` names the variant (each
    /// variant's `tags`). The tag stays in the value, so a variant struct that
    /// lists the property as a field still gets it. A tag no variant has
    /// decodes into the catch-all variant `other`, which keeps the raw JSON.
    Tag { property: String, other: RustIdent },
}

#[derive(Debug, Clone, PartialEq)]
pub struct UnionVariant {
    pub name: RustIdent,
    pub ty: TypeRef,
    /// Boxed to break a cycle of types that contain each other.
    pub boxed: bool,
    /// Tagged unions: the discriminator values that pick this variant.
    pub tags: Vec<String>,
    /// Untagged unions: this variant is an open enum and a later variant also
    /// takes strings, so only the enum's listed values pick it; a value that
    /// would land in the enum's catch-all variant (named here) goes on.
    pub known_values_only: Option<RustIdent>,
}

/// A use of a type.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TypeRef {
    Named(RustIdent),
    Primitive(Primitive),
    Array(Box<TypeRef>),
    /// A JSON object with values of one type.
    Map(Box<TypeRef>),
    /// A value that may be `null`.
    Nullable(Box<TypeRef>),
    /// Any JSON object.
    JsonObject,
    /// Any JSON value.
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Primitive {
    String,
    Bool,
    I32,
    I64,
    U32,
    U64,
    F32,
    F64,
    DateTime,
    Date,
    Uuid,
    /// `format: byte`: base64 text on the wire, bytes in Rust.
    Base64,
}

impl TypeRef {
    /// Named types this one mentions directly (not through `Vec` or a map).
    pub fn direct_names(&self) -> Vec<&str> {
        match self {
            TypeRef::Named(n) => vec![n.as_str()],
            TypeRef::Nullable(inner) => inner.direct_names(),
            _ => Vec::new(),
        }
    }
}
