//! Media types: which ones are JSON, form, multipart, text or bytes (the
//! order a client prefers them in).

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum MediaKind {
    Json,
    Form,
    Multipart,
    Text,
    Bytes,
}

pub fn media_kind(media_type: &str) -> MediaKind {
    let essence = media_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if essence == "application/json"
        || essence.ends_with("+json")
        || essence == "text/json"
        || essence == "*/*"
        || essence == "application/*"
    {
        MediaKind::Json
    } else if essence == "application/x-www-form-urlencoded" {
        MediaKind::Form
    } else if essence.starts_with("multipart/") {
        MediaKind::Multipart
    } else if essence.starts_with("text/") {
        MediaKind::Text
    } else {
        MediaKind::Bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_preference() {
        assert_eq!(
            media_kind("application/json; charset=utf-8"),
            MediaKind::Json
        );
        assert_eq!(media_kind("application/vnd.api+json"), MediaKind::Json);
        assert_eq!(media_kind("multipart/form-data"), MediaKind::Multipart);
        assert_eq!(media_kind("application/octet-stream"), MediaKind::Bytes);
        assert_eq!(media_kind("text/plain"), MediaKind::Text);
    }
}
