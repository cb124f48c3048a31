//! Adversarial documents (and any input the fuzzer in `codegen/fuzz` ever crashes the
//! generator with), kept so
//! that the fix stays: each must give a result or an error, never a panic or
//! an internal error (code that does not parse), and the same output twice.

use std::panic::{catch_unwind, AssertUnwindSafe};

#[test]
fn adversarial_inputs_do_not_panic() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fuzz_regressions");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("tests/fuzz_regressions exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.extension()
                .is_some_and(|e| e == "json" || e == "yaml" || e == "txt")
        })
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no regression inputs in {dir}");
    let plain = codegen::Options::default();
    // The fuzz target generates grouped by tag too.
    let grouped = codegen::Options {
        group_by_tag: true,
        ..codegen::Options::default()
    };
    for (path, options) in paths.iter().flat_map(|p| [(p, &plain), (p, &grouped)]) {
        let text = std::fs::read_to_string(path).expect("UTF-8 input");
        let run = || codegen::generate(&text, options).map(|g| g.files);
        let first = catch_unwind(AssertUnwindSafe(run));
        let second = catch_unwind(AssertUnwindSafe(run));
        match (first, second) {
            (Ok(Err(e)), _) if e.to_string().contains("internal error") => {
                panic!("{}: {e}", path.display())
            }
            (Ok(a), Ok(b)) => assert_eq!(a, b, "{}: output differs between runs", path.display()),
            _ => panic!("{}: the generator panicked", path.display()),
        }
    }
}

/// Every fixture is a seed of the fuzz target (`codegen/fuzz/seeds/`), as
/// JSON with the same content, so fuzzing starts from every construct the
/// fixtures cover. `UPDATE_SEEDS=1 cargo test -p openapi-rust-codegen --test
/// fuzz_regressions` writes the missing and stale ones.
#[test]
fn every_fixture_is_a_fuzz_seed() {
    let root = env!("CARGO_MANIFEST_DIR");
    let fixtures = std::path::Path::new(root).join("tests/fixtures");
    let seeds = std::path::Path::new(root).join("fuzz/seeds");
    let update = std::env::var_os("UPDATE_SEEDS").is_some();
    let mut stale = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(&fixtures)
        .expect("tests/fixtures exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    paths.sort();
    for path in paths {
        let text = std::fs::read_to_string(&path).expect("UTF-8 fixture");
        let want: serde_json::Value = serde_yaml_ng::from_str(&text).expect("YAML fixture");
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("UTF-8 name");
        let seed = seeds.join(format!("{stem}.json"));
        let have: Option<serde_json::Value> = std::fs::read_to_string(&seed)
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok());
        if have.as_ref() != Some(&want) {
            if update {
                std::fs::write(&seed, serde_json::to_string(&want).expect("JSON")).expect("write");
            } else {
                stale.push(stem.to_string());
            }
        }
    }
    assert!(
        stale.is_empty(),
        "fuzz seeds missing or stale for {stale:?}: run `UPDATE_SEEDS=1 cargo test -p openapi-rust-codegen --test fuzz_regressions`"
    );
}
