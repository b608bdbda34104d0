//! 01-apikey-auth.yaml: an API key in a header (top-level requirement), one in the query and
//! HTTP Basic, each per operation, each sent only where its operation asks.

use auth_01_apikey_auth::{Client, Error};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// Every place a credential could travel: `Authorization`, `X-Api-Token`, query `api_key`.
fn credentials(request: &Request) -> (Option<String>, Option<String>, Option<String>) {
    let header = |name: &str| request.headers.get(name).map(|v| v.to_str().unwrap().to_owned());
    let query = request.url.query_pairs().find(|(k, _)| k == "api_key").map(|(_, v)| v.into_owned());
    (header("authorization"), header("x-api-token"), query)
}

async fn server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/quota"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"left": 3})))
        .mount(&server)
        .await;
    for p in ["/usage", "/basic"] {
        Mock::given(method("GET")).and(path(p)).respond_with(ResponseTemplate::new(204)).mount(&server).await;
    }
    server
}

#[tokio::test]
async fn each_operation_sends_its_own_scheme_and_nothing_else() {
    let server = server().await;
    let client = Client::builder()
        .base_url(server.uri())
        .key_header("k-123")
        .key_query("q-456")
        .basic_auth("Aladdin", "open sesame")
        .build()
        .unwrap();
    let quota = client.get_quota().await.unwrap();
    assert_eq!(quota.left, Some(3));
    client.get_usage().await.unwrap();
    client.get_basic().await.unwrap();
    let requests = server.received_requests().await.unwrap();
    let sent: Vec<_> = requests.iter().map(|r| (r.url.path().to_owned(), credentials(r))).collect();
    assert_eq!(
        sent,
        vec![
            ("/quota".to_owned(), (None, Some("k-123".to_owned()), None)),
            ("/usage".to_owned(), (None, None, Some("q-456".to_owned()))),
            // RFC 7617 §2's example credentials.
            ("/basic".to_owned(), (Some("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==".to_owned()), None, None)),
        ]
    );
}

#[tokio::test]
async fn a_scheme_not_configured_fails_before_sending_and_names_its_setter() {
    let server = server().await;
    let client = Client::builder().base_url(server.uri()).key_header("k-123").build().unwrap();
    let err = client.get_usage().await.unwrap_err();
    assert!(matches!(err, Error::MissingCredentials { operation: "getUsage", .. }), "{err:?}");
    assert!(err.to_string().contains("`keyQuery` (`.key_query(..)`)"), "{err}");
    let err = client.get_basic().await.unwrap_err();
    assert!(err.to_string().contains("`.basic_auth(..)`"), "{err}");
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn keys_never_print() {
    let builder = Client::builder().base_url("http://127.0.0.1:9").key_header("zz-key-zz").key_query("zz-q-zz").basic_auth("u", "zz-pw-zz");
    let client = builder.clone().build().unwrap();
    let text = format!("{builder:?} {client:?}");
    assert!(!text.contains("zz-"), "{text}");
}
