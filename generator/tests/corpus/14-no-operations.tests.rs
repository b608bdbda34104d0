//! Case 14 (`14-no-operations.yaml`): a document without operations gives a crate (and a
//! command-line tool) that compiles clean with warnings denied; its types work as usual.

use corpus_14_no_operations::types::Notification;
use corpus_14_no_operations::Client;
use serde_json::json;

#[test]
fn the_types_of_a_document_without_operations_round_trip() {
    let value = json!({"kind": "payout", "detail": "sent"});
    let notification: Notification = serde_json::from_value(value.clone()).unwrap();
    assert_eq!(notification, Notification::new("payout").with_detail("sent"));
    assert_eq!(serde_json::to_value(&notification).unwrap(), value);
}

#[test]
fn a_client_without_operations_still_builds() {
    assert!(Client::builder().base_url("http://127.0.0.1:9").build().is_ok());
}
