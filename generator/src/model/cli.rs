//! Names of the command-line tool (the crate's `cli` feature): a command per operation,
//! grouped by its first tag, an option per parameter, and the client's options. Every name
//! is kebab-case ASCII and unique where clap needs it to be, whatever the document says.

use super::{Cli, CliCommand, CliGroup, ClientParameter, Operation, ParamLocation, SchemeKind, SecurityScheme, Servers};

/// Options the tool always has or the emitter writes for every API (`--base-url`,
/// `--timeout`, `--header`, the shared credentials), clap's own (`--help`, `--version`) and `--body`:
/// no other option may take these names. The client's options are global (accepted after
/// the command too), so they share one namespace with every command's options.
pub const FIXED_OPTIONS: &[&str] =
    &["help", "version", "body", "header", "base-url", "timeout", "client-id", "client-secret", "token"];

/// The switch of a paginated list's command that fetches every page; a parameter of the
/// same name takes another.
pub const ALL_PAGES: &str = "all";

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

/// The option of each parameter of `op`: its name in kebab case, unique among the
/// command's options and the global ones (a taken name is prefixed with the parameter's
/// place: `--query-body`).
fn command_options(op: &Operation, global: &Names) -> Vec<String> {
    let mut names = global.clone();
    if op.pagination.is_some() {
        names.claim(ALL_PAGES.to_owned());
    }
    op.params
        .iter()
        .map(|p| {
            let name = kebab(&p.wire_name);
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

/// Kebab-case ASCII of a name, never empty.
fn kebab(name: &str) -> String {
    let name = crate::naming::kebab(name);
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

    /// A document whose names clash everywhere the tool has names: tags with clap's `help`,
    /// commands with each other and with groups, parameters with `--body`, `--help`,
    /// `--header` and each other, client parameters and schemes with the fixed options.
    const CLASHES: &str = r##"
openapi: 3.0.3
info: {title: Clashes, version: "1"}
servers:
  - {url: "https://a.example", description: Help}
  - {url: "https://b.example", description: help}
components:
  securitySchemes:
    token: {type: apiKey, in: header, name: X-Key}
  parameters:
    Timeout: {name: Timeout, in: header, required: true, schema: {type: string}}
security: [{token: []}]
tags: [{name: help}, {name: Users, description: People}]
paths:
  /users:
    parameters: [{$ref: "#/components/parameters/Timeout"}]
    get:
      operationId: listUsers
      tags: [Users]
      parameters:
        - {name: body, in: query, schema: {type: string}}
        - {name: help, in: query, schema: {type: string}}
        - {name: header, in: query, schema: {type: string}}
        - {name: limit, in: query, schema: {type: integer}}
        - {name: Limit, in: header, schema: {type: integer}}
      responses: {"200": {description: ok}}
    post: {operationId: addUser, tags: [Users, help], responses: {"201": {description: ok}}}
  /users/list:
    parameters: [{$ref: "#/components/parameters/Timeout"}]
    get: {operationId: list, tags: [Users], responses: {"200": {description: ok}}}
  /help:
    parameters: [{$ref: "#/components/parameters/Timeout"}]
    get: {operationId: help, responses: {"200": {description: ok}}}
  /people:
    parameters: [{$ref: "#/components/parameters/Timeout"}]
    get: {operationId: users, responses: {"200": {description: ok}}}
  /things:
    parameters: [{$ref: "#/components/parameters/Timeout"}]
    get: {operationId: helpThings, tags: [help, cli], responses: {"200": {description: ok}}}
"##;

    #[test]
    fn clashing_names_become_unique_valid_commands_and_options() {
        let path = std::path::Path::new("clashes.yaml");
        let document = crate::load::from_tree(path, crate::load::parse_text(path, CLASHES).unwrap()).unwrap();
        let api = crate::model::build(&document).unwrap();
        let cli = &api.cli;
        let names = |commands: &[CliCommand]| commands.iter().map(|c| c.name.clone()).collect::<Vec<_>>();
        let groups: Vec<(&str, Vec<String>)> = cli.groups.iter().map(|g| (g.name.as_str(), names(&g.commands))).collect();
        assert_eq!(groups, [("users", vec!["list".into(), "add".into(), "list-2".into()]), ("help-2", vec!["things".into()])]);
        assert_eq!(cli.groups[0].about.as_deref(), Some("People"));
        // A tag named like the crate's `cli` feature gets another feature.
        assert!(api.features.iter().any(|f| f.starts_with("cli") && f != "cli"), "{:?}", api.features);
        assert_eq!(names(&cli.commands), ["help-3", "users-2"]);
        assert_eq!(cli.parameter_options, ["timeout-2"]);
        assert_eq!(cli.scheme_options, [Some("token-2".to_owned())]);
        assert_eq!(cli.server_option.as_deref(), Some("environment"));
        assert_eq!(cli.server_values.len(), 2);
        assert_ne!(cli.server_values[0], cli.server_values[1]);
        let list_users = &cli.groups[0].commands[0];
        assert_eq!(list_users.options, ["query-body", "query-help", "query-header", "limit", "header-limit"]);

        // Whatever the document, every name is kebab-case ASCII, and none is taken twice
        // where clap looks names up.
        let valid = |name: &str| {
            !name.is_empty()
                && !name.starts_with('-')
                && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        };
        let global: Vec<&String> = cli.parameter_options.iter().chain(cli.scheme_options.iter().flatten()).chain(&cli.server_option).collect();
        let every = cli.groups.iter().flat_map(|g| &g.commands).chain(&cli.commands);
        for command in every {
            let mut options: Vec<&str> = FIXED_OPTIONS.iter().copied().chain(global.iter().map(|s| s.as_str())).collect();
            options.extend(command.options.iter().map(String::as_str));
            assert!(options.iter().all(|o| valid(o)), "{options:?}");
            let count = options.len();
            options.sort_unstable();
            options.dedup();
            assert_eq!(options.len(), count, "an option is taken twice in {}", command.name);
        }
        let mut top: Vec<&str> = cli.groups.iter().map(|g| g.name.as_str()).chain(cli.commands.iter().map(|c| c.name.as_str())).collect();
        top.push("help");
        assert!(top.iter().all(|n| valid(n)));
        let count = top.len();
        top.sort_unstable();
        top.dedup();
        assert_eq!(top.len(), count);
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
