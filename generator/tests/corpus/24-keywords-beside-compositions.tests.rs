//! Case 24 (`24-keywords-beside-compositions.yaml`): object keywords beside an `allOf`, a
//! `oneOf` of objects or a 3.1 `$ref` apply with it: every key of both sides is kept, typed,
//! and sent back.

use corpus_24_keywords_beside_compositions::mock::MockServer;
use corpus_24_keywords_beside_compositions::types::{Base, Child, Shape, Things};
use serde_json::json;

/// Decodes `json` as `Things` and checks it is encoded back unchanged.
fn things(json: serde_json::Value) -> Things {
    let things: Things = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(serde_json::to_value(&things).unwrap(), json, "round trip of {json}");
    things
}

#[test]
fn an_extended_base_keeps_the_base_keys() {
    let decoded = things(json!({"child": {"id": 3, "name": "x", "extra": "e"}}));
    let child = decoded.child.unwrap();
    assert_eq!((child.id, child.name.as_deref(), child.extra.as_deref()), (3, Some("x"), Some("e")));
    // The base's `required` holds too.
    assert!(serde_json::from_value::<Child>(json!({"extra": "e"})).is_err());
}

#[test]
fn an_object_typed_base_is_the_base() {
    let typed: Option<Base> = things(json!({"typed": {"id": 1, "name": "n"}})).typed;
    assert_eq!(typed.map(|base| base.id), Some(1));
}

#[test]
fn an_object_typed_choice_is_the_choice() {
    let shape = things(json!({"shape": {"side": 2.5}})).shape;
    assert!(matches!(shape, Some(Shape::Square(square)) if square.side == 2.5));
}

#[test]
fn common_properties_and_the_variant_keys_are_kept() {
    let order = things(json!({"order": {"common": "c", "card": "4111"}})).order.unwrap();
    assert_eq!((order.common.as_deref(), order.card.as_deref()), (Some("c"), Some("4111")));
    things(json!({"order": {"iban": "DE00"}}));
}

#[test]
fn keywords_beside_a_ref_apply_too() {
    let item = things(json!({"holder": {"item": {"id": 2, "more": "m"}}})).holder.unwrap().item.unwrap();
    assert_eq!((item.id, item.more.as_deref()), (2, Some("m")));
}

#[tokio::test]
async fn an_extended_base_is_sent_whole() {
    let mock = MockServer::start().await;
    mock.put_things().returns(&Things::new()).await;
    let client = mock.client_builder().build().unwrap();
    let body = Things::new().with_child(Child::new(3).with_extra("e"));
    client.put_things(&body).await.unwrap();
    let requests = mock.received_requests().await;
    assert_eq!(requests[0].json(), Some(json!({"child": {"id": 3, "extra": "e"}})));
}
