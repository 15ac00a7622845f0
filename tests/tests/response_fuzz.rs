//! `AdminInitiateAuth::response` must make sense of anything: arbitrary
//! statuses, headers and bytes give an output or an error, never a panic.
//! Besides raw bytes the generator builds JSON near what Cognito sends
//! (valid bodies with one value swapped, bytes flipped, members of the
//! right names holding the wrong types), since that reaches deeper into the
//! parser than noise does.
//!
//! Runs a modest number of cases by default so CI stays quick; set
//! `PROPTEST_CASES` to run more (e.g. `PROPTEST_CASES=100000`).

use cognito_identity_provider::error::ResponseError;
use cognito_identity_provider::operation::admin_initiate_auth::{
    AdminInitiateAuth, AdminInitiateAuthError, AdminInitiateAuthOutput,
};
use http::{HeaderMap, HeaderName, HeaderValue};
use proptest::prelude::*;
use serde_json::{json, Value};

/// Cases when `PROPTEST_CASES` is not set.
const DEFAULT_CASES: u32 = 1000;

fn config() -> ProptestConfig {
    // `default()` already honours PROPTEST_CASES; only replace its count
    // when the variable is absent.
    let mut config = ProptestConfig::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = DEFAULT_CASES;
    }
    config
}

const CODES: &[&str] = &[
    "NotAuthorizedException",
    "UserNotFoundException",
    "InvalidParameterException",
    "InternalErrorException",
    "MFAMethodNotFoundException",
    "TooManyRequestsException",
    "SomethingNew",
];

/// Member names of the output and the error bodies, at any level.
const KEYS: &[&str] = &[
    "ChallengeName",
    "Session",
    "ChallengeParameters",
    "AuthenticationResult",
    "AvailableChallenges",
    "AccessToken",
    "ExpiresIn",
    "TokenType",
    "RefreshToken",
    "IdToken",
    "NewDeviceMetadata",
    "DeviceKey",
    "DeviceGroupKey",
    "__type",
    "code",
    "message",
    "Message",
    "errorMessage",
    "reasonCode",
];

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(CODES).prop_map(str::to_owned),
        prop::sample::select(&["PASSWORD", "SMS_MFA", "NEW_PASSWORD_REQUIRED", "USER_AUTH"][..])
            .prop_map(str::to_owned),
        (
            prop::sample::select(&["", "aws.cognito#", "a#b#"][..]),
            prop::sample::select(CODES),
            "(:[ -~]{0,12})?"
        )
            .prop_map(|(ns, code, suffix)| format!("{ns}{code}{suffix}")),
        any::<String>(),
    ]
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_filter_map("JSON has no NaN or infinity", |f| {
            serde_json::Number::from_f64(f).map(Value::Number)
        }),
        text().prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..6)
                .prop_map(|entries| Value::Object(entries.into_iter().collect())),
        ]
    })
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![4 => prop::sample::select(KEYS).prop_map(str::to_owned), 1 => any::<String>()]
}

/// Bodies as a real service would send them.
fn valid_bodies() -> Vec<Value> {
    vec![
        json!({
            "AuthenticationResult": {
                "AccessToken": "eyJ.a.b", "ExpiresIn": 3600, "TokenType": "Bearer",
                "RefreshToken": "eyJ.r.s", "IdToken": "eyJ.i.d",
                "NewDeviceMetadata": {"DeviceKey": "k", "DeviceGroupKey": "g"}
            },
            "ChallengeParameters": {}
        }),
        json!({
            "ChallengeName": "SELECT_CHALLENGE", "Session": "s",
            "ChallengeParameters": {"USER_ID_FOR_SRP": "alice"},
            "AvailableChallenges": ["PASSWORD", "WEB_AUTHN"]
        }),
        json!({"__type": "InvalidParameterException", "message": "bad", "reasonCode": "INVALID_PHONE"}),
        json!({"__type": "com.amazonaws.cognitoidentityprovider#NotAuthorizedException:http://x/", "Message": "no"}),
    ]
}

const POINTERS: &[&str] = &[
    "/AuthenticationResult",
    "/AuthenticationResult/ExpiresIn",
    "/AuthenticationResult/AccessToken",
    "/AuthenticationResult/NewDeviceMetadata",
    "/AuthenticationResult/NewDeviceMetadata/DeviceKey",
    "/ChallengeName",
    "/ChallengeParameters",
    "/ChallengeParameters/USER_ID_FOR_SRP",
    "/AvailableChallenges",
    "/AvailableChallenges/0",
    "/__type",
    "/message",
    "/Message",
    "/reasonCode",
];

/// A valid body with some values replaced by arbitrary JSON.
fn swapped_json() -> impl Strategy<Value = Vec<u8>> {
    let swaps = prop::collection::vec((prop::sample::select(POINTERS), json_value()), 1..4);
    (prop::sample::select(valid_bodies()), swaps).prop_map(|(mut body, swaps)| {
        for (pointer, replacement) in swaps {
            if let Some(slot) = body.pointer_mut(pointer) {
                *slot = replacement;
            } else if let Some((parent, key)) = pointer.rsplit_once('/') {
                // A member this body lacks: add it, where its parent is an object.
                if let Some(Value::Object(members)) = body.pointer_mut(parent) {
                    members.insert(key.to_owned(), replacement);
                }
            }
        }
        serde_json::to_vec(&body).expect("a Value always serializes")
    })
}

/// A valid body with bytes deleted, inserted, overwritten or cut off.
fn flipped_bytes() -> impl Strategy<Value = Vec<u8>> {
    let edits = prop::collection::vec((any::<prop::sample::Index>(), 0u8..4, any::<u8>()), 1..6);
    (prop::sample::select(valid_bodies()), edits).prop_map(|(body, edits)| {
        let mut bytes = serde_json::to_vec(&body).expect("a Value always serializes");
        for (at, edit, byte) in edits {
            if bytes.is_empty() {
                break;
            }
            let i = at.index(bytes.len());
            match edit {
                0 => {
                    bytes.remove(i);
                }
                1 => bytes.insert(i, byte),
                2 => bytes[i] = byte,
                _ => bytes.truncate(i),
            }
        }
        bytes
    })
}

fn body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..256),
        json_value().prop_map(|v| serde_json::to_vec(&v).expect("a Value always serializes")),
        prop::collection::vec((key(), json_value()), 0..6).prop_map(|members| serde_json::to_vec(
            &Value::Object(members.into_iter().collect())
        )
        .unwrap()),
        swapped_json(),
        flipped_bytes(),
    ]
}

fn header_value() -> impl Strategy<Value = HeaderValue> {
    prop_oneof![
        // Visible ASCII and spaces: what `to_str` accepts.
        "[ -~]{0,40}".prop_map(|s| HeaderValue::from_str(&s).expect("visible ASCII is a valid header value")),
        text().prop_filter_map("not a header value", |s| HeaderValue::from_str(&s).ok()),
        // Opaque bytes, which a header may carry but `to_str` refuses.
        prop::collection::vec(any::<u8>(), 0..24).prop_filter_map("not a header value", |b| HeaderValue::from_bytes(&b).ok()),
    ]
}

fn headers() -> impl Strategy<Value = HeaderMap> {
    let name = prop_oneof![
        3 => prop::sample::select(&["x-amzn-errortype", "X-Amzn-ErrorType", "x-amzn-requestid", "content-type"][..])
            .prop_map(|n| HeaderName::from_bytes(n.as_bytes()).unwrap()),
        1 => "[a-z][a-z0-9-]{0,16}".prop_map(|n| HeaderName::from_bytes(n.as_bytes()).unwrap()),
    ];
    prop::collection::vec((name, header_value()), 0..5).prop_map(|pairs| {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(name, value);
        }
        map
    })
}

/// Any status, with extra weight on 2xx and the common error statuses, so
/// both the output and the error readers get a fair share of cases.
fn status() -> impl Strategy<Value = u16> {
    prop_oneof![
        2 => 100u16..=599,
        1 => 200u16..300,
        1 => prop::sample::select(&[200u16, 400, 403, 404, 429, 500][..]),
    ]
}

/// The error code the spec derives from an `X-Amzn-Errortype` value: the
/// first of comma-joined values (proxies join repeated headers so), then
/// drop everything from the first `:` and everything through the first `#`.
/// Surrounding blanks are not part of a header value's meaning either.
fn expected_code(raw: &str) -> &str {
    let first = raw.split(',').next().unwrap_or(raw);
    let before_colon = first.split(':').next().unwrap_or(first);
    before_colon
        .split_once('#')
        .map_or(before_colon, |(_, name)| name)
        .trim()
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn response_never_panics(status in status(), headers in headers(), body in body()) {
        let result = AdminInitiateAuth::response(status, &headers, &body);
        // Printing any outcome is safe too.
        let _ = format!("{result:?}");
        match result {
            Ok(output) => {
                prop_assert!((200..300).contains(&status));
                // Whatever was accepted writes back as JSON that reads as the same output.
                let json = serde_json::to_vec(&output).expect("an output always serializes");
                let again: AdminInitiateAuthOutput = serde_json::from_slice(&json).expect("its own JSON reads back");
                prop_assert_eq!(again, output);
            }
            Err(ResponseError::Deserialize(e)) => {
                prop_assert!((200..300).contains(&status));
                prop_assert!(e.to_string().contains("AdminInitiateAuthOutput"));
            }
            Err(ResponseError::Service(e)) => {
                prop_assert!(!(200..300).contains(&status));
                prop_assert_eq!(e.meta().status(), Some(status));
                prop_assert!(!e.to_string().is_empty());
                let header = headers.get("x-amzn-errortype").and_then(|v| v.to_str().ok());
                if let Some(code) = header.map(expected_code).filter(|c| !c.is_empty()) {
                    prop_assert_eq!(e.code(), Some(code), "the header decides the code");
                }
                // Members of the wrong type are left out of an error, never
                // the others: in a body that is a JSON object, the message is
                // the first of its spellings that holds text, and a text
                // `reasonCode` is kept. (A body that is not, such as one with
                // bad UTF-8 in a string, may still read as the error's
                // structure: serde_json skips unknown members unchecked.)
                if let Ok(members) = serde_json::from_slice::<serde_json::Map<String, Value>>(&body) {
                    let text = |key: &str| members.get(key).and_then(Value::as_str);
                    let message = ["message", "Message", "errorMessage"].into_iter().find_map(text);
                    prop_assert_eq!(e.message(), message);
                    if let AdminInitiateAuthError::InvalidParameterException(invalid) = &e {
                        prop_assert_eq!(invalid.reason_code.as_deref(), text("reasonCode"));
                    }
                }
            }
        }
    }
}
