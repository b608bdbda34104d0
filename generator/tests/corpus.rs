//! A corpus of documents written for this project, each exercising a group of OpenAPI
//! constructs. Each one's model is a snapshot, and every crate generated from them must
//! compile with warnings denied.

use std::path::{Path, PathBuf};
use std::process::Command;

use generator::{load, model, write_crate, Settings, WriteMode};

fn corpus() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut docs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| matches!(path.extension().and_then(|e| e.to_str()), Some("yaml" | "yml" | "json")))
        .filter(|path| !path.to_string_lossy().contains(".overlay."))
        .collect();
    docs.sort();
    assert!(docs.len() >= 3, "the corpus is missing from {}", dir.display());
    docs
}

fn crate_name(doc: &Path) -> String {
    format!("corpus-{}", doc.file_stem().unwrap().to_string_lossy())
}

/// The failing inputs of `tests/cases/<area>/`, each with behaviour tests beside it
/// (`<stem>.tests.rs`); their crates are named `<area>-<stem>`.
fn cases() -> Vec<(PathBuf, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut found = Vec::new();
    for area in std::fs::read_dir(&dir).unwrap() {
        let area = area.unwrap().path();
        let area_name = area.file_name().unwrap().to_string_lossy().into_owned();
        for entry in std::fs::read_dir(&area).unwrap() {
            let path = entry.unwrap().path();
            if matches!(path.extension().and_then(|e| e.to_str()), Some("yaml" | "yml" | "json")) {
                let name = format!("{area_name}-{}", path.file_stem().unwrap().to_string_lossy());
                found.push((path, name));
            }
        }
    }
    found.sort();
    found
}

#[test]
fn corpus_models() {
    for doc in corpus() {
        let document = load::load_file(&doc, generator::overlay_for(&doc).as_deref()).unwrap();
        let api = model::build(&document).unwrap_or_else(|e| panic!("{}: {e}", doc.display()));
        insta::assert_debug_snapshot!(format!("model-{}", crate_name(&doc)), api);
    }
}

#[test]
fn corpus_operations_and_types() {
    for doc in corpus() {
        let settings = Settings::new(crate_name(&doc), "cargo test -p generator --test corpus");
        let files = generator::generate(&doc, generator::overlay_for(&doc).as_deref(), &settings).unwrap();
        for file in ["src/operations.rs", "src/types.rs", "src/client.rs"] {
            insta::assert_snapshot!(format!("{}-{}", crate_name(&doc), file.replace('/', "__")), files[file]);
        }
    }
}

/// Generates every corpus crate and every case's crate into one scratch workspace (so
/// dependencies are built once), adds the behaviour tests written for it (`<stem>.tests.rs`),
/// runs clippy with warnings denied, then the tests.
#[test]
fn corpus_crates_compile_without_warnings_and_behave() {
    let workspace_root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let scratch = workspace_root.join("target/corpus");
    let mut members = Vec::new();
    let documents = corpus().into_iter().map(|doc| {
        let name = crate_name(&doc);
        (doc, name)
    });
    for (doc, name) in documents.chain(cases()) {
        let settings = Settings::new(&name, "cargo test -p generator --test corpus");
        let files = generator::generate(&doc, generator::overlay_for(&doc).as_deref(), &settings).unwrap();
        let crate_dir = scratch.join(&name);
        write_crate(&crate_dir, &files, WriteMode::Write).unwrap();
        let behaviour = doc.with_file_name(format!("{}.tests.rs", doc.file_stem().unwrap().to_string_lossy()));
        std::fs::create_dir_all(crate_dir.join("tests")).unwrap();
        std::fs::copy(&behaviour, crate_dir.join("tests/behaviour.rs"))
            .unwrap_or_else(|e| panic!("{}: every corpus document needs behaviour tests: {e}", behaviour.display()));
        members.push(format!("\"{name}\""));
    }
    std::fs::write(
        scratch.join("Cargo.toml"),
        format!("[workspace]\nresolver = \"2\"\nmembers = [{}]\n", members.join(", ")),
    )
    .unwrap();
    // Same dependency versions as the main workspace, without a registry look-up.
    std::fs::copy(workspace_root.join("Cargo.lock"), scratch.join("Cargo.lock")).unwrap();

    let cargo = |args: &[&str]| {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        Command::new(cargo)
            .args(args)
            .current_dir(&scratch)
            .env("CARGO_TARGET_DIR", scratch.join("target"))
            .env_remove("RUSTFLAGS")
            .output()
            .unwrap()
    };
    let clippy = cargo(&["clippy", "--workspace", "--all-targets", "--quiet", "--", "-D", "warnings"]);
    assert!(
        clippy.status.success(),
        "corpus crates do not compile cleanly:\n{}",
        String::from_utf8_lossy(&clippy.stderr)
    );
    let tests = cargo(&["test", "--workspace", "--quiet"]);
    assert!(
        tests.status.success(),
        "corpus crates' tests fail:\n{}\n{}",
        String::from_utf8_lossy(&tests.stdout),
        String::from_utf8_lossy(&tests.stderr)
    );
}
