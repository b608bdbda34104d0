//! Multi-file documents and references outside `#/components`: bundling.
//!
//! A Reference Object holds a URI (OpenAPI 3.0 §4.7.23), so `$ref: 'common.yaml#/Pet'` or
//! `$ref: '#/paths/~1a/get/.../schema'` are valid. The rest of the generator reads only
//! `#/components/<section>/<name>` references, so each other target is copied into the root
//! document's components, under a deterministic name that clashes with nothing, and the
//! `$ref` rewritten to it. Path items, which 3.0 components cannot hold, are copied in place.
//!
//! References inside a copied node are first made absolute (relative to the file it came
//! from), so that a chain through several files, or a cycle across files, resolves from the
//! right place; a cycle ends because each target is copied once and then named.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::check::Kind;

/// Where a `$ref` points: a file (the root document or another) and a JSON pointer in it
/// (without the leading `#`, empty for the whole file).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Target {
    /// The root document.
    Root(String),
    /// Another file, by canonical path.
    File(PathBuf, String),
}

/// Work left for after the pass over the root document.
#[derive(Debug)]
pub enum Pending {
    /// Copy `target` into `#/components/<section>/<name>` and check it as `kind`; when the
    /// document already has an equal component named `twin`, refer to that one instead.
    Bundle {
        section: &'static str,
        name: String,
        twin: Option<String>,
        kind: Kind,
        target: Target,
        from: (PathBuf, String),
    },
    /// Copy `target` over the node at `at` (a tree pointer) and check it as `kind`; `chain`
    /// holds the targets copied there so far, `target` last.
    Inline {
        at: String,
        kind: Kind,
        target: Target,
        chain: Vec<Target>,
        from: (PathBuf, String),
    },
}

/// A file read for its references.
struct Loaded {
    text: String,
    tree: Value,
}

/// References, names given, files read, and the copies still to make.
pub struct Bundler {
    root_file: PathBuf,
    root_canonical: Option<PathBuf>,
    openapi_3_1: bool,
    files: HashMap<PathBuf, Loaded>,
    names: HashMap<(&'static str, Target), String>,
    taken: HashMap<&'static str, HashSet<String>>,
    /// Names the root document itself gives, per section.
    own: HashMap<&'static str, HashSet<String>>,
    /// Tree pointers of the `$ref` nodes rewritten to each bundled name.
    uses: HashMap<(&'static str, String), Vec<String>>,
    pub pending: Vec<Pending>,
    /// Copies made so far, to stop a `$ref` chain that never reaches an object.
    copies: usize,
    /// The place being checked after a copy, with the chain of targets copied there.
    copying: Option<(String, Vec<Target>)>,
}

/// Copies of objects beyond which a document is taken to loop through misplaced `$ref`s.
const MAX_COPIES: usize = 10_000;

impl Bundler {
    /// A bundler for the document read from `root_file`, whose tree is `root`.
    pub fn new(root_file: &Path, root: &Value, openapi_3_1: bool) -> Self {
        let mut taken: HashMap<&'static str, HashSet<String>> = HashMap::new();
        for section in [
            "schemas",
            "responses",
            "parameters",
            "examples",
            "requestBodies",
            "headers",
            "securitySchemes",
            "links",
            "callbacks",
        ] {
            let names = root
                .pointer(&format!("/components/{section}"))
                .and_then(Value::as_object)
                .map(|m| m.keys().cloned().collect())
                .unwrap_or_default();
            taken.insert(section, names);
        }
        Bundler {
            root_file: root_file.to_owned(),
            root_canonical: std::fs::canonicalize(root_file).ok(),
            openapi_3_1,
            files: HashMap::new(),
            names: HashMap::new(),
            own: taken.clone(),
            taken,
            uses: HashMap::new(),
            pending: Vec::new(),
            copies: 0,
            copying: None,
        }
    }

    /// The text of `file` if it was read as a referenced file.
    pub fn text_of(&self, file: &Path) -> Option<&str> {
        self.files.get(file).map(|l| l.text.as_str())
    }

    /// The root document's file.
    pub fn root_file(&self) -> &Path {
        &self.root_file
    }

    /// Where `reference` points. Relative file paths are relative to the root document's
    /// folder (references in copied nodes are already absolute).
    pub fn target(&self, reference: &str) -> Result<Target, String> {
        let (file, fragment) = reference.split_once('#').unwrap_or((reference, ""));
        let fragment = percent_decode(fragment);
        if !fragment.is_empty() && !fragment.starts_with('/') {
            return Err(format!("$ref '{reference}': the fragment must be a JSON pointer such as '#/components/schemas/Name'"));
        }
        if file.is_empty() {
            return Ok(Target::Root(fragment));
        }
        if file.contains("://") {
            return Err(format!(
                "$ref '{reference}': remote references are not fetched; download the file and refer to it by a relative path"
            ));
        }
        let base = self.root_file.parent().unwrap_or(Path::new("."));
        let path = base.join(percent_decode(file));
        let canonical = std::fs::canonicalize(&path)
            .map_err(|e| format!("$ref '{reference}': cannot read {}: {e}", path.display()))?;
        if Some(&canonical) == self.root_canonical.as_ref() {
            return Ok(Target::Root(fragment));
        }
        Ok(Target::File(canonical, fragment))
    }

    /// The name of the copy of `target` in `#/components/<section>`, queued for copying the
    /// first time it is asked for. `at` is the tree pointer of the `$ref` node that will be
    /// rewritten to it.
    pub fn bundle(
        &mut self,
        section: &'static str,
        kind: Kind,
        target: Target,
        at: String,
        from: (PathBuf, String),
    ) -> String {
        if let Some(name) = self.names.get(&(section, target.clone())) {
            let name = name.clone();
            self.uses
                .entry((section, name.clone()))
                .or_default()
                .push(at);
            return name;
        }
        let (file, fragment) = match &target {
            Target::Root(fragment) => (&self.root_file, fragment),
            Target::File(file, fragment) => (file, fragment),
        };
        let stem = sanitize(
            &file
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default(),
        );
        let last = fragment
            .rsplit('/')
            .next()
            .map(|s| s.replace("~1", "/").replace("~0", "~"))
            .unwrap_or_default();
        let base = if last.is_empty() {
            stem.clone()
        } else {
            sanitize(&last)
        };
        let taken = self.taken.entry(section).or_default();
        let name = std::iter::once(base.clone())
            .chain(std::iter::once(format!("{stem}_{base}")))
            .chain((2..).map(|n| format!("{stem}_{base}_{n}")))
            .find(|candidate| !taken.contains(candidate))
            .unwrap_or_else(|| base.clone());
        taken.insert(name.clone());
        let twin = (name != base && self.own[section].contains(&base)).then_some(base);
        self.names.insert((section, target.clone()), name.clone());
        self.uses
            .entry((section, name.clone()))
            .or_default()
            .push(at);
        self.pending.push(Pending::Bundle {
            section,
            name: name.clone(),
            twin,
            kind,
            target,
            from,
        });
        name
    }

    /// Makes every `$ref` to the bundled `name` of `target` refer to the document's own
    /// component `twin` instead (they are equal), and returns the tree pointers rewritten.
    pub fn alias(
        &mut self,
        section: &'static str,
        name: &str,
        target: Target,
        twin: &str,
    ) -> Vec<String> {
        self.names.insert((section, target), twin.to_owned());
        self.uses
            .remove(&(section, name.to_owned()))
            .unwrap_or_default()
    }

    /// Queues copying `target` over the node at tree pointer `at`.
    /// Fails when the copy at `at` is itself a `$ref` to a target already copied there (a
    /// chain of references that loops without reaching an object).
    pub fn inline(
        &mut self,
        at: String,
        kind: Kind,
        target: Target,
        from: (PathBuf, String),
    ) -> Result<(), String> {
        let mut chain = match self.copying.take() {
            Some((place, chain)) if place == at => chain,
            _ => Vec::new(),
        };
        if chain.contains(&target) {
            return Err("this chain of '$ref's loops without reaching an object".into());
        }
        chain.push(target.clone());
        self.pending.push(Pending::Inline {
            at,
            kind,
            target,
            chain,
            from,
        });
        Ok(())
    }

    /// Notes that the copy at `at` is being checked, reached through the targets of `chain`.
    pub fn note_copying(&mut self, at: &str, chain: Vec<Target>) {
        self.copying = Some((at.to_owned(), chain));
    }

    /// A copy of the node `target` names, with its references made absolute, or a message
    /// saying why there is none.
    pub fn fetch(&mut self, root: &Value, target: &Target) -> Result<Value, String> {
        self.copies += 1;
        if self.copies > MAX_COPIES {
            return Err(format!("more than {MAX_COPIES} objects copied for '$ref's: a chain of references that never reaches an object"));
        }
        match target {
            Target::Root(fragment) => root.pointer(fragment).cloned().ok_or_else(|| {
                let mut message = format!("the document has nothing at '#{fragment}'");
                message.push_str(&sibling_defs_hint(root, fragment));
                message
            }),
            Target::File(file, fragment) => {
                if !self.files.contains_key(file) {
                    let loaded = self.read(file)?;
                    self.files.insert(file.clone(), loaded);
                }
                let tree = &self.files[file].tree;
                let mut node = tree
                    .pointer(fragment)
                    .cloned()
                    .ok_or_else(|| format!("{} has nothing at '#{fragment}'", file.display()))?;
                let base = file.parent().unwrap_or(Path::new("/")).to_owned();
                absolute_refs(&mut node, &base, file, self.root_canonical.as_deref());
                Ok(node)
            }
        }
    }

    fn read(&self, file: &Path) -> Result<Loaded, String> {
        let text = std::fs::read_to_string(file)
            .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        let mut tree = super::tree::parse(&text).map_err(|e| {
            format!(
                "{}:{}:{}: cannot be read as YAML or JSON: {}",
                file.display(),
                e.line,
                e.column,
                e.message
            )
        })?;
        if self.openapi_3_1 {
            super::normalize::fragment_to_openapi_3_0(&mut tree);
        }
        Ok(Loaded { text, tree })
    }
}

/// Rewrites every `$ref` under `node`, which comes from `file` in folder `base`, to point at
/// the same target from anywhere: `#frag` of the root document, or `/abs/path#frag`.
fn absolute_refs(node: &mut Value, base: &Path, file: &Path, root: Option<&Path>) {
    match node {
        Value::Object(map) => {
            if let Some(Value::String(reference)) = map.get_mut("$ref") {
                let (path, fragment) = reference
                    .split_once('#')
                    .unwrap_or((reference.as_str(), ""));
                if !path.contains("://") {
                    let target = if path.is_empty() {
                        file.to_owned()
                    } else {
                        base.join(percent_decode(path))
                    };
                    let target = std::fs::canonicalize(&target).unwrap_or(target);
                    *reference = if Some(target.as_path()) == root {
                        format!("#{fragment}")
                    } else {
                        format!("{}#{fragment}", target.display())
                    };
                }
            }
            map.values_mut()
                .for_each(|v| absolute_refs(v, base, file, root));
        }
        Value::Array(items) => items
            .iter_mut()
            .for_each(|v| absolute_refs(v, base, file, root)),
        _ => {}
    }
}

/// A component name made of the characters OpenAPI allows (`^[a-zA-Z0-9.\-_]+$`).
fn sanitize(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if cleaned.is_empty() {
        "Referenced".into()
    } else {
        cleaned
    }
}

/// Decodes `%XX` escapes of a URI reference.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(byte) = u8::from_str_radix(&text[i + 1..i + 3], 16) {
                out.push(byte);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_owned())
}

/// For a '#/$defs/<name>' that the document's root does not hold: where a '$defs' entry of that
/// name is, since such a reference was usually meant for the enclosing schema's own '$defs'.
/// A '$ref' of only a fragment names a place in the whole document (RFC 3986 §4.4), not in the
/// schema around it, unless that schema sets its own base with '$id', which is not followed here.
fn sibling_defs_hint(root: &Value, fragment: &str) -> String {
    const WHOLE: &str = "; '#' is the whole document, not the schema around the '$ref' (RFC 3986 §4.4)";
    let Some(name) = fragment.strip_prefix("/$defs/").and_then(|rest| rest.split('/').next()) else {
        return String::new();
    };
    let key = name.replace("~1", "/").replace("~0", "~");
    let mut places = vec![(root, String::new())];
    while let Some((node, at)) = places.pop() {
        match node {
            Value::Object(members) => {
                if members.get("$defs").and_then(|defs| defs.get(&key)).is_some() {
                    return format!("{WHOLE}: the '$defs' entry '{key}' is at '#{at}/$defs/{name}'");
                }
                places.extend(members.iter().rev().map(|(k, value)| (value, crate::error::pointer_push(&at, k))));
            }
            Value::Array(items) => places.extend(items.iter().enumerate().rev().map(|(i, value)| (value, format!("{at}/{i}")))),
            _ => {}
        }
    }
    WHOLE.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_escapes_are_decoded() {
        assert_eq!(percent_decode("/paths/~1a%7Bid%7D"), "/paths/~1a{id}");
        assert_eq!(percent_decode("50%"), "50%");
        assert_eq!(percent_decode("%zz"), "%zz");
    }

    #[test]
    fn names_clash_with_nothing() {
        let root = serde_json::json!({"components": {"schemas": {"Pet": {}}}});
        let mut bundler = Bundler::new(Path::new("/nowhere/api.yaml"), &root, false);
        let from = (PathBuf::from("api.yaml"), "#/x".to_owned());
        let other = Target::File(
            PathBuf::from("/d/common.yaml"),
            "/components/schemas/Pet".into(),
        );
        let name = bundler.bundle(
            "schemas",
            Kind::Schema,
            other.clone(),
            "#/a".into(),
            from.clone(),
        );
        assert_eq!(name, "common_Pet");
        assert_eq!(
            bundler.bundle("schemas", Kind::Schema, other, "#/b".into(), from.clone()),
            "common_Pet",
            "one copy per target"
        );
        let third = Target::File(PathBuf::from("/e/common.yaml"), "/Pet".into());
        assert_eq!(
            bundler.bundle("schemas", Kind::Schema, third, "#/c".into(), from.clone()),
            "common_Pet_2"
        );
        let whole = Target::File(PathBuf::from("/e/robot arm.json"), String::new());
        assert_eq!(
            bundler.bundle("schemas", Kind::Schema, whole, "#/d".into(), from),
            "robot_arm"
        );
    }
}
