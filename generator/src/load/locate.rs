//! Finding the deepest place a structural error comes from.
//!
//! `openapiv3` uses flattened and untagged types, through which serde loses track of the
//! path, so an error often surfaces at `#/paths` or `#/components`. This retries the parts
//! of the document one by one, from the top down, to name the smallest part that fails.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::{pointer_push, Error};

/// Narrows an error reported at `pointer` to the deepest part of `raw` that fails on its own.
pub fn narrow(raw: &Value, pointer: String, message: String) -> Error {
    if let Some(paths) = raw.get("paths").and_then(Value::as_object) {
        for (path, item) in paths {
            let item_pointer = pointer_push("#/paths", path);
            if let Some(found) = path_item(item, &item_pointer) {
                return invalid(found);
            }
        }
    }
    if let Some(components) = raw.get("components").and_then(Value::as_object) {
        for (kind, entries) in components {
            let Some(entries) = entries.as_object() else { continue };
            for (name, entry) in entries {
                let entry_pointer = pointer_push(&pointer_push("#/components", kind), name);
                let failure = match kind.as_str() {
                    "schemas" => check::<openapiv3::ReferenceOr<openapiv3::Schema>>(entry),
                    "parameters" => check::<openapiv3::ReferenceOr<openapiv3::Parameter>>(entry),
                    "responses" => check::<openapiv3::ReferenceOr<openapiv3::Response>>(entry),
                    "requestBodies" => check::<openapiv3::ReferenceOr<openapiv3::RequestBody>>(entry),
                    "securitySchemes" => check::<openapiv3::ReferenceOr<openapiv3::SecurityScheme>>(entry),
                    _ => None,
                };
                if let Some(message) = failure {
                    return invalid((entry_pointer, message));
                }
            }
        }
    }
    invalid((pointer, message))
}

fn invalid((pointer, message): (String, String)) -> Error {
    Error::Invalid { pointer, message }
}

fn check<T: DeserializeOwned>(value: &Value) -> Option<String> {
    serde_json::from_value::<T>(value.clone()).err().map(|e| e.to_string())
}

fn path_item(item: &Value, pointer: &str) -> Option<(String, String)> {
    let message = check::<openapiv3::ReferenceOr<openapiv3::PathItem>>(item)?;
    let object = item.as_object()?;
    for (key, value) in object {
        let at = pointer_push(pointer, key);
        let deeper = match key.as_str() {
            "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace" => operation(value, &at),
            "parameters" => list::<openapiv3::ReferenceOr<openapiv3::Parameter>>(value, &at),
            _ => None,
        };
        if deeper.is_some() {
            return deeper;
        }
    }
    Some((pointer.to_owned(), message))
}

fn operation(op: &Value, pointer: &str) -> Option<(String, String)> {
    let message = check::<openapiv3::Operation>(op)?;
    if let Some(object) = op.as_object() {
        for (key, value) in object {
            let at = pointer_push(pointer, key);
            let deeper = match key.as_str() {
                "parameters" => list::<openapiv3::ReferenceOr<openapiv3::Parameter>>(value, &at),
                "requestBody" => check::<openapiv3::ReferenceOr<openapiv3::RequestBody>>(value).map(|m| (at, m)),
                "responses" => responses(value, &at),
                _ => None,
            };
            if deeper.is_some() {
                return deeper;
            }
        }
    }
    Some((pointer.to_owned(), message))
}

fn responses(value: &Value, pointer: &str) -> Option<(String, String)> {
    let message = check::<openapiv3::Responses>(value)?;
    if let Some(object) = value.as_object() {
        for (code, response) in object {
            if let Some(m) = check::<openapiv3::ReferenceOr<openapiv3::Response>>(response) {
                return Some((pointer_push(pointer, code), m));
            }
        }
    }
    Some((pointer.to_owned(), message))
}

fn list<T: DeserializeOwned>(value: &Value, pointer: &str) -> Option<(String, String)> {
    let message = check::<Vec<T>>(value)?;
    if let Some(items) = value.as_array() {
        for (index, item) in items.iter().enumerate() {
            if let Some(m) = check::<T>(item) {
                return Some((pointer_push(pointer, &index.to_string()), m));
            }
        }
    }
    Some((pointer.to_owned(), message))
}
