//! Query parameters in `deepObject` style.

use super::{parts, Parts};

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
}
