//! Case 11 (`11-dotted-crate-name-panic.yaml`): the document itself is ordinary; the dotted crate name is checked in
//! generator/tests/corpus.rs (`dotted_folder_names_give_valid_crate_names`). Here: the
//! inline answer type decodes.

use corpus_11_dotted_crate_name_panic::types::PingResponse;
use serde_json::json;

#[test]
fn the_answer_decodes() {
    let pong: PingResponse = serde_json::from_value(json!({"at": "now"})).unwrap();
    assert_eq!(pong.at.as_deref(), Some("now"));
}
