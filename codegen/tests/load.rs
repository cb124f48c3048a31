//! The load stage as the later stages and the user see it: `$ref`s to any
//! JSON pointer and to other files become components, and every warning and
//! error names the place the user wrote.

mod common;

use codegen::{Pointer, WarningKind};
use common::{find_type, generate_err, model_of};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

fn doc(rest: &str) -> String {
    format!("openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\n{rest}")
}

/// Loads `files` (path → text) from memory, the first being the document.
fn load_files(files: &[(&str, &str)]) -> Result<codegen::load::Document, codegen::Error> {
    let table: HashMap<PathBuf, String> = files
        .iter()
        .map(|(p, t)| (PathBuf::from(p), t.to_string()))
        .collect();
    let read = |p: &Path| {
        table.get(p).cloned().ok_or_else(|| {
            std::io::Error::new(std::io::ErrorKind::NotFound, "no such file in the test")
        })
    };
    codegen::load::load_path_with(Path::new(files[0].0), &read)
}

fn refs_in(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            if let Some(serde_json::Value::String(r)) = map.get("$ref") {
                out.push(r.clone());
            }
            map.values().for_each(|v| refs_in(v, out));
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| refs_in(v, out)),
        _ => {}
    }
}

#[test]
fn every_ref_names_a_component_after_loading() {
    let doc = codegen::load::load_str(&common::fixture("refs_anywhere")).unwrap();
    let mut refs = Vec::new();
    refs_in(&doc.raw, &mut refs);
    assert!(refs.len() > 15, "{refs:?}");
    for r in &refs {
        let pointer = Pointer::from_ref(r).unwrap();
        let tokens: Vec<String> = pointer.tokens().collect();
        assert!(
            tokens.len() == 3 && tokens[0] == "components",
            "{r} is not a component"
        );
        assert!(
            doc.raw.pointer(pointer.json_pointer()).is_some(),
            "{r} dangles"
        );
    }
    let schemas = doc.api.components.as_ref().unwrap();
    for name in [
        "Toy",
        "Walker",
        "PetName",
        "SizeItem",
        "LabelledAllOf1",
        "GetPet404Response",
    ] {
        assert!(schemas.schemas.contains_key(name), "no schema {name}");
    }
    for name in ["GetPetPetId", "GetPetXTrace"] {
        assert!(schemas.parameters.contains_key(name), "no parameter {name}");
    }
    assert!(schemas.responses.contains_key("GetPet404Response"));
    assert!(schemas
        .headers
        .contains_key("GetPet200ResponseXRateRemaining"));
    assert!(schemas.request_bodies.contains_key("ReplaceToysRequest"));
}

#[test]
fn warnings_in_a_moved_schema_name_where_it_was_written() {
    let text = doc(r##"paths:
  /a:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  when: {type: string, format: stardate}
  /b:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                $ref: '#/paths/~1a/get/responses/200/content/application~1json/schema'
"##);
    let (model, warnings) = model_of(&text);
    let generated = common::generate(&text, &codegen::Options::default());
    assert_eq!(generated.warnings.len(), 1, "{warnings:?}");
    assert_eq!(
        generated.warnings[0].pointer.as_str(),
        "#/paths/~1a/get/responses/200/content/application~1json/schema/properties/when/format"
    );
    // One type, for both operations.
    find_type(&model, "GetA200Response");
    assert_eq!(
        model
            .types
            .iter()
            .filter(|t| t.name.contains("200"))
            .count(),
        1
    );
}

#[test]
fn errors_in_a_moved_object_name_where_it_was_written() {
    let e = generate_err(&doc(r##"paths:
  /a:
    get:
      parameters:
        - {name: q, in: nowhere, schema: {type: string}}
      responses: {'204': {description: ok}}
  /b:
    get:
      parameters:
        - $ref: '#/paths/~1a/get/parameters/0'
      responses: {'204': {description: ok}}
"##));
    assert_eq!(
        e.pointer.as_ref().map(Pointer::as_str),
        Some("#/paths/~1a/get/parameters/0"),
        "{e}"
    );
}

#[test]
fn refs_that_cannot_be_followed_are_errors_at_the_ref() {
    let cases = [
        (
            doc(r##"paths:
  /a:
    get:
      parameters: [{$ref: '#/paths/~1nope/get/parameters/0'}]
      responses: {'204': {description: ok}}
"##),
            "#/paths/~1a/get/parameters/0",
            "`$ref: #/paths/~1nope/get/parameters/0` points at nothing (dangling reference)",
        ),
        (
            doc(r##"paths: {}
x-a: {$ref: '#/x-b'}
x-b: {$ref: '#/x-a'}
components:
  schemas:
    A: {$ref: '#/x-a'}
"##),
            "#/components/schemas/A",
            "`$ref: #/x-a` is a cycle of references",
        ),
        (
            doc(r##"paths: {}
components:
  schemas:
    A: {type: object, properties: {t: {$ref: '#/info/title'}}}
"##),
            "#/components/schemas/A/properties/t",
            "`$ref: #/info/title` points at \"t\", which is not an object",
        ),
        (
            doc(r##"paths: {}
components:
  schemas:
    A: {$ref: '#Anchor'}
"##),
            "#/components/schemas/A",
            "`$ref: #Anchor` names `#Anchor`, a plain-name fragment (an `$anchor`); only JSON pointers (`#/…`) are supported",
        ),
    ];
    for (text, pointer, message) in cases {
        let e = generate_err(&text);
        assert_eq!(
            e.pointer.as_ref().map(Pointer::as_str),
            Some(pointer),
            "{e}"
        );
        assert_eq!(e.message, message);
    }
}

#[test]
fn a_taken_name_is_numbered_with_a_warning() {
    let text = doc(r##"paths: {}
components:
  schemas:
    PetOwner: {type: string}
    Pet:
      type: object
      properties:
        owner: {type: object, properties: {name: {type: string}}}
    Walk:
      type: object
      properties:
        who: {$ref: '#/components/schemas/Pet/properties/owner'}
"##);
    let (model, _) = model_of(&text);
    find_type(&model, "PetOwner2");
    let generated = common::generate(&text, &codegen::Options::default());
    let renamed: Vec<String> = generated
        .warnings
        .iter()
        .filter(|w| w.kind == WarningKind::Renamed)
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        renamed,
        ["#/components/schemas/Pet/properties/owner: moved to `#/components/schemas/PetOwner2`, since `PetOwner` is taken there"]
    );
}

#[test]
fn path_items_are_copied_where_they_are_referred_to() {
    let text = doc(r##"paths:
  /a:
    get:
      responses: {'204': {description: ok}}
  /b:
    $ref: '#/paths/~1a'
  /c:
    $ref: '#/components/pathItems/C'
components:
  pathItems:
    C:
      delete:
        responses: {'204': {description: ok}}
"##);
    let (model, _) = model_of(&text);
    let mut ops: Vec<&str> = model
        .operations
        .iter()
        .map(|o| o.method_name.as_str())
        .collect();
    ops.sort();
    assert_eq!(ops, ["delete_c", "get_a", "get_b"]);
}

const ROOT: &str = r##"openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /pets:
    $ref: paths/pets.yaml
components:
  schemas:
    Animal:
      oneOf:
        - $ref: 'schemas/pets.yaml#/Dog'
        - $ref: 'schemas/pets.yaml#/Cat'
      discriminator:
        propertyName: kind
        mapping:
          dog: 'schemas/pets.yaml#/Dog'
          cat: 'schemas/pets.yaml#/Cat'
"##;

const PATHS: &str = r##"get:
  operationId: listPets
  responses:
    '200':
      description: ok
      content:
        application/json:
          schema:
            type: array
            items: {$ref: '../openapi.yaml#/components/schemas/Animal'}
"##;

const PETS: &str = r##"Dog:
  type: object
  required: [kind]
  properties:
    kind: {type: string}
    friend: {$ref: '#/Cat'}
Cat:
  type: object
  required: [kind]
  properties:
    kind: {type: string}
    enemy: {$ref: '#/Dog'}
    age: {type: integer, format: cat-years}
"##;

#[test]
fn files_are_bundled_with_their_own_names_and_cycles() {
    let doc = load_files(&[
        ("/spec/openapi.yaml", ROOT),
        ("/spec/paths/pets.yaml", PATHS),
        ("/spec/schemas/pets.yaml", PETS),
    ])
    .unwrap();
    assert_eq!(
        doc.files,
        [
            PathBuf::from("/spec/openapi.yaml"),
            PathBuf::from("/spec/paths/pets.yaml"),
            PathBuf::from("/spec/schemas/pets.yaml"),
        ]
    );
    let mapping = &doc.raw["components"]["schemas"]["Animal"]["discriminator"]["mapping"];
    assert_eq!(
        mapping,
        &serde_json::json!({"dog": "#/components/schemas/Dog", "cat": "#/components/schemas/Cat"})
    );
    let (model, warnings) = codegen::model::build(&doc, &Default::default()).unwrap();
    for name in ["Animal", "Dog", "Cat"] {
        find_type(&model, name);
    }
    let warnings: Vec<String> = warnings
        .into_iter()
        .map(|w| doc.locate_warning(w).to_string())
        .collect();
    assert_eq!(
        warnings,
        ["schemas/pets.yaml#/Cat/properties/age/format: format `cat-years` is not known; typed as its base type `integer`"]
    );
}

#[test]
fn an_error_in_another_file_names_the_file_and_the_pointer() {
    let e = load_files(&[
        ("/spec/openapi.yaml", ROOT),
        ("/spec/paths/pets.yaml", PATHS),
        (
            "/spec/schemas/pets.yaml",
            &PETS.replace("'#/Cat'", "'#/Cow'"),
        ),
    ])
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "schemas/pets.yaml#/Dog/properties/friend: `$ref: #/Cow` points at nothing (dangling reference)"
    );
    let e = load_files(&[
        ("/spec/openapi.yaml", ROOT),
        ("/spec/paths/pets.yaml", PATHS),
    ])
    .unwrap_err();
    assert!(
        e.to_string().starts_with(
            "#/components/schemas/Animal/oneOf/0: `$ref: schemas/pets.yaml#/Dog` names schemas/pets.yaml, which cannot be read"
        ),
        "{e}"
    );
    let e = load_files(&[
        ("/spec/openapi.yaml", ROOT),
        ("/spec/paths/pets.yaml", "get: ["),
    ])
    .unwrap_err();
    assert!(
        e.to_string().starts_with(
            "#/paths/~1pets: `$ref: paths/pets.yaml` names paths/pets.yaml, which is not valid YAML"
        ),
        "{e}"
    );
}

#[test]
fn a_document_over_several_files_generates_the_same_twice() {
    let (first, _) = common::generate_folder("multi_file");
    let (second, _) = common::generate_folder("multi_file");
    assert_eq!(first.files, second.files);
    assert_eq!(first.inputs.len(), 5);
    assert!(first.inputs.iter().all(|p| p.is_absolute() && p.is_file()));
}

#[test]
fn components_of_another_full_document_keep_their_names() {
    let root = r##"openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /a:
    get:
      parameters: [{$ref: '../shared/errors.yaml#/components/parameters/Trace'}]
      responses:
        '200': {description: ok}
        '404': {$ref: '../shared/errors.yaml#/components/responses/NotFound'}
components:
  schemas:
    NotFound: {type: string}
"##;
    let errors = r##"openapi: 3.0.3
info: {title: errors, version: '1'}
paths: {}
components:
  parameters:
    Trace: {name: X-Trace, in: header, schema: {type: string}}
  responses:
    NotFound:
      description: gone
      content:
        application/json:
          schema: {$ref: '#/components/schemas/NotFound'}
  schemas:
    NotFound:
      type: object
      properties: {message: {type: string}}
"##;
    let doc = load_files(&[
        ("/api/v1/openapi.yaml", root),
        ("/api/shared/errors.yaml", errors),
    ])
    .unwrap();
    let components = &doc.raw["components"];
    assert_eq!(
        components["parameters"]["Trace"]["name"],
        serde_json::json!("X-Trace")
    );
    // The other file's schema `NotFound` meets the document's own: numbered.
    assert_eq!(
        components["responses"]["NotFound"]["content"]["application/json"]["schema"],
        serde_json::json!({"$ref": "#/components/schemas/NotFound2"})
    );
    let renamed: Vec<String> = doc.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        renamed,
        ["../shared/errors.yaml#/components/schemas/NotFound: moved to `#/components/schemas/NotFound2`, since `NotFound` is taken there"]
    );
    assert_eq!(doc.files.len(), 2);
}

#[test]
fn a_ref_to_an_object_of_another_kind_is_left_for_the_model_to_refuse() {
    let e = generate_err(&doc(r##"paths:
  /a:
    get:
      parameters: [{$ref: '#/components/schemas/NotAParameter'}]
      responses: {'204': {description: ok}}
components:
  schemas:
    NotAParameter: {type: string}
"##));
    assert_eq!(
        e.pointer.as_ref().map(Pointer::as_str),
        Some("#/paths/~1a/get/parameters/0"),
        "{e}"
    );
    assert!(
        e.message.contains("does not point at a valid parameter"),
        "{e}"
    );
}
