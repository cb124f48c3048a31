//! The traits of an integer enum, written once.

/// Implements `Display`, `Serialize` and `Deserialize` for an integer enum
/// through its `value` and `From<i64>`, which keep a value the enum does not
/// list in its `Other(i64)` variant.
macro_rules! integer_enum {
    ($name:ident) => {
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}", self.value())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_i64(self.value())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let n = <i64 as serde::Deserialize>::deserialize(deserializer)?;
                Ok(Self::from(n))
            }
        }
    };
}

pub(crate) use integer_enum;

#[cfg(test)]
mod tests {
    /// An enum as `types.rs` writes one.
    #[derive(Debug, PartialEq)]
    enum Level {
        V1,
        Other(i64),
    }

    impl Level {
        fn value(&self) -> i64 {
            match self {
                Level::V1 => 1,
                Level::Other(value) => *value,
            }
        }
    }

    impl From<i64> for Level {
        fn from(value: i64) -> Self {
            match value {
                1 => Level::V1,
                other => Level::Other(other),
            }
        }
    }

    integer_enum!(Level);

    #[test]
    fn known_and_unknown_values_round_trip() {
        assert_eq!(Level::V1.to_string(), "1");
        assert_eq!(serde_json::from_str::<Level>("1").unwrap(), Level::V1);
        let other: Level = serde_json::from_str("7").unwrap();
        assert_eq!(other, Level::Other(7));
        assert_eq!(serde_json::to_string(&other).unwrap(), "7");
    }
}
