// [template]
// part = "query_deep"
// reexport = "crate"
// requires = ["query", "parts"]

//! Query parameters in `deepObject` style.
//!
//! Each function has a method of [`Query`] that adds a parameter's value. The
//! method names the function as `super::`, through the runtime's re-export:
//! only the typed mocks name the function themselves, so without them the
//! re-export would go unused.

use super::{parts, Parts, Query, QueryName};

/// A query parameter in `deepObject` style: `name[key]=value` for each property.
pub(crate) fn query_deep<T: serde::Serialize + ?Sized>(
    name: &str,
    value: &T,
) -> Vec<(String, String)> {
    match parts(value) {
        Parts::Object(properties) => properties
            .into_iter()
            .map(|(key, v)| (format!("{name}[{key}]"), v))
            .collect(),
        Parts::List(items) => items.into_iter().map(|v| (name.to_string(), v)).collect(),
        Parts::One(v) => vec![(name.to_string(), v)],
    }
}

impl Query {
    /// Adds a parameter in `deepObject` style; nothing for `None`.
    pub(crate) fn deep_object<'a, T: serde::Serialize + ?Sized>(
        &mut self,
        name: impl Into<QueryName<'a>>,
        value: Option<&T>,
    ) {
        self.add(name, value, super::query_deep);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn each_property_is_a_pair_of_its_own() {
        let filter = BTreeMap::from([("color", "red"), ("size", "L")]);
        assert_eq!(
            query_deep("filter", &filter),
            [
                ("filter[color]".to_string(), "red".to_string()),
                ("filter[size]".to_string(), "L".to_string())
            ]
        );
        assert_eq!(query_deep("id", &1), [("id".to_string(), "1".to_string())]);
    }

    #[test]
    fn the_method_adds_a_value_and_skips_none() {
        let mut query = Query::default();
        query.deep_object("filter", Some(&BTreeMap::from([("color", "red")])));
        query.deep_object("unset", None::<&BTreeMap<&str, &str>>);
        let mut url = reqwest::Url::parse("https://api.example/").unwrap();
        query.set_on(&mut url);
        assert_eq!(url.query(), Some("filter%5Bcolor%5D=red"));
    }
}
