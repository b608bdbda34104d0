//! The generator's stages on the Citrix document and on synthetic documents of several
//! sizes, the whole of `generator::generate`, and whole-process generation (the
//! `generate-crate` binary, from process start to exit, files written).
//!
//! `cargo bench -p benchmarks --bench generator`
//!
//! GitHub's REST description (issue 14's scale targets) is measured too when
//! `GITHUB_OPENAPI` names its file (`api.github.com.json` of the npm package
//! `@octokit/openapi`, 13 MB; not in the repository):
//! `GITHUB_OPENAPI=/tmp/package/generated/api.github.com.json cargo bench -p benchmarks
//! --bench generator -- github`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion, Throughput};

use benchmarks::{
    citrix_overlay, citrix_settings, citrix_spec, standalone_settings, synthetic_file,
};

/// Synthetic sizes in resources (4 operations each): 16 (64 operations, 8 times the Citrix
/// document's 8), 125 (500) and 1,000 (4,000; 8 times 125).
const SYNTHETIC_RESOURCES: [usize; 3] = [16, 125, 1_000];

/// One input of the benchmarks: a document, its overlay and the settings it is generated with.
struct Input {
    label: String,
    operations: u64,
    spec: PathBuf,
    overlay: Option<PathBuf>,
    settings: generator::Settings,
}

fn inputs() -> Vec<Input> {
    let mut inputs = vec![Input {
        label: "citrix".into(),
        operations: 8,
        spec: citrix_spec(),
        overlay: Some(citrix_overlay()),
        settings: citrix_settings(),
    }];
    for resources in SYNTHETIC_RESOURCES {
        let spec = synthetic_file(resources).expect("the synthetic document is written");
        inputs.push(Input {
            label: format!(
                "synthetic-{}ops",
                resources * benchmarks::OPERATIONS_PER_RESOURCE
            ),
            operations: (resources * benchmarks::OPERATIONS_PER_RESOURCE) as u64,
            settings: standalone_settings("synthetic", &spec),
            spec,
            overlay: None,
        });
    }
    if let Some(spec) = std::env::var_os("GITHUB_OPENAPI").map(PathBuf::from) {
        inputs.push(Input {
            label: "github".into(),
            operations: 1_223,
            settings: standalone_settings("github", &spec),
            spec,
            overlay: None,
        });
    }
    inputs
}

/// Fewer samples for big inputs, so the whole run stays within a few minutes.
fn tune(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    input: &Input,
) {
    group.throughput(Throughput::Elements(input.operations));
    if input.operations >= 1_000 {
        group
            .sample_size(10)
            .measurement_time(Duration::from_secs(4));
    } else if input.operations >= 500 {
        group
            .sample_size(10)
            .measurement_time(Duration::from_secs(2));
    } else {
        group
            .sample_size(30)
            .measurement_time(Duration::from_secs(2));
    }
}

fn stages(c: &mut Criterion) {
    for input in inputs() {
        let mut group = c.benchmark_group(format!("generator/{}", input.label));
        tune(&mut group, &input);
        let overlay = input.overlay.as_deref();
        let document =
            generator::load::load_file(&input.spec, overlay).expect("the document loads");
        let api = generator::model::build(&document).expect("the model builds");

        group.bench_function("load", |b| {
            b.iter(|| generator::load::load_file(&input.spec, overlay).unwrap())
        });
        group.bench_function("model", |b| {
            b.iter(|| generator::model::build(&document).unwrap())
        });
        group.bench_function("emit_tokens", |b| {
            b.iter(|| generator::emit::sources(&api, &input.settings))
        });
        group.bench_function("format", |b| {
            b.iter_batched(
                || generator::emit::sources(&api, &input.settings),
                |sources| {
                    for (path, tokens) in sources {
                        generator::emit::format_rust(path, tokens, &input.settings).unwrap();
                    }
                },
                BatchSize::LargeInput,
            )
        });
        group.bench_function("render", |b| {
            b.iter(|| generator::emit::render(&api, &input.settings).unwrap())
        });
        group.bench_function("generate", |b| {
            b.iter(|| generator::generate(&input.spec, overlay, &input.settings).unwrap())
        });
        group.finish();
    }
}

/// Whole-process generation: spawning `generate-crate` (a release build under `cargo bench`)
/// on a document, into a folder emptied before each run.
fn whole_process(c: &mut Criterion) {
    let exe = Path::new(env!("CARGO_BIN_EXE_generate-crate"));
    let out_root =
        std::env::temp_dir().join(format!("citrix-benchmarks-out-{}", std::process::id()));
    let mut group = c.benchmark_group("whole_process");
    for input in inputs() {
        tune(&mut group, &input);
        // The overlay is found beside the document, as `cargo xtask generate` finds it.
        let out = out_root.join(&input.label);
        let run = || {
            let status = Command::new(exe)
                .arg("--spec")
                .arg(&input.spec)
                .arg("--out")
                .arg(&out)
                .status()
                .expect("generate-crate starts");
            assert!(
                status.success(),
                "generate-crate failed on {}",
                input.spec.display()
            );
        };
        run();
        group.bench_function(BenchmarkId::from_parameter(&input.label), |b| {
            b.iter_batched(
                || {
                    let _ = std::fs::remove_dir_all(&out);
                },
                |()| run(),
                BatchSize::PerIteration,
            )
        });
    }
    group.finish();
    let _ = std::fs::remove_dir_all(&out_root);
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(Duration::from_millis(500));
    targets = stages, whole_process
}
criterion_main!(benches);
