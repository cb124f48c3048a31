//! Adversarial documents (and any input the fuzzer in `codegen/fuzz` ever crashes the
//! generator with), kept so
//! that the fix stays: each must give a result or an error, never a panic, and
//! the same output twice.

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
    let options = codegen::Options::default();
    for path in paths {
        let text = std::fs::read_to_string(&path).expect("UTF-8 input");
        let run = || codegen::generate(&text, &options).map(|g| g.files);
        let first = catch_unwind(AssertUnwindSafe(run));
        let second = catch_unwind(AssertUnwindSafe(run));
        match (first, second) {
            (Ok(a), Ok(b)) => assert_eq!(a, b, "{}: output differs between runs", path.display()),
            _ => panic!("{}: the generator panicked", path.display()),
        }
    }
}
