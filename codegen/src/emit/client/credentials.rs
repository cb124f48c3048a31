//! Credentials: the client's setters (`with_bearer_token`, and
//! `with_bearer_token_provider` for a provider of it), and which credentials
//! an operation's request sends, and where.

use super::super::docs;
use crate::model::{Model, Operation, Security, SecurityKind, SecurityScheme};
use crate::uses;
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
                _ => quote! { Option<runtime::Token> },
            };
            quote! { pub(crate) #f: #ty, }
        })
        .collect()
}

/// The client's members for its credentials: each field's initial `None`,
/// and the setters of every scheme.
pub(super) struct ClientCredentials {
    pub inits: Vec<TokenStream>,
    pub setters: Vec<TokenStream>,
}

pub(super) fn client_credentials(model: &Model) -> ClientCredentials {
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
    ClientCredentials { inits, setters }
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
            let provider_doc = docs::outer(Some(&format!(
                "Sends the credential `provider` gives {how} {which}: it is asked \
                 anew for each attempt of each request (a token it refreshes). It \
                 replaces a token given to `{setter}`."
            )));
            let provider_setter = &s.provider_setter;
            quote! {
                #doc
                pub fn #setter(mut self, token: impl Into<String>) -> Self {
                    self.#field = Some(runtime::Token::Fixed(runtime::Secret::new(token)));
                    self
                }

                #provider_doc
                pub fn #provider_setter(mut self, provider: impl runtime::CredentialProvider) -> Self {
                    self.#field = Some(runtime::Token::Provided(std::sync::Arc::new(provider)));
                    self
                }
            }
        }
    }
}

/// The call that sends one scheme's credential, when the client has one.
fn send_credential(s: &SecurityScheme) -> TokenStream {
    let field = &s.name;
    let credential = quote! { &self.client.#field };
    match &s.kind {
        SecurityKind::Bearer => quote! { request.credential(#credential, runtime::bearer); },
        SecurityKind::Basic => quote! { request.basic_auth(#credential); },
        SecurityKind::ApiKeyHeader(h) => quote! {
            request.credential(#credential, |r, t| runtime::in_header(r, #h, t));
        },
        SecurityKind::ApiKeyQuery(q) => quote! {
            request.credential(#credential, |r, t| runtime::in_query(r, #q, t));
        },
        SecurityKind::ApiKeyCookie(c) => quote! {
            request.credential(#credential, |r, t| runtime::in_cookie(r, #c, t));
        },
    }
}

/// The credentials an operation sends. With several alternatives, the first whose
/// credentials are all configured; an empty alternative (`{}`) only makes them optional.
pub(super) fn credentials(model: &Model, op: &Operation) -> TokenStream {
    let apply = |i: &usize| send_credential(&model.security_schemes[*i]);
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
