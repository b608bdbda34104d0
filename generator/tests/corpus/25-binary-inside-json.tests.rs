//! Case 25 (`25-binary-inside-json.yaml`): bytes inside JSON are read and written as JSON
//! strings (their UTF-8 bytes), in every shape a field takes.

use std::collections::BTreeMap;

use corpus_25_binary_inside_json::mock::MockServer;
use corpus_25_binary_inside_json::types::{Attachment, AttachmentEither, AttachmentMixed};
use serde_json::json;

#[test]
fn bytes_are_strings_both_ways_in_every_shape() {
    let json = json!({
        "data": "abc",
        "checksum": null,
        "thumbnail": "ü",
        "previous": null,
        "pages": ["one", "two"],
        "named": {"x": "y"},
        "either": "text"
    });
    let attachment: Attachment = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(attachment.data, b"abc");
    assert_eq!(attachment.checksum, None);
    assert_eq!(attachment.thumbnail.as_deref(), Some("ü".as_bytes()));
    assert_eq!(attachment.previous, Some(None));
    assert_eq!(attachment.pages, Some(vec![b"one".to_vec(), b"two".to_vec()]));
    assert_eq!(attachment.named, Some(BTreeMap::from([("x".to_owned(), b"y".to_vec())])));
    assert_eq!(attachment.either, Some(AttachmentEither::Bytes(b"text".to_vec())));
    assert_eq!(serde_json::to_value(&attachment).unwrap(), json);

    let number: Attachment = serde_json::from_value(json!({"data": "", "checksum": "c", "either": 5})).unwrap();
    assert_eq!(number.either, Some(AttachmentEither::Integer(5)));
    assert_eq!(number.checksum.as_deref(), Some(&b"c"[..]));
}

#[test]
fn a_bytes_alternative_beside_objects_is_a_string() {
    let json = json!({"data": "", "checksum": null, "mixed": "raw"});
    let attachment: Attachment = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(attachment.mixed, Some(AttachmentMixed::Bytes(b"raw".to_vec())));
    assert_eq!(serde_json::to_value(&attachment).unwrap(), json);
    let link: Attachment = serde_json::from_value(json!({"data": "", "checksum": null, "mixed": {"href": "h"}})).unwrap();
    assert!(matches!(link.mixed, Some(AttachmentMixed::Link(_))), "{link:?}");
}

#[test]
fn bytes_in_the_map_of_other_keys_are_strings() {
    let json = json!({"data": "", "checksum": null, "blobs": {"name": "n", "blob": "abc"}});
    let attachment: Attachment = serde_json::from_value(json.clone()).unwrap();
    let blobs = attachment.blobs.as_ref().unwrap();
    assert_eq!(blobs.additional_properties.get("blob").map(Vec::as_slice), Some(&b"abc"[..]));
    assert_eq!(serde_json::to_value(&attachment).unwrap(), json);
}

#[test]
fn bytes_that_are_not_utf8_are_an_error_not_numbers() {
    let attachment = Attachment::new(vec![0xff]);
    let error = serde_json::to_string(&attachment).unwrap_err();
    assert!(error.to_string().contains("UTF-8"), "{error}");
}

#[tokio::test]
async fn bytes_are_sent_as_a_string() {
    let mock = MockServer::start().await;
    mock.put_attachment().returns(&Attachment::new(b"back".to_vec())).await;
    let client = mock.client_builder().build().unwrap();
    let stored = client.put_attachment(&Attachment::new(b"hi".to_vec())).await.unwrap();
    assert_eq!(stored.data, b"back");
    let requests = mock.received_requests().await;
    assert_eq!(requests[0].json(), Some(json!({"data": "hi", "checksum": null})));
}
