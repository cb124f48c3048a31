//! The rules, one case each: a small document before and after a change
//! (edits of one base document), and the report's items for it. Every rule
//! of `codegen::api::rules::RULES` has a case here (the last test checks),
//! and each case's items are the whole report: nothing else may show.
//!
//! Only models are built (no code is rendered or compiled), so the whole
//! table runs in about a second.

use codegen::api::rules::RULES;
use codegen::api::{compare, describe, Description};

/// A small API that has one of most things a change can touch.
const BASE: &str = r##"
openapi: 3.0.3
info: {title: Pets, version: 1.0.0}
servers: [{url: 'https://api.example.com/v1'}]
security: [{key: []}]
tags: [{name: pets}, {name: shapes}]
components:
  securitySchemes:
    key: {type: apiKey, in: header, name: X-Api-Key}
  schemas:
    Pet:
      type: object
      required: [id, name]
      properties:
        id: {type: integer, format: int64}
        name: {type: string}
        tag: {type: string}
        status: {$ref: '#/components/schemas/Status'}
    NewPet:
      type: object
      required: [name]
      properties:
        name: {type: string}
        tag: {type: string}
    Status: {type: string, enum: [available, sold]}
    Order: {type: string, enum: [asc, desc]}
    Shape:
      oneOf: [{$ref: '#/components/schemas/Circle'}, {$ref: '#/components/schemas/Square'}]
    Circle: {type: object, required: [r], properties: {r: {type: number}}}
    Square: {type: object, required: [side], properties: {side: {type: number}}}
    Error: {type: object, properties: {message: {type: string}}}
    Id: {type: string}
paths:
  /pets:
    get:
      operationId: listPets
      tags: [pets]
      parameters:
        - {name: limit, in: query, schema: {type: integer, format: int32}}
        - {name: order, in: query, schema: {$ref: '#/components/schemas/Order'}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: array, items: {$ref: '#/components/schemas/Pet'}}}}}
        '404': {description: none, content: {application/json: {schema: {$ref: '#/components/schemas/Error'}}}}
    post:
      operationId: createPet
      tags: [pets]
      requestBody: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/NewPet'}}}}
      responses:
        '201': {description: created, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}
  /pets/{id}:
    get:
      operationId: getPet
      tags: [pets]
      parameters:
        - {name: id, in: path, required: true, schema: {type: integer, format: int64}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}
  /pets/{id}/photo:
    post:
      operationId: uploadPhoto
      tags: [pets]
      parameters:
        - {name: id, in: path, required: true, schema: {$ref: '#/components/schemas/Id'}}
      requestBody:
        content:
          multipart/form-data:
            schema: {type: object, required: [file], properties: {file: {type: string, format: binary}}}
      responses:
        '204': {description: stored}
  /shapes:
    get:
      operationId: getShape
      tags: [shapes]
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Shape'}}}}
"##;

/// How a case builds its models.
#[derive(Clone, Copy, Default)]
struct Opts {
    features_by_tag: bool,
    group_by_tag: bool,
}

fn description(text: &str, opts: Opts) -> Description {
    let doc = codegen::load::load_str(text).unwrap_or_else(|e| panic!("load: {e}\n{text}"));
    let options = codegen::model::ModelOptions {
        features_by_tag: opts.features_by_tag,
        group_by_tag: opts.group_by_tag,
        ..Default::default()
    };
    let (model, _) = codegen::model::build(&doc, &options).unwrap_or_else(|e| panic!("model: {e}"));
    let uses = codegen::uses::analyze(&model);
    describe(&model, &uses, "pets-client", "0.3.1")
}

/// `BASE` with each `(find, replace)` applied, each of which must match once.
fn edited(edits: &[(&str, &str)]) -> String {
    let mut text = BASE.to_string();
    for (find, replace) in edits {
        assert_eq!(
            text.matches(find).count(),
            1,
            "edit `{find}` must match once"
        );
        text = text.replacen(find, replace, 1);
    }
    text
}

/// The report's items, `rule: detail`, from `before` to `after`.
fn items(before: &str, after: &str, opts: Opts) -> Vec<String> {
    let old = description(before, opts);
    let new = description(after, opts);
    compare(&old, &new)
        .into_iter()
        .map(|f| format!("{}: {}", f.rule.id, f.detail))
        .collect()
}

/// One case: edits of `BASE` before and after, and the items expected.
struct Case {
    before: &'static [(&'static str, &'static str)],
    after: &'static [(&'static str, &'static str)],
    opts: Opts,
    expect: &'static [&'static str],
}

const NONE: &[(&str, &str)] = &[];
const PLAIN: Opts = Opts {
    features_by_tag: false,
    group_by_tag: false,
};
const BY_TAG: Opts = Opts {
    features_by_tag: true,
    group_by_tag: false,
};
const GROUPED: Opts = Opts {
    features_by_tag: false,
    group_by_tag: true,
};

const LIMIT: &str = "        - {name: limit, in: query, schema: {type: integer, format: int32}}\n";
const GET_PET: &str = "    get:\n      operationId: getPet\n";
const NEW_PET_REQUIRED: &str =
    "      required: [name]\n      properties:\n        name: {type: string}\n        tag";

fn cases() -> Vec<(&'static str, Case)> {
    vec![
        ("operation-removed", Case {
            before: NONE,
            after: &[("  /shapes:\n", "  /shapes-gone:\n"), ("operationId: getShape", "operationId: getShape2")],
            opts: PLAIN,
            expect: &[
                "operation-removed: Client::get_shape() (GET /shapes)",
                "operation-added: Client::get_shape2() (GET /shapes-gone)",
            ],
        }),
        ("operation-renamed", Case {
            before: NONE,
            after: &[("operationId: getPet", "operationId: showPet")],
            opts: PLAIN,
            expect: &["operation-renamed: Client::get_pet → Client::show_pet"],
        }),
        ("operation-http-changed", Case {
            before: NONE,
            after: &[("  /shapes:\n    get:", "  /shapes:\n    put:")],
            opts: PLAIN,
            expect: &["operation-http-changed: Client::get_shape: GET /shapes → PUT /shapes"],
        }),
        ("arguments-reordered", Case {
            before: &[("  /pets/{id}/photo:", "  /pets/{id}/photo/{size}:"), ("schema: {$ref: '#/components/schemas/Id'}}\n", "schema: {$ref: '#/components/schemas/Id'}}\n        - {name: size, in: path, required: true, schema: {type: string}}\n")],
            after: &[("  /pets/{id}/photo:", "  /pets/{size}/photo/{id}:"), ("schema: {$ref: '#/components/schemas/Id'}}\n", "schema: {$ref: '#/components/schemas/Id'}}\n        - {name: size, in: path, required: true, schema: {type: string}}\n")],
            opts: PLAIN,
            expect: &[
                "arguments-reordered: Client::upload_photo(id, size) → Client::upload_photo(size, id)",
                "operation-http-changed: Client::upload_photo: POST /pets/{id}/photo/{size} → POST /pets/{size}/photo/{id}",
            ],
        }),
        ("argument-added", Case {
            before: NONE,
            after: &[(LIMIT, "        - {name: limit, in: query, schema: {type: integer, format: int32}}\n        - {name: owner, in: header, required: true, schema: {type: string}}\n")],
            opts: PLAIN,
            expect: &["argument-added: ListPets::owner: impl Into<String> (header owner)"],
        }),
        ("argument-removed", Case {
            before: &[(LIMIT, "        - {name: limit, in: query, schema: {type: integer, format: int32}}\n        - {name: owner, in: header, required: true, schema: {type: string}}\n")],
            after: NONE,
            opts: PLAIN,
            expect: &["argument-removed: ListPets::owner: impl Into<String>"],
        }),
        ("argument-type-changed", Case {
            before: NONE,
            after: &[("- {name: id, in: path, required: true, schema: {type: integer, format: int64}}", "- {name: id, in: path, required: true, schema: {type: string}}")],
            opts: PLAIN,
            expect: &["argument-type-changed: GetPet::id: i64 → impl Into<String>"],
        }),
        ("parameter-now-required", Case {
            before: NONE,
            after: &[("{name: limit, in: query, schema", "{name: limit, in: query, required: true, schema")],
            opts: PLAIN,
            expect: &["parameter-now-required: ListPets::limit(i32) → argument limit: i32"],
        }),
        ("parameter-now-optional", Case {
            before: &[("{name: limit, in: query, schema", "{name: limit, in: query, required: true, schema")],
            after: NONE,
            opts: PLAIN,
            expect: &["parameter-now-optional: argument limit: i32 → ListPets::limit(i32)"],
        }),
        ("setter-removed", Case {
            before: NONE,
            after: &[(LIMIT, "")],
            opts: PLAIN,
            expect: &["setter-removed: ListPets::limit(i32)"],
        }),
        ("setter-type-changed", Case {
            before: NONE,
            after: &[("{name: limit, in: query, schema: {type: integer, format: int32}}", "{name: limit, in: query, schema: {type: integer, format: int64}}")],
            opts: PLAIN,
            expect: &["setter-type-changed: ListPets::limit(i32) → ListPets::limit(i64)"],
        }),
        ("parameter-wire-changed", Case {
            before: NONE,
            after: &[("{name: limit, in: query,", "{name: limit, in: header,")],
            opts: PLAIN,
            expect: &["parameter-wire-changed: ListPets::limit: query limit → header limit"],
        }),
        ("response-type-changed", Case {
            before: NONE,
            after: &[("'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}\n  /pets/{id}/photo", "'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/NewPet'}}}}\n  /pets/{id}/photo")],
            opts: PLAIN,
            expect: &[
                "response-type-changed: GetPet: Result<ResponseValue<Pet>, Error<GetPetError>> → Result<ResponseValue<NewPet>, Error<GetPetError>>",
            ],
        }),
        ("success-status-removed / success-status-added", Case {
            before: NONE,
            after: &[("'201': {description: created", "'200': {description: created")],
            opts: PLAIN,
            expect: &["success-status-removed: CreatePet: 201 → 200"],
        }),
        ("success-status-added", Case {
            before: NONE,
            after: &[("'201': {description: created, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}", "'201': {description: created, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}\n        '200': {description: created, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}")],
            opts: PLAIN,
            expect: &["success-status-added: CreatePet: 201 → 201 200"],
        }),
        ("error-added", Case {
            before: NONE,
            after: &[("'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Shape'}}}}", "'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Shape'}}}}\n        '429': {description: slow down}")],
            opts: PLAIN,
            expect: &["error-added: GetShapeError::TooManyRequests (429)"],
        }),
        ("error-removed", Case {
            before: NONE,
            after: &[("        '404': {description: none, content: {application/json: {schema: {$ref: '#/components/schemas/Error'}}}}\n", "")],
            opts: PLAIN,
            expect: &["error-removed: ListPetsError::NotFound(ErrorType) (404)"],
        }),
        ("error-type-changed", Case {
            before: NONE,
            after: &[("'404': {description: none, content: {application/json: {schema: {$ref: '#/components/schemas/Error'}}}}", "'404': {description: none, content: {text/plain: {schema: {type: string}}}}")],
            opts: PLAIN,
            expect: &["error-type-changed: ListPetsError::NotFound(ErrorType) → ListPetsError::NotFound(String)"],
        }),
        ("field-added (optional, a request struct) / constructor unchanged", Case {
            before: NONE,
            after: &[("        tag: {type: string}\n    Status", "        tag: {type: string}\n        age: {type: integer}\n    Status")],
            opts: PLAIN,
            expect: &["field-added: NewPet::age: Option<i64> (age)"],
        }),
        ("constructor-changed (a required field of a struct callers build)", Case {
            before: NONE,
            after: &[(NEW_PET_REQUIRED, "      required: [name, tag]\n      properties:\n        name: {type: string}\n        tag")],
            opts: PLAIN,
            expect: &[
                "constructor-changed: NewPet::new(name: impl Into<String>) → NewPet::new(name: impl Into<String>, tag: impl Into<String>)",
                "field-now-required: NewPet::tag: Option<String> → String",
            ],
        }),
        ("field-added (required, a struct callers only read)", Case {
            before: NONE,
            after: &[("      required: [id, name]\n", "      required: [id, name, born]\n"), ("        id: {type: integer, format: int64}\n        name", "        id: {type: integer, format: int64}\n        born: {type: string, format: date}\n        name")],
            opts: PLAIN,
            expect: &["field-added: Pet::born: NaiveDate (born)", "default-removed: Pet: Default"],
        }),
        ("field-removed", Case {
            before: NONE,
            after: &[("        tag: {type: string}\n        status", "        status")],
            opts: PLAIN,
            expect: &["field-removed: Pet::tag: Option<String>"],
        }),
        ("field-now-optional (a response field)", Case {
            before: NONE,
            after: &[("      required: [id, name]\n", "      required: [id]\n")],
            opts: PLAIN,
            expect: &["field-now-optional: Pet::name: String → Option<String>"],
        }),
        ("field-type-changed", Case {
            before: NONE,
            after: &[("        id: {type: integer, format: int64}\n        name", "        id: {type: integer, format: int32}\n        name")],
            opts: PLAIN,
            expect: &["field-type-changed: Pet::id: i64 → i32"],
        }),
        ("field-wire-changed", Case {
            before: NONE,
            after: &[("        tag: {type: string}\n        status", "        Tag: {type: string}\n        status")],
            opts: PLAIN,
            expect: &["field-wire-changed: Pet::tag: tag → Tag"],
        }),
        ("part-added (a multipart struct has no new(..))", Case {
            before: NONE,
            after: &[("properties: {file: {type: string, format: binary}}", "properties: {file: {type: string, format: binary}, note: {type: string}}")],
            opts: PLAIN,
            expect: &["part-added: UploadPhotoMultipart::note: Option<String> (note)"],
        }),
        ("constructor-added / constructor-removed", Case {
            before: NONE,
            after: &[("      parameters:\n        - {name: id, in: path, required: true, schema: {type: integer, format: int64}}\n      responses:\n        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}\n  /pets/{id}/photo", "      parameters:\n        - {name: id, in: path, required: true, schema: {type: integer, format: int64}}\n      requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Circle'}}}}\n      responses:\n        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}\n  /pets/{id}/photo")],
            opts: PLAIN,
            expect: &["setter-added: GetPet::body(Circle) (body application/json)", "constructor-added: Circle::new(r: f64)"],
        }),
        ("constructor-removed", Case {
            before: &[("requestBody: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/NewPet'}}}}", "requestBody: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/Square'}}}}")],
            after: NONE,
            opts: PLAIN,
            expect: &[
                "argument-type-changed: CreatePet::body: Square → NewPet",
                "constructor-added: NewPet::new(name: impl Into<String>)",
                "constructor-removed: Square::new(side: f64)",
            ],
        }),
        ("default-added", Case {
            before: &[("      required: [id, name]\n", "      required: [id, name, born]\n"), ("        id: {type: integer, format: int64}\n        name", "        id: {type: integer, format: int64}\n        born: {type: string, format: date}\n        name")],
            after: &[("      required: [id, name]\n", "      required: [id, name]\n"), ("        id: {type: integer, format: int64}\n        name", "        id: {type: integer, format: int64}\n        born: {type: string, format: date}\n        name")],
            opts: PLAIN,
            expect: &["field-now-optional: Pet::born: NaiveDate → Option<NaiveDate>", "default-added: Pet: Default"],
        }),
        ("enum-value-added (a #[non_exhaustive] enum responses hold)", Case {
            before: NONE,
            after: &[("enum: [available, sold]", "enum: [available, pending, sold]")],
            opts: PLAIN,
            expect: &["enum-value-added: Status::Pending (pending)"],
        }),
        ("enum-value-removed", Case {
            before: NONE,
            after: &[("enum: [available, sold]", "enum: [available]")],
            opts: PLAIN,
            expect: &["enum-value-removed: Status::Sold (sold)"],
        }),
        ("enum-value-wire-changed", Case {
            before: NONE,
            after: &[("enum: [asc, desc]", "enum: [ASC, desc]")],
            opts: PLAIN,
            expect: &["enum-value-wire-changed: Order::Asc: asc → ASC"],
        }),
        ("variant-added-exhaustive (a oneOf responses hold)", Case {
            before: NONE,
            after: &[("{$ref: '#/components/schemas/Square'}]", "{$ref: '#/components/schemas/Square'}, {$ref: '#/components/schemas/Error'}]")],
            opts: PLAIN,
            expect: &["variant-added-exhaustive: Shape::Error(ErrorType)"],
        }),
        ("variant-added (a oneOf only requests hold)", Case {
            before: &[("requestBody: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/NewPet'}}}}", "requestBody: {required: true, content: {application/json: {schema: {oneOf: [{$ref: '#/components/schemas/NewPet'}, {$ref: '#/components/schemas/Circle'}]}}}}")],
            after: &[("requestBody: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/NewPet'}}}}", "requestBody: {required: true, content: {application/json: {schema: {oneOf: [{$ref: '#/components/schemas/NewPet'}, {$ref: '#/components/schemas/Circle'}, {$ref: '#/components/schemas/Square'}]}}}}")],
            opts: PLAIN,
            expect: &["constructor-added: Square::new(side: f64)", "variant-added: CreatePetBody::Square(Square)"],
        }),
        ("variant-removed", Case {
            before: NONE,
            after: &[("oneOf: [{$ref: '#/components/schemas/Circle'}, {$ref: '#/components/schemas/Square'}]", "oneOf: [{$ref: '#/components/schemas/Circle'}, {$ref: '#/components/schemas/Error'}]")],
            opts: PLAIN,
            expect: &["variant-added-exhaustive: Shape::Error(ErrorType)", "variant-removed: Shape::Square(Square)"],
        }),
        ("variant-type-changed", Case {
            before: &[("oneOf: [{$ref: '#/components/schemas/Circle'}, {$ref: '#/components/schemas/Square'}]", "oneOf: [{type: integer, format: int64}, {$ref: '#/components/schemas/Square'}]")],
            after: &[("oneOf: [{$ref: '#/components/schemas/Circle'}, {$ref: '#/components/schemas/Square'}]", "oneOf: [{type: integer, format: int32}, {$ref: '#/components/schemas/Square'}]")],
            opts: PLAIN,
            expect: &["variant-type-changed: Shape::Integer(i64) → Shape::Integer(i32)"],
        }),
        ("union-tagging-changed / variant-wire-changed", Case {
            before: NONE,
            after: &[("{$ref: '#/components/schemas/Square'}]\n", "{$ref: '#/components/schemas/Square'}]\n      discriminator: {propertyName: kind}\n")],
            opts: PLAIN,
            expect: &[
                "union-tagging-changed: Shape: untagged → tagged(kind)",
                "variant-added-exhaustive: Shape::Other(Value) (any other tag)",
                "variant-wire-changed: Shape::Circle:  → Circle",
                "variant-wire-changed: Shape::Square:  → Square",
            ],
        }),
        ("type-added / type-removed", Case {
            before: NONE,
            after: &[("    Id: {type: string}\n", "    Ident: {type: string}\n"), ("schema: {$ref: '#/components/schemas/Id'}}", "schema: {$ref: '#/components/schemas/Ident'}}")],
            opts: PLAIN,
            expect: &[
                "argument-type-changed: UploadPhoto::id: Id → Ident",
                "type-removed: alias Id",
                "type-added: alias Ident",
            ],
        }),
        ("type-kind-changed", Case {
            before: NONE,
            after: &[("    Error: {type: object, properties: {message: {type: string}}}", "    Error: {type: string, enum: [gone, lost]}")],
            opts: PLAIN,
            expect: &["type-kind-changed: struct ErrorType → enum ErrorType"],
        }),
        ("alias-changed", Case {
            before: NONE,
            after: &[("    Id: {type: string}\n", "    Id: {type: integer}\n")],
            opts: PLAIN,
            expect: &["alias-changed: type Id = String → i64"],
        }),
        ("operation-added / setter-added", Case {
            before: NONE,
            after: &[(LIMIT, "        - {name: limit, in: query, schema: {type: integer, format: int32}}\n        - {name: q, in: query, schema: {type: string}}\n"), ("  /shapes:\n", "  /shapes/count:\n    get:\n      operationId: countShapes\n      responses:\n        '200': {description: ok, content: {application/json: {schema: {type: integer}}}}\n  /shapes:\n")],
            opts: PLAIN,
            expect: &[
                "operation-added: Client::count_shapes() (GET /shapes/count)",
                "setter-added: ListPets::q(impl Into<String>) (query q)",
            ],
        }),
        ("method-added / method-removed (credentials, server_url)", Case {
            before: NONE,
            after: &[("    key: {type: apiKey, in: header, name: X-Api-Key}\n", "    token: {type: http, scheme: bearer}\n"), ("security: [{key: []}]", "security: [{token: []}]")],
            opts: PLAIN,
            expect: &[
                "method-removed: Client::with_api_key(token: impl Into<String>)",
                "method-removed: Client::with_api_key_provider(provider: impl CredentialProvider)",
                "method-added: Client::with_bearer_token(token: impl Into<String>) (Authorization: Bearer)",
                "method-added: Client::with_bearer_token_provider(provider: impl CredentialProvider) (Authorization: Bearer)",
                "operation-credentials-narrowed: CreatePet sends api_key → bearer_token",
                "operation-credentials-narrowed: GetPet sends api_key → bearer_token",
                "operation-credentials-narrowed: GetShape sends api_key → bearer_token",
                "operation-credentials-narrowed: ListPets sends api_key → bearer_token",
                "operation-credentials-narrowed: UploadPhoto sends api_key → bearer_token",
            ],
        }),
        ("method-signature-changed (server_url) / server-url-changed", Case {
            before: &[("servers: [{url: 'https://api.example.com/v1'}]", "servers: [{url: 'https://{region}.example.com/v1', variables: {region: {default: eu}}}]")],
            after: &[("servers: [{url: 'https://api.example.com/v1'}]", "servers: [{url: 'https://{zone}.example.com/v1', variables: {zone: {default: eu}}}]")],
            opts: PLAIN,
            expect: &[
                "server-added: https://eu.example.com/v1",
                "server-removed: https://eu.example.com/v1",
                "method-signature-changed: Client::server_url: (region: Option<&str>) → (zone: Option<&str>)",
                "server-url-changed: Client::server_url: https://{region}.example.com/v1 region=eu → https://{zone}.example.com/v1 zone=eu",
            ],
        }),
        ("credential-wire-changed", Case {
            before: NONE,
            after: &[("name: X-Api-Key", "name: X-Key")],
            opts: PLAIN,
            expect: &[
                "credential-wire-changed: Client::with_api_key: header X-Api-Key → header X-Key",
                "credential-wire-changed: Client::with_api_key_provider: header X-Api-Key → header X-Key",
            ],
        }),
        ("operation-credentials-widened", Case {
            before: NONE,
            after: &[("    key: {type: apiKey, in: header, name: X-Api-Key}\n", "    key: {type: apiKey, in: header, name: X-Api-Key}\n    token: {type: http, scheme: bearer}\n"), (GET_PET, "    get:\n      operationId: getPet\n      security: [{key: []}, {token: []}]\n")],
            opts: PLAIN,
            expect: &[
                "method-added: Client::with_bearer_token(token: impl Into<String>) (Authorization: Bearer)",
                "method-added: Client::with_bearer_token_provider(provider: impl CredentialProvider) (Authorization: Bearer)",
                "operation-credentials-widened: GetPet sends api_key → api_key | bearer_token",
            ],
        }),
        ("default-server-changed", Case {
            before: NONE,
            after: &[("https://api.example.com/v1", "https://api.example.com/v2")],
            opts: PLAIN,
            expect: &[
                "default-server-changed: Client::new(): https://api.example.com/v1 → https://api.example.com/v2",
                "server-added: https://api.example.com/v2",
                "server-removed: https://api.example.com/v1",
            ],
        }),
        ("feature-added / operation-feature-changed / feature-removed", Case {
            before: NONE,
            after: &[("operationId: getShape\n      tags: [shapes]", "operationId: getShape\n      tags: [geometry]")],
            opts: BY_TAG,
            expect: &[
                "feature-removed: feature \"shapes\"",
                "feature-added: feature \"geometry\"",
                "operation-feature-changed: GetShape: #[cfg(feature = \"shapes\")] → #[cfg(feature = \"geometry\")]",
            ],
        }),
        ("operation-ungated", Case {
            before: NONE,
            after: &[("operationId: getShape\n      tags: [shapes]", "operationId: getShape")],
            opts: BY_TAG,
            expect: &[
                "feature-removed: feature \"shapes\"",
                "operation-ungated: GetShape: no longer #[cfg(feature = \"shapes\")]",
            ],
        }),
        ("a group's method (group-by-tag): method-added", Case {
            before: NONE,
            after: &[("operationId: getShape\n      tags: [shapes]", "operationId: getShape\n      tags: [figures]")],
            opts: GROUPED,
            expect: &[
                "operation-renamed: Client::shapes().get_shape → Client::figures().get_shape",
                "method-removed: Client::shapes() -> ShapesApi",
                "method-added: Client::figures() -> FiguresApi (figures)",
            ],
        }),
        ("deprecated / undeprecated", Case {
            before: &[("operationId: getShape\n", "operationId: getShape\n      deprecated: true\n")],
            after: &[("        tag: {type: string}\n        status", "        tag: {type: string, deprecated: true}\n        status")],
            opts: PLAIN,
            expect: &["undeprecated: GetShape", "deprecated: #[deprecated] Pet::tag"],
        }),
    ]
}

#[test]
fn each_change_is_judged_by_its_rule() {
    let mut failures = Vec::new();
    for (name, case) in cases() {
        let mut got = items(&edited(case.before), &edited(case.after), case.opts);
        let mut expect: Vec<String> = case.expect.iter().map(|s| s.to_string()).collect();
        got.sort();
        expect.sort();
        if got != expect {
            failures.push(format!("{name}:\n  expected {expect:#?}\n  got {got:#?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Rules no document change can make: the generator's own decisions
/// (which enums are `#[non_exhaustive]`), and items whose documents would
/// be long (an outcome enum, a stream's method, pages), as description pairs.
#[test]
fn description_pairs_are_judged_by_their_rules() {
    let head = "# @generated\n# api 1: pets-client 0.3.1\n";
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "enum Status open read\nvalue Status::A // a\n",
            "enum Status open read\nnon-exhaustive Status\nvalue Status::A // a\n",
            &["non-exhaustive-added: #[non_exhaustive] Status"],
        ),
        (
            "errors E read\nnon-exhaustive E\nerror E::NotFound // 404\n",
            "errors E read\nerror E::NotFound // 404\nerror E::Gone // 410\n",
            &["error-added-exhaustive: E::Gone (410)", "non-exhaustive-removed: E"],
        ),
        (
            "enum Status open read\nvalue Status::A // a\n",
            "enum Status open read\nvalue Status::A // a\nvalue Status::B // b\n",
            &["enum-value-added-exhaustive: Status::B (b)"],
        ),
        (
            "op A Client::a() // GET /a\nsends A // api_key\nop B Client::b() // GET /b\nsends B // api_key\n",
            "op A Client::a() // GET /a\nsends A // none\nop B Client::b() // GET /b\nsends B // every credential set\n",
            &[
                "operation-credentials-widened: A sends api_key → none",
                "operation-credentials-widened: B sends api_key → every credential set",
            ],
        ),
        (
            "errors E read\nerror E::NotFound // 404\n",
            "errors E read\nerror E::NotFound // 410\n",
            &["error-status-changed: E::NotFound: 404 → 410"],
        ),
        (
            "op A Client::a() // GET /a\nstream A Client::a_stream(body) -> EventStream<Chunk>\npages A Item\nwait A // status in done\n",
            "op A Client::a() // GET /a\nstream A Client::a_stream(body) -> EventStream<Delta>\n",
            &[
                "method-removed: A::pages(), items(): Item",
                "method-signature-changed: A: Client::a_stream(body) -> EventStream<Chunk> → Client::a_stream(body) -> EventStream<Delta>",
                "method-removed: A::wait()",
            ],
        ),
    ];
    for (before, after, expect) in cases {
        let old = Description::parse(&format!("{head}{before}")).unwrap();
        let new = Description::parse(&format!("{head}{after}")).unwrap();
        let mut got: Vec<String> = compare(&old, &new)
            .into_iter()
            .map(|f| format!("{}: {}", f.rule.id, f.detail))
            .collect();
        let mut expect: Vec<String> = expect.iter().map(|s| s.to_string()).collect();
        got.sort();
        expect.sort();
        assert_eq!(got, expect, "{before} → {after}");
    }
}

/// Every rule of the table has a case above.
#[test]
fn every_rule_has_a_case() {
    let mut seen: Vec<String> = Vec::new();
    for (_, case) in cases() {
        seen.extend(
            case.expect
                .iter()
                .map(|e| e.split(':').next().unwrap_or("").to_string()),
        );
    }
    let source = include_str!("api_changes.rs");
    let missing: Vec<&str> = RULES
        .iter()
        .map(|r| r.id)
        .filter(|id| !seen.iter().any(|s| s == id) && !source.contains(&format!("\"{id}: ")))
        .collect();
    assert!(missing.is_empty(), "rules without a case: {missing:?}");
    assert!(RULES.len() >= 25);
}

/// The README's table is the rules table.
#[test]
fn the_readme_lists_every_rule() {
    let readme = include_str!("../../README.md");
    let table = codegen::api::rules::markdown_table();
    assert!(
        readme.contains(&table),
        "README.md's rules table is not current; it should read:\n{table}"
    );
}

/// A real update, Adyen's Checkout API v70 → v71 (`../shared/versions/`),
/// as the README reports it: every item was checked by hand against the two
/// documents. Skipped where the shared documents are not beside the repository.
#[test]
fn adyen_checkout_v70_to_v71() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/versions");
    let read = |name: &str| std::fs::read_to_string(format!("{dir}/{name}")).ok();
    let (Some(v70), Some(v71)) = (
        read("adyen-checkout-v70.json"),
        read("adyen-checkout-v71.json"),
    ) else {
        eprintln!("skipped: no {dir}");
        return;
    };
    let findings = compare(&description(&v70, PLAIN), &description(&v71, PLAIN));
    let count = |id: &str| findings.iter().filter(|f| f.rule.id == id).count();
    let counted = [
        ("default-server-changed", 1),
        ("type-removed", 1),
        ("field-removed", 33),
        ("field-type-changed", 2),
        ("server-added", 1),
        ("server-removed", 1),
        ("field-added", 1),
    ];
    for (id, n) in counted {
        assert_eq!(count(id), n, "{id}");
    }
    assert_eq!(findings.len(), 40);
    assert!(findings
        .iter()
        .any(|f| f.detail
            == "PaymentLinkRequest::expires_at: Option<String> → Option<DateTime<Utc>>"));
}
