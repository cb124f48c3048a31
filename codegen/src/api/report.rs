//! The report of a regeneration: the findings grouped by rule, breaking
//! first, as short text (the default), every item (`--report full`) or JSON
//! (`--report json`), ending with the semver step.

use super::classify::Finding;
use super::rules::{Rule, Verdict, RULES};
use super::version::{next_version, Step};

/// How the report is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Style {
    /// Grouped and counted, a few names a group.
    #[default]
    Short,
    /// Every item.
    Full,
    Json,
}

impl Style {
    pub fn parse(text: &str) -> Option<Style> {
        match text {
            "short" => Some(Style::Short),
            "full" => Some(Style::Full),
            "json" => Some(Style::Json),
            _ => None,
        }
    }
}

/// What a regeneration changes for code that uses the crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// Where the old description came from (`generated-client/api.txt`).
    pub baseline: String,
    /// The crate and version it described; `None` when there was nothing to compare against.
    pub baseline_version: Option<String>,
    /// Why nothing was compared, when nothing was.
    pub note: Option<String>,
    /// Every finding, breaking first, then by rule as [`RULES`] orders them, then by subject.
    pub findings: Vec<Finding>,
    /// Whether any generated file changed at all.
    pub code_changed: bool,
    /// The crate's version now (in its `Cargo.toml`).
    pub version: String,
}

/// How many names a group of the short report shows.
const SHORT_NAMES: usize = 3;

impl Report {
    pub fn new(
        baseline: String,
        baseline_version: Option<String>,
        mut findings: Vec<Finding>,
        code_changed: bool,
        version: String,
    ) -> Report {
        let order = |r: &Rule| {
            RULES
                .iter()
                .position(|x| x.id == r.id)
                .unwrap_or(usize::MAX)
        };
        findings.sort_by(|a, b| {
            (order(a.rule), &a.subject, &a.detail).cmp(&(order(b.rule), &b.subject, &b.detail))
        });
        findings.dedup();
        Report {
            baseline,
            baseline_version,
            note: None,
            findings,
            code_changed,
            version,
        }
    }

    /// A report of a run with nothing to compare against, and why.
    pub fn nothing_to_compare(baseline: String, note: String, version: String) -> Report {
        Report {
            baseline,
            baseline_version: None,
            note: Some(note),
            findings: Vec::new(),
            code_changed: true,
            version,
        }
    }

    pub fn breaking(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.rule.verdict.is_breaking())
            .count()
    }

    pub fn compatible(&self) -> usize {
        self.findings.len() - self.breaking()
    }

    /// The step the whole change implies; `None` without a baseline.
    pub fn step(&self) -> Option<Step> {
        self.baseline_version.as_ref()?;
        Some(if self.breaking() > 0 {
            Step::Major
        } else if !self.findings.is_empty() {
            Step::Minor
        } else if self.code_changed {
            Step::Patch
        } else {
            Step::None
        })
    }

    /// The version the step asks for, from the baseline's version.
    pub fn required_version(&self) -> Option<String> {
        let from = self.baseline_version.as_deref()?;
        next_version(from, self.step()?)
    }

    /// The groups, each a rule and its findings, in the report's order.
    fn groups(&self) -> Vec<(&'static Rule, Vec<&Finding>)> {
        let mut groups: Vec<(&'static Rule, Vec<&Finding>)> = Vec::new();
        for f in &self.findings {
            match groups.last_mut() {
                Some((rule, list)) if rule.id == f.rule.id => list.push(f),
                _ => groups.push((f.rule, vec![f])),
            }
        }
        groups
    }

    pub fn render(&self, style: Style) -> String {
        match style {
            Style::Json => self.json(),
            Style::Short | Style::Full => self.text(style == Style::Full),
        }
    }

    fn text(&self, full: bool) -> String {
        let mut out = String::new();
        if let Some(note) = &self.note {
            out.push_str(&format!("API review: {note}\n"));
            return out;
        }
        let against = format!(
            "against {} ({})",
            self.baseline,
            self.baseline_version.as_deref().unwrap_or("")
        );
        if self.findings.is_empty() {
            out.push_str(&format!(
                "API review {against}: no change to the public API\n"
            ));
        } else {
            let wire = self
                .findings
                .iter()
                .filter(|f| f.rule.verdict == Verdict::BreakingWire)
                .count();
            let wire = match wire {
                0 => String::new(),
                n => format!(" ({n} on the wire only)"),
            };
            out.push_str(&format!(
                "API review {against}: {} breaking{wire}, {} compatible\n",
                self.breaking(),
                self.compatible()
            ));
        }
        for verdict in [true, false] {
            let groups: Vec<_> = self
                .groups()
                .into_iter()
                .filter(|(r, _)| r.verdict.is_breaking() == verdict)
                .collect();
            if groups.is_empty() {
                continue;
            }
            let count: usize = groups.iter().map(|(_, f)| f.len()).sum();
            let head = if verdict { "Breaking" } else { "Compatible" };
            out.push_str(&format!("{head} ({count}):\n"));
            for (rule, findings) in groups {
                out.push_str(&group_text(rule, &findings, full));
            }
        }
        if self.findings.iter().any(|f| f.rule.id == "field-added") {
            out.push_str(
                "Note: fields were added; code that builds such a struct with a literal naming \
                 every field (rather than `new(..)` or `Default` and `..`) must name them too.\n",
            );
        }
        if !full && self.findings.len() > self.groups().len() {
            out.push_str("(`--report full` lists every item.)\n");
        }
        out.push_str(&self.step_line());
        out
    }

    /// The last line: the semver step and the version it asks for.
    pub fn step_line(&self) -> String {
        let (Some(step), Some(from)) = (self.step(), self.baseline_version.as_deref()) else {
            return "semver: nothing to compare against\n".into();
        };
        let why = match step {
            Step::Major => "a breaking change",
            Step::Minor => "compatible additions",
            Step::Patch => "the code changed, its API did not",
            Step::None => "nothing changed",
        };
        match self.required_version() {
            Some(next) if step != Step::None => format!(
                "semver: {} ({why}): {from} → {next}{}\n",
                step.name(),
                rules_note(from)
            ),
            _ => format!("semver: {} ({why})\n", step.name()),
        }
    }

    fn json(&self) -> String {
        use serde_json::json;
        let items: Vec<serde_json::Value> = self
            .findings
            .iter()
            .map(|f| {
                json!({
                    "rule": f.rule.id,
                    "breaking": f.rule.verdict.is_breaking(),
                    "verdict": f.rule.verdict.word(),
                    "subject": f.subject,
                    "change": f.detail,
                    "anchor": f.rule.anchor,
                })
            })
            .collect();
        let required = self.required_version();
        let version_ok = required
            .as_deref()
            .map(|r| super::version::at_least(&self.version, r));
        let value = json!({
            "baseline": self.baseline,
            "baseline_version": self.baseline_version,
            "note": self.note,
            "breaking": self.breaking(),
            "compatible": self.compatible(),
            "step": self.step().map(Step::name),
            "required_version": required,
            "version": self.version,
            "version_ok": version_ok,
            "items": items,
        });
        let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
        text.push('\n');
        text
    }
}

/// How cargo reads a version's steps, when it is a 0.x one.
fn rules_note(from: &str) -> &'static str {
    if from.starts_with("0.0.") {
        " (cargo's rules for 0.0.z: every release is breaking)"
    } else if from.starts_with("0.") {
        " (cargo's rules for 0.y.z: a breaking change bumps y, anything else z)"
    } else {
        ""
    }
}

fn group_text(rule: &Rule, findings: &[&Finding], full: bool) -> String {
    let wire = if rule.verdict == Verdict::BreakingWire {
        " (wire)"
    } else {
        ""
    };
    let mut out = format!("  {} × {}{wire}", findings.len(), rule.title);
    if full {
        out.push_str(&format!(" [{}]\n", rule.anchor));
        for f in findings {
            out.push_str(&format!("      {}\n", f.detail));
        }
        return out;
    }
    let mut names: Vec<&str> = Vec::new();
    for f in findings {
        if !names.contains(&f.subject.as_str()) {
            names.push(&f.subject);
        }
    }
    let shown: Vec<&str> = names.iter().take(SHORT_NAMES).copied().collect();
    out.push_str(&format!(": {}", shown.join(", ")));
    if names.len() > SHORT_NAMES {
        out.push_str(&format!(", … {} more", names.len() - SHORT_NAMES));
    }
    out.push('\n');
    out
}

impl Verdict {
    /// The changelog's mark of a breaking change.
    pub fn mark(self) -> &'static str {
        match self {
            Verdict::Breaking => "**Breaking:** ",
            Verdict::BreakingWire => "**Breaking (wire):** ",
            Verdict::Compatible => "",
        }
    }
}
