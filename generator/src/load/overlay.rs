//! OpenAPI Overlay Specification 1.0: actions with JSONPath targets that update or remove
//! parts of a document, so vendor corrections live beside the upstream text, not in it.
//!
//! `update` merges into each target: objects recursively, anything else replaced; when the
//! target is an array, the update is appended to it. `remove: true` deletes each target.

use serde_json::Value;
use serde_json_path::JsonPath;

/// Applies every action of `overlay` to `document`, in order.
pub fn apply_overlay(document: &mut Value, overlay: &Value) -> Result<(), String> {
    let version = overlay
        .get("overlay")
        .and_then(Value::as_str)
        .unwrap_or_default();
    if !version.starts_with("1.") {
        return Err(format!(
            "expected 'overlay: 1.0.0' at the top, found '{version}'"
        ));
    }
    let actions = overlay
        .get("actions")
        .and_then(Value::as_array)
        .ok_or("no 'actions' list")?;
    for (index, action) in actions.iter().enumerate() {
        apply_action(document, action).map_err(|e| format!("actions[{index}]: {e}"))?;
    }
    Ok(())
}

fn apply_action(document: &mut Value, action: &Value) -> Result<(), String> {
    let target = action
        .get("target")
        .and_then(Value::as_str)
        .ok_or("no 'target'")?;
    let path = JsonPath::parse(target).map_err(|e| format!("target '{target}': {e}"))?;
    let pointers: Vec<String> = path
        .query_located(document)
        .dedup()
        .locations()
        .map(|location| location.to_json_pointer())
        .collect();
    if pointers.is_empty() {
        return Err(format!("target '{target}' matches nothing in the document"));
    }
    let remove = action
        .get("remove")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    // Deepest first, so removing one target cannot shift the pointer of another.
    for pointer in pointers.iter().rev() {
        if remove {
            remove_at(document, pointer);
        } else if let Some(update) = action.get("update") {
            if let Some(node) = document.pointer_mut(pointer) {
                merge(node, update);
            }
        } else {
            return Err("neither 'update' nor 'remove: true'".into());
        }
    }
    Ok(())
}

fn remove_at(document: &mut Value, pointer: &str) {
    let Some((parent, last)) = pointer.rsplit_once('/') else {
        return;
    };
    let key = last.replace("~1", "/").replace("~0", "~");
    match document.pointer_mut(parent) {
        Some(Value::Object(map)) => {
            map.shift_remove(&key);
        }
        Some(Value::Array(items)) => {
            if let Ok(index) = key.parse::<usize>() {
                if index < items.len() {
                    items.remove(index);
                }
            }
        }
        _ => {}
    }
}

fn merge(target: &mut Value, update: &Value) {
    match (target, update) {
        (Value::Object(target), Value::Object(update)) => {
            for (key, value) in update {
                match target.get_mut(key) {
                    Some(existing @ Value::Object(_)) if value.is_object() => {
                        merge(existing, value)
                    }
                    _ => {
                        target.insert(key.clone(), value.clone());
                    }
                }
            }
        }
        (Value::Array(items), update) => items.push(update.clone()),
        (target, update) => *target = update.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn update_merges_and_remove_deletes() {
        let mut doc = json!({
            "paths": {"/a": {"get": {"summary": "old", "tags": ["x"]}}},
            "servers": [{"url": "https://one"}, {"url": "https://two"}]
        });
        let overlay = json!({"overlay": "1.0.0", "actions": [
            {"target": "$.paths['/a'].get", "update": {"summary": "new", "x-extra": 1}},
            {"target": "$.paths['/a'].get.tags", "update": "y"},
            {"target": "$.servers[1]", "remove": true}
        ]});
        apply_overlay(&mut doc, &overlay).unwrap();
        assert_eq!(
            doc,
            json!({
                "paths": {"/a": {"get": {"summary": "new", "tags": ["x", "y"], "x-extra": 1}}},
                "servers": [{"url": "https://one"}]
            })
        );
    }

    #[test]
    fn removing_several_array_items_keeps_the_right_ones() {
        let mut doc = json!({"s": [1, 2, 3, 4]});
        let overlay =
            json!({"overlay": "1.0.0", "actions": [{"target": "$.s[1,2]", "remove": true}]});
        apply_overlay(&mut doc, &overlay).unwrap();
        assert_eq!(doc, json!({"s": [1, 4]}));
    }

    #[test]
    fn a_target_that_matches_nothing_is_an_error() {
        let mut doc = json!({});
        let overlay = json!({"overlay": "1.0.0", "actions": [{"target": "$.nope", "update": {}}]});
        let err = apply_overlay(&mut doc, &overlay).unwrap_err();
        assert!(err.contains("matches nothing"), "{err}");
    }
}
