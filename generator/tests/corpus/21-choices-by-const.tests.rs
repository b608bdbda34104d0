//! Case 21 (`21-choices-by-const.yaml`): a choice of string values is one enum; objects that
//! each require a property with a value of their own are tagged by it.

use corpus_21_choices_by_const::mock::MockServer;
use corpus_21_choices_by_const::types::{Cat, CatKind, Color, Dog, Kind, Loose, Pen, Pet, Shape};

#[test]
fn every_listed_value_is_its_own_variant() {
    for (text, color) in [("red", Color::Red), ("green", Color::Green), ("blue", Color::Blue), ("teal", Color::Teal)] {
        assert_eq!(serde_json::from_value::<Color>(serde_json::json!(text)).unwrap(), color);
        assert_eq!(serde_json::to_value(&color).unwrap(), serde_json::json!(text));
    }
    assert_eq!(serde_json::from_str::<Color>(r#""mauve""#).unwrap(), Color::Unknown("mauve".into()));
}

#[test]
fn objects_go_to_the_alternative_their_value_names() {
    let dog: Pet = serde_json::from_str(r#"{"kind": "dog", "name": "Rex", "color": "green"}"#).unwrap();
    let Pet::Dog(rex) = &dog else { panic!("a dog decoded as {dog:?}") };
    assert_eq!((&rex.kind, rex.name.as_str(), &rex.color), (&Kind::Dog, "Rex", &Some(Color::Green)));
    let cat: Pet = serde_json::from_str(r#"{"kind": "cat", "name": "Tom"}"#).unwrap();
    assert_eq!(cat, Pet::Cat(Cat::new(CatKind::Cat, "Tom")));
    let bird: Pet = serde_json::from_str(r#"{"kind": "bird", "name": "Tweety"}"#).unwrap();
    assert!(matches!(bird, Pet::Unknown(_)), "{bird:?}");
    assert_eq!(serde_json::to_value(&bird).unwrap(), serde_json::json!({"kind": "bird", "name": "Tweety"}));

    let square: Shape = serde_json::from_str(r#"{"type": "square", "side": 2.0}"#).unwrap();
    assert!(matches!(&square, Shape::Square(s) if s.side == 2.0), "{square:?}");
    let circle: Shape = serde_json::from_str(r#"{"type": "circle", "radius": 1.5}"#).unwrap();
    assert!(matches!(&circle, Shape::Circle(c) if c.radius == 1.5), "{circle:?}");
}

#[test]
fn alternatives_that_do_not_all_require_the_value_stay_untagged() {
    let loose: Loose = serde_json::from_str(r#"{"kind": "b", "y": "z"}"#).unwrap();
    assert_eq!(serde_json::to_value(&loose).unwrap(), serde_json::json!({"kind": "b", "y": "z"}));
}

#[tokio::test]
async fn a_dog_is_sent_and_a_pen_read_back() {
    let mock = MockServer::start().await;
    let pen: Pen = serde_json::from_value(serde_json::json!({
        "pet": {"kind": "cat", "name": "Tom"},
        "shape": {"type": "circle", "radius": 1.0},
        "colors": ["teal", "red"]
    }))
    .unwrap();
    mock.add_pet().returns(&pen).await;
    let client = mock.client_builder().build().unwrap();
    let rex = Pet::Dog(Dog::new(Kind::Dog, "Rex").with_color(Color::Blue));
    assert_eq!(client.add_pet(&rex).await.unwrap(), pen);
    let requests = mock.received_requests().await;
    assert_eq!(requests[0].json(), Some(serde_json::json!({"kind": "dog", "name": "Rex", "color": "blue"})));
}
