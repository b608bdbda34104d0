//! Percent-encoding of path parameters.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Everything except RFC 3986 "unreserved" characters is encoded.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes `value` so that it stays exactly one path segment.
///
/// `/`, `?`, `#`, `%`, spaces and every other character outside the RFC 3986 unreserved set
/// are encoded. The whole-segment values `.` and `..` become `%2E` and `%2E%2E`; note that
/// URL parsers still treat those as dot segments, so the client refuses to send a request
/// whose path contains one (see `Client::execute`) instead of letting it be normalised away.
pub fn path_segment(value: &str) -> String {
    match value {
        "." => "%2E".to_owned(),
        ".." => "%2E%2E".to_owned(),
        _ => utf8_percent_encode(value, SEGMENT).to_string(),
    }
}

/// Whether a raw (already encoded) path segment is one that URL parsers resolve as `.` or
/// `..` (per the WHATWG URL standard, `%2e` counts as a dot, case-insensitively).
pub(super) fn is_dot_segment(segment: &str) -> bool {
    // Compared in place: every request's path goes through this.
    [".", "..", "%2e", "%2e%2e", ".%2e", "%2e."]
        .iter()
        .any(|dot| segment.eq_ignore_ascii_case(dot))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slashes_and_dots_stay_in_one_segment() {
        assert_eq!(path_segment("a/../b"), "a%2F..%2Fb");
        assert_eq!(path_segment("x?y#z"), "x%3Fy%23z");
        assert_eq!(path_segment("100%"), "100%25");
        assert_eq!(path_segment("a b"), "a%20b");
        assert_eq!(path_segment("."), "%2E");
        assert_eq!(path_segment(".."), "%2E%2E");
        assert_eq!(path_segment("..."), "...");
        assert_eq!(path_segment("a.b-c_d~e"), "a.b-c_d~e");
        assert_eq!(path_segment(""), "");
        assert_eq!(path_segment("é+&="), "%C3%A9%2B%26%3D");
    }

    #[test]
    fn dot_segments_are_recognised() {
        for s in [".", "..", "%2E", "%2e", "%2E%2E", ".%2E", "%2e."] {
            assert!(is_dot_segment(s), "{s}");
        }
        for s in ["...", "a", "", "%2E%2E%2E", "%2F"] {
            assert!(!is_dot_segment(s), "{s}");
        }
    }
}
