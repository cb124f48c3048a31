//! Reading the TOML text of a config file into [`Config`], every key checked.

use super::{toml_key, Config, EventStream, Job, Operations, Paginated, Pagination, Rename};
use crate::diag::Error;
use serde::de::IgnoredAny;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    spec: Option<Spanned<String>>,
    out: Option<Spanned<String>>,
    crate_name: Option<Spanned<String>>,
    #[serde(default)]
    group_by_tag: bool,
    #[serde(default)]
    features_by_tag: bool,
    #[serde(default)]
    features_by_path: bool,
    #[serde(default)]
    strict: bool,
    #[serde(default)]
    bump_version: bool,
    #[serde(default)]
    overlays: Vec<Spanned<String>>,
    #[serde(default)]
    renames: BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    pagination: BTreeMap<String, RawPagination>,
    #[serde(default)]
    jobs: BTreeMap<String, RawJob>,
    #[serde(default)]
    streams: BTreeMap<String, RawStream>,
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
enum PatternName {
    Page,
    Cursor,
    NextUrl,
    LinkHeader,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawPagination {
    pattern: PatternName,
    page_param: Option<String>,
    size_param: Option<String>,
    total_pages_field: Option<String>,
    cursor_param: Option<String>,
    cursor_field: Option<String>,
    has_more_field: Option<String>,
    next_field: Option<String>,
    items_field: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawJob {
    status_field: String,
    terminal: Vec<String>,
    #[serde(default)]
    success: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawStream {
    event_schema: String,
    terminator: Option<String>,
}

/// The line of each key of the tables of operations, read in a second pass:
/// a `Spanned` key would hide the key from the path of an error in the first.
#[derive(Deserialize)]
struct KeyLines {
    #[serde(default)]
    renames: BTreeMap<Spanned<String>, IgnoredAny>,
    #[serde(default)]
    pagination: BTreeMap<Spanned<String>, IgnoredAny>,
    #[serde(default)]
    jobs: BTreeMap<Spanned<String>, IgnoredAny>,
    #[serde(default)]
    streams: BTreeMap<Spanned<String>, IgnoredAny>,
}

/// The 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

/// The text being read, for messages that name the file, the line and the key.
struct Source<'t> {
    text: &'t str,
    file: &'t str,
}

impl Source<'_> {
    /// `file:line: key: message`, the line that of a byte offset.
    fn at(&self, offset: usize, key: &str, message: &str) -> Error {
        self.at_line(line_of(self.text, offset), key, message)
    }

    fn at_line(&self, line: usize, key: &str, message: &str) -> Error {
        let key = if key.is_empty() || key == "." {
            String::new()
        } else {
            format!(" {key}:")
        };
        Error::document(format!(
            "{}:{line}:{key} {}",
            self.file,
            message.trim().replace('\n', "; ")
        ))
    }

    fn spanned(&self, value: &Spanned<String>, key: &str, message: &str) -> Error {
        self.at(value.span().start, key, message)
    }

    /// The line of a key of one of the tables of operations.
    fn line(&self, table: &BTreeMap<Spanned<String>, IgnoredAny>, key: &str) -> usize {
        table
            .keys()
            .find(|k| k.get_ref() == key)
            .map_or(1, |k| line_of(self.text, k.span().start))
    }
}

pub(super) fn parse(text: &str, file: &str) -> Result<Config, Error> {
    let source = Source { text, file };
    let raw: RawConfig =
        serde_path_to_error::deserialize(toml::Deserializer::new(text)).map_err(|e| {
            let offset = e.inner().span().map_or(0, |s| s.start);
            source.at(offset, &e.path().to_string(), e.inner().message())
        })?;
    let lines: KeyLines = toml::from_str(text).map_err(|e| source.at(0, "", e.message()))?;
    check_settings(&source, &raw)?;
    let renames = renames(&source, &raw.renames, &lines.renames)?;
    let pagination = raw
        .pagination
        .into_iter()
        .map(|(operation, p)| {
            let line = source.line(&lines.pagination, &operation);
            let key = format!("pagination.{}", toml_key(&operation));
            pagination_of(p)
                .map(|(pattern, items_field)| Paginated {
                    operation: operation.clone(),
                    line,
                    pattern,
                    items_field,
                })
                .map_err(|m| source.at_line(line, &key, &m))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let jobs = jobs(&source, raw.jobs, &lines.jobs)?;
    let streams = streams(&source, raw.streams, &lines.streams)?;
    Ok(Config {
        file: file.to_string(),
        dir: Path::new(file)
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default(),
        spec: raw.spec.map(Spanned::into_inner),
        out: raw.out.map(Spanned::into_inner),
        crate_name: raw.crate_name.map(Spanned::into_inner),
        group_by_tag: raw.group_by_tag,
        features_by_tag: raw.features_by_tag,
        features_by_path: raw.features_by_path,
        strict: raw.strict,
        bump_version: raw.bump_version,
        overlays: raw.overlays.into_iter().map(Spanned::into_inner).collect(),
        operations: Operations {
            file: file.to_string(),
            renames,
            pagination,
            jobs,
            streams,
        },
    })
}

type Lines = BTreeMap<Spanned<String>, IgnoredAny>;

/// The `[jobs.<operation>]` tables, each checked.
fn jobs(
    source: &Source<'_>,
    raw: BTreeMap<String, RawJob>,
    lines: &Lines,
) -> Result<Vec<Job>, Error> {
    raw.into_iter()
        .map(|(operation, j)| {
            let line = source.line(lines, &operation);
            let key = format!("jobs.{}", toml_key(&operation));
            check_job(&j).map_err(|m| source.at_line(line, &key, &m))?;
            Ok(Job {
                operation,
                line,
                status_field: j.status_field,
                terminal: j.terminal,
                success: j.success,
            })
        })
        .collect()
}

/// The `[streams.<operation>]` tables, each naming its event schema.
fn streams(
    source: &Source<'_>,
    raw: BTreeMap<String, RawStream>,
    lines: &Lines,
) -> Result<Vec<EventStream>, Error> {
    raw.into_iter()
        .map(|(operation, s)| {
            let line = source.line(lines, &operation);
            if s.event_schema.trim().is_empty() {
                let key = format!("streams.{}.event-schema", toml_key(&operation));
                return Err(source.at_line(line, &key, "an empty schema name"));
            }
            Ok(EventStream {
                operation,
                line,
                event_schema: s.event_schema,
                terminator: s.terminator,
            })
        })
        .collect()
}

/// The paths are not empty and the crate name is one Cargo takes.
fn check_settings(source: &Source<'_>, raw: &RawConfig) -> Result<(), Error> {
    for (key, value) in [("spec", &raw.spec), ("out", &raw.out)] {
        if let Some(v) = value.as_ref().filter(|v| v.get_ref().trim().is_empty()) {
            return Err(source.spanned(v, key, "an empty path"));
        }
    }
    if let Some(name) = &raw.crate_name {
        check_crate_name(name.get_ref()).map_err(|m| source.spanned(name, "crate-name", &m))?;
    }
    for (i, overlay) in raw.overlays.iter().enumerate() {
        if overlay.get_ref().trim().is_empty() {
            return Err(source.spanned(overlay, &format!("overlays[{i}]"), "an empty path"));
        }
    }
    if raw.features_by_tag && raw.features_by_path {
        let offset = source.text.find("features-by-path").unwrap_or(0);
        let message = "features by path and by tag cannot both be on: choose one";
        return Err(source.at(offset, "features-by-path", message));
    }
    Ok(())
}

/// `[renames]`: each new name a method name, and no two the same.
fn renames(
    source: &Source<'_>,
    table: &BTreeMap<String, Spanned<String>>,
    lines: &BTreeMap<Spanned<String>, IgnoredAny>,
) -> Result<Vec<Rename>, Error> {
    let mut renames = Vec::new();
    let mut taken: BTreeMap<&str, &str> = BTreeMap::new();
    for (from, to) in table {
        let key = format!("renames.{}", toml_key(from));
        let want = crate::naming::method_name(to.get_ref());
        if want != to.get_ref().as_str() {
            let message = format!(
                "`{}` is not a method name (`{want}` would be)",
                to.get_ref()
            );
            return Err(source.spanned(to, &key, &message));
        }
        if let Some(other) = taken.insert(to.get_ref(), from) {
            let message = format!("`{}` is already the new name of `{other}`", to.get_ref());
            return Err(source.spanned(to, &key, &message));
        }
        renames.push(Rename {
            from: from.clone(),
            to: to.get_ref().clone(),
            line: source.line(lines, from),
        });
    }
    Ok(renames)
}

/// Cargo's rule for a package name, as far as a name we write must keep it.
fn check_crate_name(name: &str) -> Result<(), String> {
    let ok = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if ok {
        Ok(())
    } else {
        Err(format!(
            "`{name}` is not a package name (a letter, then letters, digits, `-` or `_`)"
        ))
    }
}

/// A pagination table as its pattern reads it: the fields the pattern needs
/// must be there, and no field of another pattern may be.
fn pagination_of(p: RawPagination) -> Result<(Pagination, Option<String>), String> {
    let fields: [(&str, &Option<String>, &[PatternName]); 7] = [
        ("page-param", &p.page_param, &[PatternName::Page]),
        ("size-param", &p.size_param, &[PatternName::Page]),
        (
            "total-pages-field",
            &p.total_pages_field,
            &[PatternName::Page],
        ),
        ("cursor-param", &p.cursor_param, &[PatternName::Cursor]),
        ("cursor-field", &p.cursor_field, &[PatternName::Cursor]),
        ("has-more-field", &p.has_more_field, &[PatternName::Cursor]),
        ("next-field", &p.next_field, &[PatternName::NextUrl]),
    ];
    let name = match p.pattern {
        PatternName::Page => "page",
        PatternName::Cursor => "cursor",
        PatternName::NextUrl => "next-url",
        PatternName::LinkHeader => "link-header",
    };
    for (field, value, patterns) in fields {
        if value.is_some() && !patterns.contains(&p.pattern) {
            return Err(format!("`{field}` is not a field of pattern `{name}`"));
        }
        if value.as_deref().is_some_and(|v| v.trim().is_empty()) {
            return Err(format!("`{field}` is empty"));
        }
    }
    let need = |field: &str, value: Option<String>| {
        value.ok_or_else(|| format!("pattern `{name}` needs `{field}`"))
    };
    let pattern = match p.pattern {
        PatternName::Page => Pagination::Page {
            page_param: need("page-param", p.page_param)?,
            size_param: p.size_param,
            total_pages_field: p.total_pages_field,
        },
        PatternName::Cursor => Pagination::Cursor {
            cursor_param: need("cursor-param", p.cursor_param)?,
            cursor_field: need("cursor-field", p.cursor_field)?,
            has_more_field: p.has_more_field,
        },
        PatternName::NextUrl => Pagination::NextUrl {
            next_field: need("next-field", p.next_field)?,
        },
        PatternName::LinkHeader => Pagination::LinkHeader,
    };
    Ok((pattern, p.items_field))
}

fn check_job(j: &RawJob) -> Result<(), String> {
    if j.status_field.trim().is_empty() {
        return Err("`status-field` is empty".into());
    }
    if j.terminal.is_empty() {
        return Err("`terminal` lists no status".into());
    }
    if let Some(s) = j.success.iter().find(|s| !j.terminal.contains(s)) {
        return Err(format!(
            "`success` value `{s}` is not among the `terminal` values"
        ));
    }
    Ok(())
}
