//! Features by tag, on the `features_by_tag` fixture grouped and not: every
//! feature a `cfg` names is one the manifest declares (and `default` turns
//! on), and a group is gated whole. (`.ci/run` compiles each feature alone.)

mod common;

use codegen::Generated;

fn generate(group_by_tag: bool) -> Generated {
    let options = codegen::Options {
        group_by_tag,
        ..common::fixture_options("features_by_tag")
    };
    common::generate(&common::fixture("features_by_tag"), &options)
}

/// Every feature the files' `cfg`s name, sorted, once each.
fn used_features(generated: &Generated) -> Vec<String> {
    let mut used: Vec<String> = generated
        .files
        .iter()
        .flat_map(|f| cfg_features(&f.contents))
        .collect();
    used.sort();
    used.dedup();
    used
}

/// The names in `feature = "…"` of a file.
fn cfg_features(text: &str) -> Vec<String> {
    text.split("feature = \"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_string)
        .collect()
}

#[test]
fn every_cfg_names_a_declared_feature_that_default_turns_on() {
    for grouped in [false, true] {
        let generated = generate(grouped);
        let features = &generated.manifest.features;
        let default = &features[0];
        assert_eq!(default.0, "default");
        assert_eq!(
            default.1,
            ["pets", "store", "code-scanning", "other-types", "rustls"]
        );
        let used = used_features(&generated);
        assert_eq!(
            used,
            [
                "code-scanning",
                "mock",
                "other-types",
                "pets",
                "store",
                "tracing"
            ],
            "grouped: {grouped}"
        );
        for name in used {
            assert!(
                features.iter().any(|(f, _)| *f == name),
                "{name} is not declared (grouped: {grouped})"
            );
        }
    }
}

#[test]
fn a_group_is_gated_whole_with_its_tag() {
    let generated = generate(true);
    let lib = common::file(&generated, "src/lib.rs");
    assert!(
        lib.contains("#[cfg(feature = \"pets\")]\npub use client::PetsApi;"),
        "{lib}"
    );
    let client = common::file(&generated, "src/client.rs");
    for item in [
        "pub struct PetsApi<'a>",
        "impl<'a> PetsApi<'a>",
        "pub fn pets(&self)",
        "pub struct StoreApi<'a>",
        "pub fn store(&self)",
    ] {
        let at = client.find(item).unwrap_or_else(|| panic!("no {item}"));
        let before = &client[..at];
        let last_cfg = before.rfind("#[cfg(feature = ").expect("a cfg before it");
        // The cfg is among the item's attributes: no item ends between.
        assert!(
            !before[last_cfg..].contains('}') && !before[last_cfg..].contains(';'),
            "{item} is not gated"
        );
    }
    // The untagged operation stays on the client, ungated.
    let health = client.find("pub fn health(&self)").expect("health");
    assert!(!client[..health].trim_end().ends_with(")]"));
}

#[test]
fn features_by_path_name_each_resource_and_gate_every_operation_at_one() {
    let options = codegen::Options {
        features_by_path: true,
        // Groups stay by tag, ungated: their methods carry the features.
        group_by_tag: true,
        ..common::fixture_options("features_by_tag")
    };
    let generated = common::generate(&common::fixture("features_by_tag"), &options);
    let features = &generated.manifest.features;
    assert_eq!(
        features[0].1,
        [
            "pets",
            "orders",
            "alerts",
            "health",
            "other-types",
            "rustls"
        ]
    );
    for name in &used_features(&generated) {
        assert!(
            features.iter().any(|(f, _)| f == name),
            "{name} is not declared"
        );
    }
    let client = common::file(&generated, "src/client.rs");
    // `/health` is a resource of its own now, gated like the others.
    let health = client.find("pub fn health(&self)").expect("health");
    let cfg = client[..health]
        .rfind("#[cfg(feature = \"health\")]")
        .expect("a cfg of `health`");
    assert!(
        !client[cfg..health].contains('}'),
        "the cfg is the method's"
    );
    let lib = common::file(&generated, "src/lib.rs");
    assert!(lib.contains("Each resource's operations"), "{lib}");
}
