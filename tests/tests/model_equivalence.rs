//! `model/` is the upstream Cognito model's closure of AdminInitiateAuth and
//! AdminRespondToAuthChallenge with
//! documentation in our own words: once every documentation string is set
//! aside, each shape must equal upstream's, apart from the deliberate
//! `OperationNotEnabledException` (see model/README.md).

use std::collections::BTreeSet;

use codegen::model::traits::{ids, Fault};
use codegen::model::{Model, Shape, ShapeId, ShapeKind};
use codegen::select::{select, Closure, Selection};
use serde_json::Value;

const ADDED_ERROR: &str = "OperationNotEnabledException";

fn closure(model: &Model) -> Closure {
    select(
        model,
        None,
        &Selection::Operations(vec![
            "AdminInitiateAuth".into(),
            "AdminRespondToAuthChallenge".into(),
        ]),
    )
    .unwrap()
}

/// `shape` with its documentation set aside: the documentation trait on
/// the shape and its members, and the `documentation` fields inside the
/// endpoint rule set and endpoint tests.
fn without_docs(shape: &Shape) -> Shape {
    let mut shape = shape.clone();
    shape.traits.remove(ids::DOCUMENTATION);
    for member in shape.kind.members_mut() {
        member.traits.remove(ids::DOCUMENTATION);
    }
    for rules in [ids::ENDPOINT_RULE_SET, ids::ENDPOINT_TESTS] {
        if let Some(mut value) = shape.traits.remove(rules) {
            strip_documentation_fields(&mut value);
            shape.traits.insert(rules, value);
        }
    }
    shape
}

fn strip_documentation_fields(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.shift_remove("documentation");
            map.values_mut().for_each(strip_documentation_fields);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_documentation_fields),
        _ => {}
    }
}

/// The first place where two pretty-printed shapes differ, with context.
fn first_difference(ours: &Shape, upstream: &Shape) -> String {
    let (a, b) = (format!("{ours:#?}"), format!("{upstream:#?}"));
    let line = a
        .lines()
        .zip(b.lines())
        .position(|(x, y)| x != y)
        .unwrap_or(a.lines().count().min(b.lines().count()));
    let around = |text: &str| {
        text.lines()
            .skip(line.saturating_sub(3))
            .take(6)
            .collect::<Vec<_>>()
            .join("\n")
    };
    format!("model/:\n{}\nupstream:\n{}", around(&a), around(&b))
}

#[test]
fn model_equals_the_upstream_closure_apart_from_documentation() {
    let Some(upstream_path) = tests::shared_file("models/cognito-identity-provider.json") else {
        return;
    };
    let ours = tests::project_model();
    let upstream = Model::load(&upstream_path).unwrap();
    let (our_closure, upstream_closure) = (closure(&ours), closure(&upstream));

    // The same shapes, plus the added error.
    let added: BTreeSet<&ShapeId> = our_closure
        .shapes
        .difference(&upstream_closure.shapes)
        .collect();
    let names: Vec<&str> = added.iter().map(|id| id.name()).collect();
    assert_eq!(names, [ADDED_ERROR], "shapes only in model/");
    let missing: Vec<String> = upstream_closure
        .shapes
        .difference(&our_closure.shapes)
        .map(|id| id.to_string())
        .collect();
    assert!(
        missing.is_empty(),
        "upstream shapes missing from model/: {missing:?}"
    );
    assert_eq!(our_closure.service, upstream_closure.service);
    assert_eq!(our_closure.operations, upstream_closure.operations);

    let mut differences = Vec::new();
    for id in &upstream_closure.shapes {
        let mut mine = without_docs(ours.expect(id));
        let mut theirs = without_docs(upstream.expect(id));
        match (&mut mine.kind, &mut theirs.kind) {
            // Upstream's service binds every Cognito operation; ours binds
            // only the selected ones.
            (ShapeKind::Service(_), ShapeKind::Service(service)) => {
                service
                    .operations
                    .retain(|op| upstream_closure.operations.contains(op));
            }
            // Ours lists one error more on AdminInitiateAuth: everything
            // else, order included, matches.
            (ShapeKind::Operation(op), ShapeKind::Operation(upstream_op))
                if id.name() == "AdminInitiateAuth" =>
            {
                assert_eq!(
                    (op.errors.len(), upstream_op.errors.len()),
                    (18, 17),
                    "{id}: error counts"
                );
                op.errors.retain(|e| e.name() != ADDED_ERROR);
            }
            _ => {}
        }
        if mine != theirs {
            differences.push(format!(
                "{id} differs:\n{}",
                first_difference(&mine, &theirs)
            ));
        }
    }
    assert!(
        differences.is_empty(),
        "{} shapes differ\n\n{}",
        differences.len(),
        differences.join("\n\n")
    );
}

#[test]
fn the_added_error_is_a_client_error_with_a_message() {
    let ours = tests::project_model();
    let error = ours.find(ADDED_ERROR).expect("model/ defines it");
    assert!(matches!(error.kind, ShapeKind::Structure(_)));
    assert_eq!(error.traits.get(ids::ERROR), Some(&Value::from("client")));
    assert_eq!(error.traits.fault(), Some(Fault::Client));
    assert_eq!(error.traits.http_error(), Some(400));
    let message = error.member("message").expect("a message member");
    assert_eq!(message.target.name(), "MessageType");
    let op = ours.find("AdminInitiateAuth").unwrap();
    let ShapeKind::Operation(op) = &op.kind else {
        panic!("not an operation")
    };
    assert!(op.errors.contains(&error.id), "the operation lists it");
}
