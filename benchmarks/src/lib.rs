//! Helpers of the benchmarks (see `BENCHMARKS.md` at the repository root):
//!
//! - [`synthetic_document`]: an OpenAPI document of N resources shaped like the Citrix Cloud
//!   one, for measuring how the generator scales (also the `synth` binary);
//! - [`LoopbackServer`]: a minimal keep-alive HTTP/1.1 server on 127.0.0.1 that answers like
//!   the Citrix Cloud token endpoint and `GET /resourcelocations`, for the client benchmarks;
//! - [`citrix_client`] and [`PlainClient`]: the generated client and the same call made with
//!   plain `reqwest`, both for that server;
//! - paths and settings of the bundled Citrix document.

use std::fmt::Write as _;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use std::time::Duration;

use citrix_cloud::types::ListResourceLocationsResponse;
use reqwest::header::{self, HeaderValue, ACCEPT, USER_AGENT};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// The repository root (the workspace this crate belongs to).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("benchmarks/ lives in the workspace root")
        .to_owned()
}

/// The bundled Citrix Cloud document, `spec/citrix-cloud-openapi.yml`.
pub fn citrix_spec() -> PathBuf {
    workspace_root().join("spec/citrix-cloud-openapi.yml")
}

/// The overlay of the bundled document, `spec/citrix-cloud-openapi.overlay.yml`.
pub fn citrix_overlay() -> PathBuf {
    workspace_root().join("spec/citrix-cloud-openapi.overlay.yml")
}

/// Settings as `cargo xtask regenerate` uses them for the bundled document.
pub fn citrix_settings() -> generator::Settings {
    generator::Settings::new("citrix-cloud", "cargo xtask regenerate")
}

/// Settings for a standalone crate named `name`, as `cargo xtask generate` uses them.
pub fn standalone_settings(name: &str, spec: &Path) -> generator::Settings {
    let mut settings = generator::Settings::new(
        name,
        format!("cargo xtask generate --spec {}", spec.display()),
    );
    settings.standalone = true;
    settings
}

/// Operations in a synthetic document of `resources` resources.
pub const OPERATIONS_PER_RESOURCE: usize = 4;

/// An OpenAPI 3.1 document (YAML) of `resources` resources shaped like the Citrix Cloud API
/// with its overlay applied: per resource a collection path with list and create, an item
/// path with get and delete (so `4 * resources` operations), a schema with string,
/// boolean, integer, `date-time` and enum properties, a create-request schema, a path
/// parameter, and the shared `Citrix-CustomerId` header parameter on every operation;
/// servers with token hosts, OAuth2 client credentials with a `CwsAuth` template and a
/// request id header, as the overlay adds them to the real document.
///
/// The text depends only on `resources`.
pub fn synthetic_document(resources: usize) -> String {
    // About 2.5 kB per resource.
    let mut out = String::with_capacity(2_000 + resources * 2_600);
    out.push_str(&format!(
        "openapi: 3.1.0
info:
  title: Synthetic Citrix-like API
  description: >-
    A generated document of {resources} resources shaped like the Citrix Cloud platform
    API, for benchmarking the generator.
  version: '1.0'
servers:
  - url: https://api.cloud.com
    description: United States
    x-rust-name: Us
    x-token-url: https://api-us.cloud.com
  - url: https://api.citrixcloud.jp
    description: Japan
    x-rust-name: Japan
    x-token-url: https://api.citrixcloud.jp
x-rust-server-enum: Region
x-request-id-header: Citrix-TransactionId
x-response-request-id-headers:
  - Citrix-TransactionId
  - X-Cws-TransactionId
security:
  - citrixClientCredentials: []
tags:
  - name: Resources
    description: Every resource of the synthetic API
paths:
"
    ));
    for i in 0..resources {
        let r = Resource::new(i);
        write_paths(&mut out, &r);
    }
    out.push_str(
        "components:
  securitySchemes:
    citrixClientCredentials:
      type: oauth2
      description: Service principal exchanged for a one-hour token.
      x-authorization-template: CwsAuth Bearer={token}
      flows:
        clientCredentials:
          tokenUrl: /cctrustoauth2/{Citrix-CustomerId}/tokens/clients
          scopes: {}
  parameters:
    CitrixCustomerId:
      name: Citrix-CustomerId
      in: header
      required: true
      description: Citrix Cloud customer ID header
      x-rust-name: customer_id
      schema:
        type: string
",
    );
    for i in 0..resources {
        let r = Resource::new(i);
        let _ = write!(
            out,
            "    {param}:
      name: {param}
      in: path
      required: true
      description: Unique identifier of the {lower}
      schema:
        type: string
",
            param = r.param,
            lower = r.lower,
        );
    }
    out.push_str("  schemas:\n");
    for i in 0..resources {
        let r = Resource::new(i);
        write_schemas(&mut out, &r);
    }
    out
}

/// Names of one synthetic resource: `Widget7` → `/widget7s`, `widget7Id`, `listWidget7s`…
struct Resource {
    /// `Widget7`
    name: String,
    /// `widget7`
    lower: String,
    /// `widget7Id`
    param: String,
}

impl Resource {
    fn new(index: usize) -> Self {
        // A few nouns so names look like an API's, numbered to keep them unique.
        const NOUNS: [&str; 8] = [
            "Widget",
            "Catalog",
            "Machine",
            "Session",
            "Policy",
            "Connector",
            "Site",
            "Zone",
        ];
        let name = format!("{}{}", NOUNS[index % NOUNS.len()], index / NOUNS.len());
        let mut lower = name.clone();
        lower[..1].make_ascii_lowercase();
        let param = format!("{lower}Id");
        Resource { name, lower, param }
    }
}

fn write_paths(out: &mut String, r: &Resource) {
    let Resource { name, lower, param } = r;
    let _ = write!(
        out,
        "  /{lower}s:
    get:
      operationId: list{name}s
      summary: List {lower}s
      description: >-
        Retrieve all {lower}s configured for the customer.
      tags: [Resources]
      parameters:
        - $ref: '#/components/parameters/CitrixCustomerId'
      responses:
        '200':
          description: List of {lower}s
          content:
            application/json:
              schema:
                type: object
                properties:
                  items:
                    type: array
                    items:
                      $ref: '#/components/schemas/{name}'
        '401':
          description: Unauthorized
    post:
      operationId: create{name}
      summary: Create a {lower}
      description: >-
        Create a new {lower} within the customer.
      tags: [Resources]
      parameters:
        - $ref: '#/components/parameters/CitrixCustomerId'
      requestBody:
        required: true
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/Create{name}Request'
      responses:
        '201':
          description: The {lower} was created
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/{name}'
        '400':
          description: Invalid request
        '401':
          description: Unauthorized
  /{lower}s/{{{param}}}:
    get:
      operationId: get{name}
      summary: Get a {lower}
      description: >-
        Retrieve details of a specific {lower} by ID.
      tags: [Resources]
      parameters:
        - $ref: '#/components/parameters/CitrixCustomerId'
        - $ref: '#/components/parameters/{param}'
      responses:
        '200':
          description: The {lower}
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/{name}'
        '401':
          description: Unauthorized
        '404':
          description: No such {lower}
    delete:
      operationId: delete{name}
      summary: Delete a {lower}
      description: >-
        Delete a {lower} by ID.
      tags: [Resources]
      parameters:
        - $ref: '#/components/parameters/CitrixCustomerId'
        - $ref: '#/components/parameters/{param}'
      responses:
        '204':
          description: The {lower} was deleted
        '401':
          description: Unauthorized
        '404':
          description: No such {lower}
"
    );
}

fn write_schemas(out: &mut String, r: &Resource) {
    let Resource { name, lower, .. } = r;
    let _ = write!(
        out,
        "    {name}:
      type: object
      required: [id, displayName]
      properties:
        id:
          type: string
          description: Unique identifier of the {lower}
        displayName:
          type: string
          description: Display name of the {lower}
        enabled:
          type: boolean
          description: Whether the {lower} is enabled
        capacity:
          type: integer
          format: int32
          description: How many sessions the {lower} takes
        state:
          type: string
          enum: [Active, Disabled, Pending]
          description: State of the {lower}
        createdAt:
          type: string
          format: date-time
          description: Creation timestamp
    Create{name}Request:
      type: object
      required: [displayName]
      properties:
        displayName:
          type: string
          description: Display name for the new {lower}
        enabled:
          type: boolean
          description: Whether the new {lower} starts enabled
"
    );
}

/// Writes [`synthetic_document`]`(resources)` to a file in the system's temporary folder
/// (named after the size, rewritten only when different) and returns its path.
pub fn synthetic_file(resources: usize) -> std::io::Result<PathBuf> {
    let dir = std::env::temp_dir().join("citrix-benchmarks");
    std::fs::create_dir_all(&dir)?;
    let path = dir.join(format!("synthetic-{resources}.yml"));
    let text = synthetic_document(resources);
    if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
        std::fs::write(&path, text)?;
    }
    Ok(path)
}

/// Customer id the loopback server expects in token paths.
pub const CUSTOMER_ID: &str = "cust-1";
/// Client id for the loopback token endpoint.
pub const CLIENT_ID: &str = "bench-client";
/// Client secret for the loopback token endpoint.
pub const CLIENT_SECRET: &str = "bench-secret";
/// The access token the loopback server issues.
pub const TOKEN: &str = "bench-token";
/// The `Authorization` value the Citrix client sends with [`TOKEN`].
pub const AUTHORIZATION: &str = "CwsAuth Bearer=bench-token";

/// The body of `GET /resourcelocations` (three resource locations, about 400 bytes).
pub const RESOURCE_LOCATIONS: &str = r#"{"items":[{"id":"7b6c6b1e-0d5a-4c8e-9a51-1f3f6a0c2d11","name":"Primary datacenter","internalOnly":false,"timeZone":"W. Europe Standard Time","readOnly":false},{"id":"0f7c5e2a-3b1d-4b6e-8f0a-9c4d2e1b7a33","name":"Secondary datacenter","internalOnly":false,"timeZone":"Eastern Standard Time","readOnly":false},{"id":"c2e9d8f1-6a4b-4d3c-b2a1-5e6f7a8b9c44","name":"Lab","internalOnly":true,"timeZone":"UTC","readOnly":true}]}"#;

const TOKEN_BODY: &str =
    r#"{"token_type":"bearer","access_token":"bench-token","expires_in":"3600"}"#;

#[derive(Default)]
struct Counters {
    token_requests: AtomicUsize,
    api_requests: AtomicUsize,
}

/// A minimal HTTP/1.1 server on 127.0.0.1 with keep-alive, run on its own thread (its own
/// single-threaded Tokio runtime) so that it does not share the measured runtime.
///
/// `POST …/tokens/clients` answers a token (`expires_in` "3600", as Citrix sends it); any
/// other request answers 200 with [`RESOURCE_LOCATIONS`]. Requests with a body must carry a
/// `Content-Length` (no chunked bodies), which is what the clients send.
pub struct LoopbackServer {
    addr: SocketAddr,
    counters: Arc<Counters>,
}

impl LoopbackServer {
    /// Binds to a free port on 127.0.0.1 and starts serving.
    pub fn start() -> std::io::Result<Self> {
        let std_listener = std::net::TcpListener::bind("127.0.0.1:0")?;
        std_listener.set_nonblocking(true)?;
        let addr = std_listener.local_addr()?;
        let counters = Arc::new(Counters::default());
        let served = counters.clone();
        std::thread::Builder::new()
            .name("loopback-server".into())
            .spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_io()
                    .build()
                    .expect("a Tokio runtime for the loopback server");
                runtime.block_on(async move {
                    let listener = TcpListener::from_std(std_listener).expect("the bound listener");
                    loop {
                        let Ok((stream, _)) = listener.accept().await else {
                            continue;
                        };
                        let _ = stream.set_nodelay(true);
                        tokio::spawn(serve(stream, served.clone()));
                    }
                });
            })?;
        Ok(LoopbackServer { addr, counters })
    }

    /// `http://127.0.0.1:<port>`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Token requests answered so far.
    pub fn token_requests(&self) -> usize {
        self.counters.token_requests.load(Ordering::SeqCst)
    }

    /// Other requests answered so far.
    pub fn api_requests(&self) -> usize {
        self.counters.api_requests.load(Ordering::SeqCst)
    }
}

/// Serves one connection until the peer closes it.
async fn serve(mut stream: TcpStream, counters: Arc<Counters>) {
    let mut buffer: Vec<u8> = Vec::with_capacity(4096);
    let mut chunk = [0u8; 4096];
    loop {
        // Read until a whole head and body are buffered.
        let (head_end, body_len) = loop {
            if let Some(end) = find(&buffer, b"\r\n\r\n") {
                let head_end = end + 4;
                let body_len = content_length(&buffer[..head_end]);
                if buffer.len() >= head_end + body_len {
                    break (head_end, body_len);
                }
            }
            match stream.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => buffer.extend_from_slice(&chunk[..n]),
            }
        };
        let is_token = {
            let line_end = find(&buffer, b"\r\n").unwrap_or(head_end);
            let line = &buffer[..line_end];
            line.starts_with(b"POST ") && find(line, b"/tokens/clients").is_some()
        };
        buffer.drain(..head_end + body_len);
        let body = if is_token {
            counters.token_requests.fetch_add(1, Ordering::SeqCst);
            TOKEN_BODY
        } else {
            counters.api_requests.fetch_add(1, Ordering::SeqCst);
            RESOURCE_LOCATIONS
        };
        let response = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
            body.len()
        );
        if stream.write_all(response.as_bytes()).await.is_err() {
            return;
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn content_length(head: &[u8]) -> usize {
    let head = String::from_utf8_lossy(head);
    head.lines()
        .filter_map(|line| line.split_once(':'))
        .find(|(name, _)| name.trim().eq_ignore_ascii_case("content-length"))
        .and_then(|(_, value)| value.trim().parse().ok())
        .unwrap_or(0)
}

/// A generated Citrix client pointed at `server` with client credentials; `http` shares a
/// connection pool between clients (each client still has its own, empty, token cache).
pub fn citrix_client(
    server: &LoopbackServer,
    http: Option<reqwest::Client>,
) -> Result<citrix_cloud::Client, citrix_cloud::Error> {
    let mut builder = citrix_cloud::Client::builder()
        .base_url(server.base_url())
        .customer_id(CUSTOMER_ID)
        .credentials(CLIENT_ID, CLIENT_SECRET);
    if let Some(http) = http {
        builder = builder.http_client(http);
    }
    builder.build()
}

/// `GET /resourcelocations` with plain `reqwest`, the way a hand-written client would make
/// the call the generated one makes: same headers (a request id of the same length as the
/// generated client's UUIDs), same per-request timeout, JSON decoded into the same type.
pub struct PlainClient {
    http: reqwest::Client,
    url: reqwest::Url,
    user_agent: HeaderValue,
    authorization: HeaderValue,
}

impl PlainClient {
    /// A client for `server`, configured as [`citrix_client`] configures the generated one.
    pub fn new(server: &LoopbackServer) -> Self {
        PlainClient {
            http: reqwest::Client::builder()
                .connect_timeout(Duration::from_secs(10))
                .build()
                .expect("a reqwest client"),
            url: format!("{}/resourcelocations", server.base_url())
                .parse()
                .expect("a URL"),
            user_agent: HeaderValue::from_static(concat!("citrix-cloud/", "0.1.0")),
            authorization: HeaderValue::from_static(AUTHORIZATION),
        }
    }

    /// `GET /resourcelocations`, decoded; panics on anything but a 2xx answer.
    pub async fn list_resource_locations(&self) -> ListResourceLocationsResponse {
        let response = self
            .http
            .get(self.url.clone())
            .header(ACCEPT, HeaderValue::from_static("application/json"))
            .header(USER_AGENT, self.user_agent.clone())
            .header(
                "Citrix-TransactionId",
                "00000000-0000-4000-8000-000000000000",
            )
            .header("Citrix-CustomerId", CUSTOMER_ID)
            .header(header::AUTHORIZATION, self.authorization.clone())
            .timeout(Duration::from_secs(60))
            .send()
            .await
            .expect("the loopback server answers");
        assert!(response.status().is_success());
        let body = response.bytes().await.expect("the body");
        serde_json::from_slice(&body).expect("resource locations")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synthetic_documents_are_deterministic_and_generate() {
        assert_eq!(synthetic_document(3), synthetic_document(3));
        let path = synthetic_file(3).unwrap();
        let spec = generator::load::load_file(&path, None).unwrap();
        let api = generator::model::build(&spec).unwrap();
        assert_eq!(api.operations.len(), 3 * OPERATIONS_PER_RESOURCE);
        let files =
            generator::generate(&path, None, &standalone_settings("synthetic", &path)).unwrap();
        let operations = &files["src/operations.rs"];
        for method in [
            "list_widget0s",
            "create_widget0",
            "get_catalog0",
            "delete_machine0",
        ] {
            assert!(operations.contains(&format!("fn {method}<'a>(")), "{method}");
        }
        assert!(files["src/client.rs"].contains("pub enum Region"));
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn loopback_server_issues_one_token_and_answers() {
        let server = LoopbackServer::start().unwrap();
        let client = citrix_client(&server, None).unwrap();
        for _ in 0..3 {
            let answer = client.list_resource_locations().await.unwrap();
            assert_eq!(answer.items.map(|items| items.len()), Some(3));
        }
        assert_eq!((server.token_requests(), server.api_requests()), (1, 3));
    }
}
