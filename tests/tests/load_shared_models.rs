//! Every real model and protocol-test model in `../shared` loads.

use codegen::model::{Model, ShapeKind};

#[test]
fn every_shared_model_loads() {
    let Some(shared) = tests::shared_dir() else {
        return;
    };
    let files = [
        ("models/cognito-identity-provider.json", 713),
        ("models/cognito-identity.json", 135),
        ("models/dynamodb.json", 548),
        ("models/sqs.json", 138),
        ("protocol-tests/aws-json-1-1-protocol-tests.json", 128),
        ("protocol-tests/aws-json-1-0-protocol-tests.json", 110),
    ];
    for (file, expected_shapes) in files {
        let model = Model::load(&shared.join(file)).unwrap_or_else(|e| panic!("{e}"));
        let own = model.shapes().filter(|s| !s.id.is_prelude()).count();
        assert_eq!(own, expected_shapes, "{file}");
        assert!(model.services().count() >= 1, "{file} has a service");
    }
}

#[test]
fn cognito_operation_shapes_are_typed() {
    let Some(path) = tests::shared_file("models/cognito-identity-provider.json") else {
        return;
    };
    let model = Model::load(&path).unwrap();
    let op = model.find("AdminInitiateAuth").expect("operation exists");
    let ShapeKind::Operation(op) = &op.kind else {
        panic!("not an operation")
    };
    assert_eq!(op.errors.len(), 17);
    let input = model.expect(op.input.as_ref().unwrap());
    let names: Vec<&str> = input
        .kind
        .members()
        .iter()
        .map(|m| m.name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "UserPoolId",
            "ClientId",
            "AuthFlow",
            "AuthParameters",
            "ClientMetadata",
            "AnalyticsMetadata",
            "ContextData",
            "Session"
        ]
    );
}
