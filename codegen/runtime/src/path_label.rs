// [template]
// reexport = "crate"
// requires = ["path"]
//
// [blocks]
// path_label = { requires = ["parts_joined"] }
// path_label_exploded = { requires = ["parts_joined_exploded"] }

//! Path parameters in `label` style.

use super::{encode_segment, parts};
// @part path_label

/// A path parameter in `label` style, not exploded: `.a` and `.a,b`.
pub(crate) fn path_label<T: serde::Serialize + ?Sized>(value: &T) -> String {
    format!(".{}", parts(value).joined(",", encode_segment))
}
// @end
// @part path_label_exploded

/// A path parameter in `label` style, exploded: `.a.b` and `.key=value`.
pub(crate) fn path_label_exploded<T: serde::Serialize + ?Sized>(value: &T) -> String {
    format!(".{}", parts(value).joined_exploded(".", encode_segment))
}
// @end

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn values_follow_a_dot() {
        assert_eq!(path_label("a b"), ".a%20b");
        assert_eq!(path_label(&[1, 2]), ".1,2");
        assert_eq!(path_label_exploded(&[1, 2]), ".1.2");
        let object = BTreeMap::from([("k", "v"), ("l", "w")]);
        assert_eq!(path_label(&object), ".k,v,l,w");
        assert_eq!(path_label_exploded(&object), ".k=v.l=w");
    }
}
