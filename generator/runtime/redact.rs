//! Keeping secrets out of error text: the client secret and access tokens are cut from
//! whatever a server sends back (an error page that echoes the request form, a problem
//! `detail` that quotes the token), and JSON decoding errors are described without quoting
//! the input.

use std::borrow::Cow;

/// What replaces a secret in error text.
pub(super) const REDACTED: &str = "[redacted]";

/// Replaces known secrets, as sent or as a server may echo them (plain, form-encoded,
/// JSON-escaped), with [`REDACTED`].
#[derive(Default)]
pub(super) struct Redactor {
    /// Longest first, so that a secret containing another is cut whole.
    needles: Vec<String>,
}

impl Redactor {
    /// A redactor of `secrets`; empty strings are ignored.
    pub(super) fn new<'a>(secrets: impl IntoIterator<Item = &'a str>) -> Self {
        let mut needles = Vec::new();
        for secret in secrets.into_iter().filter(|s| !s.is_empty()) {
            needles.push(secret.to_owned());
            // `client_secret=a%2Bb` in an echoed form body.
            if let Ok(form) = serde_urlencoded::to_string([("", secret)]) {
                needles.push(form.trim_start_matches('=').to_owned());
            }
            // `"a\"b"` in an echoed JSON document.
            if let Ok(json) = serde_json::to_string(secret) {
                needles.push(json[1..json.len() - 1].to_owned());
            }
            // Percent-encoded with `%20` for spaces, as in a URL.
            needles.push(
                percent_encoding::utf8_percent_encode(secret, percent_encoding::NON_ALPHANUMERIC)
                    .to_string(),
            );
        }
        needles.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        needles.dedup();
        Redactor { needles }
    }

    /// `text` with every known secret replaced.
    pub(super) fn apply<'t>(&self, text: &'t str) -> Cow<'t, str> {
        let mut text = Cow::Borrowed(text);
        for needle in &self.needles {
            if text.contains(needle.as_str()) {
                text = Cow::Owned(text.replace(needle.as_str(), REDACTED));
            }
        }
        text
    }
}

/// What went wrong in decoding JSON, without the fragment of input that serde quotes
/// (`invalid type: string "..."`), which may be a secret.
pub(super) fn json_error_without_input(e: &serde_json::Error) -> String {
    let what = match e.classify() {
        serde_json::error::Category::Io => "the body could not be read",
        serde_json::error::Category::Syntax => "the body is not valid JSON",
        serde_json::error::Category::Eof => "the JSON body ends early",
        serde_json::error::Category::Data => "the JSON body does not have the expected shape",
    };
    format!("{what} (line {}, column {})", e.line(), e.column())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_cut_in_every_echoed_form() {
        let r = Redactor::new(["s3cr+t/\"x y", "", "tok-1"]);
        let echoed = concat!(
            "plain s3cr+t/\"x y; form client_secret=s3cr%2Bt%2F%22x+y; ",
            "json {\"secret\":\"s3cr+t/\\\"x y\"}; url s3cr%2Bt%2F%22x%20y; token tok-1"
        );
        let out = r.apply(echoed);
        assert!(!out.contains("s3cr"), "{out}");
        assert!(!out.contains("tok-1"), "{out}");
        assert_eq!(out.matches(REDACTED).count(), 5, "{out}");
        assert!(matches!(r.apply("nothing here"), Cow::Borrowed(_)));
        assert_eq!(Redactor::default().apply("tok-1"), "tok-1");
    }

    #[test]
    fn json_errors_do_not_quote_the_input() {
        let e = serde_json::from_str::<u32>("\"zzsecretzz\"").unwrap_err();
        assert!(
            e.to_string().contains("zzsecretzz"),
            "serde quotes the input"
        );
        let text = json_error_without_input(&e);
        assert!(!text.contains("zzsecretzz"), "{text}");
        assert!(text.contains("expected shape"), "{text}");
    }
}
