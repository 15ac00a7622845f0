//! Helpers for the protocol tests the generator emits into this crate.

use std::collections::BTreeSet;

/// Headers from `(name, value)` pairs.
pub(crate) fn headers(pairs: &[(&str, &str)]) -> ::http::HeaderMap {
    let mut map = ::http::HeaderMap::new();
    for (name, value) in pairs {
        map.append(
            ::http::header::HeaderName::from_bytes(name.as_bytes()).expect("a valid header name"),
            ::http::HeaderValue::from_str(value).expect("a valid header value"),
        );
    }
    map
}

/// Asserts that two JSON documents are the same value: key order and
/// whitespace do not matter, and numbers compare by value (`1` equals `1.0`).
pub(crate) fn assert_json_eq(actual: &[u8], expected: &str) {
    let actual: ::serde_json::Value = ::serde_json::from_slice(actual)
        .unwrap_or_else(|e| panic!("the body is not JSON ({e}): {}", String::from_utf8_lossy(actual)));
    let expected: ::serde_json::Value = ::serde_json::from_str(expected).expect("the expected body is JSON");
    assert!(
        json_eq(&actual, &expected),
        "JSON differs\n  actual:   {actual}\n  expected: {expected}"
    );
}

/// Semantic JSON equality, numbers by value.
pub(crate) fn json_eq(a: &::serde_json::Value, b: &::serde_json::Value) -> bool {
    use ::serde_json::Value;
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| json_eq(x, y)),
        (Value::Object(x), Value::Object(y)) => {
            let keys: BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            keys.into_iter().all(|k| match (x.get(k), y.get(k)) {
                (Some(x), Some(y)) => json_eq(x, y),
                _ => false,
            })
        }
        _ => a == b,
    }
}

/// Asserts two values are equal in their wire form: that compares every
/// member, and treats `NaN` as equal to itself, which `PartialEq` does not.
pub(crate) fn assert_wire_eq<T: ::serde::Serialize + ::std::fmt::Debug>(actual: &T, expected: &T) {
    let a = ::serde_json::to_value(actual).expect("the parsed value serializes");
    let e = ::serde_json::to_value(expected).expect("the expected value serializes");
    assert!(json_eq(&a, &e), "values differ\n  actual:   {actual:?}\n  expected: {expected:?}");
}
