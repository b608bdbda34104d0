//! What every generated enum of wire values has in common, written once.
//!
//! A generated enum declares its variants (one per value the document lists, with the value
//! as its doc, and `Unknown` for the rest) and then names the mapping once:
//! `string_enum!(Name, Variant = "value", ...)` or `integer_enum!(Name, Variant = 1, ...)`.
//! The mapping's two directions (`as_str` or `value`, and `From<&str>` or `From<i64>`) and
//! the traits that only go through them (`Display`, `Serialize`, `Deserialize`) are the same
//! for every enum, and are expanded here from [`string_enum!`](crate::string_enum) and
//! [`integer_enum!`](crate::integer_enum).

/// Implements, for the string enum `$name` whose values are the `$variant = $value` pairs:
///
/// - `as_str(&self) -> &str`: the value as written on the wire (`Unknown`'s own text for
///   an undocumented one);
/// - `From<&str>`: the variant of a value, `Unknown` for any other string;
/// - `Display`, `Serialize` and `Deserialize` through those two: written and read as the
///   JSON string of the value, every string accepted.
///
/// The enum must have an `Unknown(String)` variant beside the listed ones.
#[doc(hidden)]
#[macro_export]
macro_rules! string_enum {
    ($name:ident $(, $variant:ident = $value:literal)* $(,)?) => {
        impl $name {
            /// The value as written on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $value,)*
                    Self::Unknown(value) => value,
                }
            }
        }

        impl ::std::convert::From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    $($value => Self::$variant,)*
                    other => Self::Unknown(::std::borrow::ToOwned::to_owned(other)),
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl $crate::serde::Serialize for $name {
            fn serialize<S: $crate::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                let value = <::std::borrow::Cow<'de, str> as $crate::serde::Deserialize>::deserialize(deserializer)?;
                Ok(<Self as ::std::convert::From<&str>>::from(value.as_ref()))
            }
        }
    };
}

/// Implements, for the integer enum `$name` whose values are the `$variant = $value` pairs:
///
/// - `value(self) -> i64`: the value as written on the wire;
/// - `From<i64>`: the variant of a value, `Unknown` for any other `i64`;
/// - `Display`, `Serialize` and `Deserialize` through those two: written and read as a JSON
///   integer, every `i64` accepted.
///
/// The enum must be `Copy` and have an `Unknown(i64)` variant beside the listed ones.
#[doc(hidden)]
#[macro_export]
macro_rules! integer_enum {
    ($name:ident $(, $variant:ident = $value:literal)* $(,)?) => {
        impl $name {
            /// The value as written on the wire.
            pub fn value(self) -> i64 {
                match self {
                    $(Self::$variant => $value,)*
                    Self::Unknown(value) => value,
                }
            }
        }

        impl ::std::convert::From<i64> for $name {
            fn from(value: i64) -> Self {
                match value {
                    $($value => Self::$variant,)*
                    other => Self::Unknown(other),
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::write!(f, "{}", self.value())
            }
        }

        impl $crate::serde::Serialize for $name {
            fn serialize<S: $crate::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_i64(self.value())
            }
        }

        impl<'de> $crate::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                <i64 as $crate::serde::Deserialize>::deserialize(deserializer).map(<Self as ::std::convert::From<i64>>::from)
            }
        }
    };
}

#[cfg(test)]
mod tests {
    #[derive(Debug, Clone, PartialEq)]
    enum Grant {
        ClientCredentials,
        Empty,
        Unknown(String),
    }
    crate::string_enum!(Grant, ClientCredentials = "client_credentials", Empty = "");

    #[derive(Debug, Clone, Copy, PartialEq)]
    enum Level {
        Minus1,
        Two,
        Unknown(i64),
    }
    crate::integer_enum!(Level, Minus1 = -1, Two = 2,);

    #[test]
    fn string_enums_map_both_ways_and_keep_unknown_values() {
        assert_eq!(Grant::from("client_credentials"), Grant::ClientCredentials);
        assert_eq!(Grant::from(""), Grant::Empty);
        assert_eq!(Grant::from("password"), Grant::Unknown("password".into()));
        assert_eq!(Grant::ClientCredentials.as_str(), "client_credentials");
        assert_eq!(Grant::Unknown("x y".into()).to_string(), "x y");
        assert_eq!(serde_json::to_string(&Grant::Empty).unwrap(), r#""""#);
        let read: Vec<Grant> = serde_json::from_str(r#"["client_credentials","pass\"word"]"#).unwrap();
        assert_eq!(read, [Grant::ClientCredentials, Grant::Unknown("pass\"word".into())]);
        assert!(serde_json::from_str::<Grant>("1").is_err(), "a number is not a string enum's value");
    }

    #[test]
    fn integer_enums_map_both_ways_and_keep_unknown_values() {
        assert_eq!(Level::from(-1), Level::Minus1);
        assert_eq!(Level::from(7), Level::Unknown(7));
        assert_eq!(Level::Two.value(), 2);
        assert_eq!(Level::Minus1.to_string(), "-1");
        assert_eq!(serde_json::to_string(&[Level::Minus1, Level::Unknown(9)]).unwrap(), "[-1,9]");
        let read: Vec<Level> = serde_json::from_str("[2, -5]").unwrap();
        assert_eq!(read, [Level::Two, Level::Unknown(-5)]);
        assert!(serde_json::from_str::<Level>(r#""2""#).is_err(), "a string is not an integer enum's value");
    }
}
