//! The names of operations: a method name from the `operationId` (or from
//! method and path), and the stem of the operation's own types.

use crate::naming::{self, NameSet, RustIdent, OPERATION_TYPE_SUFFIXES};
use std::collections::HashMap;

/// The stem of an operation's own types (`GenerateImage`): its builder takes
/// `{T}`, its error enum `{T}Error` and so on ([`OPERATION_TYPE_SUFFIXES`]), so all
/// of them must be free in `type_names` (the types of `operations.rs`); the
/// stem is numbered until they are, and takes them all.
pub fn own_type_name(method_name: &str, type_names: &mut NameSet) -> RustIdent {
    type_names.claim_family(&naming::type_name(method_name), naming::numbered, |stem| {
        OPERATION_TYPE_SUFFIXES
            .iter()
            .map(|suffix| stem.suffixed(suffix))
            .collect()
    })
}

/// Names for operations: the last part of a dotted `operationId`, qualified
/// by the part before it where two operations would share a name, and a name
/// from method and path where there is no id. None takes a `reserved` name
/// (the client's own methods): such a name gets `_operation`.
pub fn operation_names(
    ops: &[(&str, &str, &openapiv3::Operation)],
    reserved: &[&str],
) -> Vec<RustIdent> {
    struct Candidate {
        base: RustIdent,
        qualified: RustIdent,
        fallback: RustIdent,
    }
    let candidates: Vec<Candidate> = ops
        .iter()
        .map(|(path, method, op)| {
            let fallback = method_path_name(method, path);
            match op
                .operation_id
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
            {
                Some(id) => {
                    let parts: Vec<&str> = id.split('.').filter(|p| !p.is_empty()).collect();
                    let last = parts.last().copied().unwrap_or(id);
                    let base = naming::method_name(last);
                    let qualified = match parts.len() {
                        n if n >= 2 => {
                            let q = strip_role_suffix(parts[n - 2]);
                            naming::method_name(&format!("{q}_{last}"))
                        }
                        _ => base.clone(),
                    };
                    Candidate {
                        base,
                        qualified,
                        fallback,
                    }
                }
                None => Candidate {
                    base: fallback.clone(),
                    qualified: fallback.clone(),
                    fallback,
                },
            }
        })
        .collect();
    // How many operations would take each name: counted once, not per operation.
    let mut bases: HashMap<&str, usize> = HashMap::with_capacity(candidates.len());
    let mut qualifieds: HashMap<&str, usize> = HashMap::with_capacity(candidates.len());
    for c in &candidates {
        *bases.entry(c.base.as_str()).or_default() += 1;
        *qualifieds.entry(c.qualified.as_str()).or_default() += 1;
    }
    let mut names = NameSet::new();
    for reserved in reserved {
        names.reserve(reserved);
    }
    candidates
        .iter()
        .map(|c| {
            let preferred = if bases[c.base.as_str()] == 1 {
                &c.base
            } else if qualifieds[c.qualified.as_str()] == 1 {
                &c.qualified
            } else {
                &c.fallback
            };
            let preferred = if names.contains(preferred) && reserved.contains(&preferred.as_str()) {
                preferred.suffixed("_operation")
            } else {
                preferred.clone()
            };
            names.claim_with(&preferred, naming::numbered_field)
        })
        .collect()
}

/// `ModelsController` → `Models`: the part of a qualifier that names the resource.
fn strip_role_suffix(part: &str) -> &str {
    for suffix in ["Controller", "Service", "Api", "API", "Resource", "Handler"] {
        if let Some(stem) = part.strip_suffix(suffix).filter(|s| !s.is_empty()) {
            return stem;
        }
    }
    part
}

/// `GET /pets/{id}/toys` → `get_pets_by_id_toys`.
fn method_path_name(method: &str, path: &str) -> RustIdent {
    let mut words = vec![method.to_string()];
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        if let Some(param) = segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            words.push(format!("by_{param}"));
        } else {
            words.push(segment.to_string());
        }
    }
    naming::method_name(&words.join("_"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::naming::CLIENT_METHODS;

    fn op(id: Option<&str>) -> openapiv3::Operation {
        openapiv3::Operation {
            operation_id: id.map(String::from),
            ..Default::default()
        }
    }

    #[test]
    fn dotted_ids_use_the_last_part_and_qualify_on_collision() {
        let a = op(Some("Web.Controllers.ModelController.generate_image"));
        let b = op(Some("Web.Controllers.ModelsController.index"));
        let c = op(Some("Web.Controllers.QueueController.index"));
        let d = op(Some("Web.Controllers.FineTuneController.index"));
        let e = op(None);
        let names = operation_names(
            &[
                ("/a", "post", &a),
                ("/b", "get", &b),
                ("/c", "get", &c),
                ("/d", "get", &d),
                ("/pets/{petId}", "delete", &e),
            ],
            CLIENT_METHODS,
        );
        assert_eq!(
            names,
            [
                "generate_image",
                "models_index",
                "queue_index",
                "fine_tune_index",
                "delete_pets_by_pet_id"
            ]
        );
    }

    #[test]
    fn duplicate_ids_stay_unique() {
        let a = op(Some("get"));
        let b = op(Some("get"));
        let c = op(Some("new"));
        let names = operation_names(
            &[("/x", "get", &a), ("/y", "get", &b), ("/z", "post", &c)],
            CLIENT_METHODS,
        );
        assert_eq!(names, ["get_x", "get_y", "new_operation"]);
    }

    #[test]
    fn ids_of_every_shape_become_method_names() {
        let ids = ["listPets", "pets/list-all", "2fa enable", "Get Pet By Id"];
        let ops: Vec<openapiv3::Operation> = ids.iter().map(|i| op(Some(i))).collect();
        let input: Vec<(&str, &str, &openapiv3::Operation)> =
            ops.iter().map(|o| ("/p", "get", o)).collect();
        assert_eq!(
            operation_names(&input, CLIENT_METHODS),
            [
                "list_pets",
                "pets_list_all",
                "op_2fa_enable",
                "get_pet_by_id"
            ]
        );
    }

    #[test]
    fn own_types_never_clash() {
        let mut taken = NameSet::new();
        let stems: Vec<String> = ["list_pets", "list_pets", "list_pets_error"]
            .iter()
            .map(|m| own_type_name(m, &mut taken).to_string())
            .collect();
        // `ListPets2Error` would be free, but `ListPetsError` is the first one's error enum.
        assert_eq!(stems, ["ListPets", "ListPets2", "ListPetsError2"]);
        assert!(taken.contains("ListPets2Headers"));
    }
}
