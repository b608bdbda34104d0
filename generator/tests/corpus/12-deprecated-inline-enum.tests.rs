//! Case 12 (`12-deprecated-inline-enum.yaml`): a deprecated property with an inline enum: the crate builds without warnings
//! (clippy `-D warnings` runs on it), the field stays deprecated for users.

#![allow(deprecated)] // this test touches the deprecated field on purpose

use corpus_12_deprecated_inline_enum::types::{Lamp, LampMode};
use serde_json::json;

#[test]
fn the_deprecated_field_still_round_trips() {
    let lamp: Lamp = serde_json::from_value(json!({"mode": "dim"})).unwrap();
    assert_eq!(lamp.mode, Some(LampMode::Dim));
    assert_eq!(serde_json::to_value(&lamp).unwrap(), json!({"mode": "dim"}));
}
