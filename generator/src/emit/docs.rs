//! Doc comments from document text.

use proc_macro2::TokenStream;
use quote::quote;

/// `#[doc = ...]` attributes, one per line of `paragraphs` joined by blank lines; empty
/// paragraphs are skipped.
pub fn doc_attrs<'a>(paragraphs: impl IntoIterator<Item = Option<&'a str>>) -> TokenStream {
    let text = paragraphs
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    lines(&text, false)
}

/// Inner (`#![doc]`) attributes for crate-level docs.
pub fn inner_doc_attrs(text: &str) -> TokenStream {
    lines(text, true)
}

fn lines(text: &str, inner: bool) -> TokenStream {
    // A carriage return not followed by a line feed (`lines` takes those) is a line break too.
    text.lines()
        .flat_map(|line| line.split('\r'))
        .map(|line| {
            let line = line.trim_end();
            let line = if line.is_empty() { String::new() } else { format!(" {line}") };
            let line = doc_literal(&line);
            if inner {
                quote! { #![doc = #line] }
            } else {
                quote! { #[doc = #line] }
            }
        })
        .collect()
}

/// A doc comment's text as a literal for `#[doc = ...]`, with what a comment cannot hold
/// made visible (see [`comment_text`]).
///
/// Where prettyplease prints it as a `///` line (no line break, no leading `/`), the literal
/// is a raw string (`r"..."`, with as many `#` as it needs), which prints the same; otherwise
/// a plain one, which prettyplease may print as it is. The reason is time: syn reads a plain
/// literal's value escape by escape when it parses the emitted tokens and again when
/// prettyplease prints the comment, while a raw literal is only sliced. With docs on most
/// items that was a tenth of all the work on GitHub's description (BENCHMARKS.md, 7i).
pub fn doc_literal(text: &str) -> proc_macro2::Literal {
    let text = comment_text(text);
    if text.contains('\n') || text.starts_with('/') {
        return proc_macro2::Literal::string(&text);
    }
    let hashes = if text.contains('"') {
        // One more `#` than the longest run after any quote, so the text cannot end it.
        text.split('"').skip(1).map(|after| after.len() - after.trim_start_matches('#').len()).max().unwrap_or(0) + 1
    } else {
        0
    };
    let fence = "#".repeat(hashes);
    // More than 255 `#` is no literal: the plain one then.
    format!("r{fence}\"{text}\"{fence}").parse().unwrap_or_else(|_| proc_macro2::Literal::string(&text))
}

/// Document text as a doc comment can hold it: a tab as four spaces (rustdoc renders tabs
/// unevenly; clippy's `tabs_in_doc_comments`), and as their escape (`\u{202e}`) the
/// characters rustc refuses in a doc comment (a carriage return: "bare CR not allowed in doc
/// comment"), the ones its deny-by-default `text_direction_codepoint_in_comment` lint rejects
/// (the Unicode direction controls of CVE-2021-42574) and the other control characters. Line
/// feeds are kept.
fn comment_text(text: &str) -> std::borrow::Cow<'_, str> {
    let hidden = |c: char| {
        (c.is_control() && c != '\n') || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    };
    if !text.contains(hidden) {
        return text.into();
    }
    let mut shown = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\t' => shown.push_str("    "),
            c if hidden(c) => shown.extend(c.escape_unicode()),
            c => shown.push(c),
        }
    }
    shown.into()
}

/// Which lines of a text are fenced code, line by line (CommonMark, "Fenced code blocks"):
/// backtick or tilde fences, closed by a fence of the same character at least as long.
/// (Document text reaches the emitter with no block rustdoc would take for Rust:
/// `model::markdown`.)
#[derive(Default)]
struct Fence {
    /// The open block's fence character and length.
    open: Option<(char, usize)>,
}

impl Fence {
    /// Reads `line`: opens or closes a block when it is a fence.
    fn step(&mut self, line: &str) {
        let rest = line.trim_start();
        let Some(mark) = rest.chars().next().filter(|c| matches!(c, '`' | '~')) else {
            return;
        };
        let length = rest.chars().take_while(|&c| c == mark).count();
        if length < 3 {
            return;
        }
        let info = rest[length..].trim();
        match self.open {
            Some((open, open_length)) => {
                if open == mark && length >= open_length && info.is_empty() {
                    self.open = None;
                }
            }
            // A backtick fence's info string holds no backtick.
            None if mark == '`' && info.contains('`') => {}
            None => self.open = Some((mark, length)),
        }
    }

    /// Whether a code block is open after the lines seen so far.
    fn is_open(&self) -> bool {
        self.open.is_some()
    }
}

/// `text` as one Markdown list item (`- ` and the text): the lines after the first are
/// indented by two spaces so they stay inside the item, as CommonMark requires of a list
/// item's continuation (rustdoc and clippy's `doc_lazy_continuation` read it so).
///
/// Outside fenced code, the continuation lines lose their own indentation, which inside an
/// item would read as a nested block (clippy's `doc_overindented_list_items`).
pub fn list_item(text: &str) -> String {
    let mut item = String::from("- ");
    let mut fence = Fence::default();
    for (i, line) in text.trim_end().lines().enumerate() {
        let line = line.trim_end();
        // A fence line, or a line inside a block: its indentation is the code's.
        let was_open = fence.is_open();
        fence.step(line);
        let code = was_open || fence.is_open();
        if i > 0 {
            item.push('\n');
            if !line.is_empty() {
                item.push_str("  ");
            }
            item.push_str(if code { line } else { line.trim_start() });
        } else {
            item.push_str(line);
        }
    }
    item
}

/// Puts `text` in backticks for rustdoc, so names like `a_b` or `<id>` are shown literally.
pub fn code(text: &str) -> String {
    format!("`{}`", text.replace('`', "'"))
}

/// A reader's description of where a schema sits, from its JSON pointer: `The 200 answer of
/// GET /items.` rather than `#/paths/~1items/get/responses/200/content/...`.
pub fn describe_origin(pointer: &str) -> String {
    let parts: Vec<String> = pointer
        .trim_start_matches('#')
        .split('/')
        .skip(1)
        .map(|p| p.replace("~1", "/").replace("~0", "~"))
        .collect();
    let mut words: Vec<String> = Vec::new();
    let mut rest: &[String] = &parts;
    let mut owner = String::new();
    match rest {
        [first, _kind, name, tail @ ..] if first == "components" => {
            owner = format!("the {} schema", code(name));
            rest = tail;
        }
        [first, path, method, tail @ ..] if first == "paths" => {
            owner = format!("{} {}", method.to_uppercase(), code(path));
            rest = tail;
        }
        _ => {}
    }
    while let [head, tail @ ..] = rest {
        match (head.as_str(), tail) {
            ("requestBody", _) => words.push("the request body".into()),
            ("responses", [code_, more @ ..]) => {
                words.push(format!("the {code_} answer"));
                rest = more;
                continue;
            }
            ("parameters", [_, more @ ..]) => {
                words.push("a parameter".into());
                rest = more;
                continue;
            }
            ("properties", [name, more @ ..]) => {
                words.push(format!("property {}", code(name)));
                rest = more;
                continue;
            }
            ("items", _) => words.push("an item".into()),
            ("additionalProperties", _) => words.push("a map value".into()),
            _ => {}
        }
        rest = tail;
    }
    words.reverse();
    let mut text = words.join(" of ");
    if !owner.is_empty() {
        if !text.is_empty() {
            text.push_str(" of ");
        }
        text.push_str(&owner);
    }
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => format!("{}{}.", first.to_uppercase(), chars.as_str()),
        None => format!("The schema at {}.", code(pointer)),
    }
}

#[cfg(test)]
mod tests {
    use super::{comment_text, describe_origin, doc_literal, list_item};

    #[test]
    fn doc_literals_hold_their_text_exactly_and_are_raw_where_they_can_be() {
        let lines = [
            "",
            " plain words",
            r#" a "quoted" word"#,
            r####" ends a raw string: "# and "###"####,
            r#" escapes stay text: \n \" \u{41}"#,
            " Unicode: Über, 日本語, emoji 🙂",
            " a lone \r carriage return, a \t tab, a \0 and a \u{202E} direction control",
            " two\nlines",
            "/ a leading slash",
            " \"",
        ];
        for line in lines {
            let literal = doc_literal(line);
            let text = comment_text(line);
            let parsed: syn::LitStr = syn::parse2(quote::quote!(#literal)).unwrap();
            assert_eq!(parsed.value(), text, "{literal}");
            let raw = literal.to_string().starts_with('r');
            assert_eq!(raw, !text.contains('\n') && !text.starts_with('/'), "{literal}");
            // What matters: the printed file is the same as from a plain literal.
            let print = |lit: proc_macro2::Literal| {
                prettyplease::unparse(&syn::parse2(quote::quote!(#[doc = #lit] struct A;)).unwrap())
            };
            assert_eq!(print(literal), print(proc_macro2::Literal::string(&text)));
        }
    }

    #[test]
    fn comments_show_what_rustc_would_refuse_in_them() {
        assert_eq!(comment_text("a\rb\u{202E}c\u{2066}d\0e\u{7f}f"), r"a\u{d}b\u{202e}c\u{2066}d\u{0}e\u{7f}f");
        assert_eq!(comment_text("a\tb\nc"), "a    b\nc");
        assert!(matches!(comment_text("plain, Über 日本語"), std::borrow::Cow::Borrowed(_)));
        // Through `lines`, a lone carriage return breaks the line as a line feed would.
        let tokens = super::doc_attrs([Some("one\rtwo\r\nthree")]);
        let printed = prettyplease::unparse(&syn::parse2(quote::quote!(#tokens struct A;)).unwrap());
        assert_eq!(printed, "/// one\n/// two\n/// three\nstruct A;\n");
    }

    #[test]
    fn list_items_keep_every_line_of_their_text_inside() {
        assert_eq!(list_item("one line"), "- one line");
        assert_eq!(
            list_item("The position.\nSpecify it as latitude,longitude.\n\n* a list inside  \n"),
            "- The position.\n  Specify it as latitude,longitude.\n\n  * a list inside"
        );
        assert_eq!(
            list_item("Fields:\n            Name,\n            Kind.\n```json\n  {\"a\": 1}\n```"),
            "- Fields:\n  Name,\n  Kind.\n  ```json\n    {\"a\": 1}\n  ```"
        );
        // Fences as CommonMark reads them: tildes open a block too, a closing fence is at
        // least as long as the opening one, and a backtick in the info string makes inline code.
        assert_eq!(
            list_item("Shell:\n~~~sh\n  run --all\n~~~\n    after"),
            "- Shell:\n  ~~~sh\n    run --all\n  ~~~\n  after"
        );
        assert_eq!(
            list_item("a\n````\n```\n  kept\n````\n  b"),
            "- a\n  ````\n  ```\n    kept\n  ````\n  b"
        );
        assert_eq!(list_item("a\n```x`y\n    b"), "- a\n  ```x`y\n  b");
    }

    #[test]
    fn origins_read_as_places_in_the_api() {
        assert_eq!(describe_origin("#/components/schemas/Pet"), "The `Pet` schema.");
        assert_eq!(
            describe_origin("#/paths/~1notifications/get/responses/200/content/application~1json/schema"),
            "The 200 answer of GET `/notifications`."
        );
        assert_eq!(
            describe_origin("#/paths/~1a~1{id}/post/requestBody/content/application~1json/schema/properties/dims"),
            "Property `dims` of the request body of POST `/a/{id}`."
        );
        assert_eq!(
            describe_origin("#/components/schemas/Product/allOf/1/properties/tags/additionalProperties"),
            "A map value of property `tags` of the `Product` schema."
        );
    }

}
