//! `Client::SERVERS`, and `Client::server_url(..)` for the first server with variables.

use super::super::docs;
use crate::model::Model;
use proc_macro2::TokenStream;
use quote::quote;

/// Every server the document lists, and a URL builder for the first with variables.
pub(super) fn servers(model: &Model) -> TokenStream {
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
            let n = v.name.to_ident();
            quote! { #n: Option<&str> }
        });
        let checks = server.variables.iter().map(|v| {
            let n = v.name.to_ident();
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
                v.name.unraw(),
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

/// `DEFAULT_BASE_URL`, `Client::new()` and `Default`, for a document with an absolute server.
pub(super) struct DefaultServer {
    pub default_const: TokenStream,
    pub new_fn: TokenStream,
    pub default_impl: TokenStream,
}

pub(super) fn default_server(model: &Model) -> DefaultServer {
    let Some(url) = &model.default_server else {
        return DefaultServer {
            default_const: TokenStream::new(),
            new_fn: TokenStream::new(),
            default_impl: TokenStream::new(),
        };
    };
    DefaultServer {
        default_const: quote! {
            /// The server the document names first.
            pub const DEFAULT_BASE_URL: &'static str = #url;
        },
        new_fn: quote! {
            /// A client for [`Client::DEFAULT_BASE_URL`].
            pub fn new() -> Self {
                let base_url = reqwest::Url::parse(Self::DEFAULT_BASE_URL)
                    .expect("the default base URL was checked when the client was generated");
                Self::with_base_url(base_url)
            }
        },
        default_impl: quote! {
            impl Default for Client {
                fn default() -> Self {
                    Self::new()
                }
            }
        },
    }
}
