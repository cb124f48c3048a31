//! The schema decisions are model data: tagging, variant order, boxing,
//! tri-state fields and defaults are settled in the model, and the emitter
//! only renders them. These tests read the model of the construct fixtures.

mod common;

use codegen::model::{Model, Struct, Tagging, TypeKind, TypeRef, Union};
use codegen::naming::RustIdent;
use common::{find_type, model_of};

fn ident(name: &str) -> RustIdent {
    RustIdent::parse(name).unwrap()
}

fn model(fixture: &str) -> Model {
    model_of(&common::fixture(fixture)).0
}

fn union<'m>(model: &'m Model, name: &str) -> &'m Union {
    match &find_type(model, name).kind {
        TypeKind::Union(u) => u,
        other => panic!("`{name}` is not a union: {other:?}"),
    }
}

fn struct_<'m>(model: &'m Model, name: &str) -> &'m Struct {
    match &find_type(model, name).kind {
        TypeKind::Struct(s) => s,
        other => panic!("`{name}` is not a struct: {other:?}"),
    }
}

fn variant_names(u: &Union) -> Vec<&str> {
    u.variants.iter().map(|v| v.name.as_str()).collect()
}

#[test]
fn a_discriminator_is_a_tag_with_values_per_variant() {
    let m = model("discriminator");
    let pet = union(&m, "Pet");
    assert_eq!(
        pet.tagging,
        Tagging::Tag {
            property: "petType".into(),
            other: ident("Other")
        }
    );
    let tags: Vec<(&str, Vec<&str>)> = pet
        .variants
        .iter()
        .map(|v| (v.name.as_str(), v.tags.iter().map(String::as_str).collect()))
        .collect();
    assert_eq!(
        tags,
        [
            ("Cat", vec!["cat", "kitten"]),
            ("Dog", vec!["dog"]),
            ("Lizard", vec!["Lizard"]),
            ("Fish", vec!["fish"]),
        ]
    );
    let event = union(&m, "Event");
    assert_eq!(event.variants[0].tags, ["created"]);
    assert_eq!(event.variants[1].tags, ["deleted"]);
}

#[test]
fn untagged_variants_are_ordered_stricter_first() {
    let m = model("unions");
    assert_eq!(variant_names(union(&m, "Thing")), ["Detailed", "Basic"]);
    assert_eq!(variant_names(union(&m, "Amount")), ["Integer", "Number"]);
    assert_eq!(
        variant_names(union(&m, "Mixed")),
        ["Boolean", "StringList", "Any"]
    );
    let color = union(&m, "ColorOrName");
    assert_eq!(variant_names(color), ["Color", "String"]);
    // The open enum takes only its listed values, since a string follows.
    assert_eq!(
        color.variants[0].known_values_only.as_deref(),
        Some("Other")
    );
    assert_eq!(color.variants[1].known_values_only, None);
    assert!(union(&m, "Thing").tagging == Tagging::Untagged);
}

#[test]
fn only_the_edges_that_close_a_cycle_are_boxed() {
    let m = model("recursion");
    let boxed = |ty: &str| -> Vec<String> {
        match &find_type(&m, ty).kind {
            TypeKind::Struct(s) => s
                .fields
                .iter()
                .filter(|f| f.boxed)
                .map(|f| f.name.to_string())
                .collect(),
            TypeKind::Union(u) => u
                .variants
                .iter()
                .filter(|v| v.boxed)
                .map(|v| v.name.to_string())
                .collect(),
            _ => Vec::new(),
        }
    };
    assert_eq!(boxed("Node"), ["parent"]);
    assert_eq!(boxed("Company"), Vec::<String>::new());
    assert_eq!(boxed("Person"), ["employer"]);
    assert_eq!(boxed("Expr"), Vec::<String>::new());
    assert_eq!(boxed("Sum"), ["left", "right"]);
    assert_eq!(boxed("Leaf"), Vec::<String>::new());
}

#[test]
fn tri_state_only_where_a_request_sends_the_field() {
    let m = model("nullable");
    let patch = struct_(&m, "ProfilePatch");
    let tri: Vec<&str> = patch
        .fields
        .iter()
        .filter(|f| f.tri_state)
        .map(|f| f.name.as_str())
        .collect();
    assert_eq!(tri, ["avatar", "alias", "address"]);
    // Response-only: absent and null read alike.
    let profile = struct_(&m, "Profile");
    assert!(profile.fields.iter().all(|f| !f.tri_state));
}

#[test]
fn defaults_are_kept_where_a_response_reads_them() {
    let m = model("nullable");
    let defaults: Vec<(&str, String)> = struct_(&m, "Profile")
        .fields
        .iter()
        .filter_map(|f| Some((f.name.as_str(), f.default.as_ref()?.to_string())))
        .collect();
    assert_eq!(
        defaults,
        [
            ("limit", "20".to_string()),
            ("ratio", "0.5".into()),
            ("theme", "\"dark\"".into()),
            ("enabled", "true".into()),
            ("level", "\"active\"".into()),
            ("offset", "-5".into()),
            ("tags", "[\"new\"]".into()),
            ("since", "\"2024-01-31\"".into()),
            ("weights", "{\"a\":1}".into()),
            ("size", "\"auto\"".into()),
        ]
    );
    // The seed document's request type keeps none: the server applies them.
    let seed = model("seed");
    assert!(struct_(&seed, "ImageGenerateRequest")
        .fields
        .iter()
        .all(|f| f.default.is_none()));
}

#[test]
fn read_only_and_write_only_are_never_required() {
    let m = model("annotations");
    let user = struct_(&m, "User");
    let field = |name: &str| user.fields.iter().find(|f| f.name == name).unwrap();
    assert!(field("id").read_only && !field("id").required);
    assert!(field("password").write_only && !field("password").required);
    assert!(field("name").required);
}

#[test]
fn a_nullable_alias_is_seen_through() {
    let m = model("nullable");
    let profile = struct_(&m, "Profile");
    let name = profile.fields.iter().find(|f| f.name == "name").unwrap();
    assert_eq!(
        name.ty,
        TypeRef::Primitive(codegen::model::Primitive::String)
    );
    assert!(name.nullable);
}

#[test]
fn identical_inline_types_become_one_type() {
    let (model, _) = common::model_of(&common::fixture("shared_types"));
    let field_type = |ty: &str, field: &str| -> String {
        let TypeKind::Struct(s) = &common::find_type(&model, ty).kind else {
            panic!("{ty} is a struct");
        };
        match &s.fields.iter().find(|f| f.name == field).unwrap().ty {
            TypeRef::Named(n) => n.to_string(),
            other => panic!("{ty}.{field} is {other:?}"),
        }
    };
    // The values name a short list of plain words; docs differ, so the type has none.
    assert_eq!(field_type("Account", "status"), "ActiveInactive");
    assert_eq!(field_type("Project", "status"), "ActiveInactive");
    assert_eq!(common::find_type(&model, "ActiveInactive").doc, None);
    // Deprecated is part of what must agree.
    assert_ne!(field_type("Account", "legacy"), "ActiveInactive");
    // A longer list is named by the property every use shares.
    assert_eq!(field_type("Account", "phase"), "Phase");
    assert_eq!(field_type("Project", "phase"), "Phase");
    // Neither a shared property nor a short list: the shortest of the names the uses had.
    assert_eq!(field_type("Account", "level"), "ProjectTier");
    assert_eq!(field_type("Project", "tier"), "ProjectTier");
    // `ReadWrite` is taken by a component, and the uses share no property name.
    assert_eq!(field_type("Account", "contents"), "ProjectIssues");
    assert_eq!(field_type("Project", "issues"), "ProjectIssues");
    // A component enum with the same values keeps its own name and its own type.
    assert_eq!(field_type("Project", "access"), "Access");
    // Parameters too: a two-word shared name wins, and one component parameter used
    // by two operations is one type.
    let param = |op: &str, name: &str| {
        common::find_op(&model, op)
            .params
            .iter()
            .find(|p| p.name == name)
            .unwrap()
            .ty
            .clone()
    };
    assert_eq!(
        param("list_accounts", "sort_order"),
        TypeRef::Named(ident("SortOrder"))
    );
    assert_eq!(
        param("list_projects", "sort_order"),
        TypeRef::Named(ident("SortOrder"))
    );
    assert_eq!(
        param("list_accounts", "direction"),
        TypeRef::Named(ident("UpDown"))
    );
    assert_eq!(
        param("list_projects", "direction"),
        TypeRef::Named(ident("UpDown"))
    );
    // Objects too; two become identical once the enums they hold are one.
    assert_eq!(field_type("Account", "owner"), "Owner");
    assert_eq!(field_type("Project", "owner"), "Owner");
    assert_eq!(field_type("Project", "lead"), "ProjectLead");
    assert_eq!(field_type("Account", "settings"), "Settings");
    assert_eq!(field_type("Project", "settings"), "Settings");
    assert_eq!(field_type("Settings", "mode"), "FastSlow");
    // An item of `members` and a `member` share a name.
    assert_eq!(field_type("Project", "member"), "Member");
    // Every type name is used once.
    let mut names: Vec<&str> = model.types.iter().map(|t| t.name.as_str()).collect();
    names.dedup();
    assert_eq!(names.len(), model.types.len());
    assert!(names.windows(2).all(|w| w[0] < w[1]), "sorted by name");
}
