//! Case 13 (`13-real-document-shapes.yaml`): shapes of public documents that stopped
//! generation or failed clippy. Each generates (clippy `-D warnings` runs on the crate), and
//! every value comes back as it was sent.

use corpus_13_real_document_shapes::types::{Answer, AuditedReceipt, Firewall, Order, OrderItemsItem, Problem, Receipt, SetDelayRequest};
use corpus_13_real_document_shapes::{Client, Error};
use serde_json::{json, Value};
use wiremock::matchers::{body_json, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(value: Value) -> T {
    let decoded: T = serde_json::from_value(value.clone()).unwrap();
    assert_eq!(serde_json::to_value(&decoded).unwrap(), value);
    decoded
}

#[test]
fn a_list_whose_items_hold_the_list_nests_to_any_depth() {
    let order: Order = round_trip(json!({
        "id": "o1",
        "items": [{"Name": "menu", "Items": [{"Name": "burger", "Items": [{"Name": "pickle"}]}]}]
    }));
    assert_eq!(order.items[0].items.as_ref().unwrap()[0].items.as_ref().unwrap()[0].name.as_deref(), Some("pickle"));
    let built = Order::new("o2", vec![OrderItemsItem::new().with_items(vec![OrderItemsItem::new().with_name("x")])]);
    assert_eq!(serde_json::to_value(&built).unwrap(), json!({"id": "o2", "items": [{"Items": [{"Name": "x"}]}]}));
}

#[test]
fn a_property_that_can_never_be_present_has_no_field_and_not_keeps_any_value() {
    for value in [json!(5), json!({"a": [1, 2]}), json!([true]), json!(false), json!(null)] {
        let order: Order = round_trip(json!({"id": "o", "items": [], "anything_but_text": value}));
        assert_eq!(order.anything_but_text, Some(value));
    }
    // `additionalProperties: false` misplaced among the properties: not a field.
    let order: Order = serde_json::from_value(json!({"id": "o", "items": [], "additionalProperties": 1})).unwrap();
    assert_eq!(serde_json::to_value(&order).unwrap(), json!({"id": "o", "items": []}));
}

#[test]
fn common_properties_beside_a_choice_of_objects_keep_every_alternative() {
    let lognormal: SetDelayRequest = round_trip(json!({"type": "lognormal", "median": 80, "sigma": 0.4, "fixedDelay": 5.5}));
    assert_eq!((lognormal.median, lognormal.fixed_delay), (Some(80), Some(5.5)));
    let uniform: SetDelayRequest = round_trip(json!({"type": "uniform", "lower": 1, "upper": 9}));
    assert_eq!((uniform.lower, uniform.upper, uniform.type_), (Some(1), Some(9), Some(json!("uniform"))));
    // `required`-only alternatives constrain, they add nothing: `name` is required by its own part.
    let firewall: Firewall = round_trip(json!({"name": "edge", "inbound": "tcp:443"}));
    assert_eq!((firewall.name.as_str(), firewall.outbound), ("edge", None));
    assert!(serde_json::from_value::<Firewall>(json!({"inbound": "tcp:443"})).is_err());
}

#[test]
fn eight_required_properties_make_an_eight_argument_constructor_and_unions_keep_large_alternatives() {
    let problem = Problem::new("1", "2", "3", "4", "5", "6", "7", 8);
    let encoded = serde_json::to_value(&problem).unwrap();
    assert_eq!(encoded["a8"], json!(8));
    assert!(matches!(round_trip::<Answer>(json!(3)), Answer::Integer(3)));
    assert!(matches!(round_trip::<Answer>(encoded), Answer::Problem(p) if p == problem));
}

#[tokio::test]
async fn seven_path_parameters_fill_the_template_and_a_typed_error_body_reads_back() {
    let server = MockServer::start().await;
    let problem = json!({"a1": "x", "a2": "x", "a3": "x", "a4": "x", "a5": "x", "a6": "x", "a7": "x", "a8": 404});
    Mock::given(method("GET"))
        .and(path("/orders/a/b/c/d/e/f/g%2Ch"))
        .respond_with(ResponseTemplate::new(404).set_body_json(&problem))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();
    let err = client.get_order("a", "b", "c", "d", "e", "f", "g,h").await.unwrap_err();
    let Error::Api(api) = err else { panic!("{err}") };
    assert_eq!(api.status(), 404);
    assert_eq!(api.body_as::<Problem>().unwrap().unwrap().a8, 404);
}

#[tokio::test]
async fn a_recursive_list_is_sent_as_built() {
    let server = MockServer::start().await;
    let order = Order::new("o3", vec![OrderItemsItem::new().with_name("menu").with_items(vec![OrderItemsItem::new().with_name("fries")])]);
    Mock::given(method("PUT"))
        .and(path("/orders"))
        .and(body_json(json!({"id": "o3", "items": [{"Name": "menu", "Items": [{"Name": "fries"}]}]})))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();
    client.put_order(&order).await.unwrap();
}

#[cfg(feature = "mock")]
#[tokio::test]
#[allow(deprecated)]
async fn a_deprecated_operation_is_mocked_with_its_deprecated_answer() {
    use corpus_13_real_document_shapes::mock::MockServer;
    use corpus_13_real_document_shapes::types::Legacy;
    let server = MockServer::start().await;
    server.get_legacy().returns(&Legacy::new().with_old("shape")).await;
    let legacy = server.client().get_legacy().await.unwrap();
    assert_eq!(legacy.old.as_deref(), Some("shape"));
}

#[tokio::test]
async fn a_fixed_query_in_a_path_is_sent_first_and_operations_on_one_path_stay_apart() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/rest"))
        .and(query_param("method", "orders.count"))
        .respond_with(ResponseTemplate::new(200).set_body_json(7))
        .expect(2)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/rest"))
        .respond_with(ResponseTemplate::new(204).insert_header("X-Purged", "3"))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();
    assert_eq!(client.count_orders().await.unwrap(), 7);
    assert_eq!(client.count_orders().since("2026-12-01 10:00").await.unwrap(), 7);
    let purged = client.purge_orders().send_with_response().await.unwrap();
    assert_eq!(purged.header("X-Purged"), Some("3"));
    let queries: Vec<Option<String>> = server.received_requests().await.unwrap().iter().map(|r| r.url.query().map(str::to_owned)).collect();
    assert_eq!(
        queries,
        [
            Some("method=orders.count".to_owned()),
            Some("method=orders.count&since=2026-12-01%2010%3A00".to_owned()),
            Some("method=orders.purge&format=json".to_owned()),
        ]
    );
}

#[cfg(feature = "mock")]
#[tokio::test]
async fn the_mock_tells_operations_apart_by_their_fixed_query() {
    use corpus_13_real_document_shapes::mock::MockServer;
    let server = MockServer::start().await;
    server.count_orders().returns(&3).await;
    server.find_order().returns(&Order::new("o9", Vec::new())).await;
    server.purge_orders().succeeds().await;
    let client = server.client();
    assert_eq!(client.count_orders().since("x").await.unwrap(), 3);
    assert_eq!(client.find_order("o9").await.unwrap().id, "o9");
    client.purge_orders().await.unwrap();
    let sent: Vec<Option<String>> = server.received_requests().await.into_iter().map(|r| r.query).collect();
    assert_eq!(
        sent,
        [Some("method=orders.count&since=x".to_owned()), Some("method=orders.find&id=o9".to_owned()), Some("method=orders.purge&format=json".to_owned())]
    );
}

#[test]
fn required_names_no_property_defines_are_kept() {
    // A field of any JSON value, kept when present (null too) ...
    let receipt: Receipt = round_trip(json!({"id": "r1", "receivedGuid": {"guid": "g-1", "at": [1, 2]}}));
    assert_eq!(receipt.received_guid, Some(json!({"guid": "g-1", "at": [1, 2]})));
    let receipt: Receipt = round_trip(json!({"id": "r1", "receivedGuid": null}));
    assert_eq!(receipt.received_guid, Some(json!(null)));
    // ... and not demanded: such a name is often a misspelt property no server sends.
    let receipt: Receipt = round_trip(json!({"id": "r1"}));
    assert_eq!(receipt.received_guid, None);
    assert_eq!(serde_json::to_value(Receipt::new("r2").with_received_guid(json!("g-2"))).unwrap(), json!({"id": "r2", "receivedGuid": "g-2"}));
    // An allOf part that only lists `required` makes a struct of its own, not an alias that
    // drops the key.
    let audited: AuditedReceipt = round_trip(json!({"id": "r3", "receivedGuid": "g", "auditTrail": ["created", "signed"]}));
    assert_eq!(audited.audit_trail, Some(json!(["created", "signed"])));
}

#[tokio::test]
async fn a_request_carries_required_names_no_property_defines() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/receipts"))
        .and(body_json(json!({"id": "r4", "receivedGuid": "g-4", "auditTrail": 7})))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"primary": "p", "extra": "e"})))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();
    let receipt = AuditedReceipt::new("r4").with_received_guid(json!("g-4")).with_audit_trail(json!(7));
    let labels = client.create_receipt(&receipt).await.unwrap();
    assert_eq!((labels["primary"].as_str(), labels.len()), ("p", 2));
}

#[tokio::test]
async fn a_fragment_in_a_path_is_not_sent() {
    let server = MockServer::start().await;
    Mock::given(method("PUT")).and(path("/orders/o%2F1")).respond_with(ResponseTemplate::new(204)).expect(2).mount(&server).await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();
    client.share_order("o/1").await.unwrap();
    client.unshare_order("o/1").await.unwrap();
    // The whole request target: the path alone, nothing after it.
    let sent: Vec<(String, Option<String>)> =
        server.received_requests().await.unwrap().iter().map(|r| (r.url.path().to_owned(), r.url.query().map(str::to_owned))).collect();
    assert_eq!(sent, [("/orders/o%2F1".to_owned(), None), ("/orders/o%2F1".to_owned(), None)]);
}
