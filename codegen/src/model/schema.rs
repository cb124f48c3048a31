//! Schemas → named Rust types.

use super::*;
use crate::diag::WarningKind;
use crate::naming::{self, NameSet};
use openapiv3::{
    AdditionalProperties, ReferenceOr, Schema, SchemaKind, StringFormat, Type,
    VariantOrUnknownOrEmpty,
};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

/// The lowering context: names, types made so far, warnings.
pub struct Lowering<'a> {
    pub doc: &'a Document,
    pub warnings: &'a mut Vec<Warning>,
    /// Type names in use.
    names: NameSet,
    /// Component schema name → Rust type name.
    components: HashMap<String, String>,
    /// Types made, by name.
    types: BTreeMap<String, TypeDef>,
    /// Schemas reached through a `$ref` that is not a component, by pointer.
    resolved: HashMap<Pointer, TypeRef>,
    /// Non-component `$ref`s being lowered, to stop a cycle.
    resolving: Vec<Pointer>,
}

/// What a schema lowers to before it is given a name.
enum Shape {
    /// A type that needs a definition of its own.
    Def(TypeKind),
    /// A type written in place.
    Inline(TypeRef),
}

impl<'a> Lowering<'a> {
    pub fn new(doc: &'a Document, warnings: &'a mut Vec<Warning>) -> Result<Self, Error> {
        let mut names = NameSet::new();
        let mut components = HashMap::new();
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
            resolved: HashMap::new(),
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
        self.check_alias_cycles()?;
        Ok(())
    }

    /// A base schema with a `discriminator` and no `oneOf`, extended by other
    /// components through `allOf` (inheritance, as Java and C# generators
    /// write it): a union of the extending schemas, picked by the tag. Its
    /// subtypes are the `mapping`'s schemas and every component whose
    /// `allOf` names the base and adds to it; the tag of one not in the
    /// mapping is its component name. Without subtypes it stays a struct.
    /// A value of the base type itself decodes as an unknown tag (`Other`).
    fn polymorphic(&self, key: &str, schema: &Schema) -> Option<TypeKind> {
        let d = schema.schema_data.discriminator.as_ref()?;
        if matches!(
            schema.schema_kind,
            SchemaKind::OneOf { .. } | SchemaKind::AnyOf { .. }
        ) {
            return None;
        }
        let components = &self.doc.api.components.as_ref()?.schemas;
        let own_ref = format!(
            "#/components/schemas/{}",
            key.replace('~', "~0").replace('/', "~1")
        );
        let key_of = |target: &str| -> Option<String> {
            let k = target
                .strip_prefix("#/components/schemas/")
                .unwrap_or(target);
            let k = k.replace("~1", "/").replace("~0", "~");
            components.contains_key(&k).then_some(k)
        };
        // Subtypes in document order, each with its tags.
        let mut subtypes: Vec<(String, Vec<String>)> = Vec::new();
        for (sub, sub_schema) in components {
            let ReferenceOr::Item(sub_schema) = sub_schema else {
                continue;
            };
            let parts = match &sub_schema.schema_kind {
                SchemaKind::AllOf { all_of } => all_of,
                SchemaKind::Any(any) => &any.all_of,
                _ => continue,
            };
            let extends = parts.iter().any(
                |p| matches!(p, ReferenceOr::Reference { reference } if *reference == own_ref),
            );
            let adds = parts.iter().filter(|p| !is_annotation_only_ref(p)).count() > 1
                || matches!(&sub_schema.schema_kind, SchemaKind::Any(any) if !any.properties.is_empty());
            let mapped: Vec<String> = d
                .mapping
                .iter()
                .filter(|(_, target)| key_of(target).as_deref() == Some(sub.as_str()))
                .map(|(value, _)| value.clone())
                .collect();
            if extends && adds {
                let tags = if mapped.is_empty() {
                    vec![sub.clone()]
                } else {
                    mapped
                };
                subtypes.push((sub.clone(), tags));
            } else if !mapped.is_empty() && sub != key {
                subtypes.push((sub.clone(), mapped));
            }
        }
        if subtypes.is_empty() {
            return None;
        }
        let mut names = NameSet::new();
        let mut seen = std::collections::HashSet::new();
        let variants: Vec<UnionVariant> = subtypes
            .into_iter()
            .map(|(sub, tags)| UnionVariant {
                name: names.claim(&naming::variant_name(&sub)),
                ty: TypeRef::Named(self.components[&sub].clone()),
                boxed: false,
                tags: tags
                    .into_iter()
                    .filter(|t| seen.insert(t.clone()))
                    .collect(),
                known_values_only: None,
            })
            .collect();
        Some(TypeKind::Union(Union {
            variants,
            tagging: Tagging::Tag {
                property: d.property_name.clone(),
                other: names.claim("Other"),
            },
        }))
    }

    /// Makes a definition named `name` for a schema, an alias when the schema is a plain type.
    fn define(&mut self, schema: &Schema, name: &str, at: &Pointer) -> Result<TypeDef, Error> {
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
            name: name.to_string(),
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
            ReferenceOr::Item(schema) => self.lower_schema(schema, hint, at),
        }
    }

    pub fn lower_boxed(
        &mut self,
        schema: &ReferenceOr<Box<Schema>>,
        hint: &str,
        at: &Pointer,
    ) -> Result<TypeRef, Error> {
        match schema {
            ReferenceOr::Reference { reference } => self.reference(reference, at, hint),
            ReferenceOr::Item(schema) => self.lower_schema(schema, hint, at),
        }
    }

    fn lower_schema(
        &mut self,
        schema: &Schema,
        hint: &str,
        at: &Pointer,
    ) -> Result<TypeRef, Error> {
        let ty = if needs_def(schema) {
            let name = self.names.claim(&naming::type_name(hint));
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
            match self.shape(schema, hint, at)? {
                Shape::Inline(t) => t,
                Shape::Def(_) => unreachable_def(),
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
        if let Some(key) = reference.strip_prefix("#/components/schemas/") {
            let key = key.replace("~1", "/").replace("~0", "~");
            if let Some(name) = self.components.get(&key) {
                return Ok(TypeRef::Named(name.clone()));
            }
        }
        let Some(target) = Pointer::from_ref(reference) else {
            return Err(Error::at(
                at,
                format!("`$ref: {reference}` points outside this document; only local references (`#/…`) are supported"),
            ));
        };
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
        let value = self.doc.raw.pointer(target.json_pointer()).ok_or_else(|| {
            Error::at(
                at,
                format!("`$ref: {reference}` points at nothing (dangling reference)"),
            )
        })?;
        let schema: ReferenceOr<Schema> = serde_json::from_value(value.clone())
            .map_err(|e| Error::at(&target, format!("the referenced schema is not valid: {e}")))?;
        self.resolving.push(target.clone());
        let hint = target
            .tokens()
            .last()
            .filter(|t| !t.is_empty() && !t.chars().all(|c| c.is_ascii_digit()))
            .unwrap_or_else(|| hint.to_string());
        let result = self.lower(&schema, &hint, &target);
        self.resolving.pop();
        let ty = result?;
        self.resolved.insert(target, ty.clone());
        Ok(ty)
    }

    /// The schema a reference points at, following chains of references.
    /// Component schemas are borrowed from the parsed document; only
    /// references elsewhere are read from the raw JSON.
    pub fn resolve_schema<'s>(
        &'s self,
        schema: &'s ReferenceOr<Schema>,
    ) -> Option<Cow<'s, Schema>> {
        match schema {
            ReferenceOr::Item(s) => Some(Cow::Borrowed(s)),
            ReferenceOr::Reference { reference } => self.resolve_reference(reference),
        }
    }

    fn resolve_reference<'s>(&'s self, reference: &str) -> Option<Cow<'s, Schema>> {
        let mut reference = reference.to_string();
        for _ in 0..32 {
            if let Some(key) = reference.strip_prefix("#/components/schemas/") {
                let key = key.replace("~1", "/").replace("~0", "~");
                match self.doc.api.components.as_ref()?.schemas.get(&key)? {
                    ReferenceOr::Item(s) => return Some(Cow::Borrowed(s)),
                    ReferenceOr::Reference { reference: next } => {
                        reference = next.clone();
                        continue;
                    }
                }
            }
            let target = Pointer::from_ref(&reference)?;
            let value = self.doc.raw.pointer(target.json_pointer())?;
            match serde_json::from_value::<ReferenceOr<Schema>>(value.clone()).ok()? {
                ReferenceOr::Item(s) => return Some(Cow::Owned(s)),
                ReferenceOr::Reference { reference: next } => reference = next,
            }
        }
        None
    }

    fn resolve_boxed<'s>(
        &'s self,
        schema: &'s ReferenceOr<Box<Schema>>,
    ) -> Option<Cow<'s, Schema>> {
        match schema {
            ReferenceOr::Item(s) => Some(Cow::Borrowed(s)),
            ReferenceOr::Reference { reference } => self.resolve_reference(reference),
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

    /// What a schema becomes.
    fn shape(&mut self, schema: &Schema, name: &str, at: &Pointer) -> Result<Shape, Error> {
        Ok(match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) => {
                let values: Vec<&Option<String>> = s.enumeration.iter().collect();
                if !values.is_empty() {
                    let list: Vec<String> = values.iter().filter_map(|v| (*v).clone()).collect();
                    if list.is_empty() {
                        Shape::Inline(TypeRef::Primitive(Primitive::String))
                    } else {
                        Shape::Def(TypeKind::Enum(make_enum(
                            list.into_iter().map(|v| (v.clone(), v)).collect(),
                            EnumRepr::String,
                        )))
                    }
                } else {
                    Shape::Inline(TypeRef::Primitive(self.string_format(&s.format, at)))
                }
            }
            SchemaKind::Type(Type::Integer(i)) => {
                let values: Vec<i64> = i.enumeration.iter().flatten().copied().collect();
                if !values.is_empty() {
                    Shape::Def(TypeKind::Enum(make_enum(
                        values
                            .iter()
                            .map(|v| (v.to_string(), v.to_string()))
                            .collect(),
                        EnumRepr::Integer,
                    )))
                } else {
                    Shape::Inline(TypeRef::Primitive(self.integer_format(&i.format, at)))
                }
            }
            SchemaKind::Type(Type::Number(n)) => {
                let p = match &n.format {
                    VariantOrUnknownOrEmpty::Item(openapiv3::NumberFormat::Float) => Primitive::F32,
                    VariantOrUnknownOrEmpty::Unknown(f) => {
                        self.unknown_format(f, "number", at);
                        Primitive::F64
                    }
                    _ => Primitive::F64,
                };
                Shape::Inline(TypeRef::Primitive(p))
            }
            SchemaKind::Type(Type::Boolean(_)) => {
                Shape::Inline(TypeRef::Primitive(Primitive::Bool))
            }
            SchemaKind::Type(Type::Array(a)) => {
                let item = match &a.items {
                    Some(items) => {
                        let t =
                            self.lower_boxed(items, &format!("{name}Item"), &at.push("items"))?;
                        if self.is_nullable_boxed(items) {
                            nullable(t)
                        } else {
                            t
                        }
                    }
                    None => TypeRef::Json,
                };
                Shape::Inline(TypeRef::Array(Box::new(item)))
            }
            SchemaKind::Type(Type::Object(o)) => self.object(
                &o.properties,
                &o.required,
                o.additional_properties.as_ref(),
                name,
                at,
            )?,
            SchemaKind::OneOf { one_of } => self.union(one_of, schema, name, at, "oneOf")?,
            SchemaKind::AnyOf { any_of } => self.union(any_of, schema, name, at, "anyOf")?,
            SchemaKind::AllOf { all_of } => self.all_of(all_of, name, at)?,
            SchemaKind::Not { .. } => {
                self.warn(
                    WarningKind::SchemaFallback,
                    at,
                    "`not` has no Rust type; typed as any JSON value",
                );
                Shape::Inline(TypeRef::Json)
            }
            SchemaKind::Any(any) => self.any(any, schema, name, at)?,
        })
    }

    fn string_format(
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

    fn integer_format(
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

    /// A `default` the field's type can hold, or a warning and none.
    fn checked_default(
        &mut self,
        value: serde_json::Value,
        ty: &TypeRef,
        at: &Pointer,
    ) -> Option<serde_json::Value> {
        use serde_json::Value as J;
        let fits = match (ty, &value) {
            (_, J::Null) => true,
            (TypeRef::Primitive(Primitive::Bool), v) => v.is_boolean(),
            (
                TypeRef::Primitive(
                    Primitive::I32 | Primitive::I64 | Primitive::U32 | Primitive::U64,
                ),
                v,
            ) => v.is_i64() || v.is_u64(),
            (TypeRef::Primitive(Primitive::F32 | Primitive::F64), v) => v.is_number(),
            (TypeRef::Primitive(_), v) => v.is_string(),
            (TypeRef::Array(_), v) => v.is_array(),
            (TypeRef::Map(_) | TypeRef::JsonObject, v) => v.is_object(),
            (TypeRef::Named(_) | TypeRef::Nullable(_) | TypeRef::Json, _) => true,
        };
        if fits {
            Some(value)
        } else {
            self.warn(
                WarningKind::SchemaFallback,
                &at.push("default"),
                format!("`default: {value}` does not fit the property's type; it is not applied"),
            );
            None
        }
    }

    fn unknown_format(&mut self, format: &str, base: &str, at: &Pointer) {
        self.warn(
            WarningKind::UnknownFormat,
            &at.push("format"),
            format!("format `{format}` is not known; typed as its base type `{base}`"),
        );
    }

    /// An object schema: a struct when it has properties, a map otherwise.
    fn object(
        &mut self,
        properties: &indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>,
        required: &[String],
        additional: Option<&AdditionalProperties>,
        name: &str,
        at: &Pointer,
    ) -> Result<Shape, Error> {
        let extra = match additional {
            None | Some(AdditionalProperties::Any(true)) => Some(TypeRef::Json),
            Some(AdditionalProperties::Any(false)) => None,
            Some(AdditionalProperties::Schema(s)) => {
                let t = self.lower(s, &format!("{name}Value"), &at.push("additionalProperties"))?;
                Some(if self.is_nullable(s) { nullable(t) } else { t })
            }
        };
        if properties.is_empty() {
            return Ok(Shape::Inline(match extra {
                Some(TypeRef::Json) | None => TypeRef::JsonObject,
                Some(t) => TypeRef::Map(Box::new(t)),
            }));
        }
        let mut fields = Vec::new();
        let mut field_names = NameSet::new();
        let props_at = at.push("properties");
        for (wire, prop) in properties {
            let prop_at = props_at.push(wire);
            let hint = format!("{name}{}", naming::type_name(wire));
            let ty = self.lower_boxed(prop, &hint, &prop_at)?;
            let resolved = self.resolve_boxed(prop).map(Cow::into_owned);
            let data = resolved.as_ref().map(|s| &s.schema_data);
            let flag = |f: fn(&openapiv3::SchemaData) -> bool| data.is_some_and(f);
            let (read_only, write_only) = (flag(|d| d.read_only), flag(|d| d.write_only));
            // `oneOf: [null, X]` arrives as a nullable type: the field says so instead.
            let (ty, nullable) = match ty {
                TypeRef::Nullable(inner) => (*inner, true),
                other => (other, flag(|d| d.nullable)),
            };
            // A read-only property is not sent in requests, a write-only one
            // not in responses: either may be absent, whatever `required` says.
            let required = required.iter().any(|r| r == wire) && !read_only && !write_only;
            let default = match data.and_then(|d| d.default.clone()) {
                Some(v) if !required => self.checked_default(v, &ty, &prop_at),
                _ => None,
            };
            // A referenced schema documents its type, not this field.
            let mut doc = match prop {
                ReferenceOr::Item(s) => field_doc(s),
                ReferenceOr::Reference { .. } => None,
            };
            let mut notes = Vec::new();
            if read_only {
                notes.push("Read-only: the server sets it; a request may leave it out.");
            }
            if write_only {
                notes.push("Write-only: a request sends it; a response leaves it out.");
            }
            if !notes.is_empty() {
                doc = join_doc(
                    doc.into_iter()
                        .chain(notes.iter().map(|n| n.to_string()))
                        .collect(),
                );
            }
            let deprecated = flag(|d| d.deprecated);
            let rust = field_names.claim_with(&naming::field_name(wire), |b, n| format!("{b}_{n}"));
            fields.push(Field {
                name: rust,
                wire_name: wire.clone(),
                ty,
                required,
                nullable,
                doc,
                deprecated,
                boxed: false,
                // Settled by `finish`, once it is known which types requests send.
                tri_state: false,
                default,
                read_only,
                write_only,
            });
        }
        // Only when the document says so: an object that merely does not
        // forbid other properties gets no catch-all map.
        let additional = match additional {
            Some(AdditionalProperties::Any(true)) => Some(TypeRef::Json),
            Some(AdditionalProperties::Schema(_)) => extra,
            _ => None,
        };
        let additional_name =
            field_names.claim_with("additional_properties", |b, n| format!("{b}_{n}"));
        Ok(Shape::Def(TypeKind::Struct(Struct {
            fields,
            additional,
            additional_name,
        })))
    }

    /// `oneOf` / `anyOf`.
    fn union(
        &mut self,
        list: &[ReferenceOr<Schema>],
        schema: &Schema,
        name: &str,
        at: &Pointer,
        keyword: &str,
    ) -> Result<Shape, Error> {
        let list_at = at.push(keyword);
        let mut members = Vec::new();
        let mut has_null = false;
        for (i, member) in list.iter().enumerate() {
            if is_null_schema(self.resolve_schema(member).as_deref()) {
                has_null = true;
                continue;
            }
            members.push((i, member));
        }
        if members.len() == 1 {
            let (i, member) = members[0];
            let t = self.lower(member, name, &list_at.push(i.to_string()))?;
            let t = if has_null { nullable(t) } else { t };
            return Ok(Shape::Inline(t));
        }
        if members.is_empty() {
            return Ok(Shape::Inline(TypeRef::Json));
        }
        let mut variants = Vec::new();
        let mut variant_names = NameSet::new();
        for &(i, member) in &members {
            let resolved = self.resolve_schema(member);
            let base = variant_base_name(member, resolved.as_deref(), i);
            let vname = variant_names.claim(&base);
            let ty = self.lower(
                member,
                &format!("{name}{vname}"),
                &list_at.push(i.to_string()),
            )?;
            variants.push(UnionVariant {
                name: vname,
                ty,
                boxed: false,
                tags: Vec::new(),
                known_values_only: None,
            });
        }
        let tagging = match &schema.schema_data.discriminator {
            Some(d) => self.tags(d, &members, &mut variants, &mut variant_names, at, &list_at),
            None => Tagging::Untagged,
        };
        let union = TypeKind::Union(Union { variants, tagging });
        Ok(if has_null {
            let inner = self.names.claim(&format!("{name}Value"));
            self.types.insert(
                inner.clone(),
                TypeDef {
                    name: inner.clone(),
                    pointer: at.clone(),
                    doc: None,
                    deprecated: false,
                    kind: union,
                },
            );
            Shape::Inline(nullable(TypeRef::Named(inner)))
        } else {
            Shape::Def(union)
        })
    }

    /// The discriminator values of every member: those `mapping` gives it,
    /// else the component name of a `$ref`, else the one value the member's
    /// own tag property allows. Without a tag for every member the union
    /// stays untagged, with a warning.
    fn tags(
        &mut self,
        d: &openapiv3::Discriminator,
        members: &[(usize, &ReferenceOr<Schema>)],
        variants: &mut [UnionVariant],
        names: &mut NameSet,
        at: &Pointer,
        list_at: &Pointer,
    ) -> Tagging {
        let d_at = at.push("discriminator");
        let property = &d.property_name;
        let mut used = vec![false; d.mapping.len()];
        for (&(i, member), variant) in members.iter().zip(variants.iter_mut()) {
            if let ReferenceOr::Reference { reference } = member {
                let key = reference.rsplit('/').next().unwrap_or_default();
                for (j, (value, target)) in d.mapping.iter().enumerate() {
                    if target == reference || target == key {
                        variant.tags.push(value.clone());
                        used[j] = true;
                    }
                }
                if variant.tags.is_empty() {
                    variant.tags.push(key.replace("~1", "/").replace("~0", "~"));
                }
            }
            if variant.tags.is_empty() {
                if let Some(value) = self
                    .resolve_schema(member)
                    .and_then(|s| single_value(&s, property))
                {
                    variant.tags.push(value);
                }
            }
            if variant.tags.is_empty() {
                self.warn(
                    WarningKind::SchemaFallback,
                    &list_at.push(i.to_string()),
                    format!("no `{property}` value picks this member (it is inline and neither `mapping` nor a one-value `enum` names it); the union is decoded by trying each member"),
                );
                return Tagging::Untagged;
            }
        }
        for ((value, target), used) in d.mapping.iter().zip(used) {
            if !used {
                self.warn(
                    WarningKind::Conflict,
                    &d_at.push("mapping").push(value),
                    format!("`{target}` is not a member of this union; the value `{value}` decodes as an unknown tag"),
                );
            }
        }
        // One value picks one variant: a later duplicate is dropped.
        let mut seen = std::collections::HashSet::new();
        for v in variants.iter_mut() {
            v.tags.retain(|t| seen.insert(t.clone()));
        }
        Tagging::Tag {
            property: property.clone(),
            other: names.claim("Other"),
        }
    }

    /// `allOf`: the properties and `required` of every part, in one struct.
    fn all_of(
        &mut self,
        parts: &[ReferenceOr<Schema>],
        name: &str,
        at: &Pointer,
    ) -> Result<Shape, Error> {
        let list_at = at.push("allOf");
        let meaningful: Vec<(usize, &ReferenceOr<Schema>)> = parts
            .iter()
            .enumerate()
            .filter(|(_, p)| !is_annotation_only(self.resolve_schema(p).as_deref()))
            .collect();
        if meaningful.len() == 1 {
            let (i, part) = meaningful[0];
            return Ok(Shape::Inline(self.lower(
                part,
                name,
                &list_at.push(i.to_string()),
            )?));
        }
        let mut properties: indexmap::IndexMap<String, ReferenceOr<Box<Schema>>> =
            indexmap::IndexMap::new();
        let mut required: Vec<String> = Vec::new();
        let mut additional: Option<AdditionalProperties> = Some(AdditionalProperties::Any(false));
        let mut stack: Vec<(Pointer, Schema)> = Vec::new();
        // A stack, so parts are pushed last-first and merged in document order.
        for (i, part) in parts.iter().enumerate().rev() {
            match self.resolve_schema(part) {
                Some(s) => stack.push((list_at.push(i.to_string()), s.into_owned())),
                None => {
                    return Err(Error::at(
                        &list_at.push(i.to_string()),
                        "`$ref` points at nothing (dangling reference)",
                    ))
                }
            }
        }
        let mut seen = 0usize;
        while let Some((part_at, part)) = stack.pop() {
            seen += 1;
            if seen > 256 {
                return Err(Error::at(
                    at,
                    "`allOf` nests too deeply (a cycle of `allOf` references?)",
                ));
            }
            match &part.schema_kind {
                SchemaKind::Type(Type::Object(o)) => {
                    merge_props(&mut properties, &o.properties, &part_at, self.warnings);
                    required.extend(o.required.iter().cloned());
                    if let Some(ap) = &o.additional_properties {
                        additional = Some(ap.clone());
                    }
                }
                SchemaKind::Any(any) if !any.properties.is_empty() || any.all_of.is_empty() => {
                    merge_props(&mut properties, &any.properties, &part_at, self.warnings);
                    required.extend(any.required.iter().cloned());
                    for (j, inner) in any.all_of.iter().enumerate().rev() {
                        if let Some(s) = self.resolve_schema(inner) {
                            stack.push((part_at.push("allOf").push(j.to_string()), s.into_owned()));
                        }
                    }
                }
                SchemaKind::AllOf { all_of }
                | SchemaKind::Any(openapiv3::AnySchema { all_of, .. }) => {
                    for (j, inner) in all_of.iter().enumerate().rev() {
                        if let Some(s) = self.resolve_schema(inner) {
                            stack.push((part_at.push("allOf").push(j.to_string()), s.into_owned()));
                        }
                    }
                }
                _ => {
                    self.warn(
                        WarningKind::Conflict,
                        &part_at,
                        "an `allOf` part that is not an object cannot be merged into a struct; it is left out",
                    );
                }
            }
        }
        required.sort();
        required.dedup();
        self.object(&properties, &required, additional.as_ref(), name, at)
    }

    fn any(
        &mut self,
        any: &openapiv3::AnySchema,
        schema: &Schema,
        name: &str,
        at: &Pointer,
    ) -> Result<Shape, Error> {
        if !any.all_of.is_empty() {
            let mut parts = any.all_of.clone();
            if !any.properties.is_empty() {
                let mut own = any.clone();
                own.all_of.clear();
                own.one_of.clear();
                own.any_of.clear();
                parts.push(ReferenceOr::Item(Schema {
                    schema_data: Default::default(),
                    schema_kind: SchemaKind::Any(own),
                }));
            }
            return self.all_of(&parts, name, at);
        }
        if !any.properties.is_empty() || any.typ.as_deref() == Some("object") {
            return self.object(
                &any.properties,
                &any.required,
                any.additional_properties.as_ref(),
                name,
                at,
            );
        }
        if !any.one_of.is_empty() {
            return self.union(&any.one_of, schema, name, at, "oneOf");
        }
        if !any.any_of.is_empty() {
            return self.union(&any.any_of, schema, name, at, "anyOf");
        }
        if any.items.is_some() || any.typ.as_deref() == Some("array") {
            let item = match &any.items {
                Some(items) => {
                    self.lower_boxed(items, &format!("{name}Item"), &at.push("items"))?
                }
                None => TypeRef::Json,
            };
            return Ok(Shape::Inline(TypeRef::Array(Box::new(item))));
        }
        if !any.enumeration.is_empty() {
            let strings: Vec<&str> = any.enumeration.iter().filter_map(|v| v.as_str()).collect();
            let non_null = any.enumeration.iter().filter(|v| !v.is_null()).count();
            if strings.len() == non_null && non_null > 0 {
                return Ok(Shape::Def(TypeKind::Enum(make_enum(
                    strings
                        .iter()
                        .map(|s| (s.to_string(), s.to_string()))
                        .collect(),
                    EnumRepr::String,
                ))));
            }
            self.warn(
                WarningKind::SchemaFallback,
                at,
                "an `enum` whose values are not all strings (or all integers) has no Rust enum; typed as any JSON value",
            );
            return Ok(Shape::Inline(TypeRef::Json));
        }
        Ok(Shape::Inline(match any.typ.as_deref() {
            Some("string") => TypeRef::Primitive(Primitive::String),
            Some("integer") => TypeRef::Primitive(Primitive::I64),
            Some("number") => TypeRef::Primitive(Primitive::F64),
            Some("boolean") => TypeRef::Primitive(Primitive::Bool),
            _ => TypeRef::Json,
        }))
    }

    /// A component that is only `$ref`s to another, round and round, has no type.
    fn check_alias_cycles(&self) -> Result<(), Error> {
        for def in self.types.values() {
            let mut seen = vec![def.name.as_str()];
            let mut current = def;
            while let TypeKind::Alias(t) = &current.kind {
                let Some(&target) = t.direct_names().first() else {
                    break;
                };
                if seen.contains(&target) {
                    return Err(Error::at(
                        &def.pointer,
                        format!(
                            "`$ref` cycle through nothing but references: {} → {target}",
                            seen.join(" → ")
                        ),
                    ));
                }
                seen.push(target);
                match self.types.get(target) {
                    Some(next) => current = next,
                    None => break,
                }
            }
        }
        Ok(())
    }

    /// Finishes the types: orders untagged variants, makes optional nullable
    /// fields of what requests send tri-state, boxes fields on cycles, and
    /// returns them sorted by name.
    pub fn finish(self, operations: &[Operation]) -> Result<Vec<TypeDef>, Error> {
        let mut types: Vec<TypeDef> = self.types.into_values().collect();
        order_untagged(&mut types);
        see_through_nullable_aliases(&mut types);
        by_direction(&mut types, operations);
        box_cycles(&mut types);
        Ok(types)
    }

    /// Claims a type name for something outside the schemas (an inline body, say).
    pub fn claim_name(&mut self, name: &str) -> String {
        self.names.claim(name)
    }
}

fn unreachable_def() -> TypeRef {
    TypeRef::Json
}

const KNOWN_STRING_FORMATS: &[&str] = &[
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

/// A part of `allOf` that only annotates (`{description: …}`, `{nullable: true}`).
fn is_annotation_only(schema: Option<&Schema>) -> bool {
    match schema {
        Some(s) => match &s.schema_kind {
            SchemaKind::Any(any) => *any == openapiv3::AnySchema::default(),
            _ => false,
        },
        None => false,
    }
}

fn is_annotation_only_ref(schema: &ReferenceOr<Schema>) -> bool {
    match schema {
        ReferenceOr::Item(s) => is_annotation_only(Some(s)),
        ReferenceOr::Reference { .. } => false,
    }
}

fn merge_props(
    into: &mut indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>,
    from: &indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>,
    at: &Pointer,
    warnings: &mut Vec<Warning>,
) {
    for (k, v) in from {
        match into.get(k) {
            Some(existing) if existing != v => warnings.push(Warning {
                kind: WarningKind::Conflict,
                pointer: at.push("properties").push(k),
                message: format!("property `{k}` is defined differently in two `allOf` parts; the first definition is used"),
            }),
            Some(_) => {}
            None => {
                into.insert(k.clone(), v.clone());
            }
        }
    }
}

/// The one value a schema's property allows (`kind: {enum: [circle]}`).
fn single_value(schema: &Schema, property: &str) -> Option<String> {
    let props = match &schema.schema_kind {
        SchemaKind::Type(Type::Object(o)) => &o.properties,
        SchemaKind::Any(any) => &any.properties,
        _ => return None,
    };
    match props.get(property)? {
        ReferenceOr::Item(p) => match &p.schema_kind {
            SchemaKind::Type(Type::String(s)) => match s.enumeration.as_slice() {
                [Some(v)] => Some(v.clone()),
                _ => None,
            },
            SchemaKind::Any(any) => match any.enumeration.as_slice() {
                [serde_json::Value::String(v)] => Some(v.clone()),
                _ => None,
            },
            _ => None,
        },
        ReferenceOr::Reference { .. } => None,
    }
}

/// A readable name for a union member.
fn variant_base_name(
    member: &ReferenceOr<Schema>,
    resolved: Option<&Schema>,
    index: usize,
) -> String {
    if let ReferenceOr::Reference { reference } = member {
        if let Some(last) = reference.rsplit('/').next() {
            return naming::variant_name(last);
        }
    }
    if let Some(title) = resolved.and_then(|s| s.schema_data.title.as_deref()) {
        return naming::variant_name(title);
    }
    if let Some(SchemaKind::Type(Type::Object(object))) = resolved.map(|s| &s.schema_kind) {
        // A property with one fixed value says what the object is (`type: [text]`).
        let fixed = |name: &str| match object.properties.get(name)? {
            ReferenceOr::Item(p) => match &p.schema_kind {
                SchemaKind::Type(Type::String(st)) => match st.enumeration.as_slice() {
                    [Some(v)] => Some(v.clone()),
                    _ => None,
                },
                _ => None,
            },
            ReferenceOr::Reference { .. } => None,
        };
        let tag = ["type", "kind", "object"]
            .into_iter()
            .chain(object.properties.keys().map(String::as_str))
            .find_map(fixed);
        if let Some(tag) = tag {
            return naming::variant_name(&tag);
        }
        // An object of one property is named by it (`{"text": …}` or `{"image": …}`).
        if object.properties.len() == 1 {
            if let Some(only) = object.properties.keys().next() {
                return naming::variant_name(only);
            }
        }
    }
    let by_type = match resolved.map(|s| &s.schema_kind) {
        Some(SchemaKind::Type(Type::String(_))) => "String",
        Some(SchemaKind::Type(Type::Integer(_))) => "Integer",
        Some(SchemaKind::Type(Type::Number(_))) => "Number",
        Some(SchemaKind::Type(Type::Boolean(_))) => "Boolean",
        Some(SchemaKind::Type(Type::Array(a))) => {
            // Named by the items: `PetList`, `IntegerList`.
            let item = match &a.items {
                Some(ReferenceOr::Reference { reference }) => {
                    reference.rsplit('/').next().map(naming::variant_name)
                }
                Some(ReferenceOr::Item(item)) => {
                    let item = ReferenceOr::Item((**item).clone());
                    let name = variant_base_name(&item, item.as_item(), index);
                    (!name.starts_with("Variant")).then_some(name)
                }
                None => None,
            };
            return match item {
                Some(item) => format!("{item}List"),
                None => "Array".to_string(),
            };
        }
        Some(SchemaKind::Type(Type::Object(_))) => "Object",
        Some(SchemaKind::Any(any)) if *any == openapiv3::AnySchema::default() => "Any",
        _ => return format!("Variant{index}"),
    };
    by_type.to_string()
}

fn make_enum(values: Vec<(String, String)>, repr: EnumRepr) -> Enum {
    let mut names = NameSet::new();
    let mut seen_values = std::collections::HashSet::new();
    let mut variants = Vec::new();
    for (label, value) in values {
        if !seen_values.insert(value.clone()) {
            continue;
        }
        let name = names.claim_with(&naming::value_variant_name(&label), naming::numbered);
        variants.push(EnumVariant { name, value });
    }
    let other = names.claim("Other");
    Enum {
        variants,
        other,
        repr,
    }
}

/// The doc text of a type: title and description.
fn type_doc(schema: &Schema) -> Option<String> {
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
fn is_type_name_like(title: &str) -> bool {
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

fn compact_json(v: &serde_json::Value) -> String {
    let s = serde_json::to_string(v).unwrap_or_default();
    s.replace('`', "'")
}

/// Constraints a caller should know, one line each.
fn constraint_lines(schema: &Schema) -> Vec<String> {
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
fn one_of(values: &[serde_json::Value]) -> Option<String> {
    if values.is_empty() {
        return None;
    }
    let list: Vec<String> = values
        .iter()
        .map(|v| format!("`{}`", compact_json(v)))
        .collect();
    Some(format!("One of: {}.", list.join(", ")))
}

fn join_doc(parts: Vec<String>) -> Option<String> {
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

/// A nullable component that is not a struct or an enum is an alias of an
/// `Option` (`type NullableName = Option<String>`). Where such a name is
/// used as nullable again (a field or item that resolves to a nullable
/// schema), its target is written instead, so `null` is one `Option`, not two.
fn see_through_nullable_aliases(types: &mut [TypeDef]) {
    let aliases: HashMap<String, TypeRef> = types
        .iter()
        .filter_map(|t| match &t.kind {
            TypeKind::Alias(TypeRef::Nullable(inner)) => Some((t.name.clone(), (**inner).clone())),
            _ => None,
        })
        .collect();
    if aliases.is_empty() {
        return;
    }
    fn rewrite(t: &mut TypeRef, aliases: &HashMap<String, TypeRef>) {
        match t {
            TypeRef::Nullable(inner) => match inner.as_ref() {
                TypeRef::Named(n) if aliases.contains_key(n) => {
                    **inner = aliases[n].clone();
                }
                _ => rewrite(inner, aliases),
            },
            TypeRef::Array(inner) | TypeRef::Map(inner) => rewrite(inner, aliases),
            _ => {}
        }
    }
    for t in types.iter_mut() {
        match &mut t.kind {
            TypeKind::Struct(s) => {
                for f in &mut s.fields {
                    if let TypeRef::Named(n) = &f.ty {
                        if f.nullable {
                            if let Some(inner) = aliases.get(n) {
                                f.ty = inner.clone();
                            }
                        }
                    }
                    rewrite(&mut f.ty, &aliases);
                }
                if let Some(a) = &mut s.additional {
                    rewrite(a, &aliases);
                }
            }
            TypeKind::Union(u) => u
                .variants
                .iter_mut()
                .for_each(|v| rewrite(&mut v.ty, &aliases)),
            TypeKind::Alias(a) => {
                if let TypeRef::Nullable(inner) = a {
                    rewrite(inner, &aliases);
                } else {
                    rewrite(a, &aliases);
                }
            }
            TypeKind::Enum(_) => {}
        }
    }
}

/// Which types a value of one of `roots` can hold, by index.
fn reachable<'t>(types: &[TypeDef], roots: impl Iterator<Item = &'t TypeRef>) -> Vec<bool> {
    let index: HashMap<&str, usize> = types
        .iter()
        .enumerate()
        .map(|(i, t)| (t.name.as_str(), i))
        .collect();
    fn names<'a>(t: &'a TypeRef, out: &mut Vec<&'a str>) {
        match t {
            TypeRef::Named(n) => out.push(n),
            TypeRef::Array(t) | TypeRef::Map(t) | TypeRef::Nullable(t) => names(t, out),
            _ => {}
        }
    }
    let mut todo = Vec::new();
    for t in roots {
        names(t, &mut todo);
    }
    let mut reached = vec![false; types.len()];
    while let Some(name) = todo.pop() {
        let Some(&i) = index.get(name) else { continue };
        if std::mem::replace(&mut reached[i], true) {
            continue;
        }
        match &types[i].kind {
            TypeKind::Struct(s) => {
                for f in &s.fields {
                    names(&f.ty, &mut todo);
                }
                if let Some(a) = &s.additional {
                    names(a, &mut todo);
                }
            }
            TypeKind::Union(u) => u.variants.iter().for_each(|v| names(&v.ty, &mut todo)),
            TypeKind::Alias(t) => names(t, &mut todo),
            TypeKind::Enum(_) => {}
        }
    }
    reached
}

/// Settles what depends on the direction a struct travels in.
///
/// In every struct a request body can hold, an optional and nullable field
/// becomes `Option<Option<T>>`, so a caller can send nothing, `null` or a
/// value (PATCH-style APIs need all three); types only responses hold keep
/// `Option<T>`, where absent and `null` read alike.
///
/// A `default` is filled in when a response leaves the field out, so it is
/// kept only in structs a response can hold; it is never sent unless set.
fn by_direction(types: &mut [TypeDef], operations: &[Operation]) {
    let sent = reachable(
        types,
        operations
            .iter()
            .filter_map(|o| match o.body.as_ref().map(|b| &b.kind) {
                Some(BodyKind::Json(t) | BodyKind::Form(t, _)) => Some(t),
                _ => None,
            }),
    );
    let received = reachable(
        types,
        operations
            .iter()
            .flat_map(|o| o.success.iter().chain(&o.errors))
            .filter_map(|r| match &r.body {
                ResponseBody::Json(t) => Some(t),
                _ => None,
            }),
    );
    for ((t, sent), received) in types.iter_mut().zip(sent).zip(received) {
        let TypeKind::Struct(s) = &mut t.kind else {
            continue;
        };
        for f in &mut s.fields {
            if !received {
                f.default = None;
            }
            if sent && !f.required && f.nullable {
                f.tri_state = true;
                let note = "`None` leaves it out, `Some(None)` sends `null`.".to_string();
                f.doc = join_doc(f.doc.take().into_iter().chain([note]).collect());
            }
        }
    }
}

/// The kind of JSON a type accepts, for ordering untagged variants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum JsonKind {
    Object,
    Array,
    String,
    Number,
    Bool,
    /// Any JSON value: tried last.
    Any,
    /// Several kinds (a nested union): stays where the document put it.
    Mixed,
}

/// What a type accepts: its kind, and a key that sorts the stricter of two
/// types of one kind first (an enum before a string, an integer before a
/// number, an object with more required properties before one with fewer).
/// The second part is the catch-all variant of an enum.
fn accepts(
    t: &TypeRef,
    by_name: &HashMap<&str, &TypeDef>,
    depth: usize,
) -> (JsonKind, (u8, i64, i64), Option<String>) {
    let plain = |k, r| (k, (r, 0, 0), None);
    match t {
        TypeRef::Nullable(inner) => accepts(inner, by_name, depth),
        TypeRef::Primitive(p) => match p {
            Primitive::String => plain(JsonKind::String, 2),
            Primitive::DateTime | Primitive::Date | Primitive::Uuid | Primitive::Base64 => {
                plain(JsonKind::String, 1)
            }
            Primitive::Bool => plain(JsonKind::Bool, 0),
            Primitive::I32 | Primitive::U32 => plain(JsonKind::Number, 1),
            Primitive::I64 | Primitive::U64 => plain(JsonKind::Number, 2),
            Primitive::F32 | Primitive::F64 => plain(JsonKind::Number, 3),
        },
        // Arrays rank by their items (`[integer]` before `[number]`); items of any
        // JSON last; items of an open enum, which takes any string, as strings.
        TypeRef::Array(inner) if depth < 16 => match accepts(inner, by_name, depth + 1) {
            (JsonKind::Any | JsonKind::Mixed, _, _) => plain(JsonKind::Array, 9),
            (_, _, Some(_)) => plain(JsonKind::Array, 2),
            (_, rank, None) => (JsonKind::Array, rank, None),
        },
        TypeRef::Array(_) => plain(JsonKind::Array, 9),
        TypeRef::Map(_) => plain(JsonKind::Object, 1),
        TypeRef::JsonObject => plain(JsonKind::Object, 2),
        TypeRef::Json => plain(JsonKind::Any, 0),
        TypeRef::Named(n) => match by_name.get(n.as_str()).map(|d| &d.kind) {
            Some(TypeKind::Struct(s)) => {
                let required = s.fields.iter().filter(|f| f.required).count() as i64;
                (
                    JsonKind::Object,
                    (0, -required, -(s.fields.len() as i64)),
                    None,
                )
            }
            Some(TypeKind::Enum(e)) => {
                let kind = match e.repr {
                    EnumRepr::String => JsonKind::String,
                    EnumRepr::Integer => JsonKind::Number,
                };
                (kind, (0, 0, 0), Some(e.other.clone()))
            }
            Some(TypeKind::Alias(t)) if depth < 16 => accepts(t, by_name, depth + 1),
            _ => plain(JsonKind::Mixed, 0),
        },
    }
}

/// Orders the variants of every untagged union so that trying them in turn
/// picks the right one: within each kind of JSON the stricter first, any JSON
/// value last; otherwise the document's order. An open enum followed by
/// another variant that takes its kind of value only takes its listed values.
fn order_untagged(types: &mut [TypeDef]) {
    // Per union: the new order, as (old index, enum catch-all if known values only).
    type Order = Vec<(usize, Option<String>)>;
    let orders: Vec<Option<Order>> = {
        let by_name: HashMap<&str, &TypeDef> = types.iter().map(|t| (t.name.as_str(), t)).collect();
        types
            .iter()
            .map(|t| match &t.kind {
                TypeKind::Union(u) if u.tagging == Tagging::Untagged => {
                    let info: Vec<_> = u
                        .variants
                        .iter()
                        .map(|v| accepts(&v.ty, &by_name, 0))
                        .collect();
                    let mut order: Vec<usize> = (0..info.len()).collect();
                    for kind in [
                        JsonKind::Object,
                        JsonKind::Array,
                        JsonKind::String,
                        JsonKind::Number,
                        JsonKind::Bool,
                    ] {
                        let slots: Vec<usize> =
                            (0..info.len()).filter(|&i| info[i].0 == kind).collect();
                        let mut sorted = slots.clone();
                        sorted.sort_by_key(|&i| info[i].1);
                        for (slot, i) in slots.into_iter().zip(sorted) {
                            order[slot] = i;
                        }
                    }
                    let (rest, any): (Vec<usize>, Vec<usize>) =
                        order.into_iter().partition(|&i| info[i].0 != JsonKind::Any);
                    let order: Vec<usize> = rest.into_iter().chain(any).collect();
                    let result = order
                        .iter()
                        .enumerate()
                        .map(|(pos, &i)| {
                            let (kind, _, other) = &info[i];
                            let shadowed = order[pos + 1..].iter().any(|&j| {
                                matches!(info[j].0, JsonKind::Any | JsonKind::Mixed)
                                    || info[j].0 == *kind
                            });
                            (i, other.clone().filter(|_| shadowed))
                        })
                        .collect();
                    Some(result)
                }
                _ => None,
            })
            .collect()
    };
    for (t, order) in types.iter_mut().zip(orders) {
        if let (TypeKind::Union(u), Some(order)) = (&mut t.kind, order) {
            let old = std::mem::take(&mut u.variants);
            u.variants = order
                .into_iter()
                .map(|(i, known)| UnionVariant {
                    known_values_only: known,
                    ..old[i].clone()
                })
                .collect();
        }
    }
}

/// Boxes the fields and variants that close a cycle of types containing
/// each other by value, and only those: a depth-first walk from each type in
/// name order boxes the edges that lead back to a type still being walked,
/// which leaves no cycle and every other edge unboxed. Aliases are seen
/// through, so the edge is always a field or a variant that can hold a box.
fn box_cycles(types: &mut [TypeDef]) {
    let index: HashMap<String, usize> = types
        .iter()
        .enumerate()
        .map(|(i, t)| (t.name.clone(), i))
        .collect();
    // The struct or union a type name stands for, through aliases.
    let target = |name: &str| -> Option<usize> {
        let mut i = *index.get(name)?;
        for _ in 0..32 {
            match &types[i].kind {
                TypeKind::Alias(t) => i = *index.get(*t.direct_names().first()?)?,
                _ => return Some(i),
            }
        }
        None
    };
    // Edges: type → (field or variant, type it contains by value).
    let edges: Vec<Vec<(usize, usize)>> = types
        .iter()
        .map(|t| {
            let slots: Vec<&TypeRef> = match &t.kind {
                TypeKind::Struct(s) => s.fields.iter().map(|f| &f.ty).collect(),
                TypeKind::Union(u) => u.variants.iter().map(|v| &v.ty).collect(),
                TypeKind::Alias(_) | TypeKind::Enum(_) => Vec::new(),
            };
            slots
                .iter()
                .enumerate()
                .flat_map(|(slot, ty)| {
                    ty.direct_names()
                        .into_iter()
                        .filter_map(&target)
                        .map(move |w| (slot, w))
                        .collect::<Vec<_>>()
                })
                .collect()
        })
        .collect();
    let mut boxed: Vec<(usize, usize)> = Vec::new();
    // 0: not seen, 1: being walked, 2: done.
    let mut state = vec![0u8; types.len()];
    for start in 0..types.len() {
        if state[start] != 0 {
            continue;
        }
        state[start] = 1;
        let mut walk: Vec<(usize, usize)> = vec![(start, 0)];
        while let Some((v, next)) = walk.last_mut() {
            let v = *v;
            match edges[v].get(*next) {
                Some(&(slot, w)) => {
                    *next += 1;
                    match state[w] {
                        0 => {
                            state[w] = 1;
                            walk.push((w, 0));
                        }
                        1 => boxed.push((v, slot)),
                        _ => {}
                    }
                }
                None => {
                    state[v] = 2;
                    walk.pop();
                }
            }
        }
    }
    for (v, slot) in boxed {
        match &mut types[v].kind {
            TypeKind::Struct(s) => s.fields[slot].boxed = true,
            TypeKind::Union(u) => u.variants[slot].boxed = true,
            _ => {}
        }
    }
}
