//! Case 10 (`10-integer-beyond-u64.yaml`): an integer schema bounded beyond 64 bits
//! (`maximum: 18446744073709552000`) loads, and its property keeps its integer type.

use corpus_10_integer_beyond_u64::types::Counter;

#[test]
fn a_bound_beyond_64_bits_leaves_the_property_an_integer() {
    let counter: Counter = serde_json::from_str(r#"{"max_len":5}"#).unwrap();
    let max_len: Option<i64> = counter.max_len;
    assert_eq!(max_len, Some(5));
    assert_eq!(serde_json::to_string(&counter).unwrap(), r#"{"max_len":5}"#);
    assert!(serde_json::from_str::<Counter>(r#"{"max_len":"5"}"#).is_err(), "an integer, not any JSON");
}
