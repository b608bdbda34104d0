//! 07-query-param-oneof-no-display.yaml: a `oneOf` query parameter compiles and is written
//! as the alternative it holds.

use wire_07_query_param_oneof_no_display::{
    types::{PickFruitsOptions, PickFruitsSelector},
    Client,
};
use wiremock::{matchers::method, Mock, MockServer, ResponseTemplate};

async fn query_for(options: PickFruitsOptions) -> Option<String> {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#""done""#))
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();
    assert_eq!(client.pick_fruits(options).await.unwrap(), "done");
    let request = &server.received_requests().await.unwrap()[0];
    request.url.query().map(str::to_owned)
}

#[tokio::test]
async fn each_alternative_in_form_style() {
    let one = PickFruitsOptions::new().selector(PickFruitsSelector::String("ripe apples".into()));
    assert_eq!(query_for(one).await.as_deref(), Some("selector=ripe%20apples"));
    let many = PickFruitsOptions::new().selector(PickFruitsSelector::Array(vec!["a".into(), "b".into()]));
    assert_eq!(query_for(many).await.as_deref(), Some("selector=a&selector=b"));
    assert_eq!(query_for(PickFruitsOptions::new()).await, None);
}
