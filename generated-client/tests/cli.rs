//! The `citrix-cloud` command-line tool (feature `cli`), run as a user runs it: exit codes,
//! JSON on stdout, messages on stderr, bodies from stdin and files, usage errors.
//!
//! Tests marked `#[ignore]` call the Prism mock server, which validates every request
//! against the document: `cargo xtask test` starts it and runs them with `PRISM_URL` set
//! (as for `tests/conformance.rs`). The others use local mock servers (wiremock) or none.

#![cfg(feature = "cli")]

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Environment variables the tool reads; cleared so the developer's own never leak in.
const VARIABLES: &[&str] = &[
    "CITRIX_CLOUD_BASE_URL",
    "CITRIX_CLOUD_TIMEOUT",
    "CITRIX_CLOUD_REGION",
    "CITRIX_CLOUD_CUSTOMER_ID",
    "CITRIX_CLOUD_CLIENT_ID",
    "CITRIX_CLOUD_CLIENT_SECRET",
    "CITRIX_CLOUD_TOKEN",
];

/// Runs the tool with `args`, environment variables `vars` (nothing else of ours) and
/// `stdin` as its input.
fn run(args: &[&str], vars: &[(&str, &str)], stdin: &[u8]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_citrix-cloud"));
    command.args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    for variable in VARIABLES {
        command.env_remove(variable);
    }
    command.envs(vars.iter().copied());
    let mut child = command.spawn().expect("the tool starts");
    child.stdin.take().expect("piped stdin").write_all(stdin).expect("stdin is written");
    child.wait_with_output().expect("the tool ends")
}

/// Like [`run`], off the async runtime (whose threads serve the mock servers).
async fn run_async(args: &[&str], vars: &[(&str, &str)]) -> Output {
    let args: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
    let vars: Vec<(String, String)> = vars.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
    tokio::task::spawn_blocking(move || {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let vars: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        run(&args, &vars, b"")
    })
    .await
    .expect("the tool's thread ends")
}

fn code(output: &Output) -> i32 {
    output.status.code().expect("the tool exits with a code")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// stdout as JSON, failing with everything the tool printed.
fn json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}\nstderr:\n{}", stdout(output), stderr(output)))
}

/// A base URL where nothing listens: a request sent there would fail with exit code 5.
fn nowhere() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    format!("http://{}", listener.local_addr().expect("an address"))
}

#[test]
fn usage_errors_exit_with_2_and_say_what_is_wrong() {
    let output = run(&[], &[], b"");
    assert_eq!(code(&output), 2);
    assert!(stderr(&output).contains("Usage: citrix-cloud"), "{}", stderr(&output));

    let output = run(&["resource-locations", "get"], &[], b"");
    assert_eq!(code(&output), 2);
    assert!(stderr(&output).contains("--location-id"), "{}", stderr(&output));

    let output = run(&["resource-locations", "remove"], &[], b"");
    assert_eq!(code(&output), 2);
    assert!(stderr(&output).contains("unrecognized subcommand 'remove'"), "{}", stderr(&output));

    let output = run(&["--region", "mars", "notifications", "list"], &[], b"");
    assert_eq!(code(&output), 2);
    assert!(stderr(&output).contains("possible values: us, eu, ap-s, japan"), "{}", stderr(&output));

    let output = run(&["--timeout", "soon", "notifications", "list"], &[], b"");
    assert_eq!(code(&output), 2);
    assert!(stderr(&output).contains("`soon` is not a number of seconds"), "{}", stderr(&output));
    assert!(output.stdout.is_empty());
}

#[test]
fn help_comes_from_the_document_and_never_shows_secret_values() {
    let secret = "s3cret-from-the-environment";
    let vars = [("CITRIX_CLOUD_CLIENT_SECRET", secret), ("CITRIX_CLOUD_TOKEN", secret)];
    let output = run(&["--help"], &vars, b"");
    assert_eq!(code(&output), 0);
    let help = stdout(&output);
    for expected in ["resource-locations", "Manage resource locations within a customer", "CITRIX_CLOUD_CLIENT_SECRET", "Exit codes"] {
        assert!(help.contains(expected), "{expected} missing from\n{help}");
    }
    assert!(!help.contains(secret), "{help}");

    let output = run(&["resource-locations", "get", "--help"], &vars, b"");
    assert_eq!(code(&output), 0);
    let help = stdout(&output);
    assert!(help.contains("Retrieve details of a specific resource location by ID"), "{help}");
    assert!(help.contains("GET /resourcelocations/{locationId}"), "{help}");
    assert!(help.contains("Resource location unique identifier (path parameter `locationId`)"), "{help}");
    assert!(!help.contains(secret), "{help}");

    let output = run(&["resource-locations", "--help"], &[], b"");
    assert!(stdout(&output).contains("list") && stdout(&output).contains("get"), "{}", stdout(&output));
}

#[test]
fn an_invalid_body_is_refused_before_anything_is_sent() {
    // Were the request sent, the tool would fail to connect (exit code 5) instead.
    let base = nowhere();
    let vars = [("CITRIX_CLOUD_BASE_URL", base.as_str()), ("CITRIX_CLOUD_CUSTOMER_ID", "c"), ("CITRIX_CLOUD_TOKEN", "cli-test-token")];
    let output = run(&["service-principals", "create", "--body", "-"], &vars, br#"{"displayName": 7}"#);
    assert_eq!(code(&output), 2, "{}", stderr(&output));
    assert_eq!(
        stderr(&output).trim(),
        "error: the request body from stdin is not valid: expected CreateServicePrincipalRequest at \
         `displayName`: invalid type: integer `7`, expected a string at line 1 column 17"
    );

    let output = run(&["service-principals", "create", "--body", "-"], &vars, b"not json");
    assert_eq!(code(&output), 2);
    assert!(stderr(&output).contains("expected ident at line 1 column 2"), "{}", stderr(&output));

    let output = run(&["service-principals", "create", "--body", "/nonexistent/principal.json"], &vars, b"");
    assert_eq!(code(&output), 2);
    assert!(stderr(&output).contains("`/nonexistent/principal.json` is not valid: cannot read it"), "{}", stderr(&output));
}

#[test]
fn missing_configuration_exits_with_7_and_names_the_variables() {
    let base = nowhere();
    let output = run(&["--base-url", &base, "notifications", "list"], &[("CITRIX_CLOUD_CUSTOMER_ID", "c")], b"");
    assert_eq!(code(&output), 7, "{}", stderr(&output));
    let err = stderr(&output);
    assert!(err.starts_with("error: listNotifications needs credentials that are not configured"), "{err}");
    assert!(err.contains("hint: set --customer-id (CITRIX_CLOUD_CUSTOMER_ID), --client-id and --client-secret"), "{err}");

    let output = run(&["--base-url", &base, "notifications", "list"], &[("CITRIX_CLOUD_TOKEN", "cli-test-token")], b"");
    assert_eq!(code(&output), 7, "{}", stderr(&output));
    assert!(stderr(&output).contains("Citrix-CustomerId"), "{}", stderr(&output));

    let vars = [("CITRIX_CLOUD_CUSTOMER_ID", "c"), ("CITRIX_CLOUD_CLIENT_ID", "id")];
    let output = run(&["--base-url", &base, "notifications", "list"], &vars, b"");
    assert_eq!(code(&output), 7);
    assert!(stderr(&output).contains("--client-id and --client-secret"), "{}", stderr(&output));
}

#[test]
fn an_unreachable_server_exits_with_5() {
    let base = nowhere();
    let vars = [("CITRIX_CLOUD_CUSTOMER_ID", "c"), ("CITRIX_CLOUD_TOKEN", "cli-test-token")];
    let output = run(&["--base-url", &base, "notifications", "list"], &vars, b"");
    assert_eq!(code(&output), 5, "{}", stderr(&output));
    assert!(stderr(&output).contains("could not connect to the server"), "{}", stderr(&output));
}

#[tokio::test(flavor = "multi_thread")]
async fn server_errors_exit_with_4_and_undecodable_answers_with_6() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/notifications"))
        .respond_with(ResponseTemplate::new(500).set_body_json(serde_json::json!({"message": "database down"})))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/resourcelocations"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(r#"{"items": 5}"#, "application/json"))
        .mount(&server)
        .await;
    let vars = [("CITRIX_CLOUD_BASE_URL", server.uri()), ("CITRIX_CLOUD_CUSTOMER_ID", "c".into()), ("CITRIX_CLOUD_TOKEN", "cli-test-token".into())];
    let vars: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (*k, v.as_str())).collect();

    let output = run_async(&["notifications", "list"], &vars).await;
    assert_eq!(code(&output), 4, "{}", stderr(&output));
    let err = stderr(&output);
    assert!(err.starts_with("error: listNotifications failed with 500 Internal Server Error: "), "{err}");
    assert!(err.contains("database down"), "{err}");
    assert!(output.stdout.is_empty());

    let output = run_async(&["resource-locations", "list"], &vars).await;
    assert_eq!(code(&output), 6, "{}", stderr(&output));
    assert!(stderr(&output).contains("could not decode the 200 response"), "{}", stderr(&output));

    // The tool's requests say who sent them and carry the extra headers asked for.
    let requests = server.received_requests().await.expect("requests are recorded");
    let agent = requests[0].headers.get("user-agent").and_then(|v| v.to_str().ok()).unwrap_or("");
    assert!(agent.starts_with("citrix-cloud/") && agent.ends_with(" cli"), "{agent}");
    let output = run_async(&["notifications", "list", "-H", "X-Trace: 42"], &vars).await;
    assert_eq!(code(&output), 4);
    let requests = server.received_requests().await.expect("requests are recorded");
    let last = requests.last().expect("a request");
    assert_eq!(last.headers.get("x-trace").and_then(|v| v.to_str().ok()), Some("42"));
    assert_eq!(last.headers.get("citrix-customerid").and_then(|v| v.to_str().ok()), Some("c"));
}

fn prism_url() -> String {
    match std::env::var("PRISM_URL") {
        Ok(url) if !url.trim().is_empty() => url,
        _ => panic!("PRISM_URL is not set: run `cargo xtask test`, which starts Prism and runs these tests"),
    }
}

/// Run against Prism with service-principal credentials from the environment.
fn run_prism(args: &[&str], stdin: &[u8]) -> Output {
    let url = prism_url();
    let vars = [
        ("CITRIX_CLOUD_BASE_URL", url.as_str()),
        ("CITRIX_CLOUD_CUSTOMER_ID", "cli-customer"),
        ("CITRIX_CLOUD_CLIENT_ID", "cli-client"),
        ("CITRIX_CLOUD_CLIENT_SECRET", "cli-secret"),
    ];
    run(args, &vars, stdin)
}

#[test]
#[ignore = "needs Prism: run by `cargo xtask test`"]
fn prism_lists_and_gets_resource_locations_as_json() {
    let output = run_prism(&["resource-locations", "list"], b"");
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let answer = json(&output);
    let items = answer["items"].as_array().unwrap_or_else(|| panic!("no items list: {answer}"));
    assert!(items.iter().all(|item| item["id"].is_string() && item["name"].is_string()), "{answer}");
    assert!(stdout(&output).starts_with("{\n  \"items\""), "pretty JSON expected:\n{}", stdout(&output));
    assert!(output.stderr.is_empty(), "{}", stderr(&output));

    let output = run_prism(&["resource-locations", "get", "--location-id", "loc 1/2"], b"");
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(json(&output)["id"].is_string());
}

#[test]
#[ignore = "needs Prism: run by `cargo xtask test`"]
fn prism_creates_a_service_principal_from_stdin_and_from_a_file() {
    let body = br#"{"displayName": "automation"}"#;
    let output = run_prism(&["service-principals", "create", "--body", "-"], body);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let answer = json(&output);
    assert!(answer["clientId"].is_string() && answer["displayName"].is_string(), "{answer}");

    let file = std::env::temp_dir().join(format!("citrix-cli-principal-{}.json", std::process::id()));
    std::fs::write(&file, body).expect("the body file is written");
    let output = run_prism(&["service-principals", "create", "--body", file.to_str().expect("UTF-8 path")], b"");
    std::fs::remove_file(&file).expect("the body file is removed");
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(json(&output)["id"].is_string());
}

#[test]
#[ignore = "needs Prism: run by `cargo xtask test`"]
fn prism_token_request_takes_a_form_body_as_json() {
    let body = br#"{"grant_type": "client_credentials", "client_id": "a", "client_secret": "b"}"#;
    let output = run_prism(&["authentication", "get-access-token", "--path-customer-id", "cli-customer", "--body", "-"], body);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(json(&output)["access_token"].is_string(), "{}", stdout(&output));
}

#[test]
#[ignore = "needs Prism: run by `cargo xtask test`"]
fn prism_deletes_with_no_output_and_a_404_exits_with_3() {
    let output = run_prism(&["service-principals", "delete", "--principal-id", "p1"], b"");
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(output.stdout.is_empty(), "{}", stdout(&output));

    // Prism answers with the documented 404 when asked to.
    let output = run_prism(&["service-principals", "get", "--principal-id", "p1", "--header", "Prefer: code=404"], b"");
    assert_eq!(code(&output), 3, "{}", stderr(&output));
    assert!(stderr(&output).starts_with("error: getServicePrincipal failed with 404 Not Found"), "{}", stderr(&output));
    assert!(output.stdout.is_empty());
}
