//! Security schemes and requirements (OpenAPI 3.0.3 §4.7.27 Security Scheme Object, §4.7.30
//! Security Requirement Object), as the runtime applies them.

use openapiv3::{OpenAPI, SecurityRequirement, SecurityScheme as DocScheme};
use serde_json::Value;

use super::refs::resolve;
use super::{Requirement, SchemeKind, SecurityScheme, ApiKeyLocation};
use crate::error::{pointer_push, Error, Result};
use crate::naming::{snake, Scope};

/// Extensions of ours on a security scheme (documented in the generator's README).
mod ext {
    /// `Authorization` value with a `{token}` placeholder (a vendor's token scheme).
    pub const AUTHORIZATION: &str = "x-authorization-template";
    /// On an OAuth2 scheme: `client_secret_post` (default) or `client_secret_basic`
    /// (RFC 6749 §2.3.1), how the token request presents the client secret.
    pub const TOKEN_AUTH_METHOD: &str = "x-token-endpoint-auth-method";
}

/// The schemes some requirement of the document names, sorted by name, and a resolver from
/// a requirement list to indices into them.
pub(super) struct Schemes {
    pub schemes: Vec<SecurityScheme>,
}

impl Schemes {
    /// Reads every scheme a requirement (top-level or per operation) names.
    /// `setters`: the client builder's method names, the runtime's and those claimed before
    /// (client parameters, the server enum's); each scheme's setter is claimed there.
    pub fn new(spec: &OpenAPI, requirements: &[&Vec<SecurityRequirement>], setters: &mut Scope) -> Result<Self> {
        let components = spec.components.as_ref().map(|c| &c.security_schemes);
        let mut used: Vec<&String> =
            requirements.iter().flat_map(|list| list.iter()).flat_map(|r| r.keys()).collect();
        used.sort();
        used.dedup();
        let mut schemes = Vec::with_capacity(used.len());
        for name in used {
            let pointer = pointer_push("#/components/securitySchemes", name);
            let scheme = components.and_then(|s| s.get(name)).ok_or_else(|| Error::DanglingRef {
                pointer: "#/security".into(),
                target: pointer.clone(),
            })?;
            let (scheme, _) = resolve(scheme, components, "#/components/securitySchemes/", &pointer)?;
            let scopes = scopes_asked(name, requirements);
            schemes.push(SecurityScheme {
                name: name.clone(),
                setter: setters.claim(snake(name)),
                description: description(scheme),
                kind: kind(scheme, scopes),
            });
        }
        Ok(Schemes { schemes })
    }

    /// An operation's requirement list as indices into the schemes; `None` (no `security`
    /// anywhere) and `[]` both mean anonymous.
    pub fn requirements(&self, list: Option<&Vec<SecurityRequirement>>) -> Vec<Requirement> {
        list.into_iter()
            .flatten()
            .map(|requirement| Requirement {
                schemes: requirement
                    .keys()
                    .filter_map(|name| self.schemes.iter().position(|s| &s.name == name))
                    .collect(),
            })
            .collect()
    }
}

/// Every scope any requirement asks of scheme `name`, sorted, without repeats.
fn scopes_asked(name: &str, requirements: &[&Vec<SecurityRequirement>]) -> Vec<String> {
    let mut scopes: Vec<String> = requirements
        .iter()
        .flat_map(|list| list.iter())
        .filter_map(|r| r.get(name))
        .flatten()
        .cloned()
        .collect();
    scopes.sort();
    scopes.dedup();
    scopes
}

fn description(scheme: &DocScheme) -> Option<String> {
    let text = match scheme {
        DocScheme::APIKey { description, .. }
        | DocScheme::HTTP { description, .. }
        | DocScheme::OAuth2 { description, .. }
        | DocScheme::OpenIDConnect { description, .. } => description,
    };
    super::schema::text(text)
}

fn kind(scheme: &DocScheme, scopes: Vec<String>) -> SchemeKind {
    let template = |extensions: &indexmap::IndexMap<String, Value>| {
        extensions.get(ext::AUTHORIZATION).and_then(Value::as_str).map(str::to_owned)
    };
    match scheme {
        DocScheme::APIKey { location, name, .. } => SchemeKind::ApiKey {
            location: match location {
                openapiv3::APIKeyLocation::Query => ApiKeyLocation::Query,
                openapiv3::APIKeyLocation::Header => ApiKeyLocation::Header,
                openapiv3::APIKeyLocation::Cookie => ApiKeyLocation::Cookie,
            },
            name: name.clone(),
        },
        DocScheme::HTTP { extensions, .. } if extensions.contains_key(crate::load::MUTUAL_TLS_MARK) => {
            SchemeKind::MutualTls
        }
        // Scheme names are case-insensitive (RFC 7235 §2.1).
        DocScheme::HTTP { scheme, .. } if scheme.eq_ignore_ascii_case("basic") => SchemeKind::Basic,
        DocScheme::HTTP { scheme, bearer_format, extensions, .. } => SchemeKind::Bearer {
            format: bearer_format.clone(),
            template: template(extensions).or_else(|| {
                // Another registered scheme (e.g. `Token`): its name, then the credentials.
                (!scheme.eq_ignore_ascii_case("bearer")).then(|| format!("{scheme} {{token}}"))
            }),
        },
        DocScheme::OAuth2 { flows, extensions, .. } => match &flows.client_credentials {
            Some(flow) => SchemeKind::ClientCredentials {
                token_url: flow.token_url.clone(),
                scopes,
                secret_in_basic: extensions
                    .get(ext::TOKEN_AUTH_METHOD)
                    .and_then(Value::as_str)
                    .is_some_and(|m| m == "client_secret_basic"),
                template: template(extensions),
            },
            None => SchemeKind::TokenSource { template: template(extensions) },
        },
        DocScheme::OpenIDConnect { extensions, .. } => SchemeKind::TokenSource { template: template(extensions) },
    }
}
