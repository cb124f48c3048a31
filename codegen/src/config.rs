//! The codegen config file (`spec/codegen.toml`): what to generate from, how,
//! and what the document cannot say for itself.
//!
//! ```toml
//! spec = "oxen_hub_api.yaml"          # paths are relative to this file
//! out = "../generated-client"
//! crate-name = "oxen-hub-client"
//! group-by-tag = false
//! strict = false
//! overlays = ["oxen_hub_api.overlay.yaml"]
//!
//! [renames]                           # operationId or method name → method name
//! "OxenApiWeb.Controllers.ModelController.index" = "list_models"
//!
//! [pagination.list_generations]      # page, cursor, next-url or link-header
//! pattern = "page"
//! page-param = "page"
//! size-param = "page_size"
//! total-pages-field = "total_pages"
//! items-field = "generations"
//!
//! [jobs.get_generation]               # the operation that reads a job's status
//! status-field = "status"
//! terminal = ["succeeded", "failed"]
//! success = ["succeeded"]
//!
//! [streams.chat_completions]          # the type of each server-sent event
//! event-schema = "ChatCompletionChunk"
//! terminator = "[DONE]"
//! ```
//!
//! Every key is checked: an unknown key or a bad value is an error naming the
//! file, the line and the key (`spec/codegen.toml:4: strict: invalid type: …`).
//! The file is read into plain data ([`Config`]); the declarations about
//! operations ([`Operations`]) go to the model through [`crate::Options`],
//! where renames name the methods and the rest is checked against the
//! operations the document has ([`check_operations`]).

use crate::diag::Error;
use crate::model::{Location, Model, Operation};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use toml::Spanned;

/// A config file, read and checked.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    /// How messages and headers name the file (`spec/codegen.toml`).
    pub file: String,
    /// The folder it is in, which its paths are relative to.
    pub dir: PathBuf,
    /// The document (`spec`).
    pub spec: Option<String>,
    /// The generated crate's folder (`out`).
    pub out: Option<String>,
    /// The package name for a new crate (`crate-name`).
    pub crate_name: Option<String>,
    /// `group-by-tag`: `client.pets().list_pets()`.
    pub group_by_tag: bool,
    /// `strict`: warnings are errors.
    pub strict: bool,
    /// Overlay files, applied in this order (`overlays`).
    pub overlays: Vec<String>,
    pub operations: Operations,
}

/// What the config declares about operations.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Operations {
    /// The config file, for messages.
    pub file: String,
    pub renames: Vec<Rename>,
    pub pagination: Vec<Paginated>,
    pub jobs: Vec<Job>,
    pub streams: Vec<EventStream>,
}

/// `[renames]`: an operation's method takes a name of the config's choosing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rename {
    /// The operationId, or the method name the generator would give.
    pub from: String,
    /// The method name.
    pub to: String,
    /// The line of the key, for messages.
    pub line: usize,
}

/// `[pagination.OPERATION]`: how an operation's results come in pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paginated {
    /// The operationId or method name, as the key gives it.
    pub operation: String,
    pub line: usize,
    pub pattern: Pagination,
    /// The response field that holds a page's items (`items-field`); the
    /// body itself when it is a list.
    pub items_field: Option<String>,
}

/// The pagination patterns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pagination {
    /// `pattern = "page"`: a page number (and size) in the query.
    Page {
        page_param: String,
        size_param: Option<String>,
        /// The response field with the number of pages.
        total_pages_field: Option<String>,
    },
    /// `pattern = "cursor"`: a cursor from the response goes back in the query.
    Cursor {
        cursor_param: String,
        /// The response field with the next cursor.
        cursor_field: String,
        /// The response field that says whether there is more.
        has_more_field: Option<String>,
    },
    /// `pattern = "next-url"`: the response gives the next page's URL.
    NextUrl { next_field: String },
    /// `pattern = "link-header"`: RFC 8288 `Link: <…>; rel="next"`.
    LinkHeader,
}

/// `[jobs.OPERATION]`: an operation that reads the status of a job.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    pub operation: String,
    pub line: usize,
    /// The response field with the status (`status-field`).
    pub status_field: String,
    /// The statuses after which the job changes no more (`terminal`).
    pub terminal: Vec<String>,
    /// The terminal statuses that mean success (`success`); the others are failures.
    pub success: Vec<String>,
}

/// `[streams.OPERATION]`: the events an operation's `text/event-stream` carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventStream {
    pub operation: String,
    pub line: usize,
    /// The component schema of each event's data (`event-schema`).
    pub event_schema: String,
    /// The data that ends the stream (`terminator`, such as `[DONE]`).
    pub terminator: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    spec: Option<Spanned<String>>,
    out: Option<Spanned<String>>,
    crate_name: Option<Spanned<String>>,
    #[serde(default)]
    group_by_tag: bool,
    #[serde(default)]
    strict: bool,
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
    renames: BTreeMap<Spanned<String>, serde::de::IgnoredAny>,
    #[serde(default)]
    pagination: BTreeMap<Spanned<String>, serde::de::IgnoredAny>,
    #[serde(default)]
    jobs: BTreeMap<Spanned<String>, serde::de::IgnoredAny>,
    #[serde(default)]
    streams: BTreeMap<Spanned<String>, serde::de::IgnoredAny>,
}

/// The 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

impl Config {
    /// Reads and checks a config file; `file` is how messages and headers name it.
    pub fn read(path: &Path, file: &str) -> Result<Config, Error> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::document(format!("cannot read {file}: {e}")))?;
        let mut config = Config::parse(&text, file)?;
        config.dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        Ok(config)
    }

    /// Parses and checks the text of a config file. Its folder is that of `file`.
    pub fn parse(text: &str, file: &str) -> Result<Config, Error> {
        let at = |offset: usize, key: &str, message: &str| {
            let key = if key.is_empty() || key == "." {
                String::new()
            } else {
                format!(" {key}:")
            };
            Error::document(format!(
                "{file}:{}:{key} {}",
                line_of(text, offset),
                message.trim().replace('\n', "; ")
            ))
        };
        let raw: RawConfig = serde_path_to_error::deserialize(toml::Deserializer::new(text))
            .map_err(|e| {
                let offset = e.inner().span().map_or(0, |s| s.start);
                at(offset, &e.path().to_string(), e.inner().message())
            })?;
        let lines: KeyLines = toml::from_str(text).map_err(|e| at(0, "", e.message()))?;
        let line = |table: &BTreeMap<Spanned<String>, serde::de::IgnoredAny>, key: &str| {
            table
                .keys()
                .find(|k| k.get_ref() == key)
                .map_or(1, |k| line_of(text, k.span().start))
        };
        let error_at = |line: usize, key: String, message: String| {
            Error::document(format!("{file}:{line}: {key}: {message}"))
        };
        let spanned_error =
            |v: &Spanned<String>, key: &str, message: String| at(v.span().start, key, &message);

        for (key, value) in [("spec", &raw.spec), ("out", &raw.out)] {
            if let Some(v) = value.as_ref().filter(|v| v.get_ref().trim().is_empty()) {
                return Err(spanned_error(v, key, "an empty path".into()));
            }
        }
        if let Some(name) = &raw.crate_name {
            check_crate_name(name.get_ref()).map_err(|m| spanned_error(name, "crate-name", m))?;
        }
        for (i, overlay) in raw.overlays.iter().enumerate() {
            if overlay.get_ref().trim().is_empty() {
                return Err(spanned_error(
                    overlay,
                    &format!("overlays[{i}]"),
                    "an empty path".into(),
                ));
            }
        }

        let mut renames = Vec::new();
        let mut taken: BTreeMap<&str, &str> = BTreeMap::new();
        for (from, to) in &raw.renames {
            let key = format!("renames.{}", toml_key(from));
            let want = crate::naming::method_name(to.get_ref());
            if &want != to.get_ref() {
                return Err(spanned_error(
                    to,
                    &key,
                    format!(
                        "`{}` is not a method name (`{want}` would be)",
                        to.get_ref()
                    ),
                ));
            }
            if let Some(other) = taken.insert(to.get_ref(), from) {
                return Err(spanned_error(
                    to,
                    &key,
                    format!("`{}` is already the new name of `{other}`", to.get_ref()),
                ));
            }
            renames.push(Rename {
                from: from.clone(),
                to: to.get_ref().clone(),
                line: line(&lines.renames, from),
            });
        }

        let pagination = raw
            .pagination
            .into_iter()
            .map(|(operation, p)| {
                let line = line(&lines.pagination, &operation);
                let key = format!("pagination.{}", toml_key(&operation));
                pagination_of(p)
                    .map(|(pattern, items_field)| Paginated {
                        operation: operation.clone(),
                        line,
                        pattern,
                        items_field,
                    })
                    .map_err(|m| error_at(line, key, m))
            })
            .collect::<Result<Vec<_>, _>>()?;

        let jobs = raw
            .jobs
            .into_iter()
            .map(|(operation, j)| {
                let line = line(&lines.jobs, &operation);
                let key = format!("jobs.{}", toml_key(&operation));
                check_job(&j).map_err(|m| error_at(line, key, m))?;
                Ok(Job {
                    operation,
                    line,
                    status_field: j.status_field,
                    terminal: j.terminal,
                    success: j.success,
                })
            })
            .collect::<Result<Vec<_>, Error>>()?;

        let streams = raw
            .streams
            .into_iter()
            .map(|(operation, s)| {
                let line = line(&lines.streams, &operation);
                if s.event_schema.trim().is_empty() {
                    let key = format!("streams.{}.event-schema", toml_key(&operation));
                    return Err(error_at(line, key, "an empty schema name".into()));
                }
                Ok(EventStream {
                    operation,
                    line,
                    event_schema: s.event_schema,
                    terminator: s.terminator,
                })
            })
            .collect::<Result<Vec<_>, Error>>()?;

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
            strict: raw.strict,
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

    /// A path the config gives, as a file to open (relative to the config's folder).
    pub fn path(&self, relative: &str) -> PathBuf {
        normalize(&self.dir.join(relative))
    }

    /// A path the config gives, as messages and headers name it: relative to
    /// where the config's own name is (`spec/codegen.toml` + `fix.yaml` →
    /// `spec/fix.yaml`).
    pub fn name_of(&self, relative: &str) -> String {
        let base = Path::new(&self.file).parent().unwrap_or(Path::new(""));
        normalize(&base.join(relative))
            .to_string_lossy()
            .replace('\\', "/")
    }

    /// `base` with what the config adds: the crate name where `base` has
    /// none, grouping where `base` asks for none, the config's name for the
    /// header, its overlays (read and parsed) and its declarations.
    pub fn options(&self, base: crate::Options) -> Result<crate::Options, Error> {
        Ok(crate::Options {
            crate_name: base.crate_name.or_else(|| self.crate_name.clone()),
            group_by_tag: base.group_by_tag || self.group_by_tag,
            config_name: Some(self.file.clone()),
            overlays: self.read_overlays()?,
            operations: self.operations.clone(),
            ..base
        })
    }

    /// Reads and parses the overlays the config lists, in order.
    pub fn read_overlays(&self) -> Result<Vec<crate::overlay::Overlay>, Error> {
        self.overlays
            .iter()
            .map(|o| crate::overlay::Overlay::read(&self.path(o), &self.name_of(o)))
            .collect()
    }
}

/// `a/b/../c` → `a/c`, without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::ParentDir
                if matches!(out.components().next_back(), Some(Component::Normal(_))) =>
            {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// A key as TOML writes it in a dotted key: bare when it can be.
fn toml_key(key: &str) -> String {
    if !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        key.to_string()
    } else {
        format!("{key:?}")
    }
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

/// The operation a key of the config names: by its operationId, else by its
/// method name.
pub fn find_operation<'m>(model: &'m Model, key: &str) -> Option<&'m Operation> {
    model
        .operations
        .iter()
        .find(|o| o.operation_id.as_deref() == Some(key))
        .or_else(|| model.operations.iter().find(|o| o.method_name == key))
}

/// The method names of the operations, with the config's renames applied.
/// Each rename names an operation by its operationId or by the name it would
/// have had; an unknown operation, or a new name another method has, is an
/// error naming the key. `ids` are the operations' operationIds, in the order
/// of `names`.
pub fn rename_operations<'a>(
    ids: impl IntoIterator<Item = Option<&'a str>>,
    mut names: Vec<String>,
    reserved: &[&str],
    operations: &Operations,
) -> Result<Vec<String>, Error> {
    let ids: Vec<Option<&str>> = ids.into_iter().collect();
    let original = names.clone();
    let fail = |r: &Rename, message: String| {
        Error::document(format!(
            "{}:{}: renames.{}: {message}",
            operations.file,
            r.line,
            toml_key(&r.from)
        ))
    };
    for rename in &operations.renames {
        let index = ids
            .iter()
            .position(|id| *id == Some(rename.from.as_str()))
            .or_else(|| original.iter().position(|n| *n == rename.from))
            .ok_or_else(|| {
                fail(
                    rename,
                    format!(
                        "no operation has the operationId or method name `{}`",
                        rename.from
                    ),
                )
            })?;
        names[index] = rename.to.clone();
    }
    for rename in &operations.renames {
        let clashes = names.iter().filter(|n| **n == rename.to).count() > 1
            || reserved.contains(&rename.to.as_str());
        if clashes {
            return Err(fail(
                rename,
                format!(
                    "`{}` is the name of another method of the client",
                    rename.to
                ),
            ));
        }
    }
    Ok(names)
}

/// Checks the pagination, job and stream declarations against the document:
/// each names an operation it has, each parameter is one of the operation's
/// query parameters, and each event schema is one of its component schemas.
/// (What these declarations make is not generated yet.)
pub fn check_operations(
    operations: &Operations,
    model: &Model,
    schemas: &[&str],
) -> Result<(), Error> {
    let fail = |line: usize, key: String, message: String| {
        Error::document(format!("{}:{line}: {key}: {message}", operations.file))
    };
    let find = |table: &str, key: &str, line: usize| {
        find_operation(model, key).ok_or_else(|| {
            fail(
                line,
                format!("{table}.{}", toml_key(key)),
                format!("no operation has the operationId or method name `{key}`"),
            )
        })
    };
    for p in &operations.pagination {
        let op = find("pagination", &p.operation, p.line)?;
        let params: Vec<(&str, &String)> = match &p.pattern {
            Pagination::Page {
                page_param,
                size_param,
                ..
            } => std::iter::once(("page-param", page_param))
                .chain(size_param.iter().map(|s| ("size-param", s)))
                .collect(),
            Pagination::Cursor { cursor_param, .. } => vec![("cursor-param", cursor_param)],
            Pagination::NextUrl { .. } | Pagination::LinkHeader => Vec::new(),
        };
        for (field, name) in params {
            let known = op
                .params
                .iter()
                .any(|q| q.location == Location::Query && q.wire_name == *name);
            if !known {
                return Err(fail(
                    p.line,
                    format!("pagination.{}.{field}", toml_key(&p.operation)),
                    format!(
                        "operation `{}` has no query parameter `{name}`",
                        op.method_name
                    ),
                ));
            }
        }
    }
    for j in &operations.jobs {
        find("jobs", &j.operation, j.line)?;
    }
    for s in &operations.streams {
        find("streams", &s.operation, s.line)?;
        if !schemas.contains(&s.event_schema.as_str()) {
            return Err(fail(
                s.line,
                format!("streams.{}.event-schema", toml_key(&s.operation)),
                format!("the document has no component schema `{}`", s.event_schema),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
