//! Conformance tests against the Prism mock server (`prism/`, `@stoplight/prism-cli`).
//!
//! Prism validates every request against the document (path, parameters, headers, body,
//! content type, security) and answers a non-conforming one with 4xx, so the tests in
//! `generated-client/tests/conformance.rs` (and the command-line tool's in `tests/cli.rs`)
//! pass only if the client's real requests conform.
//! This module installs Prism (`npm ci`), writes the document it serves, starts it on a
//! free port of 127.0.0.1, runs those tests with `PRISM_URL` and always stops it again.

use std::fs::{self, File};
use std::io::{Read, Seek, SeekFrom};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{json, Map, Value};

/// The bundled document Prism serves (with its overlay applied).
const SPEC: &str = "spec/citrix-cloud-openapi.yml";
/// How long Prism may take to start accepting connections.
const START_DEADLINE: Duration = Duration::from_secs(60);

/// Runs the conformance tests of the generated client against Prism. Fails (never skips)
/// when node, npm or Prism are missing or Prism cannot start.
pub fn run_conformance(root: &Path) -> Result<(), String> {
    let (server, log) = start(root, free_port()?)?;

    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    // The client's conformance tests and the command-line tool's tests (`cli` feature).
    let args = [
        "test",
        "-p",
        "citrix-cloud",
        "--features",
        "cli",
        "--test",
        "conformance",
        "--test",
        "cli",
        "--locked",
        "--",
        "--ignored",
    ];
    let status = Command::new(cargo)
        .args(args)
        .env("PRISM_URL", &server.url)
        .current_dir(root)
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    // Stopped before we report, so the message below can quote a complete log.
    drop(server);
    if status.success() {
        Ok(())
    } else {
        Err(format!(
            "`cargo {}` failed ({status}); Prism's log of every request and its validation is in {}",
            args.join(" "),
            log.display()
        ))
    }
}

/// Serves the document on `port` of 127.0.0.1 until interrupted (for trying the examples
/// against a mock: `cargo xtask prism`).
pub fn serve(root: &Path, port: u16) -> Result<(), String> {
    let (mut server, log) = start(root, port)?;
    println!("requests and their validation are logged to {}; stop with Ctrl-C", log.display());
    // `Child::wait` closes the child's input first, which tells Prism to exit: keep it open.
    let _input = server.child.stdin.take();
    let status = server.child.wait().map_err(|e| e.to_string())?;
    Err(format!("Prism stopped ({status}):\n{}", tail(&log)))
}

/// Installs Prism if needed, writes the document it serves and starts it on `port`.
fn start(root: &Path, port: u16) -> Result<(PrismServer, PathBuf), String> {
    let work_dir = root.join("target").join("prism");
    fs::create_dir_all(&work_dir)
        .map_err(|e| format!("cannot create {}: {e}", work_dir.display()))?;
    let spec = root.join(SPEC);
    let document = write_document(&spec, generator::overlay_for(&spec).as_deref(), &work_dir)?;
    let log = work_dir.join("prism.log");
    let server = start_serving(root, &document, &log, port, &[])?;
    println!("Prism {} serves {}", server.url, document.display());
    Ok((server, log))
}

/// Installs Prism if needed and starts it on `port`, serving `document` (written by
/// [`write_document`]) with `options` added to `prism mock`, logging to `log`.
pub(crate) fn start_serving(
    root: &Path,
    document: &Path,
    log: &Path,
    port: u16,
    options: &[&str],
) -> Result<PrismServer, String> {
    let prism_dir = root.join("prism");
    let entry = install_prism(&prism_dir)?;
    let watchdog = prism_dir.join("exit-with-parent.cjs");
    PrismServer::start(&entry, &watchdog, document, log, port, options)
}

/// Installs the locked Prism in `prism/node_modules` unless it is there in the pinned version,
/// and returns the path of its command-line entry point (a node script).
fn install_prism(prism_dir: &Path) -> Result<PathBuf, String> {
    let entry = prism_dir.join("node_modules/@stoplight/prism-cli/dist/index.js");
    let marker = prism_dir.join("node_modules/.bin/prism");
    require_tool("node")?;
    let pinned = json_string(
        &prism_dir.join("package.json"),
        "/dependencies/@stoplight~1prism-cli",
    )?;
    let installed = json_string(
        &prism_dir.join("node_modules/@stoplight/prism-cli/package.json"),
        "/version",
    )
    .ok();
    if marker.exists() && entry.is_file() && installed.as_deref() == Some(pinned.as_str()) {
        return Ok(entry);
    }
    require_tool("npm")?;
    println!(
        "installing Prism {pinned}: npm ci in {}",
        prism_dir.display()
    );
    let status = Command::new(npm())
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(prism_dir)
        .status()
        .map_err(|e| format!("cannot run npm: {e}"))?;
    if !status.success() {
        return Err(format!(
            "`npm ci` in {} failed ({status})",
            prism_dir.display()
        ));
    }
    if !entry.is_file() {
        return Err(format!(
            "`npm ci` succeeded but {} is missing",
            entry.display()
        ));
    }
    Ok(entry)
}

/// The string at JSON pointer `pointer` in the JSON file `path` (a version in a `package.json`).
fn json_string(path: &Path, pointer: &str) -> Result<String, String> {
    let text =
        fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let json: Value =
        serde_json::from_str(&text).map_err(|e| format!("{} is not JSON: {e}", path.display()))?;
    json.pointer(pointer)
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| format!("{} has no string at {pointer}", path.display()))
}

fn npm() -> &'static str {
    if cfg!(windows) {
        "npm.cmd"
    } else {
        "npm"
    }
}

/// Fails with a clear message when `tool --version` cannot run.
fn require_tool(tool: &str) -> Result<(), String> {
    let program = if tool == "npm" { npm() } else { tool };
    match Command::new(program)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
    {
        Ok(status) if status.success() => Ok(()),
        Ok(status) => Err(format!("`{tool} --version` failed ({status})")),
        Err(e) => Err(format!(
            "`{tool}` is needed to run the Prism mock server for the conformance tests ({e}); \
             install Node.js 18.20 or later with npm (for example `apt-get install nodejs npm`)"
        )),
    }
}

/// Writes the document Prism serves for `spec` (with `overlay` applied) to
/// `dir/<spec stem>.json` and returns its path.
pub(crate) fn write_document(spec: &Path, overlay: Option<&Path>, dir: &Path) -> Result<PathBuf, String> {
    // The overlay is applied: the client was generated from the overlaid document, and the
    // overlay holds the corrections that describe the real service (`expires_in` also as a
    // string, the token endpoint's error bodies, the CwsAuth header). The raw upstream
    // document would check our requests against a `Bearer` scheme the service does not use.
    let mut document =
        generator::load::read_with_overlay(spec, overlay).map_err(|e| e.to_string())?;
    adapt_security_for_prism(&mut document)?;
    let stem = spec
        .file_stem()
        .and_then(|s| s.to_str())
        .ok_or_else(|| format!("{} has no file name", spec.display()))?;
    let path = dir.join(format!("{stem}.json"));
    let text = serde_json::to_string_pretty(&document).map_err(|e| e.to_string())?;
    fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(path)
}

/// Restates, for Prism only, every security scheme that has an `x-authorization-template` (the
/// overlay's `citrixClientCredentials`: an oauth2 token sent as `CwsAuth Bearer=<token>`) in
/// terms Prism 5.14.2 can check.
///
/// Prism checks `oauth2`, `openIdConnect` and `http`/`bearer` schemes alike: it accepts only
/// `Authorization` values matching `^Bearer\s.+$` and answers anything else with 401
/// (`prism-http/dist/validator/validators/security/handlers/bearer.js`). It would therefore
/// reject the header the real service documents and our client sends. Building the test client
/// with `AuthorizationFormat::Bearer` instead would make the tests pass while testing a header
/// the service does not use, so the document is adapted instead, keeping the check as strict:
///
/// - the scheme becomes an `apiKey` in header `Authorization`: Prism answers 401 when the header
///   is missing;
/// - every operation secured by it gets a required `Authorization` header parameter whose
///   pattern is the template (`^CwsAuth Bearer=.+$`): Prism answers 422 to any other format,
///   `Bearer <token>` included.
///
/// The tests check both answers, so a wrong or missing header is known to be caught.
fn adapt_security_for_prism(document: &mut Value) -> Result<(), String> {
    let mut patterns = Map::new();
    if let Some(schemes) = document
        .pointer_mut("/components/securitySchemes")
        .and_then(Value::as_object_mut)
    {
        for (name, scheme) in schemes.iter_mut() {
            let Some(template) = scheme
                .get("x-authorization-template")
                .and_then(Value::as_str)
            else {
                continue;
            };
            let (before, after) = template.split_once("{token}").ok_or_else(|| {
                format!("security scheme {name}: x-authorization-template has no {{token}}")
            })?;
            let pattern = format!("^{}.+{}$", regex_escape(before), regex_escape(after));
            let description = format!("Access token sent as `{template}` (restated for Prism)");
            *scheme = json!({
                "type": "apiKey",
                "in": "header",
                "name": "Authorization",
                "description": description,
            });
            patterns.insert(
                name.clone(),
                json!({ "pattern": pattern, "description": description }),
            );
        }
    }
    if patterns.is_empty() {
        return Ok(());
    }
    let global = document
        .get("security")
        .cloned()
        .unwrap_or(Value::Array(Vec::new()));
    let Some(paths) = document.get_mut("paths").and_then(Value::as_object_mut) else {
        return Ok(());
    };
    const METHODS: [&str; 8] = [
        "get", "put", "post", "delete", "options", "head", "patch", "trace",
    ];
    for item in paths.values_mut() {
        for method in METHODS {
            let Some(operation) = item.get_mut(method).and_then(Value::as_object_mut) else {
                continue;
            };
            let security = operation.get("security").unwrap_or(&global);
            let Some(requirements) = security.as_array().filter(|r| !r.is_empty()) else {
                continue;
            };
            // Only when every alternative needs the scheme is the header required.
            let Some(scheme) = patterns.keys().find(|scheme| {
                requirements
                    .iter()
                    .all(|r| r.get(scheme.as_str()).is_some())
            }) else {
                continue;
            };
            let spec = &patterns[scheme];
            let parameter = json!({
                "name": "Authorization",
                "in": "header",
                "required": true,
                "description": spec["description"],
                "schema": { "type": "string", "pattern": spec["pattern"] },
            });
            match operation
                .entry("parameters")
                .or_insert_with(|| Value::Array(Vec::new()))
            {
                Value::Array(parameters) => parameters.push(parameter),
                _ => return Err(format!("{method} operation: `parameters` is not a list")),
            }
        }
    }
    Ok(())
}

/// `text` with the characters that are special in an ECMA-262 regular expression escaped.
fn regex_escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\^$.|?*+()[]{}/".contains(c) {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

/// A running Prism; dropping it stops Prism (its whole process group on Unix) and waits for it.
pub(crate) struct PrismServer {
    child: Child,
    pub(crate) url: String,
}

impl PrismServer {
    /// Starts `prism mock` on a free port of 127.0.0.1 and waits until it accepts connections.
    /// `watchdog` is a script preloaded into node that exits when standard input closes.
    fn start(
        entry: &Path,
        watchdog: &Path,
        document: &Path,
        log: &Path,
        port: u16,
        options: &[&str],
    ) -> Result<Self, String> {
        let log_file =
            File::create(log).map_err(|e| format!("cannot create {}: {e}", log.display()))?;
        let log_err = log_file
            .try_clone()
            .map_err(|e| format!("cannot share {}: {e}", log.display()))?;
        let mut command = Command::new("node");
        // Invalid requests are answered with 4xx with or without `--errors`; that flag only
        // turns schema violations in Prism's own generated answers into 500s, which would fail
        // our tests for Prism's faults, so it is left off (violations still go to the log).
        // Not `--dynamic`: the tests ask for random answers per request (`Prefer: dynamic=true`)
        // and keep the static, schema-derived answers for the others.
        command
            .arg("--require")
            .arg(watchdog)
            .arg(entry)
            .args(["mock", "-h", "127.0.0.1", "-p", &port.to_string()])
            .args(options)
            .arg(document)
            // Held by `child.stdin` until drop: Prism exits when xtask ends, even on Ctrl-C,
            // which does not reach Prism's own process group.
            .stdin(Stdio::piped())
            .stdout(log_file)
            .stderr(log_err);
        #[cfg(unix)]
        {
            use std::os::unix::process::CommandExt;
            // Its own process group, so that stopping it also stops anything it spawned (it
            // spawns nothing today: `prism mock` without `--multiprocess` is one node process).
            command.process_group(0);
        }
        let child = command
            .spawn()
            .map_err(|e| format!("cannot start Prism with node: {e}"))?;
        let mut server = PrismServer {
            child,
            url: format!("http://127.0.0.1:{port}"),
        };
        server.wait_until_ready(port, log)?;
        Ok(server)
    }

    fn wait_until_ready(&mut self, port: u16, log: &Path) -> Result<(), String> {
        let address = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().map_err(|e| e.to_string())? {
                return Err(format!(
                    "Prism exited before accepting connections ({status}):\n{}",
                    tail(log)
                ));
            }
            if TcpStream::connect_timeout(&address, Duration::from_millis(500)).is_ok() {
                return Ok(());
            }
            if started.elapsed() > START_DEADLINE {
                return Err(format!(
                    "Prism did not accept connections on {address} within {} s:\n{}",
                    START_DEADLINE.as_secs(),
                    tail(log)
                ));
            }
            thread::sleep(Duration::from_millis(200));
        }
    }
}

impl Drop for PrismServer {
    fn drop(&mut self) {
        // Closing its input asks Prism to exit (see `exit-with-parent.cjs`).
        drop(self.child.stdin.take());
        #[cfg(unix)]
        {
            // SIGTERM to the group too so node can close its server; SIGKILL if it lingers.
            let group = format!("-{}", self.child.id());
            let signal = |name: &str| {
                let _ = Command::new("kill")
                    .args([name, "--", &group])
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .status();
            };
            if let Ok(None) = self.child.try_wait() {
                signal("-TERM");
            }
            let deadline = Instant::now() + Duration::from_secs(5);
            while Instant::now() < deadline && matches!(self.child.try_wait(), Ok(None)) {
                thread::sleep(Duration::from_millis(50));
            }
            // Whatever is left of the group: its id is not given to a new process while any
            // member lives, so this reaches only what Prism left behind.
            signal("-KILL");
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port of 127.0.0.1 that was free a moment ago.
pub(crate) fn free_port() -> Result<u16, String> {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .map_err(|e| format!("cannot find a free port on 127.0.0.1: {e}"))?;
    listener
        .local_addr()
        .map(|a| a.port())
        .map_err(|e| e.to_string())
}

/// The last few kilobytes of Prism's log, for error messages.
pub(crate) fn tail(log: &Path) -> String {
    const MAX: u64 = 4096;
    let mut text = String::new();
    if let Ok(mut file) = File::open(log) {
        let length = file.metadata().map(|m| m.len()).unwrap_or(0);
        let _ = file.seek(SeekFrom::Start(length.saturating_sub(MAX)));
        let mut bytes = Vec::new();
        let _ = file.read_to_end(&mut bytes);
        text = String::from_utf8_lossy(&bytes).into_owned();
    }
    if text.trim().is_empty() {
        format!("(Prism wrote nothing to {})", log.display())
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cwsauth_template_becomes_a_header_pattern_on_secured_operations_only() {
        let mut document = json!({
            "security": [{ "cc": [] }],
            "components": { "securitySchemes": { "cc": {
                "type": "oauth2",
                "x-authorization-template": "CwsAuth Bearer={token}",
                "flows": {}
            }}},
            "paths": {
                "/token": { "post": { "security": [] } },
                "/things": { "get": { "parameters": [{ "name": "x", "in": "query" }] } }
            }
        });
        adapt_security_for_prism(&mut document).unwrap();
        assert_eq!(
            document["components"]["securitySchemes"]["cc"]["type"],
            "apiKey"
        );
        assert_eq!(
            document["components"]["securitySchemes"]["cc"]["name"],
            "Authorization"
        );
        assert!(document["paths"]["/token"]["post"]
            .get("parameters")
            .is_none());
        let parameters = document["paths"]["/things"]["get"]["parameters"]
            .as_array()
            .unwrap();
        assert_eq!(parameters.len(), 2);
        assert_eq!(parameters[1]["name"], "Authorization");
        assert_eq!(parameters[1]["required"], true);
        assert_eq!(parameters[1]["schema"]["pattern"], "^CwsAuth Bearer=.+$");
    }

    #[test]
    fn prism_is_pinned_to_an_exact_version() {
        let package = Path::new(env!("CARGO_MANIFEST_DIR")).join("../prism/package.json");
        let pinned = json_string(&package, "/dependencies/@stoplight~1prism-cli").unwrap();
        assert!(
            pinned.split('.').count() == 3 && pinned.split('.').all(|n| n.parse::<u32>().is_ok()),
            "@stoplight/prism-cli is pinned as {pinned:?}, not an exact version"
        );
    }

    #[test]
    fn regex_metacharacters_are_escaped() {
        assert_eq!(regex_escape("a.b (c)"), "a\\.b \\(c\\)");
    }
}
