//! Documents with keywords beside compositions that generated before the loader began moving
//! such keywords into an `allOf` part (`load::normalize::keywords_beside_all_of`), and must
//! still generate: a `$ref` or `$anchor` into the properties it moves, a child written in place
//! that is `allOf` its parent, properties beside an `allOf` of a union with a string
//! alternative, and properties beside an `allOf` of a `not`. Each file's comment says what
//! happened and what is right.

use generator::Settings;

#[test]
fn documents_with_keywords_beside_compositions_generate() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/compositions");
    let mut names: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|entry| entry.unwrap().path()).collect();
    names.sort();
    assert_eq!(names.len(), 5, "{names:?}");
    for path in names {
        let settings = Settings::new("compositions", "test");
        if let Err(error) = generator::generate(&path, None, &settings) {
            panic!("{}: {error}", path.display());
        }
    }
}
