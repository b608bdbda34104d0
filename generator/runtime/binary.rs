//! `format: binary` values inside JSON: a JSON string, not a list of numbers.
//!
//! OpenAPI 3.0.3 §4.4 (Data Types) makes `binary` a format of `type: string`, "any sequence of
//! octets". Inside a JSON document such a value can only be a JSON string (RFC 8259 §7), whose
//! text is UTF-8 (§8.1): its octets are the string's UTF-8 bytes. Serde's own form of a
//! `Vec<u8>` is a list of numbers (`[104, 105]`), which no server reads as a string, so a
//! generated field that holds bytes (`Vec<u8>`, also in an `Option`, a list or a map) is read
//! and written through this module: `#[serde(with = "binary")]`, or `binary::nullable` for an
//! optional nullable field. Multipart file parts and whole bodies of bytes do not pass through
//! here: they are sent as they are.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Writes the value with its bytes as JSON strings.
///
/// # Errors
///
/// When bytes are not UTF-8, which no JSON string can hold.
pub fn serialize<T: Binary, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
    value.serialize_text(serializer)
}

/// Reads the value with its bytes from JSON strings.
///
/// # Errors
///
/// When the value is not of the shape (a number where a string is due, say).
pub fn deserialize<'de, T: Binary, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    T::deserialize_text(deserializer)
}

/// The same for optional nullable fields (`Option<Option<_>>`): a present `null` is
/// `Some(None)`, as in the `nullable` adapter.
pub mod nullable {
    use super::{Binary, FromText};
    use serde::{Deserialize, Deserializer, Serializer};

    /// Writes `null` for `Some(None)` and the value for `Some(Some(v))` (`None` is skipped by
    /// `skip_serializing_if` before this is called).
    ///
    /// # Errors
    ///
    /// When bytes are not UTF-8, which no JSON string can hold.
    pub fn serialize<T: Binary, S: Serializer>(value: &Option<Option<T>>, serializer: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(Some(value)) => value.serialize_text(serializer),
            _ => serializer.serialize_none(),
        }
    }

    /// Reads a present key: `null` is `Some(None)`, a value `Some(Some(v))`.
    ///
    /// # Errors
    ///
    /// When the value is not of the shape.
    pub fn deserialize<'de, T: Binary, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Option<T>>, D::Error> {
        Option::<FromText<T>>::deserialize(deserializer).map(|value| Some(value.map(|FromText(value)| value)))
    }
}

/// A value that holds bytes, written in JSON with each of them as a string.
pub trait Binary: Sized {
    /// Writes the value, bytes as strings.
    ///
    /// # Errors
    ///
    /// When bytes are not UTF-8.
    fn serialize_text<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error>;

    /// Reads the value, bytes from strings.
    ///
    /// # Errors
    ///
    /// When the value is not of the shape.
    fn deserialize_text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error>;
}

impl Binary for Vec<u8> {
    fn serialize_text<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match std::str::from_utf8(self) {
            Ok(text) => serializer.serialize_str(text),
            Err(error) => Err(serde::ser::Error::custom(format!(
                "bytes of a `format: binary` value inside JSON must be UTF-8, the only text a JSON \
                 string holds ({error})"
            ))),
        }
    }

    fn deserialize_text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(String::into_bytes)
    }
}

impl<T: Binary> Binary for Option<T> {
    fn serialize_text<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Some(value) => serializer.serialize_some(&AsText(value)),
            None => serializer.serialize_none(),
        }
    }

    fn deserialize_text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Option::<FromText<T>>::deserialize(deserializer).map(|value| value.map(|FromText(value)| value))
    }
}

impl<T: Binary> Binary for Vec<T> {
    fn serialize_text<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter().map(AsText))
    }

    fn deserialize_text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Vec::<FromText<T>>::deserialize(deserializer).map(|items| items.into_iter().map(|FromText(item)| item).collect())
    }
}

impl<T: Binary> Binary for BTreeMap<String, T> {
    fn serialize_text<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter().map(|(key, value)| (key, AsText(value))))
    }

    fn deserialize_text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        BTreeMap::<String, FromText<T>>::deserialize(deserializer)
            .map(|entries| entries.into_iter().map(|(key, FromText(value))| (key, value)).collect())
    }
}

/// Serialises a [`Binary`] value through its text form (inside an `Option`, a list or a map).
struct AsText<'a, T>(&'a T);

impl<T: Binary> Serialize for AsText<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize_text(serializer)
    }
}

/// Deserialises a [`Binary`] value through its text form.
struct FromText<T>(T);

impl<'de, T: Binary> Deserialize<'de> for FromText<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize_text(deserializer).map(FromText)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Attachment {
        #[serde(with = "super")]
        data: Vec<u8>,
        #[serde(default, skip_serializing_if = "Option::is_none", with = "super")]
        thumbnail: Option<Vec<u8>>,
        #[serde(default, skip_serializing_if = "Option::is_none", with = "super::nullable")]
        cleared: Option<Option<Vec<u8>>>,
        #[serde(default, skip_serializing_if = "Option::is_none", with = "super")]
        pages: Option<Vec<Option<Vec<u8>>>>,
        #[serde(default, skip_serializing_if = "Option::is_none", with = "super")]
        named: Option<BTreeMap<String, Vec<u8>>>,
    }

    #[test]
    fn bytes_are_json_strings_both_ways() {
        let json = json!({
            "data": "hi",
            "thumbnail": "ü",
            "cleared": null,
            "pages": ["a", null],
            "named": {"x": "y"}
        });
        let attachment: Attachment = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(attachment.data, b"hi");
        assert_eq!(attachment.thumbnail.as_deref(), Some("ü".as_bytes()));
        assert_eq!(attachment.cleared, Some(None));
        assert_eq!(attachment.pages, Some(vec![Some(b"a".to_vec()), None]));
        assert_eq!(serde_json::to_value(&attachment).unwrap(), json);

        let bare: Attachment = serde_json::from_value(json!({"data": ""})).unwrap();
        assert_eq!((bare.thumbnail, bare.cleared), (None, None));
    }

    #[test]
    fn bytes_that_are_not_utf8_are_an_error_not_numbers() {
        let attachment = Attachment { data: vec![0xff], thumbnail: None, cleared: None, pages: None, named: None };
        let error = serde_json::to_string(&attachment).unwrap_err();
        assert!(error.to_string().contains("UTF-8"), "{error}");
        assert!(serde_json::from_value::<Attachment>(json!({"data": [104, 105]})).is_err());
    }
}
