//! Case 09 (`09-allof-non-object-part.yaml`): an allOf of an enum `$ref` and a description-only part is that enum.

use corpus_09_allof_non_object_part::types::{Parcel, ParcelState};
use serde_json::json;

#[test]
fn allof_with_a_description_part_is_the_referenced_type() {
    let parcel: Parcel = serde_json::from_value(json!({"state": "moving"})).unwrap();
    assert_eq!(parcel.state, Some(ParcelState::Moving));
    assert_eq!(serde_json::to_value(&parcel).unwrap(), json!({"state": "moving"}));
}
