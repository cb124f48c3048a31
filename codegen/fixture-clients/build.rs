//! Generates a client for every document in `codegen/tests/fixtures/` into
//! `OUT_DIR/<name>/`, as `src/lib.rs` includes them: each fixture becomes a
//! module of this crate, compiled with warnings denied. A folder with an
//! `openapi.yaml` (or `.json`) is one document split over its files, named
//! by the folder.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let fixtures = manifest.join("../tests/fixtures");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("set by cargo"));
    println!("cargo:rerun-if-changed={}", fixtures.display());

    let mut names: Vec<PathBuf> = std::fs::read_dir(&fixtures)
        .expect("codegen/tests/fixtures exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter_map(|p| {
            if p.is_dir() {
                ["openapi.yaml", "openapi.json"]
                    .iter()
                    .map(|f| p.join(f))
                    .find(|f| f.is_file())
            } else {
                matches!(
                    p.extension().and_then(|e| e.to_str()),
                    Some("yaml" | "yml" | "json")
                )
                .then_some(p)
            }
        })
        .collect();
    names.sort();

    let mut modules = String::new();
    for path in names {
        println!("cargo:rerun-if-changed={}", path.display());
        let relative = path
            .strip_prefix(&fixtures)
            .expect("found in the fixtures folder");
        let stem = relative
            .components()
            .next()
            .and_then(|c| c.as_os_str().to_str())
            .and_then(|first| first.split('.').next())
            .expect("UTF-8 file name");
        let module = stem.replace('-', "_");
        let options = codegen::Options {
            spec_name: format!(
                "codegen/tests/fixtures/{}",
                relative.to_string_lossy().replace('\\', "/")
            ),
            command: "cargo build -p fixture-clients".into(),
            crate_name: None,
            // `grouped_*` fixtures show operations grouped by tag. (A
            // `features_*` fixture is compiled here without its features by
            // tag, which this crate does not have; `.ci/run` compiles it as a
            // crate of its own, feature by feature, with `xtask realworld`.)
            group_by_tag: stem.starts_with("grouped_"),
            ..Default::default()
        };
        // A fixture's config, if it has one, beside it: `name.codegen.toml`.
        let config = path.with_extension("codegen.toml");
        println!("cargo:rerun-if-changed={}", config.display());
        let options = if config.is_file() {
            let name = format!("codegen/tests/fixtures/{stem}.codegen.toml");
            codegen::config::Config::read(&config, &name)
                .and_then(|c| c.options(options))
                .unwrap_or_else(|e| panic!("{e}"))
        } else {
            options
        };
        let generated = codegen::generate_file(&path, &options)
            .unwrap_or_else(|e| panic!("fixture {} does not generate: {e}", path.display()));
        for input in &generated.inputs[1..] {
            println!("cargo:rerun-if-changed={}", input.display());
        }
        let dir = out.join(&module);
        let mut written = Vec::new();
        for file in &generated.files {
            let name = file.path.trim_start_matches("src/");
            // The crate root becomes the module's `mod.rs`, so its `mod x;` finds its siblings.
            let name = if name == "lib.rs" { "mod.rs" } else { name };
            let path = dir.join(name);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).expect("OUT_DIR is writable");
            }
            write_if_changed(&path, &file.contents);
            written.push(path);
        }
        // A file an earlier build wrote and this one did not (a runtime part
        // no longer needed, the `runtime.rs` before `runtime/mod.rs`) goes.
        remove_others(&dir, &written);
        let _ = writeln!(
            modules,
            "#[path = {:?}]\npub mod {module};",
            dir.join("mod.rs").display().to_string()
        );
    }
    write_if_changed(&out.join("fixtures.rs"), &modules);
}

/// Removes every file below `dir` but `keep`.
fn remove_others(dir: &Path, keep: &[PathBuf]) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        if path.is_dir() {
            remove_others(&path, keep);
        } else if !keep.contains(&path) {
            std::fs::remove_file(&path).expect("OUT_DIR is writable");
        }
    }
}

fn write_if_changed(path: &Path, contents: &str) {
    if std::fs::read_to_string(path).ok().as_deref() != Some(contents) {
        std::fs::write(path, contents).expect("OUT_DIR is writable");
    }
}
