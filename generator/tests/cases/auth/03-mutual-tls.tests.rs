//! 03-mutual-tls.yaml: the `mutualTLS` scheme's setter takes the HTTP client that presents
//! the certificate; that client carries the calls, and nothing is added to requests.

use auth_03_mutual_tls::{Client, Error};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/accounts"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!(["a1"])))
        .mount(&server)
        .await;
    Mock::given(method("GET")).and(path("/status")).respond_with(ResponseTemplate::new(204)).mount(&server).await;
    server
}

/// A client standing for one built with `reqwest::ClientBuilder::identity`, recognisable by
/// a default header (the mock server speaks plain HTTP).
fn certificate_client() -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("x-from-certificate-client", reqwest::header::HeaderValue::from_static("yes"));
    reqwest::Client::builder().default_headers(headers).build().unwrap()
}

#[tokio::test]
async fn the_given_client_carries_the_calls_and_nothing_else_is_sent() {
    let server = server().await;
    let client = Client::builder().base_url(server.uri()).client_cert(certificate_client()).build().unwrap();
    assert_eq!(client.list_accounts().await.unwrap(), ["a1"]);
    client.get_status().await.unwrap();
    for request in server.received_requests().await.unwrap() {
        assert_eq!(request.headers.get("x-from-certificate-client").unwrap(), "yes");
        assert!(request.headers.get("authorization").is_none());
        assert!(request.headers.get("x-api-key").is_none());
    }
}

#[tokio::test]
async fn without_the_certificate_client_a_call_fails_before_sending() {
    let server = server().await;
    let client = Client::builder().base_url(server.uri()).key_header("k-1").build().unwrap();
    let err = client.list_accounts().await.unwrap_err();
    assert!(matches!(err, Error::MissingCredentials { operation: "listAccounts", .. }), "{err:?}");
    assert!(err.to_string().contains("`clientCert` (`.client_cert(..)`)"), "{err}");
    // The alternative requirement of `getStatus` is met by the API key alone.
    client.get_status().await.unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].headers.get("x-api-key").unwrap(), "k-1");
}
