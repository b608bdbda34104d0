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
    text.lines()
        .map(|line| {
            // Tabs as four spaces: rustdoc renders tabs inconsistently (clippy's
            // `tabs_in_doc_comments`).
            let line = if line.is_empty() { String::new() } else { format!(" {}", line.trim_end().replace('\t', "    ")) };
            let line = doc_literal(&line);
            if inner {
                quote! { #![doc = #line] }
            } else {
                quote! { #[doc = #line] }
            }
        })
        .collect()
}

/// A doc line as a raw string literal (`r"..."`, with as many `#` as it needs) where
/// prettyplease prints it as a `///` comment, which reads the same whichever literal it came
/// from; otherwise (a line break, a carriage return, a leading `/`) a plain literal, since
/// prettyplease then prints the literal itself.
///
/// The reason is time: syn reads a plain literal's value escape by escape when it parses the
/// emitted tokens and again when prettyplease prints the comment, while a raw literal is only
/// sliced. With docs on most items that was a tenth of all the work on GitHub's description
/// (BENCHMARKS.md, 7i).
pub fn doc_literal(line: &str) -> proc_macro2::Literal {
    if line.contains(['\n', '\r']) || line.starts_with('/') {
        return proc_macro2::Literal::string(line);
    }
    let hashes = if line.contains('"') {
        // One more `#` than the longest run after any quote, so the text cannot end it.
        line.split('"').skip(1).map(|after| after.len() - after.trim_start_matches('#').len()).max().unwrap_or(0) + 1
    } else {
        0
    };
    let fence = "#".repeat(hashes);
    format!("r{fence}\"{line}\"{fence}").parse().unwrap_or_else(|_| proc_macro2::Literal::string(line))
}

/// `text` as one Markdown list item (`- ` and the text): the lines after the first are
/// indented by two spaces so they stay inside the item, as CommonMark requires of a list
/// item's continuation (rustdoc and clippy's `doc_lazy_continuation` read it so).
///
/// Outside fenced code, the continuation lines lose their own indentation, which inside an
/// item would read as a nested block (clippy's `doc_overindented_list_items`).
pub fn list_item(text: &str) -> String {
    let mut item = String::from("- ");
    let mut fenced = false;
    for (i, line) in text.trim_end().lines().enumerate() {
        let line = line.trim_end();
        let starts_fence = line.trim_start().starts_with("```");
        if i > 0 {
            item.push('\n');
            if !line.is_empty() {
                item.push_str("  ");
            }
            item.push_str(if fenced || starts_fence { line } else { line.trim_start() });
        } else {
            item.push_str(line);
        }
        if starts_fence {
            fenced = !fenced;
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
    use super::{describe_origin, doc_literal, list_item};

    #[test]
    fn doc_literals_hold_their_text_exactly_and_are_raw_where_they_can_be() {
        let lines = [
            "",
            " plain words",
            r#" a "quoted" word"#,
            r####" ends a raw string: "# and "###"####,
            r#" escapes stay text: \n \" \u{41}"#,
            " Unicode: Über, 日本語, emoji 🙂",
            " a lone \r carriage return",
            " two\nlines",
            "/ a leading slash",
            " \"",
        ];
        for line in lines {
            let literal = doc_literal(line);
            let parsed: syn::LitStr = syn::parse2(quote::quote!(#literal)).unwrap();
            assert_eq!(parsed.value(), line, "{literal}");
            let raw = literal.to_string().starts_with('r');
            assert_eq!(raw, !line.contains(['\r', '\n']) && !line.starts_with('/'), "{literal}");
            // What matters: the printed file is the same as from a plain literal.
            let print = |lit: proc_macro2::Literal| {
                prettyplease::unparse(&syn::parse2(quote::quote!(#[doc = #lit] struct A;)).unwrap())
            };
            assert_eq!(print(literal), print(proc_macro2::Literal::string(line)));
        }
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
