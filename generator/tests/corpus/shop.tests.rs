//! Behaviour of the crate generated from shop.yaml (copied in by generator/tests/corpus.rs).

use corpus_shop::types::*;
use serde_json::json;

#[test]
fn discriminated_union_picks_the_kind_and_keeps_unknown_kinds() {
    let cat: Pet = serde_json::from_value(json!({"kind": "cat", "lives": 9})).unwrap();
    assert_eq!(cat, Pet::Cat(Cat::new("cat", 9)));
    let dog: Pet = serde_json::from_value(json!({"kind": "dog", "goodBoy": true})).unwrap();
    assert!(matches!(dog, Pet::Dog(Dog { good_boy: Some(true), .. })));
    let bird: Pet = serde_json::from_value(json!({"kind": "bird", "wings": 2})).unwrap();
    assert_eq!(bird, Pet::Unknown(json!({"kind": "bird", "wings": 2})));
    assert_eq!(serde_json::to_value(&cat).unwrap(), json!({"kind": "cat", "lives": 9}));
}

#[test]
fn odd_string_enum_values_round_trip_and_unknown_values_are_kept() {
    for (value, expected) in [
        ("in-stock", Stock::InStock),
        ("out of stock", Stock::OutOfStock),
        ("backorder:eu", Stock::BackorderEu),
        ("", Stock::Empty),
        ("42", Stock::V42),
    ] {
        let decoded: Stock = serde_json::from_value(json!(value)).unwrap();
        assert_eq!(decoded, expected);
        assert_eq!(serde_json::to_value(&decoded).unwrap(), json!(value));
    }
    let other: Stock = serde_json::from_value(json!("discontinued")).unwrap();
    assert_eq!(other, Stock::Unknown("discontinued".into()));
}

#[test]
fn integer_enums_are_open_too() {
    assert_eq!(serde_json::from_value::<Priority>(json!(2)).unwrap(), Priority::V2);
    assert_eq!(serde_json::from_value::<Priority>(json!(7)).unwrap(), Priority::Unknown(7));
    assert_eq!(serde_json::to_value(Priority::V3).unwrap(), json!(3));
}

#[test]
fn recursive_types_decode() {
    let tree: Category = serde_json::from_value(json!({
        "name": "root",
        "children": [{"name": "leaf", "parent": {"name": "root"}}]
    }))
    .unwrap();
    let leaf = &tree.children.as_ref().unwrap()[0];
    assert_eq!(leaf.parent.as_ref().unwrap().name, "root");
}

#[test]
fn all_of_merges_properties_and_read_only_fields_are_optional() {
    let product: Product = serde_json::from_value(json!({
        "id": "p1",
        "name": "tea",
        "price": {"amount": "3.50", "currency": "EUR"},
        "tags": {"origin": "assam"},
        "attributes": {"organic": true},
        "matrix": [[1.0, 2.0], [3.0]],
        "anything": [1, "two"],
        "note": null,
        "dimensions": {"width": 1.5}
    }))
    .unwrap();
    assert_eq!(product.id.as_deref(), Some("p1"));
    assert_eq!(product.tags.as_ref().unwrap()["origin"], "assam");
    assert_eq!(product.matrix.as_ref().unwrap()[1], vec![3.0]);
    assert_eq!(product.dimensions.as_ref().unwrap().width, Some(1.5));
    // A request may leave the read-only id out.
    let minimal = Product::new("tea", Money::new("1", "EUR"));
    assert!(serde_json::to_value(&minimal).unwrap().get("id").is_none());
}

#[test]
fn awkward_property_names_map_to_their_wire_names() {
    let names = Names::new().with_type("t").with_self("s").with_user_id("a").with_user_id_2("b").with_2fa(true);
    assert_eq!(
        serde_json::to_value(&names).unwrap(),
        json!({"type": "t", "self": "s", "userId": "a", "user_id": "b", "2fa": true})
    );
}

#[test]
fn untagged_unions_try_each_alternative() {
    assert_eq!(serde_json::from_value::<IdOrName>(json!(5)).unwrap(), IdOrName::Integer(5));
    assert_eq!(serde_json::from_value::<IdOrName>(json!("x")).unwrap(), IdOrName::String("x".into()));
}
