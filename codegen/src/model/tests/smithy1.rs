//! Smithy 1.0 models: primitives are non-null unless boxed, which the
//! loader spells as the `@default` Smithy 2.0 would use.

use serde_json::{json, Value};

use super::{get, load_files, load_version};
use crate::model::Model;

fn one_point_oh() -> Model {
    load_version(
        "1.0",
        json!({
            "ns#Count": {"type": "integer"},
            "ns#Flag": {"type": "boolean"},
            "ns#MaybeCount": {"type": "integer", "traits": {"smithy.api#box": {}}},
            "ns#Big": {"type": "bigInteger"},
            "ns#Thing": {"type": "structure", "members": {
                "count": {"target": "ns#Count"},
                "flag": {"target": "ns#Flag"},
                "boxedShape": {"target": "ns#MaybeCount"},
                "boxedMember": {"target": "ns#Count", "traits": {"smithy.api#box": {}}},
                "preludeInteger": {"target": "smithy.api#Integer"},
                "preludePrimitive": {"target": "smithy.api#PrimitiveInteger"},
                "preludePrimitiveBool": {"target": "smithy.api#PrimitiveBoolean"},
                "own": {"target": "ns#Count", "traits": {"smithy.api#default": 7}},
                "big": {"target": "ns#Big"},
                "text": {"target": "smithy.api#String"},
            }},
        }),
    )
}

fn default_of(model: &Model, member: &str) -> Option<Value> {
    get(model, "ns#Thing")
        .member(member)
        .unwrap()
        .traits
        .default_value()
        .cloned()
}

#[test]
fn unboxed_primitives_get_a_zero_default() {
    let model = one_point_oh();
    assert_eq!(default_of(&model, "count"), Some(json!(0)));
    assert_eq!(default_of(&model, "flag"), Some(json!(false)));
    assert_eq!(default_of(&model, "preludePrimitive"), Some(json!(0)));
    assert_eq!(
        default_of(&model, "preludePrimitiveBool"),
        Some(json!(false))
    );
    assert_eq!(
        default_of(&model, "own"),
        Some(json!(7)),
        "a default the member sets stays"
    );
}

#[test]
fn boxed_ones_stay_nullable() {
    let model = one_point_oh();
    for member in ["boxedShape", "boxedMember", "preludeInteger", "big", "text"] {
        assert_eq!(default_of(&model, member), None, "{member}");
    }
}

#[test]
fn only_members_of_one_point_oh_shapes_change() {
    // The same structure in a 2.0 file: an integer member is just optional.
    let v1 = json!({"smithy": "1.0", "shapes": {"ns#Count": {"type": "integer"}}});
    let v2 = json!({"smithy": "2.0", "shapes": {
        "ns#Thing": {"type": "structure", "members": {"count": {"target": "ns#Count"}}}}});
    let model = load_files(&[("v1.json", v1), ("v2.json", v2)]).unwrap();
    assert_eq!(default_of(&model, "count"), None);
}
