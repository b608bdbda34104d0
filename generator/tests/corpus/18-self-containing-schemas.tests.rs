//! Case 18 (`18-self-containing-schemas.yaml`): schemas that hold themselves through lists or
//! maps alone are tuple structs around that list or map, sent and read as the list or map
//! itself, and usable as bodies, fields and union alternatives.

use std::collections::BTreeMap;

use corpus_18_self_containing_schemas::mock::MockServer;
use corpus_18_self_containing_schemas::types::{
    Branch, Branches, Chain, Even, Forest, Grid, MixedItem, Nested, None2, Odd, Tree, Value_,
};

fn leaf() -> Tree {
    Tree(Vec::new())
}

#[tokio::test]
async fn a_tree_is_sent_as_nested_lists_and_a_forest_read_back() {
    let mock = MockServer::start().await;
    mock.plant_tree().succeeds().await;
    let answer = Forest::new(vec![leaf(), Tree(vec![leaf(), Tree(vec![leaf()])])]);
    mock.get_forest().returns(&answer).await;
    let client = mock.client_builder().build().unwrap();
    client.plant_tree(&Tree(vec![Tree(vec![leaf()]), leaf()])).await.unwrap();
    assert_eq!(client.get_forest().await.unwrap(), answer);
    let requests = mock.received_requests().await;
    assert_eq!(requests.len(), 2);
    assert_eq!(String::from_utf8_lossy(&requests[0].body), "[[[]],[]]");
}

#[test]
fn every_kind_of_loop_reads_and_writes_its_own_json() {
    let json = serde_json::json!({
        "trees": [[], [[]]],
        "names": {"a": {"b": {}}, "c": {}},
        "grid": [[[[]]], null, []],
        "even": [{"x": []}, {"y": [{}]}],
        "branch": [[], [[]]],
        "chain": [null, [null, []]],
        "value": {"k": {}},
        "none": [[], [[]]],
        "mixed": ["a", ["b", []]]
    });
    let forest: Forest = serde_json::from_value(json.clone()).unwrap();
    let names = Nested(BTreeMap::from([
        ("a".to_owned(), Nested(BTreeMap::from([("b".to_owned(), Nested::default())]))),
        ("c".to_owned(), Nested::default()),
    ]));
    assert_eq!(forest.names, Some(names));
    assert_eq!(forest.grid, Some(Grid(vec![Some(vec![Grid(vec![Some(vec![])])]), None, Some(vec![])])));
    let odd = |key: &str, value: Even| Odd(BTreeMap::from([(key.to_owned(), value)]));
    assert_eq!(forest.even, Some(Even(vec![odd("x", Even::default()), odd("y", Even(vec![Odd::default()]))])));
    let branch = |items: Vec<Branch>| Branch(Branches(items));
    assert_eq!(forest.branch, Some(branch(vec![branch(vec![]), branch(vec![branch(vec![])])])));
    assert_eq!(forest.chain, Some(Some(Chain(vec![None, Some(Chain(vec![None, Some(Chain::default())]))]))));
    // The component `None` is `None2`: the prelude's `None` keeps its meaning.
    assert_eq!(forest.none, Some(None2(vec![None2(vec![]), None2(vec![None2(vec![])])])));
    let mixed = vec![MixedItem::String("a".into()), MixedItem::Mixed(vec![MixedItem::String("b".into()), MixedItem::Mixed(vec![])])];
    assert_eq!(forest.mixed, Some(mixed));
    // An object goes to the map alternative, a list to the list one.
    assert!(matches!(&forest.value, Some(Value_::Nested(nested)) if nested.0.contains_key("k")), "{:?}", forest.value);
    let list: Value_ = serde_json::from_str("[[]]").unwrap();
    assert_eq!(list, Value_::Tree(Tree(vec![leaf()])));
    assert_eq!(serde_json::to_value(&forest).unwrap(), json);
}

#[test]
fn a_null_chain_is_kept_apart_from_an_absent_one() {
    let null: Forest = serde_json::from_str(r#"{"trees": [], "chain": null}"#).unwrap();
    assert_eq!(null.chain, Some(None));
    assert_eq!(serde_json::to_string(&null).unwrap(), r#"{"trees":[],"chain":null}"#);
    let absent: Forest = serde_json::from_str(r#"{"trees": []}"#).unwrap();
    assert_eq!(absent.chain, None);
}
