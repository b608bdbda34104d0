//! Stage one: read a document (YAML or JSON, OpenAPI 3.0 or 3.1), apply an overlay, and
//! deserialize it into `openapiv3` types.
//!
//! `openapiv3` models OpenAPI 3.0, so 3.1 constructs are first rewritten into their 3.0
//! equivalents on the untyped JSON tree ([`normalize`]).

mod locate;
mod normalize;
mod overlay;

use std::path::Path;

use serde_json::Value;

use crate::error::{Error, Result};

pub use overlay::apply_overlay;

/// A document ready for the model builder.
#[derive(Debug, Clone)]
pub struct Document {
    /// The `openapi` version string as written.
    pub openapi_version: String,
    /// The typed document.
    pub spec: openapiv3::OpenAPI,
    /// The JSON tree the typed document came from, for extensions `openapiv3` does not keep.
    pub raw: Value,
}

/// Reads `path`, applies the overlay at `overlay` when given, and types the result.
pub fn load_file(path: &Path, overlay: Option<&Path>) -> Result<Document> {
    let raw = read_with_overlay(path, overlay)?;
    from_tree(path, raw)
}

/// Reads `path` and applies the overlay at `overlay` when given: the document as the service
/// really behaves, still in its own OpenAPI version (for mock servers and other tools).
pub fn read_with_overlay(path: &Path, overlay: Option<&Path>) -> Result<Value> {
    let mut raw = read_tree(path)?;
    if let Some(overlay_path) = overlay {
        let overlay_tree = read_tree(overlay_path)?;
        apply_overlay(&mut raw, &overlay_tree).map_err(|message| Error::Overlay {
            path: overlay_path.to_owned(),
            message,
        })?;
    }
    Ok(raw)
}

/// Parses text that is YAML or JSON (JSON is YAML) into a JSON tree.
pub fn parse_text(path: &Path, text: &str) -> Result<Value> {
    if text.trim().is_empty() {
        return Err(Error::NotOpenApi {
            path: path.to_owned(),
            reason: "the file is empty; expected an OpenAPI 3.0 or 3.1 document".into(),
        });
    }
    serde_yaml::from_str::<Value>(text).map_err(|e| {
        let (line, column) = e.location().map_or((0, 0), |l| (l.line(), l.column()));
        Error::Syntax {
            path: path.to_owned(),
            line,
            column,
            message: e.to_string(),
        }
    })
}

fn read_tree(path: &Path) -> Result<Value> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        action: "cannot read",
        path: path.to_owned(),
        source,
    })?;
    parse_text(path, &text)
}

/// Checks the version, normalises 3.1 constructs and deserializes into `openapiv3`.
pub fn from_tree(path: &Path, mut raw: Value) -> Result<Document> {
    let openapi_version = check_version(path, &raw)?;
    if openapi_version.starts_with("3.1") {
        normalize::to_openapi_3_0(&mut raw);
    }
    let spec: openapiv3::OpenAPI = serde_path_to_error::deserialize(&raw).map_err(|e| {
        let pointer = json_pointer_of(e.path());
        let message = e.into_inner().to_string();
        locate::narrow(&raw, pointer, message)
    })?;
    Ok(Document {
        openapi_version,
        spec,
        raw,
    })
}

fn check_version(path: &Path, raw: &Value) -> Result<String> {
    let not_openapi = |reason: String| Error::NotOpenApi {
        path: path.to_owned(),
        reason,
    };
    let Value::Object(root) = raw else {
        return Err(not_openapi(
            "the top level is not a mapping; expected an OpenAPI 3.0 or 3.1 document".into(),
        ));
    };
    if let Some(swagger) = root.get("swagger") {
        return Err(not_openapi(format!(
            "this is a Swagger {} document; only OpenAPI 3.0 and 3.1 are supported. Convert it \
             first (for example with swagger2openapi)",
            scalar_text(swagger)
        )));
    }
    match root.get("openapi") {
        None => Err(not_openapi(
            "no 'openapi' field; expected an OpenAPI 3.0 or 3.1 document".into(),
        )),
        Some(version) => {
            let version = scalar_text(version);
            if version.starts_with("3.0") || version.starts_with("3.1") {
                Ok(version)
            } else {
                Err(not_openapi(format!(
                    "OpenAPI version {version} is not supported; use 3.0.x or 3.1.x"
                )))
            }
        }
    }
}

fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn json_pointer_of(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut pointer = String::from("#");
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => pointer = crate::error::pointer_push(&pointer, &index.to_string()),
            Segment::Map { key } => pointer = crate::error::pointer_push(&pointer, key),
            Segment::Enum { variant } => pointer = crate::error::pointer_push(&pointer, variant),
            Segment::Unknown => pointer.push_str("/?"),
        }
    }
    pointer
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_str(text: &str) -> Result<Document> {
        let path = Path::new("doc.yaml");
        from_tree(path, parse_text(path, text)?)
    }

    #[test]
    fn empty_file_is_rejected_by_name() {
        let err = load_str("  \n").unwrap_err();
        assert!(err.to_string().contains("empty"), "{err}");
    }

    #[test]
    fn malformed_yaml_reports_line_and_column() {
        let err = load_str("openapi: 3.0.0\ninfo: [unclosed\n").unwrap_err();
        match err {
            Error::Syntax { line, column, .. } => assert!(line >= 2 && column > 0, "{line}:{column}"),
            other => panic!("expected a syntax error, got {other}"),
        }
    }

    #[test]
    fn swagger_2_is_named() {
        let err = load_str("swagger: '2.0'\ninfo: {title: t, version: v}\npaths: {}\n").unwrap_err();
        assert!(err.to_string().contains("Swagger 2.0"), "{err}");
    }

    #[test]
    fn unknown_version_is_rejected() {
        let err = load_str("openapi: 4.0.0\n").unwrap_err();
        assert!(err.to_string().contains("4.0.0"), "{err}");
    }

    #[test]
    fn structural_errors_name_the_place() {
        let err = load_str("openapi: 3.0.3\ninfo: {title: t, version: v}\npaths:\n  /a:\n    get:\n      responses: 12\n")
            .unwrap_err();
        let text = err.to_string();
        assert!(text.contains("#/paths/~1a/get/responses"), "{text}");
    }

    #[test]
    fn openapi_3_1_is_accepted() {
        let doc = load_str("openapi: 3.1.0\ninfo: {title: t, version: v}\npaths: {}\n").unwrap();
        assert_eq!(doc.openapi_version, "3.1.0");
    }
}
