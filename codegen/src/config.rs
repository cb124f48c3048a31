//! The codegen config file (`spec/codegen.toml`): what to generate from, how,
//! and what the document cannot say for itself.
//!
//! ```toml
//! spec = "oxen_hub_api.yaml"          # paths are relative to this file
//! out = "../generated-client"
//! crate-name = "oxen-hub-client"
//! group-by-tag = false
//! features-by-tag = false              # a cargo feature per tag
//! features-by-path = false             # or per path resource (`/v1/customers`)
//! strict = false
//! bump-version = false                # bump the crate's version by the API review's step
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
use std::path::{Component, Path, PathBuf};

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
    /// `features-by-tag`: each tag's operations behind a cargo feature.
    pub features_by_tag: bool,
    /// `features-by-path`: each path resource's operations behind a cargo feature.
    pub features_by_path: bool,
    /// `strict`: warnings are errors.
    pub strict: bool,
    /// `bump-version`: a regeneration bumps the crate's version by the step
    /// its API review implies, and adds the review to its `CHANGELOG.md`.
    pub bump_version: bool,
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
        parse::parse(text, file)
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
            features_by_tag: base.features_by_tag || self.features_by_tag,
            features_by_path: base.features_by_path || self.features_by_path,
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

mod check;
mod parse;

pub use check::{check_operations, find_operation, operation_index, rename_operations};

#[cfg(test)]
mod tests;
