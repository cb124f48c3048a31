// [template]
// part = "header_value"
// reexport = "crate"

//! Response headers in the types the document declares them with.

/// A response header as the type the document declares it with; `None` when
/// it is absent or does not parse.
pub(crate) fn header_value<T: std::str::FromStr>(
    headers: &reqwest::header::HeaderMap,
    name: &str,
) -> Option<T> {
    headers.get(name)?.to_str().ok()?.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_header_parses_into_its_type_or_is_none() {
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert("x-rate-limit", " 60 ".parse().unwrap());
        headers.insert("x-name", "abc".parse().unwrap());
        assert_eq!(header_value::<u32>(&headers, "x-rate-limit"), Some(60));
        assert_eq!(header_value::<u32>(&headers, "x-name"), None);
        assert_eq!(header_value::<u32>(&headers, "x-absent"), None);
        assert_eq!(
            header_value::<String>(&headers, "x-name").as_deref(),
            Some("abc")
        );
    }
}
