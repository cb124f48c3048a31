//! `securitySchemes` → the client's credentials, and each operation's
//! `security` → which of them it sends.

use super::OperationBuilder;
use crate::diag::{Error, Pointer, WarningKind};
use crate::load::Document;
use crate::model::resolve::resolve;
use crate::model::schema::Lowering;
use crate::model::{Security, SecurityKind, SecurityScheme};
use crate::naming::{self, NameSet};

/// The security schemes, named for the client's setters.
pub fn security_schemes(
    doc: &Document,
    ctx: &mut Lowering<'_>,
) -> Result<Vec<SecurityScheme>, Error> {
    let Some(components) = &doc.api.components else {
        return Ok(Vec::new());
    };
    let base = Pointer::root().push("components").push("securitySchemes");
    let mut kinds = Vec::new();
    for (key, scheme) in &components.security_schemes {
        let at = base.push(key);
        let (scheme, _) = resolve(doc, scheme, &at)?;
        let (kind, doc_text) = scheme_kind(scheme.into_owned(), ctx, &at);
        kinds.push((key.clone(), kind, doc_text));
    }
    Ok(setter_names(kinds))
}

/// What a scheme sends, and its description.
fn scheme_kind(
    scheme: openapiv3::SecurityScheme,
    ctx: &mut Lowering<'_>,
    at: &Pointer,
) -> (SecurityKind, Option<String>) {
    use openapiv3::SecurityScheme as S;
    match scheme {
        S::HTTP {
            scheme,
            description,
            ..
        } if scheme.eq_ignore_ascii_case("bearer") => (SecurityKind::Bearer, description),
        S::HTTP {
            scheme,
            description,
            ..
        } if scheme.eq_ignore_ascii_case("basic") => (SecurityKind::Basic, description),
        S::HTTP {
            scheme,
            description,
            ..
        } => {
            ctx.warn(
                WarningKind::Unsupported,
                at,
                format!("HTTP auth scheme `{scheme}` is neither bearer nor basic; its credential is sent as a bearer token"),
            );
            (SecurityKind::Bearer, description)
        }
        S::APIKey {
            location,
            name,
            description,
            ..
        } => (
            match location {
                openapiv3::APIKeyLocation::Header => SecurityKind::ApiKeyHeader(name),
                openapiv3::APIKeyLocation::Query => SecurityKind::ApiKeyQuery(name),
                openapiv3::APIKeyLocation::Cookie => SecurityKind::ApiKeyCookie(name),
            },
            description,
        ),
        S::OAuth2 { description, .. } | S::OpenIDConnect { description, .. } => {
            (SecurityKind::Bearer, description)
        }
    }
}

/// Names each scheme for the client's setters: `bearer_token`, `basic_auth`
/// and `api_key` where the document has one of the kind, else by the scheme's key.
fn setter_names(kinds: Vec<(String, SecurityKind, Option<String>)>) -> Vec<SecurityScheme> {
    let count = |pred: fn(&SecurityKind) -> bool| kinds.iter().filter(|(_, k, _)| pred(k)).count();
    let bearers = count(|k| *k == SecurityKind::Bearer);
    let basics = count(|k| *k == SecurityKind::Basic);
    let api_keys = count(|k| {
        matches!(
            k,
            SecurityKind::ApiKeyHeader(_)
                | SecurityKind::ApiKeyQuery(_)
                | SecurityKind::ApiKeyCookie(_)
        )
    });
    // A credential's field beside the client's own, its setters
    // beside the client's methods (one set: the stems are few, and apart).
    let mut names = NameSet::new();
    for reserved in naming::CLIENT_FIELDS.iter().chain(naming::CLIENT_METHODS) {
        names.reserve(reserved);
    }
    kinds
        .into_iter()
        .map(|(key, kind, doc)| {
            let stem = match &kind {
                SecurityKind::Bearer if bearers == 1 => naming::field_name("bearer_token"),
                SecurityKind::Bearer => naming::method_name(&key).suffixed("_token"),
                SecurityKind::Basic if basics == 1 => naming::field_name("basic_auth"),
                SecurityKind::Basic => naming::method_name(&key).suffixed("_basic_auth"),
                _ if api_keys == 1 => naming::field_name("api_key"),
                _ => naming::method_name(&key),
            };
            let name = names.claim_family(&stem, naming::numbered_field, naming::credential_names);
            let [setter, provider_setter] = naming::credential_methods(&name);
            SecurityScheme {
                key,
                name,
                setter,
                provider_setter,
                kind,
                doc,
            }
        })
        .collect()
}

impl OperationBuilder<'_, '_, '_> {
    pub(super) fn security(&self, op: &openapiv3::Operation) -> Security {
        let index = |name: &str| self.schemes.iter().position(|s| s.key == name);
        let lower = |reqs: &Vec<openapiv3::SecurityRequirement>| {
            Security::Required(
                reqs.iter()
                    .map(|alt| alt.keys().filter_map(|k| index(k)).collect())
                    .collect(),
            )
        };
        match (&op.security, &self.doc.api.security) {
            (Some(reqs), _) if reqs.is_empty() => Security::None,
            (Some(reqs), _) => lower(reqs),
            (None, Some(reqs)) if !reqs.is_empty() => lower(reqs),
            _ => Security::Unspecified,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::naming::RustIdent;

    #[test]
    fn credentials_never_take_the_names_of_the_clients_own_fields_and_methods() {
        let kinds = [
            ("http", SecurityKind::ApiKeyHeader("X-Http".into())),
            ("base_url", SecurityKind::ApiKeyQuery("base".into())),
            ("http_client", SecurityKind::ApiKeyCookie("hc".into())),
            ("plain", SecurityKind::ApiKeyHeader("X-Plain".into())),
            ("bearer", SecurityKind::Bearer),
        ];
        let names: Vec<RustIdent> = setter_names(
            kinds
                .into_iter()
                .map(|(k, kind)| (k.to_string(), kind, None))
                .collect(),
        )
        .into_iter()
        .map(|s| s.name)
        .collect();
        // `http` and `base_url` are the client's fields; `with_base_url` and
        // `with_http_client` its methods.
        assert_eq!(
            names,
            [
                "http_2",
                "base_url_2",
                "http_client_2",
                "plain",
                "bearer_token"
            ]
        );
    }
}
