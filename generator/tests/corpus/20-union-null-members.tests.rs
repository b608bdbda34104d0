//! Case 20 (`20-union-null-members.yaml`): a union with a nullable alternative keeps a
//! present `null` apart from an absent key, and sends it back.

use corpus_20_union_null_members::mock::MockServer;
use corpus_20_union_null_members::types::{Choice, Patch, PatchO};

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
