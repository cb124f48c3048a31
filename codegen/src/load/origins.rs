//! Where the parts that bundling moved came from, so that a warning or an
//! error names the place the user wrote rather than the place the
//! generator put the object.

use crate::diag::{Error, Pointer, Warning};
use std::collections::HashMap;

/// Moved objects by where they are now (`#/components/schemas/PetOwner`,
/// `#/paths/~1pets`) with where they were written
/// (`#/components/schemas/Pet/properties/owner`, `paths/pets.yaml#`).
#[derive(Debug, Clone, Default)]
pub struct Origins {
    moved: HashMap<Pointer, Pointer>,
}

impl Origins {
    pub(super) fn insert(&mut self, now: Pointer, was: Pointer) {
        if now != was {
            self.moved.insert(now, was);
        }
    }

    /// Whether nothing was moved.
    pub fn is_empty(&self) -> bool {
        self.moved.is_empty()
    }

    /// Where the object at `pointer` was written. Moved objects sit two
    /// (`paths/<path>`) or three (`components/<section>/<name>`) tokens deep.
    pub fn original(&self, pointer: &Pointer) -> Pointer {
        if self.moved.is_empty() {
            return pointer.clone();
        }
        let text = pointer.as_str();
        let Some(fragment) = text.strip_prefix('#') else {
            return pointer.clone();
        };
        let slashes: Vec<usize> = fragment.match_indices('/').map(|(i, _)| i + 1).collect();
        for depth in [3, 2] {
            let end = slashes.get(depth).copied().unwrap_or(text.len());
            if slashes.len() < depth {
                continue;
            }
            let prefix = Pointer::from_ref(&text[..end]).unwrap_or_default();
            if let Some(was) = self.moved.get(&prefix) {
                if let Some(found) = pointer.replace_prefix(&prefix, was) {
                    return found;
                }
            }
        }
        pointer.clone()
    }

    pub fn warning(&self, mut warning: Warning) -> Warning {
        warning.pointer = self.original(&warning.pointer);
        warning
    }

    pub fn error(&self, mut error: Error) -> Error {
        error.pointer = error.pointer.map(|p| self.original(&p));
        error
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Pointer {
        Pointer::from_ref(s).unwrap()
    }

    #[test]
    fn moved_objects_are_named_where_they_were_written() {
        let mut o = Origins::default();
        o.insert(
            p("#/components/schemas/PetOwner"),
            p("#/components/schemas/Pet/properties/owner"),
        );
        o.insert(p("#/paths/~1pets"), p("#").in_file("paths/pets.yaml"));
        let cases = [
            (
                "#/components/schemas/PetOwner/properties/name",
                "#/components/schemas/Pet/properties/owner/properties/name",
            ),
            (
                "#/components/schemas/PetOwner",
                "#/components/schemas/Pet/properties/owner",
            ),
            (
                "#/components/schemas/PetOwners",
                "#/components/schemas/PetOwners",
            ),
            ("#/components/schemas/Pet", "#/components/schemas/Pet"),
            (
                "#/paths/~1pets/get/responses",
                "paths/pets.yaml#/get/responses",
            ),
            ("#/paths/~1pets", "paths/pets.yaml#"),
            ("#/paths/~1pets~1{id}", "#/paths/~1pets~1{id}"),
            ("#/paths", "#/paths"),
            ("#", "#"),
        ];
        for (now, was) in cases {
            assert_eq!(o.original(&p(now)).as_str(), was, "{now}");
        }
    }
}
