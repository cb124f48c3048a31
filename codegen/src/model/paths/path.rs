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
                    // Sent as written, for now.
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
            if let Piece::Param(i) = piece {
                *i = new_index[*i];
            }
        }
    }
}
