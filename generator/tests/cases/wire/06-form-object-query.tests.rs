//! 06-form-object-query.yaml: an exploded `form` map is one pair per entry.

use std::collections::BTreeMap;

use wire_06_form_object_query::Client;
use wiremock::{matchers::method, Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn one_pair_per_entry() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"total": 1}"#))
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();
    let attrs = BTreeMap::from([("colour".to_owned(), "red".to_owned()), ("size".to_owned(), "x&l".to_owned())]);
    assert_eq!(client.list_listings(&attrs).await.unwrap().total, Some(1));
    let request = &server.received_requests().await.unwrap()[0];
    assert_eq!(request.url.query(), Some("colour=red&size=x%26l"));
}
