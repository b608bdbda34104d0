//! 05-default-only-response.yaml: the only response is `default`.

use wire_05_default_only_response::{Client, Error};
use wiremock::{matchers::method, Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn a_success_decodes_the_documented_body() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"summary": "sunny", "celsius": 21.5}"#))
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();
    let weather = client.get_weather().await.unwrap();
    assert_eq!(weather.summary.as_deref(), Some("sunny"));
    assert_eq!(weather.celsius, Some(21.5));
}

#[tokio::test]
async fn an_error_status_is_still_an_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(404).set_body_string(r#"{"summary": "no such place"}"#))
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();
    match client.get_weather().await {
        Err(Error::Api(e)) => assert_eq!(e.status(), 404),
        other => panic!("expected an API error, got {other:?}"),
    }
}
