// The round-trip check of a generated crate (copied in by generator/tests/corpus.rs, followed
// by a generated `decode_encode` that names every type of the crate).
//
// `tests/roundtrip.json` holds schema-valid instances of every named type, generated from the
// document. Each must decode into its type and encode back to the same JSON: the same keys
// (absent stays absent, `null` stays `null`), numbers equal by value (`5` and `5.0` are one
// number), date-times equal as instants (the client writes UTC).

use serde_json::Value;

/// Decodes `value` into `T` and encodes it again.
fn check<T: serde::de::DeserializeOwned + serde::Serialize>(value: &Value) -> Result<Value, String> {
    let decoded: T = serde_json::from_str(&value.to_string()).map_err(|e| format!("does not decode: {e}"))?;
    serde_json::to_value(&decoded).map_err(|e| format!("does not encode: {e}"))
}

/// Where `sent` and `back` differ, as a JSON path, or `None` when they are the same data.
fn difference(path: &str, sent: &Value, back: &Value) -> Option<String> {
    match (sent, back) {
        (Value::Number(a), Value::Number(b)) => {
            let same = match (a.as_i64(), b.as_i64(), a.as_u64(), b.as_u64()) {
                (Some(x), Some(y), _, _) => x == y,
                (_, _, Some(x), Some(y)) => x == y,
                _ => a.as_f64() == b.as_f64() && a.as_f64().is_some(),
            };
            (!same).then(|| format!("{path}: sent {a}, got back {b}"))
        }
        (Value::String(a), Value::String(b)) if a != b => {
            let instant = |s: &str| s.parse::<jiff::Timestamp>().ok();
            match (instant(a), instant(b)) {
                (Some(x), Some(y)) if x == y => None,
                _ => Some(format!("{path}: sent {a:?}, got back {b:?}")),
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => a
            .iter()
            .zip(b)
            .enumerate()
            .find_map(|(i, (x, y))| difference(&format!("{path}/{i}"), x, y)),
        (Value::Object(a), Value::Object(b)) => {
            if let Some(key) = a.keys().find(|k| !b.contains_key(*k)) {
                return Some(format!("{path}/{key}: dropped"));
            }
            if let Some(key) = b.keys().find(|k| !a.contains_key(*k)) {
                return Some(format!("{path}/{key}: added as {}", b[key.as_str()]));
            }
            a.iter().find_map(|(k, x)| difference(&format!("{path}/{k}"), x, &b[k.as_str()]))
        }
        _ if sent == back => None,
        _ => Some(format!("{path}: sent {sent}, got back {back}")),
    }
}

#[test]
fn every_instance_of_every_type_comes_back_unchanged() {
    let instances: std::collections::BTreeMap<String, Vec<Value>> =
        serde_json::from_str(include_str!("roundtrip.json")).expect("instances written by the generator's test");
    assert!(!instances.is_empty(), "no instances were generated");
    let mut failures = Vec::new();
    for (name, values) in &instances {
        for value in values {
            let outcome = decode_encode(name, value).and_then(|back| match difference("", value, &back) {
                Some(diff) => Err(diff),
                None => Ok(()),
            });
            if let Err(why) = outcome {
                failures.push(format!("{name}: {value}\n    {why}"));
            }
        }
    }
    assert!(failures.is_empty(), "{} values do not round-trip:\n{}", failures.len(), failures.join("\n"));
}
