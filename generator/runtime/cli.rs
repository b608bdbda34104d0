//! The command-line tool of a generated crate (its `cli` feature): what every generated
//! tool does the same way, whatever the API.
//!
//! The generated `src/main.rs` declares the commands (one per operation, grouped by tag),
//! their options and how each calls the client; everything else is here: the shape of
//! options (environment variables, secrets kept out of `--help`), parsing option values and
//! request bodies into the generated types, printing answers, and the exit codes.
//!
//! Exit codes ([`exit_code`] maps every [`Error`] in one place):
//!
//! | code | meaning |
//! |---|---|
//! | 0 | success (the answer, if any, is on stdout) |
//! | 1 | the answer could not be written to stdout |
//! | 2 | usage: unknown command or option, invalid value, unreadable or invalid request body |
//! | 3 | the API answered 4xx (or a redirect that is not followed); the token endpoint refused the credentials |
//! | 4 | the API (or the token endpoint) answered 5xx |
//! | 5 | transport: the server could not be reached, or did not answer in time |
//! | 6 | a successful answer could not be decoded, or was too large |
//! | 7 | configuration: missing or invalid credentials, client parameters, URLs |

use std::fmt;
use std::future::Future;
use std::io::{self, Read, Write};
use std::process::ExitCode;
use std::time::Duration;

pub use clap;
use clap::builder::{PossibleValuesParser, TypedValueParser, ValueParser};
use clap::{Arg, ArgAction, ArgMatches, Command};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::Error;

/// Success; the answer, if any, was written to stdout.
pub const EXIT_SUCCESS: u8 = 0;
/// The answer could not be written to stdout.
pub const EXIT_OUTPUT: u8 = 1;
/// Bad command line or request body (clap's own code for usage errors).
pub const EXIT_USAGE: u8 = 2;
/// The API answered with a 4xx status (or an unfollowed 3xx), or refused the credentials.
pub const EXIT_CLIENT_ERROR: u8 = 3;
/// The API answered with a 5xx status.
pub const EXIT_SERVER_ERROR: u8 = 4;
/// No answer: connection failure, timeout, time budget exhausted.
pub const EXIT_TRANSPORT: u8 = 5;
/// A successful answer that cannot be decoded (or is over the size limit).
pub const EXIT_UNDECODABLE: u8 = 6;
/// Missing or invalid configuration: credentials, client parameters, URLs.
pub const EXIT_CONFIG: u8 = 7;

/// The exit code of a failed call: the one place that maps [`Error`] variants to codes (see
/// the module documentation for the table).
pub fn exit_code(error: &Error) -> u8 {
    let by_status = |status: u16| if status >= 500 { EXIT_SERVER_ERROR } else { EXIT_CLIENT_ERROR };
    match error {
        Error::Api(e) => by_status(e.status()),
        Error::Auth(e) => match e.status() {
            None => EXIT_TRANSPORT,
            // A 2xx answer without a usable token.
            Some(status) if status < 300 => EXIT_UNDECODABLE,
            Some(status) => by_status(status),
        },
        Error::Timeout { .. } | Error::BudgetExhausted { .. } | Error::Transport { .. } => EXIT_TRANSPORT,
        Error::Decode { .. } | Error::ResponseTooLarge { .. } => EXIT_UNDECODABLE,
        // A parameter or body value the request cannot carry (an invalid header value).
        Error::Encode { .. } => EXIT_USAGE,
        Error::MissingCredentials { .. } | Error::TokenSource { .. } | Error::Config(_) => EXIT_CONFIG,
    }
}

/// Why a command failed.
#[derive(Debug)]
pub enum Failure {
    /// A value given on the command line is not usable (exit code 2).
    Usage(String),
    /// The request body could not be read or is not a valid value of the body's type (exit
    /// code 2).
    Body {
        /// Where it was read from: `stdin` or the file's path.
        source: String,
        /// What is wrong, with the place in the JSON document.
        message: String,
    },
    /// The options do not make a usable client, e.g. half of a credential (exit code 7).
    Config(String),
    /// The call failed (exit code by [`exit_code`]).
    Call(Error),
    /// The answer could not be written (exit code 1).
    Output(io::Error),
}

impl Failure {
    /// The process exit code for this failure.
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::Usage(_) | Failure::Body { .. } => EXIT_USAGE,
            Failure::Config(_) => EXIT_CONFIG,
            Failure::Call(error) => exit_code(error),
            Failure::Output(_) => EXIT_OUTPUT,
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Usage(message) | Failure::Config(message) => f.write_str(message),
            Failure::Body { source, message } => write!(f, "the request body from {source} is not valid: {message}"),
            Failure::Call(error) => fmt::Display::fmt(error, f),
            Failure::Output(error) => write!(f, "cannot write the answer to stdout: {error}"),
        }
    }
}

impl std::error::Error for Failure {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Failure::Call(error) => Some(error),
            Failure::Output(error) => Some(error),
            _ => None,
        }
    }
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        Failure::Call(error)
    }
}

/// What a command prints on stdout when it succeeds.
#[derive(Debug, Clone, PartialEq)]
pub enum Output {
    /// A JSON answer, printed pretty with a final newline.
    Json(serde_json::Value),
    /// A text answer, printed as it came.
    Text(String),
    /// A binary answer, written as it came.
    Bytes(Vec<u8>),
    /// No answer body: nothing is printed.
    Nothing,
}

impl Output {
    /// A decoded answer, as the JSON it encodes to.
    ///
    /// # Errors
    ///
    /// [`Failure::Output`] when the value cannot be written as JSON (a map with non-string
    /// keys; generated types never have one).
    pub fn json<T: Serialize>(value: &T) -> Result<Output, Failure> {
        serde_json::to_value(value).map(Output::Json).map_err(|e| Failure::Output(io::Error::other(e)))
    }

    /// Writes the answer to `out`.
    ///
    /// # Errors
    ///
    /// What writing to `out` reports.
    pub fn write(&self, out: &mut impl Write) -> io::Result<()> {
        match self {
            Output::Json(value) => {
                serde_json::to_writer_pretty(&mut *out, value).map_err(io::Error::other)?;
                out.write_all(b"\n")?;
            }
            Output::Text(text) => out.write_all(text.as_bytes())?,
            Output::Bytes(bytes) => out.write_all(bytes)?,
            Output::Nothing => {}
        }
        out.flush()
    }
}

/// Parses `matches` from the process's arguments, runs `run` on a single-threaded async
/// runtime and ends the process's work: the answer on stdout, or the error and
/// `config_hint` (for exit code 7: where credentials and client parameters come from) on
/// stderr. Returns the exit code for `main` to return.
pub fn main<F, Fut>(command: Command, config_hint: &str, run: F) -> ExitCode
where
    F: FnOnce(ArgMatches) -> Fut,
    Fut: Future<Output = Result<Output, Failure>>,
{
    let matches = match command.try_get_matches() {
        Ok(matches) => matches,
        Err(error) => {
            // `--help` and `--version` are "errors" printed on stdout with code 0.
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() { EXIT_USAGE } else { EXIT_SUCCESS });
        }
    };
    let result = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(runtime) => runtime.block_on(run(matches)),
        Err(error) => Err(Failure::Config(format!("cannot start the async runtime: {error}"))),
    };
    let result = result.and_then(|output| output.write(&mut io::stdout().lock()).map_err(Failure::Output));
    match result {
        Ok(()) => ExitCode::from(EXIT_SUCCESS),
        Err(failure) => {
            eprintln!("{}", report(&failure, config_hint));
            ExitCode::from(failure.exit_code())
        }
    }
}

/// The text printed on stderr for `failure`: `error: ` and its message (the runtime's
/// errors say what to do), then its causes, then `config_hint` for configuration errors.
pub fn report(failure: &Failure, config_hint: &str) -> String {
    let mut text = format!("error: {failure}");
    let mut source = std::error::Error::source(failure).and_then(std::error::Error::source);
    while let Some(cause) = source {
        text.push_str(&format!("\n  caused by: {cause}"));
        source = cause.source();
    }
    if failure.exit_code() == EXIT_CONFIG && !config_hint.is_empty() {
        text.push_str(&format!("\nhint: {config_hint}"));
    }
    text
}

/// A global option that configures the client (`--id VALUE`), also read from the
/// environment variable `env`. `--help` shows the variable's name, never its value (it may
/// be a secret).
pub fn client_option(id: &'static str, env: &'static str, help: &'static str) -> Arg {
    Arg::new(id)
        .long(id)
        .env(env)
        .hide_env_values(true)
        .help(help)
        .global(true)
        .action(ArgAction::Set)
}

/// The global `--header 'NAME: VALUE'` option, repeatable: headers added to the request
/// (replacing one of the same name the operation sets; never the client's `Authorization`).
pub fn header_option() -> Arg {
    Arg::new("header")
        .long("header")
        .short('H')
        .value_name("NAME: VALUE")
        .help("Adds a header to the request, e.g. `Prefer: code=404` (repeatable)")
        .global(true)
        .action(ArgAction::Append)
        .value_parser(header)
}

/// Splits `name: value` at its first `:`, trimming the white space around both.
fn header(text: &str) -> Result<(String, String), String> {
    match text.split_once(':') {
        Some((name, value)) if !name.trim().is_empty() => Ok((name.trim().to_owned(), value.trim().to_owned())),
        _ => Err(format!("`{text}` is not a header: write `NAME: VALUE`")),
    }
}

/// The headers of `--header`, in order.
pub fn headers(matches: &ArgMatches) -> Vec<(String, String)> {
    list(matches, "header")
}

/// Whether an option of a command must be given, and whether it may be given more than once
/// (a parameter that is a list: an item per `--id VALUE`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Occurrence {
    required: bool,
    repeatable: bool,
}

/// Given exactly once.
pub const REQUIRED: Occurrence = Occurrence { required: true, repeatable: false };
/// Given at most once.
pub const OPTIONAL: Occurrence = Occurrence { required: false, repeatable: false };
/// Given any number of times, an item of a list each time.
pub const LIST: Occurrence = Occurrence { required: false, repeatable: true };
/// Given at least once, an item of a list each time.
pub const REQUIRED_LIST: Occurrence = Occurrence { required: true, repeatable: true };

/// An option of a command, from a parameter of the operation: `--id VALUE`, parsed by
/// `parser` ([`value`], or [`one_of`] for an enum). Its help is set with [`Arg::help`], after
/// the call, so that a generated command reads one option per line.
pub fn option(id: &'static str, occurrence: Occurrence, parser: impl Into<ValueParser>) -> Arg {
    Arg::new(id)
        .long(id)
        .required(occurrence.required)
        .action(if occurrence.repeatable { ArgAction::Append } else { ArgAction::Set })
        .value_parser(parser.into())
}

/// The `--<id>` switch of a command whose operation is a paginated list: fetch every page
/// and print all their items as one JSON list.
pub fn all_pages_option(id: &'static str) -> Arg {
    Arg::new(id)
        .long(id)
        .help("Fetch every page, following the continuation token, and print all items as one JSON list")
        .action(ArgAction::SetTrue)
}

/// Whether switch `id` is on.
pub fn flag(matches: &ArgMatches, id: &str) -> bool {
    matches.try_get_one::<bool>(id).ok().flatten().copied().unwrap_or(false)
}

/// The `--body FILE` option of a command whose operation takes a body (`-` reads stdin).
pub fn body_option(required: bool, help: &'static str) -> Arg {
    Arg::new("body").long("body").value_name("FILE").help(help).required(required).action(ArgAction::Set)
}

/// A group of commands (a tag of the document); `None` when it has none (every operation
/// of the tag left out by cargo features).
pub fn group(name: &'static str, about: Option<&'static str>, commands: Vec<Command>) -> Option<Command> {
    if commands.is_empty() {
        return None;
    }
    let group = Command::new(name).subcommand_required(true).arg_required_else_help(true).subcommands(commands);
    Some(match about {
        Some(about) => group.about(about),
        None => group,
    })
}

/// The chosen command as `group command` (or `command` for one outside any group) and its
/// options; `None` when no command was chosen.
pub fn chosen(matches: &ArgMatches) -> Option<(String, &ArgMatches)> {
    let (name, sub) = matches.subcommand()?;
    Some(match sub.subcommand() {
        Some((command, options)) => (format!("{name} {command}"), options),
        None => (name.to_owned(), sub),
    })
}

/// Parses an option value as a `T`: first as a JSON string holding the text as written
/// (strings, enums, date-times), then as JSON text (numbers, booleans, objects, lists).
///
/// # Errors
///
/// Says what the value should be, from the JSON decoder.
pub fn value<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    if let Ok(value) = serde_json::from_value(serde_json::Value::String(text.to_owned())) {
        return Ok(value);
    }
    serde_json::from_str(text).map_err(|e| format!("{e} (expected {})", type_name::<T>()))
}

/// A parser that accepts only `values` (listed by `--help`, and suggested on a typo), each
/// parsed as a `T` ([`value`]).
pub fn one_of<T>(values: &'static [&'static str]) -> ValueParser
where
    T: DeserializeOwned + Clone + Send + Sync + 'static,
{
    PossibleValuesParser::new(values.iter().copied()).try_map(|text: String| value::<T>(&text)).into()
}

/// Parses a number of seconds (`2`, `0.5`) as a duration.
///
/// # Errors
///
/// When the text is not a finite, non-negative number that fits a [`Duration`].
pub fn seconds(text: &str) -> Result<Duration, String> {
    let seconds: f64 = text.trim().parse().map_err(|_| format!("`{text}` is not a number of seconds"))?;
    Duration::try_from_secs_f64(seconds).map_err(|_| format!("`{text}` is not a usable number of seconds"))
}

/// Splits `user:password` at its first `:` (as curl's `-u` does).
///
/// # Errors
///
/// [`Failure::Usage`] when there is no `:`.
pub fn user_password(option: &str, text: &str) -> Result<(String, String), Failure> {
    text.split_once(':')
        .map(|(user, password)| (user.to_owned(), password.to_owned()))
        .ok_or_else(|| Failure::Usage(format!("--{option} takes USER:PASSWORD")))
}

/// The value of option `id`, which clap made sure is there.
///
/// # Errors
///
/// [`Failure::Usage`] when it is missing all the same.
pub fn required<T: Clone + Send + Sync + 'static>(matches: &ArgMatches, id: &str) -> Result<T, Failure> {
    optional(matches, id).ok_or_else(|| Failure::Usage(format!("--{id} is required")))
}

/// The value of option `id`, if given.
pub fn optional<T: Clone + Send + Sync + 'static>(matches: &ArgMatches, id: &str) -> Option<T> {
    matches.try_get_one::<T>(id).ok().flatten().cloned()
}

/// Every value of repeatable option `id`, in order (empty when not given).
pub fn list<T: Clone + Send + Sync + 'static>(matches: &ArgMatches, id: &str) -> Vec<T> {
    matches.try_get_many::<T>(id).ok().flatten().map(|values| values.cloned().collect()).unwrap_or_default()
}

/// The request body as JSON of type `T`, read from the file `--body` names (`-`: stdin);
/// `None` without `--body`.
///
/// # Errors
///
/// [`Failure::Body`] when it cannot be read or is not a valid `T`, naming the place in the
/// document where it goes wrong.
pub fn json_body<T: DeserializeOwned>(matches: &ArgMatches) -> Result<Option<T>, Failure> {
    let Some((source, bytes)) = read_body(matches, &mut io::stdin().lock())? else {
        return Ok(None);
    };
    decode_body(&source, &bytes).map(Some)
}

/// The request body as text, read from the file `--body` names (`-`: stdin).
///
/// # Errors
///
/// [`Failure::Body`] when it cannot be read or is not UTF-8.
pub fn text_body(matches: &ArgMatches) -> Result<Option<String>, Failure> {
    let Some((source, bytes)) = read_body(matches, &mut io::stdin().lock())? else {
        return Ok(None);
    };
    String::from_utf8(bytes).map(Some).map_err(|e| Failure::Body { source, message: e.to_string() })
}

/// The request body as bytes, read from the file `--body` names (`-`: stdin).
///
/// # Errors
///
/// [`Failure::Body`] when it cannot be read.
pub fn bytes_body(matches: &ArgMatches) -> Result<Option<Vec<u8>>, Failure> {
    Ok(read_body(matches, &mut io::stdin().lock())?.map(|(_, bytes)| bytes))
}

/// Reads what `--body` names: `-` is `stdin`, anything else a file. Returns where it came
/// from (for messages) and its bytes.
fn read_body(matches: &ArgMatches, stdin: &mut impl Read) -> Result<Option<(String, Vec<u8>)>, Failure> {
    let Some(path) = optional::<String>(matches, "body") else {
        return Ok(None);
    };
    let mut bytes = Vec::new();
    let (source, read) = if path == "-" {
        ("stdin".to_owned(), stdin.read_to_end(&mut bytes).map(drop))
    } else {
        (format!("`{path}`"), std::fs::File::open(&path).and_then(|mut file| file.read_to_end(&mut bytes)).map(drop))
    };
    read.map_err(|e| Failure::Body { source: source.clone(), message: format!("cannot read it: {e}") })?;
    Ok(Some((source, bytes)))
}

/// Decodes `bytes` as a `T`; the error names the path in the document that fails.
fn decode_body<T: DeserializeOwned>(source: &str, bytes: &[u8]) -> Result<T, Failure> {
    let failure = |at: String, error: serde_json::Error| Failure::Body {
        source: source.to_owned(),
        message: format!("expected {}{at}: {error}", type_name::<T>()),
    };
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
        let path = e.path().to_string();
        let at = if path == "." { String::new() } else { format!(" at `{path}`") };
        failure(at, e.into_inner())
    })?;
    // Anything after the value but white space.
    deserializer.end().map_err(|e| failure(String::new(), e))?;
    Ok(value)
}

/// The last segment of `T`'s path (`CreateUser` rather than `my_api::types::CreateUser`).
fn type_name<T>() -> &'static str {
    let full = std::any::type_name::<T>();
    let base = full.split('<').next().unwrap_or(full);
    match base.rsplit_once("::") {
        Some((_, last)) if base.len() == full.len() => last,
        _ => full,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{ApiError, AuthError};
    use crate::redact::Redactor;
    use crate::request::RawResponse;

    fn api_error(status: u16) -> Error {
        let response = RawResponse {
            status,
            headers: reqwest::header::HeaderMap::new(),
            body: bytes::Bytes::from_static(b"{\"message\":\"no\"}"),
            full_body_len: Some(16),
            request_id: None,
        };
        let url = reqwest::Url::parse("http://127.0.0.1/x").unwrap();
        Error::Api(Box::new(ApiError::from_response("op", &response, &url, &Redactor::default())))
    }

    #[test]
    fn every_error_kind_has_its_exit_code() {
        assert_eq!(exit_code(&api_error(404)), EXIT_CLIENT_ERROR);
        assert_eq!(exit_code(&api_error(302)), EXIT_CLIENT_ERROR);
        assert_eq!(exit_code(&api_error(503)), EXIT_SERVER_ERROR);
        let unreachable = AuthError::unreachable("http://127.0.0.1/t".into(), "refused".into());
        assert_eq!(exit_code(&Error::Auth(Box::new(unreachable))), EXIT_TRANSPORT);
        let unusable = AuthError::bad_response("http://127.0.0.1/t".into(), 200, None, "no token".into());
        assert_eq!(exit_code(&Error::Auth(Box::new(unusable))), EXIT_UNDECODABLE);
        assert_eq!(exit_code(&Error::Timeout { operation: "op" }), EXIT_TRANSPORT);
        let budget = Error::BudgetExhausted { operation: "op", budget: Duration::from_secs(1) };
        assert_eq!(exit_code(&budget), EXIT_TRANSPORT);
        let decode = Error::Decode { operation: "op", status: 200, message: "x".into(), snippet: "y".into() };
        assert_eq!(exit_code(&decode), EXIT_UNDECODABLE);
        assert_eq!(exit_code(&Error::ResponseTooLarge { operation: "op", limit: 1 }), EXIT_UNDECODABLE);
        assert_eq!(exit_code(&Error::Encode { operation: None, message: "x".into() }), EXIT_USAGE);
        let missing = Error::MissingCredentials { operation: "op", missing: "x".into() };
        assert_eq!(exit_code(&missing), EXIT_CONFIG);
        assert_eq!(exit_code(&Error::Config("x".into())), EXIT_CONFIG);
        assert_eq!(Failure::Config("x".into()).exit_code(), EXIT_CONFIG);
        assert_eq!(Failure::Usage("x".into()).exit_code(), EXIT_USAGE);
        assert_eq!(Failure::Body { source: "stdin".into(), message: "x".into() }.exit_code(), EXIT_USAGE);
        assert_eq!(Failure::Output(io::Error::other("x")).exit_code(), EXIT_OUTPUT);
    }

    #[test]
    fn the_report_gives_the_message_its_causes_and_the_hint_for_configuration() {
        let report = report(&Failure::Call(Error::Config("no customer id".into())), "set X_CUSTOMER_ID");
        assert_eq!(report, "error: invalid client configuration: no customer id\nhint: set X_CUSTOMER_ID");
        let report = super::report(&Failure::Call(api_error(404)), "set X_CUSTOMER_ID");
        assert!(report.starts_with("error: op failed with 404"), "{report}");
        assert!(!report.contains("hint"), "{report}");
    }

    #[derive(Debug, Clone, PartialEq, serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Person {
        display_name: String,
        age: Option<u8>,
        tags: Vec<Tag>,
    }

    #[derive(Debug, Clone, PartialEq, serde::Deserialize)]
    #[serde(rename_all = "lowercase")]
    enum Tag {
        Admin,
        Guest,
    }

    #[test]
    fn values_are_text_first_then_json() {
        assert_eq!(value::<String>("123").unwrap(), "123");
        assert_eq!(value::<String>("\"q\"").unwrap(), "\"q\"");
        assert_eq!(value::<i32>("-12").unwrap(), -12);
        assert!(value::<bool>("true").unwrap());
        assert_eq!(value::<Tag>("admin").unwrap(), Tag::Admin);
        assert_eq!(value::<Vec<u8>>("[1,2]").unwrap(), vec![1, 2]);
        let err = value::<u8>("300").unwrap_err();
        assert!(err.contains("expected u8"), "{err}");
        let err = value::<Tag>("root").unwrap_err();
        assert!(err.contains("expected Tag"), "{err}");
    }

    #[test]
    fn choices_are_listed_and_parsed() {
        let command = Command::new("t").arg(Arg::new("tag").long("tag").value_parser(one_of::<Tag>(&["admin", "guest"])));
        let matches = command.clone().try_get_matches_from(["t", "--tag", "guest"]).unwrap();
        assert_eq!(optional::<Tag>(&matches, "tag"), Some(Tag::Guest));
        let err = command.try_get_matches_from(["t", "--tag", "root"]).unwrap_err();
        assert_eq!(err.kind(), clap::error::ErrorKind::InvalidValue);
        assert!(err.to_string().contains("admin, guest"), "{err}");
    }

    #[test]
    fn the_all_pages_switch_is_off_unless_given() {
        let command = Command::new("t").arg(all_pages_option("all"));
        assert!(flag(&command.clone().try_get_matches_from(["t", "--all"]).unwrap(), "all"));
        assert!(!flag(&command.try_get_matches_from(["t"]).unwrap(), "all"));
        assert!(!flag(&Command::new("u").try_get_matches_from(["u"]).unwrap(), "all"));
    }

    #[test]
    fn headers_are_name_colon_value_and_repeat() {
        let command = Command::new("t").arg(header_option());
        let matches = command.clone().try_get_matches_from(["t", "-H", "Prefer: code=404", "--header", "X-A:b:c"]).unwrap();
        assert_eq!(headers(&matches), [("Prefer".into(), "code=404".into()), ("X-A".into(), "b:c".into())]);
        let err = command.try_get_matches_from(["t", "--header", "no colon"]).unwrap_err();
        assert!(err.to_string().contains("write `NAME: VALUE`"), "{err}");
    }

    #[test]
    fn seconds_and_user_password_reject_what_they_cannot_use() {
        assert_eq!(seconds("1.5").unwrap(), Duration::from_millis(1500));
        assert!(seconds("-1").is_err());
        assert!(seconds("NaN").is_err());
        assert!(seconds("soon").is_err());
        assert_eq!(user_password("basic", "me:pa:ss").unwrap(), ("me".into(), "pa:ss".into()));
        assert!(matches!(user_password("basic", "me"), Err(Failure::Usage(m)) if m.contains("--basic")));
    }

    fn body_matches(body: &str) -> ArgMatches {
        Command::new("t").arg(body_option(false, "the body")).try_get_matches_from(["t", "--body", body]).unwrap()
    }

    #[test]
    fn bodies_come_from_stdin_or_a_file_and_errors_name_the_place() {
        let json = br#"{"displayName":"a","tags":["admin"]}"#;
        let (source, bytes) = read_body(&body_matches("-"), &mut &json[..]).unwrap().unwrap();
        assert_eq!(source, "stdin");
        let person: Person = decode_body(&source, &bytes).unwrap();
        assert_eq!(person, Person { display_name: "a".into(), age: None, tags: vec![Tag::Admin] });

        let path = std::env::temp_dir().join(format!("cli-body-{}.json", std::process::id()));
        std::fs::write(&path, br#"{"displayName":"a","tags":["root"]}"#).unwrap();
        let (source, bytes) = read_body(&body_matches(path.to_str().unwrap()), &mut io::empty()).unwrap().unwrap();
        std::fs::remove_file(&path).unwrap();
        let err = decode_body::<Person>(&source, &bytes).unwrap_err();
        let text = err.to_string();
        assert!(text.starts_with(&format!("the request body from `{}` is not valid", path.display())), "{text}");
        assert!(text.contains("expected Person at `tags[0]`: unknown variant `root`"), "{text}");

        let err = decode_body::<Person>("stdin", br#"{"tags":[]}"#).unwrap_err().to_string();
        assert!(err.contains("missing field `displayName`"), "{err}");
        let err = decode_body::<Person>("stdin", br#"{"displayName":"a","tags":[]} x"#).unwrap_err().to_string();
        assert!(err.contains("trailing characters"), "{err}");

        let missing = read_body(&body_matches("/nonexistent/body.json"), &mut io::empty()).unwrap_err();
        assert!(missing.to_string().contains("cannot read it"), "{missing}");
        let none = Command::new("t").arg(body_option(false, "b")).try_get_matches_from(["t"]).unwrap();
        assert!(read_body(&none, &mut io::empty()).unwrap().is_none());
    }

    #[test]
    fn answers_print_as_pretty_json_text_or_bytes() {
        let mut out = Vec::new();
        Output::json(&serde_json::json!({"a": [1]})).unwrap().write(&mut out).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "{\n  \"a\": [\n    1\n  ]\n}\n");
        let mut out = Vec::new();
        Output::Text("plain".into()).write(&mut out).unwrap();
        Output::Nothing.write(&mut out).unwrap();
        Output::Bytes(vec![0, 255]).write(&mut out).unwrap();
        assert_eq!(out, b"plain\x00\xff");
    }

    #[test]
    fn the_chosen_command_is_named_by_group_and_command() {
        let command = Command::new("t")
            .subcommand(group("things", Some("Things"), vec![Command::new("list")]).unwrap())
            .subcommand(Command::new("ping"));
        let matches = command.clone().try_get_matches_from(["t", "things", "list"]).unwrap();
        assert_eq!(chosen(&matches).map(|(name, _)| name).as_deref(), Some("things list"));
        let matches = command.try_get_matches_from(["t", "ping"]).unwrap();
        assert_eq!(chosen(&matches).map(|(name, _)| name).as_deref(), Some("ping"));
        assert!(group("empty", None, Vec::new()).is_none());
    }

    #[test]
    fn option_values_from_the_environment_stay_out_of_help() {
        let command = Command::new("t").arg(client_option("token", "CLI_TEST_TOKEN_NEVER_SET", "The token"));
        let help = command.clone().render_long_help().to_string();
        assert!(help.contains("CLI_TEST_TOKEN_NEVER_SET"), "{help}");
        let matches = command.try_get_matches_from(["t", "--token", "s3cret"]).unwrap();
        assert_eq!(required::<String>(&matches, "token").unwrap(), "s3cret");
        assert_eq!(list::<String>(&matches, "token"), ["s3cret".to_owned()]);
        assert!(matches!(required::<String>(&matches, "absent"), Err(Failure::Usage(_))));
    }
}
