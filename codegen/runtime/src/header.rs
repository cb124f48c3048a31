// [template]
// reexport = "crate"
//
// [blocks]
// header_simple = { requires = ["parts_joined"] }
// header_simple_exploded = { requires = ["parts_joined_exploded"] }

//! Header parameters (`simple` style, the only one headers have).

use super::parts;
// @part header_simple

/// A header parameter, not exploded: `a,b` and `key,value`.
pub(crate) fn header_simple<T: serde::Serialize + ?Sized>(value: &T) -> String {
    parts(value).joined(",", str::to_string)
}
// @end
// @part header_simple_exploded

/// A header parameter, exploded: `a,b` and `key=value`.
pub(crate) fn header_simple_exploded<T: serde::Serialize + ?Sized>(value: &T) -> String {
    parts(value).joined_exploded(",", str::to_string)
}
// @end

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn values_are_joined_by_commas_as_they_are() {
        assert_eq!(header_simple("a b"), "a b");
        assert_eq!(header_simple(&[1, 2]), "1,2");
        let object = BTreeMap::from([("k", "v"), ("l", "w")]);
        assert_eq!(header_simple(&object), "k,v,l,w");
        assert_eq!(header_simple_exploded(&object), "k=v,l=w");
    }
}
