//! Reading one header: the leading `//` lines of a runtime file, TOML once
//! their `// ` is taken off. A template's begins `// [template]`, the crate
//! root's `// [runtime]` (their keys are in `codegen/runtime/src/lib.rs`'s
//! docs). Every key is checked: one this does not know is an error.

use std::collections::BTreeMap;
use toml::{Table, Value};

/// A template's header.
#[derive(Debug, Default)]
pub struct TemplateHeader {
    /// The file's own part (its text outside blocks), if it is one.
    pub part: Option<String>,
    pub reexport: String,
    pub feature: Option<String>,
    pub always: bool,
    /// What `[template]` declares: for the file's own part, or else for
    /// each of its blocks.
    pub shared: Decl,
    /// Each block, by name.
    pub blocks: BTreeMap<String, Decl>,
}

/// What a part (or the text it shares with its blocks) declares.
#[derive(Debug, Default, Clone)]
pub struct Decl {
    pub requires: Vec<String>,
    pub root: Vec<String>,
    pub crates: Vec<CrateDecl>,
    pub features: Vec<(String, Vec<String>)>,
}

/// A crate as a header writes it, in Cargo's syntax: `"1"`, or a table of
/// `version`, `default-features`, `features` and `optional`.
#[derive(Debug, Clone, Default)]
pub struct CrateDecl {
    pub name: String,
    pub version: Option<String>,
    pub default_features: Option<bool>,
    pub features: Vec<String>,
    pub optional: Option<bool>,
}

/// The crate root's header: what every client has, and what its types
/// name for a format.
#[derive(Debug, Default)]
pub struct RootHeader {
    pub every_client: Decl,
    pub formats: Vec<(String, Vec<CrateDecl>)>,
}

/// The header's lines and the text after it (the blank line that ends the
/// header dropped), as the generator's `Template::body` splits them.
pub fn split(text: &str) -> (Vec<&str>, &str) {
    let mut lines = Vec::new();
    let mut rest = text;
    while rest.starts_with("//") && !rest.starts_with("///") && !rest.starts_with("//!") {
        let (line, after) = rest.split_once('\n').unwrap_or((rest, ""));
        lines.push(line);
        rest = after;
    }
    (lines, rest.strip_prefix('\n').unwrap_or(rest))
}

/// The header's TOML: its lines without `// ` (or a bare `//`).
fn toml_of(lines: &[&str], first: &str) -> Result<Table, String> {
    if lines.first().map(|l| l.trim_end()) != Some(first) {
        return Err(format!(
            "the file does not begin with its header, `{first}`"
        ));
    }
    let mut text = String::new();
    for line in lines {
        let line = match line.strip_prefix("// ") {
            Some(l) => l,
            None if line.trim_end() == "//" => "",
            None => return Err(format!("header line `{line}`: not `// ` and TOML")),
        };
        text.push_str(line);
        text.push('\n');
    }
    text.parse::<Table>()
        .map_err(|e| format!("the header: {e}"))
}

/// Reads a template's header.
pub fn template(text: &str) -> Result<(TemplateHeader, &str), String> {
    let (lines, body) = split(text);
    let mut toml = toml_of(&lines, "// [template]")?;
    let mut template = take_table(&mut toml, "template")?.unwrap_or_default();
    let blocks = take_table(&mut toml, "blocks")?.unwrap_or_default();
    no_more(&toml, "the header")?;
    let mut header = TemplateHeader {
        part: take_string(&mut template, "part")?,
        reexport: take_string(&mut template, "reexport")?
            .ok_or("`[template]` has no `reexport` (\"pub\", \"crate\" or \"none\")")?,
        feature: take_string(&mut template, "feature")?,
        always: take_bool(&mut template, "always")?.unwrap_or(false),
        ..Default::default()
    };
    header.shared = decl(&mut template, "[template]")?;
    for (name, value) in blocks {
        let Value::Table(mut table) = value else {
            return Err(format!("block `{name}`: not a table (`{name} = {{}}`)"));
        };
        let what = format!("block `{name}`");
        let d = decl(&mut table, &what)?;
        header.blocks.insert(name, d);
    }
    if !matches!(header.reexport.as_str(), "pub" | "crate" | "none") {
        return Err(format!(
            "`reexport = \"{}\"`: it is \"pub\", \"crate\" or \"none\"",
            header.reexport
        ));
    }
    Ok((header, body))
}

/// Reads the crate root's header.
pub fn root(text: &str) -> Result<RootHeader, String> {
    let (lines, _) = split(text);
    let mut toml = toml_of(&lines, "// [runtime]")?;
    let mut runtime = take_table(&mut toml, "runtime")?.unwrap_or_default();
    let formats = take_table(&mut toml, "formats")?.unwrap_or_default();
    no_more(&toml, "the header")?;
    let every_client = decl(&mut runtime, "[runtime]")?;
    if !every_client.requires.is_empty() || !every_client.root.is_empty() {
        return Err("`[runtime]` takes only `crates` and `features`".into());
    }
    let formats = formats
        .into_iter()
        .map(|(format, value)| {
            let Value::Table(table) = value else {
                return Err(format!("format `{format}`: not a table of crates"));
            };
            let crates = table
                .into_iter()
                .map(|(name, v)| crate_decl(name, v))
                .collect::<Result<_, _>>()?;
            Ok((format, crates))
        })
        .collect::<Result<_, String>>()?;
    Ok(RootHeader {
        every_client,
        formats,
    })
}

/// The keys a part declares, taken from `table`, which must hold no others.
fn decl(table: &mut Table, what: &str) -> Result<Decl, String> {
    let crates = take_table(table, "crates")?.unwrap_or_default();
    let features = take_table(table, "features")?.unwrap_or_default();
    let d = Decl {
        requires: take_strings(table, "requires")?,
        root: take_strings(table, "root")?,
        crates: crates
            .into_iter()
            .map(|(name, v)| crate_decl(name, v))
            .collect::<Result<_, _>>()?,
        features: features
            .into_iter()
            .map(|(name, v)| {
                let enables = strings(v).map_err(|e| format!("feature `{name}`: {e}"))?;
                Ok((name, enables))
            })
            .collect::<Result<_, String>>()?,
    };
    no_more(table, what)?;
    Ok(d)
}

fn crate_decl(name: String, value: Value) -> Result<CrateDecl, String> {
    let mut c = CrateDecl {
        name,
        ..Default::default()
    };
    match value {
        Value::String(version) => c.version = Some(version),
        Value::Table(mut t) => {
            let what = format!("crate `{}`", c.name);
            c.version = take_string(&mut t, "version").map_err(|e| format!("{what}: {e}"))?;
            c.default_features =
                take_bool(&mut t, "default-features").map_err(|e| format!("{what}: {e}"))?;
            c.features = take_strings(&mut t, "features").map_err(|e| format!("{what}: {e}"))?;
            c.optional = take_bool(&mut t, "optional").map_err(|e| format!("{what}: {e}"))?;
            no_more(&t, &what)?;
        }
        _ => return Err(format!("crate `{}`: a version or a table", c.name)),
    }
    Ok(c)
}

fn no_more(table: &Table, what: &str) -> Result<(), String> {
    match table.keys().next() {
        Some(key) => Err(format!("{what}: unknown key `{key}`")),
        None => Ok(()),
    }
}

fn take_table(table: &mut Table, key: &str) -> Result<Option<Table>, String> {
    match table.remove(key) {
        None => Ok(None),
        Some(Value::Table(t)) => Ok(Some(t)),
        Some(_) => Err(format!("`{key}` is not a table")),
    }
}

fn take_string(table: &mut Table, key: &str) -> Result<Option<String>, String> {
    match table.remove(key) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(format!("`{key}` is not a string")),
    }
}

fn take_bool(table: &mut Table, key: &str) -> Result<Option<bool>, String> {
    match table.remove(key) {
        None => Ok(None),
        Some(Value::Boolean(b)) => Ok(Some(b)),
        Some(_) => Err(format!("`{key}` is not true or false")),
    }
}

fn take_strings(table: &mut Table, key: &str) -> Result<Vec<String>, String> {
    match table.remove(key) {
        None => Ok(Vec::new()),
        Some(v) => strings(v).map_err(|e| format!("`{key}`: {e}")),
    }
}

fn strings(value: Value) -> Result<Vec<String>, String> {
    let Value::Array(items) = value else {
        return Err("not a list of strings".into());
    };
    items
        .into_iter()
        .map(|v| match v {
            Value::String(s) => Ok(s),
            _ => Err("not a list of strings".to_string()),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_header_is_read_whole_and_strictly() {
        let text = "\
// [template]
// part = \"pages\"
// reexport = \"pub\"
// requires = [\"request\"]
// crates.futures-util = \"0.3\"
//
// [blocks]
// pages_link = { requires = [\"pages_same_origin\"], crates = { http-link = { version = \"1\", features = [\"x\"] } } }

//! Doc.
";
        let (h, body) = template(text).unwrap();
        assert_eq!(body, "//! Doc.\n");
        assert_eq!(h.part.as_deref(), Some("pages"));
        assert_eq!(h.shared.requires, ["request"]);
        assert_eq!(h.shared.crates[0].version.as_deref(), Some("0.3"));
        let link = &h.blocks["pages_link"];
        assert_eq!(link.crates[0].name, "http-link");
        assert_eq!(link.crates[0].features, ["x"]);

        let unknown = text.replace("requires = [\"request\"]", "require = [\"request\"]");
        assert!(template(&unknown)
            .unwrap_err()
            .contains("unknown key `require`"));
        let reexport = text.replace("\"pub\"", "\"public\"");
        assert!(template(&reexport).unwrap_err().contains("\"public\""));
        assert!(template("//! Doc.\n")
            .unwrap_err()
            .contains("does not begin with its header"));
        let block = text.replace("pages_link = {", "pages_link = { optional = true,");
        assert!(template(&block)
            .unwrap_err()
            .contains("block `pages_link`: unknown key `optional`"));
    }
}
