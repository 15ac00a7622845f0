//! What a generated crate depends on follows what its model uses, and the
//! client's stack stays behind the `client` feature: read from the
//! generated `Cargo.toml` of several models, and for the committed crate
//! from the dependency graph cargo resolves without default features.

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

use codegen::model::Model;
use codegen::rules::Partitions;
use codegen::Settings;

/// What the sans-IO layer may depend on without the `client` feature.
const ALWAYS: &[&str] = &["base64", "http", "serde", "serde_json", "time"];
/// Present only when the model needs them.
const BY_MODEL: &[&str] = &["regex-lite", "regex", "fancy-regex", "flate2", "uuid"];
/// What a service's customizations add (Cognito's SECRET_HASH and SRP
/// arithmetic): computation only, no I/O.
const CUSTOM: &[&str] = &["hmac", "sha2", "hkdf", "num-bigint", "rand", "zeroize"];
/// HTTP, TLS, async runtime, signing: none may be built without `client`.
const CLIENT_STACK: &[&str] = &[
    "aws-credential-types",
    "aws-sigv4",
    "aws-types",
    "hex",
    "futures-core",
    "futures-util",
    "http-body-util",
    "hyper",
    "hyper-rustls",
    "hyper-util",
    "ring",
    "rustls",
    "rustls-native-certs",
    "tokio",
    "tower-service",
    "tracing",
    "webpki-roots",
];

/// A `[dependencies]` entry: its name and whether it is optional.
fn dependencies(manifest: &str) -> BTreeMap<String, bool> {
    let section = manifest
        .split("\n[dependencies]\n")
        .nth(1)
        .expect("a [dependencies] table");
    section
        .lines()
        .take_while(|line| !line.starts_with('['))
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| {
            let (name, spec) = line.split_once(" = ")?;
            Some((name.trim().to_owned(), spec.contains("optional = true")))
        })
        .collect()
}

/// The `dep:` names turned on by any feature; a feature that turns on a
/// crate of the client's stack without implying `client` is reported.
fn feature_dependencies(manifest: &str) -> BTreeSet<String> {
    let section = manifest
        .split("\n[features]\n")
        .nth(1)
        .expect("a [features] table");
    let section = &section[..section.find("\n[").unwrap_or(section.len())];
    let mut deps = BTreeSet::new();
    // Features span lines: `name = [` ... `]`.
    for feature in section.split(']') {
        let Some((name, list)) = feature.split_once('[') else {
            continue;
        };
        let name = name
            .lines()
            .last()
            .unwrap_or_default()
            .trim_end_matches([' ', '='])
            .trim();
        let items: Vec<&str> = list.split('"').skip(1).step_by(2).collect();
        let named: Vec<String> = items
            .iter()
            .filter_map(|i| i.strip_prefix("dep:"))
            .map(str::to_owned)
            .collect();
        if named.iter().any(|n| CLIENT_STACK.contains(&n.as_str())) {
            assert!(
                name == "client" || items.contains(&"client"),
                "feature {name} turns on {named:?} without `client`"
            );
        }
        deps.extend(named);
    }
    deps
}

/// The model file's text says whether a trait appears anywhere in it.
fn uses_trait(texts: &[String], name: &str) -> bool {
    texts.iter().any(|t| t.contains(&format!("\"{name}\"")))
}

fn check(label: &str, texts: &[String], model: &Model, service: &str, partitions: &Partitions) {
    let label = format!("{label} ({service})");
    let label = label.as_str();
    let settings = Settings {
        package: Some("x".into()),
        service: Some(service.to_owned()),
        partitions: Some(partitions.clone()),
        ..Settings::default()
    };
    let krate = codegen::generate(model, &settings).unwrap_or_else(|e| panic!("{label}: {e}"));
    let manifest = &krate.files["Cargo.toml"];
    let deps = dependencies(manifest);
    let client = feature_dependencies(manifest);
    for (name, optional) in &deps {
        if *optional {
            assert!(
                client.contains(name),
                "{label}: optional {name} is turned on by no feature"
            );
            assert!(
                CLIENT_STACK.contains(&name.as_str()) || CUSTOM.contains(&name.as_str()),
                "{label}: {name} is optional but neither the client's nor a customization's"
            );
        } else {
            assert!(
                ALWAYS.contains(&name.as_str())
                    || BY_MODEL.contains(&name.as_str())
                    || CUSTOM.contains(&name.as_str()),
                "{label}: {name} is always built, without the client"
            );
        }
    }
    for name in CLIENT_STACK {
        assert_ne!(
            deps.get(*name),
            Some(&false),
            "{label}: {name} must be optional"
        );
    }
    let has = |name: &str| deps.contains_key(name);
    if !uses_trait(texts, "smithy.api#pattern") {
        assert!(
            !has("regex") && !has("fancy-regex"),
            "{label}: no @pattern, yet a regex engine"
        );
        if !uses_trait(texts, "smithy.rules#endpointRuleSet") {
            assert!(
                !has("regex-lite"),
                "{label}: nothing to match, yet regex-lite"
            );
        }
    }
    if !uses_trait(texts, "smithy.api#requestCompression") {
        assert!(
            !has("flate2"),
            "{label}: no @requestCompression, yet flate2"
        );
    }
    if !uses_trait(texts, "smithy.api#idempotencyToken") {
        assert!(!has("uuid"), "{label}: no @idempotencyToken, yet uuid");
    }
    // The other way round: what the crate's sources use is declared.
    let sources: String = krate
        .files
        .iter()
        .filter(|(path, _)| path.ends_with(".rs"))
        .map(|(_, text)| text.as_str())
        .collect();
    for (name, path) in [
        ("regex-lite", "regex_lite::"),
        ("regex", "regex::"),
        ("fancy-regex", "fancy_regex::"),
        ("flate2", "flate2::"),
        ("uuid", "uuid::"),
    ] {
        let used = sources.contains(path)
            && sources
                .match_indices(path)
                .any(|(at, _)| !sources[..at].ends_with('_'));
        assert_eq!(
            has(name),
            used,
            "{label}: {name} declared {} but used {used}",
            has(name)
        );
    }
}

#[test]
fn dependencies_follow_the_model_and_the_client_feature() {
    let Some(partitions) = tests::shared_file("endpoints/partitions.json") else {
        return;
    };
    let partitions = Partitions::load(&partitions).unwrap();
    let root = tests::workspace_root();
    let mut files: Vec<std::path::PathBuf> = ["tricky_names", "shape_kinds", "constraints"]
        .iter()
        .map(|name| root.join("tests/fixtures").join(format!("{name}.json")))
        .collect();
    files.push(root.join("model/cognito-identity-provider.json"));
    // Whole services: SQS has no patterns; Cognito's need Unicode classes.
    for name in ["sqs", "cognito-identity-provider"] {
        files.extend(tests::shared_file(&format!("models/{name}.json")));
    }
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let model = Model::load(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let label = path.file_name().unwrap().to_string_lossy().into_owned();
        let services = model
            .shapes()
            .filter(|s| matches!(s.kind, codegen::model::ShapeKind::Service(_)))
            .map(|s| s.id.name().to_owned());
        for service in services {
            check(
                &label,
                std::slice::from_ref(&text),
                &model,
                &service,
                &partitions,
            );
        }
    }
}

/// Resolved by cargo, transitively: the committed crate without its default
/// features builds nothing of the client's stack.
#[test]
fn the_sans_io_crate_builds_no_client_stack() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .current_dir(tests::workspace_root())
        .args([
            "tree",
            "--offline",
            "-p",
            "cognito-identity-provider",
            "--no-default-features",
            "-e",
            "normal,build",
            "--prefix",
            "none",
        ])
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let packages: BTreeSet<String> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|l| l.split_whitespace().next().map(str::to_owned))
        .collect();
    assert!(packages.contains("serde_json"), "{packages:?}");
    for name in CLIENT_STACK {
        assert!(
            !packages.contains(*name),
            "{name} is built without the client: {packages:?}"
        );
    }
    // model/'s patterns are all ASCII-class ones: regex-lite alone matches them.
    for name in ["regex", "fancy-regex", "serde_with", "darling"] {
        assert!(!packages.contains(name), "{name} is built: {packages:?}");
    }
}
