//! Case 07 (`07-no-object-schemas.yaml`): a document without object schemas gives a crate without unused imports (clippy
//! with `-D warnings` runs on every corpus crate); its operation still works.

use corpus_07_no_object_schemas::Client;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn echo_sends_the_query_and_reads_text() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/echo"))
        .and(query_param("say", "hi"))
        .respond_with(ResponseTemplate::new(200).set_body_string("hi"))
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();
    assert_eq!(client.echo().say("hi").await.unwrap(), "hi");
}
