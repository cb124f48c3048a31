//! Credentials: the client's setters (`with_bearer_token`) and appliers
//! (`apply_bearer_token`), and which appliers an operation's request calls.

use super::super::docs;
use crate::model::{Model, Operation, Security, SecurityKind, SecurityScheme};
use crate::uses::{self, Uses};
use proc_macro2::TokenStream;
use quote::quote;

/// The client's fields for its credentials, one (unset at first) for every scheme.
pub(super) fn credential_fields(model: &Model) -> Vec<TokenStream> {
    model
        .security_schemes
        .iter()
        .map(|s| {
            let f = &s.name;
            let ty = match s.kind {
                SecurityKind::Basic => quote! { Option<(String, Option<runtime::Secret>)> },
                _ => quote! { Option<runtime::Secret> },
            };
            quote! { pub(crate) #f: #ty, }
        })
        .collect()
}

/// The client's members for its credentials: each field's initial `None`, a
/// setter for every scheme, an applier for each some operation sends.
pub(super) struct ClientCredentials {
    pub inits: Vec<TokenStream>,
    pub setters: Vec<TokenStream>,
    pub appliers: Vec<TokenStream>,
}

pub(super) fn client_credentials(model: &Model, uses: &Uses) -> ClientCredentials {
    let schemes = &model.security_schemes;
    let inits = schemes
        .iter()
        .map(|s| {
            let f = &s.name;
            quote! { #f: None, }
        })
        .collect();
    let any_unspecified = model
        .operations
        .iter()
        .any(|o| o.security == Security::Unspecified);
    let setters = schemes
        .iter()
        .map(|s| credential_setter(s, any_unspecified))
        .collect();
    let appliers = schemes
        .iter()
        .zip(&uses.schemes_sent)
        .filter(|(_, used)| **used)
        .map(|(s, _)| credential_applier(s))
        .collect();
    ClientCredentials {
        inits,
        setters,
        appliers,
    }
}

fn credential_setter(s: &SecurityScheme, any_unspecified: bool) -> TokenStream {
    let field = s.name.to_ident();
    let which = if any_unspecified {
        format!(
            "to the operations that use `{}` and to those for which the document names no security at all \
             (never to an operation that opts out with `security: []`)",
            s.key
        )
    } else {
        format!("to the operations that use `{}`", s.key)
    };
    let setter = &s.setter;
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
    let field = &s.name;
    let apply = &s.applier;
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

/// The credentials an operation sends. With several alternatives, the first whose
/// credentials are all configured; an empty alternative (`{}`) only makes them optional.
pub(super) fn credentials(model: &Model, op: &Operation) -> TokenStream {
    let apply = |i: &usize| {
        let apply = &model.security_schemes[*i].applier;
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
            let field = model.security_schemes[*i].name.to_ident();
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
