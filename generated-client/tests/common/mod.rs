//! Helpers shared by the integration tests: a wiremock server with a Citrix-like token
//! endpoint, a client pointed at it, and checks of what the client sent.
//!
//! Each test crate compiles this module on its own and uses only part of it.
#![allow(dead_code)]

use std::time::Duration;

use citrix_cloud::{Client, ClientBuilder, RetryPolicy};
use wiremock::matchers::{body_string, header, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

pub const CUSTOMER_ID: &str = "cust-1";
pub const CLIENT_ID: &str = "id";
pub const CLIENT_SECRET: &str = "secret";
pub const TOKEN: &str = "tok-1";
pub const TOKEN_PATH: &str = "/cctrustoauth2/cust-1/tokens/clients";
pub const AUTHORIZATION: &str = "CwsAuth Bearer=tok-1";

/// Retries with waits of a few milliseconds, so that tests stay fast.
pub fn fast_retry() -> RetryPolicy {
    RetryPolicy::default()
        .max_attempts(3)
        .initial_backoff(Duration::from_millis(5))
        .max_backoff(Duration::from_millis(20))
        .max_retry_after(Duration::from_secs(5))
        .total_budget(Duration::from_secs(10))
}

/// The token endpoint's answer, `expires_in` as a string as the real service sends it.
pub fn token_response(token: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(serde_json::json!({
        "token_type": "bearer",
        "access_token": token,
        "expires_in": "3600",
    }))
}

/// A mock server whose token endpoint answers `tok-1` to the expected form body (and 404,
/// wiremock's default, to anything else).
pub async fn start() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .and(header("content-type", "application/x-www-form-urlencoded"))
        .and(body_string(
            "grant_type=client_credentials&client_id=id&client_secret=secret",
        ))
        .respond_with(token_response(TOKEN))
        .mount(&server)
        .await;
    server
}

/// A builder pointed at `server`, with credentials and fast retries.
pub fn builder(server: &MockServer) -> ClientBuilder {
    Client::builder()
        .base_url(server.uri())
        .customer_id(CUSTOMER_ID)
        .credentials(CLIENT_ID, CLIENT_SECRET)
        .retry_policy(fast_retry())
}

pub fn client(server: &MockServer) -> Client {
    builder(server).build().expect("the test client builds")
}

/// Every request the server received, in order.
pub async fn received(server: &MockServer) -> Vec<Request> {
    server
        .received_requests()
        .await
        .expect("request recording is on")
}

/// Requests received with this method and raw (still percent-encoded) path.
pub async fn requests_to(server: &MockServer, method: &str, raw_path: &str) -> Vec<Request> {
    received(server)
        .await
        .into_iter()
        .filter(|r| r.method.as_str() == method && r.url.path() == raw_path)
        .collect()
}

/// Requests received by the token endpoint.
pub async fn token_requests(server: &MockServer) -> Vec<Request> {
    requests_to(server, "POST", TOKEN_PATH).await
}

/// The only request with this method and raw path (fails if there are none or several).
pub async fn only_request(server: &MockServer, method: &str, raw_path: &str) -> Request {
    let mut found = requests_to(server, method, raw_path).await;
    assert_eq!(
        found.len(),
        1,
        "expected exactly one {method} {raw_path}, got {}",
        found.len()
    );
    found.remove(0)
}

pub fn header_of<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request.headers.get(name).and_then(|v| v.to_str().ok())
}

/// Headers every request carries: `Accept`, `User-Agent`, a UUID `Citrix-TransactionId`.
/// Returns the transaction id.
pub fn assert_common_headers(request: &Request) -> uuid::Uuid {
    assert_eq!(header_of(request, "accept"), Some("application/json"));
    let agent = header_of(request, "user-agent").expect("a User-Agent header");
    assert!(agent.starts_with("citrix-cloud/"), "User-Agent: {agent}");
    let id = header_of(request, "citrix-transactionid").expect("a Citrix-TransactionId header");
    uuid::Uuid::parse_str(id).unwrap_or_else(|e| panic!("transaction id {id:?}: {e}"))
}

/// Headers of an authenticated API call. Returns the transaction id.
pub fn assert_api_headers(request: &Request) -> uuid::Uuid {
    assert_eq!(header_of(request, "authorization"), Some(AUTHORIZATION));
    assert_eq!(header_of(request, "citrix-customerid"), Some(CUSTOMER_ID));
    assert_common_headers(request)
}

/// `<target>/<profile>/examples/<name>`, next to the test binary's `<target>/<profile>/deps/`.
pub fn example_binary(name: &str) -> std::path::PathBuf {
    let exe = std::env::current_exe().expect("the test binary's path");
    let profile_dir = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("the test binary lives in <target>/<profile>/deps/");
    let binary = profile_dir
        .join("examples")
        .join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    assert!(
        binary.is_file(),
        "the {name} example is not built at {}: run `cargo test -p citrix-cloud`, \
         which builds the examples before running the tests",
        binary.display()
    );
    binary
}

/// Runs an example with exactly these `CITRIX_*` variables (and `args`), off the runtime
/// thread so an in-process fake keeps serving.
pub async fn run_example(name: &str, vars: &[(&str, &str)]) -> std::process::Output {
    run_example_with_args(name, vars, &[]).await
}

/// [`run_example`] with command-line arguments.
pub async fn run_example_with_args(name: &str, vars: &[(&str, &str)], args: &[&str]) -> std::process::Output {
    let mut command = std::process::Command::new(example_binary(name));
    for name in [
        "CITRIX_CLOUD_CUSTOMER_ID",
        "CITRIX_CLOUD_CLIENT_ID",
        "CITRIX_CLOUD_CLIENT_SECRET",
        "CITRIX_CLOUD_REGION",
        "CITRIX_CLOUD_BASE_URL",
    ] {
        command.env_remove(name);
    }
    command.envs(vars.iter().copied()).args(args);
    tokio::task::spawn_blocking(move || command.output())
        .await
        .expect("the waiting task ran")
        .expect("the example starts")
}
