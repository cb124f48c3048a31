//! The runtime as its headers declare it, every name checked: the parts in
//! order, what each requires, brings and re-exports, and the crates with
//! the one version each is given.

use super::header::{self, CrateDecl, Decl, TemplateHeader};
use std::collections::{BTreeMap, BTreeSet};

/// A template file.
#[derive(Debug)]
pub struct Template {
    pub module: String,
    pub reexport: String,
    pub feature: Option<String>,
}

/// A part: a template's text outside its blocks, or one block.
#[derive(Debug)]
pub struct Part {
    pub name: String,
    pub module: String,
    pub block: Option<String>,
    pub always: bool,
    pub requires: Vec<String>,
    pub crates: Vec<CrateUse>,
    pub features: Vec<(String, Vec<String>)>,
    pub root: Vec<String>,
}

/// A crate as one declaration asks for it, its version resolved.
#[derive(Debug, Clone)]
pub struct CrateUse {
    pub name: String,
    pub version: String,
    pub default_features: bool,
    pub features: Vec<String>,
    pub optional: bool,
}

/// Everything the headers declare.
#[derive(Debug)]
pub struct Runtime {
    pub templates: Vec<Template>,
    pub parts: Vec<Part>,
    pub every_client: Vec<CrateUse>,
    pub every_client_features: Vec<(String, Vec<String>)>,
    pub formats: Vec<(String, Vec<CrateUse>)>,
    /// Every feature name and crate name (in kebab case): what a feature by
    /// tag cannot be called.
    pub reserved: Vec<String>,
}

/// Reads the headers of the crate root (`lib.rs`) and of every template
/// (`(stem, text)`, sorted by stem).
pub fn runtime(lib: &str, files: &[(String, String)]) -> Result<Runtime, String> {
    let root = header::root(lib).map_err(|e| format!("lib.rs: {e}"))?;
    let mut templates = Vec::new();
    let mut parts = Vec::new();
    for (module, text) in files {
        let (h, body) = header::template(text).map_err(|e| format!("{module}.rs: {e}"))?;
        let file_parts = file_parts(module, &h, body).map_err(|e| format!("{module}.rs: {e}"))?;
        parts.extend(file_parts);
        templates.push(Template {
            module: module.clone(),
            reexport: h.reexport,
            feature: h.feature,
        });
    }
    check_names(&parts)?;
    let mut all_crates: Vec<&CrateDecl> = root.every_client.crates.iter().collect();
    all_crates.extend(root.formats.iter().flat_map(|(_, c)| c));
    let versions = versions(&all_crates, &parts_raw(&parts))?;
    let resolve = |decls: &[CrateDecl]| -> Vec<CrateUse> {
        decls.iter().map(|d| versions.resolve(d)).collect()
    };
    let every_client = resolve(&root.every_client.crates);
    let formats = root
        .formats
        .iter()
        .map(|(f, c)| (f.clone(), resolve(c)))
        .collect();
    let mut parts: Vec<Part> = parts
        .into_iter()
        .map(|raw| Part {
            crates: resolve(&raw.decl.crates),
            name: raw.name,
            module: raw.module,
            block: raw.block,
            always: raw.always,
            requires: raw.decl.requires,
            features: raw.decl.features,
            root: raw.decl.root,
        })
        .collect();
    let always: BTreeSet<String> = parts
        .iter()
        .filter(|p| p.always)
        .map(|p| p.name.clone())
        .collect();
    for p in &mut parts {
        p.requires.retain(|r| !always.contains(r));
    }
    let runtime = Runtime {
        templates,
        every_client_features: root.every_client.features,
        every_client,
        formats,
        reserved: Vec::new(),
        parts,
    };
    check_features(&runtime)?;
    let mut reserved: BTreeSet<String> = features_of(&runtime).map(|(n, _)| n.clone()).collect();
    reserved.extend(versions.names().map(|n| heck::AsKebabCase(n).to_string()));
    Ok(Runtime {
        reserved: reserved.into_iter().collect(),
        ..runtime
    })
}

/// A part before its crates' versions are resolved.
struct RawPart {
    name: String,
    module: String,
    block: Option<String>,
    always: bool,
    decl: Decl,
}

fn parts_raw(parts: &[RawPart]) -> Vec<&CrateDecl> {
    parts.iter().flat_map(|p| &p.decl.crates).collect()
}

/// The parts of one file: its own (if it has one), then its blocks in the
/// order the file first marks them. A block requires its file's own part;
/// in a file without one, what `[template]` declares goes with each block.
fn file_parts(module: &str, h: &TemplateHeader, body: &str) -> Result<Vec<RawPart>, String> {
    let markers = markers(body);
    let declared: BTreeSet<&str> = h.blocks.keys().map(String::as_str).collect();
    let marked: BTreeSet<&str> = markers.iter().copied().collect();
    if let Some(m) = marked.difference(&declared).next() {
        return Err(format!("`// @part {m}` is not in the header's `[blocks]`"));
    }
    if let Some(b) = declared.difference(&marked).next() {
        return Err(format!("block `{b}` of the header marks no `// @part {b}`"));
    }
    let mut parts = Vec::new();
    if let Some(own) = &h.part {
        parts.push(RawPart {
            name: own.clone(),
            module: module.to_string(),
            block: None,
            always: h.always,
            decl: h.shared.clone(),
        });
    } else if h.always {
        return Err("`always` without a `part`".into());
    } else if markers.is_empty() {
        return Err("no `part` and no blocks: the file is no part's".into());
    }
    for name in markers {
        let mut decl = h.blocks[name].clone();
        match &h.part {
            Some(own) => decl.requires.insert(0, own.clone()),
            None => {
                let shared = &h.shared;
                decl.requires.splice(0..0, shared.requires.iter().cloned());
                decl.root.splice(0..0, shared.root.iter().cloned());
                decl.crates.splice(0..0, shared.crates.iter().cloned());
                decl.features.splice(0..0, shared.features.iter().cloned());
            }
        }
        parts.push(RawPart {
            name: name.to_string(),
            module: module.to_string(),
            block: Some(name.to_string()),
            always: false,
            decl,
        });
    }
    for p in &parts {
        for item in &p.decl.root {
            if !defines_pub(body, item) {
                return Err(format!(
                    "part `{}`: `root` names `{item}`, which the file defines as no `pub` item",
                    p.name
                ));
            }
        }
    }
    Ok(parts)
}

/// The block names a body marks, each once, in order.
fn markers(body: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for line in body.lines() {
        if let Some(name) = line.trim().strip_prefix("// @part ") {
            if !out.contains(&name.trim()) {
                out.push(name.trim());
            }
        }
    }
    out
}

/// Whether `body` defines `name` as a `pub` item.
fn defines_pub(body: &str, name: &str) -> bool {
    body.lines().any(|line| {
        let Some(rest) = line.strip_prefix("pub ") else {
            return false;
        };
        let mut words = rest.split(|c: char| !(c.is_alphanumeric() || c == '_'));
        let kind = words.next();
        matches!(
            kind,
            Some("struct" | "enum" | "type" | "trait" | "fn" | "const")
        ) && words.next() == Some(name)
    })
}

/// Part names are snake-case identifiers, each one part's; every name
/// `requires` gives is a part's, and not the part's own.
fn check_names(parts: &[RawPart]) -> Result<(), String> {
    let mut names = BTreeMap::new();
    for p in parts {
        let snake = !p.name.is_empty()
            && p.name.starts_with(|c: char| c.is_ascii_lowercase())
            && p.name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !snake {
            return Err(format!(
                "{}.rs: part `{}` is not snake_case",
                p.module, p.name
            ));
        }
        if let Some(other) = names.insert(p.name.as_str(), p.module.as_str()) {
            return Err(format!(
                "part `{}` is declared by {other}.rs and {}.rs",
                p.name, p.module
            ));
        }
    }
    let mut roots = BTreeMap::new();
    for p in parts {
        for r in &p.decl.requires {
            if !names.contains_key(r.as_str()) {
                return Err(format!(
                    "{}.rs: part `{}` requires `{r}`, which is no part",
                    p.module, p.name
                ));
            }
            if *r == p.name {
                return Err(format!(
                    "{}.rs: part `{}` requires itself",
                    p.module, p.name
                ));
            }
        }
        for item in &p.decl.root {
            if let Some(other) = roots.insert(item.as_str(), p.name.as_str()) {
                if other != p.name {
                    return Err(format!(
                        "`{item}` is in the `root` of parts `{other}` and `{}`",
                        p.name
                    ));
                }
            }
        }
    }
    Ok(())
}

/// Each crate's version, default features and optionality, as the one
/// declaration (or the agreeing declarations) that give them say.
struct Versions(BTreeMap<String, (String, bool, bool)>);

impl Versions {
    fn resolve(&self, d: &CrateDecl) -> CrateUse {
        let (version, default_features, optional) = self.0[&d.name].clone();
        CrateUse {
            name: d.name.clone(),
            version,
            default_features,
            features: d.features.clone(),
            optional,
        }
    }

    fn names(&self) -> impl Iterator<Item = &String> {
        self.0.keys()
    }
}

fn versions(root: &[&CrateDecl], parts: &[&CrateDecl]) -> Result<Versions, String> {
    type Given<'a> = (Option<&'a str>, Option<bool>, Option<bool>);
    let mut by_name: BTreeMap<&str, Given> = BTreeMap::new();
    for d in root.iter().chain(parts) {
        let entry = by_name.entry(d.name.as_str()).or_default();
        let conflict =
            |what: &str| format!("crate `{}`: two headers give it different {what}", d.name);
        if let Some(v) = d.version.as_deref() {
            if entry.0.is_some_and(|e| e != v) {
                return Err(conflict("versions"));
            }
            entry.0 = Some(v);
        }
        if let Some(f) = d.default_features {
            if entry.1.is_some_and(|e| e != f) {
                return Err(conflict("`default-features`"));
            }
            entry.1 = Some(f);
        }
        if let Some(o) = d.optional {
            if entry.2.is_some_and(|e| e != o) {
                return Err(conflict("`optional`"));
            }
            entry.2 = Some(o);
        }
    }
    let mut out = BTreeMap::new();
    for (name, (version, default_features, optional)) in by_name {
        let version = version.ok_or(format!("crate `{name}`: no header gives its version"))?;
        out.insert(
            name.to_string(),
            (
                version.to_string(),
                default_features.unwrap_or(true),
                optional.unwrap_or(false),
            ),
        );
    }
    Ok(Versions(out))
}

/// Every feature declared, the crate root's first.
fn features_of(r: &Runtime) -> impl Iterator<Item = &(String, Vec<String>)> {
    r.every_client_features
        .iter()
        .chain(r.parts.iter().flat_map(|p| &p.features))
}

/// Each feature is declared once and turns on declared things: `dep:X` an
/// optional crate, `X/f` a crate, or another feature. An optional crate is
/// some feature's `dep:`; a template's `feature` is declared.
fn check_features(r: &Runtime) -> Result<(), String> {
    let crates: BTreeMap<&str, bool> = r
        .every_client
        .iter()
        .chain(r.parts.iter().flat_map(|p| &p.crates))
        .chain(r.formats.iter().flat_map(|(_, c)| c))
        .map(|c| (c.name.as_str(), c.optional))
        .collect();
    let mut features = BTreeSet::new();
    for (name, _) in features_of(r) {
        if !features.insert(name.as_str()) {
            return Err(format!("feature `{name}` is declared twice"));
        }
    }
    let mut enabled = BTreeSet::new();
    for (name, enables) in features_of(r) {
        for e in enables {
            let ok = if let Some(dep) = e.strip_prefix("dep:") {
                enabled.insert(dep);
                crates.get(dep) == Some(&true)
            } else if let Some((krate, _)) = e.split_once('/') {
                crates.contains_key(krate)
            } else {
                features.contains(e.as_str())
            };
            if !ok {
                return Err(format!(
                    "feature `{name}` turns on `{e}`, which is no declared (optional) crate or feature"
                ));
            }
        }
    }
    if let Some((c, _)) = crates.iter().find(|(c, o)| **o && !enabled.contains(**c)) {
        return Err(format!(
            "crate `{c}` is optional, and no feature turns it on (`dep:{c}`)"
        ));
    }
    for t in &r.templates {
        if let Some(f) = &t.feature {
            if !features.contains(f.as_str()) {
                return Err(format!(
                    "{}.rs: `feature = \"{f}\"` is no declared feature",
                    t.module
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIB: &str = "\
// [runtime]
// crates.reqwest = { version = \"0.13\", default-features = false, features = [\"json\"] }
// features.default = [\"rustls\"]
// features.rustls = [\"reqwest/rustls\"]
// [formats]
// uuid = { uuid = { features = [\"serde\"] } }

//! Doc.
";

    fn files(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(m, t)| (m.to_string(), t.to_string()))
            .collect()
    }

    const SEND: &str = "\
// [template]
// part = \"send\"
// reexport = \"crate\"
// crates.uuid = { version = \"1\", features = [\"v4\"] }
//
// [blocks]
// send_twice = { requires = [\"error\"] }

fn send() {}
// @part send_twice
fn twice() {}
// @end
";

    const ERROR: &str = "\
// [template]
// part = \"error\"
// reexport = \"pub\"
// always = true
// root = [\"Error\"]

pub enum Error {}
";

    #[test]
    fn headers_make_parts_with_their_requirements_and_crates() {
        let r = runtime(LIB, &files(&[("error", ERROR), ("send", SEND)])).unwrap();
        let names: Vec<&str> = r.parts.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["error", "send", "send_twice"]);
        // A block requires its file's part; an `always` part is left out.
        assert_eq!(r.parts[2].requires, ["send"]);
        assert_eq!(r.parts[2].block.as_deref(), Some("send_twice"));
        // The format's uuid has the version idempotency's declaration gives.
        assert_eq!(r.formats[0].1[0].version, "1");
        assert_eq!(r.formats[0].1[0].features, ["serde"]);
        assert_eq!(r.reserved, ["default", "reqwest", "rustls", "uuid"]);
    }

    /// Each mistake is an error that names it.
    #[test]
    fn what_the_headers_get_wrong_is_an_error() {
        let cases: &[(&str, &str, &str)] = &[
            (
                "requires = [\"error\"]",
                "requires = [\"eror\"]",
                "requires `eror`, which is no part",
            ),
            (
                "// @part send_twice",
                "// @part send_thrice",
                "`// @part send_thrice` is not in",
            ),
            ("version = \"1\", ", "", "no header gives its version"),
            ("part = \"send\"", "part = \"Send\"", "not snake_case"),
            (
                "part = \"send\"",
                "part = \"error\"",
                "declared by error.rs and send.rs",
            ),
            (
                "reexport = \"crate\"",
                "reexport = \"crate\"\n// feature = \"mock\"",
                "no declared feature",
            ),
            (
                "features = [\"v4\"] }",
                "features = [\"v4\"], optional = true }",
                "no feature turns it on",
            ),
        ];
        for (from, to, message) in cases {
            let send = SEND.replace(from, to);
            assert_ne!(send, SEND, "{from}");
            let error = runtime(LIB, &files(&[("error", ERROR), ("send", &send)])).unwrap_err();
            assert!(error.contains(message), "{to}: {error}");
        }
        let root = ERROR.replace("[\"Error\"]", "[\"Eror\"]");
        let error = runtime(LIB, &files(&[("error", &root), ("send", SEND)])).unwrap_err();
        assert!(error.contains("`root` names `Eror`"), "{error}");
        let lib = LIB.replace(
            "features = [\"serde\"]",
            "version = \"2\", features = [\"serde\"]",
        );
        let error = runtime(&lib, &files(&[("error", ERROR), ("send", SEND)])).unwrap_err();
        assert!(
            error.contains("crate `uuid`: two headers give it different versions"),
            "{error}"
        );
        let lib = LIB.replace("reqwest/rustls", "reqwest-tls/rustls");
        let error = runtime(&lib, &files(&[("error", ERROR), ("send", SEND)])).unwrap_err();
        assert!(error.contains("turns on `reqwest-tls/rustls`"), "{error}");
    }
}
