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
    /// The file is not valid YAML or JSON.
    #[error("{path}:{line}:{column}: not valid YAML or JSON: {message}")]
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
