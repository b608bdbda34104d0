//! Per-call options: what a request builder's `header`, `timeout` and `idempotency_key`
//! setters gather, applied by `Client::execute` on top of the client's settings.

use std::time::Duration;

use reqwest::header::{HeaderName, HeaderValue};

/// Options of one call, set through the request builder of an operation.
#[derive(Clone, Default)]
pub struct CallOptions {
    /// Extra headers, validated when set; sent after the operation's own, replacing a header
    /// of the same name (`Authorization` is set by the client and always wins).
    pub(super) headers: Vec<(HeaderName, HeaderValue)>,
    /// Timeout of each attempt instead of the client's (`ClientBuilder::timeout`).
    pub(super) timeout: Option<Duration>,
    /// Whether the call carries an idempotency key, so a POST or PATCH may be retried.
    pub(super) idempotent: bool,
    /// The first header that could not be used, as a message.
    pub(super) error: Option<String>,
}

impl std::fmt::Debug for CallOptions {
    /// Header names only: values may be credentials.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<&str> = self.headers.iter().map(|(name, _)| name.as_str()).collect();
        f.debug_struct("CallOptions")
            .field("headers", &names)
            .field("timeout", &self.timeout)
            .field("idempotent", &self.idempotent)
            .finish()
    }
}

impl CallOptions {
    /// Adds a header; an invalid name or value (RFC 9110, section 5) fails the call with
    /// `Error::Encode` when it is sent.
    pub fn header(&mut self, name: &str, value: &str) {
        match (HeaderName::from_bytes(name.as_bytes()), HeaderValue::from_str(value)) {
            (Ok(name), Ok(value)) => self.headers.push((name, value)),
            (Err(_), _) => self.fail(format!("`{name}` is not a valid header name")),
            (_, Err(_)) => self.fail(format!("the value of header `{name}` is not a valid header value")),
        }
    }

    /// Sets the timeout of each attempt.
    pub fn timeout(&mut self, timeout: Duration) {
        self.timeout = Some(timeout);
    }

    /// Sends `key` in `header` (the API's idempotency key header, such as `Idempotency-Key`
    /// of draft-ietf-httpapi-idempotency-key-header): the server then applies repeats of the
    /// request once, so the client may retry it like an idempotent one.
    pub fn idempotency_key(&mut self, header: &'static str, key: &str) {
        let sent = self.headers.len();
        self.header(header, key);
        // Only a key that will be sent makes repeats safe.
        if self.headers.len() > sent {
            self.idempotent = true;
        }
    }

    fn fail(&mut self, message: String) {
        if self.error.is_none() {
            self.error = Some(message);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_headers_are_kept_as_the_first_error_and_not_sent() {
        let mut call = CallOptions::default();
        call.header("x-ok", "1");
        call.header("bad name", "v");
        call.header("x-bad-value", "a\nb");
        assert_eq!(call.headers.len(), 1);
        assert_eq!(call.error.as_deref(), Some("`bad name` is not a valid header name"));
    }

    #[test]
    fn a_valid_idempotency_key_makes_the_call_retryable() {
        let mut call = CallOptions::default();
        call.idempotency_key("Idempotency-Key", "k-1");
        assert!(call.idempotent);
        assert_eq!(call.headers[0].1, "k-1");
        // Debug shows header names, never values.
        let shown = format!("{call:?}");
        assert!(shown.contains("idempotency-key") && !shown.contains("k-1"), "{shown}");
        let mut bad = CallOptions::default();
        bad.idempotency_key("Idempotency-Key", "a\nb");
        assert!(!bad.idempotent);
    }
}
