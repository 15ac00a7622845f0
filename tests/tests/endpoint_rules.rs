//! The endpoint test cases (`smithy.rules#endpointTests`) of every model in
//! `../shared/models/`: each model becomes a whole-service crate in a scratch
//! workspace, whose `endpoint::tests` are those cases, and every one passes.

use codegen::model::Model;
use codegen::rules::Partitions;
use codegen::select::Selection;
use codegen::Settings;
use serde_json::Value;

/// (model file, scratch package, endpoint test cases the model has)
const MODELS: &[(&str, &str, usize)] = &[
    (
        "cognito-identity-provider.json",
        "cognito-identity-provider",
        57,
    ),
    ("cognito-identity.json", "cognito-identity", 35),
    ("dynamodb.json", "dynamodb", 370),
    ("sqs.json", "sqs", 48),
];

#[test]
fn every_endpoint_test_case_of_the_shared_models_passes() {
    let Some(shared) = tests::shared_dir() else {
        return;
    };
    let partitions = Partitions::load(&shared.join("endpoints/partitions.json"))
        .unwrap_or_else(|e| panic!("{e}"));
    let dir = tests::scratch_dir("endpoint-rules");
    for (file, package, cases) in MODELS {
        let model =
            Model::load(&shared.join("models").join(file)).unwrap_or_else(|e| panic!("{e}"));
        // The model's own count, so a reader or planner bug that drops cases cannot pass.
        assert_eq!(
            endpoint_cases(&model),
            *cases,
            "{file}: endpoint test cases in the model"
        );
        let settings = Settings {
            package: Some(package.to_string()),
            version: "0.1.0".into(),
            service: None,
            selection: Selection::Service,
            skipped_protocol_tests: Default::default(),
            partitions: Some(partitions.clone()),
        };
        let krate = codegen::generate(&model, &settings).unwrap_or_else(|e| panic!("{file}: {e}"));
        tests::write_crate(&dir.join(package), &krate.files);
    }
    let packages: Vec<&str> = MODELS.iter().map(|m| m.1).collect();
    tests::write_scratch_workspace(&dir, &packages);
    let output = tests::scratch_cargo(&dir)
        .args([
            "test",
            "--workspace",
            "--lib",
            "--no-fail-fast",
            "--",
            "endpoint::tests::",
        ])
        .output()
        .expect("cargo runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let results = tests::results_by_crate(&stdout, &stderr);
    for (file, package, cases) in MODELS {
        let library = package.replace('-', "_");
        let (passed, failed, ignored) = results
            .get(&library)
            .copied()
            .unwrap_or_else(|| panic!("no test results for {package}:\n{stderr}\n{stdout}"));
        assert_eq!(
            (failed, ignored),
            (0, 0),
            "{package}: failing endpoint cases:\n{stdout}"
        );
        assert_eq!(
            passed, *cases,
            "{file}: every endpoint test case runs and passes"
        );
        println!("{file}: {passed} of {cases} endpoint test cases pass");
    }
    assert!(output.status.success(), "{stderr}");
}

fn endpoint_cases(model: &Model) -> usize {
    model
        .services()
        .filter_map(|(shape, _)| shape.traits.get("smithy.rules#endpointTests"))
        .filter_map(|tests| tests.get("testCases").and_then(Value::as_array))
        .map(Vec::len)
        .sum()
}
