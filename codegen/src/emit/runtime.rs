//! The runtime every generated client carries, in `src/runtime/`: the
//! templates of `codegen/runtime/src/` (the `client-runtime` crate), each
//! spliced in as it is written when the client needs it, and a `mod.rs` that
//! declares them.
//!
//! Splicing keeps a template's text, comments and docs as they are. It drops
//! the header ([`Template::body`]), the `#[cfg(test)] mod tests` at the end,
//! the `// @part NAME` and `// @end` lines, and the lines between them when
//! the client does not need part `NAME` ([`crate::uses::RuntimePart`] names
//! each part and where it is; the headers declare them all).

pub use crate::templates::{Reexport, Template, TEMPLATES};
use crate::uses::{RuntimePart, Uses};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The templates a client needs, in module order.
pub fn needed(uses: &Uses) -> Vec<&'static Template> {
    TEMPLATES
        .iter()
        .filter(|t| uses.runtime.iter().any(|p| p.place().0 == t.module))
        .collect()
}

/// Whether a client needs the block `marker` of the template `module`.
fn keeps(uses: &Uses, module: &str, marker: &str) -> bool {
    uses.runtime
        .iter()
        .any(|p| p.place() == (module, Some(marker)))
}

/// The text of each runtime file a client needs, by path below `src/runtime/`,
/// without the header. `runtime/mod.rs` is not among them: see [`mod_rs`].
pub fn files(uses: &Uses) -> Result<Vec<(String, String)>, String> {
    needed(uses)
        .into_iter()
        .map(|t| {
            let text = splice(t.body(), |marker| keeps(uses, t.module, marker))
                .map_err(|e| format!("the runtime template {}.rs: {e}", t.module))?;
            Ok((format!("{}.rs", t.module), text))
        })
        .collect()
}

/// `runtime/mod.rs`: a module per needed template, and its items re-exported,
/// so generated code reaches them all as `runtime::Name`.
pub fn mod_rs(uses: &Uses) -> TokenStream {
    let needed = needed(uses);
    let gate = |t: &Template| {
        t.feature
            .map(|feature| quote! { #[cfg(feature = #feature)] })
    };
    let mods = needed.iter().map(|t| {
        let (module, gate) = (format_ident!("{}", t.module), gate(t));
        quote! { #gate mod #module; }
    });
    let reexports = needed.iter().filter_map(|t| {
        let (module, gate) = (format_ident!("{}", t.module), gate(t));
        match t.reexport {
            Reexport::Pub => Some(quote! { #gate pub use #module::*; }),
            Reexport::Crate => Some(quote! { #gate pub(crate) use #module::*; }),
            Reexport::None => None,
        }
    });
    let doc = super::docs::inner_verbatim(
        "The support code the client's operations and types share: responses and errors, \
         sending with retries, timeouts and hooks, credentials, and how parameters and \
         bodies are written.\n\n\
         Each file is copied from the generator's runtime templates (its `client-runtime` \
         crate, where they are tested), with the parts of them this client uses.",
    );
    quote! {
        #doc

        #(#mods)*

        #(#reexports)*
    }
}

/// The runtime's names the crate root re-exports, sorted: those of every
/// part the client has (its header's `root`).
pub fn root_items(uses: &Uses) -> Vec<&'static str> {
    let mut items: Vec<&'static str> = uses
        .runtime
        .iter()
        .flat_map(|p| p.decl().root)
        .copied()
        .collect();
    items.sort_unstable();
    items
}

/// A marker line: `Some(Some(name))` opens part `name`, `Some(None)` closes it.
fn marker(line: &str) -> Option<Option<&str>> {
    let line = line.trim();
    if line == "// @end" {
        return Some(None);
    }
    line.strip_prefix("// @part ").map(|name| Some(name.trim()))
}

/// A template's text without its test module (`#[cfg(test)] mod tests`, or
/// `pub(crate) mod tests` at the end), its marker lines, and the
/// blocks `keep` refuses.
pub fn splice(template: &str, keep: impl Fn(&str) -> bool) -> Result<String, String> {
    let lines: Vec<&str> = template.lines().collect();
    let end = lines
        .windows(2)
        // `pub(crate)` where other templates' tests share its fixtures.
        .position(|w| {
            w[0].trim() == "#[cfg(test)]"
                && matches!(w[1].trim(), "mod tests {" | "pub(crate) mod tests {")
        })
        .unwrap_or(lines.len());
    let mut out = String::with_capacity(template.len());
    let mut open: Option<(&str, bool)> = None;
    for (n, line) in lines[..end].iter().enumerate() {
        match (marker(line), open) {
            (Some(Some(name)), None) => open = Some((name, keep(name))),
            (Some(Some(name)), Some((outer, _))) => {
                return Err(format!(
                    "line {}: part `{name}` inside part `{outer}`",
                    n + 1
                ))
            }
            (Some(None), Some(_)) => open = None,
            (Some(None), None) => return Err(format!("line {}: `// @end` of no part", n + 1)),
            (None, Some((_, false))) => {}
            (None, _) => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    if let Some((name, _)) = open {
        return Err(format!("part `{name}` has no `// @end`"));
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.push('\n');
    Ok(out)
}

/// Every part name a template marks, in order.
pub fn markers(template: &str) -> Vec<&str> {
    template
        .lines()
        .filter_map(|l| marker(l).flatten())
        .collect()
}

/// The template of a part.
pub fn template_of(part: RuntimePart) -> Option<&'static Template> {
    TEMPLATES.iter().find(|t| t.module == part.place().0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splice_drops_tests_markers_and_refused_parts() {
        let template = "\
//! Doc.

fn a() {}
// @part b

fn b() {}
// @end
// @part c

fn c() {}
// @end

fn d() {}

#[cfg(test)]
mod tests {
    fn t() {}
}
";
        assert_eq!(
            splice(template, |p| p == "c").unwrap(),
            "//! Doc.\n\nfn a() {}\n\nfn c() {}\n\nfn d() {}\n"
        );
        assert_eq!(
            splice(template, |_| true).unwrap(),
            "//! Doc.\n\nfn a() {}\n\nfn b() {}\n\nfn c() {}\n\nfn d() {}\n"
        );
        assert_eq!(
            splice(template, |_| false).unwrap(),
            "//! Doc.\n\nfn a() {}\n\nfn d() {}\n"
        );
        assert_eq!(markers(template), ["b", "c"]);
    }

    #[test]
    fn splice_refuses_nested_and_unclosed_parts() {
        let nested = "// @part a\n// @part b\n// @end\n// @end\n";
        assert!(splice(nested, |_| true)
            .unwrap_err()
            .contains("inside part `a`"));
        assert!(splice("// @part a\nfn a() {}\n", |_| true)
            .unwrap_err()
            .contains("no `// @end`"));
        assert!(splice("// @end\n", |_| true)
            .unwrap_err()
            .contains("of no part"));
    }

    /// Every part names a template, and a marker of it when it has one; every
    /// marker of every template is some part's.
    #[test]
    fn parts_and_templates_agree() {
        for &part in RuntimePart::ALL {
            let (module, marker) = part.place();
            let template = template_of(part).unwrap_or_else(|| panic!("{part:?}: no {module}.rs"));
            if let Some(marker) = marker {
                assert!(
                    markers(template.body()).contains(&marker),
                    "{part:?}: {module}.rs has no part `{marker}`"
                );
            }
        }
        for t in TEMPLATES {
            assert!(
                RuntimePart::ALL.iter().any(|p| p.place().0 == t.module),
                "{}.rs is no part's",
                t.module
            );
            for marker in markers(t.body()) {
                let owners = RuntimePart::ALL
                    .iter()
                    .filter(|p| p.place() == (t.module, Some(marker)))
                    .count();
                assert_eq!(owners, 1, "part `{marker}` of {}.rs", t.module);
            }
        }
    }

    /// Each way a parameter is written is a part named as the runtime
    /// function that writes it, which its template defines.
    #[test]
    fn every_parameter_part_is_named_as_its_function() {
        use crate::model::{Location, ParamStyle};
        let locations = [
            Location::Path,
            Location::Query,
            Location::Header,
            Location::Cookie,
        ];
        let styles = [
            ParamStyle::Form,
            ParamStyle::SpaceDelimited,
            ParamStyle::PipeDelimited,
            ParamStyle::DeepObject,
            ParamStyle::Simple,
            ParamStyle::Label,
            ParamStyle::Matrix,
        ];
        for location in locations {
            for style in styles {
                for explode in [false, true] {
                    let part = crate::uses::param_part(location, style, explode);
                    let name = part.name();
                    let body = template_of(part).unwrap().body();
                    assert!(
                        body.contains(&format!("pub(crate) fn {name}<")),
                        "{location:?} {style:?} {explode}: {part:?} is no function `{name}`"
                    );
                }
            }
        }
    }

    /// A text's top-level `use` items, and the rest.
    fn split_uses(text: &str) -> (String, String) {
        let (mut uses, mut rest) = (Vec::new(), Vec::new());
        let mut in_use = false;
        for line in text.lines() {
            if line.starts_with("use ") || in_use {
                in_use = !line.ends_with(';');
                uses.push(line);
            } else {
                rest.push(line);
            }
        }
        (uses.join(" "), rest.join("\n"))
    }

    fn uses_word(text: &str, name: &str) -> bool {
        text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .any(|word| word == name)
    }

    /// What a template file imports is used outside its blocks, so it is used
    /// whatever blocks a client keeps (a block names what only it needs by
    /// its path, `super::Parts`). A file that is all blocks keeps one at
    /// least, so there an import that every block uses is used too.
    #[test]
    fn imports_are_used_whatever_blocks_a_client_keeps() {
        for t in TEMPLATES {
            let (uses, rest) = split_uses(&splice(t.body(), |_| false).unwrap());
            let names = uses
                .split(';')
                .filter_map(|u| u.trim().strip_prefix("use "))
                .flat_map(|path| {
                    let path = path.trim_end_matches('}');
                    let list = path.rsplit_once('{').map_or(path, |(_, list)| list);
                    list.split(',')
                        .map(|n| n.trim().rsplit("::").next().unwrap_or("").to_string())
                        .collect::<Vec<_>>()
                })
                .filter(|n| !n.is_empty())
                .collect::<Vec<_>>();
            assert!(uses.is_empty() || !names.is_empty(), "{}.rs", t.module);
            let all_blocks = !RuntimePart::ALL
                .iter()
                .any(|p| p.place() == (t.module, None));
            for name in names {
                let in_every_block = all_blocks
                    && markers(t.body()).iter().all(|&only| {
                        let kept = splice(t.body(), |m| m == only).unwrap();
                        uses_word(&split_uses(&kept).1, &name)
                    });
                assert!(
                    uses_word(&rest, &name) || in_every_block,
                    "{}.rs imports `{name}`, which only some blocks use",
                    t.module
                );
            }
        }
    }

    /// Whatever a client keeps, the text is laid out as rustfmt lays it out:
    /// no two blank lines in a row, none after an opening or before a
    /// closing brace.
    #[test]
    fn every_splice_is_laid_out_cleanly() {
        for t in TEMPLATES {
            let markers = markers(t.body());
            // All blocks, none, each alone, and all but each.
            let mut choices: Vec<(bool, Option<&str>)> = vec![(true, None), (false, None)];
            for &only in &markers {
                choices.push((true, Some(only)));
                choices.push((false, Some(only)));
            }
            for (alone, marker) in choices {
                let keep = |m: &str| match marker {
                    None => alone,
                    Some(marker) => (m == marker) == alone,
                };
                let text = splice(t.body(), keep).unwrap();
                let lines: Vec<&str> = text.lines().collect();
                for (i, pair) in lines.windows(2).enumerate() {
                    let (a, b) = (pair[0].trim(), pair[1].trim());
                    assert!(
                        !(b.is_empty() && (a.is_empty() || a.ends_with('{'))
                            || a.is_empty() && b.starts_with('}')),
                        "{}.rs, line {}: blank lines out of place:\n{text}",
                        t.module,
                        i + 1
                    );
                }
                assert!(!text.contains("@part") && !text.contains("#[cfg(test)]"));
            }
        }
    }
}
