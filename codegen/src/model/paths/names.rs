//! The names of operations: a method name from the `operationId` (or from
//! method and path), and the stem of the operation's own types.

use crate::naming::{self, NameSet, RustIdent, CLIENT_METHODS, OPERATION_TYPE_SUFFIXES};

/// The stem of an operation's own types (`GenerateImage`): its builder takes
/// `{T}`, its error enum `{T}Error` and so on ([`OPERATION_TYPE_SUFFIXES`]), so all
/// of them must be free; the stem is numbered until they are.
pub fn own_type_name(method_name: &str, type_names: &mut NameSet) -> RustIdent {
    let base = naming::type_name(method_name);
    let free = |t: &RustIdent| {
        OPERATION_TYPE_SUFFIXES
            .iter()
            .all(|s| !type_names.contains(&format!("{t}{s}")))
    };
    let mut type_name = base.clone();
    let mut n = 2;
    while !free(&type_name) {
        type_name = base.suffixed(&n.to_string());
        n += 1;
    }
    for suffix in OPERATION_TYPE_SUFFIXES {
        type_names.reserve(&format!("{type_name}{suffix}"));
    }
    type_name
}

/// Names for operations: the last part of a dotted `operationId`, qualified
/// by the part before it where two operations would share a name, and a name
/// from method and path where there is no id.
pub fn operation_names(ops: &[(&str, &str, &openapiv3::Operation)]) -> Vec<RustIdent> {
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
    let count = |f: &dyn Fn(&Candidate) -> &str, name: &str| {
        candidates.iter().filter(|c| f(c) == name).count()
    };
    let mut names = NameSet::new();
    for reserved in CLIENT_METHODS {
        names.reserve(reserved);
    }
    candidates
        .iter()
        .map(|c| {
            let preferred = if count(&|c| c.base.as_str(), &c.base) == 1 {
                &c.base
            } else if count(&|c| c.qualified.as_str(), &c.qualified) == 1 {
                &c.qualified
            } else {
                &c.fallback
            };
            let preferred =
                if names.contains(preferred) && CLIENT_METHODS.contains(&preferred.as_str()) {
                    preferred.suffixed("_operation")
                } else {
                    preferred.clone()
                };
            names.claim_with(&preferred, naming::underscored)
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
        let names = operation_names(&[
            ("/a", "post", &a),
            ("/b", "get", &b),
            ("/c", "get", &c),
            ("/d", "get", &d),
            ("/pets/{petId}", "delete", &e),
        ]);
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
        let names = operation_names(&[("/x", "get", &a), ("/y", "get", &b), ("/z", "post", &c)]);
        assert_eq!(names, ["get_x", "get_y", "new_operation"]);
    }

    #[test]
    fn ids_of_every_shape_become_method_names() {
        let ids = ["listPets", "pets/list-all", "2fa enable", "Get Pet By Id"];
        let ops: Vec<openapiv3::Operation> = ids.iter().map(|i| op(Some(i))).collect();
        let input: Vec<(&str, &str, &openapiv3::Operation)> =
            ops.iter().map(|o| ("/p", "get", o)).collect();
        assert_eq!(
            operation_names(&input),
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
