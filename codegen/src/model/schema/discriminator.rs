//! `discriminator`: the tag values that pick each member of a `oneOf`, and
//! base schemas that others extend through `allOf` (inheritance).

use super::composition::is_annotation_only_ref;
use super::Lowering;
use crate::diag::{Pointer, WarningKind};
use crate::model::resolve;
use crate::model::{Tagging, TypeKind, TypeRef, Union, UnionVariant};
use crate::naming::{self, NameSet};
use openapiv3::{ReferenceOr, Schema, SchemaKind, Type};

impl Lowering<'_> {
    /// A base schema with a `discriminator` and no `oneOf`, extended by other
    /// components through `allOf` (inheritance, as Java and C# generators
    /// write it): a union of the extending schemas, picked by the tag. Its
    /// subtypes are the `mapping`'s schemas and every component whose
    /// `allOf` names the base and adds to it; the tag of one not in the
    /// mapping is its component name. Without subtypes it stays a struct.
    /// A value of the base type itself decodes as an unknown tag (`Other`).
    pub(super) fn polymorphic(&mut self, key: &str, schema: &Schema) -> Option<TypeKind> {
        let d = schema.schema_data.discriminator.as_ref()?;
        if matches!(
            schema.schema_kind,
            SchemaKind::OneOf { .. } | SchemaKind::AnyOf { .. }
        ) {
            return None;
        }
        let subtypes = self.subtypes(key, d);
        if subtypes.is_empty() {
            return None;
        }
        let mut names = NameSet::new();
        let schemas_at = Pointer::root().push("components").push("schemas");
        let at: Vec<Pointer> = subtypes
            .iter()
            .map(|(sub, _)| schemas_at.push(sub))
            .collect();
        let mut variants: Vec<UnionVariant> = subtypes
            .into_iter()
            .map(|(sub, tags)| UnionVariant {
                name: names.claim(&naming::variant_name(&sub)),
                ty: TypeRef::Named(self.components[&sub].clone()),
                boxed: false,
                tags,
                known_values_only: None,
            })
            .collect();
        self.one_variant_per_tag(&mut variants, &at, &d.property_name);
        Some(TypeKind::Union(Union {
            variants,
            tagging: Tagging::Tag {
                property: d.property_name.clone(),
                other: names.claim(&naming::variant_name("Other")),
            },
            large_variant: false,
        }))
    }

    /// The components that extend the base schema `key` (or that its
    /// `mapping` names), in document order, each with its tags.
    fn subtypes(&self, key: &str, d: &openapiv3::Discriminator) -> Vec<(String, Vec<String>)> {
        let Some(components) = self.doc.api.components.as_ref().map(|c| &c.schemas) else {
            return Vec::new();
        };
        // A component's key, from a `$ref` or a bare name (`mapping` may hold either).
        let key_of = |target: &str| -> Option<String> {
            let k = resolve::component_key(target, "schemas").unwrap_or_else(|| target.to_string());
            components.contains_key(&k).then_some(k)
        };
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
            let extends = parts.iter().any(|p| {
                matches!(p, ReferenceOr::Reference { reference }
                    if resolve::component_key(reference, "schemas").as_deref() == Some(key))
            });
            let adds = parts.iter().filter(|p| !is_annotation_only_ref(p)).count() > 1
                || matches!(&sub_schema.schema_kind, SchemaKind::Any(any) if !any.properties.is_empty());
            let mapped: Vec<String> = d
                .mapping
                .iter()
                .filter(|(_, target)| key_of(target).as_deref() == Some(sub.as_str()))
                .map(|(value, _)| value.clone())
                .collect();
            if extends && adds {
                // A name the mapping gives to another subtype is not this one's.
                let tags = if !mapped.is_empty() {
                    mapped
                } else if d.mapping.contains_key(sub) {
                    Vec::new()
                } else {
                    vec![sub.clone()]
                };
                subtypes.push((sub.clone(), tags));
            } else if !mapped.is_empty() && sub != key {
                subtypes.push((sub.clone(), mapped));
            }
        }
        subtypes
    }

    /// The discriminator values of every member: those `mapping` gives it,
    /// else the component name of a `$ref`, else the one value the member's
    /// own tag property allows. Without a tag for every member the union
    /// stays untagged, with a warning.
    pub(super) fn tags(
        &mut self,
        d: &openapiv3::Discriminator,
        members: &[(usize, &ReferenceOr<Schema>)],
        variants: &mut Vec<UnionVariant>,
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
                let name = key.replace("~1", "/").replace("~0", "~");
                if variant.tags.is_empty() {
                    // A name the mapping gives to another member picks that
                    // one: this member is left without a tag, and out.
                    if d.mapping.contains_key(&name) {
                        continue;
                    }
                    variant.tags.push(name);
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
        let at: Vec<Pointer> = members
            .iter()
            .map(|(i, _)| list_at.push(i.to_string()))
            .collect();
        self.one_variant_per_tag(variants, &at, property);
        Tagging::Tag {
            property: property.clone(),
            other: names.claim(&naming::variant_name("Other")),
        }
    }

    /// One value picks one variant: a tag an earlier variant has is dropped
    /// from a later one, and a variant left with no tag, which nothing would
    /// decode into, is left out with a warning (`at` is each variant's pointer).
    fn one_variant_per_tag(
        &mut self,
        variants: &mut Vec<UnionVariant>,
        at: &[Pointer],
        property: &str,
    ) {
        let mut seen = std::collections::HashSet::new();
        let mut keep = Vec::with_capacity(variants.len());
        for (v, v_at) in variants.drain(..).zip(at) {
            let taken: Vec<String> = v
                .tags
                .iter()
                .filter(|t| seen.contains(*t))
                .cloned()
                .collect();
            let tags: Vec<String> = v
                .tags
                .into_iter()
                .filter(|t| seen.insert(t.clone()))
                .collect();
            if tags.is_empty() {
                let why = if taken.is_empty() {
                    "the `mapping` gives its name to another member".to_string()
                } else {
                    let taken: Vec<String> = taken.iter().map(|t| format!("`{t}`")).collect();
                    format!("{} picks an earlier member", taken.join(", "))
                };
                self.warn(
                    WarningKind::Conflict,
                    v_at,
                    format!("no `{property}` value picks this member ({why}); it is left out of the union"),
                );
            } else {
                keep.push(UnionVariant { tags, ..v });
            }
        }
        *variants = keep;
    }
}

/// The one value a schema's property allows (`kind: {enum: [circle]}`).
pub(super) fn single_value(schema: &Schema, property: &str) -> Option<String> {
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
