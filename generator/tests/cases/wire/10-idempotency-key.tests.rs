//! 10-idempotency-key.yaml: `idempotency_key(..)` sends the document's key header and lets a
//! POST be retried after a 503; without a key the POST is not repeated.

use std::time::Duration;

use wire_10_idempotency_key::{types::Payment, Client, Error, RetryPolicy};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn failing_once() -> (MockServer, Client) {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/payments"))
        .respond_with(ResponseTemplate::new(503).insert_header("Retry-After", "0"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/payments"))
        .respond_with(ResponseTemplate::new(201).set_body_json(serde_json::json!({"amount": 5})))
        .mount(&server)
        .await;
    let retry = RetryPolicy::default().max_attempts(3).initial_backoff(Duration::from_millis(5));
    let client = Client::builder().base_url(server.uri()).retry_policy(retry).build().unwrap();
    (server, client)
}

#[tokio::test]
async fn a_keyed_post_is_retried_with_the_same_key() {
    let (server, client) = failing_once().await;
    let payment = client.create_payment(&Payment::new(5)).idempotency_key("k-1").await.unwrap();
    assert_eq!(payment.amount, 5);
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2, "the 503 was retried");
    for request in &requests {
        assert_eq!(request.headers.get("idempotency-key").unwrap(), "k-1");
    }
}

#[tokio::test]
async fn a_post_without_a_key_is_not_repeated() {
    let (server, client) = failing_once().await;
    let err = client.create_payment(&Payment::new(5)).await.unwrap_err();
    assert!(matches!(&err, Error::Api(e) if e.status() == 503), "{err:?}");
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    assert!(requests[0].headers.get("idempotency-key").is_none());
}

#[tokio::test]
async fn the_key_header_is_matched_by_name() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(header("Idempotency-Key", "k-2"))
        .respond_with(ResponseTemplate::new(201).set_body_json(serde_json::json!({"amount": 1})))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();
    client.create_payment(&Payment::new(1)).idempotency_key("k-2").await.unwrap();
    // GET is idempotent already: its builder has only the common per-call setters (that it
    // has no `idempotency_key` is checked on the model, in generator/tests/evolution.rs).
    let payments = client.list_payments().header("X-Trace", "t").timeout(Duration::from_secs(5)).await;
    assert!(matches!(payments, Err(Error::Api(e)) if e.status() == 404));
}
