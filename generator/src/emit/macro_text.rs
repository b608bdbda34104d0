//! Touches to prettyplease's text of the runtime's macro invocations, which it prints as
//! loose tokens: types spaced like comparisons, and lists filled to the margin with a break
//! anywhere. Only those invocations are touched, never the string literals in them.

/// The text of `text` with the runtime's macro invocations tidied: types printed tight
/// ([`tighten_macro_types`]) and enum mappings one pair per line ([`lay_out_enum_mappings`]).
pub(super) fn tidy(text: String) -> String {
    lay_out_enum_mappings(tighten_macro_types(text))
}

/// `Vec<types::Thing>` where prettyplease printed `Vec < types::Thing >`, and `crate::Secret`
/// for `crate ::Secret`: it spaces the tokens of a macro invocation it does not know, and the
/// runtime's `request_builder!(Builder, method, Output)` and `setter!(with_field, field,
/// Type)` take types. Only those invocations are touched, and not the string literals in
/// them; the rest of the text is prettyplease's.
fn tighten_macro_types(text: String) -> String {
    if !text.contains(" < ") {
        return text;
    }
    rewrite_arguments(text, &["runtime::request_builder!(", "setter!("], |_, args| {
        // Outside string literals only: a wire name may hold anything.
        split_literals(args)
            .enumerate()
            .map(|(index, piece)| match index % 2 {
                0 => piece.replace(" < ", "<").replace(" >", ">").replace("crate ::", "crate::"),
                _ => piece.to_owned(),
            })
            .collect()
    })
}

/// `text` with the arguments of every invocation that starts with one of `invocations`
/// (`name!(`) replaced by `rewrite(its line up to the arguments, the arguments)`. The first
/// `);` outside a literal closes an invocation: the arguments hold types, names and
/// literals, never a `);` of their own.
fn rewrite_arguments(text: String, invocations: &[&str], mut rewrite: impl FnMut(&str, &str) -> String) -> String {
    // Where each invocation is next found, looked for again only once passed: a file of
    // a hundred thousand lines holds thousands of invocations.
    let mut next: Vec<Option<usize>> =
        invocations.iter().map(|invocation| find_invocation(&text, 0, invocation)).collect();
    if next.iter().all(Option::is_none) {
        return text;
    }
    let mut done = String::with_capacity(text.len());
    let mut copied = 0;
    while let Some((which, start)) =
        next.iter().enumerate().filter_map(|(which, at)| Some((which, (*at)?))).min_by_key(|&(_, at)| at)
    {
        let args = start + invocations[which].len();
        let end = args + invocation_end(&text[args..]);
        done.push_str(&text[copied..args]);
        let line = &done[done.rfind('\n').map_or(0, |at| at + 1)..];
        let arguments = rewrite(line, &text[args..end]);
        done.push_str(&arguments);
        copied = end;
        for (invocation, at) in invocations.iter().zip(&mut next) {
            if at.is_some_and(|at| at < end) {
                *at = find_invocation(&text, end, invocation);
            }
        }
    }
    done.push_str(&text[copied..]);
    done
}

/// Where `invocation` next begins a line of `text` at or after `from` (after indentation and
/// an optional `crate::`): prettyplease starts every item and statement on a line of its
/// own, so the same words in a doc comment or a string literal are never taken for one.
fn find_invocation(text: &str, from: usize, invocation: &str) -> Option<usize> {
    text[from..].match_indices(invocation).map(|(at, _)| from + at).find(|&at| {
        let before = &text[text[..at].rfind('\n').map_or(0, |newline| newline + 1)..at];
        matches!(before.trim_start(), "" | "crate::")
    })
}

/// Where the invocation whose arguments start `text` ends: its first `);` outside string
/// literals (the end of `text` if none). The pieces are cut only as far as that.
fn invocation_end(text: &str) -> usize {
    let mut at = 0;
    for (index, piece) in split_literals(text).enumerate() {
        if let Some(end) = piece.find(");").filter(|_| index % 2 == 0) {
            return at + end;
        }
        at += piece.len();
    }
    text.len()
}

/// `text` cut at the quotes of its string literals: code, literal, code, ... (each literal
/// with its quotes; an escaped quote inside one does not end it), cut as they are taken.
/// Over bytes: the quote and the backslash are ASCII, never part of another character.
fn split_literals(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut in_literal = false;
    let mut finished = false;
    std::iter::from_fn(move || {
        if finished {
            return None;
        }
        // A literal's piece starts at its opening quote, which does not close it.
        let mut at = start + usize::from(in_literal);
        let mut escaped = false;
        while let Some(&byte) = bytes.get(at) {
            match (in_literal, byte) {
                (true, _) if escaped => escaped = false,
                (true, b'\\') => escaped = true,
                (true, b'"') => {
                    let piece = &text[start..=at];
                    (start, in_literal) = (at + 1, false);
                    return Some(piece);
                }
                (false, b'"') => {
                    let piece = &text[start..at];
                    (start, in_literal) = (at, true);
                    return Some(piece);
                }
                _ => {}
            }
            at += 1;
        }
        finished = true;
        Some(&text[start..])
    })
}

/// The runtime's `string_enum!(Enum, Variant = "value", ...)` and `integer_enum!` laid out
/// as a call is: on one line when it fits in [`MARGIN`] columns, else the enum and each
/// `Variant = value` pair on a line of their own. prettyplease fills the pairs to its margin
/// and may break one between its variant and its value.
fn lay_out_enum_mappings(text: String) -> String {
    rewrite_arguments(text, &["runtime::string_enum!(", "runtime::integer_enum!("], |line, args| {
        let items = list_items(args);
        let one_line = items.join(", ");
        if line.chars().count() + one_line.chars().count() + 2 <= MARGIN {
            return one_line;
        }
        let indent: String = line.chars().take_while(|c| c.is_whitespace()).collect();
        let mut laid: String = items.iter().map(|item| format!("\n{indent}    {item},")).collect();
        laid.push('\n');
        laid.push_str(&indent);
        laid
    })
}

/// The width prettyplease fills lines to.
const MARGIN: usize = 100;

/// The comma-separated items of a macro's arguments, each with its whitespace outside
/// string literals made single spaces (`Custom\n    = "custom"` is `Custom = "custom"`) and a
/// negative number's sign joined to it.
fn list_items(args: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut item = String::new();
    for (index, piece) in split_literals(args).enumerate() {
        if index % 2 == 1 {
            item.push_str(piece);
            continue;
        }
        for (at, part) in piece.split(',').enumerate() {
            if at > 0 {
                items.push(std::mem::take(&mut item));
            }
            for word in part.split_whitespace() {
                if !item.is_empty() && !item.ends_with(' ') && !item.ends_with("= -") {
                    item.push(' ');
                }
                item.push_str(word);
            }
            // `Variant = ` before a literal keeps its space.
            if part.ends_with(char::is_whitespace) && !item.is_empty() {
                item.push(' ');
            }
        }
    }
    items.push(item);
    items.iter().map(|item| item.trim().to_owned()).filter(|item| !item.is_empty()).collect()
}

#[cfg(test)]
mod tests {
    use crate::emit::format_rust;
    use crate::Settings;

    #[test]
    fn types_in_request_builder_invocations_are_printed_tight() {
        let tokens = quote::quote! {
            crate::runtime::request_builder!(ListThings, list_things, Vec<Option<types::Thing>>);
            crate::runtime::request_builder!(GetUnit, get_unit, ());
            const A: bool = 1 < 2;
            impl Thing {
                setter!(with_tags, tags as "a < b >", Vec<Vec<String>>);
                setter!(with_odd, odd as "x); y < z", Vec<u8>);
                setter!(with_token, token, crate::Secret);
            }
        };
        let text = format_rust("src/x.rs", tokens, &Settings::new("x", "test")).unwrap();
        assert!(text.contains("ListThings, list_things, Vec<Option<types::Thing>>\n);"), "{text}");
        assert!(text.contains("request_builder!(GetUnit, get_unit, ());"), "{text}");
        assert!(text.contains("1 < 2"), "only the invocations are touched: {text}");
        assert!(text.contains(r#"setter!(with_tags, tags as "a < b >", Vec<Vec<String>>);"#), "literals are not touched: {text}");
        assert!(text.contains(r#"setter!(with_odd, odd as "x); y < z", Vec<u8>);"#), "{text}");
        assert!(text.contains("setter!(with_token, token, crate::Secret);"), "{text}");
    }

    #[test]
    fn the_same_words_in_docs_and_literals_are_not_invocations() {
        let tokens = quote::quote! {
            /// Mentions crate::runtime::string_enum!(A, "x < y" and setter!( in prose "
            pub struct A { pub b: Vec<u8> }
            impl A {
                pub fn f(&self) -> &str { "setter!(a < b, c > d);" }
                setter!(with_b, b, Vec<u8>);
            }
            crate::runtime::string_enum!(E, X = "x");
        };
        let text = format_rust("src/x.rs", tokens, &Settings::new("x", "test")).unwrap();
        assert!(text.contains("/// Mentions crate::runtime::string_enum!(A, \"x < y\" and setter!( in prose \"\n"), "{text}");
        assert!(text.contains(r#""setter!(a < b, c > d);""#), "{text}");
        assert!(text.contains("setter!(with_b, b, Vec<u8>);"), "{text}");
        assert!(text.contains("crate::runtime::string_enum!(E, X = \"x\");"), "{text}");
    }

    #[test]
    fn an_invocation_ends_at_its_first_closing_outside_literals() {
        use super::invocation_end;
        let text = r#"A, B = "x);\");", C = "ü"); after();"#;
        assert_eq!(&text[..invocation_end(text)], r#"A, B = "x);\");", C = "ü""#);
        assert_eq!(invocation_end("no end"), "no end".len());
        assert_eq!(invocation_end(r#""open ); literal"#), r#""open ); literal"#.len());
    }

    #[test]
    fn literals_are_cut_at_their_quotes_only() {
        let pieces: Vec<&str> = super::split_literals(r#"a, "b\"c", d = "ü\\", e"#).collect();
        assert_eq!(pieces, ["a, ", r#""b\"c""#, ", d = ", r#""ü\\""#, ", e"]);
        let open: Vec<&str> = super::split_literals(r#"x "open"#).collect();
        assert_eq!(open, ["x ", r#""open"#]);
        assert_eq!(super::split_literals("").collect::<Vec<_>>(), [""]);
    }

    #[test]
    fn enum_mappings_are_one_pair_per_line_when_they_do_not_fit_on_one() {
        let long: Vec<_> = (0..6).map(|i| quote::format_ident!("FirstTimeContributorsNewToGithub{i}")).collect();
        let values: Vec<_> = (0..6).map(|i| format!("first_time, contributors = \"{i}\");")).collect();
        let tokens = quote::quote! {
            crate::runtime::string_enum!(Short, A = "a", B = "b");
            crate::runtime::string_enum!(Long #(, #long = #values)*);
            crate::runtime::integer_enum!(Level, Minus1 = -1, Two = 2);
            crate::runtime::string_enum!(Empty);
        };
        let text = format_rust("src/x.rs", tokens, &Settings::new("x", "test")).unwrap();
        assert!(text.contains("crate::runtime::string_enum!(Short, A = \"a\", B = \"b\");\n"), "{text}");
        assert!(text.contains("crate::runtime::integer_enum!(Level, Minus1 = -1, Two = 2);\n"), "{text}");
        assert!(text.contains("crate::runtime::string_enum!(Empty);\n"), "{text}");
        let expected: String = (0..6)
            .map(|i| format!("\n    FirstTimeContributorsNewToGithub{i} = \"first_time, contributors = \\\"{i}\\\");\","))
            .collect();
        assert!(text.contains(&format!("crate::runtime::string_enum!(\n    Long,{expected}\n);\n")), "{text}");
        // The text is still Rust, with the same tokens.
        let again = syn::parse_file(&text).unwrap();
        assert_eq!(again.items.len(), 4);
    }
}
