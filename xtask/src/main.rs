//! Project automation: `cargo xtask <command>`. See `cargo xtask --help`.

mod conformance;
mod prism;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use clap::{Parser, Subcommand};
use generator::{write_crate, Settings, WriteMode, WriteReport};

/// Generation allocates and frees millions of small token and syntax-tree nodes on two or
/// more threads at once; glibc's allocator spends a fifth of GitHub's generation time on
/// that, mimalloc much less (BENCHMARKS.md, 7e).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(about = "Generate, check and test the Citrix Cloud client", version)]
struct Cli {
    #[command(subcommand)]
    command: Task,
}

#[derive(Subcommand)]
enum Task {
    /// Rewrite generated-client/ from spec/ (the bundled document and its overlay).
    Regenerate {
        /// Change nothing; fail with a short diff when generated-client/ is stale.
        #[arg(long)]
        check: bool,
        /// Stop at mistakes in the document that would otherwise be repaired with a warning.
        #[arg(long)]
        strict: bool,
    },
    /// Generate a standalone crate from any OpenAPI 3.0/3.1 document.
    Generate {
        /// The document (YAML or JSON).
        #[arg(long)]
        spec: PathBuf,
        /// The crate folder to write (created if missing; tests/ and examples/ are kept).
        #[arg(long)]
        out: PathBuf,
        /// Package name of the crate [default: the folder name].
        #[arg(long)]
        name: Option<String>,
        /// An OpenAPI Overlay 1.0 file [default: <spec stem>.overlay.yml beside the spec].
        #[arg(long)]
        overlay: Option<PathBuf>,
        /// Stop at mistakes in the document that would otherwise be repaired with a warning.
        #[arg(long)]
        strict: bool,
    },
    /// Check a document's generated client against the Prism mock server: every operation is
    /// called once with schema-valid arguments; Prism validates each request and answers with
    /// values generated from the document. One row per operation, then
    /// `conformance: N/M operations passed`; fails unless every operation passes.
    Conformance {
        /// The document (YAML or JSON).
        #[arg(long, required_unless_present = "corpus")]
        spec: Option<PathBuf>,
        /// An OpenAPI Overlay 1.0 file [default: <spec stem>.overlay.yml beside the spec].
        #[arg(long, requires = "spec")]
        overlay: Option<PathBuf>,
        /// Instead of one document, every document `cargo xtask test` checks (the corpus, the
        /// wire and auth cases and the bundled document), failing only on failures not allow-listed.
        #[arg(long, conflicts_with = "spec")]
        corpus: bool,
    },
    /// Everything CI checks: freshness, clippy with warnings denied, all tests, conformance
    /// against Prism, docs, benchmarks built.
    Test,
    /// Serve the bundled document from the Prism mock server (installed on first use), to
    /// try the client or its examples against it.
    Prism {
        /// Port on 127.0.0.1.
        #[arg(long, default_value_t = 4010)]
        port: u16,
    },
}

fn main() -> ExitCode {
    let result = match Cli::parse().command {
        Task::Regenerate { check, strict } => regenerate(check, strict),
        Task::Generate { spec, out, name, overlay, strict } => generate(&spec, &out, name, overlay, strict),
        Task::Conformance { spec, overlay, corpus } => {
            let root = workspace_root();
            match spec {
                Some(spec) if !corpus => conformance::run(&root, &[conformance::Target { spec, overlay }], true),
                _ => conformance_targets(&root).and_then(|targets| conformance::run(&root, &targets, false)),
            }
        }
        Task::Test => test(),
        Task::Prism { port } => prism::serve(&workspace_root(), port),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives one level below the workspace root")
        .to_owned()
}

/// The bundled document, its crate and the settings `regenerate` uses.
const SPEC: &str = "spec/citrix-cloud-openapi.yml";
const CLIENT_DIR: &str = "generated-client";
const CLIENT_NAME: &str = "citrix-cloud";

/// The settings `regenerate` generates the bundled crate with.
fn client_settings() -> Settings {
    Settings::new(CLIENT_NAME, "cargo xtask regenerate")
}

fn regenerate(check: bool, strict: bool) -> Result<(), String> {
    let root = workspace_root();
    let spec = root.join(SPEC);
    let overlay = generator::overlay_for(&spec);
    let mut settings = client_settings();
    settings.strict = strict;
    let files = generate_reporting(&spec, overlay.as_deref(), &settings)?;
    let mode = if check { WriteMode::Check } else { WriteMode::Write };
    let report = write_crate(&root.join(CLIENT_DIR), &files, mode).map_err(|e| e.to_string())?;
    if report.is_fresh() {
        println!("{CLIENT_DIR}/ is up to date with {SPEC}");
        return Ok(());
    }
    if check {
        print_diff(&report);
        return Err(format!(
            "{CLIENT_DIR}/ is stale ({} file(s) differ): run `cargo xtask regenerate` and commit the result",
            report.changes.len()
        ));
    }
    for change in &report.changes {
        let what = match (&change.old, &change.new) {
            (None, _) => "added",
            (_, None) => "removed",
            _ => "updated",
        };
        println!("{what:>8} {CLIENT_DIR}/{}", change.path);
    }
    print_api_changes(&report);
    Ok(())
}

/// What the regeneration did to the crate's public API, breaking changes first, with the
/// semver bump it calls for.
fn print_api_changes(report: &WriteReport) {
    let sides = |pick: fn(&generator::write::FileChange) -> Option<&String>| {
        generator::api_diff::surface(
            report
                .changes
                .iter()
                .filter_map(move |c| pick(c).map(|text| (c.path.as_str(), text.as_str()))),
        )
    };
    let changes = generator::api_diff::diff(&sides(|c| c.old.as_ref()), &sides(|c| c.new.as_ref()));
    if changes.is_empty() {
        println!("\npublic API: unchanged");
        return;
    }
    let breaking = changes.iter().filter(|c| c.breaking).count();
    println!("\npublic API changes ({} in all, {breaking} breaking):", changes.len());
    for change in &changes {
        println!("  {change}");
    }
    println!("semver: {}", generator::api_diff::bump(&changes));
}

/// A short unified diff of every stale file, capped so CI logs stay readable.
fn print_diff(report: &WriteReport) {
    const MAX_LINES: usize = 60;
    let mut printed = 0;
    for change in &report.changes {
        let old = change.old.as_deref().unwrap_or("");
        let new = change.new.as_deref().unwrap_or("");
        let diff = similar::TextDiff::from_lines(old, new);
        let text = diff
            .unified_diff()
            .context_radius(2)
            .header(&format!("a/{}", change.path), &format!("b/{}", change.path))
            .to_string();
        for line in text.lines() {
            if printed == MAX_LINES {
                println!("... (diff cut at {MAX_LINES} lines)");
                return;
            }
            println!("{line}");
            printed += 1;
        }
    }
}

/// Generates, printing each repaired mistake of the document as a warning.
fn generate_reporting(spec: &Path, overlay: Option<&Path>, settings: &Settings) -> Result<generator::Files, String> {
    let (files, warnings) = generator::generate_with_warnings(spec, overlay, settings).map_err(|e| e.to_string())?;
    for warning in &warnings {
        eprintln!("warning: {warning}");
    }
    if !warnings.is_empty() {
        eprintln!("({} warning(s); --strict makes them errors)", warnings.len());
    }
    Ok(files)
}

fn generate(spec: &Path, out: &Path, name: Option<String>, overlay: Option<PathBuf>, strict: bool) -> Result<(), String> {
    let name = match name {
        Some(name) => name,
        None => out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .ok_or_else(|| format!("cannot derive a crate name from {}; pass --name", out.display()))?,
    };
    let overlay = overlay.or_else(|| generator::overlay_for(spec));
    let mut settings = Settings::new(name, format!("cargo xtask generate --spec {}", spec.display()));
    settings.standalone = true;
    settings.strict = strict;
    let files = generate_reporting(spec, overlay.as_deref(), &settings)?;
    let report = write_crate(out, &files, WriteMode::Write).map_err(|e| e.to_string())?;
    println!("{}: {} file(s) written", out.display(), report.changes.len());
    Ok(())
}

fn test() -> Result<(), String> {
    let root = workspace_root();
    step("regenerate --check", || regenerate(true, false))?;
    step("clippy", || {
        cargo(&root, &["clippy", "--workspace", "--all-targets", "--all-features", "--locked", "--", "-D", "warnings"])
    })?;
    // All features: the generated crate's `mock` module and its tests are checked too.
    step("tests", || cargo(&root, &["test", "--workspace", "--all-features", "--locked"]))?;
    step("conformance against Prism", || prism::run_conformance(&root))?;
    step("conformance of every corpus document and the Citrix one", || {
        conformance::run(&root, &conformance_targets(&root)?, false)
    })?;
    step("docs of the generated crate and its runtime without warnings", || {
        let runtime = client_settings().runtime_crate_name();
        cargo_env(
            &root,
            &["doc", "--no-deps", "-p", CLIENT_NAME, "-p", &runtime, "--all-features", "--locked"],
            &[("RUSTDOCFLAGS", "-D warnings")],
        )
    })?;
    step("the generated crate and its runtime package for crates.io", || {
        // Packages both (the client against the packaged runtime) and builds them from the
        // packaged sources alone, as crates.io users would; uncommitted changes are fine here.
        let runtime = client_settings().runtime_crate_name();
        forget_packaged_sources(&[&runtime, CLIENT_NAME])?;
        // cargo packs sources with one fixed old mtime and fingerprints a registry copy by its
        // files' mtimes, so the runtime built from an earlier package in this target folder
        // would pass as fresh: verification would build the client against the old runtime.
        cargo(&root, &["clean", "-p", &runtime, "--profile", "dev", "--quiet"])?;
        cargo(
            &root,
            &["package", "-p", &runtime, "-p", CLIENT_NAME, "--allow-dirty", "--locked", "--quiet"],
        )
    })?;
    step("benchmarks build", || cargo(&root, &["bench", "-p", "benchmarks", "--no-run", "--locked"]))?;
    println!("xtask test: all checks passed");
    Ok(())
}

/// Removes the copies of `crates` that earlier `cargo package` runs extracted from their
/// temporary registry into `$CARGO_HOME/registry/src`: cargo reuses an extracted copy of the
/// same name and version without looking at the new tarball, so verification would build
/// the client against a stale runtime. Crates of these names come only from that registry.
fn forget_packaged_sources(crates: &[&str]) -> Result<(), String> {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")));
    let Some(sources) = home.map(|home| home.join("registry").join("src")) else {
        return Ok(());
    };
    let Ok(registries) = std::fs::read_dir(&sources) else {
        return Ok(());
    };
    for registry in registries.flatten() {
        let Ok(entries) = std::fs::read_dir(registry.path()) else { continue };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let ours = crates.iter().any(|c| {
                name.strip_prefix(c).and_then(|rest| rest.strip_prefix('-')).is_some_and(|v| v.starts_with(|ch: char| ch.is_ascii_digit()))
            });
            if ours {
                std::fs::remove_dir_all(entry.path())
                    .map_err(|e| format!("cannot remove the stale packaged copy {}: {e}", entry.path().display()))?;
            }
        }
    }
    Ok(())
}

/// The documents `cargo xtask test` checks with `cargo xtask conformance`: the corpus, the
/// wire and auth cases and the bundled document with its overlay.
fn conformance_targets(root: &Path) -> Result<Vec<conformance::Target>, String> {
    let mut specs = Vec::new();
    for dir in ["generator/tests/corpus", "generator/tests/cases/wire", "generator/tests/cases/auth"] {
        let dir = root.join(dir);
        let entries = std::fs::read_dir(&dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
        for entry in entries {
            let path = entry.map_err(|e| e.to_string())?.path();
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let document = [".yaml", ".yml", ".json"].iter().any(|ext| name.ends_with(ext));
            if document && !name.contains(".overlay.") {
                specs.push(path);
            }
        }
    }
    specs.sort();
    specs.push(root.join(SPEC));
    Ok(specs.into_iter().map(|spec| conformance::Target { spec, overlay: None }).collect())
}

fn step(name: &str, run: impl FnOnce() -> Result<(), String>) -> Result<(), String> {
    println!("==> {name}");
    run().map_err(|e| format!("{name}: {e}"))
}

fn cargo(root: &Path, args: &[&str]) -> Result<(), String> {
    cargo_env(root, args, &[])
}

fn cargo_env(root: &Path, args: &[&str], env: &[(&str, &str)]) -> Result<(), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = Command::new(cargo)
        .args(args)
        .envs(env.iter().copied())
        .current_dir(root)
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`cargo {}` failed ({status})", args.join(" ")))
    }
}
