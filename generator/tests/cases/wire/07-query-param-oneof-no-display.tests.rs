//! 07-query-param-oneof-no-display.yaml: a `oneOf` query parameter compiles and is written
//! as the alternative it holds.

use wire_07_query_param_oneof_no_display::{
    types::PickFruitsSelector,
    Client,
};
use wiremock::{matchers::method, Mock, MockServer, ResponseTemplate};

async fn query_for(selector: Option<PickFruitsSelector>) -> Option<String> {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#""done""#))
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();
    let request = client.pick_fruits();
    let request = match selector {
        Some(selector) => request.selector(selector),
        None => request,
    };
    assert_eq!(request.await.unwrap(), "done");
    let request = &server.received_requests().await.unwrap()[0];
    request.url.query().map(str::to_owned)
}

#[tokio::test]
async fn each_alternative_in_form_style() {
    let one = Some(PickFruitsSelector::String("ripe apples".into()));
    assert_eq!(query_for(one).await.as_deref(), Some("selector=ripe%20apples"));
    let many = Some(PickFruitsSelector::Array(vec!["a".into(), "b".into()]));
    assert_eq!(query_for(many).await.as_deref(), Some("selector=a&selector=b"));
    assert_eq!(query_for(None).await, None);
}
