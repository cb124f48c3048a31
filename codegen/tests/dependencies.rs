//! Every crate the generated code names is a dependency in the crate's own
//! manifest: for every fixture, the Oxen document and every document in
//! `../shared/specs`, each file's paths are read (after `syn` parses it, in
//! attributes and macro bodies too) and the first segment of each must be
//! the manifest's or the crate's own. A missing dependency cannot hide behind
//! `fixture-clients`, whose manifest lists every crate any client may need.

mod common;

use codegen::{Generated, Options};
use proc_macro2::{Spacing, TokenStream, TokenTree};
use quote::ToTokens;
use std::collections::BTreeSet;

/// What a path may start with that is no crate.
const NOT_CRATES: &[&str] = &[
    "std", "core", "alloc", "crate", "self", "super", "Self",
    // Primitive types' associated items (`str::to_string`, `u16::MAX`).
    "str", "bool", "char", "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64",
    "i128", "isize", "f32", "f64",
    // Tools of `#[allow(clippy::…)]` and `#[rustfmt::skip]`.
    "clippy", "rustfmt", "rustdoc",
];

/// The first segment of every path in `tokens` (`chrono` of `chrono::Utc`,
/// `super` of `super::runtime`): an identifier right before `::` and another
/// identifier, that does not follow `::` or `.` itself.
fn path_starts(tokens: TokenStream, out: &mut BTreeSet<String>) {
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    let punct =
        |i: usize, c: char| matches!(tokens.get(i), Some(TokenTree::Punct(p)) if p.as_char() == c);
    for (i, token) in tokens.iter().enumerate() {
        match token {
            TokenTree::Group(g) => path_starts(g.stream(), out),
            TokenTree::Ident(id) => {
                let starts_path = matches!(tokens.get(i + 1), Some(TokenTree::Punct(p)) if p.as_char() == ':' && p.spacing() == Spacing::Joint)
                    && punct(i + 2, ':')
                    && matches!(tokens.get(i + 3), Some(TokenTree::Ident(_)));
                // After `::` a path goes on, unless the `::` starts it (`::uuid::Uuid`).
                let after_colons = i >= 2 && punct(i - 1, ':') && punct(i - 2, ':');
                let global = after_colons
                    && !matches!(tokens.get(i.wrapping_sub(3)), Some(TokenTree::Ident(_)))
                    && !(i >= 3 && punct(i - 3, '>'));
                let continues = i >= 1 && (punct(i - 1, '.') || (after_colons && !global));
                let in_macro_var = i >= 1 && punct(i - 1, '$');
                if starts_path && !continues && !in_macro_var {
                    out.insert(id.to_string());
                }
            }
            _ => {}
        }
    }
}

/// The crate-like path starts of every file that are neither dependencies
/// nor the crate's own modules, as `(file, name)`.
fn undeclared(generated: &Generated) -> Vec<(String, String)> {
    let deps: BTreeSet<String> = generated
        .manifest
        .dependencies
        .iter()
        .map(|(name, _)| name.replace('-', "_"))
        .collect();
    // The crate's modules: `client`, `runtime`, `runtime/query`, …
    let modules: BTreeSet<String> = generated
        .files
        .iter()
        .filter_map(|f| {
            let stem = f.path.strip_prefix("src/")?.trim_end_matches(".rs");
            Some(
                stem.trim_end_matches("/mod")
                    .rsplit('/')
                    .next()?
                    .to_string(),
            )
        })
        .collect();
    let mut problems = Vec::new();
    for f in &generated.files {
        let file = syn::parse_file(&f.contents)
            .unwrap_or_else(|e| panic!("{} does not parse: {e}", f.path));
        let mut starts = BTreeSet::new();
        path_starts(file.to_token_stream(), &mut starts);
        // What a `use` brings in (`fmt` of `use std::fmt;`) is the file's own;
        // the `use` itself starts with the crate it reads from.
        let mut imported = BTreeSet::new();
        for item in &file.items {
            if let syn::Item::Use(u) = item {
                use_names(&u.tree, &mut imported);
            }
        }
        for name in starts {
            let lower = name.starts_with(|c: char| c.is_ascii_lowercase());
            if lower
                && !NOT_CRATES.contains(&name.as_str())
                && !modules.contains(&name)
                && !imported.contains(&name)
                && !deps.contains(&name)
            {
                problems.push((f.path.clone(), name));
            }
        }
    }
    problems
}

/// The names a `use` tree brings into scope.
fn use_names(tree: &syn::UseTree, out: &mut BTreeSet<String>) {
    match tree {
        syn::UseTree::Path(p) => use_names(&p.tree, out),
        syn::UseTree::Name(n) => {
            out.insert(n.ident.to_string());
        }
        syn::UseTree::Rename(r) => {
            out.insert(r.rename.to_string());
        }
        syn::UseTree::Group(g) => g.items.iter().for_each(|t| use_names(t, out)),
        syn::UseTree::Glob(_) => {}
    }
}

fn check(name: &str, text: &str, options: &Options) {
    let generated = codegen::generate(text, options)
        .unwrap_or_else(|e| panic!("{name} does not generate: {e}"));
    let problems = undeclared(&generated);
    assert!(
        problems.is_empty(),
        "{name}: crates the code names that its Cargo.toml does not list: {problems:?}"
    );
}

#[test]
fn the_scan_finds_the_crates_a_file_names() {
    let file: syn::File = syn::parse_quote! {
        use super::runtime;
        #[derive(serde::Serialize)]
        #[allow(clippy::large_enum_variant)]
        pub struct A { at: Option<chrono::DateTime<chrono::Utc>>, id: ::uuid::Uuid }
        macro_rules! m { ($x:ident) => { base64::encode($x) } }
        fn f() { let v = self.json::<T, E>(); std::mem::drop(v); percent_encoding::NON_ALPHANUMERIC; }
    };
    let mut starts = BTreeSet::new();
    path_starts(file.to_token_stream(), &mut starts);
    let starts: Vec<&str> = starts.iter().map(String::as_str).collect();
    assert_eq!(
        starts,
        [
            "base64",
            "chrono",
            "clippy",
            "percent_encoding",
            "serde",
            "std",
            "super",
            "uuid"
        ]
    );
}

/// The uuid response header of `responses.yaml` is the case that hid: its
/// `Option<uuid::Uuid>` field came without `uuid` in the manifest.
#[test]
fn every_fixture_names_only_its_dependencies() {
    for name in common::FIXTURES {
        check(name, &common::fixture(name), &common::fixture_options(name));
    }
    check(
        "oxen_hub_api",
        &common::oxen(),
        &common::options(common::OXEN_SPEC),
    );
}

/// The documents of `../shared/specs` whose file name `select` takes.
fn shared_documents(select: impl Fn(&str) -> bool) {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/specs");
    let Ok(entries) = std::fs::read_dir(dir) else {
        eprintln!("no {dir}: the shared documents are not checked");
        return;
    };
    let mut paths: Vec<std::path::PathBuf> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("json" | "yaml" | "yml")
            )
        })
        .collect();
    paths.sort();
    for path in paths {
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        if select(&name) {
            let text = std::fs::read_to_string(&path).expect("a shared document is readable");
            check(&name, &text, &Options::default());
        }
    }
}

// GitHub's document takes as long as the others together: apart, the two
// tests run side by side.
#[test]
fn the_github_document_names_only_its_dependencies() {
    shared_documents(|name| name.starts_with("github"));
}

#[test]
fn every_other_shared_document_names_only_its_dependencies() {
    shared_documents(|name| !name.starts_with("github"));
}
