//! Tests on the plain-data model (`codegen::model`): `$ref` resolution, names,
//! warnings and errors, with no tokens involved.

mod common;

use codegen::model::{
    BodyKind, EnumRepr, EnumVariant, Location, Model, ParamStyle, Parameter, Piece, Primitive,
    RequestBody, Response, ResponseBody, Security, SecurityKind, SecurityScheme, StatusMatch,
    Struct, TypeDef, TypeKind, TypeRef,
};
use codegen::{Pointer, WarningKind};
use common::{find_op, find_type, generate_err, model_of};

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

fn ident(name: &str) -> codegen::naming::RustIdent {
    codegen::naming::RustIdent::parse(name).unwrap()
}

fn named(name: &str) -> TypeRef {
    TypeRef::Named(ident(name))
}

fn prim(p: Primitive) -> TypeRef {
    TypeRef::Primitive(p)
}

fn array(t: TypeRef) -> TypeRef {
    TypeRef::Array(Box::new(t))
}

fn struct_of(def: &TypeDef) -> &Struct {
    match &def.kind {
        TypeKind::Struct(s) => s,
        other => panic!("`{}` is not a struct: {other:?}", def.name),
    }
}

/// `(rust name, wire name, type, required, nullable)` of every field.
fn fields(def: &TypeDef) -> Vec<(&str, &str, TypeRef, bool, bool)> {
    struct_of(def)
        .fields
        .iter()
        .map(|f| {
            (
                f.name.as_str(),
                f.wire_name.as_str(),
                f.ty.clone(),
                f.required,
                f.nullable,
            )
        })
        .collect()
}

fn type_names(model: &Model) -> Vec<&str> {
    model.types.iter().map(|t| t.name.as_str()).collect()
}

fn param(
    name: &str,
    wire_name: &str,
    location: Location,
    ty: TypeRef,
    required: bool,
    doc: Option<&str>,
    explode: bool,
) -> Parameter {
    Parameter {
        name: ident(name),
        wire_name: wire_name.into(),
        location,
        ty,
        required,
        doc: doc.map(String::from),
        declared: true,
        style: match location {
            Location::Path | Location::Header => ParamStyle::Simple,
            Location::Query | Location::Cookie => ParamStyle::Form,
        },
        explode,
        allow_reserved: false,
        json: false,
    }
}

/// A path parameter the template uses but the document never declares.
fn undeclared_param(name: &str) -> Parameter {
    Parameter {
        declared: false,
        ..param(
            name,
            name,
            Location::Path,
            prim(Primitive::String),
            true,
            None,
            false,
        )
    }
}

fn response(status: StatusMatch, variant: &str, body: ResponseBody, doc: &str) -> Response {
    Response {
        status,
        variant: ident(variant),
        body,
        doc: Some(doc.into()),
    }
}

const HEAD: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\n";

fn doc(rest: &str) -> String {
    format!("{HEAD}{rest}")
}

fn petstore() -> Model {
    model_of(&common::fixture("petstore")).0
}

fn oxen() -> (Model, Vec<codegen::Warning>) {
    model_of(&common::oxen())
}

// ---------------------------------------------------------------------------
// `$ref` resolution
// ---------------------------------------------------------------------------

#[test]
fn schema_ref_becomes_the_components_rust_name() {
    let text = doc(r##"paths: {}
components:
  schemas:
    order-line:
      type: object
      required: [product]
      properties:
        product:
          $ref: '#/components/schemas/product_info'
        history:
          type: array
          items:
            $ref: '#/components/schemas/product_info'
        by_sku:
          type: object
          additionalProperties:
            $ref: '#/components/schemas/product_info'
    product_info:
      type: object
      properties:
        sku:
          type: string
"##);
    let (model, warnings) = model_of(&text);
    assert_eq!(warnings, []);
    assert_eq!(type_names(&model), ["OrderLine", "ProductInfo"]);
    let line = find_type(&model, "OrderLine");
    assert_eq!(line.pointer.as_str(), "#/components/schemas/order-line");
    assert_eq!(
        fields(line),
        [
            ("product", "product", named("ProductInfo"), true, false),
            (
                "history",
                "history",
                array(named("ProductInfo")),
                false,
                false
            ),
            (
                "by_sku",
                "by_sku",
                TypeRef::Map(Box::new(named("ProductInfo"))),
                false,
                false
            ),
        ]
    );
    assert_eq!(
        find_type(&model, "ProductInfo").pointer.as_str(),
        "#/components/schemas/product_info"
    );
}

#[test]
fn petstore_refs_between_components() {
    let model = petstore();
    assert_eq!(type_names(&model), ["NewPet", "Owner", "Pet", "Problem"]);
    assert_eq!(
        fields(find_type(&model, "Pet")),
        [
            ("id", "id", prim(Primitive::I64), true, false),
            ("name", "name", prim(Primitive::String), true, false),
            ("tag", "tag", prim(Primitive::String), false, true),
            ("owner", "owner", named("Owner"), false, false),
            ("born", "born", prim(Primitive::Date), false, false),
        ]
    );
    // `Pet` → `Owner` → `Vec<Pet>`: the `Vec` already breaks the cycle, nothing is boxed.
    let owner = find_type(&model, "Owner");
    assert_eq!(
        fields(owner),
        [
            ("name", "name", prim(Primitive::String), false, false),
            ("pets", "pets", array(named("Pet")), false, false),
        ]
    );
    let boxed: Vec<bool> = ["Pet", "Owner"]
        .iter()
        .flat_map(|n| {
            struct_of(find_type(&model, n))
                .fields
                .iter()
                .map(|f| f.boxed)
        })
        .collect();
    assert_eq!(boxed, [false; 7]);
}

#[test]
fn a_type_that_contains_itself_is_boxed() {
    let text = doc(r##"paths: {}
components:
  schemas:
    Node:
      type: object
      properties:
        next:
          $ref: '#/components/schemas/Node'
        children:
          type: array
          items:
            $ref: '#/components/schemas/Node'
"##);
    let (model, _) = model_of(&text);
    let node = struct_of(find_type(&model, "Node"));
    let boxed: Vec<(&str, bool)> = node
        .fields
        .iter()
        .map(|f| (f.name.as_str(), f.boxed))
        .collect();
    assert_eq!(boxed, [("next", true), ("children", false)]);
}

#[test]
fn parameter_refs_resolve() {
    let model = petstore();
    // A path-level `$ref: '#/components/parameters/PetId'`.
    let pet_id = param(
        "pet_id",
        "petId",
        Location::Path,
        prim(Primitive::I64),
        true,
        Some("The pet's id"),
        false,
    );
    assert_eq!(
        find_op(&model, "show_pet_by_id").params,
        std::slice::from_ref(&pet_id)
    );
    // Path-level parameters come first, then the operation's own.
    assert_eq!(
        find_op(&model, "delete_pet").params,
        [
            pet_id,
            param(
                "x_reason",
                "X-Reason",
                Location::Header,
                prim(Primitive::String),
                false,
                Some("Why the pet is deleted"),
                false,
            ),
        ]
    );
    // An operation-level `$ref: '#/components/parameters/RequestId'` among inline ones.
    assert_eq!(
        find_op(&model, "list_pets").params,
        [
            param(
                "limit",
                "limit",
                Location::Query,
                prim(Primitive::I32),
                false,
                Some("How many pets to return at most"),
                true,
            ),
            param(
                "tags",
                "tags",
                Location::Query,
                array(prim(Primitive::String)),
                false,
                None,
                true,
            ),
            param(
                "x_request_id",
                "X-Request-Id",
                Location::Header,
                prim(Primitive::Uuid),
                false,
                Some("An id to trace the request by"),
                false,
            ),
        ]
    );
    let show = find_op(&model, "show_pet_by_id");
    assert_eq!(
        show.segments.iter().map(|s| &s.pieces).collect::<Vec<_>>(),
        [&vec![Piece::Literal("pets".into())], &vec![Piece::Param(0)]]
    );
}

#[test]
fn response_refs_resolve() {
    let model = petstore();
    let not_found = response(
        StatusMatch::Code(404),
        "NotFound",
        ResponseBody::Json(named("Problem")),
        "No such pet",
    );
    let show = find_op(&model, "show_pet_by_id");
    assert_eq!(
        show.success,
        [response(
            StatusMatch::Code(200),
            "Ok",
            ResponseBody::Json(named("Pet")),
            "The pet"
        )]
    );
    assert_eq!(show.errors, std::slice::from_ref(&not_found));
    let delete = find_op(&model, "delete_pet");
    assert_eq!(
        delete.success,
        [response(
            StatusMatch::Code(204),
            "NoContent",
            ResponseBody::Empty,
            "The pet was deleted"
        )]
    );
    assert_eq!(delete.success_body(), ResponseBody::Empty);
    assert_eq!(delete.errors, [not_found]);
}

#[test]
fn petstore_bodies_and_statuses() {
    let model = petstore();
    let create = find_op(&model, "create_pet");
    assert_eq!(create.http_method, "POST");
    assert_eq!(create.path, "/pets");
    assert_eq!(
        create.body,
        Some(RequestBody {
            media_type: "application/json".into(),
            kind: BodyKind::Json(named("NewPet")),
            required: true,
            doc: Some("The pet to create".into()),
        })
    );
    assert_eq!(
        create.success,
        [response(
            StatusMatch::Code(201),
            "Created",
            ResponseBody::Json(named("Pet")),
            "The pet was created"
        )]
    );
    assert_eq!(
        create.errors,
        [response(
            StatusMatch::Code(400),
            "BadRequest",
            ResponseBody::Json(named("Problem")),
            "The pet is not valid"
        )]
    );
    let health = find_op(&model, "health");
    assert_eq!(health.success_body(), ResponseBody::Text);
    assert_eq!(
        find_op(&model, "list_pets").success_body(),
        ResponseBody::Json(array(named("Pet")))
    );
}

#[test]
fn petstore_security() {
    let model = petstore();
    assert_eq!(
        model.security_schemes,
        [
            SecurityScheme {
                key: "bearerAuth".into(),
                name: ident("bearer_token"),
                setter: ident("with_bearer_token"),
                provider_setter: ident("with_bearer_token_provider"),
                kind: SecurityKind::Bearer,
                doc: None,
            },
            SecurityScheme {
                key: "apiKey".into(),
                name: ident("api_key"),
                setter: ident("with_api_key"),
                provider_setter: ident("with_api_key_provider"),
                kind: SecurityKind::ApiKeyHeader("X-Api-Key".into()),
                doc: None,
            },
        ]
    );
    let security: Vec<(&str, Security)> = model
        .operations
        .iter()
        .map(|o| (o.method_name.as_str(), o.security.clone()))
        .collect();
    assert_eq!(
        security,
        [
            // The document's `security: [bearerAuth]`.
            ("list_pets", Security::Required(vec![vec![0]])),
            ("create_pet", Security::Required(vec![vec![0]])),
            // Its own two alternatives, in the order written.
            ("show_pet_by_id", Security::Required(vec![vec![1], vec![0]])),
            ("delete_pet", Security::Required(vec![vec![0]])),
            // `security: []`.
            ("health", Security::None),
        ]
    );
    assert_eq!(
        model.default_server.as_deref(),
        Some("https://petstore.example.com/v1")
    );
}

// ---------------------------------------------------------------------------
// Inline naming
// ---------------------------------------------------------------------------

#[test]
fn seed_inline_item_is_named_after_its_place() {
    let (model, warnings) = model_of(&common::fixture("seed"));
    assert_eq!(warnings, []);
    assert_eq!(
        type_names(&model),
        [
            "ImageGenerateRequest",
            "ImageGenerateResponse",
            "ImageGenerateResponseImage"
        ]
    );
    assert_eq!(
        fields(find_type(&model, "ImageGenerateResponse")),
        [
            ("created", "created", prim(Primitive::I64), false, false),
            (
                "images",
                "images",
                array(named("ImageGenerateResponseImage")),
                false,
                false
            ),
            ("model", "model", prim(Primitive::String), false, false),
        ]
    );
    let item = find_type(&model, "ImageGenerateResponseImage");
    assert_eq!(
        item.pointer.as_str(),
        "#/components/schemas/ImageGenerateResponse/properties/images/items"
    );
    assert_eq!(
        fields(item),
        [
            (
                "revised_prompt",
                "revised_prompt",
                prim(Primitive::String),
                false,
                true
            ),
            ("url", "url", prim(Primitive::String), false, false),
        ]
    );
    assert_eq!(
        fields(find_type(&model, "ImageGenerateRequest")),
        [
            ("model", "model", prim(Primitive::String), true, false),
            ("n", "n", prim(Primitive::I64), false, false),
            ("prompt", "prompt", prim(Primitive::String), true, false),
            ("seed", "seed", prim(Primitive::I64), false, true),
            ("size", "size", prim(Primitive::String), false, true),
        ]
    );
}

#[test]
fn seed_operation() {
    let (model, _) = model_of(&common::fixture("seed"));
    assert_eq!(model.operations.len(), 1);
    let op = &model.operations[0];
    assert_eq!(op.method_name, "generate_image");
    assert_eq!(op.type_name, "GenerateImage");
    assert_eq!(
        op.operation_id.as_deref(),
        Some("OxenApiWeb.Controllers.ModelController.generate_image")
    );
    assert_eq!(op.http_method, "POST");
    assert_eq!(op.path, "/api/ai/images/generate");
    assert_eq!(
        op.pointer.as_str(),
        "#/paths/~1api~1ai~1images~1generate/post"
    );
    assert_eq!(op.params, []);
    assert_eq!(
        op.body,
        Some(RequestBody {
            media_type: "application/json".into(),
            kind: BodyKind::Json(named("ImageGenerateRequest")),
            required: false,
            doc: Some("Image generation request".into()),
        })
    );
    assert_eq!(
        op.success,
        [response(
            StatusMatch::Code(200),
            "Ok",
            ResponseBody::Json(named("ImageGenerateResponse")),
            "Generated images"
        )]
    );
    assert_eq!(
        op.errors,
        [response(
            StatusMatch::Code(400),
            "BadRequest",
            ResponseBody::Json(TypeRef::JsonObject),
            "Invalid request"
        )]
    );
    // The document says `security: []` at the top and has no schemes: today
    // that is read as "unspecified" (every configured credential is sent),
    // not as "send nothing".
    assert_eq!(op.security, Security::Unspecified);
    assert_eq!(model.security_schemes, []);
    assert_eq!(
        model.default_server.as_deref(),
        Some("https://dev.hub.oxen.ai")
    );
}

#[test]
fn oxen_inline_item_is_named_after_its_place() {
    let (model, _) = oxen();
    let response = find_type(&model, "ImageGenerateResponse");
    let images = struct_of(response)
        .fields
        .iter()
        .find(|f| f.wire_name == "images")
        .expect("ImageGenerateResponse has `images`");
    assert_eq!(images.ty, array(named("ImageGenerateResponseImage")));
    assert_eq!(
        find_type(&model, "ImageGenerateResponseImage")
            .pointer
            .as_str(),
        "#/components/schemas/ImageGenerateResponse/properties/images/items"
    );
}

#[test]
fn property_and_type_names() {
    let (model, warnings) = model_of(&common::fixture("naming"));
    assert_eq!(warnings, []);
    assert_eq!(type_names(&model), ["OptionType", "Status", "Thing"]);
    assert_eq!(
        fields(find_type(&model, "Thing")),
        [
            ("r#type", "type", prim(Primitive::String), true, false),
            ("self_", "self", prim(Primitive::String), false, false),
            (
                "camel_case",
                "camelCase",
                prim(Primitive::I64),
                false,
                false
            ),
            (
                "camel_case_2",
                "camel_case",
                prim(Primitive::Bool),
                false,
                false
            ),
            ("status", "status", named("Status"), false, false),
            ("id", "@id", prim(Primitive::String), false, false),
        ]
    );
    assert_eq!(
        find_type(&model, "OptionType").pointer.as_str(),
        "#/components/schemas/Option"
    );
}

#[test]
fn enum_variant_names() {
    let (model, _) = model_of(&common::fixture("naming"));
    let TypeKind::Enum(status) = &find_type(&model, "Status").kind else {
        panic!("`Status` is not an enum");
    };
    let variant = |name: &str, value: &str| EnumVariant {
        name: ident(name),
        value: value.into(),
    };
    assert_eq!(
        status.variants,
        [
            variant("InProgress", "in-progress"),
            variant("InProgress2", "in_progress"),
            variant("V1_0", "1.0"),
            variant("Plus1", "+1"),
            variant("Empty", ""),
            variant("Other", "other"),
        ]
    );
    // The catch-all does not take the name of a listed value.
    assert_eq!(status.other, "Other2");
    assert_eq!(status.repr, EnumRepr::String);
}

// ---------------------------------------------------------------------------
// Operation naming
// ---------------------------------------------------------------------------

#[test]
fn oxen_operation_names() {
    let (model, _) = oxen();
    let names: Vec<&str> = model
        .operations
        .iter()
        .map(|o| o.method_name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "generate_audio",
            "get_model_response",
            "generations_index",
            "generations_show",
            "edit_image",
            "generate_image",
            "models_index",
            "list_favorites",
            "list_featured",
            "search",
            "models_show",
            "models_update",
            "delete_custom_model",
            "wake",
            "deactivate",
            "create_favorite",
            "delete_favorite",
            "queue_index",
            "queue_create",
            "queue_show",
            "queue_delete",
            "generate_video",
            "list_for_org",
            "create_evaluation",
            "get_evaluation",
            "fine_tune_index",
            "fine_tune_create",
            "fine_tune_show",
            "fine_tune_delete",
            "fine_tune_update",
            "run",
            "stop",
            "checkpoints",
            "create_checkpoint_deployment",
            "logs",
            "tokenize",
            "get_train_status",
            "update_train_status",
            "list_accessible",
            "list_for_user",
        ]
    );
}

#[test]
fn oxen_collisions_are_qualified_by_controller() {
    let (model, _) = oxen();
    let by_id = |id: &str| -> (&str, &str) {
        let full = format!("OxenApiWeb.Controllers.{id}");
        let op = model
            .operations
            .iter()
            .find(|o| o.operation_id.as_deref() == Some(full.as_str()))
            .unwrap_or_else(|| panic!("no operation {full}"));
        (op.method_name.as_str(), op.type_name.as_str())
    };
    let cases = [
        (
            "ModelController.generate_image",
            "generate_image",
            "GenerateImage",
        ),
        ("ModelsController.index", "models_index", "ModelsIndex"),
        ("QueueController.index", "queue_index", "QueueIndex"),
        (
            "GenerationsController.index",
            "generations_index",
            "GenerationsIndex",
        ),
        (
            "FineTuneController.index",
            "fine_tune_index",
            "FineTuneIndex",
        ),
        ("ModelsController.show", "models_show", "ModelsShow"),
        ("QueueController.show", "queue_show", "QueueShow"),
        (
            "GenerationsController.show",
            "generations_show",
            "GenerationsShow",
        ),
        ("FineTuneController.show", "fine_tune_show", "FineTuneShow"),
        ("QueueController.delete", "queue_delete", "QueueDelete"),
        (
            "FineTuneController.delete",
            "fine_tune_delete",
            "FineTuneDelete",
        ),
        ("QueueController.create", "queue_create", "QueueCreate"),
        (
            "FineTuneController.create",
            "fine_tune_create",
            "FineTuneCreate",
        ),
        ("ModelsController.update", "models_update", "ModelsUpdate"),
        (
            "FineTuneController.update",
            "fine_tune_update",
            "FineTuneUpdate",
        ),
        // A last segment no other operation has keeps its short name.
        (
            "ModelsController.delete_custom_model",
            "delete_custom_model",
            "DeleteCustomModel",
        ),
    ];
    for (id, method, type_name) in cases {
        assert_eq!(by_id(id), (method, type_name), "{id}");
    }
    let mut methods: Vec<&str> = model
        .operations
        .iter()
        .map(|o| o.method_name.as_str())
        .collect();
    let mut types: Vec<&str> = model
        .operations
        .iter()
        .map(|o| o.type_name.as_str())
        .collect();
    methods.sort_unstable();
    methods.dedup();
    types.sort_unstable();
    types.dedup();
    assert_eq!(methods.len(), 40, "method names are unique");
    assert_eq!(types.len(), 40, "type names are unique");
}

#[test]
fn fixture_operation_names() {
    let (model, _) = model_of(&common::fixture("naming"));
    let names: Vec<(&str, &str, Option<&str>)> = model
        .operations
        .iter()
        .map(|o| {
            (
                o.method_name.as_str(),
                o.type_name.as_str(),
                o.operation_id.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        names,
        [
            // `list` twice: qualified by the controller, its role suffix dropped.
            ("pets_list", "PetsList", Some("Api.PetsController.list")),
            ("store_list", "StoreList", Some("Api.StoreController.list")),
            // `show` twice and `things_show` twice: named by method and path.
            (
                "get_a_things",
                "GetAThings",
                Some("A.ThingsController.show")
            ),
            (
                "get_b_things",
                "GetBThings",
                Some("B.ThingsController.show")
            ),
            // No `operationId` at all.
            (
                "get_widgets_by_widget_id_parts",
                "GetWidgetsByWidgetIdParts",
                None
            ),
            // A keyword, and a name the client itself has.
            ("type_", "Type", Some("type")),
            ("new_operation", "NewOperation", Some("new")),
        ]
    );
}

#[test]
fn operation_without_id_is_named_by_method_and_path() {
    let text = doc(r##"paths:
  /pets/{petId}/toys:
    delete:
      parameters:
        - {name: petId, in: path, required: true, schema: {type: string}}
      responses:
        '204': {description: gone}
  /:
    get:
      responses:
        '204': {description: root}
"##);
    let (model, _) = model_of(&text);
    let names: Vec<(&str, &str)> = model
        .operations
        .iter()
        .map(|o| (o.method_name.as_str(), o.type_name.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("delete_pets_by_pet_id_toys", "DeletePetsByPetIdToys"),
            ("get", "Get")
        ]
    );
}

// ---------------------------------------------------------------------------
// Warnings
// ---------------------------------------------------------------------------

#[test]
fn oxen_warning_kinds_and_counts() {
    let (_, warnings) = oxen();
    let mut counts: Vec<(WarningKind, usize)> = Vec::new();
    for w in &warnings {
        match counts.iter_mut().find(|(k, _)| *k == w.kind) {
            Some((_, n)) => *n += 1,
            None => counts.push((w.kind, 1)),
        }
    }
    counts.sort();
    assert_eq!(
        counts,
        [
            (WarningKind::UndeclaredPathParameter, 15),
            (WarningKind::SuspiciousPathSegment, 1),
            (WarningKind::UnknownFormat, 12),
        ]
    );
}

#[test]
fn oxen_undeclared_path_parameters() {
    let (model, warnings) = oxen();
    let undeclared: Vec<&codegen::Warning> = warnings
        .iter()
        .filter(|w| w.kind == WarningKind::UndeclaredPathParameter)
        .collect();

    // One warning per operation under `/api/repos/{namespace}/{repo_name}/`, at the operation.
    let repo_ops: Vec<&codegen::model::Operation> = model
        .operations
        .iter()
        .filter(|o| o.path.starts_with("/api/repos/{namespace}/{repo_name}/"))
        .collect();
    assert_eq!(repo_ops.len(), 15);
    let mut warned: Vec<&str> = undeclared.iter().map(|w| w.pointer.as_str()).collect();
    let mut expected: Vec<&str> = repo_ops.iter().map(|o| o.pointer.as_str()).collect();
    warned.sort_unstable();
    expected.sort_unstable();
    assert_eq!(warned, expected);

    let pointer = "#/paths/~1api~1repos~1{namespace}~1{repo_name}~1fine_tunes~1{id}~1train_status~1{new_status}/put";
    let w = undeclared
        .iter()
        .find(|w| w.pointer.as_str() == pointer)
        .expect("a warning for update_train_status");
    assert_eq!(
        w.message,
        "operation `update_train_status`: path parameters `namespace`, `repo_name`, `new_status` \
         are used in `/api/repos/{namespace}/{repo_name}/fine_tunes/{id}/train_status/{new_status}` \
         but not declared; they become required string arguments"
    );
    assert_eq!(
        w.to_string(),
        format!("{pointer}: {}", w.message),
        "Display is `pointer: message`"
    );

    // The undeclared ones become required string arguments, in the template's order.
    let op = find_op(&model, "update_train_status");
    assert_eq!(
        op.params,
        [
            undeclared_param("namespace"),
            undeclared_param("repo_name"),
            param(
                "id",
                "id",
                Location::Path,
                prim(Primitive::String),
                true,
                Some("Fine-tune ID"),
                false,
            ),
            undeclared_param("new_status"),
        ]
    );
    let pieces: Vec<&Piece> = op.segments.iter().flat_map(|s| &s.pieces).collect();
    assert_eq!(
        pieces,
        [
            &Piece::Literal("api".into()),
            &Piece::Literal("repos".into()),
            &Piece::Param(0),
            &Piece::Param(1),
            &Piece::Literal("fine_tunes".into()),
            &Piece::Param(2),
            &Piece::Literal("train_status".into()),
            &Piece::Param(3),
        ]
    );

    // Every repository operation takes `namespace` and `repo_name` although none declares them.
    for op in repo_ops {
        let names: Vec<&str> = op
            .params
            .iter()
            .filter(|p| !p.declared)
            .map(|p| p.wire_name.as_str())
            .take(2)
            .collect();
        assert_eq!(names, ["namespace", "repo_name"], "{}", op.method_name);
    }
}

#[test]
fn oxen_glob_segment_is_a_wildcard_argument_with_a_warning() {
    let (model, warnings) = oxen();
    let suspicious: Vec<String> = warnings
        .iter()
        .filter(|w| w.kind == WarningKind::SuspiciousPathSegment)
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        suspicious,
        [
            "#/paths/~1api~1repos~1{namespace}~1{repo_name}~1evaluations~1*resource_path/post: \
          operation `create_evaluation`: path segment `*resource_path` in \
          `/api/repos/{namespace}/{repo_name}/evaluations/*resource_path` is not OpenAPI's \
          template syntax; it is read as a wildcard for the rest of the path, the argument \
          `resource_path`, sent with its slashes"
        ]
    );
    let op = find_op(&model, "create_evaluation");
    assert_eq!(op.params.len(), 3);
    assert_eq!(
        op.params[..2],
        [undeclared_param("namespace"), undeclared_param("repo_name")]
    );
    assert_eq!(op.params[2].name, "resource_path");
    assert_eq!(
        op.segments.last().map(|s| &s.pieces),
        Some(&vec![Piece::Wildcard(2)])
    );
}

#[test]
fn oxen_unknown_formats() {
    let (_, warnings) = oxen();
    let unknown: Vec<&codegen::Warning> = warnings
        .iter()
        .filter(|w| w.kind == WarningKind::UnknownFormat)
        .collect();
    for w in &unknown {
        assert_eq!(
            w.message,
            "format `date_time` is not known; typed as its base type `string`"
        );
    }
    let mut pointers: Vec<&str> = unknown.iter().map(|w| w.pointer.as_str()).collect();
    pointers.sort_unstable();
    let base = "#/components/schemas/";
    let expected: Vec<String> = [
        "Checkpoint/properties/created_at",
        "Evaluation/properties/cancelled_at",
        "Evaluation/properties/completed_at",
        "Evaluation/properties/inserted_at",
        "Evaluation/properties/started_at",
        "FineTune/properties/created_at",
        "FineTune/properties/updated_at",
        "FineTuneRun/properties/finished_at",
        "FineTuneRun/properties/inserted_at",
        "FineTuneRun/properties/last_credit_check",
        "FineTuneRun/properties/started_at",
        "FineTuneRun/properties/updated_at",
    ]
    .iter()
    .map(|p| format!("{base}{p}/format"))
    .collect();
    assert_eq!(pointers, expected);
}

#[test]
fn undeclared_fixture_warnings() {
    let (model, warnings) = model_of(&common::fixture("undeclared"));
    let mut rendered: Vec<(WarningKind, String)> =
        warnings.iter().map(|w| (w.kind, w.to_string())).collect();
    rendered.sort();
    assert_eq!(
        rendered,
        [
            (
                WarningKind::UndeclaredPathParameter,
                "#/paths/~1repos~1{owner}~1files~1{path}/get: operation `get_file`: path parameter \
                 `owner` is used in `/repos/{owner}/files/{path}` but not declared; it becomes a \
                 required string argument"
                    .to_string()
            ),
            (
                WarningKind::UndeclaredPathParameter,
                "#/paths/~1repos~1{owner}~1{repo}~1blobs~1*glob/post: operation `match_blobs`: path \
                 parameters `owner`, `repo` are used in `/repos/{owner}/{repo}/blobs/*glob` but not \
                 declared; they become required string arguments"
                    .to_string()
            ),
            (
                WarningKind::SuspiciousPathSegment,
                "#/paths/~1items~1:id/get: operation `get_item`: path segment `:id` in `/items/:id` \
                 looks like a template but is not `{…}`; it is sent literally"
                    .to_string()
            ),
            (
                WarningKind::SuspiciousPathSegment,
                "#/paths/~1repos~1{owner}~1{repo}~1blobs~1*glob/post: operation `match_blobs`: path \
                 segment `*glob` in `/repos/{owner}/{repo}/blobs/*glob` is not OpenAPI's template \
                 syntax; it is read as a wildcard for the rest of the path, the argument `glob`, \
                 sent with its slashes"
                    .to_string()
            ),
        ]
    );
    let params = &find_op(&model, "match_blobs").params;
    assert_eq!(
        params[..2],
        [undeclared_param("owner"), undeclared_param("repo")]
    );
    assert_eq!(params[2].name, "glob");
    assert_eq!(find_op(&model, "get_item").params, []);
}

#[test]
fn declared_path_parameter_missing_from_template_goes_to_the_query() {
    let text = doc(r##"paths:
  /items:
    get:
      operationId: listItems
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        '204': {description: ok}
"##);
    let (model, warnings) = model_of(&text);
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].kind, WarningKind::Unsupported);
    assert_eq!(warnings[0].pointer.as_str(), "#/paths/~1items/get");
    assert_eq!(
        warnings[0].message,
        "`id` is declared `in: path` but `/items` has no `{id}`; it is sent as a query parameter"
    );
    assert_eq!(
        find_op(&model, "list_items").params,
        [param(
            "id",
            "id",
            Location::Query,
            prim(Primitive::String),
            true,
            None,
            true
        )]
    );
}

// ---------------------------------------------------------------------------
// Errors: each names its place, none panics
// ---------------------------------------------------------------------------

fn assert_error(text: &str, pointer: Option<&str>, message: &str) {
    let e = generate_err(text);
    assert_eq!(e.pointer.as_ref().map(Pointer::as_str), pointer, "{e}");
    assert_eq!(e.message, message);
    let line = e.to_string();
    assert!(!line.contains('\n'), "the error is one line: {line:?}");
    match pointer {
        Some(p) => assert_eq!(line, format!("{p}: {message}")),
        None => assert_eq!(line, message),
    }
}

#[test]
fn dangling_schema_ref_names_its_pointer() {
    assert_error(
        &doc(r##"paths: {}
components:
  schemas:
    Pet:
      type: object
      properties:
        owner:
          $ref: '#/components/schemas/Missing'
"##),
        Some("#/components/schemas/Pet/properties/owner"),
        "`$ref: #/components/schemas/Missing` points at nothing (dangling reference)",
    );
}

#[test]
fn dangling_all_of_part_is_the_same_error() {
    assert_error(
        &doc(r##"paths: {}
components:
  schemas:
    Pet:
      allOf:
        - $ref: '#/components/schemas/Missing'
        - {type: object, properties: {name: {type: string}}}
"##),
        Some("#/components/schemas/Pet/allOf/0"),
        "`$ref: #/components/schemas/Missing` points at nothing (dangling reference)",
    );
}

#[test]
fn dangling_refs_in_operations_name_their_pointers() {
    assert_error(
        &doc(r##"paths:
  /a:
    post:
      requestBody:
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/Nope'
      responses:
        '204': {description: ok}
"##),
        Some("#/paths/~1a/post/requestBody/content/application~1json/schema"),
        "`$ref: #/components/schemas/Nope` points at nothing (dangling reference)",
    );
    assert_error(
        &doc(r##"paths:
  /a:
    get:
      parameters:
        - $ref: '#/components/parameters/Nope'
      responses:
        '204': {description: ok}
"##),
        Some("#/paths/~1a/get/parameters/0"),
        "`$ref: #/components/parameters/Nope` points at nothing (dangling reference)",
    );
    assert_error(
        &doc(r##"paths:
  /a:
    get:
      responses:
        '404':
          $ref: '#/components/responses/Nope'
"##),
        Some("#/paths/~1a/get/responses/404"),
        "`$ref: #/components/responses/Nope` points at nothing (dangling reference)",
    );
}

#[test]
fn ref_cycle_through_only_refs_is_an_error() {
    assert_error(
        &doc(r##"paths: {}
components:
  schemas:
    A:
      $ref: '#/components/schemas/B'
    B:
      $ref: '#/components/schemas/A'
"##),
        Some("#/components/schemas/A"),
        "`$ref` cycle through nothing but references: A → B → A",
    );
    assert_error(
        &doc(r##"paths: {}
components:
  schemas:
    Itself:
      $ref: '#/components/schemas/Itself'
"##),
        Some("#/components/schemas/Itself"),
        "`$ref` cycle through nothing but references: Itself → Itself",
    );
}

#[test]
fn parameter_ref_cycle_is_an_error() {
    assert_error(
        &doc(r##"paths:
  /a:
    get:
      parameters:
        - $ref: '#/components/parameters/P'
      responses:
        '204': {description: ok}
components:
  parameters:
    P:
      $ref: '#/components/parameters/Q'
    Q:
      $ref: '#/components/parameters/P'
"##),
        Some("#/paths/~1a/get/parameters/0"),
        "`$ref: #/components/parameters/P` is a cycle of references",
    );
}

#[test]
fn external_ref_is_an_error() {
    assert_error(
        &doc(r##"paths: {}
components:
  schemas:
    A:
      $ref: 'other.yaml#/A'
"##),
        Some("#/components/schemas/A"),
        "`$ref: other.yaml#/A` is in another file, but this document was given as text, with no \
         folder to read it from: generate from the document's path (`codegen::generate_file`)",
    );
}

#[test]
fn swagger_2_is_refused_in_one_line() {
    let message = "this is a Swagger 2.0 document; only OpenAPI 3.0 and 3.1 are supported \
                   (convert it to OpenAPI 3 first)";
    assert_error(
        "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\n",
        None,
        message,
    );
    assert_error(
        r#"{"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {}}"#,
        None,
        message,
    );
}

#[test]
fn unsupported_openapi_versions_are_refused() {
    assert_error(
        "openapi: 2.0.0\ninfo: {title: t, version: '1'}\npaths: {}\n",
        Some("#/openapi"),
        "OpenAPI 2.0.0 is not supported; only 3.0.x, 3.1.x and 3.2.x are",
    );
    assert_error(
        "info: {title: t, version: '1'}\npaths: {}\n",
        None,
        "the document has no `openapi` version field",
    );
}

#[test]
fn missing_paths_is_an_error() {
    assert_error(
        HEAD,
        Some("#"),
        "the document has no `paths`: there is nothing to generate a client from",
    );
}

#[test]
fn missing_info_is_an_error() {
    assert_error(
        "openapi: 3.0.3\npaths: {}\n",
        Some("#"),
        "not a valid OpenAPI construct: missing field `info`",
    );
}

#[test]
fn unclosed_path_template_is_an_error() {
    assert_error(
        &doc("paths:\n  /a/{id:\n    get:\n      responses:\n        '204': {description: ok}\n"),
        Some("#/paths/~1a~1{id/get"),
        "path template `/a/{id` has an unclosed `{`",
    );
}

#[test]
fn bad_text_is_an_error() {
    assert_error(
        "openapi: 3.0.3\ninfo: {title: t\n",
        None,
        "the document is not valid YAML: did not find expected ',' or '}' at line 3 column 1, \
         while parsing a flow mapping at line 2 column 7",
    );
    assert_error(
        "{\"openapi\": ",
        None,
        "the document is not valid JSON: EOF while parsing a value at line 1 column 12",
    );
    let not_object = "the document is not an object: an OpenAPI document is a mapping with \
                      `openapi`, `info` and `paths`";
    assert_error("42\n", None, not_object);
    assert_error("", None, not_object);
    assert_error("- a\n- b\n", None, not_object);
}

#[test]
fn a_key_twice_in_one_mapping_is_an_error() {
    assert_error(
        &doc("paths:\n  /a:\n    get:\n      responses:\n        '204': {description: ok}\n        '204': {description: again}\n"),
        None,
        "the document is not valid YAML: paths./a.get.responses: the key `204` appears \
         twice in one mapping at line 7 column 9",
    );
    assert_error(
        r#"{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {}, "paths": {}}"#,
        None,
        "the document is not valid JSON: the key `paths` appears twice in one mapping at line 1 \
         column 81",
    );
}

// ---------------------------------------------------------------------------
// Generator bugs, kept as failing tests
// ---------------------------------------------------------------------------

/// `OperationBuilder::segments` says "Path parameters come first, in template
/// order, then the rest as declared", but nothing reorders them.
#[test]
fn path_arguments_follow_the_template() {
    let (model, _) = model_of(&common::fixture("undeclared"));
    let wire: Vec<&str> = find_op(&model, "get_file")
        .params
        .iter()
        .map(|p| p.wire_name.as_str())
        .collect();
    assert_eq!(wire, ["owner", "path"]);

    let (model, _) = oxen();
    let wire: Vec<&str> = find_op(&model, "get_evaluation")
        .params
        .iter()
        .map(|p| p.wire_name.as_str())
        .collect();
    assert_eq!(wire, ["namespace", "repo_name", "evaluation_id"]);
}

#[test]
fn operations_take_their_own_servers_else_their_paths_else_none() {
    let (model, _) = model_of(&common::fixture("servers"));
    let urls = |name: &str| -> Vec<String> {
        find_op(&model, name)
            .servers
            .iter()
            .map(|s| s.url.clone())
            .collect()
    };
    assert!(urls("list_things").is_empty());
    assert_eq!(urls("upload_thing"), ["/upload/v2"]);
    assert_eq!(
        urls("replace_upload"),
        [
            "https://eu.files.example.invalid/store",
            "https://backup.example.com/store"
        ]
    );
    let replace = find_op(&model, "replace_upload");
    assert_eq!(replace.servers[0].variables[0].values, ["eu", "us"]);
}

#[test]
fn a_parameter_named_server_does_not_clash_with_the_server_setter() {
    let (model, _) = model_of(
        r#"
openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /x:
    get:
      operationId: getX
      servers: [{url: 'https://x.example.com'}]
      parameters:
        - {name: server, in: query, schema: {type: string}}
      responses:
        '204': {description: ok}
"#,
    );
    assert_eq!(find_op(&model, "get_x").params[0].name, "server_param");
}
