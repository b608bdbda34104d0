//! The generated crate's own `Client` and `ClientBuilder`.
//!
//! Rust allows inherent methods only on a crate's own types, so a generated crate cannot add
//! its operations to [`Client`](crate::Client) or its region and parameter setters to
//! [`ClientBuilder`](crate::ClientBuilder). [`client_types!`](crate::client_types) defines
//! thin wrappers in the generated crate instead; every setting they offer is forwarded here,
//! so the list of settings and their documentation live in one place.

/// Defines `Client` and `ClientBuilder` in the calling module, for the API described by the
/// `static` [`ApiDescription`](crate::ApiDescription) named `$api`. Generated operation code
/// calls the runtime through the `inner` field. The calling crate must re-export this
/// crate's `Error`, `RetryPolicy` and `AuthorizationFormat` at its root: the documentation
/// links to them there, where its users find them.
#[doc(hidden)]
#[macro_export]
macro_rules! client_types {
    ($api:path) => {
        /// A client of the API: one method per operation. Cheap to clone (clones share
        /// connections and the token cache).
        #[derive(Clone)]
        pub struct Client {
            pub(crate) inner: $crate::Client,
        }

        impl ::std::fmt::Debug for Client {
            /// Never shows the client secret or a token.
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Debug::fmt(&self.inner, f)
            }
        }

        impl Client {
            /// Starts configuring a client; see [`ClientBuilder`].
            pub fn builder() -> ClientBuilder {
                ClientBuilder {
                    inner: $crate::ClientBuilder::new(&$api),
                }
            }
        }

        /// Configures and builds a [`Client`].
        ///
        /// Defaults: the API's default server, connect timeout 10 s, timeout 60 s per
        /// attempt, [`RetryPolicy::default`](crate::RetryPolicy::default) (2 minutes in all
        /// per call, token request included), tokens refreshed when less than 60 s of their
        /// life remains, response bodies up to 32 MiB.
        ///
        /// Redirects: token requests never follow one (their form holds the client secret);
        /// API calls follow at most 5 in a row, each to the same origin (scheme, host and
        /// port, so never https to http). A redirect that is not followed is returned as
        /// [`Error::Api`](crate::Error::Api) with its 3xx status and is not retried.
        #[derive(Debug, Clone)]
        pub struct ClientBuilder {
            pub(crate) inner: $crate::ClientBuilder,
        }

        impl ClientBuilder {
            /// One base URL for both API and token calls (a proxy, a test server), e.g.
            /// `"http://127.0.0.1:8080"` or `"https://proxy.example/api"`. It takes
            /// precedence over any server or region, whatever the order of the calls.
            pub fn base_url(self, url: impl AsRef<str>) -> Self {
                Self { inner: self.inner.base_url(url) }
            }

            /// Limit for establishing a connection (ignored with
            /// [`http_client`](Self::http_client), which brings its own).
            pub fn connect_timeout(self, timeout: ::std::time::Duration) -> Self {
                Self { inner: self.inner.connect_timeout(timeout) }
            }

            /// Limit for one attempt, from sending the request to receiving the whole body.
            /// The whole call, retries and token request included, is bounded by
            /// [`RetryPolicy::total_budget`](crate::RetryPolicy::total_budget).
            pub fn timeout(self, timeout: ::std::time::Duration) -> Self {
                Self { inner: self.inner.timeout(timeout) }
            }

            /// Largest response body accepted, in bytes (default 32 MiB). A successful
            /// answer with a longer body fails with
            /// [`Error::ResponseTooLarge`](crate::Error::ResponseTooLarge) as soon as that is
            /// known, holding at most this much in memory. Of an error answer only the first
            /// 64 KiB are kept in any case.
            pub fn max_response_size(self, bytes: u64) -> Self {
                Self { inner: self.inner.max_response_size(bytes) }
            }

            /// How failed requests are retried.
            pub fn retry_policy(self, policy: $crate::RetryPolicy) -> Self {
                Self { inner: self.inner.retry_policy(policy) }
            }

            /// Text appended to the `User-Agent` after a space, e.g. `"my-tool/2.1"`.
            pub fn user_agent_suffix(self, suffix: impl Into<String>) -> Self {
                Self { inner: self.inner.user_agent_suffix(suffix) }
            }

            /// Use this HTTP client (proxies, TLS settings, connection pools): a client of
            /// `reqwest` 0.13, the version this crate is built with. Build it with
            /// `reqwest::redirect::Policy::none()`: an answer it got by following a redirect
            /// to another origin, or any redirect of a token request, is refused with
            /// [`Error::Config`](crate::Error::Config).
            pub fn http_client(self, client: $crate::reqwest::Client) -> Self {
                Self { inner: self.inner.http_client(client) }
            }

            /// Checks the configuration and builds the client.
            ///
            /// # Errors
            ///
            /// [`Error::Config`](crate::Error::Config) when a required client parameter is
            /// missing or blank, a URL is invalid or holds a user name or password, a header
            /// value is invalid, or the HTTP client cannot be made; the message says which
            /// setting to fix.
            pub fn build(self) -> ::std::result::Result<Client, $crate::Error> {
                self.inner.build().map(|inner| Client { inner })
            }
        }
    };
}

#[cfg(test)]
mod tests {
    //! The macro expanded as a generated crate expands it, with the re-exports it expects.
    use crate::{ApiDescription, Error, RetryPolicy, Server};

    static API: ApiDescription = ApiDescription {
        user_agent: "wrapped/1.0",
        default_server: Server {
            api: "https://api.invalid",
            token: "https://token.invalid",
        },
        security_schemes: &[],
        client_parameters: &[],
        request_id_header: None,
        response_request_id_headers: &[],
    };

    crate::client_types!(API);

    #[test]
    fn every_setting_reaches_the_runtime_builder() {
        let builder = Client::builder()
            .base_url("http://127.0.0.1:9")
            .connect_timeout(std::time::Duration::from_secs(3))
            .timeout(std::time::Duration::from_secs(7))
            .retry_policy(RetryPolicy::none())
            .user_agent_suffix("tool/2")
            .max_response_size(4321)
            .http_client(crate::reqwest::Client::new());
        let debug = format!("{builder:?}");
        for expected in [
            "http://127.0.0.1:9",
            "3s",
            "7s",
            "tool/2",
            "4321",
        ] {
            assert!(debug.contains(expected), "{expected} missing from {debug}");
        }
        let client = builder.build().expect("a valid configuration");
        let debug = format!("{client:?}");
        assert!(debug.contains("tool/2"), "{debug}");
    }

    #[test]
    fn build_errors_come_from_the_runtime() {
        let err = Client::builder().base_url("not a url").build().unwrap_err();
        assert!(matches!(err, Error::Config(_)), "{err:?}");
    }
}
