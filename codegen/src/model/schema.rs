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
                ReferenceOr::Item(schema) => self.define(schema, &name, &at)?,
            };
            self.types.insert(name, def);
        }
        self.check_alias_cycles()?;
        Ok(())
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
            let def = self.define(schema, &name, at)?;
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
                            .map(|v| (format!("V{v}"), v.to_string()))
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
            SchemaKind::OneOf { one_of } => self.union(one_of, name, at, "oneOf")?,
            SchemaKind::AnyOf { any_of } => self.union(any_of, name, at, "anyOf")?,
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
            // A referenced schema documents its type, not this field.
            let doc = match prop {
                ReferenceOr::Item(s) => field_doc(s),
                ReferenceOr::Reference { .. } => None,
            };
            let (nullable, deprecated) = self
                .resolve_boxed(prop)
                .map(|s| (s.schema_data.nullable, s.schema_data.deprecated))
                .unwrap_or_default();
            let rust = field_names.claim_with(&naming::field_name(wire), |b, n| format!("{b}_{n}"));
            fields.push(Field {
                name: rust,
                wire_name: wire.clone(),
                ty,
                required: required.iter().any(|r| r == wire),
                nullable,
                doc,
                deprecated,
                boxed: false,
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
        for (i, member) in members {
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
            });
        }
        let union = TypeKind::Union(Union { variants });
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
        for (i, part) in parts.iter().enumerate() {
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
                    for (j, inner) in any.all_of.iter().enumerate() {
                        if let Some(s) = self.resolve_schema(inner) {
                            stack.push((part_at.push("allOf").push(j.to_string()), s.into_owned()));
                        }
                    }
                }
                SchemaKind::AllOf { all_of }
                | SchemaKind::Any(openapiv3::AnySchema { all_of, .. }) => {
                    for (j, inner) in all_of.iter().enumerate() {
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
        // Parts were visited last-first; keep the document's property order.
        let ordered: indexmap::IndexMap<String, ReferenceOr<Box<Schema>>> =
            properties.into_iter().rev().collect();
        let ordered: indexmap::IndexMap<String, ReferenceOr<Box<Schema>>> =
            ordered.into_iter().rev().collect();
        required.sort();
        required.dedup();
        self.object(&ordered, &required, additional.as_ref(), name, at)
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
            return self.union(&any.one_of, name, at, "oneOf");
        }
        if !any.any_of.is_empty() {
            return self.union(&any.any_of, name, at, "anyOf");
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
        let _ = schema;
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

    /// Finishes the types: boxes fields on cycles and returns them sorted by name.
    pub fn finish(self) -> Result<Vec<TypeDef>, Error> {
        let mut types: Vec<TypeDef> = self.types.into_values().collect();
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

fn nullable(t: TypeRef) -> TypeRef {
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
    for (k, v) in from.iter().rev() {
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
    let by_type = match resolved.map(|s| &s.schema_kind) {
        Some(SchemaKind::Type(Type::String(_))) => "String",
        Some(SchemaKind::Type(Type::Integer(_))) => "Integer",
        Some(SchemaKind::Type(Type::Number(_))) => "Number",
        Some(SchemaKind::Type(Type::Boolean(_))) => "Boolean",
        Some(SchemaKind::Type(Type::Array(_))) => "Array",
        Some(SchemaKind::Type(Type::Object(_))) => "Object",
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
        let name = names.claim_with(&naming::variant_name(&label), |b, n| format!("{b}{n}"));
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
        parts.push(format!("Defaults to `{}`.", compact_json(default)));
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
        SchemaKind::Type(Type::Number(n)) => bounds(
            "Range",
            n.minimum.map(|v| v.to_string()),
            n.maximum.map(|v| v.to_string()),
        ),
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

/// Boxes struct fields that close a cycle of types containing each other by value.
fn box_cycles(types: &mut [TypeDef]) {
    let index: HashMap<String, usize> = types
        .iter()
        .enumerate()
        .map(|(i, t)| (t.name.clone(), i))
        .collect();
    // Edges: type → types it contains by value.
    let edges: Vec<Vec<usize>> = types
        .iter()
        .map(|t| {
            let names: Vec<&str> = match &t.kind {
                TypeKind::Struct(s) => s.fields.iter().flat_map(|f| f.ty.direct_names()).collect(),
                TypeKind::Union(u) => u
                    .variants
                    .iter()
                    .flat_map(|v| v.ty.direct_names())
                    .collect(),
                TypeKind::Alias(a) => a.direct_names(),
                TypeKind::Enum(_) => Vec::new(),
            };
            names
                .iter()
                .filter_map(|n| index.get(*n).copied())
                .collect()
        })
        .collect();
    let scc = strongly_connected(&edges);
    for (i, t) in types.iter_mut().enumerate() {
        let in_cycle =
            |target: usize| scc[target] == scc[i] && (target != i || edges[i].contains(&i));
        match &mut t.kind {
            TypeKind::Struct(s) => {
                for f in &mut s.fields {
                    if f.ty
                        .direct_names()
                        .iter()
                        .any(|n| index.get(*n).is_some_and(|&j| in_cycle(j)))
                    {
                        f.boxed = true;
                    }
                }
            }
            TypeKind::Union(u) => {
                for v in &mut u.variants {
                    if v.ty
                        .direct_names()
                        .iter()
                        .any(|n| index.get(*n).is_some_and(|&j| in_cycle(j)))
                    {
                        v.boxed = true;
                    }
                }
            }
            _ => {}
        }
    }
}

/// Tarjan's algorithm, iterative; returns the component id of every node.
fn strongly_connected(edges: &[Vec<usize>]) -> Vec<usize> {
    let n = edges.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut comp = vec![usize::MAX; n];
    let mut stack = Vec::new();
    let mut next = 0;
    let mut comps = 0;
    for start in 0..n {
        if index[start] != usize::MAX {
            continue;
        }
        let mut work: Vec<(usize, usize)> = vec![(start, 0)];
        while let Some(&mut (v, ref mut ei)) = work.last_mut() {
            if *ei == 0 && index[v] == usize::MAX {
                index[v] = next;
                low[v] = next;
                next += 1;
                stack.push(v);
                on_stack[v] = true;
            }
            if *ei < edges[v].len() {
                let w = edges[v][*ei];
                *ei += 1;
                if index[w] == usize::MAX {
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
            } else {
                work.pop();
                if let Some(&(parent, _)) = work.last() {
                    low[parent] = low[parent].min(low[v]);
                }
                if low[v] == index[v] {
                    while let Some(w) = stack.pop() {
                        on_stack[w] = false;
                        comp[w] = comps;
                        if w == v {
                            break;
                        }
                    }
                    comps += 1;
                }
            }
        }
    }
    comp
}
