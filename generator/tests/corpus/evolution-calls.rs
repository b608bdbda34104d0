// Code written against the crate of evolution-before.yaml, which the file including it names
// `api`. The corpus test compiles and runs it, unchanged, against the crates of
// evolution-before.yaml and evolution-after.yaml (every additive change): it must pass against
// both. It uses each operation and type the way a caller of the first version would.

use api::types::{Color, NewThing, Thing};
use api::{Client, Error};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn describe(color: &Color) -> &'static str {
    match color {
        Color::Red => "red",
        Color::Blue => "blue",
        _ => "another color",
    }
}

#[tokio::test]
async fn calls_written_against_the_first_version() {
    let server = MockServer::start().await;
    let thing = json!({"id": "t1", "color": "red", "name": "one"});
    let answer = |status: u16, body: &serde_json::Value| ResponseTemplate::new(status).set_body_json(body);
    let list = json!([thing, {"id": "t2", "color": "green"}]);
    Mock::given(method("GET")).and(path("/things")).respond_with(answer(200, &list)).mount(&server).await;
    Mock::given(method("POST")).and(path("/things")).respond_with(answer(201, &thing)).mount(&server).await;
    Mock::given(method("GET")).and(path("/things/t1")).respond_with(answer(200, &thing)).mount(&server).await;
    Mock::given(method("DELETE")).and(path("/things/t1")).respond_with(ResponseTemplate::new(204)).mount(&server).await;
    Mock::given(method("POST"))
        .and(path("/things/t1/refresh"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();

    let things: Vec<Thing> = client.list_things().await.unwrap();
    assert_eq!(client.list_things().limit(2).await.unwrap(), things);
    let colors: Vec<&str> = things.iter().map(|t| describe(&t.color)).collect();
    assert_eq!(colors, ["red", "another color"]);
    let Thing { id, name, .. } = &things[0];
    assert_eq!((id.as_str(), name.as_deref()), ("t1", Some("one")));

    let created = client.create_thing(&NewThing::new("one")).await.unwrap();
    assert_eq!(created, Thing::new("t1", Color::Red).with_name("one"));
    let fetched = client.get_thing("t1").send_with_response().await.unwrap();
    assert_eq!(fetched.status(), 200);
    assert_eq!(fetched.into_value(), created);
    client.delete_thing("t1").await.unwrap();
    client.refresh_thing("t1").await.unwrap();
    match client.get_thing("missing").await {
        Err(Error::Api(error)) => assert_eq!(error.status(), 404),
        other => panic!("expected a 404, got {other:?}"),
    }
}
