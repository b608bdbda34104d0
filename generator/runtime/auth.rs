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

use super::{AuthError, Error};

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

#[derive(Deserialize)]
struct TokenResponse {
    access_token: Secret,
    #[serde(default)]
    expires_in: Option<Value>,
}

/// Reads a token response. `expires_in` may be a number or a string (`"3600"`); `token_type`
/// is not checked (the configured `AuthorizationFormat` decides). The error message never
/// quotes the token.
pub(super) fn parse_token_response(body: &[u8]) -> Result<IssuedToken, String> {
    let response: TokenResponse = serde_json::from_slice(body)
        .map_err(|e| format!("the body is not an OAuth2 token response: {e}"))?;
    if response.access_token.expose().is_empty() {
        return Err("`access_token` is empty".to_owned());
    }
    let seconds = match &response.expires_in {
        None | Some(Value::Null) => None,
        Some(Value::Number(n)) => n.as_f64(),
        Some(Value::String(s)) => s.trim().parse::<f64>().ok(),
        Some(_) => None,
    };
    let lifetime = match seconds.filter(|s| s.is_finite()) {
        // Lifetimes too long to represent never expire in practice.
        Some(seconds) => Some(Duration::try_from_secs_f64(seconds.max(0.0)).unwrap_or(Duration::MAX)),
        None => {
            if response.expires_in.as_ref().is_some_and(|v| !v.is_null()) {
                // A usable token with an unreadable lifetime: keep it until the API rejects it
                // (a 401 renews it) rather than fail the login.
                tracing::warn!("the token endpoint sent an `expires_in` that is not a number of seconds; the token is used until it is rejected");
            }
            None
        }
    };
    Ok(IssuedToken {
        access_token: response.access_token,
        lifetime,
    })
}

struct CachedToken {
    authorization: HeaderValue,
    expires_at: Option<Instant>,
    lifetime: Duration,
}

/// Cache of one access token, refreshed by one caller at a time.
#[derive(Default)]
pub(super) struct TokenCache {
    cached: Mutex<Option<CachedToken>>,
    fetching: tokio::sync::Mutex<()>,
    /// Number of finished fetches, successful or not.
    fetches: AtomicU64,
    /// Why the last fetch failed, when the token endpoint rejected it.
    last_rejection: Mutex<Option<AuthError>>,
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

impl TokenCache {
    fn lock(&self) -> MutexGuard<'_, Option<CachedToken>> {
        // The data is always consistent: a poisoned lock only means a panic elsewhere.
        self.cached.lock().unwrap_or_else(|e| e.into_inner())
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
    /// own; if the token endpoint rejects that fetch, they all get its error instead of
    /// asking again.
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
        if let Some(token) = self.fresh(margin) {
            return Ok(token);
        }
        if self.fetches.load(Ordering::Acquire) != fetches_seen {
            let rejection = self
                .last_rejection
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .clone();
            if let Some(rejection) = rejection {
                return Err(Error::Auth(Box::new(rejection)));
            }
        }
        let requested_at = Instant::now();
        let result = fetch().await;
        *self
            .last_rejection
            .lock()
            .unwrap_or_else(|e| e.into_inner()) = match &result {
            Err(Error::Auth(rejection)) => Some((**rejection).clone()),
            _ => None,
        };
        self.fetches.fetch_add(1, Ordering::AcqRel);
        let issued = result?;
        let (expires_at, lifetime) = match issued.lifetime {
            Some(l) => (requested_at.checked_add(l), l),
            None => (None, Duration::ZERO),
        };
        *self.lock() = Some(CachedToken {
            authorization: issued.value.clone(),
            expires_at,
            lifetime,
        });
        Ok(issued.value)
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
}
