// [template]
// part = "query_delimited"
// reexport = "crate"
// requires = ["query", "parts_joined"]

//! Query parameters in `spaceDelimited` or `pipeDelimited` style, not exploded
//! (exploded, they are `form` exploded).
//!
//! Each function has a method of [`Query`] that adds a parameter's value. The
//! method names the function as `super::`, through the runtime's re-export:
//! only the typed mocks name the function themselves, so without them the
//! re-export would go unused.

use super::{parts, Query, QueryName};

/// A query parameter in `spaceDelimited` or `pipeDelimited` style, not exploded:
/// items joined by the delimiter.
pub(crate) fn query_delimited<T: serde::Serialize + ?Sized>(
    name: &str,
    delimiter: &str,
    value: &T,
) -> Vec<(String, String)> {
    vec![(
        name.to_string(),
        parts(value).joined(delimiter, str::to_string),
    )]
}

impl Query {
    /// Adds a parameter in `spaceDelimited` or `pipeDelimited` style, not
    /// exploded, its items joined by `delimiter`; nothing for `None`.
    pub(crate) fn delimited<'a, T: serde::Serialize + ?Sized>(
        &mut self,
        name: impl Into<QueryName<'a>>,
        delimiter: &str,
        value: Option<&T>,
    ) {
        self.add(name, value, |name, value| {
            super::query_delimited(name, delimiter, value)
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_joined_by_the_delimiter() {
        assert_eq!(
            query_delimited("ids", " ", &[1, 2, 3]),
            [("ids".to_string(), "1 2 3".to_string())]
        );
        assert_eq!(
            query_delimited("ids", "|", &["a", "b"]),
            [("ids".to_string(), "a|b".to_string())]
        );
    }

    #[test]
    fn the_method_adds_a_value_and_skips_none() {
        let mut query = Query::default();
        query.delimited("ids", " ", Some(&[1, 2]));
        query.delimited("unset", "|", None::<&[u8]>);
        query.delimited("names", "|", Some(&["a", "b"]));
        let mut url = reqwest::Url::parse("https://api.example/").unwrap();
        query.set_on(&mut url);
        assert_eq!(url.query(), Some("ids=1%202&names=a%7Cb"));
    }
}
