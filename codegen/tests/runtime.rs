//! The runtime a generated crate carries is its templates as written: every
//! `src/runtime/` file of every fixture's client and of the Oxen client is
//! the header and its template of `codegen/runtime/src/`, less the template's
//! tests and the blocks the client does not need.

mod common;

use codegen::emit::runtime::{markers, splice, Reexport, TEMPLATES};
use codegen::uses::RuntimePart;
use codegen::{Generated, Options};
use std::collections::BTreeSet;

fn documents() -> Vec<(String, Generated, Options)> {
    let mut docs: Vec<(String, String, Options)> = common::FIXTURES
        .iter()
        .map(|n| {
            (
                n.to_string(),
                common::fixture(n),
                common::fixture_options(n),
            )
        })
        .collect();
    docs.push((
        "oxen_hub_api".into(),
        common::oxen(),
        common::options(common::OXEN_SPEC),
    ));
    docs.into_iter()
        .map(|(name, text, options)| {
            let generated = common::generate(&text, &options);
            (name, generated, options)
        })
        .collect()
}

/// Whether `generated` is `template` (before its tests) less its marker lines
/// and some of its blocks, each whole. Returns the blocks it keeps. This
/// reads the two texts line by line, apart from the splicing code.
fn kept_blocks(template: &str, generated: &str) -> Result<Vec<String>, String> {
    let lines: Vec<&str> = template.lines().collect();
    let end = lines
        .windows(2)
        .position(|w| {
            w[0] == "#[cfg(test)]" && matches!(w[1], "mod tests {" | "pub(crate) mod tests {")
        })
        .ok_or("the template has no test module at its end")?;
    let mut body = &lines[..end];
    while body.last().is_some_and(|l| l.is_empty()) {
        body = &body[..body.len() - 1];
    }
    let out: Vec<&str> = generated.lines().collect();
    let (mut at, mut i, mut kept) = (0, 0, Vec::new());
    while i < body.len() {
        if let Some(name) = body[i].trim().strip_prefix("// @part ") {
            let close = body[i..]
                .iter()
                .position(|l| l.trim() == "// @end")
                .ok_or("a block has no end")?;
            let block = &body[i + 1..i + close];
            if out.get(at..at + block.len()) == Some(block) {
                at += block.len();
                kept.push(name.to_string());
            }
            i += close + 1;
        } else {
            if out.get(at) != Some(&body[i]) {
                return Err(format!(
                    "template line {}: {:?}, generated line {}: {:?}",
                    i + 1,
                    body[i],
                    at + 1,
                    out.get(at)
                ));
            }
            at += 1;
            i += 1;
        }
    }
    if at != out.len() {
        return Err(format!("generated line {} is not the template's", at + 1));
    }
    Ok(kept)
}

#[test]
fn generated_runtime_files_are_their_templates() {
    for (name, generated, options) in documents() {
        let head = format!("{}\n", codegen::header(&options, "//"));
        for file in &generated.files {
            let Some(stem) = file.path.strip_prefix("src/runtime/") else {
                continue;
            };
            if stem == "mod.rs" {
                continue;
            }
            let module = stem.trim_end_matches(".rs");
            let template = TEMPLATES
                .iter()
                .find(|t| t.module == module)
                .unwrap_or_else(|| panic!("{name}: {} is no template", file.path));
            let text = file
                .contents
                .strip_prefix(&head)
                .unwrap_or_else(|| panic!("{name}: {} has no header", file.path));
            let kept = kept_blocks(template.body(), text)
                .unwrap_or_else(|e| panic!("{name}: {} is not its template: {e}", file.path));
            // The blocks it keeps are the ones the analysis asked for, and the
            // splice of the generator gives the same text.
            let wanted = |m: &str| {
                generated
                    .uses
                    .runtime
                    .iter()
                    .any(|p| p.place() == (module, Some(m)))
            };
            let asked: Vec<&str> = markers(template.body())
                .into_iter()
                .filter(|m| wanted(m))
                .collect();
            assert_eq!(kept, asked, "{name}: {}", file.path);
            assert_eq!(
                text,
                splice(template.body(), wanted).unwrap(),
                "{name}: {}",
                file.path
            );
        }
    }
}

/// Every part of the runtime is in some client the tests compile, so every
/// line of every template is compiled in a generated crate with warnings
/// denied (`fixture-clients`), dead code included.
#[test]
fn every_runtime_part_is_in_some_fixtures_client() {
    let mut used = BTreeSet::new();
    for (_, generated, _) in documents() {
        used.extend(generated.uses.runtime.iter().copied());
    }
    let unused: Vec<&RuntimePart> = RuntimePart::ALL
        .iter()
        .filter(|p| !used.contains(p))
        .collect();
    assert!(unused.is_empty(), "no fixture's client uses {unused:?}");
}

/// The template crate's root declares every template and re-exports it as
/// `runtime/mod.rs` does, so a template compiles there as in a client.
#[test]
fn the_template_crate_is_laid_out_as_the_generated_runtime() {
    let lib = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/runtime/src/lib.rs"))
        .expect("codegen/runtime/src/lib.rs is readable");
    let lib = syn::parse_file(&lib).expect("lib.rs parses");
    let mut mods = Vec::new();
    let mut reexports = Vec::new();
    for item in &lib.items {
        match item {
            syn::Item::Mod(m) => mods.push(m.ident.to_string()),
            syn::Item::Use(u) => {
                let text = quote::quote!(#u).to_string().replace(' ', "");
                reexports.push(text);
            }
            _ => {}
        }
    }
    let expected_mods: Vec<String> = TEMPLATES.iter().map(|t| t.module.to_string()).collect();
    assert_eq!(mods, expected_mods);
    let expected_reexports: Vec<String> = TEMPLATES
        .iter()
        .filter_map(|t| match t.reexport {
            Reexport::Pub => Some(format!("pubuse{}::*;", t.module)),
            Reexport::Crate => Some(format!("pub(crate)use{}::*;", t.module)),
            Reexport::None => None,
        })
        .collect();
    assert_eq!(reexports, expected_reexports);
    // And no template file is left out of the registry.
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/runtime/src");
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .expect("codegen/runtime/src is readable")
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            e.file_name()
                .to_str()
                .and_then(|n| n.strip_suffix(".rs"))
                .map(str::to_string)
        })
        .filter(|n| n != "lib")
        .collect();
    files.sort();
    assert_eq!(files, expected_mods);
}

/// A segment of a template: its text outside blocks (`None`) or a block.
type Segment = (&'static str, Option<&'static str>);

/// The segments of every template, with their text.
fn segments() -> Vec<(Segment, String)> {
    let mut out = Vec::new();
    for t in TEMPLATES {
        out.push(((t.module, None), splice(t.body(), |_| false).unwrap()));
        let mut seen = Vec::new();
        for m in markers(t.body()) {
            if seen.contains(&m) {
                continue;
            }
            seen.push(m);
            let all = splice(t.body(), |_| false).unwrap();
            let with = splice(t.body(), |x| x == m).unwrap();
            // The block's lines: those `with` has and `all` has not.
            let block: Vec<&str> = with
                .lines()
                .filter(|l| !all.lines().any(|a| a == *l))
                .collect();
            out.push(((t.module, Some(m)), block.join("\n")));
        }
    }
    out
}

/// A word of code: the character before it, the word, and the text after it.
struct Word {
    before: char,
    word: String,
    after: String,
}

/// The words of code (comments and string literals left out).
fn code_words(text: &str) -> Vec<Word> {
    let mut code = String::new();
    for line in text.lines() {
        let line = line.split("//").next().unwrap_or("");
        let mut in_string = false;
        for c in line.chars() {
            if c == '"' {
                in_string = !in_string;
                code.push(' ');
            } else if !in_string {
                code.push(c);
            }
        }
        code.push('\n');
    }
    let chars: Vec<char> = code.chars().collect();
    let mut words = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_alphanumeric() || chars[i] == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            words.push(Word {
                before: if start == 0 { ' ' } else { chars[start - 1] },
                word: chars[start..i].iter().collect(),
                after: chars[i..(i + 3).min(chars.len())].iter().collect(),
            });
        } else {
            i += 1;
        }
    }
    words
}

/// What a segment defines: its items (`true`), and the methods of its
/// inherent `impl` blocks (`false`; a trait's methods are called through the
/// trait).
fn definitions(text: &str) -> Vec<(String, bool)> {
    let mut names = Vec::new();
    let mut in_trait_impl = false;
    for line in text.lines().filter(|l| !l.trim_start().starts_with("//")) {
        if !line.starts_with(' ') && line.starts_with("impl") {
            in_trait_impl = line.contains(" for ");
        }
        let item = if !line.starts_with(' ') {
            Some((line, true))
        } else if !in_trait_impl && line.starts_with("    ") && !line.starts_with("     ") {
            Some((line.trim_start(), false))
        } else {
            None
        };
        let Some((item, top_level)) = item else {
            continue;
        };
        let words: Vec<&str> = item
            .split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .filter(|w| !w.is_empty())
            .collect();
        if let Some(at) = words
            .iter()
            .position(|w| matches!(*w, "fn" | "const" | "struct" | "enum" | "type"))
        {
            if let Some(name) = words.get(at + 1) {
                names.push((name.to_string(), top_level));
            }
        }
    }
    names
}

/// A part's requirements name every part whose items it calls: each item a
/// block names that another segment defines (a function, type or constant;
/// a method called on `self`) is in a part the block's part requires, so a
/// client never gets a block without what it calls.
#[test]
fn every_part_requires_what_it_calls() {
    let segments = segments();
    let mut defined_in: std::collections::BTreeMap<String, Vec<(Segment, bool)>> =
        Default::default();
    for (segment, text) in &segments {
        for (name, top_level) in definitions(text) {
            defined_in
                .entry(name)
                .or_default()
                .push((*segment, top_level));
        }
    }
    let parts_at = |segment: Segment| -> Vec<RuntimePart> {
        RuntimePart::ALL
            .iter()
            .copied()
            .filter(|p| match segment.1 {
                Some(_) => p.place() == segment,
                // Text outside blocks comes with every part of its file.
                None => p.place().0 == segment.0,
            })
            .collect()
    };
    let mut problems = Vec::new();
    for (segment, text) in &segments {
        let words = code_words(text);
        for (i, w) in words.iter().enumerate() {
            let word = &w.word;
            let Some(defs) = defined_in.get(word) else {
                continue;
            };
            let [((file, marker), top_level)] = defs.as_slice() else {
                continue; // a name two segments define: not a call this can tell
            };
            let prev_word = i.checked_sub(1).map(|j| words[j].word.as_str());
            let path_start = w.before != ':' || prev_word == Some("super");
            let typeish =
                word.starts_with(|c: char| c.is_ascii_uppercase()) && w.before != '.' && path_start;
            let called = w.after.starts_with('(') || w.after.starts_with("::<");
            let named = w.before != '.' && path_start;
            // An item is named wherever it is (`parts(..)`, `.joined(",",
            // encode_segment)`); a method where it is called on `self`.
            let uses = if *top_level {
                named
            } else {
                called && w.before == '.' && prev_word == Some("self")
            };
            let here = (*file, *marker) == *segment || (*file == segment.0 && marker.is_none());
            if !(typeish || uses) || here {
                continue;
            }
            for part in parts_at(*segment) {
                let closure = codegen::uses::with_requirements(BTreeSet::from([part]));
                let met = RuntimePart::ALWAYS
                    .iter()
                    .chain(&closure)
                    .any(|p| match marker {
                        Some(_) => p.place() == (*file, *marker),
                        None => p.place().0 == *file,
                    });
                if !met {
                    problems.push(format!(
                        "{part:?} calls `{word}` of {file}.rs {marker:?}, and does not require it"
                    ));
                }
            }
        }
    }
    problems.sort();
    problems.dedup();
    assert!(problems.is_empty(), "{problems:#?}");
}

/// The committed Oxen client's runtime files, as they are on disk, are their
/// templates too.
#[test]
fn the_oxen_clients_runtime_files_are_their_templates() {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../generated-client/src/runtime"
    );
    let mut checked = 0;
    for t in TEMPLATES {
        let Ok(text) = std::fs::read_to_string(format!("{dir}/{}.rs", t.module)) else {
            continue;
        };
        let (header, body) = text.split_once("\n\n").expect("a header, then the file");
        assert!(
            header.starts_with("// @generated by "),
            "{}.rs: {header}",
            t.module
        );
        kept_blocks(t.body(), body)
            .unwrap_or_else(|e| panic!("{}.rs is not its template: {e}", t.module));
        checked += 1;
    }
    assert!(checked >= 5, "only {checked} runtime files in {dir}");
}
