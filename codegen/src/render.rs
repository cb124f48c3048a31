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
        out.push_str(&prettyplease::unparse(&syn::File {
            shebang: None,
            attrs: Vec::new(),
            items: vec![item],
        }));
    }
    Ok(out)
}
