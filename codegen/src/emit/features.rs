//! Features by tag (`features-by-tag`): the `#[cfg(..)]` the model's
//! [`crate::model::features::Features`] asks for, put on each item of an
//! operation (its builder, enums, methods and mocks) and of a type.

use crate::model::features::FeatureOf;
use crate::model::Model;
use proc_macro2::TokenStream;
use quote::quote;

/// `#[cfg(feature = "a")]`, `#[cfg(any(feature = "a", feature = "b"))]`, or
/// nothing for no features (always on).
pub fn cfg(model: &Model, features: &[usize]) -> TokenStream {
    let names = model.features.names(features);
    match names.as_slice() {
        [] => TokenStream::new(),
        [one] => quote! { #[cfg(feature = #one)] },
        many => quote! { #[cfg(any(#(feature = #many),*))] },
    }
}

/// The cfg of operation `i`.
pub fn operation_cfg(model: &Model, i: usize) -> TokenStream {
    cfg(model, model.features.of_operation(i))
}

/// The cfg of type `i`.
pub fn type_cfg(model: &Model, i: usize) -> TokenStream {
    cfg(model, model.features.of_type(i))
}

/// The cfg of group `g`: its tag's feature.
pub fn group_cfg(model: &Model, g: usize) -> TokenStream {
    match model.features.of_tag(&model.groups[g].tag) {
        Some(f) => cfg(model, &[f]),
        None => TokenStream::new(),
    }
}

/// The groups `lib.rs` re-exports in its list (those always on), and a
/// `pub use` under its tag's cfg for each of the others.
pub fn group_uses(model: &Model) -> (Vec<usize>, TokenStream) {
    let (gated, open): (Vec<usize>, Vec<usize>) =
        (0..model.groups.len()).partition(|&g| !group_cfg(model, g).is_empty());
    let uses = gated.iter().map(|&g| {
        let cfg = group_cfg(model, g);
        let ty = &model.groups[g].type_name;
        quote! { #cfg pub use client::#ty; }
    });
    (open, quote! { #(#uses)* })
}

/// `items` (a file's items) each under `cfg`.
pub fn gate_items(items: TokenStream, cfg: &TokenStream) -> TokenStream {
    if cfg.is_empty() {
        return items;
    }
    match syn::parse2::<syn::File>(items.clone()) {
        Ok(file) => {
            let items = file.items;
            quote! { #(#cfg #items)* }
        }
        // Not items: left as they are, for the renderer to report.
        Err(_) => items,
    }
}

/// `items` (the items of an `impl` block) each under `cfg`.
pub fn gate_impl_items(items: TokenStream, cfg: &TokenStream) -> TokenStream {
    if cfg.is_empty() {
        return items;
    }
    match syn::parse2::<syn::ItemImpl>(quote! { impl X { #items } }) {
        Ok(block) => {
            let items = block.items;
            quote! { #(#cfg #items)* }
        }
        Err(_) => items,
    }
}

/// A file's `imports` (its `use` items), each allowed to go unused where
/// features by tag are: which of them a build uses depends on the features
/// it turns on (`types` is unused with none of the tags whose methods name
/// a type).
pub fn imports(model: &Model, imports: TokenStream) -> TokenStream {
    if model.features.is_empty() {
        return imports;
    }
    gate_items(imports, &quote! { #[allow(unused_imports)] })
}

/// The runtime module's lints where features by tag are. Its parts are
/// shared and small, so they stay ungated; a helper that only some tags'
/// operations call (a query style, `string_enum!`, a header parser) is
/// unused without them, and each part's `pub use` with it.
pub fn runtime_allow(model: &Model) -> TokenStream {
    if model.features.is_empty() {
        return TokenStream::new();
    }
    quote! { #[allow(dead_code, unused_imports, unused_macros)] }
}

/// What `lib.rs` says of the features, in the crate's doc.
pub fn lib_doc(model: &Model) -> Option<String> {
    if model.features.is_empty() {
        return None;
    }
    let by_path = model
        .features
        .list
        .iter()
        .any(|f| matches!(f.of, FeatureOf::Resource(_)));
    let mut text = if by_path {
        String::from(
            "Each resource's operations (the first segment of their paths after the segments \
             all paths share), and the types only they use, compile only with the cargo \
             feature of that resource (`default` turns on all of them); operations at no such \
             segment always do. Turn off default features and pick the resources you call to \
             compile less: `default-features = false, features = [\"rustls\", \"<resource>\"]`.",
        )
    } else {
        String::from(
            "Each tag's operations, and the types only they use, compile only with the cargo \
             feature of that tag (`default` turns on all of them); operations without a tag \
             always do. Turn off default features and pick the tags you call to compile less: \
             `default-features = false, features = [\"rustls\", \"<tag>\"]`.",
        )
    };
    if let Some(other) = model.features.other_types() {
        text.push_str(&format!(
            " The document's schemas that no operation uses are behind `{}`.",
            other.name
        ));
    }
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::features::{Feature, Features};
    use crate::model::test_data::model_with;

    #[test]
    fn one_feature_is_a_cfg_several_are_any_and_none_is_nothing() {
        let mut model = model_with(Vec::new(), Vec::new());
        model.features = Features {
            list: ["a", "b-c"]
                .iter()
                .map(|n| Feature {
                    name: n.to_string(),
                    of: FeatureOf::Tag(n.to_string()),
                })
                .collect(),
            operations: Vec::new(),
            types: Vec::new(),
        };
        let cases: [(&[usize], &str); 3] = [
            (&[], ""),
            (&[1], "# [cfg (feature = \"b-c\")]"),
            (
                &[0, 1],
                "# [cfg (any (feature = \"a\" , feature = \"b-c\"))]",
            ),
        ];
        for (features, want) in cases {
            assert_eq!(cfg(&model, features).to_string(), want);
        }
        let gate = cfg(&model, &[0]);
        let items = gate_items(quote! { struct A; impl A { fn f() {} } }, &gate);
        assert_eq!(
            items.to_string(),
            "# [cfg (feature = \"a\")] struct A ; # [cfg (feature = \"a\")] impl A { fn f () { } }"
        );
        let methods = gate_impl_items(quote! { fn f() {} fn g() {} }, &gate);
        assert_eq!(
            methods.to_string(),
            "# [cfg (feature = \"a\")] fn f () { } # [cfg (feature = \"a\")] fn g () { }"
        );
    }
}
