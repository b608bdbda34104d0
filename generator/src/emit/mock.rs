//! `src/mock.rs` (cargo feature `mock`): a typed mock server for the tests of code that uses
//! the crate. The runtime's `mock` module does the work; this file adds one method per
//! operation, typed with the operation's success body.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{code, doc_attrs, inner_doc_attrs};
use super::types::{ident, type_tokens};
use crate::model::{Api, BodyMedia, Operation, Status};

/// Methods of the mock server itself; an operation with one of these names gets `_operation`
/// appended in the mock.
const OWN_METHODS: [&str; 5] = ["start", "uri", "client", "client_builder", "received_requests"];

pub fn render(api: &Api) -> TokenStream {
    let methods = api.operations.iter().map(|op| super::gate(&op.features, operation(op)));
    let example = example(api);
    quote! {
        //! A typed mock of the API for your own tests (cargo feature `mock`).
        //!
        //! [`MockServer::start`] serves the API on 127.0.0.1 (its token endpoint included) and
        //! [`MockServer::client`] gives a client pointed at it. Each operation of the API is a
        //! method that mocks it, answered with this crate's types:
        //!
        #example
        //!
        //! An operation's mock answers every request with its method whose path fits its path
        //! template, unless [`MockOperation::path`] narrows it; when several mocks fit, the one
        //! mounted first answers. The mock client does not retry, so a mocked failure comes back
        //! at once as the [`Error`](crate::Error) your code would see.

        use crate::runtime::mock as runtime_mock;
        pub use crate::runtime::mock::{Body, Bytes, Empty, Json, MockOperation, ReceivedRequest, Text, MOCK_TOKEN};
        #[allow(unused_imports)]
        use crate::types;

        /// A running mock of the API on 127.0.0.1, stopped when dropped (expectations set
        /// with [`MockOperation::times`] are checked then).
        #[derive(Debug)]
        pub struct MockServer {
            inner: runtime_mock::MockServer,
        }

        impl MockServer {
            /// Starts the mock on a free port of 127.0.0.1. Needs a Tokio runtime
            /// (`#[tokio::test]`).
            pub async fn start() -> Self {
                MockServer { inner: runtime_mock::MockServer::start(&crate::client::API).await }
            }

            /// The mock's base URL, e.g. `http://127.0.0.1:41234`.
            pub fn uri(&self) -> String {
                self.inner.uri()
            }

            /// A client of the mock: see [`client_builder`](Self::client_builder).
            ///
            /// # Panics
            ///
            /// Never for the mock's own settings; building is infallible for them.
            pub fn client(&self) -> crate::Client {
                self.client_builder().build().expect("a client of the local mock builds")
            }

            /// A builder pointed at the mock, with placeholder credentials and client
            /// parameters (`mock-<setter>`) and no retries; change any setting before
            /// `build()`.
            pub fn client_builder(&self) -> crate::ClientBuilder {
                crate::ClientBuilder { inner: self.inner.client_builder() }
            }

            /// Every request the mock has received so far (token requests included), in order.
            pub async fn received_requests(&self) -> Vec<ReceivedRequest> {
                self.inner.received_requests().await
            }

            #(#methods)*
        }
    }
}

/// The method that mocks one operation.
fn operation(op: &Operation) -> TokenStream {
    let name = if OWN_METHODS.contains(&op.method_name.as_str()) {
        ident(&format!("{}_operation", op.method_name))
    } else {
        ident(&op.method_name)
    };
    let (status, body) = success(op);
    let status_literal = proc_macro2::Literal::u16_unsuffixed(status);
    let method = op.method.as_str();
    let path = op.route();
    let text = format!(
        "Mocks [`Client::{}`](crate::Client::{}): {} {}, answered with {status} unless told otherwise.",
        op.method_name,
        op.method_name,
        method,
        code(&path)
    );
    let docs = doc_attrs([Some(text.as_str())]);
    quote! {
        #docs
        pub fn #name(&self) -> MockOperation<'_, #body> {
            self.inner.operation(#method, #path, #status_literal)
        }
    }
}

/// The status and body encoding a mock of `op` answers with by default: its first documented
/// success with a body, else its first success, else 200 without a body.
fn success(op: &Operation) -> (u16, TokenStream) {
    let with_body = op.success.iter().find(|r| r.body.is_some());
    let first = with_body.or(op.success.first());
    // A range (`2XX`) or `default` answers with the class's first code.
    let status = match first.map(|r| r.status) {
        Some(Status::Code(code)) => code,
        _ => 200,
    };
    if op.success_enum.is_some() {
        // Several success bodies of different types: any of them, as JSON.
        return (status, quote!(Json<serde_json::Value>));
    }
    let body = match with_body.and_then(|r| r.body.as_ref()) {
        None => quote!(Empty),
        Some(body) => match body.media {
            BodyMedia::Text => quote!(Text),
            BodyMedia::Bytes | BodyMedia::Multipart => quote!(Bytes),
            BodyMedia::Json | BodyMedia::Form => {
                let ty = type_tokens(&body.ty, false);
                quote!(Json<#ty>)
            }
        },
    };
    (status, body)
}

/// The module's example, with the API's first authenticated operation.
fn example(api: &Api) -> TokenStream {
    let text = match api.operations.iter().find(|op| op.authenticated()).or(api.operations.first()) {
        Some(op) => format!(
            "```text\nlet mock = MockServer::start().await;\nmock.{name}().returns(&answer).await;\n\
             mock.{name}().path(\"…\").fails(404, &serde_json::json!({{\"detail\": \"no such thing\"}})).await;\n\
             let client = mock.client();\n// call the code under test with `client`, then look at mock.received_requests().await\n```",
            name = op.method_name
        ),
        None => "```text\nlet mock = MockServer::start().await;\nlet client = mock.client();\n```".to_owned(),
    };
    inner_doc_attrs(&text)
}
