//! 08-query-param-object.yaml: a list of objects as a `form` query parameter compiles; as
//! OpenAPI defines no text form for an object inside a list, each is sent as JSON text.

use wire_08_query_param_object::{
    types::SeedFilter,
    Client,
};
use wiremock::{matchers::method, Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn each_object_is_one_pair_of_json_text() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"["pea"]"#))
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();
    let filter = SeedFilter::new().with_kind("pea").with_size(3);
    let seeds = client.find_seeds().filter(vec![filter]).await.unwrap();
    assert_eq!(seeds, ["pea"]);
    let request = &server.received_requests().await.unwrap()[0];
    let pairs: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
    assert_eq!(pairs, [("filter".to_owned(), r#"{"kind":"pea","size":3}"#.to_owned())]);
}
