//! Runs the `quickstart` example binary (built by `cargo test`) against a wiremock fake.

mod common;

use std::process::Output;
use std::time::{Duration, Instant};

use common::{requests_to, token_requests, CLIENT_ID, CLIENT_SECRET, CUSTOMER_ID, TOKEN_PATH};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const WRONG_SECRET: &str = "zzWRONGzz";

async fn run_quickstart(vars: &[(&str, &str)]) -> Output {
    common::run_example("quickstart", vars).await
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A fake with one item per list, whose first `/notifications` answer is a 429, and whose
/// token endpoint rejects any secret but the right one.
async fn fake() -> MockServer {
    let server = common::start().await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({
            "error": "invalid_client",
            "error_description": "Invalid client credentials"
        })))
        .with_priority(10)
        .mount(&server)
        .await;
    let lists = [
        (
            "/resourcelocations",
            json!({"id": "rl-1", "name": "Frankfurt"}),
        ),
        (
            "/serviceprincipals",
            json!({"id": "sp-1", "displayName": "automation"}),
        ),
        (
            "/notifications",
            json!({"id": "n-1", "title": "Maintenance on Sunday"}),
        ),
    ];
    for (route, item) in lists {
        Mock::given(method("GET"))
            .and(path(route))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"items": [item]})))
            .mount(&server)
            .await;
    }
    Mock::given(method("GET"))
        .and(path("/notifications"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "1"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn quickstart_lists_everything_and_survives_throttling() {
    let server = fake().await;
    let base_url = server.uri();

    let started = Instant::now();
    let output = run_quickstart(&[
        ("CITRIX_CLOUD_CUSTOMER_ID", CUSTOMER_ID),
        ("CITRIX_CLOUD_CLIENT_ID", CLIENT_ID),
        ("CITRIX_CLOUD_CLIENT_SECRET", CLIENT_SECRET),
        ("CITRIX_CLOUD_BASE_URL", base_url.as_str()),
    ])
    .await;
    let elapsed = started.elapsed();

    let (stdout, stderr) = (text(&output.stdout), text(&output.stderr));
    assert!(
        output.status.success(),
        "{}\n{stdout}\n{stderr}",
        output.status
    );
    for expected in [
        "Resource locations (1):",
        "Frankfurt (rl-1)",
        "Service principals (1):",
        "automation (sp-1)",
        "Notifications (1):",
        "Maintenance on Sunday (n-1)",
    ] {
        assert!(
            stdout.contains(expected),
            "{expected:?} missing from:\n{stdout}"
        );
    }
    assert_eq!(
        token_requests(&server).await.len(),
        1,
        "one token for all calls"
    );
    assert_eq!(
        requests_to(&server, "GET", "/notifications").await.len(),
        2,
        "the throttled call was repeated once"
    );
    assert!(
        elapsed >= Duration::from_millis(900),
        "Retry-After ignored: {elapsed:?}"
    );
}

#[tokio::test]
async fn quickstart_with_a_wrong_secret_fails_clearly() {
    let server = fake().await;
    let base_url = server.uri();

    let output = run_quickstart(&[
        ("CITRIX_CLOUD_CUSTOMER_ID", CUSTOMER_ID),
        ("CITRIX_CLOUD_CLIENT_ID", CLIENT_ID),
        ("CITRIX_CLOUD_CLIENT_SECRET", WRONG_SECRET),
        ("CITRIX_CLOUD_BASE_URL", base_url.as_str()),
    ])
    .await;

    let (stdout, stderr) = (text(&output.stdout), text(&output.stderr));
    assert!(!output.status.success(), "{stdout}\n{stderr}");
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert!(stderr.contains("credentials were rejected"), "{stderr}");
    assert!(stderr.contains("Invalid client credentials"), "{stderr}");
    assert!(
        !stderr.contains(WRONG_SECRET),
        "the secret leaked: {stderr}"
    );
    assert!(!stdout.contains("Frankfurt"), "{stdout}");
    assert_eq!(token_requests(&server).await.len(), 1);
}

#[tokio::test]
async fn quickstart_names_a_missing_variable() {
    let output = run_quickstart(&[
        ("CITRIX_CLOUD_CUSTOMER_ID", CUSTOMER_ID),
        ("CITRIX_CLOUD_CLIENT_SECRET", CLIENT_SECRET),
    ])
    .await;

    let stderr = text(&output.stderr);
    assert!(!output.status.success(), "{stderr}");
    assert!(stderr.contains("CITRIX_CLOUD_CLIENT_ID"), "{stderr}");
}

#[tokio::test]
async fn quickstart_rejects_an_unknown_region() {
    let output = run_quickstart(&[
        ("CITRIX_CLOUD_CUSTOMER_ID", CUSTOMER_ID),
        ("CITRIX_CLOUD_CLIENT_ID", CLIENT_ID),
        ("CITRIX_CLOUD_CLIENT_SECRET", CLIENT_SECRET),
        ("CITRIX_CLOUD_REGION", "mars"),
    ])
    .await;

    let stderr = text(&output.stderr);
    assert!(!output.status.success(), "{stderr}");
    assert!(
        stderr.contains("CITRIX_CLOUD_REGION") && stderr.contains("mars"),
        "{stderr}"
    );
    assert!(stderr.contains("us, eu, ap-s or japan"), "{stderr}");
}
