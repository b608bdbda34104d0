//! Behaviour of the crate generated from pagination.json (copied in by generator/tests/corpus.rs).

use corpus_pagination::types::ListMachinesOptions;
use corpus_pagination::{Client, TryStreamExt};
use serde_json::json;
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn the_stream_follows_continuation_tokens_to_the_end() {
    let server = MockServer::start().await;
    let page = |ids: &[&str], next: Option<&str>| {
        ResponseTemplate::new(200).set_body_json(json!({
            "Items": ids.iter().map(|id| json!({"Id": id})).collect::<Vec<_>>(),
            "ContinuationToken": next
        }))
    };
    Mock::given(method("GET")).and(path("/machines")).and(query_param_is_missing("continuationToken"))
        .and(query_param("limit", "2"))
        .respond_with(page(&["m1", "m2"], Some("t1"))).expect(1).mount(&server).await;
    Mock::given(method("GET")).and(path("/machines")).and(query_param("continuationToken", "t1"))
        .respond_with(page(&[], Some("t2"))).expect(1).mount(&server).await;
    Mock::given(method("GET")).and(path("/machines")).and(query_param("continuationToken", "t2"))
        .respond_with(page(&["m3"], None)).expect(1).mount(&server).await;

    let client = Client::builder().base_url(server.uri()).token("t").build().unwrap();
    let machines: Vec<_> = client
        .list_machines_stream(ListMachinesOptions::new().limit(2))
        .try_collect()
        .await
        .unwrap();
    let ids: Vec<&str> = machines.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, ["m1", "m2", "m3"]);
}

#[test]
fn three_one_constructs_decode() {
    let machine: corpus_pagination::types::Machine = serde_json::from_value(json!({
        "Id": "m1", "Kind": "machine", "PowerState": null, "Load": 0.5, "Size": "large"
    }))
    .unwrap();
    // Optional and nullable: a present `null` is kept apart from an absent key.
    assert_eq!(machine.power_state, Some(None));
    let absent: corpus_pagination::types::Machine = serde_json::from_value(json!({"Id": "m2"})).unwrap();
    assert_eq!(absent.power_state, None);
    assert!(matches!(machine.size, Some(corpus_pagination::types::MachineSize::String(ref s)) if s == "large"));
}
