//! Diagnostics: errors that stop generation and warnings that do not.
//!
//! Every diagnostic carries a JSON pointer into the source document
//! (`#/paths/~1api~1items/post/requestBody`), so a user can find the
//! construct that caused it.

use std::fmt;

/// A JSON pointer into the OpenAPI document, written as a URI fragment
/// (`#/components/schemas/Pet`); in a document split over several files, a
/// location in another file has that file's path before the `#`
/// (`schemas/pet.yaml#/Pet`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Pointer(String);

impl Pointer {
    /// The document root, `#`.
    pub fn root() -> Self {
        Pointer(String::from("#"))
    }

    /// Parses a `$ref` of the form `#/a/b`. Returns `None` for anything else.
    pub fn from_ref(reference: &str) -> Option<Self> {
        reference
            .strip_prefix('#')
            .filter(|rest| rest.is_empty() || rest.starts_with('/'))
            .map(|rest| Pointer(format!("#{rest}")))
    }

    /// This pointer extended by one reference token, escaped as RFC 6901 says.
    pub fn push(&self, token: impl AsRef<str>) -> Self {
        let token = token.as_ref();
        let mut pointer = String::with_capacity(self.0.len() + 1 + token.len());
        pointer.push_str(&self.0);
        pointer.push('/');
        if token.contains(['~', '/']) {
            for c in token.chars() {
                match c {
                    '~' => pointer.push_str("~0"),
                    '/' => pointer.push_str("~1"),
                    c => pointer.push(c),
                }
            }
        } else {
            pointer.push_str(token);
        }
        Pointer(pointer)
    }

    /// The same location in another file of the document (`schemas/pet.yaml#/Pet`).
    pub fn in_file(&self, file: &str) -> Self {
        Pointer(format!(
            "{file}{}",
            &self.0[self.0.find('#').unwrap_or(0)..]
        ))
    }

    /// This pointer with `prefix` (a pointer it starts with, token by token)
    /// replaced by `with`; `None` when it does not start with `prefix`.
    pub fn replace_prefix(&self, prefix: &Pointer, with: &Pointer) -> Option<Self> {
        let rest = self.0.strip_prefix(prefix.0.as_str())?;
        (rest.is_empty() || rest.starts_with('/')).then(|| Pointer(format!("{}{rest}", with.0)))
    }

    /// The pointer as written in the document (`#/a/b`).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The pointer without the leading `#` (and file), as `serde_json::Value::pointer` takes it.
    pub fn json_pointer(&self) -> &str {
        &self.0[self.0.find('#').map_or(0, |i| i + 1)..]
    }

    /// The unescaped reference tokens.
    pub fn tokens(&self) -> impl Iterator<Item = String> + '_ {
        self.json_pointer()
            .split('/')
            .skip(1)
            .map(|t| t.replace("~1", "/").replace("~0", "~"))
    }
}

impl fmt::Display for Pointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Why generation stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// Where in the document the problem is; `None` when the document as a
    /// whole could not be read.
    pub pointer: Option<Pointer>,
    /// What is wrong, in one sentence.
    pub message: String,
}

impl Error {
    pub fn at(pointer: &Pointer, message: impl Into<String>) -> Self {
        Error {
            pointer: Some(pointer.clone()),
            message: message.into(),
        }
    }

    pub fn document(message: impl Into<String>) -> Self {
        Error {
            pointer: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.pointer {
            Some(p) => write!(f, "{p}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for Error {}

/// The kind of a warning, used to group and count them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum WarningKind {
    /// A path template uses a parameter that the operation does not declare.
    UndeclaredPathParameter,
    /// A path segment looks like a template but is not one (`*glob`, `:id`).
    SuspiciousPathSegment,
    /// A schema has no faithful Rust type; a fallback type is used.
    SchemaFallback,
    /// A `format` the generator does not know; the base type is used.
    UnknownFormat,
    /// Two parts of a composed schema disagree.
    Conflict,
    /// A construct is ignored (webhooks, callbacks, links …).
    Ignored,
    /// A parameter, body or response form that is not supported; a fallback is used.
    Unsupported,
    /// Two names had to be told apart.
    Renamed,
    /// An overlay action whose target selects nothing in the document.
    OverlayUnmatched,
}

impl WarningKind {
    /// A short title for the group in a summary.
    pub fn title(self) -> &'static str {
        match self {
            WarningKind::UndeclaredPathParameter => "undeclared path parameters",
            WarningKind::SuspiciousPathSegment => "path segments that look like templates",
            WarningKind::SchemaFallback => "schemas without a faithful Rust type",
            WarningKind::UnknownFormat => "unknown formats",
            WarningKind::Conflict => "conflicting schema parts",
            WarningKind::Ignored => "ignored constructs",
            WarningKind::Unsupported => "unsupported forms with a fallback",
            WarningKind::Renamed => "names changed to keep them unique",
            WarningKind::OverlayUnmatched => "overlay actions that select nothing",
        }
    }
}

/// Something the user should know about; generation went on.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Warning {
    pub kind: WarningKind,
    pub pointer: Pointer,
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.pointer, self.message)
    }
}

/// Renders warnings grouped by kind, at most `per_group` lines a group, with counts.
pub fn summarize(warnings: &[Warning], per_group: usize) -> String {
    use std::collections::BTreeMap;
    use std::fmt::Write;
    let mut groups: BTreeMap<WarningKind, Vec<&Warning>> = BTreeMap::new();
    for w in warnings {
        groups.entry(w.kind).or_default().push(w);
    }
    let mut out = String::new();
    for (kind, list) in groups {
        let _ = writeln!(out, "warning: {} {}", list.len(), kind.title());
        for w in list.iter().take(per_group) {
            let _ = writeln!(out, "  {w}");
        }
        if list.len() > per_group {
            let _ = writeln!(out, "  … and {} more", list.len() - per_group);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_escapes_tokens() {
        let p = Pointer::root()
            .push("paths")
            .push("/api/ai/images/generate")
            .push("post")
            .push("requestBody");
        assert_eq!(
            p.as_str(),
            "#/paths/~1api~1ai~1images~1generate/post/requestBody"
        );
        assert_eq!(Pointer::root().push("a~b").as_str(), "#/a~0b");
        let tokens: Vec<String> = p.tokens().collect();
        assert_eq!(tokens[1], "/api/ai/images/generate");
    }

    #[test]
    fn pointer_from_ref() {
        assert_eq!(
            Pointer::from_ref("#/components/schemas/Pet")
                .unwrap()
                .as_str(),
            "#/components/schemas/Pet"
        );
        assert!(Pointer::from_ref("other.yaml#/Pet").is_none());
        assert!(Pointer::from_ref("#Pet").is_none());
    }

    #[test]
    fn pointer_in_another_file() {
        let p = Pointer::root().push("Pet").push("properties");
        let there = p.in_file("schemas/pet.yaml");
        assert_eq!(there.as_str(), "schemas/pet.yaml#/Pet/properties");
        assert_eq!(there.json_pointer(), "/Pet/properties");
        assert_eq!(
            there.in_file("other.json").as_str(),
            "other.json#/Pet/properties"
        );
        let hoisted = Pointer::root()
            .push("components")
            .push("schemas")
            .push("Pet");
        let inner = hoisted.push("properties").push("id");
        assert_eq!(
            inner.replace_prefix(&hoisted, &Pointer::root().push("Pet").in_file("pet.yaml")),
            Some(Pointer("pet.yaml#/Pet/properties/id".into()))
        );
        let other = Pointer::root()
            .push("components")
            .push("schemas")
            .push("Pets");
        assert_eq!(other.replace_prefix(&hoisted, &Pointer::root()), None);
    }

    #[test]
    fn summary_groups_and_counts() {
        let w = |k, m: &str| Warning {
            kind: k,
            pointer: Pointer::root().push(m),
            message: m.to_string(),
        };
        let list = vec![
            w(WarningKind::UnknownFormat, "a"),
            w(WarningKind::UnknownFormat, "b"),
            w(WarningKind::UnknownFormat, "c"),
            w(WarningKind::Ignored, "d"),
        ];
        let s = summarize(&list, 2);
        assert!(s.contains("warning: 3 unknown formats"), "{s}");
        assert!(s.contains("… and 1 more"), "{s}");
        assert!(s.contains("warning: 1 ignored constructs"), "{s}");
    }
}
