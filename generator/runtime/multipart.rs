//! `multipart/form-data` bodies (RFC 7578), built in memory.
//!
//! The whole body is kept as bytes, like every other body, so that a retry can send it again;
//! reqwest's streaming `multipart::Form` is consumed by one send. Each property of the
//! document's schema is one part: text for strings, numbers and booleans, JSON for lists and
//! objects (OpenAPI 3.x, Encoding Object defaults), and a file part for binary properties,
//! each with the `contentType` of the property's `encoding` when the document gives one.

use super::params::Node;
use super::Error;

/// A `multipart/form-data` body under construction.
#[derive(Clone)]
pub struct Multipart {
    boundary: String,
    body: Vec<u8>,
}

impl Default for Multipart {
    fn default() -> Self {
        Self::new()
    }
}

impl Multipart {
    /// An empty body with a random boundary.
    pub fn new() -> Self {
        Multipart {
            boundary: format!("----rust-client-{:032x}", fastrand::u128(..)),
            body: Vec::new(),
        }
    }

    /// Adds the value of property `name`: a string, number or boolean as text (`text/plain`);
    /// a list of those as one such part per item, each under `name` (the type of an array's
    /// part follows its items, OpenAPI 3.0.3 Encoding Object `contentType`; RFC 7578 §4.3's
    /// repeated name), `null` items left out; any other list, or an object, as JSON
    /// (`application/json`). A `content_type` (the property's Encoding Object) replaces the
    /// type of each part; a JSON one makes a list one JSON part. An undefined value (`None`)
    /// adds no part, nor does an empty list of text.
    ///
    /// # Errors
    ///
    /// [`Error::Encode`] when the value cannot be serialised.
    pub fn value<T: serde::Serialize + ?Sized>(
        mut self,
        name: &str,
        value: &T,
        content_type: Option<&str>,
    ) -> Result<Self, Error> {
        const TEXT: &str = "text/plain; charset=utf-8";
        let (text, default_type) = match Node::from_value(value)? {
            Node::Null => return Ok(self),
            Node::Text(text) | Node::Literal(text) => (text, TEXT),
            Node::List(items)
                if !content_type.is_some_and(|given| given.contains("json"))
                    && items.iter().all(|item| matches!(item, Node::Null | Node::Text(_) | Node::Literal(_))) =>
            {
                for item in items {
                    if let Node::Text(text) | Node::Literal(text) = item {
                        self.part(name, None, content_type.unwrap_or(TEXT), text.as_bytes());
                    }
                }
                return Ok(self);
            }
            Node::List(_) | Node::Object(_) => {
                let json = serde_json::to_string(value).map_err(|e| Error::Encode {
                    operation: None,
                    message: format!("part `{name}` cannot be serialised: {e}"),
                })?;
                (json, "application/json")
            }
        };
        self.part(name, None, content_type.unwrap_or(default_type), text.as_bytes());
        Ok(self)
    }

    /// Adds a file part: `bytes` sent as they are, named `file_name`, with `content_type`.
    pub fn file(mut self, name: &str, file_name: &str, bytes: &[u8], content_type: &str) -> Self {
        self.part(name, Some(file_name), content_type, bytes);
        self
    }

    fn part(&mut self, name: &str, file_name: Option<&str>, content_type: &str, bytes: &[u8]) {
        let body = &mut self.body;
        body.extend_from_slice(b"--");
        body.extend_from_slice(self.boundary.as_bytes());
        body.extend_from_slice(b"\r\nContent-Disposition: form-data; name=\"");
        body.extend_from_slice(quoted(name).as_bytes());
        body.push(b'"');
        if let Some(file_name) = file_name {
            body.extend_from_slice(b"; filename=\"");
            body.extend_from_slice(quoted(file_name).as_bytes());
            body.push(b'"');
        }
        body.extend_from_slice(b"\r\nContent-Type: ");
        body.extend_from_slice(content_type.as_bytes());
        body.extend_from_slice(b"\r\n\r\n");
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }

    /// The finished body and its `Content-Type` (with the boundary).
    pub(super) fn finish(mut self) -> (Vec<u8>, String) {
        self.body.extend_from_slice(b"--");
        self.body.extend_from_slice(self.boundary.as_bytes());
        self.body.extend_from_slice(b"--\r\n");
        (self.body, format!("multipart/form-data; boundary={}", self.boundary))
    }
}

/// A name inside a quoted `Content-Disposition` parameter: quotes, backslashes and line breaks
/// percent-encoded, as browsers do (RFC 7578 section 4.2 leaves the choice open).
fn quoted(name: &str) -> String {
    name.replace('%', "%25")
        .replace('"', "%22")
        .replace('\\', "%5C")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_text_json_and_files() {
        let form = Multipart::new()
            .value("caption", "a \"cat\"", None)
            .unwrap()
            .value("tags", &["x", "y"], None)
            .unwrap()
            .value("points", &[[1, 2]], None)
            .unwrap()
            .value("none", &Vec::<String>::new(), None)
            .unwrap()
            .value("encoded", &["x"], Some("application/json"))
            .unwrap()
            .value("gone", &Option::<u8>::None, None)
            .unwrap()
            .file("file", "file", b"\x89PNG", "image/png");
        let boundary = form.boundary.clone();
        let (body, content_type) = form.finish();
        assert_eq!(content_type, format!("multipart/form-data; boundary={boundary}"));
        let expected = format!(
            "--{b}\r\nContent-Disposition: form-data; name=\"caption\"\r\nContent-Type: text/plain; charset=utf-8\r\n\r\na \"cat\"\r\n\
             --{b}\r\nContent-Disposition: form-data; name=\"tags\"\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nx\r\n\
             --{b}\r\nContent-Disposition: form-data; name=\"tags\"\r\nContent-Type: text/plain; charset=utf-8\r\n\r\ny\r\n\
             --{b}\r\nContent-Disposition: form-data; name=\"points\"\r\nContent-Type: application/json\r\n\r\n[[1,2]]\r\n\
             --{b}\r\nContent-Disposition: form-data; name=\"encoded\"\r\nContent-Type: application/json\r\n\r\n[\"x\"]\r\n\
             --{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"file\"\r\nContent-Type: image/png\r\n\r\n",
            b = boundary
        );
        assert!(body.starts_with(expected.as_bytes()), "{}", String::from_utf8_lossy(&body));
        let mut rest = b"\x89PNG\r\n".to_vec();
        rest.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        assert_eq!(&body[expected.len()..], &rest[..]);
    }

    #[test]
    fn boundaries_differ_and_names_cannot_break_the_header() {
        assert_ne!(Multipart::new().boundary, Multipart::new().boundary);
        assert_eq!(quoted("a\"b\r\nc"), "a%22b%0D%0Ac");
    }
}
