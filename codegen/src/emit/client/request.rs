//! The builder's `build_request`: the URL (path and query), then headers,
//! cookies, body and credentials, each parameter written by the runtime
//! function of its location, style and `explode`.

use super::credentials;
use crate::model::{
    BodyKind, Idempotency, Location, Model, Operation, ParamStyle, Parameter, Piece,
};
use crate::uses::{self, RuntimePart};
use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

/// The builder's `build_request`: the URL (base, path, query), then the
/// headers, cookies, body and credentials, then the caller's options.
pub(super) fn build_request(model: &Model, op: &Operation, error: &Ident) -> TokenStream {
    let segments = path_segments(op);
    let method_tokens = method(&op.http_method);
    let query = query(op);
    let headers = headers(op);
    let cookies = cookies(op);
    let body = body(op, error);
    let auth = credentials::credentials(model, op);
    let url_binding = if query.is_some() {
        quote! { let mut url }
    } else {
        quote! { let url }
    };
    let base = base_url(op);
    let idempotency = idempotency(op);
    // `mut` only where something follows that changes it.
    let builder = if headers.is_empty() && cookies.is_none() && body.is_none() {
        quote! { let request }
    } else {
        quote! { let mut request }
    };
    let prepared = if auth.is_empty() && idempotency.is_empty() {
        quote! { let request }
    } else {
        quote! { let mut request }
    };
    let operation = op.operation_id.as_deref().unwrap_or(&op.method_name);
    let path = &op.path;
    quote! {
        fn build_request(self) -> Result<runtime::Prepared<'a, #error>, runtime::Error<#error>> {
            #url_binding = runtime::build_url(#base, &[#(#segments),*])?;
            #query
            #builder = self.client.settings.http.request(#method_tokens, url);
            #(#headers)*
            #cookies
            #body
            #prepared = runtime::Prepared::new(&self.client.settings, request, self.options, #operation, #path)?;
            #auth
            #idempotency
            Ok(request)
        }
    }
}

/// The key a POST or PATCH may carry, or the one the operation declares.
fn idempotency(op: &Operation) -> TokenStream {
    match &op.idempotency {
        Idempotency::None => TokenStream::new(),
        Idempotency::Optional => quote! { request.idempotency_key(None); },
        Idempotency::Declared(header) => quote! { request.idempotency_key(Some(#header)); },
    }
}

/// The URL the path is appended to: the client's, or the operation's own server.
fn base_url(op: &Operation) -> TokenStream {
    match op.servers.first() {
        None => quote! { &self.client.base_url },
        Some(first) => {
            let url = &first.url;
            quote! {
                &match self.server {
                    Some(url) => url,
                    None => runtime::operation_server(&self.client.base_url, #url)?,
                }
            }
        }
    }
}

/// The path's segments, each a `&str`: literal, one parameter, or a `format!` of both.
fn path_segments(op: &Operation) -> Vec<TokenStream> {
    op.segments
        .iter()
        .map(|seg| match seg.pieces.as_slice() {
            [Piece::Literal(l)] => {
                let l = encode_literal(l);
                quote! { #l }
            }
            [Piece::Param(i)] => {
                let value = path_value(&op.params[*i]);
                quote! { &#value }
            }
            pieces => {
                let mut fmt = String::new();
                let mut args = Vec::new();
                for piece in pieces {
                    match piece {
                        Piece::Literal(l) => {
                            fmt.push_str(&encode_literal(l).replace('{', "{{").replace('}', "}}"))
                        }
                        Piece::Param(i) => {
                            fmt.push_str("{}");
                            args.push(path_value(&op.params[*i]));
                        }
                    }
                }
                quote! { &format!(#fmt, #(#args),*) }
            }
        })
        .collect()
}

/// The HTTP method: reqwest's constant, or one made from its bytes.
fn method(http_method: &str) -> TokenStream {
    match http_method {
        "GET" | "POST" | "PUT" | "DELETE" | "HEAD" | "OPTIONS" | "PATCH" | "TRACE" => {
            let http_method = format_ident!("{}", http_method);
            quote! { reqwest::Method::#http_method }
        }
        other => {
            let bytes = Literal::byte_string(other.as_bytes());
            quote! { reqwest::Method::from_bytes(#bytes).unwrap_or(reqwest::Method::GET) }
        }
    }
}

/// The query parameters, written into `url`; `None` without any.
fn query(op: &Operation) -> Option<TokenStream> {
    let query_params: Vec<&Parameter> = op
        .params
        .iter()
        .filter(|p| p.location == Location::Query)
        .collect();
    (!query_params.is_empty()).then(|| {
        let pushes = query_params.iter().map(|p| {
            let wire = &p.wire_name;
            let writer = param_writer(p);
            let append = if p.allow_reserved {
                quote! { append_reserved }
            } else {
                quote! { append }
            };
            with_value(p, |value| {
                let pairs = match (p.style, p.explode) {
                    (ParamStyle::SpaceDelimited, false) => quote! { #writer(#wire, " ", #value) },
                    (ParamStyle::PipeDelimited, false) => quote! { #writer(#wire, "|", #value) },
                    _ => quote! { #writer(#wire, #value) },
                };
                quote! { query.#append(#pairs); }
            })
        });
        quote! {
            let mut query = runtime::Query::default();
            #(#pushes)*
            query.set_on(&mut url);
        }
    })
}

/// The header parameters, one `request.header(..)` each.
fn headers(op: &Operation) -> Vec<TokenStream> {
    op.params
        .iter()
        .filter(|p| p.location == Location::Header)
        .map(|p| {
            let wire = &p.wire_name;
            let writer = param_writer(p);
            with_value(p, |value| {
                quote! { request = request.header(#wire, #writer(#value)); }
            })
        })
        .collect()
}

/// The cookie parameters, all in one `Cookie` header; `None` without any.
fn cookies(op: &Operation) -> Option<TokenStream> {
    let cookie_params: Vec<&Parameter> = op
        .params
        .iter()
        .filter(|p| p.location == Location::Cookie)
        .collect();
    (!cookie_params.is_empty()).then(|| {
        let pushes = cookie_params.iter().map(|p| {
            let wire = &p.wire_name;
            let writer = param_writer(p);
            with_value(p, |value| {
                quote! { #writer(&mut cookies, #wire, #value); }
            })
        });
        quote! {
            let mut cookies: Vec<String> = Vec::new();
            #(#pushes)*
            if !cookies.is_empty() {
                request = request.header(reqwest::header::COOKIE, cookies.join("; "));
            }
        }
    })
}

/// The body, moved out of the builder; `None` for an operation without one.
fn body(op: &Operation, error: &Ident) -> Option<TokenStream> {
    op.body.as_ref().map(|b| {
        let set = set_body(&b.kind, &b.media_type, error);
        if b.required {
            quote! {
                let body = self.body;
                #set
            }
        } else {
            quote! {
                if let Some(body) = self.body {
                    #set
                }
            }
        }
    })
}

/// Sets `body`, of kind `kind`, as the request's body.
pub(super) fn set_body(kind: &BodyKind, content_type: &str, error: &Ident) -> TokenStream {
    match kind {
        BodyKind::Json(_) if content_type == "application/json" => {
            quote! { request = request.json(&body); }
        }
        BodyKind::Json(_) => quote! {
            request = request
                .header(reqwest::header::CONTENT_TYPE, #content_type)
                .body(serde_json::to_vec(&body).unwrap_or_default());
        },
        BodyKind::Form(_, encodings) => {
            let styles = encodings.iter().map(|e| {
                let property = &e.property;
                let style = match uses::form_style_part(e.style, e.explode) {
                    RuntimePart::FormDeep => quote! { runtime::form_deep },
                    RuntimePart::FormSpaceDelimited => quote! { runtime::form_space_delimited },
                    RuntimePart::FormPipeDelimited => quote! { runtime::form_pipe_delimited },
                    RuntimePart::FormFlat => quote! { runtime::form_flat },
                    _ => quote! { runtime::form_exploded },
                };
                quote! { (#property, #style) }
            });
            quote! {
                request = request.form(&runtime::form_pairs(&body, &[#(#styles),*]));
            }
        }
        BodyKind::Text | BodyKind::Bytes => quote! {
            request = request
                .header(reqwest::header::CONTENT_TYPE, #content_type)
                .body(body);
        },
        BodyKind::Multipart(_) => quote! {
            request = request.multipart(
                body.into_form()
                    .map_err(runtime::Error::<#error>::InvalidRequest)?,
            );
        },
        BodyKind::Choice(c) => {
            let name = c.type_name.to_ident();
            let arms = c.options.iter().map(|o| {
                let v = o.variant.to_ident();
                let set = set_body(&o.kind, &o.media_type, error);
                quote! { #name::#v(body) => { #set } }
            });
            quote! {
                match body {
                    #(#arms)*
                }
            }
        }
    }
}

/// The code `code` makes of a reference to the parameter's value; skipped when an optional one is unset.
pub(super) fn with_value(p: &Parameter, code: impl Fn(TokenStream) -> TokenStream) -> TokenStream {
    let n = p.name.to_ident();
    if p.required {
        code(as_sent(p, quote! { &self.#n }))
    } else {
        let code = code(as_sent(p, quote! { value }));
        quote! {
            if let Some(value) = &self.#n {
                #code
            }
        }
    }
}

/// A reference to a parameter's value as its style writes it: a parameter
/// described by JSON `content` goes as its JSON text.
pub(super) fn as_sent(p: &Parameter, value: TokenStream) -> TokenStream {
    if p.json {
        quote! { &runtime::json_text(#value) }
    } else {
        value
    }
}

/// The runtime function that writes a parameter in its location, style and
/// `explode` (the part [`uses::param_part`] picks).
pub(super) fn param_writer(p: &Parameter) -> TokenStream {
    use RuntimePart::*;
    let name = match uses::param_part(p.location, p.style, p.explode) {
        PathSimple => "path_simple",
        PathSimpleExploded => "path_simple_exploded",
        PathLabel => "path_label",
        PathLabelExploded => "path_label_exploded",
        PathMatrix => "path_matrix",
        PathMatrixExploded => "path_matrix_exploded",
        QueryForm => "query_form",
        QueryFormExploded => "query_form_exploded",
        QueryDelimited => "query_delimited",
        QueryDeep => "query_deep",
        HeaderSimple => "header_simple",
        HeaderSimpleExploded => "header_simple_exploded",
        CookieForm => "cookie_form",
        _ => "cookie_form_exploded",
    };
    let name = format_ident!("{name}");
    quote! { runtime::#name }
}

/// A path parameter's value, written in its style and percent-encoded.
pub(super) fn path_value(p: &Parameter) -> TokenStream {
    let n = p.name.to_ident();
    let value = as_sent(p, quote! { &self.#n });
    let writer = param_writer(p);
    match p.style {
        ParamStyle::Matrix => {
            let wire = &p.wire_name;
            quote! { #writer(#wire, #value) }
        }
        _ => quote! { #writer(#value) },
    }
}

/// A literal path segment from the document, encoded only where a path
/// segment cannot hold a character as it is (so `*glob` and `v1:batch` stay).
pub(super) fn encode_literal(segment: &str) -> String {
    const LITERAL: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
        .add(b' ')
        .add(b'"')
        .add(b'#')
        .add(b'<')
        .add(b'>')
        .add(b'?')
        .add(b'`')
        .add(b'{')
        .add(b'}')
        .add(b'/')
        .add(b'%');
    percent_encoding::utf8_percent_encode(segment, LITERAL).to_string()
}
