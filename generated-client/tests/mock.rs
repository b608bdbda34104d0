//! The `mock` feature as a user of the crate would use it: code under test takes a
//! `citrix_cloud::Client`, and its tests answer the calls with typed mocks.
//! Run with `cargo test -p citrix-cloud --features mock` (`cargo xtask test` does).
#![cfg(feature = "mock")]

use citrix_cloud::mock::MockServer;
use citrix_cloud::types::{ListResourceLocationsResponse, ResourceLocation};
use citrix_cloud::{Client, Error};

/// The code under test: names of the resource locations, or `None` when one is missing.
async fn location_names(client: &Client) -> Result<Vec<String>, Error> {
    let page = client.list_resource_locations().await?;
    Ok(page.items.unwrap_or_default().into_iter().filter_map(|l| l.name).collect())
}

async fn location_exists(client: &Client, id: &str) -> Result<bool, Error> {
    match client.get_resource_location(id).await {
        Ok(_) => Ok(true),
        Err(Error::Api(e)) if e.status() == 404 => Ok(false),
        Err(e) => Err(e),
    }
}

fn location(name: &str) -> ResourceLocation {
    ResourceLocation::new().with_name(name)
}

#[tokio::test]
async fn typed_answers_reach_the_code_under_test() {
    let mock = MockServer::start().await;
    let page = ListResourceLocationsResponse::new().with_items(vec![location("Paris"), location("Oslo")]);
    mock.list_resource_locations().times(1).returns(&page).await;

    let names = location_names(&mock.client()).await.unwrap();
    assert_eq!(names, ["Paris", "Oslo"]);

    // The token endpoint was handled, and the call carried the token and the customer id.
    let requests = mock.received_requests().await;
    let call = requests.iter().find(|r| r.path == "/resourcelocations").expect("the list call");
    assert_eq!(call.method, "GET");
    assert_eq!(call.header("authorization"), Some("CwsAuth Bearer=mock-token"));
    assert_eq!(call.header("citrix-customerid"), Some("mock-customer_id"));
    assert!(requests.iter().any(|r| r.method == "POST" && r.path == "/cctrustoauth2/mock-customer_id/tokens/clients"));
}

#[tokio::test]
async fn failures_come_back_as_the_errors_users_handle() {
    let mock = MockServer::start().await;
    // The more specific mock first: it answers before the template one.
    mock.get_resource_location().path("/resourcelocations/known").returns(&location("Paris")).await;
    mock.get_resource_location().fails(404, &serde_json::json!({"title": "Not Found", "detail": "no such location"})).await;
    let client = mock.client();

    assert!(location_exists(&client, "known").await.unwrap());
    assert!(!location_exists(&client, "unknown").await.unwrap());

    // A 503 is returned at once (the mock client does not retry) with its problem details.
    mock.list_resource_locations().fails(503, &serde_json::json!({"detail": "maintenance"})).await;
    let error = location_names(&client).await.unwrap_err();
    let Error::Api(api) = &error else { panic!("expected an API error, got {error:?}") };
    assert_eq!(api.status(), 503);
    assert_eq!(api.problem().and_then(|p| p.detail.as_deref()), Some("maintenance"));
}

#[tokio::test]
async fn operations_without_a_body_and_other_statuses() {
    let mock = MockServer::start().await;
    mock.delete_service_principal().times(1).succeeds().await;
    mock.list_service_principals().returns_with_status(200, &Default::default()).await;
    let client = mock.client();
    client.delete_service_principal("sp-1").await.unwrap();
    let page = client.list_service_principals().await.unwrap();
    assert_eq!(page.items, None);
}
