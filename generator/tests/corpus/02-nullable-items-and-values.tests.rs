//! Case 02 (`02-nullable-items-and-values.yaml`): `null` inside lists and map values, and a component nullable by construction
//! used as a list item.

use corpus_02_nullable_items_and_values::types::{Label, Shelf};
use serde_json::json;

#[test]
fn nulls_in_items_map_values_and_nullable_components_decode_and_come_back() {
    let wire = json!({
        "titles": ["a", null],
        "scores": {"x": 1, "y": null},
        "labels": [{"text": "t"}, null]
    });
    let shelf: Shelf = serde_json::from_value(wire.clone()).unwrap();
    assert_eq!(shelf.titles, vec![Some("a".to_owned()), None]);
    assert_eq!(shelf.scores["y"], None);
    assert_eq!(shelf.labels[1], None::<Label>);
    assert_eq!(serde_json::to_value(&shelf).unwrap(), wire);
}
