//! The builder's `build_request`: the URL (path and query), then headers,
//! cookies, body and credentials, each parameter written by the runtime
//! function of its location, style and `explode`.

use super::credentials;
use crate::model::fields::Types;
use crate::model::{
    BodyKind, Idempotency, Location, Model, Operation, ParamStyle, Parameter, PartValue, Piece,
    TypeRef,
};
use crate::naming::RustIdent;
use crate::uses::{self, RuntimePart};
use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

/// What shapes one builder's request beyond the operation.
pub(super) struct Shape<'m> {
    /// The body's stream flag (its Rust field), and the value it is sent with.
    pub stream_flag: Option<(&'m RustIdent, bool)>,
    /// The body is required, whatever the operation says (the second
    /// builder of a stream).
    pub body_required: bool,
    /// The builder has a `page_url`: a next page's URL, sent as it is.
    pub page_url: bool,
}

/// The builder's `build_request`: the URL (base, path, query), then the
/// headers, cookies, body and credentials, then the caller's options.
pub(super) fn build_request(
    model: &Model,
    op: &Operation,
    error: &Ident,
    shape: &Shape<'_>,
) -> TokenStream {
    let url = url(op, shape.page_url);
    let method_tokens = method(&op.http_method);
    let headers = headers(op);
    let cookies = cookies(op);
    let body = body(model, op, error, shape);
    let auth = credentials::credentials(model, op);
    let idempotency = idempotency(op);
    // `mut` only where something follows that changes it.
    let builder = if headers.is_empty() && cookies.is_none() && body.is_none() {
        quote! { let request }
    } else {
        quote! { let mut request }
    };
    let operation = op.operation_id.as_deref().unwrap_or(&op.method_name);
    let path = &op.path;
    let prepare = quote! {
        runtime::Prepared::new(&self.client.settings, request, self.options, #operation, #path)
    };
    // Prepared as it is, unless credentials or a key are added to it.
    let prepared = if auth.is_empty() && idempotency.is_empty() {
        prepare
    } else {
        quote! {
            let mut request = #prepare?;
            #auth
            #idempotency
            Ok(request)
        }
    };
    quote! {
        fn build_request(self) -> runtime::PreparedResult<'a, #error> {
            #url
            #builder = self.client.settings.http.request(#method_tokens, url);
            #(#headers)*
            #cookies
            #body
            #prepared
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

/// `url`: the base URL with the path and the query; with `page_url`, a next
/// page's URL when the builder has one.
fn url(op: &Operation, page_url: bool) -> TokenStream {
    let (path, segments) = path(op);
    let query = query(op);
    let base = base_url(op);
    let build = quote! { runtime::build_url(#base, #segments)? };
    match (page_url, query) {
        (false, Some(query)) => quote! {
            #path
            let mut url = #build;
            #query
        },
        (false, None) => quote! {
            #path
            let url = #build;
        },
        (true, Some(query)) => quote! {
            let url = match self.page_url {
                Some(url) => url,
                None => {
                    #path
                    let mut url = #build;
                    #query
                    url
                }
            };
        },
        (true, None) => quote! {
            let url = match self.page_url {
                Some(url) => url,
                None => {
                    #path
                    #build
                }
            };
        },
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

/// The path's segments as `build_url` takes them: an array of `&str`; with a
/// wildcard (which stands for any number of segments), a list made first.
fn path(op: &Operation) -> (TokenStream, TokenStream) {
    let wildcard = op
        .segments
        .iter()
        .any(|s| matches!(s.pieces.as_slice(), [Piece::Wildcard(_)]));
    if !wildcard {
        let segments = path_segments(op);
        return (TokenStream::new(), quote! { &[#(#segments),*] });
    }
    // Runs of plain segments, each a `vec!`, and the wildcards' segments, joined.
    let mut groups: Vec<TokenStream> = Vec::new();
    let mut run: Vec<TokenStream> = Vec::new();
    for seg in &op.segments {
        match seg.pieces.as_slice() {
            [Piece::Wildcard(i)] => {
                if !run.is_empty() {
                    groups.push(quote! { vec![#(#run),*] });
                    run.clear();
                }
                let n = &op.params[*i].name;
                groups.push(quote! { runtime::path_wildcard(&self.#n) });
            }
            [Piece::Literal(l)] => {
                let l = encode_literal(l);
                run.push(quote! { String::from(#l) });
            }
            pieces => run.push(segment_value(op, pieces)),
        }
    }
    if !run.is_empty() {
        groups.push(quote! { vec![#(#run),*] });
    }
    let prelude = quote! {
        let segments: Vec<String> = [#(#groups),*].concat();
        let segments: Vec<&str> = segments.iter().map(String::as_str).collect();
    };
    (prelude, quote! { &segments })
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
            pieces => {
                let value = segment_value(op, pieces);
                quote! { &#value }
            }
        })
        .collect()
}

/// A segment of parameters (and literals) as a `String`: one parameter's
/// value, or a `format!` of the pieces.
fn segment_value(op: &Operation, pieces: &[Piece]) -> TokenStream {
    match pieces {
        [Piece::Param(i)] => path_value(&op.params[*i]),
        pieces => {
            let mut fmt = String::new();
            let mut args = Vec::new();
            for piece in pieces {
                match piece {
                    Piece::Literal(l) => {
                        fmt.push_str(&encode_literal(l).replace('{', "{{").replace('}', "}}"))
                    }
                    Piece::Param(i) | Piece::Wildcard(i) => {
                        fmt.push_str("{}");
                        args.push(path_value(&op.params[*i]));
                    }
                }
            }
            quote! { format!(#fmt, #(#args),*) }
        }
    }
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
        let pushes = query_params.iter().map(|p| query_param(p));
        quote! {
            let mut query = runtime::Query::default();
            #(#pushes)*
            query.set_on(&mut url);
        }
    })
}

/// One query parameter: the method of `runtime::Query` for its style, given
/// its name and its value, if it has one (`None` adds nothing), on one line:
/// `query.form_exploded("per_page", self.per_page.as_ref());`.
fn query_param(p: &Parameter) -> TokenStream {
    use RuntimePart::*;
    let wire = &p.wire_name;
    let name = if p.allow_reserved {
        quote! { runtime::Reserved(#wire) }
    } else {
        quote! { #wire }
    };
    let n = p.name.to_ident();
    let value = match (p.required, p.json) {
        (true, false) => quote! { Some(&self.#n) },
        (false, false) => quote! { self.#n.as_ref() },
        (true, true) => quote! { Some(&runtime::json_text(&self.#n)) },
        (false, true) => quote! { self.#n.as_ref().map(runtime::json_text).as_ref() },
    };
    let delimiter = match p.style {
        ParamStyle::SpaceDelimited => quote! { " ", },
        _ => quote! { "|", },
    };
    match uses::param_part(p.location, p.style, p.explode) {
        QueryForm => quote! { query.form(#name, #value); },
        QueryDelimited => quote! { query.delimited(#name, #delimiter #value); },
        QueryDeep => quote! { query.deep_object(#name, #value); },
        _ => quote! { query.form_exploded(#name, #value); },
    }
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
fn body(model: &Model, op: &Operation, error: &Ident, shape: &Shape<'_>) -> Option<TokenStream> {
    op.body.as_ref().map(|b| {
        let set = set_body(&b.kind, &b.media_type, error);
        let flag = shape
            .stream_flag
            .map(|(field, on)| stream_flag(model, &b.kind, field, on));
        let binding = if flag.is_some() {
            quote! { mut body }
        } else {
            quote! { body }
        };
        if b.required || shape.body_required {
            quote! {
                let #binding = self.body;
                #flag
                #set
            }
        } else {
            quote! {
                if let Some(#binding) = self.body {
                    #flag
                    #set
                }
            }
        }
    })
}

/// Sets the body's stream flag to `on`, in as many `Option`s as its field has.
fn stream_flag(model: &Model, kind: &BodyKind, field: &RustIdent, on: bool) -> TokenStream {
    let depth = match kind {
        BodyKind::Json(t) => Types(&model.types)
            .struct_of(t)
            .and_then(|s| s.fields.iter().find(|f| f.name == *field))
            .map_or(1, |f| f.option_depth()),
        BodyKind::Multipart(m) => m.fields.iter().find(|f| f.name == *field).map_or(1, |f| {
            let nullable = matches!(f.value, PartValue::Value(TypeRef::Nullable(_)));
            usize::from(!f.required) + usize::from(nullable)
        }),
        _ => 1,
    };
    let mut value = quote! { #on };
    for _ in 0..depth {
        value = quote! { Some(#value) };
    }
    quote! { body.#field = #value; }
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
pub(in crate::emit) fn as_sent(p: &Parameter, value: TokenStream) -> TokenStream {
    if p.json {
        quote! { &runtime::json_text(#value) }
    } else {
        value
    }
}

/// The runtime function that writes a parameter in its location, style and
/// `explode`: the part [`uses::param_part`] picks, which is named as its
/// function (the runtime's headers declare the names).
pub(in crate::emit) fn param_writer(p: &Parameter) -> TokenStream {
    let name = format_ident!(
        "{}",
        uses::param_part(p.location, p.style, p.explode).name()
    );
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
pub(in crate::emit) fn encode_literal(segment: &str) -> String {
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
