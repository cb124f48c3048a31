//! Path templates, parsed: `/a/{b}.{c}/*rest` → segments of literals and
//! parameters. Pure: what the pieces mean is for [`super::path`] to say.

/// One `/`-separated segment of a path template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateSegment<'a> {
    /// The segment as written.
    pub text: &'a str,
    /// Its pieces, in order; never empty.
    pub pieces: Vec<TemplatePiece<'a>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TemplatePiece<'a> {
    /// Text sent as it is.
    Literal(&'a str),
    /// `{name}`: a path parameter.
    Param(&'a str),
    /// `*name`, a whole segment: a wildcard for the rest of the path, as
    /// Rails and Phoenix write it. Not OpenAPI's syntax.
    Wildcard(&'a str),
    /// `:name`, a whole segment: a parameter as Express and Rails write it.
    /// Not OpenAPI's syntax.
    Colon(&'a str),
}

/// A `{` without its `}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unclosed;

/// Splits a path template into segments (empty ones, as in `//`, are left
/// out) and each segment into literals and `{parameters}`.
pub fn parse(template: &str) -> Result<Vec<TemplateSegment<'_>>, Unclosed> {
    template
        .split('/')
        .filter(|s| !s.is_empty())
        .map(segment)
        .collect()
}

fn segment(text: &str) -> Result<TemplateSegment<'_>, Unclosed> {
    let look_alike = if text.contains('{') {
        None
    } else if let Some(name) = text.strip_prefix('*') {
        Some(TemplatePiece::Wildcard(name))
    } else {
        text.strip_prefix(':').map(TemplatePiece::Colon)
    };
    if let Some(piece) = look_alike {
        return Ok(TemplateSegment {
            text,
            pieces: vec![piece],
        });
    }
    let mut pieces = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let close = rest[open..].find('}').ok_or(Unclosed)? + open;
        if open > 0 {
            pieces.push(TemplatePiece::Literal(&rest[..open]));
        }
        pieces.push(TemplatePiece::Param(&rest[open + 1..close]));
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        pieces.push(TemplatePiece::Literal(rest));
    }
    Ok(TemplateSegment { text, pieces })
}

#[cfg(test)]
mod tests {
    use super::TemplatePiece::{Colon, Literal, Param, Wildcard};
    use super::*;

    #[test]
    fn templates_split_into_literals_and_parameters() {
        let cases: Vec<(&str, Vec<Vec<TemplatePiece>>)> = vec![
            ("/", vec![]),
            ("/pets", vec![vec![Literal("pets")]]),
            (
                "/pets/{petId}",
                vec![vec![Literal("pets")], vec![Param("petId")]],
            ),
            (
                "/a/{b}.{c}/*rest",
                vec![
                    vec![Literal("a")],
                    vec![Param("b"), Literal("."), Param("c")],
                    vec![Wildcard("rest")],
                ],
            ),
            (
                "//files/v{version}.json/",
                vec![
                    vec![Literal("files")],
                    vec![Literal("v"), Param("version"), Literal(".json")],
                ],
            ),
            (
                "/users/:id",
                vec![vec![Literal("users")], vec![Colon("id")]],
            ),
            ("/*", vec![vec![Wildcard("")]]),
            // Look-alikes only as whole segments; inside one they are text.
            (
                "/{a}*b/x:y",
                vec![vec![Param("a"), Literal("*b")], vec![Literal("x:y")]],
            ),
            ("/{}", vec![vec![Param("")]]),
        ];
        for (template, want) in cases {
            let got: Vec<Vec<TemplatePiece>> = parse(template)
                .unwrap()
                .into_iter()
                .map(|s| s.pieces)
                .collect();
            assert_eq!(got, want, "{template}");
        }
    }

    #[test]
    fn a_segment_keeps_its_text() {
        let segments = parse("/a/{b}.{c}/*rest").unwrap();
        let texts: Vec<&str> = segments.iter().map(|s| s.text).collect();
        assert_eq!(texts, ["a", "{b}.{c}", "*rest"]);
    }

    #[test]
    fn an_unclosed_brace_is_an_error() {
        for template in ["/a/{b", "/{a}/{", "/x{y}{z"] {
            assert_eq!(parse(template), Err(Unclosed), "{template}");
        }
    }
}
