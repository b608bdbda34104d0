//! 02-every-scheme-and-requirement.yaml: every scheme (apiKey in a cookie, header and query;
//! http basic and bearer; OAuth2 client credentials with scopes and `client_secret_basic`;
//! OpenID Connect and an authorization-code flow through token sources) and every form of
//! requirement (top-level, override, alternatives, combinations, anonymous, optional).

use std::sync::atomic::{AtomicUsize, Ordering};

use auth_02_every_scheme_and_requirement::{Client, ClientBuilder, Error, Secret, TokenFuture, TokenSource};
use wiremock::matchers::{body_string, header, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// Every place a credential could travel, as sent.
#[derive(Debug, PartialEq, Default)]
struct Sent {
    authorization: Option<String>,
    api_token: Option<String>,
    api_key: Option<String>,
    cookie: Option<String>,
}

impl Sent {
    fn of(request: &Request) -> Self {
        let header = |name: &str| request.headers.get(name).map(|v| v.to_str().unwrap().to_owned());
        Sent {
            authorization: header("authorization"),
            api_token: header("x-api-token"),
            api_key: request.url.query_pairs().find(|(k, _)| k == "api_key").map(|(_, v)| v.into_owned()),
            cookie: header("cookie"),
        }
    }
}

fn some(text: &str) -> Option<String> {
    Some(text.to_owned())
}

async fn server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        // client_secret_basic: the credentials in HTTP Basic, not in the form (RFC 6749 §2.3.1).
        .and(header("authorization", "Basic Y2lkOmMlMkZzZWNyZXQlM0Q="))
        .and(body_string("grant_type=client_credentials&scope=reports%3Aread+reports%3Awrite"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "access_token": "cc-token", "token_type": "bearer", "expires_in": 3600
        })))
        .mount(&server)
        .await;
    Mock::given(path("/oauth/token")).respond_with(ResponseTemplate::new(400)).mount(&server).await;
    Mock::given(wiremock::matchers::any()).respond_with(ResponseTemplate::new(204)).mount(&server).await;
    server
}

/// Counts its calls; gives `token-<n>`.
struct Counter(AtomicUsize, &'static str);

impl TokenSource for Counter {
    fn token(&self) -> TokenFuture<'_> {
        let n = self.0.fetch_add(1, Ordering::SeqCst) + 1;
        let prefix = self.1;
        Box::pin(async move { Ok(Secret::new(format!("{prefix}-{n}"))) })
    }
}

fn everything(server: &MockServer) -> ClientBuilder {
    Client::builder()
        .base_url(server.uri())
        .cookie_key("c-1")
        .key_header("h-1")
        .key_query("q-1")
        .basic_auth("user", "pw")
        .jwt("jwt-1")
        // Reserved characters in the secret are form-encoded before Basic (RFC 6749 §2.3.1).
        .client_credentials("cid", "c/secret=")
        .oidc(Counter(AtomicUsize::new(0), "oidc"))
        .auth_code(Counter(AtomicUsize::new(0), "code"))
}

async fn only_request(server: &MockServer, p: &str) -> Sent {
    let requests = server.received_requests().await.unwrap();
    let mut matching = requests.iter().filter(|r| r.url.path() == p);
    let first = matching.next().unwrap_or_else(|| panic!("nothing sent to {p}"));
    assert!(matching.next().is_none(), "more than one request to {p}");
    Sent::of(first)
}

#[tokio::test]
async fn each_operation_sends_exactly_its_requirement() {
    let server = server().await;
    let client = everything(&server).build().unwrap();
    client.get_cookie().await.unwrap();
    client.get_bearer().await.unwrap();
    client.get_either().await.unwrap();
    client.get_both().await.unwrap();
    client.get_open().await.unwrap();
    client.get_optional().await.unwrap();
    client.get_reports().await.unwrap();
    client.post_report().await.unwrap();
    client.get_sso().await.unwrap();
    client.get_delegated().await.unwrap();

    let cases = [
        ("/cookie", Sent { cookie: some("session_key=c-1"), ..Sent::default() }),
        ("/bearer", Sent { authorization: some("Bearer jwt-1"), ..Sent::default() }),
        // The first alternative the builder meets.
        ("/either", Sent { api_token: some("h-1"), ..Sent::default() }),
        ("/both", Sent { api_token: some("h-1"), api_key: some("q-1"), ..Sent::default() }),
        ("/open", Sent::default()),
        // Optional credentials are sent when configured.
        ("/optional", Sent { api_token: some("h-1"), ..Sent::default() }),
        ("/sso", Sent { authorization: some("Bearer oidc-1"), ..Sent::default() }),
        ("/delegated", Sent { authorization: some("Bearer code-1"), ..Sent::default() }),
    ];
    for (p, expected) in cases {
        assert_eq!(only_request(&server, p).await, expected, "{p}");
    }
    // One token, with every scope the document asks of the scheme, serves both operations.
    let reports: Vec<Sent> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r| r.url.path() == "/reports")
        .map(Sent::of)
        .collect();
    let bearer = || Sent { authorization: some("Bearer cc-token"), ..Sent::default() };
    assert_eq!(reports, vec![bearer(), bearer()]);
    let token_requests = server.received_requests().await.unwrap().iter().filter(|r| r.url.path() == "/oauth/token").count();
    assert_eq!(token_requests, 1);
}

#[tokio::test]
async fn alternatives_fall_back_and_unmet_requirements_fail_before_sending() {
    let server = server().await;
    let client = Client::builder().base_url(server.uri()).basic_auth("Aladdin", "open sesame").build().unwrap();
    // The second alternative when the first is not configured.
    client.get_either().await.unwrap();
    assert_eq!(
        only_request(&server, "/either").await,
        Sent { authorization: some("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="), ..Sent::default() }
    );
    // Optional credentials: none configured, none sent.
    client.get_optional().await.unwrap();
    assert_eq!(only_request(&server, "/optional").await, Sent::default());

    let err = client.get_cookie().await.unwrap_err();
    assert!(matches!(err, Error::MissingCredentials { operation: "getCookie", .. }), "{err:?}");
    assert!(err.to_string().contains("`cookieKey` (`.cookie_key(..)`)"), "{err}");
    // A combination names what it lacks.
    let client = Client::builder().base_url(server.uri()).key_header("h-1").build().unwrap();
    let err = client.get_both().await.unwrap_err();
    assert!(err.to_string().contains("`keyQuery` (`.key_query(..)`)"), "{err}");
    assert!(!err.to_string().contains("keyHeader"), "{err}");
    let err = client.get_sso().await.unwrap_err();
    assert!(err.to_string().contains("`.oidc(..)`"), "{err}");
    let sent: Vec<String> = server.received_requests().await.unwrap().iter().map(|r| r.url.path().to_owned()).collect();
    assert_eq!(sent, ["/either", "/optional"]);
}

#[tokio::test]
async fn reserved_header_parameters_are_not_arguments() {
    let server = server().await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();
    // `Authorization`, `accept` and `Content-Type` are ignored: only X-Trace is an option.
    client.get_reserved().x_trace("t-1").await.unwrap();
    let request = &server.received_requests().await.unwrap()[0];
    assert_eq!(request.headers.get("x-trace").unwrap(), "t-1");
    assert!(request.headers.get("authorization").is_none());
    assert_eq!(request.headers.get("accept").unwrap(), "application/json");
}

#[tokio::test]
async fn a_failing_token_source_is_a_typed_error() {
    struct Failing;
    impl TokenSource for Failing {
        fn token(&self) -> TokenFuture<'_> {
            Box::pin(async { Err("the identity provider is down".into()) })
        }
    }
    let server = server().await;
    let client = Client::builder().base_url(server.uri()).oidc(Failing).build().unwrap();
    let err = client.get_sso().await.unwrap_err();
    assert!(matches!(err, Error::TokenSource { operation: "getSso", .. }), "{err:?}");
    assert!(err.to_string().contains("the identity provider is down"), "{err}");
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn one_token_for_every_token_scheme_and_secrets_never_print() {
    let server = server().await;
    let builder = Client::builder().base_url(server.uri()).token("zz-fixed-zz").cookie_key("zz-cookie-zz");
    let client = builder.clone().build().unwrap();
    client.get_bearer().await.unwrap();
    client.get_sso().await.unwrap();
    client.get_reports().await.unwrap();
    for p in ["/bearer", "/sso", "/reports"] {
        assert_eq!(only_request(&server, p).await.authorization.as_deref(), Some("Bearer zz-fixed-zz"), "{p}");
    }
    let text = format!("{builder:?} {client:?}");
    assert!(!text.contains("zz-"), "{text}");
}
