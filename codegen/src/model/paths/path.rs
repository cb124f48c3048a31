//! The path template bound to the operation's parameters: each `{name}` to
//! its parameter (an undeclared one becomes a required string argument),
//! declared path parameters the template never uses sent in the query, and
//! path parameters first, in template order.

use super::template::{self, TemplatePiece};
use super::OperationBuilder;
use crate::diag::{Error, WarningKind};
use crate::model::{Location, ParamStyle, Parameter, Piece, Primitive, Segment, TypeRef};
use crate::naming::{self, NameSet, BUILDER_MEMBERS};

impl OperationBuilder<'_, '_, '_> {
    /// Splits the path template; adds undeclared template parameters and warns about look-alikes.
    pub(super) fn segments(
        &mut self,
        path: &str,
        params: &mut Vec<Parameter>,
    ) -> Result<Vec<Segment>, Error> {
        let parsed = template::parse(path).map_err(|template::Unclosed| {
            Error::at(
                &self.at,
                format!("path template `{path}` has an unclosed `{{`"),
            )
        })?;
        let mut segments = Vec::new();
        let mut used = Vec::new();
        let mut undeclared: Vec<String> = Vec::new();
        for segment in &parsed {
            let mut pieces = Vec::new();
            for piece in &segment.pieces {
                match *piece {
                    TemplatePiece::Literal(text) => pieces.push(Piece::Literal(text.to_string())),
                    TemplatePiece::Param(name) => {
                        let index = path_param(name, params, &mut undeclared);
                        used.push(index);
                        pieces.push(Piece::Param(index));
                    }
                    TemplatePiece::Wildcard(name) if !name.is_empty() => {
                        let index = path_param(name, params, &mut Vec::new());
                        self.warn_wildcard(path, segment.text, &params[index].name);
                        let p = &mut params[index];
                        if p.doc.is_none() {
                            p.doc = Some(WILDCARD_DOC.to_string());
                        }
                        used.push(index);
                        pieces.push(Piece::Wildcard(index));
                    }
                    // Sent as written.
                    TemplatePiece::Wildcard(_) | TemplatePiece::Colon(_) => {
                        self.ctx.warn(
                            WarningKind::SuspiciousPathSegment,
                            &self.at,
                            format!(
                                "operation `{}`: path segment `{}` in `{path}` looks like a template but is not `{{…}}`; it is sent literally",
                                self.method_name, segment.text
                            ),
                        );
                        pieces.push(Piece::Literal(segment.text.to_string()));
                    }
                }
            }
            segments.push(Segment { pieces });
        }
        self.warn_undeclared(path, &undeclared);
        self.unused_to_query(path, params, &used);
        path_params_first(params, &mut segments, &used);
        Ok(segments)
    }

    /// A `*name` segment is Rails' and Phoenix's wildcard, not OpenAPI's syntax: say what it became.
    fn warn_wildcard(&mut self, path: &str, text: &str, argument: &str) {
        self.ctx.warn(
            WarningKind::SuspiciousPathSegment,
            &self.at,
            format!(
                "operation `{}`: path segment `{text}` in `{path}` is not OpenAPI's template syntax; \
                 it is read as a wildcard for the rest of the path, the argument `{}`, sent with its slashes",
                self.method_name,
                naming::unraw(argument)
            ),
        );
    }

    fn warn_undeclared(&mut self, path: &str, undeclared: &[String]) {
        if undeclared.is_empty() {
            return;
        }
        let (list, verb, what) = match undeclared.len() {
            1 => (
                format!("parameter {}", undeclared[0]),
                "is",
                "a required string argument",
            ),
            _ => (
                format!("parameters {}", undeclared.join(", ")),
                "are",
                "required string arguments",
            ),
        };
        self.ctx.warn(
            WarningKind::UndeclaredPathParameter,
            &self.at,
            format!(
                "operation `{}`: path {list} {verb} used in `{path}` but not declared; {} {what}",
                self.method_name,
                if undeclared.len() == 1 {
                    "it becomes"
                } else {
                    "they become"
                },
            ),
        );
    }

    /// Declared path parameters the template never uses are sent in the query.
    fn unused_to_query(&mut self, path: &str, params: &mut [Parameter], used: &[usize]) {
        for (i, p) in params.iter_mut().enumerate() {
            if p.location == Location::Path && !used.contains(&i) {
                self.ctx.warn(
                    WarningKind::Unsupported,
                    &self.at,
                    format!("`{}` is declared `in: path` but `{path}` has no `{{{}}}`; it is sent as a query parameter", p.wire_name, p.wire_name),
                );
                p.location = Location::Query;
                p.style = ParamStyle::Form;
                p.explode = true;
            }
        }
    }
}

/// The doc of a wildcard argument the document does not describe.
const WILDCARD_DOC: &str = "The rest of the path, sent with its slashes: each `/`-separated piece is percent-encoded as a segment of its own, and `.`, `..` and empty pieces are refused.";

/// The index of the path parameter `name`; one the document does not
/// declare is added as a required string (and named in `undeclared`).
fn path_param(name: &str, params: &mut Vec<Parameter>, undeclared: &mut Vec<String>) -> usize {
    if let Some(i) = params
        .iter()
        .position(|p| p.location == Location::Path && p.wire_name == name)
    {
        return i;
    }
    undeclared.push(format!("`{name}`"));
    let mut taken: NameSet = NameSet::new();
    for reserved in BUILDER_MEMBERS {
        taken.reserve(reserved);
    }
    for p in params.iter() {
        taken.reserve(&p.name);
    }
    params.push(Parameter {
        name: taken.claim_with(&naming::field_name(name), naming::numbered_field),
        wire_name: name.to_string(),
        location: Location::Path,
        ty: TypeRef::Primitive(Primitive::String),
        required: true,
        doc: None,
        declared: false,
        style: ParamStyle::Simple,
        explode: false,
        allow_reserved: false,
        json: false,
    });
    params.len() - 1
}

/// Path parameters come first, in template order, then the rest as declared;
/// the segments' indices follow them.
fn path_params_first(params: &mut Vec<Parameter>, segments: &mut [Segment], used: &[usize]) {
    let mut order: Vec<usize> = Vec::new();
    for i in used.iter().copied().chain(0..params.len()) {
        if !order.contains(&i) {
            order.push(i);
        }
    }
    let mut new_index = vec![0; params.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    let mut taken: Vec<Option<Parameter>> = std::mem::take(params).into_iter().map(Some).collect();
    *params = order.iter().filter_map(|&old| taken[old].take()).collect();
    for segment in segments {
        for piece in &mut segment.pieces {
            if let Piece::Param(i) | Piece::Wildcard(i) = piece {
                *i = new_index[*i];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::model::test_data::model_of;
    use crate::model::{Location, Piece};

    #[test]
    fn a_wildcard_segment_is_an_argument_for_the_rest_of_the_path() {
        let doc = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n  '/repos/{ns}/evaluations/*resource_path':\n    post: {operationId: create_evaluation, responses: {'204': {description: ok}}}\n  '/files/*':\n    get: {operationId: glob, responses: {'204': {description: ok}}}\n";
        let (model, warnings) = model_of(doc, "").unwrap();
        let op = &model.operations[0];
        let names: Vec<&str> = op.params.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["ns", "resource_path"]);
        assert_eq!(op.params[1].location, Location::Path);
        assert!(op.params[1].required && !op.params[1].declared);
        assert!(op.params[1]
            .doc
            .as_deref()
            .unwrap()
            .contains("sent with its slashes"));
        assert_eq!(op.segments[3].pieces, [Piece::Wildcard(1)]);
        let messages: Vec<&str> = warnings.iter().map(|w| w.message.as_str()).collect();
        assert!(
            messages
                .iter()
                .any(|m| m.contains("`*resource_path`") && m.contains("read as a wildcard")),
            "{messages:?}"
        );
        // Only `{ns}` is undeclared: the wildcard is said once, as a wildcard.
        assert!(
            messages
                .iter()
                .any(|m| m.contains("path parameter `ns` is used")),
            "{messages:?}"
        );
        // A bare `*` names nothing: it is sent as it is.
        assert_eq!(
            model.operations[1].segments[1].pieces,
            [Piece::Literal("*".into())]
        );
    }
}
