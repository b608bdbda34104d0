//! Makes N calls of `GET /resourcelocations` with the generated client or with plain
//! `reqwest` against the loopback server, after a warm-up (connection and token). Run under
//! `valgrind --tool=callgrind` with two values of N, it gives the instructions each client
//! executes per request, which, unlike time, does not depend on what else the machine is
//! doing (`benchmarks/scripts/client-instructions.sh`).
//!
//! `client-calls --client generated|plain --calls N`

use std::process::ExitCode;

use benchmarks::{citrix_client, LoopbackServer, PlainClient};

/// Calls made before counting starts: the connection, and the one token request.
const WARM_UP_CALLS: usize = 20;

fn main() -> ExitCode {
    let usage = "usage: client-calls --client generated|plain --calls N";
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (client, calls) = match args.as_slice() {
        [flag, client, calls_flag, calls] if flag == "--client" && calls_flag == "--calls" => {
            match calls.parse::<usize>() {
                Ok(calls) => (client.clone(), calls),
                Err(_) => {
                    eprintln!("{usage}");
                    return ExitCode::FAILURE;
                }
            }
        }
        _ => {
            eprintln!("{usage}");
            return ExitCode::FAILURE;
        }
    };
    let server = LoopbackServer::start().expect("the loopback server starts");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a Tokio runtime");
    match client.as_str() {
        "generated" => {
            let client = citrix_client(&server, None).expect("a client");
            runtime.block_on(async {
                for _ in 0..WARM_UP_CALLS + calls {
                    let answer = client.list_resource_locations().await.expect("a call");
                    std::hint::black_box(answer);
                }
            });
        }
        "plain" => {
            let client = PlainClient::new(&server);
            runtime.block_on(async {
                for _ in 0..WARM_UP_CALLS + calls {
                    std::hint::black_box(client.list_resource_locations().await);
                }
            });
        }
        _ => {
            eprintln!("{usage}");
            return ExitCode::FAILURE;
        }
    }
    let expected_tokens = usize::from(client == "generated");
    if server.token_requests() != expected_tokens {
        eprintln!(
            "client-calls: {} token requests, expected {expected_tokens}",
            server.token_requests()
        );
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
