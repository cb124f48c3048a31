//! Grouping by tag: each tag's operations become methods of a group the
//! client opens (`client.pets().list_pets()`).

use super::{Group, Operation, SecurityScheme};
use crate::load::Document;
use crate::naming::{self, NameSet, CLIENT_METHODS, GROUP_RESERVED_TYPES};

/// Groups `operations` by their first tag, in the order the document's
/// `tags` lists them (then in order of first use), and sets each
/// operation's [`Operation::group`]. An operation without a tag stays a
/// method of the client. Each group is opened by a client method named
/// after the tag, which never takes a name the client already has.
pub fn group_by_tag(
    doc: &Document,
    operations: &mut [Operation],
    schemes: &[SecurityScheme],
) -> Vec<Group> {
    let descriptions: Vec<(&str, Option<&str>)> = doc
        .api
        .tags
        .iter()
        .map(|t| (t.name.as_str(), t.description.as_deref()))
        .collect();
    let mut groups = groups(&descriptions, operations, schemes);
    for (i, op) in operations.iter_mut().enumerate() {
        op.group = op
            .tags
            .first()
            .and_then(|t| groups.iter().position(|g| &g.tag == t));
        if let Some(g) = op.group {
            groups[g].operations.push(i);
        }
    }
    groups
}

fn first_tag(o: &Operation) -> Option<&str> {
    o.tags.first().map(String::as_str)
}

/// The groups, named, without their operations: `tags` are the document's
/// declared tags with their descriptions.
fn groups(
    tags: &[(&str, Option<&str>)],
    operations: &[Operation],
    schemes: &[SecurityScheme],
) -> Vec<Group> {
    let declared = tags.iter().map(|(name, _)| *name);
    let used = operations.iter().filter_map(first_tag);
    let mut order: Vec<&str> = Vec::new();
    for tag in declared.chain(used) {
        if !order.contains(&tag) && operations.iter().any(|o| first_tag(o) == Some(tag)) {
            order.push(tag);
        }
    }
    let mut methods = NameSet::new();
    for reserved in CLIENT_METHODS {
        methods.reserve(reserved);
    }
    for op in operations.iter().filter(|o| o.tags.is_empty()) {
        methods.reserve(&op.method_name);
    }
    for s in schemes {
        methods.reserve(&s.setter);
        methods.reserve(&s.provider_setter);
    }
    let mut types = NameSet::new();
    for reserved in GROUP_RESERVED_TYPES {
        types.reserve(reserved);
    }
    order
        .iter()
        .map(|tag| {
            let method_name = methods.claim_with(&naming::field_name(tag), |b, n| {
                if n == 2 {
                    b.suffixed("_api")
                } else {
                    b.suffixed(&format!("_api{n}"))
                }
            });
            Group {
                tag: tag.to_string(),
                // `Client` → `ClientApi`: with `Api` it shadows nothing, so
                // the tag keeps its own name (not `ClientTypeApi`).
                type_name: types.claim(&naming::type_name(&format!("{tag} api"))),
                method_name,
                doc: tags
                    .iter()
                    .find(|(name, _)| name == tag)
                    .and_then(|(_, d)| d.map(String::from)),
                operations: Vec::new(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::test_data::operation;

    fn op(method_name: &str, tags: &[&str]) -> Operation {
        Operation {
            method_name: method_name.into(),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            ..operation(None, None)
        }
    }

    #[test]
    fn groups_follow_declared_tags_then_first_use_and_never_take_client_names() {
        let operations = [
            op("list_pets", &["pets"]),
            op("list_stores", &["stores", "pets"]),
            op("pets", &[]),
            op("make", &["new"]),
            op("ping", &["unused_second", "x"]),
            op("list_clients", &["Client"]),
            op("add_client", &["client"]),
            op("list_servers", &["server_url"]),
        ];
        let tags = [
            ("stores", Some("Where pets are sold.")),
            ("declared_but_unused", None),
        ];
        let got: Vec<(String, String, String, Option<String>)> = groups(&tags, &operations, &[])
            .into_iter()
            .map(|g| (g.tag, g.method_name.into(), g.type_name.into(), g.doc))
            .collect();
        let want = [
            (
                "stores",
                "stores",
                "StoresApi",
                Some("Where pets are sold."),
            ),
            // `pets` is an untagged operation's method.
            ("pets", "pets_api", "PetsApi", None),
            // `new` is the client's own.
            ("new", "new_api", "NewApi", None),
            ("unused_second", "unused_second", "UnusedSecondApi", None),
            // The client's own type names are free with `Api`; a second
            // `ClientApi` and the client's `server_url` are not.
            ("Client", "client", "ClientApi", None),
            ("client", "client_api", "ClientApi2", None),
            ("server_url", "server_url_api", "ServerUrlApi", None),
        ];
        let want: Vec<(String, String, String, Option<String>)> = want
            .iter()
            .map(|(t, m, ty, d)| {
                (
                    t.to_string(),
                    m.to_string(),
                    ty.to_string(),
                    d.map(String::from),
                )
            })
            .collect();
        assert_eq!(got, want);
    }
}
