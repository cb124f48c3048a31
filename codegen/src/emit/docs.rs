//! Spec text → rustdoc that builds without warnings.
//!
//! Descriptions in OpenAPI documents are Markdown written for other renderers.
//! Rustdoc would run indented blocks and bare fences as doctests, warn on
//! bare URLs and unknown HTML tags, and try to resolve `[brackets]` as links.
//! This module rewrites just enough to prevent that.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

/// `#[doc = "…"]` attributes, one per line, for an outer doc comment.
pub fn outer(text: Option<&str>) -> TokenStream {
    let Some(text) = text else {
        return TokenStream::new();
    };
    let lines = sanitize(text);
    let lines = lines.iter().map(|l| literal(format!(" {l}").trim_end()));
    quote! { #( #[doc = #lines] )* }
}

/// `#[doc = "…"]` attributes for text that is already rustdoc: the
/// generator's own, with its links, and spec text passed through [`sanitize`].
pub fn outer_verbatim(text: &str) -> TokenStream {
    let lines = text.lines().map(|l| literal(format!(" {l}").trim_end()));
    quote! { #( #[doc = #lines] )* }
}

/// A line of a doc comment as a raw string literal (`r"…"`, with as many
/// `#` as the line needs): rustdoc reads the same text, and neither this
/// nor render (syn reads the literal back, prettyplease again to write `///`)
/// escapes or unescapes it character by character. A line a raw string
/// cannot hold (a carriage return) is an ordinary string literal.
pub fn literal(line: &str) -> Literal {
    if !line.contains('\r') {
        let hashes = "#".repeat(raw_hashes(line));
        if let Ok(literal) = format!("r{hashes}\"{line}\"{hashes}").parse() {
            return literal;
        }
    }
    Literal::string(line)
}

/// How many `#` a raw string holding `text` needs: one more than the
/// longest run of them after a `"` in it.
fn raw_hashes(text: &str) -> usize {
    text.match_indices('"')
        .map(|(i, _)| 1 + text[i + 1..].chars().take_while(|&c| c == '#').count())
        .max()
        .unwrap_or(0)
}

/// Spec text made safe for rustdoc, as one string.
pub fn sanitized(text: &str) -> String {
    sanitize(text).join("\n")
}

/// `#![doc = "…"]` attributes for a crate or module doc comment.
pub fn inner(text: &str) -> TokenStream {
    let lines = sanitize(text);
    let lines = lines.iter().map(|l| literal(format!(" {l}").trim_end()));
    quote! { #( #![doc = #lines] )* }
}

/// `#![doc = "…"]` attributes for text that is already rustdoc (the generator's own).
pub fn inner_verbatim(text: &str) -> TokenStream {
    let lines = text.lines().map(|l| literal(format!(" {l}").trim_end()));
    quote! { #( #![doc = #lines] )* }
}

/// Joins doc parts with blank lines between them.
pub fn join<'a>(parts: impl IntoIterator<Item = Option<&'a str>>) -> Option<String> {
    let parts: Vec<&str> = parts
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.is_empty() {
        None
    } else {
        Some(parts.join("\n\n"))
    }
}

/// The lines of a rustdoc-safe version of Markdown text.
pub fn sanitize(text: &str) -> Vec<String> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = Vec::new();
    let mut in_fence: Option<String> = None;
    for line in text.trim().lines() {
        let trimmed = line.trim_start();
        if let Some(fence) = &in_fence {
            if trimmed.starts_with(fence.as_str()) {
                out.push(fence.clone());
                in_fence = None;
            } else {
                out.push(line.replace('\t', "    "));
            }
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            let marker: String = trimmed
                .chars()
                .take_while(|c| *c == '`' || *c == '~')
                .collect();
            // Every fenced block is shown as text: none of it is Rust to test.
            out.push(format!("{marker}text"));
            in_fence = Some(marker);
            continue;
        }
        // Indentation is dropped: four spaces would make an indented code block,
        // which rustdoc compiles as a doctest, and list nesting that rustdoc and
        // clippy read differently from the author's renderer is worse than none.
        // A plain line right after a list item would continue that item
        // lazily; a blank line makes it the paragraph it was meant to be.
        let trimmed = trimmed.trim_end();
        let previous_is_item = out.last().is_some_and(|l| is_list_item(l));
        if previous_is_item && !trimmed.is_empty() && !is_list_item(trimmed) {
            out.push(String::new());
        }
        // Likewise a plain line right after a block quote.
        let previous_is_quote = out.last().is_some_and(|l| l.starts_with('>'));
        if previous_is_quote && !trimmed.is_empty() && !trimmed.starts_with('>') {
            out.push(String::new());
        }
        out.push(escape_inline(&trimmed.replace('\t', "    ")));
    }
    if let Some(fence) = in_fence {
        out.push(fence);
    }
    out
}

/// Escapes what rustdoc would misread outside code spans: bare URLs,
/// brackets that are not links, HTML-like tags.
fn escape_inline(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let rest = &chars[i..];
        i += match rest[0] {
            '`' => code_span(rest, &mut out),
            '[' => bracket(rest, &mut out),
            ']' => {
                out.push_str("\\]");
                1
            }
            '<' => angle_bracket(rest, &mut out),
            '>' if !out.trim().is_empty() => {
                out.push_str("&gt;");
                1
            }
            'h' if starts_url(rest) => bare_url(rest, &mut out),
            c => {
                out.push(c);
                1
            }
        };
    }
    out
}

/// A code span at the start of `chars` (which starts with a backtick), as it
/// is; the number of characters it took.
fn code_span(chars: &[char], out: &mut String) -> usize {
    let run = chars.iter().take_while(|&&c| c == '`').count();
    let fence: String = std::iter::repeat_n('`', run).collect();
    let rest: String = chars[run..].iter().collect();
    if let Some(end) = rest.find(&fence) {
        let span: String = chars[..run].iter().collect::<String>() + &rest[..end] + &fence;
        out.push_str(&span);
        return run + rest[..end].chars().count() + run;
    }
    out.push_str(&fence);
    run
}

/// A `[` at the start of `chars`. Markdown links `[text](url)` stay; a link
/// to anything but a URL or an anchor (`crate::views::Vpc`, `../guide`) means
/// nothing here, and rustdoc would try it as a path: its text stays. Other
/// brackets are escaped.
fn bracket(chars: &[char], out: &mut String) -> usize {
    let Some(len) = markdown_link_len(chars) else {
        out.push_str("\\[");
        return 1;
    };
    let link: String = chars[..len].iter().collect();
    let (text, target) = link[1..link.len() - 1].split_once("](").unwrap_or_default();
    if target.contains("://") || target.starts_with("mailto:") || target.starts_with('#') {
        out.push_str(&link);
    } else {
        out.push_str(&escape_inline(text));
    }
    len
}

/// A `<` at the start of `chars`: an autolink `<https://…>` stays, anything
/// else is escaped.
fn angle_bracket(chars: &[char], out: &mut String) -> usize {
    let rest: String = chars[1..].iter().collect();
    if (rest.starts_with("http://") || rest.starts_with("https://")) && rest.contains('>') {
        let end = rest.find('>').unwrap_or(0);
        out.push('<');
        out.push_str(&rest[..=end]);
        return 1 + rest[..=end].chars().count();
    }
    out.push_str("&lt;");
    1
}

/// A bare URL at the start of `chars`, even in parentheses or quotes, made an
/// autolink (a Markdown link's target never gets here: the link is taken
/// whole by [`bracket`]).
fn bare_url(chars: &[char], out: &mut String) -> usize {
    let len = chars
        .iter()
        .take_while(|c| !c.is_whitespace() && !matches!(c, '<' | '>' | '`' | '"' | '[' | ']'))
        .count();
    let mut url: String = chars[..len].iter().collect();
    // Sentence punctuation after a URL is not part of it.
    let mut tail = String::new();
    while url.ends_with(['.', ',', ';', ':', ')', '!', '?']) {
        let last = url.pop().unwrap_or_default();
        tail.insert(0, last);
    }
    if url.contains('(') && tail.starts_with(')') {
        url.push(')');
        tail.remove(0);
    }
    out.push('<');
    out.push_str(&url);
    out.push('>');
    out.push_str(&tail);
    len
}

/// `- a`, `* a`, `+ a`, `1. a`, `2) a`.
fn is_list_item(line: &str) -> bool {
    let line = line.trim_start();
    if line.starts_with("- ") || line.starts_with("* ") || line.starts_with("+ ") {
        return true;
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && (line[digits..].starts_with(". ") || line[digits..].starts_with(") "))
}

fn starts_url(chars: &[char]) -> bool {
    let s: String = chars.iter().take(8).collect();
    s.starts_with("http://") || s.starts_with("https://")
}

/// The length of a Markdown link `[text](target)` at the start, if there is one.
fn markdown_link_len(chars: &[char]) -> Option<usize> {
    let close = chars.iter().position(|&c| c == ']')?;
    if chars.get(close + 1) != Some(&'(') {
        return None;
    }
    if chars[1..close].contains(&'[') {
        return None;
    }
    let end = chars[close + 1..].iter().position(|&c| c == ')')? + close + 1;
    let target: String = chars[close + 2..end].iter().collect();
    if target.contains(char::is_whitespace) || target.is_empty() {
        return None;
    }
    Some(end + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_doc_line_is_a_raw_literal_of_the_same_text() {
        let lines = [
            ("", r#"r"""#),
            (" plain", r#"r" plain""#),
            (r"back\slash \n", r#"r"back\slash \n""#),
            (r#"say "hi""#, r##"r#"say "hi""#"##),
            (r###"a "# and "##"###, r####"r###"a "# and "##"###"####),
            (
                "\u{fc}n\u{ef} \u{2713} \t tab",
                "r\"\u{fc}n\u{ef} \u{2713} \t tab\"",
            ),
            // A raw string cannot hold a carriage return.
            ("a\rb", r#""a\rb""#),
        ];
        for (line, written) in lines {
            let literal = literal(line);
            assert_eq!(literal.to_string(), written, "{line:?}");
            let read: syn::LitStr = syn::parse2(quote! { #literal }).unwrap();
            assert_eq!(read.value(), line);
        }
    }

    fn one(s: &str) -> String {
        sanitize(s).join("\n")
    }

    #[test]
    fn bare_urls_are_wrapped() {
        assert_eq!(
            one("See https://docs.oxen.ai."),
            "See <https://docs.oxen.ai>."
        );
        assert_eq!(one("[docs](https://x.y/z)"), "[docs](https://x.y/z)");
        assert_eq!(one("<https://x.y>"), "<https://x.y>");
        assert_eq!(
            one("a hostname (https://tools.ietf.org/html/rfc1123) and \"https://q.r\""),
            "a hostname (<https://tools.ietf.org/html/rfc1123>) and \"<https://q.r>\""
        );
    }

    #[test]
    fn links_to_anything_but_a_url_keep_their_text() {
        assert_eq!(
            one("A [`Vpc`](crate::external_api::views::Vpc) here"),
            "A `Vpc` here"
        );
        assert_eq!(one("see [the guide](../guide.md)"), "see the guide");
        assert_eq!(
            one("[top](#top) [mail](mailto:a@b.c)"),
            "[top](#top) [mail](mailto:a@b.c)"
        );
    }

    #[test]
    fn brackets_and_tags_are_escaped() {
        assert_eq!(one("a [b] c"), "a \\[b\\] c");
        assert_eq!(one("List<string>"), "List&lt;string&gt;");
        assert_eq!(one("`a [b] <c>`"), "`a [b] <c>`");
    }

    #[test]
    fn fences_become_text_and_indents_are_capped() {
        assert_eq!(one("```\nlet x;\n```"), "```text\nlet x;\n```");
        assert_eq!(one("```json\n{}\n```"), "```text\n{}\n```");
        assert_eq!(one("a\n\n        code"), "a\n\ncode");
        assert_eq!(one("- item\nlazy"), "- item\n\nlazy");
        assert_eq!(one("- a\n  - b\n- c"), "- a\n- b\n- c");
        assert_eq!(one("\tx\ty"), "x    y");
        assert_eq!(one("```\n\tcode\n```"), "```text\n    code\n```");
        assert_eq!(one("> **Note**\nlazy"), "> **Note**\n\nlazy");
        assert_eq!(one("```\nunclosed"), "```text\nunclosed\n```");
    }
}
