//! Case 27 (`27-discriminator-not-a-property.yaml`): the discriminating property of a tagged
//! union is written back for an alternative that does not declare it, so a value sent back is
//! still told apart.

use corpus_27_discriminator_not_a_property::mock::MockServer;
use corpus_27_discriminator_not_a_property::types::{Animal, Bear, Lion};
use serde_json::json;

#[test]
fn the_tag_survives_a_round_trip() {
    let json = json!({"species": "lion", "roar": true});
    let animal: Animal = serde_json::from_value(json.clone()).unwrap();
    assert!(matches!(&animal, Animal::Lion(lion) if lion.roar == Some(true)), "{animal:?}");
    assert_eq!(serde_json::to_value(&animal).unwrap(), json);

    // An alternative that declares the property keeps its own value.
    let bear = json!({"species": "bear", "weight": 300.5});
    let decoded: Animal = serde_json::from_value(bear.clone()).unwrap();
    assert!(matches!(decoded, Animal::Bear(_)));
    assert_eq!(serde_json::to_value(&decoded).unwrap(), bear);

    // A kind the crate does not know is kept as it came.
    let other = json!({"species": "owl", "hoots": 3});
    let unknown: Animal = serde_json::from_value(other.clone()).unwrap();
    assert_eq!(serde_json::to_value(&unknown).unwrap(), other);
}

#[tokio::test]
async fn a_value_built_in_rust_is_sent_with_its_tag() {
    let mock = MockServer::start().await;
    mock.put_animal().returns(&Animal::Bear(Bear::new("bear"))).await;
    let client = mock.client_builder().build().unwrap();
    let stored = client.put_animal(&Animal::Lion(Lion::new().with_roar(false))).await.unwrap();
    assert!(matches!(stored, Animal::Bear(_)), "{stored:?}");
    let requests = mock.received_requests().await;
    assert_eq!(requests[0].json(), Some(json!({"species": "lion", "roar": false})));
}
