//! Case 19 (`19-allof-map-parts.yaml`): an `allOf` with a map part keeps the keys beyond its
//! properties, typed as the map part says, and sends them back.

use corpus_19_allof_map_parts::mock::MockServer;
use corpus_19_allof_map_parts::types::{Labels, Tagged};

#[test]
fn the_other_keys_of_a_merged_map_are_kept_and_sent_back() {
    let json = serde_json::json!({"name": "n", "team": "core", "tier": "gold"});
    let labels: Labels = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(labels.name, "n");
    assert_eq!(labels.additional_properties.get("team").map(String::as_str), Some("core"));
    assert_eq!(labels.additional_properties.len(), 2);
    assert_eq!(serde_json::to_value(&labels).unwrap(), json);
    // The map part's schema types the values: a number is no label.
    assert!(serde_json::from_value::<Labels>(serde_json::json!({"name": "n", "n": 1})).is_err());
}

#[tokio::test]
async fn any_value_beside_nested_parts_and_a_required_name_no_part_lists() {
    let json = serde_json::json!({"id": 7, "kind": "k", "owner": {"login": "o"}, "extra": [1, null]});
    let tagged: Tagged = serde_json::from_value(json.clone()).unwrap();
    assert_eq!((tagged.id, tagged.kind.as_deref()), (Some(7), Some("k")));
    assert_eq!(tagged.additional_properties.get("owner"), Some(&serde_json::json!({"login": "o"})));
    assert_eq!(serde_json::to_value(&tagged).unwrap(), json);

    let mock = MockServer::start().await;
    mock.put_labels().returns(&tagged).await;
    let client = mock.client_builder().build().unwrap();
    let labels: Labels = serde_json::from_value(serde_json::json!({"name": "n", "team": "core"})).unwrap();
    assert_eq!(client.put_labels(&labels).await.unwrap(), tagged);
    let requests = mock.received_requests().await;
    assert_eq!(requests[0].json(), Some(serde_json::json!({"name": "n", "team": "core"})));
}
