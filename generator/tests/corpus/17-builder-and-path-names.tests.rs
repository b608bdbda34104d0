//! Case 17 (`17-builder-and-path-names.yaml`): the client builder's own `timeout` and the
//! server enum's `environment` keep their names; the client-wide headers `timeout` and
//! `environment` get `timeout_2` and `environment_2`, and each setter sets what it says. The
//! path parameter named twice in its template is encoded once and sent in both places.

use std::time::Duration;

use corpus_17_builder_and_path_names::mock::MockServer;
use corpus_17_builder_and_path_names::{Client, Environment, Error};

#[tokio::test]
async fn each_setter_sets_its_own_thing_and_the_repeated_parameter_is_encoded_once() {
    let mock = MockServer::start().await;
    mock.get_copy().returns(&Default::default()).await;
    let client = mock
        .client_builder()
        .environment_2("staging")
        .timeout_2("30s")
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap();
    client.get_copy("a/b c").await.unwrap();
    let requests = mock.received_requests().await;
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].path, "/copies/a%2Fb%20c/of/a%2Fb%20c");
    assert_eq!(requests[0].header("environment"), Some("staging"));
    assert_eq!(requests[0].header("timeout"), Some("30s"));
}

#[tokio::test]
async fn an_empty_path_parameter_sends_nothing() {
    let mock = MockServer::start().await;
    let client = mock.client_builder().environment_2("staging").timeout_2("30s").build().unwrap();
    // `/copies//of/` would address another resource.
    let err = client.get_copy("").await.unwrap_err();
    assert!(matches!(&err, Error::Encode { message, .. } if message.contains("`id` is empty")), "{err:?}");
    assert!(mock.received_requests().await.is_empty());
}

#[test]
fn the_server_enum_keeps_its_setter_and_the_header_setters_are_required() {
    assert_eq!(Environment::Europe.api_url(), "https://eu.example.com");
    let builder = || Client::builder().environment(Environment::Europe).key("k");
    builder().environment_2("staging").timeout_2("30s").build().unwrap();
    let Err(Error::Config(message)) = builder().environment_2("staging").build() else {
        panic!("a client without the `timeout` header built");
    };
    assert!(message.contains("`.timeout_2(..)`"), "{message}");
}
