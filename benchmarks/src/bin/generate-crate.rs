//! `cargo xtask generate` without the command-line parser: loads a document (and the overlay
//! beside it), generates the crate and writes it. The benchmarks time this process from start
//! to exit.
//!
//! `generate-crate --spec FILE --out DIR`

use std::path::PathBuf;
use std::process::ExitCode;

use generator::{write_crate, WriteMode};

/// The allocator of `cargo xtask generate`, so that this process is timed as users run it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let mut spec = None;
    let mut out = None;
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        match arg.to_str() {
            Some("--spec") => spec = args.next().map(PathBuf::from),
            Some("--out") => out = args.next().map(PathBuf::from),
            _ => {
                eprintln!("usage: generate-crate --spec FILE --out DIR");
                return ExitCode::FAILURE;
            }
        }
    }
    let (Some(spec), Some(out)) = (spec, out) else {
        eprintln!("usage: generate-crate --spec FILE --out DIR");
        return ExitCode::FAILURE;
    };
    let name = out.file_name().map_or_else(
        || "generated".to_owned(),
        |n| n.to_string_lossy().into_owned(),
    );
    let settings = benchmarks::standalone_settings(&name, &spec);
    let overlay = generator::overlay_for(&spec);
    let result = generator::generate(&spec, overlay.as_deref(), &settings)
        .and_then(|files| write_crate(&out, &files, WriteMode::Write));
    match result {
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("generate-crate: {e}");
            ExitCode::FAILURE
        }
    }
}
