//! Case 28 (`28-keys-beyond-properties.yaml`): keys that `patternProperties` or `if`/`then`
//! describe are kept, typed where one schema says how, and sent back.

use std::collections::BTreeMap;

use corpus_28_keys_beyond_properties::mock::MockServer;
use corpus_28_keys_beyond_properties::types::{Labels, Things};
use serde_json::json;

#[test]
fn keys_beyond_properties_survive_a_round_trip() {
    let json = json!({
        "labels": {"a": "1", "x-team": "core"},
        "address": {"country": "US", "zip": "10001"}
    });
    let things: Things = serde_json::from_value(json.clone()).unwrap();
    let labels = things.labels.as_ref().unwrap();
    assert_eq!(labels.additional_properties.get("x-team").map(String::as_str), Some("core"));
    let address = things.address.as_ref().unwrap();
    assert_eq!(address.additional_properties.get("zip"), Some(&json!("10001")));
    assert_eq!(serde_json::to_value(&things).unwrap(), json);
}

#[tokio::test]
async fn keys_beyond_properties_are_sent() {
    let mock = MockServer::start().await;
    mock.put_things().returns(&Things::new()).await;
    let client = mock.client_builder().build().unwrap();
    let mut labels = Labels::new().with_a("1");
    labels.additional_properties = BTreeMap::from([("x-team".to_owned(), "core".to_owned())]);
    client.put_things(&Things::new().with_labels(labels)).await.unwrap();
    let requests = mock.received_requests().await;
    assert_eq!(requests[0].json(), Some(json!({"labels": {"a": "1", "x-team": "core"}})));
}
