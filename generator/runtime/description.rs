//! The spec-specific facts the generated code hands to the runtime.

use super::SecurityScheme;

/// Everything the runtime needs to know about one API, filled in by the generated code as a
/// `static`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApiDescription {
    /// `User-Agent` sent on every request, e.g. `"citrix-cloud/0.1.0"`.
    pub user_agent: &'static str,
    /// Server used when the builder is given neither `base_url` nor `server`.
    pub default_server: Server,
    /// The security schemes operations name (OpenAPI 3.0.3 §4.7.27); an operation's
    /// [`security`](crate::Operation::security) refers to them by index.
    pub security_schemes: &'static [SecurityScheme],
    /// Headers sent on every API call (not on the token request), each set once on the builder.
    pub client_parameters: &'static [ClientParameter],
    /// Header carrying a fresh UUID v4 per logical call, e.g. `"Citrix-TransactionId"`.
    pub request_id_header: Option<&'static str>,
    /// Response headers holding the server's request id; the first one present wins.
    pub response_request_id_headers: &'static [&'static str],
}

/// A pair of base URLs: one for API calls, one for the token endpoint (often the same).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Server {
    /// Base URL of API calls, e.g. `"https://api.cloud.com"`.
    pub api: &'static str,
    /// Base URL that the token path is appended to, e.g. `"https://api-us.cloud.com"`.
    pub token: &'static str,
}

/// A header sent on every API call, set once on the client builder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientParameter {
    /// Header name on the wire, e.g. `"Citrix-CustomerId"`.
    pub header: &'static str,
    /// Name of the builder method that sets it, e.g. `"customer_id"` (used in error messages).
    pub setter: &'static str,
}
