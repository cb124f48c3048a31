//! Helpers shared by the integration tests: the fixtures, the Oxen document,
//! and the options every test generates with.

// Each test crate uses a different subset of these helpers.
#![allow(dead_code)]

use codegen::model::{Model, Operation, TypeDef};
use codegen::{Generated, Options, Warning};

/// The small documents under `tests/fixtures/`, by file stem.
pub const FIXTURES: &[&str] = &[
    "seed",
    "petstore",
    "naming",
    "undeclared",
    "all_of",
    "additional_properties",
    "annotations",
    "arrays",
    "collisions",
    "discriminator",
    "discriminator_aliases",
    "enums",
    "fallbacks",
    "formats",
    "grouped_tags",
    "grouped_synthesized_names",
    "features_by_tag",
    "nullable",
    "recursion",
    "unions",
    "inheritance",
    "parameters",
    "security",
    "security_unspecified",
    "operation_ids",
    "per_request",
    "idempotency",
    "bodies",
    "responses",
    "servers",
    "servers_relative",
    "shared_types",
    "refs_anywhere",
    "lenient",
    "reserved_names",
    "no_operations",
    "streams",
    "pagination",
    "synthesized_names",
];

/// The documents split over several files under `tests/fixtures/<name>/`,
/// each generated from its `openapi.yaml`.
pub const FOLDER_FIXTURES: &[&str] = &["multi_file"];

/// The Oxen hub document, relative to the workspace root.
pub const OXEN_SPEC: &str = "spec/oxen_hub_api.yaml";

/// The JSON original of the Oxen document, shared by every checkout.
pub const OXEN_JSON: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../shared/specs/oxen_hub_api-0.243.1.json"
);

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

/// The text of `tests/fixtures/<name>.yaml`.
pub fn fixture(name: &str) -> String {
    read(&format!(
        "{}/tests/fixtures/{name}.yaml",
        env!("CARGO_MANIFEST_DIR")
    ))
}

/// The text of the Oxen hub document in `spec/`.
pub fn oxen() -> String {
    read(&format!("{}/../{OXEN_SPEC}", env!("CARGO_MANIFEST_DIR")))
}

/// Options that name the document as the xtask would, so headers are stable.
pub fn options(spec_name: &str) -> Options {
    Options {
        spec_name: spec_name.to_string(),
        command: "cargo xtask codegen".to_string(),
        ..Options::default()
    }
}

/// The Oxen hub's config file, relative to the workspace root.
pub const OXEN_CONFIG: &str = "spec/codegen.toml";

/// Options for the Oxen hub document as `cargo xtask codegen` makes them:
/// with its config file and the overlays that lists.
pub fn oxen_options() -> Options {
    let path = format!("{}/../{OXEN_CONFIG}", env!("CARGO_MANIFEST_DIR"));
    codegen::config::Config::read(std::path::Path::new(&path), OXEN_CONFIG)
        .and_then(|config| config.options(options(OXEN_SPEC)))
        .unwrap_or_else(|e| panic!("{e}"))
}

/// Options for a fixture, with its config (`tests/fixtures/<name>.codegen.toml`)
/// when it has one. `grouped_*` fixtures are generated with operations grouped
/// by tag, `features_*` with a cargo feature per tag.
pub fn fixture_options(name: &str) -> Options {
    let options = Options {
        group_by_tag: name.starts_with("grouped_"),
        features_by_tag: name.starts_with("features_"),
        ..options(&format!("codegen/tests/fixtures/{name}.yaml"))
    };
    let config = format!(
        "{}/tests/fixtures/{name}.codegen.toml",
        env!("CARGO_MANIFEST_DIR")
    );
    if !std::path::Path::new(&config).is_file() {
        return options;
    }
    let file = format!("codegen/tests/fixtures/{name}.codegen.toml");
    codegen::config::Config::read(std::path::Path::new(&config), &file)
        .and_then(|c| c.options(options))
        .unwrap_or_else(|e| panic!("{e}"))
}

/// The path of `tests/fixtures/<name>/openapi.yaml`.
pub fn folder_fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .join("openapi.yaml")
}

/// Generates a folder fixture from its path, with the options the fixture
/// clients use, failing the test with the error's message.
pub fn generate_folder(name: &str) -> (Generated, Options) {
    let options = options(&format!("codegen/tests/fixtures/{name}/openapi.yaml"));
    let generated = codegen::generate_file(&folder_fixture(name), &options)
        .unwrap_or_else(|e| panic!("generation failed: {e}"));
    (generated, options)
}

/// Runs the whole pipeline on a text, failing the test with the error's message.
/// A generated file's text (`src/lib.rs`); panics when there is none.
pub fn file<'g>(generated: &'g Generated, path: &str) -> &'g str {
    generated
        .files
        .iter()
        .find(|f| f.path == path)
        .map(|f| f.contents.as_str())
        .unwrap_or_else(|| panic!("no {path} was generated"))
}

pub fn generate(text: &str, options: &Options) -> Generated {
    codegen::generate(text, options).unwrap_or_else(|e| panic!("generation failed: {e}"))
}

/// Loads a text and builds its model.
pub fn model_of(text: &str) -> (Model, Vec<Warning>) {
    let doc = codegen::load::load_str(text).unwrap_or_else(|e| panic!("load failed: {e}"));
    codegen::model::build(&doc, &Default::default()).unwrap_or_else(|e| panic!("model failed: {e}"))
}

/// The error a text fails with, from the whole pipeline; a panic fails the test
/// with a message that says so.
pub fn generate_err(text: &str) -> codegen::Error {
    let outcome = std::panic::catch_unwind(|| codegen::generate(text, &Options::default()));
    match outcome {
        Ok(Ok(g)) => panic!(
            "expected an error, but generation succeeded with {} file(s)",
            g.files.len()
        ),
        Ok(Err(e)) => e,
        Err(_) => panic!("the generator panicked instead of returning an error"),
    }
}

/// A type of the model, failing the test if there is none of that name.
pub fn find_type<'m>(model: &'m Model, name: &str) -> &'m TypeDef {
    model.find_type(name).unwrap_or_else(|| {
        let names: Vec<&str> = model.types.iter().map(|t| t.name.as_str()).collect();
        panic!("no type `{name}`; the types are {names:?}")
    })
}

/// An operation of the model by method name, failing the test if there is none.
pub fn find_op<'m>(model: &'m Model, method_name: &str) -> &'m Operation {
    model.find_operation(method_name).unwrap_or_else(|| {
        let names: Vec<&str> = model
            .operations
            .iter()
            .map(|o| o.method_name.as_str())
            .collect();
        panic!("no operation `{method_name}`; the operations are {names:?}")
    })
}

/// Warnings sorted and rendered one a line, as `pointer: message`.
pub fn render_warnings(warnings: &[Warning]) -> String {
    let mut lines: Vec<String> = warnings.iter().map(ToString::to_string).collect();
    lines.sort();
    lines.join("\n")
}
