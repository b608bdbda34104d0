//! Case 05 (`05-number-formats.yaml`): every integer format has its Rust type, and floats come back digit for digit.

use corpus_05_number_formats::types::Counter;
use serde_json::json;

#[test]
fn uint64_and_exact_floats_round_trip() {
    let text = r#"{"hits":-9223372036854775808,"big":18446744073709551615,"asText":"12","money":"1.50","small":-2147483648,"blob":"aGk=","day":"2024-02-29","ratio":-951386503523.6471}"#;
    let counter: Counter = serde_json::from_str(text).unwrap();
    assert_eq!(counter.big, u64::MAX);
    assert_eq!(counter.small, i32::MIN);
    assert_eq!(counter.ratio, Some(-951386503523.6471));
    assert_eq!(serde_json::to_string(&counter).unwrap(), text);
    assert!(serde_json::from_value::<Counter>(json!({"big": -1})).is_err(), "uint64 is unsigned");
}

#[test]
fn numbers_with_an_integer_format_are_integers() {
    // 2^53 + 1: an f64 would read 9007199254740992.
    let text = r#"{"hits":1,"big":2,"asText":"3","money":"4","small":5,"blob":"","day":"2024-01-01","nanos":9007199254740993,"tiny":255}"#;
    let counter: Counter = serde_json::from_str(text).unwrap();
    assert_eq!((counter.nanos, counter.tiny), (Some(9_007_199_254_740_993_i64), Some(255_u8)));
    assert_eq!(serde_json::to_string(&counter).unwrap(), text);
    assert!(serde_json::from_value::<Counter>(json!({"hits": 1, "big": 2, "asText": "3", "money": "4", "small": 5, "blob": "", "day": "2024-01-01", "tiny": 256})).is_err());
}
