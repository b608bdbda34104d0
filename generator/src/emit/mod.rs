//! Stage three: the model to the files of a crate. Each output module has its own emitter;
//! Rust sources are built as tokens, parsed by `syn` and printed by `prettyplease`.

mod cli;
mod client;
mod docs;
mod lib_rs;
mod macro_text;
pub(crate) mod manifest;
mod mock;
mod operations;
mod readme;
mod runtime;
pub(crate) mod types;

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};

use proc_macro2::TokenStream;

use crate::error::{Error, Result};
use crate::model::Api;
use crate::Settings;

/// The files of a generated crate: path relative to the crate root → contents.
pub type Files = BTreeMap<String, String>;

/// Renders every file of the crate for `api`.
pub fn render(api: &Api, settings: &Settings) -> Result<Files> {
    let mut files = Files::new();
    files.insert("Cargo.toml".into(), manifest::render(api, settings));
    files.insert("runtime/Cargo.toml".into(), manifest::render_runtime(api, settings));
    files.insert("README.md".into(), readme::render(api, settings));
    files.insert("runtime/README.md".into(), readme::render_runtime(api, settings));
    for ((path, _), text) in SOURCES.iter().zip(emit_and_format_all(api, settings)) {
        files.insert((*path).into(), text?);
    }
    let header = header_comment(&settings.command);
    for (name, text) in runtime::FILES {
        files.insert(
            format!("runtime/src/{name}"),
            format!("{header}\n// Copied verbatim from generator/runtime/{name}.\n{text}"),
        );
    }
    Ok(files)
}

/// The Rust sources of the crate as tokens, before formatting (a stage of its own for
/// benchmarks and tests).
pub fn sources(api: &Api, settings: &Settings) -> [(&'static str, TokenStream); 6] {
    SOURCES.map(|(path, source)| {
        let tokens = match source {
            Source::Whole(emit) => emit(api, settings),
            Source::Parts { count, part } => (0..count(api)).map(|index| part(api, index)).collect(),
        };
        (path, tokens)
    })
}

/// How the tokens of one Rust source file are made.
#[derive(Clone, Copy)]
enum Source {
    /// All at once.
    Whole(fn(&Api, &Settings) -> TokenStream),
    /// Part by part (`part(api, index)` for `index` below `count(api)`), for the files that
    /// grow with the document: a few parts are formatted at a time, on any thread.
    Parts { count: fn(&Api) -> usize, part: fn(&Api, usize) -> TokenStream },
}

/// The Rust sources of the crate, in file order.
const SOURCES: [(&str, Source); 6] = [
    ("src/lib.rs", Source::Whole(lib_rs::render)),
    ("src/client.rs", Source::Whole(client::render)),
    ("src/operations.rs", Source::Parts { count: operations::part_count, part: operations::part }),
    ("src/types.rs", Source::Parts { count: types::part_count, part: types::part }),
    ("src/mock.rs", Source::Whole(|api, _| mock::render(api))),
    ("src/main.rs", Source::Whole(cli::render)),
];

/// Parts of a file formatted together as one unit of work: few enough that a unit is a small
/// share of a big file (the threads finish close together), enough that a unit's parse and
/// print are worth handing out.
const PARTS_PER_UNIT: usize = 64;

/// One unit of work: a whole file, or a run of a file's parts.
struct Unit {
    /// Index in [`SOURCES`].
    file: usize,
    /// For a file made part by part, which parts.
    parts: Option<std::ops::Range<usize>>,
}

/// The units of work for `api`: whole files first (the largest of them, the command-line
/// tool, cannot be split, so it must not be the last thing left), then the parts of the big
/// files in runs of [`PARTS_PER_UNIT`].
fn units(api: &Api) -> Vec<Unit> {
    let whole = SOURCES.iter().enumerate().filter_map(|(file, (_, source))| match source {
        Source::Whole(_) => Some(Unit { file, parts: None }),
        Source::Parts { .. } => None,
    });
    let whole: Vec<Unit> = whole.rev().collect();
    let parts = SOURCES.iter().enumerate().flat_map(|(file, (_, source))| {
        let count = match source {
            Source::Parts { count, .. } => count(api),
            Source::Whole(_) => 0,
        };
        (0..count).step_by(PARTS_PER_UNIT).map(move |start| Unit { file, parts: Some(start..count.min(start + PARTS_PER_UNIT)) })
    });
    whole.into_iter().chain(parts).collect()
}

/// Emits and formats every file of [`SOURCES`] on as many threads as there are cores, each
/// thread taking the next unit of work ([`units`]) not yet taken (tokens are not `Send`, so a
/// unit's tokens are made where they are formatted). Parsing and printing is the largest cost
/// of generation; with the big files cut into units, the threads finish within a unit of each
/// other. More threads than cores only add start-up cost. The text is the same as formatting
/// each file at once (prettyplease prints items one after the other), and so are the errors:
/// each file reports its first. If no thread can be started, the work is done here instead.
fn emit_and_format_all(api: &Api, settings: &Settings) -> Vec<Result<String>> {
    let units = units(api);
    let work = |unit: &Unit| {
        let (path, source) = SOURCES[unit.file];
        match (source, &unit.parts) {
            (Source::Parts { part, .. }, Some(parts)) => format_items(path, parts.clone().map(|index| part(api, index))),
            (Source::Whole(emit), _) => format_items(path, std::iter::once(emit(api, settings))),
            (Source::Parts { .. }, None) => unreachable!("units of a file made part by part name their parts"),
        }
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(units.len());
    let next = AtomicUsize::new(0);
    // Takes units until none is left; returns them with their place in `units`.
    let take_units = || {
        let mut done = Vec::new();
        loop {
            let index = next.fetch_add(1, Ordering::Relaxed);
            let Some(unit) = units.get(index) else { return done };
            done.push((index, work(unit)));
        }
    };
    let mut done: Vec<(usize, Result<String>)> = std::thread::scope(|scope| {
        let started: Vec<_> = (0..threads)
            .filter_map(|n| {
                std::thread::Builder::new()
                    .name(format!("emit {n}"))
                    // As much stack as a main thread: `syn` parses recursively.
                    .stack_size(8 << 20)
                    .spawn_scoped(scope, take_units)
                    .ok()
            })
            .collect();
        let mut done: Vec<_> = started
            .into_iter()
            .flat_map(|thread| thread.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
            .collect();
        // Whatever no thread took (everything, if none could be started).
        done.extend(take_units());
        done
    });
    // Units back in file order, each file's in the order of its parts.
    done.sort_by_key(|(index, _)| (units[*index].file, units[*index].parts.as_ref().map_or(0, |parts| parts.start)));
    let header = format!("{}\n", header_comment(&settings.command));
    let mut files: Vec<Result<String>> = SOURCES.iter().map(|_| Ok(header.clone())).collect();
    for (index, text) in done {
        let file = &mut files[units[index].file];
        match (file.as_mut(), text) {
            (Ok(file), Ok(text)) => file.push_str(&text),
            (Ok(_), Err(error)) => *file = Err(error),
            (Err(_), _) => {}
        }
    }
    files
}

/// `#[allow(clippy::too_many_arguments)]` for a function of `inputs` inputs (`self`
/// included) when clippy's `too_many_arguments` (more than 7) would flag it: a constructor or
/// request method takes every required value the document lists, however many.
pub(crate) fn allow_many_arguments(inputs: usize) -> Option<TokenStream> {
    (inputs > 7).then(|| quote::quote!(#[allow(clippy::too_many_arguments)]))
}

/// `items` (one or more items, or methods of an impl block) compiled only when one of the
/// cargo `features` is on: each item gets `#[cfg(any(feature = "..", ..))]`. Nothing changes
/// when `features` is empty (always compiled). The one place every emitter gates with.
pub(crate) fn gate(features: &[String], items: TokenStream) -> TokenStream {
    if features.is_empty() {
        return items;
    }
    let cfg = match features {
        [one] => quote::quote!(#[cfg(feature = #one)]),
        _ => quote::quote!(#[cfg(any(#(feature = #features),*))]),
    };
    let mut gated = TokenStream::new();
    for item in items_of(items) {
        push_gated(&mut gated, &cfg, item);
    }
    gated
}

/// The top-level items of `tokens`, each with its attributes: an item ends with a `;` or a
/// `{ ... }` block at its top level (a `;` right after the block belongs to it too, as in
/// `use a::{b, c};`). Inner attributes (`#![..]`) go with the first item.
fn items_of(tokens: TokenStream) -> impl Iterator<Item = Vec<proc_macro2::TokenTree>> {
    use proc_macro2::{Delimiter, TokenTree};
    let mut tokens = tokens.into_iter().peekable();
    std::iter::from_fn(move || {
        let mut item = Vec::new();
        while let Some(token) = tokens.next() {
            let ends = match &token {
                TokenTree::Punct(p) => p.as_char() == ';',
                TokenTree::Group(g) => g.delimiter() == Delimiter::Brace,
                _ => false,
            };
            item.push(token);
            if ends {
                if matches!(tokens.peek(), Some(TokenTree::Punct(p)) if p.as_char() == ';') {
                    item.extend(tokens.next());
                }
                return Some(item);
            }
        }
        (!item.is_empty()).then_some(item)
    })
}

/// `item` with `cfg` after its doc comments (`#[doc = ..]`), so the docs stay on top.
fn push_gated(gated: &mut TokenStream, cfg: &TokenStream, item: Vec<proc_macro2::TokenTree>) {
    use proc_macro2::TokenTree;
    let is_doc = |pair: &[TokenTree]| match pair {
        [TokenTree::Punct(hash), TokenTree::Group(group)] => {
            hash.as_char() == '#'
                && matches!(group.stream().into_iter().next(), Some(TokenTree::Ident(ident)) if ident == "doc")
        }
        _ => false,
    };
    let docs = item.chunks(2).take_while(|pair| is_doc(pair)).count() * 2;
    let mut item = item.into_iter();
    gated.extend(item.by_ref().take(docs));
    gated.extend(cfg.clone());
    gated.extend(item);
}

/// Parses and pretty-prints one source file, with the `@generated` header on top.
///
/// The file is parsed and printed [`ITEMS_PER_CHUNK`] items at a time (prettyplease prints
/// items one after the other, so the text is the same as for the whole file at once): the
/// syntax tree of a file of a hundred thousand lines would otherwise be the largest thing in
/// memory.
pub fn format_rust(path: &str, tokens: TokenStream, settings: &Settings) -> Result<String> {
    let text = format_items(path, std::iter::once(tokens))?;
    Ok(format!("{}\n{text}", header_comment(&settings.command)))
}

/// The formatted text of the concatenation of `parts` (each one or more items), without the
/// file's header, taking the parts only as they are formatted.
fn format_items(path: &str, parts: impl Iterator<Item = TokenStream>) -> Result<String> {
    let mut text = String::new();
    let mut items = parts.flat_map(items_of).peekable();
    while items.peek().is_some() {
        let chunk: TokenStream = items.by_ref().take(ITEMS_PER_CHUNK).flatten().collect();
        let file = syn::parse2::<syn::File>(chunk).map_err(|e| Error::Emit {
            file: path.to_owned(),
            message: e.to_string(),
        })?;
        text.push_str(&macro_text::tidy(prettyplease::unparse(&file)));
    }
    Ok(text)
}

/// Items parsed and printed together by [`format_rust`].
const ITEMS_PER_CHUNK: usize = 64;

/// The first line of every generated Rust file.
fn header_comment(command: &str) -> String {
    format!("// @generated by `{command}`. Do not edit by hand: change the document, its overlay or the generator.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gating_puts_the_cfg_on_every_item_after_its_docs() {
        let items = quote::quote! {
            /// A thing.
            pub struct A { x: u8 }
            impl A { fn f() {} }
            use a::{b, c};
            pub type B = A;
        };
        let gated = gate(&["repos".into()], items).to_string();
        assert_eq!(gated.matches("# [cfg (feature = \"repos\")]").count(), 4, "{gated}");
        assert!(gated.starts_with("# [doc = r\" A thing.\"] # [cfg"), "{gated}");
        let both = gate(&["repos".into(), "users".into()], quote::quote!(fn g() {})).to_string();
        assert!(both.starts_with("# [cfg (any (feature = \"repos\" , feature = \"users\"))]"), "{both}");
        assert_eq!(gate(&[], quote::quote!(fn g() {})).to_string(), quote::quote!(fn g() {}).to_string());
    }

    #[test]
    fn formatting_in_chunks_gives_the_text_of_the_whole_file() {
        let items: Vec<TokenStream> = (0..ITEMS_PER_CHUNK * 2 + 3)
            .map(|i| {
                let name = quote::format_ident!("S{i}");
                quote::quote!(#[derive(Debug)] pub struct #name { pub a: Vec<u8> } impl #name { pub fn a(&self) -> usize { self.a.len() } })
            })
            .collect();
        let tokens = quote::quote!(#![doc = " Types."] use std::fmt; #(#items)*);
        let settings = Settings::new("x", "test");
        let chunked = format_rust("src/x.rs", tokens.clone(), &settings).unwrap();
        let whole = format!("{}\n{}", header_comment("test"), prettyplease::unparse(&syn::parse2(tokens).unwrap()));
        assert_eq!(chunked, whole);
        // The same items given a few at a time, as the big files are.
        let parts = std::iter::once(quote::quote!(#![doc = " Types."] use std::fmt;)).chain(items);
        let by_parts = format!("{}\n{}", header_comment("test"), format_items("src/x.rs", parts).unwrap());
        assert_eq!(by_parts, whole);
    }
}
