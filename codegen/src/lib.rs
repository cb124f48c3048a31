//! Generates typed async Rust clients from OpenAPI documents.
//!
//! The pipeline has four stages, each its own module:
//!
//! 1. [`load`]: YAML or JSON text → a normalized OpenAPI 3.0 document;
//! 2. [`model`]: the document → plain data with every `$ref` resolved and
//!    every type and operation named ([`model::Model`]);
//! 3. [`emit`]: the model → token streams (`quote`);
//! 4. [`render`]: token streams → formatted source files (`prettyplease`).
//!
//! [`generate`] runs all four on a document's text, [`generate_file`] on a
//! document that may be split over several files. Between model and emit,
//! [`uses`] works out once what the client uses (formats, runtime parts,
//! crates, imports).

pub mod api;
pub mod config;
pub mod diag;
pub mod emit;
pub mod load;
pub mod model;
pub mod naming;
pub mod overlay;
pub mod render;
mod templates;
mod threads;
pub mod uses;

pub use diag::{Error, Pointer, Warning, WarningKind};

use rayon::prelude::*;

/// How to generate.
#[derive(Debug, Clone)]
pub struct Options {
    /// The document's path as the header of every file names it (`spec/api.yaml`).
    pub spec_name: String,
    /// The command that regenerates the output, for the header.
    pub command: String,
    /// The package name for a new crate's `Cargo.toml`.
    pub crate_name: Option<String>,
    /// Operations with a tag become methods of a group per tag
    /// (`client.pets().list_pets()`) rather than of the client itself.
    pub group_by_tag: bool,
    /// Each tag's operations, and the types only they reach, behind a cargo
    /// feature of the generated crate (named after the tag; `default` has all).
    pub features_by_tag: bool,
    /// Each path resource's operations behind a cargo feature instead (for
    /// documents that tag nothing), named after the resource.
    pub features_by_path: bool,
    /// The config file as the header names it (`spec/codegen.toml`), if any.
    pub config_name: Option<String>,
    /// Overlays applied to the document, in order, before anything else reads it.
    pub overlays: Vec<overlay::Overlay>,
    /// What the config declares about operations: renames (applied), and
    /// pagination, jobs and event streams (checked against the document).
    pub operations: config::Operations,
}

impl Options {
    /// What the model stage is asked to do.
    pub fn model_options(&self) -> model::ModelOptions {
        model::ModelOptions {
            group_by_tag: self.group_by_tag,
            features_by_tag: self.features_by_tag,
            features_by_path: self.features_by_path,
            operations: self.operations.clone(),
        }
    }
}

impl Default for Options {
    fn default() -> Self {
        Options {
            spec_name: "the OpenAPI document".into(),
            command: "cargo xtask codegen".into(),
            crate_name: None,
            group_by_tag: false,
            features_by_tag: false,
            features_by_path: false,
            config_name: None,
            overlays: Vec::new(),
            operations: config::Operations::default(),
        }
    }
}

/// One generated file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// The path inside the crate (`src/lib.rs`).
    pub path: String,
    pub contents: String,
}

/// The output of a run: the source files, what `Cargo.toml` needs, and the warnings.
#[derive(Debug, Clone)]
pub struct Generated {
    pub files: Vec<GeneratedFile>,
    pub type_count: usize,
    pub operation_count: usize,
    pub manifest: Manifest,
    /// What the client uses, as [`uses::analyze`] worked it out.
    pub uses: uses::Uses,
    /// The crate's public API, which `api.txt` holds ([`api`]).
    pub api: api::Description,
    pub warnings: Vec<Warning>,
    /// Every file read, the document first ([`generate_file`]); empty when
    /// generated from text.
    pub inputs: Vec<std::path::PathBuf>,
}

impl Generated {
    /// The header of the generated files: [`header`], naming the other files read too.
    pub fn header(&self, options: &Options, comment: &str) -> String {
        header_reading(options, &self.inputs, comment)
    }
}

/// What the generated crate's `Cargo.toml` must hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Manifest {
    pub package_name: String,
    pub version: String,
    pub description: String,
    /// `(crate, TOML inline value)`, sorted by crate.
    pub dependencies: Vec<(String, String)>,
    /// `(feature, what it enables)`, `default` first.
    pub features: Vec<(String, Vec<String>)>,
}

impl Manifest {
    /// The `[dependencies]` table, as TOML.
    pub fn dependencies_toml(&self) -> String {
        let mut out = String::from("[dependencies]\n");
        for (name, value) in &self.dependencies {
            out.push_str(&format!("{name} = {value}\n"));
        }
        out
    }

    /// The `[features]` table, as TOML.
    pub fn features_toml(&self) -> String {
        let mut out = String::from("[features]\n");
        for (name, enables) in &self.features {
            let enables: Vec<String> = enables.iter().map(|e| format!("{e:?}")).collect();
            out.push_str(&format!("{name} = [{}]\n", enables.join(", ")));
        }
        out
    }

    /// A whole `Cargo.toml` for a new crate.
    pub fn to_toml(&self, header: &str) -> String {
        let quote = |s: &str| serde_json::to_string(s).unwrap_or_else(|_| String::from("\"\""));
        format!(
            "{header}\n[package]\nname = {}\nversion = {}\ndescription = {}\nedition = \"2021\"\npublish = false\n\n[lib]\npath = \"src/lib.rs\"\n\n{}\n{}",
            quote(&self.package_name),
            quote(&self.version),
            quote(&self.description),
            self.dependencies_toml(),
            self.features_toml()
        )
    }
}

/// The header comment of every generated file: the command, the document,
/// and the config and overlays it was generated with.
pub fn header(options: &Options, comment: &str) -> String {
    let inputs: Vec<String> = options
        .config_name
        .iter()
        .map(|c| format!("config {c}"))
        .chain(
            options
                .overlays
                .iter()
                .map(|o| format!("overlay {}", o.file)),
        )
        .collect();
    let (sources, what) = if inputs.is_empty() {
        (options.spec_name.clone(), "the document")
    } else {
        (
            format!("{} ({})", options.spec_name, inputs.join(", ")),
            "these files",
        )
    };
    format!(
        "{comment} @generated by `{}` from {sources}. Do not edit: change {what} and run the command again.\n",
        options.command
    )
}

/// The header of a document read from `inputs` (the document first): a
/// line more for each other file, named as `options.spec_name` names the
/// document (`spec/schemas/pet.yaml` beside `spec/openapi.yaml`).
fn header_reading(options: &Options, inputs: &[std::path::PathBuf], comment: &str) -> String {
    let mut out = header(options, comment);
    let Some((document, others)) = inputs.split_first() else {
        return out;
    };
    let from = document.parent().unwrap_or(std::path::Path::new(""));
    let spec_dir = std::path::Path::new(&options.spec_name)
        .parent()
        .unwrap_or(std::path::Path::new(""));
    for file in others {
        let relative = load::relative_path(file, from);
        let named = load::normalize_path(&spec_dir.join(&relative));
        let named = named.to_string_lossy().replace('\\', "/");
        out.push_str(&format!("{comment} The document refers to {named}.\n"));
    }
    out
}

/// Loads a document, the overlays of `options` applied to its JSON first.
pub fn load_document(text: &str, options: &Options) -> Result<load::Document, Error> {
    with_overlays(load::parse_text(text)?, options, load::load_value)
}

/// Loads the document at `path` with every file its `$ref`s name (relative
/// to the file that names them), the overlays of `options` applied to the
/// document's JSON first.
pub fn load_document_file(
    path: &std::path::Path,
    options: &Options,
) -> Result<load::Document, Error> {
    with_overlays(load::read_path(path)?, options, |raw| {
        load::load_value_from(raw, path)
    })
}

fn with_overlays(
    mut raw: serde_json::Value,
    options: &Options,
    load: impl FnOnce(serde_json::Value) -> Result<load::Document, Error>,
) -> Result<load::Document, Error> {
    let unmatched = overlay::apply(&mut raw, &options.overlays)?;
    let mut doc = load(raw)?;
    doc.warnings.splice(0..0, unmatched);
    Ok(doc)
}

/// Runs the whole pipeline on the text of a document.
///
/// It runs on a thread with a large stack: every stage recurses into nested
/// schemas, and a document may nest as deep as the parsers allow (128 levels).
pub fn generate(text: &str, options: &Options) -> Result<Generated, Error> {
    threads::on_large_stack(|| generate_document(load_document(text, options)?, options))
}

/// Runs the whole pipeline on the document at `path`, reading the files its
/// `$ref`s name (relative to the file that names them). The output's
/// `inputs` lists every file read, and the header names them.
pub fn generate_file(path: &std::path::Path, options: &Options) -> Result<Generated, Error> {
    threads::on_large_stack(|| generate_document(load_document_file(path, options)?, options))
}

fn generate_document(doc: load::Document, options: &Options) -> Result<Generated, Error> {
    let (model, warnings) =
        model::build(&doc, &options.model_options()).map_err(|e| doc.locate_error(e))?;
    let schemas = doc.api.components.iter().flat_map(|c| c.schemas.keys());
    config::check_operations(
        &options.operations,
        &model,
        &schemas.map(String::as_str).collect::<Vec<_>>(),
    )
    .map_err(|e| doc.locate_error(e))?;
    let warnings = warnings
        .into_iter()
        .map(|w| doc.locate_warning(w))
        .collect();
    // Emit reads the model alone: the document (its JSON and its typed view,
    // for a large one several times the model's size) goes before it.
    let files = doc.files;
    drop((doc.api, doc.raw, doc.origins));
    emit_and_render(&model, warnings, options, files)
}

/// Emits and renders a model. Large models are emitted and rendered on
/// several threads (a rayon pool whose threads have a large stack); the
/// output does not depend on how many.
pub fn generate_from_model(
    model: &model::Model,
    warnings: Vec<Warning>,
    options: &Options,
) -> Result<Generated, Error> {
    emit_and_render(model, warnings, options, Vec::new())
}

fn emit_and_render(
    model: &model::Model,
    warnings: Vec<Warning>,
    options: &Options,
    inputs: Vec<std::path::PathBuf>,
) -> Result<Generated, Error> {
    emit_and_render_in(model, warnings, options, inputs, emit::PartSizes::DEFAULT)
}

/// [`emit_and_render`] with parts of at most `sizes` items.
fn emit_and_render_in(
    model: &model::Model,
    warnings: Vec<Warning>,
    options: &Options,
    inputs: Vec<std::path::PathBuf>,
    sizes: emit::PartSizes,
) -> Result<Generated, Error> {
    let head = header_reading(options, &inputs, "//");
    let uses = uses::analyze(model);
    let plan = emit::plan(model, sizes);
    let tasks: Vec<(usize, &emit::Part)> = plan
        .iter()
        .enumerate()
        .flat_map(|(f, file)| file.parts.iter().map(move |part| (f, part)))
        .collect();
    let pool = threads::pool(model.types.len() + model.operations.len())?;
    let ctx = emit::EmitContext::new(model, &uses);
    // Token streams cannot cross threads: each task renders the tokens it emits.
    let rendered: Vec<(usize, Result<Option<String>, Error>)> = pool.install(|| {
        tasks
            .par_iter()
            .map(|&(f, part)| (f, render_part(&ctx, part)))
            .collect()
    });
    // Each file's text starts with its header: no copy of the whole text to put it first.
    let mut texts: Vec<Option<String>> = vec![Some(head.clone()); plan.len()];
    for (f, text) in rendered {
        match (text?, &mut texts[f]) {
            (Some(text), Some(file)) => file.push_str(&text),
            // A part that cannot be rendered apart: the file is rendered whole.
            _ => texts[f] = None,
        }
    }
    let whole = emit::plan(model, emit::PartSizes::WHOLE);
    let mut files = Vec::with_capacity(plan.len());
    for ((file, text), whole) in plan.iter().zip(texts).zip(&whole) {
        let contents = match text {
            Some(text) => text,
            None => format!("{head}{}", render_parts(&ctx, &whole.parts)?),
        };
        files.push(GeneratedFile {
            path: format!("src/{}", file.path),
            contents,
        });
    }
    // The runtime's templates, after the `runtime/mod.rs` that declares them.
    let at = files
        .iter()
        .position(|f| f.path == "src/runtime/mod.rs")
        .map_or(files.len(), |i| i + 1);
    let templates =
        emit::runtime::files(&uses).map_err(|e| Error::document(format!("internal error: {e}")))?;
    files.splice(
        at..at,
        templates.into_iter().map(|(path, text)| GeneratedFile {
            path: format!("src/runtime/{path}"),
            contents: format!("{head}\n{text}"),
        }),
    );
    let manifest = manifest(model, &uses, options);
    let api = api::describe(model, &uses, &manifest.package_name, &manifest.version);
    Ok(Generated {
        files,
        type_count: model.types.len(),
        operation_count: model.operations.len(),
        manifest,
        api,
        uses,
        warnings,
        inputs,
    })
}

/// One part, emitted and rendered (`None`: see [`render::render_part`]).
fn render_part(ctx: &emit::EmitContext<'_>, part: &emit::Part) -> Result<Option<String>, Error> {
    render::render_part(ctx.emit_part(part), part.layout())
}

/// A file's parts rendered and joined, none of them cut from an `impl` block.
fn render_parts(ctx: &emit::EmitContext<'_>, parts: &[emit::Part]) -> Result<String, Error> {
    let mut out = String::new();
    for part in parts {
        let text = render_part(ctx, part)?
            .ok_or_else(|| Error::document("internal error: a whole file rendered in parts"))?;
        out.push_str(&text);
    }
    Ok(out)
}

fn manifest(model: &model::Model, uses: &uses::Uses, options: &Options) -> Manifest {
    let dependencies = uses
        .dependencies
        .iter()
        .map(|d| (d.name.to_string(), dependency_toml(d)))
        .collect();
    let features = uses
        .features
        .iter()
        .map(|f| {
            let enables = f.enables.iter().map(|e| e.to_string()).collect();
            (f.name.to_string(), enables)
        })
        .collect();
    let package_name = options
        .crate_name
        .clone()
        .unwrap_or_else(|| package_name(&model.title));
    let version = semver_like(&model.version);
    Manifest {
        package_name,
        version,
        description: format!(
            "A typed async client for the {} API (generated)",
            model.title.trim()
        ),
        dependencies,
        features,
    }
}

/// A dependency as the value of its line in `[dependencies]`.
fn dependency_toml(d: &uses::Dependency) -> String {
    if d.default_features && d.features.is_empty() && !d.optional {
        return format!("{:?}", d.version);
    }
    let mut out = format!("{{ version = {:?}", d.version);
    if !d.default_features {
        out.push_str(", default-features = false");
    }
    if d.optional {
        out.push_str(", optional = true");
    }
    if !d.features.is_empty() {
        let features: Vec<String> = d.features.iter().map(|f| format!("{f:?}")).collect();
        out.push_str(&format!(", features = [{}]", features.join(", ")));
    }
    out.push_str(" }");
    out
}

/// The package name for a document's title: its words in kebab case, then
/// `-client` (`Pet Store` → `pet-store-client`). Words split where case
/// goes from lower to upper (`PetStore`) and before the last capital of an
/// acronym that starts a word (`HTTPServer`), but a plural acronym stays
/// whole (`APIs`, `IDs`). A name starts with a letter, as cargo asks
/// (`1Forge Finance APIs` → `api-1forge-finance-apis-client`).
pub fn package_name(title: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    for raw in title.split(|c: char| !c.is_ascii_alphanumeric()) {
        let chars: Vec<char> = raw.chars().collect();
        let mut word = String::new();
        for (i, &c) in chars.iter().enumerate() {
            let prev = i.checked_sub(1).map(|j| chars[j]);
            let next = chars.get(i + 1).copied();
            let plural_s =
                next == Some('s') && chars.get(i + 2).is_none_or(|n| !n.is_ascii_lowercase());
            let starts_word = c.is_ascii_uppercase()
                && match prev {
                    Some(p) if p.is_ascii_lowercase() => true,
                    Some(p) if p.is_ascii_uppercase() => {
                        next.is_some_and(|n| n.is_ascii_lowercase()) && !plural_s
                    }
                    _ => false,
                };
            if starts_word {
                words.push(std::mem::take(&mut word));
            }
            word.push(c.to_ascii_lowercase());
        }
        words.push(word);
    }
    words.retain(|w| !w.is_empty());
    if words.is_empty() {
        return "api-client".to_string();
    }
    let stem = words.join("-");
    if stem.starts_with(|c: char| c.is_ascii_digit()) {
        format!("api-{stem}-client")
    } else {
        format!("{stem}-client")
    }
}

/// The API version if Cargo accepts it as a package version, else `0.1.0`.
fn semver_like(v: &str) -> String {
    let parts: Vec<&str> = v.trim().split('.').collect();
    if parts.len() == 3
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.chars().all(|c| c.is_ascii_digit())
                && (p.len() == 1 || !p.starts_with('0'))
        })
    {
        v.trim().to_string()
    } else {
        "0.1.0".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A document large enough to be emitted on several threads.
    fn large_document() -> String {
        let mut schemas = serde_json::Map::new();
        for i in 0..450 {
            schemas.insert(
                format!("Thing{i}"),
                serde_json::json!({
                    "type": "object",
                    "description": format!("Thing number {i}"),
                    "properties": {
                        "id": {"type": "string"},
                        "next": {"$ref": format!("#/components/schemas/Thing{}", (i + 1) % 450)},
                        "state": {"type": "string", "enum": ["on", "off"]}
                    }
                }),
            );
        }
        let mut paths = serde_json::Map::new();
        for i in 0..30 {
            paths.insert(
                format!("/things{i}/{{id}}"),
                serde_json::json!({"get": {
                    "operationId": format!("getThing{i}"),
                    // Three tags, and some operations without one.
                    "tags": if i % 4 == 3 { vec![] } else { vec![format!("tag{}", i % 4)] },
                    "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
                    "responses": {"200": {"description": "ok", "content": {"application/json": {
                        "schema": {"$ref": format!("#/components/schemas/Thing{i}")}}}}}
                }}),
            );
        }
        serde_json::json!({
            "openapi": "3.0.3",
            "info": {"title": "Things", "version": "1.0.0"},
            "paths": paths,
            "components": {"schemas": schemas}
        })
        .to_string()
    }

    #[test]
    fn package_names_are_valid_and_readable() {
        for (title, name) in [
            ("Petstore", "petstore-client"),
            ("Swagger Petstore", "swagger-petstore-client"),
            ("PetStore API", "pet-store-api-client"),
            ("1Forge Finance APIs", "api-1forge-finance-apis-client"),
            ("OpenAPI spec for IDs", "open-api-spec-for-ids-client"),
            ("HTTPServer", "http-server-client"),
            ("URLsAndMore", "urls-and-more-client"),
            ("GitHub v3 REST API", "git-hub-v3-rest-api-client"),
            ("oxen", "oxen-client"),
            ("Stripe_API (v2)", "stripe-api-v2-client"),
            ("  ", "api-client"),
            ("Café", "caf-client"),
            ("2", "api-2-client"),
        ] {
            assert_eq!(package_name(title), name, "{title:?}");
            // What cargo accepts: ASCII letters, digits, `-` and `_`, a letter first.
            assert!(name.starts_with(|c: char| c.is_ascii_lowercase()), "{name}");
            assert!(name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'));
            assert!(!name.contains("--"), "{name}");
        }
    }

    #[test]
    fn parallel_output_equals_sequential_output() {
        let text = large_document();
        let doc = load::load_str(&text).unwrap();
        for group_by_tag in [false, true] {
            let model_options = model::ModelOptions {
                group_by_tag,
                ..Default::default()
            };
            let (model, _) = model::build(&doc, &model_options).unwrap();
            assert_eq!(!model.groups.is_empty(), group_by_tag);
            let options = Options::default();
            let head = header(&options, "//");
            let sequential: Vec<(String, String)> = emit::emit(&model)
                .into_iter()
                .map(|f| {
                    (
                        format!("src/{}", f.path),
                        render::render(f.tokens, &head).unwrap(),
                    )
                })
                .collect();
            let parts = |operations, types, methods| emit::PartSizes {
                operations,
                types,
                methods,
            };
            // Parts of one item each, of a few, and as generation cuts them.
            for sizes in [parts(1, 1, 1), parts(3, 7, 2), emit::PartSizes::DEFAULT] {
                let parallel =
                    emit_and_render_in(&model, Vec::new(), &options, Vec::new(), sizes).unwrap();
                // The files made of tokens; the runtime's templates are text.
                let emitted: Vec<&GeneratedFile> = parallel
                    .files
                    .iter()
                    .filter(|f| {
                        f.path == "src/runtime/mod.rs" || !f.path.starts_with("src/runtime/")
                    })
                    .collect();
                assert_eq!(emitted.len(), sequential.len());
                for (file, (path, contents)) in emitted.iter().zip(&sequential) {
                    assert_eq!(&file.path, path);
                    assert!(
                        file.contents == *contents,
                        "{path} differs between rendering in parts of {sizes:?} and whole"
                    );
                }
            }
            // And the same twice over.
            let once = generate_from_model(&model, Vec::new(), &options).unwrap();
            let again = generate_from_model(&model, Vec::new(), &options).unwrap();
            assert_eq!(once.files, again.files);
        }
    }
}
