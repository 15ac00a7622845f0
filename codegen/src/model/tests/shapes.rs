//! Every shape type of the JSON AST loads into the right `ShapeKind`.

use serde_json::json;

use super::{get, id, load, load_version, member_names};
use crate::model::traits::ids;
use crate::model::ShapeKind;

#[test]
fn every_simple_type() {
    let table = [
        ("blob", ShapeKind::Blob),
        ("boolean", ShapeKind::Boolean),
        ("string", ShapeKind::String),
        ("byte", ShapeKind::Byte),
        ("short", ShapeKind::Short),
        ("integer", ShapeKind::Integer),
        ("long", ShapeKind::Long),
        ("float", ShapeKind::Float),
        ("double", ShapeKind::Double),
        ("bigInteger", ShapeKind::BigInteger),
        ("bigDecimal", ShapeKind::BigDecimal),
        ("timestamp", ShapeKind::Timestamp),
        ("document", ShapeKind::Document),
    ];
    let mut shapes = serde_json::Map::new();
    for (i, (type_name, _)) in table.iter().enumerate() {
        shapes.insert(format!("ns#Simple{i}"), json!({"type": type_name}));
    }
    let model = load(shapes.into());
    for (i, (type_name, kind)) in table.into_iter().enumerate() {
        let shape = get(&model, &format!("ns#Simple{i}"));
        assert_eq!(shape.kind, kind, "{type_name}");
        assert_eq!(shape.kind.type_name(), type_name);
        assert!(shape.kind.members().is_empty());
    }
}

#[test]
fn enum_and_int_enum() {
    let model = load(json!({
        "ns#Color": {"type": "enum", "members": {
            "RED": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "red"}},
            "GREEN": {"target": "smithy.api#Unit"},
        }},
        "ns#Level": {"type": "intEnum", "members": {
            "LOW": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": 1}},
            "HIGH": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": 10}},
        }},
    }));
    let color = get(&model, "ns#Color");
    assert!(matches!(color.kind, ShapeKind::Enum(_)));
    assert_eq!(member_names(color), ["RED", "GREEN"]);
    assert_eq!(
        color.member("RED").unwrap().traits.enum_value(),
        Some(&json!("red"))
    );
    assert_eq!(color.member("GREEN").unwrap().traits.enum_value(), None);
    let level = get(&model, "ns#Level");
    assert!(matches!(level.kind, ShapeKind::IntEnum(_)));
    assert_eq!(
        level.member("HIGH").unwrap().traits.enum_value(),
        Some(&json!(10))
    );
}

#[test]
fn list_sparse_and_unique_items() {
    let model = load(json!({
        "ns#Names": {"type": "list", "member": {"target": "smithy.api#String"}},
        "ns#Holes": {"type": "list", "member": {"target": "smithy.api#String"}, "traits": {"smithy.api#sparse": {}}},
        "ns#Unique": {"type": "list", "member": {"target": "smithy.api#String"}, "traits": {"smithy.api#uniqueItems": {}}},
    }));
    let ShapeKind::List(member) = &get(&model, "ns#Names").kind else {
        panic!("not a list")
    };
    assert_eq!(member.name, "member");
    assert_eq!(member.target, id("smithy.api#String"));
    assert!(!get(&model, "ns#Names").traits.is_sparse());
    assert!(get(&model, "ns#Holes").traits.is_sparse());
    assert!(get(&model, "ns#Unique").traits.has(ids::UNIQUE_ITEMS));
    assert!(!get(&model, "ns#Names").traits.has(ids::UNIQUE_ITEMS));
}

#[test]
fn legacy_set_is_a_list_with_unique_items() {
    for version in ["1.0", "2.0"] {
        let model = load_version(
            version,
            json!({
                "ns#Tags": {"type": "set", "member": {"target": "smithy.api#String"}},
            }),
        );
        let tags = get(&model, "ns#Tags");
        assert!(
            matches!(&tags.kind, ShapeKind::List(m) if m.target == id("smithy.api#String")),
            "{version}"
        );
        assert_eq!(tags.kind.type_name(), "list");
        assert!(tags.traits.has(ids::UNIQUE_ITEMS), "{version}");
    }
}

#[test]
fn map_key_and_value() {
    let model = load(json!({
        "ns#Counts": {"type": "map",
            "key": {"target": "smithy.api#String"},
            "value": {"target": "smithy.api#Integer", "traits": {"smithy.api#documentation": "How many."}}},
    }));
    let ShapeKind::Map { key, value } = &get(&model, "ns#Counts").kind else {
        panic!("not a map")
    };
    assert_eq!(
        (key.name.as_str(), &key.target),
        ("key", &id("smithy.api#String"))
    );
    assert_eq!(
        (value.name.as_str(), &value.target),
        ("value", &id("smithy.api#Integer"))
    );
    assert_eq!(value.traits.documentation(), Some("How many."));
}

#[test]
fn structure_members_keep_declaration_order() {
    // Not alphabetical: the order of the JSON object is the order of fields.
    let model = load(json!({
        "ns#Person": {"type": "structure", "members": {
            "zeta": {"target": "smithy.api#String", "traits": {"smithy.api#required": {}}},
            "alpha": {"target": "smithy.api#Integer"},
            "mid": {"target": "ns#Person"},
        }},
        "ns#Empty": {"type": "structure"},
    }));
    let person = get(&model, "ns#Person");
    assert_eq!(member_names(person), ["zeta", "alpha", "mid"]);
    assert!(person.member("zeta").unwrap().traits.is_required());
    assert!(!person.member("alpha").unwrap().traits.is_required());
    assert_eq!(
        person.member("mid").unwrap().target,
        id("ns#Person"),
        "recursion is allowed"
    );
    assert_eq!(get(&model, "ns#Empty").kind, ShapeKind::Structure(vec![]));
}

#[test]
fn union_members() {
    let model = load(json!({
        "ns#Choice": {"type": "union", "members": {
            "text": {"target": "smithy.api#String"},
            "nothing": {"target": "smithy.api#Unit"},
        }},
    }));
    let choice = get(&model, "ns#Choice");
    assert!(matches!(choice.kind, ShapeKind::Union(_)));
    assert_eq!(member_names(choice), ["text", "nothing"]);
}

#[test]
fn operation_input_output_errors() {
    let model = load(json!({
        "ns#Get": {"type": "operation",
            "input": {"target": "ns#GetInput"},
            "output": {"target": "ns#GetOutput"},
            "errors": [{"target": "ns#NotFound"}, {"target": "ns#Broken"}]},
        "ns#Ping": {"type": "operation"},
        "ns#GetInput": {"type": "structure"},
        "ns#GetOutput": {"type": "structure"},
        "ns#NotFound": {"type": "structure", "traits": {"smithy.api#error": "client", "smithy.api#httpError": 404}},
        "ns#Broken": {"type": "structure", "traits": {"smithy.api#error": "server"}},
    }));
    let ShapeKind::Operation(get_op) = &get(&model, "ns#Get").kind else {
        panic!("not an operation")
    };
    assert_eq!(get_op.input, Some(id("ns#GetInput")));
    assert_eq!(get_op.output, Some(id("ns#GetOutput")));
    assert_eq!(get_op.errors, [id("ns#NotFound"), id("ns#Broken")]);
    let ShapeKind::Operation(ping) = &get(&model, "ns#Ping").kind else {
        panic!("not an operation")
    };
    assert_eq!(
        (ping.input.as_ref(), ping.output.as_ref(), ping.errors.len()),
        (None, None, 0)
    );
}

/// A service with every binding, and resources with every binding, nested.
fn service_model() -> crate::model::Model {
    let op = json!({"type": "operation"});
    load(json!({
        "ns#Shop": {"type": "service", "version": "2024-01-01",
            "operations": [{"target": "ns#Ping"}],
            "resources": [{"target": "ns#Store"}],
            "errors": [{"target": "ns#Throttled"}],
            "rename": {"other.ns#Widget": "OtherWidget"}},
        "ns#Throttled": {"type": "structure", "traits": {"smithy.api#error": "server", "smithy.api#retryable": {"throttling": true}}},
        "ns#Ping": op,
        "ns#Store": {"type": "resource",
            "identifiers": {"storeId": {"target": "ns#StoreId"}},
            "properties": {"name": {"target": "smithy.api#String"}},
            "create": {"target": "ns#CreateStore"},
            "put": {"target": "ns#PutStore"},
            "read": {"target": "ns#GetStore"},
            "update": {"target": "ns#UpdateStore"},
            "delete": {"target": "ns#DeleteStore"},
            "list": {"target": "ns#ListStores"},
            "operations": [{"target": "ns#OpenStore"}],
            "collectionOperations": [{"target": "ns#CountStores"}],
            "resources": [{"target": "ns#Shelf"}]},
        "ns#Shelf": {"type": "resource",
            "identifiers": {"storeId": {"target": "ns#StoreId"}, "shelfId": {"target": "smithy.api#String"}},
            "read": {"target": "ns#GetShelf"}},
        "ns#StoreId": {"type": "string"},
        "other.ns#Widget": {"type": "string"},
        "ns#CreateStore": op, "ns#PutStore": op, "ns#GetStore": op, "ns#UpdateStore": op,
        "ns#DeleteStore": op, "ns#ListStores": op, "ns#OpenStore": op, "ns#CountStores": op, "ns#GetShelf": op,
    }))
}

#[test]
fn service_bindings_and_rename() {
    let model = service_model();
    let (shape, service) = model.services().next().unwrap();
    assert_eq!(shape.id, id("ns#Shop"));
    assert_eq!(service.version.as_deref(), Some("2024-01-01"));
    assert_eq!(service.operations, [id("ns#Ping")]);
    assert_eq!(service.resources, [id("ns#Store")]);
    assert_eq!(service.errors, [id("ns#Throttled")]);
    assert_eq!(
        service.rename,
        [(id("other.ns#Widget"), "OtherWidget".to_owned())]
    );
    assert_eq!(
        model.shape(&id("ns#Throttled")).unwrap().traits.retryable(),
        Some(true)
    );
}

#[test]
fn resource_bindings_and_nesting() {
    let model = service_model();
    let ShapeKind::Resource(store) = &get(&model, "ns#Store").kind else {
        panic!("not a resource")
    };
    assert_eq!(
        store.identifiers,
        [("storeId".to_owned(), id("ns#StoreId"))]
    );
    assert_eq!(
        store.properties,
        [("name".to_owned(), id("smithy.api#String"))]
    );
    let lifecycle = [
        &store.create,
        &store.put,
        &store.read,
        &store.update,
        &store.delete,
        &store.list,
    ];
    let names: Vec<&str> = lifecycle
        .iter()
        .map(|op| op.as_ref().unwrap().name())
        .collect();
    assert_eq!(
        names,
        [
            "CreateStore",
            "PutStore",
            "GetStore",
            "UpdateStore",
            "DeleteStore",
            "ListStores"
        ]
    );
    assert_eq!(store.operations, [id("ns#OpenStore")]);
    assert_eq!(store.collection_operations, [id("ns#CountStores")]);
    assert_eq!(store.resources, [id("ns#Shelf")]);
    let all: Vec<&str> = store.all_operations().map(|op| op.name()).collect();
    assert_eq!(all, [&names[..], &["OpenStore", "CountStores"]].concat());
    let ShapeKind::Resource(shelf) = &get(&model, "ns#Shelf").kind else {
        panic!("not a resource")
    };
    assert_eq!(shelf.identifiers.len(), 2);
    assert_eq!(shelf.read, Some(id("ns#GetShelf")));
}

#[test]
fn recursion_through_a_structure_or_union_is_fine() {
    // The recursive shapes the specification allows: through an optional
    // member, through a list or map of structures, through a union that
    // has another way out.
    let model = load(json!({
        "ns#Node": {"type": "structure", "members": {
            "next": {"target": "ns#Node"},
            "children": {"target": "ns#Nodes"},
            "byName": {"target": "ns#NodeMap", "traits": {"smithy.api#required": {}}},
        }},
        "ns#Nodes": {"type": "list", "member": {"target": "ns#Node"}},
        "ns#NodeMap": {"type": "map", "key": {"target": "smithy.api#String"}, "value": {"target": "ns#Nodes"}},
        "ns#Expr": {"type": "union", "members": {
            "not": {"target": "ns#Expr"},
            "literal": {"target": "smithy.api#Boolean"},
        }},
        "ns#Pair": {"type": "structure", "members": {
            "left": {"target": "ns#Expr", "traits": {"smithy.api#required": {}}},
        }},
    }));
    assert_eq!(
        get(&model, "ns#Node").member("next").unwrap().target,
        id("ns#Node")
    );
}
