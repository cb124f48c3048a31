// [template]
// reexport = "crate"
// requires = ["query"]
//
// [blocks]
// query_form = { requires = ["parts_joined"] }
// query_form_exploded = { requires = ["parts"] }

//! Query parameters in `form` style, the query's default.
//!
//! Each function has a method of [`Query`] that adds a parameter's value. The
//! method names the function as `super::`, through the runtime's re-export:
//! only the typed mocks name the function themselves, so without them the
//! re-export would go unused.

use super::{parts, Query, QueryName};
// @part query_form

/// A query parameter in `form` style, not exploded: `name=a,b` and `name=key,value`.
pub(crate) fn query_form<T: serde::Serialize + ?Sized>(
    name: &str,
    value: &T,
) -> Vec<(String, String)> {
    vec![(name.to_string(), parts(value).joined(",", str::to_string))]
}

impl Query {
    /// Adds a parameter in `form` style, not exploded; nothing for `None`.
    pub(crate) fn form<'a, T: serde::Serialize + ?Sized>(
        &mut self,
        name: impl Into<QueryName<'a>>,
        value: Option<&T>,
    ) {
        self.add(name, value, super::query_form);
    }
}
// @end
// @part query_form_exploded

/// A query parameter in `form` style, exploded: `name=a&name=b`, and an object's
/// properties as pairs of their own.
pub(crate) fn query_form_exploded<T: serde::Serialize + ?Sized>(
    name: &str,
    value: &T,
) -> Vec<(String, String)> {
    match parts(value) {
        super::Parts::One(v) => vec![(name.to_string(), v)],
        super::Parts::List(items) => items.into_iter().map(|v| (name.to_string(), v)).collect(),
        super::Parts::Object(properties) => properties,
    }
}

impl Query {
    /// Adds a parameter in `form` style, exploded; nothing for `None`.
    pub(crate) fn form_exploded<'a, T: serde::Serialize + ?Sized>(
        &mut self,
        name: impl Into<QueryName<'a>>,
        value: Option<&T>,
    ) {
        self.add(name, value, super::query_form_exploded);
    }
}
// @end

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn pairs(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect()
    }

    fn object() -> BTreeMap<&'static str, u8> {
        BTreeMap::from([("a", 1), ("b", 2)])
    }

    #[test]
    fn not_exploded_joins_with_commas() {
        assert_eq!(query_form("id", &7), pairs(&[("id", "7")]));
        assert_eq!(query_form("ids", &[1, 2]), pairs(&[("ids", "1,2")]));
        assert_eq!(query_form("o", &object()), pairs(&[("o", "a,1,b,2")]));
    }

    #[test]
    fn exploded_writes_a_pair_per_item_and_property() {
        assert_eq!(query_form_exploded("id", &7), pairs(&[("id", "7")]));
        assert_eq!(
            query_form_exploded("ids", &[1, 2]),
            pairs(&[("ids", "1"), ("ids", "2")])
        );
        assert_eq!(
            query_form_exploded("o", &object()),
            pairs(&[("a", "1"), ("b", "2")])
        );
    }

    #[test]
    fn the_methods_add_a_value_and_skip_none() {
        let mut query = Query::default();
        query.form("ids", Some(&[1, 2]));
        query.form("unset", None::<&u8>);
        query.form_exploded("tag", Some(&["a", "b"]));
        query.form_exploded("unset", None::<&str>);
        query.form_exploded(crate::Reserved("path"), Some("a/b"));
        let mut url = reqwest::Url::parse("https://api.example/").unwrap();
        query.set_on(&mut url);
        assert_eq!(url.query(), Some("ids=1%2C2&tag=a&tag=b&path=a/b"));
    }
}
