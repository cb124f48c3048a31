//! The `Client` method of each operation, and its doc comment.

use super::super::docs;
use super::builder::{arg_type, body_arg_type, is_string, too_many_arguments};
use crate::model::{BodyKind, Model, Operation, Parameter, StreamMethod};
use crate::naming::RustIdent;
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

/// The client's method of an operation, and its second method when it can
/// answer with a stream.
pub(super) fn client_method(model: &Model, op: &Operation) -> TokenStream {
    let plain = method(op, &op.method_name, &op.type_name, false, operation_doc(op));
    let Some(StreamMethod::Twin(twin)) = op.stream.as_ref().map(|s| &s.method) else {
        return plain;
    };
    let link = model.method_link(op);
    let flag = match &twin.flag {
        Some(flag) => format!(
            " with the body's `{}` set to `true` (which that method always sends as `false`) and",
            flag.unraw()
        ),
        None => String::new(),
    };
    let doc = format!(
        "{}\n\nAs [`{link}`],{flag} asking for `text/event-stream`: the answer is a stream of \
         server-sent events. `.await` it for a `ResponseValue` that is the stream of the \
         events' data, and read it with `StreamExt::next` (of `futures_util` or `futures`).",
        op.summary
            .as_deref()
            .map(|s| docs::sanitized(s.trim()))
            .unwrap_or_else(|| format!("`{} {}`", op.http_method, op.path.replace('`', "'")))
    );
    let twin = method(op, &twin.method_name, &twin.type_name, true, doc);
    quote! {
        #plain
        #twin
    }
}

/// A client method named `name` for the builder `builder`; `body_required`
/// makes the body an argument whatever the operation says.
fn method(
    op: &Operation,
    name: &RustIdent,
    builder: &RustIdent,
    body_required: bool,
    doc: String,
) -> TokenStream {
    let doc = docs::outer_verbatim(&doc);
    let deprecated = op.deprecated.then(|| quote! { #[deprecated] });
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
    let body = op.body.as_ref().filter(|b| b.required || body_required);
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
    let many_args = too_many_arguments(required.len() + usize::from(body.is_some()));
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
