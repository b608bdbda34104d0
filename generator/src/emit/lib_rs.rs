//! `src/lib.rs`: crate documentation with a quick start, modules and re-exports.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{code, inner_doc_attrs};
use crate::model::{Api, Operation};
use crate::Settings;

pub fn render(api: &Api, settings: &Settings) -> TokenStream {
    let docs = inner_doc_attrs(&crate_docs(api, settings));
    let runtime = super::types::ident(&settings.runtime_crate_name().replace('-', "_"));
    let server_export = api.servers.servers.first().map(|_| {
        let name = super::types::ident(&api.servers.enum_name);
        quote!(pub use client::#name;)
    });
    let stream_export = api
        .operations
        .iter()
        .any(|op| op.pagination.is_some())
        .then(|| quote!(pub use futures_util::{Stream, StreamExt, TryStreamExt};));
    quote! {
        #docs
        #![deny(missing_docs)]
        #![allow(
            clippy::large_enum_variant,
            reason = "a union is as large as its largest alternative, which the document decides; boxing the large ones would change a variant's type whenever a schema grows"
        )]
        #![allow(
            clippy::doc_lazy_continuation,
            clippy::doc_overindented_list_items,
            clippy::doc_nested_refdefs,
            clippy::doc_suspicious_footnotes,
            reason = "doc comments carry the document's descriptions as written, Markdown style and all"
        )]
        #![allow(
            clippy::should_implement_trait,
            clippy::new_ret_no_self,
            clippy::disallowed_names,
            clippy::type_complexity,
            reason = "names and types come from the document: a method `add` or `new` is an operation or a parameter, not an operator or a constructor, and a type nests as deep as its schema"
        )]
        #![allow(
            deprecated,
            reason = "the client declares and uses what the document deprecates; only the user's code should be warned"
        )]

        mod client;
        pub mod operations;
        pub mod types;
        #[cfg(feature = "mock")]
        pub mod mock;

        // The spec-independent runtime, a crate of its own next to this one.
        use #runtime as runtime;

        pub use client::{Client, ClientBuilder};
        #server_export
        #stream_export
        pub use runtime::{
            ApiError, AuthError, AuthorizationFormat, Error, Problem, ProblemParameter,
            RawResponse, Response, RetryPolicy, Secret, TokenFuture, TokenSource, TokenSourceError,
        };
    }
}

/// The first operation a new user could call without arguments, for the quick start.
fn sample_operation(api: &Api) -> Option<&Operation> {
    api.operations
        .iter()
        .find(|op| op.authenticated() && op.params.iter().all(|p| !p.required) && op.body.is_none() && op.method_name.starts_with("list"))
        .or_else(|| api.operations.iter().find(|op| op.params.iter().all(|p| !p.required) && op.body.is_none()))
}

fn crate_docs(api: &Api, settings: &Settings) -> String {
    let lib = settings.crate_name.replace('-', "_");
    let mut text = format!("Typed async client for the {} (API version {}).\n", api.title, api.api_version);
    if let Some(description) = &api.description {
        text.push('\n');
        text.push_str(description.trim());
        text.push('\n');
    }
    text.push_str(&format!(
        "\nGenerated from the OpenAPI {} document; every operation is a method of [`Client`], \
         every schema a type in [`types`], and every failure an [`Error`].\n",
        api.openapi_version
    ));
    text.push_str("\n# Quick start\n\n```no_run\n");
    text.push_str(&format!("# async fn run() -> Result<(), {lib}::Error> {{\nlet client = {lib}::Client::builder()\n"));
    for parameter in &api.client_parameters {
        text.push_str(&format!("    .{}(\"my-{}\")\n", parameter.rust_name, parameter.rust_name.replace('_', "-")));
    }
    for line in super::client::credential_examples(api) {
        text.push_str(&format!("    {line}\n"));
    }
    text.push_str("    .build()?;\n");
    if let Some(op) = sample_operation(api) {
        text.push_str(&format!("let answer = client.{}().await?;\nprintln!(\"{{answer:?}}\");\n", op.method_name));
    }
    text.push_str("# Ok(())\n# }\n```\n");
    if api.servers.servers.len() > 1 {
        let setter = &api.servers.setter;
        text.push_str(&format!(
            "\nPick a server with `.{setter}(..)` (see [`{}`]) or point the client anywhere with \
             [`ClientBuilder::base_url`].\n",
            api.servers.enum_name
        ));
    }
    text.push_str(&format!(
        "\nOperations:\n\n{}\n",
        api.operations
            .iter()
            .map(|op| format!("- [`Client::{}`]: {} {}", op.method_name, op.method.as_str(), code(&op.path)))
            .collect::<Vec<_>>()
            .join("\n")
    ));
    text
}
