//! Case 20 (`20-union-null-members.yaml`): a union with a nullable alternative keeps a
//! present `null` apart from an absent key, and sends it back.

use corpus_20_union_null_members::mock::MockServer;
use corpus_20_union_null_members::types::{Choice, LoopA, Patch, PatchO};

#[test]
fn a_present_null_is_not_an_absent_key() {
    let json = serde_json::json!({"o": null, "p": null, "items": [1, null, "x"]});
    let patch: Patch = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(patch.o, Some(None));
    assert_eq!(patch.p, Some(None));
    assert_eq!(patch.items.as_ref().map(Vec::len), Some(3));
    assert_eq!(patch.items.as_ref().and_then(|items| items[1].clone()), None);
    assert_eq!(serde_json::to_value(&patch).unwrap(), json);

    let absent: Patch = serde_json::from_str("{}").unwrap();
    assert_eq!((&absent.o, &absent.p), (&None, &None));
    assert_eq!(serde_json::to_string(&absent).unwrap(), "{}");

    let values: Patch = serde_json::from_str(r#"{"o": 5, "p": true}"#).unwrap();
    assert_eq!(values.o, Some(Some(PatchO::Integer(5))));
    assert_eq!(values.p, Some(Some(Choice::Boolean(true))));
}

#[test]
fn a_null_two_unions_away_is_not_an_absent_key() {
    // `Outer` is `oneOf: [Choice, integer]`, and `Choice` holds `null` through `Maybe`.
    let json = serde_json::json!({"q": null});
    let patch: Patch = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(patch.q, Some(None));
    assert_eq!(serde_json::to_value(&patch).unwrap(), json);
    let absent: Patch = serde_json::from_str("{}").unwrap();
    assert_eq!(absent.q, None);
}

#[test]
fn a_loop_of_unions_holds_no_null() {
    // Neither `LoopA` nor `LoopB` lists a nullable alternative: `loop` is a plain `Option`.
    let patch: Patch = serde_json::from_str(r#"{"loop": 3}"#).unwrap();
    assert_eq!(patch.loop_, Some(LoopA::Integer(3)));
    let nested: Patch = serde_json::from_str(r#"{"loop": ["a"]}"#).unwrap();
    assert!(matches!(nested.loop_, Some(LoopA::LoopB(_))), "{nested:?}");
    assert_eq!(serde_json::to_string(&nested).unwrap(), r#"{"loop":["a"]}"#);
}

#[tokio::test]
async fn a_patch_that_clears_a_value_sends_its_null() {
    let mock = MockServer::start().await;
    mock.patch_thing().returns(&Patch::new()).await;
    let client = mock.client_builder().build().unwrap();
    let clear = Patch::new().with_o(None);
    client.patch_thing(&clear).await.unwrap();
    let requests = mock.received_requests().await;
    assert_eq!(requests[0].json(), Some(serde_json::json!({"o": null})));
}
