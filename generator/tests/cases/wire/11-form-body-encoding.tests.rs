//! 11-form-body-encoding.yaml: a form body with lists and an object, written per `encoding`.

use wire_11_form_body_encoding::types::{SearchRequest, SearchRequestFilter};
use wire_11_form_body_encoding::Client;
use wiremock::matchers::{header, method};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn sent_body(body: &SearchRequest) -> String {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(header("content-type", "application/x-www-form-urlencoded"))
        .respond_with(ResponseTemplate::new(200).set_body_json(["a"]))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();
    assert_eq!(client.search(body).await.unwrap(), ["a"]);
    let request = &server.received_requests().await.unwrap()[0];
    String::from_utf8(request.body.clone()).unwrap()
}

#[tokio::test]
async fn lists_and_objects_follow_their_encoding() {
    let body = SearchRequest::new("red shoes & socks")
        .with_tags(vec!["a b".into(), "c".into()])
        .with_ids(vec![1, 2])
        .with_filter(SearchRequestFilter::new().with_kind("k/1").with_size(3))
        .with_near(vec![1.5, -2.0]);
    assert_eq!(
        sent_body(&body).await,
        // tags: form, exploded; ids: pipeDelimited; filter: deepObject; near: form
        // unexploded (its comma encoded: form values are decoded before they are split). Spaces
        // as `+`, everything else outside the unreserved set encoded.
        "query=red+shoes+%26+socks&tags=a+b&tags=c&ids=1%7C2&filter%5Bkind%5D=k%2F1&filter%5Bsize%5D=3&near=1.5%2C-2"
    );
}

#[tokio::test]
async fn unset_fields_are_left_out() {
    let body = SearchRequest::new("q");
    assert_eq!(sent_body(&body).await, "query=q");
}
