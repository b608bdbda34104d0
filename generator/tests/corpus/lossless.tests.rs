//! Behaviour of the crate generated from lossless.yaml (copied in by generator/tests/corpus.rs).

#![allow(deprecated)] // OldStyle is deprecated; these tests use it on purpose

use corpus_lossless::types::*;
use corpus_lossless::Client;
use serde_json::json;
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[test]
fn nullable_components_are_nullable_wherever_used() {
    let wire = json!({
        "notes": [null, {"text": "a"}],
        "pinned": {"x": null, "y": {"text": "b", "parent": null}},
        "history": [],
        "size": null
    });
    let board: Board = serde_json::from_value(wire.clone()).unwrap();
    assert_eq!(board.notes[0], None);
    assert_eq!(board.pinned["x"], None);
    let y: &Note = board.pinned["y"].as_ref().unwrap();
    assert_eq!(y.parent, Some(None), "a present null parent is kept apart from an absent one");
    assert_eq!(board.size, Some(None));
    assert_eq!(serde_json::to_value(&board).unwrap(), wire);
}

#[test]
fn every_integer_format_has_its_type_and_extra_keys_come_back() {
    let wire = json!({
        "text": "t", "ΔT": -951386503523.6471, "δt": 0.1, "tiny": -128, "short": 32767, "byte": 255,
        "port": 65535, "count": 4294967295u64, "huge": 18446744073709551615u64,
        "at": "2024-02-29T23:59:59Z", "tags": {"a": 1, "b": null}, "old": "fancy",
        "colour": [1, {"deep": null}]
    });
    let note: Note = serde_json::from_value(wire.clone()).unwrap();
    // The annotations are the check: each format has its own Rust type.
    let (tiny, short): (Option<i8>, Option<i16>) = (note.tiny, note.short);
    let (byte, port, count): (Option<u8>, Option<u16>, Option<u32>) = (note.byte, note.port, note.count);
    let huge: Option<u64> = note.huge;
    assert_eq!((tiny, short, byte, port, count, huge), (Some(-128), Some(32767), Some(255), Some(65535), Some(u32::MAX), Some(u64::MAX)));
    assert_eq!(note.dt, Some(-951386503523.6471));
    assert_eq!(note.dt_2, Some(0.1));
    assert_eq!(note.old, Some(OldStyle::Fancy));
    assert_eq!(note.additional_properties["colour"], json!([1, {"deep": null}]));
    assert_eq!(serde_json::to_value(&note).unwrap(), wire);
}

#[test]
fn unions_of_objects_and_numbers_pick_the_fitting_member() {
    let wire = json!({
        "notes": [], "pinned": {},
        "history": [{"from": 1, "to": 2, "by": "me"}, {"before": "a", "after": "b"}, 7, 7.5],
        "sizeNote": "large"
    });
    let board: Board = serde_json::from_value(wire.clone()).unwrap();
    assert!(matches!(board.history[0], BoardHistoryItem::Move(_)), "{:?}", board.history[0]);
    assert!(matches!(board.history[1], BoardHistoryItem::Edit(_)));
    assert!(matches!(board.history[2], BoardHistoryItem::Integer(7)));
    assert_eq!(board.size_note, Some(Size::Large));
    assert_eq!(serde_json::to_string(&board.history[3]).unwrap(), "7.5");
    assert_eq!(serde_json::to_value(&board).unwrap(), wire);
}

#[tokio::test]
async fn parameters_named_like_generated_code_and_null_bodies() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/notes/n1"))
        .and(query_param("body", "3"))
        .and(query_param("options", "o"))
        .and(query_param("new", "true"))
        .and(header("response", "r"))
        .and(body_json(json!(null)))
        .respond_with(ResponseTemplate::new(200).set_body_string("null"))
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();
    let answer: Option<Note> = client.put_note("n1", 3, &None).options_2("o").new_2(true).response_("r").await.unwrap();
    assert_eq!(answer, None);
}
