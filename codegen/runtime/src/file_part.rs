// [template]
// part = "file_part"
// reexport = "pub"
// root = ["FilePart"]
// crates.reqwest = { features = ["multipart"] }

//! Files in `multipart/form-data` bodies.

/// A file sent as one part of a `multipart/form-data` body, with its file name and
/// content type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilePart {
    bytes: Vec<u8>,
    file_name: Option<String>,
    content_type: Option<String>,
}

impl FilePart {
    /// A part holding these bytes.
    pub fn new(bytes: impl Into<Vec<u8>>) -> Self {
        FilePart {
            bytes: bytes.into(),
            file_name: None,
            content_type: None,
        }
    }

    /// The file name the part is sent with.
    pub fn file_name(mut self, file_name: impl Into<String>) -> Self {
        self.file_name = Some(file_name.into());
        self
    }

    /// The part's content type (`image/png`); without one, the document's, if it names one.
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }

    /// The part as reqwest sends it, with `default_type` where the caller set no content type.
    pub(crate) fn into_part(
        self,
        default_type: Option<&str>,
    ) -> Result<reqwest::multipart::Part, String> {
        let mut part = reqwest::multipart::Part::bytes(self.bytes);
        if let Some(file_name) = self.file_name {
            part = part.file_name(file_name);
        }
        match self.content_type.as_deref().or(default_type) {
            Some(content_type) => part
                .mime_str(content_type)
                .map_err(|e| format!("{content_type:?} is not a content type: {e}")),
            None => Ok(part),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_part_takes_the_callers_content_type_else_the_documents() {
        let file = FilePart::new(b"png".to_vec()).file_name("a.png");
        assert_eq!(file.file_name.as_deref(), Some("a.png"));
        assert!(file.clone().into_part(Some("image/png")).is_ok());
        assert!(file.clone().into_part(None).is_ok());
        let typed = file.content_type("image/webp");
        assert_eq!(typed.content_type.as_deref(), Some("image/webp"));
        assert!(typed.into_part(Some("not a type")).is_ok());
    }

    #[test]
    fn a_content_type_that_is_none_is_an_error() {
        let e = FilePart::new(Vec::new())
            .into_part(Some("not a type"))
            .unwrap_err();
        assert!(e.starts_with("\"not a type\" is not a content type"), "{e}");
    }
}
