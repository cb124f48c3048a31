//! Stage 4, render: token streams → formatted source text (`prettyplease`).

use crate::diag::Error;
use proc_macro2::TokenStream;

/// Formats the tokens of one file, with a header comment above them.
pub fn render(tokens: TokenStream, header: &str) -> Result<String, Error> {
    let mut out = String::from(header);
    out.push_str(&render_fragment(tokens)?);
    Ok(out)
}

/// Formats a run of items (and any inner attributes before them).
///
/// Top-level items are rendered one at a time, each preceded by a blank line
/// (consecutive `use` items stay together), which is how a person lays out a
/// file and what keeps a diff of one item from touching its neighbours. So
/// fragments rendered apart join up exactly as if rendered together.
pub fn render_fragment(tokens: TokenStream) -> Result<String, Error> {
    let file: syn::File = syn::parse2(tokens).map_err(|e| {
        Error::document(format!(
            "internal error: the generated code does not parse: {e}"
        ))
    })?;
    let mut out = String::with_capacity(4096);
    if !file.attrs.is_empty() {
        out.push('\n');
        out.push_str(&prettyplease::unparse(&syn::File {
            shebang: None,
            attrs: file.attrs,
            items: Vec::new(),
        }));
    }
    let mut previous_was_use = false;
    for item in file.items {
        let is_use = matches!(item, syn::Item::Use(_));
        if !(is_use && previous_was_use) {
            out.push('\n');
        }
        previous_was_use = is_use;
        if let Some(text) = macro_rules(&item) {
            out.push_str(&text);
            continue;
        }
        out.push_str(&prettyplease::unparse(&syn::File {
            shebang: None,
            attrs: Vec::new(),
            items: vec![item],
        }));
    }
    Ok(out)
}

/// The `$` variables of a `macro_rules!` expansion stand in as identifiers
/// with this prefix while the expansion is formatted as Rust.
const MACRO_VAR: &str = "__macro_var_";

/// A `macro_rules!` whose rules each expand to items, formatted: prettyplease
/// leaves a macro's body as it found it, on a few long lines. `None` when the
/// macro has another shape; it is then printed as prettyplease prints it.
fn macro_rules(item: &syn::Item) -> Option<String> {
    use proc_macro2::{Delimiter, TokenTree};
    let syn::Item::Macro(m) = item else {
        return None;
    };
    if !m.mac.path.is_ident("macro_rules") || m.ident.is_none() {
        return None;
    }
    let mut rules = String::new();
    let mut tokens = m.mac.tokens.clone().into_iter().peekable();
    while let Some(matcher) = tokens.next() {
        let TokenTree::Group(matcher) = matcher else {
            return None;
        };
        match (tokens.next(), tokens.next(), tokens.next()) {
            (
                Some(TokenTree::Punct(eq)),
                Some(TokenTree::Punct(gt)),
                Some(TokenTree::Group(body)),
            ) if eq.as_char() == '='
                && gt.as_char() == '>'
                && body.delimiter() == Delimiter::Brace =>
            {
                let file: syn::File = syn::parse2(dollars_to_idents(body.stream())).ok()?;
                let expansion = prettyplease::unparse(&file).replace(MACRO_VAR, "$");
                rules.push_str(&format!(
                    "    ({}) => {{\n",
                    matcher_text(matcher.stream())?
                ));
                for line in expansion.lines() {
                    if !line.is_empty() {
                        rules.push_str("        ");
                        rules.push_str(line);
                    }
                    rules.push('\n');
                }
                rules.push_str("    };\n");
            }
            _ => return None,
        }
        if matches!(tokens.peek(), Some(TokenTree::Punct(p)) if p.as_char() == ';') {
            tokens.next();
        }
    }
    // The attributes and the name as prettyplease prints them, around the formatted rules.
    let mut shell = m.clone();
    shell.mac.tokens = proc_macro2::TokenStream::new();
    let shell = prettyplease::unparse(&syn::File {
        shebang: None,
        attrs: Vec::new(),
        items: vec![syn::Item::Macro(shell)],
    });
    let head = shell.trim_end().strip_suffix("{}")?;
    Some(format!("{head}{{\n{rules}}}\n"))
}

/// `$name` → an identifier Rust can parse, everywhere in the tokens.
fn dollars_to_idents(tokens: proc_macro2::TokenStream) -> proc_macro2::TokenStream {
    use proc_macro2::{Group, Ident, TokenTree};
    let mut out = Vec::new();
    let mut tokens = tokens.into_iter().peekable();
    while let Some(token) = tokens.next() {
        match token {
            TokenTree::Punct(p) if p.as_char() == '$' => match tokens.peek() {
                Some(TokenTree::Ident(name)) => {
                    out.push(TokenTree::Ident(Ident::new(
                        &format!("{MACRO_VAR}{name}"),
                        name.span(),
                    )));
                    tokens.next();
                }
                _ => out.push(TokenTree::Punct(p)),
            },
            TokenTree::Group(g) => {
                let mut inner = Group::new(g.delimiter(), dollars_to_idents(g.stream()));
                inner.set_span(g.span());
                out.push(TokenTree::Group(inner));
            }
            other => out.push(other),
        }
    }
    out.into_iter().collect()
}

/// A matcher of `$name:fragment`s separated by commas, as a person writes it.
fn matcher_text(tokens: proc_macro2::TokenStream) -> Option<String> {
    use proc_macro2::TokenTree;
    let mut out = String::new();
    for token in tokens {
        match token {
            TokenTree::Punct(p) if p.as_char() == '$' || p.as_char() == ':' => {
                out.push(p.as_char())
            }
            TokenTree::Punct(p) if p.as_char() == ',' => out.push_str(", "),
            TokenTree::Ident(i) => out.push_str(&i.to_string()),
            _ => return None,
        }
    }
    Some(out)
}
