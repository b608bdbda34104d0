//! 01-query-explode-false-and-header-array.yaml: `form` with `explode: false`, exploded
//! `form`, `pipeDelimited` and a `simple` header array, byte for byte.

use wire_01_query_explode_false_and_header_array::Client;
use wiremock::{matchers::method, Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn each_array_parameter_is_written_in_its_style() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"count": 3}"#))
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();
    let tags = ["a b".to_owned(), "c".to_owned()];
    let pipes = ["x".to_owned(), "y".to_owned()];
    let zones = ["eu".to_owned(), "us".to_owned()];
    let answer = client.find_tickets(&[1, 2, 3], &tags, &pipes, &zones).await.unwrap();
    assert_eq!(answer.count, Some(3));

    let request = &server.received_requests().await.unwrap()[0];
    assert_eq!(request.url.path(), "/tickets");
    assert_eq!(request.url.query(), Some("ids=1,2,3&tags=a%20b&tags=c&pipes=x%7Cy"));
    let zones: Vec<_> = request.headers.get_all("x-zones").iter().map(|v| v.to_str().unwrap()).collect();
    assert_eq!(zones, ["eu,us"]);
}
