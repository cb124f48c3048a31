//! The status-dispatch plan: which status of a response goes to which
//! success or error variant, as match arms in the order they are tried.
//!
//! The order is what makes it right: declared codes first (a merged run of
//! successes, or each success its own outcome variant), then the error
//! codes, then the success ranges (`2XX`), then the error ranges (`4XX`), so
//! that a declared code wins over the range it is in; `default` (or, without
//! it, [`StatusTarget::Unexpected`]) takes whatever is left.

use super::{Response, StatusMatch};

/// How an operation reads a response by its status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusPlan {
    /// Tried in order: the first arm with a pattern that matches takes the status.
    pub arms: Vec<StatusArm>,
    /// What every other status becomes.
    pub fallback: StatusTarget,
    /// Whether an arm's range is meant to cover a code an earlier arm takes
    /// (`404` before `4XX`): some error is a range.
    pub overlapping: bool,
    /// The statuses of the successes, one pattern each, in the document's
    /// order (a body handed over unread is one of these).
    pub success: Vec<StatusPattern>,
}

/// One match arm.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusArm {
    /// Any of these.
    pub patterns: Vec<StatusPattern>,
    pub target: StatusTarget,
}

/// Statuses an arm matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusPattern {
    Code(u16),
    /// `lo` to `hi`, both included: a `4XX`, or a run of three or more codes.
    Range {
        lo: u16,
        hi: u16,
    },
}

/// What a status is read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusTarget {
    /// The body all successes share.
    Success,
    /// The outcome variant of `Operation::success[i]`.
    Outcome(usize),
    /// The error variant of `Operation::errors[i]`.
    Error(usize),
    /// Not declared: `Error::UnexpectedResponse`.
    Unexpected,
}

impl StatusPattern {
    /// The pattern of a declared status; `default` has none.
    pub fn of(status: StatusMatch) -> Option<Self> {
        match status {
            StatusMatch::Code(c) => Some(StatusPattern::Code(c)),
            StatusMatch::Range(d) => Some(StatusPattern::Range {
                lo: d * 100,
                hi: d * 100 + 99,
            }),
            StatusMatch::Default => None,
        }
    }
}

/// The plan for an operation's `success` and `errors`; with an outcome enum
/// (`outcome`), each success is its own arm.
pub fn plan(success: &[Response], errors: &[Response], outcome: bool) -> StatusPlan {
    let mut arms = Vec::new();
    let success_ranges: Vec<StatusPattern> = success
        .iter()
        .filter(|r| matches!(r.status, StatusMatch::Range(_)))
        .filter_map(|r| StatusPattern::of(r.status))
        .collect();
    if outcome {
        for (i, r) in success.iter().enumerate() {
            if let Some(pattern) = StatusPattern::of(r.status) {
                arms.push(StatusArm {
                    patterns: vec![pattern],
                    target: StatusTarget::Outcome(i),
                });
            }
        }
    } else {
        let codes = merged_codes(success.iter().filter_map(|r| match r.status {
            StatusMatch::Code(c) => Some(c),
            _ => None,
        }));
        if !codes.is_empty() {
            arms.push(StatusArm {
                patterns: codes,
                target: StatusTarget::Success,
            });
        }
    }
    let mut error_ranges = Vec::new();
    let mut fallback = StatusTarget::Unexpected;
    for (i, r) in errors.iter().enumerate() {
        let target = StatusTarget::Error(i);
        match StatusPattern::of(r.status) {
            Some(pattern @ StatusPattern::Code(_)) => arms.push(StatusArm {
                patterns: vec![pattern],
                target,
            }),
            Some(pattern) => error_ranges.push(StatusArm {
                patterns: vec![pattern],
                target,
            }),
            None => fallback = target,
        }
    }
    if !outcome && !success_ranges.is_empty() {
        arms.push(StatusArm {
            patterns: success_ranges,
            target: StatusTarget::Success,
        });
    }
    arms.extend(error_ranges);
    StatusPlan {
        arms,
        fallback,
        overlapping: errors
            .iter()
            .any(|r| matches!(r.status, StatusMatch::Range(_))),
        success: success
            .iter()
            .filter_map(|r| StatusPattern::of(r.status))
            .collect(),
    }
}

/// Codes sorted, each once; runs of three or more consecutive codes become
/// a range, which reads (and lints) better.
fn merged_codes(codes: impl Iterator<Item = u16>) -> Vec<StatusPattern> {
    let mut codes: Vec<u16> = codes.collect();
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
            out.push(StatusPattern::Range {
                lo: codes[i],
                hi: codes[j],
            });
        } else {
            out.extend(codes[i..=j].iter().map(|&c| StatusPattern::Code(c)));
        }
        i = j + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ResponseBody;

    /// Responses from statuses as the document writes them.
    fn responses(statuses: &[&str]) -> Vec<Response> {
        statuses
            .iter()
            .map(|s| Response {
                status: match *s {
                    "default" => StatusMatch::Default,
                    s if s.ends_with("XX") => StatusMatch::Range(s[..1].parse().unwrap()),
                    s => StatusMatch::Code(s.parse().unwrap()),
                },
                variant: crate::naming::variant_name(&format!("S{s}")),
                body: ResponseBody::Empty,
                doc: None,
            })
            .collect()
    }

    /// The plan as text: `pattern|pattern => target`, the fallback last.
    fn render(plan: &StatusPlan) -> Vec<String> {
        let pattern = |p: &StatusPattern| match p {
            StatusPattern::Code(c) => c.to_string(),
            StatusPattern::Range { lo, hi } => format!("{lo}..={hi}"),
        };
        let target = |t: &StatusTarget| match t {
            StatusTarget::Success => "success".to_string(),
            StatusTarget::Outcome(i) => format!("outcome {i}"),
            StatusTarget::Error(i) => format!("error {i}"),
            StatusTarget::Unexpected => "unexpected".to_string(),
        };
        plan.arms
            .iter()
            .map(|a| {
                let patterns: Vec<String> = a.patterns.iter().map(pattern).collect();
                format!("{} => {}", patterns.join("|"), target(&a.target))
            })
            .chain([format!("_ => {}", target(&plan.fallback))])
            .collect()
    }

    #[test]
    fn statuses_go_to_their_variants_in_match_order() {
        // (successes, errors, outcome enum) → arms
        type Case = (
            &'static [&'static str],
            &'static [&'static str],
            bool,
            &'static [&'static str],
        );
        let cases: Vec<Case> = vec![
            (&["200"], &[], false, &["200 => success", "_ => unexpected"]),
            (
                &["204", "200", "201", "202", "206"],
                &[],
                false,
                &["200..=202|204|206 => success", "_ => unexpected"],
            ),
            (
                &["200", "2XX"],
                &["404", "4XX", "default"],
                false,
                &[
                    "200 => success",
                    "404 => error 0",
                    "200..=299 => success",
                    "400..=499 => error 1",
                    "_ => error 2",
                ],
            ),
            (
                &["200", "202"],
                &["5XX", "400"],
                true,
                &[
                    "200 => outcome 0",
                    "202 => outcome 1",
                    "400 => error 1",
                    "500..=599 => error 0",
                    "_ => unexpected",
                ],
            ),
            // Only `default`: a 2xx is its success, anything else its error.
            (
                &["2XX"],
                &["default"],
                false,
                &["200..=299 => success", "_ => error 0"],
            ),
            (&[], &[], false, &["_ => unexpected"]),
        ];
        for (success, errors, outcome, want) in cases {
            let plan = plan(&responses(success), &responses(errors), outcome);
            assert_eq!(
                render(&plan),
                want,
                "{success:?} {errors:?} outcome: {outcome}"
            );
        }
    }

    #[test]
    fn ranges_mark_the_plan_overlapping_and_successes_keep_their_order() {
        let p = plan(
            &responses(&["201", "200", "2XX"]),
            &responses(&["4XX"]),
            false,
        );
        assert!(p.overlapping);
        assert_eq!(
            p.success,
            [
                StatusPattern::Code(201),
                StatusPattern::Code(200),
                StatusPattern::Range { lo: 200, hi: 299 }
            ]
        );
        assert!(!plan(&responses(&["200"]), &responses(&["404", "default"]), false).overlapping);
    }
}
