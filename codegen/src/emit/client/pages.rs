//! A paginated operation's `pages()` and `items()`, and a job's `wait()`:
//! builder methods that send the request again, as the model says.

use super::super::TypeCtx;
use crate::model::fields::Types;
use crate::model::{
    CursorAt, ItemsAt, JobStatus, Model, Operation, PagePattern, Pagination, ResponseBody,
};
use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// The body type every success has (the model only paginates and waits on such operations).
fn body_type(op: &Operation) -> TokenStream {
    match op.success_body() {
        ResponseBody::Json(t) => TypeCtx::Sibling.type_ref(&t),
        _ => quote! { serde_json::Value },
    }
}

/// `pages()`, `items()` and the `paginator()` both read.
pub(super) fn pages(model: &Model, op: &Operation, p: &Pagination, error: &Ident) -> TokenStream {
    let body = body_type(op);
    let item = TypeCtx::Sibling.type_ref(&p.item);
    let (next_ty, start, set, next) = pattern(op, p);
    let items = items(model, op, p);
    let how = match &p.pattern {
        PagePattern::Page { .. } => "by page number",
        PagePattern::Cursor { .. } => "by cursor",
        PagePattern::NextUrl { .. } => "by the next page's URL the response gives",
        PagePattern::LinkHeader => "by the `Link: <…>; rel=\"next\"` header",
    };
    let pages_doc = format!(
        " Every page of the results, {how}, each fetched when the stream is read \
         as far as it: the first as this request is built, the last when the \
         list ends. An error is the last item."
    );
    quote! {
        #[doc = #pages_doc]
        pub fn pages(
            self,
        ) -> runtime::BoxStream<'a, Result<runtime::ResponseValue<#body>, runtime::Error<#error>>> {
            self.paginator().pages()
        }

        /// Every item of every page, in order (see [`Self::pages`]).
        pub fn items(self) -> runtime::BoxStream<'a, Result<#item, runtime::Error<#error>>> {
            self.paginator().items()
        }

        fn paginator(self) -> runtime::Paginator<'a, #body, #item, #error, #next_ty> {
            #start
            runtime::Paginator::new(
                move |next| {
                    let mut builder = self.clone();
                    if let Some(next) = next {
                        #set
                    }
                    async move {
                        let (url, raw) = runtime::fetch_page(builder.build_request()?).await?;
                        Ok((url, Self::read_response(raw)?))
                    }
                },
                #next,
                #items,
            )
        }
    }
}

/// What a pattern sends next (its type), where it starts, how the builder
/// takes it, and the runtime's reader of the next page.
fn pattern(op: &Operation, p: &Pagination) -> (TokenStream, TokenStream, TokenStream, TokenStream) {
    let items_at = p.items.pointer();
    let opt = |at: &Option<String>| match at {
        Some(at) => quote! { Some(#at) },
        None => quote! { None },
    };
    let url_set = quote! { builder.page_url = Some(next); };
    match &p.pattern {
        PagePattern::Page {
            param,
            first,
            total_pages,
        } => {
            let param = &op.params[*param];
            let n = &param.name;
            let first = proc_macro2::Literal::u64_unsuffixed(*first);
            let (start, set) = if param.required {
                (
                    quote! { let start = runtime::PageNumber::to_page(&self.#n).unwrap_or(#first); },
                    quote! { builder.#n = runtime::PageNumber::from_page(next); },
                )
            } else {
                (
                    quote! {
                        let start = self.#n.as_ref().and_then(runtime::PageNumber::to_page).unwrap_or(#first);
                    },
                    quote! { builder.#n = Some(runtime::PageNumber::from_page(next)); },
                )
            };
            let total = opt(total_pages);
            (
                quote! { u64 },
                start,
                set,
                quote! { runtime::by_page(start, #items_at, #total) },
            )
        }
        PagePattern::Cursor {
            param,
            cursor,
            has_more,
        } => {
            let param = &op.params[*param];
            let n = &param.name;
            let set = if param.required {
                quote! { builder.#n = next; }
            } else {
                quote! { builder.#n = Some(next); }
            };
            let (at, last) = match cursor {
                CursorAt::Field(at) => (at, false),
                CursorAt::LastItem(at) => (at, true),
            };
            let has_more = opt(has_more);
            (
                quote! { String },
                TokenStream::new(),
                set,
                quote! { runtime::by_cursor(#at, #last, #items_at, #has_more) },
            )
        }
        PagePattern::NextUrl { next } => (
            quote! { reqwest::Url },
            TokenStream::new(),
            url_set,
            quote! { runtime::by_next_url(#next) },
        ),
        PagePattern::LinkHeader => (
            quote! { reqwest::Url },
            TokenStream::new(),
            url_set,
            quote! { runtime::by_link_header() },
        ),
    }
}

/// The function that takes a page's items out of it.
fn items(model: &Model, op: &Operation, p: &Pagination) -> TokenStream {
    let ItemsAt::Field { name, .. } = &p.items else {
        return quote! { |page| page };
    };
    let body = match op.success_body() {
        ResponseBody::Json(t) => t,
        _ => return quote! { |_| Vec::new() },
    };
    let field = Types(&model.types)
        .struct_of(&body)
        .and_then(|s| s.fields.iter().find(|f| f.name == *name));
    let (depth, boxed) = field.map_or((0, false), |f| (f.option_depth(), f.boxed));
    let f = name;
    match (depth, boxed) {
        (0, false) => quote! { |page| page.#f },
        (0, true) => quote! { |page| *page.#f },
        (1, false) => quote! { |page| page.#f.unwrap_or_default() },
        (1, true) => quote! { |page| page.#f.map(|items| *items).unwrap_or_default() },
        (_, false) => quote! { |page| page.#f.flatten().unwrap_or_default() },
        (_, true) => quote! { |page| page.#f.flatten().map(|items| *items).unwrap_or_default() },
    }
}

/// `wait()`: the request sent until the job's status ends it.
pub(super) fn wait(op: &Operation, job: &JobStatus, error: &Ident) -> TokenStream {
    let body = body_type(op);
    let at = &job.status_at;
    let terminal = &job.terminal;
    let success = &job.success;
    let list = |values: &[String]| {
        values
            .iter()
            .map(|v| format!("`{}`", v.replace('`', "'")))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let doc = format!(
        " Sends this request again and again until the job it reads has ended: until \
         the status at `{}` in the response is one of {}. It gives the last response \
         when that status is a success ({}), else [`WaitError::Failed`](super::WaitError::Failed) \
         with it. `.await` it, after setting how often and how long with \
         [`Waiter`](super::Waiter)'s `interval`, `backoff`, `max_interval` and `timeout`.",
        at.replace('`', "'"),
        list(terminal),
        if success.is_empty() {
            "none is".to_string()
        } else {
            list(success)
        },
    );
    quote! {
        #[doc = #doc]
        pub fn wait(self) -> runtime::Waiter<'a, #body, #error> {
            runtime::Waiter::new(
                move || self.clone().send(),
                runtime::JobStatus {
                    at: #at,
                    terminal: &[#(#terminal),*],
                    success: &[#(#success),*],
                },
            )
        }
    }
}
