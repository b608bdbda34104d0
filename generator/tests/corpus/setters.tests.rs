//! `setters.yaml`: every `with_*` setter of a generated type, expanded from the runtime's
//! `setter!`, sets its property under its wire name, whatever the name and however the value
//! is stored.

#![allow(deprecated)]
use corpus_setters::types::Thing;

#[test]
fn every_setter_sets_its_property() {
    let parent = Thing::new("p");
    let thing = Thing::new("t")
        .with_req_nullable("r")
        .with_a_b("q")
        .with_back_slash(3)
        .with_self(true)
        .with_self_2(false)
        .with_crate("c")
        .with_type(None)
        .with_value("u")
        .with_value_123(1.5)
        .with_with("w")
        .with_new("n")
        .with_x_y_z(vec![vec!["z".into()]])
        .with_parent(parent.clone())
        .with_maybe_parent(Some(parent))
        .with_old(Some("o".into()))
        .with_when(None)
        .with_tags([("k".to_owned(), None)].into_iter().collect())
        .with_bytes("Ynl0ZXM=");
    let json = serde_json::to_value(&thing).unwrap();
    assert_eq!(json["a\"b"], "q");
    assert_eq!(json["back\\slash"], 3);
    assert_eq!(json["Self"], false);
    assert_eq!(json["type"], serde_json::Value::Null);
    assert_eq!(json["when"], serde_json::Value::Null);
    assert_eq!(json["x); y < z"][0][0], "z");
    assert_eq!(json["maybeParent"]["id"], "p");
    assert_eq!(json["tags"]["k"], serde_json::Value::Null);
    let back: Thing = serde_json::from_value(json).unwrap();
    assert_eq!(back, thing);
}
