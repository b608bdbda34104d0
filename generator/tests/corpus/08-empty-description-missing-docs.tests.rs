//! Case 08 (`08-empty-description-missing-docs.yaml`): empty descriptions fall back to generated docs (the crate denies missing docs,
//! so it compiling is part of the check).

use corpus_08_empty_description_missing_docs::types::Gadget;
use serde_json::json;

#[test]
fn the_documented_type_decodes() {
    let gadget: Gadget = serde_json::from_value(json!({"label": "l"})).unwrap();
    assert_eq!(gadget.label.as_deref(), Some("l"));
}
