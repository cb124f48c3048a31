//! Snapshots of everything the generator writes, for each fixture and for the
//! Oxen hub document: every source file, the crate manifest, the API
//! description (`api.txt`), the list of files, and the sorted warnings.
//!
//! Accept new output with
//! `INSTA_UPDATE=always cargo test -p openapi-rust-codegen --test snapshots`
//! (or `cargo insta review`), then read the diff before committing it.

mod common;

use codegen::Options;

/// Snapshots everything generated from `text` under names `<name>__<file>`.
fn snapshot_all(name: &str, text: &str, options: &Options) {
    snapshot_generated(name, &common::generate(text, options), options);
}

fn snapshot_generated(name: &str, generated: &codegen::Generated, options: &Options) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.bind(|| {
        let paths: Vec<&str> = generated.files.iter().map(|f| f.path.as_str()).collect();
        insta::assert_snapshot!(format!("{name}__files"), paths.join("\n"));

        for file in &generated.files {
            // The runtime's templates are the files of `codegen/runtime/src/`
            // (the test `runtime` proves it); which parts come in is below.
            if file.path.starts_with("src/runtime/") && file.path != "src/runtime/mod.rs" {
                continue;
            }
            let stem = file.path.strip_prefix("src/").unwrap_or(&file.path);
            let snapshot = format!("{name}__{}", stem.replace('/', "__"));
            insta::with_settings!({ description => file.path.clone() }, {
                insta::assert_snapshot!(snapshot, file.contents);
            });
        }

        insta::assert_snapshot!(format!("{name}__runtime_parts"), runtime_parts(generated));

        let manifest = generated.manifest.to_toml(&generated.header(options, "#"));
        insta::assert_snapshot!(format!("{name}__Cargo.toml"), manifest);

        // The public API as `api.txt` describes it (`codegen::api`).
        let api = generated.api.render(&generated.header(options, "#"));
        insta::assert_snapshot!(format!("{name}__api.txt"), api);

        insta::assert_snapshot!(
            format!("{name}__warnings"),
            common::render_warnings(&generated.warnings)
        );
    });
}

/// Each runtime template the client has, with the blocks of it that it keeps.
fn runtime_parts(generated: &codegen::Generated) -> String {
    use codegen::emit::runtime::{markers, TEMPLATES};
    TEMPLATES
        .iter()
        .filter(|t| {
            generated
                .files
                .iter()
                .any(|f| f.path == format!("src/runtime/{}.rs", t.module))
        })
        .map(|t| {
            let mut kept: Vec<&str> = Vec::new();
            for m in markers(t.body()) {
                if !kept.contains(&m) {
                    kept.push(m);
                }
            }
            let kept: Vec<&str> = kept
                .into_iter()
                .filter(|m| {
                    generated
                        .uses
                        .runtime
                        .iter()
                        .any(|p| p.place() == (t.module, Some(*m)))
                })
                .collect();
            if kept.is_empty() {
                format!("{}.rs", t.module)
            } else {
                format!("{}.rs: {}", t.module, kept.join(", "))
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn snapshot_fixture(name: &str) {
    snapshot_all(name, &common::fixture(name), &common::fixture_options(name));
}

#[test]
fn seed() {
    snapshot_fixture("seed");
}

#[test]
fn refs_anywhere() {
    snapshot_fixture("refs_anywhere");
}

/// A document over five files, generated from its path: the header names each.
#[test]
fn multi_file() {
    let (generated, options) = common::generate_folder("multi_file");
    snapshot_generated("multi_file", &generated, &options);
}

#[test]
fn lenient() {
    snapshot_fixture("lenient");
}

#[test]
fn petstore() {
    snapshot_fixture("petstore");
}

#[test]
fn naming() {
    snapshot_fixture("naming");
}

#[test]
fn undeclared() {
    snapshot_fixture("undeclared");
}

#[test]
fn all_of() {
    snapshot_fixture("all_of");
}

#[test]
fn additional_properties() {
    snapshot_fixture("additional_properties");
}

#[test]
fn annotations() {
    snapshot_fixture("annotations");
}

#[test]
fn arrays() {
    snapshot_fixture("arrays");
}

#[test]
fn collisions() {
    snapshot_fixture("collisions");
}

#[test]
fn discriminator() {
    snapshot_fixture("discriminator");
}

#[test]
fn discriminator_aliases() {
    snapshot_fixture("discriminator_aliases");
}

#[test]
fn enums() {
    snapshot_fixture("enums");
}

#[test]
fn fallbacks() {
    snapshot_fixture("fallbacks");
}

#[test]
fn formats() {
    snapshot_fixture("formats");
}

#[test]
fn nullable() {
    snapshot_fixture("nullable");
}

#[test]
fn recursion() {
    snapshot_fixture("recursion");
}

#[test]
fn unions() {
    snapshot_fixture("unions");
}

#[test]
fn parameters() {
    snapshot_fixture("parameters");
}

#[test]
fn security() {
    snapshot_fixture("security");
}

#[test]
fn security_unspecified() {
    snapshot_fixture("security_unspecified");
}

#[test]
fn operation_ids() {
    snapshot_fixture("operation_ids");
}

#[test]
fn per_request() {
    snapshot_fixture("per_request");
}

#[test]
fn idempotency() {
    snapshot_fixture("idempotency");
}

#[test]
fn bodies() {
    snapshot_fixture("bodies");
}

#[test]
fn inheritance() {
    snapshot_fixture("inheritance");
}

#[test]
fn responses() {
    snapshot_fixture("responses");
}

#[test]
fn servers() {
    snapshot_fixture("servers");
}

#[test]
fn servers_relative() {
    snapshot_fixture("servers_relative");
}

#[test]
fn grouped_tags() {
    snapshot_fixture("grouped_tags");
}

#[test]
fn features_by_tag() {
    snapshot_fixture("features_by_tag");
}

#[test]
fn shared_types() {
    snapshot_fixture("shared_types");
}

#[test]
fn reserved_names() {
    snapshot_fixture("reserved_names");
}

#[test]
fn no_operations() {
    snapshot_fixture("no_operations");
}

#[test]
fn streams() {
    snapshot_fixture("streams");
}

#[test]
fn pagination() {
    snapshot_fixture("pagination");
}

#[test]
fn synthesized_names() {
    snapshot_fixture("synthesized_names");
}

#[test]
fn grouped_synthesized_names() {
    snapshot_fixture("grouped_synthesized_names");
}

#[test]
fn oxen_hub_api() {
    snapshot_all("oxen_hub_api", &common::oxen(), &common::oxen_options());
}

/// The fixture list above and the files in `tests/fixtures/` agree, so a new
/// fixture cannot be added without a snapshot.
#[test]
fn every_fixture_is_snapshotted() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut on_disk: Vec<String> = std::fs::read_dir(dir)
        .expect("tests/fixtures exists")
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            e.file_name()
                .to_str()
                .and_then(|n| n.strip_suffix(".yaml"))
                .map(str::to_string)
        })
        .collect();
    on_disk.sort();
    let mut listed: Vec<&str> = common::FIXTURES.to_vec();
    listed.sort();
    assert_eq!(on_disk, listed);

    let mut folders: Vec<String> = std::fs::read_dir(dir)
        .expect("tests/fixtures exists")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .collect();
    folders.sort();
    let mut listed: Vec<&str> = common::FOLDER_FIXTURES.to_vec();
    listed.sort();
    assert_eq!(folders, listed);
}

/// Every fixture is a seed of the fuzz target, as JSON (a folder's, bundled).
#[test]
fn every_fixture_is_a_fuzz_seed() {
    let seeds = concat!(env!("CARGO_MANIFEST_DIR"), "/fuzz/seeds");
    for name in common::FIXTURES.iter().chain(common::FOLDER_FIXTURES) {
        let path = format!("{seeds}/{name}.json");
        assert!(
            std::path::Path::new(&path).is_file(),
            "no fuzz seed {path} for the fixture {name}"
        );
    }
}
