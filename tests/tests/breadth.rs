//! Breadth: every public awsJson model in `../shared/models/` and
//! `../shared/models/awsjson/` (143 services) generates as a whole service,
//! in this process. Then a sample of them (the four of `../shared/models/`
//! and one model per class of trouble seen outside them, see [`COMPILED`])
//! and every fixture model in `tests/fixtures/` generate into one scratch
//! workspace, which must pass `cargo clippy --all-targets -D warnings` (with
//! `missing_docs`) and `cargo doc` with `RUSTDOCFLAGS=-D warnings`, each in
//! one cargo run to keep CI time down. Then, in the same workspace, every
//! endpoint test case of those models (`smithy.rules#endpointTests`,
//! emitted as the crates' `endpoint::tests`) and the fixtures' behaviour tests.
//! Models the generator must refuse are checked for a clear message.
//! (`cargo xtask breadth` compiles all 143; it takes hours.)

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;

use codegen::model::Model;
use codegen::rules::Partitions;
use codegen::select::Selection;
use codegen::{GeneratedCrate, Settings};

/// How many public models `../shared/models/` and its `awsjson/` hold.
const PUBLIC_MODELS: usize = 143;

/// The upstream models the scratch workspace compiles (path below
/// `../shared/models/`), the endpoint test cases each one carries, and why
/// it is in the sample. No public awsJson model has an event stream: the
/// fixture `breadth_classes.json` stands in for that class.
const COMPILED: &[(&str, usize, &str)] = &[
    (
        "cognito-identity-provider.json",
        57,
        "the service the project was built for, whole",
    ),
    ("cognito-identity.json", 35, "awsJson1_1, unsigned operations"),
    (
        "dynamodb.json",
        370,
        "awsJson1_0; endpoint rules with account-based endpoints",
    ),
    ("sqs.json", 48, "awsJson1_0 with awsQueryCompatible"),
    (
        "awsjson/backup-gateway.json",
        42,
        "the smallest with `@paginated` on the service, whose inputToken, outputToken and pageSize its operations inherit",
    ),
    (
        "awsjson/shield.json",
        23,
        "a structure named `Unit` in the service's namespace; paginators without items; a boxed error",
    ),
    (
        "awsjson/servicediscovery.json",
        47,
        "a constant hostPrefix (`data-`); only paginators without items; boxed errors",
    ),
    (
        "awsjson/codebuild.json",
        48,
        "members named `build` (RetryBuildOutput, StartBuildOutput, StopBuildOutput): `build_value` setters",
    ),
    (
        "awsjson/sagemaker.json",
        47,
        "the largest model by shape count (3,338 shapes); union variants boxed by size",
    ),
];

/// Fixture models that generate, and the package each becomes.
const FIXTURES: &[(&str, &str)] = &[
    ("tricky_names.json", "tricky-names"),
    ("shape_kinds.json", "shape-kinds"),
    ("constraints.json", "constraints"),
    ("breadth_classes.json", "breadth-classes"),
];

/// The crate of behaviour tests over the fixture crates (sources in
/// `tests/fixtures/behaviour/`).
const BEHAVIOUR: &str = "fixture-behaviour";

fn settings(package: Option<&str>, service: Option<&str>) -> Settings {
    Settings {
        package: package.map(str::to_owned),
        service: service.map(str::to_owned),
        ..Settings::default()
    }
}

fn fixture(name: &str) -> std::path::PathBuf {
    tests::workspace_root().join("tests/fixtures").join(name)
}

/// Every public model generates as a whole service: a refusal or a panic
/// (caught per model) fails the test, which reports every failing model
/// file with its message at once.
#[test]
fn every_public_model_generates() {
    let Some(shared) = tests::shared_dir() else {
        return;
    };
    let partitions = Partitions::load(&shared.join("endpoints/partitions.json"))
        .unwrap_or_else(|e| panic!("{e}"));
    let mut models = tests::json_files(&shared.join("models"));
    models.extend(tests::json_files(&shared.join("models/awsjson")));
    assert_eq!(models.len(), PUBLIC_MODELS, "the public models on disk");
    let started = Instant::now();
    let next = AtomicUsize::new(0);
    let failures = Mutex::new(Vec::new());
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                while let Some(path) = models.get(next.fetch_add(1, Ordering::Relaxed)) {
                    if let Err(message) = generate_in_process(path, &partitions) {
                        let failure = format!("{}: {message}", path.display());
                        failures.lock().unwrap().push(failure);
                    }
                }
            });
        }
    });
    let mut failures = failures.into_inner().unwrap();
    failures.sort();
    println!(
        "generated {} of {} public models in {:.1} s ({threads} threads)",
        models.len() - failures.len(),
        models.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(
        failures.is_empty(),
        "{} of {} public models do not generate:\n{}",
        failures.len(),
        models.len(),
        failures.join("\n")
    );
}

/// Loads and generates one model as a whole service; an error or a panic
/// becomes the message.
fn generate_in_process(path: &Path, partitions: &Partitions) -> Result<(), String> {
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        let model = Model::load(path).map_err(|e| e.to_string())?;
        let settings = Settings {
            partitions: Some(partitions.clone()),
            ..settings(None, None)
        };
        codegen::generate(&model, &settings)
            .map(drop)
            .map_err(|e| e.to_string())
    }));
    outcome.unwrap_or_else(|panic| {
        let text = panic
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| panic.downcast_ref::<&str>().copied())
            .unwrap_or("(no message)");
        Err(format!("the generator panicked: {text}"))
    })
}

#[test]
fn every_model_generates_and_builds_warning_free() {
    let started = Instant::now();
    let dir = tests::scratch_dir("breadth");
    let mut members: Vec<String> = Vec::new();
    let mut generate = |label: &str, model: &Model, settings: &Settings| {
        let t = Instant::now();
        let krate = codegen::generate(model, settings).unwrap_or_else(|e| panic!("{label}: {e}"));
        report(label, &krate, t.elapsed().as_millis());
        tests::write_crate(&dir.join(&krate.package), &krate.files);
        members.push(krate.package.clone());
        krate.package
    };
    // (model file, library name, endpoint test cases)
    let mut upstream: Vec<(&str, String, usize)> = Vec::new();
    if let Some(shared) = tests::shared_dir() {
        let partitions = Partitions::load(&shared.join("endpoints/partitions.json"))
            .unwrap_or_else(|e| panic!("{e}"));
        for &(file, cases, _why) in COMPILED {
            let path: PathBuf = shared.join("models").join(file);
            let model = Model::load(&path).unwrap_or_else(|e| panic!("{e}"));
            // The model's own count, so a reader or planner bug that drops cases cannot pass.
            assert_eq!(
                tests::endpoint_cases(&model),
                cases,
                "{file}: endpoint test cases in the model"
            );
            let settings = Settings {
                partitions: Some(partitions.clone()),
                ..settings(None, None)
            };
            let package = generate(file, &model, &settings);
            upstream.push((file, package.replace('-', "_"), cases));
        }
    }
    for (file, package) in FIXTURES {
        let model = Model::load(&fixture(file)).unwrap_or_else(|e| panic!("{e}"));
        generate(file, &model, &settings(Some(package), None));
    }
    write_behaviour_crate(&dir.join(BEHAVIOUR));
    members.push(BEHAVIOUR.to_owned());
    let members: Vec<&str> = members.iter().map(String::as_str).collect();
    tests::write_scratch_workspace(&dir, &members);
    println!(
        "generated {} crates in {:.1} s",
        members.len() - 1,
        started.elapsed().as_secs_f64()
    );

    run(
        "clippy",
        // `missing_docs` too: every public item carries documentation, the
        // model's or a generated line.
        tests::scratch_cargo(&dir).args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
            "-W",
            "missing_docs",
        ]),
    );
    run(
        "rustdoc",
        tests::scratch_cargo(&dir)
            .env("RUSTDOCFLAGS", "-D warnings")
            .args(["doc", "--workspace", "--no-deps"]),
    );
    if !upstream.is_empty() {
        endpoint_test_cases_pass(&dir, &upstream);
    }
    run(
        "fixture behaviour tests",
        tests::scratch_cargo(&dir).args(["test", "-p", BEHAVIOUR]),
    );
    println!("breadth: {:.0} s in all", started.elapsed().as_secs_f64());
}

/// Runs the upstream crates' `endpoint::tests` and checks that each crate
/// ran exactly its model's cases, all passing.
fn endpoint_test_cases_pass(dir: &Path, upstream: &[(&str, String, usize)]) {
    let t = Instant::now();
    let mut command = tests::scratch_cargo(dir);
    command.args(["test", "--lib", "--no-fail-fast"]);
    for (_, library, _) in upstream {
        command.args(["-p", &library.replace('_', "-")]);
    }
    let output = command
        // The client's own `client::endpoint::tests` are not rule cases.
        .args(["--", "endpoint::tests::", "--skip", "client::endpoint::"])
        .output()
        .expect("cargo runs");
    println!("endpoint tests: {:.0} s", t.elapsed().as_secs_f64());
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let results = tests::results_by_crate(&stdout, &stderr);
    for (file, library, cases) in upstream {
        let (passed, failed, ignored) = results
            .get(library)
            .copied()
            .unwrap_or_else(|| panic!("no test results for {library}:\n{stderr}\n{stdout}"));
        assert_eq!(
            (failed, ignored),
            (0, 0),
            "{library}: failing endpoint cases:\n{stdout}"
        );
        assert_eq!(
            passed, *cases,
            "{file}: every endpoint test case runs and passes"
        );
        println!("{file}: {passed} of {cases} endpoint test cases pass");
    }
    assert!(output.status.success(), "{stderr}");
}

fn report(label: &str, krate: &GeneratedCrate, millis: u128) {
    println!(
        "{label}: {} operations, {} shapes, {} files ({} lines of Rust) in {millis} ms",
        krate.operation_count,
        krate.shape_count,
        krate.files.len(),
        krate
            .files
            .iter()
            .filter(|(path, _)| path.ends_with(".rs"))
            .map(|(_, text)| text.lines().count())
            .sum::<usize>(),
    );
}

/// Runs one cargo command on the scratch workspace, failing with its output.
fn run(what: &str, command: &mut Command) {
    let t = Instant::now();
    let output = command.output().expect("cargo runs");
    println!("{what}: {:.0} s", t.elapsed().as_secs_f64());
    assert!(
        output.status.success(),
        "{what} failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stderr),
        String::from_utf8_lossy(&output.stdout)
    );
}

/// The behaviour tests' crate: its sources from `tests/fixtures/behaviour/`
/// and a manifest depending on the fixture crates beside it.
fn write_behaviour_crate(dir: &Path) {
    let sources = tests::workspace_root().join("tests/fixtures/behaviour");
    std::fs::create_dir_all(dir.join("src")).unwrap();
    for entry in std::fs::read_dir(&sources).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join("src").join(path.file_name().unwrap())).unwrap();
    }
    let fixtures: String = FIXTURES
        .iter()
        .map(|(_, package)| format!("{package} = {{ path = \"../{package}\" }}\n"))
        .collect();
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"{BEHAVIOUR}\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n\
             [dependencies]\n{fixtures}http = \"1\"\nserde_json = \"1\"\nuuid = \"1\"\n"
        ),
    )
    .unwrap();
}

/// Members or shapes whose Rust names coincide are refused, naming them:
/// renaming a member would silently change the API, and the service's
/// `rename` can fix shapes (and only shapes).
#[test]
fn names_that_collide_after_case_conversion_are_refused() {
    let model = Model::load(&fixture("collisions.json")).unwrap();
    let error = |service: &str| {
        codegen::generate(&model, &settings(None, Some(service)))
            .expect_err("colliding names are refused")
            .to_string()
    };
    assert_eq!(
        error("MemberCollisionService"),
        "example.collisions#PutThingInput: members foo_bar, fooBar get the same Rust field name"
    );
    assert_eq!(
        error("ShapeCollisionService"),
        "example.collisions#FooBar, example.collisions#Foo_Bar: these shapes get the same Rust name; \
         give one of them another name with the service's `rename` property"
    );
}

/// Streaming blobs need a streaming body API the generator does not emit:
/// it says which member and which shape, instead of buffering.
#[test]
fn streaming_blobs_are_refused() {
    let model = Model::load(&fixture("streaming.json")).unwrap();
    let error = codegen::generate(&model, &settings(None, Some("StreamingBlobService")))
        .expect_err("streaming is refused")
        .to_string();
    assert_eq!(
        error,
        "example.streaming#UploadInput$body: targets a streaming blob (example.streaming#Body), \
         which this generator does not support"
    );
}

/// Operations with an event stream are left out of a whole-service crate,
/// each reported for the caller to warn about and listed in the crate's
/// README and docs; `strict` (or asking for one by name) refuses instead.
#[test]
fn event_stream_operations_are_left_out_unless_strict() {
    let model = Model::load(&fixture("breadth_classes.json")).unwrap();
    let krate = codegen::generate(&model, &settings(Some("breadth-classes"), None)).unwrap();
    let left_out: Vec<(String, String)> = krate
        .left_out
        .iter()
        .map(|l| (l.operation.to_string(), l.member.to_string()))
        .collect();
    assert_eq!(
        left_out,
        [
            (
                "example.breadth#Subscribe".to_owned(),
                "example.breadth#SubscribeOutput$events".to_owned()
            ),
            (
                "example.breadth#Publish".to_owned(),
                "example.breadth#PublishInput$events".to_owned()
            ),
        ]
    );
    // Seven operations in the model, two of them left out.
    assert_eq!(krate.operation_count, 5);
    assert!(!krate.files.contains_key("src/operation/subscribe.rs"));
    assert!(!krate.files["src/client.rs"].contains("fn subscribe("));
    assert!(krate.files["src/lib.rs"].contains(
        "//! - `Subscribe`: `example.breadth#SubscribeOutput$events` is an event stream."
    ));
    assert!(krate.files["README.md"].contains(
        "- Not generated (2): `Subscribe` (`example.breadth#SubscribeOutput$events` is an event stream), \
         `Publish` (`example.breadth#PublishInput$events` is an event stream)."
    ));
    let strict = Settings {
        strict: true,
        ..settings(None, None)
    };
    let expected = "example.breadth#SubscribeOutput$events: targets an event stream \
                    (example.breadth#Events), which this generator does not support";
    assert_eq!(
        codegen::generate(&model, &strict).unwrap_err().to_string(),
        expected
    );
    let by_name = Settings {
        selection: Selection::Operations(vec!["Subscribe".into()]),
        ..settings(None, None)
    };
    assert_eq!(
        codegen::generate(&model, &by_name).unwrap_err().to_string(),
        expected
    );
    // The old fixture's event-stream service: nothing else to generate,
    // so an empty crate with the one operation listed as left out.
    let model = Model::load(&fixture("streaming.json")).unwrap();
    let krate = codegen::generate(&model, &settings(None, Some("EventStreamService"))).unwrap();
    assert_eq!((krate.operation_count, krate.left_out.len()), (0, 1));
}

/// `regex`, `fancy-regex` and `uuid` are dependencies only of crates whose
/// models need them: patterns, patterns `regex` refuses, idempotency tokens.
#[test]
fn optional_dependencies_follow_the_model() {
    // model/'s endpoint rules need the partition table from ../shared.
    let Some(partitions) = tests::shared_file("endpoints/partitions.json") else {
        return;
    };
    let partitions = Partitions::load(&partitions).unwrap();
    let dependencies = |model: &Model| -> Vec<String> {
        let settings = Settings {
            partitions: Some(partitions.clone()),
            ..settings(Some("x"), None)
        };
        let krate = codegen::generate(model, &settings).unwrap();
        let manifest = &krate.files["Cargo.toml"];
        let section = manifest
            .split("[dependencies]")
            .nth(1)
            .expect("a [dependencies] table");
        section
            .lines()
            .take_while(|line| !line.starts_with('['))
            .filter_map(|line| {
                line.split_once(" = ")
                    .map(|(name, _)| name.trim().to_owned())
            })
            .filter(|name| ["regex", "fancy-regex", "uuid"].contains(&name.as_str()))
            .collect()
    };
    let fixture_model = |file: &str| Model::load(&fixture(file)).unwrap();
    let model_dir = tests::project_model();
    assert_eq!(
        dependencies(&model_dir),
        Vec::<String>::new(),
        "model/: ASCII-class patterns only (regex-lite), no tokens"
    );
    assert_eq!(dependencies(&fixture_model("tricky_names.json")), ["uuid"]);
    assert_eq!(
        dependencies(&fixture_model("shape_kinds.json")),
        Vec::<String>::new()
    );
    assert_eq!(
        dependencies(&fixture_model("constraints.json")),
        ["fancy-regex", "regex", "uuid"]
    );
}
