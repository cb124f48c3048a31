//! Compositions: `allOf` merged into one struct, `oneOf` and `anyOf` into a
//! union of their members (a member that is only `null` makes it nullable).

use super::{is_null_schema, nullable, Lowering, Shape};
use crate::diag::{Error, Pointer, Warning, WarningKind};
use crate::model::resolve;
use crate::model::{Tagging, TypeDef, TypeKind, TypeRef, Union, UnionVariant};
use crate::naming::{self, NameSet, RustIdent};
use openapiv3::{AdditionalProperties, ReferenceOr, Schema, SchemaKind, Type};

impl Lowering<'_> {
    /// `oneOf` / `anyOf`.
    pub(super) fn union(
        &mut self,
        list: &[ReferenceOr<Schema>],
        schema: &Schema,
        name: &str,
        at: &Pointer,
        keyword: &str,
    ) -> Result<Shape, Error> {
        let list_at = at.push(keyword);
        let mut members: Vec<(usize, &ReferenceOr<Schema>)> = Vec::new();
        let mut has_null = false;
        let mut repeats = false;
        for (i, member) in list.iter().enumerate() {
            if is_null_schema(self.resolve_schema(member).as_deref()) {
                has_null = true;
            } else if members.iter().any(|(_, m)| same_reference(m, member)) {
                // A schema listed twice is one variant, which all its tags pick.
                repeats = true;
            } else {
                members.push((i, member));
            }
        }
        let tagged = schema.schema_data.discriminator.is_some();
        // One schema is that schema, unless its tags pick it in a union of one.
        if members.len() == 1 && !(tagged && repeats) {
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
        let union = TypeKind::Union(Union {
            variants,
            tagging,
            large_variant: false,
        });
        Ok(if has_null {
            let inner = self
                .names
                .claim(&naming::type_name(&format!("{name}Value")));
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
    pub(super) fn all_of(
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
        let mut merged = self.merge_all_of(parts, &list_at, at)?;
        merged.required.sort();
        merged.required.dedup();
        self.object(
            &merged.properties,
            &merged.required,
            merged.additional.as_ref(),
            name,
            at,
        )
    }

    /// The properties, `required` and `additionalProperties` of every part,
    /// and of the parts' own `allOf`s, in document order.
    fn merge_all_of(
        &mut self,
        parts: &[ReferenceOr<Schema>],
        list_at: &Pointer,
        at: &Pointer,
    ) -> Result<Merged, Error> {
        let mut merged = Merged {
            properties: indexmap::IndexMap::new(),
            required: Vec::new(),
            additional: Some(AdditionalProperties::Any(false)),
        };
        let mut stack: Vec<(Pointer, Schema)> = Vec::new();
        // A stack, so parts are pushed last-first and merged in document order.
        for (i, part) in parts.iter().enumerate().rev() {
            let part_at = list_at.push(i.to_string());
            let (part, _) = resolve::resolve(self.doc, part, &part_at)?;
            stack.push((part_at, part.into_owned()));
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
                    merge_props(
                        &mut merged.properties,
                        &o.properties,
                        &part_at,
                        self.warnings,
                    );
                    merged.required.extend(o.required.iter().cloned());
                    if let Some(ap) = &o.additional_properties {
                        merged.additional = Some(ap.clone());
                    }
                }
                SchemaKind::Any(any) if !any.properties.is_empty() || any.all_of.is_empty() => {
                    merge_props(
                        &mut merged.properties,
                        &any.properties,
                        &part_at,
                        self.warnings,
                    );
                    merged.required.extend(any.required.iter().cloned());
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
        Ok(merged)
    }
}

/// What the parts of an `allOf` add up to.
pub(super) struct Merged {
    properties: indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>,
    required: Vec<String>,
    additional: Option<AdditionalProperties>,
}

/// A part of `allOf` that only annotates (`{description: …}`, `{nullable: true}`).
pub(super) fn is_annotation_only(schema: Option<&Schema>) -> bool {
    match schema {
        Some(s) => match &s.schema_kind {
            SchemaKind::Any(any) => *any == openapiv3::AnySchema::default(),
            _ => false,
        },
        None => false,
    }
}

pub(super) fn is_annotation_only_ref(schema: &ReferenceOr<Schema>) -> bool {
    match schema {
        ReferenceOr::Item(s) => is_annotation_only(Some(s)),
        ReferenceOr::Reference { .. } => false,
    }
}

pub(super) fn merge_props(
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

/// Whether two members are the same `$ref`.
fn same_reference(a: &ReferenceOr<Schema>, b: &ReferenceOr<Schema>) -> bool {
    matches!((a, b), (ReferenceOr::Reference { reference: x }, ReferenceOr::Reference { reference: y }) if x == y)
}

/// A readable name for a union member.
pub(super) fn variant_base_name(
    member: &ReferenceOr<Schema>,
    resolved: Option<&Schema>,
    index: usize,
) -> RustIdent {
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
                Some(item) => item.suffixed("List"),
                None => naming::variant_name("Array"),
            };
        }
        Some(SchemaKind::Type(Type::Object(_))) => "Object",
        Some(SchemaKind::Any(any)) if *any == openapiv3::AnySchema::default() => "Any",
        _ => return naming::variant_name(&format!("Variant{index}")),
    };
    naming::variant_name(by_type)
}
