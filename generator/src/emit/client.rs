//! `src/client.rs`: what the runtime needs to know about this API (servers, auth, client
//! parameters, request ids), the crate's `Client` and `ClientBuilder` (defined by the
//! runtime's `client_types!`), the server enum, and the builder setters for them.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{code, doc_attrs};
use super::types::ident;
use crate::model::{Api, AuthHeader};
use crate::naming::snake;
use crate::Settings;

pub fn render(api: &Api, settings: &Settings) -> TokenStream {
    let user_agent_prefix = format!("{}/", settings.crate_name);
    let token_path = match &api.auth.token_path {
        Some(path) => quote!(Some(#path)),
        None => quote!(None),
    };
    let authorization_format = match &api.auth.header {
        AuthHeader::Bearer => quote!(AuthorizationFormat::Bearer),
        AuthHeader::Template(template) => quote!(AuthorizationFormat::Template(#template)),
    };
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
        use crate::runtime::{ApiDescription, AuthorizationFormat, ClientParameter, Server};

        /// What the runtime needs to know about this API.
        pub(crate) static API: ApiDescription = ApiDescription {
            user_agent: concat!(#user_agent_prefix, env!("CARGO_PKG_VERSION")),
            default_server: Server { api: #default_api, token: #default_token },
            token_path: #token_path,
            authorization_format: #authorization_format,
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
        }
    }
}

fn server_enum(api: &Api) -> TokenStream {
    let servers = &api.servers.servers;
    if servers.is_empty() {
        return TokenStream::new();
    }
    let name = ident(&api.servers.enum_name);
    let setter = ident(&snake(&api.servers.enum_name));
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
    let enum_doc = format!(" Where the API is served. The default is the first, {}.", servers[0].name);
    let setter_doc = format!(
        " Sends API and token requests to the hosts of the given [`{}`]. [`ClientBuilder::base_url`] overrides it.",
        api.servers.enum_name
    );
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
