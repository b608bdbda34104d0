//! Every kind of bad document gets a clear error that names the place, never a panic.

use std::path::PathBuf;

use generator::{Error, Settings};

fn generate(name: &str, text: &str) -> Error {
    let dir = std::env::temp_dir().join(format!("generator-bad-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path: PathBuf = dir.join(name);
    std::fs::write(&path, text).unwrap();
    let settings = Settings::new("bad", "test");
    let result = generator::generate(&path, None, &settings);
    let _ = std::fs::remove_dir_all(&dir);
    match result {
        Ok(_) => panic!("{name} was accepted"),
        Err(e) => e,
    }
}

const HEAD: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\n";

#[test]
fn malformed_yaml_names_line_and_column() {
    let err = generate("bad.yaml", "openapi: 3.0.3\ninfo:\n  title: [unclosed\n  version: 1\n");
    let text = err.to_string();
    assert!(matches!(err, Error::Syntax { line: 3.., column: 1.., .. }), "{text}");
    assert!(text.contains("bad.yaml:"), "{text}");
}

#[test]
fn malformed_json_names_line_and_column() {
    let err = generate("bad.json", "{\n  \"openapi\": \"3.1.0\",\n  \"info\": {,}\n}\n");
    assert!(matches!(err, Error::Syntax { line: 3, column: 1.., .. }), "{err}");
}

#[test]
fn empty_file() {
    let err = generate("empty.yaml", "");
    assert!(err.to_string().contains("empty"), "{err}");
}

#[test]
fn swagger_2_is_named_as_such() {
    let err = generate("swagger.yaml", "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\n");
    let text = err.to_string();
    assert!(text.contains("Swagger 2.0") && text.contains("3.0"), "{text}");
}

#[test]
fn dangling_schema_ref_names_target_and_place() {
    let doc = format!(
        "{HEAD}paths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {{$ref: '#/components/schemas/Missing'}}\n"
    );
    let err = generate("dangling.yaml", &doc);
    let text = err.to_string();
    assert!(matches!(err, Error::DanglingRef { .. }), "{text}");
    assert!(text.contains("#/components/schemas/Missing"), "{text}");
    assert!(text.contains("#/paths/~1a/get/responses/200/content/application~1json/schema"), "{text}");
}

#[test]
fn dangling_parameter_ref() {
    let doc = format!(
        "{HEAD}paths:\n  /a:\n    get:\n      parameters: [{{$ref: '#/components/parameters/Nope'}}]\n      responses: {{'204': {{description: ok}}}}\n"
    );
    let text = generate("param.yaml", &doc).to_string();
    assert!(text.contains("#/components/parameters/Nope") && text.contains("#/paths/~1a/get/parameters/0"), "{text}");
}

#[test]
fn ref_cycle_without_a_type_names_the_cycle() {
    let doc = format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    A: {{$ref: '#/components/schemas/B'}}\n    B: {{$ref: '#/components/schemas/A'}}\n"
    );
    let err = generate("cycle.yaml", &doc);
    let text = err.to_string();
    assert!(matches!(err, Error::RefCycle { .. }), "{text}");
    assert!(text.contains("#/components/schemas/A") && text.contains("#/components/schemas/B"), "{text}");
}

/// A loop through lists or maps is a value (corpus case 18); one through nothing else, a
/// component that is only itself, names none and stays an error.
#[test]
fn a_loop_with_no_list_or_map_in_it_names_the_cycle() {
    for (shape, target) in [
        ("{allOf: [{$ref: '#/components/schemas/A'}]}", "#/components/schemas/A"),
        ("{oneOf: [{$ref: '#/components/schemas/B'}]}", "#/components/schemas/B"),
    ] {
        let doc = format!(
            "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    A: {shape}\n    B: {{allOf: [{{$ref: '#/components/schemas/A'}}], description: b}}\n"
        );
        let err = generate("self.yaml", &doc);
        let text = err.to_string();
        assert!(matches!(err, Error::RefCycle { .. }), "{shape}: {text}");
        assert!(text.contains(target), "{shape}: {text}");
    }
}

#[test]
fn duplicate_operation_ids_name_both_places() {
    let doc = format!(
        "{HEAD}paths:\n  /a:\n    get:\n      operationId: same\n      responses: {{'204': {{description: ok}}}}\n  /b:\n    post:\n      operationId: same\n      responses: {{'204': {{description: ok}}}}\n"
    );
    let text = generate("dup.yaml", &doc).to_string();
    assert!(text.contains("'same'") && text.contains("#/paths/~1a/get") && text.contains("#/paths/~1b/post"), "{text}");
}

#[test]
fn unsupported_constructs_name_their_place() {
    // An object that is also a string: no Rust type is both.
    let mixed = format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    Odd:\n      allOf:\n        - {{type: object, properties: {{a: {{type: string}}}}}}\n        - {{type: object, properties: {{b: {{type: string}}}}}}\n        - {{type: string}}\n"
    );
    let err = generate("mixed.yaml", &mixed);
    let text = err.to_string();
    assert!(matches!(err, Error::Unsupported { .. }), "{text}");
    assert!(text.contains("#/components/schemas/Odd/allOf/2"), "{text}");
    // Cookie parameters are supported since: tests/cases/wire/09-path-styles-and-cookies.yaml.
}

#[test]
fn structural_errors_name_the_place() {
    let doc = format!("{HEAD}paths:\n  /a:\n    get:\n      parameters: [{{name: x, in: nowhere}}]\n      responses: {{'204': {{description: ok}}}}\n");
    let text = generate("structure.yaml", &doc).to_string();
    assert!(text.contains("#/paths/~1a/get/parameters/0"), "{text}");
}

#[test]
fn path_template_and_parameters_must_agree() {
    let doc = format!("{HEAD}paths:\n  /a/{{id}}:\n    get:\n      responses: {{'204': {{description: ok}}}}\n");
    let text = generate("template.yaml", &doc).to_string();
    assert!(text.contains("{id}") && text.contains("#/paths/~1a~1{id}/get"), "{text}");
}

#[test]
fn empty_compositions_are_any_value_not_a_panic() {
    let dir = std::env::temp_dir().join(format!("generator-empty-compositions-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("empty.yaml");
    let doc = format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    Holder:\n      type: object\n      properties:\n        a: {{allOf: []}}\n        b: {{oneOf: []}}\n        c: {{anyOf: []}}\n"
    );
    std::fs::write(&path, doc).unwrap();
    let document = generator::load::load_file(&path, None).unwrap();
    let api = generator::model::build(&document).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    let holder = api.types.iter().find(|t| t.name == "Holder").expect("Holder is declared");
    let generator::model::TypeKind::Struct { fields, .. } = &holder.kind else { panic!("Holder is a struct") };
    assert!(fields.iter().all(|f| f.ty == generator::model::TypeRef::Json), "{fields:#?}");
    assert_eq!(api.types.len(), 1, "no empty enums are declared: {:#?}", api.types);
}
