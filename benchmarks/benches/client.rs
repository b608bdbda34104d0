//! The generated client against plain `reqwest`, both calling `GET /resourcelocations` on
//! the same loopback server with the same headers, and the token cache under 1,000
//! concurrent calls.
//!
//! `cargo bench -p benchmarks --bench client`
//!
//! Before criterion's groups, an interleaved run prints the median time per request of each
//! and their ratio (the figure `BENCHMARKS.md` reports): both clients take turns in rounds,
//! so drift of the machine affects them alike.

use std::time::{Duration, Instant};

use criterion::{criterion_group, Criterion};

use benchmarks::{citrix_client, LoopbackServer, PlainClient};

/// Concurrent calls on one client with an empty token cache.
const CONCURRENT_CALLS: usize = 1_000;

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("a Tokio runtime")
}

fn is_test_mode() -> bool {
    std::env::args().any(|a| a == "--test")
}

/// Median time per request of each client, measured in alternating rounds, and the ratio.
fn overhead_ratio() {
    let (rounds, per_round) = if is_test_mode() { (2, 5) } else { (40, 250) };
    let server = LoopbackServer::start().expect("the loopback server starts");
    let rt = runtime();
    let generated = citrix_client(&server, None).expect("a client");
    let plain = PlainClient::new(&server);
    rt.block_on(async {
        // Warm up both (connections, the one token request).
        for _ in 0..per_round.min(50) {
            generated.list_resource_locations().await.expect("a call");
            plain.list_resource_locations().await;
        }
        assert_eq!(
            server.token_requests(),
            1,
            "exactly one token request while it is valid"
        );
        let mut generated_times = Vec::with_capacity(rounds);
        let mut plain_times = Vec::with_capacity(rounds);
        for round in 0..rounds {
            // Alternate which goes first.
            for which in [round % 2, 1 - round % 2] {
                let started = Instant::now();
                for _ in 0..per_round {
                    if which == 0 {
                        std::hint::black_box(
                            generated.list_resource_locations().await.expect("a call"),
                        );
                    } else {
                        std::hint::black_box(plain.list_resource_locations().await);
                    }
                }
                let per_request = started.elapsed() / per_round as u32;
                if which == 0 {
                    generated_times.push(per_request);
                } else {
                    plain_times.push(per_request);
                }
            }
        }
        assert_eq!(
            server.token_requests(),
            1,
            "no token request beyond the first"
        );
        let generated = median(&mut generated_times);
        let plain = median(&mut plain_times);
        println!(
            "client overhead: median per request over {rounds} alternating rounds of {per_round}: \
             generated {generated:?}, plain reqwest {plain:?}, ratio {:.3} ({:+.1} %)",
            generated.as_secs_f64() / plain.as_secs_f64(),
            (generated.as_secs_f64() / plain.as_secs_f64() - 1.0) * 100.0,
        );
    });
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn per_request(c: &mut Criterion) {
    let server = LoopbackServer::start().expect("the loopback server starts");
    let rt = runtime();
    let generated = citrix_client(&server, None).expect("a client");
    let plain = PlainClient::new(&server);
    // The token is fetched once, before anything is measured.
    rt.block_on(async {
        generated.list_resource_locations().await.expect("a call");
        plain.list_resource_locations().await;
    });
    assert_eq!(server.token_requests(), 1);

    let mut group = c.benchmark_group("client/list_resource_locations");
    group
        .sample_size(50)
        .measurement_time(Duration::from_secs(4));
    group.bench_function("generated", |b| {
        b.to_async(&rt)
            .iter(|| async { generated.list_resource_locations().await.unwrap() })
    });
    group.bench_function("plain_reqwest", |b| {
        b.to_async(&rt)
            .iter(|| async { plain.list_resource_locations().await })
    });
    group.finish();
    assert_eq!(
        server.token_requests(),
        1,
        "no token request beyond the first"
    );
}

/// 1,000 concurrent calls on a new client (empty token cache) sharing a warm connection
/// pool: exactly one token request per batch, checked on every batch.
fn token_cache(c: &mut Criterion) {
    let server = LoopbackServer::start().expect("the loopback server starts");
    let rt = runtime();
    let http = reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(10))
        .build()
        .expect("a reqwest client");
    let batch = |http: reqwest::Client| {
        let server = &server;
        async move {
            let client = citrix_client(server, Some(http)).expect("a client");
            let before = server.token_requests();
            let calls = (0..CONCURRENT_CALLS).map(|_| {
                let client = client.clone();
                tokio::spawn(async move { client.list_resource_locations().await })
            });
            let calls: Vec<_> = calls.collect();
            for call in calls {
                call.await
                    .expect("the task completes")
                    .expect("the call succeeds");
            }
            assert_eq!(
                server.token_requests() - before,
                1,
                "{CONCURRENT_CALLS} concurrent calls on an empty cache make exactly one token request"
            );
        }
    };
    // Setup: the assertion holds before anything is measured (and the pool is warm).
    rt.block_on(batch(http.clone()));

    let mut group = c.benchmark_group("client/token_cache");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(5));
    group.bench_function(
        format!("{CONCURRENT_CALLS}_concurrent_calls_empty_cache"),
        |b| b.to_async(&rt).iter(|| batch(http.clone())),
    );
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(Duration::from_millis(500));
    targets = per_request, token_cache
}

fn main() {
    overhead_ratio();
    benches();
    Criterion::default().configure_from_args().final_summary();
}
