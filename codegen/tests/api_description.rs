//! `api.txt`: byte-stable, read back as written, and true to the code it
//! describes: each field, constructor, client method, setter, enum and
//! variant it lists is in the generated source with the type it says (so a
//! change to the emitter that the description does not follow fails here).

mod common;

use codegen::api::{Description, Item, Kind};
use codegen::{Generated, Options};

/// Every fixture and the Oxen document, generated once for both tests.
fn all() -> &'static [(String, Generated, Options)] {
    static ALL: std::sync::OnceLock<Vec<(String, Generated, Options)>> = std::sync::OnceLock::new();
    ALL.get_or_init(generate_all)
}

fn generate_all() -> Vec<(String, Generated, Options)> {
    let mut out: Vec<(String, Generated, Options)> = common::FIXTURES
        .iter()
        .map(|name| {
            let options = common::fixture_options(name);
            let generated = common::generate(&common::fixture(name), &options);
            (name.to_string(), generated, options)
        })
        .collect();
    let options = common::oxen_options();
    out.push((
        "oxen".into(),
        common::generate(&common::oxen(), &options),
        options,
    ));
    out
}

#[test]
fn the_description_is_byte_stable_and_reads_back() {
    for (name, generated, options) in all() {
        let (generated, options): (&Generated, &Options) = (generated, options);
        let header = generated.header(options, "#");
        let text = generated.api.render(&header);
        // Twice, for the richest documents (the snapshots catch any other change).
        if ["oxen", "parameters", "bodies", "unions", "security"].contains(&name.as_str()) {
            let text_again = if name == "oxen" {
                common::oxen()
            } else {
                common::fixture(name)
            };
            let again = common::generate(&text_again, options);
            assert_eq!(text, again.api.render(&header), "{name}: two runs differ");
        }
        let parsed = Description::parse(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(parsed, generated.api, "{name}: does not read back");
        assert_eq!(parsed.render(&header), text, "{name}");
        // Sorted by key, then kind, one item a line.
        let keys: Vec<(String, Kind)> = text
            .lines()
            .filter(|l| !l.starts_with('#'))
            .map(|l| {
                let item = Description::parse(&format!("# api 1: c 1.0.0\n{l}")).unwrap();
                let item: &Item = item.items().next().unwrap();
                (item.key.clone(), item.kind)
            })
            .collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted, "{name}: not sorted");
    }
}

/// The generated source with whitespace and module paths taken out, so a
/// description's `Option<DateTime<Utc>>` is found as it is written there
/// (`Option<chrono::DateTime<chrono::Utc>>`).
fn normalized(generated: &Generated) -> String {
    let mut text: String = generated
        .files
        .iter()
        .filter(|f| !f.path.starts_with("src/runtime/"))
        .map(|f| f.contents.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    text.retain(|c| !c.is_whitespace());
    for path in [
        "std::collections::",
        "chrono::",
        "serde_json::",
        "uuid::",
        "types::",
        "runtime::",
        "reqwest::",
        "super::",
        "operations::",
        "std::sync::",
    ] {
        text = text.replace(path, "");
    }
    // A list broken over lines ends with a comma.
    text.replace(",)", ")").replace(",>", ">")
}

fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// What the source must hold for an item, when its kind is one checked here.
fn expected_code(item: &Item, d: &Description) -> Option<Vec<String>> {
    let member = item.member();
    let rust = squeeze(&item.rust);
    Some(match item.kind {
        Kind::Field | Kind::Header | Kind::Part => vec![format!("pub{member}:{rust},")],
        Kind::New => {
            let args = rust.trim_start_matches('(').trim_end_matches(')');
            vec![format!("pubfnnew({args})->Self")]
        }
        Kind::Setter if member == "body" => vec![format!("pubfnbody(mutself,body:{rust})->Self")],
        Kind::Setter if member == "server" => {
            vec![format!("pubfnserver(mutself,url:{rust})->Self")]
        }
        Kind::Setter => vec![format!("pubfn{member}(mutself,value:{rust})->Self")],
        Kind::Op => {
            let (path, names) = item.rust.rsplit_once('(')?;
            let method = path.rsplit(['.', ':']).next()?;
            let args: Vec<String> = names
                .trim_end_matches(')')
                .split(", ")
                .filter(|a| !a.is_empty())
                .map(|a| {
                    let ty = d
                        .get(Kind::Arg, &format!("{}::{a}", item.key))
                        .map(|i| squeeze(&i.rust))
                        .unwrap_or_default();
                    format!(",{a}:{ty}")
                })
                .collect();
            vec![format!(
                "pubfn{method}(&self{})->{}<",
                args.concat(),
                item.key
            )]
        }
        Kind::Value | Kind::Error | Kind::Outcome | Kind::Variant | Kind::Media => {
            let payload = if rust.is_empty() { String::new() } else { rust };
            vec![format!("{member}{payload},")]
        }
        Kind::NonExhaustive => vec![format!("#[non_exhaustive]")],
        Kind::Credential => {
            let method = item.key.trim_start_matches("Client::");
            vec![format!(
                "pubfn{method}(mutself,{}",
                rust.trim_start_matches('(')
            )]
        }
        _ => return None,
    })
}

#[test]
fn the_description_agrees_with_the_generated_code() {
    let mut problems = Vec::new();
    let mut checked = 0;
    for (name, generated, _) in all() {
        let code = normalized(generated);
        for item in generated.api.items() {
            let Some(wanted) = expected_code(item, &generated.api) else {
                continue;
            };
            checked += 1;
            for w in wanted {
                if !code.contains(&w) {
                    problems.push(format!("{name}: `{item}`: no `{w}` in the code"));
                }
            }
            // `#[non_exhaustive]` on that very enum: among the attributes
            // between the previous item and `pub enum Name {`.
            if item.kind == Kind::NonExhaustive {
                let decl = format!("pubenum{}{{", item.key);
                let at = code.find(&decl).unwrap_or(0);
                let before = &code[..at];
                let start = before.rfind(['}', ';']).unwrap_or(0);
                if !before[start..].contains("#[non_exhaustive]") {
                    problems.push(format!("{name}: {} is not #[non_exhaustive]", item.key));
                }
            }
        }
        // And the other way: every enum the code marks is described so.
        for (i, _) in code.match_indices("#[non_exhaustive]") {
            let rest = &code[i..];
            let Some(at) = rest.find("pubenum") else {
                continue;
            };
            let name_end = rest[at + 7..].find('{').map_or(0, |e| at + 7 + e);
            let enum_name = &rest[at + 7..name_end];
            if !generated.api.has(Kind::NonExhaustive, enum_name) {
                problems.push(format!(
                    "{name}: {enum_name} is #[non_exhaustive] but not described so"
                ));
            }
        }
    }
    assert!(checked > 1000, "only {checked} items checked");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
