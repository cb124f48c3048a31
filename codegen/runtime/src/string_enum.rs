// [template]
// part = "string_enum"
// reexport = "crate"

//! A string enum's methods and traits, written once.

/// Implements `as_str`, `From<&str>`, `Display`, `FromStr`, `Serialize` and
/// `Deserialize` for a string enum from its table of variants and values:
/// `string_enum!(Order { Asc("asc"), Desc("desc"), ..Other })`. A value the
/// table does not list is kept in the catch-all variant after `..`, which
/// holds a `String`.
macro_rules! string_enum {
    ($name:ident { $($variant:ident($value:literal),)* ..$other:ident }) => {
        impl $name {
            /// The value as it is sent.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $value,)*
                    Self::$other(value) => value,
                }
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    $($value => Self::$variant,)*
                    other => Self::$other(other.to_string()),
                }
            }
        }

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
        InProgress,
        Empty,
        Other(String),
    }

    string_enum!(Status {
        Active("active"),
        InProgress("in-progress"),
        Empty(""),
        ..Other
    });

    #[test]
    fn known_and_unknown_values_round_trip() {
        assert_eq!(Status::Active.as_str(), "active");
        assert_eq!(Status::Active.to_string(), "active");
        assert_eq!("active".parse::<Status>(), Ok(Status::Active));
        assert_eq!(Status::from("in-progress"), Status::InProgress);
        assert_eq!(Status::InProgress.as_str(), "in-progress");
        assert_eq!(Status::from(""), Status::Empty);
        let other: Status = serde_json::from_str(r#""paused""#).unwrap();
        assert_eq!(other, Status::Other("paused".into()));
        assert_eq!(other.as_str(), "paused");
        assert_eq!(serde_json::to_string(&other).unwrap(), r#""paused""#);
        assert_eq!(
            serde_json::to_string(&Status::Active).unwrap(),
            r#""active""#
        );
    }

    /// A value named `Other` moves the catch-all to `Other2`, and a variant
    /// may be a raw identifier.
    #[derive(Debug, PartialEq)]
    enum Named {
        Other,
        r#Type,
        Other2(String),
    }

    string_enum!(Named {
        Other("Other"),
        r#Type("type"),
        ..Other2
    });

    #[test]
    fn the_catch_all_is_the_variant_after_the_dots() {
        assert_eq!(Named::from("Other"), Named::Other);
        assert_eq!(Named::Other.as_str(), "Other");
        assert_eq!(Named::from("type"), Named::r#Type);
        assert_eq!(Named::r#Type.to_string(), "type");
        assert_eq!(Named::from("other"), Named::Other2("other".into()));
        assert_eq!(
            serde_json::from_str::<Named>(r#""Other""#).unwrap(),
            Named::Other
        );
    }

    /// An enum of no listed value (the model makes none, but the macro takes it).
    #[derive(Debug, PartialEq)]
    enum Open {
        Other(String),
    }

    string_enum!(Open { ..Other });

    #[test]
    fn an_enum_of_only_the_catch_all() {
        assert_eq!(Open::from("x"), Open::Other("x".into()));
        assert_eq!(Open::Other("x".into()).as_str(), "x");
    }
}
