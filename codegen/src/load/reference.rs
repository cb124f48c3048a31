//! What a `$ref` string names: a file (or this one) and a JSON pointer in it.
//!
//! A `$ref` is a URI reference (RFC 3986): a path, then `#` and a fragment.
//! The fragment is percent-encoded, and once decoded it is a JSON pointer
//! (RFC 6901 §6) whose tokens escape `/` as `~1` and `~` as `~0`. Nothing is
//! ever fetched from the network, so a reference with a scheme is refused.

use percent_encoding::percent_decode_str;

/// Where a `$ref` points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct RefTarget {
    /// The file, relative to the one that holds the `$ref`; `None` for that file itself.
    pub file: Option<String>,
    /// The unescaped reference tokens of the pointer; empty for the whole file.
    pub tokens: Vec<String>,
}

/// Reads a `$ref`, or says in a sentence why it cannot be followed.
pub(super) fn parse_ref(reference: &str) -> Result<RefTarget, String> {
    let (path, fragment) = match reference.split_once('#') {
        Some((path, fragment)) => (path, fragment),
        None => (reference, ""),
    };
    let file = if path.is_empty() {
        None
    } else {
        refuse_uri(reference, path)?;
        Some(decode(path))
    };
    let fragment = decode(fragment);
    let tokens = if fragment.is_empty() {
        Vec::new()
    } else if let Some(pointer) = fragment.strip_prefix('/') {
        pointer.split('/').map(unescape).collect()
    } else {
        return Err(format!(
            "`$ref: {reference}` names `#{fragment}`, a plain-name fragment (an `$anchor`); \
             only JSON pointers (`#/…`) are supported"
        ));
    };
    Ok(RefTarget { file, tokens })
}

/// Refuses a reference that is a URL (or any URI with a scheme) rather than a file path.
fn refuse_uri(reference: &str, path: &str) -> Result<(), String> {
    let network = |_: ()| {
        format!(
            "`$ref: {reference}` is on the network, and nothing is fetched from it: \
             save the file beside the document and refer to it by a relative path"
        )
    };
    if path.starts_with("//") {
        return Err(network(()));
    }
    match url::Url::parse(path) {
        // `C:/specs/pet.yaml` parses with the scheme `c`: a drive, not a scheme.
        Ok(url) if url.scheme().len() > 1 => {
            if matches!(url.scheme(), "http" | "https" | "ftp" | "ws" | "wss") {
                Err(network(()))
            } else {
                Err(format!(
                    "`$ref: {reference}` is a `{}:` URI; only relative file paths and `#/…` pointers are supported",
                    url.scheme()
                ))
            }
        }
        _ => Ok(()),
    }
}

fn decode(text: &str) -> String {
    percent_decode_str(text).decode_utf8_lossy().into_owned()
}

/// One reference token with its escapes undone, `~1` first (RFC 6901 §4).
fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

/// The `$ref` text for a pointer into this file (`#/components/schemas/Pet`).
pub(super) fn local_ref<S: AsRef<str>>(tokens: &[S]) -> String {
    let mut out = String::from("#");
    for t in tokens {
        out.push('/');
        out.push_str(&t.as_ref().replace('~', "~0").replace('/', "~1"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(file: Option<&str>, tokens: &[&str]) -> RefTarget {
        RefTarget {
            file: file.map(str::to_owned),
            tokens: tokens.iter().map(|t| t.to_string()).collect(),
        }
    }

    #[test]
    fn references_and_their_targets() {
        let cases: &[(&str, RefTarget)] = &[
            (
                "#/components/schemas/Pet",
                target(None, &["components", "schemas", "Pet"]),
            ),
            (
                "#/paths/~1pets~1%7Bid%7D/get/parameters/0",
                target(None, &["paths", "/pets/{id}", "get", "parameters", "0"]),
            ),
            // Percent-decoding comes first, so `%7E1` is an escaped `/`.
            ("#/a%7E1b/c~0d", target(None, &["a/b", "c~d"])),
            ("#/a~01", target(None, &["a~1"])),
            ("#", target(None, &[])),
            (
                "./schemas/pet.yaml#/Pet",
                target(Some("./schemas/pet.yaml"), &["Pet"]),
            ),
            ("common.json", target(Some("common.json"), &[])),
            (
                "../errors.yaml#/components/responses/NotFound",
                target(
                    Some("../errors.yaml"),
                    &["components", "responses", "NotFound"],
                ),
            ),
            (
                "my%20pets.yaml#/Pet",
                target(Some("my pets.yaml"), &["Pet"]),
            ),
            (
                "C:/specs/pet.yaml#/Pet",
                target(Some("C:/specs/pet.yaml"), &["Pet"]),
            ),
            ("#/properties/", target(None, &["properties", ""])),
        ];
        for (reference, expected) in cases {
            assert_eq!(&parse_ref(reference).unwrap(), expected, "{reference}");
        }
    }

    #[test]
    fn urls_and_anchors_are_refused_with_the_reason() {
        for url in [
            "https://example.com/pet.yaml#/Pet",
            "http://example.com/pet.yaml",
            "//example.com/pet.yaml",
        ] {
            let e = parse_ref(url).unwrap_err();
            assert!(e.contains("on the network, and nothing is fetched"), "{e}");
        }
        let e = parse_ref("urn:pets:pet").unwrap_err();
        assert!(e.contains("a `urn:` URI"), "{e}");
        let e = parse_ref("#Pet").unwrap_err();
        assert!(e.contains("plain-name fragment"), "{e}");
    }

    #[test]
    fn local_refs_escape_their_tokens() {
        assert_eq!(
            local_ref(&["components", "schemas", "a/b~c"]),
            "#/components/schemas/a~1b~0c"
        );
        let back = parse_ref(&local_ref(&["paths", "/x/{y}"])).unwrap();
        assert_eq!(back, target(None, &["paths", "/x/{y}"]));
    }
}
