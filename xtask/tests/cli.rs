//! The `cargo xtask generate` command line: success writes a crate, failure exits non-zero
//! with a clear message and leaves the output folder exactly as it was.

use std::path::PathBuf;
use std::process::Command;

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("xtask-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn xtask(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_xtask")).args(args).output().unwrap()
}

#[test]
fn a_bad_document_fails_and_touches_nothing() {
    let dir = scratch("bad");
    let spec = dir.join("api.yaml");
    std::fs::write(&spec, "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/Gone'}\n").unwrap();
    let out = dir.join("client");
    std::fs::create_dir_all(out.join("src")).unwrap();
    std::fs::write(out.join("src/lib.rs"), "// the previous crate\n").unwrap();
    std::fs::write(out.join("Cargo.toml"), "[package]\n").unwrap();

    let output = xtask(&["generate", "--spec", spec.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("#/components/schemas/Gone"), "{stderr}");
    assert_eq!(std::fs::read_to_string(out.join("src/lib.rs")).unwrap(), "// the previous crate\n");
    assert_eq!(std::fs::read_to_string(out.join("Cargo.toml")).unwrap(), "[package]\n");
    let entries: Vec<_> = std::fs::read_dir(&out).unwrap().collect();
    assert_eq!(entries.len(), 2, "nothing was added to the output folder");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_good_document_becomes_a_standalone_crate() {
    let dir = scratch("good");
    let spec = dir.join("api.yaml");
    std::fs::write(&spec, "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /ping:\n    get:\n      operationId: ping\n      responses:\n        '204': {description: ok}\n").unwrap();
    let out = dir.join("ping-client");
    let output = xtask(&["generate", "--spec", spec.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(manifest.contains("name = \"ping-client\"") && manifest.contains("[workspace]"), "{manifest}");
    let operations = std::fs::read_to_string(out.join("src/operations.rs")).unwrap();
    assert!(operations.contains("pub fn ping<'a>(&'a self) -> Ping<'a>"), "{operations}");
    // The runtime is a crate of its own inside the output, a member of the crate's workspace.
    assert!(manifest.contains("ping-client-runtime = { path = \"runtime\""), "{manifest}");
    let runtime = std::fs::read_to_string(out.join("runtime/Cargo.toml")).unwrap();
    assert!(runtime.contains("name = \"ping-client-runtime\"") && !runtime.contains("[workspace]"), "{runtime}");
    let metadata = Command::new(env!("CARGO"))
        .args(["metadata", "--offline", "--no-deps", "--format-version", "1"])
        .current_dir(&out)
        .output()
        .unwrap();
    assert!(metadata.status.success(), "{}", String::from_utf8_lossy(&metadata.stderr));
    let metadata = String::from_utf8_lossy(&metadata.stdout);
    for member in ["\"name\":\"ping-client\"", "\"name\":\"ping-client-runtime\""] {
        assert!(metadata.contains(member), "{member} is not in the workspace: {metadata}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
