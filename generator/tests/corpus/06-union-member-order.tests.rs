//! Case 06 (`06-union-member-order.yaml`): untagged unions try the most specific alternative first.

use corpus_06_union_member_order::types::{Cell, CellShape, CellValue, Dot, Line};
use serde_json::json;

#[test]
fn integers_stay_integers_and_stricter_objects_win() {
    let wire = json!({"value": 5, "shape": {"from": 1.5, "to": 2.0}});
    let cell: Cell = serde_json::from_value(wire.clone()).unwrap();
    assert_eq!(cell.value, CellValue::Integer(5));
    assert_eq!(cell.shape, CellShape::Line(Line::new(1.5, 2.0)));
    assert_eq!(serde_json::to_string(&cell).unwrap(), r#"{"value":5,"shape":{"from":1.5,"to":2.0}}"#);

    let dot: Cell = serde_json::from_value(json!({"value": 2.5, "shape": {"x": 1.0}})).unwrap();
    assert_eq!(dot.value, CellValue::Number(2.5));
    assert_eq!(dot.shape, CellShape::Dot(Dot::new().with_x(1.0)));
    let text: Cell = serde_json::from_value(json!({"value": "5", "shape": {}})).unwrap();
    assert_eq!(text.value, CellValue::String("5".into()));
}

#[test]
fn an_object_goes_to_the_alternative_that_knows_its_keys() {
    use corpus_06_union_member_order::types::{Label, Mark};
    let label: Mark = serde_json::from_value(json!({"text": "hi"})).unwrap();
    assert_eq!(label, Mark::Label(Label::new().with_text("hi")));
    assert_eq!(serde_json::to_value(&label).unwrap(), json!({"text": "hi"}));
    let dot: Mark = serde_json::from_value(json!({"x": 1.0})).unwrap();
    assert_eq!(dot, Mark::Dot(Dot::new().with_x(1.0)));
    assert!(serde_json::from_value::<Mark>(json!(3)).is_err());
}

#[test]
fn an_object_that_fits_no_struct_goes_to_the_map_whole() {
    use corpus_06_union_member_order::types::Limits;
    for wire in [json!({"rate": 1}), json!({"burst": 2}), json!({"rate": 1, "burst": 2}), json!({})] {
        let limits: Limits = serde_json::from_value(wire.clone()).unwrap();
        assert_eq!(serde_json::to_value(&limits).unwrap(), wire, "{limits:?}");
    }
    let rate: Limits = serde_json::from_value(json!({"rate": 1})).unwrap();
    assert!(matches!(rate, Limits::LimitsVariant0(_)), "{rate:?}");
    // Not a map of integers: the struct still takes it, as before.
    let named: Limits = serde_json::from_value(json!({"rate": 1, "note": "x"})).unwrap();
    assert!(matches!(named, Limits::LimitsVariant0(_)), "{named:?}");
}
