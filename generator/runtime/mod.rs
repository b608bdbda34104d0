//! Spec-independent HTTP runtime of the generated client.
//!
//! This module tree is written by hand, lives in the generator's `runtime/` folder and is
//! copied verbatim into every generated crate as `src/runtime/`. Nothing in it knows about a
//! particular API: everything spec-specific reaches it through an [`ApiDescription`] that the
//! generated code fills in.
//!
//! * configuration, authentication and the call loop: base URLs, credentials, timeouts,
//!   retries ([`Client`], [`ClientBuilder`]);
//! * OAuth2 client-credentials tokens, cached and refreshed in a single flight (`auth`);
//! * errors that keep the raw response and say what to do next ([`Error`]);
//! * the retry decision as a pure function of the attempt's outcome ([`RetryPolicy`]).

mod auth;
mod client;
mod description;
mod encode;
mod error;
mod pagination;
mod request;
mod retry;
pub(crate) mod timestamp;

pub use auth::{AuthorizationFormat, Secret};
pub use client::{Client, ClientBuilder};
pub use description::{ApiDescription, ClientParameter, Server};
pub use error::{ApiError, AuthError, Error, Problem, ProblemParameter};
pub use retry::RetryPolicy;

pub(crate) use encode::path_segment;
#[allow(unused_imports)] // Only generated crates whose document paginates use it.
pub(crate) use pagination::paginate;
pub(crate) use request::{Method, Operation, RawResponse, RequestParts};
