//! evolution-before.yaml: the calls of evolution-calls.rs against the first version.

use corpus_evolution_before as api;

// From the scratch crate's tests/ back to this folder (target/corpus/<crate>/tests).
include!("../../../../generator/tests/corpus/evolution-calls.rs");
