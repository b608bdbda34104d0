//! The document → model step: operations, parameters, bodies, responses, servers and auth.

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{
    MediaType, OpenAPI, Parameter, ParameterSchemaOrContent, PathItem, PathStyle, QueryStyle, ReferenceOr,
    StatusCode,
};
use serde_json::Value;

use super::refs::resolve;
use super::schema::{text, TypeSpace};
use super::{
    Api, BodyAlternative, BodyMedia, ClientParameter, FormEncoding, HttpMethod, MultipartPart, Operation, Param, ParamLocation, ParamStyle,
    Pagination, PathPart, RequestBody, RequestId, Response, ResponseBody, ResponseHeader, Server, Servers, Status,
    TypeRef,
};
use crate::error::{pointer_push, Error, Result};
use crate::load::Document;
use crate::naming::{pascal, snake, Scope};

/// Extensions of ours the builder reads (documented in the generator's README).
mod ext {
    /// On the document: name of the generated server enum.
    pub const SERVER_ENUM: &str = "x-rust-server-enum";
    /// On a server or a parameter: the Rust name to use.
    pub const RUST_NAME: &str = "x-rust-name";
    /// On a server: base URL of the token endpoint when it differs from the API's.
    pub const TOKEN_URL: &str = "x-token-url";
    /// On the document: Markdown appended to the generated crate's README.
    pub const README: &str = "x-readme";
    /// On the document: header in which each call sends a fresh request id.
    pub const REQUEST_ID: &str = "x-request-id-header";
    /// On the document or an operation: the header in which a POST or PATCH accepts an
    /// idempotency key (such as `Idempotency-Key`).
    pub const IDEMPOTENCY_KEY: &str = "x-idempotency-key-header";
    /// On the document: response headers that carry the server's request id.
    pub const RESPONSE_REQUEST_ID: &str = "x-response-request-id-headers";
}

/// Client methods the runtime defines, which operations must not take.
const CLIENT_METHODS: &[&str] = &["builder", "execute", "clone", "fmt"];

/// Names the request builder uses itself (its fields `client`, `body` and `call`, its
/// methods, the locals of its `send_with_response`): parameters must not take them.
const GENERATED_NAMES: &[&str] = &[
    "body",
    "body_encoding",
    "call",
    "client",
    "clone",
    "fmt",
    "header",
    "idempotency_key",
    "into_future",
    "new",
    "options",
    "request",
    "response",
    "send",
    "send_with_response",
    "stream",
    "timeout",
];

/// The client builder's own methods (the runtime's `client_types!` and the token setters),
/// which the setters of servers, client parameters and schemes must not take.
const BUILDER_METHODS: &[&str] = &[
    "authorization_format",
    "base_url",
    "build",
    "client_parameter",
    "connect_timeout",
    "credentials",
    "http_client",
    "max_response_size",
    "retry_policy",
    "timeout",
    "token",
    "token_refresh_margin",
    "token_url",
    "user_agent_suffix",
];

/// Names in scope where the server enum is declared (`client.rs` imports) and re-exported
/// (the crate root), which the enum must not take.
const CLIENT_NAMES: &[&str] = &[
    "ApiDescription", "ApiError", "ApiKeyLocation", "AuthError", "AuthorizationFormat", "ClientParameter",
    "Problem", "ProblemParameter", "RawResponse", "Response", "RetryPolicy", "SchemeKind", "SecurityScheme",
    "Server", "Stream", "StreamExt", "TokenFuture", "TokenSource", "TokenSourceError", "TryStreamExt",
];

/// Names `operations.rs` imports or declares besides the builders, which builders must not take.
const OPERATIONS_NAMES: &[&str] = &[
    "BoxFuture", "CallOptions", "Client", "Error", "Method", "Multipart", "Operation", "Param", "RequestParts",
    "Response", "Style",
];

/// Builds the model of a loaded document.
pub fn build(document: &Document) -> Result<Api> {
    let spec = &document.spec;
    let mut types = TypeSpace::new(spec)?;
    let raw_operations = collect_operations(spec)?;
    let mut requirement_lists: Vec<&Vec<openapiv3::SecurityRequirement>> = spec.security.iter().collect();
    requirement_lists.extend(raw_operations.iter().filter_map(|op| op.op.security.as_ref()));
    let client_parameters = client_parameters(&raw_operations);
    // Every setter of the client builder: the runtime's, the server enum's, then one per
    // client parameter and per scheme, in that order of precedence.
    let mut setters = Scope::with_taken(BUILDER_METHODS.iter().copied());
    let servers = servers(spec, &document.raw, &mut setters);
    let client_parameter_setters: Vec<String> =
        client_parameters.iter().map(|p| setters.claim(client_parameter_setter(p))).collect();
    let schemes = super::security::Schemes::new(spec, &requirement_lists, &mut setters)?;

    let listed_tags = spec.tags.iter().map(|t| &t.name);
    let feature_names = super::features::names(listed_tags.chain(raw_operations.iter().flat_map(|raw| &raw.op.tags)));
    let mut method_names = Scope::with_taken(CLIENT_METHODS.iter().copied());
    let mut builder_names = Scope::with_taken(OPERATIONS_NAMES.iter().copied());
    let mut operations = Vec::with_capacity(raw_operations.len());
    for raw in &raw_operations {
        let names = Names { methods: &mut method_names, builders: &mut builder_names };
        let mut operation = operation(spec, &document.raw, raw, &client_parameters, names, &mut types)?;
        operation.security = schemes.requirements(raw.op.security.as_ref().or(spec.security.as_ref()));
        operation.features = raw.op.tags.iter().map(|tag| feature_names[tag].clone()).collect::<BTreeSet<_>>().into_iter().collect();
        operations.push(operation);
    }

    let mut aliases = types.take_aliases();
    let mut types = types.into_types();
    super::recursion::box_cycles(&mut types);
    super::features::assign(&operations, &mut types, &mut aliases);
    // Only tags that operations carry: a listed tag without operations would be an empty feature.
    let features: Vec<String> =
        operations.iter().flat_map(|op| op.features.iter().cloned()).collect::<BTreeSet<_>>().into_iter().collect();

    let client_parameters: Vec<ClientParameter> = client_parameters
        .into_iter()
        .zip(client_parameter_setters)
        .map(|(p, rust_name)| ClientParameter {
            rust_name,
            wire_name: p.name,
            description: text(&p.description),
        })
        .collect();
    let tag_description = |name: &str| {
        spec.tags.iter().find(|t| t.name == name).and_then(|t| t.description.as_deref()).map(str::trim).filter(|d| !d.is_empty())
    };
    let cli = super::cli::build(&super::cli::Input {
        operations: &operations,
        first_tags: raw_operations
            .iter()
            .map(|raw| raw.op.tags.first().map(|tag| (tag.as_str(), tag_description(tag))))
            .collect(),
        client_parameters: &client_parameters,
        security_schemes: &schemes.schemes,
        servers: &servers,
    });

    Ok(Api {
        title: spec.info.title.split_whitespace().collect::<Vec<_>>().join(" "),
        description: text(&spec.info.description),
        api_version: spec.info.version.clone(),
        openapi_version: document.openapi_version.clone(),
        servers,
        security_schemes: schemes.schemes,
        client_parameters,
        request_id: request_id(&document.raw),
        types,
        aliases,
        features,
        operations,
        readme: document.raw.get(ext::README).and_then(Value::as_str).map(str::to_owned),
        cli,
    })
}

/// The builder setter of a client parameter: its `x-rust-name`, or its name, in snake case.
fn client_parameter_setter(p: &openapiv3::ParameterData) -> String {
    p.extensions.get(ext::RUST_NAME).and_then(Value::as_str).map_or_else(|| snake(&p.name), snake)
}

/// A parameter as found in the document, resolved.
struct RawParam<'a> {
    data: &'a openapiv3::ParameterData,
    location: ParamLocation,
    pointer: String,
    style: ParamStyle,
    allow_reserved: bool,
}

/// An operation as found in the document, with its path-level parameters merged in.
struct RawOperation<'a> {
    path: &'a str,
    method: HttpMethod,
    pointer: String,
    op: &'a openapiv3::Operation,
    /// Resolved parameters, path-level ones first, overridden by operation-level ones.
    params: Vec<RawParam<'a>>,
    authenticated: bool,
    name: String,
    /// The operation's own `servers`, or its path item's; empty: the document's.
    servers: &'a [openapiv3::Server],
}

fn collect_operations(spec: &OpenAPI) -> Result<Vec<RawOperation<'_>>> {
    let mut found = Vec::new();
    let mut ids: BTreeMap<String, String> = BTreeMap::new();
    let parameters = spec.components.as_ref().map(|c| &c.parameters);
    for (path, item) in &spec.paths.paths {
        let item_pointer = pointer_push("#/paths", path);
        let ReferenceOr::Item(item) = item else {
            return Err(Error::Unsupported {
                pointer: item_pointer,
                reason: "$ref on a path item".into(),
            });
        };
        for (method, key, op) in methods(item) {
            let pointer = pointer_push(&item_pointer, key);
            let mut params: Vec<RawParam<'_>> = Vec::new();
            let item_params = item.parameters.iter().enumerate().map(|(i, p)| (p, pointer_push(&pointer_push(&item_pointer, "parameters"), &i.to_string())));
            let op_params = op.parameters.iter().enumerate().map(|(i, p)| (p, pointer_push(&pointer_push(&pointer, "parameters"), &i.to_string())));
            for (param, param_pointer) in item_params.chain(op_params) {
                let (param, at) = resolve(param, parameters, "#/components/parameters/", &param_pointer)?;
                let (data, location, style, allow_reserved) = match param {
                    Parameter::Path { parameter_data, style } => {
                        let style = match style {
                            PathStyle::Simple => ParamStyle::Simple,
                            PathStyle::Label => ParamStyle::Label,
                            PathStyle::Matrix => ParamStyle::Matrix,
                        };
                        (parameter_data, ParamLocation::Path, style, false)
                    }
                    Parameter::Query { parameter_data, style, allow_reserved, .. } => {
                        let style = match style {
                            QueryStyle::Form => ParamStyle::Form,
                            QueryStyle::SpaceDelimited => ParamStyle::SpaceDelimited,
                            QueryStyle::PipeDelimited => ParamStyle::PipeDelimited,
                            QueryStyle::DeepObject => ParamStyle::DeepObject,
                        };
                        (parameter_data, ParamLocation::Query, style, *allow_reserved)
                    }
                    Parameter::Header { parameter_data, .. } => {
                        (parameter_data, ParamLocation::Header, ParamStyle::Simple, false)
                    }
                    Parameter::Cookie { parameter_data, .. } => {
                        (parameter_data, ParamLocation::Cookie, ParamStyle::Form, false)
                    }
                };
                // "If `in` is "header" and the `name` field is "Accept", "Content-Type" or
                // "Authorization", the parameter definition SHALL be ignored" (OpenAPI 3.0.3
                // §4.7.12.1): the client sets them itself, credentials through schemes.
                if location == ParamLocation::Header && is_reserved_header(&data.name) {
                    continue;
                }
                params.retain(|p| !(p.data.name == data.name && p.location == location));
                params.push(RawParam { data, location, pointer: at, style, allow_reserved });
            }
            let name = match &op.operation_id {
                Some(id) => {
                    if let Some(first) = ids.insert(id.clone(), pointer.clone()) {
                        return Err(Error::DuplicateOperationId {
                            id: id.clone(),
                            first,
                            second: pointer,
                        });
                    }
                    id.clone()
                }
                None => derived_name(method, path),
            };
            let security = op.security.as_ref().or(spec.security.as_ref());
            let authenticated = security.is_some_and(|reqs| reqs.iter().any(|r| !r.is_empty()));
            // "An alternative server array to service this operation" (OpenAPI 3.0.3 §4.7.10),
            // else the path's (§4.7.9).
            let servers = if op.servers.is_empty() { &item.servers } else { &op.servers };
            found.push(RawOperation { path, method, pointer, op, params, authenticated, name, servers });
        }
    }
    Ok(found)
}

/// Header parameters OpenAPI says to ignore (§4.7.12.1), compared without case (RFC 9110 §5.1).
fn is_reserved_header(name: &str) -> bool {
    ["accept", "content-type", "authorization"].iter().any(|h| name.trim().eq_ignore_ascii_case(h))
}

fn methods(item: &PathItem) -> impl Iterator<Item = (HttpMethod, &'static str, &openapiv3::Operation)> {
    [
        (HttpMethod::Get, "get", &item.get),
        (HttpMethod::Put, "put", &item.put),
        (HttpMethod::Post, "post", &item.post),
        (HttpMethod::Delete, "delete", &item.delete),
        (HttpMethod::Options, "options", &item.options),
        (HttpMethod::Head, "head", &item.head),
        (HttpMethod::Patch, "patch", &item.patch),
        (HttpMethod::Trace, "trace", &item.trace),
    ]
    .into_iter()
    .filter_map(|(method, key, op)| op.as_ref().map(|op| (method, key, op)))
}

/// A name for an operation without an operationId: method and literal path segments, with
/// `by_<param>` for parameters (`GET /users/{id}` → `get_users_by_id`).
fn derived_name(method: HttpMethod, path: &str) -> String {
    let mut words = vec![method.as_str().to_lowercase()];
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(param) => words.push(format!("by {param}")),
            None => words.push(segment.to_owned()),
        }
    }
    words.join(" ")
}

/// Required headers every authenticated operation takes become client-level settings.
fn client_parameters(operations: &[RawOperation<'_>]) -> Vec<openapiv3::ParameterData> {
    let mut authenticated = operations.iter().filter(|op| op.authenticated);
    let Some(first) = authenticated.next() else {
        return Vec::new();
    };
    let rest: Vec<&RawOperation<'_>> = authenticated.collect();
    first
        .params
        .iter()
        .filter(|p| p.location == ParamLocation::Header && p.data.required)
        .filter(|p| {
            rest.iter().all(|op| {
                op.params.iter().any(|q| {
                    q.location == ParamLocation::Header && q.data.required && q.data.name.eq_ignore_ascii_case(&p.data.name)
                })
            })
        })
        .map(|p| p.data.clone())
        .collect()
}

/// The scopes an operation's method and builder names are claimed in.
struct Names<'a> {
    methods: &'a mut Scope,
    builders: &'a mut Scope,
}

fn operation(
    spec: &OpenAPI,
    tree: &Value,
    raw: &RawOperation<'_>,
    client_parameters: &[openapiv3::ParameterData],
    names: Names<'_>,
    types: &mut TypeSpace<'_>,
) -> Result<Operation> {
    let op_pascal = pascal(&raw.name);
    let mut arg_names = Scope::with_taken(GENERATED_NAMES.iter().copied());
    let mut params = Vec::new();
    let is_client_parameter = |name: &str| {
        raw.authenticated && client_parameters.iter().any(|p| p.name.eq_ignore_ascii_case(name))
    };
    // Path parameters first, in template order, then the rest in document order.
    let mut ordered: Vec<&RawParam<'_>> = raw.params.iter().collect();
    ordered.sort_by_key(|p| p.location != ParamLocation::Path);
    for RawParam { data, location, pointer, style, allow_reserved } in ordered {
        if *location == ParamLocation::Header && is_client_parameter(&data.name) {
            continue;
        }
        let ty = match &data.format {
            ParameterSchemaOrContent::Schema(schema) => types.type_ref(
                schema,
                &format!("{op_pascal}{}", pascal(&data.name)),
                &pointer_push(pointer, "schema"),
            )?,
            ParameterSchemaOrContent::Content(_) => TypeRef::String,
        }
        .without_null();
        params.push(Param {
            wire_name: data.name.clone(),
            rust_name: arg_names.claim(snake(&data.name)),
            location: *location,
            required: data.required || *location == ParamLocation::Path,
            ty,
            description: text(&data.description),
            style: *style,
            explode: data.explode.unwrap_or(*style == ParamStyle::Form),
            allow_reserved: *allow_reserved,
        });
    }

    // A query in the path (the loader warned): its `name={parameter}` pairs are query
    // parameters by now, the others are sent as written.
    let (template, query) = super::split_path(raw.path);
    let fixed_query = query.and_then(|query| {
        let fixed: Vec<&str> = query.split('&').filter(|pair| !pair.is_empty() && !pair.contains('{')).collect();
        (!fixed.is_empty()).then(|| fixed.join("&"))
    });
    let path_parts = path_parts(template, &params, &raw.pointer)?;
    let body = request_body(spec, tree, raw, &op_pascal, &mut arg_names, types)?;
    let (success, errors) = responses(spec, raw, &op_pascal, types)?;
    let sensitive = success
        .iter()
        .filter_map(|r| r.body.as_ref())
        .any(|body| types.holds_secret(&body.ty));
    let bodies: Vec<&ResponseBody> = success.iter().filter_map(|r| r.body.as_ref()).collect();
    let success_enum = bodies
        .iter()
        .any(|b| *b != bodies[0])
        .then(|| types.claim_name(&format!("{op_pascal}Response")));

    let method_name = names.methods.claim(snake(&raw.name));
    let builder = names.builders.claim(pascal(&method_name));
    let pagination = pagination(&params, &success, types);
    let idempotency_key = matches!(raw.method, HttpMethod::Post | HttpMethod::Patch)
        .then(|| {
            let named = |extensions: &indexmap::IndexMap<String, Value>| {
                extensions.get(ext::IDEMPOTENCY_KEY).and_then(Value::as_str).map(str::to_owned)
            };
            named(&raw.op.extensions).or_else(|| named(&spec.extensions))
        })
        .flatten();

    Ok(Operation {
        id: raw.op.operation_id.clone().unwrap_or_else(|| snake(&raw.name)),
        method_name,
        builder,
        method: raw.method,
        path: raw.path.to_owned(),
        path_parts,
        fixed_query,
        summary: text(&raw.op.summary),
        description: text(&raw.op.description),
        deprecated: raw.op.deprecated,
        features: Vec::new(),
        params,
        body,
        success,
        success_enum,
        errors,
        // Filled in by `build`, which knows the schemes.
        security: Vec::new(),
        sensitive,
        server: own_server(raw.servers, &spec.servers),
        pagination,
        idempotency_key,
    })
}

/// The URL of an operation's own server: the first of `servers` (its own, or its path's),
/// variables at their defaults, without a trailing `/`; `None` when it is one of the document's
/// own servers, which the client already chooses among. A relative one (`/upload`, OpenAPI
/// 3.0.3 §4.7.5: relative to where the document is served, the API's host here) is kept as a
/// path, which the client resolves against the server it uses.
fn own_server(servers: &[openapiv3::Server], document: &[openapiv3::Server]) -> Option<String> {
    let server = servers.first()?;
    let url_of = |server: &openapiv3::Server| substitute_variables(&server.url, server.variables.as_ref());
    let url = url_of(server);
    let url = url.trim_end_matches('/');
    if document.iter().any(|server| url_of(server).trim_end_matches('/') == url) {
        // One of the document's servers, repeated: the client's choice among them stands.
        return None;
    }
    if url.contains("://") || url.starts_with('/') {
        Some(url.to_owned())
    } else {
        Some(format!("/{url}"))
    }
}

/// Request parameters that carry a continuation token (compared without case or separators).
const TOKEN_PARAMS: &[&str] = &["continuationtoken", "requestcontinuation", "nexttoken", "pagetoken", "cursor"];
/// Response fields that carry the next token.
const TOKEN_FIELDS: &[&str] = &["continuationtoken", "nexttoken", "nextpagetoken", "nextcursor", "cursor"];

fn squash(name: &str) -> String {
    name.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect()
}

/// Recognises a paginated list: an optional string query parameter named like a continuation
/// token, and one success body that is an object with a token field and one list field.
fn pagination(params: &[Param], success: &[Response], types: &TypeSpace<'_>) -> Option<Pagination> {
    // Only operations whose every parameter is optional (lists in the documents seen so far).
    if params.iter().any(|p| p.required) {
        return None;
    }
    let token_param = params.iter().find(|p| {
        p.location == ParamLocation::Query && p.ty == TypeRef::String && TOKEN_PARAMS.contains(&squash(&p.wire_name).as_str())
    })?;
    let [response] = success else { return None };
    let TypeRef::Named(page) = &response.body.as_ref()?.ty else { return None };
    let fields = types.struct_fields(page)?;
    let next = fields.iter().find(|f| f.ty == TypeRef::String && TOKEN_FIELDS.contains(&squash(&f.wire_name).as_str()))?;
    let lists: Vec<&super::Field> = fields.iter().filter(|f| matches!(f.ty, TypeRef::Array(_)) && !f.boxed).collect();
    let [items] = lists.as_slice() else { return None };
    let TypeRef::Array(item) = &items.ty else { return None };
    Some(Pagination {
        token_param: token_param.rust_name.clone(),
        next_token_field: next.name.clone(),
        next_token_optional: !next.required || next.nullable,
        next_token_nested: !next.required && next.nullable,
        items_field: items.name.clone(),
        items_optional: !items.required || items.nullable,
        items_nested: !items.required && items.nullable,
        item: (**item).clone(),
    })
}

fn path_parts(template: &str, params: &[Param], pointer: &str) -> Result<Vec<PathPart>> {
    let mut parts = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let close = rest[open..].find('}').map(|i| open + i).ok_or_else(|| Error::Invalid {
            pointer: pointer.to_owned(),
            message: format!("unclosed '{{' in path template '{template}'"),
        })?;
        if open > 0 {
            parts.push(PathPart::Literal(rest[..open].to_owned()));
        }
        let name = &rest[open + 1..close];
        let param = params
            .iter()
            .find(|p| p.location == ParamLocation::Path && p.wire_name == name)
            .ok_or_else(|| Error::Invalid {
                pointer: pointer.to_owned(),
                message: format!("path template names '{{{name}}}' but no path parameter '{name}' is defined"),
            })?;
        parts.push(PathPart::Param(param.rust_name.clone()));
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        parts.push(PathPart::Literal(rest.to_owned()));
    }
    if let Some(unused) = params.iter().find(|p| {
        p.location == ParamLocation::Path && !parts.contains(&PathPart::Param(p.rust_name.clone()))
    }) {
        return Err(Error::Invalid {
            pointer: pointer.to_owned(),
            message: format!("path parameter '{}' does not appear in the path template", unused.wire_name),
        });
    }
    Ok(parts)
}

/// Picks the media type the client sends or expects: JSON first, then form, text, anything.
/// How a media type is encoded, from its essence (RFC 9110 §8.3.1: case-insensitive, before
/// any parameter).
fn classify_media(name: &str) -> BodyMedia {
    let essence = name.split(';').next().unwrap_or(name).trim().to_ascii_lowercase();
    if essence == "application/json" || essence.ends_with("+json") {
        BodyMedia::Json
    } else if essence == "application/x-www-form-urlencoded" {
        BodyMedia::Form
    } else if essence == "multipart/form-data" {
        BodyMedia::Multipart
    } else if essence.starts_with("text/") {
        BodyMedia::Text
    } else {
        BodyMedia::Bytes
    }
}

/// The media type a body is read or sent as by default: JSON, then form, multipart, text,
/// raw bytes; the first of the document's order among equals.
fn pick_media(content: &indexmap::IndexMap<String, MediaType>) -> Option<(BodyMedia, &str, &MediaType)> {
    let rank = |media: BodyMedia| match media {
        BodyMedia::Json => 0,
        BodyMedia::Form => 1,
        BodyMedia::Multipart => 2,
        BodyMedia::Text => 3,
        BodyMedia::Bytes => 4,
    };
    content
        .iter()
        .map(|(name, media_type)| (classify_media(name), name.as_str(), media_type))
        .min_by_key(|(media, _, _)| rank(*media))
}

fn body_type(
    media: BodyMedia,
    media_name: &str,
    media_type: &MediaType,
    hint: &str,
    pointer: &str,
    types: &mut TypeSpace<'_>,
) -> Result<TypeRef> {
    Ok(match (media, &media_type.schema) {
        (BodyMedia::Text, _) => TypeRef::String,
        (BodyMedia::Bytes, _) => TypeRef::Bytes,
        (_, Some(schema)) => types.type_ref(
            schema,
            hint,
            &pointer_push(&pointer_push(&pointer_push(pointer, "content"), media_name), "schema"),
        )?,
        (_, None) => TypeRef::Json,
    })
}

fn request_body(
    spec: &OpenAPI,
    tree: &Value,
    raw: &RawOperation<'_>,
    op_pascal: &str,
    arg_names: &mut Scope,
    types: &mut TypeSpace<'_>,
) -> Result<Option<RequestBody>> {
    let Some(body) = &raw.op.request_body else {
        return Ok(None);
    };
    let pointer = pointer_push(&raw.pointer, "requestBody");
    let bodies = spec.components.as_ref().map(|c| &c.request_bodies);
    let (body, at) = resolve(body, bodies, "#/components/requestBodies/", &pointer)?;
    let Some((media, media_name, media_type)) = pick_media(&body.content) else {
        return Ok(None);
    };
    let ty = body_type(media, media_name, media_type, &format!("{op_pascal}Request"), &at, types)?;
    let encoding_at = |name: &str| {
        format!("{}/content/{}/encoding", at.trim_start_matches('#'), name.replace('~', "~0").replace('/', "~1"))
    };
    let mut media = media;
    let mut parts = Vec::new();
    if media == BodyMedia::Multipart {
        match multipart_parts(&ty, media_type, types) {
            Some(found) => parts = found,
            // Without known properties there are no parts to type: the caller sends the bytes.
            None => media = BodyMedia::Bytes,
        }
    }
    let ty = if media == BodyMedia::Bytes { TypeRef::Bytes } else { ty };
    let encodings = if media == BodyMedia::Form {
        form_encodings(media_type, tree.pointer(&encoding_at(media_name)))
    } else {
        Vec::new()
    };

    // The other media types the same value can be sent as. A structured value goes as JSON,
    // a form or multipart parts when its schema is the same (forms and parts need an object
    // with known properties); text as other text types; bytes as other byte types.
    let mut alternatives = Vec::new();
    let mut short_names = std::collections::BTreeSet::new();
    for (name, alternative) in body.content.iter().filter(|(name, _)| name.as_str() != media_name) {
        let alt_media = classify_media(name);
        let has_fields = types.struct_fields_of(&ty).is_some();
        let fits = match (media, alt_media) {
            (BodyMedia::Json | BodyMedia::Form | BodyMedia::Multipart, BodyMedia::Json) => {
                alternative.schema == media_type.schema
            }
            (BodyMedia::Json | BodyMedia::Form | BodyMedia::Multipart, BodyMedia::Form | BodyMedia::Multipart) => {
                alternative.schema == media_type.schema && has_fields
            }
            (BodyMedia::Text, BodyMedia::Text) | (BodyMedia::Bytes, BodyMedia::Bytes) => true,
            _ => false,
        };
        if !fits {
            continue;
        }
        let short = short_media_name(name, alt_media);
        // Two media types with one short name (`application/json`, `text/json`): the full one.
        let short = if short_names.insert(short.clone()) { short } else { snake(&name.replace('/', "_")) };
        alternatives.push(BodyAlternative {
            setter: arg_names.claim(format!("body_as_{short}")),
            media: alt_media,
            content_type: name.clone(),
            parts: if alt_media == BodyMedia::Multipart {
                multipart_parts(&ty, alternative, types).unwrap_or_default()
            } else {
                Vec::new()
            },
            form_encodings: if alt_media == BodyMedia::Form {
                form_encodings(alternative, tree.pointer(&encoding_at(name)))
            } else {
                Vec::new()
            },
        });
    }
    Ok(Some(RequestBody {
        media,
        content_type: media_name.to_owned(),
        ty,
        required: body.required,
        description: text(&body.description),
        parts,
        form_encodings: encodings,
        alternatives,
    }))
}

/// When a multipart property of type `ty` is a list of files: whether its items may be `null`.
fn file_list(ty: &TypeRef) -> Option<bool> {
    let TypeRef::Array(item) = ty else { return None };
    match item.as_ref() {
        TypeRef::Bytes => Some(false),
        TypeRef::Nullable(inner) if **inner == TypeRef::Bytes => Some(true),
        _ => None,
    }
}

/// The parts of a `multipart/form-data` body of type `ty`: one per field of its struct, with
/// the `encoding`'s `contentType`; `None` when `ty` is not a struct.
fn multipart_parts(ty: &TypeRef, media_type: &MediaType, types: &TypeSpace<'_>) -> Option<Vec<MultipartPart>> {
    let fields = types.struct_fields_of(ty)?;
    Some(
        fields
            .iter()
            .map(|field| MultipartPart {
                wire_name: field.wire_name.clone(),
                field: field.name.clone(),
                binary: field.ty == TypeRef::Bytes || file_list(&field.ty).is_some(),
                files: file_list(&field.ty).is_some(),
                null_items: file_list(&field.ty) == Some(true),
                optional: !field.required || field.nullable,
                explicit_null: !field.required && field.nullable,
                content_type: media_type.encoding.get(&field.wire_name).and_then(|e| e.content_type.clone()),
            })
            .collect(),
    )
}

/// The short name of a media type in a builder method: `form`, `multipart`, or its subtype
/// in snake case (`merge_patch_json` for `application/merge-patch+json`, `csv`).
fn short_media_name(name: &str, media: BodyMedia) -> String {
    match media {
        BodyMedia::Form => "form".to_owned(),
        BodyMedia::Multipart => "multipart".to_owned(),
        _ => {
            let essence = name.split(';').next().unwrap_or(name).trim();
            let subtype = essence.split_once('/').map_or(essence, |(_, sub)| sub);
            let short = snake(subtype);
            if short.is_empty() { "other".to_owned() } else { short }
        }
    }
}

/// The `encoding` entries of a form body that change how a field is written (`style`,
/// `explode`, `allowReserved`), with OpenAPI's defaults filled in. `explode` is read from the
/// document's tree (`raw`, the `encoding` map): `openapiv3` turns a missing one into `false`,
/// but OpenAPI's default is `true` for `form`.
fn form_encodings(media_type: &MediaType, raw: Option<&Value>) -> Vec<FormEncoding> {
    media_type
        .encoding
        .iter()
        .filter_map(|(name, encoding)| {
            let explicit_explode = raw.and_then(|r| r.get(name)).and_then(|e| e.get("explode")).and_then(Value::as_bool);
            if encoding.style.is_none() && explicit_explode.is_none() && !encoding.allow_reserved {
                return None;
            }
            let style = match encoding.style.as_ref().unwrap_or(&QueryStyle::Form) {
                QueryStyle::Form => ParamStyle::Form,
                QueryStyle::SpaceDelimited => ParamStyle::SpaceDelimited,
                QueryStyle::PipeDelimited => ParamStyle::PipeDelimited,
                QueryStyle::DeepObject => ParamStyle::DeepObject,
            };
            Some(FormEncoding {
                wire_name: name.clone(),
                style,
                explode: explicit_explode.unwrap_or(style == ParamStyle::Form),
                allow_reserved: encoding.allow_reserved,
            })
        })
        .collect()
}

fn responses(
    spec: &OpenAPI,
    raw: &RawOperation<'_>,
    op_pascal: &str,
    types: &mut TypeSpace<'_>,
) -> Result<(Vec<Response>, Vec<Response>)> {
    let pointer = pointer_push(&raw.pointer, "responses");
    let components = spec.components.as_ref().map(|c| &c.responses);
    let mut entries: Vec<(Status, &ReferenceOr<openapiv3::Response>)> = Vec::new();
    for (code, response) in &raw.op.responses.responses {
        let status = match code {
            StatusCode::Code(code) => Status::Code(*code),
            StatusCode::Range(range) => Status::Range(*range),
        };
        entries.push((status, response));
    }
    // Most specific first: codes, then ranges (the order decoding tries them in).
    entries.sort_by_key(|(status, _)| matches!(status, Status::Range(_)));
    if let Some(default) = &raw.op.responses.default {
        entries.push((Status::Default, default));
    }
    let successes = entries.iter().filter(|(s, _)| s.is_success()).count();
    // Without any 2xx answer, `default` describes the successful one too.
    let default_succeeds = successes == 0;
    let (mut success, mut errors) = (Vec::new(), Vec::new());
    for (status, response) in entries {
        let key = status.to_string();
        let response_pointer = pointer_push(&pointer, &key);
        let (response, at) = resolve(response, components, "#/components/responses/", &response_pointer)?;
        let ok = status.is_success() || (status == Status::Default && default_succeeds);
        let hint = match (ok, successes) {
            (true, 0 | 1) => format!("{op_pascal}Response"),
            (true, _) => format!("{op_pascal}Response{key}"),
            (false, _) => format!("{op_pascal}Error{}", pascal(&key)),
        };
        // An answer to HEAD, a 204 and a 304 carry no content whatever the document says
        // (RFC 9110 §9.3.2, §15.3.5, §15.4.5; RFC 9112 §6.3: the message ends after its
        // headers), so there is nothing to decode.
        let no_content = indexmap::IndexMap::new();
        let content = if raw.method == HttpMethod::Head || matches!(status, Status::Code(204 | 304)) {
            &no_content
        } else {
            &response.content
        };
        let body = match pick_media(content) {
            // A multipart answer is handed over as bytes.
            Some((BodyMedia::Multipart, _, _)) => Some(ResponseBody {
                media: BodyMedia::Bytes,
                ty: TypeRef::Bytes,
            }),
            Some((media, media_name, media_type)) => Some(ResponseBody {
                media,
                ty: body_type(media, media_name, media_type, &hint, &at, types)?,
            }),
            None => None,
        };
        let headers = response
            .headers
            .iter()
            .map(|(name, header)| ResponseHeader {
                wire_name: name.clone(),
                description: header.as_item().and_then(|h| text(&h.description)),
            })
            .collect();
        let entry = Response {
            status,
            description: super::markdown::without_rust_blocks(&response.description).into_owned(),
            body,
            headers,
        };
        if ok {
            if status == Status::Default {
                // Still documents the error answers.
                errors.push(entry.clone());
            }
            success.push(entry);
        } else {
            errors.push(entry);
        }
    }
    Ok((success, errors))
}

/// The document's servers; the enum's setter is claimed in `setters` when there is one.
fn servers(spec: &OpenAPI, raw: &Value, setters: &mut Scope) -> Servers {
    let enum_name = raw
        .get(ext::SERVER_ENUM)
        .and_then(Value::as_str)
        .map_or_else(|| "Environment".to_owned(), pascal);
    let enum_name = Scope::with_taken(CLIENT_NAMES.iter().copied()).claim(enum_name);
    let setter = if spec.servers.is_empty() { snake(&enum_name) } else { setters.claim(snake(&enum_name)) };
    let mut names = Scope::default();
    let servers = spec
        .servers
        .iter()
        .enumerate()
        .map(|(index, server)| {
            let extension = |key: &str| server.extensions.get(key).and_then(Value::as_str).map(str::to_owned);
            let candidate = extension(ext::RUST_NAME)
                .or_else(|| server.description.clone())
                .map_or_else(|| format!("Server{}", index + 1), |n| pascal(&n));
            let url = substitute_variables(&server.url, server.variables.as_ref());
            Server {
                name: names.claim(candidate),
                url: url.trim_end_matches('/').to_owned(),
                token_url: extension(ext::TOKEN_URL).map(|u| u.trim_end_matches('/').to_owned()),
                description: text(&server.description),
            }
        })
        .collect();
    Servers { enum_name, setter, servers }
}

fn request_id(raw: &Value) -> RequestId {
    let text_list = |value: Option<&Value>| -> Vec<String> {
        match value {
            Some(Value::String(one)) => vec![one.clone()],
            Some(Value::Array(many)) => many.iter().filter_map(Value::as_str).map(str::to_owned).collect(),
            _ => Vec::new(),
        }
    };
    RequestId {
        request_header: raw.get(ext::REQUEST_ID).and_then(Value::as_str).map(str::to_owned),
        response_headers: text_list(raw.get(ext::RESPONSE_REQUEST_ID)),
    }
}

/// Fills server variables with their defaults.
fn substitute_variables(
    url: &str,
    variables: Option<&indexmap::IndexMap<String, openapiv3::ServerVariable>>,
) -> String {
    variables.into_iter().flatten().fold(url.to_owned(), |url, (name, variable)| {
        url.replace(&format!("{{{name}}}"), &variable.default)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_derived_from_method_and_path() {
        assert_eq!(snake(&derived_name(HttpMethod::Get, "/users/{id}/posts")), "get_users_by_id_posts");
        assert_eq!(snake(&derived_name(HttpMethod::Delete, "/")), "delete");
    }
}
