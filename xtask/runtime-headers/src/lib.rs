//! The runtime is declared once, in the headers of its templates
//! (`codegen/runtime/src/*.rs`) and of its crate root (`lib.rs`). From them
//! `cargo xtask codegen` writes what would otherwise be tables kept by hand,
//! as rust-analyzer's codegen writes its own sources:
//!
//! - `codegen/src/templates/generated.rs`: the parts, what each requires and
//!   brings, the template list, the crates and features, the reserved names;
//! - the module list of `codegen/runtime/src/lib.rs`;
//! - the `[dependencies]` and `[features]` of the runtime crate's manifest,
//!   `codegen/client-runtime/Cargo.toml`.
//!
//! `--check` writes nothing and fails when either is stale; so does the test
//! below. This package does not depend on the generator, so it runs even
//! when the generator does not compile for want of what it writes
//! (`cargo run -p runtime-headers`).

mod decl;
mod header;
mod render;

use std::path::{Path, PathBuf};

/// Each derived file, by path, and the text it should have.
pub fn derived(root: &Path) -> Result<Vec<(PathBuf, String)>, String> {
    let dir = root.join("codegen/runtime/src");
    let read =
        |path: &Path| std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()));
    let mut files = Vec::new();
    let entries = std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| format!("{}: {e}", dir.display()))?.path();
        let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        if path.extension().is_some_and(|e| e == "rs") && stem != "lib" {
            files.push((stem.to_string(), read(&path)?));
        }
    }
    files.sort();
    let lib_path = dir.join("lib.rs");
    let manifest_path = root.join("codegen/client-runtime/Cargo.toml");
    let lib = read(&lib_path)?;
    let runtime = decl::runtime(&lib, &files)
        .map_err(|e| format!("the runtime's headers (codegen/runtime/src/): {e}"))?;
    Ok(vec![
        (
            root.join("codegen/src/templates/generated.rs"),
            render::generated(&runtime)?,
        ),
        (lib_path, render::lib_rs(&lib, &runtime)?),
        (
            manifest_path.clone(),
            render::runtime_manifest(&read(&manifest_path)?, &runtime)?,
        ),
    ])
}

/// The derived files that differ from what the headers make.
pub fn stale(root: &Path) -> Result<Vec<(PathBuf, String)>, String> {
    let mut out = Vec::new();
    for (path, text) in derived(root)? {
        let current = std::fs::read_to_string(&path).unwrap_or_default();
        if current.replace("\r\n", "\n") != text {
            out.push((path, text));
        }
    }
    Ok(out)
}

/// Rewrites the stale derived files, or with `check` fails naming them.
/// Returns whether any was written: the generator compiled into this xtask
/// is then the one from before, so the caller stops and asks for a rerun.
pub fn ensure(root: &Path, check: bool) -> Result<bool, String> {
    let stale = stale(root)?;
    let names: Vec<String> = stale
        .iter()
        .map(|(p, _)| format!("  {}", p.strip_prefix(root).unwrap_or(p).display()))
        .collect();
    if stale.is_empty() {
        return Ok(false);
    }
    if check {
        return Err(format!(
            "the sources derived from the runtime's headers are stale:\n{}\nrun `cargo xtask codegen` and commit the result",
            names.join("\n")
        ));
    }
    for (path, text) in &stale {
        std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    println!("wrote, from the runtime's headers:\n{}", names.join("\n"));
    Ok(true)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_sources_derived_from_the_runtime_headers_are_fresh() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let stale = super::stale(&root).unwrap();
        let names: Vec<_> = stale.iter().map(|(p, _)| p.display().to_string()).collect();
        assert!(
            names.is_empty(),
            "stale: {names:?}; run `cargo xtask codegen`"
        );
    }
}
