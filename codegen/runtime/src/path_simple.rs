// [template]
// reexport = "crate"
// requires = ["path"]
//
// [blocks]
// path_simple = { requires = ["parts_joined"] }
// path_simple_exploded = { requires = ["parts_joined_exploded"] }

//! Path parameters in `simple` style, the path's default.

use super::{encode_segment, parts};
// @part path_simple

/// A path parameter in `simple` style, not exploded: `a,b` and `key,value`,
/// every value percent-encoded.
pub(crate) fn path_simple<T: serde::Serialize + ?Sized>(value: &T) -> String {
    parts(value).joined(",", encode_segment)
}
// @end
// @part path_simple_exploded

/// A path parameter in `simple` style, exploded: `a,b` and `key=value`, every
/// value percent-encoded.
pub(crate) fn path_simple_exploded<T: serde::Serialize + ?Sized>(value: &T) -> String {
    parts(value).joined_exploded(",", encode_segment)
}
// @end

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn values_are_joined_by_commas_and_encoded() {
        assert_eq!(path_simple("a/b"), "a%2Fb");
        assert_eq!(path_simple(&[1, 2]), "1,2");
        let object = BTreeMap::from([("k", "v w")]);
        assert_eq!(path_simple(&object), "k,v%20w");
        assert_eq!(path_simple_exploded(&object), "k=v%20w");
        assert_eq!(path_simple_exploded(&[1, 2]), "1,2");
    }
}
