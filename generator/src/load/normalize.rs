//! Rewrites OpenAPI 3.1 schema constructs into their 3.0 equivalents so `openapiv3` (a 3.0
//! model) can type the document without losing their meaning.
//!
//! | 3.1                              | 3.0                                   |
//! |----------------------------------|---------------------------------------|
//! | `type: [T, "null"]`              | `type: T`, `nullable: true`           |
//! | `type: [A, B]`                   | `oneOf: [{type: A}, {type: B}]`       |
//! | `oneOf/anyOf: [.., {type: null}]`| the rest, `nullable: true`            |
//! | `const: v`                       | `enum: [v]`                           |
//! | `examples: [v, ..]`              | `example: v`                          |
//! | `exclusiveMinimum: n`            | `minimum: n`, `exclusiveMinimum: true`|
//! | `$ref` beside `properties`       | `allOf: [{$ref}]` beside them         |
//! | `$ref: '#name'` to an `$anchor`  | `$ref` to its JSON pointer            |
//! | `patternProperties`, ...         | `additionalProperties`                |
//! | no `paths`                       | `paths: {}`                           |
//!
//! [`keywords_beside_all_of`], for documents of either version, moves the object keywords
//! that sit beside an `allOf`, `oneOf` or `anyOf` into a part of an `allOf`, as `openapiv3`
//! reads only one of the two.
//!
//! It also writes the prose (`description`, `summary`, `title`) the way generated Rust can
//! quote it: line breaks as `\n` (a bare carriage return is an error in a doc comment) and
//! without Unicode bidirectional controls (rustc's deny-by-default
//! `text_direction_codepoint_in_comment` and `_in_literal`, CVE-2021-42574).

use serde_json::{Map, Value};

/// Rewrites `root` in place.
pub fn to_openapi_3_0(root: &mut Value) {
    if let Value::Object(map) = root {
        map.entry("paths")
            .or_insert_with(|| Value::Object(Map::new()));
    }
    let mut anchors = std::collections::HashMap::new();
    find_anchors(root, &mut String::new(), &mut anchors);
    if !anchors.is_empty() {
        point_at_anchors(root, &anchors);
    }
    walk(root, false);
}

/// The JSON pointer of every schema that names itself with `$anchor` (JSON Schema Core
/// 2020-12 §8.2.2), by name. `pointer` is where `value` is.
fn find_anchors(value: &Value, pointer: &mut String, anchors: &mut std::collections::HashMap<String, String>) {
    fn child(pointer: &mut String, key: &str, value: &Value, anchors: &mut std::collections::HashMap<String, String>) {
        let length = pointer.len();
        pointer.push('/');
        pointer.push_str(&key.replace('~', "~0").replace('/', "~1"));
        find_anchors(value, pointer, anchors);
        pointer.truncate(length);
    }
    match value {
        Value::Object(map) => {
            if let Some(Value::String(name)) = map.get("$anchor") {
                anchors.entry(name.clone()).or_insert_with(|| format!("#{pointer}"));
            }
            for (key, value) in map {
                child(pointer, key, value, anchors);
            }
        }
        Value::Array(items) => {
            for (index, value) in items.iter().enumerate() {
                child(pointer, &index.to_string(), value, anchors);
            }
        }
        _ => {}
    }
}

/// Rewrites each `$ref` to a plain-name fragment (`#myanchor`, JSON Schema Core 2020-12
/// §8.2.3.1) as the JSON pointer of the schema with that `$anchor`; an unknown name is left
/// for the loader to report.
fn point_at_anchors(value: &mut Value, anchors: &std::collections::HashMap<String, String>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(reference)) = map.get_mut("$ref") {
                if let Some(pointer) = reference.strip_prefix('#').and_then(|name| anchors.get(name)) {
                    pointer.clone_into(reference);
                }
            }
            map.values_mut().for_each(|value| point_at_anchors(value, anchors));
        }
        Value::Array(items) => items.iter_mut().for_each(|value| point_at_anchors(value, anchors)),
        _ => {}
    }
}

/// Rewrites a part of a document (a schema, a file of components) in place.
pub fn fragment_to_openapi_3_0(value: &mut Value) {
    walk(value, false);
}

/// `names` is true when the keys of `value` are names (of properties, schemas, ...) rather
/// than keywords, so they must not be rewritten themselves.
fn walk(value: &mut Value, names: bool) {
    match value {
        Value::Object(map) => {
            if !names {
                rewrite_schema_keywords(map);
            }
            for (key, child) in map.iter_mut() {
                if !names && matches!(key.as_str(), "description" | "summary" | "title") {
                    if let Value::String(text) = child {
                        plain_prose(text);
                    }
                }
                let child_names = !names
                    && matches!(
                        key.as_str(),
                        "properties" | "patternProperties" | "$defs" | "definitions" | "schemas"
                    );
                walk(child, child_names);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| walk(item, false)),
        _ => {}
    }
}

/// The object keywords of a schema that JSON Schema applies beside its `allOf` (every keyword
/// of a schema holds, Core 2020-12 §10.2; OpenAPI 3.0.3 §4.7.24 takes the same keywords).
const OBJECT_KEYWORDS: [&str; 5] = ["properties", "required", "additionalProperties", "minProperties", "maxProperties"];

/// Applies [`keywords_beside_all_of`] to every schema of a checked document. It runs after the
/// check, which resolves every `$ref` (a pointer into a schema's `properties` among them)
/// before this moves them.
pub fn compositions(value: &mut Value) {
    walk_compositions(value, false);
}

/// `names`: the keys of `value` are names (of properties, schemas, ...), not keywords.
fn walk_compositions(value: &mut Value, names: bool) {
    match value {
        Value::Object(map) => {
            if !names {
                keywords_beside_all_of(map);
            }
            for (key, child) in map.iter_mut() {
                // Values, not schemas.
                if !names && matches!(key.as_str(), "example" | "examples" | "default" | "enum" | "const") {
                    continue;
                }
                let child_names = !names
                    && matches!(key.as_str(), "properties" | "patternProperties" | "$defs" | "definitions" | "schemas");
                walk_compositions(child, child_names);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| walk_compositions(item, false)),
        _ => {}
    }
}

/// Whether a part of a composition says what its values are (a `$ref`, a type, properties, a
/// composition of its own), rather than only narrowing them (`{required: [a]}`, `{not: ..}`).
fn substantive(part: &Value) -> bool {
    const SAYS: [&str; 10] =
        ["$ref", "type", "properties", "additionalProperties", "items", "allOf", "oneOf", "anyOf", "enum", "patternProperties"];
    part.as_object().is_some_and(|part| SAYS.iter().any(|keyword| part.contains_key(*keyword)))
}

/// Whether `value` holds a `$ref` anywhere.
fn holds_ref(value: &Value) -> bool {
    match value {
        Value::Object(map) => map.contains_key("$ref") || map.values().any(holds_ref),
        Value::Array(items) => items.iter().any(holds_ref),
        _ => false,
    }
}

/// Moves the object keywords beside an `allOf`, `oneOf` or `anyOf` into a part of an `allOf`,
/// which `openapiv3` reads as either the composition or the schema's own properties, dropping
/// the other:
///
/// - `{allOf: [Base], properties: {extra}}`, the usual way to extend a base, becomes
///   `{allOf: [Base, {type: object, properties: {extra}}]}` (the part marked
///   [`BESIDE_MARK`](super::BESIDE_MARK), which the model leaves out where the parts cannot
///   merge);
/// - `{properties: {common}, oneOf: [{..}, {..}]}` (common properties and one of some
///   variants, each an object written in place, holding no `$ref`) becomes `{allOf: [{type:
///   object, properties: {common}}, {oneOf: [..]}]}`, whose value keeps the keys of both (a
///   `discriminator` goes with its `oneOf`). Alternatives that are `$ref`s (which may lead
///   back here, as children that are `allOf` their parent do), or not objects, are left as
///   they are.
///
/// A `type: object` beside a composition of parts that say what they are, and nothing else
/// to move, is dropped, as the parts say what the value is (`openapiv3` would read the schema
/// as any object, without its parts). Compositions that only narrow (`allOf: [{not: ..}]`,
/// `anyOf: [{required: [a]}, ..]`) leave the schema as it is.
pub fn keywords_beside_all_of(map: &mut Map<String, Value>) {
    let substantial = |map: &Map<String, Value>, key: &str| {
        matches!(map.get(key), Some(Value::Array(parts)) if !parts.is_empty() && parts.iter().all(substantive))
    };
    // Written in place, objects: their keys merge with the common ones.
    let objects = |map: &Map<String, Value>, key: &str| {
        matches!(map.get(key), Some(Value::Array(parts)) if !parts.is_empty() && parts.iter().all(|part| {
            !holds_ref(part) && (part.get("type") == Some(&Value::String("object".into())) || part.get("properties").is_some())
        }))
    };
    let all_of = substantial(map, "allOf");
    let union = ["oneOf", "anyOf"].into_iter().find(|key| objects(map, key));
    if !OBJECT_KEYWORDS.iter().any(|keyword| map.contains_key(*keyword)) {
        let any_union = substantial(map, "oneOf") || substantial(map, "anyOf");
        if (all_of || any_union) && map.get("type").and_then(Value::as_str) == Some("object") {
            map.shift_remove("type");
        }
        return;
    }
    if !all_of && union.is_none() {
        return;
    }
    let mut part = Map::new();
    for keyword in OBJECT_KEYWORDS {
        if let Some(value) = map.shift_remove(keyword) {
            part.insert(keyword.into(), value);
        }
    }
    let kind = map.shift_remove("type").unwrap_or_else(|| Value::String("object".into()));
    part.insert("type".into(), kind);
    part.insert(super::BESIDE_MARK.into(), Value::Bool(true));
    let mut parts = match map.shift_remove("allOf") {
        Some(Value::Array(parts)) => parts,
        _ => Vec::new(),
    };
    parts.push(Value::Object(part));
    if let Some(key) = union {
        if let Some(alternatives) = map.shift_remove(key) {
            let mut choice = Map::new();
            choice.insert(key.into(), alternatives);
            if let Some(discriminator) = map.shift_remove("discriminator") {
                choice.insert("discriminator".into(), discriminator);
            }
            parts.push(Value::Object(choice));
        }
    }
    map.insert("allOf".into(), Value::Array(parts));
}

/// Gives an object's keys that 3.1 describes beyond `properties` a map to be kept in, as
/// `additionalProperties` (3.0's only word for them), so no member is dropped:
/// `patternProperties` (JSON Schema Core 2020-12 §10.3.2.2) and `unevaluatedProperties` (§11.3)
/// give the map their schema (any value when several differ); `dependentSchemas` and
/// `if`/`then`/`else` (§10.2.2) beside `properties` may add properties, kept as any values. An
/// `additionalProperties: false` beside `patternProperties` does not forbid the keys they
/// match.
fn other_keys_in_a_map(map: &mut Map<String, Value>) {
    let mut schemas: Vec<Value> = Vec::new();
    // (`patternProperties` stays too, for what reads the document itself, such as the
    // values the conformance check sends.)
    let patterns = map.get("patternProperties").and_then(Value::as_object).filter(|patterns| !patterns.is_empty());
    let patterned = patterns.is_some();
    if let Some(patterns) = patterns {
        schemas.extend(patterns.values().cloned());
    }
    if let Some(unevaluated) = map.remove("unevaluatedProperties") {
        if unevaluated != Value::Bool(false) {
            schemas.push(unevaluated);
        }
    }
    // (Only beside `properties`: an `if` alone may be about a value that is no object.)
    let conditional =
        map.contains_key("properties") && ["dependentSchemas", "if", "then", "else"].iter().any(|key| map.contains_key(*key));
    if schemas.is_empty() && !conditional {
        return;
    }
    match map.get("additionalProperties") {
        // Closed: only what the patterns (or conditions) allow.
        Some(Value::Bool(false)) if schemas.is_empty() => return,
        Some(Value::Bool(false)) => {}
        // Open: the keys no pattern matches may hold anything.
        None if patterned => schemas.push(Value::Bool(true)),
        None => {}
        Some(additional) => schemas.push(additional.clone()),
    }
    let first = schemas.first().cloned();
    let one_schema = match first {
        Some(first) if !conditional && schemas.iter().all(|schema| *schema == first) => first,
        _ => Value::Bool(true),
    };
    map.insert("additionalProperties".into(), one_schema);
}

/// Rewrites `\r\n` and lone `\r` as `\n` and drops bidirectional controls (U+202A..U+202E,
/// U+2066..U+2069), leaving text without them untouched.
fn plain_prose(text: &mut String) {
    let bidi = |c: char| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
    if text.contains(|c: char| c == '\r' || bidi(c)) {
        *text = text.replace("\r\n", "\n").replace('\r', "\n").chars().filter(|&c| !bidi(c)).collect();
    }
}

/// The keywords that apply to values of one JSON type.
fn keywords_of(json_type: &str) -> &'static [&'static str] {
    match json_type {
        "string" => &["format", "pattern", "minLength", "maxLength", "enum"],
        "integer" | "number" => &[
            "format",
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "multipleOf",
        ],
        "array" => &["items", "minItems", "maxItems", "uniqueItems"],
        "object" => &[
            "properties",
            "required",
            "additionalProperties",
            "minProperties",
            "maxProperties",
        ],
        _ => &[],
    }
}

fn rewrite_schema_keywords(map: &mut Map<String, Value>) {
    // 3.1's `$ref` is an applicator like any other (JSON Schema Core 2020-12 §8.2.3.1): object
    // keywords beside it apply too, as `allOf: [{$ref}, ..]` says in 3.0's words (and
    // `keywords_beside_all_of` then gives them a part of their own).
    // Only keywords that describe keys: `required` or a bound beside a `$ref` narrows what
    // the target already reads (and would cost a nullable target its `null`).
    if ["properties", "additionalProperties", "patternProperties"].iter().any(|keyword| map.contains_key(*keyword)) {
        if let Some(reference) = map.shift_remove("$ref") {
            let mut target = Map::new();
            target.insert("$ref".into(), reference);
            match map.get_mut("allOf") {
                Some(Value::Array(parts)) => parts.insert(0, Value::Object(target)),
                _ => {
                    map.insert("allOf".into(), Value::Array(vec![Value::Object(target)]));
                }
            }
        }
    }
    if let Some(Value::Array(types)) = map.get("type").cloned() {
        let non_null: Vec<Value> = types.into_iter().filter(|t| t != "null").collect();
        let had_null = non_null.len()
            < map
                .get("type")
                .and_then(Value::as_array)
                .map_or(0, Vec::len);
        map.remove("type");
        match non_null.as_slice() {
            [] => {}
            [single] => {
                map.insert("type".into(), single.clone());
            }
            several => {
                // Keywords that constrain one type move into that type's alternative, so the
                // alternatives stay plain typed schemas.
                let alternatives = several
                    .iter()
                    .map(|t| {
                        let mut alt = Map::new();
                        alt.insert("type".into(), t.clone());
                        for keyword in keywords_of(t.as_str().unwrap_or_default()) {
                            if let Some(value) = map.get(*keyword) {
                                alt.insert((*keyword).into(), value.clone());
                            }
                        }
                        Value::Object(alt)
                    })
                    .collect();
                for t in several {
                    for keyword in keywords_of(t.as_str().unwrap_or_default()) {
                        map.shift_remove(*keyword);
                    }
                }
                map.insert("oneOf".into(), Value::Array(alternatives));
            }
        }
        if had_null {
            map.insert("nullable".into(), Value::Bool(true));
        }
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(Value::Array(alternatives)) = map.get_mut(key) {
            let before = alternatives.len();
            alternatives.retain(|alt| alt.get("type") != Some(&Value::String("null".into())));
            if alternatives.len() < before {
                map.insert("nullable".into(), Value::Bool(true));
            }
        }
    }
    other_keys_in_a_map(map);
    if let Some(value) = map.remove("const") {
        map.insert("enum".into(), Value::Array(vec![value]));
    }
    if let Some(Value::Array(examples)) = map.get("examples") {
        let first = examples.first().cloned();
        map.remove("examples");
        if let Some(first) = first {
            map.entry("example").or_insert(first);
        }
    }
    for (exclusive, bound) in [
        ("exclusiveMinimum", "minimum"),
        ("exclusiveMaximum", "maximum"),
    ] {
        if let Some(number @ Value::Number(_)) = map.get(exclusive).cloned() {
            map.insert(bound.into(), number);
            map.insert(exclusive.into(), Value::Bool(true));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn normalized(mut value: Value) -> Value {
        walk(&mut value, false);
        value
    }

    #[test]
    fn prose_loses_carriage_returns_and_bidirectional_controls() {
        let value = normalized(json!({
            "description": "one\r\ntwo\rthree \u{202E}evil\u{2066}",
            "summary": "plain",
            "properties": {"title": {"type": "string", "description": "a\rb"}},
            "example": "kept\r"
        }));
        assert_eq!(
            value,
            json!({
                "description": "one\ntwo\nthree evil",
                "summary": "plain",
                "properties": {"title": {"type": "string", "description": "a\nb"}},
                "example": "kept\r"
            })
        );
    }

    #[test]
    fn keywords_beside_all_of_become_its_last_part() {
        let mut extended = json!({
            "allOf": [{"$ref": "#/components/schemas/Base"}],
            "type": "object",
            "description": "kept",
            "nullable": true,
            "required": ["extra"],
            "properties": {"extra": {"type": "string"}}
        });
        keywords_beside_all_of(extended.as_object_mut().unwrap());
        assert_eq!(
            extended,
            json!({
                "allOf": [
                    {"$ref": "#/components/schemas/Base"},
                    {"required": ["extra"], "properties": {"extra": {"type": "string"}}, "type": "object", "x-generator-beside": true}
                ],
                "description": "kept",
                "nullable": true
            })
        );
        let mut typed = json!({"type": "object", "allOf": [{"$ref": "#/components/schemas/Base"}]});
        keywords_beside_all_of(typed.as_object_mut().unwrap());
        assert_eq!(typed, json!({"allOf": [{"$ref": "#/components/schemas/Base"}]}));
        let mut variants = json!({
            "type": "object",
            "properties": {"common": {"type": "string"}},
            "discriminator": {"propertyName": "kind"},
            "oneOf": [{"type": "object", "properties": {"a": {}}}, {"properties": {"b": {}}}]
        });
        keywords_beside_all_of(variants.as_object_mut().unwrap());
        assert_eq!(
            variants,
            json!({"allOf": [
                {"properties": {"common": {"type": "string"}}, "type": "object", "x-generator-beside": true},
                {
                    "oneOf": [{"type": "object", "properties": {"a": {}}}, {"properties": {"b": {}}}],
                    "discriminator": {"propertyName": "kind"}
                }
            ]})
        );
        // Children that are `allOf` their parent: the parent stays as it is.
        let parent = json!({
            "type": "object",
            "properties": {"petType": {"type": "string"}},
            "oneOf": [{"$ref": "#/components/schemas/Cat"}, {"type": "object"}]
        });
        let mut kept = parent.clone();
        keywords_beside_all_of(kept.as_object_mut().unwrap());
        assert_eq!(kept, parent);
        let mut choice = json!({"type": "object", "oneOf": [{"$ref": "#/components/schemas/A"}]});
        keywords_beside_all_of(choice.as_object_mut().unwrap());
        assert_eq!(choice, json!({"oneOf": [{"$ref": "#/components/schemas/A"}]}));
        // Parts that only narrow: left as they are.
        let narrowing = json!({"type": "object", "properties": {"a": {}}, "allOf": [{"not": {"required": ["a", "b"]}}]});
        let mut kept = narrowing.clone();
        keywords_beside_all_of(kept.as_object_mut().unwrap());
        assert_eq!(kept, narrowing);
        let choices = json!({"type": "object", "anyOf": [{"required": ["a"]}, {"required": ["b"]}]});
        let mut kept = choices.clone();
        keywords_beside_all_of(kept.as_object_mut().unwrap());
        assert_eq!(kept, choices);
        // An alternative written in place that holds a `$ref` (a child `allOf` its parent).
        let parent = json!({"properties": {"a": {}}, "oneOf": [{"type": "object", "allOf": [{"$ref": "#/components/schemas/P"}]}]});
        let mut kept = parent.clone();
        keywords_beside_all_of(kept.as_object_mut().unwrap());
        assert_eq!(kept, parent);
        let mut alone = json!({"type": "object", "properties": {"a": {}}});
        keywords_beside_all_of(alone.as_object_mut().unwrap());
        assert_eq!(alone, json!({"type": "object", "properties": {"a": {}}}));
    }

    #[test]
    fn object_keywords_beside_a_ref_apply_too() {
        let schema = normalized(json!({"$ref": "#/components/schemas/Base", "properties": {"more": {}}}));
        assert_eq!(schema, json!({"allOf": [{"$ref": "#/components/schemas/Base"}], "properties": {"more": {}}}));
        // `required` beside a `$ref` only narrows: still a reference (a nullable target keeps `null`).
        let required = normalized(json!({"$ref": "#/components/schemas/Base", "required": ["id"]}));
        assert_eq!(required, json!({"$ref": "#/components/schemas/Base", "required": ["id"]}));
        let annotated = normalized(json!({"$ref": "#/components/schemas/Base", "description": "kept as a reference"}));
        assert_eq!(annotated, json!({"$ref": "#/components/schemas/Base", "description": "kept as a reference"}));
        let parameter = normalized(json!({"$ref": "#/components/parameters/Id", "required": true}));
        assert_eq!(parameter, json!({"$ref": "#/components/parameters/Id", "required": true}));
    }

    #[test]
    fn refs_to_anchors_become_pointers() {
        let mut document = json!({
            "components": {"schemas": {
                "Holder": {"properties": {"tag": {"$ref": "#tag"}, "other": {"$ref": "#nowhere"}}},
                "Tag": {"$anchor": "tag", "type": "string"}
            }}
        });
        to_openapi_3_0(&mut document);
        let properties = &document["components"]["schemas"]["Holder"]["properties"];
        assert_eq!(properties["tag"], json!({"$ref": "#/components/schemas/Tag"}));
        assert_eq!(properties["other"], json!({"$ref": "#nowhere"}));
    }

    #[test]
    fn keys_beyond_properties_are_kept_in_a_map() {
        let labels = normalized(json!({
            "type": "object",
            "properties": {"a": {"type": "string"}},
            "patternProperties": {"^x-": {"type": "string"}},
            "additionalProperties": false
        }));
        assert_eq!(labels["additionalProperties"], json!({"type": "string"}));
        let mixed = normalized(json!({
            "patternProperties": {"^a": {"type": "string"}, "^b": {"type": "integer"}},
            "additionalProperties": false
        }));
        assert_eq!(mixed["additionalProperties"], json!(true));
        // Keys no pattern matches may hold anything.
        let open = normalized(json!({"properties": {"n": {}}, "patternProperties": {"^x-": {"type": "string"}}}));
        assert_eq!(open["additionalProperties"], json!(true));
        let closed_conditional = normalized(json!({"properties": {"a": {}}, "if": {}, "then": {}, "additionalProperties": false}));
        assert_eq!(closed_conditional["additionalProperties"], json!(false));
        let counts = normalized(json!({"properties": {"a": {}}, "unevaluatedProperties": {"type": "integer"}}));
        assert_eq!(counts["additionalProperties"], json!({"type": "integer"}));
        let conditional = normalized(json!({"properties": {"country": {}}, "if": {}, "then": {}}));
        assert_eq!(conditional["additionalProperties"], json!(true));
        let text = normalized(json!({"type": "string", "if": {"minLength": 3}, "then": {}}));
        assert!(text.get("additionalProperties").is_none());
        let closed = normalized(json!({"properties": {"a": {}}, "unevaluatedProperties": false}));
        assert!(closed.get("additionalProperties").is_none());
    }

    #[test]
    fn nullable_type_arrays_become_nullable() {
        assert_eq!(
            normalized(json!({"type": ["string", "null"]})),
            json!({"type": "string", "nullable": true})
        );
    }

    #[test]
    fn several_types_become_one_of() {
        assert_eq!(
            normalized(json!({"type": ["integer", "string"]})),
            json!({"oneOf": [{"type": "integer"}, {"type": "string"}]})
        );
    }

    #[test]
    fn type_specific_keywords_follow_their_type() {
        assert_eq!(
            normalized(
                json!({"type": ["integer", "string"], "pattern": "^[0-9]+$", "minimum": 0, "description": "d"})
            ),
            json!({"description": "d", "oneOf": [{"type": "integer", "minimum": 0}, {"type": "string", "pattern": "^[0-9]+$"}]})
        );
    }

    #[test]
    fn const_examples_and_exclusive_bounds() {
        assert_eq!(
            normalized(json!({"const": "a", "examples": ["x", "y"], "exclusiveMinimum": 3})),
            json!({"enum": ["a"], "example": "x", "exclusiveMinimum": true, "minimum": 3})
        );
    }

    #[test]
    fn property_names_are_not_keywords() {
        let value = json!({"properties": {"const": {"type": "string"}, "type": {"const": 1}}});
        assert_eq!(
            normalized(value),
            json!({"properties": {"const": {"type": "string"}, "type": {"enum": [1]}}})
        );
    }

    #[test]
    fn null_alternatives_are_dropped() {
        assert_eq!(
            normalized(json!({"anyOf": [{"$ref": "#/x"}, {"type": "null"}]})),
            json!({"anyOf": [{"$ref": "#/x"}], "nullable": true})
        );
    }
}
