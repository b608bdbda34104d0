//! The intermediate model: what the generated crate contains, free of any OpenAPI types.
//!
//! The builder ([`build`]) turns a loaded document into an [`Api`]; the emitter reads only this
//! model. Every name in it is already a valid, unique Rust identifier, and every list is in a
//! deterministic order, so the model can be snapshot-tested as plain `Debug`.

mod build;
pub mod cli;
mod features;
mod markdown;
mod recursion;
mod refs;
mod schema;
mod security;

pub use build::build;

/// Everything the generated crate is made from.
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    /// `info.title` on one line (each run of whitespace, line breaks included, one space): it
    /// names the API in one-line places, a heading, a summary, the package description.
    pub title: String,
    /// `info.description`.
    pub description: Option<String>,
    /// `info.version`: the version of the API, not of the crate.
    pub api_version: String,
    /// The `openapi` field of the document, e.g. `3.1.0`.
    pub openapi_version: String,
    /// The servers a client can be pointed at; the first is the default.
    pub servers: Servers,
    /// The security schemes some requirement names, sorted by name (OpenAPI 3.0.3 §4.7.27);
    /// requirements refer to them by index.
    pub security_schemes: Vec<SecurityScheme>,
    /// Required header parameters every authenticated operation takes; set once on the client.
    pub client_parameters: Vec<ClientParameter>,
    /// Request ids: the header a fresh id is sent in, and where the server's id comes back.
    pub request_id: RequestId,
    /// Named types, sorted by name.
    pub types: Vec<TypeDef>,
    /// Component schemas of the same shape as a type of [`Api::types`], declared as another
    /// name of it; sorted by name.
    pub aliases: Vec<TypeAlias>,
    /// Cargo features, one per tag of the document, sorted by name; all on by default.
    pub features: Vec<String>,
    /// Operations, in document order (paths, then methods in a fixed order).
    pub operations: Vec<Operation>,
    /// Extra Markdown for the crate's README (the document's `x-readme`).
    pub readme: Option<String>,
    /// The names of the crate's command-line tool.
    pub cli: Cli,
}

/// The command-line tool of the crate (its `cli` feature): a command per operation, grouped
/// by tag, and options that configure the client. Names are kebab-case ASCII; commands are
/// unique among their siblings, options among a command's options and the global ones
/// ([`cli::FIXED_OPTIONS`] included, and [`cli::ALL_PAGES`] for a paginated list).
#[derive(Debug, Clone, PartialEq)]
pub struct Cli {
    /// The global option of each client parameter (parallel to [`Api::client_parameters`]).
    pub parameter_options: Vec<String>,
    /// The global option of each security scheme that takes a credential of its own: an
    /// API key, or HTTP Basic as `USER:PASSWORD` (parallel to [`Api::security_schemes`]);
    /// `None` for the others, which take the shared `--client-id`, `--client-secret` and
    /// `--token`.
    pub scheme_options: Vec<Option<String>>,
    /// The global option that picks a server, when the document has more than one.
    pub server_option: Option<String>,
    /// The value of that option for each server (parallel to [`Servers::servers`]; empty
    /// without the option).
    pub server_values: Vec<String>,
    /// A group per tag that some operation has first, in order of first use.
    pub groups: Vec<CliGroup>,
    /// The commands of operations without tags, beside the groups.
    pub commands: Vec<CliCommand>,
}

/// The commands of the operations whose first tag is one tag.
#[derive(Debug, Clone, PartialEq)]
pub struct CliGroup {
    /// Command name: the tag in kebab case.
    pub name: String,
    /// The tag's description.
    pub about: Option<String>,
    /// Its commands, in operation order.
    pub commands: Vec<CliCommand>,
}

/// The command of one operation.
#[derive(Debug, Clone, PartialEq)]
pub struct CliCommand {
    /// Command name: the operation's name without the words of its group's tag when that
    /// stays unique, its whole name in kebab case otherwise.
    pub name: String,
    /// Index into [`Api::operations`].
    pub operation: usize,
    /// The option of each parameter (parallel to [`Operation::params`]).
    pub options: Vec<String>,
}

/// The document's servers, as a choice the client builder offers.
#[derive(Debug, Clone, PartialEq)]
pub struct Servers {
    /// Name of the generated enum (e.g. `Region`), unique among the crate root's names.
    pub enum_name: String,
    /// The `ClientBuilder` method that picks one (e.g. `region`), unique among the builder's
    /// methods; there is none when the document lists no server.
    pub setter: String,
    /// The servers, in document order.
    pub servers: Vec<Server>,
}

/// One server of the document.
#[derive(Debug, Clone, PartialEq)]
pub struct Server {
    /// Enum variant name.
    pub name: String,
    /// Base URL of the API, without a trailing slash.
    pub url: String,
    /// Base URL of the token endpoint when it differs from `url`.
    pub token_url: Option<String>,
    /// Human description.
    pub description: Option<String>,
}

/// A way of presenting credentials, from `components.securitySchemes`.
#[derive(Debug, Clone, PartialEq)]
pub struct SecurityScheme {
    /// The scheme's name in the document.
    pub name: String,
    /// Name of the builder setter that configures it (unique among the builder's methods).
    pub setter: String,
    /// Description from the document.
    pub description: Option<String>,
    /// What is sent, and where.
    pub kind: SchemeKind,
}

/// What a security scheme sends.
#[derive(Debug, Clone, PartialEq)]
pub enum SchemeKind {
    /// `type: apiKey`: a key in a header, query parameter or cookie of the given name.
    ApiKey {
        /// Where the key goes.
        location: ApiKeyLocation,
        /// Header, query parameter or cookie name.
        name: String,
    },
    /// `type: http, scheme: basic`: `Authorization: Basic base64(user:password)` (RFC 7617).
    Basic,
    /// `type: http` with any other scheme: a token the user supplies, in `Authorization`.
    Bearer {
        /// `bearerFormat`, documentation only.
        format: Option<String>,
        /// `Authorization` value with a `{token}` placeholder; `None` is `Bearer {token}`.
        template: Option<String>,
    },
    /// `type: oauth2` with a `clientCredentials` flow: tokens requested from `token_url`
    /// (absolute, or relative to the server's token base URL; `{Header}` placeholders are
    /// filled from client parameters), cached and renewed.
    ClientCredentials {
        /// `flows.clientCredentials.tokenUrl`.
        token_url: String,
        /// Every scope a requirement asks of this scheme, sorted.
        scopes: Vec<String>,
        /// Whether the token request authenticates with HTTP Basic (`client_secret_basic`)
        /// rather than form fields (`client_secret_post`), RFC 6749 §2.3.1.
        secret_in_basic: bool,
        /// `Authorization` value with a `{token}` placeholder; `None` is `Bearer {token}`.
        template: Option<String>,
    },
    /// Other OAuth2 flows and OpenID Connect: tokens from a source the user supplies.
    TokenSource {
        /// `Authorization` value with a `{token}` placeholder; `None` is `Bearer {token}`.
        template: Option<String>,
    },
    /// `type: mutualTLS` (OpenAPI 3.1 §4.8.27): a client certificate, presented by the
    /// `reqwest::Client` the user supplies (built with its `Identity`).
    MutualTls,
}

/// Where an API key goes (OpenAPI 3.0.3 §4.7.27, `in`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApiKeyLocation {
    /// A request header.
    Header,
    /// A query parameter.
    Query,
    /// A cookie.
    Cookie,
}

/// One Security Requirement Object: all of these schemes together (indices into
/// [`Api::security_schemes`]). No schemes: anonymous access is allowed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Requirement {
    /// The schemes, in document order.
    pub schemes: Vec<usize>,
}

/// Request id headers, from the document's extensions.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RequestId {
    /// Header in which every logical call sends a fresh UUID.
    pub request_header: Option<String>,
    /// Response headers that carry the server's id for a call, first found wins.
    pub response_headers: Vec<String>,
}

/// A header set once on the client and sent with every authenticated call.
#[derive(Debug, Clone, PartialEq)]
pub struct ClientParameter {
    /// Header name on the wire.
    pub wire_name: String,
    /// Name of the builder setter.
    pub rust_name: String,
    /// Description from the document.
    pub description: Option<String>,
}

/// A named type of the generated crate.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    /// Rust type name (PascalCase, unique).
    pub name: String,
    /// Where in the document the schema is, as a JSON pointer.
    pub origin: String,
    /// Description from the document.
    pub description: Option<String>,
    /// Whether the schema is marked `deprecated`.
    pub deprecated: bool,
    /// What the type is.
    pub kind: TypeKind,
    /// The cargo features (one per tag) of the operations that use it: it is compiled when
    /// any of them is on. Empty: always compiled.
    pub features: Vec<String>,
}

/// A second name for a type: a component schema of the same shape as another type.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeAlias {
    /// Rust type name of the component.
    pub name: String,
    /// The type it names (in [`Api::types`]).
    pub target: String,
    /// Where in the document the component is, as a JSON pointer.
    pub origin: String,
    /// Description from the document.
    pub description: Option<String>,
    /// The cargo features that compile it (those of its target).
    pub features: Vec<String>,
}

/// The shape of a named type.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    /// An object with known properties.
    Struct {
        /// Fields in document order.
        fields: Vec<Field>,
        /// What happens to keys the document does not list.
        additional: Additional,
    },
    /// A string enum. Values the document does not list decode to an `Unknown` variant.
    StringEnum {
        /// The listed values.
        variants: Vec<EnumVariant>,
    },
    /// An integer enum. Values the document does not list decode to an `Unknown` variant.
    IntegerEnum {
        /// The listed values, with their variant names.
        variants: Vec<(String, i64)>,
    },
    /// A value that may be one of several types, tried in order (untagged).
    Untagged {
        /// The alternatives.
        variants: Vec<UntaggedVariant>,
    },
    /// A value whose kind is named by one of its properties (a `discriminator`). Values of
    /// kinds the document does not list are kept as JSON.
    Tagged {
        /// The discriminating property, on the wire.
        property: String,
        /// The kinds.
        variants: Vec<TaggedVariant>,
    },
    /// A component schema that contains itself through lists or maps alone, with no other
    /// declared type on the way (`Tree: {type: array, items: {$ref: Tree}}`): what it stands for
    /// names it, which a type alias cannot do, so it is a one-field tuple struct, the same as
    /// `inner` on the wire.
    Newtype {
        /// What the schema stands for: a list or map that leads back to this type.
        inner: TypeRef,
    },
}

/// Keys of an object beyond its listed properties (`additionalProperties`, OpenAPI 3.0 §4.7.24.1).
#[derive(Debug, Clone, PartialEq)]
pub enum Additional {
    /// The schema does not say: extra keys are ignored on decode and never sent.
    Ignored,
    /// `additionalProperties: false`: the document forbids extra keys; a client still ignores
    /// them on decode (a server that adds a key must not break it) and never sends any.
    Forbidden,
    /// `additionalProperties: true` or a schema: extra keys are kept in a map field, flattened
    /// into the object on the wire, so they are sent back unchanged.
    Kept {
        /// Rust name of the map field (unique among the struct's fields).
        name: String,
        /// Type of one value.
        ty: TypeRef,
    },
}

/// A kind of a tagged type.
#[derive(Debug, Clone, PartialEq)]
pub struct TaggedVariant {
    /// Rust variant name.
    pub name: String,
    /// Values of the discriminating property that select this kind.
    pub values: Vec<String>,
    /// The kind's type.
    pub ty: TypeRef,
    /// Whether the value is boxed because it contains its own type.
    pub boxed: bool,
}

/// A struct field.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// Rust field name (snake_case, unique in its struct).
    pub name: String,
    /// Property name on the wire.
    pub wire_name: String,
    /// Field type, before `Option` wrapping; never [`TypeRef::Nullable`] at the top (that is
    /// `nullable`).
    pub ty: TypeRef,
    /// Whether the property is required.
    pub required: bool,
    /// Whether `null` is an allowed value (the property's schema is nullable, or the component
    /// it refers to is). An optional nullable field has three states: absent, null, a value.
    pub nullable: bool,
    /// Description from the document.
    pub description: Option<String>,
    /// Whether the property is marked `deprecated`.
    pub deprecated: bool,
    /// Whether the value is boxed because it contains its own type.
    pub boxed: bool,
    /// The documented default, as JSON text.
    pub default: Option<String>,
    /// `readOnly` (sent by the server only) or `writeOnly` (sent by the client only).
    pub access: Access,
}

/// Who sends a property.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Access {
    /// Both directions.
    #[default]
    ReadWrite,
    /// `readOnly`: only in responses, so never required of a request.
    ReadOnly,
    /// `writeOnly`: only in requests, so never required of a response.
    WriteOnly,
}

/// A variant of a string enum.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumVariant {
    /// Rust variant name.
    pub name: String,
    /// The value on the wire.
    pub value: String,
}

/// An alternative of an untagged type.
#[derive(Debug, Clone, PartialEq)]
pub struct UntaggedVariant {
    /// Rust variant name.
    pub name: String,
    /// Its type.
    pub ty: TypeRef,
    /// Whether the value is boxed because it contains its own type.
    pub boxed: bool,
}

/// A reference to a type, as used by fields, parameters and bodies.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TypeRef {
    /// A named type of [`Api::types`].
    Named(String),
    /// A UTF-8 string.
    String,
    /// A string that must never be printed (a password or a token).
    Secret,
    /// An 8-bit integer (`format: int8`).
    Int8,
    /// A 16-bit integer (`format: int16`).
    Int16,
    /// A 32-bit integer (`format: int32`).
    Int32,
    /// A 64-bit integer (`format: int64`, or no format).
    Int64,
    /// An unsigned 8-bit integer (`format: uint8`).
    Uint8,
    /// An unsigned 16-bit integer (`format: uint16`).
    Uint16,
    /// An unsigned 32-bit integer (`format: uint32`).
    Uint32,
    /// An unsigned 64-bit integer (`format: uint64`).
    Uint64,
    /// A floating-point number.
    Float,
    /// `true` or `false`.
    Boolean,
    /// An RFC 3339 timestamp (`format: date-time`).
    DateTime,
    /// A list.
    Array(Box<TypeRef>),
    /// An object with arbitrary keys.
    Map(Box<TypeRef>),
    /// Raw bytes (a non-JSON, non-text body).
    Bytes,
    /// Any JSON value.
    Json,
    /// `null` or a value of the inner type (`nullable: true`, 3.1 `type: [T, 'null']`, or a
    /// `$ref` to a component that is nullable). Never nested in itself.
    Nullable(Box<TypeRef>),
}

impl TypeRef {
    /// `ty` made nullable (once).
    pub fn nullable(ty: TypeRef) -> TypeRef {
        match ty {
            TypeRef::Nullable(_) | TypeRef::Json => ty,
            other => TypeRef::Nullable(Box::new(other)),
        }
    }

    /// The type without a top-level [`TypeRef::Nullable`], and whether there was one.
    pub fn split_nullable(self) -> (TypeRef, bool) {
        match self {
            TypeRef::Nullable(inner) => (*inner, true),
            other => (other, false),
        }
    }

    /// Whether this is an integer of any width.
    pub fn is_integer(&self) -> bool {
        matches!(
            self,
            TypeRef::Int8
                | TypeRef::Int16
                | TypeRef::Int32
                | TypeRef::Int64
                | TypeRef::Uint8
                | TypeRef::Uint16
                | TypeRef::Uint32
                | TypeRef::Uint64
        )
    }

    /// The type with every [`TypeRef::Nullable`] removed, also inside lists and maps.
    pub fn without_null(self) -> TypeRef {
        match self {
            TypeRef::Nullable(inner) => inner.without_null(),
            TypeRef::Array(item) => TypeRef::Array(Box::new(item.without_null())),
            TypeRef::Map(value) => TypeRef::Map(Box::new(value.without_null())),
            other => other,
        }
    }
}

/// One API operation: one method of the client.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// The operationId from the document.
    pub id: String,
    /// Rust method name (snake_case, unique).
    pub method_name: String,
    /// Name of the operation's request builder (in the crate's `operations` module): what
    /// the method returns, holding the required arguments and a setter per optional one.
    pub builder: String,
    /// HTTP method.
    pub method: HttpMethod,
    /// Path template as in the document, e.g. `/items/{itemId}`, with the query string or
    /// fragment some documents write into it (`/rest?method=photos.get`, `/search?q={term}`,
    /// `/files/{id}#add_shared_link`); see [`split_path`].
    pub path: String,
    /// The path template (without query or fragment) split into literal text and parameters.
    pub path_parts: Vec<PathPart>,
    /// The fixed pairs of a query written into the path (`method=photos.get` of
    /// `/rest?method=photos.get`; the loader checked that they are `name=value` pairs of URL
    /// query characters, and made its `name={parameter}` pairs query parameters): sent as
    /// written on every call, before the query parameters.
    pub fixed_query: Option<String>,
    /// `summary`.
    pub summary: Option<String>,
    /// `description`.
    pub description: Option<String>,
    /// Whether the operation is marked `deprecated`.
    pub deprecated: bool,
    /// The cargo features of its tags: it is compiled when any of them is on. Empty (no
    /// tags): always compiled.
    pub features: Vec<String>,
    /// Parameters the method takes (client parameters excluded), path parameters first.
    /// Required ones are arguments; optional ones are setters of the request builder.
    pub params: Vec<Param>,
    /// The request body, if any.
    pub body: Option<RequestBody>,
    /// Documented 2xx answers, most specific first (codes, then `2XX`); an operation that
    /// lists no 2xx answer has its `default` here, as that then describes success too.
    pub success: Vec<Response>,
    /// Name of the enum of success answers, when they carry bodies of different types.
    pub success_enum: Option<String>,
    /// Documented error answers (4xx, 5xx, `default`).
    pub errors: Vec<Response>,
    /// The requirements a call must meet, any one of them (OpenAPI 3.0.3 §4.7.10
    /// `security`, or the top-level one); empty: anonymous.
    pub security: Vec<Requirement>,
    /// Whether a success answer holds a secret, so its body must never be quoted.
    pub sensitive: bool,
    /// The operation's own server, when it or its path item lists `servers` (OpenAPI 3.0.3
    /// §4.7.9, §4.7.10): the first one's URL, variables at their defaults, without a trailing
    /// `/`; absolute, or a path (`/upload`) on the host of the client's server. Calls go there
    /// instead of the client's server.
    pub server: Option<String>,
    /// How to walk all pages, when the operation is a paginated list.
    pub pagination: Option<Pagination>,
    /// The header that carries an idempotency key, for a POST or PATCH whose API accepts one
    /// (`x-idempotency-key-header` on the operation or the document): a call with a key may
    /// be retried like an idempotent one.
    pub idempotency_key: Option<String>,
}

/// A list operation that takes a continuation token and answers the next one.
#[derive(Debug, Clone, PartialEq)]
pub struct Pagination {
    /// The optional parameter that carries the token (Rust name, a setter of the builder).
    pub token_param: String,
    /// The response field with the next token.
    pub next_token_field: String,
    /// Whether that field is optional (an `Option`).
    pub next_token_optional: bool,
    /// Whether it is both optional and nullable (an `Option<Option<_>>`).
    pub next_token_nested: bool,
    /// The response field with the page's items.
    pub items_field: String,
    /// Whether the items field is optional in the response.
    pub items_optional: bool,
    /// Whether it is both optional and nullable (an `Option<Option<_>>`).
    pub items_nested: bool,
    /// Type of one item.
    pub item: TypeRef,
}

/// HTTP method of an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum HttpMethod {
    /// GET
    Get,
    /// PUT
    Put,
    /// POST
    Post,
    /// DELETE
    Delete,
    /// OPTIONS
    Options,
    /// HEAD
    Head,
    /// PATCH
    Patch,
    /// TRACE
    Trace,
}

impl HttpMethod {
    /// The method as written on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Put => "PUT",
            HttpMethod::Post => "POST",
            HttpMethod::Delete => "DELETE",
            HttpMethod::Options => "OPTIONS",
            HttpMethod::Head => "HEAD",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Trace => "TRACE",
        }
    }
}

/// A piece of a path template.
#[derive(Debug, Clone, PartialEq)]
pub enum PathPart {
    /// Literal text, sent as written.
    Literal(String),
    /// A path parameter, by its Rust name; percent-encoded into one segment.
    Param(String),
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamLocation {
    /// In the path.
    Path,
    /// In the query string.
    Query,
    /// In a header.
    Header,
    /// In the `Cookie` header.
    Cookie,
}

/// How a parameter's value is written (OpenAPI 3.x, Parameter Object, "Style Values"; the
/// runtime's `params` module does the writing).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamStyle {
    /// `simple`: `blue,black` (path and header default).
    Simple,
    /// `label`: `.blue.black` (path).
    Label,
    /// `matrix`: `;color=blue` (path).
    Matrix,
    /// `form`: `color=blue&color=black` (query and cookie default).
    Form,
    /// `spaceDelimited`: `color=blue%20black` (query).
    SpaceDelimited,
    /// `pipeDelimited`: `color=blue%7Cblack` (query).
    PipeDelimited,
    /// `deepObject`: `color%5BR%5D=100` (query).
    DeepObject,
}

/// A parameter of an operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    /// Name on the wire.
    pub wire_name: String,
    /// Rust argument name.
    pub rust_name: String,
    /// Where it goes.
    pub location: ParamLocation,
    /// Whether it is required (path parameters always are).
    pub required: bool,
    /// Its type. A parameter is text on the wire, which has no `null`: nullable schemas take
    /// their non-null type here (an optional parameter is left out instead).
    pub ty: TypeRef,
    /// Description from the document.
    pub description: Option<String>,
    /// `style`, with OpenAPI's default for the location when absent.
    pub style: ParamStyle,
    /// `explode`, with OpenAPI's default for the style when absent (`true` only for `form`).
    pub explode: bool,
    /// `allowReserved` (query parameters): reserved characters are sent unencoded.
    pub allow_reserved: bool,
}

/// A request body.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestBody {
    /// How it is encoded.
    pub media: BodyMedia,
    /// The media type sent as `Content-Type`.
    pub content_type: String,
    /// Its type.
    pub ty: TypeRef,
    /// Whether the body must be sent.
    pub required: bool,
    /// Description from the document.
    pub description: Option<String>,
    /// For `multipart/form-data`: one part per field of the body's struct, in field order.
    pub parts: Vec<MultipartPart>,
    /// For `application/x-www-form-urlencoded`: the fields whose `encoding` sets `style`,
    /// `explode` or `allowReserved` (the others are written `form`, exploded).
    pub form_encodings: Vec<FormEncoding>,
    /// The other media types of the Request Body Object's `content` that the same value can
    /// be sent as (same schema; an encoder the runtime has), in document order. The builder
    /// sends `content_type` unless the caller picks one of these.
    pub alternatives: Vec<BodyAlternative>,
}

/// Another media type a request body can be sent as, picked with a builder method.
#[derive(Debug, Clone, PartialEq)]
pub struct BodyAlternative {
    /// Name of the builder method that picks it, e.g. `body_as_form`.
    pub setter: String,
    /// How it is encoded.
    pub media: BodyMedia,
    /// The media type sent as `Content-Type`.
    pub content_type: String,
    /// As [`RequestBody::parts`], for `multipart/form-data`.
    pub parts: Vec<MultipartPart>,
    /// As [`RequestBody::form_encodings`], for `application/x-www-form-urlencoded`.
    pub form_encodings: Vec<FormEncoding>,
}

/// How a field of an `application/x-www-form-urlencoded` body is written (OpenAPI 3.x,
/// Encoding Object: as a query parameter of that style).
#[derive(Debug, Clone, PartialEq)]
pub struct FormEncoding {
    /// The field's name on the wire.
    pub wire_name: String,
    /// `style`, `form` when absent.
    pub style: ParamStyle,
    /// `explode`, with OpenAPI's default for the style when absent.
    pub explode: bool,
    /// `allowReserved`.
    pub allow_reserved: bool,
}

/// A part of a `multipart/form-data` body: a field of the body's struct.
#[derive(Debug, Clone, PartialEq)]
pub struct MultipartPart {
    /// Part name (the property's name on the wire).
    pub wire_name: String,
    /// The struct field that holds it.
    pub field: String,
    /// Whether it is file contents (`format: binary`), sent as a file part.
    pub binary: bool,
    /// Whether it is a list of files (an array of `format: binary`), sent as one file part
    /// per item, each under the property's name (OpenAPI 3.0.3, "Special Considerations for
    /// multipart Content", uploading multiple files; RFC 7578 §4.3). `binary` is then true.
    pub files: bool,
    /// Whether the items of a list of files may be `null` (`Vec<Option<Vec<u8>>>`); a `null`
    /// item sends no part, as a file part cannot carry `null`.
    pub null_items: bool,
    /// Whether the field is an `Option` (the property is optional or nullable).
    pub optional: bool,
    /// Whether it is an `Option<Option<_>>` (optional and nullable), whose `Some(None)` is an
    /// explicit `null`. A file part cannot carry `null` (RFC 7578 has no such value), so a
    /// binary part set to `null` is left out, as an absent one is.
    pub explicit_null: bool,
    /// The `contentType` of the property's `encoding`, when the document gives one.
    pub content_type: Option<String>,
}

/// Encoding of a body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyMedia {
    /// `application/json` (or `+json`).
    Json,
    /// `application/x-www-form-urlencoded`.
    Form,
    /// `multipart/form-data`: one part per property.
    Multipart,
    /// `text/plain`.
    Text,
    /// Anything else, as raw bytes.
    Bytes,
}

/// A documented response.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    /// The status (or statuses) it describes.
    pub status: Status,
    /// Description from the document.
    pub description: String,
    /// The body, if the response has one.
    pub body: Option<ResponseBody>,
    /// Headers the document declares on it, in document order.
    pub headers: Vec<ResponseHeader>,
}

/// Which answers a response describes (OpenAPI 3.x, Responses Object): an explicit code wins
/// over a range, a range over `default`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// One status code, e.g. `201`.
    Code(u16),
    /// Every code of a class, e.g. `2XX` as `Range(2)`.
    Range(u16),
    /// `default`: every status not described otherwise.
    Default,
}

impl Status {
    /// Whether it describes successful (2xx) answers; `default` does only when the operation
    /// lists no 2xx answer (the model then puts it among the successes).
    pub fn is_success(self) -> bool {
        match self {
            Status::Code(code) => (200..300).contains(&code),
            Status::Range(class) => class == 2,
            Status::Default => false,
        }
    }
}

impl std::fmt::Display for Status {
    /// As the document writes it: `201`, `2XX`, `default`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Status::Code(code) => write!(f, "{code}"),
            Status::Range(class) => write!(f, "{class}XX"),
            Status::Default => f.write_str("default"),
        }
    }
}

/// A header declared on a response.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseHeader {
    /// Header name on the wire.
    pub wire_name: String,
    /// Description from the document.
    pub description: Option<String>,
}

/// A response body.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseBody {
    /// How it is encoded.
    pub media: BodyMedia,
    /// Its type.
    pub ty: TypeRef,
}

/// A path key of the document as sent: the path template, and the query some documents write
/// into it (`/search?q={term}`); a fragment (`/files/{id}#add_shared_link`, which only tells
/// operations apart) is dropped, as RFC 3986 §3.5 has it never sent.
pub fn split_path(key: &str) -> (&str, Option<&str>) {
    let sent = key.split_once('#').map_or(key, |(sent, _)| sent);
    match sent.split_once('?') {
        Some((template, query)) => (template, Some(query)),
        None => (sent, None),
    }
}

impl Operation {
    /// What a request of this operation is matched by: the path template and its fixed
    /// query (`/rest?method=photos.get`; `/search` for `/search?q={term}`, whose query is
    /// parameters).
    pub fn route(&self) -> String {
        let (template, _) = split_path(&self.path);
        match &self.fixed_query {
            Some(query) => format!("{template}?{query}"),
            None => template.to_owned(),
        }
    }

    /// Whether calls present credentials: some requirement names a scheme. Client
    /// parameters are sent on these calls only.
    pub fn authenticated(&self) -> bool {
        self.security.iter().any(|r| !r.schemes.is_empty())
    }
}
