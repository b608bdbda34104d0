//! The conformance driver: a program that calls every operation of a generated client once,
//! with schema-valid arguments, and reports each call's outcome on one line.
//!
//! `cargo xtask conformance` builds it beside the client and runs it against Prism, which
//! validates every request against the document and answers with values generated from the
//! response schemas; the driver tells whether Prism accepted the request and whether the
//! client could decode the answer.
//!
//! Arguments come from the document: a parameter's or media type's `example` (or the first of
//! its `examples`) where it fits the schema, else a schema's `example`, else an instance
//! generated from the schema ([`crate::instances::Instances::for_requests`]). Every optional
//! parameter is set, so the server checks how each is written. The driver turns each JSON
//! value into the argument's Rust type with `serde_json`, as a user's program would build it.
//!
//! Output: one line per operation, [`ROW_PREFIX`], the operationId, an [`Outcome`] and a
//! detail, separated by tabs (parsed back by [`Row::parse`]).

use std::fmt;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_json::Value;

use crate::emit::types::{ident, type_tokens};
use crate::emit::Files;
use crate::error::Result;
use crate::instances::Instances;
use crate::load::Document;
use crate::model::{Api, BodyMedia, Operation, Param, ParamLocation, SchemeKind, TypeRef};
use crate::Settings;

/// First field of every row the driver prints.
pub const ROW_PREFIX: &str = "conformance-row";

/// What became of one call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The server accepted the request and the client decoded the answer.
    Passed,
    /// The server refused the request (a 4xx answer, or a success whose Prism
    /// `sl-violations` header names a violation in the request): the request does not
    /// conform to the document.
    Rejected,
    /// The server accepted the request but the client could not decode the answer.
    Undecodable,
    /// Anything else: the arguments could not be built, the call failed before an answer,
    /// or the server failed (5xx).
    Failed,
}

impl Outcome {
    /// The word printed in a row.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Passed => "passed",
            Outcome::Rejected => "rejected",
            Outcome::Undecodable => "undecodable",
            Outcome::Failed => "failed",
        }
    }

    fn parse(word: &str) -> Option<Outcome> {
        [Outcome::Passed, Outcome::Rejected, Outcome::Undecodable, Outcome::Failed]
            .into_iter()
            .find(|o| o.as_str() == word)
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One row of the driver's output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The operationId.
    pub operation: String,
    /// What became of the call.
    pub outcome: Outcome,
    /// Why, for anything but [`Outcome::Passed`] (the status and the server's message, or the
    /// error); the status for a pass.
    pub detail: String,
}

impl Row {
    /// Parses a line of the driver's output; `None` for lines that are not rows (the
    /// driver's other output) or malformed ones.
    pub fn parse(line: &str) -> Option<Row> {
        let mut fields = line.trim_end_matches(['\r', '\n']).splitn(4, '\t');
        if fields.next()? != ROW_PREFIX {
            return None;
        }
        let operation = fields.next()?.to_owned();
        let outcome = Outcome::parse(fields.next()?)?;
        let detail = fields.next().unwrap_or("").to_owned();
        Some(Row { operation, outcome, detail })
    }
}

/// Where the driver finds the client crate.
#[derive(Debug, Clone)]
pub struct DriverSettings {
    /// Package name of the driver.
    pub name: String,
    /// Settings the client crate was generated with (its package name).
    pub client: Settings,
    /// Path of the client crate's folder, relative to the driver's folder.
    pub client_path: String,
}

/// Whether Prism can judge the calls of `op`: it routes requests by the document's paths, so
/// an operation whose path holds a query string or a fragment (`/rest?method=photos.get`,
/// `/files/{id}#add_shared_link`) is never found, and the driver leaves it out.
pub fn judged(op: &Operation) -> bool {
    !op.path.contains(['?', '#'])
}

/// The driver's files (`Cargo.toml`, `src/main.rs`) for the client generated from `document`
/// (whose model is `api`), calling every operation Prism can judge ([`judged`]).
pub fn driver(document: &Document, api: &Api, settings: &DriverSettings) -> Result<Files> {
    let client = &settings.client.crate_name;
    let manifest = format!(
        "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\n{client} = {{ path = \"{path}\" }}\n\
         jiff = {{ version = \"1\", default-features = false, features = [\"std\", \"serde\"] }}\n\
         reqwest = {{ version = \"0.13\", default-features = false }}\n\
         serde = \"1\"\nserde_json = \"1\"\ntokio = {{ version = \"1\", features = [\"macros\", \"rt\"] }}\n",
        name = settings.name,
        path = settings.client_path,
    );
    let lib = format_ident!("{}", client.replace('-', "_"));
    let calls: Vec<TokenStream> = api.operations.iter().filter(|op| judged(op)).map(|op| call_function(document, op)).collect();
    let runs = api.operations.iter().filter(|op| judged(op)).map(|op| {
        let id = &op.id;
        let function = format_ident!("call_{}", op.method_name);
        quote!(report(#id, #function(&client).await);)
    });
    let builder = client_builder(api);
    let prefix = ROW_PREFIX;
    let tokens = quote! {
        //! Calls every operation once against the server at the URL given as the only argument
        //! and prints one tab-separated row per call: prefix, operationId, outcome, detail.
        #![allow(deprecated, unused_imports, non_snake_case, clippy::all)]

        use #lib::{types, Client, Error, Response};
        // Generated type names spell `crate::Secret`.
        pub use #lib::Secret;

        #[tokio::main(flavor = "current_thread")]
        async fn main() {
            let url = std::env::args().nth(1).expect("usage: driver <base URL of the server>");
            let client = client(&url);
            #(#runs)*
        }

        /// The client, with credentials for whatever security the document declares (dummy
        /// values the mock server accepts).
        fn client(url: &str) -> Client {
            #builder.expect("the client builds")
        }

        /// What became of a call: the outcome word and a detail.
        type Outcome = (&'static str, String);

        /// A JSON argument turned into its Rust type.
        fn arg<T: serde::de::DeserializeOwned>(what: &str, json: &str) -> Result<T, Outcome> {
            serde_json::from_str(json).map_err(|e| ("failed", format!("argument {what} ({json}) does not fit its Rust type: {e}")))
        }

        fn judge<T>(result: Result<Response<T>, Error>) -> Outcome {
            match result {
                // Prism lists what it found wrong in `sl-violations`: in the request (our fault)
                // or in the answer it generated itself (its fault, which the client survived).
                Ok(response) => match response.header("sl-violations") {
                    Some(violations) if !about_the_answer_only(violations) => {
                        ("rejected", format!("{} with sl-violations: {violations}", response.status()))
                    }
                    Some(violations) => ("passed", format!("{} (Prism noted, about its own answer or as a warning: {violations})", response.status())),
                    None => ("passed", response.status().to_string()),
                },
                Err(Error::Api(error)) if (400..500).contains(&error.status()) => {
                    ("rejected", format!("{}: {}", error.status(), error.raw_body()))
                }
                Err(error @ Error::Decode { .. }) => ("undecodable", error.to_string()),
                Err(error) => ("failed", error.to_string()),
            }
        }

        /// Whether Prism found nothing wrong with the request: every violation it lists is in
        /// its own answer, or only a warning (e.g. a security scheme it does not support).
        fn about_the_answer_only(violations: &str) -> bool {
            serde_json::from_str::<Vec<serde_json::Value>>(violations).is_ok_and(|list| {
                list.iter().all(|v| {
                    v.pointer("/location/0").and_then(|l| l.as_str()) == Some("response")
                        || v.get("severity").and_then(|s| s.as_str()) == Some("Warning")
                })
            })
        }

        fn report(operation: &str, outcome: Result<Outcome, Outcome>) {
            let (word, detail) = outcome.unwrap_or_else(|failure| failure);
            let detail: String = detail.chars().map(|c| if c.is_control() { ' ' } else { c }).take(600).collect();
            println!("{}\t{operation}\t{word}\t{detail}", #prefix);
        }

        #(#calls)*
    };
    let mut files = Files::new();
    files.insert("Cargo.toml".into(), manifest);
    let command = format!("cargo xtask conformance (client {client})");
    files.insert("src/main.rs".into(), crate::emit::format_rust("src/main.rs", tokens, &Settings::new(&settings.name, command))?);
    Ok(files)
}

/// The expression that builds the client: the server's URL, credentials for every security
/// scheme (dummy values the mock server accepts) and a value for every client-wide header.
fn client_builder(api: &Api) -> TokenStream {
    let mut token = false;
    let schemes: Vec<TokenStream> = api
        .security_schemes
        .iter()
        .filter_map(|scheme| {
            let setter = ident(&scheme.setter);
            match scheme.kind {
                SchemeKind::ApiKey { .. } => Some(quote!(.#setter("conformance-key"))),
                SchemeKind::Basic => Some(quote!(.#setter("conformance-user", "conformance-password"))),
                SchemeKind::Bearer { .. } => Some(quote!(.#setter("conformance-token"))),
                // Prism speaks plain HTTP: a client without a certificate stands in.
                SchemeKind::MutualTls => Some(quote!(.#setter(reqwest::Client::new()))),
                // `.token(..)` serves every scheme that takes a token, without token requests.
                SchemeKind::ClientCredentials { .. } | SchemeKind::TokenSource { .. } => {
                    token = true;
                    None
                }
            }
        })
        .collect();
    let token = token.then(|| quote!(.token("conformance-token")));
    let parameters = api.client_parameters.iter().map(|p| {
        let setter = ident(&p.rust_name);
        quote!(.#setter("conformance"))
    });
    quote!(Client::builder().base_url(url) #(#schemes)* #token #(#parameters)* .build())
}

/// `async fn call_<method>(client) -> Result<Outcome, Outcome>`: builds the arguments of `op`
/// from the document, makes the request with its builder (required arguments to the method,
/// every optional parameter and an optional body through setters) and judges the answer.
fn call_function(document: &Document, op: &Operation) -> TokenStream {
    let name = format_ident!("call_{}", op.method_name);
    let method = ident(&op.method_name);
    let source = Source::new(&document.raw, op);
    let mut statements = Vec::new();
    let mut arguments = Vec::new();
    for (index, param) in op.params.iter().filter(|p| p.required).enumerate() {
        let var = format_ident!("arg{index}");
        let json = source.param(param).to_string();
        let what = &param.wire_name;
        let ty = owned_type(&param.ty);
        statements.push(quote!(let #var: #ty = arg(#what, #json)?;));
        arguments.push(pass(&param.ty, quote!(#var)));
    }
    let mut body_setter = None;
    if let Some(body) = &op.body {
        let value = source.body(&body.content_type);
        let statement = match body.media {
            BodyMedia::Text | BodyMedia::Bytes => {
                let text = match value {
                    Value::String(text) => text,
                    other => other.to_string(),
                };
                if body.media == BodyMedia::Text {
                    quote!(let body: String = String::from(#text);)
                } else {
                    quote!(let body: Vec<u8> = #text.as_bytes().to_vec();)
                }
            }
            _ => {
                let json = value.to_string();
                let ty = owned_type(&body.ty);
                quote!(let body: #ty = arg("the body", #json)?;)
            }
        };
        statements.push(statement);
        let ty = match body.media {
            BodyMedia::Text => TypeRef::String,
            BodyMedia::Bytes => TypeRef::Bytes,
            _ => body.ty.clone(),
        };
        let body = pass(&ty, quote!(body));
        if op.body.as_ref().is_some_and(|b| b.required) {
            arguments.push(body);
        } else {
            body_setter = Some(quote!(let request = request.body(#body);));
        }
    }
    let setters = op.params.iter().filter(|p| !p.required).map(|param| {
        let setter = ident(&param.rust_name);
        let json = source.param(param).to_string();
        let what = &param.wire_name;
        let ty = type_tokens(&param.ty, false);
        quote!(let request = request.#setter(arg::<#ty>(#what, #json)?);)
    });
    quote! {
        async fn #name(client: &Client) -> Result<Outcome, Outcome> {
            #(#statements)*
            let request = client.#method(#(#arguments),*);
            #(#setters)*
            #body_setter
            Ok(judge(request.send_with_response().await))
        }
    }
}

/// The owned Rust type an argument of type `ty` is built as (`&str` arguments from `String`).
fn owned_type(ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::Secret => quote!(String),
        other => type_tokens(other, false),
    }
}

/// How the variable `var` holding an owned value of `ty` is passed, following how request
/// builders take arguments: numbers and booleans by value, everything else by reference.
fn pass(ty: &TypeRef, var: TokenStream) -> TokenStream {
    if matches!(ty, TypeRef::Float | TypeRef::Boolean) || ty.is_integer() {
        var
    } else {
        quote!(&#var)
    }
}

/// The document's description of one operation, for examples and schemas.
struct Source<'a> {
    root: &'a Value,
    operation: Option<&'a Value>,
    item: Option<&'a Value>,
    seed: String,
}

impl<'a> Source<'a> {
    fn new(root: &'a Value, op: &Operation) -> Self {
        let item = root.get("paths").and_then(|paths| paths.get(&op.path));
        let operation = item.and_then(|item| item.get(op.method.as_str().to_ascii_lowercase()));
        Source { root, operation, item, seed: op.id.clone() }
    }

    /// Follows a `$ref` (one level per step, as far as it goes).
    fn resolve(&self, mut value: &'a Value) -> &'a Value {
        for _ in 0..16 {
            match value.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix('#')) {
                Some(pointer) => match self.root.pointer(pointer) {
                    Some(target) => value = target,
                    None => break,
                },
                None => break,
            }
        }
        value
    }

    /// The Parameter Object of `param` (the operation's own wins over the path item's).
    fn parameter(&self, param: &Param) -> Option<&'a Value> {
        let place = match param.location {
            ParamLocation::Path => "path",
            ParamLocation::Query => "query",
            ParamLocation::Header => "header",
            ParamLocation::Cookie => "cookie",
        };
        [self.operation, self.item]
            .into_iter()
            .flatten()
            .filter_map(|owner| owner.get("parameters").and_then(Value::as_array))
            .flatten()
            .map(|p| self.resolve(p))
            .find(|p| {
                p.get("in").and_then(Value::as_str) == Some(place)
                    && p.get("name").and_then(Value::as_str).is_some_and(|name| {
                        if param.location == ParamLocation::Header {
                            name.eq_ignore_ascii_case(&param.wire_name)
                        } else {
                            name == param.wire_name
                        }
                    })
            })
    }

    /// A value for `param`.
    fn param(&self, param: &Param) -> Value {
        let Some(parameter) = self.parameter(param) else {
            return Value::String("value".into());
        };
        let schema = parameter.get("schema").or_else(|| {
            parameter.get("content").and_then(Value::as_object).and_then(|c| c.values().next()).and_then(|m| m.get("schema"))
        });
        let seed = format!("{} {}", self.seed, param.wire_name);
        self.example_or_instance(parameter, schema, &seed).unwrap_or_else(|| "value".into())
    }

    /// A value for the body sent as `content_type`.
    fn body(&self, content_type: &str) -> Value {
        let media = self
            .operation
            .and_then(|op| op.get("requestBody"))
            .map(|body| self.resolve(body))
            .and_then(|body| body.get("content"))
            .and_then(|content| content.get(content_type));
        let seed = format!("{} body", self.seed);
        media
            .and_then(|media| self.example_or_instance(media, media.get("schema"), &seed))
            .unwrap_or_else(|| Value::Object(Default::default()))
    }

    /// The example of `holder` (a Parameter or Media Type Object) where it fits `schema` as
    /// far as [`Instances::fits`] can tell, else an instance of `schema`: documents' examples
    /// sometimes contradict their schemas (dev.to's `"321"` for an integer id), and the
    /// server judges the request by the schema.
    fn example_or_instance(&self, holder: &'a Value, schema: Option<&'a Value>, seed: &str) -> Option<Value> {
        let fits = |example: &Value| schema.is_none_or(|schema| Instances::for_requests(self.root, seed).fits(schema, example));
        self.example_of(holder).filter(fits).or_else(|| self.instance(schema, seed))
    }

    /// The `example`, or the first of the `examples`, of a Parameter or Media Type Object.
    fn example_of(&self, holder: &'a Value) -> Option<Value> {
        if let Some(example) = holder.get("example") {
            return Some(example.clone());
        }
        let first = holder.get("examples")?.as_object()?.values().next()?;
        self.resolve(first).get("value").cloned()
    }

    fn instance(&self, schema: Option<&'a Value>, seed: &str) -> Option<Value> {
        Instances::for_requests(self.root, seed).of(schema?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_round_trip_through_their_text() {
        let row = Row::parse("conformance-row\tlistThings\trejected\t422: {\"detail\": \"a\tb\"}\n").unwrap();
        assert_eq!(row.operation, "listThings");
        assert_eq!(row.outcome, Outcome::Rejected);
        assert_eq!(row.detail, "422: {\"detail\": \"a\tb\"}");
        assert_eq!(Row::parse("conformance-row\tx\tpassed").unwrap().detail, "");
    }

    #[test]
    fn the_driver_calls_every_operation_with_examples_then_instances() {
        let tree = serde_json::json!({
            "openapi": "3.0.3",
            "info": {"title": "T", "version": "1"},
            "paths": {"/things/{id}": {
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}, "example": "t-1"}],
                "put": {
                    "operationId": "putThing",
                    "parameters": [
                        {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 5}},
                        {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 2}, "example": "321"}
                    ],
                    "requestBody": {"required": true, "content": {"application/json": {"schema": {
                        "type": "object", "required": ["name"], "properties": {"name": {"type": "string", "pattern": "^[a-z]+$", "example": "abc"}}
                    }}}},
                    "responses": {"204": {"description": "done"}}
                },
                "get": {"operationId": "getThing", "responses": {"200": {"description": "ok", "content": {"text/plain": {"schema": {"type": "string"}}}}}}
            }}
        });
        let document = crate::load::from_tree(std::path::Path::new("t.yaml"), tree).unwrap();
        let api = crate::model::build(&document).unwrap();
        let settings = DriverSettings {
            name: "t-driver".into(),
            client: Settings::new("t", "test"),
            client_path: "../client".into(),
        };
        let files = driver(&document, &api, &settings).unwrap();
        let main = &files["src/main.rs"];
        assert!(files["Cargo.toml"].contains("t = { path = \"../client\" }"), "{}", files["Cargo.toml"]);
        // Every operation is reported; the path parameter comes from the path item's example,
        // the optional one from its schema (within `minimum`), the body from its property's
        // example (the only way to meet a pattern).
        assert!(main.contains("report(\"putThing\", call_put_thing(&client).await)"), "{main}");
        assert!(main.contains("report(\"getThing\", call_get_thing(&client).await)"), "{main}");
        assert!(main.contains(r#"arg("id", "\"t-1\"")"#), "{main}");
        assert!(main.contains(r#"request.limit(arg::<i64>("limit", "5")?)"#), "{main}");
        // An example that contradicts its schema (a string for an integer) is not sent.
        assert!(main.contains(r#"request.page(arg::<i64>("page", "2")?)"#), "{main}");
        assert!(main.contains(r#"{\"name\":\"abc\"}"#), "{main}");
        assert!(main.contains("client.put_thing(&arg0, &body)"), "{main}");
        assert!(main.contains("request.send_with_response().await"), "{main}");
    }

    #[test]
    fn other_lines_are_not_rows() {
        for line in ["", "warning: x", "conformance-row\tx", "conformance-row\tx\tbogus\t", "row\tx\tpassed\t"] {
            assert_eq!(Row::parse(line), None, "{line:?}");
        }
    }
}
