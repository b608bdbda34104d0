//! Conformance of the client's real requests to the document, checked by the Prism mock server.
//!
//! `cargo xtask test` starts Prism (`prism/`, `@stoplight/prism-cli`) on the document with its
//! overlay applied and runs these tests with `PRISM_URL` set. Prism validates every request
//! (path, required headers, body and its content type, the `Authorization` header) and answers
//! a non-conforming one with 4xx, so a call here succeeds only if the client's request conforms;
//! Prism then answers with a body generated from the response schema, which the client decodes.
//!
//! - One test per operation, with a client built as users build it (`base_url`,
//!   `customer_id`, `credentials`): tokens come from Prism's mocked token operation.
//! - `dynamic_*` tests ask Prism for randomised answers (`Prefer: dynamic=true`, sent by the
//!   HTTP client given to the builder) and decode many of them into the models.
//! - `rejects_*` tests send deliberately broken requests and check that Prism refuses them, so
//!   we know the passing tests mean something.
//!
//! Only to run through `cargo xtask test`: without `PRISM_URL` every test panics.

use citrix_cloud::types::{
    CreateServicePrincipalRequest, GetAccessTokenRequest, GetAccessTokenRequestGrantType,
};
use citrix_cloud::{AuthorizationFormat, Client, Error, Secret};
use reqwest::header::{HeaderMap, HeaderValue, AUTHORIZATION, CONTENT_TYPE};
use serde_json::Value;

const CUSTOMER: &str = "conformance-customer";
const CLIENT_ID: &str = "conformance-client";
const CLIENT_SECRET: &str = "conformance-secret";
/// How many randomised answers each `dynamic_*` test decodes.
const DYNAMIC_ROUNDS: usize = 20;

fn prism_url() -> String {
    match std::env::var("PRISM_URL") {
        Ok(url) if !url.trim().is_empty() => url,
        _ => panic!(
            "PRISM_URL is not set: these tests need the Prism mock server; run `cargo xtask test`, \
             which starts Prism and runs them"
        ),
    }
}

/// A client configured as a user would: the token comes from Prism's token operation.
fn client() -> Client {
    Client::builder()
        .base_url(prism_url())
        .customer_id(CUSTOMER)
        .credentials(CLIENT_ID, CLIENT_SECRET)
        .build()
        .expect("the client builds")
}

/// A client whose every request asks Prism for a randomised answer generated from the schema.
/// It uses a fixed token: random token answers (`expires_in` any string) are decoded by
/// `dynamic_get_access_token` instead.
fn dynamic_client() -> Client {
    let mut headers = HeaderMap::new();
    headers.insert("prefer", HeaderValue::from_static("dynamic=true"));
    let http = reqwest::Client::builder()
        .default_headers(headers)
        .build()
        .expect("the HTTP client builds");
    Client::builder()
        .base_url(prism_url())
        .customer_id(CUSTOMER)
        .token("conformance-token")
        .http_client(http)
        .build()
        .expect("the client builds")
}

fn token_request() -> GetAccessTokenRequest {
    GetAccessTokenRequest::new(
        GetAccessTokenRequestGrantType::ClientCredentials,
        CLIENT_ID,
        Secret::new(CLIENT_SECRET),
    )
}

/// Panics with the whole error, Prism's validation messages included, when a call failed.
fn ok<T>(operation: &str, result: Result<T, Error>) -> T {
    match result {
        Ok(value) => value,
        Err(error) => {
            let body = error
                .as_api_error()
                .map(|e| e.raw_body().to_owned())
                .unwrap_or_default();
            panic!("{operation} failed against Prism: {error}\n{error:?}\nbody: {body}")
        }
    }
}

fn assert_token_shape(token: &citrix_cloud::types::TokenResponse) {
    let access_token = token.access_token.as_ref().expect("access_token");
    assert!(!access_token.expose().is_empty(), "empty access_token");
    assert!(token.token_type.is_some(), "token_type missing: {token:?}");
    let expires_in = serde_json::to_value(&token.expires_in).expect("expires_in serialises");
    assert!(
        expires_in.is_number() || expires_in.is_string(),
        "expires_in is {expires_in}, expected a number or a string"
    );
}

fn assert_service_principal_shape(principal: &citrix_cloud::types::ServicePrincipal) {
    assert!(principal.id.is_some(), "id missing: {principal:?}");
    assert!(
        principal.display_name.is_some(),
        "displayName missing: {principal:?}"
    );
    assert!(
        principal.client_id.is_some(),
        "clientId missing: {principal:?}"
    );
    assert!(
        principal.customer_id.is_some(),
        "customerId missing: {principal:?}"
    );
    assert!(
        principal.created_at.is_some(),
        "createdAt missing: {principal:?}"
    );
}

fn assert_resource_location_shape(location: &citrix_cloud::types::ResourceLocation) {
    assert!(location.id.is_some(), "id missing: {location:?}");
    assert!(location.name.is_some(), "name missing: {location:?}");
    assert!(
        location.internal_only.is_some(),
        "internalOnly missing: {location:?}"
    );
    assert!(
        location.time_zone.is_some(),
        "timeZone missing: {location:?}"
    );
    assert!(
        location.read_only.is_some(),
        "readOnly missing: {location:?}"
    );
}

fn assert_notification_shape(notification: &citrix_cloud::types::Notification) {
    assert!(notification.id.is_some(), "id missing: {notification:?}");
    assert!(
        notification.title.is_some(),
        "title missing: {notification:?}"
    );
    assert!(
        notification.description.is_some(),
        "description missing: {notification:?}"
    );
    let severity = notification.severity.as_ref().expect("severity");
    assert!(
        ["Information", "Warning", "Critical"].contains(&severity.as_str()),
        "severity {severity} is not one of the document's values"
    );
    assert!(
        notification.created_date.is_some(),
        "createdDate missing: {notification:?}"
    );
}

// One test per operation, static answers.

#[tokio::test]
#[ignore = "needs the Prism mock server: run `cargo xtask test`"]
async fn get_access_token() {
    let client = client();
    let token = ok(
        "get_access_token",
        client.get_access_token(CUSTOMER, &token_request()).await,
    );
    assert_token_shape(&token);
    // The literal `root` is also in use as the customer id of the token path.
    let token = ok(
        "get_access_token",
        client.get_access_token("root", &token_request()).await,
    );
    assert_token_shape(&token);
}

#[tokio::test]
#[ignore = "needs the Prism mock server: run `cargo xtask test`"]
async fn list_service_principals() {
    let list = ok(
        "list_service_principals",
        client().list_service_principals().await,
    );
    let items = list.items.expect("items");
    assert!(!items.is_empty(), "Prism's answer lists one principal");
    items.iter().for_each(assert_service_principal_shape);
}

#[tokio::test]
#[ignore = "needs the Prism mock server: run `cargo xtask test`"]
async fn create_service_principal() {
    let body = CreateServicePrincipalRequest::new("conformance principal");
    let created = ok(
        "create_service_principal",
        client().create_service_principal(&body).await,
    );
    assert_service_principal_shape(&created);
}

#[tokio::test]
#[ignore = "needs the Prism mock server: run `cargo xtask test`"]
async fn get_service_principal() {
    let client = client();
    let principal = ok(
        "get_service_principal",
        client.get_service_principal("sp-1").await,
    );
    assert_service_principal_shape(&principal);
    // Reserved characters in a path parameter are percent-encoded into one segment.
    let principal = ok(
        "get_service_principal",
        client.get_service_principal("sp 1/ä?#").await,
    );
    assert_service_principal_shape(&principal);
}

#[tokio::test]
#[ignore = "needs the Prism mock server: run `cargo xtask test`"]
async fn delete_service_principal() {
    ok(
        "delete_service_principal",
        client().delete_service_principal("sp-1").await,
    );
}

#[tokio::test]
#[ignore = "needs the Prism mock server: run `cargo xtask test`"]
async fn list_resource_locations() {
    let list = ok(
        "list_resource_locations",
        client().list_resource_locations().await,
    );
    let items = list.items.expect("items");
    assert!(!items.is_empty(), "Prism's answer lists one location");
    items.iter().for_each(assert_resource_location_shape);
}

#[tokio::test]
#[ignore = "needs the Prism mock server: run `cargo xtask test`"]
async fn get_resource_location() {
    let location = ok(
        "get_resource_location",
        client().get_resource_location("rl-1").await,
    );
    assert_resource_location_shape(&location);
}

#[tokio::test]
#[ignore = "needs the Prism mock server: run `cargo xtask test`"]
async fn list_notifications() {
    let list = ok("list_notifications", client().list_notifications().await);
    let items = list.items.expect("items");
    assert!(!items.is_empty(), "Prism's answer lists one notification");
    items.iter().for_each(assert_notification_shape);
}

/// One client serves every operation in turn, reusing its token.
#[tokio::test]
#[ignore = "needs the Prism mock server: run `cargo xtask test`"]
async fn one_client_calls_every_operation() {
    let client = client();
    ok(
        "get_access_token",
        client.get_access_token(CUSTOMER, &token_request()).await,
    );
    ok(
        "list_service_principals",
        client.list_service_principals().await,
    );
    let body = CreateServicePrincipalRequest::new("conformance principal");
    ok(
        "create_service_principal",
        client.create_service_principal(&body).await,
    );
    ok(
        "get_service_principal",
        client.get_service_principal("sp-1").await,
    );
    ok(
        "delete_service_principal",
        client.delete_service_principal("sp-1").await,
    );
    ok(
        "list_resource_locations",
        client.list_resource_locations().await,
    );
    ok(
        "get_resource_location",
        client.get_resource_location("rl-1").await,
    );
    ok("list_notifications", client.list_notifications().await);
}

// Randomised answers (json-schema-faker), with extra properties Prism invents.

#[tokio::test]
#[ignore = "needs the Prism mock server: run `cargo xtask test`"]
async fn dynamic_get_access_token() {
    let client = dynamic_client();
    for _ in 0..DYNAMIC_ROUNDS {
        let token = ok(
            "get_access_token",
            client.get_access_token(CUSTOMER, &token_request()).await,
        );
        assert_token_shape(&token);
    }
}

#[tokio::test]
#[ignore = "needs the Prism mock server: run `cargo xtask test`"]
async fn dynamic_service_principals() {
    let client = dynamic_client();
    for _ in 0..DYNAMIC_ROUNDS {
        let list = ok(
            "list_service_principals",
            client.list_service_principals().await,
        );
        list.items
            .expect("items")
            .iter()
            .for_each(assert_service_principal_shape);
        let principal = ok(
            "get_service_principal",
            client.get_service_principal("sp-1").await,
        );
        assert_service_principal_shape(&principal);
        let body = CreateServicePrincipalRequest::new("conformance principal");
        let created = ok(
            "create_service_principal",
            client.create_service_principal(&body).await,
        );
        assert_service_principal_shape(&created);
        ok(
            "delete_service_principal",
            client.delete_service_principal("sp-1").await,
        );
    }
}

#[tokio::test]
#[ignore = "needs the Prism mock server: run `cargo xtask test`"]
async fn dynamic_resource_locations() {
    let client = dynamic_client();
    for _ in 0..DYNAMIC_ROUNDS {
        let list = ok(
            "list_resource_locations",
            client.list_resource_locations().await,
        );
        list.items
            .expect("items")
            .iter()
            .for_each(assert_resource_location_shape);
        let location = ok(
            "get_resource_location",
            client.get_resource_location("rl-1").await,
        );
        assert_resource_location_shape(&location);
    }
}

#[tokio::test]
#[ignore = "needs the Prism mock server: run `cargo xtask test`"]
async fn dynamic_notifications() {
    let client = dynamic_client();
    for _ in 0..DYNAMIC_ROUNDS {
        let list = ok("list_notifications", client.list_notifications().await);
        list.items
            .expect("items")
            .iter()
            .for_each(assert_notification_shape);
    }
}

// Prism does validate: broken requests are refused.

/// Prism's list of what it found wrong with a request: the `sl-violations` header, and the
/// `validation` member of the answers it makes up itself.
async fn violations(response: reqwest::Response) -> (u16, String) {
    let status = response.status().as_u16();
    let header = response
        .headers()
        .get("sl-violations")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let body: Value =
        serde_json::from_str(&response.text().await.unwrap_or_default()).unwrap_or(Value::Null);
    (status, format!("{header} {}", body["validation"]))
}

fn raw() -> reqwest::Client {
    reqwest::Client::new()
}

/// The well-formed request the raw `rejects_*` tests break one part of.
fn raw_list(customer: Option<&str>, authorization: Option<&str>) -> reqwest::RequestBuilder {
    let mut request = raw()
        .get(format!("{}/serviceprincipals", prism_url()))
        .header("accept", "application/json");
    if let Some(customer) = customer {
        request = request.header("Citrix-CustomerId", customer);
    }
    if let Some(authorization) = authorization {
        request = request.header(AUTHORIZATION, authorization);
    }
    request
}

#[tokio::test]
#[ignore = "needs the Prism mock server: run `cargo xtask test`"]
async fn raw_well_formed_request_is_accepted() {
    let response = raw_list(Some(CUSTOMER), Some("CwsAuth Bearer=abc"))
        .send()
        .await
        .unwrap();
    let (status, found) = violations(response).await;
    assert_eq!(status, 200, "the control request was refused: {found}");
}

#[tokio::test]
#[ignore = "needs the Prism mock server: run `cargo xtask test`"]
async fn rejects_the_plain_bearer_format() {
    // The client itself, configured with the format the upstream document names.
    let client = Client::builder()
        .base_url(prism_url())
        .customer_id(CUSTOMER)
        .credentials(CLIENT_ID, CLIENT_SECRET)
        .authorization_format(AuthorizationFormat::Bearer)
        .build()
        .expect("the client builds");
    let error = client
        .list_service_principals()
        .await
        .expect_err("Prism accepted `Authorization: Bearer <token>`");
    assert_eq!(error.status(), Some(422), "{error:?}");
    let body = error
        .as_api_error()
        .expect("an API error")
        .raw_body()
        .to_owned();
    assert!(
        body.contains("authorization") && body.contains("pattern"),
        "{body}"
    );

    let response = raw_list(Some(CUSTOMER), Some("Bearer abc"))
        .send()
        .await
        .unwrap();
    let (status, found) = violations(response).await;
    assert_eq!(status, 422, "{found}");
}

#[tokio::test]
#[ignore = "needs the Prism mock server: run `cargo xtask test`"]
async fn rejects_a_missing_authorization_header() {
    let response = raw_list(Some(CUSTOMER), None).send().await.unwrap();
    let (status, found) = violations(response).await;
    assert_eq!(status, 401, "{found}");
    assert!(found.contains("authorization"), "{found}");
}

#[tokio::test]
#[ignore = "needs the Prism mock server: run `cargo xtask test`"]
async fn rejects_a_missing_customer_header() {
    let response = raw_list(None, Some("CwsAuth Bearer=abc"))
        .send()
        .await
        .unwrap();
    let (status, found) = violations(response).await;
    assert_eq!(status, 422, "{found}");
    assert!(found.contains("citrix-customerid"), "{found}");
}

#[tokio::test]
#[ignore = "needs the Prism mock server: run `cargo xtask test`"]
async fn rejects_a_body_without_its_required_property() {
    let response = raw()
        .post(format!("{}/serviceprincipals", prism_url()))
        .header("Citrix-CustomerId", CUSTOMER)
        .header(AUTHORIZATION, "CwsAuth Bearer=abc")
        .header(CONTENT_TYPE, "application/json")
        .body(r#"{"name":"no displayName"}"#)
        .send()
        .await
        .unwrap();
    let (status, found) = violations(response).await;
    assert!((400..500).contains(&status), "status {status}: {found}");
    assert!(found.contains("displayName"), "{found}");
}

#[tokio::test]
#[ignore = "needs the Prism mock server: run `cargo xtask test`"]
async fn rejects_a_token_request_in_the_wrong_content_type() {
    let response = raw()
        .post(format!(
            "{}/cctrustoauth2/{CUSTOMER}/tokens/clients",
            prism_url()
        ))
        .header(CONTENT_TYPE, "application/json")
        .body(r#"{"grant_type":"client_credentials","client_id":"a","client_secret":"b"}"#)
        .send()
        .await
        .unwrap();
    let (status, found) = violations(response).await;
    assert!((400..500).contains(&status), "status {status}: {found}");
    assert!(found.contains("415"), "{found}");
}

#[tokio::test]
#[ignore = "needs the Prism mock server: run `cargo xtask test`"]
async fn rejects_a_token_request_with_another_grant_type() {
    let response = raw()
        .post(format!(
            "{}/cctrustoauth2/{CUSTOMER}/tokens/clients",
            prism_url()
        ))
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body("grant_type=password&client_id=a&client_secret=b")
        .send()
        .await
        .unwrap();
    let (status, found) = violations(response).await;
    assert!((400..500).contains(&status), "status {status}: {found}");
    assert!(found.contains("grant_type"), "{found}");
}
