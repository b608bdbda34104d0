//! Errors of the generator. Each names the place in the document it is about.

use std::path::PathBuf;

/// Something that stops generation. No output is written when one occurs.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file could not be read or written.
    #[error("{action} {path}: {source}")]
    Io {
        /// What was being done ("cannot read", "cannot write", ...).
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The file cannot be read as YAML or JSON: a syntax error, or nesting deeper than the
    /// parsers go.
    #[error("{path}:{line}:{column}: cannot be read as YAML or JSON: {message}")]
    Syntax {
        /// The file.
        path: PathBuf,
        /// 1-based line, 0 when unknown.
        line: usize,
        /// 1-based column, 0 when unknown.
        column: usize,
        /// What the parser said.
        message: String,
    },
    /// The document is not an OpenAPI 3.0 or 3.1 document.
    #[error("{path}: {reason}")]
    NotOpenApi {
        /// The file.
        path: PathBuf,
        /// Why not, and what to do.
        reason: String,
    },
    /// The document does not have the structure OpenAPI requires at some place.
    #[error("{pointer}: {message}")]
    Invalid {
        /// JSON pointer of the offending value.
        pointer: String,
        /// What is wrong.
        message: String,
    },
    /// The document does not have the structure OpenAPI defines at some place: the deepest
    /// wrong node, in the file it was written in (for multi-file documents, the referenced
    /// file). Found by one pass over the document before it is typed, so in time linear in
    /// its size.
    #[error("{}{pointer}: {message}", location(file, *line, *column))]
    Structure {
        /// The file the node is written in.
        file: PathBuf,
        /// JSON pointer (RFC 6901) of the node within `file`, e.g. `#/paths/~1a/get`.
        pointer: String,
        /// 1-based line of the node in `file`, 0 when unknown (e.g. added by an overlay).
        line: usize,
        /// 1-based column, 0 when unknown.
        column: usize,
        /// What is wrong, in the words of the OpenAPI Specification.
        message: String,
    },
    /// A `$ref` names something the document does not have.
    #[error("{pointer}: $ref '{target}' points to nothing in the document")]
    DanglingRef {
        /// Where the `$ref` is.
        pointer: String,
        /// The missing target.
        target: String,
    },
    /// A chain of `$ref`s loops without reaching a definition.
    #[error("$ref cycle with no definition in it: {}", cycle.join(" -> "))]
    RefCycle {
        /// The references of the loop, in order.
        cycle: Vec<String>,
    },
    /// Two operations share an operationId.
    #[error("duplicate operationId '{id}' at {first} and {second}")]
    DuplicateOperationId {
        /// The id.
        id: String,
        /// Where it is first used.
        first: String,
        /// Where it is used again.
        second: String,
    },
    /// The document uses something the generator cannot turn into Rust.
    #[error("{pointer}: unsupported: {reason}")]
    Unsupported {
        /// JSON pointer of the construct.
        pointer: String,
        /// What is not supported.
        reason: String,
    },
    /// The overlay could not be applied.
    #[error("overlay {path}: {message}")]
    Overlay {
        /// The overlay file.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
    /// The emitted tokens are not valid Rust (a generator bug).
    #[error("internal error: generated {file} is not valid Rust: {message}")]
    Emit {
        /// The output file.
        file: String,
        /// The parser message.
        message: String,
    },
}

/// `file:line:column: ` (or `file: ` when the line is unknown).
fn location(file: &std::path::Path, line: usize, column: usize) -> String {
    if line == 0 {
        format!("{}: ", file.display())
    } else {
        format!("{}:{line}:{column}: ", file.display())
    }
}

/// A mistake in the document whose intent is clear: generation goes on with `assumption`.
/// In strict mode ([`crate::Settings::strict`]) it becomes an [`Error::Structure`] instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// The file the mistake is written in.
    pub file: PathBuf,
    /// JSON pointer (RFC 6901) of the place within `file`.
    pub pointer: String,
    /// 1-based line of the place in `file`, 0 when unknown (only the first
    /// [`crate::load::LOCATED_WARNINGS`] warnings are located, each costs a parse of the file).
    pub line: usize,
    /// 1-based column, 0 when unknown.
    pub column: usize,
    /// What is wrong, in the words of the OpenAPI Specification.
    pub problem: String,
    /// What the generator assumed instead.
    pub assumption: String,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}{}: {}; assumed {}",
            location(&self.file, self.line, self.column),
            self.pointer,
            self.problem,
            self.assumption
        )
    }
}

/// Result alias of the generator.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Appends a key to a JSON pointer, escaping `~` and `/` as RFC 6901 requires.
pub fn pointer_push(pointer: &str, key: &str) -> String {
    format!("{pointer}/{}", key.replace('~', "~0").replace('/', "~1"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_escapes_slashes_and_tildes() {
        assert_eq!(pointer_push("#/paths", "/a/{b}"), "#/paths/~1a~1{b}");
        assert_eq!(pointer_push("", "x~y"), "/x~0y");
    }
}
