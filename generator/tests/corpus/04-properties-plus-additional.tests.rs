//! Case 04 (`04-properties-plus-additional.yaml`): keys beyond the listed properties are kept and sent back.

use corpus_04_properties_plus_additional::types::{Links, Strict};
use serde_json::json;

#[test]
fn extra_keys_are_kept_typed_and_sent_back() {
    let wire = json!({"home": "https://h", "blog": "https://b", "shop": "https://s"});
    let links: Links = serde_json::from_value(wire.clone()).unwrap();
    assert_eq!(links.home.as_deref(), Some("https://h"));
    assert_eq!(links.additional_properties["blog"], "https://b");
    assert_eq!(links.additional_properties.len(), 2);
    assert_eq!(serde_json::to_value(&links).unwrap(), wire);
    // The map is typed by the schema: a value of another type is not a valid answer.
    assert!(serde_json::from_value::<Links>(json!({"blog": 3})).is_err());
}

#[test]
fn forbidden_extra_keys_are_ignored_not_rejected_nor_sent() {
    let strict: Strict = serde_json::from_value(json!({"a": "x", "surprise": 1})).unwrap();
    assert_eq!(serde_json::to_value(&strict).unwrap(), json!({"a": "x"}));
}
