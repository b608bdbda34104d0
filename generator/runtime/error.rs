//! Errors returned by the client.
//!
//! Every message says what happened and, where there is one, what to do about it. No
//! variant holds a client secret or an access token, so `Debug` and `Display` are safe to log.

use std::fmt;
use std::time::Duration;

use serde::Deserialize;
use serde_json::Value;

use super::redact::Redactor;
use super::RawResponse;

/// Longest body excerpt, in characters, quoted in an error.
const SNIPPET_CHARS: usize = 200;

/// Longest server-written text (a problem's title and detail), in characters, quoted in an
/// error message.
const SUMMARY_CHARS: usize = 1000;

/// Everything that can go wrong when calling the API.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The API answered with a status outside 2xx (after any retries).
    #[error(transparent)]
    Api(Box<ApiError>),
    /// No access token could be obtained: the token endpoint rejected the credentials, could
    /// not be reached, failed, redirected, or gave an unusable answer.
    #[error(transparent)]
    Auth(Box<AuthError>),
    /// The server did not answer within the configured connect or request timeout.
    #[error(
        "{operation} timed out: the server did not answer in time; \
         try again later or raise the limit with `ClientBuilder::timeout`"
    )]
    Timeout {
        /// Operation id (or `"token request"`).
        operation: &'static str,
    },
    /// The call's total time budget ([`RetryPolicy::total_budget`](crate::RetryPolicy::total_budget))
    /// ran out: it bounds the whole call, token request, attempts and waits included, and
    /// ends an attempt in progress.
    #[error(
        "{operation} did not finish within its total time budget of {budget:?} (token request, \
         attempts and waits included); try again later or raise it with \
         `RetryPolicy::total_budget`"
    )]
    BudgetExhausted {
        /// Operation id.
        operation: &'static str,
        /// The budget that ran out.
        budget: Duration,
    },
    /// A successful answer's body is longer than the configured cap
    /// (`ClientBuilder::max_response_size`, 32 MiB by default). Reading stopped as soon as
    /// that was known; the call is not retried.
    #[error(
        "{operation}: the answer's body is longer than the limit of {limit} bytes; raise it \
         with `ClientBuilder::max_response_size` if answers this large are expected"
    )]
    ResponseTooLarge {
        /// Operation id (or `"token request"`).
        operation: &'static str,
        /// The cap, in bytes.
        limit: u64,
    },
    /// The request could not be sent or its answer not received (connection refused, DNS,
    /// TLS, connection reset, ...).
    #[error(
        "{operation} failed: {}; check the base URL and the network or proxy settings",
        transport_summary(source)
    )]
    Transport {
        /// Operation id (or `"token request"`).
        operation: &'static str,
        /// The underlying HTTP client error.
        source: reqwest::Error,
    },
    /// A 2xx answer whose body does not match the documented schema.
    #[error(
        "{operation}: could not decode the {status} response: {message}; body starts with: {snippet:?}"
    )]
    Decode {
        /// Operation id.
        operation: &'static str,
        /// HTTP status of the answer.
        status: u16,
        /// What the JSON decoder reported.
        message: String,
        /// The first characters (at most 200) of the body.
        snippet: String,
    },
    /// A request body or parameter could not be encoded.
    #[error("{}could not encode the request: {message}", operation_prefix(*operation))]
    Encode {
        /// Operation id, when known.
        operation: Option<&'static str>,
        /// What went wrong.
        message: String,
    },
    /// The call's security requirement cannot be met with the credentials configured on the
    /// builder; nothing was sent (OpenAPI 3.0.3 §4.7.30: any one requirement, all of its
    /// schemes).
    #[error(
        "{operation} needs credentials that are not configured: {missing}; set them on the \
         client builder"
    )]
    MissingCredentials {
        /// Operation id.
        operation: &'static str,
        /// The schemes missing, with the builder setter of each.
        missing: String,
    },
    /// The user's [`TokenSource`](crate::TokenSource) failed to give a usable token.
    #[error("{operation}: the token source failed: {source}")]
    TokenSource {
        /// Operation id.
        operation: &'static str,
        /// What the token source reported.
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// The client was configured incorrectly (see the message for the builder call to fix).
    #[error("invalid client configuration: {0}")]
    Config(String),
}

fn operation_prefix(operation: Option<&'static str>) -> String {
    operation.map(|op| format!("{op}: ")).unwrap_or_default()
}

pub(super) fn transport_summary(source: &reqwest::Error) -> &'static str {
    if source.is_connect() {
        "could not connect to the server"
    } else if source.is_body() || source.is_decode() {
        "the connection failed while transferring the body"
    } else if source.is_redirect() {
        "too many or invalid redirects"
    } else if source.is_builder() {
        "the request could not be built"
    } else {
        "the request could not be completed"
    }
}

impl Error {
    /// HTTP status of the answer that caused the error, if there was one.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api(e) => Some(e.status()),
            Error::Auth(e) => e.status(),
            Error::Decode { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// Whether trying the same call again later may succeed: throttling (429), 502/503/504,
    /// timeouts, an exhausted time budget, connection failures and a token service that
    /// failed or could not be reached.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Api(e) => is_retryable_status(e.status()),
            Error::Auth(e) => e.is_service_failure(),
            Error::Timeout { .. } | Error::BudgetExhausted { .. } => true,
            Error::Transport { source, .. } => source.is_connect() || source.is_timeout(),
            _ => false,
        }
    }

    /// The server's request (transaction) id, what support asks for, when known.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Api(e) => e.request_id(),
            Error::Auth(e) => e.request_id(),
            _ => None,
        }
    }

    /// The API error, if this is one.
    pub fn as_api_error(&self) -> Option<&ApiError> {
        match self {
            Error::Api(e) => Some(e),
            _ => None,
        }
    }

    /// A copy of this error for the other callers that waited on the same token request;
    /// `None` for a transport error, whose source cannot be copied (token requests turn
    /// those into [`AuthError`]s first).
    pub(super) fn duplicate(&self) -> Option<Error> {
        Some(match self {
            Error::Api(e) => Error::Api(e.clone()),
            Error::Auth(e) => Error::Auth(e.clone()),
            Error::Timeout { operation } => Error::Timeout {
                operation,
            },
            Error::BudgetExhausted { operation, budget } => Error::BudgetExhausted {
                operation,
                budget: *budget,
            },
            Error::ResponseTooLarge { operation, limit } => Error::ResponseTooLarge {
                operation,
                limit: *limit,
            },
            Error::Transport { .. } | Error::TokenSource { .. } => return None,
            Error::MissingCredentials { operation, missing } => Error::MissingCredentials {
                operation,
                missing: missing.clone(),
            },
            Error::Decode {
                operation,
                status,
                message,
                snippet,
            } => Error::Decode {
                operation,
                status: *status,
                message: message.clone(),
                snippet: snippet.clone(),
            },
            Error::Encode { operation, message } => Error::Encode {
                operation: *operation,
                message: message.clone(),
            },
            Error::Config(message) => Error::Config(message.clone()),
        })
    }
}

pub(super) fn is_retryable_status(status: u16) -> bool {
    matches!(status, 429 | 502 | 503 | 504)
}

fn reason(status: u16) -> &'static str {
    reqwest::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("")
}

/// First characters of a body, as lossy text with whitespace runs collapsed, at most 200
/// characters long.
pub(super) fn snippet(body: &[u8]) -> String {
    shorten(&String::from_utf8_lossy(body), SNIPPET_CHARS)
}

/// `text` with whitespace runs collapsed, cut to at most `max` characters (`...` marks a cut).
fn shorten(text: &str, max: usize) -> String {
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.chars().count() <= max {
        collapsed
    } else {
        let mut cut: String = collapsed.chars().take(max.saturating_sub(3)).collect();
        cut.push_str("...");
        cut
    }
}

/// `scheme://host[:port]` of a URL, or `None` when it has no host: what a message may show
/// of a redirect target (its path and query may hold identifiers or tokens).
pub(super) fn origin_of(url: &reqwest::Url) -> Option<String> {
    url.host_str()?;
    Some(url.origin().ascii_serialization())
}

/// A non-2xx answer from an API call, with everything needed to understand it.
///
/// Of a long body only the first 64 KiB are kept ([`body_len`](Self::body_len) gives the
/// full length). Known secrets (the client secret, the access token sent) are replaced by
/// `[redacted]` wherever the server echoed them.
#[derive(Debug, Clone)]
pub struct ApiError {
    operation: &'static str,
    status: u16,
    problem: Option<Problem>,
    body: Option<Value>,
    raw_body: String,
    body_len: Option<u64>,
    body_kept: usize,
    request_id: Option<String>,
    retry_after: Option<Duration>,
    redirect_to: Option<String>,
}

impl ApiError {
    /// The error for `response`, an answer to a request for `url`, with every secret
    /// `redactor` knows cut from the body.
    pub(super) fn from_response(
        operation: &'static str,
        response: &RawResponse,
        url: &reqwest::Url,
        redactor: &Redactor,
    ) -> Self {
        let raw_body = redactor.apply(&response.text()).into_owned();
        let body = serde_json::from_str::<Value>(&raw_body).ok();
        let problem = body.as_ref().and_then(Problem::from_value);
        let header = |name| {
            response
                .headers()
                .get(name)
                .and_then(|v: &reqwest::header::HeaderValue| v.to_str().ok())
        };
        let retry_after = header(reqwest::header::RETRY_AFTER)
            .and_then(|v| super::retry::parse_retry_after(v, jiff::Timestamp::now()));
        let redirect_to = (300..400)
            .contains(&response.status())
            .then(|| header(reqwest::header::LOCATION))
            .flatten()
            .and_then(|location| url.join(location).ok())
            .and_then(|target| origin_of(&target));
        ApiError {
            operation,
            status: response.status(),
            problem,
            body,
            raw_body,
            body_len: response.full_body_len,
            body_kept: response.body().len(),
            request_id: response.request_id().map(str::to_owned),
            retry_after,
            redirect_to,
        }
    }

    /// Id of the operation that failed, e.g. `"getServicePrincipal"`.
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// HTTP status code.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The error body, when it has one of the known problem shapes.
    pub fn problem(&self) -> Option<&Problem> {
        self.problem.as_ref()
    }

    /// The body parsed as JSON, when it is JSON.
    pub fn body(&self) -> Option<&Value> {
        self.body.as_ref()
    }

    /// The JSON body decoded as `T`, for error answers the document types (each operation's
    /// docs name the type per status). `None` when the body is not JSON.
    pub fn body_as<T: serde::de::DeserializeOwned>(&self) -> Option<Result<T, serde_json::Error>> {
        self.body.as_ref().map(|body| T::deserialize(body))
    }

    /// The body as (lossily decoded) text, kept even when it is not JSON: at most its first
    /// 64 KiB, secrets redacted.
    pub fn raw_body(&self) -> &str {
        &self.raw_body
    }

    /// The body's full length in bytes as the server sent it, also when only its start is
    /// kept; `None` when it was longer than the response size cap and not read to its end.
    pub fn body_len(&self) -> Option<u64> {
        self.body_len
    }

    /// Whether [`raw_body`](Self::raw_body) holds only the start of the body.
    pub fn is_body_truncated(&self) -> bool {
        self.body_len
            .is_none_or(|len| len > u64::try_from(self.body_kept).unwrap_or(u64::MAX))
    }

    /// For a 3xx answer that was not followed, the origin (`scheme://host:port`) its
    /// `Location` names.
    pub fn redirect_origin(&self) -> Option<&str> {
        self.redirect_to.as_deref()
    }

    /// The server's request (transaction) id, or the one this client sent when the answer
    /// carries none.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The wait the server asked for in `Retry-After`, if any.
    pub fn retry_after(&self) -> Option<Duration> {
        self.retry_after
    }

    fn summary(&self) -> String {
        if let Some(p) = &self.problem {
            let text = match (&p.title, &p.detail) {
                (Some(t), Some(d)) if t != d => format!("{t}: {d}"),
                (Some(t), _) => t.clone(),
                (None, Some(d)) => d.clone(),
                (None, None) => p.r#type.clone().unwrap_or_default(),
            };
            let params: Vec<String> = p
                .parameters
                .iter()
                .map(|pp| {
                    format!(
                        "{}={}",
                        pp.name.as_deref().unwrap_or("?"),
                        pp.value.as_deref().unwrap_or("")
                    )
                })
                .collect();
            let text = if params.is_empty() {
                text
            } else {
                format!("{text} [{}]", params.join(", "))
            };
            if !text.is_empty() {
                return shorten(&text, SUMMARY_CHARS);
            }
        }
        let s = snippet(self.raw_body.as_bytes());
        if s.is_empty() {
            "empty body".to_owned()
        } else {
            s
        }
    }

    fn hint(&self) -> Option<&'static str> {
        match self.status {
            300..=399 => Some(
                "the redirect was not followed: redirects are followed only within the same \
                 origin (scheme, host and port, never https to http), at most 5 in a row; \
                 point the base URL at the server that answers",
            ),
            401 => Some(
                "not authorized: the credentials or the access token were rejected; check the \
                 client id, client secret and customer id, or the token you supplied",
            ),
            403 => Some(
                "the service principal lacks permission for this operation; grant it the \
                 required role, do not retry",
            ),
            429 => Some("throttled; retries exhausted: slow down and try again later"),
            502..=504 => Some("the service is unavailable; retries exhausted: try again later"),
            _ => None,
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} failed with {} {}: {}",
            self.operation,
            self.status,
            reason(self.status),
            self.summary()
        )?;
        if let Some(origin) = &self.redirect_to {
            write!(f, " (redirect to {origin})")?;
        }
        if let Some(hint) = self.hint() {
            write!(f, "; {hint}")?;
        }
        if self.is_body_truncated() {
            match self.body_len {
                Some(len) => write!(f, " (body of {len} bytes, first {} kept)", self.body_kept)?,
                None => write!(
                    f,
                    " (body longer than the size cap, first {} bytes kept)",
                    self.body_kept
                )?,
            }
        }
        if let Some(id) = &self.request_id {
            write!(f, " (transaction id {id})")?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AuthErrorKind {
    /// The token endpoint answered with a non-2xx, non-3xx status.
    Rejected,
    /// A 2xx answer that holds no usable token.
    BadResponse,
    /// A 3xx answer: token requests never follow redirects (the form holds the secret).
    Redirected,
    /// The token endpoint could not be reached or its answer not received.
    Unreachable,
}

/// No access token could be obtained: the token endpoint refused the credentials, failed,
/// could not be reached, redirected (never followed: the request holds the client secret),
/// or gave an answer without a usable token.
///
/// Nothing of a successful answer is quoted (it may hold a token), and the client secret is
/// replaced by `[redacted]` wherever an error answer echoes it.
#[derive(Debug, Clone)]
pub struct AuthError {
    kind: AuthErrorKind,
    token_url: String,
    status: Option<u16>,
    error: Option<String>,
    description: Option<String>,
    message: Option<String>,
    request_id: Option<String>,
}

#[derive(Deserialize)]
struct OAuthErrorBody {
    error: Option<Value>,
    error_description: Option<Value>,
}

fn value_text(v: Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(s),
        other => Some(other.to_string()),
    }
}

impl AuthError {
    fn new(kind: AuthErrorKind, token_url: String, status: Option<u16>) -> Self {
        AuthError {
            kind,
            token_url,
            status,
            error: None,
            description: None,
            message: None,
            request_id: None,
        }
    }

    /// A non-2xx answer from the token endpoint; `redactor` cuts the client secret from
    /// whatever of the body is quoted.
    pub(super) fn rejected(token_url: String, response: &RawResponse, redactor: &Redactor) -> Self {
        let text = redactor.apply(&response.text()).into_owned();
        let (error, description) = match serde_json::from_str::<OAuthErrorBody>(&text) {
            Ok(b) => (
                b.error.and_then(value_text).map(|t| shorten(&t, SNIPPET_CHARS)),
                b.error_description
                    .and_then(value_text)
                    .map(|t| shorten(&t, SUMMARY_CHARS)),
            ),
            Err(_) => (None, None),
        };
        // Anything but an OAuth error body is only quoted briefly.
        let message = if error.is_none() && description.is_none() {
            Some(snippet(text.as_bytes())).filter(|s| !s.is_empty())
        } else {
            None
        };
        AuthError {
            error,
            description,
            message,
            request_id: response.request_id().map(str::to_owned),
            ..AuthError::new(AuthErrorKind::Rejected, token_url, Some(response.status()))
        }
    }

    /// A 3xx answer from the token endpoint, which redirected to `location` (an origin,
    /// `scheme://host:port`, when `Location` names one).
    pub(super) fn redirected(
        token_url: String,
        response: &RawResponse,
        location: Option<String>,
    ) -> Self {
        AuthError {
            message: Some(match location {
                Some(origin) => format!("it redirected to {origin}"),
                None => "it redirected without a valid `Location`".to_owned(),
            }),
            request_id: response.request_id().map(str::to_owned),
            ..AuthError::new(AuthErrorKind::Redirected, token_url, Some(response.status()))
        }
    }

    /// The token endpoint could not be reached, or its answer not received; `message` says
    /// what failed and must not hold a secret.
    pub(super) fn unreachable(token_url: String, message: String) -> Self {
        AuthError {
            message: Some(message),
            ..AuthError::new(AuthErrorKind::Unreachable, token_url, None)
        }
    }

    /// A 2xx answer that cannot be used as a token. `message` must not quote the body.
    pub(super) fn bad_response(
        token_url: String,
        status: u16,
        request_id: Option<&str>,
        message: String,
    ) -> Self {
        AuthError {
            message: Some(message),
            request_id: request_id.map(str::to_owned),
            ..AuthError::new(AuthErrorKind::BadResponse, token_url, Some(status))
        }
    }

    /// HTTP status of the token endpoint's answer; `None` when there was none (the
    /// endpoint could not be reached).
    pub fn status(&self) -> Option<u16> {
        self.status
    }

    /// The OAuth `error` code, e.g. `"invalid_client"`.
    pub fn oauth_error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    /// The OAuth `error_description`.
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }

    /// The token endpoint's URL.
    pub fn token_url(&self) -> &str {
        &self.token_url
    }

    /// The server's request (transaction) id, when known.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// Whether the token service, not the credentials, is at fault: it could not be reached,
    /// throttled (429) or failed (5xx). Trying again later may succeed.
    pub fn is_service_failure(&self) -> bool {
        match self.kind {
            AuthErrorKind::Unreachable => true,
            AuthErrorKind::Rejected => self.status.is_some_and(|s| s == 429 || s >= 500),
            AuthErrorKind::BadResponse | AuthErrorKind::Redirected => false,
        }
    }

    /// Whether the answer says the credentials are wrong: 400, 401 or 403, or another 4xx
    /// carrying an OAuth `error` (a 5xx never does, whatever its body says).
    fn credentials_rejected(&self) -> bool {
        self.kind == AuthErrorKind::Rejected
            && match self.status {
                Some(400 | 401 | 403) => true,
                Some(404 | 408 | 429) => false,
                Some(s) => (400..500).contains(&s) && self.error.is_some(),
                None => false,
            }
    }
}

impl fmt::Display for AuthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let status = self.status.unwrap_or(0);
        let url = &self.token_url;
        match self.kind {
            AuthErrorKind::BadResponse => write!(
                f,
                "the token endpoint {url} answered {status} {} without a usable access token",
                reason(status)
            )?,
            AuthErrorKind::Redirected => write!(
                f,
                "the token endpoint {url} answered {status} {}, a redirect, which token \
                 requests never follow (the request holds the client secret)",
                reason(status)
            )?,
            AuthErrorKind::Unreachable => write!(
                f,
                "the token service failed: the request to {url} brought no answer"
            )?,
            AuthErrorKind::Rejected if self.credentials_rejected() => write!(
                f,
                "the credentials were rejected by the token endpoint {url} ({status} {})",
                reason(status)
            )?,
            AuthErrorKind::Rejected if self.is_service_failure() => write!(
                f,
                "the token service failed: {url} answered {status} {}",
                reason(status)
            )?,
            AuthErrorKind::Rejected => write!(
                f,
                "the token endpoint {url} failed with {status} {}",
                reason(status)
            )?,
        }
        let details: Vec<&str> = [&self.error, &self.description, &self.message]
            .into_iter()
            .filter_map(|s| s.as_deref())
            .collect();
        if !details.is_empty() {
            write!(f, ": {}", details.join(": "))?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " (transaction id {id})")?;
        }
        let advice = match self.kind {
            AuthErrorKind::BadResponse => "check the token URL",
            AuthErrorKind::Redirected => {
                "set the token URL (or base URL) to the server that answers"
            }
            _ if self.is_service_failure() => {
                "the token service is busy, unavailable or unreachable; check the network or \
                 proxy settings and try again later"
            }
            _ if self.credentials_rejected() => {
                "check the client id and client secret, and the customer id"
            }
            _ if status == 404 => "check the token URL or region, and the customer id",
            _ => "check the token URL and try again later",
        };
        write!(f, "; {advice}")
    }
}

impl std::error::Error for AuthError {}

/// An error body in one of the shapes Citrix Cloud uses: `{type, detail, parameters}` or RFC
/// 7807 problem details (`type, title, status, detail, instance`). Every field is optional and
/// unknown fields are ignored.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(from = "Value")]
#[non_exhaustive]
pub struct Problem {
    /// URI identifying the kind of problem.
    pub r#type: Option<String>,
    /// Short human-readable summary.
    pub title: Option<String>,
    /// HTTP status as the server reported it in the body.
    pub status: Option<u16>,
    /// Human-readable explanation of this occurrence.
    pub detail: Option<String>,
    /// URI identifying this occurrence.
    pub instance: Option<String>,
    /// Citrix-style name/value details, e.g. `reason=missing`.
    pub parameters: Vec<ProblemParameter>,
}

/// One `{name, value}` entry of a Citrix error body's `parameters`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[non_exhaustive]
pub struct ProblemParameter {
    /// Parameter name.
    pub name: Option<String>,
    /// Parameter value (non-string JSON values are kept as their JSON text).
    pub value: Option<String>,
}

impl Problem {
    /// Reads a problem from a JSON body; `None` when the body has none of the known fields.
    pub fn from_value(value: &Value) -> Option<Problem> {
        let obj = value.as_object()?;
        let text = |key: &str| obj.get(key).cloned().and_then(value_text);
        let status = obj.get("status").and_then(|s| match s {
            Value::Number(n) => n.as_u64().and_then(|n| u16::try_from(n).ok()),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        });
        let parameters = obj
            .get("parameters")
            .and_then(Value::as_array)
            .map(|items| {
                items
                    .iter()
                    .filter_map(Value::as_object)
                    .map(|p| ProblemParameter {
                        name: p.get("name").cloned().and_then(value_text),
                        value: p.get("value").cloned().and_then(value_text),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let problem = Problem {
            r#type: text("type"),
            title: text("title"),
            status,
            detail: text("detail"),
            instance: text("instance"),
            parameters,
        };
        (problem != Problem::default()).then_some(problem)
    }
}

impl From<Value> for Problem {
    fn from(value: Value) -> Self {
        Problem::from_value(&value).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citrix_problem_shape() {
        let v = serde_json::json!({
            "type": "https://errors-api.cloud.com/common/authentication",
            "detail": "Missing bearer token",
            "parameters": [{"name": "reason", "value": "missing"}, {"name": "n", "value": 3}],
            "extra": true
        });
        let p: Problem = serde_json::from_value(v).unwrap();
        assert_eq!(p.detail.as_deref(), Some("Missing bearer token"));
        assert_eq!(p.parameters.len(), 2);
        assert_eq!(p.parameters[0].value.as_deref(), Some("missing"));
        assert_eq!(p.parameters[1].value.as_deref(), Some("3"));
    }

    #[test]
    fn rfc7807_problem_shape() {
        let v = serde_json::json!({
            "type": "about:blank", "title": "Not Found", "status": 404,
            "detail": "no such principal", "instance": "/x/1"
        });
        let p = Problem::from_value(&v).unwrap();
        assert_eq!(p.status, Some(404));
        assert_eq!(p.title.as_deref(), Some("Not Found"));
        assert_eq!(p.instance.as_deref(), Some("/x/1"));
        assert!(Problem::from_value(&serde_json::json!({"foo": 1})).is_none());
        assert!(Problem::from_value(&serde_json::json!([1])).is_none());
    }

    #[test]
    fn snippet_is_bounded_and_char_safe() {
        let long = "é".repeat(500);
        let s = snippet(long.as_bytes());
        assert!(s.chars().count() <= 200);
        assert!(s.ends_with("..."));
        assert_eq!(snippet(b"  a \n\n b "), "a b");
        assert_eq!(snippet(&[0xff, b'a']), "\u{fffd}a");
    }
}
