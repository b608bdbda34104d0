//! The client against servers that misbehave on purpose, at the byte level: raw tokio
//! listeners on 127.0.0.1 that redirect, hang, trickle, stream without end, close mid-body
//! or echo secrets. Timeouts and budgets are short so that the suite stays fast.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use citrix_cloud::types::{GetAccessTokenRequest, GetAccessTokenRequestGrantType};
use citrix_cloud::{Client, ClientBuilder, Error, RetryPolicy, Secret};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// Distinctive, so that a leak is found by a plain substring search.
const SECRET: &str = "zzSECRET+/zz";
const TOKEN: &str = "zzTOKENzz";
const TOKEN_PATH: &str = "/cctrustoauth2/cust-1/tokens/clients";

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

/// One request as the server read it.
#[derive(Debug, Clone)]
struct Seen {
    method: String,
    path: String,
    head: String,
    body: Vec<u8>,
}

/// A raw HTTP/1.1 server: reads each request and hands it, with the connection, to its
/// handler, which writes whatever bytes it likes (or nothing).
struct RawServer {
    addr: SocketAddr,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl RawServer {
    async fn start<F, Fut>(handler: F) -> RawServer
    where
        F: Fn(Seen, TcpStream) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = ()> + Send + 'static,
    {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let handler = Arc::new(handler);
        let log = seen.clone();
        tokio::spawn(async move {
            while let Ok((mut stream, _)) = listener.accept().await {
                let handler = handler.clone();
                let log = log.clone();
                tokio::spawn(async move {
                    if let Some(request) = read_request(&mut stream).await {
                        log.lock().unwrap().push(request.clone());
                        handler(request, stream).await;
                    }
                });
            }
        });
        RawServer { addr, seen }
    }

    fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    fn requests(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    fn count(&self, path: &str) -> usize {
        self.requests().iter().filter(|r| r.path == path).count()
    }
}

async fn read_request(stream: &mut TcpStream) -> Option<Seen> {
    let mut data = Vec::new();
    let mut buf = [0u8; 4096];
    let head_end = loop {
        let n = stream.read(&mut buf).await.ok()?;
        if n == 0 {
            return None;
        }
        data.extend_from_slice(&buf[..n]);
        if let Some(i) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
    };
    let head = String::from_utf8_lossy(&data[..head_end]).into_owned();
    let length: usize = head
        .lines()
        .find_map(|l| {
            let (name, value) = l.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse().ok())?
        })
        .unwrap_or(0);
    while data.len() < head_end + length {
        let n = stream.read(&mut buf).await.ok()?;
        if n == 0 {
            return None;
        }
        data.extend_from_slice(&buf[..n]);
    }
    let mut words = head.split_whitespace();
    let method = words.next()?.to_owned();
    let path = words.next()?.to_owned();
    Some(Seen {
        method,
        path,
        body: data[head_end..head_end + length].to_vec(),
        head,
    })
}

/// Writes a complete answer and closes the connection.
async fn respond(mut stream: TcpStream, status: &str, headers: &[(&str, &str)], body: &[u8]) {
    let mut out = format!(
        "HTTP/1.1 {status}\r\ncontent-length: {}\r\nconnection: close\r\n",
        body.len()
    );
    for (name, value) in headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str("\r\n");
    let _ = stream.write_all(out.as_bytes()).await;
    let _ = stream.write_all(body).await;
    let _ = stream.shutdown().await;
}

async fn respond_json(stream: TcpStream, status: &str, body: &str) {
    respond(
        stream,
        status,
        &[("content-type", "application/json")],
        body.as_bytes(),
    )
    .await;
}

fn token_json(expires_in: i64) -> String {
    format!(r#"{{"access_token":"{TOKEN}","token_type":"bearer","expires_in":{expires_in}}}"#)
}

/// Keeps the connection open without answering.
async fn hang(stream: TcpStream) {
    tokio::time::sleep(Duration::from_secs(60)).await;
    drop(stream);
}

/// Answers 200 with a chunked body that never ends (64 KiB chunks as fast as read).
async fn stream_forever(mut stream: TcpStream, status: &str) {
    let head = format!("HTTP/1.1 {status}\r\ntransfer-encoding: chunked\r\n\r\n");
    if stream.write_all(head.as_bytes()).await.is_err() {
        return;
    }
    let chunk = format!("10000\r\n{}\r\n", "x".repeat(0x10000));
    while stream.write_all(chunk.as_bytes()).await.is_ok() {}
}

fn builder(server: &RawServer) -> ClientBuilder {
    Client::builder()
        .base_url(server.url())
        .customer_id("cust-1")
        .credentials("id", SECRET)
        .retry_policy(fast_retry())
}

/// A client authenticated with a token given up front: no token requests.
fn static_builder(server: &RawServer, token: &str) -> ClientBuilder {
    Client::builder()
        .base_url(server.url())
        .customer_id("cust-1")
        .token(token)
}

/// The form of the token operation, `client_secret` included.
fn token_request_body() -> GetAccessTokenRequest {
    GetAccessTokenRequest::new(
        GetAccessTokenRequestGrantType::ClientCredentials,
        "id",
        Secret::new(SECRET),
    )
}

fn fast_retry() -> RetryPolicy {
    RetryPolicy::default()
        .max_attempts(3)
        .initial_backoff(ms(5))
        .max_backoff(ms(20))
        .total_budget(Duration::from_secs(20))
}

fn assert_no_secret(text: &str) {
    assert!(!text.contains("zzSECRET"), "secret leaked: {text}");
    assert!(!text.contains("SECRET%2B"), "secret leaked: {text}");
    assert!(!text.contains(TOKEN), "token leaked: {text}");
}

fn all_text(err: &Error) -> String {
    format!("{err} {err:?}")
}

// ---- redirects --------------------------------------------------------------------------

#[tokio::test]
async fn token_requests_never_follow_redirects() {
    let thief =
        RawServer::start(|_, s| async move { respond_json(s, "200 OK", &token_json(3600)).await })
            .await;
    let elsewhere = format!("{}/steal", thief.url());
    for location in [elsewhere.as_str(), "/same-origin-elsewhere"] {
        let location = location.to_owned();
        let server = RawServer::start(move |r, s| {
            let location = location.clone();
            async move {
                match r.path.as_str() {
                    TOKEN_PATH => {
                        respond(s, "307 Temporary Redirect", &[("location", &location)], b"").await
                    }
                    "/same-origin-elsewhere" => respond_json(s, "200 OK", &token_json(3600)).await,
                    _ => respond_json(s, "200 OK", "{}").await,
                }
            }
        })
        .await;
        let client = builder(&server).build().unwrap();
        let err = client.list_service_principals().await.unwrap_err();
        let Error::Auth(auth) = &err else {
            panic!("expected an auth error, got {err:?}");
        };
        assert_eq!(auth.status(), Some(307));
        let text = err.to_string();
        assert!(text.contains("redirect"), "{text}");
        assert_no_secret(&all_text(&err));
        assert_eq!(server.count(TOKEN_PATH), 1, "a redirect is not retried");
        assert_eq!(server.requests()[0].method, "POST");
        assert_eq!(server.count("/same-origin-elsewhere"), 0);
        assert_eq!(
            server.count("/serviceprincipals"),
            0,
            "no API call without a token"
        );
    }
    assert!(
        thief.requests().is_empty(),
        "the form with the client secret went to another origin"
    );
    // The error names where the redirect pointed.
    let location = format!("{}/steal", thief.url());
    let server = RawServer::start(move |_, s| {
        let location = location.clone();
        async move { respond(s, "308 Permanent Redirect", &[("location", &location)], b"").await }
    })
    .await;
    let err = builder(&server)
        .build()
        .unwrap()
        .list_service_principals()
        .await
        .unwrap_err();
    assert!(err.to_string().contains(&thief.url()), "{err}");
}

#[tokio::test]
async fn api_redirects_are_followed_only_within_the_origin() {
    let other = RawServer::start(|_, s| respond_json(s, "200 OK", r#"{"items":[]}"#)).await;
    let other_url = other.url();
    let server = RawServer::start(move |r, s| {
        let other_url = other_url.clone();
        async move {
            match r.path.as_str() {
                TOKEN_PATH => respond_json(s, "200 OK", &token_json(3600)).await,
                // Same origin: followed.
                "/serviceprincipals" => {
                    respond(s, "302 Found", &[("location", "/moved")], b"").await
                }
                "/moved" => respond_json(s, "200 OK", r#"{"items":[]}"#).await,
                // Another origin: not followed.
                "/resourcelocations" => {
                    let to = format!("{other_url}/resourcelocations");
                    respond(s, "307 Temporary Redirect", &[("location", &to)], b"").await
                }
                // A loop within the origin.
                _ => respond(s, "302 Found", &[("location", "/notifications")], b"").await,
            }
        }
    })
    .await;
    let client = builder(&server).build().unwrap();

    let listed = client.list_service_principals().await.unwrap();
    assert_eq!(listed.items, Some(vec![]));
    let moved = server
        .requests()
        .into_iter()
        .find(|r| r.path == "/moved")
        .unwrap();
    assert!(
        moved
            .head
            .to_ascii_lowercase()
            .contains("authorization: cwsauth bearer="),
        "same-origin redirects keep their headers"
    );

    let err = client.list_resource_locations().await.unwrap_err();
    let api = err.as_api_error().unwrap_or_else(|| panic!("{err:?}"));
    assert_eq!(api.status(), 307);
    assert_eq!(api.redirect_origin(), Some(other.url().as_str()));
    assert!(err.to_string().contains("not followed"), "{err}");
    assert!(!err.is_retryable());
    assert!(other.requests().is_empty(), "another origin was asked");
    assert_eq!(
        server.count("/resourcelocations"),
        1,
        "a refused redirect is not retried"
    );

    let err = client.list_notifications().await.unwrap_err();
    assert_eq!(err.status(), Some(302), "{err:?}");
    assert_eq!(
        server.count("/notifications"),
        6,
        "the first request and 5 redirects, no retry of the loop"
    );
}

#[tokio::test]
async fn credentials_in_the_base_url_are_refused_at_build() {
    for url in [
        "http://user:zzSECRETpw@127.0.0.1:9",
        "https://zzSECRETpw@api.example",
    ] {
        let builder = Client::builder().base_url(url).customer_id("c").token("t");
        assert!(
            !format!("{builder:?}").contains("zzSECRETpw"),
            "{builder:?}"
        );
        let err = builder.build().unwrap_err();
        assert!(matches!(err, Error::Config(_)), "{err:?}");
        assert!(err.to_string().contains("user name or password"), "{err}");
        assert!(!all_text(&err).contains("zzSECRETpw"), "{err:?}");
    }
    let err = Client::builder()
        .customer_id("c")
        .credentials("id", "s")
        .token_url("http://u:zzSECRETpw@127.0.0.1:9/token")
        .build()
        .unwrap_err();
    assert!(matches!(err, Error::Config(_)), "{err:?}");
    assert!(!all_text(&err).contains("zzSECRETpw"), "{err:?}");
}

// ---- single flight -------------------------------------------------------------------------

#[tokio::test]
async fn a_failed_token_request_is_shared_by_its_waiters() {
    // The token endpoint never answers: 20 callers wait on one request that times out.
    let server = RawServer::start(|r, s| async move {
        if r.path == TOKEN_PATH {
            hang(s).await
        } else {
            respond_json(s, "200 OK", "{}").await
        }
    })
    .await;
    let client = builder(&server)
        .timeout(ms(300))
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let started = Instant::now();
    let mut calls = tokio::task::JoinSet::new();
    for _ in 0..20 {
        let client = client.clone();
        calls.spawn(async move { client.list_service_principals().await });
    }
    while let Some(result) = calls.join_next().await {
        let err = result.unwrap().unwrap_err();
        assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
    }
    assert_eq!(
        server.count(TOKEN_PATH),
        1,
        "one token request for the wave"
    );
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );

    // A token endpoint that closes the connection mid-body: a service failure, shared too.
    let server = RawServer::start(|r, mut s| async move {
        if r.path == TOKEN_PATH {
            tokio::time::sleep(ms(100)).await;
            let _ = s
                .write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 500\r\n\r\n{\"access_")
                .await;
        }
    })
    .await;
    let client = builder(&server)
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let mut calls = tokio::task::JoinSet::new();
    for _ in 0..10 {
        let client = client.clone();
        calls.spawn(async move { client.list_service_principals().await });
    }
    while let Some(result) = calls.join_next().await {
        let err = result.unwrap().unwrap_err();
        let Error::Auth(auth) = &err else {
            panic!("expected an auth error, got {err:?}");
        };
        assert!(auth.is_service_failure(), "{err}");
        assert!(err.is_retryable());
        assert!(err.to_string().contains("token service failed"), "{err}");
        assert!(
            !err.to_string().contains("credentials were rejected"),
            "{err}"
        );
    }
    assert_eq!(server.count(TOKEN_PATH), 1);
}

#[tokio::test]
async fn a_token_without_lifetime_left_serves_the_wave_that_asked_for_it() {
    for expires_in in [0, -30, 1] {
        let server = RawServer::start(move |r, s| async move {
            if r.path == TOKEN_PATH {
                tokio::time::sleep(ms(200)).await;
                respond_json(s, "200 OK", &token_json(expires_in)).await
            } else {
                respond_json(s, "200 OK", "{}").await
            }
        })
        .await;
        let client = builder(&server).build().unwrap();
        let mut calls = tokio::task::JoinSet::new();
        for _ in 0..50 {
            let client = client.clone();
            calls.spawn(async move { client.list_service_principals().await });
        }
        while let Some(result) = calls.join_next().await {
            result.unwrap().unwrap();
        }
        assert_eq!(server.count(TOKEN_PATH), 1, "expires_in {expires_in}");
        assert_eq!(server.count("/serviceprincipals"), 50);
    }
}

// ---- bounded memory -------------------------------------------------------------------------

#[tokio::test]
async fn large_and_endless_answers_are_cut_at_the_size_cap() {
    let server = RawServer::start(|r, mut s| async move {
        match r.path.as_str() {
            // Declares 100 MiB, sends the first bytes.
            "/serviceprincipals" => {
                let _ = s
                    .write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 104857600\r\n\r\n{\"items\":[")
                    .await;
                hang(s).await
            }
            "/resourcelocations" => stream_forever(s, "200 OK").await,
            _ => respond_json(s, "200 OK", "{}").await,
        }
    })
    .await;
    let client = static_builder(&server, "static")
        .timeout(Duration::from_secs(20))
        .max_response_size(1024 * 1024)
        .retry_policy(fast_retry())
        .build()
        .unwrap();
    let started = Instant::now();
    let err = client.list_service_principals().await.unwrap_err();
    assert!(
        matches!(err, Error::ResponseTooLarge { limit: 1048576, .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("max_response_size"), "{err}");
    let err = client.list_resource_locations().await.unwrap_err();
    assert!(
        matches!(err, Error::ResponseTooLarge { limit: 1048576, .. }),
        "{err:?}"
    );
    assert!(!err.is_retryable());
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(server.count("/serviceprincipals"), 1, "not retried");
    assert_eq!(server.count("/resourcelocations"), 1, "not retried");
}

#[tokio::test]
async fn error_bodies_are_kept_up_to_64_kib_with_their_length() {
    let server = RawServer::start(|r, s| async move {
        match r.path.as_str() {
            "/serviceprincipals" => {
                let body = format!("{{\"detail\":\"{}\"}}", "d".repeat(1024 * 1024));
                respond_json(s, "400 Bad Request", &body).await
            }
            _ => stream_forever(s, "404 Not Found").await,
        }
    })
    .await;
    let client = static_builder(&server, "static")
        .max_response_size(4 * 1024 * 1024)
        .build()
        .unwrap();
    let err = client.list_service_principals().await.unwrap_err();
    let api = err.as_api_error().unwrap_or_else(|| panic!("{err:?}"));
    assert_eq!(api.status(), 400);
    assert_eq!(api.raw_body().len(), 64 * 1024);
    assert_eq!(api.body_len(), Some(1024 * 1024 + 13));
    assert!(api.is_body_truncated());
    let text = err.to_string();
    assert!(text.len() < 2000, "{} bytes", text.len());
    assert!(
        text.contains("body of 1048589 bytes, first 65536 kept"),
        "{}",
        &text[text.len() - 200..]
    );
    assert!(format!("{err:?}").len() < 200 * 1024);

    let err = client.list_resource_locations().await.unwrap_err();
    let api = err.as_api_error().unwrap_or_else(|| panic!("{err:?}"));
    assert_eq!(api.status(), 404);
    assert_eq!(api.raw_body().len(), 64 * 1024);
    assert_eq!(
        api.body_len(),
        None,
        "longer than the cap: not read to its end"
    );
    assert!(err.to_string().len() < 2000);
}

// ---- secrets ------------------------------------------------------------------------------

#[tokio::test]
async fn nothing_of_a_token_answer_is_quoted() {
    let server = RawServer::start(|r, s| async move {
        match r.path.as_str() {
            TOKEN_PATH => respond_json(s, "200 OK", &format!("\"{TOKEN}\"")).await,
            _ => respond_json(s, "200 OK", "{}").await,
        }
    })
    .await;
    let client = builder(&server).build().unwrap();
    let err = client.list_service_principals().await.unwrap_err();
    assert!(matches!(err, Error::Auth(_)), "{err:?}");
    assert_no_secret(&all_text(&err));

    let request = token_request_body();
    let err = client
        .get_access_token("cust-1", &request)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
    assert_no_secret(&all_text(&err));
}

#[tokio::test]
async fn echoed_secrets_and_tokens_are_redacted() {
    // Error pages that echo the request: the form (client secret) or the headers (token).
    let server = RawServer::start(|r, s| async move {
        let echo = format!(
            "<html><pre>{} {}</pre></html>",
            String::from_utf8_lossy(&r.body),
            r.head,
        );
        match r.path.as_str() {
            TOKEN_PATH => respond(s, "400 Bad Request", &[], echo.as_bytes()).await,
            _ => {
                let body = serde_json::json!({"title": "Bad", "detail": echo}).to_string();
                respond_json(s, "400 Bad Request", &body).await
            }
        }
    })
    .await;
    let err = builder(&server)
        .build()
        .unwrap()
        .list_service_principals()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Auth(_)), "{err:?}");
    assert!(
        err.to_string().contains("client_secret=[redacted]"),
        "{err}"
    );
    assert_no_secret(&all_text(&err));

    let static_client = static_builder(&server, TOKEN).build().unwrap();
    let err = static_client.list_service_principals().await.unwrap_err();
    let api = err.as_api_error().unwrap_or_else(|| panic!("{err:?}"));
    assert!(
        api.raw_body().contains("Bearer=[redacted]"),
        "{}",
        api.raw_body()
    );
    assert_no_secret(&all_text(&err));
    assert_no_secret(api.raw_body());

    // The token operation itself: its form values are not quoted back.
    let request = token_request_body();
    let err = static_client
        .get_access_token("cust-1", &request)
        .await
        .unwrap_err();
    assert_no_secret(&all_text(&err));
}

// ---- total budget ---------------------------------------------------------------------------

#[tokio::test]
async fn the_budget_bounds_the_whole_call() {
    let server = RawServer::start(|r, mut s| async move {
        match r.path.as_str() {
            TOKEN_PATH => {
                tokio::time::sleep(ms(400)).await;
                respond_json(s, "200 OK", &token_json(3600)).await
            }
            "/serviceprincipals" => {
                tokio::time::sleep(ms(400)).await;
                respond_json(s, "200 OK", "{}").await
            }
            "/resourcelocations" => hang(s).await,
            // Trickles a body, one byte every 50 ms.
            _ => {
                let _ = s
                    .write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 1000\r\n\r\n")
                    .await;
                while s.write_all(b" ").await.is_ok() {
                    tokio::time::sleep(ms(50)).await;
                }
            }
        }
    })
    .await;
    let budget = ms(600);
    let client = builder(&server)
        .timeout(Duration::from_secs(10))
        .retry_policy(fast_retry().total_budget(budget))
        .build()
        .unwrap();
    let within = |started: Instant| {
        let took = started.elapsed();
        assert!(took >= budget && took < budget + ms(700), "took {took:?}");
    };

    // Token request (400 ms) + call (400 ms) > budget.
    let started = Instant::now();
    let err = client.list_service_principals().await.unwrap_err();
    assert!(
        matches!(err, Error::BudgetExhausted { budget: b, .. } if b == budget),
        "{err:?}"
    );
    assert!(err.to_string().contains("total_budget"), "{err}");
    within(started);

    // An attempt that hangs is ended by the budget, not by the 10 s timeout.
    let started = Instant::now();
    let err = client.list_resource_locations().await.unwrap_err();
    assert!(matches!(err, Error::BudgetExhausted { .. }), "{err:?}");
    within(started);

    // So is a body that trickles.
    let started = Instant::now();
    let err = client.list_notifications().await.unwrap_err();
    assert!(matches!(err, Error::BudgetExhausted { .. }), "{err:?}");
    within(started);
}

// ---- token endpoint failures --------------------------------------------------------------

#[tokio::test]
async fn token_service_failures_are_retried_and_reported_as_such() {
    let failures = Arc::new(Mutex::new(0));
    let seen = failures.clone();
    let server = RawServer::start(move |r, s| {
        let seen = seen.clone();
        async move {
            if r.path != TOKEN_PATH {
                return respond_json(s, "200 OK", "{}").await;
            }
            let n = {
                let mut n = seen.lock().unwrap();
                *n += 1;
                *n
            };
            match n {
                1 => {
                    respond_json(
                        s,
                        "500 Internal Server Error",
                        r#"{"error":"server_error"}"#,
                    )
                    .await
                }
                2 => drop(s),
                3 => respond_json(s, "503 Service Unavailable", "").await,
                _ => respond_json(s, "200 OK", &token_json(3600)).await,
            }
        }
    })
    .await;
    let client = builder(&server)
        .retry_policy(fast_retry().max_attempts(4))
        .build()
        .unwrap();
    client.list_service_principals().await.unwrap();
    assert_eq!(server.count(TOKEN_PATH), 4);

    // Always failing: a service failure, not rejected credentials.
    let server = RawServer::start(|r, s| async move {
        if r.path == TOKEN_PATH {
            respond_json(
                s,
                "500 Internal Server Error",
                r#"{"error":"server_error"}"#,
            )
            .await
        }
    })
    .await;
    let err = builder(&server)
        .build()
        .unwrap()
        .list_service_principals()
        .await
        .unwrap_err();
    assert_eq!(server.count(TOKEN_PATH), 3, "retried up to max_attempts");
    let text = err.to_string();
    assert!(text.contains("token service failed"), "{text}");
    assert!(!text.contains("credentials were rejected"), "{text}");
    assert!(err.is_retryable());
    drop(failures);
}

#[test]
fn a_blank_customer_id_is_a_configuration_error() {
    for blank in ["", " ", "\t"] {
        let err = Client::builder()
            .customer_id(blank)
            .credentials("id", "secret")
            .build()
            .unwrap_err();
        assert!(matches!(err, Error::Config(_)), "{err:?}");
        assert!(err.to_string().contains("customer_id"), "{err}");
    }
}

#[tokio::test]
async fn a_user_supplied_client_that_follows_redirects_is_caught() {
    let other =
        RawServer::start(|_, s| async move { respond_json(s, "200 OK", &token_json(3600)).await })
            .await;
    let other_url = other.url();
    let server = RawServer::start(move |r, s| {
        let to = format!("{other_url}{}", r.path);
        async move { respond(s, "307 Temporary Redirect", &[("location", &to)], b"").await }
    })
    .await;
    // reqwest's default policy follows redirects to any origin.
    let http = reqwest::Client::new();
    let err = builder(&server)
        .http_client(http.clone())
        .build()
        .unwrap()
        .list_service_principals()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Config(_)), "{err:?}");
    assert!(err.to_string().contains("token request"), "{err}");
    assert!(err.to_string().contains("Policy::none()"), "{err}");
    assert_no_secret(&all_text(&err));

    let err = static_builder(&server, "static")
        .http_client(http)
        .build()
        .unwrap()
        .list_service_principals()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Config(_)), "{err:?}");
    assert!(err.to_string().contains("another origin"), "{err}");
}
