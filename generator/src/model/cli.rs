//! Names of the command-line tool (the crate's `cli` feature): a command per operation,
//! grouped by its first tag, an option per parameter, and the client's options. Every name
//! is kebab-case ASCII and unique where clap needs it to be, whatever the document says.

use heck::ToKebabCase;

use super::{Cli, CliCommand, CliGroup, ClientParameter, Operation, ParamLocation, SchemeKind, SecurityScheme, Servers};

/// Options the tool always has or the emitter writes for every API (`--base-url`,
/// `--timeout`, `--header`, the shared credentials), clap's own (`--help`, `--version`) and `--body`:
/// no other option may take these names. The client's options are global (accepted after
/// the command too), so they share one namespace with every command's options.
pub const FIXED_OPTIONS: &[&str] =
    &["help", "version", "body", "header", "base-url", "timeout", "client-id", "client-secret", "token"];

/// What the tool is made from: the operations and, for each, its first tag (name and
/// description, in document order of first use) and the client's settings.
pub struct Input<'a> {
    /// The model's operations.
    pub operations: &'a [Operation],
    /// The first tag of each operation (parallel to `operations`), with the tag's
    /// description from the document's `tags` list.
    pub first_tags: Vec<Option<(&'a str, Option<&'a str>)>>,
    /// The client parameters.
    pub client_parameters: &'a [ClientParameter],
    /// The security schemes.
    pub security_schemes: &'a [SecurityScheme],
    /// The servers.
    pub servers: &'a Servers,
}

/// Names every command and option of the tool.
pub fn build(input: &Input<'_>) -> Cli {
    let mut global = Names::new(FIXED_OPTIONS.iter().copied());
    let server_option = (input.servers.servers.len() > 1).then(|| global.claim(kebab(&input.servers.enum_name)));
    let mut values = Names::new([]);
    let server_values = match server_option {
        Some(_) => input.servers.servers.iter().map(|s| values.claim(kebab(&s.name))).collect(),
        None => Vec::new(),
    };
    let parameter_options = input.client_parameters.iter().map(|p| global.claim(kebab(&p.rust_name))).collect();
    let scheme_options = input
        .security_schemes
        .iter()
        .map(|s| matches!(s.kind, SchemeKind::ApiKey { .. } | SchemeKind::Basic).then(|| global.claim(kebab(&s.setter))))
        .collect();

    // Group names first (in order of first use), then the untagged commands beside them.
    let mut top = Names::new(["help"]);
    let mut groups: Vec<(String, CliGroup, Names)> = Vec::new();
    for (tag, about) in input.first_tags.iter().flatten() {
        if !groups.iter().any(|(name, ..)| name == tag) {
            let group = CliGroup { name: top.claim(kebab(tag)), about: about.map(str::to_owned), commands: Vec::new() };
            groups.push(((*tag).to_owned(), group, Names::new(["help"])));
        }
    }
    let mut commands = Vec::new();
    for (index, (op, tag)) in input.operations.iter().zip(&input.first_tags).enumerate() {
        let options = command_options(op, &global);
        match tag {
            Some((tag, _)) => {
                let Some((_, group, names)) = groups.iter_mut().find(|(name, ..)| name == tag) else { continue };
                let full = words(&op.method_name);
                let short = without_tag(&full, tag);
                let name = if short.is_empty() || names.contains(&short.join("-")) {
                    names.claim(full.join("-"))
                } else {
                    names.claim(short.join("-"))
                };
                group.commands.push(CliCommand { name, operation: index, options });
            }
            None => {
                let name = top.claim(words(&op.method_name).join("-"));
                commands.push(CliCommand { name, operation: index, options });
            }
        }
    }
    Cli {
        parameter_options,
        scheme_options,
        server_option,
        server_values,
        groups: groups.into_iter().map(|(_, group, _)| group).collect(),
        commands,
    }
}

/// The option of each parameter of `op`: its Rust name in kebab case, unique among the
/// command's options and the global ones.
fn command_options(op: &Operation, global: &Names) -> Vec<String> {
    let mut names = global.clone();
    op.params
        .iter()
        .map(|p| {
            let name = kebab(&p.rust_name);
            if !names.contains(&name) {
                return names.claim(name);
            }
            // Taken (by a global option, or a parameter of the same name elsewhere): say
            // where this one goes, `--path-customer-id` beside `--customer-id`.
            let place = match p.location {
                ParamLocation::Path => "path",
                ParamLocation::Query => "query",
                ParamLocation::Header => "header",
                ParamLocation::Cookie => "cookie",
            };
            names.claim(format!("{place}-{name}"))
        })
        .collect()
}

/// Kebab case of a model name, never empty.
fn kebab(name: &str) -> String {
    let name = name.to_kebab_case();
    if name.is_empty() {
        "value".to_owned()
    } else {
        name
    }
}

/// The words of a snake_case method name.
fn words(method_name: &str) -> Vec<String> {
    let words: Vec<String> = method_name.split('_').filter(|w| !w.is_empty()).map(str::to_owned).collect();
    if words.is_empty() {
        vec!["call".to_owned()]
    } else {
        words
    }
}

/// `words` without the first run of the tag's words (`list_resource_locations` under
/// `Resource Locations` is `list`; `get_resource_location` is `get`): singular and plural
/// count as the same word.
fn without_tag(words: &[String], tag: &str) -> Vec<String> {
    let tag: Vec<String> = kebab(tag).split('-').map(str::to_owned).collect();
    let same = |a: &str, b: &str| stem(a) == stem(b);
    let found = (0..words.len())
        .find(|&start| start + tag.len() <= words.len() && tag.iter().zip(&words[start..]).all(|(t, w)| same(t, w)));
    match found {
        Some(start) => words[..start].iter().chain(&words[start + tag.len()..]).cloned().collect(),
        None => words.to_vec(),
    }
}

/// A word without a plural ending (`locations`, `policies`, `addresses` → `location`,
/// `policy`, `address`).
fn stem(word: &str) -> String {
    if let Some(base) = word.strip_suffix("ies") {
        format!("{base}y")
    } else if let Some(base) = word.strip_suffix("sses") {
        format!("{base}ss")
    } else if word.ends_with("ss") {
        word.to_owned()
    } else {
        word.strip_suffix('s').unwrap_or(word).to_owned()
    }
}

/// Names unique within one scope: a taken name gets `-2`, `-3`, ... appended.
#[derive(Clone)]
struct Names(std::collections::BTreeSet<String>);

impl Names {
    fn new<'a>(taken: impl IntoIterator<Item = &'a str>) -> Self {
        Names(taken.into_iter().map(str::to_owned).collect())
    }

    fn contains(&self, name: &str) -> bool {
        self.0.contains(name)
    }

    fn claim(&mut self, name: String) -> String {
        if self.0.insert(name.clone()) {
            return name;
        }
        (2..)
            .map(|n| format!("{name}-{n}"))
            .find(|candidate| self.0.insert(candidate.clone()))
            .expect("an unbounded range always yields a free name")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(text: &str) -> Vec<String> {
        words(text)
    }

    #[test]
    fn the_tag_words_leave_the_command_name() {
        assert_eq!(without_tag(&w("list_resource_locations"), "Resource Locations"), ["list"]);
        assert_eq!(without_tag(&w("get_resource_location"), "Resource Locations"), ["get"]);
        assert_eq!(without_tag(&w("list_policies"), "policy"), ["list"]);
        assert_eq!(without_tag(&w("get_access_token"), "Authentication"), ["get", "access", "token"]);
        assert_eq!(without_tag(&w("users"), "users"), Vec::<String>::new());
        assert_eq!(without_tag(&w("add_user_to_group"), "groups"), ["add", "user", "to"]);
        assert_eq!(stem("address"), "address");
        assert_eq!(stem("addresses"), "address");
    }

    #[test]
    fn taken_names_get_a_number() {
        let mut names = Names::new(["help"]);
        assert_eq!(names.claim("help".into()), "help-2");
        assert_eq!(names.claim("list".into()), "list");
        assert_eq!(names.claim("list".into()), "list-2");
        assert_eq!(names.claim("list".into()), "list-3");
    }
}
