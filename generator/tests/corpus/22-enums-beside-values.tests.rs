//! Case 22 (`22-enums-beside-values.yaml`): an enum alternative takes only the values it
//! lists while another alternative takes values of its JSON type; a value no alternative lists
//! goes to the free alternative, or last to the first enum's `Unknown`, and every value is
//! sent back as it came.

use corpus_22_enums_beside_values::mock::MockServer;
use corpus_22_enums_beside_values::types::{Colour, Level, Size, Thing, ThingChoice, ThingLabel, ThingLevel};
use serde_json::json;

/// Decodes `{key: value}` as a `Thing` and checks it is encoded back unchanged.
fn thing(key: &str, value: serde_json::Value) -> Thing {
    let json = json!({ key: value });
    let thing: Thing = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(serde_json::to_value(&thing).unwrap(), json, "round trip of {json}");
    thing
}

#[test]
fn a_free_string_goes_to_the_string_alternative() {
    assert_eq!(thing("label", json!("hello")).label, Some(ThingLabel::String("hello".into())));
    assert_eq!(thing("label", json!("small")).label, Some(ThingLabel::Size(Size::Small)));
}

#[test]
fn a_value_goes_to_the_enum_that_lists_it() {
    assert_eq!(thing("choice", json!("red")).choice, Some(ThingChoice::Colour(Colour::Red)));
    assert_eq!(thing("choice", json!("large")).choice, Some(ThingChoice::Size(Size::Large)));
    assert!(matches!(thing("choice", json!({"name": "Rex"})).choice, Some(ThingChoice::Pet(_))));
    // Listed by neither enum, and no free string alternative: kept in the first one's `Unknown`.
    assert_eq!(thing("choice", json!("huge")).choice, Some(ThingChoice::Size(Size::Unknown("huge".into()))));
}

#[test]
fn a_free_integer_goes_to_the_integer_alternative() {
    assert_eq!(thing("level", json!(2)).level, Some(ThingLevel::Level(Level::V2)));
    assert_eq!(thing("level", json!(7)).level, Some(ThingLevel::Integer(7)));
}

#[tokio::test]
async fn a_free_string_is_sent_as_written() {
    let mock = MockServer::start().await;
    mock.put_thing().returns(&Thing::new()).await;
    let client = mock.client_builder().build().unwrap();
    let thing = Thing::new().with_label(ThingLabel::String("hello".into())).with_level(ThingLevel::Integer(7));
    client.put_thing(&thing).await.unwrap();
    let requests = mock.received_requests().await;
    assert_eq!(requests[0].json(), Some(json!({"label": "hello", "level": 7})));
}
