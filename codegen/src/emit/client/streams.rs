//! What sends a builder: `runtime::request_builder!` for a response read
//! whole, `runtime::stream_builder!` for a stream of server-sent events (an
//! operation that only streams, or the second builder of one that can).

use super::super::TypeCtx;
use super::builder::Kind;
use super::response::{status_pattern, success_type};
use crate::model::{EventStream, Operation, StreamMethod};
use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// The macro call that gives a builder `header`, `timeout`, `send` and `.await`.
pub(super) fn sender(
    op: &Operation,
    kind: Kind<'_>,
    builder: &Ident,
    error: &Ident,
) -> TokenStream {
    let stream = op.stream.as_ref();
    match (kind, stream.map(|s| &s.method)) {
        (Kind::Plain, Some(StreamMethod::Own)) => {
            let read = quote! { Self::read_response };
            stream_builder(
                op,
                stream.unwrap_or_else(|| unreachable!()),
                builder,
                error,
                read,
            )
        }
        (Kind::Twin(_), Some(_)) => {
            let plain = &op.type_name;
            let read = quote! { #plain::read_response };
            stream_builder(
                op,
                stream.unwrap_or_else(|| unreachable!()),
                builder,
                error,
                read,
            )
        }
        _ => {
            let (ok_ty, _) = success_type(op);
            quote! { runtime::request_builder!(#builder, #ok_ty, #error); }
        }
    }
}

/// `runtime::stream_builder!` for a builder whose successes are the stream,
/// its errors read by `read`.
fn stream_builder(
    op: &Operation,
    stream: &EventStream,
    builder: &Ident,
    error: &Ident,
    read: TokenStream,
) -> TokenStream {
    let event = TypeCtx::Sibling.type_ref(&stream.event);
    let patterns: Vec<TokenStream> = op.statuses.success.iter().map(status_pattern).collect();
    let success = if patterns.is_empty() {
        quote! { 200..=299 }
    } else {
        quote! { #(#patterns)|* }
    };
    let decode = if stream.json {
        quote! { runtime::decode_json }
    } else {
        quote! { runtime::decode_text }
    };
    let terminator = match &stream.terminator {
        Some(t) => quote! { Some(#t) },
        None => quote! { None },
    };
    quote! {
        runtime::stream_builder!(
            #builder,
            #event,
            #error,
            #success,
            #decode,
            #terminator,
            #read,
        );
    }
}
