//! The builder's `read_response`, which reads a response by the operation's
//! status plan, and `send_streaming` for downloads.

use super::super::TypeCtx;
use crate::model::{Operation, ResponseBody};
use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

pub(super) fn success_type(op: &Operation) -> (TokenStream, ResponseBody) {
    let body = op.success_body();
    if let Some(outcome) = &op.outcome {
        return (quote! { #outcome }, body);
    }
    let ty = match &body {
        ResponseBody::Empty => quote! { () },
        ResponseBody::Json(t) => TypeCtx::Sibling.type_ref(t),
        ResponseBody::Text => quote! { String },
        ResponseBody::Bytes => quote! { Vec<u8> },
    };
    (ty, body)
}

/// The builder's `read_response`: the status plan's arms, each reading the
/// body its status declares, and the catch-all.
pub(super) fn read_response(op: &Operation, error: &Ident) -> TokenStream {
    let success_call = success_call(op);
    let plan = &op.statuses;
    let call = |target| status_call(op, target, &success_call, error);
    let arms: Vec<(TokenStream, TokenStream)> = plan
        .arms
        .iter()
        .map(|arm| {
            let patterns = arm.patterns.iter().map(status_pattern);
            (quote! { #(#patterns)|* }, call(arm.target))
        })
        .collect();
    let catch_all = call(plan.fallback);
    let (ok_ty, _) = success_type(op);
    // With nothing declared but a catch-all, there is nothing to match on.
    let read = if arms.is_empty() {
        catch_all
    } else {
        let arms = arms
            .iter()
            .map(|(pattern, call)| quote! { #pattern => #call, });
        quote! {
            match raw.status.as_u16() {
                #(#arms)*
                _ => #catch_all,
            }
        }
    };
    // A declared code inside a declared range (`404` and `4XX`) comes first on purpose.
    let overlap = plan
        .overlapping
        .then(|| quote! { #[allow(clippy::match_overlapping_arm)] });
    quote! {
        #overlap
        fn read_response(raw: runtime::RawResponse) -> runtime::ApiResult<#ok_ty, #error> {
            #read
        }
    }
}

/// How a success's body is read, when every success has the same one.
fn success_call(op: &Operation) -> TokenStream {
    let (_, success_body) = success_type(op);
    match success_body {
        ResponseBody::Empty => quote! { raw.empty() },
        ResponseBody::Json(_) => quote! { raw.json() },
        ResponseBody::Text => quote! { raw.text() },
        ResponseBody::Bytes => quote! { raw.bytes() },
    }
}

/// `send_streaming`, for an operation whose successes are all bytes.
pub(super) fn send_streaming(op: &Operation, error: &Ident) -> Option<TokenStream> {
    let (_, success_body) = success_type(op);
    (op.outcome.is_none() && success_body == ResponseBody::Bytes).then(|| {
        let patterns = op.statuses.success.iter().map(status_pattern);
        quote! {
            /// Sends the request (retrying as [`Self::send`] does) and hands over a
            /// successful response's body unread, for large downloads: read it piece by
            /// piece with `chunk()` (or `bytes_stream()` with this crate's `stream`
            /// feature). An error response is read and decoded as [`Self::send`] does.
            pub async fn send_streaming(
                self,
            ) -> Result<runtime::ResponseValue<reqwest::Response>, runtime::Error<#error>> {
                let unread = |status| matches!(status, #(#patterns)|*);
                let raw = match self.build_request()?.streaming(unread).await? {
                    Ok(response) => return Ok(response),
                    Err(raw) => raw,
                };
                Err(match Self::read_response(raw) {
                    Err(e) => e,
                    Ok(read) => read.unexpected(),
                })
            }
        }
    })
}

/// A status pattern of the plan: `404`, or `400..=499`.
pub(super) fn status_pattern(p: &crate::model::status::StatusPattern) -> TokenStream {
    use crate::model::status::StatusPattern;
    match *p {
        StatusPattern::Code(c) => {
            let c = Literal::u16_unsuffixed(c);
            quote! { #c }
        }
        StatusPattern::Range { lo, hi } => {
            let (lo, hi) = (Literal::u16_unsuffixed(lo), Literal::u16_unsuffixed(hi));
            quote! { #lo..=#hi }
        }
    }
}

/// How a response is read for one target of the plan.
pub(super) fn status_call(
    op: &Operation,
    target: crate::model::status::StatusTarget,
    success_call: &TokenStream,
    error: &Ident,
) -> TokenStream {
    use crate::model::status::StatusTarget;
    match target {
        StatusTarget::Success => success_call.clone(),
        StatusTarget::Outcome(i) => {
            let r = &op.success[i];
            let Some(outcome) = &op.outcome else {
                return success_call.clone();
            };
            let variant = r.variant.to_ident();
            match &r.body {
                ResponseBody::Empty => quote! { raw.empty_as(#outcome::#variant) },
                ResponseBody::Json(_) => quote! { raw.json_as(#outcome::#variant) },
                ResponseBody::Text => quote! { raw.text_as(#outcome::#variant) },
                ResponseBody::Bytes => quote! { raw.bytes_as(#outcome::#variant) },
            }
        }
        StatusTarget::Error(i) => {
            let r = &op.errors[i];
            let variant = r.variant.to_ident();
            match &r.body {
                ResponseBody::Json(_) => quote! { raw.json_error(#error::#variant) },
                ResponseBody::Text => quote! { raw.text_error(#error::#variant) },
                ResponseBody::Empty | ResponseBody::Bytes => {
                    quote! { raw.empty_error(#error::#variant) }
                }
            }
        }
        StatusTarget::Unexpected => quote! { raw.unexpected() },
    }
}
