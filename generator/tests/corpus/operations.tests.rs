//! Behaviour of the crate generated from operations.yaml (copied in by generator/tests/corpus.rs).

use corpus_operations::types::*;
use corpus_operations::Client;
use serde_json::json;
use wiremock::matchers::{body_string, header, headers, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn client(server: &MockServer) -> Client {
    Client::builder().base_url(server.uri()).build().unwrap()
}

#[tokio::test]
async fn query_arrays_are_exploded_and_options_are_sent() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/things"))
        .and(query_param("limit", "5"))
        .and(query_param("sort", "desc"))
        .and(query_param("type", "big"))
        .and(header("X-Trace-Id", "trace-1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([{"id": "1", "name": "one"}])))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server).await;
    let things = client
        .list_things()
        .tag(vec!["a".into(), "b c".into()])
        .limit(5)
        .sort(ListThingsSort::Desc)
        .type_("big")
        .x_trace_id("trace-1")
        .await
        .unwrap();
    assert_eq!(things, vec![Thing::new("1", "one")]);
    let request = &server.received_requests().await.unwrap()[0];
    let tags: Vec<String> = request.url.query_pairs().filter(|(k, _)| k == "tag").map(|(_, v)| v.into_owned()).collect();
    assert_eq!(tags, ["a", "b c"]);
}

#[tokio::test]
async fn several_success_bodies_become_an_enum() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/things"))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({"id": "r1"})))
        .mount(&server)
        .await;
    let answer = client(&server).await.create_thing(&NewThing::new("x")).await.unwrap();
    assert!(matches!(answer, CreateThingResponse::Created(Receipt { id: Some(ref id), .. }) if id == "r1"));
}

#[tokio::test]
async fn a_no_content_alternative_is_none() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/things/a%2Fb"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    assert_eq!(client(&server).await.get_thing_by_id("a/b").await.unwrap(), None);
}

#[tokio::test]
async fn form_text_and_binary_bodies_and_text_answers() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/things/t1"))
        .and(header("content-type", "application/x-www-form-urlencoded"))
        .and(body_string("name=n+1&count=2"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .and(path("/things/t1/photo"))
        .and(header("content-type", "image/png"))
        .and(body_string("\u{1}\u{2}"))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    // Text and binary answers are asked for as such, not as JSON (a server may answer 406;
    // Prism does, which `cargo xtask conformance` found).
    Mock::given(method("GET"))
        .and(path("/health"))
        // wiremock compares a header's comma-separated values one by one.
        .and(headers("accept", vec!["text/plain", "*/*;q=0.8"]))
        .respond_with(ResponseTemplate::new(200).set_body_string("all good"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/things/t1/photo"))
        .and(header("accept", "*/*"))
        .respond_with(ResponseTemplate::new(200).set_body_bytes([137, 80]))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server).await;
    let form = PutThingsByThingIdRequest::new().with_name("n 1").with_count(2);
    client.put_things_by_thing_id("t1").body(&form).await.unwrap();
    client.upload_photo("t1", &[1, 2]).await.unwrap();
    assert_eq!(client.health().await.unwrap(), "all good");
    assert_eq!(client.download_photo("t1").await.unwrap(), [137, 80]);
}

#[tokio::test]
async fn required_header_and_keyword_parameters() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path("/things/t1"))
        .and(header("If-Match", "v1"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/2fa/7/self"))
        .and(query_param("self", "true"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"codes": ["c"]})))
        .mount(&server)
        .await;
    let client = client(&server).await;
    client.delete_things_by_thing_id("t1", "v1").await.unwrap();
    let enrolled = client._2fa_enroll(7, true).await.unwrap();
    assert_eq!(enrolled.codes, Some(vec!["c".to_owned()]));
}
