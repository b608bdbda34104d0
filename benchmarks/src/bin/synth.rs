//! Writes a synthetic Citrix-like OpenAPI document (see `benchmarks::synthetic_document`).
//!
//! `cargo run -p benchmarks --release --bin synth -- --resources N --out FILE`
//! (4 operations per resource; without `--out` the document goes to standard output).

use std::io::Write as _;
use std::process::ExitCode;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("synth: {message}");
            eprintln!("usage: synth --resources N [--out FILE]");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let mut resources = None;
    let mut out = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--resources" => {
                let text = value()?;
                resources = Some(
                    text.parse::<usize>()
                        .map_err(|_| format!("--resources {text}: not a number"))?,
                );
            }
            "--out" => out = Some(value()?),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    let resources = resources.ok_or("--resources is required")?;
    let text = benchmarks::synthetic_document(resources);
    match out {
        Some(path) => std::fs::write(&path, text).map_err(|e| format!("cannot write {path}: {e}")),
        None => std::io::stdout()
            .write_all(text.as_bytes())
            .map_err(|e| format!("cannot write to standard output: {e}")),
    }
}
