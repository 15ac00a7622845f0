//! Mixins are flattened the way the Smithy specification's mixins chapter
//! says: member order, trait precedence, local traits, redeclared members.

use serde_json::{json, Value};

use super::{get, id, load, load_err, member_names};
use crate::model::traits::ids;
use crate::model::ShapeKind;

const STRING: &str = "smithy.api#String";

#[test]
fn members_from_the_mixin_come_first() {
    let model = load(json!({
        "ns#Base": {"type": "structure", "traits": {"smithy.api#mixin": {}},
            "members": {"id": {"target": STRING}, "created": {"target": "smithy.api#Timestamp"}}},
        "ns#User": {"type": "structure", "mixins": [{"target": "ns#Base"}],
            "members": {"name": {"target": STRING}}},
    }));
    assert_eq!(
        member_names(get(&model, "ns#User")),
        ["id", "created", "name"]
    );
    // The mixin itself stays in the model (later stages skip it).
    assert!(get(&model, "ns#Base").traits.is_mixin());
}

#[test]
fn several_mixins_in_the_order_listed() {
    let model = load(json!({
        "ns#Paged": {"type": "structure", "traits": {"smithy.api#mixin": {}},
            "members": {"nextToken": {"target": STRING}, "pageSize": {"target": "smithy.api#Integer"}}},
        "ns#Named": {"type": "structure", "traits": {"smithy.api#mixin": {}},
            "members": {"nameFilter": {"target": STRING}}},
        "ns#ListInput": {"type": "structure", "mixins": [{"target": "ns#Paged"}, {"target": "ns#Named"}],
            "members": {"sizeFilter": {"target": "smithy.api#Integer"}}},
    }));
    assert_eq!(
        member_names(get(&model, "ns#ListInput")),
        ["nextToken", "pageSize", "nameFilter", "sizeFilter"]
    );
}

#[test]
fn traits_local_beats_later_mixin_beats_earlier_mixin() {
    let model = load(json!({
        "ns#A": {"type": "structure", "traits": {"smithy.api#mixin": {}, "ns#foo": 1, "ns#one": {},
            "smithy.api#documentation": "A"}},
        "ns#B": {"type": "structure", "traits": {"smithy.api#mixin": {}, "ns#foo": 2, "ns#two": {},
            "smithy.api#documentation": "B"}},
        "ns#C": {"type": "structure", "mixins": [{"target": "ns#A"}, {"target": "ns#B"}],
            "traits": {"smithy.api#mixin": {}, "ns#three": {}, "smithy.api#documentation": "C"}},
        "ns#D": {"type": "structure", "mixins": [{"target": "ns#C"}],
            "traits": {"ns#four": {}, "smithy.api#documentation": "D"}},
    }));
    let d = &get(&model, "ns#D").traits;
    assert_eq!(d.documentation(), Some("D"), "the shape's own trait wins");
    assert_eq!(d.get("ns#foo"), Some(&json!(2)), "the later mixin wins");
    for inherited in ["ns#one", "ns#two", "ns#three", "ns#four"] {
        assert!(d.has(inherited), "{inherited}");
    }
    assert!(!d.is_mixin(), "@mixin itself is never inherited");
    assert!(
        get(&model, "ns#C").traits.is_mixin(),
        "but a mixin keeps its own"
    );
}

#[test]
fn local_traits_are_not_inherited() {
    let model = load(json!({
        "ns#Private": {"type": "structure",
            "traits": {"smithy.api#mixin": {"localTraits": ["smithy.api#private"]}, "smithy.api#private": {},
                "smithy.api#documentation": "shared"},
            "members": {"secret": {"target": STRING, "traits": {"smithy.api#private": {}}}}},
        "ns#Public": {"type": "structure", "mixins": [{"target": "ns#Private"}]},
    }));
    let public = get(&model, "ns#Public");
    assert!(!public.traits.has("smithy.api#private"));
    assert_eq!(public.traits.documentation(), Some("shared"));
    // localTraits is about the shape's traits: member traits are still copied.
    assert!(public
        .member("secret")
        .unwrap()
        .traits
        .has("smithy.api#private"));
}

#[test]
fn mixin_of_a_mixin() {
    let model = load(json!({
        "ns#A": {"type": "structure", "traits": {"smithy.api#mixin": {}, "ns#fromA": {}},
            "members": {"a": {"target": STRING}}},
        "ns#B": {"type": "structure", "traits": {"smithy.api#mixin": {}}, "mixins": [{"target": "ns#A"}],
            "members": {"b": {"target": STRING}}},
        "ns#C": {"type": "structure", "mixins": [{"target": "ns#B"}], "members": {"c": {"target": STRING}}},
    }));
    let c = get(&model, "ns#C");
    assert_eq!(member_names(c), ["a", "b", "c"]);
    assert!(c.traits.has("ns#fromA"));
}

#[test]
fn member_redeclared_to_add_a_trait() {
    let model = load(json!({
        "ns#Base": {"type": "structure", "traits": {"smithy.api#mixin": {}},
            "members": {
                "id": {"target": STRING, "traits": {"smithy.api#documentation": "Generic", "ns#tag": "base"}},
                "other": {"target": STRING}}},
        "ns#Thing": {"type": "structure", "mixins": [{"target": "ns#Base"}],
            "members": {
                "id": {"target": STRING, "traits": {"smithy.api#required": {}, "smithy.api#documentation": "Specific"}},
                "own": {"target": STRING}}},
    }));
    let thing = get(&model, "ns#Thing");
    assert_eq!(
        member_names(thing),
        ["id", "other", "own"],
        "a redeclared member keeps the mixin's position"
    );
    let id_traits = &thing.member("id").unwrap().traits;
    assert!(id_traits.is_required(), "the added trait");
    assert_eq!(
        id_traits.documentation(),
        Some("Specific"),
        "the shape's own trait wins"
    );
    assert_eq!(
        id_traits.get("ns#tag"),
        Some(&json!("base")),
        "inherited traits stay"
    );
}

#[test]
fn a_member_from_two_mixins_takes_the_later_traits() {
    let model = load(json!({
        "ns#A1": {"type": "structure", "traits": {"smithy.api#mixin": {}},
            "members": {"a": {"target": STRING, "traits": {"ns#tags": ["a"], "smithy.api#private": {}}}}},
        "ns#A2": {"type": "structure", "traits": {"smithy.api#mixin": {}},
            "members": {"a": {"target": STRING, "traits": {"ns#tags": ["b"], "smithy.api#required": {}}}}},
        "ns#Valid": {"type": "structure", "mixins": [{"target": "ns#A1"}, {"target": "ns#A2"}]},
    }));
    let valid = get(&model, "ns#Valid");
    assert_eq!(member_names(valid), ["a"]);
    let a = &valid.member("a").unwrap().traits;
    assert_eq!(a.get("ns#tags"), Some(&json!(["b"])));
    assert!(a.is_required() && a.has("smithy.api#private"));
}

#[test]
fn redeclaring_or_merging_with_another_target_is_an_error() {
    let redeclared = load_err(json!({
        "ns#Base": {"type": "structure", "traits": {"smithy.api#mixin": {}}, "members": {"a": {"target": STRING}}},
        "ns#Thing": {"type": "structure", "mixins": [{"target": "ns#Base"}],
            "members": {"a": {"target": "smithy.api#Integer"}}},
    }));
    super::assert_mentions(
        &redeclared,
        &[
            "ns#Thing$a",
            "smithy.api#Integer",
            "smithy.api#String",
            "must keep its target",
        ],
    );
    let two_mixins = load_err(json!({
        "ns#A1": {"type": "structure", "traits": {"smithy.api#mixin": {}}, "members": {"a": {"target": STRING}}},
        "ns#A2": {"type": "structure", "traits": {"smithy.api#mixin": {}}, "members": {"a": {"target": "smithy.api#Integer"}}},
        "ns#Invalid": {"type": "structure", "mixins": [{"target": "ns#A1"}, {"target": "ns#A2"}]},
    }));
    super::assert_mentions(
        &two_mixins,
        &["ns#Invalid$a", "two mixins with different targets"],
    );
}

#[test]
fn apply_to_an_inherited_member_supersedes_the_mixin() {
    let model = load(json!({
        "ns#Base": {"type": "structure", "traits": {"smithy.api#mixin": {}},
            "members": {"a": {"target": STRING, "traits": {"smithy.api#documentation": "Generic"}}}},
        "ns#Thing": {"type": "structure", "mixins": [{"target": "ns#Base"}]},
        "ns#Thing$a": {"type": "apply", "traits": {"smithy.api#documentation": "Specific"}},
        "ns#Base$a": {"type": "apply", "traits": {"smithy.api#sensitive": {}}},
    }));
    let a = &get(&model, "ns#Thing").member("a").unwrap().traits;
    assert_eq!(a.documentation(), Some("Specific"));
    assert!(
        a.is_sensitive(),
        "an apply to the mixin's own member reaches its users"
    );
    let base = &get(&model, "ns#Base").member("a").unwrap().traits;
    assert_eq!(
        base.documentation(),
        Some("Generic"),
        "the mixin is not changed by its user's apply"
    );
}

#[test]
fn list_and_map_mixins_add_member_traits() {
    let model = load(json!({
        "ns#BaseList": {"type": "list", "traits": {"smithy.api#mixin": {}, "smithy.api#length": {"max": 3}},
            "member": {"target": STRING, "traits": {"smithy.api#documentation": "An item."}}},
        "ns#Items": {"type": "list", "mixins": [{"target": "ns#BaseList"}], "member": {"target": STRING}},
        "ns#BaseMap": {"type": "map", "traits": {"smithy.api#mixin": {}},
            "key": {"target": STRING}, "value": {"target": STRING, "traits": {"smithy.api#sensitive": {}}}},
        "ns#Secrets": {"type": "map", "mixins": [{"target": "ns#BaseMap"}],
            "key": {"target": STRING}, "value": {"target": STRING}},
    }));
    let items = get(&model, "ns#Items");
    assert_eq!(items.traits.length().and_then(|b| b.max), Some(3.0));
    assert_eq!(
        items.member("member").unwrap().traits.documentation(),
        Some("An item.")
    );
    assert!(get(&model, "ns#Secrets")
        .member("value")
        .unwrap()
        .traits
        .is_sensitive());
}

#[test]
fn service_and_operation_mixins_merge_their_bindings() {
    let model = load(json!({
        "ns#Common": {"type": "service", "version": "1", "traits": {"smithy.api#mixin": {}},
            "operations": [{"target": "ns#Ping"}], "errors": [{"target": "ns#Oops"}],
            "rename": {"ns#Thing": "CommonThing", "ns#Other": "CommonOther"}},
        "ns#Svc": {"type": "service", "mixins": [{"target": "ns#Common"}],
            "operations": [{"target": "ns#Get"}], "rename": {"ns#Thing": "MyThing"}},
        "ns#Validated": {"type": "operation", "traits": {"smithy.api#mixin": {}}, "errors": [{"target": "ns#Oops"}]},
        "ns#Get": {"type": "operation", "mixins": [{"target": "ns#Validated"}], "errors": [{"target": "ns#Missing"}]},
        "ns#Ping": {"type": "operation"},
        "ns#Oops": {"type": "structure", "traits": {"smithy.api#error": "client"}},
        "ns#Missing": {"type": "structure", "traits": {"smithy.api#error": "client"}},
        "ns#Thing": {"type": "string"},
        "ns#Other": {"type": "string"},
    }));
    let ShapeKind::Service(svc) = &get(&model, "ns#Svc").kind else {
        panic!("not a service")
    };
    assert_eq!(svc.operations, [id("ns#Ping"), id("ns#Get")]);
    assert_eq!(svc.errors, [id("ns#Oops")]);
    assert_eq!(svc.version.as_deref(), Some("1"));
    let rename: Vec<(String, &str)> = svc
        .rename
        .iter()
        .map(|(i, n)| (i.to_string(), n.as_str()))
        .collect();
    assert_eq!(
        rename,
        [
            ("ns#Thing".to_owned(), "MyThing"),
            ("ns#Other".to_owned(), "CommonOther")
        ]
    );
    let ShapeKind::Operation(get_op) = &get(&model, "ns#Get").kind else {
        panic!("not an operation")
    };
    assert_eq!(get_op.errors, [id("ns#Oops"), id("ns#Missing")]);
}

#[test]
fn a_mixin_is_only_a_mixin() {
    let mixin = json!({"type": "structure", "traits": {"smithy.api#mixin": {}}});
    let as_target = load_err(json!({
        "ns#M": mixin, "ns#S": {"type": "structure", "members": {"m": {"target": "ns#M"}}},
    }));
    super::assert_mentions(&as_target, &["ns#S$m", "targets the mixin ns#M"]);
    let as_input = load_err(
        json!({"ns#M": mixin, "ns#Op": {"type": "operation", "input": {"target": "ns#M"}}}),
    );
    super::assert_mentions(&as_input, &["ns#Op", "input ns#M is a mixin"]);
}

#[test]
fn mixins_of_other_kinds_pass_on_traits() {
    let model = load(json!({
        "ns#Alnum": {"type": "string", "traits": {"smithy.api#mixin": {}, "smithy.api#pattern": "^[a-z0-9]*$"}},
        "ns#Username": {"type": "string", "mixins": [{"target": "ns#Alnum"}],
            "traits": {"smithy.api#length": {"min": 8}}},
    }));
    let username = get(&model, "ns#Username");
    assert_eq!(username.traits.pattern(), Some("^[a-z0-9]*$"));
    assert_eq!(username.traits.length().and_then(|b| b.min), Some(8.0));
    assert!(!username.traits.has(ids::MIXIN));
}

/// Mixins `ns#M0` .. `ns#M{n-1}`, each with one member of its own and each
/// using the one before, and `ns#S` using the last.
fn mixin_chain(n: usize) -> Value {
    let mut shapes = serde_json::Map::new();
    for i in 0..n {
        let mut mixin = json!({"type": "structure", "traits": {"smithy.api#mixin": {}},
            "members": {format!("m{i}"): {"target": STRING}}});
        if i > 0 {
            mixin["mixins"] = json!([{"target": format!("ns#M{}", i - 1)}]);
        }
        shapes.insert(format!("ns#M{i}"), mixin);
    }
    shapes.insert(
        "ns#S".into(),
        json!({"type": "structure", "mixins": [{"target": format!("ns#M{}", n - 1)}]}),
    );
    Value::Object(shapes)
}

#[test]
fn mixins_chain_up_to_the_bound_and_no_further() {
    let depth = crate::model::MAX_MIXIN_DEPTH;
    let model = load(mixin_chain(depth));
    let s = get(&model, "ns#S");
    assert_eq!(member_names(s).len(), depth);
    assert_eq!(member_names(s)[0], "m0", "the deepest mixin's member first");
    let error = load_err(mixin_chain(depth + 1));
    super::assert_mentions(
        &error,
        &[
            "test.json",
            "ns#S",
            "more than 64 deep",
            "at most 64 levels",
        ],
    );
}
