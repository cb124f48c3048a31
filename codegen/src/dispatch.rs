//! How an operation's `read_response` turns a status into its result: which
//! statuses share an arm, in which order the arms come, and how each reads
//! the body. The emitter renders this plan; the analysis of what a client
//! uses ([`crate::uses`]) reads it to know which readers the runtime needs.

use crate::model::{Operation, ResponseBody, StatusMatch};

/// The `match` of an operation's `read_response`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dispatch {
    /// The arms in order: a declared code before a range that holds it.
    pub arms: Vec<Arm>,
    /// What any other status gets: the `_` arm, or the whole body of
    /// `read_response` when there are no arms.
    pub otherwise: Read,
}

/// One arm: its statuses, and how the response is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arm {
    pub statuses: Vec<Statuses>,
    pub read: Read,
}

/// A status pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Statuses {
    Code(u16),
    /// `lo..=hi`: a `4XX` range, or a run of three or more declared codes.
    Range(u16, u16),
}

/// How a response is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Read {
    /// The success every 2xx shares.
    Success(BodyRead),
    /// One of several successes: the variant of the operation's outcome enum.
    Outcome(BodyRead, String),
    /// A declared error: the variant of the operation's error enum. Never `Bytes`.
    Error(BodyRead, String),
    /// A status the document does not declare.
    Unexpected,
}

/// How a body is decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum BodyRead {
    Json,
    Text,
    Bytes,
    Empty,
}

impl BodyRead {
    fn of(body: &ResponseBody) -> BodyRead {
        match body {
            ResponseBody::Json(_) => BodyRead::Json,
            ResponseBody::Text => BodyRead::Text,
            ResponseBody::Bytes => BodyRead::Bytes,
            ResponseBody::Empty => BodyRead::Empty,
        }
    }
}

/// The statuses of a `4XX`-style range.
fn range(first_digit: u16) -> Statuses {
    Statuses::Range(first_digit * 100, first_digit * 100 + 99)
}

/// Declared codes, sorted; runs of three or more consecutive codes read (and
/// lint) better as a range.
fn merged(mut codes: Vec<u16>) -> Vec<Statuses> {
    codes.sort_unstable();
    codes.dedup();
    let mut out = Vec::new();
    let mut i = 0;
    while i < codes.len() {
        let mut j = i;
        while j + 1 < codes.len() && codes[j + 1] == codes[j] + 1 {
            j += 1;
        }
        if j - i >= 2 {
            out.push(Statuses::Range(codes[i], codes[j]));
        } else {
            out.extend(codes[i..=j].iter().map(|&c| Statuses::Code(c)));
        }
        i = j + 1;
    }
    out
}

/// The plan of an operation's `read_response`.
pub fn plan(op: &Operation) -> Dispatch {
    let success = Read::Success(BodyRead::of(&op.success_body()));
    let mut arms = Vec::new();
    let mut success_ranges = Vec::new();
    if op.outcome.is_some() {
        // Each success its own variant of the outcome enum.
        for r in &op.success {
            let statuses = match r.status {
                StatusMatch::Code(c) => Statuses::Code(c),
                StatusMatch::Range(d) => range(d),
                StatusMatch::Default => continue,
            };
            arms.push(Arm {
                statuses: vec![statuses],
                read: Read::Outcome(BodyRead::of(&r.body), r.variant.clone()),
            });
        }
    } else {
        let codes = op
            .success
            .iter()
            .filter_map(|r| match r.status {
                StatusMatch::Code(c) => Some(c),
                _ => None,
            })
            .collect();
        let codes = merged(codes);
        if !codes.is_empty() {
            arms.push(Arm {
                statuses: codes,
                read: success.clone(),
            });
        }
        success_ranges = op
            .success
            .iter()
            .filter_map(|r| match r.status {
                StatusMatch::Range(d) => Some(range(d)),
                _ => None,
            })
            .collect();
    }
    let mut error_ranges = Vec::new();
    let mut otherwise = Read::Unexpected;
    for r in &op.errors {
        let body = match BodyRead::of(&r.body) {
            BodyRead::Bytes => BodyRead::Empty,
            other => other,
        };
        let read = Read::Error(body, r.variant.clone());
        match r.status {
            StatusMatch::Code(c) => arms.push(Arm {
                statuses: vec![Statuses::Code(c)],
                read,
            }),
            StatusMatch::Range(d) => error_ranges.push(Arm {
                statuses: vec![range(d)],
                read,
            }),
            StatusMatch::Default => otherwise = read,
        }
    }
    if !success_ranges.is_empty() {
        arms.push(Arm {
            statuses: success_ranges,
            read: success,
        });
    }
    arms.extend(error_ranges);
    Dispatch { arms, otherwise }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Response;

    fn response(status: StatusMatch, variant: &str, body: ResponseBody) -> Response {
        Response {
            status,
            variant: variant.into(),
            body,
            doc: None,
        }
    }

    fn op(success: Vec<Response>, errors: Vec<Response>, outcome: bool) -> Operation {
        let text = r#"{"openapi": "3.0.3", "info": {"title": "T", "version": "1"},
            "paths": {"/a": {"get": {"operationId": "a", "responses": {"204": {"description": "ok"}}}}}}"#;
        let doc = crate::load::load_str(text).unwrap();
        let (model, _) = crate::model::build(&doc).unwrap();
        let mut op = model.operations[0].clone();
        op.success = success;
        op.errors = errors;
        op.outcome = outcome.then(|| "AOutcome".to_string());
        op
    }

    use ResponseBody::{Bytes, Empty, Text};
    use StatusMatch::{Code, Default, Range};

    fn json() -> ResponseBody {
        ResponseBody::Json(crate::model::TypeRef::Json)
    }

    #[test]
    fn plans() {
        let cases: Vec<(&str, Operation, Dispatch)> = vec![
            (
                "three consecutive codes become a range; two stay codes",
                op(
                    vec![
                        response(Code(200), "Ok", json()),
                        response(Code(201), "Created", json()),
                        response(Code(202), "Accepted", json()),
                        response(Code(204), "NoContent", json()),
                        response(Code(206), "Partial", json()),
                    ],
                    vec![],
                    false,
                ),
                Dispatch {
                    arms: vec![Arm {
                        statuses: vec![
                            Statuses::Range(200, 202),
                            Statuses::Code(204),
                            Statuses::Code(206),
                        ],
                        read: Read::Success(BodyRead::Json),
                    }],
                    otherwise: Read::Unexpected,
                },
            ),
            (
                "declared codes, then the success range, then error ranges",
                op(
                    vec![response(Range(2), "Success", Text)],
                    vec![
                        response(Range(4), "ClientError", json()),
                        response(Code(404), "NotFound", Bytes),
                    ],
                    false,
                ),
                Dispatch {
                    arms: vec![
                        Arm {
                            statuses: vec![Statuses::Code(404)],
                            read: Read::Error(BodyRead::Empty, "NotFound".into()),
                        },
                        Arm {
                            statuses: vec![Statuses::Range(200, 299)],
                            read: Read::Success(BodyRead::Text),
                        },
                        Arm {
                            statuses: vec![Statuses::Range(400, 499)],
                            read: Read::Error(BodyRead::Json, "ClientError".into()),
                        },
                    ],
                    otherwise: Read::Unexpected,
                },
            ),
            (
                "`default` is what any other status gets",
                op(vec![], vec![response(Default, "Default", json())], false),
                Dispatch {
                    arms: vec![],
                    otherwise: Read::Error(BodyRead::Json, "Default".into()),
                },
            ),
            (
                "outcomes: one arm per success, a `default` success has none",
                op(
                    vec![
                        response(Code(200), "Ok", json()),
                        response(Code(204), "NoContent", Empty),
                        response(Default, "Other", Bytes),
                    ],
                    vec![],
                    true,
                ),
                Dispatch {
                    arms: vec![
                        Arm {
                            statuses: vec![Statuses::Code(200)],
                            read: Read::Outcome(BodyRead::Json, "Ok".into()),
                        },
                        Arm {
                            statuses: vec![Statuses::Code(204)],
                            read: Read::Outcome(BodyRead::Empty, "NoContent".into()),
                        },
                    ],
                    otherwise: Read::Unexpected,
                },
            ),
        ];
        for (what, op, expected) in cases {
            assert_eq!(plan(&op), expected, "{what}");
        }
    }
}
