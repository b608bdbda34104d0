//! Document text as rustdoc may read it: no code block in it is Rust.
//!
//! Descriptions are CommonMark (OpenAPI 3.0.3 §4.4, "Rich Text Formatting"), and they end up
//! in doc comments. rustdoc compiles and runs every code block it takes for Rust as a
//! doctest: a fenced block without a language or with `rust`, and every indented block. A
//! document's JSON example, shell command or Rust snippet then fails `cargo test` and
//! clippy's doctest lints. So each such block is marked `text` here, once, for every
//! emitter; blocks in another language (`json`, `sh`) keep theirs, which rustdoc leaves alone.
//! The blocks are found with the parser rustdoc itself uses, so blocks in list items and
//! block quotes count, and lines that only look like fences do not.

use std::borrow::Cow;
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag};

/// `text` with every code block rustdoc would take for Rust marked `text` instead: a fenced
/// block's info string becomes `text`, an indented block is fenced as a `text` block (its
/// lines keep their indentation). Text without such blocks is returned as it is.
pub fn without_rust_blocks(text: &str) -> Cow<'_, str> {
    let marks = edits(text);
    if marks.is_empty() {
        return text.into();
    }
    let mut out = text.to_owned();
    // From the end, so that earlier offsets stay right.
    for (range, replacement) in marks.into_iter().rev() {
        out.replace_range(range, &replacement);
    }
    if !edits(&out).is_empty() {
        // Some construct the edits did not foresee: show the whole text as text.
        return as_one_text_block(text).into();
    }
    out.into()
}

/// The replacements that mark `text`'s Rust blocks, in document order.
fn edits(text: &str) -> Vec<(Range<usize>, String)> {
    // Cheap way out for the usual description: no fence and no indented line, no block.
    if !text.contains("```") && !text.contains("~~~") && !text.contains("    ") && !text.contains('\t') {
        return Vec::new();
    }
    let mut edits = Vec::new();
    for (event, range) in Parser::new_ext(text, Options::empty()).into_offset_iter() {
        let Event::Start(Tag::CodeBlock(kind)) = event else { continue };
        match kind {
            CodeBlockKind::Fenced(info) if !is_rust(&info) => {}
            CodeBlockKind::Fenced(_) => {
                // The range starts at the opening fence; its info string runs to the line's end.
                let fence = &text[range.start..];
                let marks = fence.len() - fence.trim_start_matches(['`', '~']).len();
                let info_start = range.start + marks;
                let line_end = text[info_start..].find('\n').map_or(text.len(), |at| info_start + at);
                edits.push((info_start..line_end, "text".to_owned()));
            }
            CodeBlockKind::Indented => {
                // The range starts at the first line's code, after the container's prefix
                // (`> `, a list item's indentation) and the four spaces that make the block.
                let line_start = text[..range.start].rfind('\n').map_or(0, |at| at + 1);
                let prefix = &text[line_start..range.start];
                let container = prefix.strip_suffix("    ").unwrap_or_else(|| prefix.trim_end_matches([' ', '\t']));
                edits.push((line_start..line_start, format!("{container}```text\n")));
                let end = range.end;
                let newline = if text[..end].ends_with('\n') { "" } else { "\n" };
                edits.push((end..end, format!("{newline}{container}```\n")));
            }
        }
    }
    edits
}

/// Whether rustdoc takes a fenced block with this info string for Rust: with no info, with a
/// `rust` token, or with only tokens that are rustdoc's own attributes (`no_run`, `ignore`,
/// `edition2021`, ...). Tokens are separated by commas or white space; a class in braces
/// (`{.rust}`) counts by its name. (The rustdoc book, "Documentation tests", "Attributes".)
fn is_rust(info: &str) -> bool {
    let tokens: Vec<&str> = info
        .split(|c: char| c == ',' || c.is_whitespace() || c == '{' || c == '}')
        .map(|token| token.trim_start_matches('.'))
        .filter(|token| !token.is_empty())
        .collect();
    let attribute = |token: &str| {
        matches!(token, "should_panic" | "no_run" | "ignore" | "test_harness" | "compile_fail" | "standalone_crate")
            || token.starts_with("ignore-")
            || token.starts_with("edition")
            || (token.len() == 5 && token.starts_with('E') && token[1..].bytes().all(|b| b.is_ascii_digit()))
    };
    tokens.iter().any(|token| token.eq_ignore_ascii_case("rust")) || tokens.iter().all(|token| attribute(token))
}

/// `text` as one `text` block, fenced with more backticks than any run in it.
fn as_one_text_block(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    format!("{fence}text\n{}\n{fence}", text.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_without_rust_blocks_is_kept() {
        for text in ["plain", "```json\n{}\n```", "~~~sh\nls\n~~~", "a `b` ``c``", "```text\nx\n```", "x\n    ```\n    y"] {
            assert!(matches!(without_rust_blocks(text), Cow::Borrowed(_)), "{text}");
        }
    }

    #[test]
    fn fenced_rust_blocks_are_marked_text_wherever_they_are() {
        assert_eq!(without_rust_blocks("a\n```\n{}\n```\nb"), "a\n```text\n{}\n```\nb");
        assert_eq!(without_rust_blocks("```rust,no_run\nfn main() {}\n```"), "```text\nfn main() {}\n```");
        assert_eq!(without_rust_blocks("~~~ {.rust}\nx\n~~~"), "~~~text\nx\n~~~");
        assert_eq!(without_rust_blocks("```edition2021\nx\n```"), "```text\nx\n```");
        assert_eq!(without_rust_blocks("1. ```\n   x\n   ```\n"), "1. ```text\n   x\n   ```\n");
        assert_eq!(without_rust_blocks("> ```\n> x\n> ```\n"), "> ```text\n> x\n> ```\n");
        // Four spaces in a paragraph are no fence: the real block after it is the one marked.
        assert_eq!(without_rust_blocks("x\n    ```\n\n```\ny\n```"), "x\n    ```\n\n```text\ny\n```");
    }

    #[test]
    fn indented_blocks_are_fenced_as_text_inside_their_container() {
        assert_eq!(without_rust_blocks("a\n\n    code1\n    code2\n\nb"), "a\n\n```text\n    code1\n    code2\n```\n\nb");
        assert_eq!(without_rust_blocks("- a\n\n      ind\n"), "- a\n\n  ```text\n      ind\n  ```\n");
        assert_eq!(without_rust_blocks("> p\n>\n>     ind"), "> p\n>\n> ```text\n>     ind\n> ```\n");
    }

    #[test]
    fn rustdoc_sees_no_rust_block_afterwards() {
        let texts = [
            "a\n\n    x\n\n```\ny\n```\n\n- i\n\n      z\n\n> ```rust\n> w\n> ```",
            "\t\tfn main() {}",
            "* ```\n  a\n\n  b\n  ```",
            "1. x\n\n       indented in item\n   ```\n   fenced in item\n   ```",
        ];
        for text in texts {
            let safe = without_rust_blocks(text);
            assert!(edits(&safe).is_empty(), "{text:?} became {safe:?}");
        }
    }

    #[test]
    fn the_fallback_fence_is_longer_than_any_backtick_run() {
        assert_eq!(as_one_text_block("a ```` b"), "`````text\na ```` b\n`````");
    }
}
