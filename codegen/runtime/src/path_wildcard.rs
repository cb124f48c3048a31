// [template]
// part = "path_wildcard"
// reexport = "crate"
// requires = ["path", "param_value"]

//! A wildcard path parameter (`*resource_path`, as Rails and Phoenix write
//! one): the rest of the path, its slashes kept.

use super::{encode_segment, param_value};

/// A wildcard parameter's value as the path segments it stands for: split at
/// each `/`, every piece percent-encoded as a segment of its own. The pieces
/// `.` and `..`, and an empty one (`a//b`, or a leading or trailing `/`), are
/// refused when the URL is built, as any path segment's are.
pub(crate) fn path_wildcard<T: serde::Serialize + ?Sized>(value: &T) -> Vec<String> {
    let text = param_value(&serde_json::to_value(value).unwrap_or_default());
    text.split('/').map(encode_segment).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slashes_part_segments_and_everything_else_is_encoded() {
        assert_eq!(
            path_wildcard("main/datasets/training data.parquet"),
            ["main", "datasets", "training%20data.parquet"]
        );
        assert_eq!(path_wildcard("a?b#c%d"), ["a%3Fb%23c%25d"]);
        assert_eq!(path_wildcard(&7), ["7"]);
    }

    #[test]
    fn pieces_that_would_move_up_the_path_are_refused_when_the_url_is_built() {
        let base = reqwest::Url::parse("https://hub.example/api").unwrap();
        for value in ["main/../secrets", "./x", "a//b", "/a", "a/"] {
            let segments = path_wildcard(value);
            let segments: Vec<&str> = segments.iter().map(String::as_str).collect();
            let e = super::super::build_url::<()>(&base, &segments).unwrap_err();
            assert!(
                e.to_string().contains("cannot be sent as a path segment"),
                "{value}: {e}"
            );
        }
    }
}
