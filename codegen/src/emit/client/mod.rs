//! The client (`client.rs`) and one request builder per operation (`operations.rs`).
//!
//! - `mod.rs`: the `Client` struct, its constructors and accessors, tag groups;
//!   the tops (imports) of both files.
//! - [`servers`]: `Client::SERVERS` and `Client::server_url(..)`.
//! - [`credentials`]: the client's credential fields and setters (and
//!   providers' setters), and which credentials an operation's request sends.
//! - [`methods`]: one `Client` method per operation, with its doc.
//! - [`builder`]: an operation's builder struct, `new`, setters, and the types
//!   its arguments and body are taken as.
//! - [`request`]: the builder's `build_request`: path, method, query, headers,
//!   cookies, body, credentials.
//! - [`response`]: the builder's `read_response` (the status plan's arms) and
//!   `send_streaming`.
//! - [`enums`]: an operation's error and outcome enums, its body's choice enum
//!   and multipart struct.
//! - [`headers`]: the struct of the headers an operation's successes declare.
//! - [`streams`]: what sends a builder: a response read whole, or a stream of
//!   server-sent events (and the second builder that asks for it).
//! - [`pages`]: a paginated operation's `pages()` and `items()`, a job's `wait()`.

mod builder;
mod credentials;
mod enums;
mod headers;
mod methods;
mod pages;
mod request;
mod response;
mod servers;
mod streams;

// What the mocks (`emit::mock`) write as the client does.
pub(super) use builder::{arg_type, is_string};
pub(super) use request::{as_sent, encode_literal, param_writer};

use super::{docs, features};
use crate::model::Model;
use crate::uses::Uses;
use proc_macro2::TokenStream;
use quote::quote;

/// The whole of `client.rs`, as [`client_top`], `impl Client` (its own items,
/// then the methods of the operations without a group) and each group make it.
pub fn client_file(model: &Model, uses: &Uses) -> TokenStream {
    let top = client_top(model, uses);
    let own = client_own_items(model);
    let ungrouped = (0..model.operations.len()).filter(|&i| model.operations[i].group.is_none());
    let methods = client_impl(model, own, ungrouped);
    let groups = (0..model.groups.len()).map(|g| {
        let top = group_top(model, g);
        let all = 0..model.groups[g].operations.len();
        let methods = group_impl(model, g, all);
        quote! { #top #methods }
    });
    quote! {
        #top
        #methods
        #(#groups)*
    }
}

/// The top of `client.rs`: its imports, the `Client` struct and its `Default`.
pub fn client_top(model: &Model, uses: &Uses) -> TokenStream {
    let cred_fields = credentials::credential_fields(model);
    let default_impl = servers::default_server(model).default_impl;
    let title = model.title.trim();
    let client_doc = format!(" A client for the {title} API.");
    let imports = features::imports(model, imports(&uses.client_imports));
    let Http {
        field, settings, ..
    } = http(model);

    quote! {
        #imports

        #[doc = #client_doc]
        ///
        /// Cloning is cheap: clones share one connection pool.
        #[derive(Debug, Clone)]
        pub struct Client {
            pub(crate) base_url: reqwest::Url,
            #(#cred_fields)*
            #field
        }

        #default_impl

        #settings
    }
}

/// The items of `impl Client` before the operations' methods: servers,
/// constructors, credentials, accessors and the groups' methods.
pub fn client_own_items(model: &Model) -> TokenStream {
    let credentials::ClientCredentials {
        inits: cred_inits,
        setters,
    } = credentials::client_credentials(model);
    let Http {
        init, http_methods, ..
    } = http(model);
    let servers::DefaultServer {
        default_const,
        new_fn,
        ..
    } = servers::default_server(model);
    let group_methods = (0..model.groups.len()).map(|g| {
        let cfg = features::group_cfg(model, g);
        let method = group_method(&model.groups[g]);
        quote! { #cfg #method }
    });
    let servers = servers::servers(model);

    quote! {
        #default_const

        #servers

        #new_fn

        /// A client for the server at `base_url` (another deployment, a test server).
        pub fn with_base_url(base_url: reqwest::Url) -> Self {
            Client {
                base_url,
                #(#cred_inits)*
                #init
            }
        }

        #http_methods

        #(#setters)*

        /// The URL every request path is appended to.
        pub fn base_url(&self) -> &reqwest::Url {
            &self.base_url
        }

        #(#group_methods)*
    }
}

/// The client's method that opens a tag's group.
fn group_method(g: &crate::model::Group) -> TokenStream {
    let method = &g.method_name;
    let ty = &g.type_name;
    let doc = format!(" The operations tagged `{}`.", g.tag.replace('`', "'"));
    quote! {
        #[doc = #doc]
        pub fn #method(&self) -> #ty<'_> {
            #ty { client: self }
        }
    }
}

/// How a client sends: the runtime's settings (HTTP client, timeouts,
/// retries, hooks), with their methods from its `client_settings!`, or for a
/// client without operations only the HTTP client.
struct Http {
    field: TokenStream,
    init: TokenStream,
    http_methods: TokenStream,
    settings: TokenStream,
}

fn http(model: &Model) -> Http {
    if !model.operations.is_empty() {
        return Http {
            field: quote! { pub(crate) settings: runtime::Settings, },
            init: quote! { settings: runtime::Settings::default(), },
            http_methods: TokenStream::new(),
            settings: quote! { runtime::client_settings!(Client); },
        };
    }
    Http {
        field: quote! { pub(crate) http: reqwest::Client, },
        init: quote! { http: reqwest::Client::new(), },
        http_methods: quote! {
            /// Sends requests with a `reqwest::Client` you configured (timeouts, proxies, TLS).
            pub fn with_http_client(mut self, http: reqwest::Client) -> Self {
                self.http = http;
                self
            }

            /// The `reqwest::Client` requests are sent with.
            pub fn http_client(&self) -> &reqwest::Client {
                &self.http
            }
        },
        settings: TokenStream::new(),
    }
}

/// `impl Client`: `items` (such as [`client_own_items`]), then the methods of `operations`.
pub fn client_impl(
    model: &Model,
    items: TokenStream,
    operations: impl Iterator<Item = usize>,
) -> TokenStream {
    let methods = operations.map(|i| {
        let method = methods::client_method(model, &model.operations[i]);
        features::gate_impl_items(method, &features::operation_cfg(model, i))
    });
    quote! {
        impl Client {
            #items
            #(#methods)*
        }
    }
}

/// The doc and struct of the group `g` (one tag's operations).
pub fn group_top(model: &Model, group: usize) -> TokenStream {
    let g = &model.groups[group];
    let ty = &g.type_name;
    let mut text = format!(
        "The operations tagged `{}`, from [`Client::{}`].",
        g.tag.replace('`', "'"),
        g.method_name
    );
    if let Some(d) = g.doc.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        text = format!("{}\n\n{text}", docs::sanitized(d));
    }
    let doc = docs::outer_verbatim(&text);
    let cfg = features::group_cfg(model, group);
    quote! {
        #doc
        #cfg
        #[derive(Debug, Clone, Copy)]
        pub struct #ty<'a> {
            client: &'a Client,
        }
    }
}

/// The methods of some of the operations of the group `g` (`range` of its
/// list), in its `impl` block.
pub fn group_impl(model: &Model, group: usize, range: std::ops::Range<usize>) -> TokenStream {
    let cfg = features::group_cfg(model, group);
    let g = &model.groups[group];
    let ty = &g.type_name;
    let methods = g.operations[range]
        .iter()
        .map(|&i| methods::client_method(model, &model.operations[i]));
    quote! {
        #cfg
        impl<'a> #ty<'a> {
            #(#methods)*
        }
    }
}

/// Some of the operations of `operations.rs`.
pub fn operations_items(model: &Model, range: std::ops::Range<usize>) -> TokenStream {
    let start = range.start;
    let ops = model.operations[range].iter().enumerate().map(|(i, op)| {
        let items = builder::operation(model, op);
        features::gate_items(items, &features::operation_cfg(model, start + i))
    });
    quote! { #(#ops)* }
}

/// The top of `operations.rs`.
pub fn operations_prelude(model: &Model, uses: &Uses) -> TokenStream {
    features::imports(model, imports(&uses.operations_imports))
}

/// `use` items, one per path.
pub(super) fn imports(paths: &[&str]) -> TokenStream {
    let items = paths.iter().map(|path| {
        let path: syn::Path = syn::parse_str(path).expect("an import path of the generator's own");
        quote! { use #path; }
    });
    quote! { #(#items)* }
}
