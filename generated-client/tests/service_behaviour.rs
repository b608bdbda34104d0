//! End-to-end acceptance tests: the client, through its public API only, against a small
//! in-process fake of Citrix Cloud that behaves as `shared/citrix-cloud-facts.md` describes
//! (token endpoint with `expires_in` as a string, `CwsAuth Bearer=` tokens that expire, a
//! `Citrix-CustomerId` header, Citrix-shaped 401s).

mod common;

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use citrix_cloud::types::CreateServicePrincipalRequest;
use citrix_cloud::{Client, ClientBuilder, Error, Region};
use common::{fast_retry, header_of, requests_to, CLIENT_ID, CUSTOMER_ID, TOKEN_PATH};
use serde_json::{json, Value};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// Distinctive so that a leak is found by a plain substring search.
const SECRET: &str = "zzSECRETzz";
const WRONG_SECRET: &str = "zzWRONGzz";
/// Every token the fake issues starts with this.
const TOKEN_PREFIX: &str = "zzTOKEN";

/// What the fake knows: the tokens it issued and until when they are valid.
struct FakeState {
    expires_in: Value,
    token_delay: Duration,
    issued: AtomicUsize,
    valid: Mutex<HashMap<String, Instant>>,
    /// Answer 401 to every API call, whatever the token.
    reject_all: AtomicBool,
}

impl FakeState {
    fn lifetime(&self) -> Duration {
        let seconds = match &self.expires_in {
            Value::String(s) => s.parse().expect("numeric expires_in"),
            Value::Number(n) => n.as_u64().expect("whole seconds"),
            other => panic!("unexpected expires_in {other}"),
        };
        Duration::from_secs(seconds)
    }

    /// Forgets every token issued so far (as a revoked or server-side expired token).
    fn revoke_all(&self) {
        self.valid.lock().unwrap().clear();
    }

    fn token_answer(&self, request: &Request) -> ResponseTemplate {
        let form: HashMap<String, String> =
            serde_urlencoded::from_bytes(&request.body).unwrap_or_default();
        let field = |name: &str| form.get(name).map(String::as_str);
        let form_body = header_of(request, "content-type")
            .is_some_and(|t| t.starts_with("application/x-www-form-urlencoded"));
        if !form_body || field("grant_type") != Some("client_credentials") {
            return ResponseTemplate::new(400).set_body_json(json!({
                "error": "unsupported_grant_type",
                "error_description": "grant_type must be client_credentials"
            }));
        }
        if field("client_id") != Some(CLIENT_ID) || field("client_secret") != Some(SECRET) {
            return ResponseTemplate::new(401).set_body_json(json!({
                "error": "invalid_client",
                "error_description": "Invalid client credentials"
            }));
        }
        let n = self.issued.fetch_add(1, Ordering::SeqCst) + 1;
        let token = format!("{TOKEN_PREFIX}{n}zz");
        self.valid
            .lock()
            .unwrap()
            .insert(token.clone(), Instant::now() + self.lifetime());
        ResponseTemplate::new(200)
            .set_body_json(json!({
                "token_type": "bearer",
                "access_token": token,
                "expires_in": self.expires_in,
            }))
            .set_delay(self.token_delay)
    }

    /// `Some(token)` when the request carries `CwsAuth Bearer=<valid token>` (scheme and
    /// `bearer` case-insensitive, as the service accepts).
    fn authorised_token(&self, request: &Request) -> Option<String> {
        let value = header_of(request, "authorization")?;
        let (scheme, rest) = value.split_once(' ')?;
        let (key, token) = rest.split_once('=')?;
        if !scheme.eq_ignore_ascii_case("CwsAuth") || !key.eq_ignore_ascii_case("Bearer") {
            return None;
        }
        let valid = self.valid.lock().unwrap();
        let expires = valid.get(token)?;
        (Instant::now() < *expires).then(|| token.to_owned())
    }

    fn api_answer(&self, request: &Request, status: u16, body: &Value) -> ResponseTemplate {
        if header_of(request, "citrix-customerid") != Some(CUSTOMER_ID) {
            return ResponseTemplate::new(400).set_body_json(json!({
                "type": "https://errors-api.cloud.com/common/badRequest",
                "detail": "Missing or unknown Citrix-CustomerId",
                "parameters": [{"name": "header", "value": "Citrix-CustomerId"}]
            }));
        }
        if self.reject_all.load(Ordering::SeqCst) || self.authorised_token(request).is_none() {
            return ResponseTemplate::new(401)
                .insert_header("Citrix-TransactionId", "fake-txn-401")
                .set_body_json(json!({
                    "type": "https://errors-api.cloud.com/common/authentication",
                    "detail": "Invalid bearer token",
                    "parameters": [{"name": "reason", "value": "invalid"}]
                }));
        }
        ResponseTemplate::new(status)
            .insert_header("Citrix-TransactionId", "fake-txn-ok")
            .set_body_json(body)
    }
}

struct Fake {
    server: MockServer,
    state: Arc<FakeState>,
}

impl Fake {
    async fn start() -> Fake {
        Fake::with_token(json!("3600"), Duration::ZERO).await
    }

    async fn with_token(expires_in: Value, token_delay: Duration) -> Fake {
        let server = MockServer::start().await;
        let state = Arc::new(FakeState {
            expires_in,
            token_delay,
            issued: AtomicUsize::new(0),
            valid: Mutex::new(HashMap::new()),
            reject_all: AtomicBool::new(false),
        });
        let s = state.clone();
        Mock::given(method("POST"))
            .and(path(TOKEN_PATH))
            .respond_with(move |r: &Request| s.token_answer(r))
            .mount(&server)
            .await;
        let routes = [
            (
                "GET",
                "/resourcelocations",
                200,
                json!({"items": [
                    {"id": "rl-1", "name": "Frankfurt"},
                    {"id": "rl-2", "name": "Tokyo"}
                ]}),
            ),
            (
                "GET",
                "/serviceprincipals",
                200,
                json!({"items": [{"id": "sp-1", "displayName": "automation"}]}),
            ),
            (
                "POST",
                "/serviceprincipals",
                201,
                json!({"id": "sp-2", "displayName": "new"}),
            ),
        ];
        for (verb, route, status, body) in routes {
            let s = state.clone();
            Mock::given(method(verb))
                .and(path(route))
                .respond_with(move |r: &Request| s.api_answer(r, status, &body))
                .mount(&server)
                .await;
        }
        Fake { server, state }
    }

    fn builder(&self) -> ClientBuilder {
        Client::builder()
            .base_url(self.server.uri())
            .customer_id(CUSTOMER_ID)
            .credentials(CLIENT_ID, SECRET)
            .retry_policy(fast_retry())
    }

    fn client(&self) -> Client {
        self.builder().build().expect("the client builds")
    }

    async fn token_requests(&self) -> usize {
        requests_to(&self.server, "POST", TOKEN_PATH).await.len()
    }

    async fn requests(&self, verb: &str, route: &str) -> Vec<Request> {
        requests_to(&self.server, verb, route).await
    }
}

fn tokens_sent(requests: &[Request]) -> Vec<String> {
    requests
        .iter()
        .map(|r| {
            header_of(r, "authorization")
                .unwrap_or("")
                .trim_start_matches("CwsAuth Bearer=")
                .to_owned()
        })
        .collect()
}

/// Neither the secrets nor any token the fake issued appear in `text`.
fn assert_no_secrets(text: &str) {
    for needle in [SECRET, WRONG_SECRET, TOKEN_PREFIX] {
        assert!(!text.contains(needle), "{needle:?} leaked into: {text}");
    }
}

/// Debug and Display of an error hold no secret.
fn assert_error_is_safe(err: &Error) {
    assert_no_secrets(&format!("{err:?}"));
    assert_no_secrets(&err.to_string());
    let mut source = std::error::Error::source(err);
    while let Some(s) = source {
        assert_no_secrets(&format!("{s:?} {s}"));
        source = s.source();
    }
}

fn location_names(answer: &citrix_cloud::types::ListResourceLocationsResponse) -> Vec<&str> {
    answer
        .items
        .iter()
        .flatten()
        .filter_map(|l| l.name.as_deref())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_concurrent_calls_make_one_token_request() {
    // A slow token endpoint, so that all calls are waiting for it at the same time.
    let fake = Fake::with_token(json!("3600"), Duration::from_millis(300)).await;
    let client = fake.client();

    let mut calls = tokio::task::JoinSet::new();
    for _ in 0..50 {
        let client = client.clone();
        calls.spawn(async move { client.list_resource_locations().await });
    }
    let mut answered = 0;
    while let Some(joined) = calls.join_next().await {
        let answer = joined.expect("the task ran").expect("the call succeeded");
        assert_eq!(location_names(&answer), ["Frankfurt", "Tokyo"]);
        answered += 1;
    }

    assert_eq!(answered, 50);
    assert_eq!(fake.token_requests().await, 1);
    let api = fake.requests("GET", "/resourcelocations").await;
    assert_eq!(api.len(), 50, "no call needed a repeat");
    assert!(tokens_sent(&api).iter().all(|t| t == "zzTOKEN1zz"));
    assert_no_secrets(&format!("{client:?}"));
}

#[tokio::test]
async fn a_numeric_expires_in_is_accepted_too() {
    let fake = Fake::with_token(json!(3600), Duration::ZERO).await;
    let client = fake.client();

    for _ in 0..3 {
        let answer = client.list_resource_locations().await.unwrap();
        assert_eq!(location_names(&answer), ["Frankfurt", "Tokyo"]);
    }

    assert_eq!(fake.token_requests().await, 1, "the token was cached");
    assert_eq!(fake.requests("GET", "/resourcelocations").await.len(), 3);
}

#[tokio::test]
async fn an_expired_token_is_replaced_before_it_is_used() {
    let fake = Fake::with_token(json!("1"), Duration::ZERO).await;
    let client = fake
        .builder()
        .token_refresh_margin(Duration::ZERO)
        .build()
        .unwrap();

    client.list_resource_locations().await.unwrap();
    client.list_resource_locations().await.unwrap();
    assert_eq!(fake.token_requests().await, 1);

    tokio::time::sleep(Duration::from_millis(1200)).await;
    client.list_resource_locations().await.unwrap();
    client.list_resource_locations().await.unwrap();

    assert_eq!(fake.token_requests().await, 2, "exactly one new token");
    let api = fake.requests("GET", "/resourcelocations").await;
    // Renewed before use: the fake never had to answer 401, so no call was repeated.
    assert_eq!(
        tokens_sent(&api),
        ["zzTOKEN1zz", "zzTOKEN1zz", "zzTOKEN2zz", "zzTOKEN2zz"]
    );
}

#[tokio::test]
async fn a_rejected_token_is_renewed_once_and_the_call_repeated() {
    let fake = Fake::start().await;
    let client = fake.client();
    client.list_resource_locations().await.unwrap();

    // The token still looks valid to the client, but the service no longer accepts it.
    fake.state.revoke_all();
    let answer = client.list_resource_locations().await.unwrap();

    assert_eq!(location_names(&answer), ["Frankfurt", "Tokyo"]);
    assert_eq!(fake.token_requests().await, 2, "exactly one new token");
    let api = fake.requests("GET", "/resourcelocations").await;
    assert_eq!(
        tokens_sent(&api),
        ["zzTOKEN1zz", "zzTOKEN1zz", "zzTOKEN2zz"],
        "first call, the rejected call, and its single repeat"
    );
}

#[tokio::test]
async fn a_persistent_401_is_returned_after_one_renewal() {
    let fake = Fake::start().await;
    fake.state.reject_all.store(true, Ordering::SeqCst);
    let client = fake.client();

    let err = client.list_resource_locations().await.unwrap_err();

    assert_eq!(err.status(), Some(401));
    assert_eq!(err.request_id(), Some("fake-txn-401"));
    let api = err.as_api_error().expect("an API error");
    assert_eq!(
        api.problem().and_then(|p| p.detail.as_deref()),
        Some("Invalid bearer token")
    );
    let text = err.to_string();
    assert!(
        text.contains("401") && text.contains("reason=invalid"),
        "{text}"
    );
    assert_eq!(fake.token_requests().await, 2);
    assert_eq!(fake.requests("GET", "/resourcelocations").await.len(), 2);
    assert_error_is_safe(&err);
}

#[tokio::test]
async fn a_throttled_get_waits_for_retry_after_then_succeeds() {
    let fake = Fake::start().await;
    Mock::given(method("GET"))
        .and(path("/resourcelocations"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("Retry-After", "1")
                .set_body_json(json!({"type": "https://errors-api.cloud.com/common/throttled"})),
        )
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&fake.server)
        .await;
    let client = fake.client();

    let started = Instant::now();
    let answer = client.list_resource_locations().await.unwrap();
    let elapsed = started.elapsed();

    assert_eq!(location_names(&answer), ["Frankfurt", "Tokyo"]);
    // The policy's own backoff is at most 20 ms: only Retry-After explains a second's wait.
    assert!(elapsed >= Duration::from_millis(900), "waited {elapsed:?}");
    assert!(elapsed < Duration::from_secs(5), "waited {elapsed:?}");
    assert_eq!(fake.requests("GET", "/resourcelocations").await.len(), 2);
}

#[tokio::test]
async fn a_post_answered_503_is_not_retried() {
    let fake = Fake::start().await;
    Mock::given(method("POST"))
        .and(path("/serviceprincipals"))
        .respond_with(ResponseTemplate::new(503).insert_header("Citrix-TransactionId", "t-503"))
        .with_priority(1)
        .mount(&fake.server)
        .await;
    let client = fake.client();

    let err = client
        .create_service_principal(&CreateServicePrincipalRequest::new("new"))
        .await
        .unwrap_err();

    assert_eq!(err.status(), Some(503));
    assert_eq!(err.request_id(), Some("t-503"));
    assert_eq!(
        fake.requests("POST", "/serviceprincipals").await.len(),
        1,
        "a POST is never repeated after a 503"
    );
    assert_error_is_safe(&err);
}

#[tokio::test]
async fn a_get_answered_503_is_retried() {
    let fake = Fake::start().await;
    Mock::given(method("GET"))
        .and(path("/serviceprincipals"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&fake.server)
        .await;

    let answer = fake.client().list_service_principals().await.unwrap();

    assert_eq!(
        answer.items.unwrap()[0].display_name.as_deref(),
        Some("automation")
    );
    assert_eq!(fake.requests("GET", "/serviceprincipals").await.len(), 2);
}

#[tokio::test]
async fn a_wrong_secret_is_an_auth_error() {
    let fake = Fake::start().await;
    let client = Client::builder()
        .base_url(fake.server.uri())
        .customer_id(CUSTOMER_ID)
        .credentials(CLIENT_ID, WRONG_SECRET)
        .retry_policy(fast_retry())
        .build()
        .unwrap();

    let err = client.list_resource_locations().await.unwrap_err();

    let Error::Auth(auth) = &err else {
        panic!("expected Error::Auth, got {err:?}");
    };
    assert_eq!(auth.status(), Some(401));
    assert_eq!(auth.oauth_error(), Some("invalid_client"));
    assert_eq!(auth.description(), Some("Invalid client credentials"));
    assert!(
        auth.token_url().ends_with(TOKEN_PATH),
        "{}",
        auth.token_url()
    );
    let text = err.to_string();
    assert!(text.contains("credentials were rejected"), "{text}");
    assert!(text.contains("Invalid client credentials"), "{text}");
    assert_eq!(
        fake.token_requests().await,
        1,
        "a 401 token answer is not retried"
    );
    assert!(fake.requests("GET", "/resourcelocations").await.is_empty());
    assert_error_is_safe(&err);
    assert_no_secrets(&format!("{client:?}"));
}

#[tokio::test]
async fn secrets_never_appear_in_debug_output() {
    let fake = Fake::start().await;
    let builder = fake.builder();
    assert_no_secrets(&format!("{builder:?}"));
    let client = builder.build().unwrap();
    let before = format!("{client:?}");
    client.list_resource_locations().await.unwrap();
    let after = format!("{client:?}");

    assert_no_secrets(&before);
    assert_no_secrets(&after);
    // The output is still useful: it shows the client id and that a secret is configured.
    assert!(
        after.contains(CLIENT_ID) && after.contains("[redacted]"),
        "{after}"
    );
    assert!(after.contains("token cached"), "{after}");
}

#[test]
fn regions_select_their_hosts_without_network() {
    let cases = [
        (
            Region::Us,
            "https://api.cloud.com/",
            "https://api-us.cloud.com/",
        ),
        (
            Region::Eu,
            "https://api.cloud.com/",
            "https://api-eu.cloud.com/",
        ),
        (
            Region::ApS,
            "https://api.cloud.com/",
            "https://api-ap-s.cloud.com/",
        ),
        (
            Region::Japan,
            "https://api.citrixcloud.jp/",
            "https://api.citrixcloud.jp/",
        ),
    ];
    for (region, api, token) in cases {
        let client = Client::builder()
            .region(region)
            .customer_id(CUSTOMER_ID)
            .credentials(CLIENT_ID, SECRET)
            .build()
            .unwrap_or_else(|e| panic!("{region:?}: {e}"));
        let debug = format!("{client:?}");
        assert!(debug.contains(&format!("\"{api}\"")), "{region:?}: {debug}");
        let token_endpoint = format!("{token}cctrustoauth2/{CUSTOMER_ID}/tokens/clients");
        assert!(debug.contains(&token_endpoint), "{region:?}: {debug}");
        assert_eq!(format!("{}/", region.api_url()), api);
        assert_eq!(format!("{}/", region.token_url()), token);
        assert_no_secrets(&debug);
    }
    assert_eq!(Region::default(), Region::Us);

    // A base URL given after the region replaces both hosts.
    let client = Client::builder()
        .region(Region::Japan)
        .base_url("http://127.0.0.1:9")
        .customer_id(CUSTOMER_ID)
        .credentials(CLIENT_ID, SECRET)
        .build()
        .unwrap();
    let debug = format!("{client:?}");
    assert!(!debug.contains("citrixcloud.jp"), "{debug}");
    assert!(
        debug.contains("http://127.0.0.1:9/cctrustoauth2/cust-1/tokens/clients"),
        "{debug}"
    );
}

#[test]
fn a_base_url_overrides_a_region_set_after_it() {
    let client = Client::builder()
        .base_url("http://127.0.0.1:9")
        .region(Region::Eu)
        .customer_id(CUSTOMER_ID)
        .credentials(CLIENT_ID, SECRET)
        .build()
        .unwrap();
    let debug = format!("{client:?}");
    assert!(debug.contains("http://127.0.0.1:9/"), "{debug}");
}

#[test]
fn building_without_the_customer_id_names_the_setter() {
    let err = Client::builder()
        .region(Region::Eu)
        .credentials(CLIENT_ID, SECRET)
        .build()
        .unwrap_err();
    assert!(matches!(err, Error::Config(_)), "{err:?}");
    let text = err.to_string();
    assert!(
        text.contains("Citrix-CustomerId") && text.contains("customer_id"),
        "{text}"
    );
    assert_error_is_safe(&err);
}
