//! Mutated documents thrown at the loader, the model builder and the emitter: whatever the
//! input, no panic, no run longer than a second, never the fallback error that means the
//! loader's structural check let through something `openapiv3` rejects, and, for every
//! document the model builder accepts, Rust that parses.
//!
//! Seeds: the corpus, the document cases and the Citrix document. Each iteration applies a
//! few random mutations to one of them: delete, duplicate, retype or swap nodes, nest a node
//! deeply, point a `$ref` somewhere, rename a key, or damage the text itself.
//!
//! `FUZZ_ITERATIONS` (default 1,500, a few seconds) and `FUZZ_SEED` (default fixed, so the
//! normal run is reproducible) run it longer or elsewhere, e.g.
//! `FUZZ_ITERATIONS=200000 FUZZ_SEED=$RANDOM cargo test -p generator --release --test fuzz`.
//! `FUZZ_KEEP=<folder>` also writes there every mutated document that generates, named
//! `<seed>-<iteration>.yaml`, so that the crates of some can be compiled by hand.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use generator::{load, Error};
use serde_json::{json, Map, Value};

fn seeds() -> Vec<(PathBuf, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = vec![dir.join("../spec/citrix-cloud-openapi.yml")];
    for folder in ["tests/corpus", "tests/cases/documents"] {
        let mut found: Vec<PathBuf> = std::fs::read_dir(dir.join(folder))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                matches!(
                    p.extension().and_then(|e| e.to_str()),
                    Some("yaml" | "yml" | "json")
                )
            })
            .collect();
        found.sort();
        paths.extend(found);
    }
    paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            (p, text)
        })
        .collect()
}

/// Number of nodes under `value`, itself included.
fn count(value: &Value) -> usize {
    1 + match value {
        Value::Array(items) => items.iter().map(count).sum(),
        Value::Object(map) => map.values().map(count).sum(),
        _ => 0,
    }
}

/// One step from a node to a child.
enum Step {
    Index(usize),
    Key(String),
}

/// The `index`-th node in pre-order.
fn nth(value: &mut Value, index: usize) -> &mut Value {
    fn path(value: &Value, index: &mut usize, steps: &mut Vec<Step>) -> bool {
        if *index == 0 {
            return true;
        }
        *index -= 1;
        match value {
            Value::Array(items) => items.iter().enumerate().any(|(i, v)| {
                steps.push(Step::Index(i));
                path(v, index, steps) || {
                    steps.pop();
                    false
                }
            }),
            Value::Object(map) => map.iter().any(|(k, v)| {
                steps.push(Step::Key(k.clone()));
                path(v, index, steps) || {
                    steps.pop();
                    false
                }
            }),
            _ => false,
        }
    }
    let mut steps = Vec::new();
    let mut left = index;
    assert!(path(value, &mut left, &mut steps), "index below count");
    steps.iter().fold(value, |node, step| match step {
        Step::Index(i) => &mut node[*i],
        Step::Key(k) => &mut node[k.as_str()],
    })
}

fn nth_clone(value: &Value, index: usize) -> Value {
    let mut copy = value.clone();
    nth(&mut copy, index).clone()
}

fn random_scalar(rng: &mut fastrand::Rng) -> Value {
    match rng.u8(0..9) {
        0 => Value::Null,
        1 => Value::Bool(rng.bool()),
        2 => json!(rng.i64(..)),
        3 => json!(1e300 * rng.f64()),
        4 => json!(340_282_366_920_938_463_463_374_607_431_768_211_455.0_f64),
        5 => json!(
            ["string", "integer", "object", "array", "number", "boolean", "null", "file"]
                [rng.usize(0..8)]
        ),
        6 => json!([]),
        7 => json!({}),
        _ => json!("not a schema"),
    }
}

const KEYS: &[&str] = &[
    "type",
    "properties",
    "items",
    "allOf",
    "oneOf",
    "anyOf",
    "not",
    "$ref",
    "enum",
    "required",
    "schema",
    "content",
    "responses",
    "parameters",
    "in",
    "name",
    "description",
    "additionalProperties",
    "discriminator",
    "nullable",
    "default",
    "headers",
    "requestBody",
    "style",
    "format",
    "minLength",
    "x-rust-name",
];

fn random_ref(rng: &mut fastrand::Rng) -> Value {
    let targets = [
        "#/components/schemas/Nope",
        "#/components/schemas/",
        "#/paths",
        "#",
        "#/components",
        "missing.yaml#/A",
        "02-external-ref.yaml#/components/schemas/Robot",
        "06-external-ref.yaml",
        "https://example.com/a.yaml#/A",
        "#/paths/~1robots~1{id}/get",
        "not a uri %zz#x",
    ];
    json!({ "$ref": targets[rng.usize(0..targets.len())] })
}

fn mutate(tree: &mut Value, rng: &mut fastrand::Rng) {
    let total = count(tree);
    let at = rng.usize(0..total);
    match rng.u8(0..9) {
        // Delete: empty the node's container entry.
        0 => {
            let node = nth(tree, at);
            match node {
                Value::Object(map) if !map.is_empty() => {
                    let key = map.keys().nth(rng.usize(0..map.len())).unwrap().clone();
                    map.shift_remove(&key);
                }
                Value::Array(items) if !items.is_empty() => {
                    items.remove(rng.usize(0..items.len()));
                }
                other => *other = Value::Null,
            }
        }
        // Duplicate a node somewhere else.
        1 => {
            let copy = nth_clone(tree, at);
            let to = rng.usize(0..total);
            match nth(tree, to) {
                Value::Object(map) => {
                    map.insert(KEYS[rng.usize(0..KEYS.len())].into(), copy);
                }
                Value::Array(items) => items.push(copy),
                other => *other = copy,
            }
        }
        // Retype.
        2 | 3 => *nth(tree, at) = random_scalar(rng),
        // Nest deeply.
        4 => {
            let node = nth(tree, at);
            let mut value = std::mem::take(node);
            for _ in 0..rng.usize(1..70) {
                value = match rng.u8(0..4) {
                    0 => json!({ "properties": { "a": value } }),
                    1 => json!({ "items": value }),
                    2 => json!({ "allOf": [value] }),
                    _ => json!([value]),
                };
            }
            *node = value;
        }
        // A `$ref`, in a place it may or may not belong.
        5 => match nth(tree, at) {
            Value::Object(map) if rng.bool() => {
                map.insert("$ref".into(), random_ref(rng)["$ref"].clone());
            }
            other => *other = random_ref(rng),
        },
        // Rename a key.
        6 => {
            if let Value::Object(map) = nth(tree, at) {
                if !map.is_empty() {
                    let entries: Vec<(String, Value)> = std::mem::take(map).into_iter().collect();
                    let victim = rng.usize(0..entries.len());
                    *map = entries
                        .into_iter()
                        .enumerate()
                        .map(|(i, (k, v))| {
                            if i == victim {
                                (KEYS[rng.usize(0..KEYS.len())].to_owned(), v)
                            } else {
                                (k, v)
                            }
                        })
                        .collect::<Map<String, Value>>();
                }
            }
        }
        // Swap two nodes.
        7 => {
            let first = nth_clone(tree, at);
            let other_at = rng.usize(0..total);
            let second = nth_clone(tree, other_at);
            *nth(tree, at) = second;
            if other_at < count(tree) {
                *nth(tree, other_at) = first;
            }
        }
        // Wrap in a list or a mapping.
        _ => {
            let node = nth(tree, at);
            let value = std::mem::take(node);
            *node = if rng.bool() {
                json!([value])
            } else {
                json!({ KEYS[rng.usize(0..KEYS.len())]: value })
            };
        }
    }
}

/// Damages the text: cuts it, or inserts or deletes a few bytes at a char boundary.
fn damage(text: &str, rng: &mut fastrand::Rng) -> String {
    let mut text = text.to_owned();
    let boundary = |text: &str, rng: &mut fastrand::Rng| {
        let mut at = rng.usize(0..=text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        at
    };
    match rng.u8(0..3) {
        0 => {
            let at = boundary(&text, rng);
            text.truncate(at);
        }
        1 => {
            let at = boundary(&text, rng);
            let piece = [
                "{",
                "[",
                ":",
                "\"",
                "- ",
                "\n  ",
                "&a ",
                "*a",
                "!!binary ",
                "99999999999999999999999",
                "\t",
                "#",
            ][rng.usize(0..12)];
            text.insert_str(at, piece);
        }
        _ => {
            let at = boundary(&text, rng);
            let mut end = (at + rng.usize(1..8)).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            text.replace_range(at..end, "");
        }
    }
    text
}

#[test]
fn mutated_documents_never_panic_or_hang() {
    let iterations: usize = std::env::var("FUZZ_ITERATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1500);
    let seed: u64 = std::env::var("FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(14);
    // Where to keep each document that generates, to compile the crates of some (on demand).
    let keep = std::env::var_os("FUZZ_KEEP").map(PathBuf::from);
    if let Some(folder) = &keep {
        std::fs::create_dir_all(folder).unwrap();
    }
    let mut rng = fastrand::Rng::with_seed(seed);
    let seeds = seeds();
    let trees: Vec<(PathBuf, Value)> = seeds
        .iter()
        .map(|(path, text)| (path.clone(), load::parse_text(path, text).unwrap()))
        .collect();
    let mut outcomes = [0usize; 3];
    for iteration in 0..iterations {
        let pick = rng.usize(0..trees.len());
        let (path, tree) = &trees[pick];
        let label = format!(
            "seed {seed}, iteration {iteration}, from {}",
            path.display()
        );
        let started = Instant::now();
        let (input, result) = if rng.u8(0..5) == 0 {
            let text = damage(&seeds[pick].1, &mut rng);
            let result = std::panic::catch_unwind(|| {
                load::parse_text(path, &text).and_then(|tree| build(path, tree))
            });
            (text, result)
        } else {
            let mut tree = tree.clone();
            for _ in 0..rng.usize(1..4) {
                mutate(&mut tree, &mut rng);
            }
            let text = serde_json::to_string(&tree).unwrap_or_default();
            (text, std::panic::catch_unwind(|| build(path, tree)))
        };
        let elapsed = started.elapsed();
        let label = format!("{label}\n--- the document:\n{input}\n---\n");
        let result = result.unwrap_or_else(|_| panic!("{label}: panicked"));
        assert!(
            elapsed < Duration::from_secs(1),
            "{label}: took {elapsed:?}"
        );
        match result {
            Ok(()) => {
                outcomes[0] += 1;
                if let Some(folder) = &keep {
                    std::fs::write(folder.join(format!("{seed}-{iteration}.yaml")), &input).unwrap();
                }
            }
            Err(Error::Invalid { pointer, message })
                if pointer_is_load_fallback(&pointer, &message) =>
            {
                panic!("{label}: the structural check let through what openapiv3 rejects: {pointer}: {message}")
            }
            Err(Error::Structure { .. } | Error::Syntax { .. } | Error::NotOpenApi { .. }) => {
                outcomes[1] += 1
            }
            Err(_) => outcomes[2] += 1,
        }
    }
    eprintln!(
        "{iterations} documents: {} built, {} rejected by the loader, {} by the model",
        outcomes[0], outcomes[1], outcomes[2]
    );
    assert!(
        outcomes[0] > 0 && outcomes[1] > 0,
        "mutations reach both outcomes: {outcomes:?}"
    );
}

/// Loads, models and emits `tree`. Whatever model the builder accepts, the emitter must turn
/// into Rust that parses: an [`Error::Emit`] there is a bug in the emitter, not in the document.
fn build(path: &Path, tree: Value) -> Result<(), Error> {
    let document = load::from_tree(path, tree)?;
    let api = generator::model::build(&document)?;
    match generator::emit::render(&api, &generator::Settings::new("fuzzed", "fuzz")) {
        Err(error @ Error::Emit { .. }) => panic!("the emitter wrote Rust that does not parse: {error}"),
        other => other.map(drop),
    }
}

/// The loader's fallback (`Error::Invalid` from `openapiv3`) says "invalid type", "missing
/// field", "unknown variant" and the like in serde's words; the model's own `Invalid`s do not.
fn pointer_is_load_fallback(_pointer: &str, message: &str) -> bool {
    [
        "invalid type",
        "missing field",
        "unknown variant",
        "invalid value",
        "did not match",
        "no variant",
        "expected",
    ]
    .iter()
    .any(|serde_word| message.contains(serde_word))
}
