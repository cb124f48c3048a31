//! Query parameters in `spaceDelimited` or `pipeDelimited` style, not exploded
//! (exploded, they are `form` exploded).

use super::parts;

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
}
