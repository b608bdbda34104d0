//! Case 03 (`03-property-name-collisions.yaml`): properties whose names collide after snake_case get distinct lint-clean fields
//! and keep their wire names.

use corpus_03_property_name_collisions::types::Record;
use serde_json::json;

#[test]
fn every_colliding_key_round_trips_through_its_own_field() {
    let wire = json!({
        "url": "u", "_url": "u2", "type": "t", "self": "s", "Self": "S", "r#type": "rt",
        "fooBar": 1, "foo_bar": 2, "FOO_BAR": 3, "@id": "at", "id": "i", "": "empty",
        "$ref": "r", "value": "v", "1st": "one", "_1st": "one2", "super": true, "crate": false,
        "async": true
    });
    let record: Record = serde_json::from_value(wire.clone()).unwrap();
    assert_eq!(record.self_, "s");
    assert_eq!(record.self_2.as_deref(), Some("S"));
    assert_eq!((record.foo_bar, record.foo_bar_2, record.foo_bar_3), (Some(1), Some(2), Some(3)));
    assert_eq!(serde_json::to_value(&record).unwrap(), wire);
}
