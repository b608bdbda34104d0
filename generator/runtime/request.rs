//! What generated code hands to [`Client::execute`](super::Client) and what it gets back.

use std::fmt;

use bytes::Bytes;
use reqwest::header::HeaderMap;
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::call::CallOptions;
use super::multipart::Multipart;
use super::params::{self, Param, Style};
use super::Error;

/// Static facts about one operation of the API, emitted by the generator as a `static`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Operation {
    /// The `operationId`, e.g. `"getServicePrincipal"`; used in errors and traces.
    pub id: &'static str,
    /// HTTP method.
    pub method: Method,
    /// Path template as written in the document, e.g. `"/serviceprincipals/{id}"`, with any
    /// query or fragment the document wrote into it (`"/rest?method=photos.get"`,
    /// `"/files/{id}#share"`); traced instead of the concrete path, which may hold
    /// identifiers.
    pub path_template: &'static str,
    /// The security requirements, any one of which a call must meet: each lists indices
    /// into [`ApiDescription::security_schemes`](crate::ApiDescription::security_schemes),
    /// all of which are applied (OpenAPI 3.0.3 §4.7.30). Empty: anonymous; an empty
    /// requirement among others: credentials are optional.
    pub security: &'static [&'static [usize]],
    /// Whether a successful answer may hold a secret (a token): its body is then never
    /// quoted in errors.
    pub sensitive: bool,
    /// The operation's own server, when the document gives it one (`servers` on the
    /// operation or its path, OpenAPI 3.0.3 §4.7.9 and §4.7.10; an upload host, say): an
    /// absolute URL, or a path (`/upload`) on the host of the client's server, that calls go
    /// to instead of the client's server. A
    /// [`base_url`](crate::ClientBuilder::base_url) given to the client replaces it too.
    pub server: Option<&'static str>,
}

impl Operation {
    /// Whether calls present credentials (some requirement names a scheme); client
    /// parameters are sent on these calls only.
    pub fn authenticated(&self) -> bool {
        self.security.iter().any(|r| !r.is_empty())
    }
}

/// HTTP method of an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`
    Get,
    /// `PUT`
    Put,
    /// `POST`
    Post,
    /// `DELETE`
    Delete,
    /// `OPTIONS`
    Options,
    /// `HEAD`
    Head,
    /// `PATCH`
    Patch,
    /// `TRACE`
    Trace,
}

impl Method {
    /// The method's name on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Post => "POST",
            Method::Delete => "DELETE",
            Method::Options => "OPTIONS",
            Method::Head => "HEAD",
            Method::Patch => "PATCH",
            Method::Trace => "TRACE",
        }
    }

    /// Whether repeating the request has the same effect as sending it once (everything but
    /// POST and PATCH), which decides what may be retried.
    pub fn is_idempotent(self) -> bool {
        !matches!(self, Method::Post | Method::Patch)
    }

    pub(super) fn to_reqwest(self) -> reqwest::Method {
        match self {
            Method::Get => reqwest::Method::GET,
            Method::Put => reqwest::Method::PUT,
            Method::Post => reqwest::Method::POST,
            Method::Delete => reqwest::Method::DELETE,
            Method::Options => reqwest::Method::OPTIONS,
            Method::Head => reqwest::Method::HEAD,
            Method::Patch => reqwest::Method::PATCH,
            Method::Trace => reqwest::Method::TRACE,
        }
    }
}

/// A request body, kept as bytes so it can be sent again on a retry.
#[derive(Clone)]
pub(super) struct Body {
    pub(super) bytes: Bytes,
    pub(super) content_type: std::borrow::Cow<'static, str>,
}

/// The concrete parts of one call: path, query, extra headers and body.
#[derive(Clone)]
pub struct RequestParts {
    pub(super) path: String,
    /// Parameter name and its encoded `name=value` pairs, joined by `&` when sent.
    pub(super) query: Vec<(&'static str, String)>,
    pub(super) headers: Vec<(&'static str, String)>,
    pub(super) body: Option<Body>,
    /// The first parameter that could not be encoded.
    pub(super) error: Option<String>,
    /// Options of this call: extra headers, a timeout, an idempotency key.
    pub(super) call: CallOptions,
}

impl fmt::Debug for RequestParts {
    /// Shows the path and the names of query parameters and headers, never their values
    /// or the body (they may be sensitive).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names = |v: &[(&'static str, String)]| v.iter().map(|(n, _)| *n).collect::<Vec<_>>();
        f.debug_struct("RequestParts")
            .field("path", &self.path)
            .field("query", &names(&self.query))
            .field("headers", &names(&self.headers))
            .field(
                "body",
                &self
                    .body
                    .as_ref()
                    .map(|b| format!("{} bytes of {}", b.bytes.len(), b.content_type)),
            )
            .finish()
    }
}

impl RequestParts {
    /// Starts a request for `path`: already percent-encoded (see `path_segment`), relative
    /// to the API base URL, starting with `/`.
    pub fn new(path: String) -> Self {
        RequestParts {
            path,
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
            error: None,
            call: CallOptions::default(),
        }
    }

    /// Applies the options of this call (a request builder's `header`, `timeout` and
    /// `idempotency_key`); an invalid header among them fails the call when it is sent.
    pub fn call_options(mut self, mut call: CallOptions) -> Self {
        if let Some(message) = call.error.take() {
            self.error.get_or_insert(message);
        }
        self.call = call;
        self
    }

    /// Whether the call may be retried after a failure that may have reached the server:
    /// its method is idempotent, or it carries an idempotency key.
    pub(super) fn retry_safe(&self, method: Method) -> bool {
        method.is_idempotent() || self.call.idempotent
    }

    /// Adds the query the document wrote into the operation's path (`method=photos.get` of
    /// `/rest?method=photos.get`), `name=value` pairs joined by `&` and already in their wire
    /// form, sent as written before the query parameters.
    pub fn fixed_query(mut self, pairs: &'static str) -> Self {
        let name = pairs.split(['=', '&']).next().unwrap_or(pairs);
        self.query.push((name, pairs.to_owned()));
        self
    }

    /// Adds a query parameter as one `name=value` pair (RFC 3986 percent-encoded).
    pub fn query(self, name: &'static str, value: impl ToString) -> Self {
        self.query_param(Param::new(name, Style::Form), &value.to_string())
    }

    /// Adds a query parameter written in its style (`params::query`); nothing when the
    /// value is undefined. An encoding failure is kept and returned by `Client::execute`.
    pub fn query_param<T: Serialize + ?Sized>(mut self, param: Param, value: &T) -> Self {
        match params::query(&param, value) {
            Ok(text) if text.is_empty() => {}
            Ok(text) => self.query.push((param.name(), text)),
            Err(e) => self.fail(param.name(), e),
        }
        self
    }

    /// Adds a header parameter (validated when the request is sent).
    pub fn header(mut self, name: &'static str, value: impl ToString) -> Self {
        self.headers.push((name, value.to_string()));
        self
    }

    /// Adds a header parameter in `simple` style (`params::header`); nothing when the
    /// value is undefined.
    pub fn header_param<T: Serialize + ?Sized>(mut self, param: Param, value: &T) -> Self {
        match params::header(&param, value) {
            Ok(Some(text)) => self.headers.push((param.name(), text)),
            Ok(None) => {}
            Err(e) => self.fail(param.name(), e),
        }
        self
    }

    /// Adds a cookie parameter in `form` style to the `Cookie` header (see
    /// `params::cookie`); nothing when the value is undefined.
    pub fn cookie_param<T: Serialize + ?Sized>(mut self, param: Param, value: &T) -> Self {
        match params::cookie(&param, value) {
            Ok(text) if text.is_empty() => {}
            Ok(text) => match self.headers.iter_mut().find(|(name, _)| *name == "Cookie") {
                Some((_, cookies)) => {
                    cookies.push_str("; ");
                    cookies.push_str(&text);
                }
                None => self.headers.push(("Cookie", text)),
            },
            Err(e) => self.fail(param.name(), e),
        }
        self
    }

    /// Keeps the first encoding failure, naming the parameter.
    fn fail(&mut self, name: &str, error: Error) {
        if self.error.is_none() {
            self.error = Some(format!("parameter `{name}`: {error}"));
        }
    }

    /// The first parameter that could not be encoded, as a message.
    pub(super) fn take_error(&mut self) -> Option<String> {
        self.error.take()
    }

    /// Sets a JSON body.
    pub fn json<T: Serialize + ?Sized>(mut self, value: &T) -> Result<Self, Error> {
        let bytes = serde_json::to_vec(value).map_err(|e| Error::Encode {
            operation: None,
            message: format!("the JSON body cannot be serialised: {e}"),
        })?;
        self.body = Some(Body {
            bytes: bytes.into(),
            content_type: "application/json".into(),
        });
        Ok(self)
    }

    /// Sets an `application/x-www-form-urlencoded` body, each field in OpenAPI's default
    /// encoding (`form`, exploded: lists and objects become several pairs).
    pub fn form<T: Serialize + ?Sized>(self, value: &T) -> Result<Self, Error> {
        self.form_with(value, &[])
    }

    /// Sets an `application/x-www-form-urlencoded` body whose fields named in `encodings` are
    /// written in their `style` and `explode` (the body's `encoding` in the document), the
    /// others as in [`RequestParts::form`] (see `params::form_body`).
    pub fn form_with<T: Serialize + ?Sized>(mut self, value: &T, encodings: &[Param]) -> Result<Self, Error> {
        let text = params::form_body(value, encodings).map_err(|e| Error::Encode {
            operation: None,
            message: format!("the form body cannot be serialised: {e}"),
        })?;
        self.body = Some(Body {
            bytes: text.into(),
            content_type: "application/x-www-form-urlencoded".into(),
        });
        Ok(self)
    }

    /// Sets a raw body with its content type.
    pub fn bytes(mut self, body: Vec<u8>, content_type: &'static str) -> Self {
        self.body = Some(Body {
            bytes: body.into(),
            content_type: content_type.into(),
        });
        self
    }

    /// Sets a `multipart/form-data` body.
    pub fn multipart(mut self, form: Multipart) -> Self {
        let (bytes, content_type) = form.finish();
        self.body = Some(Body {
            bytes: bytes.into(),
            content_type: content_type.into(),
        });
        self
    }

    /// Sends the body set before with media type `content_type` instead of the one its
    /// encoder names (e.g. `application/merge-patch+json` for a JSON body), as the document
    /// declares it. Without a body, nothing changes.
    pub fn content_type(mut self, content_type: &'static str) -> Self {
        if let Some(body) = &mut self.body {
            body.content_type = content_type.into();
        }
        self
    }

    /// Sets a `text/plain` body.
    pub fn text(self, body: String) -> Self {
        self.bytes(body.into_bytes(), "text/plain; charset=utf-8")
    }
}

/// A received answer: status, headers and the body (of a 2xx answer the whole body, at
/// most the response size cap; of any other answer its first 64 KiB).
#[derive(Debug, Clone)]
pub struct RawResponse {
    pub(super) status: u16,
    pub(super) headers: HeaderMap,
    pub(super) body: Bytes,
    /// The body's full length, when known; more than `body.len()` when only its start is kept.
    pub(super) full_body_len: Option<u64>,
    pub(super) request_id: Option<String>,
}

impl RawResponse {
    /// HTTP status code.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// Response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The body (whole for a 2xx answer).
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// The server's request (transaction) id, or the one this client sent when the answer
    /// carries none.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// Decodes the body as JSON; an empty body decodes as `null` (so `()` and `Option<T>`
    /// work for bodiless answers).
    pub fn json<T: DeserializeOwned>(&self, op: &Operation) -> Result<T, Error> {
        let body: &[u8] = if self.body.iter().all(u8::is_ascii_whitespace) {
            b"null"
        } else {
            &self.body
        };
        serde_json::from_slice(body).map_err(|e| {
            // serde quotes pieces of the input (`invalid type: string "..."`).
            let (message, snippet) = if op.sensitive {
                (
                    super::redact::json_error_without_input(&e),
                    "[redacted: the answer may hold a secret]".to_owned(),
                )
            } else {
                (e.to_string(), super::error::snippet(&self.body))
            };
            Error::Decode {
                operation: op.id,
                status: self.status,
                message,
                snippet,
            }
        })
    }

    /// The body as text (invalid UTF-8 replaced).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// A decoded answer together with its status and headers, from an operation's
/// `*_with_response` method (the plain method returns only the value).
///
/// Headers the document declares on the answer (`Location`, rate limits) are named in that
/// method's documentation; read them with [`Response::header`].
#[derive(Debug, Clone)]
pub struct Response<T> {
    value: T,
    raw: RawResponse,
}

impl<T> Response<T> {
    #[doc(hidden)]
    pub fn new(value: T, raw: RawResponse) -> Self {
        Response { value, raw }
    }

    /// The decoded value.
    pub fn value(&self) -> &T {
        &self.value
    }

    /// The decoded value, dropping status and headers.
    pub fn into_value(self) -> T {
        self.value
    }

    /// The HTTP status (2xx).
    pub fn status(&self) -> u16 {
        self.raw.status
    }

    /// All response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.raw.headers
    }

    /// The first value of header `name` (case-insensitive), if present and visible ASCII.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.raw.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The server's request (transaction) id, or the one this client sent.
    pub fn request_id(&self) -> Option<&str> {
        self.raw.request_id()
    }

    /// The raw answer, body included.
    pub fn raw(&self) -> &RawResponse {
        &self.raw
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OP: Operation = Operation {
        id: "getThing",
        method: Method::Get,
        path_template: "/things/{id}",
        security: &[],
        sensitive: false,
        server: None,
    };

    fn response(status: u16, body: &'static [u8]) -> RawResponse {
        RawResponse {
            status,
            headers: HeaderMap::new(),
            body: Bytes::from_static(body),
            full_body_len: Some(body.len() as u64),
            request_id: None,
        }
    }

    #[test]
    fn decode_error_has_context_and_short_snippet() {
        let mut long = br#"{"id": "#.to_vec();
        long.extend(std::iter::repeat_n(b'x', 1000));
        let r = RawResponse {
            body: long.into(),
            ..response(200, b"")
        };
        match r.json::<serde_json::Value>(&OP) {
            Err(Error::Decode {
                operation,
                status,
                message,
                snippet,
            }) => {
                assert_eq!((operation, status), ("getThing", 200));
                assert!(!message.is_empty());
                assert!(snippet.chars().count() <= 200);
                assert!(snippet.starts_with("{\"id\":"));
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn decode_errors_of_sensitive_answers_quote_nothing() {
        let op = Operation {
            sensitive: true,
            server: None,
            ..OP
        };
        let r = response(200, b"\"zzsecretzz\"");
        let err = r.json::<std::collections::BTreeMap<String, String>>(&op).unwrap_err();
        let text = format!("{err} {err:?}");
        assert!(!text.contains("zzsecretzz"), "{text}");
        assert!(matches!(err, Error::Decode { status: 200, .. }), "{err:?}");
    }

    #[test]
    fn a_response_gives_value_status_and_headers() {
        let mut raw = response(201, b"{}");
        raw.headers.insert("location", "/things/7".parse().unwrap());
        let answer = Response::new(7u8, raw);
        assert_eq!((answer.status(), *answer.value()), (201, 7));
        assert_eq!(answer.header("Location"), Some("/things/7"));
        assert_eq!(answer.header("X-Missing"), None);
        assert_eq!(answer.into_value(), 7);
    }

    #[test]
    fn empty_body_decodes_as_null() {
        let r = response(204, b"");
        r.json::<()>(&OP).unwrap();
        assert_eq!(r.json::<Option<u32>>(&OP).unwrap(), None);
        assert_eq!(
            response(200, b"[1,2]").json::<Vec<u8>>(&OP).unwrap(),
            vec![1, 2]
        );
    }

    #[test]
    fn bodies_and_their_errors() {
        let mut bad = std::collections::BTreeMap::new();
        bad.insert((1u8, 2u8), 3u8);
        assert!(matches!(
            RequestParts::new("/".into()).json(&bad),
            Err(Error::Encode { .. })
        ));
        let form = RequestParts::new("/".into())
            .form(&[("a", "b c"), ("d", "&")])
            .unwrap();
        let body = form.body.as_ref().unwrap();
        assert_eq!(&body.bytes[..], b"a=b+c&d=%26");
        assert_eq!(body.content_type, "application/x-www-form-urlencoded");
        let debug = format!("{:?}", form.header("X-Secret", "zzsecretzz"));
        assert!(
            !debug.contains("zzsecretzz") && !debug.contains("b+c"),
            "{debug}"
        );
    }
}
