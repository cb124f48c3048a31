//! The files of a document split over several: each read once, from disk,
//! relative to the file whose `$ref` names it.

use super::parse::parse_text;
use crate::diag::Pointer;
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

/// Reads a file's text; the disk, or a table in tests.
pub(super) type Reader<'r> = &'r dyn Fn(&Path) -> std::io::Result<String>;

/// The index of a file in [`Files`]; the document itself is 0.
pub(super) type FileId = usize;

pub(super) struct File {
    /// Where it was read from; `None` for a document given as text.
    pub path: Option<PathBuf>,
    /// Its path relative to the document's folder (`schemas/pet.yaml`), as
    /// diagnostics name it; empty for the document itself.
    pub name: String,
    pub value: serde_json::Value,
}

pub(super) struct Files<'r> {
    pub list: Vec<File>,
    by_path: HashMap<PathBuf, FileId>,
    read: Option<Reader<'r>>,
}

impl<'r> Files<'r> {
    /// The document, read from `path` (or from text, with no path and no reader).
    pub fn new(root: serde_json::Value, path: Option<PathBuf>, read: Option<Reader<'r>>) -> Self {
        let path = path.map(|p| normalize(&absolute(&p)));
        let mut by_path = HashMap::new();
        if let Some(p) = &path {
            by_path.insert(p.clone(), 0);
        }
        Files {
            list: vec![File {
                path,
                name: String::new(),
                value: root,
            }],
            by_path,
            read,
        }
    }

    /// A location in one of the files, as diagnostics name it:
    /// `#/paths/~1pets` in the document, `schemas/pet.yaml#/Pet` in another file.
    pub fn locate(&self, file: FileId, at: &Pointer) -> Pointer {
        match self.list[file].name.as_str() {
            "" => at.clone(),
            name => at.in_file(name),
        }
    }

    /// The file `relative` names from inside `from`, read and parsed on first
    /// use; an error completes the sentence "`$ref: …` …".
    pub fn open(&mut self, from: FileId, relative: &str) -> Result<FileId, String> {
        let (Some(read), Some(base)) = (self.read, &self.list[from].path) else {
            return Err(
                "is in another file, but this document was given as text, with no folder to read \
                 it from: generate from the document's path (`codegen::generate_file`)"
                    .to_string(),
            );
        };
        let dir = base.parent().unwrap_or(Path::new(""));
        let path = normalize(&dir.join(relative));
        if let Some(&id) = self.by_path.get(&path) {
            return Ok(id);
        }
        let root_dir = self.list[0]
            .path
            .as_deref()
            .and_then(Path::parent)
            .unwrap_or(Path::new(""));
        let name = relative_path(&path, root_dir);
        let text = read(&path).map_err(|e| format!("names {name}, which cannot be read: {e}"))?;
        let value = parse_text(&text).map_err(|e| {
            let what = e
                .message
                .strip_prefix("the document ")
                .unwrap_or(&e.message);
            format!("names {name}, which {what}")
        })?;
        let id = self.list.len();
        self.list.push(File {
            path: Some(path.clone()),
            name,
            value,
        });
        self.by_path.insert(path, id);
        Ok(id)
    }

    /// Every file read, the document first.
    pub fn paths(&self) -> Vec<PathBuf> {
        self.list.iter().filter_map(|f| f.path.clone()).collect()
    }
}

fn absolute(path: &Path) -> PathBuf {
    if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|d| d.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    }
}

/// `a/./b/../c` as `a/c`, without asking the file system.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// `path` relative to the folder `dir` (both normalized), with `/` between
/// parts: `schemas/pet.yaml`, `../common.json`.
pub fn relative_path(path: &Path, dir: &Path) -> String {
    let p: Vec<Component> = path.components().collect();
    let d: Vec<Component> = dir.components().collect();
    let common = p.iter().zip(&d).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_string(); d.len() - common];
    parts.extend(
        p[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_normalized_and_named_relative_to_the_document() {
        assert_eq!(
            normalize(Path::new("/a/./b/../c/d.yaml")),
            PathBuf::from("/a/c/d.yaml")
        );
        assert_eq!(
            relative_path(Path::new("/spec/schemas/pet.yaml"), Path::new("/spec")),
            "schemas/pet.yaml"
        );
        assert_eq!(
            relative_path(Path::new("/common.json"), Path::new("/spec/v1")),
            "../../common.json"
        );
    }

    #[test]
    fn each_file_is_read_once_and_named_from_the_document() {
        let reads = std::cell::RefCell::new(Vec::new());
        let read = |p: &Path| {
            reads.borrow_mut().push(p.to_path_buf());
            match p.to_str() {
                Some("/spec/schemas/pet.yaml") => Ok("Pet: {type: object}".to_string()),
                Some("/common.json") => Ok("{\"A\": 1}".to_string()),
                Some("/spec/bad.yaml") => Ok("a: [".to_string()),
                _ => Err(std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    "no such file",
                )),
            }
        };
        let mut files = Files::new(
            serde_json::json!({}),
            Some(PathBuf::from("/spec/openapi.yaml")),
            Some(&read),
        );
        let pet = files.open(0, "./schemas/pet.yaml").unwrap();
        assert_eq!(files.list[pet].name, "schemas/pet.yaml");
        assert_eq!(files.open(pet, "pet.yaml").unwrap(), pet);
        assert_eq!(files.open(0, "schemas/../schemas/pet.yaml").unwrap(), pet);
        let common = files.open(pet, "../../common.json").unwrap();
        assert_eq!(files.list[common].name, "../common.json");
        assert_eq!(reads.borrow().len(), 2);
        let missing = files.open(0, "missing.yaml").unwrap_err();
        assert!(
            missing.starts_with("names missing.yaml, which cannot be read: "),
            "{missing}"
        );
        let bad = files.open(0, "bad.yaml").unwrap_err();
        assert!(
            bad.starts_with("names bad.yaml, which is not valid YAML"),
            "{bad}"
        );
        assert_eq!(
            files.locate(pet, &Pointer::root().push("Pet")).as_str(),
            "schemas/pet.yaml#/Pet"
        );
        assert_eq!(files.paths().len(), 3);
    }

    #[test]
    fn a_document_from_text_reads_no_files() {
        let mut files = Files::new(serde_json::json!({}), None, None);
        let e = files.open(0, "pet.yaml").unwrap_err();
        assert!(e.contains("given as text, with no folder"), "{e}");
    }
}
