//! `servers` (of the document, a path or an operation) → URLs with their variables.

use super::{Server, ServerVariable};
use crate::naming::{self, NameSet};

/// A server of the document, an operation or a path.
pub fn server(s: &openapiv3::Server) -> Server {
    Server {
        url: server_url(s),
        description: s.description.clone(),
        template: s.url.clone(),
        variables: server_variables(s),
    }
}

/// The variables a server URL uses, in the order the template uses them.
fn server_variables(server: &openapiv3::Server) -> Vec<ServerVariable> {
    let Some(vars) = &server.variables else {
        return Vec::new();
    };
    let mut used: Vec<(usize, &String, &openapiv3::ServerVariable)> = vars
        .iter()
        .filter_map(|(name, var)| {
            server
                .url
                .find(&format!("{{{name}}}"))
                .map(|at| (at, name, var))
        })
        .collect();
    used.sort_by_key(|(at, _, _)| *at);
    let mut names = NameSet::new();
    for reserved in naming::SERVER_URL_LOCALS {
        names.reserve(reserved);
    }
    used.into_iter()
        .map(|(_, name, var)| ServerVariable {
            wire_name: name.clone(),
            name: names.claim_with(&naming::field_name(name), naming::numbered_field),
            default: var.default.clone(),
            values: var.enumeration.clone(),
            doc: var.description.clone(),
        })
        .collect()
}

/// A server URL with each `{variable}` replaced by its default.
fn server_url(server: &openapiv3::Server) -> String {
    let mut url = server.url.clone();
    if let Some(vars) = &server.variables {
        for (name, var) in vars {
            url = url.replace(&format!("{{{name}}}"), &var.default);
        }
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::naming::RustIdent;

    #[test]
    fn variables_never_take_the_names_the_url_builder_uses() {
        let server: openapiv3::Server = serde_json::from_value(serde_json::json!({
            "url": "https://{url}.example.com/{type}/{value}",
            "variables": {
                "value": {"default": "x"},
                "type": {"default": "t"},
                "url": {"default": "eu"},
            }
        }))
        .unwrap();
        let names: Vec<RustIdent> = server_variables(&server)
            .into_iter()
            .map(|v| v.name)
            .collect();
        assert_eq!(names, ["url_2", "r#type", "value_2"]);
    }
}
