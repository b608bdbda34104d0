//! `src/main.rs`: the crate's command-line tool (cargo feature `cli`), a command per
//! operation grouped by tag. The runtime's `cli` module does what is the same for every API
//! (option shapes, parsing values and bodies, printing, exit codes); this file says which
//! commands and options there are and how each calls the client.

use heck::ToShoutySnakeCase;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::{doc_literal, inner_doc_attrs};
use super::client::token_kinds;
use super::types::{ident, status_variant, type_tokens};
use crate::model::{
    Api, BodyMedia, CliCommand, Operation, Param, ParamLocation, RequestBody, ResponseBody, SchemeKind, TypeKind,
    TypeRef,
};
use crate::Settings;

pub fn render(api: &Api, settings: &Settings) -> TokenStream {
    let lib = format_ident!("{}", settings.crate_name.replace('-', "_"));
    let runtime = format_ident!("{}", settings.runtime_crate_name().replace('-', "_"));
    let env = Env::new(&settings.crate_name);
    let docs = inner_doc_attrs(&crate_docs(api, settings, &env));
    let config_hint = config_hint(api, &env);
    let root = root_command(api, settings, &env);
    let client = client_function(api, &lib, &env);
    let commands = every_command(api).map(|(path, command)| {
        let op = &api.operations[command.operation];
        super::gate(&op.features, operation_functions(api, op, command, &path))
    });
    let arms = every_command(api).map(|(path, command)| {
        let op = &api.operations[command.operation];
        let run = function_name("run", op);
        let cfg = cfg_of(&op.features);
        quote!(#cfg #path => #run(&client, options).await,)
    });
    quote! {
        #docs
        #![allow(
            clippy::disallowed_names,
            clippy::type_complexity,
            reason = "names and types come from the document: a type nests as deep as its schema"
        )]
        #![allow(
            deprecated,
            reason = "the tool calls what the document deprecates; only the user's code should be warned"
        )]

        #[allow(unused_imports)]
        use #lib::{types, Client, Secret};
        use #runtime::cli::{self, clap::{ArgMatches, Command}, Failure, Output};

        /// Where the client's settings come from, printed with configuration errors.
        const CONFIG_HINT: &str = #config_hint;

        fn main() -> std::process::ExitCode {
            cli::main(command(), CONFIG_HINT, run)
        }

        #root

        #client

        /// Runs the chosen command with a client made from the options.
        // Unused, and the `match` left with its fallback alone, when the document has no
        // operation or cargo features leave them all out.
        #[allow(unused_variables, clippy::match_single_binding)]
        async fn run(matches: ArgMatches) -> Result<Output, Failure> {
            let client = client(&matches)?;
            let Some((command, options)) = cli::chosen(&matches) else {
                return Err(Failure::Usage("no command given; see --help".into()));
            };
            match command.as_str() {
                #(#arms)*
                other => Err(Failure::Usage(format!("unknown command `{other}`; see --help"))),
            }
        }

        #(#commands)*

        #[cfg(test)]
        mod tests {
            /// clap's own check of the whole command line, every command included: names
            /// unique and options well formed.
            #[test]
            fn the_command_line_is_consistent() {
                super::command().debug_assert();
            }
        }
    }
}

/// Environment variable names: the crate name in upper snake case, then the option's.
struct Env(String);

impl Env {
    fn new(crate_name: &str) -> Self {
        Env(crate_name.to_shouty_snake_case())
    }

    fn of(&self, option: &str) -> String {
        format!("{}_{}", self.0, option.to_shouty_snake_case())
    }
}

/// Every command with the text that names it in `cli::chosen` (`group command`).
fn every_command(api: &Api) -> impl Iterator<Item = (String, &CliCommand)> {
    let grouped = api.cli.groups.iter().flat_map(|g| g.commands.iter().map(move |c| (format!("{} {}", g.name, c.name), c)));
    grouped.chain(api.cli.commands.iter().map(|c| (c.name.clone(), c)))
}

/// `command_list_things` or `run_list_things` for `list_things` (a leading `_`, as in
/// `_2fa`, is dropped: `run__2fa` is not snake case). Method names never start with a digit,
/// so the names stay unique.
fn function_name(prefix: &str, op: &Operation) -> proc_macro2::Ident {
    format_ident!("{prefix}_{}", op.method_name.trim_start_matches('_'))
}

/// `#[cfg(..)]` for an item compiled with any of `features` (nothing when always compiled).
fn cfg_of(features: &[String]) -> TokenStream {
    match features {
        [] => quote!(),
        [one] => quote!(#[cfg(feature = #one)]),
        _ => quote!(#[cfg(any(#(feature = #features),*))]),
    }
}

/// The options that configure the client, with their variables and descriptions.
fn client_options(api: &Api) -> Vec<(String, String)> {
    let mut options = vec![
        ("base-url".to_owned(), "Base URL of every API and token request, instead of the document's server (a proxy, a test server)".to_owned()),
        ("timeout".to_owned(), "Limit for one attempt of a request, in seconds (default 60)".to_owned()),
    ];
    if let Some(option) = &api.cli.server_option {
        options.push((option.clone(), "Which of the document's servers to call".to_owned()));
    }
    for (param, option) in api.client_parameters.iter().zip(&api.cli.parameter_options) {
        let description = param.description.as_deref().map_or(String::new(), |d| format!("{}; ", one_line(d)));
        options.push((option.clone(), format!("{description}sent as the `{}` header of every authenticated call", param.wire_name)));
    }
    let (tokens, client_credentials) = token_kinds(api);
    if client_credentials {
        options.push(("client-id".to_owned(), "OAuth2 client id; tokens are requested with it and --client-secret".to_owned()));
        options.push(("client-secret".to_owned(), "OAuth2 client secret (prefer the environment variable)".to_owned()));
    }
    if tokens {
        options.push(("token".to_owned(), "An access token obtained elsewhere, sent instead of requesting one".to_owned()));
    }
    for (scheme, option) in api.security_schemes.iter().zip(&api.cli.scheme_options) {
        let Some(option) = option else { continue };
        let help = match scheme.kind {
            SchemeKind::Basic => format!("USER:PASSWORD for HTTP Basic authentication (security scheme `{}`)", scheme.name),
            _ => format!("API key of security scheme `{}`", scheme.name),
        };
        options.push((option.clone(), help));
    }
    options
}

/// The root command: name, version, descriptions, the client's options and every command.
fn root_command(api: &Api, settings: &Settings, env: &Env) -> TokenStream {
    let name = &settings.crate_name;
    let about = format!("Command-line tool for the {} (API version {})", api.title, api.api_version);
    let long_about = match &api.description {
        Some(description) => format!("{about}.\n\n{}\n\n{}", description.trim(), EXIT_CODES_HELP),
        None => format!("{about}.\n\n{EXIT_CODES_HELP}"),
    };
    let options = client_options(api).into_iter().map(|(option, help)| {
        let variable = env.of(&option);
        let arg = quote!(cli::client_option(#option, #variable, #help));
        if Some(&option) == api.cli.server_option.as_ref() {
            let values = &api.cli.server_values;
            quote!(.arg(#arg.value_parser([#(#values),*])))
        } else if option == "timeout" {
            quote!(.arg(#arg.value_parser(cli::seconds)))
        } else {
            quote!(.arg(#arg))
        }
    });
    let groups = api.cli.groups.iter().map(|group| {
        let commands = group.commands.iter().map(|command| command_call(api, command));
        let name = &group.name;
        let about = match &group.about {
            Some(about) => quote!(Some(#about)),
            None => quote!(None),
        };
        quote! {
            let command = command.subcommands(cli::group(#name, #about, Vec::from([#(#commands)*])));
        }
    });
    let top = api.cli.commands.iter().map(|command| command_call(api, command));
    quote! {
        /// The command line: the client's options (also read from environment variables),
        /// then a group of commands per tag of the document and a command per operation.
        fn command() -> Command {
            let command = Command::new(#name)
                .version(env!("CARGO_PKG_VERSION"))
                .about(#about)
                .long_about(#long_about)
                .subcommand_required(true)
                .arg_required_else_help(true)
                #(#options)*
                .arg(cli::header_option());
            #(#groups)*
            command.subcommands(Vec::<Command>::from([#(#top)*]))
        }
    }
}

/// `command_x(),` as an element of a list, compiled with the operation's features.
fn command_call(api: &Api, command: &CliCommand) -> TokenStream {
    let op = &api.operations[command.operation];
    let cfg = cfg_of(&op.features);
    let function = function_name("command", op);
    quote!(#cfg #function(),)
}

/// `--help` of the root command ends with the exit codes (`cli` module of the runtime).
const EXIT_CODES_HELP: &str = "Exit codes: 0 success (the answer as JSON on stdout), 1 the answer could not be written, \
     2 usage (unknown command or option, invalid value or request body), 3 the API answered 4xx (or refused the \
     credentials), 4 the API answered 5xx, 5 no answer (connection, timeout), 6 an answer that cannot be decoded, \
     7 missing or invalid configuration (credentials, client parameters, URLs).";

/// The `client` function: a client builder set from the options.
fn client_function(api: &Api, lib: &proc_macro2::Ident, env: &Env) -> TokenStream {
    let mut steps = Vec::new();
    steps.push(quote! {
        if let Some(url) = cli::optional::<String>(options, "base-url") {
            builder = builder.base_url(url);
        }
        if let Some(timeout) = cli::optional::<std::time::Duration>(options, "timeout") {
            builder = builder.timeout(timeout);
        }
    });
    if let Some(option) = &api.cli.server_option {
        let enum_name = ident(&api.servers.enum_name);
        let setter = ident(&api.servers.setter);
        let arms = api.servers.servers.iter().zip(&api.cli.server_values).map(|(server, value)| {
            let variant = ident(&server.name);
            quote!(#value => #lib::#enum_name::#variant,)
        });
        // clap accepts only the listed values; this arm is for completeness.
        let unknown = format!("unknown --{option} `{{other}}`");
        steps.push(quote! {
            if let Some(server) = cli::optional::<String>(options, #option) {
                let server = match server.as_str() {
                    #(#arms)*
                    other => return Err(Failure::Usage(format!(#unknown))),
                };
                builder = builder.#setter(server);
            }
        });
    }
    for (param, option) in api.client_parameters.iter().zip(&api.cli.parameter_options) {
        let setter = ident(&param.rust_name);
        steps.push(quote! {
            if let Some(value) = cli::optional::<String>(options, #option) {
                builder = builder.#setter(value);
            }
        });
    }
    let (tokens, client_credentials) = token_kinds(api);
    if client_credentials {
        let message = format!(
            "--client-id and --client-secret ({}, {}) go together: set both, or neither",
            env.of("client-id"),
            env.of("client-secret")
        );
        steps.push(quote! {
            match (cli::optional::<String>(options, "client-id"), cli::optional::<String>(options, "client-secret")) {
                (Some(id), Some(secret)) => builder = builder.credentials(id, secret),
                (None, None) => {}
                _ => return Err(Failure::Config(#message.into())),
            }
        });
    }
    if tokens {
        steps.push(quote! {
            if let Some(token) = cli::optional::<String>(options, "token") {
                builder = builder.token(token);
            }
        });
    }
    for (scheme, option) in api.security_schemes.iter().zip(&api.cli.scheme_options) {
        let Some(option) = option else { continue };
        let setter = ident(&scheme.setter);
        steps.push(match scheme.kind {
            SchemeKind::Basic => quote! {
                if let Some(text) = cli::optional::<String>(options, #option) {
                    let (user, password) = cli::user_password(#option, &text)?;
                    builder = builder.#setter(user, password);
                }
            },
            _ => quote! {
                if let Some(key) = cli::optional::<String>(options, #option) {
                    builder = builder.#setter(key);
                }
            },
        });
    }
    quote! {
        /// A client configured from the options (and their environment variables); the
        /// user agent says the tool sent the request.
        fn client(options: &ArgMatches) -> Result<Client, Failure> {
            let mut builder = Client::builder().user_agent_suffix("cli");
            #(#steps)*
            builder.build().map_err(Failure::from)
        }
    }
}

/// The command's definition (`command_x`) and what it runs (`run_x`).
fn operation_functions(api: &Api, op: &Operation, command: &CliCommand, path: &str) -> TokenStream {
    let command_fn = function_name("command", op);
    let run_fn = function_name("run", op);
    let name = &command.name;
    let request_line = format!("{} {}", op.method.as_str(), op.path);
    let summary = op.summary.as_deref().or(op.description.as_deref()).map(one_line).unwrap_or_else(|| request_line.clone());
    let about = if op.deprecated { format!("[deprecated] {summary}") } else { summary.clone() };
    let mut long_about = vec![about.clone()];
    if let Some(description) = op.description.as_deref().map(str::trim).filter(|d| Some(*d) != op.summary.as_deref()) {
        long_about.push(description.to_owned());
    }
    long_about.push(format!("{request_line} (operation `{}`)", op.id));
    let long_about = long_about.join("\n\n");
    let args: Vec<TokenStream> = op.params.iter().zip(&command.options).map(|(param, option)| parameter_arg(api, param, option)).collect();
    let args = (!args.is_empty()).then(|| quote!(.args([#(#args),*])));
    let all_pages = op.pagination.as_ref().map(|_| {
        let id = crate::model::cli::ALL_PAGES;
        quote!(.arg(cli::all_pages_option(#id)))
    });
    let body_arg = op.body.as_ref().map(|body| {
        let required = body.required;
        let help = body_help(body);
        quote!(.arg(cli::body_option(#required, #help)))
    });
    let doc = doc_literal(&format!(" `{path}`: {request_line}."));
    let run_doc = doc_literal(&format!(" Runs `{path}`."));
    let run = run_body(op, command);
    quote! {
        #[doc = #doc]
        fn #command_fn() -> Command {
            Command::new(#name)
                .about(#about)
                .long_about(#long_about)
                #args
                #all_pages
                #body_arg
        }

        #[doc = #run_doc]
        async fn #run_fn(client: &Client, options: &ArgMatches) -> Result<Output, Failure> {
            #run
        }
    }
}

/// What `--body` expects.
fn body_help(body: &RequestBody) -> String {
    let what = match body.media {
        BodyMedia::Text => "text".to_owned(),
        BodyMedia::Bytes => "bytes".to_owned(),
        _ => match &body.ty {
            TypeRef::Named(name) => format!("JSON of `{name}`"),
            _ => "JSON".to_owned(),
        },
    };
    let description = body.description.as_deref().map_or(String::new(), |d| format!("{}; ", one_line(d)));
    format!("{description}The request body ({what}, sent as {}), read from FILE, or from stdin with `-`", body.content_type)
}

/// The option of a parameter: its help, whether required or repeatable, and how its value
/// is parsed (listed choices for an enum).
fn parameter_arg(api: &Api, param: &Param, option: &str) -> TokenStream {
    let place = match param.location {
        ParamLocation::Path => "path parameter",
        ParamLocation::Query => "query parameter",
        ParamLocation::Header => "header",
        ParamLocation::Cookie => "cookie",
    };
    let mut help = param.description.as_deref().map_or(String::new(), |d| format!("{} ", one_line(d)));
    help.push_str(&format!("({place} `{}`)", param.wire_name));
    let (parsed, repeatable) = parse_type(param);
    let occurrence = match (param.required, repeatable) {
        (true, false) => quote!(cli::REQUIRED),
        (false, false) => quote!(cli::OPTIONAL),
        (false, true) => quote!(cli::LIST),
        (true, true) => quote!(cli::REQUIRED_LIST),
    };
    let item = match &param.ty {
        TypeRef::Array(item) => item,
        other => other,
    };
    let parser = match enum_values(api, item) {
        Some(values) => quote!(cli::one_of::<#parsed>(&[#(#values),*])),
        None => quote!(cli::value::<#parsed>),
    };
    quote!(cli::option(#option, #occurrence, #parser).help(#help))
}

/// The type an option's value is parsed as (one item of a list), and whether the option
/// repeats (a list). A required secret is borrowed as `&str` by the method, so it is
/// parsed as a `String`.
fn parse_type(param: &Param) -> (TokenStream, bool) {
    match &param.ty {
        TypeRef::Array(item) => (type_tokens(item, false), true),
        TypeRef::Secret if param.required => (quote!(String), false),
        other => (type_tokens(other, false), false),
    }
}

/// Arguments taken by value by the client's methods (the others are borrowed).
fn by_value(ty: &TypeRef) -> bool {
    matches!(ty, TypeRef::Float | TypeRef::Boolean) || ty.is_integer()
}

/// The body of `run_x`: read the options and the body, call the client, turn the answer
/// into output.
fn run_body(op: &Operation, command: &CliCommand) -> TokenStream {
    let method = ident(&op.method_name);
    let mut reads = Vec::new();
    let mut arguments = Vec::new();
    let mut setters = Vec::new();
    for (param, option) in op.params.iter().zip(&command.options) {
        let local = format_ident!("p_{}", param.rust_name);
        let (parsed, repeatable) = parse_type(param);
        let setter = ident(&param.rust_name);
        match (param.required, repeatable) {
            (true, true) => {
                reads.push(quote!(let #local: Vec<#parsed> = cli::list(options, #option);));
                arguments.push(quote!(&#local));
            }
            (true, false) => {
                reads.push(quote!(let #local: #parsed = cli::required(options, #option)?;));
                arguments.push(if by_value(&param.ty) { quote!(#local) } else { quote!(&#local) });
            }
            (false, true) => setters.push(quote! {
                let values: Vec<#parsed> = cli::list(options, #option);
                if !values.is_empty() {
                    request = request.#setter(values);
                }
            }),
            (false, false) => setters.push(quote! {
                if let Some(value) = cli::optional::<#parsed>(options, #option) {
                    request = request.#setter(value);
                }
            }),
        }
    }
    if let Some(body) = &op.body {
        let (read, ty) = match body.media {
            BodyMedia::Text => (quote!(cli::text_body(options)?), quote!(String)),
            BodyMedia::Bytes => (quote!(cli::bytes_body(options)?), quote!(Vec<u8>)),
            _ => {
                let ty = match &body.ty {
                    TypeRef::Secret => quote!(String),
                    other => type_tokens(other, false),
                };
                (quote!(cli::json_body::<#ty>(options)?), ty)
            }
        };
        let pass = if by_value(&body.ty) && !matches!(body.media, BodyMedia::Text | BodyMedia::Bytes) {
            quote!(body)
        } else {
            quote!(&body)
        };
        if body.required {
            reads.push(quote! {
                let Some(body): Option<#ty> = #read else {
                    return Err(Failure::Usage("--body is required".into()));
                };
            });
            arguments.push(pass);
        } else {
            reads.push(quote!(let body: Option<#ty> = #read;));
            let pass = if pass.to_string() == "body" { quote!(*body) } else { quote!(body) };
            setters.push(quote! {
                if let Some(body) = &body {
                    request = request.body(#pass);
                }
            });
        }
    }
    let all_pages = op.pagination.as_ref().map(|pagination| {
        let id = crate::model::cli::ALL_PAGES;
        let item = type_tokens(&pagination.item, false);
        quote! {
            if cli::flag(options, #id) {
                let items: Vec<#item> = futures_util::TryStreamExt::try_collect(request.stream()).await?;
                return Output::json(&items);
            }
        }
    });
    let answer = match output(op) {
        Some(output) => quote!(let answer = request.await?; #output),
        None => quote!(request.await?; Ok(Output::Nothing)),
    };
    quote! {
        #(#reads)*
        let mut request = client.#method(#(#arguments),*);
        #(#setters)*
        for (name, value) in cli::headers(options) {
            request = request.header(&name, &value);
        }
        #all_pages
        #answer
    }
}

/// Turns `answer` into the command's output, by the success answers' media types; `None`
/// when no success answer has a body.
fn output(op: &Operation) -> Option<TokenStream> {
    let convert = |body: &ResponseBody, value: TokenStream| match body.media {
        BodyMedia::Text => quote!(Output::Text(#value)),
        BodyMedia::Bytes => quote!(Output::Bytes(#value)),
        _ => quote!(Output::json(&#value)?),
    };
    if let Some(name) = &op.success_enum {
        let name = ident(name);
        let arms = op.success.iter().map(|response| {
            let variant = ident(&status_variant(response.status));
            match &response.body {
                Some(body) => {
                    let value = convert(body, quote!(value));
                    quote!(types::#name::#variant(value) => #value,)
                }
                None => quote!(types::#name::#variant => Output::Nothing,),
            }
        });
        return Some(quote! {
            Ok(match answer {
                #(#arms)*
                // Statuses the document does not list: their bodies are not decoded.
                _ => Output::Nothing,
            })
        });
    }
    let bodies: Vec<&ResponseBody> = op.success.iter().filter_map(|r| r.body.as_ref()).collect();
    let body = bodies.first()?;
    if bodies.len() == op.success.len() {
        Some(match body.media {
            BodyMedia::Text | BodyMedia::Bytes => {
                let value = convert(body, quote!(answer));
                quote!(Ok(#value))
            }
            _ => quote!(Output::json(&answer)),
        })
    } else {
        let value = convert(body, quote!(value));
        Some(quote! {
            Ok(match answer {
                Some(value) => #value,
                None => Output::Nothing,
            })
        })
    }
}

/// The crate docs of `main.rs`: what the tool is, its options and exit codes.
fn crate_docs(api: &Api, settings: &Settings, env: &Env) -> String {
    let options: Vec<String> = client_options(api)
        .into_iter()
        .map(|(option, help)| format!("- `--{option}` or `{}`: {help}.", env.of(&option)))
        .collect();
    format!(
        "`{name}`: the command-line tool of the {title}, generated from its OpenAPI document (the crate's \
         `cli` feature: `cargo install {name} --features cli`).\n\n\
         A command per operation, grouped by tag (`{name} <group> <command> --help`); parameters are \
         options, a request body is JSON read from a file or stdin (`--body FILE`, `--body -`) and checked \
         against its type before anything is sent. The answer is printed as JSON on stdout, errors on \
         stderr.\n\n\
         Options of the client (before or after the command), each also read from an environment \
         variable (`--help` never shows their values):\n\n{options}\n\n\
         `--header 'NAME: VALUE'` (`-H`, repeatable) adds a header to the request.\n\n\
         Exit codes: 0 success, 1 the answer could not be written, 2 usage or request body, 3 API 4xx \
         (or credentials refused), 4 API 5xx, 5 no answer (connection, timeout), 6 undecodable answer, \
         7 missing or invalid configuration.",
        name = settings.crate_name,
        title = api.title,
        options = options.join("\n"),
    )
}

/// Where credentials and client parameters are set, for configuration errors.
fn config_hint(api: &Api, env: &Env) -> String {
    let mut settings: Vec<String> = Vec::new();
    for option in &api.cli.parameter_options {
        settings.push(format!("--{option} ({})", env.of(option)));
    }
    let (tokens, client_credentials) = token_kinds(api);
    if client_credentials {
        settings.push(format!(
            "--client-id and --client-secret ({}, {})",
            env.of("client-id"),
            env.of("client-secret")
        ));
    }
    if tokens {
        settings.push(format!("--token ({})", env.of("token")));
    }
    for option in api.cli.scheme_options.iter().flatten() {
        settings.push(format!("--{option} ({})", env.of(option)));
    }
    if settings.is_empty() {
        format!("check --base-url ({})", env.of("base-url"))
    } else {
        format!("set {}; see --help", settings.join(", "))
    }
}

/// The first line of `text`, trimmed (help lines stay short).
fn one_line(text: &str) -> String {
    text.trim().lines().next().unwrap_or("").trim().to_owned()
}

/// Whether a named type is a string or integer enum, and its values (for listed choices).
fn enum_values(api: &Api, ty: &TypeRef) -> Option<Vec<String>> {
    let TypeRef::Named(name) = ty else { return None };
    match &api.types.iter().find(|t| &t.name == name)?.kind {
        TypeKind::StringEnum { variants } => Some(variants.iter().map(|v| v.value.clone()).collect()),
        TypeKind::IntegerEnum { variants } => Some(variants.iter().map(|(_, v)| v.to_string()).collect()),
        _ => None,
    }
}

/// The README's section on the tool: installing it, its settings, examples, its commands
/// and exit codes.
pub fn readme_section(api: &Api, settings: &Settings) -> String {
    let name = &settings.crate_name;
    let env = Env::new(name);
    let mut out = format!(
        "## Command-line tool\n\n\
         The crate's `cli` feature builds `{name}`, a command per operation, grouped by tag. \
         Install it with `cargo install {name} --features cli` (from this folder: \
         `cargo install --path . --features cli`); clap is a dependency of the tool only, \
         never of the library.\n\n\
         Every client setting is an option (before or after the command) or an environment \
         variable; prefer the variables for secrets, as other users of the machine can see a \
         process's arguments. `--help` shows the variables' names, never their values.\n\n\
         | option | environment variable | |\n|---|---|---|\n"
    );
    for (option, help) in client_options(api) {
        out.push_str(&format!("| `--{option}` | `{}` | {} |\n", env.of(&option), help.replace('|', "\\|")));
    }
    out.push_str("| `--header 'NAME: VALUE'`, `-H` | | adds a header to the request (repeatable) |\n\n");

    out.push_str("```sh\n");
    let (tokens, client_credentials) = token_kinds(api);
    let mut exports: Vec<String> = api.cli.parameter_options.iter().map(|o| format!("{}=…", env.of(o))).collect();
    if client_credentials {
        exports.push(format!("{}=…", env.of("client-id")));
        exports.push(format!("{}=…", env.of("client-secret")));
    } else if tokens {
        exports.push(format!("{}=…", env.of("token")));
    }
    if !exports.is_empty() {
        out.push_str(&format!("export {}\n", exports.join(" ")));
    }
    out.push_str(&format!("{name} --help\n"));
    let commands: Vec<(String, &CliCommand)> = every_command(api).collect();
    let example = |(path, command): &(String, &CliCommand)| {
        let op = &api.operations[command.operation];
        let required: Vec<String> = op
            .params
            .iter()
            .zip(&command.options)
            .filter(|(p, _)| p.required)
            .map(|(p, option)| format!("--{option} <{}>", p.wire_name))
            .collect();
        let body = op.body.as_ref().filter(|b| b.required);
        let line = format!("{name} {path}{}{}", required.iter().map(|r| format!(" {r}")).collect::<String>(), if body.is_some() { " --body -" } else { "" });
        match body {
            Some(_) => format!("cat body.json | {line}"),
            None => line,
        }
    };
    // One command without options, one with, one with a body; authenticated ones first
    // (the token request is rarely what a user runs).
    let ordered: Vec<&(String, &CliCommand)> = commands
        .iter()
        .filter(|(_, c)| api.operations[c.operation].authenticated())
        .chain(commands.iter().filter(|(_, c)| !api.operations[c.operation].authenticated()))
        .collect();
    let required_params = |c: &CliCommand| api.operations[c.operation].params.iter().any(|p| p.required);
    let required_body = |c: &CliCommand| api.operations[c.operation].body.as_ref().is_some_and(|b| b.required);
    let picks = [
        ordered.iter().find(|(_, c)| !required_params(c) && api.operations[c.operation].body.is_none()),
        ordered.iter().find(|(_, c)| required_params(c) && !required_body(c)),
        ordered.iter().find(|(_, c)| required_body(c)),
    ];
    for found in picks.into_iter().flatten() {
        out.push_str(&example(found));
        out.push('\n');
    }
    out.push_str("```\n\n");
    out.push_str(
        "Parameters are options named after them (`--help` of each command lists them, with \
         the choices of an enum); a list parameter takes its option once per item. A value is \
         taken as written when the parameter is text (or an enum, a date-time), as JSON \
         otherwise (numbers, `true`, objects). A request \
         body is JSON read from the file `--body` names, or from stdin with `--body -`; it is \
         decoded into the body's type before anything is sent, and an error names the place \
         in the document that does not fit. The answer is printed on stdout as pretty JSON \
         (text and binary answers as they came, nothing for an answer without a body); \
         errors go to stderr with what to do about them. A paginated list's command takes \
         `--all`: it follows the continuation token through every page and prints all the \
         items as one JSON list.\n\n\
         | exit code | meaning |\n|---|---|\n\
         | 0 | success |\n\
         | 1 | the answer could not be written to stdout |\n\
         | 2 | usage: unknown command or option, invalid value, unreadable or invalid request body |\n\
         | 3 | the API answered 4xx (or a redirect that is not followed), or refused the credentials |\n\
         | 4 | the API answered 5xx |\n\
         | 5 | no answer: the server could not be reached, or did not answer in time |\n\
         | 6 | a successful answer could not be decoded, or was too large |\n\
         | 7 | missing or invalid configuration: credentials, client parameters, URLs |\n\n",
    );
    out.push_str("| command | HTTP | summary |\n|---|---|---|\n");
    for (path, command) in &commands {
        let op = &api.operations[command.operation];
        let summary = op.summary.as_deref().or(op.description.as_deref()).map(one_line).unwrap_or_default();
        out.push_str(&format!("| `{name} {path}` | `{} {}` | {} |\n", op.method.as_str(), op.path, summary.replace('|', "\\|")));
    }
    out.push('\n');
    out
}
