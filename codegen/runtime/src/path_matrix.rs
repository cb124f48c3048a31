// [template]
// reexport = "crate"
// requires = ["path"]
//
// [blocks]
// path_matrix = { requires = ["parts_joined"] }
// path_matrix_exploded = { requires = ["parts"] }

//! Path parameters in `matrix` style.

use super::{encode_segment, parts, Parts};
// @part path_matrix

/// A path parameter in `matrix` style, not exploded: `;name=a` and `;name=a,b`
/// (`;name` when empty).
pub(crate) fn path_matrix<T: serde::Serialize + ?Sized>(name: &str, value: &T) -> String {
    let name = encode_segment(name);
    match parts(value) {
        Parts::One(v) if v.is_empty() => format!(";{name}"),
        other => format!(";{name}={}", other.joined(",", encode_segment)),
    }
}
// @end
// @part path_matrix_exploded

/// A path parameter in `matrix` style, exploded: `;name=a;name=b` and
/// `;key=value` (`;name` when empty).
pub(crate) fn path_matrix_exploded<T: serde::Serialize + ?Sized>(name: &str, value: &T) -> String {
    let name = encode_segment(name);
    match parts(value) {
        Parts::List(items) => items
            .iter()
            .map(|v| format!(";{name}={}", encode_segment(v)))
            .collect(),
        Parts::Object(properties) => properties
            .iter()
            .map(|(key, v)| format!(";{}={}", encode_segment(key), encode_segment(v)))
            .collect(),
        Parts::One(v) if v.is_empty() => format!(";{name}"),
        Parts::One(v) => format!(";{name}={}", encode_segment(&v)),
    }
}
// @end

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn not_exploded_names_the_parameter_once() {
        assert_eq!(path_matrix("id", &5), ";id=5");
        assert_eq!(path_matrix("id", ""), ";id");
        assert_eq!(path_matrix("ids", &[1, 2]), ";ids=1,2");
        let object = BTreeMap::from([("k", "v")]);
        assert_eq!(path_matrix("o", &object), ";o=k,v");
    }

    #[test]
    fn exploded_names_every_item_and_property() {
        assert_eq!(path_matrix_exploded("id", &5), ";id=5");
        assert_eq!(path_matrix_exploded("id", ""), ";id");
        assert_eq!(path_matrix_exploded("ids", &[1, 2]), ";ids=1;ids=2");
        let object = BTreeMap::from([("k", "v w")]);
        assert_eq!(path_matrix_exploded("o", &object), ";k=v%20w");
    }
}
