//! Lenient RFC 3339 timestamps: a date-time the server sends without an offset is read as
//! UTC rather than failing the whole answer. Written back in RFC 3339 with `Z`.

use jiff::civil::DateTime;
use jiff::tz::TimeZone;
use jiff::Timestamp;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

fn parse(text: &str) -> Result<Timestamp, String> {
    let text = &*nanoseconds_at_most(text);
    text.parse::<Timestamp>().or_else(|with_offset| {
        text.parse::<DateTime>()
            .ok()
            .and_then(|civil| TimeZone::UTC.to_timestamp(civil).ok())
            .ok_or_else(|| format!("`{text}` is not an RFC 3339 date-time: {with_offset}"))
    })
}

/// `text` with the fraction of its seconds cut to nine digits: RFC 3339 §5.6 allows any number
/// (`time-secfrac = "." 1*DIGIT`), a `Timestamp` holds nanoseconds. Other text is left as is.
fn nanoseconds_at_most(text: &str) -> std::borrow::Cow<'_, str> {
    let Some(time) = text.find(['T', 't', ' ']) else { return text.into() };
    let Some(dot) = text[time..].find('.').map(|at| time + at + 1) else { return text.into() };
    let digits = text[dot..].bytes().take_while(u8::is_ascii_digit).count();
    if digits <= 9 {
        return text.into();
    }
    format!("{}{}", &text[..dot + 9], &text[dot + digits..]).into()
}

/// For `Timestamp` fields: `#[serde(with = "crate::runtime::timestamp::required")]` in generated code.
pub mod required {
    use super::*;

    /// Writes RFC 3339 with `Z`.
    pub fn serialize<S: Serializer>(value: &Timestamp, serializer: S) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }

    /// Reads RFC 3339; a date-time without an offset is UTC.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Timestamp, D::Error> {
        let text = std::borrow::Cow::<str>::deserialize(deserializer)?;
        parse(&text).map_err(serde::de::Error::custom)
    }
}

/// For `Option<Timestamp>` fields: `#[serde(with = "crate::runtime::timestamp::optional")]` in generated code.
pub mod optional {
    use super::*;

    /// Writes RFC 3339 with `Z`, or nothing.
    pub fn serialize<S: Serializer>(value: &Option<Timestamp>, serializer: S) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }

    /// Reads RFC 3339 or null; a date-time without an offset is UTC.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Timestamp>, D::Error> {
        match Option::<std::borrow::Cow<str>>::deserialize(deserializer)? {
            Some(text) => parse(&text).map(Some).map_err(serde::de::Error::custom),
            None => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize, Serialize, PartialEq)]
    struct Holder {
        #[serde(with = "required")]
        at: Timestamp,
        #[serde(with = "optional", default)]
        maybe: Option<Timestamp>,
    }

    #[test]
    fn reads_offsets_and_offsetless_date_times_as_utc() {
        let holder: Holder =
            serde_json::from_str(r#"{"at":"2024-05-01T12:00:00+02:00","maybe":"2024-05-01T12:00:00"}"#).unwrap();
        assert_eq!(holder.at.to_string(), "2024-05-01T10:00:00Z");
        assert_eq!(holder.maybe.unwrap().to_string(), "2024-05-01T12:00:00Z");
        let missing: Holder = serde_json::from_str(r#"{"at":"2024-05-01T12:00:00Z","maybe":null}"#).unwrap();
        assert_eq!(missing.maybe, None);
        assert_eq!(serde_json::to_string(&missing).unwrap(), r#"{"at":"2024-05-01T12:00:00Z","maybe":null}"#);
    }

    #[test]
    fn reads_fractions_beyond_nanoseconds() {
        let holder: Holder = serde_json::from_str(r#"{"at":"2020-01-01T00:00:00.1234567891Z"}"#).unwrap();
        assert_eq!(holder.at.to_string(), "2020-01-01T00:00:00.123456789Z");
        assert_eq!(nanoseconds_at_most("2020-01-01T00:00:00.5+01:00"), "2020-01-01T00:00:00.5+01:00");
        assert_eq!(nanoseconds_at_most("2020-01-01T00:00:00.12345678912345-01:00"), "2020-01-01T00:00:00.123456789-01:00");
    }

    #[test]
    fn rejects_what_is_not_a_date_time() {
        let err = serde_json::from_str::<Holder>(r#"{"at":"yesterday"}"#).unwrap_err();
        assert!(err.to_string().contains("yesterday"), "{err}");
    }
}
