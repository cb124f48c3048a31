//! Small models for unit tests.

use crate::diag::Pointer;
use crate::model::status;
use crate::model::*;

fn def(name: &str, kind: TypeKind) -> TypeDef {
    TypeDef {
        name: name.into(),
        pointer: Pointer::root()
            .push("components")
            .push("schemas")
            .push(name),
        doc: None,
        deprecated: false,
        kind,
    }
}

pub fn field(name: &str, ty: TypeRef) -> Field {
    Field {
        name: name.into(),
        wire_name: name.to_string(),
        ty,
        required: true,
        nullable: false,
        doc: None,
        deprecated: false,
        boxed: false,
        tri_state: false,
        default: None,
        read_only: false,
        write_only: false,
    }
}

pub fn strukt(name: &str, fields: &[(&str, TypeRef)]) -> TypeDef {
    struct_of(
        name,
        fields.iter().map(|(n, t)| field(n, t.clone())).collect(),
    )
}

pub fn struct_of(name: &str, fields: Vec<Field>) -> TypeDef {
    def(
        name,
        TypeKind::Struct(Struct {
            fields,
            additional: None,
            additional_name: "additional_properties".into(),
            sent: false,
        }),
    )
}

pub fn union(name: &str, variants: &[(&str, TypeRef)]) -> TypeDef {
    def(
        name,
        TypeKind::Union(Union {
            variants: variants
                .iter()
                .map(|(n, t)| UnionVariant {
                    name: (*n).into(),
                    ty: t.clone(),
                    boxed: false,
                    tags: Vec::new(),
                    known_values_only: None,
                })
                .collect(),
            tagging: Tagging::Untagged,
            large_variant: false,
        }),
    )
}

pub fn string_enum(name: &str, values: &[&str]) -> TypeDef {
    def(
        name,
        TypeKind::Enum(Enum {
            variants: values
                .iter()
                .map(|v| EnumVariant {
                    name: crate::naming::variant_name(v),
                    value: v.to_string(),
                })
                .collect(),
            other: "Other".into(),
            repr: EnumRepr::String,
        }),
    )
}

pub fn alias(name: &str, to: TypeRef) -> TypeDef {
    def(name, TypeKind::Alias(to))
}

pub fn named(n: &str) -> TypeRef {
    TypeRef::Named(n.into())
}

pub fn array(t: TypeRef) -> TypeRef {
    TypeRef::Array(Box::new(t))
}

pub fn map(t: TypeRef) -> TypeRef {
    TypeRef::Map(Box::new(t))
}

pub fn nullable(t: TypeRef) -> TypeRef {
    TypeRef::Nullable(Box::new(t))
}

pub fn prim(p: Primitive) -> TypeRef {
    TypeRef::Primitive(p)
}

/// An operation `POST /` with a JSON body and a `200` JSON response, where given.
pub fn operation(body: Option<TypeRef>, response: Option<TypeRef>) -> Operation {
    Operation {
        method_name: "op".into(),
        type_name: "Op".into(),
        error_type: "OpError".into(),
        operation_id: None,
        http_method: "POST".into(),
        path: "/".into(),
        segments: Vec::new(),
        pointer: Pointer::root(),
        summary: None,
        description: None,
        deprecated: false,
        params: Vec::new(),
        body: body.map(|t| RequestBody {
            media_type: "application/json".into(),
            kind: BodyKind::Json(t),
            required: true,
            doc: None,
        }),
        success: response
            .into_iter()
            .map(|t| Response {
                status: StatusMatch::Code(200),
                variant: "Ok".into(),
                body: ResponseBody::Json(t),
                doc: None,
            })
            .collect(),
        errors: Vec::new(),
        security: Security::Unspecified,
        statuses: status::plan(&[], &[], false),
        outcome: None,
        large_error_variant: false,
        large_outcome_variant: false,
        tags: Vec::new(),
        group: None,
        response_headers: Vec::new(),
        headers_type: None,
        servers: Vec::new(),
        idempotency: super::Idempotency::None,
        stream: None,
        pagination: None,
        job: None,
    }
}

/// A model of these types (sorted by name, as a model keeps them) and operations.
pub fn model_with(mut types: Vec<TypeDef>, operations: Vec<Operation>) -> Model {
    types.sort_by(|a, b| a.name.cmp(&b.name));
    Model {
        title: String::new(),
        version: String::new(),
        description: None,
        openapi: "3.0.3".into(),
        default_server: None,
        servers: Vec::new(),
        security_schemes: Vec::new(),
        types,
        operations,
        groups: Vec::new(),
        features: Default::default(),
    }
}

/// The model of a document, with the declarations of a config's text.
pub fn model_of(doc: &str, config: &str) -> Result<(Model, Vec<crate::diag::Warning>), String> {
    let doc = crate::load::load_str(doc).map_err(|e| e.to_string())?;
    let config = crate::config::Config::parse(config, "codegen.toml").map_err(|e| e.to_string())?;
    let options = ModelOptions {
        operations: config.operations,
        ..Default::default()
    };
    build(&doc, &options).map_err(|e| e.to_string())
}

/// A document with these paths and component schemas (YAML flow mappings).
pub fn doc_of(paths: &str, schemas: &str) -> String {
    format!("openapi: 3.0.3\ninfo: {{title: T, version: '1'}}\npaths: {paths}\ncomponents: {{schemas: {schemas}}}\n")
}
