//! The client (`client.rs`) and one request builder per operation (`operations.rs`).

use super::docs;
use super::{ident, TypeCtx};
use crate::model::{
    BodyKind, Location, Model, Operation, ParamStyle, Parameter, Piece, Primitive, ResponseBody,
    Security, SecurityKind, SecurityScheme, StatusMatch, TypeRef,
};
use crate::uses::{self, RuntimePart, Uses};
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

pub fn client_file(model: &Model, uses: &Uses) -> TokenStream {
    let used = &uses.schemes_sent;
    let schemes: Vec<&SecurityScheme> = model.security_schemes.iter().collect();
    let cred_fields = schemes.iter().map(|s| {
        let f = format_ident!("{}", s.name);
        let ty = match s.kind {
            SecurityKind::Basic => quote! { Option<(String, Option<runtime::Secret>)> },
            _ => quote! { Option<runtime::Secret> },
        };
        quote! { pub(crate) #f: #ty, }
    });
    let cred_inits = schemes.iter().map(|s| {
        let f = format_ident!("{}", s.name);
        quote! { #f: None, }
    });
    let any_unspecified = model
        .operations
        .iter()
        .any(|o| o.security == Security::Unspecified);
    let setters = schemes
        .iter()
        .map(|s| credential_setter(s, any_unspecified));
    let appliers = schemes
        .iter()
        .zip(used)
        .filter(|(_, used)| **used)
        .map(|(s, _)| credential_applier(s));

    let (default_const, new_fn, default_impl) = match &model.default_server {
        Some(url) => (
            quote! {
                /// The server the document names first.
                pub const DEFAULT_BASE_URL: &'static str = #url;
            },
            quote! {
                /// A client for [`Client::DEFAULT_BASE_URL`].
                pub fn new() -> Self {
                    let base_url = reqwest::Url::parse(Self::DEFAULT_BASE_URL)
                        .expect("the default base URL was checked when the client was generated");
                    Self::with_base_url(base_url)
                }
            },
            quote! {
                impl Default for Client {
                    fn default() -> Self {
                        Self::new()
                    }
                }
            },
        ),
        None => (TokenStream::new(), TokenStream::new(), TokenStream::new()),
    };

    let methods = model
        .operations
        .iter()
        .filter(|op| op.group.is_none())
        .map(|op| client_method(model, op));
    let group_methods = model.groups.iter().map(|g| {
        let method = format_ident!("{}", g.method_name);
        let ty = format_ident!("{}", g.type_name);
        let doc = format!(" The operations tagged `{}`.", g.tag.replace('`', "'"));
        quote! {
            #[doc = #doc]
            pub fn #method(&self) -> #ty<'_> {
                #ty { client: self }
            }
        }
    });
    let groups = model.groups.iter().map(|g| group(model, g));
    let servers = servers(model);
    let title = model.title.trim();
    let client_doc = format!(" A client for the {title} API.");
    let imports = imports(&uses.client_imports);

    quote! {
        #imports

        #[doc = #client_doc]
        ///
        /// Cloning is cheap: clones share one connection pool.
        #[derive(Debug, Clone)]
        pub struct Client {
            pub(crate) base_url: reqwest::Url,
            pub(crate) http: reqwest::Client,
            #(#cred_fields)*
        }

        #default_impl

        impl Client {
            #default_const

            #servers

            #new_fn

            /// A client for the server at `base_url` (another deployment, a test server).
            pub fn with_base_url(base_url: reqwest::Url) -> Self {
                Client {
                    base_url,
                    http: reqwest::Client::new(),
                    #(#cred_inits)*
                }
            }

            /// Sends requests with a `reqwest::Client` you configured (timeouts, proxies, TLS).
            pub fn with_http_client(mut self, http: reqwest::Client) -> Self {
                self.http = http;
                self
            }

            #(#setters)*

            /// The URL every request path is appended to.
            pub fn base_url(&self) -> &reqwest::Url {
                &self.base_url
            }

            /// The `reqwest::Client` requests are sent with.
            pub fn http_client(&self) -> &reqwest::Client {
                &self.http
            }

            #(#appliers)*

            #(#group_methods)*

            #(#methods)*
        }

        #(#groups)*
    }
}

/// The struct of one tag's operations, and its methods.
fn group(model: &Model, g: &crate::model::Group) -> TokenStream {
    let ty = format_ident!("{}", g.type_name);
    let mut text = format!(
        "The operations tagged `{}`, from [`Client::{}`].",
        g.tag.replace('`', "'"),
        g.method_name
    );
    if let Some(d) = g.doc.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        text = format!("{}\n\n{text}", docs::sanitized(d));
    }
    let doc = docs::outer_verbatim(&text);
    let methods = g
        .operations
        .iter()
        .map(|&i| client_method(model, &model.operations[i]));
    quote! {
        #doc
        #[derive(Debug, Clone, Copy)]
        pub struct #ty<'a> {
            client: &'a Client,
        }

        impl<'a> #ty<'a> {
            #(#methods)*
        }
    }
}

/// Every server the document lists, and a URL builder for the first with variables.
fn servers(model: &Model) -> TokenStream {
    if model.servers.is_empty() {
        return TokenStream::new();
    }
    let urls = model.servers.iter().map(|s| &s.url);
    let list_doc = model
        .servers
        .iter()
        .map(|s| match &s.description {
            Some(d) => format!("- `{}`: {}", s.url, d.trim().replace('\n', " ")),
            None => format!("- `{}`", s.url),
        })
        .collect::<Vec<_>>()
        .join("\n");
    let list_doc = docs::outer(Some(&format!(
        "The servers the document lists, each variable at its default; a relative one is \
         relative to where the document is served.\n\n{list_doc}"
    )));
    let builder = model.servers.iter().find(|s| !s.variables.is_empty()).map(|server| {
        let args = server.variables.iter().map(|v| {
            let n = ident(&v.name);
            quote! { #n: Option<&str> }
        });
        let checks = server.variables.iter().map(|v| {
            let n = ident(&v.name);
            let default = &v.default;
            let wire = &v.wire_name;
            let check = (!v.values.is_empty()).then(|| {
                let values = &v.values;
                let message = format!("`{wire}` must be one of {}, not {{value:?}}", values.join(", "));
                quote! {
                    if ![#(#values),*].contains(&#n) {
                        let value = #n;
                        return Err(format!(#message));
                    }
                }
            });
            let placeholder = format!("{{{wire}}}");
            quote! {
                let #n = #n.unwrap_or(#default);
                #check
                url = url.replace(#placeholder, #n);
            }
        });
        let template = &server.template;
        let mut text = format!(
            "The URL of the server `{template}`, each variable given or (`None`) at its default.\n\nArguments:"
        );
        for v in &server.variables {
            let values = if v.values.is_empty() {
                String::new()
            } else {
                format!(", one of {}", v.values.iter().map(|x| format!("`{x}`")).collect::<Vec<_>>().join(", "))
            };
            let about = v.doc.as_deref().map(|d| format!(" {}", d.trim().replace('\n', " "))).unwrap_or_default();
            text.push_str(&format!(
                "\n- `{}`: default `{}`{values}.{about}",
                crate::naming::unraw(&v.name),
                v.default
            ));
        }
        let doc = docs::outer(Some(&text));
        quote! {
            #doc
            pub fn server_url(#(#args),*) -> Result<reqwest::Url, String> {
                let mut url = String::from(#template);
                #(#checks)*
                reqwest::Url::parse(&url).map_err(|e| format!("{url:?} is not a URL: {e}"))
            }
        }
    });
    quote! {
        #list_doc
        pub const SERVERS: &'static [&'static str] = &[#(#urls),*];

        #builder
    }
}

fn credential_setter(s: &SecurityScheme, any_unspecified: bool) -> TokenStream {
    let field = format_ident!("{}", s.name);
    let which = if any_unspecified {
        format!(
            "to the operations that use `{}` and to those for which the document names no security at all \
             (never to an operation that opts out with `security: []`)",
            s.key
        )
    } else {
        format!("to the operations that use `{}`", s.key)
    };
    let setter = format_ident!("with_{}", s.name);
    let extra = s
        .doc
        .as_deref()
        .map(|d| format!("\n\n{d}"))
        .unwrap_or_default();
    match &s.kind {
        SecurityKind::Basic => {
            let doc = docs::outer(Some(&format!(
                "Sends `Authorization: Basic …` with these credentials {which}.{extra}"
            )));
            quote! {
                #doc
                pub fn #setter(mut self, username: impl Into<String>, password: Option<String>) -> Self {
                    self.#field = Some((username.into(), password.map(runtime::Secret::new)));
                    self
                }
            }
        }
        kind => {
            let how = match kind {
                SecurityKind::Bearer => "as `Authorization: Bearer …`".to_string(),
                SecurityKind::ApiKeyHeader(h) => format!("in the `{h}` header"),
                SecurityKind::ApiKeyQuery(q) => format!("as the `{q}` query parameter"),
                SecurityKind::ApiKeyCookie(c) => format!("as the `{c}` cookie"),
                SecurityKind::Basic => String::new(),
            };
            let doc = docs::outer(Some(&format!(
                "Sends `token` {how} {which}. `Debug` output never shows it.{extra}"
            )));
            quote! {
                #doc
                pub fn #setter(mut self, token: impl Into<String>) -> Self {
                    self.#field = Some(runtime::Secret::new(token));
                    self
                }
            }
        }
    }
}

fn credential_applier(s: &SecurityScheme) -> TokenStream {
    let field = format_ident!("{}", s.name);
    let apply = format_ident!("apply_{}", s.name);
    let body = match &s.kind {
        SecurityKind::Bearer => quote! {
            Some(token) => request.bearer_auth(token.expose()),
        },
        SecurityKind::Basic => quote! {
            Some((username, password)) => {
                request.basic_auth(username, password.as_ref().map(runtime::Secret::expose))
            }
        },
        SecurityKind::ApiKeyHeader(h) => quote! {
            Some(token) => request.header(#h, token.expose()),
        },
        SecurityKind::ApiKeyQuery(q) => quote! {
            Some(token) => request.query(&[(#q, token.expose())]),
        },
        SecurityKind::ApiKeyCookie(c) => {
            let fmt = format!("{c}={{}}");
            quote! {
                Some(token) => request.header(reqwest::header::COOKIE, format!(#fmt, token.expose())),
            }
        }
    };
    quote! {
        pub(crate) fn #apply(&self, request: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
            match &self.#field {
                #body
                None => request,
            }
        }
    }
}

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
            p.doc.as_deref().filter(|d| !d.trim().is_empty()).map(|d| {
                format!(
                    "- `{}`: {}",
                    crate::naming::unraw(&p.name),
                    d.trim().replace('\n', " ")
                )
            })
        })
        .collect();
    if !args.is_empty() {
        parts.push(docs::sanitized(&format!("Arguments:\n{}", args.join("\n"))));
    }
    parts.retain(|p| !p.trim().is_empty());
    parts.join("\n\n")
}

fn client_method(_model: &Model, op: &Operation) -> TokenStream {
    let doc = docs::outer_verbatim(&operation_doc(op));
    let deprecated = op.deprecated.then(|| quote! { #[deprecated] });
    let name = format_ident!("{}", op.method_name);
    let builder = format_ident!("{}", op.type_name);
    let required: Vec<&Parameter> = op.params.iter().filter(|p| p.required).collect();
    let args = required.iter().map(|p| {
        let n = ident(&p.name);
        let ty = arg_type(&p.ty);
        quote! { #n: #ty }
    });
    let values = required.iter().map(|p| {
        let n = ident(&p.name);
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

/// Every required parameter is an argument, however many the document declares.
fn too_many_arguments(count: usize) -> TokenStream {
    if count > 6 {
        quote! { #[allow(clippy::too_many_arguments)] }
    } else {
        TokenStream::new()
    }
}

fn is_string(t: &TypeRef) -> bool {
    matches!(t, TypeRef::Primitive(Primitive::String))
}

/// The type of a method argument or setter parameter.
fn arg_type(t: &TypeRef) -> TokenStream {
    if is_string(t) {
        quote! { impl Into<String> }
    } else {
        TypeCtx::Sibling.type_ref(t)
    }
}

/// The type a builder holds its body in; `in_client` where `client.rs` names it.
fn body_type(kind: &BodyKind, in_client: bool) -> TokenStream {
    let local = |name: &str| {
        let name = format_ident!("{name}");
        if in_client {
            quote! { operations::#name }
        } else {
            quote! { #name }
        }
    };
    match kind {
        BodyKind::Json(t) | BodyKind::Form(t, _) => TypeCtx::Sibling.type_ref(t),
        BodyKind::Text => quote! { String },
        BodyKind::Bytes => quote! { reqwest::Body },
        BodyKind::Multipart(m) => local(&m.type_name),
        BodyKind::Choice(c) => local(&c.type_name),
    }
}

/// The type a method takes a body as: bytes (or a stream) and text through `Into`.
fn body_arg_type(kind: &BodyKind, in_client: bool) -> TokenStream {
    match kind {
        BodyKind::Text => quote! { impl Into<String> },
        BodyKind::Bytes => quote! { impl Into<reqwest::Body> },
        other => body_type(other, in_client),
    }
}

/// Some of the operations of `operations.rs`.
pub fn operations_items(model: &Model, range: std::ops::Range<usize>) -> TokenStream {
    let ops = model.operations[range]
        .iter()
        .map(|op| operation(model, op));
    quote! { #(#ops)* }
}

/// The top of `operations.rs`.
pub fn operations_prelude(uses: &Uses) -> TokenStream {
    imports(&uses.operations_imports)
}

/// `use` items, one per path.
fn imports(paths: &[&str]) -> TokenStream {
    let items = paths.iter().map(|path| {
        let path: syn::Path = syn::parse_str(path).expect("an import path of the generator's own");
        quote! { use #path; }
    });
    quote! { #(#items)* }
}

fn success_type(op: &Operation) -> (TokenStream, ResponseBody) {
    let body = op.success_body();
    if let Some(outcome) = &op.outcome {
        let outcome = format_ident!("{outcome}");
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

fn operation(model: &Model, op: &Operation) -> TokenStream {
    let builder = format_ident!("{}", op.type_name);
    let error = format_ident!("{}Error", op.type_name);
    let link = model.method_link(op);
    let builder_doc = format!(" The request [`{link}`] builds; `.await` it to send it.");

    // Fields: required parameters, optional ones, the body.
    let mut fields = Vec::new();
    let mut new_args = Vec::new();
    let mut new_inits = Vec::new();
    let mut setters = Vec::new();
    for p in &op.params {
        let n = ident(&p.name);
        let ty = TypeCtx::Sibling.type_ref(&p.ty);
        if p.required {
            fields.push(quote! { #n: #ty, });
            new_args.push(quote! { #n: #ty });
            new_inits.push(quote! { #n, });
        } else {
            fields.push(quote! { #n: Option<#ty>, });
            new_inits.push(quote! { #n: None, });
            let doc = docs::outer(p.doc.as_deref());
            let arg = arg_type(&p.ty);
            let value = if is_string(&p.ty) {
                quote! { value.into() }
            } else {
                quote! { value }
            };
            setters.push(quote! {
                #doc
                pub fn #n(mut self, value: #arg) -> Self {
                    self.#n = Some(#value);
                    self
                }
            });
        }
    }
    let mut body_types = TokenStream::new();
    if let Some(body) = &op.body {
        let ty = body_type(&body.kind, false);
        if body.required {
            fields.push(quote! { body: #ty, });
            new_args.push(quote! { body: #ty });
            new_inits.push(quote! { body, });
        } else {
            fields.push(quote! { body: Option<#ty>, });
            new_inits.push(quote! { body: None, });
            let doc = docs::outer(Some(body.doc.as_deref().unwrap_or("The request body.")));
            let arg = body_arg_type(&body.kind, false);
            let value = match body.kind {
                BodyKind::Bytes | BodyKind::Text => quote! { body.into() },
                _ => quote! { body },
            };
            setters.push(quote! {
                #doc
                pub fn body(mut self, body: #arg) -> Self {
                    self.body = Some(#value);
                    self
                }
            });
        }
        body_types = body_type_items(&body.kind, &link);
    }

    // An operation with servers of its own can be sent elsewhere.
    let (server_field, server_init, server_setter) = match op.servers.first() {
        None => (None, None, None),
        Some(first) => {
            let doc = format!(
                " Sends this request to `url` rather than this operation's own server, `{}`.",
                first.url.replace('`', "'")
            );
            (
                Some(quote! { server: Option<reqwest::Url>, }),
                Some(quote! { server: None, }),
                Some(quote! {
                    #[doc = #doc]
                    pub fn server(mut self, url: reqwest::Url) -> Self {
                        self.server = Some(url);
                        self
                    }
                }),
            )
        }
    };

    // `new` takes the client too.
    let many_new_args = too_many_arguments(new_args.len() + 1);
    let send = send_fn(model, op, &error);
    let (ok_ty, _) = success_type(op);
    let error_enum = error_enum(op, &error, &link);
    let outcome_enum = outcome_enum(op, &link);
    let headers_struct = headers_struct(model, op);
    quote! {
        #[doc = #builder_doc]
        #[derive(Debug)]
        #[must_use = "a request does nothing until it is awaited"]
        pub struct #builder<'a> {
            client: &'a Client,
            #(#fields)*
            #server_field
            options: runtime::RequestOptions,
        }

        impl<'a> #builder<'a> {
            #many_new_args
            pub(crate) fn new(client: &'a Client, #(#new_args),*) -> Self {
                #builder {
                    client,
                    #(#new_inits)*
                    #server_init
                    options: runtime::RequestOptions::default(),
                }
            }

            #(#setters)*
            #server_setter
            #send
        }

        runtime::request_builder!(#builder, #ok_ty, #error);

        #error_enum
        #body_types
        #outcome_enum
        #headers_struct
    }
}

/// The struct of the headers an operation's successes declare, read from a header map.
fn headers_struct(model: &Model, op: &Operation) -> Option<TokenStream> {
    let name = format_ident!("{}", op.headers_type.as_ref()?);
    let doc = docs::outer_verbatim(&format!(
        "The headers a successful response of [`{}`] declares, read with\n\
         `{}::from(response.headers())`.\n\n\
         A header that is absent, or not of its declared type, is `None`; the raw\n\
         value stays in the header map.",
        model.method_link(op),
        name
    ));
    let fields = op.response_headers.iter().map(|h| {
        let field = ident(&h.name);
        let ty = header_type(model, &h.ty);
        let doc = docs::outer(h.doc.as_deref());
        let deprecated = h.deprecated.then(|| quote! { #[deprecated] });
        quote! {
            #doc
            #deprecated
            pub #field: Option<#ty>,
        }
    });
    let reads = op.response_headers.iter().map(|h| {
        let field = ident(&h.name);
        let wire = h.wire_name.to_ascii_lowercase();
        quote! { #field: runtime::header_value(headers, #wire), }
    });
    Some(quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Default)]
        pub struct #name {
            #(#fields)*
        }

        impl From<&reqwest::header::HeaderMap> for #name {
            fn from(headers: &reqwest::header::HeaderMap) -> Self {
                #name {
                    #(#reads)*
                }
            }
        }
    })
}

/// A response header's type: the declared one where its text parses into it
/// (`FromStr`), else the text.
fn header_type(model: &Model, ty: &TypeRef) -> TokenStream {
    if uses::header_parses(model, ty) {
        TypeCtx::Sibling.type_ref(ty)
    } else {
        quote! { String }
    }
}

/// The enum of an operation's successes, when their bodies differ.
fn outcome_enum(op: &Operation, link: &str) -> TokenStream {
    let Some(name) = &op.outcome else {
        return TokenStream::new();
    };
    let name = format_ident!("{name}");
    let doc = format!(" The successful responses of [`{link}`], one variant for each status.");
    let variants = op.success.iter().map(|r| response_variant(r, true));
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq)]
        #[allow(clippy::large_enum_variant)]
        pub enum #name {
            #(#variants)*
        }
    }
}

/// The types an operation's body needs in `operations.rs`: its choice of media types, its multipart struct.
fn body_type_items(kind: &BodyKind, link: &str) -> TokenStream {
    match kind {
        BodyKind::Multipart(m) => multipart_struct(link, m),
        BodyKind::Choice(c) => {
            let name = format_ident!("{}", c.type_name);
            let doc = format!(" The request body of [`{link}`], in the media type you choose.");
            let variants = c.options.iter().map(|o| {
                let v = format_ident!("{}", o.variant);
                let ty = body_type(&o.kind, false);
                let doc = format!(" `{}`", o.media_type.replace('`', "'"));
                quote! {
                    #[doc = #doc]
                    #v(#ty),
                }
            });
            let nested = c.options.iter().map(|o| body_type_items(&o.kind, link));
            quote! {
                #[doc = #doc]
                #[derive(Debug)]
                #[allow(clippy::large_enum_variant)]
                pub enum #name {
                    #(#variants)*
                }
                #(#nested)*
            }
        }
        _ => TokenStream::new(),
    }
}

/// The struct a caller fills for a `multipart/form-data` body, and how it becomes a form.
fn multipart_struct(link: &str, m: &crate::model::Multipart) -> TokenStream {
    use crate::model::PartValue;
    let name = format_ident!("{}", m.type_name);
    let doc = format!(" The parts of the `multipart/form-data` body of [`{link}`].");
    let fields = m.fields.iter().map(|f| {
        let n = ident(&f.name);
        let ty = match &f.value {
            PartValue::File => quote! { runtime::FilePart },
            PartValue::Files => quote! { Vec<runtime::FilePart> },
            PartValue::Value(t) => TypeCtx::Sibling.type_ref(t),
        };
        let ty = if f.required {
            ty
        } else {
            quote! { Option<#ty> }
        };
        let doc = docs::outer(f.doc.as_deref());
        quote! {
            #doc
            pub #n: #ty,
        }
    });
    let parts = m.fields.iter().map(|f| {
        let n = ident(&f.name);
        let wire = &f.wire_name;
        let content_type = match &f.content_type {
            Some(c) => quote! { Some(#c) },
            None => quote! { None },
        };
        let add = |value: TokenStream| match &f.value {
            PartValue::File => {
                quote! { form = form.part(#wire, #value.into_part(#content_type)?); }
            }
            PartValue::Files => quote! {
                for file in #value {
                    form = form.part(#wire, file.into_part(#content_type)?);
                }
            },
            PartValue::Value(TypeRef::Array(_)) => quote! {
                for item in &#value {
                    form = form.part(#wire, runtime::value_part(item));
                }
            },
            PartValue::Value(_) => {
                quote! { form = form.part(#wire, runtime::value_part(&#value)); }
            }
        };
        if f.required {
            add(quote! { self.#n })
        } else {
            let add = add(quote! { value });
            quote! {
                if let Some(value) = self.#n {
                    #add
                }
            }
        }
    });
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone)]
        pub struct #name {
            #(#fields)*
        }

        impl #name {
            /// The parts, in the document's order; a list is one part per item.
            fn into_form(self) -> Result<reqwest::multipart::Form, String> {
                let mut form = reqwest::multipart::Form::new();
                #(#parts)*
                Ok(form)
            }
        }
    }
}

fn send_fn(model: &Model, op: &Operation, error: &proc_macro2::Ident) -> TokenStream {
    // The path.
    let segments = op.segments.iter().map(|seg| match seg.pieces.as_slice() {
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
                    Piece::Param(i) | Piece::Wildcard(i) => {
                        fmt.push_str("{}");
                        args.push(path_value(&op.params[*i]));
                    }
                }
            }
            quote! { &format!(#fmt, #(#args),*) }
        }
    });
    let http_method = format_ident!("{}", op.http_method);
    let method_tokens = match op.http_method.as_str() {
        "GET" | "POST" | "PUT" | "DELETE" | "HEAD" | "OPTIONS" | "PATCH" | "TRACE" => {
            quote! { reqwest::Method::#http_method }
        }
        other => {
            let bytes = Literal::byte_string(other.as_bytes());
            quote! { reqwest::Method::from_bytes(#bytes).unwrap_or(reqwest::Method::GET) }
        }
    };

    // The query.
    let query_params: Vec<&Parameter> = op
        .params
        .iter()
        .filter(|p| p.location == Location::Query)
        .collect();
    let query = (!query_params.is_empty()).then(|| {
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
    });

    // Headers and cookies.
    let headers = op
        .params
        .iter()
        .filter(|p| p.location == Location::Header)
        .map(|p| {
            let wire = &p.wire_name;
            let writer = param_writer(p);
            with_value(p, |value| {
                quote! { request = request.header(#wire, #writer(#value)); }
            })
        });
    let cookie_params: Vec<&Parameter> = op
        .params
        .iter()
        .filter(|p| p.location == Location::Cookie)
        .collect();
    let cookies = (!cookie_params.is_empty()).then(|| {
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
    });

    // The body, moved out of the builder.
    let body = op.body.as_ref().map(|b| {
        let set = set_body(&b.kind, &b.media_type, &error.clone());
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
    });

    // Credentials.
    let auth = credentials(model, op);

    // Responses.
    let (_, success_body) = success_type(op);
    let success_call = match success_body {
        ResponseBody::Empty => quote! { raw.empty() },
        ResponseBody::Json(_) => quote! { raw.json() },
        ResponseBody::Text => quote! { raw.text() },
        ResponseBody::Bytes => quote! { raw.bytes() },
    };
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
    let streaming = (op.outcome.is_none() && success_body == ResponseBody::Bytes).then(|| {
        let patterns = plan.success.iter().map(status_pattern);
        quote! {
            /// Sends the request and hands over a successful response's body unread, for
            /// large downloads: read it piece by piece with `chunk()` (or `bytes_stream()`
            /// with reqwest's `stream` feature). An error response is read and decoded as
            /// [`Self::send`] does.
            pub async fn send_streaming(
                self,
            ) -> Result<runtime::ResponseValue<reqwest::Response>, runtime::Error<#error>> {
                let response = runtime::send_request(self.build_request()?).await?;
                if matches!(response.status().as_u16(), #(#patterns)|*) {
                    return Ok(runtime::ResponseValue::unread(response));
                }
                let raw = runtime::RawResponse::read(response).await?;
                Err(match Self::read_response(raw) {
                    Err(e) => e,
                    Ok(read) => read.unexpected(),
                })
            }
        }
    });
    let url_binding = if query.is_some() {
        quote! { let mut url }
    } else {
        quote! { let url }
    };
    let base = match op.servers.first() {
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
    };
    quote! {
        #streaming

        fn build_request(self) -> Result<reqwest::RequestBuilder, runtime::Error<#error>> {
            #url_binding = runtime::build_url(#base, &[#(#segments),*])?;
            #query
            let mut request = self.client.http.request(#method_tokens, url);
            #(#headers)*
            #cookies
            #body
            #auth
            request = self.options.apply(request);
            Ok(request)
        }

        #overlap
        fn read_response(
            raw: runtime::RawResponse,
        ) -> Result<runtime::ResponseValue<#ok_ty>, runtime::Error<#error>> {
            #read
        }
    }
}

/// A status pattern of the plan: `404`, or `400..=499`.
fn status_pattern(p: &crate::model::status::StatusPattern) -> TokenStream {
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
fn status_call(
    op: &Operation,
    target: crate::model::status::StatusTarget,
    success_call: &TokenStream,
    error: &proc_macro2::Ident,
) -> TokenStream {
    use crate::model::status::StatusTarget;
    match target {
        StatusTarget::Success => success_call.clone(),
        StatusTarget::Outcome(i) => {
            let r = &op.success[i];
            let outcome = format_ident!("{}", op.outcome.as_deref().unwrap_or_default());
            let variant = format_ident!("{}", r.variant);
            match &r.body {
                ResponseBody::Empty => quote! { raw.empty_as(#outcome::#variant) },
                ResponseBody::Json(_) => quote! { raw.json_as(#outcome::#variant) },
                ResponseBody::Text => quote! { raw.text_as(#outcome::#variant) },
                ResponseBody::Bytes => quote! { raw.bytes_as(#outcome::#variant) },
            }
        }
        StatusTarget::Error(i) => {
            let r = &op.errors[i];
            let variant = format_ident!("{}", r.variant);
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

/// Sets `body`, of kind `kind`, as the request's body.
fn set_body(kind: &BodyKind, content_type: &str, error: &proc_macro2::Ident) -> TokenStream {
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
            let name = format_ident!("{}", c.type_name);
            let arms = c.options.iter().map(|o| {
                let v = format_ident!("{}", o.variant);
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

/// The credentials an operation sends. With several alternatives, the first whose
/// credentials are all configured; an empty alternative (`{}`) only makes them optional.
fn credentials(model: &Model, op: &Operation) -> TokenStream {
    let apply = |i: &usize| {
        let apply = format_ident!("apply_{}", model.security_schemes[*i].name);
        quote! { request = self.client.#apply(request); }
    };
    let alternatives: Vec<&Vec<usize>> = match &op.security {
        Security::Required(alternatives) => alternatives.iter().filter(|a| !a.is_empty()).collect(),
        _ => Vec::new(),
    };
    if alternatives.len() < 2 {
        let all = uses::operation_schemes(model, op);
        let applies = all.iter().map(apply);
        return quote! { #(#applies)* };
    }
    let branches = alternatives.iter().map(|alternative| {
        let configured = alternative.iter().map(|i| {
            let field = format_ident!("{}", model.security_schemes[*i].name);
            quote! { self.client.#field.is_some() }
        });
        let applies = alternative.iter().map(apply);
        quote! {
            if #(#configured)&&* {
                #(#applies)*
            }
        }
    });
    quote! { #(#branches)else* }
}

/// The code `code` makes of a reference to the parameter's value; skipped when an optional one is unset.
fn with_value(p: &Parameter, code: impl Fn(TokenStream) -> TokenStream) -> TokenStream {
    let n = ident(&p.name);
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
fn as_sent(p: &Parameter, value: TokenStream) -> TokenStream {
    if p.json {
        quote! { &runtime::json_text(#value) }
    } else {
        value
    }
}

/// The runtime function that writes a parameter in its location, style and
/// `explode` (the part [`uses::param_part`] picks).
fn param_writer(p: &Parameter) -> TokenStream {
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
fn path_value(p: &Parameter) -> TokenStream {
    let n = ident(&p.name);
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
fn encode_literal(segment: &str) -> String {
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

fn error_enum(op: &Operation, error: &proc_macro2::Ident, link: &str) -> TokenStream {
    let doc = if op.errors.is_empty() {
        format!(
            " The errors [`{link}`] declares: none. Every error status arrives as \
             [`Error::UnexpectedResponse`](super::Error::UnexpectedResponse)."
        )
    } else {
        format!(" The error responses [`{link}`] declares.")
    };
    let variants = op.errors.iter().map(|r| response_variant(r, false));
    let allow = (!op.errors.is_empty()).then(|| quote! { #[allow(clippy::large_enum_variant)] });
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq)]
        #allow
        pub enum #error {
            #(#variants)*
        }
    }
}

/// One variant of an outcome or error enum: the status and description as
/// its doc, the decoded body as its payload (bytes only where `with_bytes`).
fn response_variant(r: &crate::model::Response, with_bytes: bool) -> TokenStream {
    let variant = format_ident!("{}", r.variant);
    let status = match r.status {
        StatusMatch::Code(c) => format!("`{c}`"),
        StatusMatch::Range(d) => format!("`{d}XX`"),
        StatusMatch::Default => "Any other status".to_string(),
    };
    let text = match &r.doc {
        Some(d) => format!("{status}: {}", d.trim()),
        None => status,
    };
    let doc = docs::outer(Some(&text));
    let payload = match &r.body {
        ResponseBody::Json(t) => {
            let t = TypeCtx::Sibling.type_ref(t);
            quote! { (#t) }
        }
        ResponseBody::Text => quote! { (String) },
        ResponseBody::Bytes if with_bytes => quote! { (Vec<u8>) },
        ResponseBody::Empty | ResponseBody::Bytes => TokenStream::new(),
    };
    quote! {
        #doc
        #variant #payload,
    }
}
