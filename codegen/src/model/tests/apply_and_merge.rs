//! `apply` entries, metadata from several files, and a shape that more
//! than one file defines.

use serde_json::{json, Value};

use super::{assert_mentions, get, load_files};
use crate::model::Model;

const STRING: &str = "smithy.api#String";

fn doc(shapes: Value) -> Value {
    json!({"smithy": "2.0", "shapes": shapes})
}

/// `a.json` defines the shapes, `b.json` applies traits to them.
fn with_applies(applies: Value) -> crate::Result<Model> {
    let shapes = doc(json!({
        "ns#S": {"type": "structure", "members": {"a": {"target": STRING}}},
        "ns#Name": {"type": "string", "traits": {"smithy.api#tags": ["a"], "smithy.api#length": {"max": 9}}},
    }));
    load_files(&[("a.json", shapes), ("b.json", doc(applies))])
}

#[test]
fn apply_to_a_shape_and_to_a_member() {
    let model = with_applies(json!({
        "ns#S": {"type": "apply", "traits": {"smithy.api#sensitive": {}}},
        "ns#S$a": {"type": "apply", "traits": {"smithy.api#required": {}}},
    }))
    .unwrap();
    let s = get(&model, "ns#S");
    assert!(s.traits.is_sensitive() && !s.traits.is_required());
    let a = &s.member("a").unwrap().traits;
    assert!(a.is_required() && !a.is_sensitive());
}

#[test]
fn applied_arrays_concatenate_and_equal_values_are_fine() {
    let model = with_applies(json!({
        "ns#Name": {"type": "apply", "traits": {"smithy.api#tags": ["b"], "smithy.api#length": {"max": 9}}},
    }))
    .unwrap();
    let name = &get(&model, "ns#Name").traits;
    assert_eq!(name.get("smithy.api#tags"), Some(&json!(["a", "b"])));
    assert_eq!(name.length().and_then(|b| b.max), Some(9.0));
}

#[test]
fn applying_a_different_value_is_a_conflict() {
    let err = with_applies(json!({
        "ns#Name": {"type": "apply", "traits": {"smithy.api#length": {"max": 10}}},
    }))
    .unwrap_err()
    .to_string();
    assert_mentions(
        &err,
        &[
            "b.json",
            "ns#Name",
            "smithy.api#length",
            "applied twice with different values",
        ],
    );
}

#[test]
fn metadata_merges_across_files() {
    let a = json!({"smithy": "2.0", "metadata": {"list": [1], "same": {"x": 1}, "onlyA": true}});
    let b = json!({"smithy": "2.0", "metadata": {"list": [2, 3], "same": {"x": 1}, "onlyB": "b"}});
    let model = load_files(&[("a.json", a.clone()), ("b.json", b)]).unwrap();
    let metadata = Value::Object(model.metadata().clone());
    assert_eq!(
        metadata,
        json!({"list": [1, 2, 3], "same": {"x": 1}, "onlyA": true, "onlyB": "b"})
    );

    let conflict = json!({"smithy": "2.0", "metadata": {"same": {"x": 2}}});
    let err = load_files(&[("a.json", a), ("c.json", conflict)])
        .unwrap_err()
        .to_string();
    assert_mentions(
        &err,
        &[
            "c.json",
            "$.metadata.same",
            "conflicts",
            "expected equal values or arrays",
        ],
    );
}

#[test]
fn the_same_shape_in_two_files() {
    let person = |member_target: &str, traits: Value| {
        doc(json!({
            "ns#Person": {"type": "structure", "traits": traits,
                "members": {"name": {"target": member_target}}},
            "ns#Nick": {"type": "string"},
        }))
    };
    let first = person(STRING, json!({"smithy.api#documentation": "A person."}));

    // Identical: fine, and there is one shape.
    let model = load_files(&[("a.json", first.clone()), ("b.json", first.clone())]).unwrap();
    assert_eq!(model.shapes().filter(|s| !s.id.is_prelude()).count(), 2);

    // Other traits that do not conflict combine, as if applied.
    let more = person(STRING, json!({"smithy.api#sensitive": {}}));
    let model = load_files(&[("a.json", first.clone()), ("b.json", more)]).unwrap();
    let traits = &get(&model, "ns#Person").traits;
    assert!(traits.is_sensitive() && traits.documentation() == Some("A person."));

    // A member with another target, another type, or a conflicting trait: errors.
    let retargeted = person("ns#Nick", json!({}));
    let err = load_files(&[("a.json", first.clone()), ("b.json", retargeted)])
        .unwrap_err()
        .to_string();
    assert_mentions(
        &err,
        &[
            "b.json",
            "ns#Person",
            "first defined in a.json",
            "member `name` targets",
        ],
    );

    let retyped = doc(json!({"ns#Person": {"type": "string"}}));
    let err = load_files(&[("a.json", first.clone()), ("b.json", retyped)])
        .unwrap_err()
        .to_string();
    assert_mentions(&err, &["ns#Person", "first a structure, here a string"]);

    let redocumented = person(STRING, json!({"smithy.api#documentation": "Someone else."}));
    let err = load_files(&[("a.json", first), ("b.json", redocumented)])
        .unwrap_err()
        .to_string();
    assert_mentions(
        &err,
        &[
            "ns#Person",
            "smithy.api#documentation",
            "applied twice with different values",
        ],
    );
}
