//! Fields of response types as pagination and jobs read them: a dotted
//! path of properties (`meta.total_pages`) followed through structs and
//! aliases, to a JSON pointer and the type at its end.

use super::{Field, Primitive, Struct, TypeDef, TypeKind, TypeRef};
use crate::diag::Pointer;

/// The model's types, sorted by name, as a lookup.
#[derive(Clone, Copy)]
pub struct Types<'m>(pub &'m [TypeDef]);

/// What the value at the end of a path is, as the runtime reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Leaf {
    /// A string, or a string enum.
    Text,
    Integer,
    Bool,
    /// Anything else (an object, a list, a number with a fraction).
    Other,
}

impl<'m> Types<'m> {
    pub fn find(self, name: &str) -> Option<&'m TypeDef> {
        self.0
            .binary_search_by(|t| t.name.as_str().cmp(name))
            .ok()
            .map(|i| &self.0[i])
    }

    /// `t` seen through `null` and aliases (at most a few levels deep).
    pub fn underlying(self, t: &TypeRef) -> TypeRef {
        let mut t = t.clone();
        for _ in 0..16 {
            t = match t {
                TypeRef::Nullable(inner) => *inner,
                TypeRef::Named(ref n) => match self.find(n).map(|d| &d.kind) {
                    Some(TypeKind::Alias(target)) => target.clone(),
                    _ => return t,
                },
                other => return other,
            };
        }
        t
    }

    /// The struct `t` is, through `null` and aliases.
    pub fn struct_of(self, t: &TypeRef) -> Option<&'m Struct> {
        match self.underlying(t) {
            TypeRef::Named(n) => match &self.find(&n)?.kind {
                TypeKind::Struct(s) => Some(s),
                _ => None,
            },
            _ => None,
        }
    }

    /// The field of the struct `t` is whose property is `wire`.
    pub fn field(self, t: &TypeRef, wire: &str) -> Option<&'m Field> {
        self.struct_of(t)?
            .fields
            .iter()
            .find(|f| f.wire_name == wire)
    }

    /// What kind of value `t` is.
    pub fn leaf(self, t: &TypeRef) -> Leaf {
        match self.underlying(t) {
            TypeRef::Primitive(Primitive::String) => Leaf::Text,
            TypeRef::Primitive(Primitive::Bool) => Leaf::Bool,
            TypeRef::Primitive(
                Primitive::I32 | Primitive::I64 | Primitive::U32 | Primitive::U64,
            ) => Leaf::Integer,
            TypeRef::Named(n) => match self.find(&n).map(|d| &d.kind) {
                Some(TypeKind::Enum(e)) if e.repr == super::EnumRepr::String => Leaf::Text,
                _ => Leaf::Other,
            },
            _ => Leaf::Other,
        }
    }

    /// A dotted path of properties from `root`: the JSON pointer to its
    /// value and the value's type; or why the path leads nowhere.
    pub fn path(self, root: &TypeRef, path: &str) -> Result<(String, TypeRef), String> {
        let mut pointer = Pointer::root();
        let mut t = root.clone();
        for property in path.split('.') {
            let Some(field) = self.field(&t, property) else {
                return Err(format!("the response has no property `{path}`"));
            };
            pointer = pointer.push(&field.wire_name);
            t = field.ty.clone();
        }
        Ok((pointer.json_pointer().to_string(), t))
    }

    /// The first of `names` that is a property of `root` of kind `leaf`, or
    /// of an object property of `root`: its pointer.
    pub fn find_property(self, root: &TypeRef, names: &[&str], leaf: Leaf) -> Option<String> {
        let s = self.struct_of(root)?;
        let direct = names.iter().find_map(|name| {
            let f = s.fields.iter().find(|f| f.wire_name == *name)?;
            (self.leaf(&f.ty) == leaf).then(|| format!("/{}", escape(&f.wire_name)))
        });
        direct.or_else(|| {
            s.fields.iter().find_map(|outer| {
                let inner = self.struct_of(&outer.ty)?;
                names.iter().find_map(|name| {
                    let f = inner.fields.iter().find(|f| f.wire_name == *name)?;
                    (self.leaf(&f.ty) == leaf)
                        .then(|| format!("/{}/{}", escape(&outer.wire_name), escape(&f.wire_name)))
                })
            })
        })
    }
}

/// A JSON pointer token.
fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

impl Field {
    /// How many `Option`s the field's Rust type has around its value: none
    /// when required, one when optional or nullable, two when both and
    /// tri-state (`Option<Option<T>>`).
    pub fn option_depth(&self) -> usize {
        let nullable = matches!(self.ty, TypeRef::Nullable(_)) || self.nullable;
        usize::from(nullable) + usize::from(!self.required && (!nullable || self.tri_state))
    }
}
