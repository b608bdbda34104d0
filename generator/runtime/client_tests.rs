//! Tests of the client against a local mock server (127.0.0.1 only).

use super::super::ClientParameter;
use super::*;
use serde_json::json;
use std::time::Duration;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const SECRET: &str = "zz-client-secret-zz";
const TOKEN_PATH: &str = "/cctrustoauth2/cust%201/tokens/clients";

static DESC: ApiDescription = ApiDescription {
    user_agent: "test-api/1.0",
    default_server: Server {
        api: "https://api.invalid",
        token: "https://token.invalid",
    },
    security_schemes: &[SecurityScheme {
        name: "citrixClientCredentials",
        setter: "citrix_client_credentials",
        kind: SchemeKind::ClientCredentials {
            token_url: "/cctrustoauth2/{Citrix-CustomerId}/tokens/clients",
            scopes: &[],
            secret_in_basic: false,
            format: AuthorizationFormat::Template("CwsAuth Bearer={token}"),
        },
    }],
    client_parameters: &[ClientParameter {
        header: "Citrix-CustomerId",
        setter: "customer_id",
    }],
    request_id_header: Some("Citrix-TransactionId"),
    response_request_id_headers: &["Citrix-TransactionId", "X-Cws-TransactionId"],
};

static NO_TOKEN_FLOW: ApiDescription = ApiDescription {
    security_schemes: &[SecurityScheme {
        name: "bearer",
        setter: "bearer",
        kind: SchemeKind::Bearer {
            format: AuthorizationFormat::Template("CwsAuth Bearer={token}"),
        },
    }],
    client_parameters: &[],
    request_id_header: None,
    ..DESC
};

static GET_OP: Operation = Operation {
    id: "getThing",
    method: Method::Get,
    path_template: "/things/{id}",
    security: &[&[0]],
    sensitive: false,
    server: None,
};

static POST_OP: Operation = Operation {
    id: "createThing",
    method: Method::Post,
    path_template: "/things",
    security: &[&[0]],
    sensitive: false,
    server: None,
};

static PUBLIC_OP: Operation = Operation {
    id: "ping",
    method: Method::Get,
    path_template: "/ping",
    security: &[],
    sensitive: false,
    server: None,
};

/// An operation the document gives a server of its own: a path on the client's server.
static UPLOAD_OP: Operation = Operation {
    id: "upload",
    method: Method::Get,
    path_template: "/ping",
    security: &[],
    sensitive: false,
    server: Some("/files"),
};

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

fn fast_retry() -> RetryPolicy {
    RetryPolicy::default()
        .initial_backoff(ms(5))
        .max_backoff(ms(20))
}

fn builder(server: &MockServer) -> ClientBuilder {
    ClientBuilder::new(&DESC)
        .base_url(server.uri())
        .client_parameter("Citrix-CustomerId", "cust 1".to_owned())
        .credentials("id-1", SECRET)
        .retry_policy(fast_retry())
}

fn token_body(token: &str, expires_in: serde_json::Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({
        "token_type": "bearer",
        "access_token": token,
        "expires_in": expires_in,
    }))
}

async fn requests_to(server: &MockServer, p: &str) -> Vec<Request> {
    server
        .received_requests()
        .await
        .unwrap_or_default()
        .into_iter()
        .filter(|r| r.url.path() == p)
        .collect()
}

fn header_of<'a>(r: &'a Request, name: &str) -> Option<&'a str> {
    r.headers.get(name).and_then(|v| v.to_str().ok())
}

fn thing() -> RequestParts {
    RequestParts::new(format!("/things/{}", path_segment("a/b")))
}

fn assert_no_secret(text: &str) {
    assert!(!text.contains(SECRET), "secret leaked: {text}");
    assert!(!text.contains("tok-"), "token leaked: {text}");
}

#[tokio::test]
async fn fifty_concurrent_calls_make_one_token_request() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(token_body("tok-1", json!("3600")).set_delay(ms(200)))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/things/a%2Fb"))
        .and(header("authorization", "CwsAuth Bearer=tok-1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"ok": true})))
        .expect(50)
        .mount(&server)
        .await;
    let client = builder(&server)
        .user_agent_suffix("suffix/2")
        .build()
        .unwrap();
    let mut calls = tokio::task::JoinSet::new();
    for _ in 0..50 {
        let client = client.clone();
        calls.spawn(async move { client.execute(&GET_OP, thing()).await });
    }
    while let Some(result) = calls.join_next().await {
        let response = result.unwrap().unwrap();
        assert_eq!(
            response.json::<serde_json::Value>(&GET_OP).unwrap()["ok"],
            true
        );
    }
    server.verify().await;

    let token_requests = requests_to(&server, TOKEN_PATH).await;
    assert_eq!(token_requests.len(), 1);
    let t = &token_requests[0];
    let form: Vec<(String, String)> = serde_urlencoded::from_bytes(&t.body).unwrap();
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(
        form,
        [
            ("grant_type", "client_credentials"),
            ("client_id", "id-1"),
            ("client_secret", SECRET)
        ]
    );
    assert_eq!(
        header_of(t, "content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(header_of(t, "citrix-customerid"), None);
    assert!(header_of(t, "citrix-transactionid").is_some());

    let api = requests_to(&server, "/things/a%2Fb").await;
    let r = &api[0];
    assert_eq!(header_of(r, "citrix-customerid"), Some("cust 1"));
    assert_eq!(header_of(r, "accept"), Some("application/json"));
    assert_eq!(header_of(r, "user-agent"), Some("test-api/1.0 suffix/2"));

    let debug = format!("{client:?}");
    assert_no_secret(&debug);
    assert!(
        debug.contains("id-1") && debug.contains("[redacted]"),
        "{debug}"
    );
    assert_no_secret(&format!("{:?}", builder(&server)));
}

#[tokio::test]
async fn short_lived_token_is_refreshed_once() {
    let server = MockServer::start().await;
    // Lifetime 2 s: with the default 60 s margin, at most half of it (1 s) is given up.
    Mock::given(path(TOKEN_PATH))
        .respond_with(token_body("tok-1", json!(2)))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(path(TOKEN_PATH))
        .respond_with(token_body("tok-2", json!(3600)))
        .mount(&server)
        .await;
    Mock::given(path("/things/a%2Fb"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    let client = builder(&server).build().unwrap();
    client.execute(&GET_OP, thing()).await.unwrap();
    client.execute(&GET_OP, thing()).await.unwrap();
    assert_eq!(requests_to(&server, TOKEN_PATH).await.len(), 1);
    tokio::time::sleep(ms(1200)).await;
    client.execute(&GET_OP, thing()).await.unwrap();
    client.execute(&GET_OP, thing()).await.unwrap();
    assert_eq!(requests_to(&server, TOKEN_PATH).await.len(), 2);
    let auth: Vec<_> = requests_to(&server, "/things/a%2Fb")
        .await
        .iter()
        .map(|r| header_of(r, "authorization").unwrap_or_default().to_owned())
        .collect();
    assert_eq!(
        auth,
        [
            "CwsAuth Bearer=tok-1",
            "CwsAuth Bearer=tok-1",
            "CwsAuth Bearer=tok-2",
            "CwsAuth Bearer=tok-2"
        ]
    );
}

#[tokio::test]
async fn api_401_renews_the_token_and_repeats_once() {
    let server = MockServer::start().await;
    Mock::given(path(TOKEN_PATH))
        .respond_with(token_body("tok-1", json!(3600)))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(path(TOKEN_PATH))
        .respond_with(token_body("tok-2", json!(3600)))
        .mount(&server)
        .await;
    Mock::given(path("/things/a%2Fb"))
        .and(header("authorization", "CwsAuth Bearer=tok-1"))
        .respond_with(ResponseTemplate::new(401))
        .mount(&server)
        .await;
    Mock::given(path("/things/a%2Fb"))
        .and(header("authorization", "CwsAuth Bearer=tok-2"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    let client = builder(&server).build().unwrap();
    client.execute(&GET_OP, thing()).await.unwrap();
    assert_eq!(requests_to(&server, TOKEN_PATH).await.len(), 2);
    let api = requests_to(&server, "/things/a%2Fb").await;
    assert_eq!(api.len(), 2);
    // The repeat belongs to the same logical call.
    assert_eq!(
        header_of(&api[0], "citrix-transactionid"),
        header_of(&api[1], "citrix-transactionid")
    );
    // The new token is cached.
    client.execute(&GET_OP, thing()).await.unwrap();
    assert_eq!(requests_to(&server, TOKEN_PATH).await.len(), 2);
}

#[tokio::test]
async fn second_401_is_an_error() {
    let server = MockServer::start().await;
    Mock::given(path(TOKEN_PATH))
        .respond_with(token_body("tok-1", json!(3600)))
        .expect(2)
        .mount(&server)
        .await;
    Mock::given(path("/things/a%2Fb"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({
            "type": "https://errors-api.cloud.com/common/authentication",
            "detail": "Invalid bearer token",
            "parameters": [{"name": "reason", "value": "invalid"}]
        })))
        .expect(2)
        .mount(&server)
        .await;
    let client = builder(&server).build().unwrap();
    let err = client.execute(&GET_OP, thing()).await.unwrap_err();
    server.verify().await;
    assert_eq!(err.status(), Some(401));
    assert!(!err.is_retryable());
    let text = err.to_string();
    assert!(
        text.contains("getThing failed with 401 Unauthorized: Invalid bearer token"),
        "{text}"
    );
    assert!(text.contains("reason=invalid"), "{text}");
    assert!(text.contains("not authorized"), "{text}");
    let api = err.as_api_error().unwrap();
    assert_eq!(
        api.problem().unwrap().parameters[0].name.as_deref(),
        Some("reason")
    );
    assert_no_secret(&text);
    assert_no_secret(&format!("{err:?}"));
}

#[tokio::test]
async fn static_token_401_is_not_repeated() {
    let server = MockServer::start().await;
    Mock::given(path("/things/a%2Fb"))
        .respond_with(ResponseTemplate::new(401))
        .expect(1)
        .mount(&server)
        .await;
    let client = builder(&server).token("tok-static").build().unwrap();
    let err = client.execute(&GET_OP, thing()).await.unwrap_err();
    assert_eq!(err.status(), Some(401));
    server.verify().await;
    assert!(requests_to(&server, TOKEN_PATH).await.is_empty());
}

#[tokio::test]
async fn retry_after_is_honoured() {
    let server = MockServer::start().await;
    Mock::given(path(TOKEN_PATH))
        .respond_with(token_body("tok-1", json!(3600)))
        .mount(&server)
        .await;
    Mock::given(path("/things"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "1"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(path("/things"))
        .respond_with(ResponseTemplate::new(201))
        .mount(&server)
        .await;
    let client = builder(&server).build().unwrap();
    let started = std::time::Instant::now();
    // POST: a 429 is retried even for non-idempotent methods.
    let response = client
        .execute(
            &POST_OP,
            RequestParts::new("/things".into())
                .json(&json!({"a": 1}))
                .unwrap(),
        )
        .await
        .unwrap();
    let elapsed = started.elapsed();
    assert_eq!(response.status(), 201);
    assert!(elapsed >= ms(900), "{elapsed:?}");
    assert!(elapsed < Duration::from_secs(5), "{elapsed:?}");
    let api = requests_to(&server, "/things").await;
    assert_eq!(api.len(), 2);
    assert_eq!(api[0].body, api[1].body, "the body is sent again");
    assert_eq!(api[1].body, br#"{"a":1}"#);
}

#[tokio::test]
async fn retry_after_beyond_the_cap_ends_retries() {
    let server = MockServer::start().await;
    Mock::given(path("/ping"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "120"))
        .expect(1)
        .mount(&server)
        .await;
    let client = builder(&server).build().unwrap();
    let err = client
        .execute(&PUBLIC_OP, RequestParts::new("/ping".into()))
        .await
        .unwrap_err();
    assert!(err.is_retryable());
    assert!(
        err.to_string().contains("throttled; retries exhausted"),
        "{err}"
    );
    assert_eq!(
        err.as_api_error().unwrap().retry_after(),
        Some(Duration::from_secs(120))
    );
}

#[tokio::test]
async fn post_503_is_not_retried() {
    let server = MockServer::start().await;
    Mock::given(path(TOKEN_PATH))
        .respond_with(token_body("tok-1", json!(3600)))
        .mount(&server)
        .await;
    Mock::given(path("/things"))
        .respond_with(ResponseTemplate::new(503))
        .expect(1)
        .mount(&server)
        .await;
    let client = builder(&server).build().unwrap();
    let err = client
        .execute(&POST_OP, RequestParts::new("/things".into()))
        .await
        .unwrap_err();
    server.verify().await;
    assert_eq!(requests_to(&server, "/things").await.len(), 1);
    assert_eq!(err.status(), Some(503));
    assert!(err.is_retryable());
}

#[tokio::test]
async fn get_503_is_retried_with_the_same_request_id() {
    let server = MockServer::start().await;
    Mock::given(path(TOKEN_PATH))
        .respond_with(token_body("tok-1", json!(3600)))
        .mount(&server)
        .await;
    Mock::given(path("/things/a%2Fb"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(2)
        .mount(&server)
        .await;
    Mock::given(path("/things/a%2Fb"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("X-Cws-TransactionId", "srv-42")
                .set_body_json(json!([1, 2])),
        )
        .mount(&server)
        .await;
    let client = builder(&server).build().unwrap();
    let response = client.execute(&GET_OP, thing()).await.unwrap();
    assert_eq!(response.request_id(), Some("srv-42"));
    assert_eq!(response.json::<Vec<u8>>(&GET_OP).unwrap(), [1, 2]);
    let api = requests_to(&server, "/things/a%2Fb").await;
    assert_eq!(api.len(), 3);
    let ids: Vec<_> = api
        .iter()
        .map(|r| {
            header_of(r, "citrix-transactionid")
                .unwrap_or_default()
                .to_owned()
        })
        .collect();
    let id = uuid::Uuid::parse_str(&ids[0]).unwrap_or_else(|e| panic!("{ids:?}: {e}"));
    assert_eq!(id.get_version(), Some(uuid::Version::Random), "{id}");
    assert_eq!(id.get_variant(), uuid::Variant::RFC4122, "{id}");
    assert!(ids.iter().all(|id| *id == ids[0]), "{ids:?}");

    // A new logical call gets a new id; the token request had its own.
    client.execute(&GET_OP, thing()).await.unwrap();
    let api = requests_to(&server, "/things/a%2Fb").await;
    assert_ne!(
        header_of(&api[3], "citrix-transactionid").map(str::to_owned),
        Some(ids[0].clone())
    );
    let token = &requests_to(&server, TOKEN_PATH).await[0];
    assert_ne!(
        header_of(token, "citrix-transactionid").map(str::to_owned),
        Some(ids[0].clone())
    );
}

#[tokio::test]
async fn get_503_retries_are_bounded() {
    let server = MockServer::start().await;
    Mock::given(path("/ping"))
        .respond_with(ResponseTemplate::new(503).insert_header("Citrix-TransactionId", "srv-1"))
        .expect(3)
        .mount(&server)
        .await;
    let client = builder(&server)
        .retry_policy(fast_retry().max_attempts(3))
        .build()
        .unwrap();
    let err = client
        .execute(&PUBLIC_OP, RequestParts::new("/ping".into()))
        .await
        .unwrap_err();
    server.verify().await;
    assert_eq!(err.request_id(), Some("srv-1"));
    let text = err.to_string();
    assert!(
        text.contains("ping failed with 503 Service Unavailable"),
        "{text}"
    );
    assert!(text.contains("retries exhausted"), "{text}");
    assert!(text.ends_with("(transaction id srv-1)"), "{text}");
}

#[tokio::test]
async fn token_rejection_is_an_auth_error() {
    let server = MockServer::start().await;
    Mock::given(path(TOKEN_PATH))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({
            "error": "invalid_client",
            "error_description": "Client credentials are not valid",
        })))
        .expect(1)
        .mount(&server)
        .await;
    let client = builder(&server).build().unwrap();
    let err = client.execute(&GET_OP, thing()).await.unwrap_err();
    server.verify().await;
    let Error::Auth(auth) = &err else {
        panic!("expected an auth error, got {err:?}");
    };
    assert_eq!(auth.status(), Some(401));
    assert_eq!(auth.oauth_error(), Some("invalid_client"));
    let text = err.to_string();
    assert!(text.contains("Client credentials are not valid"), "{text}");
    assert!(text.contains("rejected by the token endpoint"), "{text}");
    assert!(
        text.contains("check the client id and client secret, and the customer id"),
        "{text}"
    );
    assert_no_secret(&text);
    assert_no_secret(&format!("{err:?}"));
    assert!(requests_to(&server, "/things/a%2Fb").await.is_empty());
}

#[tokio::test]
async fn concurrent_callers_share_a_token_rejection() {
    let server = MockServer::start().await;
    Mock::given(path(TOKEN_PATH))
        .respond_with(
            ResponseTemplate::new(400)
                .set_body_json(json!({"error": "invalid_client"}))
                .set_delay(ms(200)),
        )
        .mount(&server)
        .await;
    let client = builder(&server).build().unwrap();
    let mut calls = tokio::task::JoinSet::new();
    for _ in 0..10 {
        let client = client.clone();
        calls.spawn(async move { client.execute(&GET_OP, thing()).await });
    }
    while let Some(result) = calls.join_next().await {
        let err = result.unwrap().unwrap_err();
        assert!(matches!(err, Error::Auth(_)), "{err:?}");
    }
    assert_eq!(requests_to(&server, TOKEN_PATH).await.len(), 1);
    // A later call asks again.
    client.execute(&GET_OP, thing()).await.unwrap_err();
    assert_eq!(requests_to(&server, TOKEN_PATH).await.len(), 2);
}

#[tokio::test]
async fn token_endpoint_throttling_is_retried() {
    let server = MockServer::start().await;
    Mock::given(path(TOKEN_PATH))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(path(TOKEN_PATH))
        .respond_with(ResponseTemplate::new(429))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(path(TOKEN_PATH))
        .respond_with(token_body("tok-1", json!(3600)))
        .mount(&server)
        .await;
    Mock::given(path("/things/a%2Fb"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let client = builder(&server).build().unwrap();
    client.execute(&GET_OP, thing()).await.unwrap();
    assert_eq!(requests_to(&server, TOKEN_PATH).await.len(), 3);
}

#[tokio::test]
async fn unusable_token_response_is_an_auth_error() {
    let server = MockServer::start().await;
    Mock::given(path("/custom/token"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_string(r#"{"token":"tok-x","expires_in":"3600"}"#),
        )
        .mount(&server)
        .await;
    let client = builder(&server)
        .token_url(format!("{}/custom/token", server.uri()))
        .build()
        .unwrap();
    let err = client.execute(&GET_OP, thing()).await.unwrap_err();
    assert!(matches!(err, Error::Auth(_)), "{err:?}");
    assert!(err.to_string().contains("access_token"), "{err}");
    assert_no_secret(&err.to_string());
    assert_no_secret(&format!("{err:?}"));
}

#[tokio::test]
async fn an_unreadable_lifetime_keeps_the_token_until_it_is_rejected() {
    let server = MockServer::start().await;
    Mock::given(path("/custom/token"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_string(r#"{"access_token":"tok-x","expires_in":"soon"}"#),
        )
        .mount(&server)
        .await;
    Mock::given(path("/things/a%2Fb"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let client = builder(&server)
        .token_url(format!("{}/custom/token", server.uri()))
        .build()
        .unwrap();
    client.execute(&GET_OP, thing()).await.unwrap();
    client.execute(&GET_OP, thing()).await.unwrap();
    assert_eq!(requests_to(&server, "/custom/token").await.len(), 1);
}

#[tokio::test]
async fn error_bodies_are_kept() {
    let server = MockServer::start().await;
    Mock::given(path("/ping"))
        .respond_with(
            ResponseTemplate::new(404)
                .insert_header("Citrix-TransactionId", "srv-404")
                .set_body_json(json!({
                    "type": "about:blank", "title": "Not Found", "status": 404,
                    "detail": "no such thing", "instance": "/ping", "extra": [1]
                })),
        )
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(path("/ping"))
        .respond_with(
            ResponseTemplate::new(500)
                .set_body_string("<html><body>Internal\n  error</body></html>"),
        )
        .mount(&server)
        .await;
    let client = builder(&server).build().unwrap();
    let ping = || client.execute(&PUBLIC_OP, RequestParts::new("/ping".into()));

    let err = ping().await.unwrap_err();
    let api = err.as_api_error().unwrap();
    assert_eq!(api.operation(), "ping");
    assert_eq!(
        api.problem().unwrap().detail.as_deref(),
        Some("no such thing")
    );
    assert_eq!(api.body().unwrap()["extra"][0], 1);
    assert_eq!(api.request_id(), Some("srv-404"));
    assert_eq!(
        err.to_string(),
        "ping failed with 404 Not Found: Not Found: no such thing (transaction id srv-404)"
    );

    let err = ping().await.unwrap_err();
    let api = err.as_api_error().unwrap();
    assert_eq!(
        api.raw_body(),
        "<html><body>Internal\n  error</body></html>"
    );
    assert!(api.body().is_none() && api.problem().is_none());
    // No server id: the id this client sent is reported.
    assert!(uuid::Uuid::parse_str(api.request_id().unwrap_or_default()).is_ok());
    assert!(
        err.to_string()
            .contains("<html><body>Internal error</body></html>"),
        "{err}"
    );
    assert!(!err.is_retryable());
}

#[tokio::test]
async fn bearer_static_token_and_parameters() {
    let server = MockServer::start().await;
    Mock::given(path("/things/a%2Fb"))
        .and(header("authorization", "Bearer tok-static"))
        .respond_with(ResponseTemplate::new(200).set_body_string("not json"))
        .expect(1)
        .mount(&server)
        .await;
    let client = builder(&server)
        .token("tok-static")
        .authorization_format(AuthorizationFormat::Bearer)
        .build()
        .unwrap();
    let parts = thing()
        .query("tag", "x y")
        .query("tag", "&z")
        .query("limit", 10)
        .header("If-Match", "\"v1\"");
    let response = client.execute(&GET_OP, parts).await.unwrap();
    server.verify().await;
    assert_eq!(response.text(), "not json");
    let Err(Error::Decode {
        operation,
        status,
        snippet,
        ..
    }) = response.json::<serde_json::Value>(&GET_OP)
    else {
        panic!("expected a decode error");
    };
    assert_eq!(
        (operation, status, snippet.as_str()),
        ("getThing", 200, "not json")
    );
    let r = &requests_to(&server, "/things/a%2Fb").await[0];
    assert_eq!(r.url.query(), Some("tag=x%20y&tag=%26z&limit=10"));
    assert_eq!(header_of(r, "if-match"), Some("\"v1\""));
    assert_no_secret(&format!("{client:?}"));
}

#[tokio::test]
async fn unauthenticated_operations_send_no_authorization() {
    let server = MockServer::start().await;
    Mock::given(path("/ping"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    let client = ClientBuilder::new(&NO_TOKEN_FLOW)
        .base_url(format!("{}/", server.uri()))
        .build()
        .unwrap();
    client
        .execute(&PUBLIC_OP, RequestParts::new("/ping".into()))
        .await
        .unwrap();
    let r = &requests_to(&server, "/ping").await[0];
    assert!(r.headers.get("authorization").is_none());
    assert!(r.headers.get("citrix-transactionid").is_none());
    // Nothing is sent for a call whose requirement cannot be met.
    let err = client.execute(&GET_OP, thing()).await.unwrap_err();
    assert!(matches!(err, Error::MissingCredentials { operation: "getThing", .. }), "{err:?}");
    assert!(err.to_string().contains("`bearer` (`.bearer(..)`)"), "{err}");
    assert!(requests_to(&server, "/things/t-1").await.is_empty());
}

#[tokio::test]
async fn dot_segments_are_refused() {
    let server = MockServer::start().await;
    let client = builder(&server).token("tok-static").build().unwrap();
    for bad in [".", ".."] {
        let parts = RequestParts::new(format!("/things/{}", path_segment(bad)));
        let err = client.execute(&GET_OP, parts).await.unwrap_err();
        assert!(
            matches!(
                err,
                Error::Encode {
                    operation: Some("getThing"),
                    ..
                }
            ),
            "{err:?}"
        );
    }
    assert!(server
        .received_requests()
        .await
        .unwrap_or_default()
        .is_empty());
}

#[tokio::test]
async fn timeouts() {
    let server = MockServer::start().await;
    Mock::given(path("/things/a%2Fb"))
        .respond_with(ResponseTemplate::new(200).set_delay(ms(2000)))
        .mount(&server)
        .await;
    Mock::given(path("/things"))
        .respond_with(ResponseTemplate::new(200).set_delay(ms(2000)))
        .mount(&server)
        .await;
    let client = builder(&server)
        .token("tok-static")
        .timeout(ms(150))
        .retry_policy(fast_retry().max_attempts(2))
        .build()
        .unwrap();
    let err = client.execute(&GET_OP, thing()).await.unwrap_err();
    assert!(
        matches!(
            err,
            Error::Timeout {
                operation: "getThing"
            }
        ),
        "{err:?}"
    );
    assert!(err.is_retryable());
    assert_eq!(requests_to(&server, "/things/a%2Fb").await.len(), 2);
    let err = client
        .execute(&POST_OP, RequestParts::new("/things".into()))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
    assert_eq!(
        requests_to(&server, "/things").await.len(),
        1,
        "POST timeouts are not retried"
    );
}

#[tokio::test]
async fn connection_refused_is_a_transport_error() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let client = ClientBuilder::new(&NO_TOKEN_FLOW)
        .base_url(format!("http://127.0.0.1:{port}"))
        .retry_policy(fast_retry().max_attempts(3))
        .build()
        .unwrap();
    let err = client
        .execute(&PUBLIC_OP, RequestParts::new("/ping".into()))
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::Transport {
                operation: "ping",
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.is_retryable());
    assert!(err.to_string().contains("could not connect"), "{err}");
}

#[test]
fn build_validates_the_configuration() {
    let config_error = |b: ClientBuilder| match b.build() {
        Err(Error::Config(message)) => message,
        other => panic!("expected a configuration error, got {other:?}"),
    };
    let base = || ClientBuilder::new(&DESC).credentials("id", SECRET);

    let message = config_error(base());
    assert!(message.contains("`.customer_id(..)`"), "{message}");

    let with_customer = || base().client_parameter("Citrix-CustomerId", "c".into());
    assert!(with_customer().build().is_ok());
    let message = config_error(base().client_parameter("citrix-customerid", "a\nb".into()));
    assert!(message.contains("customer_id"), "{message}");
    for url in ["not a url", "ftp://x", "http://h/?q=1", "mailto:a@b"] {
        config_error(with_customer().base_url(url));
    }
    config_error(with_customer().token_url("::"));
    config_error(with_customer().credentials("", ""));
    config_error(with_customer().token("bad\ntoken"));
    config_error(with_customer().user_agent_suffix("\u{7f}"));
    let message = config_error(ClientBuilder::new(&NO_TOKEN_FLOW).credentials("id", SECRET));
    assert!(message.contains(".token_url(..)"), "{message}");
    assert!(ClientBuilder::new(&NO_TOKEN_FLOW)
        .credentials("id", SECRET)
        .token_url("http://127.0.0.1:1/token")
        .build()
        .is_ok());
    config_error(with_customer().client_parameter("Citrix-CustomerId", "..".into()));
    // A blank customer id would build `/cctrustoauth2//tokens/clients`.
    let message = config_error(base().client_parameter("Citrix-CustomerId", " ".into()));
    assert!(message.contains("blank"), "{message}");
    // Credentials in a URL would be sent to every server and printed.
    for (setting, url) in [
        ("base", "http://u:zzpwzz@127.0.0.1:1"),
        ("token", "http://zzpwzz@127.0.0.1:1/t"),
    ] {
        let b = if setting == "base" {
            with_customer().base_url(url)
        } else {
            with_customer().token_url(url)
        };
        assert!(!format!("{b:?}").contains("zzpwzz"), "{b:?}");
        let message = config_error(b);
        assert!(message.contains("user name or password"), "{message}");
        assert!(!message.contains("zzpwzz"), "{message}");
    }

    let client = with_customer()
        .server(Server {
            api: "https://api.example",
            token: "https://token.example/",
        })
        .build()
        .unwrap();
    let debug = format!("{client:?}");
    assert!(
        debug.contains("https://token.example/cctrustoauth2/c/tokens/clients"),
        "{debug}"
    );
    assert_no_secret(&debug);
}

#[test]
fn token_path_templates() {
    let lookup = |name: &str| (name == "A").then_some("x/y");
    assert_eq!(fill_template("/t/{A}/z", lookup).unwrap(), "/t/x%2Fy/z");
    assert!(fill_template("/t/{B}", lookup).is_err());
    assert!(fill_template("/t/{A", lookup).is_err());
    assert_eq!(fill_template("/plain", lookup).unwrap(), "/plain");
}

#[test]
fn errors_are_send_sync_static() {
    fn assert_bounds<T: Send + Sync + 'static>() {}
    assert_bounds::<Error>();
    assert_bounds::<Client>();
}

#[test]
fn paths_and_queries_are_joined_to_the_base() {
    let joined = |base: &str, path: &str, query: &[(&'static str, String)]| {
        let base = parse_base("base URL", base).unwrap();
        join(&base, path, query).map(|url| url.to_string())
    };
    assert_eq!(
        joined("https://api.example", "/things/a%2Fb", &[]).unwrap(),
        "https://api.example/things/a%2Fb"
    );
    // A base with a path keeps it, with or without a trailing slash.
    for base in ["https://proxy.example/citrix", "https://proxy.example/citrix/"] {
        assert_eq!(
            joined(base, "/things/1", &[]).unwrap(),
            "https://proxy.example/citrix/things/1"
        );
    }
    assert_eq!(
        joined(
            "http://127.0.0.1:8080",
            "/things",
            // Pairs arrive percent-encoded by their style; a `#` that `allowReserved` let
            // through is still encoded, so it cannot end the query.
            &[("q", "q=a%20b%26c".to_owned()), ("n", "n=1".to_owned()), ("r", "r=a/b#c".to_owned())]
        )
        .unwrap(),
        "http://127.0.0.1:8080/things?q=a%20b%26c&n=1&r=a/b%23c"
    );
    // Characters that would end the path are sent inside it, not as a query or fragment.
    assert_eq!(
        joined("https://api.example", "/things/a?b#c", &[]).unwrap(),
        "https://api.example/things/a%3Fb%23c"
    );
    assert!(joined("https://api.example", "things", &[]).is_err());
    assert!(joined("https://api.example", "/things/%2e%2E/x", &[]).is_err());
}

#[test]
fn origins_and_redirects_followed_by_a_foreign_client() {
    let u = |s: &str| Url::parse(s).unwrap();
    assert!(same_origin(&u("https://h/a"), &u("https://h:443/b?q")));
    assert!(!same_origin(&u("https://h/a"), &u("http://h:443/a")), "https to http");
    assert!(!same_origin(&u("http://h/a"), &u("http://h:8080/a")));
    assert!(!same_origin(&u("http://h/a"), &u("http://g/a")));
    assert_eq!(followed_redirect(&u("http://h/a"), &u("http://h/a"), true), None);
    assert_eq!(followed_redirect(&u("http://h/a"), &u("http://h/b"), false), None);
    let message = followed_redirect(&u("http://h/a"), &u("http://h/b"), true).unwrap();
    assert!(message.contains("token request"), "{message}");
    let message = followed_redirect(&u("https://h/a"), &u("http://h/a?t=1"), false).unwrap();
    assert!(message.contains("https://h") && message.contains("http://h"), "{message}");
    assert!(!message.contains("t=1"), "only origins are named: {message}");
    assert_eq!(shown_url("http://u:pw@h/x"), "http://h/x");
    assert_eq!(shown_url("http://h/x"), "http://h/x");
    assert!(!shown_url("http://u:pw@h o").contains("pw"));
}

#[tokio::test]
async fn token_endpoint_redirects_are_not_followed() {
    // Not even within the origin: the form holds the client secret.
    let server = MockServer::start().await;
    Mock::given(path(TOKEN_PATH))
        .respond_with(ResponseTemplate::new(307).insert_header("location", "/elsewhere"))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(path("/elsewhere"))
        .respond_with(token_body("tok-1", json!(3600)))
        .expect(0)
        .mount(&server)
        .await;
    let client = builder(&server).build().unwrap();
    let err = client.execute(&GET_OP, thing()).await.unwrap_err();
    let Error::Auth(auth) = &err else {
        panic!("expected an auth error, got {err:?}");
    };
    assert_eq!(auth.status(), Some(307));
    assert!(err.to_string().contains(&server.uri()), "{err}");
    assert!(!err.is_retryable());
    assert_no_secret(&format!("{err} {err:?}"));
    server.verify().await;
}

#[tokio::test]
async fn the_total_budget_covers_the_token_request_and_the_call() {
    let server = MockServer::start().await;
    Mock::given(path(TOKEN_PATH))
        .respond_with(token_body("tok-1", json!(3600)).set_delay(ms(300)))
        .mount(&server)
        .await;
    Mock::given(path("/things/a%2Fb"))
        .respond_with(ResponseTemplate::new(200).set_delay(ms(300)))
        .mount(&server)
        .await;
    let budget = ms(450);
    let client = builder(&server)
        .retry_policy(fast_retry().total_budget(budget))
        .build()
        .unwrap();
    let started = std::time::Instant::now();
    let err = client.execute(&GET_OP, thing()).await.unwrap_err();
    assert!(
        matches!(err, Error::BudgetExhausted { budget: b, operation: "getThing" } if b == budget),
        "{err:?}"
    );
    assert!(started.elapsed() < ms(900), "{:?}", started.elapsed());
    assert!(err.is_retryable());
}

/// A description whose client-credentials flow names an absolute `tokenUrl` (leaked: the
/// runtime takes `'static` descriptions, and the URL holds the mock's port).
fn absolute_token_url(token_url: String) -> &'static ApiDescription {
    let token_url: &'static str = Box::leak(token_url.into_boxed_str());
    let schemes: &'static [SecurityScheme] = Box::leak(Box::new([SecurityScheme {
        name: "oauth",
        setter: "oauth",
        kind: SchemeKind::ClientCredentials {
            token_url,
            scopes: &["a", "b:c"],
            secret_in_basic: false,
            format: AuthorizationFormat::Bearer,
        },
    }]));
    Box::leak(Box::new(ApiDescription {
        security_schemes: schemes,
        client_parameters: &[],
        ..DESC
    }))
}

#[tokio::test]
async fn an_absolute_token_url_is_used_as_it_is_with_the_scopes_asked() {
    let api = MockServer::start().await;
    let tokens = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/issuer/token"))
        .respond_with(token_body("tok-abs", json!(3600)))
        .mount(&tokens)
        .await;
    Mock::given(path("/things/a%2Fb"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&api)
        .await;
    let description = absolute_token_url(format!("{}/issuer/token", tokens.uri()));
    let client = ClientBuilder::new(description)
        .base_url(api.uri())
        .credentials("id-1", SECRET)
        .build()
        .unwrap();
    client.execute(&GET_OP, thing()).await.unwrap();
    let token_request = &requests_to(&tokens, "/issuer/token").await[0];
    let form: Vec<(String, String)> = serde_urlencoded::from_bytes(&token_request.body).unwrap();
    let expected = [
        ("grant_type", "client_credentials"),
        ("client_id", "id-1"),
        ("client_secret", SECRET),
        ("scope", "a b:c"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    assert_eq!(form, expected);
    let sent = &requests_to(&api, "/things/a%2Fb").await[0];
    assert_eq!(sent.headers.get("authorization").unwrap(), "Bearer tok-abs");
    assert!(requests_to(&api, "/issuer/token").await.is_empty());
}

#[test]
fn credentials_for_a_scheme_the_api_lacks_are_a_configuration_error() {
    let err = ClientBuilder::new(&DESC)
        .client_parameter("Citrix-CustomerId", "c".to_owned())
        .api_key("nope", "k")
        .build()
        .unwrap_err();
    assert!(err.to_string().contains("no security scheme `nope`"), "{err}");
    // The wrong kind of credentials for a scheme.
    let err = ClientBuilder::new(&DESC)
        .client_parameter("Citrix-CustomerId", "c".to_owned())
        .api_key("citrixClientCredentials", "k")
        .build()
        .unwrap_err();
    assert!(err.to_string().contains("`.citrix_client_credentials(..)`"), "{err}");
    assert!(!err.to_string().contains("\"k\""), "{err}");
}

#[tokio::test]
async fn an_operation_server_is_used_unless_a_base_url_is_given() {
    let server = MockServer::start().await;
    Mock::given(path("/files/ping")).respond_with(ResponseTemplate::new(204)).expect(1).mount(&server).await;
    Mock::given(path("/ping")).respond_with(ResponseTemplate::new(204)).expect(1).mount(&server).await;
    // The server the client uses (not a `base_url`): the operation's path replaces its `/v1`.
    let api: &'static str = Box::leak(format!("{}/v1", server.uri()).into_boxed_str());
    let chosen = ClientBuilder::new(&DESC)
        .server(Server { api, token: api })
        .client_parameter("Citrix-CustomerId", "c".into())
        .build()
        .unwrap();
    chosen.execute(&UPLOAD_OP, RequestParts::new("/ping".into())).await.unwrap();
    // A `base_url` replaces every server, the operation's too.
    let based = builder(&server).build().unwrap();
    based.execute(&UPLOAD_OP, RequestParts::new("/ping".into())).await.unwrap();
}
