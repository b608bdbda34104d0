//! Spec-independent HTTP runtime of a generated API client.
//!
//! Written by hand in the generator's `runtime/` folder and copied verbatim, as a crate of
//! its own, next to every generated crate (`runtime/`). Keeping it a separate crate means a
//! regenerated client recompiles only its own API-specific code. Nothing in here knows
//! about a particular API: everything spec-specific reaches it through an
//! [`ApiDescription`] that the generated code fills in. Users reach it only through the
//! generated crate, which re-exports what they need.
//!
//! * configuration, authentication and the call loop: base URLs, credentials, timeouts,
//!   retries ([`Client`], [`ClientBuilder`]);
//! * the generated crate's own `Client` and `ClientBuilder`, thin wrappers that it adds its
//!   operations and setters to ([`client_types!`]);
//! * OAuth2 client-credentials tokens, cached and refreshed in a single flight (`auth`);
//! * security schemes and requirements: which credentials a call sends, and where
//!   (`credentials`);
//! * errors that keep the raw response and say what to do next ([`Error`]);
//! * the retry decision as a pure function of the attempt's outcome ([`RetryPolicy`]);
//! * with the `cli` feature, what the generated command-line tool does for every API:
//!   options, bodies, output and exit codes (`cli`).

#![deny(missing_docs)]

mod auth;
#[doc(hidden)]
pub mod binary;
mod body;
mod builder;
mod call;
#[cfg(feature = "cli")]
pub mod cli;
mod client;
mod credentials;
mod description;
mod encode;
mod enums;
mod error;
#[cfg(feature = "mock")]
pub mod mock;
mod multipart;
mod pagination;
mod params;
mod redact;
mod request;
mod retry;
mod setters;
#[doc(hidden)]
pub mod nullable;
#[doc(hidden)]
pub mod timestamp;
mod wrapper;

pub use auth::{AuthorizationFormat, Secret};
pub use client::{Client, ClientBuilder};
pub use credentials::{
    ApiKeyLocation, SchemeKind, SecurityScheme, TokenFuture, TokenSource, TokenSourceError,
};
pub use description::{ApiDescription, ClientParameter, Server};
pub use error::{ApiError, AuthError, Error, Problem, ProblemParameter};
pub use request::Response;
pub use retry::RetryPolicy;

// What generated operation code calls; not part of the API users see.
#[doc(hidden)]
pub use call::CallOptions;
#[doc(hidden)]
pub use encode::path_segment;
#[doc(hidden)]
pub use multipart::Multipart;
#[doc(hidden)]
pub use pagination::paginate;
#[doc(hidden)]
pub use params::{required_path as path_param, Param, Style};
#[doc(hidden)]
pub use request::{Method, Operation, RawResponse, RequestParts};
// The generated crate names `reqwest::Client` (`ClientBuilder::http_client`) without
// depending on reqwest itself.
#[doc(hidden)]
pub use reqwest;
// `string_enum!` and `integer_enum!` implement serde's traits in the generated crate.
#[doc(hidden)]
pub use serde;
