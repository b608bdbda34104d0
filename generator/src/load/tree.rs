//! YAML or JSON text → JSON tree, and back from a JSON pointer to a line and column of the text.
//!
//! JSON is YAML, but a text that starts like JSON is read by the JSON parser first: it is
//! several times faster on large documents, and it accepts what JSON allows and the YAML
//! parser does not (escaped surrogate pairs such as `"\ud83d\ude00"`). The YAML parser
//! still reads what the JSON parser refuses (e.g. YAML flow style with comments). The tree is
//! built by our own visitor rather than
//! `serde_json::Value`'s, because that one rejects integers beyond 64 bits, which real
//! documents carry (a `maximum` of 2^128 - 1, an enum of large ids): those become the nearest
//! `f64`, the only JSON number `serde_json` can hold beyond `u64`.

use std::fmt;

use serde::de::{
    DeserializeSeed, Deserializer, Error as _, IgnoredAny, MapAccess, SeqAccess, Visitor,
};
use serde_json::{Map, Number, Value};

/// Why a text is not YAML or JSON, and where (1-based; 0 when unknown).
#[derive(Debug)]
pub struct SyntaxError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// How deep the parsers nest (serde_json's and serde_yaml's recursion limit).
const MAX_DEPTH: usize = 128;

/// The parser's `message`, or for the one refusal that is not a syntax error, what it means:
/// the text nests deeper than the parsers go.
fn explain(message: String) -> String {
    if message.starts_with("recursion limit exceeded") {
        format!(
            "nested more than {MAX_DEPTH} levels deep, deeper than the parser reads \
             (no OpenAPI document needs that many; a generated document may have a loop)"
        )
    } else {
        message
    }
}

/// Whether `text` starts like a JSON document.
fn looks_like_json(text: &str) -> bool {
    text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n'])
        .starts_with(['{', '['])
}

/// Parses YAML or JSON text into a JSON tree. Mapping keys that are YAML scalars other than
/// strings (e.g. `200:`) become their text.
pub fn parse(text: &str) -> Result<Value, SyntaxError> {
    let yaml = || {
        serde_yaml::Deserializer::from_str(text)
            .deserialize_any(TreeVisitor)
            .map_err(|e| {
                let (line, column) = e.location().map_or((0, 0), |l| (l.line(), l.column()));
                SyntaxError {
                    line,
                    column,
                    message: explain(e.to_string()),
                }
            })
    };
    if !looks_like_json(text) {
        return yaml();
    }
    let mut json = serde_json::Deserializer::from_str(text.trim_start_matches('\u{feff}'));
    let parsed = json
        .deserialize_any(TreeVisitor)
        .and_then(|tree| json.end().map(|()| tree));
    match parsed {
        Ok(tree) => Ok(tree),
        // Not JSON, perhaps YAML that starts with a flow mapping; if not that either, the
        // JSON parser's message is the one that helps.
        Err(json_error) => yaml().map_err(|_| SyntaxError {
            line: json_error.line(),
            column: json_error.column(),
            message: explain(json_error.to_string()),
        }),
    }
}

struct Tree;

impl<'de> DeserializeSeed<'de> for Tree {
    type Value = Value;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(TreeVisitor)
    }
}

struct TreeVisitor;

/// A float for an integer too large for `i64`/`u64` (`f64` holds every such magnitude up to
/// about 1.8e308, rounded).
fn big(value: f64) -> Value {
    Number::from_f64(value).map_or(Value::Null, Value::Number)
}

impl<'de> Visitor<'de> for TreeVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML or JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_i128<E>(self, v: i128) -> Result<Value, E> {
        Ok(i64::try_from(v).map_or_else(|_| big(v as f64), |v| Value::Number(v.into())))
    }
    fn visit_u128<E>(self, v: u128) -> Result<Value, E> {
        Ok(u64::try_from(v).map_or_else(|_| big(v as f64), |v| Value::Number(v.into())))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        // YAML's .inf and .nan have no JSON form.
        Ok(big(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(TreeVisitor)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(item) = seq.next_element_seed(Tree)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        let mut map = Map::new();
        while let Some(key) = access.next_key::<String>()? {
            let value = access.next_value_seed(Tree)?;
            map.insert(key, value);
        }
        Ok(Value::Object(map))
    }
}

/// The 1-based line and column where the node at `pointer` (`#/a/b`, RFC 6901) starts in
/// `text`, or `None` when the text has no such node (e.g. it was added by an overlay).
///
/// The text is parsed again, following only the pointer's path; reaching the node stops the
/// parser with a marker error, which the parser tags with the node's position. Linear in the
/// size of the text.
pub fn locate(text: &str, pointer: &str) -> Option<(usize, usize)> {
    let segments: Vec<String> = pointer
        .trim_start_matches('#')
        .split('/')
        .skip(1)
        .map(|s| s.replace("~1", "/").replace("~0", "~"))
        .collect();
    let seed = Locate {
        segments: &segments,
    };
    if looks_like_json(text) {
        // The JSON parser places a mapping or list at its opening bracket, a scalar at its
        // last character.
        let mut json = serde_json::Deserializer::from_str(text.trim_start_matches('\u{feff}'));
        match seed.deserialize(&mut json) {
            Err(e) if e.to_string().contains(FOUND) => return Some((e.line(), e.column())),
            Ok(()) => return None,
            Err(_) => {}
        }
    }
    let seed = Locate {
        segments: &segments,
    };
    match seed.deserialize(serde_yaml::Deserializer::from_str(text)) {
        Err(e) if e.to_string().contains(FOUND) => e.location().map(|l| (l.line(), l.column())),
        _ => None,
    }
}

const FOUND: &str = "\u{0}found\u{0}";

struct Locate<'a> {
    segments: &'a [String],
}

impl<'de> DeserializeSeed<'de> for Locate<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Locate<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any value")
    }
    fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<(), E> {
        self.leaf()
    }
    fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<(), E> {
        self.leaf()
    }
    fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<(), E> {
        self.leaf()
    }
    fn visit_i128<E: serde::de::Error>(self, _: i128) -> Result<(), E> {
        self.leaf()
    }
    fn visit_u128<E: serde::de::Error>(self, _: u128) -> Result<(), E> {
        self.leaf()
    }
    fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<(), E> {
        self.leaf()
    }
    fn visit_str<E: serde::de::Error>(self, _: &str) -> Result<(), E> {
        self.leaf()
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<(), E> {
        self.leaf()
    }
    fn visit_none<E: serde::de::Error>(self) -> Result<(), E> {
        self.leaf()
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let Some((first, rest)) = self.segments.split_first() else {
            return Err(A::Error::custom(FOUND));
        };
        let wanted: Option<usize> = first.parse().ok();
        let mut index = 0;
        loop {
            if Some(index) == wanted {
                seq.next_element_seed(Locate { segments: rest })?;
            } else if seq.next_element::<IgnoredAny>()?.is_none() {
                return Ok(());
            }
            index += 1;
        }
    }
    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<(), A::Error> {
        let Some((first, rest)) = self.segments.split_first() else {
            return Err(A::Error::custom(FOUND));
        };
        while let Some(key) = access.next_key::<String>()? {
            if &key == first {
                access.next_value_seed(Locate { segments: rest })?;
            } else {
                access.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

impl Locate<'_> {
    fn leaf<E: serde::de::Error>(&self) -> Result<(), E> {
        if self.segments.is_empty() {
            Err(E::custom(FOUND))
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_beyond_64_bits_become_floats() {
        let tree = parse("a: 340282366920938463463374607431768211455\nb: -170141183460469231731687303715884105728\nc: 18446744073709551615\n").unwrap();
        assert_eq!(tree["a"].as_f64(), Some(3.402_823_669_209_385e38));
        assert_eq!(tree["b"].as_f64(), Some(-1.701_411_834_604_692_3e38));
        assert_eq!(tree["c"].as_u64(), Some(u64::MAX));
    }

    #[test]
    fn json_with_escaped_surrogate_pairs_and_big_integers() {
        let tree =
            parse("{\"a\": \"\\ud83d\\ude00\", \"b\": 340282366920938463463374607431768211455}")
                .unwrap();
        assert_eq!(tree["a"], "\u{1f600}");
        assert_eq!(tree["b"].as_f64(), Some(3.402_823_669_209_385e38));
        // Flow-style YAML with a comment is not JSON, but still read.
        assert_eq!(parse("{a: 1} # note\n").unwrap()["a"], 1);
        let err = parse("{\n  \"a\": [1,\n  }").unwrap_err();
        assert_eq!(err.line, 3, "{}", err.message);
    }

    #[test]
    fn text_nested_deeper_than_the_parsers_go_says_so() {
        let json = format!("{}1{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        let yaml = format!("a: {}1{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        for text in [json, yaml] {
            let error = parse(&text).unwrap_err();
            assert!(error.message.starts_with("nested more than 128 levels deep"), "{}", error.message);
            assert!(error.line == 1 && error.column >= MAX_DEPTH, "{error:?}");
        }
        let within = format!("{}1{}", "[".repeat(MAX_DEPTH - 1), "]".repeat(MAX_DEPTH - 1));
        assert!(parse(&within).is_ok());
    }

    #[test]
    fn numeric_keys_become_text() {
        let tree = parse("responses:\n  200: {description: ok}\n").unwrap();
        assert_eq!(tree["responses"]["200"]["description"], "ok");
    }

    #[test]
    fn locates_nodes_in_yaml_and_json() {
        let yaml = "a:\n  b:\n    - x\n    - {c: 1}\n  'd/e': 2\n";
        assert_eq!(locate(yaml, "#/a/b/1/c"), Some((4, 11)));
        assert_eq!(locate(yaml, "#/a/b/1"), Some((4, 7)));
        assert_eq!(locate(yaml, "#/a/d~1e"), Some((5, 10)));
        assert_eq!(locate(yaml, "#/a/zz"), None);
        let json = "{\n  \"a\": [1,\n   \"two\"],\n  \"b\": {\"c\": true}}";
        assert_eq!(locate(json, "#/a/1"), Some((3, 8)));
        assert_eq!(locate(json, "#/b"), Some((4, 8)));
        assert_eq!(locate(json, "#/zz"), None);
    }
}
