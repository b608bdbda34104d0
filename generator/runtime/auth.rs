//! Access tokens: how they are written into requests, how they are kept secret, and the
//! single-flight cache of OAuth2 client-credentials tokens.

use std::fmt;
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use reqwest::header::HeaderValue;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::Error;

/// How an access token is written into the `Authorization` header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthorizationFormat {
    /// `Authorization: Bearer <token>`.
    Bearer,
    /// The template with `{token}` replaced by the token, e.g. `"CwsAuth Bearer={token}"`.
    Template(&'static str),
}

impl AuthorizationFormat {
    /// The header value for `token`.
    pub fn header_value(&self, token: &str) -> String {
        match self {
            AuthorizationFormat::Bearer => format!("Bearer {token}"),
            AuthorizationFormat::Template(template) => template.replace("{token}", token),
        }
    }

    /// The token inside a header value written by [`header_value`](Self::header_value)
    /// (to cut it from error text an API may echo it in).
    pub(super) fn token_of<'v>(&self, value: &'v str) -> Option<&'v str> {
        match self {
            AuthorizationFormat::Bearer => value.strip_prefix("Bearer "),
            AuthorizationFormat::Template(template) => {
                let (before, after) = template.split_once("{token}")?;
                value.strip_prefix(before)?.strip_suffix(after)
            }
        }
    }
}

/// A sensitive string (client secret, access token) that `Debug` and `Display` print as
/// `[redacted]`. Serialised transparently as the plain string. Its memory is overwritten
/// when dropped (best effort: copies made elsewhere are not tracked).
#[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    /// Wraps a sensitive value.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The value itself; do not log it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret(value.to_owned())
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl Drop for Secret {
    fn drop(&mut self) {
        let mut bytes = std::mem::take(&mut self.0).into_bytes();
        bytes.fill(0);
        std::hint::black_box(&bytes);
    }
}

/// The useful part of a token endpoint's answer.
#[derive(Debug)]
pub(super) struct IssuedToken {
    pub(super) access_token: Secret,
    pub(super) lifetime: Option<Duration>,
}

/// A token ready to be sent: its `Authorization` value (marked sensitive, so never printed
/// by `Debug`), built once per token instead of once per call, and its lifetime.
#[derive(Debug)]
pub(super) struct IssuedAuthorization {
    pub(super) value: HeaderValue,
    pub(super) lifetime: Option<Duration>,
}

/// Reads a token response. `expires_in` may be a number or a string (`"3600"`); `token_type`
/// is not checked (the configured `AuthorizationFormat` decides). The error message quotes
/// nothing of the body, which may hold a token wherever it is.
pub(super) fn parse_token_response(body: &[u8]) -> Result<IssuedToken, String> {
    let value: Value = serde_json::from_slice(body).map_err(|e| {
        format!(
            "the body is not an OAuth2 token response: {}",
            super::redact::json_error_without_input(&e)
        )
    })?;
    let Value::Object(mut fields) = value else {
        return Err(format!(
            "the body is a JSON {}, not an object with `access_token`",
            json_kind(&value)
        ));
    };
    let access_token = match fields.remove("access_token") {
        Some(Value::String(token)) if !token.is_empty() => Secret::new(token),
        Some(Value::String(_)) => return Err("`access_token` is empty".to_owned()),
        Some(other) => {
            return Err(format!(
                "`access_token` is a JSON {}, not a string",
                json_kind(&other)
            ))
        }
        None => return Err("the body has no `access_token`".to_owned()),
    };
    let expires_in = fields.remove("expires_in");
    let seconds = match &expires_in {
        None | Some(Value::Null) => None,
        Some(Value::Number(n)) => n.as_f64(),
        Some(Value::String(s)) => s.trim().parse::<f64>().ok(),
        Some(_) => None,
    };
    let lifetime = match seconds.filter(|s| s.is_finite()) {
        // Lifetimes too long to represent never expire in practice.
        Some(seconds) => Some(Duration::try_from_secs_f64(seconds.max(0.0)).unwrap_or(Duration::MAX)),
        None => {
            if expires_in.as_ref().is_some_and(|v| !v.is_null()) {
                // A usable token with an unreadable lifetime: keep it until the API rejects it
                // (a 401 renews it) rather than fail the login.
                tracing::warn!("the token endpoint sent an `expires_in` that is not a number of seconds; the token is used until it is rejected");
            }
            None
        }
    };
    Ok(IssuedToken {
        access_token,
        lifetime,
    })
}

/// The kind of a JSON value, for messages that must not quote it.
fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

struct CachedToken {
    authorization: HeaderValue,
    expires_at: Option<Instant>,
    lifetime: Duration,
}

/// Cache of one access token, refreshed by one caller at a time.
///
/// Callers that find no fresh token form a wave behind one fetch: the first fetches, the
/// others wait and all get that fetch's result, token or error. A token whose lifetime is at
/// or below the refresh margin (even 0) still serves the wave that asked for it; only later
/// callers ask again.
#[derive(Default)]
pub(super) struct TokenCache {
    cached: Mutex<Option<CachedToken>>,
    fetching: tokio::sync::Mutex<()>,
    /// Number of finished fetches, successful or not.
    fetches: AtomicU64,
    /// The result of the last finished fetch, for the callers that waited on it.
    last: Mutex<Option<Result<HeaderValue, Error>>>,
}

impl fmt::Debug for TokenCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = match &*self.lock() {
            Some(_) => "token cached",
            None => "empty",
        };
        f.write_str(state)
    }
}

/// Locks a mutex whose data is always consistent: a poisoned lock only means a panic
/// elsewhere.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

impl TokenCache {
    fn lock(&self) -> MutexGuard<'_, Option<CachedToken>> {
        lock(&self.cached)
    }

    /// The cached token if more than `margin` of its life remains (at most half its life is
    /// given up, so short-lived tokens are still reused).
    fn fresh(&self, margin: Duration) -> Option<HeaderValue> {
        let cached = self.lock();
        let cached = cached.as_ref()?;
        match cached.expires_at {
            None => Some(cached.authorization.clone()),
            Some(at) => {
                let margin = margin.min(cached.lifetime / 2);
                (at.saturating_duration_since(Instant::now()) > margin)
                    .then(|| cached.authorization.clone())
            }
        }
    }

    /// Forgets the token sent as `rejected` if it is still the cached one.
    pub(super) fn invalidate(&self, rejected: &HeaderValue) {
        let mut cached = self.lock();
        if cached
            .as_ref()
            .is_some_and(|c| c.authorization == *rejected)
        {
            *cached = None;
        }
    }

    /// The `Authorization` value of a fresh token: the cached one, or one obtained by
    /// `fetch`. Concurrent callers wait for a single fetch instead of each starting their
    /// own, and get its result, success or failure.
    pub(super) async fn get<F, Fut>(&self, margin: Duration, fetch: F) -> Result<HeaderValue, Error>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<IssuedAuthorization, Error>>,
    {
        if let Some(token) = self.fresh(margin) {
            return Ok(token);
        }
        let fetches_seen = self.fetches.load(Ordering::Acquire);
        let _single_flight = self.fetching.lock().await;
        if self.fetches.load(Ordering::Acquire) != fetches_seen {
            // A fetch finished while this caller waited: its result is this wave's.
            let shared = match &*lock(&self.last) {
                Some(Ok(token)) => Some(Ok(token.clone())),
                Some(Err(e)) => e.duplicate().map(Err),
                None => None,
            };
            if let Some(result) = shared {
                return result;
            }
        }
        if let Some(token) = self.fresh(margin) {
            return Ok(token);
        }
        let requested_at = Instant::now();
        // A fetch cancelled midway (its caller's budget ran out) records nothing: the next
        // waiter fetches.
        let result = fetch().await.map(|issued| {
            let (expires_at, lifetime) = match issued.lifetime {
                Some(l) => (requested_at.checked_add(l), l),
                None => (None, Duration::ZERO),
            };
            *self.lock() = Some(CachedToken {
                authorization: issued.value.clone(),
                expires_at,
                lifetime,
            });
            issued.value
        });
        // An error that cannot be copied is not shared: waiters then fetch again.
        *lock(&self.last) = match &result {
            Ok(token) => Some(Ok(token.clone())),
            Err(e) => e.duplicate().map(Err),
        };
        self.fetches.fetch_add(1, Ordering::AcqRel);
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_is_redacted_and_transparent() {
        let s = Secret::new("hunter2");
        assert_eq!(format!("{s:?} {s}"), "[redacted] [redacted]");
        assert_eq!(s.expose(), "hunter2");
        assert_eq!(serde_json::to_string(&s).unwrap(), "\"hunter2\"");
        let back: Secret = serde_json::from_str("\"hunter2\"").unwrap();
        assert_eq!(back, s);
    }

    #[test]
    fn authorization_formats() {
        assert_eq!(AuthorizationFormat::Bearer.header_value("t"), "Bearer t");
        assert_eq!(
            AuthorizationFormat::Template("CwsAuth Bearer={token}").header_value("t"),
            "CwsAuth Bearer=t"
        );
    }

    #[test]
    fn expires_in_number_or_string() {
        let secs = |body: &str| parse_token_response(body.as_bytes()).map(|t| t.lifetime);
        let one_hour = Some(Duration::from_secs(3600));
        assert_eq!(
            secs(r#"{"access_token":"a","expires_in":3600}"#),
            Ok(one_hour)
        );
        assert_eq!(
            secs(r#"{"access_token":"a","expires_in":"3600"}"#),
            Ok(one_hour)
        );
        assert_eq!(
            secs(r#"{"access_token":"a","token_type":"bearer","expires_in":" 3600 "}"#),
            Ok(one_hour)
        );
        assert_eq!(
            secs(r#"{"access_token":"a","expires_in":1.5}"#),
            Ok(Some(Duration::from_millis(1500)))
        );
        assert_eq!(
            secs(r#"{"access_token":"a","expires_in":-5}"#),
            Ok(Some(Duration::ZERO))
        );
        assert_eq!(secs(r#"{"access_token":"a"}"#), Ok(None));
        assert_eq!(secs(r#"{"access_token":"a","expires_in":null}"#), Ok(None));
        // An unreadable lifetime is an unknown one, not a failed login.
        assert_eq!(secs(r#"{"access_token":"a","expires_in":"soon"}"#), Ok(None));
        assert_eq!(secs(r#"{"access_token":"a","expires_in":{}}"#), Ok(None));
        assert!(secs(r#"{"access_token":""}"#).is_err());
        let err = secs(r#"{"token":"zzsecretzz"}"#).unwrap_err();
        assert!(!err.contains("zzsecretzz"), "{err}");
    }

    #[test]
    fn unusable_answers_are_described_without_quoting_them() {
        for body in [
            r#""zzsecretzz""#,
            r#"["zzsecretzz"]"#,
            r#"{"access_token":["zzsecretzz"]}"#,
            r#"{"access_token":{"v":"zzsecretzz"}}"#,
            r#"{"access_token":"zzsecretzz""#,
            r#"zzsecretzz"#,
            r#"{"zzsecretzz":1}"#,
        ] {
            let err = parse_token_response(body.as_bytes()).unwrap_err();
            assert!(!err.contains("zzsecretzz"), "{body}: {err}");
        }
        let err = parse_token_response(br#""zzsecretzz""#).unwrap_err();
        assert!(err.contains("JSON string"), "{err}");
    }

    #[test]
    fn the_token_is_found_in_its_header_value() {
        let template = AuthorizationFormat::Template("CwsAuth Bearer={token}");
        assert_eq!(template.token_of("CwsAuth Bearer=t-1"), Some("t-1"));
        assert_eq!(template.token_of("Bearer t-1"), None);
        assert_eq!(AuthorizationFormat::Bearer.token_of("Bearer t-1"), Some("t-1"));
    }
}
