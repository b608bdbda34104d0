//! Errors returned by the client.
//!
//! Every message says what happened and, where there is one, what to do about it. No
//! variant holds a client secret or an access token, so `Debug` and `Display` are safe to log.

use std::fmt;
use std::time::Duration;

use serde::Deserialize;
use serde_json::Value;

use super::RawResponse;

/// Longest body excerpt, in characters, quoted in an error.
const SNIPPET_CHARS: usize = 200;

/// Everything that can go wrong when calling the API.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The API answered with a status outside 2xx (after any retries).
    #[error(transparent)]
    Api(Box<ApiError>),
    /// No access token could be obtained: the token endpoint rejected the credentials or
    /// gave an unusable answer.
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
    /// The client was configured incorrectly (see the message for the builder call to fix).
    #[error("invalid client configuration: {0}")]
    Config(String),
}

fn operation_prefix(operation: Option<&'static str>) -> String {
    operation.map(|op| format!("{op}: ")).unwrap_or_default()
}

fn transport_summary(source: &reqwest::Error) -> &'static str {
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
    /// timeouts and connection failures.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Api(e) => is_retryable_status(e.status()),
            Error::Auth(e) => e.status().is_some_and(is_retryable_status),
            Error::Timeout { .. } => true,
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
    let text = String::from_utf8_lossy(body);
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.chars().count() <= SNIPPET_CHARS {
        collapsed
    } else {
        let mut cut: String = collapsed.chars().take(SNIPPET_CHARS - 3).collect();
        cut.push_str("...");
        cut
    }
}

/// A non-2xx answer from an API call, with everything needed to understand it.
#[derive(Debug, Clone)]
pub struct ApiError {
    operation: &'static str,
    status: u16,
    problem: Option<Problem>,
    body: Option<Value>,
    raw_body: String,
    request_id: Option<String>,
    retry_after: Option<Duration>,
}

impl ApiError {
    pub(super) fn from_response(operation: &'static str, response: &RawResponse) -> Self {
        let body = serde_json::from_slice::<Value>(response.body()).ok();
        let problem = body.as_ref().and_then(Problem::from_value);
        let retry_after = response
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| super::retry::parse_retry_after(v, jiff::Timestamp::now()));
        ApiError {
            operation,
            status: response.status(),
            problem,
            body,
            raw_body: response.text(),
            request_id: response.request_id().map(str::to_owned),
            retry_after,
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

    /// The body as (lossily decoded) text, kept even when it is not JSON.
    pub fn raw_body(&self) -> &str {
        &self.raw_body
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
                return text;
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
        if let Some(hint) = self.hint() {
            write!(f, "; {hint}")?;
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
    /// The token endpoint answered with a non-2xx status.
    Rejected,
    /// A 2xx answer that holds no usable token.
    BadResponse,
}

/// The token endpoint refused the credentials or gave an answer without a usable token.
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
    /// A non-2xx answer from the token endpoint.
    pub(super) fn rejected(token_url: String, response: &RawResponse) -> Self {
        let (error, description) = match serde_json::from_slice::<OAuthErrorBody>(response.body()) {
            Ok(b) => (
                b.error.and_then(value_text),
                b.error_description.and_then(value_text),
            ),
            Err(_) => (None, None),
        };
        // An OAuth error body never holds a secret; anything else is only quoted briefly.
        let message = if error.is_none() && description.is_none() {
            Some(snippet(response.body())).filter(|s| !s.is_empty())
        } else {
            None
        };
        AuthError {
            kind: AuthErrorKind::Rejected,
            token_url,
            status: Some(response.status()),
            error,
            description,
            message,
            request_id: response.request_id().map(str::to_owned),
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
            kind: AuthErrorKind::BadResponse,
            token_url,
            status: Some(status),
            error: None,
            description: None,
            message: Some(message),
            request_id: request_id.map(str::to_owned),
        }
    }

    /// HTTP status of the token endpoint's answer.
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

    fn credentials_rejected(&self) -> bool {
        self.error.is_some() || matches!(self.status, Some(400 | 401 | 403))
    }
}

impl fmt::Display for AuthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let status = self.status.unwrap_or(0);
        match self.kind {
            AuthErrorKind::BadResponse => write!(
                f,
                "the token endpoint {} answered {} {} without a usable access token",
                self.token_url,
                status,
                reason(status)
            )?,
            AuthErrorKind::Rejected if self.credentials_rejected() => write!(
                f,
                "the credentials were rejected by the token endpoint {} ({} {})",
                self.token_url,
                status,
                reason(status)
            )?,
            AuthErrorKind::Rejected => write!(
                f,
                "the token endpoint {} failed with {} {}",
                self.token_url,
                status,
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
        let advice = match (self.kind, status) {
            (AuthErrorKind::BadResponse, _) => "check the token URL",
            (_, 429 | 502..=504) => "the token service is busy or unavailable; try again later",
            (_, 404) if !self.credentials_rejected() => {
                "check the token URL or region, and the customer id"
            }
            _ if self.credentials_rejected() => {
                "check the client id and client secret, and the customer id"
            }
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
