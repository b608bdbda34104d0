//! Schema-valid JSON instances of OpenAPI 3.0 schemas (3.1 documents are normalised to 3.0
//! by the loader): for the round-trip check of generated types (the corpus tests) and for the
//! arguments of the conformance driver ([`crate::conformance`]).
//!
//! Written from the document's JSON, not from the generator's model, so a construct the model
//! gets wrong shows up as a value that does not come back. Deterministic: a seed per type.
//!
//! Two modes: [`Instances::new`] makes hostile values (non-ASCII text, quotes, line breaks,
//! extreme numbers) to test decoding; [`Instances::for_requests`] makes values a validating
//! server accepts in any place of a request (a header cannot hold a line break): the schema's
//! `example` wherever there is one, else text matching its `pattern` where `rand_regex` can
//! generate one, plain ASCII text, small numbers.
//!
//! What it honours: `$ref`, `type`, `nullable`, `enum`, `format` (int8..uint64, date-time, date,
//! uuid, byte), `minimum`/`maximum`, `minLength`/`maxLength`, `minItems`/`maxItems`,
//! `properties`/`required`, `additionalProperties` (extra keys only where the schema allows
//! them explicitly), `allOf` (object parts merged; otherwise the first typed part), `oneOf`/
//! `anyOf` (one member, with its `discriminator` value set), `pattern` for requests only (no
//! generated type checks patterns, so hostile values need not match them). An integer without a format
//! stays within 64 bits, the range the generated `i64` is documented to hold.

use serde_json::{json, Map, Value};

/// A small deterministic generator (xorshift64*).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: &str) -> Self {
        let mut state = 0x9E37_79B9_7F4A_7C15_u64;
        for byte in seed.bytes() {
            state = (state ^ u64::from(byte)).wrapping_mul(0x0100_0000_01B3);
        }
        Rng(state | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }
}

/// Generates instances of the schemas of one document.
pub struct Instances<'a> {
    root: &'a Value,
    rng: Rng,
    /// Values for requests rather than hostile ones (see the module docs).
    requests: bool,
}

/// Beyond this many nested `$ref`s only required properties and empty lists are generated,
/// so recursive schemas end.
const MAX_DEPTH: usize = 6;

impl<'a> Instances<'a> {
    /// Hostile instances of the schemas of `root`, a whole document's JSON, seeded by `seed`.
    pub fn new(root: &'a Value, seed: &str) -> Self {
        Instances { root, rng: Rng::new(seed), requests: false }
    }

    /// Instances a validating server accepts as parameters and bodies (see the module docs).
    pub fn for_requests(root: &'a Value, seed: &str) -> Self {
        Instances { root, rng: Rng::new(seed), requests: true }
    }

    /// One instance of `schema`, a schema object of the document (its `$ref`s resolved against
    /// the document), or `None` when none can be made.
    pub fn of(&mut self, schema: &'a Value) -> Option<Value> {
        self.value(schema, 0)
    }

    /// One instance of the schema at `pointer` (`#/components/schemas/X`, ...).
    pub fn at(&mut self, pointer: &str) -> Option<Value> {
        let schema = self.resolve_pointer(pointer)?;
        self.value(schema, 0)
    }

    fn resolve_pointer(&self, pointer: &str) -> Option<&'a Value> {
        self.root.pointer(pointer.strip_prefix('#')?)
    }

    /// A value of `schema`, or `None` when none can be made within the depth limit.
    fn value(&mut self, schema: &'a Value, depth: usize) -> Option<Value> {
        // Past the depth where optional parts stop, only a cycle of required parts (or of
        // `$ref`s alone) goes on: no finite instance has it.
        if depth > MAX_DEPTH * 8 {
            return None;
        }
        let Some(map) = schema.as_object() else {
            // `true`/`false` schemas or garbage: anything (or nothing) goes.
            return (schema != &Value::Bool(false)).then(|| self.any_scalar());
        };
        if let Some(reference) = map.get("$ref").and_then(Value::as_str) {
            let target = self.resolve_pointer(reference)?;
            return self.value(target, depth + 1);
        }
        if self.requests {
            // Documents' examples sometimes contradict their schemas (nanoreg's body example
            // is its JSON as one string): only one that fits is sent.
            if let Some(example) = map.get("example").filter(|example| self.roughly_matches(schema, example, 0)) {
                return Some(example.clone());
            }
        }
        let null_chance = if self.requests { 1000 } else { 4 };
        if map.get("nullable") == Some(&Value::Bool(true)) && (self.rng.chance(null_chance) || depth > MAX_DEPTH) {
            return Some(Value::Null);
        }
        if let Some(Value::Array(values)) = map.get("enum") {
            let choices: Vec<&Value> = values.iter().filter(|v| !v.is_null()).collect();
            if !choices.is_empty() {
                return Some(choices[self.rng.below(choices.len())].clone());
            }
        }
        if let Some(Value::Array(parts)) = map.get("allOf") {
            return self.all_of(map, parts, depth);
        }
        for key in ["oneOf", "anyOf"] {
            if let Some(Value::Array(members)) = map.get(key) {
                if !members.is_empty() {
                    return self.one_of(map, members, depth);
                }
            }
        }
        let typ = map.get("type").and_then(Value::as_str);
        if let (None, Some(negated)) = (typ, map.get("not")) {
            return not_value(negated);
        }
        match typ {
            Some("object") => self.object(map, depth),
            None if map.contains_key("properties") || map.contains_key("additionalProperties") => self.object(map, depth),
            Some("array") => self.array(map, depth),
            None if map.contains_key("items") => self.array(map, depth),
            Some("string") => Some(self.string(map)),
            Some("integer") => Some(self.integer(map)),
            // An integer format makes a number an integer (OpenAPI Format Registry).
            Some("number") if map.get("format").and_then(Value::as_str).is_some_and(|f| matches!(f, "int8" | "int16" | "int32" | "int64" | "uint8" | "uint16" | "uint32" | "uint64")) => {
                Some(self.integer(map))
            }
            Some("number") => Some(self.number(map)),
            Some("boolean") => Some(Value::Bool(self.rng.chance(2))),
            _ => Some(self.any_scalar()),
        }
    }

    fn all_of(&mut self, map: &'a Map<String, Value>, parts: &'a [Value], depth: usize) -> Option<Value> {
        let mut merged: Option<Map<String, Value>> = None;
        let mut other: Option<Value> = None;
        // `required` of any part holds for the whole (a part may only list names).
        let mut required: Vec<(&'a str, usize)> = Vec::new();
        for part in parts {
            // A `$ref` part counts as one more level, as everywhere: a nullable `allOf` of its
            // own type (a parent of the same type) must end too.
            let depth = if part.get("$ref").is_some() { depth + 1 } else { depth };
            let part = self.deref(part);
            required.extend(names(part.get("required")).map(|name| (name, depth)));
            if only_narrows(part) {
                // Meet the first choice: its `required` names hold too.
                let first = ["oneOf", "anyOf"].iter().find_map(|key| part.get(*key)?.get(0));
                required.extend(names(first.and_then(|member| member.get("required"))).map(|name| (name, depth)));
                continue;
            }
            if is_annotation(part) {
                continue;
            }
            match self.value(part, depth)? {
                Value::Object(object) => merged.get_or_insert_with(Map::new).extend(object),
                Value::Null if map.get("nullable") != Some(&Value::Bool(true)) => return None,
                value => {
                    other.get_or_insert(value);
                }
            }
        }
        if let Some(object) = merged.as_mut() {
            for (name, depth) in required {
                if object.contains_key(name) {
                    continue;
                }
                let value = match parts.iter().find_map(|part| self.deref(part).get("properties")?.get(name)) {
                    Some(schema) => self.value(schema, depth + 1)?,
                    // Required, yet no part defines it: any value.
                    None => self.any_scalar(),
                };
                object.insert(name.to_owned(), value);
            }
        }
        match (merged, other) {
            (Some(object), _) => Some(Value::Object(object)),
            (None, Some(value)) => Some(value),
            (None, None) => Some(self.any_scalar()),
        }
    }

    fn one_of(&mut self, map: &'a Map<String, Value>, members: &'a [Value], depth: usize) -> Option<Value> {
        let start = self.rng.below(members.len());
        // `oneOf` holds only if exactly one member matches: for requests, a member whose
        // instance another member also accepts (a `Cat` that is also a `Dog` without
        // `additionalProperties: false`) goes last, so an unambiguous one is sent if any.
        // Also with a `discriminator`: JSON Schema validators (Prism's) do not read it.
        let exclusive = self.requests && map.contains_key("oneOf");
        let mut fallback = None;
        for offset in 0..members.len() {
            let index = (start + offset) % members.len();
            let member = &members[index];
            if exclusive {
                let Some(value) = self.value(member, depth) else { continue };
                let ambiguous =
                    members.iter().enumerate().any(|(other, schema)| other != index && self.roughly_matches(schema, &value, 0));
                if !ambiguous {
                    return Some(value);
                }
                fallback.get_or_insert(value);
                continue;
            }
            let Some(mut value) = self.value(member, depth) else { continue };
            if let (Some(discriminator), Some(reference), Value::Object(object)) =
                (map.get("discriminator"), member.get("$ref").and_then(Value::as_str), &mut value)
            {
                let property = discriminator.get("propertyName").and_then(Value::as_str).unwrap_or_default();
                let mapped = discriminator
                    .get("mapping")
                    .and_then(Value::as_object)
                    .and_then(|m| m.iter().find(|(_, target)| target.as_str() == Some(reference)))
                    .map(|(tag, _)| tag.clone());
                let tag = mapped.unwrap_or_else(|| reference.rsplit('/').next().unwrap_or_default().to_owned());
                object.insert(property.to_owned(), Value::String(tag));
            }
            return Some(value);
        }
        fallback
    }

    /// Whether `value` would pass `schema` (a schema object of the document) as far as a
    /// quick look can tell: JSON types, enums, required properties and
    /// `additionalProperties: false`, recursively.
    pub fn fits(&self, schema: &'a Value, value: &Value) -> bool {
        self.roughly_matches(schema, value, 0)
    }

    /// Whether `value` would pass `schema` as far as a quick look can tell: JSON types, enums,
    /// required properties and `additionalProperties: false`, recursively; what it does not
    /// check (bounds, patterns, combinators) counts as a match.
    fn roughly_matches(&self, schema: &'a Value, value: &Value, depth: usize) -> bool {
        let schema = self.deref(schema);
        let Some(map) = schema.as_object() else { return schema != &Value::Bool(false) };
        if depth > MAX_DEPTH {
            return true;
        }
        if value.is_null() {
            return map.get("nullable") == Some(&Value::Bool(true)) || !map.contains_key("type");
        }
        if let Some(Value::Array(values)) = map.get("enum") {
            return values.contains(value);
        }
        let fits = match map.get("type").and_then(Value::as_str) {
            Some("object") => value.is_object(),
            Some("array") => value.is_array(),
            Some("string") => value.is_string(),
            Some("integer") => value.is_i64() || value.is_u64(),
            Some("number") => value.is_number(),
            Some("boolean") => value.is_boolean(),
            _ => true,
        };
        if !fits {
            return false;
        }
        let Value::Object(object) = value else { return true };
        let properties = map.get("properties").and_then(Value::as_object);
        if names(map.get("required")).any(|name| !object.contains_key(name)) {
            return false;
        }
        object.iter().all(|(key, item)| match properties.and_then(|p| p.get(key)) {
            Some(property) => self.roughly_matches(property, item, depth + 1),
            None => match map.get("additionalProperties") {
                Some(Value::Bool(false)) => false,
                Some(extra @ Value::Object(_)) => self.roughly_matches(extra, item, depth + 1),
                _ => true,
            },
        })
    }

    fn object(&mut self, map: &'a Map<String, Value>, depth: usize) -> Option<Value> {
        let required: Vec<&str> = names(map.get("required")).collect();
        let mut object = Map::new();
        if let Some(Value::Object(properties)) = map.get("properties") {
            for (name, property) in properties {
                let needed = required.contains(&name.as_str());
                // Requests carry every property, as they carry every optional parameter, unless
                // it is read-only (a server rejects those in requests).
                let skip = if self.requests {
                    property.get("readOnly") == Some(&Value::Bool(true))
                } else {
                    self.rng.chance(3)
                };
                if !needed && (depth > MAX_DEPTH || skip) {
                    continue;
                }
                match self.value(property, depth) {
                    Some(value) => {
                        object.insert(name.clone(), value);
                    }
                    None if needed => return None,
                    None => {}
                }
            }
        }
        // Required names no property defines: the key must be there, with a value of the
        // `additionalProperties` schema if there is one.
        for name in &required {
            if !object.contains_key(*name) {
                let value = match map.get("additionalProperties") {
                    Some(schema @ Value::Object(_)) => self.value(schema, depth + 1)?,
                    _ => self.any_scalar(),
                };
                object.insert((*name).to_owned(), value);
            }
        }
        let extra = match map.get("additionalProperties") {
            Some(Value::Bool(true)) => Some(None),
            Some(schema @ Value::Object(_)) => Some(Some(schema)),
            _ => None,
        };
        // A request's extra key matches a `patternProperties` pattern when there is one (the
        // loader keeps such keys through `additionalProperties`, which may have been `false`).
        let pattern = map.get("patternProperties").and_then(Value::as_object).and_then(|patterns| patterns.iter().next());
        if let (true, Some((pattern, schema))) = (self.requests, pattern) {
            if let Some(key) = self.matching(pattern, 1..=20) {
                if let Some(value) = self.value(schema, depth + 1) {
                    object.entry(key).or_insert(value);
                }
            }
        } else if let Some(schema) = extra {
            let extras = if self.requests { 1 } else { self.rng.below(3) };
            for index in 0..extras {
                let keys = if self.requests { ["extra"; 4] } else { ["extra", "x-note", "Ünïcode key", ""] };
                let key = keys[index % 4].to_owned() + &index.to_string();
                if map.get("properties").and_then(|p| p.get(&key)).is_some() {
                    continue;
                }
                let value = match schema {
                    Some(schema) => self.value(schema, depth + 1),
                    None => Some(self.any_scalar()),
                };
                if let Some(value) = value {
                    object.insert(key, value);
                }
            }
        }
        Some(Value::Object(object))
    }

    fn array(&mut self, map: &'a Map<String, Value>, depth: usize) -> Option<Value> {
        let min = map.get("minItems").and_then(Value::as_u64).unwrap_or(0) as usize;
        let max = map.get("maxItems").and_then(Value::as_u64).map_or(min + 3, |m| m as usize);
        let count = if depth > MAX_DEPTH {
            min
        } else if self.requests {
            // Two items show how a list is written (`a,b`, `a=1&a=2`); fewer if at most one.
            2.clamp(min, max.max(min))
        } else {
            min + self.rng.below(max.saturating_sub(min) + 1)
        };
        let items = map.get("items").unwrap_or(&Value::Bool(true));
        let mut values = Vec::with_capacity(count);
        for _ in 0..count {
            values.push(self.value(items, depth + 1)?);
        }
        Some(Value::Array(values))
    }

    /// A string of a length in `lengths` that matches `pattern` (OpenAPI 3.0.3 §4.7.24: an
    /// ECMA-262 regular expression, unanchored), generated by `rand_regex` from the pattern
    /// without a leading `^` and a trailing `$` (a string the rest matches whole matches the
    /// pattern either way); `None` for what it cannot generate as ASCII (anchors or word
    /// boundaries inside, look-arounds, back-references, `.`), or no fitting length in eight
    /// tries.
    fn matching(&mut self, pattern: &str, lengths: std::ops::RangeInclusive<usize>) -> Option<String> {
        use rand::distr::Distribution;
        use rand::SeedableRng;
        let core = pattern.strip_prefix('^').unwrap_or(pattern);
        let core = core.strip_suffix('$').filter(|rest| !rest.ends_with('\\')).unwrap_or(core);
        let hir = regex_syntax::ParserBuilder::new().unicode(false).build().parse(core).ok()?;
        let generator = rand_regex::Regex::with_hir(hir, 8).ok()?;
        let mut rng = rand_pcg::Pcg64Mcg::seed_from_u64(self.rng.next());
        (0..8).map(|_| -> String { generator.sample(&mut rng) }).find(|text| lengths.contains(&text.chars().count()))
    }

    fn string(&mut self, map: &Map<String, Value>) -> Value {
        let text = match map.get("format").and_then(Value::as_str) {
            Some("date-time") => {
                let second = self.rng.below(60);
                [
                    format!("2024-02-29T23:59:{second:02}Z"),
                    format!("1999-12-31T10:00:{second:02}.123456+05:30"),
                    format!("2030-01-01T00:00:{second:02}.5-08:00"),
                ][self.rng.below(3)]
                .clone()
            }
            Some("date") => "2024-02-29".to_owned(),
            Some("uuid") => "123e4567-e89b-12d3-a456-426614174000".to_owned(),
            Some("byte") => "aGVsbG8gd29ybGQ=".to_owned(),
            Some("email") => "user@example.com".to_owned(),
            Some("uri" | "url") => "https://example.com/a".to_owned(),
            Some("hostname") => "example.com".to_owned(),
            Some("ipv4") => "192.0.2.1".to_owned(),
            Some("ipv6") => "2001:db8::1".to_owned(),
            Some("time") => "12:30:00Z".to_owned(),
            Some("binary") if self.requests => "hi".to_owned(),
            _ if self.requests => {
                let min = map.get("minLength").and_then(Value::as_u64).unwrap_or(0) as usize;
                let max = map.get("maxLength").and_then(Value::as_u64).map_or(usize::MAX, |m| m as usize);
                let pattern = map.get("pattern").and_then(Value::as_str);
                if let Some(text) = pattern.and_then(|pattern| self.matching(pattern, min..=max)) {
                    return Value::String(text);
                }
                let mut text = "value".to_owned();
                while text.len() < min {
                    text.push('x');
                }
                text.chars().take(max).collect()
            }
            _ => {
                let pieces = ["a", "Zürich", "\"quoted\"", "line\nbreak", "😀", " ", "back\\slash", "0", "null", "ΔT"];
                let min = map.get("minLength").and_then(Value::as_u64).unwrap_or(0) as usize;
                let max = map.get("maxLength").and_then(Value::as_u64).map_or(usize::MAX, |m| m as usize);
                let mut text = String::new();
                for _ in 0..self.rng.below(4) {
                    text.push_str(pieces[self.rng.below(pieces.len())]);
                }
                while text.chars().count() < min {
                    text.push('x');
                }
                text.chars().take(max).collect()
            }
        };
        Value::String(text)
    }

    fn integer(&mut self, map: &Map<String, Value>) -> Value {
        let (low, high): (i128, i128) = match map.get("format").and_then(Value::as_str) {
            Some("int8") => (i8::MIN.into(), i8::MAX.into()),
            Some("int16") => (i16::MIN.into(), i16::MAX.into()),
            Some("int32") => (i32::MIN.into(), i32::MAX.into()),
            Some("uint8") => (0, u8::MAX.into()),
            Some("uint16") => (0, u16::MAX.into()),
            Some("uint32") => (0, u32::MAX.into()),
            Some("uint64") => (0, u64::MAX.into()),
            _ => (i64::MIN.into(), i64::MAX.into()),
        };
        let bound = |key: &str| map.get(key).and_then(Value::as_f64).map(|b| b as i128);
        let low = bound("minimum").map_or(low, |m| m.max(low));
        let high = bound("maximum").map_or(high, |m| m.min(high)).max(low);
        if self.requests {
            return json!(i64::try_from(2.clamp(low, high)).unwrap_or_default());
        }
        let choice = match self.rng.below(5) {
            0 => low,
            1 => high,
            2 => 0.clamp(low, high),
            _ => low + (i128::from(self.rng.next()) % (high - low + 1)),
        };
        if let Ok(value) = i64::try_from(choice) {
            json!(value)
        } else {
            json!(u64::try_from(choice).expect("within the format's range"))
        }
    }

    fn number(&mut self, map: &Map<String, Value>) -> Value {
        let low = map.get("minimum").and_then(Value::as_f64);
        let high = map.get("maximum").and_then(Value::as_f64);
        if self.requests {
            return json!(low.map_or(2.5, |l| l.max(2.5)).min(high.unwrap_or(f64::MAX)));
        }
        let candidates = [
            json!(-951_386_503_523.647_1_f64),
            json!(5),
            json!(0.1),
            json!(1e300),
            json!(-2.5e-308),
            json!(123_456_789.123_456_79_f64),
            json!(f64::from_bits(self.rng.next() % 0x7FE0_0000_0000_0000)),
        ];
        let value = candidates[self.rng.below(candidates.len())].clone();
        let number = value.as_f64().unwrap_or_default();
        if low.is_some_and(|l| number < l) || high.is_some_and(|h| number > h) {
            return json!(low.or(high).unwrap_or_default());
        }
        value
    }

    fn any_scalar(&mut self) -> Value {
        if self.requests {
            return json!("value");
        }
        [json!("text"), json!(42), json!(-1.5), json!(true), json!({"nested": [1, "two", null]})][self.rng.below(5)].clone()
    }

    fn deref(&self, schema: &'a Value) -> &'a Value {
        match schema.get("$ref").and_then(Value::as_str).and_then(|r| self.resolve_pointer(r)) {
            Some(target) => target,
            None => schema,
        }
    }
}

/// The names a `required` keyword lists (none when it is absent or not a list).
fn names(required: Option<&Value>) -> impl Iterator<Item = &str> {
    required.and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str)
}

/// A value of no type `negated` names (`not: {type: string}` → `0`); none when `negated`
/// names no type, as any value might then be one it accepts.
fn not_value(negated: &Value) -> Option<Value> {
    let excluded = negated.get("type").and_then(Value::as_str)?;
    let candidates = [
        (serde_json::json!(0), &["integer", "number"][..]),
        (serde_json::json!("text"), &["string"][..]),
        (serde_json::json!(true), &["boolean"][..]),
        (serde_json::json!({}), &["object"][..]),
    ];
    candidates.into_iter().find(|(_, types)| !types.contains(&excluded)).map(|(value, _)| value)
}

/// A `oneOf`/`anyOf` whose members only describe or list `required` names: it narrows which
/// objects pass, it adds no value of its own.
fn only_narrows(schema: &Value) -> bool {
    ["oneOf", "anyOf"].iter().any(|key| {
        matches!(schema.get(*key), Some(Value::Array(members)) if !members.is_empty() && members.iter().all(is_annotation))
    }) && documents_only(schema, &["oneOf", "anyOf"])
}

/// A schema that only documents (`description`, `example`, ...): no type, no structure.
fn is_annotation(schema: &Value) -> bool {
    documents_only(schema, &[])
}

/// Whether `schema` is an object with no keyword that gives a value a type or structure,
/// apart from those in `besides`.
fn documents_only(schema: &Value, besides: &[&str]) -> bool {
    const TYPED: &[&str] = &[
        "type", "properties", "additionalProperties", "items", "enum", "format", "oneOf", "anyOf", "allOf", "not", "$ref",
    ];
    schema.as_object().is_some_and(|map| !TYPED.iter().any(|k| !besides.contains(k) && map.contains_key(*k)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_get_an_unambiguous_one_of_member() {
        let document = json!({"components": {"schemas": {
            "Cat": {"type": "object", "required": ["kind", "lives"], "properties": {"kind": {"type": "string"}, "lives": {"type": "integer"}}},
            "Dog": {"type": "object", "required": ["kind"], "properties": {"kind": {"type": "string"}, "goodBoy": {"type": "boolean"}}},
            "Pet": {"oneOf": [{"$ref": "#/components/schemas/Cat"}, {"$ref": "#/components/schemas/Dog"}]}
        }}});
        // Every Cat is also a Dog, so only a Dog (with `goodBoy`, without `lives`) is valid.
        for seed in ["a", "b", "c", "d", "e", "f"] {
            let pet = Instances::for_requests(&document, seed).at("#/components/schemas/Pet").unwrap();
            assert!(pet.get("lives").is_none() && pet.get("goodBoy").is_some(), "{seed}: {pet}");
        }
    }

    #[test]
    fn requests_send_only_examples_that_fit() {
        let document = json!({});
        let schema = json!({"type": "object", "properties": {"a": {"type": "integer", "example": "7"}}, "example": "{\"a\": 1}"});
        let value = Instances::for_requests(&document, "s").of(&schema).unwrap();
        assert_eq!(value, json!({"a": 2}));
        let fitting = json!({"type": "object", "properties": {"a": {"type": "integer"}}, "example": {"a": 9}});
        assert_eq!(Instances::for_requests(&document, "s").of(&fitting).unwrap(), json!({"a": 9}));
    }

    #[test]
    fn request_strings_match_their_patterns() {
        let document = json!({});
        let sid = |text: &str| text.len() == 34 && text.starts_with("IS") && text[2..].bytes().all(|b| b.is_ascii_hexdigit());
        let digits = |text: &str| (3..=5).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit());
        type Fits<'f> = &'f dyn Fn(&str) -> bool;
        let cases: [(Value, Fits); 4] = [
            (json!({"type": "string", "pattern": "^IS[0-9a-fA-F]{32}$"}), &sid),
            (json!({"type": "string", "pattern": "^[0-9]+$", "minLength": 3, "maxLength": 5}), &digits),
            // Unanchored: the match may be anywhere, and a whole match is one.
            (json!({"type": "string", "pattern": "(cat|dog)s?"}), &|t: &str| ["cat", "cats", "dog", "dogs"].contains(&t)),
            // What cannot be generated as ASCII keeps the plain value.
            (json!({"type": "string", "pattern": "^.+(?=x)$"}), &|t: &str| t == "value"),
        ];
        for seed in ["a", "b", "c", "d"] {
            let mut instances = Instances::for_requests(&document, seed);
            for (schema, fits) in &cases {
                let value = instances.of(schema).unwrap();
                assert!(fits(value.as_str().unwrap()), "{schema} gave {value}");
            }
        }
    }

    #[test]
    fn all_of_parts_that_only_list_required_names_are_met() {
        let document = json!({"components": {"schemas": {
            "Base": {"type": "object", "properties": {"name": {"type": "string"}, "inbound": {"type": "string"}, "outbound": {"type": "string"}}},
            "Firewall": {"allOf": [
                {"$ref": "#/components/schemas/Base"},
                {"required": ["name"]},
                {"anyOf": [{"required": ["inbound"]}, {"required": ["outbound"]}]}
            ]}
        }}});
        for seed in ["a", "b", "c", "d", "e", "f", "g", "h"] {
            let firewall = Instances::new(&document, seed).at("#/components/schemas/Firewall").unwrap();
            let keys: Vec<&String> = firewall.as_object().unwrap().keys().collect();
            assert!(firewall.get("name").is_some() && firewall.get("inbound").is_some(), "{seed}: {firewall}");
            assert!(keys.iter().all(|k| ["name", "inbound", "outbound"].contains(&k.as_str())), "{seed}: {firewall}");
        }
    }

    #[test]
    fn not_schemas_get_a_value_of_another_type() {
        let document = json!({"components": {"schemas": {
            "NotText": {"not": {"type": "string"}},
            "NotNumber": {"not": {"type": "number"}},
            "NotAnything": {"not": {}}
        }}});
        for seed in ["a", "b", "c"] {
            let mut instances = Instances::new(&document, seed);
            assert_eq!(instances.at("#/components/schemas/NotText"), Some(json!(0)));
            assert_eq!(instances.at("#/components/schemas/NotNumber"), Some(json!("text")));
            assert_eq!(instances.at("#/components/schemas/NotAnything"), None);
        }
    }

    #[test]
    fn recursive_schemas_end_whatever_the_path_back() {
        let document = json!({"components": {"schemas": {
            // A parent of the same type through a nullable `allOf`, and through a plain `$ref`.
            "Node": {"type": "object", "required": ["id"], "properties": {
                "id": {"type": "string"},
                "up": {"allOf": [{"$ref": "#/components/schemas/Node"}], "nullable": true},
                "parent": {"$ref": "#/components/schemas/Node"}
            }},
            // No finite instance: a required self, and a `$ref` to itself.
            "Endless": {"type": "object", "required": ["next"], "properties": {"next": {"$ref": "#/components/schemas/Endless"}}},
            "Loop": {"$ref": "#/components/schemas/Loop"}
        }}});
        for seed in ["a", "b", "c"] {
            for mut instances in [Instances::new(&document, seed), Instances::for_requests(&document, seed)] {
                let node = instances.at("#/components/schemas/Node").unwrap();
                assert!(node["id"].is_string(), "{seed}: {node}");
                assert_eq!(instances.at("#/components/schemas/Endless"), None);
                assert_eq!(instances.at("#/components/schemas/Loop"), None);
            }
        }
    }

    #[test]
    fn requests_prefer_examples_and_plain_text() {
        let document = json!({});
        let schema = json!({"type": "object", "properties": {
            "code": {"type": "string", "pattern": "^[A-Z]{3}$", "example": "EUR"},
            "name": {"type": "string", "minLength": 7},
            "email": {"type": "string", "format": "email"},
            "id": {"type": "string", "readOnly": true}
        }});
        let value = Instances::for_requests(&document, "x").of(&schema).unwrap();
        assert_eq!(value, json!({"code": "EUR", "name": "valuexx", "email": "user@example.com"}));
    }
}
