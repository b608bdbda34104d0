//! `Cargo.toml` of the generated crate and of its runtime crate (`runtime/`).
//!
//! The runtime's dependency list is the crates `generator/runtime/` uses; the generated
//! crate depends on the runtime and on the few crates its emitted code names itself.

use crate::model::Api;
use crate::Settings;

/// Dependencies of every runtime crate.
const RUNTIME_DEPENDENCIES: &str = r#"[dependencies]
base64 = "0.22"
bytes = "1"
clap = { version = "4", optional = true, features = ["env"] }
fastrand = "2"
futures-util = { version = "0.3", default-features = false }
jiff = { version = "1", default-features = false, features = ["std", "serde"] }
percent-encoding = "2"
reqwest = { version = "0.13", default-features = false, features = ["rustls", "http2"] }
serde = { version = "1", features = ["derive"] }
serde_json = "1"
serde_path_to_error = { version = "0.1", optional = true }
serde_urlencoded = "0.7"
thiserror = "2"
tokio = { version = "1", features = ["sync", "time"] }
tracing = { version = "0.1", default-features = false, features = ["std"] }
uuid = "1"
wiremock = { version = "0.6", optional = true }

[features]
# A mock of the API for the tests of code that uses the client.
mock = ["dep:wiremock"]
# What the generated command-line tool does for every API (module `cli`).
cli = ["dep:clap", "dep:serde_path_to_error", "tokio/rt"]

[dev-dependencies]
tokio = { version = "1", features = ["io-util", "macros", "net", "rt-multi-thread"] }
wiremock = "0.6"
"#;

/// What the emitted code of every generated crate names itself (derives, JSON values,
/// date-times, streams), besides the runtime; and for tests beside it, an async runtime
/// (with raw TCP, for byte-level servers that misbehave), a mock server, plain HTTP requests and parsers of what the client sends (form bodies, UUID request ids).
/// `float_roundtrip` makes serde_json read every number to the nearest `f64` (its default
/// parser may be one unit off in the last place), so a number comes back as it was sent.
const CRATE_DEPENDENCIES: &str = r#"futures-util = { version = "0.3", default-features = false }
jiff = { version = "1", default-features = false, features = ["std", "serde"] }
serde = { version = "1", features = ["derive"] }
serde_json = { version = "1", features = ["float_roundtrip"] }

[dev-dependencies]
reqwest = { version = "0.13", default-features = false }
serde_urlencoded = "0.7"
tokio = { version = "1", features = ["io-util", "macros", "net", "rt-multi-thread"] }
uuid = "1"
wiremock = "0.6"
"#;

/// The generated crate's manifest: its runtime is a path dependency (with the same version,
/// so that both can be published together).
pub fn render(api: &Api, settings: &Settings) -> String {
    let description = format!("Typed async client for the {} (generated from its OpenAPI document).", api.title);
    let workspace = if settings.standalone { "\n[workspace]\n" } else { "" };
    let runtime_name = settings.runtime_crate_name();
    let runtime = format!("{runtime_name} = {{ path = \"runtime\", version = \"={}\" }}", settings.crate_version);
    let mut features = format!(
        "[features]\n# `mock`: a typed mock of the API (module `mock`) for the tests of code that uses this crate.\n\
         mock = [\"{runtime_name}/mock\"]\n\
         # `cli`: the command-line tool `{bin}` (`cargo install {crate_name} --features cli`).\n\
         cli = [\"{runtime_name}/cli\"]\n",
        bin = settings.crate_name,
        crate_name = settings.crate_name,
    );
    if !api.features.is_empty() {
        // One feature per tag: its operations and the types only they use.
        let all: Vec<String> = api.features.iter().map(|f| format!("\"{f}\"")).collect();
        features.push_str(&format!(
            "# One feature per tag of the document: its operations and the types only they use. All are on\n\
             # by default; `default-features = false, features = [..]` compiles only the tags you use.\n\
             default = [{}]\n",
            all.join(", ")
        ));
        for feature in &api.features {
            features.push_str(&format!("{feature} = []\n"));
        }
    }
    // The tool is a binary of this crate, built only with its feature: clap stays out of
    // the library's dependencies.
    let bin = format!(
        "[[bin]]\nname = \"{}\"\npath = \"src/main.rs\"\nrequired-features = [\"cli\"]\n",
        settings.crate_name
    );
    format!(
        "{package}{workspace}\n{bin}\n[dependencies]\n{runtime}\n{CRATE_DEPENDENCIES}\n{features}",
        package = package(settings, &settings.crate_name, &description),
    )
}

/// The runtime crate's manifest. It is a member of whatever workspace the crate is in (a
/// path dependency inside it), so it never declares one itself.
pub fn render_runtime(api: &Api, settings: &Settings) -> String {
    let description = format!(
        "Spec-independent runtime of the `{}` crate ({}); use that crate instead.",
        settings.crate_name, api.title
    );
    format!(
        "{package}\n{RUNTIME_DEPENDENCIES}",
        package = package(settings, &settings.runtime_crate_name(), &description)
    )
}

/// The `@generated` header and the `[package]` table: everything `cargo package` and
/// crates.io ask for (description, license, readme, keywords, categories), so both crates can be
/// published as they are written. Add `repository` or `homepage` in the overlay's `info` if needed.
fn package(settings: &Settings, name: &str, description: &str) -> String {
    let description = toml_string(description);
    format!(
        "# @generated by `{command}`. Do not edit by hand: change the document, its overlay or the generator.\n\
         [package]\n\
         name = \"{name}\"\n\
         version = \"{version}\"\n\
         edition = \"2021\"\n\
         rust-version = \"1.85\"\n\
         description = {description}\n\
         license = \"MIT OR Apache-2.0\"\n\
         readme = \"README.md\"\n\
         keywords = [\"api\", \"client\", \"openapi\", \"http\"]\n\
         categories = [\"api-bindings\", \"web-programming::http-client\"]\n",
        command = settings.command,
        version = settings.crate_version,
    )
}

/// `text` as a TOML basic string, quotes included (TOML 1.0, "String"): one line, since a
/// package description is a one-line summary, with `\\`, `"` and the control characters TOML
/// forbids there escaped (a document's title may hold any of them). The model's title is one
/// line already; white space is still collapsed here so that no caller can write a line break
/// into a basic string, which TOML forbids.
pub(crate) fn toml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for (index, word) in text.split_whitespace().enumerate() {
        if index > 0 {
            out.push(' ');
        }
        for c in word.chars() {
            match c {
                '\\' => out.push_str("\\\\"),
                '"' => out.push_str("\\\""),
                c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
                c => out.push(c),
            }
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::toml_string;

    #[test]
    fn descriptions_are_one_line_toml_strings_whatever_the_title_holds() {
        assert_eq!(toml_string("Pet \"Store\" C:\\x"), r#""Pet \"Store\" C:\\x""#);
        assert_eq!(toml_string("A\n  title\r\nin\tparts "), r#""A title in parts""#);
        assert_eq!(toml_string("bell\u{7}del\u{7f}"), r#""bell\u0007del\u007F""#);
        assert_eq!(toml_string("Über 日本語"), r#""Über 日本語""#);
    }
}
