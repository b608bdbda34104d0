//! What every generated enum of wire values has in common, written once.
//!
//! A generated string enum carries its own mapping (`as_str` and `From<&str>`, a variant per
//! documented value and `Unknown` for the rest); its `Display`, `Serialize` and
//! `Deserialize` only go through that mapping, the same for every enum, and are expanded
//! from [`string_enum!`](crate::string_enum). Integer enums likewise, through `value` and
//! `From<i64>`, with [`integer_enum!`](crate::integer_enum).

/// Implements `Display`, `Serialize` and `Deserialize` for the string enum `$name` through
/// its `as_str(&self) -> &str` and `From<&str>`: written and read as the JSON string of the
/// value, every string accepted (an undocumented one becomes `Unknown`).
#[doc(hidden)]
#[macro_export]
macro_rules! string_enum {
    ($name:ident) => {
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
                Ok(Self::from(value.as_ref()))
            }
        }
    };
}

/// Implements `Display`, `Serialize` and `Deserialize` for the integer enum `$name` through
/// its `value(self) -> i64` and `From<i64>`: written and read as a JSON integer, every `i64`
/// accepted (an undocumented one becomes `Unknown`).
#[doc(hidden)]
#[macro_export]
macro_rules! integer_enum {
    ($name:ident) => {
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
                <i64 as $crate::serde::Deserialize>::deserialize(deserializer).map(Self::from)
            }
        }
    };
}
