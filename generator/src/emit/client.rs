//! `src/client.rs`: what the runtime needs to know about this API (servers, auth, client
//! parameters, request ids), the crate's `Client` and `ClientBuilder` (defined by the
//! runtime's `client_types!`), the server enum, and the builder setters for them.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{code, doc_attrs, doc_literal};
use super::types::ident;
use crate::model::{Api, ApiKeyLocation, SchemeKind, SecurityScheme};
use crate::Settings;

pub fn render(api: &Api, settings: &Settings) -> TokenStream {
    let user_agent_prefix = format!("{}/", settings.crate_name);
    let security_schemes = api.security_schemes.iter().map(scheme_description);
    let scheme_setters = api.security_schemes.iter().map(scheme_setter);
    let token_setters = token_setters(api);
    let client_parameters = api.client_parameters.iter().map(|p| {
        let header = &p.wire_name;
        let setter = &p.rust_name;
        quote!(ClientParameter { header: #header, setter: #setter })
    });
    let request_id_header = match &api.request_id.request_header {
        Some(header) => quote!(Some(#header)),
        None => quote!(None),
    };
    let response_ids = &api.request_id.response_headers;
    let (default_api, default_token) = api
        .servers
        .servers
        .first()
        .map(|s| (s.url.clone(), s.token_url.clone().unwrap_or_else(|| s.url.clone())))
        .unwrap_or_default();

    let setters = api.client_parameters.iter().map(|p| {
        let name = ident(&p.rust_name);
        let header = &p.wire_name;
        let sets = format!("Sets the {} header, sent on every authenticated call.", code(header));
        let doc = doc_attrs([
            Some(sets.as_str()),
            p.description.as_deref(),
            Some("Required: [`ClientBuilder::build`] fails without it."),
        ]);
        quote! {
            #doc
            pub fn #name(self, value: impl Into<String>) -> Self {
                Self { inner: self.inner.client_parameter(#header, value.into()) }
            }
        }
    });

    let server_enum = server_enum(api);
    quote! {
        //! How this API is reached: its servers, authentication and client-wide parameters.
        #[allow(unused_imports)]
        use crate::runtime::{
            ApiDescription, ApiKeyLocation, AuthorizationFormat, ClientParameter, SchemeKind,
            SecurityScheme, Server,
        };

        /// What the runtime needs to know about this API.
        pub(crate) static API: ApiDescription = ApiDescription {
            user_agent: concat!(#user_agent_prefix, env!("CARGO_PKG_VERSION")),
            default_server: Server { api: #default_api, token: #default_token },
            security_schemes: &[#(#security_schemes),*],
            client_parameters: &[#(#client_parameters),*],
            request_id_header: #request_id_header,
            response_request_id_headers: &[#(#response_ids),*],
        };

        // `Client` and `ClientBuilder`: wrappers of the runtime's, so that this crate can give
        // them its operations and setters.
        crate::runtime::client_types!(API);

        #server_enum

        impl ClientBuilder {
            #(#setters)*
            #(#scheme_setters)*
            #token_setters
        }
    }
}

fn format_tokens(template: Option<&String>) -> TokenStream {
    match template {
        None => quote!(AuthorizationFormat::Bearer),
        Some(template) => quote!(AuthorizationFormat::Template(#template)),
    }
}

/// The runtime's `SecurityScheme` for a scheme of the model.
fn scheme_description(scheme: &SecurityScheme) -> TokenStream {
    let name = &scheme.name;
    let setter = &scheme.setter;
    let kind = match &scheme.kind {
        SchemeKind::ApiKey { location, name } => {
            let location = match location {
                ApiKeyLocation::Header => quote!(Header),
                ApiKeyLocation::Query => quote!(Query),
                ApiKeyLocation::Cookie => quote!(Cookie),
            };
            quote!(SchemeKind::ApiKey { location: ApiKeyLocation::#location, name: #name })
        }
        SchemeKind::Basic => quote!(SchemeKind::Basic),
        SchemeKind::Bearer { template, .. } => {
            let format = format_tokens(template.as_ref());
            quote!(SchemeKind::Bearer { format: #format })
        }
        SchemeKind::ClientCredentials { token_url, scopes, secret_in_basic, template } => {
            let format = format_tokens(template.as_ref());
            quote!(SchemeKind::ClientCredentials {
                token_url: #token_url,
                scopes: &[#(#scopes),*],
                secret_in_basic: #secret_in_basic,
                format: #format,
            })
        }
        SchemeKind::TokenSource { template } => {
            let format = format_tokens(template.as_ref());
            quote!(SchemeKind::TokenSource { format: #format })
        }
        SchemeKind::MutualTls => quote!(SchemeKind::MutualTls),
    };
    quote!(SecurityScheme { name: #name, setter: #setter, kind: #kind })
}

/// The builder setter of one scheme: what it takes follows what the scheme sends.
fn scheme_setter(scheme: &SecurityScheme) -> TokenStream {
    let name = &scheme.name;
    let setter = ident(&scheme.setter);
    let what = match &scheme.kind {
        SchemeKind::ApiKey { location, name } => {
            let place = match location {
                ApiKeyLocation::Header => "header",
                ApiKeyLocation::Query => "query parameter",
                ApiKeyLocation::Cookie => "cookie",
            };
            format!("The API key of security scheme {}, sent in {place} {}.", code(&scheme.name), code(name))
        }
        SchemeKind::Basic => format!(
            "The user and password of security scheme {}, sent as `Authorization: Basic …` (RFC 7617).",
            code(&scheme.name)
        ),
        SchemeKind::Bearer { format, template } => {
            let sent = template.as_deref().unwrap_or("Bearer {token}").replace("{token}", "<token>");
            let format = format.as_ref().map(|f| format!(" Format: {f}.")).unwrap_or_default();
            format!("The token of security scheme {}, sent as {}.{format}", code(&scheme.name), code(&format!("Authorization: {sent}")))
        }
        SchemeKind::ClientCredentials { .. } => format!(
            "The OAuth2 client credentials of security scheme {}: tokens are requested, cached and renewed automatically (RFC 6749 §4.4).",
            code(&scheme.name)
        ),
        SchemeKind::TokenSource { .. } => format!(
            "Where security scheme {} gets its tokens (an OAuth2 flow or OpenID Connect the client does not run itself): called before each call that uses it.",
            code(&scheme.name)
        ),
        SchemeKind::MutualTls => format!(
            "The HTTP client that presents the client certificate of security scheme {} \
             (mutual TLS, OpenAPI 3.1 §4.8.27): build it with `reqwest::ClientBuilder::identity`. \
             It also becomes the client's HTTP client, as with `http_client`.",
            code(&scheme.name)
        ),
    };
    let doc = doc_attrs([
        Some(what.as_str()),
        scheme.description.as_deref(),
        Some("Operations whose requirement it cannot meet fail with `Error::MissingCredentials` before anything is sent."),
    ]);
    match &scheme.kind {
        SchemeKind::ApiKey { .. } => quote! {
            #doc
            pub fn #setter(self, key: impl Into<String>) -> Self {
                Self { inner: self.inner.api_key(#name, key) }
            }
        },
        SchemeKind::Basic => quote! {
            #doc
            pub fn #setter(self, user: impl Into<String>, password: impl Into<String>) -> Self {
                Self { inner: self.inner.basic_auth(#name, user, password) }
            }
        },
        SchemeKind::Bearer { .. } => quote! {
            #doc
            pub fn #setter(self, token: impl Into<String>) -> Self {
                Self { inner: self.inner.scheme_token(#name, token) }
            }
        },
        SchemeKind::ClientCredentials { .. } => quote! {
            #doc
            pub fn #setter(self, client_id: impl Into<String>, client_secret: impl Into<String>) -> Self {
                Self { inner: self.inner.scheme_credentials(#name, client_id, client_secret) }
            }
        },
        SchemeKind::TokenSource { .. } => quote! {
            #doc
            pub fn #setter(self, source: impl crate::runtime::TokenSource + 'static) -> Self {
                Self { inner: self.inner.token_source(#name, ::std::sync::Arc::new(source)) }
            }
        },
        SchemeKind::MutualTls => quote! {
            #doc
            pub fn #setter(self, http_client: crate::runtime::reqwest::Client) -> Self {
                Self { inner: self.inner.mutual_tls(#name, http_client) }
            }
        },
    }
}

/// Whether the builder has `token()` (some scheme takes a token) and `credentials()` (some
/// scheme is OAuth2 client credentials).
pub(crate) fn token_kinds(api: &Api) -> (bool, bool) {
    let kinds = || api.security_schemes.iter().map(|s| &s.kind);
    let tokens = kinds().any(|k| !matches!(k, SchemeKind::ApiKey { .. } | SchemeKind::Basic));
    let client_credentials = kinds().any(|k| matches!(k, SchemeKind::ClientCredentials { .. }));
    (tokens, client_credentials)
}

/// Setters for every scheme that takes a token at once, when the API has such schemes.
fn token_setters(api: &Api) -> TokenStream {
    let (tokens, client_credentials) = token_kinds(api);
    if !tokens {
        return TokenStream::new();
    }
    let credentials = client_credentials.then(|| {
        quote! {
            /// Authenticate with OAuth2 client credentials (a service principal), for every
            /// client-credentials scheme: tokens are requested, cached and renewed
            /// automatically.
            pub fn credentials(self, client_id: impl Into<String>, client_secret: impl Into<String>) -> Self {
                Self { inner: self.inner.credentials(client_id, client_secret) }
            }
        }
    });
    quote! {
        #credentials

        /// Authenticate with a token obtained elsewhere, for every scheme that takes a token;
        /// no token requests are made and a rejected token is an error.
        pub fn token(self, token: impl Into<String>) -> Self {
            Self { inner: self.inner.token(token) }
        }

        /// The full URL of the token endpoint, instead of the one the document names.
        pub fn token_url(self, url: impl AsRef<str>) -> Self {
            Self { inner: self.inner.token_url(url) }
        }

        /// How tokens are written into the `Authorization` header, instead of each scheme's
        /// own way.
        pub fn authorization_format(self, format: crate::runtime::AuthorizationFormat) -> Self {
            Self { inner: self.inner.authorization_format(format) }
        }

        /// Renew a cached token when less than this much of its life remains (at most half
        /// of its lifetime is given up).
        pub fn token_refresh_margin(self, margin: ::std::time::Duration) -> Self {
            Self { inner: self.inner.token_refresh_margin(margin) }
        }
    }
}

/// Builder calls that configure credentials, for quick starts: `.credentials(..)` when the
/// API has a client-credentials flow, otherwise the schemes of the first authenticated
/// operation's first requirement.
pub(crate) fn credential_examples(api: &Api) -> Vec<String> {
    if api.security_schemes.iter().any(|s| matches!(s.kind, SchemeKind::ClientCredentials { .. })) {
        return vec![".credentials(\"client-id\", \"client-secret\")".to_owned()];
    }
    let Some(requirement) = api.operations.iter().find_map(|op| op.security.iter().find(|r| !r.schemes.is_empty())) else {
        return Vec::new();
    };
    requirement
        .schemes
        .iter()
        .filter_map(|&i| api.security_schemes.get(i))
        .map(|s| match s.kind {
            SchemeKind::ApiKey { .. } => format!(".{}(\"my-api-key\")", s.setter),
            SchemeKind::Basic => format!(".{}(\"user\", \"password\")", s.setter),
            SchemeKind::Bearer { .. } => format!(".{}(\"a-token\")", s.setter),
            _ => ".token(\"a-token\")".to_owned(),
        })
        .collect()
}

fn server_enum(api: &Api) -> TokenStream {
    let servers = &api.servers.servers;
    if servers.is_empty() {
        return TokenStream::new();
    }
    let name = ident(&api.servers.enum_name);
    let setter = ident(&api.servers.setter);
    let variants = servers.iter().enumerate().map(|(index, s)| {
        let variant = ident(&s.name);
        let default = (index == 0).then(|| quote!(#[default]));
        let description = s.description.clone().unwrap_or_else(|| s.name.clone());
        let doc = doc_attrs([Some(format!("{description}: {}", code(&s.url)).as_str())]);
        quote! {
            #doc
            #default
            #variant,
        }
    });
    let api_urls = servers.iter().map(|s| {
        let variant = ident(&s.name);
        let url = &s.url;
        quote!(Self::#variant => #url,)
    });
    let token_urls = servers.iter().map(|s| {
        let variant = ident(&s.name);
        let url = s.token_url.as_ref().unwrap_or(&s.url);
        quote!(Self::#variant => #url,)
    });
    let enum_doc = doc_literal(&format!(" Where the API is served. The default is the first, {}.", servers[0].name));
    let setter_doc = doc_literal(&format!(
        " Sends API and token requests to the hosts of the given [`{}`]. [`ClientBuilder::base_url`] overrides it.",
        api.servers.enum_name
    ));
    quote! {
        #[doc = #enum_doc]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
        }

        impl #name {
            /// Base URL of the API.
            pub fn api_url(self) -> &'static str {
                match self {
                    #(#api_urls)*
                }
            }

            /// Base URL of the token endpoint.
            pub fn token_url(self) -> &'static str {
                match self {
                    #(#token_urls)*
                }
            }
        }

        impl ClientBuilder {
            #[doc = #setter_doc]
            pub fn #setter(self, value: #name) -> Self {
                Self { inner: self.inner.server(Server { api: value.api_url(), token: value.token_url() }) }
            }
        }
    }
}
