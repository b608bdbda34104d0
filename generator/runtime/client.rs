//! The client: configuration, authentication, retries and the single entry point used by
//! generated operation code.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::header::{
    HeaderMap, HeaderName, HeaderValue, ACCEPT, AUTHORIZATION, CONTENT_TYPE, COOKIE, LOCATION,
    RETRY_AFTER, USER_AGENT,
};
use reqwest::Url;
use tracing::Instrument;

use super::auth::{parse_token_response, IssuedAuthorization, TokenCache};
use super::credentials::{
    self, basic_value, Applied, ClientCredentials, Configured, SchemeKind, TokenSource,
};
use super::body::{self, BodyError, DEFAULT_MAX_RESPONSE_SIZE};
use super::encode::is_dot_segment;
use super::error::{origin_of, transport_summary};
use super::redact::Redactor;
use super::request::Body;
use super::retry::{self, Decision, Outcome};
use super::{
    path_segment, ApiDescription, ApiError, ApiKeyLocation, AuthError, AuthorizationFormat, Error,
    Method, Operation, RawResponse, RequestParts, RetryPolicy, Secret, SecurityScheme, Server,
};

/// Operation name used in errors and traces of token requests.
const TOKEN_OPERATION: &str = "token request";

/// Most redirects followed in a row, all within the origin of the request.
const MAX_REDIRECTS: usize = 5;

/// A URL as given to the builder; `Debug` hides any user name and password in it.
#[derive(Clone)]
struct UrlSetting(String);

impl fmt::Debug for UrlSetting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&shown_url(&self.0), f)
    }
}

/// A URL as messages may show it: without user name or password.
fn shown_url(raw: &str) -> String {
    match Url::parse(raw.trim()) {
        Ok(url) if !url.username().is_empty() || url.password().is_some() => redacted_url(&url),
        Ok(_) => raw.to_owned(),
        // An unparsable URL with `@` may hold a password: not shown.
        Err(_) if raw.contains('@') => "[a URL with `@`, not shown]".to_owned(),
        Err(_) => raw.to_owned(),
    }
}

/// Credentials given for one scheme, by name, or for every scheme that fits
/// (`.credentials(..)`, `.token(..)`); the last call for a scheme wins.
#[derive(Debug, Clone)]
struct SchemeConfig {
    /// `None`: every scheme the credentials fit.
    scheme: Option<&'static str>,
    credentials: Configured,
}

/// Configures and builds a [`Client`].
///
/// Defaults: the API's default server, connect timeout 10 s, timeout 60 s per attempt,
/// [`RetryPolicy::default`] (2 minutes in all per call), tokens refreshed when less than
/// 60 s of their life remains, response bodies up to 32 MiB.
///
/// Redirects: token requests never follow one (their form holds the client secret); API
/// calls follow at most 5 in a row, each to the same origin (scheme, host and port, so never
/// https to http). A redirect that is not followed is returned as [`Error::Api`] with its
/// 3xx status and is not retried.
#[derive(Debug, Clone)]
pub struct ClientBuilder {
    description: &'static ApiDescription,
    server: Server,
    /// Overrides `server` for both API and token calls, whichever was set first.
    base_url: Option<UrlSetting>,
    credentials: Vec<SchemeConfig>,
    token_url: Option<UrlSetting>,
    authorization_format: Option<AuthorizationFormat>,
    connect_timeout: Duration,
    timeout: Duration,
    retry: RetryPolicy,
    user_agent_suffix: Option<String>,
    http: Option<reqwest::Client>,
    refresh_margin: Duration,
    max_response_size: u64,
    parameters: Vec<(&'static str, String)>,
}

impl ClientBuilder {
    /// A builder for the API described by `description` (generated code offers it as
    /// `Client::builder()`).
    pub fn new(description: &'static ApiDescription) -> Self {
        ClientBuilder {
            description,
            server: description.default_server,
            base_url: None,
            credentials: Vec::new(),
            token_url: None,
            authorization_format: None,
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(60),
            retry: RetryPolicy::default(),
            user_agent_suffix: None,
            http: None,
            refresh_margin: Duration::from_secs(60),
            max_response_size: DEFAULT_MAX_RESPONSE_SIZE,
            parameters: Vec::new(),
        }
    }

    /// One base URL for both API and token calls (a proxy, a test server), e.g.
    /// `"http://127.0.0.1:8080"` or `"https://proxy.example/citrix"`. It takes precedence
    /// over any server or region, whatever the order of the calls, and over the servers the
    /// document gives single operations. A URL with a user name or password is refused by
    /// [`build`](Self::build).
    pub fn base_url(mut self, url: impl AsRef<str>) -> Self {
        self.base_url = Some(UrlSetting(url.as_ref().to_owned()));
        self
    }

    /// API and token base URLs (generated region enums call this); [`Self::base_url`]
    /// takes precedence.
    pub fn server(mut self, server: Server) -> Self {
        self.server = server;
        self
    }

    fn api_base(&self) -> &str {
        self.base_url.as_ref().map_or(self.server.api, |u| &u.0)
    }

    fn token_base(&self) -> &str {
        self.base_url.as_ref().map_or(self.server.token, |u| &u.0)
    }

    fn configure(mut self, scheme: Option<&'static str>, credentials: Configured) -> Self {
        // For one scheme, the last call wins; `.credentials(..)` and `.token(..)` replace
        // each other.
        self.credentials.retain(|c| c.scheme != scheme);
        self.credentials.push(SchemeConfig {
            scheme,
            credentials,
        });
        self
    }

    /// Authenticate with OAuth2 client credentials (a service principal): tokens are
    /// requested, cached and renewed automatically, for every OAuth2 client-credentials
    /// scheme of the API (or, with [`token_url`](Self::token_url), its token schemes).
    pub fn credentials(
        self,
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
    ) -> Self {
        let credentials = Configured::ClientCredentials {
            client_id: client_id.into(),
            client_secret: Secret::new(client_secret),
        };
        self.configure(None, credentials)
    }

    /// Authenticate with a token obtained elsewhere, for every scheme of the API that
    /// takes a token (bearer, OAuth2, OpenID Connect); no token requests are made and a
    /// rejected token is an error.
    pub fn token(self, token: impl Into<String>) -> Self {
        self.configure(None, Configured::Token(Secret::new(token)))
    }

    /// The API key of scheme `scheme` (generated setters call this).
    #[doc(hidden)]
    pub fn api_key(self, scheme: &'static str, key: impl Into<String>) -> Self {
        self.configure(Some(scheme), Configured::ApiKey(Secret::new(key)))
    }

    /// The user and password of HTTP Basic scheme `scheme` (generated setters call this).
    #[doc(hidden)]
    pub fn basic_auth(
        self,
        scheme: &'static str,
        user: impl Into<String>,
        password: impl Into<String>,
    ) -> Self {
        let credentials = Configured::Basic {
            user: user.into(),
            password: Secret::new(password),
        };
        self.configure(Some(scheme), credentials)
    }

    /// A fixed token for scheme `scheme` (generated setters call this).
    #[doc(hidden)]
    pub fn scheme_token(self, scheme: &'static str, token: impl Into<String>) -> Self {
        self.configure(Some(scheme), Configured::Token(Secret::new(token)))
    }

    /// Client credentials for OAuth2 scheme `scheme` (generated setters call this).
    #[doc(hidden)]
    pub fn scheme_credentials(
        self,
        scheme: &'static str,
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
    ) -> Self {
        let credentials = Configured::ClientCredentials {
            client_id: client_id.into(),
            client_secret: Secret::new(client_secret),
        };
        self.configure(Some(scheme), credentials)
    }

    /// A token source for scheme `scheme` (generated setters call this).
    #[doc(hidden)]
    pub fn token_source(self, scheme: &'static str, source: Arc<dyn TokenSource>) -> Self {
        self.configure(Some(scheme), Configured::Source(source))
    }

    /// The HTTP client that presents the client certificate of mutual TLS scheme `scheme`
    /// (generated setters call this); it becomes the client's HTTP client, as with
    /// [`http_client`](Self::http_client).
    #[doc(hidden)]
    pub fn mutual_tls(mut self, scheme: &'static str, http_client: reqwest::Client) -> Self {
        self.http = Some(http_client);
        self.configure(Some(scheme), Configured::MutualTls)
    }

    /// The full URL of the token endpoint, instead of the one the API's OAuth2
    /// client-credentials flow names (`tokenUrl`, relative to the token base URL).
    pub fn token_url(mut self, url: impl AsRef<str>) -> Self {
        self.token_url = Some(UrlSetting(url.as_ref().to_owned()));
        self
    }

    /// How tokens are written into the `Authorization` header, instead of each scheme's
    /// own way.
    pub fn authorization_format(mut self, format: AuthorizationFormat) -> Self {
        self.authorization_format = Some(format);
        self
    }

    /// Limit for establishing a connection (ignored with [`http_client`](Self::http_client),
    /// which brings its own).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Limit for one attempt, from sending the request to receiving the whole body. The
    /// whole call, retries and token request included, is bounded by
    /// [`RetryPolicy::total_budget`].
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Largest response body accepted, in bytes (default 32 MiB). A successful answer with
    /// a longer body fails with [`Error::ResponseTooLarge`] as soon as that is known (from
    /// `Content-Length` or while receiving it), holding at most this much in memory. Of an
    /// error answer only the first 64 KiB are kept in any case.
    pub fn max_response_size(mut self, bytes: u64) -> Self {
        self.max_response_size = bytes;
        self
    }

    /// How failed requests are retried.
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Text appended to the `User-Agent` after a space, e.g. `"my-tool/2.1"`.
    pub fn user_agent_suffix(mut self, suffix: impl Into<String>) -> Self {
        self.user_agent_suffix = Some(suffix.into());
        self
    }

    /// Use this HTTP client (proxies, TLS settings, connection pools). Build it with
    /// `reqwest::redirect::Policy::none()`: its own redirect policy applies, and an answer
    /// it got by following a redirect to another origin (or any redirect of a token request)
    /// is refused with [`Error::Config`].
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// Renew a cached token when less than this much of its life remains (at most half of
    /// its lifetime is given up).
    pub fn token_refresh_margin(mut self, margin: Duration) -> Self {
        self.refresh_margin = margin;
        self
    }

    /// Sets the client parameter sent in header `header` (generated setters call this).
    #[doc(hidden)]
    pub fn client_parameter(mut self, header: &'static str, value: String) -> Self {
        self.parameters
            .retain(|(h, _)| !h.eq_ignore_ascii_case(header));
        self.parameters.push((header, value));
        self
    }

    /// Checks the configuration and builds the client.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] when a required client parameter is missing or blank, a URL is
    /// invalid or holds a user name or password, a header value is invalid, or the HTTP
    /// client cannot be made; the message says which setting to fix.
    pub fn build(self) -> Result<Client, Error> {
        let description = self.description;
        let api_base = parse_base("base URL", self.api_base())?;

        let parameters = self.parameter_headers()?;

        let mut user_agent = description.user_agent.to_owned();
        if let Some(suffix) = self.user_agent_suffix.as_deref().filter(|s| !s.is_empty()) {
            user_agent.push(' ');
            user_agent.push_str(suffix);
        }
        let user_agent = HeaderValue::from_str(&user_agent).map_err(|_| {
            Error::Config("the user agent suffix is not a valid header value".to_owned())
        })?;

        let request_id_header = description
            .request_id_header
            .map(|name| {
                HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
                    Error::Config(format!(
                        "request id header `{name}` is not a valid header name"
                    ))
                })
            })
            .transpose()?;
        let response_request_id_headers = description
            .response_request_id_headers
            .iter()
            .map(|name| {
                HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
                    Error::Config(format!(
                        "response request id header `{name}` is not a valid header name"
                    ))
                })
            })
            .collect::<Result<Vec<_>, _>>()?;

        let schemes = self.applied_schemes()?;
        let token_urls = schemes
            .iter()
            .filter_map(|s| match s {
                Some(Applied::ClientCredentials(c)) => Some(c.token_url.clone()),
                _ => None,
            })
            .collect();
        let query_keys = schemes
            .iter()
            .any(|s| matches!(s, Some(Applied::Query { .. })));
        let http = match self.http {
            Some(http) => http,
            None => reqwest::Client::builder()
                .connect_timeout(self.connect_timeout)
                .redirect(redirect_policy(token_urls))
                .build()
                .map_err(|e| Error::Config(format!("the HTTP client cannot be created: {e}")))?,
        };

        Ok(Client {
            inner: Arc::new(Inner {
                api_base,
                base_url_given: self.base_url.is_some(),
                http,
                timeout: self.timeout,
                connect_timeout: self.connect_timeout,
                retry: self.retry,
                max_response_size: self.max_response_size,
                user_agent,
                parameters,
                request_id_header,
                response_request_id_headers,
                schemes,
                security_schemes: description.security_schemes,
                query_keys,
            }),
        })
    }

    /// The client parameters as headers; every parameter the API declares must be set.
    fn parameter_headers(&self) -> Result<HeaderMap, Error> {
        let mut headers = HeaderMap::new();
        for p in self.description.client_parameters {
            if !self
                .parameters
                .iter()
                .any(|(h, _)| h.eq_ignore_ascii_case(p.header))
            {
                return Err(Error::Config(format!(
                    "`{}` is not set: call `.{}(..)` on the client builder",
                    p.header, p.setter
                )));
            }
        }
        for (header, value) in &self.parameters {
            let setter = self
                .description
                .client_parameters
                .iter()
                .find(|p| p.header.eq_ignore_ascii_case(header))
                .map_or(*header, |p| p.setter);
            if value.trim().is_empty() {
                return Err(Error::Config(format!(
                    "the value given to `.{setter}(..)` is blank; give the real value"
                )));
            }
            let name = HeaderName::from_bytes(header.as_bytes())
                .map_err(|_| Error::Config(format!("`{header}` is not a valid header name")))?;
            let value = HeaderValue::from_str(value).map_err(|_| {
                Error::Config(format!(
                    "the value given to `.{setter}(..)` is not a valid `{header}` header value"
                ))
            })?;
            headers.insert(name, value);
        }
        Ok(headers)
    }

    /// What each scheme of the API is configured with, ready to apply (`None`: not
    /// configured).
    fn applied_schemes(&self) -> Result<Vec<Option<Applied>>, Error> {
        let schemes = self.description.security_schemes;
        for config in &self.credentials {
            if let Some(name) = config.scheme {
                if !schemes.iter().any(|s| s.name == name) {
                    return Err(Error::Config(format!(
                        "this API has no security scheme `{name}`"
                    )));
                }
            }
        }
        let has_client_credentials = schemes
            .iter()
            .any(|s| matches!(s.kind, SchemeKind::ClientCredentials { .. }));
        let mut applied = Vec::with_capacity(schemes.len());
        let mut shared_used = false;
        for scheme in schemes {
            let own = self
                .credentials
                .iter()
                .find(|c| c.scheme == Some(scheme.name))
                .map(|c| &c.credentials);
            let shared = self
                .credentials
                .iter()
                .find(|c| c.scheme.is_none())
                .map(|c| &c.credentials)
                .filter(|c| match (c, &scheme.kind) {
                    (Configured::Token(_), kind) => kind.token_format().is_some(),
                    (Configured::ClientCredentials { .. }, SchemeKind::ClientCredentials { .. }) => true,
                    // An API without a client-credentials flow: its token schemes get
                    // tokens from the endpoint given to `.token_url(..)`.
                    (Configured::ClientCredentials { .. }, kind) => {
                        !has_client_credentials && self.token_url.is_some() && kind.token_format().is_some()
                    }
                    _ => false,
                });
            shared_used |= own.is_none() && shared.is_some();
            applied.push(match own.or(shared) {
                Some(credentials) => Some(self.apply(scheme, credentials)?),
                None => None,
            });
        }
        match self.credentials.iter().find(|c| c.scheme.is_none()) {
            Some(SchemeConfig { credentials: Configured::ClientCredentials { .. }, .. }) if !shared_used => {
                Err(Error::Config(
                    "this API has no OAuth2 client-credentials token endpoint: set one with \
                     `.token_url(..)` or pass a token with `.token(..)`"
                        .to_owned(),
                ))
            }
            Some(SchemeConfig { credentials: Configured::Token(_), .. }) if !shared_used => Err(Error::Config(
                "this API takes no access token: `.token(..)` has nothing to authenticate".to_owned(),
            )),
            _ => Ok(applied),
        }
    }

    /// `credentials` ready to apply for `scheme`.
    fn apply(&self, scheme: &SecurityScheme, credentials: &Configured) -> Result<Applied, Error> {
        let setter = scheme.setter;
        let invalid = |what: &str| {
            Error::Config(format!(
                "the {what} given for security scheme `{}` (`.{setter}(..)`) is not a valid header value",
                scheme.name
            ))
        };
        let format = |kind: &SchemeKind| {
            self.authorization_format
                .or(kind.token_format())
                .unwrap_or(AuthorizationFormat::Bearer)
        };
        Ok(match (&scheme.kind, credentials) {
            (SchemeKind::ApiKey { location, name }, Configured::ApiKey(key)) => {
                if key.expose().is_empty() {
                    return Err(Error::Config(format!(
                        "the API key given to `.{setter}(..)` is empty"
                    )));
                }
                match location {
                    ApiKeyLocation::Header => {
                        let header = HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
                            Error::Config(format!("`{name}` is not a valid header name"))
                        })?;
                        let mut value = HeaderValue::from_str(key.expose()).map_err(|_| invalid("API key"))?;
                        value.set_sensitive(true);
                        Applied::Header { name: header, value, secret: key.clone() }
                    }
                    ApiKeyLocation::Query => Applied::Query { name, key: key.clone() },
                    ApiKeyLocation::Cookie => {
                        // A cookie value must not hold separators (RFC 6265 §4.1.1).
                        if key.expose().contains([';', ',', ' ', '"', '\\']) {
                            return Err(invalid("API key"));
                        }
                        Applied::Cookie { name, key: key.clone() }
                    }
                }
            }
            (SchemeKind::Basic, Configured::Basic { user, password }) => {
                // RFC 7617 §2: the user id cannot contain a colon.
                if user.contains(':') {
                    return Err(Error::Config(format!(
                        "the user given to `.{setter}(..)` contains `:`, which HTTP Basic cannot carry"
                    )));
                }
                let value = basic_value(user, password.expose()).map_err(|_| invalid("user or password"))?;
                Applied::Header { name: AUTHORIZATION, value, secret: password.clone() }
            }
            (kind, Configured::Token(token)) if kind.token_format().is_some() => {
                let value = authorization_value(format(kind), token).map_err(|_| {
                    Error::Config("the token given to `.token(..)` is not a valid header value".to_owned())
                })?;
                Applied::Header { name: AUTHORIZATION, value, secret: token.clone() }
            }
            (kind, Configured::Source(source)) if kind.token_format().is_some() => Applied::Source {
                source: source.clone(),
                format: format(kind),
            },
            (kind, Configured::ClientCredentials { client_id, client_secret }) if kind.token_format().is_some() => {
                if client_id.is_empty() || client_secret.expose().is_empty() {
                    return Err(Error::Config(
                        "the client id and client secret given to `.credentials(..)` must not \
                         be empty"
                            .to_owned(),
                    ));
                }
                let (scopes, secret_in_basic) = match kind {
                    SchemeKind::ClientCredentials { scopes, secret_in_basic, .. } => (*scopes, *secret_in_basic),
                    _ => (&[][..], false),
                };
                Applied::ClientCredentials(Box::new(ClientCredentials {
                    token_url: self.token_endpoint(kind)?,
                    client_id: client_id.clone(),
                    client_secret: client_secret.clone(),
                    scopes,
                    secret_in_basic,
                    format: format(kind),
                    margin: self.refresh_margin,
                    cache: TokenCache::default(),
                }))
            }
            (SchemeKind::MutualTls, Configured::MutualTls) => Applied::MutualTls,
            (_, credentials) => {
                return Err(Error::Config(format!(
                    "security scheme `{}` does not take {credentials:?}; use `.{setter}(..)`",
                    scheme.name
                )))
            }
        })
    }

    /// The token endpoint: the override, or the flow's `tokenUrl` with placeholders filled,
    /// absolute or joined to the token base URL.
    fn token_endpoint(&self, kind: &SchemeKind) -> Result<Url, Error> {
        if let Some(url) = &self.token_url {
            return parse_base("token URL", &url.0);
        }
        let SchemeKind::ClientCredentials { token_url, .. } = kind else {
            return Err(Error::Config(
                "this API has no OAuth2 client-credentials token endpoint: set one with \
                 `.token_url(..)` or pass a token with `.token(..)`"
                    .to_owned(),
            ));
        };
        let path = fill_template(token_url, |name| {
            self.parameters
                .iter()
                .find(|(h, _)| h.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.as_str())
        })
        .map_err(Error::Config)?;
        if let Ok(absolute) = Url::parse(&path) {
            return parse_base("token URL", absolute.as_str());
        }
        let base = parse_base("token base URL", self.token_base())?;
        join(&base, &path, &[]).map_err(|e| Error::Config(format!("token URL: {e}")))
    }
}

/// Fills `{Name}` placeholders with percent-encoded values from `lookup`.
fn fill_template<'a>(
    template: &str,
    lookup: impl Fn(&str) -> Option<&'a str>,
) -> Result<String, String> {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after
            .find('}')
            .ok_or_else(|| format!("token path `{template}` has an unclosed `{{`"))?;
        let name = &after[..close];
        let value = lookup(name).ok_or_else(|| {
            format!("token path `{template}` needs `{name}`, which is not a client parameter")
        })?;
        out.push_str(&path_segment(value));
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// Parses a base URL: absolute http(s), no user name or password, no query or fragment.
fn parse_base(what: &str, raw: &str) -> Result<Url, Error> {
    let url = shown_url(raw);
    let parsed = Url::parse(raw.trim())
        .map_err(|e| Error::Config(format!("the {what} `{url}` is not a valid URL: {e}")))?;
    if !parsed.username().is_empty() || parsed.password().is_some() {
        // reqwest would send them to every server as Basic credentials and print them in
        // errors; credentials belong in `.credentials(..)` or `.token(..)`.
        return Err(Error::Config(format!(
            "the {what} `{url}` holds a user name or password, which would be sent with every \
             request and printed in errors: remove them and authenticate with \
             `.credentials(..)` or `.token(..)` (proxy credentials go in `.http_client(..)`)"
        )));
    }
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host().is_none() {
        return Err(Error::Config(format!(
            "the {what} `{url}` must be an absolute http:// or https:// URL"
        )));
    }
    if parsed.query().is_some() || parsed.fragment().is_some() {
        return Err(Error::Config(format!(
            "the {what} `{url}` must not have a query or fragment"
        )));
    }
    Ok(parsed)
}

/// Appends an encoded `path` (starting with `/`) and a query to a base URL, refusing paths
/// that a URL parser would rewrite (`.` and `..` segments, even percent-encoded).
fn join(base: &Url, path: &str, query: &[(&'static str, String)]) -> Result<Url, String> {
    if !path.starts_with('/') {
        return Err(format!("the path `{path}` does not start with `/`"));
    }
    if path.split('/').any(is_dot_segment) {
        return Err(format!(
            "the path `{path}` contains a `.` or `..` segment, which cannot be sent as a \
             path parameter"
        ));
    }
    // The base is already parsed and checked: only the path is parsed again (a URL parse
    // per call showed up in profiles).
    let mut url = base.clone();
    match base.path().trim_end_matches('/') {
        "" => url.set_path(path),
        prefix => url.set_path(&format!("{prefix}{path}")),
    }
    if let Some(((_, first), rest)) = query.split_first() {
        // Already percent-encoded by the parameter's style (see `params`).
        let mut text = first.clone();
        for (_, pairs) in rest {
            text.push('&');
            text.push_str(pairs);
        }
        url.set_query(Some(&text));
    }
    Ok(url)
}

fn authorization_value(format: AuthorizationFormat, token: &Secret) -> Result<HeaderValue, ()> {
    let mut value = HeaderValue::from_str(&format.header_value(token.expose())).map_err(|_| ())?;
    value.set_sensitive(true);
    Ok(value)
}


struct Inner {
    api_base: Url,
    /// Whether `api_base` is a `base_url` the caller gave, which also replaces the servers
    /// of single operations.
    base_url_given: bool,
    http: reqwest::Client,
    timeout: Duration,
    connect_timeout: Duration,
    retry: RetryPolicy,
    max_response_size: u64,
    user_agent: HeaderValue,
    parameters: HeaderMap,
    request_id_header: Option<HeaderName>,
    /// Parsed once: looking a header up by `&str` parses the name on every call.
    response_request_id_headers: Vec<HeaderName>,
    /// Per security scheme of the API (same order), what is applied; `None`: not configured.
    schemes: Vec<Option<Applied>>,
    security_schemes: &'static [SecurityScheme],
    /// Whether an API key travels in the query: transport errors then drop the URL.
    query_keys: bool,
}

/// A client of the API. Cheap to clone (clones share connections and the token cache).
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

impl fmt::Debug for Client {
    /// Never shows the client secret or a token.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &*self.inner;
        let auth: Vec<(&str, &Applied)> = inner
            .schemes
            .iter()
            .zip(inner.security_schemes)
            .filter_map(|(applied, scheme)| Some((scheme.name, applied.as_ref()?)))
            .collect();
        f.debug_struct("Client")
            .field("api_base", &inner.api_base.as_str())
            .field("auth", &auth)
            .field("parameters", &inner.parameters)
            .field("user_agent", &inner.user_agent)
            .field("connect_timeout", &inner.connect_timeout)
            .field("timeout", &inner.timeout)
            .field("retry", &inner.retry)
            .field("max_response_size", &inner.max_response_size)
            .finish()
    }
}

/// When a call started and when its total budget runs out.
#[derive(Clone, Copy)]
struct Clock {
    started: Instant,
    /// `None` when the budget is too large to represent (no limit in practice).
    deadline: Option<Instant>,
    budget: Duration,
}

impl Clock {
    fn start(budget: Duration) -> Self {
        let started = Instant::now();
        Clock {
            started,
            deadline: started.checked_add(budget),
            budget,
        }
    }

    /// Time left in the budget (`None`: unbounded).
    fn remaining(&self) -> Option<Duration> {
        self.deadline
            .map(|deadline| deadline.saturating_duration_since(Instant::now()))
    }

    fn exhausted(&self, operation: &'static str) -> Error {
        Error::BudgetExhausted {
            operation,
            budget: self.budget,
        }
    }
}

impl Client {
    /// Sends one logical call of `op` (retries and a token renewal included) and returns
    /// the answer if its status is 2xx; any other status becomes [`Error::Api`]. The whole
    /// call, token request included, ends with [`Error::BudgetExhausted`] when the retry
    /// policy's total budget runs out. Generated operation methods call this.
    #[doc(hidden)]
    pub async fn execute(
        &self,
        op: &'static Operation,
        req: RequestParts,
    ) -> Result<RawResponse, Error> {
        let span = tracing::info_span!(
            "api_call",
            operation = op.id,
            method = op.method.as_str(),
            path = op.path_template
        );
        let clock = Clock::start(self.inner.retry.budget());
        let call = self.execute_in_span(op, req, clock).instrument(span);
        match clock.deadline {
            // Also ends an attempt or a wait for a token in progress.
            Some(deadline) => tokio::time::timeout_at(deadline.into(), call)
                .await
                .unwrap_or_else(|_| Err(clock.exhausted(op.id))),
            None => call.await,
        }
    }

    async fn execute_in_span(
        &self,
        op: &'static Operation,
        mut req: RequestParts,
        clock: Clock,
    ) -> Result<RawResponse, Error> {
        let inner = &*self.inner;
        let encode_error = |message: String| Error::Encode {
            operation: Some(op.id),
            message,
        };
        if let Some(message) = req.take_error() {
            return Err(encode_error(message));
        }
        // The requirement met by the configured credentials, checked before anything is
        // sent (no requirement: anonymous).
        let chosen: &[usize] = if op.security.is_empty() {
            &[]
        } else {
            credentials::choose(op.security, &inner.schemes).map_err(|missing| {
                Error::MissingCredentials {
                    operation: op.id,
                    missing: credentials::describe_missing(inner.security_schemes, &missing),
                }
            })?
        };
        let applied = || chosen.iter().filter_map(|&i| inner.schemes.get(i)?.as_ref());
        let own_base;
        let base = match op.server {
            Some(server) if !inner.base_url_given => {
                // A path is on the host of the server the client uses (a `/` path replaces its path).
                let own = if server.starts_with('/') {
                    inner.api_base.join(server).map_err(|e| e.to_string()).and_then(|url| {
                        parse_base("operation's server", url.as_str()).map_err(|e| e.to_string())
                    })
                } else {
                    parse_base("operation's server", server).map_err(|e| e.to_string())
                };
                own_base = own.map_err(|message| Error::Encode { operation: Some(op.id), message })?;
                &own_base
            }
            _ => &inner.api_base,
        };
        let mut url = join(base, &req.path, &req.query).map_err(encode_error)?;
        for scheme in applied() {
            if let Applied::Query { name, key } = scheme {
                url.query_pairs_mut().append_pair(name, key.expose());
            }
        }

        let request_id = self.new_request_id();
        let mut headers = self.common_headers(request_id.as_ref());
        // Client parameters are the headers every authenticated operation declares.
        if op.authenticated() {
            for (name, value) in &inner.parameters {
                headers.insert(name.clone(), value.clone());
            }
        }
        for (name, _) in &req.headers {
            headers.remove(*name);
        }
        for (name, value) in &req.headers {
            let header = HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| encode_error(format!("`{name}` is not a valid header name")))?;
            let value = HeaderValue::from_str(value).map_err(|_| {
                encode_error(format!(
                    "the value of header `{name}` is not a valid header value"
                ))
            })?;
            headers.append(header, value);
        }
        // Headers set on this call replace the operation's of the same name.
        for (name, value) in &req.call.headers {
            headers.insert(name.clone(), value.clone());
        }
        if let Some(body) = &req.body {
            let value = HeaderValue::from_str(&body.content_type).map_err(|_| {
                encode_error(format!("content type `{}` is invalid", body.content_type))
            })?;
            headers.insert(CONTENT_TYPE, value);
        }
        let mut cookies: Vec<String> = Vec::new();
        for scheme in applied() {
            match scheme {
                Applied::Header { name, value, .. } => {
                    headers.insert(name.clone(), value.clone());
                }
                Applied::Cookie { name, key } => cookies.push(format!("{name}={}", key.expose())),
                _ => {}
            }
        }
        if !cookies.is_empty() {
            // After the operation's own cookie parameters, in the one `Cookie` header
            // (RFC 6265 §5.4).
            let mut all: Vec<String> = headers
                .get_all(COOKIE)
                .iter()
                .filter_map(|v| v.to_str().ok().map(str::to_owned))
                .collect();
            all.extend(cookies);
            let mut value = HeaderValue::from_str(&all.join("; "))
                .map_err(|_| encode_error("a cookie is not a valid header value".to_owned()))?;
            value.set_sensitive(true);
            headers.insert(COOKIE, value);
        }

        let mut renewed_after_401 = false;
        loop {
            let mut used_tokens: Vec<(&ClientCredentials, HeaderValue)> = Vec::new();
            for scheme in applied() {
                match scheme {
                    Applied::ClientCredentials(c) => {
                        let value = self.token(c, clock).await?;
                        used_tokens.push((c, value.clone()));
                        headers.insert(AUTHORIZATION, value);
                    }
                    Applied::Source { source, format } => {
                        let token = source.token().await.map_err(|source| Error::TokenSource {
                            operation: op.id,
                            source,
                        })?;
                        let value = authorization_value(*format, &token).map_err(|_| Error::TokenSource {
                            operation: op.id,
                            source: "the token source gave a token that is not a valid header value".into(),
                        })?;
                        headers.insert(AUTHORIZATION, value);
                    }
                    _ => {}
                }
            }
            let response = self
                .send(
                    op.id,
                    op.method,
                    req.retry_safe(op.method),
                    req.call.timeout,
                    &url,
                    &headers,
                    req.body.as_ref(),
                    request_id.as_ref().and_then(|id| id.to_str().ok()),
                    clock,
                )
                .await?;
            if (200..300).contains(&response.status()) {
                return Ok(response);
            }
            if response.status() == 401 && !renewed_after_401 && !used_tokens.is_empty() {
                tracing::info!("access token rejected with 401; renewing it and repeating once");
                for (c, token) in &used_tokens {
                    c.cache.invalidate(token);
                }
                renewed_after_401 = true;
                continue;
            }
            let redactor = self.redactor(op, chosen, &headers, req.body.as_ref());
            return Err(Error::Api(Box::new(ApiError::from_response(
                op.id, &response, &url, &redactor,
            ))));
        }
    }

    /// What to cut from an error answer to a request with these headers and body: the
    /// client secret, the token sent, and for an operation whose request holds secrets
    /// (a token request), the values of its form body.
    fn redactor(
        &self,
        op: &Operation,
        chosen: &[usize],
        headers: &HeaderMap,
        body: Option<&Body>,
    ) -> Redactor {
        let inner = &*self.inner;
        let mut secrets: Vec<String> = Vec::new();
        let sent_authorization = headers.get(AUTHORIZATION).and_then(|v| v.to_str().ok());
        // Every configured secret, not only those sent: an answer has no business
        // quoting any of them.
        for scheme in inner.schemes.iter().flatten() {
            match scheme {
                Applied::Header { value, secret, .. } => {
                    secrets.push(secret.expose().to_owned());
                    // Basic credentials also travel encoded.
                    let encoded = value.to_str().ok().and_then(|v| v.strip_prefix("Basic "));
                    secrets.extend(encoded.map(str::to_owned));
                }
                Applied::Query { key, .. } | Applied::Cookie { key, .. } => {
                    secrets.push(key.expose().to_owned());
                }
                Applied::ClientCredentials(c) => secrets.push(c.client_secret.expose().to_owned()),
                Applied::Source { .. } | Applied::MutualTls => {}
            }
        }
        for &i in chosen {
            let token = match inner.schemes.get(i).and_then(Option::as_ref) {
                Some(Applied::ClientCredentials(c)) => sent_authorization.and_then(|v| c.format.token_of(v)),
                Some(Applied::Source { format, .. }) => sent_authorization.and_then(|v| format.token_of(v)),
                _ => None,
            };
            secrets.extend(token.map(str::to_owned));
        }
        if op.sensitive {
            if let Some(body) = body.filter(|b| b.content_type == "application/x-www-form-urlencoded") {
                let form: Vec<(String, String)> =
                    serde_urlencoded::from_bytes(&body.bytes).unwrap_or_default();
                // Shorter values (`a`, `id`) would cut ordinary words from the text.
                secrets.extend(form.into_iter().map(|(_, v)| v).filter(|v| v.len() >= 4));
            }
        }
        Redactor::new(secrets.iter().map(String::as_str))
    }

    /// A new request id (a random UUID v4), if the API has a request id header.
    fn new_request_id(&self) -> Option<HeaderValue> {
        self.inner.request_id_header.as_ref()?;
        // Ids correlate logs; they need to be unique, not unpredictable, so the thread-local
        // generator does instead of a system call per request.
        let id = uuid::Builder::from_random_bytes(fastrand::u128(..).to_le_bytes()).into_uuid();
        let mut buffer = uuid::Uuid::encode_buffer();
        HeaderValue::from_str(id.hyphenated().encode_lower(&mut buffer)).ok()
    }

    /// `Accept`, `User-Agent` and the request id header.
    fn common_headers(&self, request_id: Option<&HeaderValue>) -> HeaderMap {
        // Room for these, the client parameters and `Authorization` without growing.
        let mut headers = HeaderMap::with_capacity(8 + self.inner.parameters.len());
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        headers.insert(USER_AGENT, self.inner.user_agent.clone());
        if let (Some(name), Some(id)) = (&self.inner.request_id_header, request_id) {
            headers.insert(name.clone(), id.clone());
        }
        headers
    }

    /// The `Authorization` value of a fresh token from the cache, or from the token endpoint
    /// (one request at a time, its result shared by every caller that waited for it).
    async fn token(&self, c: &ClientCredentials, clock: Clock) -> Result<HeaderValue, Error> {
        c.cache.get(c.margin, || self.fetch_token(c, clock)).await
    }

    async fn fetch_token(
        &self,
        c: &ClientCredentials,
        clock: Clock,
    ) -> Result<IssuedAuthorization, Error> {
        let span = tracing::info_span!("token_request", operation = TOKEN_OPERATION);
        async {
            let scope = c.scopes.join(" ");
            let mut form = vec![("grant_type", "client_credentials")];
            // RFC 6749 §2.3.1: in HTTP Basic (`client_secret_basic`) or in the form
            // (`client_secret_post`).
            let basic = if c.secret_in_basic {
                let encode = |s: &str| serde_urlencoded::to_string([("", s)]).map(|p| p[1..].to_owned());
                let (Ok(id), Ok(secret)) = (encode(&c.client_id), encode(c.client_secret.expose())) else {
                    return Err(Error::Encode {
                        operation: Some(TOKEN_OPERATION),
                        message: "the client id or secret cannot be form-encoded".to_owned(),
                    });
                };
                Some(basic_value(&id, &secret).map_err(|_| {
                    Error::Config("the client id is not a valid header value".to_owned())
                })?)
            } else {
                form.push(("client_id", c.client_id.as_str()));
                form.push(("client_secret", c.client_secret.expose()));
                None
            };
            if !scope.is_empty() {
                form.push(("scope", scope.as_str()));
            }
            let body = serde_urlencoded::to_string(form).map_err(|e| Error::Encode {
                operation: Some(TOKEN_OPERATION),
                message: e.to_string(),
            })?;
            let body = Body {
                bytes: body.into(),
                content_type: "application/x-www-form-urlencoded".into(),
            };
            let request_id = self.new_request_id();
            let mut headers = self.common_headers(request_id.as_ref());
            headers.insert(
                CONTENT_TYPE,
                HeaderValue::from_static("application/x-www-form-urlencoded"),
            );
            if let Some(basic) = basic {
                headers.insert(AUTHORIZATION, basic);
            }
            let url = redacted_url(&c.token_url);
            let response = match self
                .send(
                    TOKEN_OPERATION,
                    Method::Post,
                    // Asking for another token has no side effect worth avoiding.
                    true,
                    None,
                    &c.token_url,
                    &headers,
                    Some(&body),
                    request_id.as_ref().and_then(|id| id.to_str().ok()),
                    clock,
                )
                .await
            {
                Ok(response) => response,
                // A failed connection is the service's failure, reported as such (and in a
                // form every waiting caller can be given).
                Err(Error::Transport { source, .. }) => {
                    return Err(Error::Auth(Box::new(AuthError::unreachable(
                        url,
                        transport_summary(&source).to_owned(),
                    ))))
                }
                Err(e) => return Err(e),
            };
            if (300..400).contains(&response.status()) {
                let location = response
                    .headers()
                    .get(LOCATION)
                    .and_then(|v| v.to_str().ok())
                    .and_then(|l| c.token_url.join(l).ok())
                    .and_then(|l| origin_of(&l));
                return Err(Error::Auth(Box::new(AuthError::redirected(
                    url, &response, location,
                ))));
            }
            if !(200..300).contains(&response.status()) {
                let redactor = Redactor::new([c.client_secret.expose()]);
                return Err(Error::Auth(Box::new(AuthError::rejected(
                    url, &response, &redactor,
                ))));
            }
            let bad = |message: String| {
                Error::Auth(Box::new(AuthError::bad_response(
                    url.clone(),
                    response.status(),
                    response.request_id(),
                    message,
                )))
            };
            let issued = parse_token_response(response.body()).map_err(bad)?;
            let Ok(value) = authorization_value(c.format, &issued.access_token) else {
                return Err(bad(
                    "the access token is not a valid header value".to_owned()
                ));
            };
            tracing::debug!(
                lifetime_s = issued.lifetime.map(|l| l.as_secs()),
                "token issued"
            );
            Ok(IssuedAuthorization {
                value,
                lifetime: issued.lifetime,
            })
        }
        .instrument(span)
        .await
    }

    /// Sends a request, retrying as the policy allows within the call's budget, and returns
    /// the last answer whatever its status.
    #[allow(clippy::too_many_arguments)]
    async fn send(
        &self,
        operation: &'static str,
        method: Method,
        idempotent: bool,
        attempt_timeout: Option<Duration>,
        url: &Url,
        headers: &HeaderMap,
        body: Option<&Body>,
        sent_request_id: Option<&str>,
        clock: Clock,
    ) -> Result<RawResponse, Error> {
        let inner = &*self.inner;
        let token_request = operation == TOKEN_OPERATION;
        let mut attempt: u32 = 0;
        loop {
            attempt = attempt.saturating_add(1);
            // The attempt ends when the budget does, not only the call.
            let timeout = attempt_timeout.unwrap_or(inner.timeout);
            let timeout = match clock.remaining() {
                Some(left) if left.is_zero() => return Err(clock.exhausted(operation)),
                Some(left) => left.min(timeout),
                None => timeout,
            };
            // A request made directly, not through reqwest's builder, which would copy the
            // headers a second time.
            let mut request = reqwest::Request::new(method.to_reqwest(), url.clone());
            *request.headers_mut() = headers.clone();
            *request.timeout_mut() = Some(timeout);
            if let Some(body) = body {
                *request.body_mut() = Some(body.bytes.clone().into());
            }
            let attempt_started = Instant::now();
            let result = match inner.http.execute(request).await {
                Ok(mut response) => {
                    let status = response.status().as_u16();
                    if let Some(message) = followed_redirect(url, response.url(), token_request)
                    {
                        Err(Failure::Redirected(message))
                    } else {
                        // Taken, not cloned: reading the body does not need them.
                        let headers = std::mem::take(response.headers_mut());
                        let success = (200..300).contains(&status);
                        match body::read(response, success, inner.max_response_size).await {
                            Ok(body) => Ok((status, headers, body)),
                            Err(BodyError::Http(e)) if inner.query_keys => {
                                Err(Failure::Http(e.without_url()))
                            }
                            Err(BodyError::Http(e)) => Err(Failure::Http(e)),
                            Err(BodyError::TooLarge) => Err(Failure::TooLarge),
                        }
                    }
                }
                // The URL holds an API key: errors and traces go without it.
                Err(e) if inner.query_keys => Err(Failure::Http(e.without_url())),
                Err(e) => Err(Failure::Http(e)),
            };
            let latency_ms =
                u64::try_from(attempt_started.elapsed().as_millis()).unwrap_or(u64::MAX);
            let (outcome, retry_after) = match &result {
                Ok((status, headers, _)) => {
                    tracing::debug!(attempt, status, latency_ms, "attempt answered");
                    let retry_after = headers
                        .get(RETRY_AFTER)
                        .and_then(|v| v.to_str().ok())
                        .and_then(|v| retry::parse_retry_after(v, jiff::Timestamp::now()));
                    // A token request has no side effect, and a token service's 500 is as
                    // passing as its 503.
                    let status = if token_request && *status == 500 { 503 } else { *status };
                    (Outcome::Status(status), retry_after)
                }
                Err(Failure::Http(e)) => {
                    tracing::debug!(attempt, error = %e, latency_ms, "attempt failed");
                    (classify(e), None)
                }
                Err(Failure::TooLarge | Failure::Redirected(_)) => (Outcome::Refused, None),
            };
            let decision = retry::decide(
                &inner.retry,
                idempotent,
                attempt,
                clock.started.elapsed(),
                outcome,
                retry_after,
                fastrand::f64(),
            );
            match (decision, result) {
                (Decision::RetryAfter(wait), _) => {
                    tracing::info!(
                        attempt,
                        wait_ms = u64::try_from(wait.as_millis()).unwrap_or(u64::MAX),
                        "retrying"
                    );
                    tokio::time::sleep(wait).await;
                }
                (Decision::Stop, Ok((status, headers, body))) => {
                    let request_id = inner
                        .response_request_id_headers
                        .iter()
                        .find_map(|name| headers.get(name))
                        .and_then(|v| v.to_str().ok())
                        .filter(|v| !v.is_empty())
                        .or(sent_request_id)
                        .map(str::to_owned);
                    return Ok(RawResponse {
                        status,
                        headers,
                        body: body.bytes,
                        full_body_len: body.full_len,
                        request_id,
                    });
                }
                (Decision::Stop, Err(Failure::Http(e))) if e.is_timeout() => {
                    return Err(if clock.remaining().is_some_and(|left| left.is_zero()) {
                        clock.exhausted(operation)
                    } else {
                        Error::Timeout { operation }
                    })
                }
                (Decision::Stop, Err(Failure::Http(source))) => {
                    return Err(Error::Transport { operation, source })
                }
                (Decision::Stop, Err(Failure::TooLarge)) => {
                    return Err(Error::ResponseTooLarge {
                        operation,
                        limit: inner.max_response_size,
                    })
                }
                (Decision::Stop, Err(Failure::Redirected(message))) => {
                    return Err(Error::Config(message))
                }
            }
        }
    }
}

/// Why an attempt brought no answer to return.
enum Failure {
    /// The request or the answer's body failed in transit.
    Http(reqwest::Error),
    /// The body is longer than the size cap.
    TooLarge,
    /// A user-supplied HTTP client followed a redirect this client does not allow; the
    /// message says so.
    Redirected(String),
}

/// The redirect policy of the HTTP client this crate builds: never for a request to the
/// token endpoint (its form holds the client secret; the 3xx is returned and becomes an
/// auth error), otherwise at most [`MAX_REDIRECTS`] in a row, each to the origin of the URL
/// that redirected (RFC 6454 origin: scheme, host, port). A redirect that is not followed
/// is returned as the answer, so its 3xx status is reported and never retried.
fn redirect_policy(token_urls: Vec<Url>) -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(move |attempt| {
        // `previous` starts with the URL first requested.
        let previous = attempt.previous();
        let token_request = previous.first().is_some_and(|first| token_urls.contains(first));
        let same_origin = previous
            .last()
            .is_some_and(|from| same_origin(from, attempt.url()));
        if token_request || !same_origin || previous.len() > MAX_REDIRECTS {
            attempt.stop()
        } else {
            attempt.follow()
        }
    })
}

/// Whether two URLs have the same origin: scheme, host and port (RFC 6454).
fn same_origin(a: &Url, b: &Url) -> bool {
    a.scheme() == b.scheme()
        && a.host_str() == b.host_str()
        && a.port_or_known_default() == b.port_or_known_default()
}

/// Checks the URL an answer came from, against redirects followed by a user-supplied HTTP
/// client (this crate's own never follows these): any for a token request, or one to
/// another origin. `None` when the answer is acceptable.
fn followed_redirect(sent: &Url, answered: &Url, token_request: bool) -> Option<String> {
    if sent == answered || (!token_request && same_origin(sent, answered)) {
        return None;
    }
    let origin = |u: &Url| origin_of(u).unwrap_or_else(|| "an unknown origin".to_owned());
    Some(format!(
        "the HTTP client given to `.http_client(..)` followed a redirect {} from {} to {}; \
         the answer was discarded. Build that client with \
         `reqwest::redirect::Policy::none()`: redirects are followed only within one origin, \
         and never for token requests",
        if token_request { "of a token request" } else { "to another origin" },
        origin(sent),
        origin(answered),
    ))
}

/// What a transport error means for retrying: a failed connection never reached the server.
fn classify(e: &reqwest::Error) -> Outcome {
    if e.is_connect() {
        Outcome::ConnectFailed
    } else if e.is_timeout() {
        Outcome::TimedOut
    } else {
        Outcome::OtherTransport
    }
}

/// The URL without user name or password, for messages.
fn redacted_url(url: &Url) -> String {
    let mut url = url.clone();
    // Only fails for URLs that cannot have credentials, which then have none to hide.
    let _ = url.set_username("");
    let _ = url.set_password(None);
    url.to_string()
}

#[cfg(test)]
#[path = "client_tests.rs"]
mod tests;
