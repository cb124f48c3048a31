//! Schemas → named Rust types.
//!
//! [`Lowering`] holds what lowering knows so far (the names taken, the types
//! made, the warnings) and lowers one schema at a time; each kind of schema
//! has a file of its own:
//!
//! - [`shape`]: what a schema becomes by its `type` (or lack of one);
//! - [`object`]: `properties` → struct fields, `additionalProperties` → a map;
//! - [`composition`]: `allOf` → one struct, `oneOf`/`anyOf` → a union;
//! - [`discriminator`]: the tags of a tagged union, and base schemas that
//!   others extend (`allOf` inheritance);
//! - [`enums`]: `enum` → an open Rust enum;
//! - [`formats`]: `type` + `format` → a primitive;
//! - [`docs`]: doc text from titles, descriptions, constraints and examples.
//!
//! Once every schema is lowered, [`Lowering::finish`] runs the whole-graph
//! passes of [`super::graph`].

mod composition;
mod discriminator;
mod docs;
mod enums;
mod formats;
mod object;
mod shape;

pub use docs::join_doc;

use composition::is_annotation_only_ref;
use docs::type_doc;

use super::resolve;
use super::*;
use crate::diag::WarningKind;
use crate::naming::{self, NameSet, RustIdent};
use openapiv3::{ReferenceOr, Schema, SchemaKind, Type};
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// The lowering context: names, types made so far, warnings.
pub struct Lowering<'a> {
    pub doc: &'a Document,
    pub warnings: &'a mut Vec<Warning>,
    /// Type names in use.
    names: NameSet,
    /// Component schema name → Rust type name.
    components: FxHashMap<String, RustIdent>,
    /// Types made, by name.
    types: BTreeMap<RustIdent, TypeDef>,
    /// Schemas reached through a `$ref` that is not a component, by pointer.
    resolved: FxHashMap<Pointer, TypeRef>,
    /// Non-component `$ref`s being lowered, to stop a cycle.
    resolving: Vec<Pointer>,
}

/// The name a schema's type takes if it needs one, made only then: most
/// properties are scalars or references to components, which need none.
#[derive(Clone, Copy)]
pub(super) enum Hint<'a> {
    Text(&'a str),
    /// Property `wire` of the type `owner`: `{owner}{Wire}`.
    Property {
        owner: &'a str,
        wire: &'a str,
    },
    /// An item of the list `list` (see [`Lowering::item_hint`]).
    Item {
        list: &'a str,
    },
}

/// What a schema lowers to before it is given a name.
pub(super) enum Shape {
    /// A type that needs a definition of its own.
    Def(TypeKind),
    /// A type written in place.
    Inline(TypeRef),
}

impl<'a> Lowering<'a> {
    pub fn new(doc: &'a Document, warnings: &'a mut Vec<Warning>) -> Result<Self, Error> {
        let mut names = NameSet::new();
        let mut components = FxHashMap::default();
        if let Some(c) = &doc.api.components {
            for key in c.schemas.keys() {
                let name = names.claim(&naming::type_name(key));
                components.insert(key.clone(), name);
            }
        }
        Ok(Lowering {
            doc,
            warnings,
            names,
            components,
            types: BTreeMap::new(),
            resolved: FxHashMap::default(),
            resolving: Vec::new(),
        })
    }

    pub fn warn(&mut self, kind: WarningKind, at: &Pointer, message: impl Into<String>) {
        self.warnings.push(Warning {
            kind,
            pointer: at.clone(),
            message: message.into(),
        });
    }

    /// Lowers every component schema under its own name.
    pub fn lower_components(&mut self) -> Result<(), Error> {
        let Some(components) = &self.doc.api.components else {
            return Ok(());
        };
        let base = Pointer::root().push("components").push("schemas");
        for (key, schema) in &components.schemas {
            let name = self.components[key].clone();
            let at = base.push(key);
            let def = match schema {
                ReferenceOr::Reference { reference } => {
                    let target = self.reference(reference, &at, &name)?;
                    TypeDef {
                        name: name.clone(),
                        pointer: at.clone(),
                        doc: None,
                        deprecated: false,
                        kind: TypeKind::Alias(target),
                    }
                }
                ReferenceOr::Item(schema) => match self.polymorphic(key, schema) {
                    Some(kind) => TypeDef {
                        name: name.clone(),
                        pointer: at.clone(),
                        doc: type_doc(schema),
                        deprecated: schema.schema_data.deprecated,
                        kind,
                    },
                    None => self.define(schema, &name, &at)?,
                },
            };
            self.types.insert(name, def);
        }
        super::graph::cycles::check_alias_cycles(&self.types)?;
        Ok(())
    }

    /// Makes a definition named `name` for a schema, an alias when the schema is a plain type.
    fn define(
        &mut self,
        schema: &Schema,
        name: &RustIdent,
        at: &Pointer,
    ) -> Result<TypeDef, Error> {
        let shape = self.shape(schema, name, at)?;
        let (doc, kind) = match shape {
            Shape::Def(kind) => (type_doc(schema), kind),
            Shape::Inline(t) => {
                let t = if schema.schema_data.nullable && !matches!(t, TypeRef::Nullable(_)) {
                    TypeRef::Nullable(Box::new(t))
                } else {
                    t
                };
                (type_doc(schema), TypeKind::Alias(t))
            }
        };
        Ok(TypeDef {
            name: name.clone(),
            pointer: at.clone(),
            doc,
            deprecated: schema.schema_data.deprecated,
            kind,
        })
    }

    /// The type of a schema in a place that names it `hint` if it needs a name.
    pub fn lower(
        &mut self,
        schema: &ReferenceOr<Schema>,
        hint: &str,
        at: &Pointer,
    ) -> Result<TypeRef, Error> {
        match schema {
            ReferenceOr::Reference { reference } => self.reference(reference, at, hint),
            ReferenceOr::Item(schema) => self.lower_schema(schema, Hint::Text(hint), at),
        }
    }

    pub fn lower_boxed(
        &mut self,
        schema: &ReferenceOr<Box<Schema>>,
        hint: &str,
        at: &Pointer,
    ) -> Result<TypeRef, Error> {
        self.lower_hinted(schema, Hint::Text(hint), at)
    }

    /// [`Self::lower_boxed`], the hint made only if the type needs a name.
    fn lower_hinted(
        &mut self,
        schema: &ReferenceOr<Box<Schema>>,
        hint: Hint<'_>,
        at: &Pointer,
    ) -> Result<TypeRef, Error> {
        match schema {
            ReferenceOr::Reference { reference } => self.reference_hinted(reference, at, hint),
            ReferenceOr::Item(schema) => self.lower_schema(schema, hint, at),
        }
    }

    /// The text of a hint, as it reads now (before anything below is lowered).
    fn hint_text<'h>(&self, hint: Hint<'h>) -> Cow<'h, str> {
        match hint {
            Hint::Text(text) => Cow::Borrowed(text),
            Hint::Property { owner, wire } => {
                Cow::Owned(format!("{owner}{}", naming::type_name(wire)))
            }
            Hint::Item { list } => Cow::Owned(self.item_hint(list)),
        }
    }

    fn lower_schema(
        &mut self,
        schema: &Schema,
        hint: Hint<'_>,
        at: &Pointer,
    ) -> Result<TypeRef, Error> {
        let ty = if needs_def(schema) {
            let name = self.names.claim(&naming::type_name(&self.hint_text(hint)));
            let mut def = self.define(schema, &name, at)?;
            // An inline union with `null` is the union, nullable: it takes the
            // name rather than an alias of `Option<NameValue>` taking it.
            if let TypeKind::Alias(TypeRef::Nullable(inner)) = &def.kind {
                if let TypeRef::Named(inner) = inner.as_ref() {
                    let made_here = self
                        .types
                        .get(inner)
                        .is_some_and(|t| t.pointer == *at && matches!(t.kind, TypeKind::Union(_)));
                    let union = if made_here {
                        self.types.remove(inner)
                    } else {
                        None
                    };
                    if let Some(mut union) = union {
                        union.name = name.clone();
                        union.doc = def.doc.take();
                        self.types.insert(name.clone(), union);
                        return Ok(nullable(TypeRef::Named(name)));
                    }
                }
            }
            self.types.insert(name.clone(), def);
            TypeRef::Named(name)
        } else {
            // A scalar's shape names nothing: its hint is not made.
            let hint = match &schema.schema_kind {
                SchemaKind::Type(
                    Type::String(_) | Type::Integer(_) | Type::Number(_) | Type::Boolean(_),
                ) => Cow::Borrowed(""),
                _ => self.hint_text(hint),
            };
            match self.shape(schema, &hint, at)? {
                Shape::Inline(t) => t,
                // `needs_def` said the schema needs no definition of its own.
                Shape::Def(_) => TypeRef::Json,
            }
        };
        Ok(ty)
    }

    /// The type a `$ref` stands for.
    pub fn reference(
        &mut self,
        reference: &str,
        at: &Pointer,
        hint: &str,
    ) -> Result<TypeRef, Error> {
        self.reference_hinted(reference, at, Hint::Text(hint))
    }

    fn reference_hinted(
        &mut self,
        reference: &str,
        at: &Pointer,
        hint: Hint<'_>,
    ) -> Result<TypeRef, Error> {
        let component = resolve::component_key(reference, "schemas");
        if let Some(name) = component.and_then(|key| self.components.get(&key)) {
            return Ok(TypeRef::Named(name.clone()));
        }
        // A schema anywhere else is lowered once, where it is.
        let (schema, target) = resolve::target::<Schema>(self.doc, reference, at)?;
        if let Some(t) = self.resolved.get(&target) {
            return Ok(t.clone());
        }
        if self.resolving.contains(&target) {
            // A schema that contains itself through a non-component reference:
            // the JSON value is the faithful type that always compiles.
            self.warn(
                WarningKind::SchemaFallback,
                at,
                format!("`{reference}` refers back to itself outside `components/schemas`; typed as any JSON value"),
            );
            return Ok(TypeRef::Json);
        }
        let schema = schema.into_owned();
        self.resolving.push(target.clone());
        let hint = target
            .tokens()
            .last()
            .filter(|t| !t.is_empty() && !t.chars().all(|c| c.is_ascii_digit()))
            .unwrap_or_else(|| self.hint_text(hint).into_owned());
        let result = self.lower(&schema, &hint, &target);
        self.resolving.pop();
        let ty = result?;
        self.resolved.insert(target, ty.clone());
        Ok(ty)
    }

    /// The schema a reference points at, following chains of references;
    /// `None` where the reference leads nowhere (lowering it says why).
    pub fn resolve_schema<'s>(
        &'s self,
        schema: &'s ReferenceOr<Schema>,
    ) -> Option<Cow<'s, Schema>> {
        resolve::resolve(self.doc, schema, &Pointer::root())
            .ok()
            .map(|(s, _)| s)
    }

    fn resolve_boxed<'s>(
        &'s self,
        schema: &'s ReferenceOr<Box<Schema>>,
    ) -> Option<Cow<'s, Schema>> {
        match schema {
            ReferenceOr::Item(s) => Some(Cow::Borrowed(s)),
            ReferenceOr::Reference { reference } => {
                resolve::resolve_ref(self.doc, reference, &Pointer::root())
                    .ok()
                    .map(|(s, _)| s)
            }
        }
    }

    /// Whether a schema (through references) allows `null`.
    pub fn is_nullable(&self, schema: &ReferenceOr<Schema>) -> bool {
        self.resolve_schema(schema)
            .is_some_and(|s| s.schema_data.nullable)
    }

    pub fn is_nullable_boxed(&self, schema: &ReferenceOr<Box<Schema>>) -> bool {
        self.resolve_boxed(schema)
            .is_some_and(|s| s.schema_data.nullable)
    }

    /// Finishes the types: the whole-graph passes (untagged order, nullable
    /// aliases, direction, cycles), and the types sorted by name.
    pub fn finish(self, operations: &[Operation]) -> Result<Vec<TypeDef>, Error> {
        let mut types: Vec<TypeDef> = self.types.into_values().collect();
        super::graph::finish(&mut types, operations);
        Ok(types)
    }

    /// The type of a component schema, by its key in `components/schemas`.
    pub fn component_type(&self, key: &str) -> Option<TypeRef> {
        self.components.get(key).map(|n| TypeRef::Named(n.clone()))
    }

    /// A type made so far, by name.
    pub fn type_def(&self, name: &str) -> Option<&TypeDef> {
        self.types.get(name)
    }

    /// Claims a type name for something outside the schemas (an inline body, say).
    pub fn claim_name(&mut self, name: &RustIdent) -> RustIdent {
        self.names.claim(name)
    }
}

/// `t` that may be `null` (once: `Option<Option<T>>` is no clearer, and any JSON holds `null`).
pub fn nullable(t: TypeRef) -> TypeRef {
    match t {
        TypeRef::Nullable(_) | TypeRef::Json => t,
        other => TypeRef::Nullable(Box::new(other)),
    }
}

/// Whether an inline schema needs a named type of its own.
fn needs_def(schema: &Schema) -> bool {
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(s)) => s.enumeration.iter().any(Option::is_some),
        SchemaKind::Type(Type::Integer(i)) => i.enumeration.iter().any(Option::is_some),
        SchemaKind::Type(Type::Object(o)) => !o.properties.is_empty(),
        SchemaKind::OneOf { one_of: list } | SchemaKind::AnyOf { any_of: list } => {
            list.iter().filter(|s| !is_null_schema_ref(s)).count() > 1
        }
        SchemaKind::AllOf { all_of } => {
            all_of.iter().filter(|p| !is_annotation_only_ref(p)).count() > 1
        }
        SchemaKind::Any(any) => {
            !any.properties.is_empty()
                || any.all_of.len() > 1
                || (!any.all_of.is_empty() && !any.properties.is_empty())
                || any.one_of.iter().filter(|s| !is_null_schema_ref(s)).count() > 1
                || any.any_of.iter().filter(|s| !is_null_schema_ref(s)).count() > 1
                || (!any.enumeration.is_empty()
                    && any.enumeration.iter().all(|v| v.is_string() || v.is_null())
                    && any.enumeration.iter().any(|v| v.is_string()))
        }
        _ => false,
    }
}

fn is_null_schema(schema: Option<&Schema>) -> bool {
    schema.is_some_and(|s| s.schema_data.extensions.contains_key("x-null"))
}

fn is_null_schema_ref(schema: &ReferenceOr<Schema>) -> bool {
    matches!(schema, ReferenceOr::Item(s) if is_null_schema(Some(s)))
}
