//! evolution-after.yaml: the calls of evolution-calls.rs, written against evolution-before.yaml,
//! compile and pass unchanged against the version with every additive change.

use corpus_evolution_after as api;

// From the scratch crate's tests/ back to this folder (target/corpus/<crate>/tests).
include!("../../../../generator/tests/corpus/evolution-calls.rs");
