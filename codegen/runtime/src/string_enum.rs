//! The traits of a string enum, written once.

/// Implements `Display`, `FromStr`, `Serialize` and `Deserialize` for a
/// string enum through its `as_str` and `From<&str>`, which keep a value the
/// enum does not list in its `Other(String)` variant.
macro_rules! string_enum {
    ($name:ident) => {
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::convert::Infallible;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Ok(Self::from(s))
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let s =
                    <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(deserializer)?;
                Ok(Self::from(s.as_ref()))
            }
        }
    };
}

pub(crate) use string_enum;

#[cfg(test)]
mod tests {
    /// An enum as `types.rs` writes one.
    #[derive(Debug, PartialEq)]
    enum Status {
        Active,
        Other(String),
    }

    impl Status {
        fn as_str(&self) -> &str {
            match self {
                Status::Active => "active",
                Status::Other(value) => value,
            }
        }
    }

    impl From<&str> for Status {
        fn from(value: &str) -> Self {
            match value {
                "active" => Status::Active,
                other => Status::Other(other.to_string()),
            }
        }
    }

    string_enum!(Status);

    #[test]
    fn known_and_unknown_values_round_trip() {
        assert_eq!(Status::Active.to_string(), "active");
        assert_eq!("active".parse::<Status>(), Ok(Status::Active));
        let other: Status = serde_json::from_str(r#""paused""#).unwrap();
        assert_eq!(other, Status::Other("paused".into()));
        assert_eq!(serde_json::to_string(&other).unwrap(), r#""paused""#);
        assert_eq!(
            serde_json::to_string(&Status::Active).unwrap(),
            r#""active""#
        );
    }
}
