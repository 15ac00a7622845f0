//! The prelude, member traits over target traits, unknown traits, and the
//! typed trait accessors.

use serde_json::json;

use super::{get, id, load};
use crate::model::traits::{Fault, TimestampFormat};
use crate::model::ShapeKind;

#[test]
fn prelude_shapes_are_there() {
    let model = load(json!({
        "ns#S": {"type": "structure", "members": {
            "s": {"target": "smithy.api#String"},
            "i": {"target": "smithy.api#PrimitiveInteger"},
        }},
    }));
    assert_eq!(get(&model, "smithy.api#String").kind, ShapeKind::String);
    let unit = get(&model, "smithy.api#Unit");
    assert_eq!(unit.kind, ShapeKind::Structure(vec![]));
    assert!(unit.traits.has("smithy.api#unitType"));
    assert_eq!(
        get(&model, "smithy.api#PrimitiveInteger")
            .traits
            .default_value(),
        Some(&json!(0))
    );
    assert_eq!(
        get(&model, "smithy.api#PrimitiveBoolean")
            .traits
            .default_value(),
        Some(&json!(false))
    );
    assert_eq!(
        get(&model, "smithy.api#Integer").traits.default_value(),
        None
    );
    for name in [
        "Blob",
        "Boolean",
        "Byte",
        "Short",
        "Long",
        "Float",
        "Double",
        "BigInteger",
        "BigDecimal",
        "Timestamp",
        "Document",
    ] {
        assert!(
            model.shape(&id(&format!("smithy.api#{name}"))).is_some(),
            "{name}"
        );
    }
    // Prelude shapes are not "found" by bare name: that is for the model's own.
    assert!(model.find("String").is_none());
}

#[test]
fn member_traits_over_target_traits() {
    let model = load(json!({
        "ns#Password": {"type": "string", "traits": {
            "smithy.api#sensitive": {},
            "smithy.api#documentation": "A password.",
            "smithy.api#length": {"min": 8, "max": 64},
        }},
        "ns#Login": {"type": "structure", "members": {
            "password": {"target": "ns#Password", "traits": {
                "smithy.api#documentation": "The user's password.",
                "smithy.api#length": {"min": 12},
            }},
            "plain": {"target": "ns#Password"},
        }},
    }));
    let login = get(&model, "ns#Login");
    let password = model.member_traits(login.member("password").unwrap());
    assert_eq!(
        password.documentation(),
        Some("The user's password."),
        "the member's own wins"
    );
    assert_eq!(
        password.length().map(|b| (b.min, b.max)),
        Some((Some(12.0), None)),
        "whole trait, not merged fields"
    );
    assert!(
        password.is_sensitive(),
        "what only the target sets shows through"
    );
    let plain = model.member_traits(login.member("plain").unwrap());
    assert_eq!(plain.documentation(), Some("A password."));
    // The member's own traits are untouched by the view.
    assert!(!login.member("plain").unwrap().traits.is_sensitive());
}

#[test]
fn unknown_traits_stay_opaque_json() {
    let odd = json!({"nested": [1, {"x": null}], "flag": true});
    let model = load(json!({
        "ns#S": {"type": "structure",
            "traits": {"com.acme#weird": odd, "com.acme#marker": {}},
            "members": {"a": {"target": "smithy.api#String", "traits": {"com.acme#weird": [1, 2]}}}},
        // Known trait ids with values of an unexpected shape do not fail a
        // load either: their accessors answer None.
        "ns#T": {"type": "timestamp", "traits": {"smithy.api#timestampFormat": 42, "smithy.api#error": "maybe"}},
    }));
    let s = get(&model, "ns#S");
    assert_eq!(s.traits.get("com.acme#weird"), Some(&odd));
    assert_eq!(s.traits.get("com.acme#marker"), Some(&json!({})));
    assert_eq!(
        s.member("a").unwrap().traits.get("com.acme#weird"),
        Some(&json!([1, 2]))
    );
    let t = &get(&model, "ns#T").traits;
    assert_eq!((t.timestamp_format(), t.fault()), (None, None));
}

#[test]
fn typed_accessors() {
    let model = load(json!({
        "ns#E": {"type": "structure", "traits": {
            "smithy.api#error": "server",
            "smithy.api#httpError": 503,
            "smithy.api#retryable": {},
            "smithy.api#deprecated": {"message": "Use F.", "since": "2024"},
            "smithy.api#title": "Error E",
        }},
        "ns#When": {"type": "timestamp", "traits": {"smithy.api#timestampFormat": "http-date"}},
        "ns#List": {"type": "operation", "traits": {"smithy.api#paginated": {
            "inputToken": "next", "outputToken": "next", "items": "things", "pageSize": "max"}}},
        "ns#Code": {"type": "string", "traits": {"smithy.api#pattern": "^[0-9]+$", "smithy.api#range": {"min": 1}}},
    }));
    let e = &get(&model, "ns#E").traits;
    assert_eq!(e.fault(), Some(Fault::Server));
    assert_eq!(e.http_error(), Some(503));
    assert_eq!(e.retryable(), Some(false), "retryable, not throttling");
    let deprecated = e.deprecated().unwrap();
    assert_eq!(
        (deprecated.message.as_deref(), deprecated.since.as_deref()),
        (Some("Use F."), Some("2024"))
    );
    assert_eq!(e.title(), Some("Error E"));
    assert_eq!(
        get(&model, "ns#When").traits.timestamp_format(),
        Some(TimestampFormat::HttpDate)
    );
    let paginated = get(&model, "ns#List").traits.paginated().unwrap();
    assert_eq!(paginated.items.as_deref(), Some("things"));
    assert_eq!(paginated.page_size.as_deref(), Some("max"));
    let code = &get(&model, "ns#Code").traits;
    assert_eq!(code.pattern(), Some("^[0-9]+$"));
    assert_eq!(
        code.range().map(|b| (b.min, b.max)),
        Some((Some(1.0), None))
    );
}
