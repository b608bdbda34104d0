//! Turning document names into Rust identifiers: one place, one reserved-word table.

use std::collections::BTreeSet;

use heck::{ToKebabCase, ToPascalCase, ToSnakeCase};

/// Words that cannot be used as identifiers (strict and reserved keywords of every edition),
/// plus names the generated code itself uses in the same scopes.
const RESERVED: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub",
    "ref", "return", "self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
    // Names the generated methods use for their own locals, and the one runtime function
    // they call unqualified.
    "request", "response", "path_param",
];

/// Type names that would shadow what generated code refers to unqualified.
const RESERVED_TYPES: &[&str] = &[
    "Self", "Option", "Result", "String", "Vec", "Box", "Client", "ClientBuilder", "Error",
    "Value", "Map", "Secret", "Timestamp", "Serialize", "Deserialize", "Into", "Send", "Sync",
];

/// A snake_case identifier for a field, argument or method.
pub fn snake(name: &str) -> String {
    thread_local!(static SNAKE: Memo = Memo::default());
    SNAKE.with(|memo| memo.get_or_make(name, snake_uncached))
}

fn snake_uncached(name: &str) -> String {
    let mut ident = ascii_words(&spell_signs(name)).to_snake_case();
    if ident.is_empty() {
        ident = "value".into();
    }
    if ident.bytes().all(|b| b.is_ascii_digit() || b == b'_') {
        // `_1` is a binding clippy rejects (`just_underscores_and_digits`).
        ident.insert_str(0, "value_");
    } else if ident.starts_with(|c: char| c.is_ascii_digit()) {
        ident.insert(0, '_');
    }
    if RESERVED.contains(&ident.as_str()) {
        ident.push('_');
    }
    ident
}

/// A PascalCase identifier for a type or variant.
pub fn pascal(name: &str) -> String {
    thread_local!(static PASCAL: Memo = Memo::default());
    PASCAL.with(|memo| memo.get_or_make(name, pascal_uncached))
}

fn pascal_uncached(name: &str) -> String {
    let mut ident = ascii_words(&spell_signs(name)).to_pascal_case();
    if ident.is_empty() {
        ident = "Empty".into();
    }
    if ident.starts_with(|c: char| c.is_ascii_digit()) {
        ident.insert(0, 'V');
    }
    if RESERVED_TYPES.contains(&ident.as_str()) {
        ident.push('_');
    }
    ident
}

/// Identifiers already made from names on this thread. A document repeats its names (`id`,
/// `url`, `name` in hundreds of schemas), and the case conversion (transliteration, then
/// heck writing one char at a time) was a third of the model's time on GitHub's description.
#[derive(Default)]
struct Memo(std::cell::RefCell<std::collections::HashMap<String, String>>);

impl Memo {
    /// Names kept per thread before starting over, so that a process generating many
    /// documents does not grow without bound.
    const CAPACITY: usize = 1 << 16;

    fn get_or_make(&self, name: &str, make: fn(&str) -> String) -> String {
        if let Some(ident) = self.0.borrow().get(name) {
            return ident.clone();
        }
        let ident = make(name);
        let mut known = self.0.borrow_mut();
        if known.len() >= Self::CAPACITY {
            known.clear();
        }
        known.insert(name.to_owned(), ident.clone());
        ident
    }
}

/// Spells a sign before a number as a word (`+1` → `plus 1`, `-1` → `minus 1`): dropped with
/// the other symbols, `+1` and `-1` (a reaction's counts) would both be `1`.
fn spell_signs(name: &str) -> std::borrow::Cow<'_, str> {
    let trimmed = name.trim_start();
    let word = match trimmed.as_bytes() {
        [b'+', digit, ..] if digit.is_ascii_digit() => "plus ",
        [b'-', digit, ..] if digit.is_ascii_digit() => "minus ",
        _ => return name.into(),
    };
    format!("{word}{}", &trimmed[1..]).into()
}

/// Transliterates to ASCII (`ΔT` → `DT`, `über` → `uber`) and turns everything but letters
/// and digits into word breaks. Identifiers stay ASCII: non-Latin letters beside Latin ones
/// trip rustc's `mixed_script_confusables` and `uncommon_codepoints` lints.
fn ascii_words(name: &str) -> String {
    deunicode::deunicode_with_tofu(name, " ")
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect()
}

/// Kebab-case ASCII words (`X-Trace-Id` → `x-trace-id`, `Über Uns` → `uber-uns`); empty when
/// the name has no letters or digits.
pub fn kebab(name: &str) -> String {
    ascii_words(name).to_kebab_case()
}

/// A Cargo feature name for a tag: kebab-case ASCII letters and digits (`Resource
/// Locations` → `resource-locations`), never empty, starting with a letter.
pub fn feature(tag: &str) -> String {
    let mut name = ascii_words(tag).to_kebab_case();
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        name.insert_str(0, "tag-");
    }
    name.trim_end_matches('-').to_owned()
}

/// A Cargo package name from a folder or user-given name: lowercase letters, digits, `-` and
/// `_` kept, everything else (dots, spaces, ...) a `-`, transliterated to ASCII, never empty
/// and never starting with a digit (`api.example.com` → `api-example-com`, `Web-Apps` →
/// `web-apps`: rustc's `non_snake_case` lint names crates too, and the Rust API Guidelines
/// spell them in lowercase).
pub fn crate_name(name: &str) -> String {
    let words: Vec<String> = deunicode::deunicode_with_tofu(name, "-")
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    let mut name = words.join("-");
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        name.insert_str(0, "api-");
    }
    name.trim_end_matches('-').to_owned()
}

/// Hands out names that are unique within one scope, in a deterministic way: the first
/// taker keeps the name, later ones get `2`, `3`, ... appended.
#[derive(Debug, Default, Clone)]
pub struct Scope {
    taken: BTreeSet<String>,
}

impl Scope {
    /// A scope with `names` already taken.
    pub fn with_taken<'a>(names: impl IntoIterator<Item = &'a str>) -> Self {
        Scope {
            taken: names.into_iter().map(str::to_owned).collect(),
        }
    }

    /// Takes `candidate`, or the first free numbered variant of it.
    pub fn claim(&mut self, candidate: String) -> String {
        if self.taken.insert(candidate.clone()) {
            return candidate;
        }
        // `self_` + 2 is `self_2`: a doubled `_` is not snake case for rustc's lint.
        let stem = candidate.strip_suffix('_').filter(|s| !s.is_empty() && !s.ends_with('_')).unwrap_or(&candidate);
        let separator = if stem.starts_with(|c: char| c.is_uppercase()) && !stem.ends_with(|c: char| c.is_ascii_digit()) {
            ""
        } else {
            "_"
        };
        (2..)
            .map(|n| format!("{stem}{separator}{n}"))
            .find(|name| self.taken.insert(name.clone()))
            .expect("an unbounded range always yields a free name")
    }

    /// Gives `name` back, so a later claim can take it (a type that turned out to be a copy
    /// of another leaves no gap in the numbering).
    pub fn release(&mut self, name: &str) {
        self.taken.remove(name);
    }

    /// Whether `name` is taken.
    pub fn contains(&self, name: &str) -> bool {
        self.taken.contains(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_handles_keywords_digits_and_odd_casing() {
        assert_eq!(snake("displayName"), "display_name");
        assert_eq!(snake("getAccessToken"), "get_access_token");
        assert_eq!(snake("type"), "type_");
        assert_eq!(snake("self"), "self_");
        assert_eq!(snake("async"), "async_");
        assert_eq!(snake("2fa"), "_2fa");
        assert_eq!(snake("200"), "value_200");
        assert_eq!(snake("_1_"), "value_1");
        assert_eq!((snake("+1"), snake("-1"), snake("-1.5")), ("plus_1".into(), "minus_1".into(), "minus_1_5".into()));
        assert_eq!(snake("-sort"), "sort");
        assert_eq!(snake("Citrix-CustomerId"), "citrix_customer_id");
        assert_eq!(snake("LIST_Things"), "list_things");
        assert_eq!(snake(""), "value");
    }

    #[test]
    fn a_name_is_converted_once_per_thread_and_the_memo_stays_bounded() {
        use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
        static CALLS: AtomicUsize = AtomicUsize::new(0);
        fn counted(name: &str) -> String {
            CALLS.fetch_add(1, SeqCst);
            name.to_uppercase()
        }
        let memo = Memo::default();
        assert_eq!(memo.get_or_make("id", counted), "ID");
        assert_eq!(memo.get_or_make("id", counted), "ID");
        assert_eq!(CALLS.load(SeqCst), 1);
        for i in 0..=Memo::CAPACITY {
            memo.get_or_make(&i.to_string(), counted);
        }
        assert!(memo.0.borrow().len() <= Memo::CAPACITY);
        // Through the memo or not, the same identifier.
        for name in ["displayName", "type", "+1", "Über Uns", "200"] {
            assert_eq!((snake(name), pascal(name)), (snake_uncached(name), pascal_uncached(name)));
            assert_eq!((snake(name), pascal(name)), (snake_uncached(name), pascal_uncached(name)));
        }
    }

    #[test]
    fn pascal_case_handles_symbols_digits_and_shadowing() {
        assert_eq!(pascal("ServicePrincipal"), "ServicePrincipal");
        assert_eq!(pascal("in-stock"), "InStock");
        assert_eq!(pascal("out of stock"), "OutOfStock");
        assert_eq!(pascal("backorder:eu"), "BackorderEu");
        assert_eq!(pascal("404"), "V404");
        assert_eq!((pascal("+1"), pascal("-1")), ("Plus1".into(), "Minus1".into()));
        assert_eq!(pascal(""), "Empty");
        assert_eq!(pascal("Result"), "Result_");
        assert_eq!(pascal("über"), "Uber");
        assert_eq!(snake("ΔT"), "dt");
        assert_eq!(pascal("ΔT"), "Dt");
        assert_eq!(snake("@id"), "id");
    }

    #[test]
    fn scope_resolves_clashes_deterministically() {
        let mut scope = Scope::default();
        assert_eq!(scope.claim(snake("userId")), "user_id");
        assert_eq!(scope.claim(snake("user_id")), "user_id_2");
        assert_eq!(scope.claim(snake("UserID")), "user_id_3");
        let mut types = Scope::with_taken(["Item"]);
        assert_eq!(types.claim("Item".into()), "Item2");
        assert_eq!(types.claim("V1".into()), "V1");
        assert_eq!(types.claim("V1".into()), "V1_2");
        assert_eq!(types.claim("Result_".into()), "Result_");
        assert_eq!(types.claim("Result_".into()), "Result2");
        let mut fields = Scope::default();
        assert_eq!(fields.claim(snake("self")), "self_");
        assert_eq!(fields.claim(snake("Self")), "self_2");
        assert_eq!(fields.claim(snake("_url")), "url");
        assert_eq!(fields.claim(snake("url")), "url_2");
    }

    #[test]
    fn feature_names_are_kebab_case_and_released_names_can_be_claimed_again() {
        assert_eq!(feature("Resource Locations"), "resource-locations");
        assert_eq!(feature("code_scanning"), "code-scanning");
        assert_eq!(feature("2fa"), "tag-2fa");
        assert_eq!(feature("Über"), "uber");
        let mut types = Scope::default();
        assert_eq!(types.claim("Owner".into()), "Owner");
        types.release("Owner");
        assert_eq!(types.claim("Owner".into()), "Owner");
        assert_eq!(types.claim("Owner".into()), "Owner2");
    }

    #[test]
    fn crate_names_are_valid_cargo_package_names() {
        assert_eq!(crate_name("api.example.com"), "api-example-com");
        assert_eq!(crate_name("citrix-cloud"), "citrix-cloud");
        assert_eq!(crate_name("my_client"), "my_client");
        assert_eq!(crate_name("2024 api"), "api-2024-api");
        assert_eq!(crate_name("..."), "api");
        assert_eq!(crate_name("ΔT"), "dt");
        assert_eq!(crate_name("azure.com_web-AppServicePlans"), "azure-com_web-appserviceplans");
    }
}
