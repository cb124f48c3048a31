//! The semver step a change implies, the version it asks for under cargo's
//! rules (0.y.z: a breaking change bumps y, anything else z; 0.0.z: every
//! release is breaking), the crate's `Cargo.toml` with that version, and
//! its `CHANGELOG.md` entry in Keep a Changelog's format.

use super::report::Report;
use super::rules::Section;

/// The step of a release.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Step {
    None,
    Patch,
    Minor,
    Major,
}

impl Step {
    pub fn name(self) -> &'static str {
        match self {
            Step::None => "none",
            Step::Patch => "patch",
            Step::Minor => "minor",
            Step::Major => "major",
        }
    }
}

/// `major.minor.patch` of a version (a pre-release or build suffix is dropped).
fn parse(version: &str) -> Option<(u64, u64, u64)> {
    let core = version.trim().split(['-', '+']).next()?;
    let mut parts = core.split('.').map(|p| p.parse::<u64>().ok());
    let v = (parts.next()??, parts.next()??, parts.next()??);
    parts.next().is_none().then_some(v)
}

/// The version after `from` that a change of `step` needs, as cargo reads
/// compatibility; `None` when `from` is not `x.y.z`.
pub fn next_version(from: &str, step: Step) -> Option<String> {
    let (x, y, z) = parse(from)?;
    let (x, y, z) = match (step, x, y) {
        (Step::None, ..) => (x, y, z),
        // 0.0.z: each release is its own, incompatible with every other.
        (_, 0, 0) => (0, 0, z + 1),
        (Step::Major, 0, _) => (0, y + 1, 0),
        (Step::Minor | Step::Patch, 0, _) => (0, y, z + 1),
        (Step::Major, ..) => (x + 1, 0, 0),
        (Step::Minor, ..) => (x, y + 1, 0),
        (Step::Patch, ..) => (x, y, z + 1),
    };
    Some(format!("{x}.{y}.{z}"))
}

/// Whether `version` is `required` or later.
pub fn at_least(version: &str, required: &str) -> bool {
    match (parse(version), parse(required)) {
        (Some(v), Some(r)) => v >= r,
        _ => false,
    }
}

/// The package version of a `Cargo.toml`'s text.
pub fn manifest_version(manifest: &str) -> Option<String> {
    let doc: toml_edit::DocumentMut = manifest.parse().ok()?;
    doc.get("package")?
        .get("version")?
        .as_str()
        .map(str::to_string)
}

/// A `Cargo.toml`'s text with its package version set, all else as it was.
pub fn with_version(manifest: &str, version: &str) -> Result<String, String> {
    let mut doc: toml_edit::DocumentMut = manifest
        .parse()
        .map_err(|e| format!("Cargo.toml is not valid TOML: {e}"))?;
    let package = doc
        .get_mut("package")
        .and_then(|p| p.as_table_like_mut())
        .ok_or("Cargo.toml has no [package]")?;
    let decor = package
        .get("version")
        .and_then(|v| v.as_value())
        .map(|v| v.decor().clone());
    let mut value = toml_edit::Value::from(version);
    if let Some(decor) = decor {
        *value.decor_mut() = decor;
    }
    package.insert("version", toml_edit::Item::Value(value));
    Ok(doc.to_string())
}

const INTRO: &str = "# Changelog

All notable changes to this crate are documented in this file. Each entry is
written by the generator when a regeneration changes the crate's version
(`bump-version`), from what the regeneration changed for code that uses it.

The format is based on [Keep a Changelog](https://keepachangelog.com/en/1.1.0/),
and this crate adheres to [Semantic Versioning](https://semver.org/spec/v2.0.0.html)
as cargo reads it for 0.x versions.
";

/// `CHANGELOG.md` with an entry for `version` on `date` (`YYYY-MM-DD`)
/// before the others; a new file when `existing` is `None`.
pub fn changelog(existing: Option<&str>, version: &str, date: &str, report: &Report) -> String {
    let entry = entry(version, date, report);
    let Some(text) = existing else {
        return format!("{INTRO}\n{entry}");
    };
    match text.find("\n## ") {
        Some(at) => format!("{}{entry}\n{}", &text[..at + 1], &text[at + 1..]),
        None => format!("{}\n\n{entry}", text.trim_end()),
    }
}

fn entry(version: &str, date: &str, report: &Report) -> String {
    let mut out = format!("## [{version}] - {date}\n");
    let sections = [
        Section::Added,
        Section::Changed,
        Section::Deprecated,
        Section::Removed,
    ];
    for section in sections {
        let lines: Vec<String> = report
            .findings
            .iter()
            .filter(|f| f.rule.section == section)
            .map(|f| {
                format!(
                    "- {}{}: `{}`\n",
                    f.rule.verdict.mark(),
                    f.rule.title,
                    f.detail.replace('`', "'")
                )
            })
            .collect();
        if !lines.is_empty() {
            out.push_str(&format!("\n### {}\n\n", section.title()));
            out.extend(lines);
        }
    }
    if report.findings.is_empty() {
        out.push_str("\n### Changed\n\n- Regenerated; the public API is unchanged.\n");
    }
    out
}

/// Today's date (UTC), or that of `SOURCE_DATE_EPOCH` when it is set (for reproducible output).
pub fn today() -> String {
    let seconds = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs())
        });
    civil_date(seconds / 86_400)
}

/// The `YYYY-MM-DD` of a day count since 1970-01-01 (Howard Hinnant's `civil_from_days`).
fn civil_date(days: u64) -> String {
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_follow_cargos_rules_for_0x_versions() {
        let cases = [
            ("0.243.1", Step::Major, "0.244.0"),
            ("0.243.1", Step::Minor, "0.243.2"),
            ("0.243.1", Step::Patch, "0.243.2"),
            ("0.243.1", Step::None, "0.243.1"),
            ("0.0.7", Step::Major, "0.0.8"),
            ("0.0.7", Step::Minor, "0.0.8"),
            ("1.4.2", Step::Major, "2.0.0"),
            ("1.4.2", Step::Minor, "1.5.0"),
            ("1.4.2", Step::Patch, "1.4.3"),
            ("2.0.0-beta.1+build", Step::Minor, "2.1.0"),
        ];
        for (from, step, to) in cases {
            assert_eq!(
                next_version(from, step).as_deref(),
                Some(to),
                "{from} {step:?}"
            );
        }
        assert_eq!(next_version("v70", Step::Minor), None);
        assert!(at_least("0.244.0", "0.244.0") && at_least("1.0.0", "0.244.0"));
        assert!(!at_least("0.243.9", "0.244.0"));
    }

    #[test]
    fn the_version_changes_and_nothing_else() {
        let manifest = "# header\n[package]\nname = \"x\" # the name\nversion = \"0.1.0\" # kept\n\n[dependencies]\nserde = \"1\"\n";
        let bumped = with_version(manifest, "0.2.0").unwrap();
        assert_eq!(bumped, manifest.replace("\"0.1.0\"", "\"0.2.0\""));
        assert_eq!(manifest_version(&bumped).as_deref(), Some("0.2.0"));
    }

    #[test]
    fn dates_are_civil() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(19_723), "2024-01-01");
        assert_eq!(civil_date(19_782), "2024-02-29");
    }
}
