//! What a client's manifest lists: the crates its code names, with their
//! features, and the cargo features it offers (a TLS backend, what reqwest
//! can add, `tracing`). Which crates and features, with which versions, the
//! runtime's headers declare; this only picks those the client needs.

use super::RuntimePart;
use crate::model::{Model, Primitive};
use crate::templates::{self, formats, CrateUse};
use std::collections::{BTreeMap, BTreeSet};

/// A crate the generated code names, as its manifest lists it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Dependency {
    pub name: &'static str,
    pub version: &'static str,
    pub default_features: bool,
    pub features: Vec<&'static str>,
    /// Only with a feature of the crate's (`dep:tracing`).
    pub optional: bool,
}

/// A cargo feature of the generated crate, and what it turns on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feature {
    pub name: String,
    pub enables: Vec<String>,
}

/// The crates the code names, sorted: those every client has, those of each
/// runtime part it has, and those its types' formats call for, each as the
/// runtime's headers declare it (`codegen/runtime/src/`). A crate several
/// declare has the features of all: those every client asks for first, then
/// the others, sorted.
pub(super) fn dependencies(
    model: &Model,
    primitives: &BTreeSet<Primitive>,
    runtime: &BTreeSet<RuntimePart>,
) -> Vec<Dependency> {
    let mut deps: BTreeMap<&'static str, Dependency> = BTreeMap::new();
    let mut add = |c: &CrateUse| {
        let d = deps.entry(c.name).or_insert_with(|| Dependency {
            name: c.name,
            version: c.version,
            default_features: c.default_features,
            features: Vec::new(),
            optional: c.optional,
        });
        d.features.extend(c.features);
    };
    templates::CRATES.iter().for_each(&mut add);
    let every_client = |d: &Dependency| {
        templates::CRATES
            .iter()
            .filter(|c| c.name == d.name)
            .map(|c| c.features.len())
            .sum::<usize>()
    };
    let formats: [(bool, &[CrateUse]); 3] = [
        (primitives.contains(&Primitive::Date), formats::DATE),
        (
            primitives.contains(&Primitive::DateTime),
            formats::DATE_TIME,
        ),
        (primitives.contains(&Primitive::Uuid), formats::UUID),
    ];
    for (_, crates) in formats.iter().filter(|(used, _)| *used) {
        crates.iter().for_each(&mut add);
    }
    for part in runtime {
        part.decl().crates.iter().for_each(&mut add);
    }
    let multipart = model
        .operations
        .iter()
        .filter_map(|o| o.body.as_ref())
        .any(|b| !b.kind.multiparts().is_empty());
    let mut deps: Vec<Dependency> = deps.into_values().collect();
    for d in &mut deps {
        if multipart && d.name == "reqwest" {
            d.features.push("multipart");
        }
        let first = every_client(d);
        d.features[first..].sort_unstable();
        let mut seen = BTreeSet::new();
        d.features.retain(|f| seen.insert(*f));
    }
    deps
}

/// The crate's features: those every client has (a TLS backend, rustls by
/// default, and what reqwest can add) and those of the runtime parts it has
/// (`tracing`, `mock`), each in the order of the crate it turns on; with
/// features by tag, one per tag (each enables nothing of its own: the code's
/// `cfg`s read it), all of them in `default`, which comes first.
pub(super) fn features(model: &Model, runtime: &BTreeSet<RuntimePart>) -> Vec<Feature> {
    let tags: Vec<&str> = model
        .features
        .list
        .iter()
        .map(|f| f.name.as_str())
        .collect();
    let declared = templates::FEATURES
        .iter()
        .chain(runtime.iter().flat_map(|p| p.decl().features));
    let mut default = tags.iter().map(|t| t.to_string()).collect::<Vec<_>>();
    let mut features = Vec::new();
    for f in declared {
        let enables = f.enables.iter().map(|e| e.to_string()).collect();
        if f.name == "default" {
            default.extend(f.enables.iter().map(|e| e.to_string()));
        } else {
            features.push(Feature {
                name: f.name.to_string(),
                enables,
            });
        }
    }
    // The crate a feature turns on: `dep:tracing`, `reqwest/gzip`.
    let krate = |f: &Feature| {
        let first = f.enables.first().map_or("", String::as_str);
        let first = first.strip_prefix("dep:").unwrap_or(first);
        first.split('/').next().unwrap_or("").to_string()
    };
    features.sort_by_cached_key(|f| (krate(f), f.name.clone()));
    features.insert(
        0,
        Feature {
            name: "default".into(),
            enables: default,
        },
    );
    features.extend(tags.iter().map(|t| Feature {
        name: t.to_string(),
        enables: Vec::new(),
    }));
    features
}
