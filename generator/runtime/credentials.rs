//! The credentials layer: what the user configured for each security scheme, and how a
//! call's security requirement is met with it (OpenAPI 3.0.3 §4.7.27 and §4.7.30).
//!
//! A requirement list is a choice: any one requirement will do, and a requirement needs all
//! of its schemes. The first requirement whose schemes are all configured is used; when
//! none is, the call fails before anything is sent, naming what is missing.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use base64::Engine as _;
use reqwest::header::{HeaderName, HeaderValue};

use super::auth::TokenCache;
use super::{AuthorizationFormat, Secret};

/// Where an API key is sent (OpenAPI 3.0.3 §4.7.27, `in`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApiKeyLocation {
    /// In a request header.
    Header,
    /// In a query parameter.
    Query,
    /// In a cookie (the `Cookie` header, RFC 6265 §4.2).
    Cookie,
}

/// One security scheme of the API, filled in by the generated code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SecurityScheme {
    /// The scheme's name in the document, e.g. `"keyHeader"`; used in errors.
    pub name: &'static str,
    /// Name of the generated builder setter that configures it, e.g. `"key_header"`.
    pub setter: &'static str,
    /// What is sent and where.
    pub kind: SchemeKind,
}

/// What a security scheme sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemeKind {
    /// An API key in a header, query parameter or cookie called `name`.
    ApiKey {
        /// Where the key goes.
        location: ApiKeyLocation,
        /// Header, query parameter or cookie name.
        name: &'static str,
    },
    /// `Authorization: Basic base64(user:password)` (RFC 7617).
    Basic,
    /// A token the user supplies, written into `Authorization` as `format` says.
    Bearer {
        /// How the token is written.
        format: AuthorizationFormat,
    },
    /// OAuth2 client credentials (RFC 6749 §4.4): tokens requested, cached and renewed.
    ClientCredentials {
        /// `tokenUrl`: absolute, or a path relative to the token base URL; `{Header-Name}`
        /// placeholders are filled from the client parameters.
        token_url: &'static str,
        /// Scopes asked for, space-separated in the `scope` field; none: no field.
        scopes: &'static [&'static str],
        /// `client_secret_basic` (HTTP Basic) instead of `client_secret_post` (form
        /// fields), RFC 6749 §2.3.1.
        secret_in_basic: bool,
        /// How the token is written.
        format: AuthorizationFormat,
    },
    /// Other OAuth2 flows and OpenID Connect: tokens from a [`TokenSource`] the user supplies
    /// (or a fixed token).
    TokenSource {
        /// How the token is written.
        format: AuthorizationFormat,
    },
    /// Mutual TLS (OpenAPI 3.1 §4.8.27): the client certificate is presented by the HTTP
    /// client the user supplies; nothing is added to requests.
    MutualTls,
}

impl SchemeKind {
    /// How a token is written, for the schemes that carry one.
    pub(super) fn token_format(&self) -> Option<AuthorizationFormat> {
        match self {
            SchemeKind::Bearer { format }
            | SchemeKind::ClientCredentials { format, .. }
            | SchemeKind::TokenSource { format } => Some(*format),
            SchemeKind::ApiKey { .. } | SchemeKind::Basic | SchemeKind::MutualTls => None,
        }
    }
}

/// The error a [`TokenSource`] reports.
pub type TokenSourceError = Box<dyn std::error::Error + Send + Sync>;

/// The future a [`TokenSource`] returns.
pub type TokenFuture<'a> =
    Pin<Box<dyn Future<Output = Result<Secret, TokenSourceError>> + Send + 'a>>;

/// Supplies access tokens for the OAuth2 flows the client does not run itself
/// (authorization code, implicit, password) and for OpenID Connect: e.g. a refresh from
/// your identity provider. Called before every call that uses the scheme; cache inside.
pub trait TokenSource: Send + Sync {
    /// A currently valid access token. An error fails the call with
    /// [`Error::TokenSource`](crate::Error::TokenSource).
    fn token(&self) -> TokenFuture<'_>;
}

/// What the user configured for one scheme.
#[derive(Clone)]
pub(super) enum Configured {
    ApiKey(Secret),
    Basic {
        user: String,
        password: Secret,
    },
    Token(Secret),
    ClientCredentials {
        client_id: String,
        client_secret: Secret,
    },
    Source(Arc<dyn TokenSource>),
    /// The HTTP client (with its client certificate) was given.
    MutualTls,
}

impl fmt::Debug for Configured {
    /// Names the kind only: never a secret.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Configured::ApiKey(_) => "api key [redacted]",
            Configured::Basic { .. } => "basic [redacted]",
            Configured::Token(_) => "token [redacted]",
            Configured::ClientCredentials { .. } => "client credentials [redacted]",
            Configured::Source(_) => "token source",
            Configured::MutualTls => "client certificate",
        })
    }
}

/// A scheme ready to be applied to requests.
pub(super) enum Applied {
    /// A header with a fixed, sensitive value (API key in a header, Basic, a fixed token).
    Header {
        name: HeaderName,
        value: HeaderValue,
        secret: Secret,
    },
    /// A query parameter holding an API key.
    Query { name: &'static str, key: Secret },
    /// A cookie holding an API key.
    Cookie { name: &'static str, key: Secret },
    /// Tokens from the token endpoint.
    ClientCredentials(Box<ClientCredentials>),
    /// Tokens from the user's source.
    Source {
        source: Arc<dyn TokenSource>,
        format: AuthorizationFormat,
    },
    /// The client certificate, presented by the HTTP client during the TLS handshake.
    MutualTls,
}

impl fmt::Debug for Applied {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Applied::Header { name, .. } => write!(f, "header {name} [redacted]"),
            Applied::Query { name, .. } => write!(f, "query parameter {name} [redacted]"),
            Applied::Cookie { name, .. } => write!(f, "cookie {name} [redacted]"),
            Applied::ClientCredentials(c) => write!(
                f,
                "client credentials (client id {}, secret [redacted], token endpoint {}, {:?})",
                c.client_id, c.token_url, c.cache
            ),
            Applied::Source { .. } => f.write_str("token source"),
            Applied::MutualTls => f.write_str("client certificate"),
        }
    }
}

/// An OAuth2 client-credentials flow with its token cache.
pub(super) struct ClientCredentials {
    pub(super) token_url: reqwest::Url,
    pub(super) client_id: String,
    pub(super) client_secret: Secret,
    pub(super) scopes: &'static [&'static str],
    pub(super) secret_in_basic: bool,
    pub(super) format: AuthorizationFormat,
    pub(super) margin: std::time::Duration,
    pub(super) cache: TokenCache,
}

/// `Authorization: Basic ..` for a user and password (RFC 7617 §2), marked sensitive.
pub(super) fn basic_value(user: &str, password: &str) -> Result<HeaderValue, ()> {
    let encoded = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
    let mut value = HeaderValue::from_str(&format!("Basic {encoded}")).map_err(|_| ())?;
    value.set_sensitive(true);
    Ok(value)
}

/// The requirement of `security` that the configured schemes meet: the first non-empty one
/// whose schemes are all configured (`applied[i]` is `Some`), else an empty one (anonymous
/// access allowed: credentials are sent when they can be, OpenAPI 3.0.3 §4.7.30). `Err`
/// holds each requirement's missing schemes, to name them.
pub(super) fn choose<'r, T>(
    security: &'r [&'static [usize]],
    applied: &[Option<T>],
) -> Result<&'r [usize], Vec<Vec<usize>>> {
    let mut missing = Vec::with_capacity(security.len());
    let mut anonymous = None;
    for requirement in security {
        if requirement.is_empty() {
            anonymous = Some(*requirement);
            continue;
        }
        let lacking: Vec<usize> = requirement
            .iter()
            .copied()
            .filter(|&i| applied.get(i).is_none_or(Option::is_none))
            .collect();
        if lacking.is_empty() {
            return Ok(requirement);
        }
        missing.push(lacking);
    }
    anonymous.ok_or(missing)
}

/// "`a` (`.a(..)`) and `b` (`.b(..)`), or `c` (`.c(..)`)": what to configure.
pub(super) fn describe_missing(schemes: &[SecurityScheme], missing: &[Vec<usize>]) -> String {
    missing
        .iter()
        .map(|requirement| {
            requirement
                .iter()
                .filter_map(|&i| schemes.get(i))
                .map(|s| format!("`{}` (`.{}(..)`)", s.name, s.setter))
                .collect::<Vec<_>>()
                .join(" and ")
        })
        .collect::<Vec<_>>()
        .join(", or ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCHEMES: &[SecurityScheme] = &[
        SecurityScheme {
            name: "a",
            setter: "a",
            kind: SchemeKind::Basic,
        },
        SecurityScheme {
            name: "b",
            setter: "b_key",
            kind: SchemeKind::ApiKey {
                location: ApiKeyLocation::Header,
                name: "X-B",
            },
        },
        SecurityScheme {
            name: "c",
            setter: "c",
            kind: SchemeKind::Basic,
        },
    ];

    #[test]
    fn the_first_requirement_met_is_chosen() {
        let applied = [Some(()), None, Some(())];
        // Any one of several: the first met.
        assert_eq!(choose(&[&[1], &[2], &[0]], &applied), Ok(&[2][..]));
        // All of several.
        assert_eq!(choose(&[&[0, 2]], &applied), Ok(&[0, 2][..]));
        // An empty requirement is anonymous access, used only when no other is met.
        assert_eq!(choose(&[&[1], &[]], &applied), Ok(&[][..]));
        assert_eq!(choose(&[&[], &[0]], &applied), Ok(&[0][..]));
        let missing = choose(&[&[0, 1], &[1, 2]], &applied).unwrap_err();
        assert_eq!(missing, vec![vec![1], vec![1]]);
        assert_eq!(
            describe_missing(SCHEMES, &[vec![0, 1], vec![2]]),
            "`a` (`.a(..)`) and `b` (`.b_key(..)`), or `c` (`.c(..)`)"
        );
    }

    #[test]
    fn basic_credentials_follow_rfc_7617() {
        // RFC 7617 §2's example.
        let value = basic_value("Aladdin", "open sesame").unwrap();
        assert_eq!(value, "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
        assert!(value.is_sensitive());
    }

    #[test]
    fn configured_credentials_never_print() {
        let all = [
            Configured::ApiKey(Secret::new("zzk")),
            Configured::Basic {
                user: "zzu".into(),
                password: Secret::new("zzp"),
            },
            Configured::Token(Secret::new("zzt")),
            Configured::ClientCredentials {
                client_id: "zzi".into(),
                client_secret: Secret::new("zzs"),
            },
        ];
        let text = format!("{all:?}");
        assert!(!text.contains("zz"), "{text}");
    }
}
