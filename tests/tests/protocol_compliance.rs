//! The Smithy AWS JSON protocol compliance suites: the generator emits each
//! test service of `../shared/protocol-tests/` as a crate whose tests are the
//! suite's cases, and every client case must pass.

use std::collections::BTreeMap;

use codegen::model::Model;
use codegen::select::Selection;
use codegen::Settings;
use serde_json::Value;

/// Cases left out, with the reason for each. Kept empty: every client case passes.
const SKIPPED: &[(&str, &str)] = &[];

/// (model file, service, scratch crate name)
const SERVICES: &[(&str, &str, &str)] = &[
    ("aws-json-1-1-protocol-tests.json", "JsonProtocol", "json11"),
    (
        "aws-json-1-1-protocol-tests.json",
        "AmazonML_20141212",
        "machine_learning",
    ),
    ("aws-json-1-0-protocol-tests.json", "JsonRpc10", "json10"),
    (
        "aws-json-1-0-protocol-tests.json",
        "QueryCompatibleJsonRpc10",
        "query_compatible10",
    ),
];

#[test]
fn every_client_case_passes() {
    let Some(shared) = tests::shared_dir() else {
        return;
    };
    let dir = tests::scratch_dir("protocol-compliance");
    let skips: BTreeMap<String, String> = SKIPPED
        .iter()
        .map(|(id, why)| (id.to_string(), why.to_string()))
        .collect();
    let mut expected = BTreeMap::new();
    for (file, service, name) in SERVICES {
        let model = Model::load(&shared.join("protocol-tests").join(file)).unwrap();
        let settings = Settings {
            package: Some(name.to_string()),
            version: "0.1.0".into(),
            service: Some(service.to_string()),
            selection: Selection::Service,
            skipped_protocol_tests: skips.clone(),
            strict: false,
            partitions: None,
        };
        let krate =
            codegen::generate(&model, &settings).unwrap_or_else(|e| panic!("{service}: {e}"));
        tests::write_crate(&dir.join(name), &krate.files);
        expected.insert(name.to_string(), client_cases(&model, service));
    }
    // The suites' own totals, so a loader or selection bug that drops cases cannot pass.
    assert_eq!(
        expected["json11"] + expected["machine_learning"],
        119,
        "awsJson1_1 client cases"
    );
    assert_eq!(
        expected["json10"] + expected["query_compatible10"],
        70,
        "awsJson1_0 client cases"
    );

    let names: Vec<&str> = SERVICES.iter().map(|s| s.2).collect();
    tests::write_scratch_workspace(&dir, &names);
    let output = tests::scratch_cargo(&dir)
        .args([
            "test",
            "--workspace",
            "--no-fail-fast",
            "--",
            "protocol_tests::",
        ])
        .output()
        .expect("cargo runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let results = tests::results_by_crate(&stdout, &stderr);
    for (name, cases) in &expected {
        let (passed, failed, ignored) = results
            .get(name)
            .copied()
            .unwrap_or_else(|| panic!("no test results for {name}:\n{stderr}\n{stdout}"));
        assert_eq!(failed, 0, "{name}: failing cases:\n{stdout}");
        assert_eq!(passed + ignored, *cases, "{name}: every client case runs");
        assert!(
            ignored <= skips.len(),
            "{name}: only listed cases are skipped"
        );
        println!("{name}: {passed} of {cases} client cases pass ({ignored} skipped)");
    }
    assert!(output.status.success(), "{stderr}");
}

/// Client-side cases of `service`: on its operations and on the errors they return.
fn client_cases(model: &Model, service: &str) -> usize {
    let closure = codegen::select::select(model, Some(service), &Selection::Service).unwrap();
    let protocol = model
        .expect(&closure.service)
        .traits
        .iter()
        .map(|(k, _)| k.clone())
        .find(|k| k.starts_with("aws.protocols#awsJson"))
        .unwrap();
    closure
        .shapes
        .iter()
        .map(|id| model.expect(id))
        .flat_map(|shape| {
            [
                "smithy.test#httpRequestTests",
                "smithy.test#httpResponseTests",
            ]
            .into_iter()
            .filter_map(|t| shape.traits.get(t).and_then(Value::as_array))
            .flatten()
        })
        .filter(|case| {
            case.get("appliesTo")
                .and_then(Value::as_str)
                .is_none_or(|a| a == "client")
        })
        .filter(|case| case.get("protocol").and_then(Value::as_str) == Some(protocol.as_str()))
        .count()
}
