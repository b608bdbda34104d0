//! Parameter serialisation as OpenAPI 3.x defines it (section "Style Values" and "Style
//! Examples" of the Parameter Object), built on RFC 6570 URI templates and RFC 3986
//! percent-encoding.
//!
//! A value of any `Serialize` type (a primitive, a list, a struct, a map, an untagged union
//! of these) is first turned into a [`Node`] that keeps the order of its fields, then written
//! in the parameter's [`Style`]:
//!
//! | style            | where          | `explode: false`         | `explode: true`              |
//! |------------------|----------------|--------------------------|------------------------------|
//! | `simple`         | path, header   | `blue,black`, `R,1,G,2`  | `blue,black`, `R=1,G=2`      |
//! | `label`          | path           | `.blue,black`            | `.blue.black`, `.R=1.G=2`    |
//! | `matrix`         | path           | `;color=blue,black`      | `;color=blue;color=black`    |
//! | `form`           | query, cookie  | `color=blue,black`       | `color=blue&color=black`, `R=1&G=2` |
//! | `spaceDelimited` | query          | `color=blue%20black`     | as `form`                    |
//! | `pipeDelimited`  | query          | `color=blue%7Cblack`     | as `form`                    |
//! | `deepObject`     | query          | as `explode: true`       | `color%5BR%5D=1&color%5BG%5D=2` |
//!
//! Structural characters (`|`, `[`, `]`) are percent-encoded as in the specification's
//! 3.1.1 table and RFC 3986's query syntax.
//!
//! Undefined values (`None`, `null`) and empty lists and objects are left out entirely, as
//! RFC 6570 section 2.3 says; `null` fields of an object are skipped. OpenAPI defines no form
//! for a list or object nested inside another (except `deepObject`, where nested objects
//! follow the common `a[b][c]=v` convention); such a nested value is written as compact JSON
//! text so nothing is lost.

use std::fmt::{self, Write as _};

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::ser::{self, Serialize};

use super::Error;

/// Everything except the RFC 3986 "unreserved" characters (`A-Z a-z 0-9 - . _ ~`).
const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// With `allowReserved`: RFC 3986 reserved characters (`:/?#[]@!$&'()*+,;=`) pass too
/// (RFC 6570 "reserved expansion"). `%` is handled separately: a `%XX` triple passes, a lone
/// `%` is encoded.
const RESERVED_ALLOWED: &AsciiSet = &UNRESERVED
    .remove(b':')
    .remove(b'/')
    .remove(b'?')
    .remove(b'#')
    .remove(b'[')
    .remove(b']')
    .remove(b'@')
    .remove(b'!')
    .remove(b'$')
    .remove(b'&')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b'+')
    .remove(b',')
    .remove(b';')
    .remove(b'=');

/// A parameter's `style` (OpenAPI 3.x, Parameter Object, "Style Values").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `simple`: comma-separated (path and header default).
    Simple,
    /// `label`: each value prefixed with `.`.
    Label,
    /// `matrix`: `;name=value`.
    Matrix,
    /// `form`: `name=value` pairs (query and cookie default).
    Form,
    /// `spaceDelimited`: list items separated by a space (`%20`).
    SpaceDelimited,
    /// `pipeDelimited`: list items separated by `|`.
    PipeDelimited,
    /// `deepObject`: `name[key]=value` for each field of an object.
    DeepObject,
}

/// How one parameter is written: its name, `style`, `explode` and `allowReserved`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Param {
    name: &'static str,
    style: Style,
    explode: bool,
    allow_reserved: bool,
}

impl Param {
    /// A parameter with OpenAPI's default `explode` for `style` (`true` for `form`, `false`
    /// otherwise) and `allowReserved: false`.
    pub const fn new(name: &'static str, style: Style) -> Self {
        Param {
            name,
            style,
            explode: matches!(style, Style::Form),
            allow_reserved: false,
        }
    }

    /// Sets `explode`.
    pub const fn explode(mut self, explode: bool) -> Self {
        self.explode = explode;
        self
    }

    /// Sets `allowReserved: true` (query parameters only): RFC 3986 reserved characters in
    /// values are sent as they are.
    pub const fn allow_reserved(mut self) -> Self {
        self.allow_reserved = true;
        self
    }

    /// The parameter's name on the wire.
    pub fn name(&self) -> &'static str {
        self.name
    }
}

/// A value reduced to what parameter styles distinguish, fields in their declared order.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// `None`, `null` or `()`: undefined, left out.
    Null,
    /// A string.
    Text(String),
    /// A number or a boolean, as written in JSON.
    Literal(String),
    /// A list.
    List(Vec<Node>),
    /// An object or a map: keys and values in order.
    Object(Vec<(String, Node)>),
}

impl Node {
    /// Turns any serialisable value into a node. Fails only for values with no text form:
    /// non-finite numbers and maps whose keys are not primitives.
    pub fn from_value<T: Serialize + ?Sized>(value: &T) -> Result<Node, Error> {
        value.serialize(NodeSerializer).map_err(|e| encode_error(e.0))
    }

    fn is_undefined(&self) -> bool {
        match self {
            Node::Null => true,
            Node::List(items) => items.is_empty(),
            Node::Object(fields) => fields.iter().all(|(_, v)| matches!(v, Node::Null)),
            Node::Text(_) | Node::Literal(_) => false,
        }
    }

    /// Compact JSON text, for values OpenAPI gives no text form (lists or objects nested in
    /// lists or objects).
    fn write_json(&self, out: &mut String) {
        match self {
            Node::Null => out.push_str("null"),
            Node::Literal(text) => out.push_str(text),
            Node::Text(text) => out.push_str(&serde_json::Value::from(text.as_str()).to_string()),
            Node::List(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write_json(out);
                }
                out.push(']');
            }
            Node::Object(fields) => {
                out.push('{');
                for (i, (key, value)) in fields.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(&serde_json::Value::from(key.as_str()).to_string());
                    out.push(':');
                    value.write_json(out);
                }
                out.push('}');
            }
        }
    }

    /// The text of a value that sits inside a list or object.
    fn item_text(&self) -> std::borrow::Cow<'_, str> {
        match self {
            Node::Text(text) | Node::Literal(text) => text.as_str().into(),
            Node::Null => "".into(),
            Node::List(_) | Node::Object(_) => {
                let mut out = String::new();
                self.write_json(&mut out);
                out.into()
            }
        }
    }
}

fn encode_error(message: String) -> Error {
    Error::Encode {
        operation: None,
        message,
    }
}

/// How a text is percent-encoded in one place of the request.
#[derive(Clone, Copy)]
enum Escape {
    /// Everything outside the unreserved set (path segments, query names and values, cookies).
    Unreserved,
    /// `allowReserved`: reserved characters and `%XX` triples pass as well.
    Reserved,
    /// Nothing (headers: the value is checked to be a valid header value when sent).
    None,
    /// As [`Escape::Unreserved`], with spaces as `+` (`application/x-www-form-urlencoded`
    /// bodies, WHATWG URL standard, section 5.2).
    Form,
}

impl Escape {
    fn push(self, out: &mut String, text: &str) {
        match self {
            Escape::Unreserved => out.extend(utf8_percent_encode(text, UNRESERVED)),
            Escape::None => out.push_str(text),
            Escape::Form => {
                for piece in utf8_percent_encode(text, UNRESERVED) {
                    out.push_str(if piece == "%20" { "+" } else { piece });
                }
            }
            Escape::Reserved => {
                // A `%` starts a triple that is kept only when two hex digits follow.
                let mut rest = text;
                while let Some(at) = rest.find('%') {
                    out.extend(utf8_percent_encode(&rest[..at], RESERVED_ALLOWED));
                    let after = &rest.as_bytes()[at + 1..];
                    if after.len() >= 2 && after[0].is_ascii_hexdigit() && after[1].is_ascii_hexdigit() {
                        out.push_str(&rest[at..at + 3]);
                        rest = &rest[at + 3..];
                    } else {
                        out.push_str("%25");
                        rest = &rest[at + 1..];
                    }
                }
                out.extend(utf8_percent_encode(rest, RESERVED_ALLOWED));
            }
        }
    }
}

/// The separators of one style, as in RFC 6570's expression operators.
struct Layout {
    /// Written before the whole expansion (`.` for label, `;` for matrix).
    prefix: &'static str,
    /// Between exploded items or fields.
    exploded: &'static str,
    /// Between items (and keys and values) when not exploded.
    joined: &'static str,
    /// Whether each exploded item or the joined list is `name=`-prefixed.
    named: bool,
    /// What follows the name of an empty string (`;color` for matrix, `color=` for form).
    if_empty: &'static str,
    /// Between a key and its value in an exploded object.
    key_value: &'static str,
}

impl Layout {
    fn of(style: Style) -> Layout {
        let form = |joined| Layout {
            prefix: "",
            exploded: "&",
            joined,
            named: true,
            if_empty: "=",
            key_value: "=",
        };
        match style {
            Style::Simple => Layout {
                prefix: "",
                exploded: ",",
                joined: ",",
                named: false,
                if_empty: "",
                key_value: "=",
            },
            Style::Label => Layout {
                prefix: ".",
                exploded: ".",
                joined: ",",
                named: false,
                if_empty: "",
                key_value: "=",
            },
            Style::Matrix => Layout {
                prefix: ";",
                exploded: ";",
                joined: ",",
                named: true,
                if_empty: "",
                key_value: "=",
            },
            Style::Form | Style::DeepObject => form(","),
            Style::SpaceDelimited => form("%20"),
            Style::PipeDelimited => form("%7C"),
        }
    }
}

/// Writes `node` for `param` with `escape`; `exploded` separates exploded items (`&` for
/// query strings, `; ` for cookies).
fn expand(param: &Param, node: &Node, escape: Escape, layout: &Layout) -> String {
    expand_named(param.name, param, node, escape, layout)
}

/// [`expand`] under the name `name` instead of the parameter's (form body fields).
fn expand_named(param_name: &str, param: &Param, node: &Node, escape: Escape, layout: &Layout) -> String {
    let mut out = String::new();
    if node.is_undefined() {
        return out;
    }
    let name = |out: &mut String| escape_name(out, param_name, escape);
    out.push_str(layout.prefix);
    match node {
        Node::Null => {}
        Node::Text(_) | Node::Literal(_) => {
            let text = node.item_text();
            if layout.named {
                name(&mut out);
                out.push_str(if text.is_empty() { layout.if_empty } else { "=" });
            }
            escape.push(&mut out, &text);
        }
        Node::List(items) => {
            if param.explode {
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(layout.exploded);
                    }
                    let text = item.item_text();
                    if layout.named {
                        name(&mut out);
                        out.push_str(if text.is_empty() { layout.if_empty } else { "=" });
                    }
                    escape.push(&mut out, &text);
                }
            } else {
                if layout.named {
                    name(&mut out);
                    out.push('=');
                }
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(layout.joined);
                    }
                    escape.push(&mut out, &item.item_text());
                }
            }
        }
        Node::Object(fields) => {
            let fields = fields.iter().filter(|(_, v)| !matches!(v, Node::Null));
            if param.style == Style::DeepObject {
                let mut first = true;
                for (key, value) in fields {
                    deep_object(&mut out, &mut first, param_name, &[key], value, escape);
                }
            } else if param.explode {
                for (i, (key, value)) in fields.enumerate() {
                    if i > 0 {
                        out.push_str(layout.exploded);
                    }
                    escape.push(&mut out, key);
                    let text = value.item_text();
                    out.push_str(if text.is_empty() && layout.named { layout.if_empty } else { layout.key_value });
                    escape.push(&mut out, &text);
                }
            } else {
                if layout.named {
                    name(&mut out);
                    out.push('=');
                }
                for (i, (key, value)) in fields.enumerate() {
                    if i > 0 {
                        out.push_str(layout.joined);
                    }
                    escape.push(&mut out, key);
                    out.push_str(layout.joined);
                    escape.push(&mut out, &value.item_text());
                }
            }
        }
    }
    out
}

fn escape_name(out: &mut String, name: &str, escape: Escape) {
    // Names never pass reserved characters: a `&` or `=` in a name would split the pair.
    match escape {
        Escape::None => out.push_str(name),
        _ => Escape::Unreserved.push(out, name),
    }
}

/// `name[k1][k2]=v` for every leaf of a `deepObject` value; lists repeat the key.
fn deep_object(out: &mut String, first: &mut bool, name: &str, keys: &[&str], value: &Node, escape: Escape) {
    match value {
        Node::Null => {}
        Node::Object(fields) => {
            for (key, value) in fields {
                let mut path = keys.to_vec();
                path.push(key);
                deep_object(out, first, name, &path, value, escape);
            }
        }
        Node::List(items) => {
            for item in items {
                match item {
                    Node::List(_) | Node::Object(_) => {
                        leaf(out, first, name, keys, &item.item_text(), escape)
                    }
                    _ => deep_object(out, first, name, keys, item, escape),
                }
            }
        }
        Node::Text(text) | Node::Literal(text) => leaf(out, first, name, keys, text, escape),
    }
}

fn leaf(out: &mut String, first: &mut bool, name: &str, keys: &[&str], text: &str, escape: Escape) {
    if !std::mem::take(first) {
        out.push('&');
    }
    escape_name(out, name, escape);
    for key in keys {
        out.push_str("%5B");
        escape_name(out, key, escape);
        out.push_str("%5D");
    }
    out.push('=');
    escape.push(out, text);
}

/// The text of a path parameter (`simple`, `label` or `matrix`), percent-encoded so that it
/// stays one path segment. An undefined value gives an empty text.
///
/// # Errors
///
/// [`Error::Encode`] when the value has no text form (a non-finite number, a map with
/// compound keys).
pub fn path<T: Serialize + ?Sized>(param: &Param, value: &T) -> Result<String, Error> {
    let node = Node::from_value(value)?;
    Ok(expand(param, &node, Escape::Unreserved, &Layout::of(param.style)))
}

/// The text of a path parameter, as `path` gives it, refusing an empty one: an empty
/// segment addresses another resource (`/users/{id}/repos` with `""` is `/users//repos`, and
/// `/users/{id}` becomes `/users/`, the collection), and OpenAPI's path parameters are always
/// required (3.0.3, Parameter Object: `required` MUST be `true`). This is what generated
/// operations call.
///
/// # Errors
///
/// [`Error::Encode`] when the value has no text form, or its text is empty (an empty string
/// or list); the request is then not sent.
pub fn required_path<T: Serialize + ?Sized>(param: &Param, value: &T) -> Result<String, Error> {
    let text = path(param, value)?;
    if text.is_empty() {
        return Err(encode_error(format!(
            "path parameter `{}` is empty, which would address another resource (an empty path \
             segment); pass a non-empty value",
            param.name
        )));
    }
    Ok(text)
}

/// The query-string text of a parameter (`form`, `spaceDelimited`, `pipeDelimited` or
/// `deepObject`): one or more `name=value` pairs joined by `&`, percent-encoded per RFC 3986
/// (reserved characters kept with `allowReserved`); empty when the value is undefined.
///
/// # Errors
///
/// [`Error::Encode`] when the value has no text form.
pub fn query<T: Serialize + ?Sized>(param: &Param, value: &T) -> Result<String, Error> {
    let node = Node::from_value(value)?;
    let escape = if param.allow_reserved { Escape::Reserved } else { Escape::Unreserved };
    Ok(expand(param, &node, escape, &Layout::of(param.style)))
}

/// An `application/x-www-form-urlencoded` body (OpenAPI 3.x, Request Body Object and
/// Encoding Object): each field of `value` (a struct, a map or a list of `(name, value)`
/// pairs) is written as a query
/// parameter named after it, in the `style`, `explode` and `allowReserved` of the entry of
/// `encodings` with its name, or `form` with `explode: true` (OpenAPI's default) when there is
/// none: lists as `tags=a&tags=b` (unexploded `tags=a%2Cb`), objects as their `key=value` pairs
/// (or `name[key]=value` for `deepObject`). Spaces are `+`; undefined (`None`) fields are left
/// out.
///
/// # Errors
///
/// [`Error::Encode`] when `value` is not an object, or a field has no text form.
pub fn form_body<T: Serialize + ?Sized>(value: &T, encodings: &[Param]) -> Result<String, Error> {
    let fields = match Node::from_value(value)? {
        Node::Object(fields) => fields,
        // A list of `(name, value)` pairs, as `serde_urlencoded` takes them.
        Node::List(items) if items.iter().all(is_pair) => items
            .into_iter()
            .filter_map(|item| match item {
                Node::List(mut pair) => {
                    let value = pair.pop()?;
                    match pair.pop()? {
                        Node::Text(name) | Node::Literal(name) => Some((name, value)),
                        _ => None,
                    }
                }
                _ => None,
            })
            .collect(),
        _ => {
            return Err(encode_error(
                "a form body must be an object (a struct or a map) or a list of (name, value) pairs: \
                 OpenAPI writes each of its fields as a pair"
                    .into(),
            ))
        }
    };
    let mut out = String::new();
    for (name, value) in &fields {
        let param = encodings
            .iter()
            .find(|p| p.name == name)
            .copied()
            .unwrap_or(Param::new("", Style::Form));
        let escape = if param.allow_reserved { Escape::Reserved } else { Escape::Form };
        // A form body's values are percent-decoded before they are split, so the comma between
        // unexploded items is encoded like any reserved character (Prism refuses a raw one).
        let layout = match param.style {
            Style::Form if !param.allow_reserved => Layout { joined: "%2C", ..Layout::of(Style::Form) },
            style => Layout::of(style),
        };
        let text = expand_named(name, &param, value, escape, &layout);
        if !text.is_empty() {
            if !out.is_empty() {
                out.push('&');
            }
            out.push_str(&text);
        }
    }
    Ok(out)
}

/// Whether `node` is a `(name, value)` pair with a primitive name.
fn is_pair(node: &Node) -> bool {
    matches!(node, Node::List(pair) if pair.len() == 2 && matches!(pair[0], Node::Text(_) | Node::Literal(_)))
}

/// The value of a header parameter (`simple`), not percent-encoded; `None` when undefined.
///
/// # Errors
///
/// [`Error::Encode`] when the value has no text form.
pub fn header<T: Serialize + ?Sized>(param: &Param, value: &T) -> Result<Option<String>, Error> {
    let node = Node::from_value(value)?;
    let layout = Layout::of(Style::Simple);
    Ok(Some(expand(param, &node, Escape::None, &layout)).filter(|_| !node.is_undefined()))
}

/// The `Cookie` header text of a cookie parameter (`form`): `name=value`, several cookies
/// joined by `; ` when exploded; values percent-encoded (a cookie value may not hold `;`,
/// `,`, spaces or quotes, RFC 6265 section 4.1.1). Empty when the value is undefined.
///
/// # Errors
///
/// [`Error::Encode`] when the value has no text form.
pub fn cookie<T: Serialize + ?Sized>(param: &Param, value: &T) -> Result<String, Error> {
    let node = Node::from_value(value)?;
    let layout = Layout {
        exploded: "; ",
        ..Layout::of(Style::Form)
    };
    Ok(expand(param, &node, Escape::Unreserved, &layout))
}

/// Why a value could not become a [`Node`].
#[derive(Debug)]
struct NodeError(String);

impl fmt::Display for NodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for NodeError {}

impl ser::Error for NodeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        NodeError(msg.to_string())
    }
}

struct NodeSerializer;

fn literal(value: impl fmt::Display) -> Result<Node, NodeError> {
    let mut text = String::new();
    let _ = write!(text, "{value}");
    Ok(Node::Literal(text))
}

fn float(value: f64) -> Result<Node, NodeError> {
    if value.is_finite() {
        literal(value)
    } else {
        Err(NodeError(format!("the number {value} cannot be sent as a parameter")))
    }
}

impl ser::Serializer for NodeSerializer {
    type Ok = Node;
    type Error = NodeError;
    type SerializeSeq = ListBuilder;
    type SerializeTuple = ListBuilder;
    type SerializeTupleStruct = ListBuilder;
    type SerializeTupleVariant = Tagged<ListBuilder>;
    type SerializeMap = ObjectBuilder;
    type SerializeStruct = ObjectBuilder;
    type SerializeStructVariant = Tagged<ObjectBuilder>;

    fn serialize_bool(self, v: bool) -> Result<Node, NodeError> {
        literal(v)
    }
    fn serialize_i8(self, v: i8) -> Result<Node, NodeError> {
        literal(v)
    }
    fn serialize_i16(self, v: i16) -> Result<Node, NodeError> {
        literal(v)
    }
    fn serialize_i32(self, v: i32) -> Result<Node, NodeError> {
        literal(v)
    }
    fn serialize_i64(self, v: i64) -> Result<Node, NodeError> {
        literal(v)
    }
    fn serialize_i128(self, v: i128) -> Result<Node, NodeError> {
        literal(v)
    }
    fn serialize_u8(self, v: u8) -> Result<Node, NodeError> {
        literal(v)
    }
    fn serialize_u16(self, v: u16) -> Result<Node, NodeError> {
        literal(v)
    }
    fn serialize_u32(self, v: u32) -> Result<Node, NodeError> {
        literal(v)
    }
    fn serialize_u64(self, v: u64) -> Result<Node, NodeError> {
        literal(v)
    }
    fn serialize_u128(self, v: u128) -> Result<Node, NodeError> {
        literal(v)
    }
    fn serialize_f32(self, v: f32) -> Result<Node, NodeError> {
        float(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Result<Node, NodeError> {
        float(v)
    }
    fn serialize_char(self, v: char) -> Result<Node, NodeError> {
        Ok(Node::Text(v.to_string()))
    }
    fn serialize_str(self, v: &str) -> Result<Node, NodeError> {
        Ok(Node::Text(v.to_owned()))
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<Node, NodeError> {
        Ok(Node::List(v.iter().map(|b| Node::Literal(b.to_string())).collect()))
    }
    fn serialize_none(self) -> Result<Node, NodeError> {
        Ok(Node::Null)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Node, NodeError> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Node, NodeError> {
        Ok(Node::Null)
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<Node, NodeError> {
        Ok(Node::Null)
    }
    fn serialize_unit_variant(self, _name: &'static str, _index: u32, variant: &'static str) -> Result<Node, NodeError> {
        Ok(Node::Text(variant.to_owned()))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _name: &'static str, value: &T) -> Result<Node, NodeError> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<Node, NodeError> {
        Ok(Node::Object(vec![(variant.to_owned(), value.serialize(self)?)]))
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<ListBuilder, NodeError> {
        Ok(ListBuilder(Vec::with_capacity(len.unwrap_or(0))))
    }
    fn serialize_tuple(self, len: usize) -> Result<ListBuilder, NodeError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<ListBuilder, NodeError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Tagged<ListBuilder>, NodeError> {
        Ok(Tagged(variant, ListBuilder(Vec::with_capacity(len))))
    }
    fn serialize_map(self, len: Option<usize>) -> Result<ObjectBuilder, NodeError> {
        Ok(ObjectBuilder(Vec::with_capacity(len.unwrap_or(0)), None))
    }
    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<ObjectBuilder, NodeError> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Tagged<ObjectBuilder>, NodeError> {
        Ok(Tagged(variant, ObjectBuilder(Vec::with_capacity(len), None)))
    }
}

struct ListBuilder(Vec<Node>);

impl ser::SerializeSeq for ListBuilder {
    type Ok = Node;
    type Error = NodeError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), NodeError> {
        self.0.push(value.serialize(NodeSerializer)?);
        Ok(())
    }
    fn end(self) -> Result<Node, NodeError> {
        Ok(Node::List(self.0))
    }
}

impl ser::SerializeTuple for ListBuilder {
    type Ok = Node;
    type Error = NodeError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), NodeError> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<Node, NodeError> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleStruct for ListBuilder {
    type Ok = Node;
    type Error = NodeError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), NodeError> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<Node, NodeError> {
        ser::SerializeSeq::end(self)
    }
}

/// An enum variant with data, written as `{variant: data}` (serde's external tagging).
struct Tagged<B>(&'static str, B);

impl ser::SerializeTupleVariant for Tagged<ListBuilder> {
    type Ok = Node;
    type Error = NodeError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), NodeError> {
        ser::SerializeSeq::serialize_element(&mut self.1, value)
    }
    fn end(self) -> Result<Node, NodeError> {
        Ok(Node::Object(vec![(self.0.to_owned(), Node::List(self.1 .0))]))
    }
}

impl ser::SerializeStructVariant for Tagged<ObjectBuilder> {
    type Ok = Node;
    type Error = NodeError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), NodeError> {
        ser::SerializeStruct::serialize_field(&mut self.1, key, value)
    }
    fn end(self) -> Result<Node, NodeError> {
        Ok(Node::Object(vec![(self.0.to_owned(), Node::Object(self.1 .0))]))
    }
}

/// Fields in order, and a map key waiting for its value.
struct ObjectBuilder(Vec<(String, Node)>, Option<String>);

impl ser::SerializeMap for ObjectBuilder {
    type Ok = Node;
    type Error = NodeError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), NodeError> {
        self.1 = Some(match key.serialize(NodeSerializer)? {
            Node::Text(text) | Node::Literal(text) => text,
            _ => return Err(NodeError("a map key must be a string, a number or a boolean".into())),
        });
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), NodeError> {
        let key = self.1.take().ok_or_else(|| NodeError("a map value came without its key".into()))?;
        self.0.push((key, value.serialize(NodeSerializer)?));
        Ok(())
    }
    fn end(self) -> Result<Node, NodeError> {
        Ok(Node::Object(self.0))
    }
}

impl ser::SerializeStruct for ObjectBuilder {
    type Ok = Node;
    type Error = NodeError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), NodeError> {
        self.0.push((key.to_owned(), value.serialize(NodeSerializer)?));
        Ok(())
    }
    fn end(self) -> Result<Node, NodeError> {
        Ok(Node::Object(self.0))
    }
}

#[cfg(test)]
#[path = "params_tests.rs"]
mod tests;
