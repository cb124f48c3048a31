// [template]
// part = "path"
// reexport = "crate"
// crates.percent-encoding = "2"

//! Parameter values as path segments.

/// Every byte but RFC 3986's unreserved characters is percent-encoded in a
/// path segment, so no value can add a segment, a query or a fragment.
const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// A parameter value as one path segment: every byte but RFC 3986's
/// unreserved characters is percent-encoded.
pub(crate) fn encode_segment(value: &str) -> String {
    percent_encoding::utf8_percent_encode(value, SEGMENT).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_but_unreserved_characters_stays() {
        assert_eq!(encode_segment("a-b.c_d~e"), "a-b.c_d~e");
        assert_eq!(encode_segment("a/b?c#d e%"), "a%2Fb%3Fc%23d%20e%25");
        assert_eq!(encode_segment("ü"), "%C3%BC");
    }
}
