//! Which other media types a request body is offered in (`tests/cases/wire/12-*`; the bytes
//! each one sends are tested by the corpus test).

use std::path::Path;

use generator::model::{self, BodyMedia};

#[test]
fn alternatives_are_the_media_types_the_same_value_can_be_encoded_as() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/wire/12-request-media-types.yaml");
    let api = model::build(&generator::load::load_file(&path, None).unwrap()).unwrap();
    let body = |id: &str| api.operations.iter().find(|op| op.id == id).unwrap().body.clone().unwrap();
    let offered = |id: &str| {
        let body = body(id);
        let mut all = vec![(String::new(), body.media, body.content_type.clone())];
        all.extend(body.alternatives.iter().map(|a| (a.setter.clone(), a.media, a.content_type.clone())));
        all
    };
    // JSON first; XML has no encoder, so it is not offered.
    assert_eq!(
        offered("addPet"),
        [
            (String::new(), BodyMedia::Json, "application/json".to_owned()),
            ("body_as_form".to_owned(), BodyMedia::Form, "application/x-www-form-urlencoded".to_owned()),
            ("body_as_multipart".to_owned(), BodyMedia::Multipart, "multipart/form-data".to_owned()),
        ]
    );
    let parts: Vec<String> = body("addPet").alternatives[1].parts.iter().map(|p| p.wire_name.clone()).collect();
    assert_eq!(parts, ["name", "tag"]);
    // A JSON type with another schema is another value: not offered.
    assert_eq!(offered("patchPet"), [(String::new(), BodyMedia::Json, "application/merge-patch+json".to_owned())]);
    assert_eq!(
        offered("importPets"),
        [
            (String::new(), BodyMedia::Text, "text/csv".to_owned()),
            ("body_as_tab_separated_values".to_owned(), BodyMedia::Text, "text/tab-separated-values".to_owned()),
        ]
    );
}
