//! Turns an OpenAPI 3.0 or 3.1 document into a typed async Rust client crate.
//!
//! The data path has three stages, each a module:
//!
//! 1. [`load`]: YAML or JSON text (one file or several) → overlay applied → 3.1 normalised →
//!    structure checked in one linear pass (repairs reported as [`Warning`]s, other files'
//!    `$ref` targets bundled into the components) → `openapiv3` types;
//! 2. [`model`]: `openapiv3` types → the intermediate [`model::Api`] (types, operations,
//!    servers, auth), with every Rust name decided;
//! 3. [`emit`]: the model → tokens → formatted files of a crate, plus the hand-written runtime
//!    from `generator/runtime/`.
//!
//! [`generate`] runs all three; [`write_crate`] puts the files on disk.

pub mod api_diff;
pub mod conformance;
pub mod emit;
pub mod error;
pub mod instances;
pub mod load;
pub mod model;
pub mod naming;
pub mod write;

use std::path::Path;

pub use emit::Files;
pub use error::{Error, Result, Warning};
pub use write::{scratch_workspace_manifest, write_crate, WriteMode, WriteReport};

/// How the crate is generated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Package name, e.g. `citrix-cloud`.
    pub crate_name: String,
    /// Package version.
    pub crate_version: String,
    /// The command that regenerates the crate, named in every file's `@generated` header.
    pub command: String,
    /// Whether the crate is its own workspace (true for crates generated outside this one).
    pub standalone: bool,
    /// Whether a mistake in the document whose intent is clear stops generation
    /// ([`Error::Structure`]) instead of being repaired with a [`Warning`].
    pub strict: bool,
}

impl Settings {
    /// Settings for a crate named `crate_name`, version 0.1.0. A name that is not a valid
    /// Cargo package name (a folder like `api.example.com`) is made one with
    /// [`naming::crate_name`] (`api-example-com`).
    pub fn new(crate_name: impl Into<String>, command: impl Into<String>) -> Self {
        Settings {
            crate_name: naming::crate_name(&crate_name.into()),
            crate_version: "0.1.0".into(),
            command: command.into(),
            standalone: false,
            strict: false,
        }
    }

    /// Package name of the runtime crate written beside the crate (`runtime/`), e.g.
    /// `citrix-cloud-runtime`: one per generated crate, so that two generated clients can
    /// live in one workspace.
    pub fn runtime_crate_name(&self) -> String {
        format!("{}-runtime", self.crate_name)
    }
}

/// The overlay that belongs to a document: `name.overlay.yml` (or `.yaml`/`.json`) beside
/// `name.yml`, if there is one.
pub fn overlay_for(spec: &Path) -> Option<std::path::PathBuf> {
    let stem = spec.file_stem()?.to_str()?;
    ["yml", "yaml", "json"]
        .iter()
        .map(|ext| spec.with_file_name(format!("{stem}.overlay.{ext}")))
        .find(|candidate| candidate.is_file())
}

/// Loads `spec` (with `overlay` applied), builds the model and renders the crate's files.
/// Mistakes repaired on the way are dropped; [`generate_with_warnings`] returns them.
pub fn generate(spec: &Path, overlay: Option<&Path>, settings: &Settings) -> Result<Files> {
    generate_with_warnings(spec, overlay, settings).map(|(files, _)| files)
}

/// Like [`generate`], and also returns the mistakes in the document that were repaired, each
/// naming its place and what was assumed (none with [`Settings::strict`], where they are
/// errors).
pub fn generate_with_warnings(spec: &Path, overlay: Option<&Path>, settings: &Settings) -> Result<(Files, Vec<Warning>)> {
    // The document (its JSON tree and typed copy) is dropped before emitting: the model holds
    // all the emitter needs, and a big document would otherwise add to the emitter's peak.
    let (api, warnings) = {
        let document = load::load_file_with(spec, overlay, settings.strict)?;
        (model::build(&document)?, document.warnings)
    };
    Ok((emit::render(&api, settings)?, warnings))
}
