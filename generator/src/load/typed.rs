//! The checked JSON tree → `openapiv3` types on two threads: the same value as
//! `openapiv3::OpenAPI::deserialize(tree)`, sooner on a machine with two cores or more.
//!
//! The Paths Object and the Components Object hold nearly all of a document, and neither
//! needs the other, so they are typed at the same time, entry by entry, while the rest of the
//! document is typed the usual way. The work is the same as one `deserialize` call (the same
//! instructions under callgrind); on GitHub's description the typed copy takes 120–145 ms
//! instead of 200–370 ms (BENCHMARKS.md, 7i).

use indexmap::IndexMap;
use openapiv3::{Components, OpenAPI, Paths, ReferenceOr};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::{Map, Value};

/// `openapiv3::OpenAPI::deserialize(tree)`, on two threads (see the module docs). A tree whose
/// `paths` or `components` is not a mapping goes the plain way, so its error is `openapiv3`'s.
pub fn deserialize(tree: &Value) -> serde_json::Result<OpenAPI> {
    let Some(root) = tree.as_object() else {
        return OpenAPI::deserialize(tree);
    };
    let (Some(Value::Object(paths)), components) = (root.get("paths"), root.get("components"))
    else {
        return OpenAPI::deserialize(tree);
    };
    let components = match components {
        None => None,
        Some(Value::Object(components)) => Some(components),
        Some(_) => return OpenAPI::deserialize(tree),
    };
    // Everything else is small: typed the usual way, with empty stand-ins for the two.
    let rest: Map<String, Value> = root
        .iter()
        .filter(|(key, _)| *key != "components")
        .map(|(key, value)| match key.as_str() {
            "paths" => (key.clone(), Value::Object(Map::new())),
            _ => (key.clone(), value.clone()),
        })
        .collect();
    let type_components = || components.map(components_of).transpose();
    let (paths, components) = std::thread::scope(|scope| {
        let thread = std::thread::Builder::new()
            .name("typing components".into())
            // As much stack as a main thread: deserializing nested schemas recurses.
            .stack_size(8 << 20)
            .spawn_scoped(scope, type_components);
        let paths = paths_of(paths);
        let components = match thread {
            // A panic in `openapiv3` is passed on as it is, as on one thread.
            Ok(thread) => thread.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            // No thread to be had: one after the other.
            Err(_) => type_components(),
        };
        (paths, components)
    });
    let mut spec = OpenAPI::deserialize(&Value::Object(rest))?;
    spec.paths = paths?;
    spec.components = components?;
    Ok(spec)
}

/// A Paths Object: keys starting with `/` are Path Items, with `x-` extensions, and any other
/// key is dropped (as `openapiv3` does).
fn paths_of(paths: &Map<String, Value>) -> serde_json::Result<Paths> {
    Ok(Paths {
        paths: entries(paths, |key| key.starts_with('/'))?,
        extensions: extensions(paths),
    })
}

/// A Components Object, section by section.
fn components_of(components: &Map<String, Value>) -> serde_json::Result<Components> {
    fn section<T: DeserializeOwned>(
        components: &Map<String, Value>,
        name: &str,
    ) -> serde_json::Result<IndexMap<String, ReferenceOr<T>>> {
        match components.get(name) {
            None => Ok(IndexMap::new()),
            Some(Value::Object(entries)) => self::entries(entries, |_| true),
            // Not a mapping: `openapiv3`'s own error, with its own words.
            Some(other) => IndexMap::deserialize(other),
        }
    }
    Ok(Components {
        schemas: section(components, "schemas")?,
        responses: section(components, "responses")?,
        parameters: section(components, "parameters")?,
        examples: section(components, "examples")?,
        request_bodies: section(components, "requestBodies")?,
        headers: section(components, "headers")?,
        security_schemes: section(components, "securitySchemes")?,
        links: section(components, "links")?,
        callbacks: section(components, "callbacks")?,
        extensions: extensions(components),
    })
}

/// The entries of `map` whose keys satisfy `keep`, each typed on its own.
fn entries<T: DeserializeOwned>(
    map: &Map<String, Value>,
    keep: impl Fn(&str) -> bool,
) -> serde_json::Result<IndexMap<String, T>> {
    map.iter()
        .filter(|(key, _)| keep(key))
        .map(|(key, value)| Ok((key.clone(), T::deserialize(value)?)))
        .collect()
}

/// The `x-` entries of `map`, as `openapiv3` keeps them.
fn extensions(map: &Map<String, Value>) -> IndexMap<String, Value> {
    map.iter()
        .filter(|(key, _)| key.starts_with("x-"))
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// The reference: `openapiv3`'s own deserialization, with its error as text.
    fn plain(tree: &Value) -> Result<OpenAPI, String> {
        OpenAPI::deserialize(tree).map_err(|e| e.to_string())
    }

    fn same_as_plain(tree: &Value) {
        let ours = deserialize(tree).map_err(|e| e.to_string());
        match (&ours, plain(tree)) {
            // `Debug`, not `==`: `IndexMap`'s equality ignores order, and order is output.
            (Ok(ours), Ok(theirs)) => {
                assert_eq!(format!("{ours:?}"), format!("{theirs:?}"), "typed differently: {tree}")
            }
            (Err(_), Err(_)) => {}
            (ours, theirs) => panic!("{ours:?} against {theirs:?} for {tree}"),
        }
    }

    #[test]
    fn every_document_here_is_typed_as_openapiv3_types_it() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let cases = "generator/tests/cases";
        let folders = [
            "spec",
            "generator/tests/corpus",
            cases,
            &format!("{cases}/auth"),
            &format!("{cases}/wire"),
            &format!("{cases}/evolution"),
            &format!("{cases}/documents"),
        ];
        let mut seen = 0;
        for folder in &folders {
            for entry in std::fs::read_dir(root.join(folder)).unwrap() {
                let path = entry.unwrap().path();
                let is_document = matches!(
                    path.extension().and_then(|e| e.to_str()),
                    Some("yaml" | "yml" | "json")
                ) && !path.to_string_lossy().contains("overlay");
                if let (true, Ok(text)) = (is_document, std::fs::read_to_string(&path)) {
                    if let Ok(tree) = super::super::parse_text(&path, &text) {
                        same_as_plain(&tree);
                        seen += 1;
                    }
                }
            }
        }
        assert!(seen > 40, "only {seen} documents found");
    }

    #[test]
    fn the_deepest_components_the_parser_lets_through_are_typed() {
        // The parser stops at 128 levels of nesting; a chain of `allOf`s is two per schema.
        let mut schema = String::from(r#"{"type": "string"}"#);
        for _ in 0..62 {
            schema = format!(r#"{{"allOf": [{schema}]}}"#);
        }
        let text = format!(
            r#"{{"openapi": "3.0.3", "info": {{"title": "t", "version": "1"}}, "paths": {{}}, "components": {{"schemas": {{"A": {schema}}}}}}}"#
        );
        let tree = super::super::parse_text(Path::new("deep.json"), &text).unwrap();
        let spec = deserialize(&tree).unwrap();
        assert!(spec.components.is_some_and(|c| c.schemas.contains_key("A")));
    }

    #[test]
    fn extensions_odd_keys_and_odd_shapes_are_typed_as_openapiv3_types_them() {
        let item =
            serde_json::json!({"get": {"responses": {"200": {"description": "ok"}}}, "x-item": 1});
        let schema = serde_json::json!({"type": "object", "properties": {"a": {"type": "string"}}});
        let info = serde_json::json!({"title": "t", "version": "1"});
        for tree in [
            serde_json::json!({"openapi": "3.0.3", "info": info, "paths": {"/a": item, "x-paths": [1], "odd": {}}, "x-top": {"k": true}}),
            serde_json::json!({"openapi": "3.0.3", "info": info, "paths": {}, "components": {"schemas": {"S": schema, "R": {"$ref": "#/components/schemas/S"}}, "x-c": 2, "odd": 3}}),
            serde_json::json!({"openapi": "3.0.3", "info": info, "paths": {}, "components": {"securitySchemes": {"k": {"type": "apiKey", "in": "header", "name": "K"}}, "requestBodies": {}}}),
            serde_json::json!({"openapi": "3.0.3", "info": info, "paths": {}, "components": null}),
            serde_json::json!({"openapi": "3.0.3", "info": info, "paths": {}, "components": {"schemas": null}}),
            serde_json::json!({"openapi": "3.0.3", "info": info, "paths": {}, "components": {"schemas": {"S": 7}}}),
            serde_json::json!({"openapi": "3.0.3", "info": info, "paths": {"/a": 7}}),
            serde_json::json!({"openapi": "3.0.3", "info": info, "paths": []}),
            serde_json::json!({"openapi": "3.0.3", "info": info}),
            serde_json::json!({"openapi": "3.0.3", "paths": {}}),
            serde_json::json!([]),
        ] {
            same_as_plain(&tree);
        }
    }
}
