//! The generator's output depends on the document alone: generating twice
//! gives the same bytes, and the YAML document in `spec/` is the JSON original
//! with no change in meaning.

mod common;

use codegen::{Generated, Options};

/// Asserts two runs agree on every file, the manifest and the warnings.
fn assert_same(what: &str, a: &Generated, b: &Generated) {
    let paths = |g: &Generated| g.files.iter().map(|f| f.path.clone()).collect::<Vec<_>>();
    assert_eq!(paths(a), paths(b), "{what}: the file lists differ");
    for (x, y) in a.files.iter().zip(&b.files) {
        // Compare bytes, but report the first differing line rather than two huge strings.
        if x.contents != y.contents {
            let line = x
                .contents
                .lines()
                .zip(y.contents.lines())
                .position(|(l, r)| l != r)
                .map_or_else(
                    || "past the end of the shorter one".to_string(),
                    |i| (i + 1).to_string(),
                );
            panic!("{what}: {} differs between runs at line {line}", x.path);
        }
    }
    assert_eq!(a.manifest, b.manifest, "{what}: the manifests differ");
    assert_eq!(a.warnings, b.warnings, "{what}: the warnings differ");
    assert_eq!(a.type_count, b.type_count, "{what}: the type counts differ");
    assert_eq!(
        a.operation_count, b.operation_count,
        "{what}: the operation counts differ"
    );
}

fn twice(what: &str, text: &str, options: &Options) {
    let first = common::generate(text, options);
    let second = common::generate(text, options);
    assert_same(what, &first, &second);
}

#[test]
fn oxen_twice_is_byte_identical() {
    twice(common::OXEN_SPEC, &common::oxen(), &common::oxen_options());
}

#[test]
fn every_fixture_twice_is_byte_identical() {
    for name in common::FIXTURES {
        twice(name, &common::fixture(name), &common::fixture_options(name));
    }
}

/// The model, too, is the same data each time (names, order, pointers).
#[test]
fn oxen_model_twice_is_identical() {
    let text = common::oxen();
    let (m1, w1) = common::model_of(&text);
    let (m2, w2) = common::model_of(&text);
    assert_eq!(m1, m2);
    assert_eq!(w1, w2);
}

/// Types come out sorted by name, so their order never depends on the order
/// in which the document happens to mention them.
#[test]
fn types_are_sorted_by_name() {
    for (name, text) in common::FIXTURES
        .iter()
        .map(|n| (*n, common::fixture(n)))
        .chain([(common::OXEN_SPEC, common::oxen())])
    {
        let (model, _) = common::model_of(&text);
        let names: Vec<&str> = model.types.iter().map(|t| t.name.as_str()).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(names, sorted, "{name}: types are not sorted and unique");
    }
}

/// Reads the JSON original, or says why the comparison is skipped.
fn oxen_json() -> Option<String> {
    match std::fs::read_to_string(common::OXEN_JSON) {
        Ok(text) => Some(text),
        Err(e) => {
            println!(
                "note: skipping the comparison with the JSON original: cannot read {}: {e}",
                common::OXEN_JSON
            );
            None
        }
    }
}

#[test]
fn oxen_yaml_is_the_json_original() {
    let Some(json_text) = oxen_json() else {
        return;
    };
    let from_json = codegen::load::parse_text(&json_text).expect("the JSON original parses");
    let from_yaml = codegen::load::parse_text(&common::oxen()).expect("the YAML document parses");
    assert!(from_json.is_object(), "the JSON original is an object");
    if from_json != from_yaml {
        // Name the first place they differ; the whole values are too big to print.
        let first = first_difference(&from_json, &from_yaml, String::new());
        panic!(
            "spec/oxen_hub_api.yaml differs from the JSON original at `{}`",
            first.unwrap_or_default()
        );
    }
}

/// The same document in either form generates the same client, byte for byte:
/// nothing in the output depends on whether the text was YAML or JSON.
#[test]
fn oxen_json_and_yaml_generate_the_same_client() {
    let Some(json_text) = oxen_json() else {
        return;
    };
    let options = common::options(common::OXEN_SPEC);
    let from_json = common::generate(&json_text, &options);
    let from_yaml = common::generate(&common::oxen(), &options);
    assert_same("JSON vs YAML", &from_json, &from_yaml);
}

/// The JSON pointer of the first place two values differ.
fn first_difference(a: &serde_json::Value, b: &serde_json::Value, at: String) -> Option<String> {
    use serde_json::Value;
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, v) in x {
                let here = format!("{at}/{}", k.replace('~', "~0").replace('/', "~1"));
                match y.get(k) {
                    Some(w) => {
                        if let Some(d) = first_difference(v, w, here) {
                            return Some(d);
                        }
                    }
                    None => return Some(here),
                }
            }
            y.keys()
                .find(|k| !x.contains_key(*k))
                .map(|k| format!("{at}/{k}"))
        }
        (Value::Array(x), Value::Array(y)) => {
            if x.len() != y.len() {
                return Some(at);
            }
            x.iter()
                .zip(y)
                .enumerate()
                .find_map(|(i, (v, w))| first_difference(v, w, format!("{at}/{i}")))
        }
        _ => (a != b).then_some(at),
    }
}
