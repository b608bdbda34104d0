//! The style examples of the OpenAPI specification (3.1.1, Parameter Object, "Style
//! Examples": a parameter `color` holding `""`, `"blue"`, `["blue","black","brown"]` or
//! `{"R":100,"G":200,"B":150}`), as vectors, plus encoding and shapes the table leaves out.

use std::collections::BTreeMap;

use serde::Serialize;

use super::*;

#[derive(Serialize)]
#[allow(non_snake_case)]
struct Rgb {
    R: u8,
    G: u8,
    B: u8,
}

const RGB: Rgb = Rgb { R: 100, G: 200, B: 150 };
const COLORS: [&str; 3] = ["blue", "black", "brown"];

/// Renders the four values of the table for one style; path styles through [`path`],
/// query styles through [`query`], `simple` also through [`header`].
fn row(style: Style, explode: bool) -> [String; 4] {
    let param = Param::new("color", style).explode(explode);
    let render = |value: &dyn erased::Value| -> String {
        match style {
            Style::Simple | Style::Label | Style::Matrix => value.path(&param),
            _ => value.query(&param),
        }
    };
    [render(&""), render(&"blue"), render(&COLORS), render(&RGB)]
}

/// Object-safe access to the three functions for the table's differently typed values.
mod erased {
    use super::*;

    pub trait Value {
        fn path(&self, param: &Param) -> String;
        fn query(&self, param: &Param) -> String;
    }

    impl<T: Serialize> Value for T {
        fn path(&self, param: &Param) -> String {
            path(param, self).unwrap()
        }
        fn query(&self, param: &Param) -> String {
            query(param, self).unwrap()
        }
    }
}

#[test]
fn the_specifications_style_examples() {
    // style, explode, empty string, string, array, object
    let table: [(Style, bool, [&str; 4]); 12] = [
        (Style::Matrix, false, [";color", ";color=blue", ";color=blue,black,brown", ";color=R,100,G,200,B,150"]),
        (Style::Matrix, true, [";color", ";color=blue", ";color=blue;color=black;color=brown", ";R=100;G=200;B=150"]),
        (Style::Label, false, [".", ".blue", ".blue,black,brown", ".R,100,G,200,B,150"]),
        (Style::Label, true, [".", ".blue", ".blue.black.brown", ".R=100.G=200.B=150"]),
        (Style::Form, false, ["color=", "color=blue", "color=blue,black,brown", "color=R,100,G,200,B,150"]),
        (Style::Form, true, ["color=", "color=blue", "color=blue&color=black&color=brown", "R=100&G=200&B=150"]),
        (Style::Simple, false, ["", "blue", "blue,black,brown", "R,100,G,200,B,150"]),
        (Style::Simple, true, ["", "blue", "blue,black,brown", "R=100,G=200,B=150"]),
        // The table has no string column for these; a string is written as `form` would.
        (Style::SpaceDelimited, false, ["color=", "color=blue", "color=blue%20black%20brown", "color=R%20100%20G%20200%20B%20150"]),
        (Style::PipeDelimited, false, ["color=", "color=blue", "color=blue%7Cblack%7Cbrown", "color=R%7C100%7CG%7C200%7CB%7C150"]),
        (Style::DeepObject, true, ["color=", "color=blue", "color=blue&color=black&color=brown", "color%5BR%5D=100&color%5BG%5D=200&color%5BB%5D=150"]),
        // Exploded space- and pipe-delimited lists are repeated pairs, as in `form`.
        (Style::PipeDelimited, true, ["color=", "color=blue", "color=blue&color=black&color=brown", "R=100&G=200&B=150"]),
    ];
    for (style, explode, expected) in table {
        assert_eq!(row(style, explode), expected.map(str::to_owned), "{style:?} explode={explode}");
    }
}

#[test]
fn headers_use_simple_style_without_percent_encoding() {
    let param = Param::new("X-Zones", Style::Simple);
    assert_eq!(header(&param, &["eu", "us"]).unwrap().as_deref(), Some("eu,us"));
    assert_eq!(header(&param, "a b/c").unwrap().as_deref(), Some("a b/c"));
    assert_eq!(header(&param.explode(true), &RGB).unwrap().as_deref(), Some("R=100,G=200,B=150"));
    assert_eq!(header(&param, &Option::<u8>::None).unwrap(), None);
    assert_eq!(header(&param, &Vec::<u8>::new()).unwrap(), None);
}

#[test]
fn cookies_are_form_pairs_joined_like_a_cookie_header() {
    let param = Param::new("session", Style::Form);
    assert_eq!(cookie(&param, "a b;c").unwrap(), "session=a%20b%3Bc");
    assert_eq!(cookie(&param.explode(false), &COLORS).unwrap(), "session=blue,black,brown");
    assert_eq!(cookie(&param, &COLORS).unwrap(), "session=blue; session=black; session=brown");
    assert_eq!(cookie(&param, &RGB).unwrap(), "R=100; G=200; B=150");
}

#[test]
fn values_are_percent_encoded_per_rfc_3986() {
    let param = Param::new("q", Style::Form);
    assert_eq!(query(&param, "a b&c=d/é%").unwrap(), "q=a%20b%26c%3Dd%2F%C3%A9%25");
    assert_eq!(query(&param.explode(false), &["a,b", "c"]).unwrap(), "q=a%2Cb,c");
    assert_eq!(query(&Param::new("a b", Style::Form), "x").unwrap(), "a%20b=x");
    // Path values stay one segment.
    assert_eq!(path(&Param::new("id", Style::Simple), "a/b?c").unwrap(), "a%2Fb%3Fc");
    assert_eq!(path(&Param::new("id", Style::Simple), &[" x", "y"]).unwrap(), "%20x,y");
}

#[test]
fn an_empty_path_parameter_is_refused_not_sent_as_an_empty_segment() {
    let id = Param::new("id", Style::Simple);
    assert_eq!(required_path(&id, "a b").unwrap(), "a%20b");
    for empty in [serde_json::json!(""), serde_json::json!([])] {
        let err = required_path(&id, &empty).unwrap_err();
        assert!(matches!(&err, Error::Encode { message, .. } if message.contains("`id` is empty")), "{err:?}");
    }
    // Label and matrix styles always write their prefix, so an empty value is still a segment.
    assert_eq!(required_path(&Param::new("id", Style::Label), "").unwrap(), ".");
    assert_eq!(required_path(&Param::new("id", Style::Matrix), "").unwrap(), ";id");
}

#[test]
fn allow_reserved_keeps_reserved_characters_and_percent_triples() {
    let param = Param::new("q", Style::Form).allow_reserved();
    assert_eq!(query(&param, "a/b:c?d=e[0]").unwrap(), "q=a/b:c?d=e[0]");
    assert_eq!(query(&param, "50%25 off %zz").unwrap(), "q=50%25%20off%20%25zz");
    assert_eq!(query(&param, "é").unwrap(), "q=%C3%A9");
}

#[test]
fn primitives_maps_unions_and_undefined_values() {
    let param = Param::new("v", Style::Form);
    assert_eq!(query(&param, &true).unwrap(), "v=true");
    assert_eq!(query(&param, &-3i64).unwrap(), "v=-3");
    assert_eq!(query(&param, &1.5f64).unwrap(), "v=1.5");
    assert!(matches!(query(&param, &f64::NAN), Err(Error::Encode { .. })));
    assert_eq!(query(&param, &Option::<String>::None).unwrap(), "");
    assert_eq!(query(&param, &Vec::<String>::new()).unwrap(), "");
    // A map keeps its (sorted) keys; `null` fields are left out.
    let mut map = BTreeMap::new();
    map.insert("size", Some("xl"));
    map.insert("colour", Some("red"));
    map.insert("gone", None);
    assert_eq!(query(&param, &map).unwrap(), "colour=red&size=xl");
    assert_eq!(query(&Param::new("attrs", Style::DeepObject), &map).unwrap(), "attrs%5Bcolour%5D=red&attrs%5Bsize%5D=xl");
    // An untagged union serialises as the variant it holds.
    #[derive(Serialize)]
    #[serde(untagged)]
    enum Selector {
        One(String),
        Many(Vec<String>),
    }
    assert_eq!(query(&Param::new("s", Style::Form), &Selector::One("a".into())).unwrap(), "s=a");
    assert_eq!(query(&Param::new("s", Style::Form), &Selector::Many(vec!["a".into(), "b".into()])).unwrap(), "s=a&s=b");
    // A plain enum is its value.
    #[derive(Serialize)]
    enum Colour {
        #[serde(rename = "dark red")]
        DarkRed,
    }
    assert_eq!(query(&param, &Colour::DarkRed).unwrap(), "v=dark%20red");
}

#[test]
fn nested_values_deep_objects_and_json_for_shapes_openapi_leaves_out() {
    #[derive(Serialize)]
    struct Filter {
        kind: &'static str,
        size: Option<u8>,
        range: Range,
        tags: Vec<&'static str>,
    }
    #[derive(Serialize)]
    struct Range {
        min: u8,
    }
    let filter = Filter { kind: "x", size: None, range: Range { min: 1 }, tags: vec!["a", "b"] };
    assert_eq!(
        query(&Param::new("f", Style::DeepObject), &filter).unwrap(),
        "f%5Bkind%5D=x&f%5Brange%5D%5Bmin%5D=1&f%5Btags%5D=a&f%5Btags%5D=b"
    );
    // A list of objects in form style: each object as JSON text.
    #[derive(Serialize)]
    struct Seed {
        kind: &'static str,
    }
    assert_eq!(
        query(&Param::new("filter", Style::Form), &[Seed { kind: "pea" }]).unwrap(),
        "filter=%7B%22kind%22%3A%22pea%22%7D"
    );
    // Maps with compound keys have no text form.
    let mut bad = BTreeMap::new();
    bad.insert((1, 2), 3);
    assert!(matches!(query(&Param::new("m", Style::Form), &bad), Err(Error::Encode { .. })));
}

#[test]
fn form_bodies_write_each_field_like_a_form_query_parameter() {
    #[derive(serde::Serialize)]
    struct Size {
        w: i32,
        h: i32,
    }
    #[derive(serde::Serialize)]
    struct Body {
        name: Option<&'static str>,
        skipped: Option<i32>,
        tags: Vec<&'static str>,
        size: Size,
        ids: Vec<i32>,
        filter: Size,
        note: &'static str,
    }
    let body = Body {
        name: Some("n 1&2"),
        skipped: None,
        tags: vec!["a", "b c"],
        size: Size { w: 1, h: 2 },
        ids: vec![3, 4],
        filter: Size { w: 5, h: 6 },
        note: "x/y",
    };
    // No encoding: OpenAPI's default, `form` exploded.
    assert_eq!(
        form_body(&body, &[]).unwrap(),
        "name=n+1%262&tags=a&tags=b+c&w=1&h=2&ids=3&ids=4&w=5&h=6&note=x%2Fy"
    );
    // `encoding` per field: unexploded, pipe-delimited, deepObject, allowReserved.
    let encodings = [
        Param::new("tags", Style::Form).explode(false),
        Param::new("size", Style::Form).explode(false),
        Param::new("ids", Style::PipeDelimited),
        Param::new("filter", Style::DeepObject).explode(true),
        Param::new("note", Style::Form).allow_reserved(),
    ];
    assert_eq!(
        form_body(&body, &encodings).unwrap(),
        "name=n+1%262&tags=a%2Cb+c&size=w%2C1%2Ch%2C2&ids=3%7C4&filter%5Bw%5D=5&filter%5Bh%5D=6&note=x/y"
    );
}

#[test]
fn a_form_body_must_be_an_object() {
    assert!(form_body(&[1, 2], &[]).is_err());
    assert!(form_body(&[[1, 2, 3]], &[]).is_err());
    assert_eq!(form_body(&[("a", "b c"), ("n", "1")], &[]).unwrap(), "a=b+c&n=1");
    assert!(form_body(&"text", &[]).is_err());
    assert_eq!(form_body(&std::collections::BTreeMap::from([("k", "v")]), &[]).unwrap(), "k=v");
}
