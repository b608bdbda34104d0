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
            let line = if line.is_empty() { String::new() } else { format!(" {}", line.trim_end()) };
            if inner {
                quote! { #![doc = #line] }
            } else {
                quote! { #[doc = #line] }
            }
        })
        .collect()
}

/// Puts `text` in backticks for rustdoc, so names like `a_b` or `<id>` are shown literally.
pub fn code(text: &str) -> String {
    format!("`{}`", text.replace('`', "'"))
}
