//! What the API-change report says when the document evolves: every additive change
//! (corpus/evolution-before.yaml → corpus/evolution-after.yaml) is "semver: minor", and a
//! breaking one (→ cases/evolution/breaking.yaml) is "semver: major" with each break named.
//! That code written against the first version compiles against the second is checked by the
//! corpus test (evolution-calls.rs runs against both crates).

use std::path::{Path, PathBuf};

use generator::api_diff::{bump, diff, surface, Bump, Change, Surface};
use generator::Settings;

fn document(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join(relative)
}

fn api_of(relative: &str) -> Surface {
    let settings = Settings::new("evolving-things", "cargo test -p generator --test evolution");
    let files = generator::generate(&document(relative), None, &settings).unwrap();
    surface(files.iter().map(|(path, text)| (path.as_str(), text.as_str())))
}

fn changes(from: &str, to: &str) -> Vec<Change> {
    diff(&api_of(from), &api_of(to))
}

fn report(changes: &[Change]) -> String {
    changes.iter().map(|c| format!("{c}\n")).collect()
}

#[test]
fn every_additive_change_is_minor() {
    let changes = changes("corpus/evolution-before.yaml", "corpus/evolution-after.yaml");
    let report = report(&changes);
    assert_eq!(bump(&changes), Bump::Minor, "{report}");
    assert_eq!(format!("semver: {}", bump(&changes)), "semver: minor (additions only)");
    // Each addition is listed, none marked breaking.
    for added in [
        "Client::list_tags",
        "operations::ListTags",
        "operations::ListThings::sort",
        "operations::DeleteThing::force",
        "operations::GetThing::x_trace_id",
        "operations::RefreshThing::body",
        "types::NewThing.size",
        "types::NewThing::with_size",
        "types::Thing.size",
        "types::Thing::with_size",
        "types::Color::Green",
        "types::RefreshOptions",
    ] {
        let line = changes.iter().find(|c| c.path == added).unwrap_or_else(|| panic!("{added} missing from\n{report}"));
        assert!(!line.breaking, "{line}");
    }
}

#[test]
fn removed_fields_changed_types_and_newly_required_parameters_are_major_and_named() {
    let changes = changes("corpus/evolution-before.yaml", "cases/evolution/breaking.yaml");
    let report = report(&changes);
    assert_eq!(bump(&changes), Bump::Major, "{report}");
    let breaking = |path: &str, what: &str| {
        let change = changes.iter().find(|c| c.path == path).unwrap_or_else(|| panic!("{path} missing from\n{report}"));
        assert!(change.breaking, "{change}");
        assert!(change.to_string().contains(what), "{change}");
    };
    // Thing's `name` removed: the field and its setter.
    breaking("types::Thing.name", "removed");
    breaking("types::Thing::with_name", "removed");
    // NewThing's `name` from string to integer: the field and the constructor.
    breaking("types::NewThing.name", "changed  types::NewThing.name: String  =>  i64");
    breaking("types::NewThing::new", "changed");
    // listThings' `limit` made required: a positional argument now, no longer a setter.
    breaking("Client::list_things", "limit: i32");
    breaking("operations::ListThings::limit", "removed");
    // Nothing else breaks.
    let count = changes.iter().filter(|c| c.breaking).count();
    assert_eq!(count, 6, "{report}");
}

#[test]
fn only_posts_and_patches_of_an_api_with_an_idempotency_key_header_take_a_key() {
    let keyed = |relative: &str| -> Vec<(String, Option<String>)> {
        let document = generator::load::load_file(&document(relative), None).unwrap();
        let api = generator::model::build(&document).unwrap();
        api.operations.into_iter().map(|op| (op.id, op.idempotency_key)).collect()
    };
    assert_eq!(
        keyed("cases/wire/10-idempotency-key.yaml"),
        [("listPayments".to_owned(), None), ("createPayment".to_owned(), Some("Idempotency-Key".to_owned()))]
    );
    // Without the extension, no operation takes one.
    assert!(keyed("corpus/evolution-after.yaml").iter().all(|(_, key)| key.is_none()));
}
