//! Case 15 (`15-text-comments-cannot-hold.yaml`): carriage returns, direction controls, tabs and
//! NULs in document text. The doc comments show them escaped (the crate compiling under
//! `-D warnings` is part of the check); the wire values keep them as written.

use corpus_15_text_comments_cannot_hold::types::{Kind, Note};
use serde_json::json;

#[test]
fn enum_values_keep_every_character_on_the_wire() {
    let pairs = [
        ("plain", Kind::Plain),
        ("carriage\rreturn", Kind::CarriageReturn),
        ("right\u{202E}to left", Kind::RighttoLeft),
        ("tab\there", Kind::TabHere),
        ("nul\0byte", Kind::NulByte),
    ];
    for (wire, kind) in pairs {
        assert_eq!(serde_json::from_value::<Kind>(json!(wire)).unwrap(), kind, "{wire:?}");
        assert_eq!(serde_json::to_value(&kind).unwrap(), json!(wire), "{wire:?}");
        assert_eq!(kind.as_str(), wire);
    }
    // Escaped in the docs is not escaped on the wire: the escape's text is another value.
    let unknown: Kind = serde_json::from_value(json!("carriage\\u{d}return")).unwrap();
    assert_eq!(unknown, Kind::Unknown("carriage\\u{d}return".into()));
}

#[test]
fn a_note_decodes_and_encodes_unchanged() {
    let body = json!({"kind": "right\u{202E}to left", "text": "a\rb"});
    let note: Note = serde_json::from_value(body.clone()).unwrap();
    assert_eq!(note.kind, Kind::RighttoLeft);
    assert_eq!(serde_json::to_value(&note).unwrap(), body);
}
