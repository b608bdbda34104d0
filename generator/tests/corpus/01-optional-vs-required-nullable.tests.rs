//! Case 01 (`01-optional-vs-required-nullable.yaml`): an optional nullable property has three states (absent, null, value), each sent
//! and read back as itself; a required nullable one is `null` or a value.

use corpus_01_optional_vs_required_nullable::types::GadgetPatch;
use serde_json::json;

#[test]
fn optional_nullable_keeps_absent_null_and_value_apart() {
    let mut patch = GadgetPatch::new("lamp");
    assert_eq!(serde_json::to_value(&patch).unwrap(), json!({"label": "lamp", "nickname": null}));
    patch.retired_note = Some(None);
    assert_eq!(
        serde_json::to_value(&patch).unwrap(),
        json!({"label": "lamp", "nickname": null, "retiredNote": null}),
        "a PATCH can clear the note"
    );
    patch.retired_note = Some(Some("gone".into()));
    assert_eq!(serde_json::to_value(&patch).unwrap()["retiredNote"], json!("gone"));

    for (wire, expected) in [
        (json!({"label": "a", "nickname": "n"}), None),
        (json!({"label": "a", "nickname": "n", "retiredNote": null}), Some(None)),
        (json!({"label": "a", "nickname": "n", "retiredNote": "x"}), Some(Some("x".to_owned()))),
    ] {
        let decoded: GadgetPatch = serde_json::from_value(wire.clone()).unwrap();
        assert_eq!(decoded.retired_note, expected, "{wire}");
        assert_eq!(serde_json::to_value(&decoded).unwrap(), wire);
    }
}
