//! Stage one: read a document (YAML or JSON, OpenAPI 3.0 or 3.1, one file or several), apply
//! an overlay, check its structure and deserialize it into `openapiv3` types.
//!
//! 1. [`tree`]: text → JSON tree (integers beyond 64 bits included);
//! 2. [`overlay`]: vendor corrections;
//! 3. [`normalize`]: 3.1 constructs rewritten into their 3.0 equivalents, since `openapiv3`
//!    models 3.0;
//! 4. [`check`]: one pass that checks the structure OpenAPI defines, names the deepest wrong
//!    node, repairs mistakes whose intent is clear (with a [`Warning`]) and, with [`bundle`],
//!    copies what `$ref`s point to in other files or outside `#/components` into the
//!    document's components;
//! 5. [`typed`]: `openapiv3` types the checked tree.
//!
//! Every step is linear in the size of the document (and of the files it references).

mod bundle;
mod check;
mod normalize;
mod overlay;
mod tree;
mod typed;

use std::path::Path;

use serde_json::Value;

use crate::error::{Error, Result, Warning};

pub use overlay::apply_overlay;

/// The extension that marks an `http` Security Scheme Object as standing for an OpenAPI 3.1
/// `mutualTLS` one (which `openapiv3` cannot hold).
pub const MUTUAL_TLS_MARK: &str = "x-generator-mutual-tls";

/// The extension that marks the `allOf` part the loader made of the keywords written beside a
/// composition (see `normalize::keywords_beside_all_of`), which the model leaves out where the
/// parts cannot merge, as the document was read before.
pub const BESIDE_MARK: &str = "x-generator-beside";

/// How many warnings get a line and column: each costs one more parse of its file, so a
/// document with thousands of repairs stays linear.
pub const LOCATED_WARNINGS: usize = 32;

/// A document ready for the model builder.
#[derive(Debug, Clone)]
pub struct Document {
    /// The `openapi` version string as written.
    pub openapi_version: String,
    /// The typed document.
    pub spec: openapiv3::OpenAPI,
    /// The JSON tree the typed document came from, for extensions `openapiv3` does not keep.
    /// Integers beyond 64 bits are the nearest `f64` in it.
    pub raw: Value,
    /// Mistakes repaired while loading, each with what was assumed.
    pub warnings: Vec<Warning>,
}

/// Reads `path`, applies the overlay at `overlay` when given, and types the result; mistakes
/// whose intent is clear are repaired with a warning ([`Document::warnings`]).
pub fn load_file(path: &Path, overlay: Option<&Path>) -> Result<Document> {
    load_file_with(path, overlay, false)
}

/// Like [`load_file`]; with `strict`, a mistake that would be repaired with a warning is an
/// [`Error::Structure`] instead.
pub fn load_file_with(path: &Path, overlay: Option<&Path>, strict: bool) -> Result<Document> {
    let text = read_text(path)?;
    let mut raw = parse_text(path, &text)?;
    if let Some(overlay_path) = overlay {
        apply_overlay_file(&mut raw, overlay_path)?;
    }
    load_tree(path, raw, Some(&text), strict)
}

/// Reads `path` and applies the overlay at `overlay` when given: the document as the service
/// really behaves, still in its own OpenAPI version (for mock servers and other tools).
pub fn read_with_overlay(path: &Path, overlay: Option<&Path>) -> Result<Value> {
    let mut raw = parse_text(path, &read_text(path)?)?;
    if let Some(overlay_path) = overlay {
        apply_overlay_file(&mut raw, overlay_path)?;
    }
    Ok(raw)
}

fn apply_overlay_file(raw: &mut Value, overlay_path: &Path) -> Result<()> {
    let overlay_tree = parse_text(overlay_path, &read_text(overlay_path)?)?;
    apply_overlay(raw, &overlay_tree).map_err(|message| Error::Overlay {
        path: overlay_path.to_owned(),
        message,
    })
}

/// Parses text that is YAML or JSON (JSON is YAML) into a JSON tree. Integers beyond 64 bits
/// become the nearest `f64`.
pub fn parse_text(path: &Path, text: &str) -> Result<Value> {
    if text.trim().is_empty() {
        return Err(Error::NotOpenApi {
            path: path.to_owned(),
            reason: "the file is empty; expected an OpenAPI 3.0 or 3.1 document".into(),
        });
    }
    tree::parse(text).map_err(|e| Error::Syntax {
        path: path.to_owned(),
        line: e.line,
        column: e.column,
        message: e.message,
    })
}

fn read_text(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|source| Error::Io {
        action: "cannot read",
        path: path.to_owned(),
        source,
    })
}

/// Checks the version, normalises 3.1 constructs, checks the structure and deserializes into
/// `openapiv3`. `path` names the document in messages and is where relative `$ref`s start.
pub fn from_tree(path: &Path, raw: Value) -> Result<Document> {
    load_tree(path, raw, None, false)
}

fn load_tree(path: &Path, mut raw: Value, text: Option<&str>, strict: bool) -> Result<Document> {
    let openapi_version = check_version(path, &raw)?;
    let openapi_3_1 = openapi_version.starts_with("3.1");
    if openapi_3_1 {
        normalize::to_openapi_3_0(&mut raw);
    }
    let mut bundler = bundle::Bundler::new(path, &raw, openapi_3_1);
    let mut checker = check::Checker::new(path.to_owned(), strict, &mut bundler);
    let checked = checker
        .document(&mut raw)
        .and_then(|()| copy_referenced(&mut raw, &mut checker));
    let mut warnings = std::mem::take(&mut checker.warnings);
    if let Err(error) = checked {
        return Err(with_location(error, text, &bundler));
    }
    // After the check, which resolves every `$ref` into the schemas this rewrites.
    normalize::compositions(&mut raw);
    for warning in warnings.iter_mut().take(LOCATED_WARNINGS) {
        let file_text = if warning.file == bundler.root_file() {
            text
        } else {
            bundler.text_of(&warning.file)
        };
        if let Some((line, column)) = file_text.and_then(|t| tree::locate(t, &warning.pointer)) {
            (warning.line, warning.column) = (line, column);
        }
    }
    // Without path tracking first (it costs on every node); the path is only needed to report
    // an error, so the rare failure is deserialized again to find it.
    let spec = match typed::deserialize(&raw) {
        Ok(spec) => spec,
        // The check above accepts only what `openapiv3` accepts; this is a gap in it.
        Err(_) => serde_path_to_error::deserialize(&raw).map_err(|e| Error::Invalid {
            pointer: json_pointer_of(e.path()),
            message: e.into_inner().to_string(),
        })?,
    };
    Ok(Document {
        openapi_version,
        spec,
        raw,
        warnings,
    })
}

/// Makes the copies the check asked for, checking each copy (which may ask for more).
fn copy_referenced(root: &mut Value, checker: &mut check::Checker<'_>) -> Result<()> {
    loop {
        let batch = std::mem::take(&mut checker.bundler.pending);
        if batch.is_empty() {
            return Ok(());
        }
        for pending in batch {
            let (component, at, kind, target, from) = match pending {
                bundle::Pending::Bundle {
                    section,
                    name,
                    twin,
                    kind,
                    target,
                    from,
                } => {
                    let at = crate::error::pointer_push(&format!("#/components/{section}"), &name);
                    (Some((section, name, twin)), at, kind, target, from)
                }
                bundle::Pending::Inline {
                    at,
                    kind,
                    target,
                    chain,
                    from,
                } => {
                    checker.bundler.note_copying(&at, chain);
                    (None, at, kind, target, from)
                }
            };
            let node =
                checker
                    .bundler
                    .fetch(root, &target)
                    .map_err(|message| Error::Structure {
                        file: from.0,
                        pointer: from.1,
                        line: 0,
                        column: 0,
                        message: format!("$ref points to nothing: {message}"),
                    })?;
            // A file that repeats one of the document's own components (often the document's
            // own parts split out) gives no second type.
            if let Some((section, name, Some(twin))) = &component {
                let own = crate::error::pointer_push(&format!("/components/{section}"), twin);
                if root.pointer(&own) == Some(&node) {
                    let reference = Value::String(format!("#{own}"));
                    for at in checker.bundler.alias(section, name, target, twin) {
                        if let Some(place) = root.pointer_mut(&format!("{}/$ref", &at[1..])) {
                            *place = reference.clone();
                        }
                    }
                    continue;
                }
            }
            let component = component.map(|(section, name, _)| (section, name));
            let is_component = component.is_some();
            match component {
                Some((section, name)) => {
                    // The check has made sure `components` and its sections are mappings.
                    let entries = root
                        .as_object_mut()
                        .and_then(|m| m.entry("components").or_insert_with(empty).as_object_mut())
                        .and_then(|m| m.entry(section).or_insert_with(empty).as_object_mut());
                    if let Some(entries) = entries {
                        entries.insert(name, node);
                    }
                }
                None => {
                    if let Some(place) = root.pointer_mut(&at[1..]) {
                        *place = node;
                    }
                }
            }
            let (file, fragment) = match target {
                bundle::Target::Root(fragment) => {
                    (checker.bundler.root_file().to_owned(), fragment)
                }
                bundle::Target::File(file, fragment) => (file, fragment),
            };
            checker.reset(&at, file, &format!("#{fragment}"));
            if let Some(node) = root.pointer_mut(&at[1..]) {
                if is_component {
                    checker.ref_or(node, kind)?;
                } else {
                    checker.kind(node, kind)?;
                }
            }
        }
    }
}

fn empty() -> Value {
    Value::Object(serde_json::Map::new())
}

/// Adds the line and column of a structural error's node, from the text of its file.
fn with_location(error: Error, root_text: Option<&str>, bundler: &bundle::Bundler) -> Error {
    match error {
        Error::Structure {
            file,
            pointer,
            line: 0,
            message,
            ..
        } => {
            let text = if file == bundler.root_file() {
                root_text
            } else {
                bundler.text_of(&file)
            };
            let (line, column) = text
                .and_then(|t| tree::locate(t, &pointer))
                .unwrap_or((0, 0));
            Error::Structure {
                file,
                pointer,
                line,
                column,
                message,
            }
        }
        other => other,
    }
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
            Segment::Seq { index } => {
                pointer = crate::error::pointer_push(&pointer, &index.to_string())
            }
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
            Error::Syntax { line, column, .. } => {
                assert!(line >= 2 && column > 0, "{line}:{column}")
            }
            other => panic!("expected a syntax error, got {other}"),
        }
    }

    #[test]
    fn swagger_2_is_named() {
        let err =
            load_str("swagger: '2.0'\ninfo: {title: t, version: v}\npaths: {}\n").unwrap_err();
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
    fn a_ref_to_the_enclosing_schemas_defs_says_where_they_are() {
        let doc = |reference: &str| {
            format!(
                "openapi: 3.1.0\ninfo: {{title: t, version: v}}\npaths: {{}}\ncomponents:\n  schemas:\n    A:\n      \
                 $defs:\n        B: {{type: string}}\n      properties:\n        b: {{$ref: '{reference}'}}\n"
            )
        };
        let text = load_str(&doc("#/$defs/B")).unwrap_err().to_string();
        assert!(text.contains("#/components/schemas/A/properties/b: $ref points to nothing"), "{text}");
        assert!(text.contains("'#' is the whole document"), "{text}");
        assert!(text.contains("the '$defs' entry 'B' is at '#/components/schemas/A/$defs/B'"), "{text}");
        load_str(&doc("#/components/schemas/A/$defs/B")).unwrap();
        let text = load_str(&doc("#/$defs/C")).unwrap_err().to_string();
        assert!(text.contains("'#' is the whole document") && !text.contains("entry"), "{text}");
    }

    #[test]
    fn openapi_3_1_is_accepted() {
        let doc = load_str("openapi: 3.1.0\ninfo: {title: t, version: v}\npaths: {}\n").unwrap();
        assert_eq!(doc.openapi_version, "3.1.0");
    }
}
