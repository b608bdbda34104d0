//! A local mock of the API for the tests of code that uses the generated client (cargo
//! feature `mock`).
//!
//! [`MockServer`] starts a [`wiremock`] server on 127.0.0.1 that already answers the token
//! endpoint, and hands out clients pointed at it. The generated crate wraps it in a typed
//! `mock::MockServer` with one method per operation, each returning a [`MockOperation`] whose
//! answer is written with the crate's own types: `mock.list_items().returns(&page).await`.
//!
//! Matching: an operation's mock answers requests with its HTTP method whose path fits its
//! path template (any non-empty value for each `{parameter}`, or exactly the path given to
//! [`MockOperation::path`]); queries, headers and bodies are not matched. When several
//! mounted mocks match, the one mounted first answers (wiremock's rule), so mount the more
//! specific ones first.

use std::marker::PhantomData;

use serde::Serialize;
use wiremock::{Mock, Request, ResponseTemplate};

use crate::{ApiDescription, ClientBuilder, RetryPolicy, SchemeKind, SecurityScheme};

/// The token every mock client is given by the mock token endpoint.
pub const MOCK_TOKEN: &str = "mock-token";

/// A running mock of the API on 127.0.0.1, stopped when dropped. Expectations set with
/// [`MockOperation::times`] are verified then (a failed one panics, failing the test).
pub struct MockServer {
    server: wiremock::MockServer,
    api: &'static ApiDescription,
}

impl std::fmt::Debug for MockServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MockServer").field("uri", &self.server.uri()).finish()
    }
}

/// The token path of a client-credentials scheme whose token endpoint is on the API's host
/// (the mock serves it); `None` for other schemes and absolute token URLs.
fn relative_token_url(scheme: &SecurityScheme) -> Option<&'static str> {
    match scheme.kind {
        SchemeKind::ClientCredentials { token_url, .. } if !token_url.contains("://") => Some(token_url),
        _ => None,
    }
}

impl MockServer {
    /// Starts a mock of the API described by `api` on a free port of 127.0.0.1. When the API
    /// has an OAuth2 token endpoint, the mock answers it with [`MOCK_TOKEN`], valid for an hour.
    pub async fn start(api: &'static ApiDescription) -> Self {
        let server = wiremock::MockServer::start().await;
        for token_path in api.security_schemes.iter().filter_map(relative_token_url) {
            Mock::given(wiremock::matchers::method("POST"))
                .and(TemplateMatcher(token_path.to_owned()))
                .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
                    "access_token": MOCK_TOKEN,
                    "token_type": "bearer",
                    "expires_in": 3600,
                })))
                .named("token endpoint")
                .mount(&server)
                .await;
        }
        MockServer { server, api }
    }

    /// The mock's base URL, e.g. `http://127.0.0.1:41234`.
    pub fn uri(&self) -> String {
        self.server.uri()
    }

    /// A client builder pointed at the mock: its base URL, a `mock-<setter>` value for every
    /// client-wide parameter (e.g. `mock-customer_id`), client credentials when the API has a
    /// token endpoint (a fixed token otherwise), and no retries, so that a mocked failure is
    /// returned at once. Change any of them before `build()`.
    pub fn client_builder(&self) -> ClientBuilder {
        let mut builder = ClientBuilder::new(self.api).base_url(self.uri()).retry_policy(RetryPolicy::none());
        for parameter in self.api.client_parameters {
            builder = builder.client_parameter(parameter.header, format!("mock-{}", parameter.setter));
        }
        for scheme in self.api.security_schemes {
            let name = scheme.name;
            builder = match scheme.kind {
                SchemeKind::ApiKey { .. } => builder.api_key(name, "mock-api-key"),
                SchemeKind::Basic => builder.basic_auth(name, "mock-user", "mock-password"),
                SchemeKind::ClientCredentials { .. } if relative_token_url(scheme).is_some() => {
                    builder.scheme_credentials(name, "mock-client-id", "mock-client-secret")
                }
                // The mock speaks plain HTTP: any client meets the requirement.
                SchemeKind::MutualTls => builder.mutual_tls(name, reqwest::Client::new()),
                _ => builder.scheme_token(name, MOCK_TOKEN),
            };
        }
        builder
    }

    /// Starts mocking one operation; generated code calls this with the operation's method,
    /// path template (with its fixed query, if any: `/rest?method=photos.get`), first
    /// documented success status and how its body is encoded.
    #[doc(hidden)]
    pub fn operation<B: Body>(&self, method: &'static str, path_template: &'static str, status: u16) -> MockOperation<'_, B> {
        let (path_template, fixed_query) = match path_template.split_once('?') {
            Some((path, query)) => (path, Some(query)),
            None => (path_template, None),
        };
        MockOperation {
            server: self,
            method,
            path: PathMatch::Template(path_template),
            fixed_query,
            times: None,
            status,
            body: PhantomData,
        }
    }

    /// Every request the mock has received so far, token requests included, in order.
    pub async fn received_requests(&self) -> Vec<ReceivedRequest> {
        let requests = self.server.received_requests().await.unwrap_or_default();
        requests.into_iter().map(ReceivedRequest::from).collect()
    }
}

/// A request the mock received, for assertions on what the code under test sent.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ReceivedRequest {
    /// The HTTP method, e.g. `GET`.
    pub method: String,
    /// The path, percent-encoded as sent.
    pub path: String,
    /// The query string without `?`, if any.
    pub query: Option<String>,
    /// Header names (lower case) and values; values that are not text are left out.
    pub headers: Vec<(String, String)>,
    /// The raw body.
    pub body: Vec<u8>,
}

impl ReceivedRequest {
    /// The value of the first header with this name (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The body parsed as JSON, if it is JSON.
    pub fn json(&self) -> Option<serde_json::Value> {
        serde_json::from_slice(&self.body).ok()
    }
}

impl From<Request> for ReceivedRequest {
    fn from(request: Request) -> Self {
        ReceivedRequest {
            method: request.method.to_string(),
            path: request.url.path().to_owned(),
            query: request.url.query().map(str::to_owned),
            headers: request
                .headers
                .iter()
                .filter_map(|(name, value)| Some((name.as_str().to_owned(), value.to_str().ok()?.to_owned())))
                .collect(),
            body: request.body,
        }
    }
}

/// How an operation's success body is written; chosen by the generated code.
pub trait Body {
    /// What [`MockOperation::returns`] takes.
    type Value: ?Sized;
    /// The `Content-Type` and bytes of `value`; `None` for an answer without a body.
    fn encode(value: &Self::Value) -> Option<(&'static str, Vec<u8>)>;
}

/// A JSON body of type `T`.
#[derive(Debug)]
pub struct Json<T>(PhantomData<fn(T)>);

impl<T: Serialize> Body for Json<T> {
    type Value = T;
    fn encode(value: &T) -> Option<(&'static str, Vec<u8>)> {
        // Serialising the crate's own types cannot fail (string keys, no custom serialisers
        // that fail); a body that does is sent as JSON `null`.
        Some(("application/json", serde_json::to_vec(value).unwrap_or_else(|_| b"null".to_vec())))
    }
}

/// A `text/plain` body.
#[derive(Debug)]
pub struct Text;

impl Body for Text {
    type Value = str;
    fn encode(value: &str) -> Option<(&'static str, Vec<u8>)> {
        Some(("text/plain; charset=utf-8", value.as_bytes().to_vec()))
    }
}

/// A raw body, sent as `application/octet-stream`.
#[derive(Debug)]
pub struct Bytes;

impl Body for Bytes {
    type Value = [u8];
    fn encode(value: &[u8]) -> Option<(&'static str, Vec<u8>)> {
        Some(("application/octet-stream", value.to_vec()))
    }
}

/// No body: the operation documents none.
#[derive(Debug)]
pub struct Empty;

impl Body for Empty {
    type Value = ();
    fn encode(_: &()) -> Option<(&'static str, Vec<u8>)> {
        None
    }
}

/// Which paths an operation's mock answers.
#[derive(Debug, Clone)]
enum PathMatch {
    Template(&'static str),
    Exact(String),
}

/// The mock of one operation, to be given its answer. Nothing is mounted until
/// [`returns`](Self::returns), [`returns_with_status`](Self::returns_with_status) or
/// [`fails`](Self::fails) is awaited.
#[must_use = "a mocked operation answers nothing until `returns` or `fails` is awaited"]
#[derive(Debug)]
pub struct MockOperation<'a, B: Body> {
    server: &'a MockServer,
    method: &'static str,
    path: PathMatch,
    /// The query written into the operation's path, which its requests begin with.
    fixed_query: Option<&'static str>,
    times: Option<u64>,
    status: u16,
    body: PhantomData<B>,
}

impl<B: Body> MockOperation<'_, B> {
    /// Answer only requests for exactly this path (e.g. `/items/42`), percent-encoded as
    /// sent, instead of every path that fits the template (the operation's fixed query, if
    /// it has one, is still required).
    pub fn path(mut self, path: impl Into<String>) -> Self {
        self.path = PathMatch::Exact(path.into());
        self
    }

    /// Expect exactly `n` calls; checked when the [`MockServer`] is dropped, which panics if
    /// the count differs (failing the test). Without it, any number of calls is fine.
    pub fn times(mut self, n: u64) -> Self {
        self.times = Some(n);
        self
    }

    /// Answer with the operation's first documented success status and this body.
    pub async fn returns(self, body: &B::Value) {
        let status = self.status;
        self.returns_with_status(status, body).await;
    }

    /// Answer with another success status (e.g. 201 instead of 200) and this body.
    pub async fn returns_with_status(self, status: u16, body: &B::Value) {
        let mut template = ResponseTemplate::new(status);
        if let Some((content_type, bytes)) = B::encode(body) {
            template = template.set_body_raw(bytes, content_type);
        }
        self.mount(template).await;
    }

    /// Answer with an error: `status` (e.g. 404) and `body` as JSON, such as the API's
    /// problem type or `serde_json::json!({..})`.
    pub async fn fails(self, status: u16, body: &impl Serialize) {
        let bytes = serde_json::to_vec(body).unwrap_or_else(|_| b"null".to_vec());
        self.mount(ResponseTemplate::new(status).set_body_raw(bytes, "application/json")).await;
    }

    async fn mount(self, template: ResponseTemplate) {
        let mock = Mock::given(wiremock::matchers::method(self.method));
        let mock = match self.path {
            PathMatch::Template(template) => mock.and(TemplateMatcher(template.to_owned())),
            PathMatch::Exact(path) => mock.and(wiremock::matchers::path(path)),
        };
        let mock = match self.fixed_query {
            Some(query) => mock.and(FixedQueryMatcher(query)),
            None => mock,
        };
        let mut mock = mock.respond_with(template);
        if let Some(n) = self.times {
            mock = mock.expect(n);
        }
        mock.mount(&self.server.server).await;
    }
}

impl MockOperation<'_, Empty> {
    /// Answer with the operation's first documented success status and no body.
    pub async fn succeeds(self) {
        self.returns(&()).await;
    }
}

/// Matches paths that fit an OpenAPI path template: same number of segments, literal text
/// equal, each `{parameter}` standing for at least one character within its segment.
struct TemplateMatcher(String);

impl wiremock::Match for TemplateMatcher {
    fn matches(&self, request: &Request) -> bool {
        fits_template(&self.0, request.url.path())
    }
}

fn fits_template(template: &str, path: &str) -> bool {
    let mut expected = template.split('/');
    let mut actual = path.split('/');
    loop {
        match (expected.next(), actual.next()) {
            (None, None) => return true,
            (Some(pattern), Some(segment)) if segment_fits(pattern, segment) => {}
            _ => return false,
        }
    }
}

/// One segment against its pattern: literal pieces in order, each parameter non-empty.
fn segment_fits(pattern: &str, segment: &str) -> bool {
    let Some(open) = pattern.find('{') else {
        return pattern == segment;
    };
    let Some(rest) = segment.strip_prefix(&pattern[..open]) else {
        return false;
    };
    let Some(close) = pattern[open..].find('}').map(|i| open + i) else {
        return pattern == segment;
    };
    let after = &pattern[close + 1..];
    // The parameter takes at least one character, then the rest must fit what follows.
    (1..=rest.len()).filter(|&i| rest.is_char_boundary(i)).any(|i| segment_fits(after, &rest[i..]))
}

/// Matches requests whose query begins with an operation's fixed query (the client sends it
/// before the query parameters), so operations that share a path (`/rest?method=a`,
/// `/rest?method=b`) are told apart.
struct FixedQueryMatcher(&'static str);

impl wiremock::Match for FixedQueryMatcher {
    fn matches(&self, request: &Request) -> bool {
        begins_with_query(request.url.query().unwrap_or_default(), self.0)
    }
}

/// Whether `query` is `fixed`, or `fixed` followed by more pairs.
fn begins_with_query(query: &str, fixed: &str) -> bool {
    query.strip_prefix(fixed).is_some_and(|rest| rest.is_empty() || rest.starts_with('&'))
}

#[cfg(test)]
mod tests {
    use super::{begins_with_query, fits_template};

    #[test]
    fn fixed_queries_match_whole_pairs() {
        assert!(begins_with_query("method=a", "method=a"));
        assert!(begins_with_query("method=a&page=2", "method=a"));
        assert!(!begins_with_query("method=ab", "method=a"));
        assert!(!begins_with_query("page=2&method=a", "method=a"));
        assert!(!begins_with_query("", "method=a"));
    }

    #[test]
    fn paths_fit_templates_segment_by_segment() {
        assert!(fits_template("/items", "/items"));
        assert!(fits_template("/items/{id}", "/items/42"));
        assert!(fits_template("/items/{id}/parts/{part}", "/items/a%20b/parts/x"));
        assert!(fits_template("/files/{name}.json", "/files/report.json"));
        assert!(fits_template("/t/{a}-{b}", "/t/x-y-z"));
        assert!(!fits_template("/items/{id}", "/items/"));
        assert!(!fits_template("/items/{id}", "/items/1/2"));
        assert!(!fits_template("/items/{id}", "/items"));
        assert!(!fits_template("/files/{name}.json", "/files/.json"));
        assert!(!fits_template("/files/{name}.json", "/files/report.xml"));
        assert!(!fits_template("/items", "/other"));
    }
}
