//! What a regeneration did to the public API of the crate, for the reviewer: items added,
//! removed or changed, with the breaking ones marked, read from the emitted Rust sources.

use std::collections::BTreeMap;
use std::fmt;

use quote::ToTokens;
use syn::ext::IdentExt;
use syn::{Fields, ImplItem, Item, Visibility};

/// The public items of a crate: path → rendered signature.
pub type Surface = BTreeMap<String, Entry>;

/// One public item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Its signature or type, as Rust text.
    pub signature: String,
    /// What adding it next to existing items means: for a field or a variant, adding breaks
    /// struct literals or exhaustive matches.
    pub kind: Kind,
}

/// What sort of item an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A type, function or method: adding one is compatible.
    Item,
    /// A public field: adding one breaks struct literals, unless the struct is
    /// `#[non_exhaustive]` (then it has none outside the crate).
    Field {
        /// Whether the struct is `#[non_exhaustive]`.
        non_exhaustive: bool,
    },
    /// An enum variant: adding one breaks exhaustive matches unless the enum is `#[non_exhaustive]`.
    Variant {
        /// Whether the enum is `#[non_exhaustive]`.
        non_exhaustive: bool,
    },
}

/// A difference between two surfaces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The item's path, e.g. `Client::list_things` or `types::Thing.name`.
    pub path: String,
    /// What happened.
    pub what: What,
    /// Whether code using the old crate may stop compiling.
    pub breaking: bool,
}

/// The kind of change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum What {
    /// New item.
    Added(String),
    /// Item gone.
    Removed(String),
    /// Same path, other signature.
    Changed {
        /// Before.
        old: String,
        /// After.
        new: String,
    },
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mark = if self.breaking { "BREAKING" } else { "        " };
        match &self.what {
            What::Added(sig) => write!(f, "{mark} added    {}: {sig}", self.path),
            What::Removed(sig) => write!(f, "{mark} removed  {}: {sig}", self.path),
            What::Changed { old, new } => write!(f, "{mark} changed  {}: {old}  =>  {new}", self.path),
        }
    }
}

/// The public surface of Rust sources, given as (file path, text) pairs. Files that do not
/// parse contribute nothing.
pub fn surface<'a>(files: impl IntoIterator<Item = (&'a str, &'a str)>) -> Surface {
    let mut found = Surface::new();
    for (path, text) in files {
        // The runtime is not the crate's API (what the crate re-exports from it is seen
        // here): skipped both as the crate beside it (`runtime/`) and where older generators
        // put it (`src/runtime/`).
        if !path.ends_with(".rs") || !path.starts_with("src/") || path.starts_with("src/runtime/") {
            continue;
        }
        let Ok(file) = syn::parse_file(text) else { continue };
        let module = match path.rsplit('/').next().unwrap_or(path) {
            "types.rs" => "types::",
            "operations.rs" => "operations::",
            _ => "",
        };
        for item in &file.items {
            collect(item, module, &mut found);
        }
    }
    found
}

fn is_pub(vis: &Visibility) -> bool {
    matches!(vis, Visibility::Public(_))
}

fn text(tokens: impl ToTokens) -> String {
    // Token text spaced by `quote`; compacted a little for reading.
    tokens
        .to_token_stream()
        .to_string()
        .replace(" :: ", "::")
        .replace(" < ", "<")
        .replace(" > ", ">")
        .replace(" >", ">")
        .replace("& ", "&")
        .replace(" ,", ",")
        .replace(" : ", ": ")
        .replace(" (", "(")
        .replace("( ", "(")
        .replace(" )", ")")
}

fn is_non_exhaustive(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| a.path().is_ident("non_exhaustive"))
}

/// `struct` or `#[non_exhaustive] struct`: becoming non-exhaustive is a change of the item
/// (it ends struct literals and exhaustive matches outside the crate).
fn kind_text(kind: &str, non_exhaustive: bool) -> String {
    if non_exhaustive {
        format!("#[non_exhaustive] {kind}")
    } else {
        kind.to_owned()
    }
}

fn collect(item: &Item, module: &str, found: &mut Surface) {
    let entry = |signature: String, kind: Kind| Entry { signature, kind };
    match item {
        Item::Struct(s) if is_pub(&s.vis) => {
            let name = format!("{module}{}", s.ident);
            let non_exhaustive = is_non_exhaustive(&s.attrs);
            found.insert(name.clone(), entry(kind_text("struct", non_exhaustive), Kind::Item));
            if let Fields::Named(fields) = &s.fields {
                for field in fields.named.iter().filter(|f| is_pub(&f.vis)) {
                    if let Some(ident) = &field.ident {
                        found.insert(format!("{name}.{ident}"), entry(text(&field.ty), Kind::Field { non_exhaustive }));
                    }
                }
            }
        }
        Item::Enum(e) if is_pub(&e.vis) => {
            let name = format!("{module}{}", e.ident);
            let non_exhaustive = is_non_exhaustive(&e.attrs);
            found.insert(name.clone(), entry(kind_text("enum", non_exhaustive), Kind::Item));
            for variant in &e.variants {
                found.insert(
                    format!("{name}::{}", variant.ident),
                    entry(text(&variant.fields), Kind::Variant { non_exhaustive }),
                );
            }
        }
        Item::Impl(block) => {
            let self_ty = text(&block.self_ty);
            // `ListThings<'a>` is `ListThings`: the lifetime is not part of the item's name.
            let owner = match self_ty.rsplit("::").next().and_then(|last| last.split('<').next()) {
                Some(last) if block.trait_.is_none() => last.trim().to_owned(),
                _ => return,
            };
            let owner = if owner == "Client" { owner } else { format!("{module}{owner}") };
            for impl_item in &block.items {
                match impl_item {
                    ImplItem::Fn(method) if is_pub(&method.vis) => {
                        let sig = &method.sig;
                        found.insert(format!("{owner}::{}", sig.ident), entry(text(sig), Kind::Item));
                    }
                    // The runtime's `setter!(with_field, field, Type)`: a public setter, with
                    // the signature it had when written out.
                    ImplItem::Macro(invocation) if invocation.mac.path.is_ident("setter") => {
                        let Ok((setter, value)) = invocation.mac.parse_body_with(setter_args) else { continue };
                        let signature = quote::quote!(fn #setter(mut self, value: #value) -> Self);
                        found.insert(format!("{owner}::{setter}"), entry(text(signature), Kind::Item));
                    }
                    _ => {}
                }
            }
        }
        Item::Macro(invocation) if invokes(&invocation.mac, "request_builder") => {
            // The runtime's `request_builder!(Builder, method, Output)` adds the same public
            // methods to every builder, with the signatures they had when written out.
            let Ok((builder, output)) = invocation.mac.parse_body_with(request_builder_args) else { return };
            let owner = format!("{module}{builder}");
            let methods = [
                ("header", quote::quote!(fn header(mut self, name: &str, value: &str) -> Self)),
                ("timeout", quote::quote!(fn timeout(mut self, timeout: std::time::Duration) -> Self)),
                ("send", quote::quote!(async fn send(self) -> Result<#output, Error>)),
            ];
            for (name, signature) in methods {
                found.insert(format!("{owner}::{name}"), entry(text(signature), Kind::Item));
            }
        }
        Item::Macro(invocation) if invokes(&invocation.mac, "string_enum") || invokes(&invocation.mac, "integer_enum") => {
            // The runtime's `string_enum!(Enum, Variant = "value", ...)` and `integer_enum!`
            // write the enum's public mapping method, with the signature it had when written
            // out (`From` and the serde traits are trait impls, which this report leaves out).
            let Ok(owner) = invocation.mac.parse_body_with(|input: syn::parse::ParseStream<'_>| {
                let owner: syn::Ident = input.parse()?;
                input.parse::<proc_macro2::TokenStream>()?;
                Ok(owner)
            }) else {
                return;
            };
            let (name, signature) = if invokes(&invocation.mac, "string_enum") {
                ("as_str", quote::quote!(fn as_str(&self) -> &str))
            } else {
                ("value", quote::quote!(fn value(self) -> i64))
            };
            found.insert(format!("{module}{owner}::{name}"), entry(text(signature), Kind::Item));
        }
        Item::Use(u) if is_pub(&u.vis) => {
            found.insert(format!("{module}use {}", text(&u.tree)), entry("re-export".into(), Kind::Item));
        }
        _ => {}
    }
}

/// Whether `mac` invokes the macro `name` (`name!`, `crate::runtime::name!`).
fn invokes(mac: &syn::Macro, name: &str) -> bool {
    mac.path.segments.last().is_some_and(|segment| segment.ident == name)
}

/// `#[attr]* Builder, method, Output` of a `request_builder!` invocation: the builder and
/// the type `send` returns.
fn request_builder_args(input: syn::parse::ParseStream<'_>) -> syn::Result<(syn::Ident, syn::Type)> {
    input.call(syn::Attribute::parse_outer)?;
    let builder: syn::Ident = input.parse()?;
    input.parse::<syn::Token![,]>()?;
    input.parse::<syn::Ident>()?;
    input.parse::<syn::Token![,]>()?;
    let output: syn::Type = input.parse()?;
    Ok((builder, output))
}

/// `#[attr]* with_field, field [as "wire"], how` of a `setter!` invocation: the setter and
/// the type of the value it takes (`into String`: `impl Into<String>`; `nullable T`:
/// `Option<T>`; `boxed T` and `T`: `T`).
fn setter_args(input: syn::parse::ParseStream<'_>) -> syn::Result<(syn::Ident, proc_macro2::TokenStream)> {
    input.call(syn::Attribute::parse_outer)?;
    let setter: syn::Ident = input.parse()?;
    input.parse::<syn::Token![,]>()?;
    input.call(syn::Ident::parse_any)?;
    if input.peek(syn::Token![as]) {
        input.parse::<syn::Token![as]>()?;
        input.parse::<syn::LitStr>()?;
    }
    input.parse::<syn::Token![,]>()?;
    let word = |input: syn::parse::ParseStream<'_>, word: &str| {
        let found = input.fork().call(syn::Ident::parse_any).is_ok_and(|ident| ident == word);
        if found {
            input.call(syn::Ident::parse_any).map(|_| true)
        } else {
            Ok(false)
        }
    };
    if word(input, "into")? {
        let target: syn::Type = input.parse()?;
        return Ok((setter, quote::quote!(impl Into<#target>)));
    }
    let nullable = word(input, "nullable")?;
    word(input, "boxed")?;
    let ty: syn::Type = input.parse()?;
    Ok((setter, if nullable { quote::quote!(Option<#ty>) } else { quote::quote!(#ty) }))
}

/// The semver bump a list of changes calls for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bump {
    /// Nothing public changed.
    None,
    /// Only additions that no code using the old crate can notice.
    Minor,
    /// At least one change that may stop code using the old crate from compiling.
    Major,
}

impl fmt::Display for Bump {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Bump::None => "none (public API unchanged)",
            Bump::Minor => "minor (additions only)",
            Bump::Major => "major (breaking)",
        })
    }
}

/// The bump `changes` call for (Semantic Versioning 2.0.0, items 7 and 8).
pub fn bump(changes: &[Change]) -> Bump {
    if changes.iter().any(|c| c.breaking) {
        Bump::Major
    } else if changes.is_empty() {
        Bump::None
    } else {
        Bump::Minor
    }
}

/// The changes from `old` to `new`, breaking ones first.
pub fn diff(old: &Surface, new: &Surface) -> Vec<Change> {
    let mut changes = Vec::new();
    for (path, before) in old {
        match new.get(path) {
            None => changes.push(Change {
                path: path.clone(),
                what: What::Removed(before.signature.clone()),
                breaking: true,
            }),
            Some(after) if after.signature != before.signature => changes.push(Change {
                path: path.clone(),
                what: What::Changed {
                    old: before.signature.clone(),
                    new: after.signature.clone(),
                },
                breaking: true,
            }),
            Some(_) => {}
        }
    }
    for (path, after) in new {
        if old.contains_key(path) {
            continue;
        }
        // A field or variant added to an exhaustive type that already existed breaks literals
        // or matches.
        let owner_existed = |sep: char| path.rsplit_once(sep).is_some_and(|(owner, _)| old.contains_key(owner));
        let breaking = match after.kind {
            Kind::Item => false,
            Kind::Field { non_exhaustive } => !non_exhaustive && owner_existed('.'),
            Kind::Variant { non_exhaustive } => !non_exhaustive && path.rsplit_once("::").is_some_and(|(owner, _)| old.contains_key(owner)),
        };
        changes.push(Change {
            path: path.clone(),
            what: What::Added(after.signature.clone()),
            breaking,
        });
    }
    changes.sort_by(|a, b| b.breaking.cmp(&a.breaking).then_with(|| a.path.cmp(&b.path)));
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    const OLD: &str = r#"
        pub struct Thing { pub id: String, pub name: Option<String> }
        pub enum Color { Red, Blue, Unknown(String) }
        impl Client { pub async fn get_thing(&self, id: &str) -> Result<Thing, Error> { todo!() } pub async fn gone(&self) {} }
    "#;
    const NEW: &str = r#"
        pub struct Thing { pub id: String, pub name: Option<String>, pub size: Option<i64> }
        pub enum Color { Red, Blue, Green, Unknown(String) }
        pub struct Extra { pub x: bool }
        impl Client { pub async fn get_thing(&self, id: i64) -> Result<Thing, Error> { todo!() } pub async fn added(&self) {} }
    "#;

    #[test]
    fn reports_added_removed_and_changed_items_with_breaking_marks() {
        let old = surface([("src/types.rs", OLD)]);
        let new = surface([("src/types.rs", NEW)]);
        let changes: Vec<String> = diff(&old, &new).iter().map(|c| c.to_string()).collect();
        let find = |needle: &str| changes.iter().find(|c| c.contains(needle)).unwrap_or_else(|| panic!("{needle} in {changes:#?}"));
        assert!(find("Client::gone").starts_with("BREAKING removed"));
        assert!(find("Client::get_thing").starts_with("BREAKING changed"));
        assert!(find("types::Thing.size").starts_with("BREAKING added"), "field added to an existing struct");
        assert!(find("types::Color::Green").starts_with("BREAKING added"), "variant added to an exhaustive enum");
        assert!(find("types::Extra:").trim_start().starts_with("added"), "a new type is compatible");
        assert!(find("types::Extra.x").trim_start().starts_with("added"), "fields of a new type are compatible");
        assert!(find("Client::added").trim_start().starts_with("added"));
        assert!(changes[0].starts_with("BREAKING"), "breaking changes come first");
    }

    #[test]
    fn builder_methods_added_by_the_runtime_macro_are_part_of_the_surface() {
        let written_out = r#"
            pub struct ListThings<'a> { client: &'a Client }
            impl<'a> ListThings<'a> {
                pub fn header(mut self, name: &str, value: &str) -> Self { self }
                pub fn timeout(mut self, timeout: std::time::Duration) -> Self { self }
                pub async fn send(self) -> Result<Vec<types::Thing>, Error> { todo!() }
            }
        "#;
        let expanded = r#"
            pub struct ListThings<'a> { client: &'a Client }
            crate::runtime::request_builder!(ListThings, list_things, Vec<types::Thing>);
        "#;
        let old = surface([("src/operations.rs", written_out)]);
        let new = surface([("src/operations.rs", expanded)]);
        assert!(new.contains_key("operations::ListThings::send"), "{new:#?}");
        assert_eq!(diff(&old, &new), [], "the same methods, written out or expanded");
        let other = r#"
            pub struct ListThings<'a> { client: &'a Client }
            crate::runtime::request_builder!(#[allow(deprecated)] ListThings, list_things, Vec<types::Other>);
        "#;
        let changes = diff(&new, &surface([("src/operations.rs", other)]));
        assert_eq!(changes.len(), 1, "{changes:#?}");
        assert!(changes[0].breaking && changes[0].path == "operations::ListThings::send");
    }

    #[test]
    fn setters_written_with_the_runtime_macro_are_part_of_the_surface() {
        let written_out = r#"
            impl Thing {
                pub fn with_name(mut self, value: impl Into<String>) -> Self { self }
                pub fn with_parent(mut self, value: Thing) -> Self { self }
                pub fn with_note(mut self, value: Option<Vec<String>>) -> Self { self }
                pub fn with_ref(mut self, value: i64) -> Self { self }
            }
        "#;
        let expanded = r#"
            impl Thing {
                setter!(with_name, name, into String);
                setter!(with_parent, parent, boxed Thing);
                setter!(#[deprecated] with_note, note, nullable Vec<String>);
                setter!(with_ref, ref_ as "ref", i64);
            }
        "#;
        let old = surface([("src/types.rs", written_out)]);
        let new = surface([("src/types.rs", expanded)]);
        assert_eq!(new.len(), 4, "{new:#?}");
        assert_eq!(diff(&old, &new), [], "the same setters, written out or expanded");
        let other = expanded.replace("nullable Vec<String>", "Vec<String>");
        let changes = diff(&new, &surface([("src/types.rs", other.as_str())]));
        assert_eq!(changes.len(), 1, "{changes:#?}");
        assert!(changes[0].breaking && changes[0].path == "types::Thing::with_note");
    }

    #[test]
    fn enum_mappings_written_with_the_runtime_macros_are_part_of_the_surface() {
        let written_out = r#"
            #[non_exhaustive] pub enum Color { Red, Unknown(String) }
            impl Color { pub fn as_str(&self) -> &str { todo!() } }
            #[non_exhaustive] pub enum Level { Low, Unknown(i64) }
            impl Level { pub fn value(self) -> i64 { todo!() } }
        "#;
        let expanded = r#"
            #[non_exhaustive] pub enum Color { Red, Unknown(String) }
            crate::runtime::string_enum!(Color, Red = "red");
            #[non_exhaustive] pub enum Level { Low, Unknown(i64) }
            crate::runtime::integer_enum!(Level, Low = -1);
        "#;
        let old = surface([("src/types.rs", written_out)]);
        let new = surface([("src/types.rs", expanded)]);
        assert!(new.contains_key("types::Color::as_str") && new.contains_key("types::Level::value"), "{new:#?}");
        assert_eq!(diff(&old, &new), [], "the same methods, written out or expanded");
        let without = surface([("src/types.rs", "#[non_exhaustive] pub enum Color { Red, Unknown(String) }")]);
        let changes = diff(&new, &without);
        assert!(changes.iter().any(|c| c.breaking && c.path == "types::Color::as_str"), "{changes:#?}");
    }

    #[test]
    fn additions_to_non_exhaustive_types_and_builders_are_compatible() {
        let old = r#"
            #[non_exhaustive] pub struct Thing { pub id: String }
            #[non_exhaustive] pub enum Color { Red, Unknown(String) }
            pub struct ListThings<'a> { client: &'a Client }
            impl<'a> ListThings<'a> { pub fn limit(mut self, value: i32) -> Self { self } }
        "#;
        let new = r#"
            #[non_exhaustive] pub struct Thing { pub id: String, pub size: Option<i64> }
            #[non_exhaustive] pub enum Color { Red, Green, Unknown(String) }
            pub struct ListThings<'a> { client: &'a Client }
            impl<'a> ListThings<'a> { pub fn limit(mut self, value: i32) -> Self { self } pub fn sort(mut self, value: impl Into<String>) -> Self { self } }
        "#;
        let changes = diff(&surface([("src/types.rs", old)]), &surface([("src/types.rs", new)]));
        assert_eq!(bump(&changes), Bump::Minor, "{changes:#?}");
        let paths: Vec<&str> = changes.iter().map(|c| c.path.as_str()).collect();
        assert_eq!(paths, ["types::Color::Green", "types::ListThings::sort", "types::Thing.size"]);
        // Becoming non-exhaustive is itself a change.
        let exhaustive = surface([("src/types.rs", "pub struct Thing { pub id: String }")]);
        let changes = diff(&exhaustive, &surface([("src/types.rs", old)]));
        assert!(changes.iter().any(|c| c.path == "types::Thing" && c.breaking), "{changes:#?}");
        assert_eq!(bump(&changes), Bump::Major);
    }

    #[test]
    fn identical_sources_have_no_changes() {
        let surface = surface([("src/types.rs", OLD)]);
        assert!(diff(&surface, &surface).is_empty());
    }
}
