//! Case 16 (`16-names-and-text-rust-reads.yaml`): names, nesting and text that Rust and clippy
//! read their own way. The crate compiling under `clippy -D warnings` with its doc tests is part
//! of the check; here, the renamed types keep their wire names and shapes, and the operations
//! named `new`, `cmp` and `send` are ordinary calls; the server enum is `Response2` beside the
//! crate's `Response`.

use corpus_16_names_and_text_rust_reads::types::{Into_, Serialize_};
use corpus_16_names_and_text_rust_reads::{mock::MockServer, Client, Response, Response2};
use serde_json::json;

#[test]
fn renamed_types_keep_their_wire_shape() {
    let thing: Serialize_ = serde_json::from_value(json!({"id": "a", "baz": "b"})).unwrap();
    assert_eq!(thing.id, "a");
    assert_eq!(thing.baz.as_deref(), Some("b"));
    assert_eq!(serde_json::to_value(&thing).unwrap(), json!({"id": "a", "baz": "b"}));
    let grid = json!({"grid": [[[[["x"]]]]]});
    let into: Into_ = serde_json::from_value(grid.clone()).unwrap();
    assert_eq!(into.grid[0][0][0][0][0], "x");
    assert_eq!(serde_json::to_value(&into).unwrap(), grid);
}

#[tokio::test]
async fn operations_named_like_rust_methods_send_their_parameters() {
    let mock = MockServer::start().await;
    mock.new().returns(&Serialize_::new("a")).await;
    let client: Client = mock.client();
    let thing = client.new("p/q").add("1").foo("2").await.unwrap();
    assert_eq!(thing.id, "a");
    let requests = mock.received_requests().await;
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].path, "/things/p%2Fq");
    assert_eq!(requests[0].query.as_deref(), Some("add=1&foo=2"));
}

#[tokio::test]
async fn the_server_enum_and_the_response_type_are_both_there() {
    assert_eq!(Response2::Sandbox.api_url(), "https://sandbox.example.com");
    Client::builder().response2(Response2::Sandbox).build().unwrap();
    let mock = MockServer::start().await;
    mock.new().returns(&Serialize_::new("a")).await;
    let response: Response<Serialize_> = mock.client().new("p").send_with_response().await.unwrap();
    assert_eq!(response.status(), 200);
}
