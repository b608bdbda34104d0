//! Per-call options of the request builders: extra headers and a timeout override, on top of
//! the client's settings, checked against a wiremock server.

mod common;

use std::time::{Duration, Instant};

use citrix_cloud::Error;
use common::*;
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, ResponseTemplate};

#[tokio::test]
async fn extra_headers_are_sent_and_replace_the_operations_own() {
    let server = start().await;
    Mock::given(method("GET"))
        .and(path("/notifications"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"items": []})))
        .mount(&server)
        .await;
    let client = client(&server);
    client
        .list_notifications()
        .header("X-Audit", "run-7")
        .header("Accept", "application/json; charset=utf-8")
        // The client's own credentials win over a header set on the call.
        .header("Authorization", "Bearer stolen")
        .await
        .unwrap();
    let request = only_request(&server, "GET", "/notifications").await;
    assert_eq!(header_of(&request, "x-audit"), Some("run-7"));
    assert_eq!(header_of(&request, "accept"), Some("application/json; charset=utf-8"));
    assert_eq!(header_of(&request, "authorization"), Some(AUTHORIZATION));
    assert_eq!(header_of(&request, "citrix-customerid"), Some(CUSTOMER_ID));
    assert_eq!(request.headers.get_all("x-audit").iter().count(), 1);

    // Without them, nothing extra.
    server.reset().await;
    Mock::given(method("GET"))
        .and(path("/notifications"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"items": []})))
        .mount(&server)
        .await;
    client.list_notifications().await.unwrap();
    let request = only_request(&server, "GET", "/notifications").await;
    assert_eq!(header_of(&request, "x-audit"), None);
}

#[tokio::test]
async fn an_invalid_header_fails_the_call_before_anything_is_sent() {
    let server = start().await;
    let client = client(&server);
    for (name, value) in [("bad name", "v"), ("X-Ok", "line\nbreak")] {
        let err = client.list_service_principals().header(name, value).await.unwrap_err();
        match &err {
            Error::Encode { operation, message } => {
                assert_eq!(*operation, Some("listServicePrincipals"));
                assert!(message.contains("header"), "{message}");
            }
            other => panic!("expected Error::Encode, got {other:?}"),
        }
    }
    assert!(received(&server).await.is_empty(), "no request, not even for a token");
}

#[tokio::test]
async fn a_timeout_set_on_the_call_replaces_the_clients() {
    let server = start().await;
    Mock::given(method("GET"))
        .and(path("/serviceprincipals"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"items": []})).set_delay(Duration::from_secs(3)))
        .mount(&server)
        .await;
    // The client waits up to 60 s per attempt; this call, 200 ms.
    let client = builder(&server).retry_policy(fast_retry().max_attempts(1)).build().unwrap();
    let started = Instant::now();
    let err = client.list_service_principals().timeout(Duration::from_millis(200)).await.unwrap_err();
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
    assert!(started.elapsed() < Duration::from_secs(2), "{:?}", started.elapsed());
    assert_eq!(requests_to(&server, "GET", "/serviceprincipals").await.len(), 1);
}
