// [template]
// part = "integer_enum"
// reexport = "crate"

//! An integer enum's methods and traits, written once.

/// Implements `value`, `From<i64>`, `Display`, `Serialize` and `Deserialize`
/// for an integer enum from its table of variants and values:
/// `integer_enum!(Level { V1(1), Minus1(-1), ..Other })`. A value the table
/// does not list is kept in the catch-all variant after `..`, which holds an
/// `i64`.
macro_rules! integer_enum {
    ($name:ident { $($variant:ident($value:literal),)* ..$other:ident }) => {
        impl $name {
            /// The value as it is sent.
            pub fn value(&self) -> i64 {
                match self {
                    $(Self::$variant => $value,)*
                    Self::$other(value) => *value,
                }
            }
        }

        impl From<i64> for $name {
            fn from(value: i64) -> Self {
                match value {
                    $($value => Self::$variant,)*
                    other => Self::$other(other),
                }
            }
        }

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
        Minus1,
        Other(i64),
    }

    integer_enum!(Level {
        V1(1),
        Minus1(-1),
        ..Other
    });

    #[test]
    fn known_and_unknown_values_round_trip() {
        assert_eq!(Level::V1.value(), 1);
        assert_eq!(Level::Minus1.value(), -1);
        assert_eq!(Level::from(-1), Level::Minus1);
        assert_eq!(Level::V1.to_string(), "1");
        assert_eq!(serde_json::from_str::<Level>("1").unwrap(), Level::V1);
        assert_eq!(serde_json::from_str::<Level>("-1").unwrap(), Level::Minus1);
        let other: Level = serde_json::from_str("7").unwrap();
        assert_eq!(other, Level::Other(7));
        assert_eq!(other.value(), 7);
        assert_eq!(serde_json::to_string(&other).unwrap(), "7");
    }

    /// A value named `Other` moves the catch-all to `Other2`; the extremes of
    /// `i64` are values like any other.
    #[derive(Debug, PartialEq)]
    enum Bounds {
        Other,
        Min,
        Max,
        Other2(i64),
    }

    integer_enum!(Bounds {
        Other(0),
        Min(-9223372036854775808),
        Max(9223372036854775807),
        ..Other2
    });

    #[test]
    fn the_catch_all_is_the_variant_after_the_dots() {
        assert_eq!(Bounds::from(0), Bounds::Other);
        assert_eq!(Bounds::from(i64::MIN), Bounds::Min);
        assert_eq!(Bounds::Max.value(), i64::MAX);
        assert_eq!(Bounds::from(5), Bounds::Other2(5));
        assert_eq!(Bounds::Other2(5).to_string(), "5");
    }
}
