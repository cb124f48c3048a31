//! Stage 4, render: token streams → formatted source text (`prettyplease`).
//!
//! prettyplease formats each item; this module lays the items out as a person
//! does: a blank line between items (but not inside a run of `use`s or of
//! `mod x;` declarations) and between the items of an `impl` block, which
//! prettyplease writes one under the other.

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
/// (consecutive `use` items stay together, as do bare `mod x;` declarations),
/// which is how a person lays out a file and what keeps a diff of one item
/// from touching its neighbours. So fragments rendered apart join up exactly
/// as if rendered together.
pub fn render_fragment(tokens: TokenStream) -> Result<String, Error> {
    let file = parse(tokens)?;
    let mut out = String::with_capacity(4096);
    items_text(file.attrs, file.items, &mut out);
    Ok(out)
}

/// How the tokens of a part of a file are laid out in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Whole items, as [`render_fragment`] formats them.
    Items,
    /// Items of one `impl` block that is cut over several parts: the tokens
    /// are that block holding those items (after the items before the block,
    /// where the part `opens` it). A part that opens the block writes its
    /// head, one that `closes` it the closing brace; the parts of one block
    /// joined in order read as the block rendered whole.
    Impl { opens: bool, closes: bool },
}

/// Formats the tokens of one part of a file, laid out as `layout` says.
///
/// `Ok(None)`: the `impl` block's head is not laid out as the items' are
/// ([`impl_text`]'s fallback), so the block cannot be written in parts:
/// render its file whole instead.
pub fn render_part(tokens: TokenStream, layout: Layout) -> Result<Option<String>, Error> {
    let Layout::Impl { opens, closes } = layout else {
        return render_fragment(tokens).map(Some);
    };
    let mut file = parse(tokens)?;
    let Some(syn::Item::Impl(block)) = file.items.pop() else {
        return Err(internal("a part of an impl block holds no impl block"));
    };
    if !opens && (!file.items.is_empty() || !file.attrs.is_empty()) {
        return Err(internal("items before the continuation of an impl block"));
    }
    let mut out = String::with_capacity(4096);
    if opens && closes {
        file.items.push(syn::Item::Impl(block));
        items_text(file.attrs, file.items, &mut out);
        return Ok(Some(out));
    }
    items_text(file.attrs, file.items, &mut out);
    let Ok((head, bodies)) = impl_parts(block) else {
        return Ok(None);
    };
    if opens {
        out.push('\n');
        out.push_str(&head);
        out.push_str("{\n");
    } else if !bodies.is_empty() {
        // A blank line after the body of the part before.
        out.push('\n');
    }
    out.push_str(&bodies.join("\n"));
    if closes {
        out.push_str("}\n");
    }
    Ok(Some(out))
}

fn internal(what: &str) -> Error {
    Error::document(format!("internal error: {what}"))
}

fn parse(tokens: TokenStream) -> Result<syn::File, Error> {
    syn::parse2(tokens).map_err(|e| {
        Error::document(format!(
            "internal error: the generated code does not parse: {e}"
        ))
    })
}

/// Inner attributes, then each item after a blank line (but not inside a run).
fn items_text(attrs: Vec<syn::Attribute>, items: Vec<syn::Item>, out: &mut String) {
    if !attrs.is_empty() {
        out.push('\n');
        out.push_str(&unparse(attrs, Vec::new()));
    }
    let mut previous: Option<Run> = None;
    for item in items {
        let run = run(&item);
        if run.is_none() || run != previous {
            out.push('\n');
        }
        previous = run;
        out.push_str(&item_text(item));
    }
}

/// Items that stay together without blank lines between them.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Run {
    Uses,
    ModDeclarations,
}

fn run(item: &syn::Item) -> Option<Run> {
    match item {
        syn::Item::Use(_) => Some(Run::Uses),
        syn::Item::Mod(m) if m.content.is_none() && m.attrs.is_empty() => {
            Some(Run::ModDeclarations)
        }
        _ => None,
    }
}

fn unparse(attrs: Vec<syn::Attribute>, items: Vec<syn::Item>) -> String {
    prettyplease::unparse(&syn::File {
        shebang: None,
        attrs,
        items,
    })
}

/// One item, formatted; an `impl` block with a blank line between its items.
fn item_text(item: syn::Item) -> String {
    match item {
        syn::Item::Impl(block) if block.items.len() > 1 => impl_text(block),
        item => unparse(Vec::new(), vec![item]),
    }
}

/// An `impl` block whose items are apart by a blank line (see [`impl_parts`]).
fn impl_text(block: syn::ItemImpl) -> String {
    match impl_parts(block) {
        Ok((head, bodies)) => format!("{head}{{\n{}}}\n", bodies.join("\n")),
        // Not the layout expected: the block as prettyplease writes it.
        Err(block) => unparse(Vec::new(), vec![syn::Item::Impl(*block)]),
    }
}

/// The head of an `impl` block and the text of each of its items. prettyplease
/// formats the block with each item alone in it; the block's head (attributes,
/// generics, `where` clause) is what it writes for the block without items,
/// less the `{}` that closes it. Each item moves into the block and out
/// again, so nothing is copied but the text. The block back, whole, when what
/// prettyplease writes is not laid out so.
fn impl_parts(mut block: syn::ItemImpl) -> Result<(String, Vec<String>), Box<syn::ItemImpl>> {
    let mut rest = std::mem::take(&mut block.items).into_iter();
    let mut file = syn::File {
        shebang: None,
        attrs: Vec::new(),
        items: vec![syn::Item::Impl(block)],
    };
    fn items(file: &mut syn::File) -> &mut Vec<syn::ImplItem> {
        match &mut file.items[0] {
            syn::Item::Impl(block) => &mut block.items,
            _ => unreachable!("the file holds the impl block"),
        }
    }
    let empty = prettyplease::unparse(&file);
    let head = empty.trim_end().strip_suffix("{}").map(str::to_string);
    let mut bodies = Vec::with_capacity(rest.len());
    let mut done = Vec::with_capacity(rest.len());
    while let Some(item) = rest.next() {
        items(&mut file).push(item);
        let text = prettyplease::unparse(&file);
        done.extend(items(&mut file).pop());
        // `head{\n    item\n}\n`: the item's lines are between the braces.
        let body = head.as_deref().and_then(|head| {
            text.strip_prefix(head)?
                .strip_prefix("{\n")?
                .strip_suffix("}\n")
                .map(str::to_string)
        });
        match body {
            Some(body) => bodies.push(body),
            None => {
                items(&mut file).extend(done.into_iter().chain(rest));
                let Some(syn::Item::Impl(block)) = file.items.pop() else {
                    unreachable!("the file holds the impl block")
                };
                return Err(Box::new(block));
            }
        }
    }
    Ok((head.unwrap_or_default(), bodies))
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    #[test]
    fn items_and_impl_items_are_apart_by_a_blank_line() {
        let tokens = quote! {
            use a::b;
            use c::d;
            mod x;
            mod y;
            #[rustfmt::skip]
            mod z;
            /// A.
            pub struct A;
            /// Its methods.
            impl<T> A where T: Clone {
                /// One.
                pub fn one(&self) {}
                #[allow(clippy::too_many_arguments)]
                fn two(&self) -> u8 { 2 }
                const N: u8 = 3;
            }
            impl B for A {
                fn only(&self) {}
            }
        };
        assert_eq!(
            render_fragment(tokens).unwrap(),
            "
use a::b;
use c::d;

mod x;
mod y;

#[rustfmt::skip]
mod z;

/// A.
pub struct A;

/// Its methods.
impl<T> A
where
    T: Clone,
{
    /// One.
    pub fn one(&self) {}

    #[allow(clippy::too_many_arguments)]
    fn two(&self) -> u8 {
        2
    }

    const N: u8 = 3;
}

impl B for A {
    fn only(&self) {}
}
"
        );
    }

    /// An `impl` laid out item by item reads as prettyplease writes the whole
    /// block, blank lines aside.
    #[test]
    fn impl_items_keep_prettypleases_layout() {
        let block: syn::ItemImpl = syn::parse2(quote! {
            impl<'a> Builder<'a> {
                pub(crate) fn new(client: &'a Client, a_very_long_argument_name: String, another_long_one: u64) -> Self {
                    Builder { client, a_very_long_argument_name, another_long_one }
                }
                pub fn send(self) -> u8 { match self.x { 1 => 2, _ => 3 } }
            }
        })
        .unwrap();
        let whole = unparse(Vec::new(), vec![syn::Item::Impl(block.clone())]);
        let spaced = impl_text(block);
        assert_ne!(whole, spaced);
        assert_eq!(whole, spaced.replace("\n\n", "\n"));
    }
}
