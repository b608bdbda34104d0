//! Optional nullable properties (`Option<Option<T>>` fields of generated structs).
//!
//! A property that is both optional and nullable has three states, and a client must be able
//! to tell and send each of them (a PATCH that clears a field sends `null`; one that leaves it
//! alone omits it):
//!
//! | field value        | on the wire          |
//! |--------------------|----------------------|
//! | `None`             | the key is absent    |
//! | `Some(None)`       | `"key": null`        |
//! | `Some(Some(v))`    | `"key": v`           |
//!
//! Serde reads `null` into an `Option<Option<T>>` as `None` by itself; generated fields use
//! `#[serde(default, skip_serializing_if = "Option::is_none", with = "crate::runtime::nullable")]`
//! so that a present `null` becomes `Some(None)`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Writes `null` for `Some(None)` and the value for `Some(Some(v))` (`None` is skipped by
/// `skip_serializing_if` before this is called).
pub fn serialize<T: Serialize, S: Serializer>(value: &Option<Option<T>>, serializer: S) -> Result<S::Ok, S::Error> {
    value.serialize(serializer)
}

/// Reads a present key: `null` is `Some(None)`, a value `Some(Some(v))`. An absent key never
/// reaches here (`#[serde(default)]` makes it `None`).
pub fn deserialize<'de, T: Deserialize<'de>, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(deserializer).map(Some)
}

/// The same for optional nullable date-times, read leniently like every date-time (see
/// [`crate::timestamp`]).
pub mod timestamp {
    use jiff::Timestamp;
    use serde::{Deserializer, Serialize, Serializer};

    /// Writes RFC 3339 with `Z`, or `null`.
    pub fn serialize<S: Serializer>(value: &Option<Option<Timestamp>>, serializer: S) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }

    /// Reads RFC 3339 or `null` of a present key.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Option<Timestamp>>, D::Error> {
        crate::timestamp::optional::deserialize(deserializer).map(Some)
    }
}

/// Optional properties of any JSON value (`Option<serde_json::Value>` fields): `null` is one
/// of the values such a property can hold, so a present `null` is `Some(Value::Null)` and
/// goes back out as `null`, while an absent key stays `None` (serde alone reads both as
/// `None`, and the `null` would be lost).
pub mod any {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use serde_json::Value;

    /// Writes the value, `null` included (`None` is skipped by `skip_serializing_if` before
    /// this is called).
    pub fn serialize<S: Serializer>(value: &Option<Value>, serializer: S) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }

    /// Reads the value of a present key, `null` included.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Value>, D::Error> {
        Value::deserialize(deserializer).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use jiff::Timestamp;
    use serde::{Deserialize, Serialize};

    #[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
    struct Patch {
        #[serde(default, skip_serializing_if = "Option::is_none", with = "super")]
        note: Option<Option<String>>,
        #[serde(default, skip_serializing_if = "Option::is_none", with = "super::timestamp")]
        at: Option<Option<Timestamp>>,
        #[serde(default, skip_serializing_if = "Option::is_none", with = "super::any")]
        extra: Option<serde_json::Value>,
    }

    #[test]
    fn any_value_keeps_a_present_null_apart_from_an_absent_key() {
        for (text, extra) in [
            (r#"{}"#, None),
            (r#"{"extra":null}"#, Some(serde_json::Value::Null)),
            (r#"{"extra":[1,null]}"#, Some(serde_json::json!([1, null]))),
        ] {
            let patch: Patch = serde_json::from_str(text).unwrap();
            assert_eq!(patch.extra, extra, "{text}");
            assert_eq!(serde_json::to_string(&patch).unwrap(), text);
        }
    }

    #[test]
    fn absent_null_and_value_stay_apart_both_ways() {
        for (text, note) in [
            (r#"{}"#, None),
            (r#"{"note":null}"#, Some(None)),
            (r#"{"note":"hi"}"#, Some(Some("hi".to_owned()))),
        ] {
            let patch: Patch = serde_json::from_str(text).unwrap();
            assert_eq!(patch.note, note, "{text}");
            assert_eq!(serde_json::to_string(&patch).unwrap(), text);
        }
        let patch: Patch = serde_json::from_str(r#"{"at":null}"#).unwrap();
        assert_eq!(patch.at, Some(None));
        assert_eq!(serde_json::to_string(&patch).unwrap(), r#"{"at":null}"#);
        let patch: Patch = serde_json::from_str(r#"{"at":"2024-05-01T12:00:00"}"#).unwrap();
        assert_eq!(serde_json::to_string(&patch).unwrap(), r#"{"at":"2024-05-01T12:00:00Z"}"#);
    }
}
