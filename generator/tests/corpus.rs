//! A corpus of documents written for this project, each exercising a group of OpenAPI
//! constructs (the `NN-*.yaml` ones are the cases of issue 11, kept under their names). Each
//! one's model is a snapshot, every crate generated from them must compile with warnings
//! denied, and every named type of them and of the Citrix document must give back the JSON
//! it decoded (the round-trip check, `support/roundtrip_check.rs`).

use std::path::{Path, PathBuf};
use std::process::Command;

use generator::{load, model, write_crate, Settings, WriteMode};

use generator::instances;

/// Schema-valid instances generated per named type.
const INSTANCES_PER_TYPE: usize = 16;

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

fn citrix_spec() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/citrix-cloud-openapi.yml")
}

/// `tests/roundtrip.rs` and `tests/roundtrip.json` of a generated crate: instances of every
/// named type, generated from the document, and the check that each comes back unchanged.
/// `None` for a crate without named types.
fn round_trip_test(doc: &Path, crate_name: &str) -> Option<(String, String)> {
    let document = load::load_file(doc, generator::overlay_for(doc).as_deref()).unwrap();
    let api = model::build(&document).unwrap();
    if api.types.is_empty() {
        return None;
    }
    let lib = crate_name.replace('-', "_");
    let mut all = serde_json::Map::new();
    let mut arms = String::new();
    for def in &api.types {
        // `format: binary` is raw octets, which JSON cannot carry: such types are multipart
        // bodies, whose parts are checked byte for byte by their case's behaviour test.
        let schema = document.raw.pointer(&def.origin[1..]).map(serde_json::Value::to_string).unwrap_or_default();
        if schema.contains(r#""format":"binary""#) {
            continue;
        }
        let mut generator = instances::Instances::new(&document.raw, &def.name);
        let mut values: Vec<serde_json::Value> = Vec::new();
        for _ in 0..INSTANCES_PER_TYPE {
            if let Some(value) = generator.at(&def.origin) {
                if !values.contains(&value) {
                    values.push(value);
                }
            }
        }
        assert!(!values.is_empty(), "{}: no instance of {} ({})", doc.display(), def.name, def.origin);
        all.insert(def.name.clone(), serde_json::Value::Array(values));
        // A component nullable by construction has `null` among its instances; its uses are
        // `Option`s of the type.
        let nullable = document.raw.pointer(&def.origin[1..]).and_then(|s| s.get("nullable")) == Some(&true.into());
        let ty = format!("{lib}::types::{}", def.name);
        let ty = if nullable { format!("Option<{ty}>") } else { ty };
        arms.push_str(&format!("        {:?} => check::<{ty}>(value),\n", def.name));
    }
    // Every type skipped (a document whose only type is a multipart body): nothing to check.
    if all.is_empty() {
        return None;
    }
    let code = format!(
        "{}\n/// Decodes into the type named `name` and encodes again.\n#[allow(deprecated)]\n\
         fn decode_encode(name: &str, value: &Value) -> Result<Value, String> {{\n    match name {{\n{arms}        \
         other => Err(format!(\"no type {{other}}\")),\n    }}\n}}\n",
        include_str!("support/roundtrip_check.rs")
    );
    Some((code, serde_json::to_string_pretty(&serde_json::Value::Object(all)).unwrap()))
}

#[test]
fn dotted_folder_names_give_valid_crate_names() {
    let doc = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/11-dotted-crate-name-panic.yaml");
    let settings = Settings::new("api.example.com", "cargo xtask generate");
    assert_eq!(settings.crate_name, "api-example-com");
    let files = generator::generate(&doc, None, &settings).unwrap();
    assert!(files["Cargo.toml"].contains("name = \"api-example-com\""), "{}", files["Cargo.toml"]);
    assert!(files["src/lib.rs"].contains("use api_example_com_runtime as runtime;"));
}

/// The failing inputs of `tests/cases/<area>/`, each with behaviour tests beside it
/// (`<stem>.tests.rs`); their crates are named `<area>-<stem>`.
fn cases() -> Vec<(PathBuf, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut found = Vec::new();
    // `documents/` holds loader cases (some deliberately broken), tested in tests/documents.rs.
    for area_name in ["wire", "auth"] {
        let area = dir.join(area_name);
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

/// The command-line tool (`src/main.rs`) of documents with parameters of every kind,
/// enums, bodies and answers of several media types, and untagged operations.
#[test]
fn corpus_operations_cli() {
    for name in ["operations.yaml", "shop.yaml", "pagination.json"] {
        let doc = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus").join(name);
        let settings = Settings::new(crate_name(&doc), "cargo test -p generator --test corpus");
        let files = generator::generate(&doc, generator::overlay_for(&doc).as_deref(), &settings).unwrap();
        insta::assert_snapshot!(format!("{}-src__main.rs", crate_name(&doc)), files["src/main.rs"]);
    }
}

/// Generates every corpus crate and every case's crate into one scratch workspace (so
/// dependencies are built once), adds the behaviour tests written for it (`<stem>.tests.rs`),
/// runs clippy with warnings denied on every target and feature (the `cli` tool included),
/// then the tests.
#[test]
fn corpus_crates_compile_without_warnings_and_behave() {
    let workspace_root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let scratch = workspace_root.join("target/corpus");
    let mut members = Vec::new();
    // The Citrix document joins the corpus here: its crate must round-trip too (its own
    // behaviour tests live in generated-client/tests).
    let documents = corpus().into_iter().chain([citrix_spec()]).map(|doc| {
        let name = crate_name(&doc);
        (doc, name)
    });
    for (doc, name) in documents.chain(cases()) {
        let settings = Settings::new(&name, "cargo test -p generator --test corpus");
        let files = generator::generate(&doc, generator::overlay_for(&doc).as_deref(), &settings).unwrap();
        let crate_dir = scratch.join(&name);
        write_crate(&crate_dir, &files, WriteMode::Write).unwrap();
        std::fs::create_dir_all(crate_dir.join("tests")).unwrap();
        if doc != citrix_spec() {
            let behaviour = doc.with_file_name(format!("{}.tests.rs", doc.file_stem().unwrap().to_string_lossy()));
            std::fs::copy(&behaviour, crate_dir.join("tests/behaviour.rs"))
                .unwrap_or_else(|e| panic!("{}: every corpus document needs behaviour tests: {e}", behaviour.display()));
        }
        if let Some((check, instances)) = round_trip_test(&doc, &name) {
            std::fs::write(crate_dir.join("tests/roundtrip.rs"), check).unwrap();
            std::fs::write(crate_dir.join("tests/roundtrip.json"), instances).unwrap();
        } else {
            // `write_crate` keeps `tests/`: drop a check left by an earlier run.
            let _ = std::fs::remove_file(crate_dir.join("tests/roundtrip.rs"));
        }
        members.push(name);
    }
    std::fs::write(scratch.join("Cargo.toml"), generator::scratch_workspace_manifest(&members)).unwrap();
    // Same dependency versions as the main workspace, without a registry look-up.
    std::fs::copy(workspace_root.join("Cargo.lock"), scratch.join("Cargo.lock")).unwrap();

    // CORPUS_TARGET_DIR lets several checkouts share one build of the dependencies.
    let target_dir = std::env::var_os("CORPUS_TARGET_DIR").map_or_else(|| scratch.join("target"), Into::into);
    let cargo = |args: &[&str]| {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        Command::new(cargo)
            .args(args)
            .current_dir(&scratch)
            .env("CARGO_TARGET_DIR", &target_dir)
            .env_remove("RUSTFLAGS")
            .output()
            .unwrap()
    };
    let clippy = cargo(&["clippy", "--workspace", "--all-targets", "--all-features", "--quiet", "--", "-D", "warnings"]);
    assert!(
        clippy.status.success(),
        "corpus crates do not compile cleanly:\n{}",
        String::from_utf8_lossy(&clippy.stderr)
    );
    // The command-line tools (`cli`) were checked by clippy above; building and linking a
    // binary per crate would add minutes and test nothing the Citrix crate's tool does not.
    let tests = cargo(&["test", "--workspace", "--features", "mock", "--quiet", "--no-fail-fast"]);
    assert!(
        tests.status.success(),
        "corpus crates' tests fail:\n{}\n{}",
        String::from_utf8_lossy(&tests.stdout),
        String::from_utf8_lossy(&tests.stderr)
    );
}

/// One cargo feature per tag: `shared-shapes.yaml` has two tags, and its crate must build
/// without warnings with each tag alone and with none (types used by both tags, or by none,
/// stay; the others go with their tag).
#[test]
fn each_tag_feature_compiles_alone() {
    let workspace_root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let doc = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/shared-shapes.yaml");
    let scratch = workspace_root.join("target/corpus-features");
    let name = "corpus-tag-features";
    let settings = Settings::new(name, "cargo test -p generator --test corpus");
    let files = generator::generate(&doc, None, &settings).unwrap();
    assert!(files["Cargo.toml"].contains("default = [\"repos\", \"users\"]"), "{}", files["Cargo.toml"]);
    write_crate(&scratch.join(name), &files, WriteMode::Write).unwrap();
    std::fs::write(scratch.join("Cargo.toml"), generator::scratch_workspace_manifest(&[name])).unwrap();
    std::fs::copy(workspace_root.join("Cargo.lock"), scratch.join("Cargo.lock")).unwrap();
    let target_dir = std::env::var_os("CORPUS_TARGET_DIR").map_or_else(|| scratch.join("target"), Into::into);
    for features in [&["--features", "repos"][..], &["--features", "users"], &[]] {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let output = Command::new(cargo)
            .args(["clippy", "--quiet", "--lib", "--no-default-features"])
            .args(features)
            .args(["--", "-D", "warnings"])
            .current_dir(&scratch)
            .env("CARGO_TARGET_DIR", &target_dir)
            .env_remove("RUSTFLAGS")
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "--no-default-features {features:?}:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    // With `users` alone, `repos`' own types are gone; the types both use remain.
    let types = &files["src/types.rs"];
    let gate_of = |item: &str| {
        let at = types.find(item).unwrap_or_else(|| panic!("{item} missing"));
        types[..at].rfind("#[cfg").map(|cfg| types[cfg..at].lines().next().unwrap().to_owned())
    };
    assert_eq!(gate_of("pub struct Repository {").as_deref(), Some("#[cfg(feature = \"repos\")]"));
    assert_eq!(
        gate_of("pub struct RepositoryOwner {").as_deref(),
        Some("#[cfg(any(feature = \"repos\", feature = \"users\"))]")
    );
}
