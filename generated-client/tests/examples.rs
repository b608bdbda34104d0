//! The `service_principals` and `notifications` examples (built by `cargo test`), run
//! against a wiremock fake with the same environment a user sets for the real service.

mod common;

use common::{requests_to, token_requests, CLIENT_ID, CLIENT_SECRET, CUSTOMER_ID};
use serde_json::json;
use wiremock::matchers::{body_json, method, path};
use wiremock::{Mock, ResponseTemplate};

fn env(server: &wiremock::MockServer) -> Vec<(&'static str, String)> {
    vec![
        ("CITRIX_CLOUD_BASE_URL", server.uri()),
        ("CITRIX_CLOUD_CUSTOMER_ID", CUSTOMER_ID.to_owned()),
        ("CITRIX_CLOUD_CLIENT_ID", CLIENT_ID.to_owned()),
        ("CITRIX_CLOUD_CLIENT_SECRET", CLIENT_SECRET.to_owned()),
    ]
}

fn borrowed<'a>(vars: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    vars.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

#[tokio::test]
async fn service_principals_creates_reads_and_deletes() {
    let server = common::start().await;
    let principal = json!({"id": "sp-9", "displayName": "nightly job", "clientId": "c-9", "createdAt": "2026-11-28T10:00:00Z"});
    Mock::given(method("POST"))
        .and(path("/serviceprincipals"))
        .and(body_json(json!({"displayName": "nightly job"})))
        .respond_with(ResponseTemplate::new(201).set_body_json(principal.clone()))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/serviceprincipals/sp-9"))
        .respond_with(ResponseTemplate::new(200).set_body_json(principal))
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/serviceprincipals/sp-9"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;

    let vars = env(&server);
    let output = common::run_example_with_args("service_principals", &borrowed(&vars), &["nightly job"]).await;
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&output.stderr));
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{stdout}");
    assert!(lines[0].starts_with("created  sp-9: nightly job (client id c-9)"), "{stdout}");
    assert!(lines[1].contains("2026-11-28T10:00:00Z"), "{stdout}");
    assert_eq!(lines[2], "deleted  sp-9");
    assert_eq!(requests_to(&server, "DELETE", "/serviceprincipals/sp-9").await.len(), 1);
    assert_eq!(token_requests(&server).await.len(), 1);
}

#[tokio::test]
async fn service_principals_reports_a_failed_step_and_exits_non_zero() {
    let server = common::start().await;
    Mock::given(method("POST"))
        .and(path("/serviceprincipals"))
        .respond_with(ResponseTemplate::new(403).set_body_json(json!({"type": "https://errors-api.cloud.com/common/forbidden", "detail": "not allowed"})))
        .mount(&server)
        .await;
    let vars = env(&server);
    let output = common::run_example("service_principals", &borrowed(&vars)).await;
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("403") && stderr.contains("not allowed"), "{stderr}");
}

#[tokio::test]
async fn notifications_are_grouped_by_severity_most_severe_first() {
    let server = common::start().await;
    Mock::given(method("GET"))
        .and(path("/notifications"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"items": [
            {"id": "1", "title": "disk almost full", "severity": "Warning"},
            {"id": "2", "title": "maintenance tonight", "severity": "Information"},
            {"id": "3", "title": "site down", "severity": "Critical", "createdDate": "2026-11-28T09:00:00Z"},
            {"id": "4", "title": "new kind", "severity": "Emergency"},
            {"id": "5", "title": "second warning", "severity": "Warning"}
        ]})))
        .mount(&server)
        .await;
    let vars = env(&server);
    let output = common::run_example("notifications", &borrowed(&vars)).await;
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&output.stderr));
    let headings: Vec<&str> = stdout.lines().filter(|l| !l.starts_with(' ')).collect();
    assert_eq!(headings, ["Critical (1):", "Warning (2):", "Information (1):", "Emergency (1):"], "{stdout}");
    assert!(stdout.contains("  site down [2026-11-28T09:00:00Z]"), "{stdout}");
}
