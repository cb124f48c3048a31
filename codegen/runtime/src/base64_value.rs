// [template]
// part = "base64"
// reexport = "pub"
// crates.base64 = "0.22"

//! Bytes that are base64 text on the wire (`format: byte`).

/// Bytes sent as base64 text (`format: byte`). Decoding accepts
/// the standard alphabet with or without padding.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Base64(pub Vec<u8>);

const BASE64: base64::engine::GeneralPurpose = base64::engine::GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    base64::engine::GeneralPurposeConfig::new()
        .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent),
);

impl From<Vec<u8>> for Base64 {
    fn from(bytes: Vec<u8>) -> Self {
        Base64(bytes)
    }
}

impl std::ops::Deref for Base64 {
    type Target = Vec<u8>;

    fn deref(&self) -> &Vec<u8> {
        &self.0
    }
}

impl serde::Serialize for Base64 {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use base64::Engine as _;
        serializer.serialize_str(&BASE64.encode(&self.0))
    }
}

impl<'de> serde::Deserialize<'de> for Base64 {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use base64::Engine as _;
        let text = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(deserializer)?;
        BASE64
            .decode(text.as_bytes())
            .map(Base64)
            .map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_are_base64_text_with_or_without_padding() {
        let bytes = Base64::from(b"hi".to_vec());
        assert_eq!(serde_json::to_string(&bytes).unwrap(), r#""aGk=""#);
        for text in [r#""aGk=""#, r#""aGk""#] {
            assert_eq!(*serde_json::from_str::<Base64>(text).unwrap(), b"hi");
        }
        assert!(serde_json::from_str::<Base64>(r#""*""#).is_err());
    }
}
