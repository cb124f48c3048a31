//! The `Client` method of each operation, and its doc comment.

use super::super::docs;
use super::builder::{arg_type, body_arg_type, is_string, too_many_arguments};
use crate::model::{BodyKind, Model, Operation, Parameter};
use proc_macro2::TokenStream;
use quote::quote;

/// The doc comment of an operation's client method.
/// Rustdoc text: the document's parts sanitized, the generator's own (with links) as they are.
fn operation_doc(op: &Operation) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(s) = &op.summary {
        parts.push(docs::sanitized(s.trim()));
    }
    if let Some(d) = &op.description {
        if Some(d.trim()) != op.summary.as_deref().map(str::trim) {
            parts.push(docs::sanitized(d.trim()));
        }
    }
    parts.push(format!(
        "`{} {}`",
        op.http_method,
        op.path.replace('`', "'")
    ));
    if let Some(first) = op.servers.first() {
        let mut text = format!(
            "Sent to `{}`, this operation's own server, rather than the client's base URL \
             (a relative server is on the client's host); the builder's `server` sends it elsewhere.",
            first.url.replace('`', "'")
        );
        let others: Vec<String> = op.servers[1..]
            .iter()
            .map(|s| format!("`{}`", s.url.replace('`', "'")))
            .collect();
        if !others.is_empty() {
            text.push_str(&format!(" The document also lists {}.", others.join(", ")));
        }
        parts.push(text);
    }
    if let Some(headers) = &op.headers_type {
        parts.push(format!(
            "The response headers it declares: [`operations::{headers}`]."
        ));
    }
    let args: Vec<String> = op
        .params
        .iter()
        .filter(|p| p.required)
        .filter_map(|p| {
            p.doc
                .as_deref()
                .filter(|d| !d.trim().is_empty())
                .map(|d| format!("- `{}`: {}", p.name.unraw(), d.trim().replace('\n', " ")))
        })
        .collect();
    if !args.is_empty() {
        parts.push(docs::sanitized(&format!("Arguments:\n{}", args.join("\n"))));
    }
    parts.retain(|p| !p.trim().is_empty());
    parts.join("\n\n")
}

pub(super) fn client_method(_model: &Model, op: &Operation) -> TokenStream {
    let doc = docs::outer_verbatim(&operation_doc(op));
    let deprecated = op.deprecated.then(|| quote! { #[deprecated] });
    let name = op.method_name.to_ident();
    let builder = op.type_name.to_ident();
    let required: Vec<&Parameter> = op.params.iter().filter(|p| p.required).collect();
    let args = required.iter().map(|p| {
        let n = p.name.to_ident();
        let ty = arg_type(&p.ty);
        quote! { #n: #ty }
    });
    let values = required.iter().map(|p| {
        let n = p.name.to_ident();
        if is_string(&p.ty) {
            quote! { #n.into() }
        } else {
            quote! { #n }
        }
    });
    let body = op.body.as_ref().filter(|b| b.required);
    let body_arg = body.map(|b| {
        let ty = body_arg_type(&b.kind, true);
        quote! { body: #ty }
    });
    let body_value = body.map(|b| match b.kind {
        BodyKind::Bytes | BodyKind::Text => quote! { body.into() },
        _ => quote! { body },
    });
    let all_args = args.chain(body_arg);
    let all_values = values.chain(body_value);
    let many_args = too_many_arguments(
        required.len() + usize::from(op.body.as_ref().is_some_and(|b| b.required)),
    );
    let (client, lifetime) = match op.group {
        None => (quote! { self }, quote! { '_ }),
        Some(_) => (quote! { self.client }, quote! { 'a }),
    };
    quote! {
        #doc
        #deprecated
        #many_args
        pub fn #name(&self, #(#all_args),*) -> operations::#builder<#lifetime> {
            operations::#builder::new(#client, #(#all_values),*)
        }
    }
}
