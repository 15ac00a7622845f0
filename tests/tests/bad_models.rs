//! Bad models get a clear error, never a panic. Each row is a small model
//! and the fragments its error message must contain: where the problem is
//! (the file, a shape id or a JSON path) and what was expected there.

use codegen::model::Model;

/// A Smithy 2.0 document with these shapes (the inside of `"shapes": {...}`).
fn v2(shapes: &str) -> String {
    format!(r#"{{"smithy": "2.0", "shapes": {{{shapes}}}}}"#)
}

/// A valid operation, input and error that rows can break one piece of.
const OPERATION: &str = r#"
    "ns#Op": {"type": "operation", "input": {"target": "ns#In"}, "errors": [{"target": "ns#Oops"}]},
    "ns#In": {"type": "structure", "members": {"name": {"target": "smithy.api#String"}}},
    "ns#Oops": {"type": "structure", "traits": {"smithy.api#error": "client"}}
"#;

struct Case {
    name: &'static str,
    /// Loaded as `other.json` before the bad file, for conflicts between files.
    other: Option<String>,
    text: String,
    expect: &'static [&'static str],
}

fn case(name: &'static str, text: impl Into<String>, expect: &'static [&'static str]) -> Case {
    Case {
        name,
        other: None,
        text: text.into(),
        expect,
    }
}

/// A row whose bad file conflicts with a good `other.json` loaded first.
fn after(other: impl Into<String>, case: Case) -> Case {
    Case {
        other: Some(other.into()),
        ..case
    }
}

fn cases() -> Vec<Case> {
    vec![
        case(
            "invalid JSON",
            "{\"smithy\": \"2.0\",\n  \"shapes\": {,}}",
            &["bad.json:2:14", "invalid JSON"],
        ),
        case(
            "missing smithy version",
            r#"{"shapes": {}}"#,
            &["bad.json", "$", "missing `smithy` version", "\"2.0\""],
        ),
        case(
            "unsupported smithy version",
            r#"{"smithy": "3.0", "shapes": {}}"#,
            &[
                "$.smithy",
                "unsupported Smithy version \"3.0\"",
                "expected \"1.0\" or \"2.0\"",
            ],
        ),
        case(
            "version that is not a string",
            r#"{"smithy": 2, "shapes": {}}"#,
            &["$.smithy", "unsupported Smithy version 2"],
        ),
        case(
            "malformed shape id as a shape key",
            v2(r#""ns#Bad Name": {"type": "string"}"#),
            &[
                r#"$.shapes["ns#Bad Name"]"#,
                "invalid shape name `Bad Name`",
                "expected an identifier",
            ],
        ),
        case(
            "shape key without a namespace",
            v2(r#""Thing": {"type": "string"}"#),
            &[
                r#"$.shapes["Thing"]"#,
                "not an absolute shape id",
                "expected `namespace#Name`",
            ],
        ),
        case(
            "malformed shape id as a member target",
            v2(r#""ns#S": {"type": "structure", "members": {"a": {"target": "ns#1Bad"}}}"#),
            &[
                r#"$.shapes["ns#S"].members.a.target"#,
                "invalid shape name `1Bad`",
            ],
        ),
        case(
            "member targeting a shape that does not exist",
            v2(r#""ns#S": {"type": "structure", "members": {"a": {"target": "ns#Missing"}}}"#),
            &["ns#S$a", "targets ns#Missing, which does not exist"],
        ),
        case(
            "member targeting an operation",
            v2(
                r#""ns#S": {"type": "structure", "members": {"a": {"target": "ns#Op"}}},
                  "ns#Op": {"type": "operation"}"#,
            ),
            &["ns#S$a", "operation ns#Op", "must target a data shape"],
        ),
        case(
            "member targeting a service",
            v2(
                r#""ns#S": {"type": "structure", "members": {"a": {"target": "ns#Svc"}}},
                  "ns#Svc": {"type": "service", "version": "1"}"#,
            ),
            &["ns#S$a", "service ns#Svc", "must target a data shape"],
        ),
        case(
            "member name that is not an identifier",
            v2(
                r#""ns#S": {"type": "structure", "members": {"a-b": {"target": "smithy.api#String"}}}"#,
            ),
            &[
                r#"$.shapes["ns#S"].members.a-b"#,
                "`a-b` is not a valid member name",
            ],
        ),
        case(
            "member without a target",
            v2(r#""ns#S": {"type": "structure", "members": {"a": {}}}"#),
            &[r#"$.shapes["ns#S"].members.a"#, "missing `target`"],
        ),
        case(
            "mixin cycle",
            v2(
                r#""ns#A": {"type": "structure", "mixins": [{"target": "ns#B"}], "traits": {"smithy.api#mixin": {}}},
                  "ns#B": {"type": "structure", "mixins": [{"target": "ns#A"}], "traits": {"smithy.api#mixin": {}}}"#,
            ),
            &["ns#A", "mixin cycle", "ns#A -> ns#B -> ns#A"],
        ),
        case(
            "mixin not marked @mixin",
            v2(
                r#""ns#A": {"type": "structure", "mixins": [{"target": "ns#B"}]},
                  "ns#B": {"type": "structure"}"#,
            ),
            &["ns#A", "uses ns#B as a mixin", "not marked with @mixin"],
        ),
        case(
            "mixin that does not exist",
            v2(r#""ns#A": {"type": "structure", "mixins": [{"target": "ns#Gone"}]}"#),
            &["ns#A", "mixin ns#Gone does not exist"],
        ),
        case(
            "mixin of another shape type",
            v2(
                r#""ns#A": {"type": "structure", "mixins": [{"target": "ns#M"}]},
                  "ns#M": {"type": "string", "traits": {"smithy.api#mixin": {}}}"#,
            ),
            &["ns#A", "a structure cannot use the string ns#M as a mixin"],
        ),
        case(
            "names that differ only in case",
            v2(r#""ns#Widget": {"type": "string"}, "ns#WIDGET": {"type": "string"}"#),
            &[
                "ns#Widget",
                "conflicts with ns#WIDGET",
                "differ by more than letter case",
            ],
        ),
        case(
            "unknown shape type",
            v2(r#""ns#S": {"type": "strung"}"#),
            &[r#"$.shapes["ns#S"].type"#, "unknown shape type `strung`"],
        ),
        case(
            "shape without a type",
            v2(r#""ns#S": {"members": {}}"#),
            &[r#"$.shapes["ns#S"]"#, "missing `type`"],
        ),
        case(
            "enum with no members",
            v2(r#""ns#E": {"type": "enum"}"#),
            &["ns#E", "enum has no members"],
        ),
        case(
            "intEnum member without an integer value",
            v2(
                r#""ns#E": {"type": "intEnum", "members": {"A": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "a"}}}}"#,
            ),
            &["ns#E$A", "integer @enumValue"],
        ),
        case(
            "map whose key is not a string",
            v2(
                r#""ns#M": {"type": "map", "key": {"target": "smithy.api#Integer"}, "value": {"target": "smithy.api#String"}}"#,
            ),
            &[
                "ns#M$key",
                "integer smithy.api#Integer",
                "expected a string",
            ],
        ),
        case(
            "map without a value",
            v2(r#""ns#M": {"type": "map", "key": {"target": "smithy.api#String"}}"#),
            &[r#"$.shapes["ns#M"]"#, "ns#M has no `value` member"],
        ),
        case(
            "operation named as an operation's input",
            v2(
                r#""ns#Op": {"type": "operation", "input": {"target": "ns#Other"}},
                  "ns#Other": {"type": "operation"}"#,
            ),
            &[
                "ns#Op",
                "input ns#Other is an operation",
                "expected a structure",
            ],
        ),
        case(
            "operation output that does not exist",
            v2(r#""ns#Op": {"type": "operation", "output": {"target": "ns#Nothing"}}"#),
            &["ns#Op", "output ns#Nothing does not exist"],
        ),
        case(
            "apply to a shape that does not exist",
            v2(r#""ns#Ghost": {"type": "apply", "traits": {"smithy.api#sensitive": {}}}"#),
            &["ns#Ghost", "`apply` targets a shape that does not exist"],
        ),
        case(
            "apply to a member that does not exist",
            v2(
                r#""ns#S": {"type": "structure", "members": {"a": {"target": "smithy.api#String"}}},
                  "ns#S$b": {"type": "apply", "traits": {"smithy.api#sensitive": {}}}"#,
            ),
            &["ns#S$b", "`apply` targets a member that does not exist"],
        ),
        case(
            "service binding a structure as an operation",
            v2(
                r#""ns#Svc": {"type": "service", "version": "1", "operations": [{"target": "ns#S"}]},
                  "ns#S": {"type": "structure"}"#,
            ),
            &[
                "ns#Svc",
                "operation ns#S is a structure",
                "expected an operation",
            ],
        ),
        case(
            "operation error without @error",
            v2(&OPERATION.replace(
                r#""traits": {"smithy.api#error": "client"}"#,
                r#""traits": {}"#,
            )),
            &[
                "ns#Op",
                "error ns#Oops",
                "lacks @error(\"client\") or @error(\"server\")",
            ],
        ),
        case(
            "traits that are not an object",
            v2(r#""ns#S": {"type": "string", "traits": ["smithy.api#sensitive"]}"#),
            &[
                r#"$.shapes["ns#S"].traits"#,
                "expected a JSON object, found an array",
            ],
        ),
        case(
            "shape that is a JSON array",
            v2(r#""ns#S": ["string"]"#),
            &[
                r#"$.shapes["ns#S"]"#,
                "expected a JSON object, found an array",
            ],
        ),
        case(
            "shapes that are not an object",
            r#"{"smithy": "2.0", "shapes": []}"#,
            &["$.shapes", "expected a JSON object, found an array"],
        ),
        case(
            "document that is not an object",
            r#"["smithy"]"#,
            &["bad.json", "$", "expected a JSON object, found an array"],
        ),
        case(
            "trait key that is not a shape id",
            v2(r#""ns#S": {"type": "string", "traits": {"sensitive": {}}}"#),
            &[
                r#"$.shapes["ns#S"].traits"#,
                "trait key",
                "`sensitive` is not an absolute shape id",
            ],
        ),
        case(
            "union with no members",
            v2(r#""ns#U": {"type": "union", "members": {}}"#),
            &["ns#U", "union has no members"],
        ),
        case(
            "enum with the same value twice",
            v2(r#""ns#E": {"type": "enum", "members": {
                    "A": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "x"}},
                    "B": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "x"}}}}"#),
            &[
                "ns#E$B",
                "has the value x, like member `A`",
                "must be unique",
            ],
        ),
        case(
            "enum member that targets a string",
            v2(r#""ns#E": {"type": "enum", "members": {"A": {"target": "smithy.api#String"}}}"#),
            &[
                "ns#E$A",
                "enum member targets smithy.api#String",
                "expected smithy.api#Unit",
            ],
        ),
        case(
            "member names that differ only in case",
            v2(r#""ns#S": {"type": "structure", "members": {
                    "name": {"target": "smithy.api#String"}, "Name": {"target": "smithy.api#String"}}}"#),
            &["ns#S$Name", "conflicts with member `name`"],
        ),
        case(
            "structure member that targets Unit",
            v2(r#""ns#S": {"type": "structure", "members": {"a": {"target": "smithy.api#Unit"}}}"#),
            &[
                "ns#S$a",
                "a member of a structure cannot target smithy.api#Unit",
            ],
        ),
        case(
            "mixins giving a member two targets",
            v2(
                r#""ns#A": {"type": "structure", "traits": {"smithy.api#mixin": {}}, "members": {"x": {"target": "smithy.api#String"}}},
                  "ns#B": {"type": "structure", "traits": {"smithy.api#mixin": {}}, "members": {"x": {"target": "smithy.api#Long"}}},
                  "ns#S": {"type": "structure", "mixins": [{"target": "ns#A"}, {"target": "ns#B"}]}"#,
            ),
            &[
                "ns#S$x",
                "two mixins with different targets",
                "smithy.api#String and smithy.api#Long",
            ],
        ),
        case(
            "member targeting a mixin",
            v2(
                r#""ns#M": {"type": "structure", "traits": {"smithy.api#mixin": {}}},
                  "ns#S": {"type": "structure", "members": {"m": {"target": "ns#M"}}}"#,
            ),
            &["ns#S$m", "targets the mixin ns#M"],
        ),
        case(
            "resource containing itself",
            v2(
                r#""ns#A": {"type": "resource", "resources": [{"target": "ns#B"}]},
                  "ns#B": {"type": "resource", "resources": [{"target": "ns#A"}]}"#,
            ),
            &["ns#A", "resource contains itself", "ns#A -> ns#B -> ns#A"],
        ),
        case(
            "resource identifier that is not a string",
            v2(
                r#""ns#R": {"type": "resource", "identifiers": {"id": {"target": "smithy.api#Integer"}}}"#,
            ),
            &[
                "ns#R",
                "identifier `id` smithy.api#Integer is an integer",
                "expected a string",
            ],
        ),
        case(
            "rename of a shape that does not exist",
            v2(r#""ns#Svc": {"type": "service", "version": "1", "rename": {"ns#Gone": "Other"}}"#),
            &["ns#Svc", "`rename` names ns#Gone, which does not exist"],
        ),
        case(
            "rename to a name that is not an identifier",
            v2(
                r#""ns#Svc": {"type": "service", "version": "1", "rename": {"ns#Svc": "Not Valid"}}"#,
            ),
            &[
                r#"$.shapes["ns#Svc"].rename["ns#Svc"]"#,
                "expected the new name as an identifier",
            ],
        ),
        case(
            "service version that is not a string",
            v2(r#""ns#Svc": {"type": "service", "version": 2}"#),
            &[
                r#"$.shapes["ns#Svc"].version"#,
                "expected the service version as a string, found a number",
            ],
        ),
        case(
            "shape in the prelude's namespace",
            v2(r#""smithy.api#String": {"type": "structure"}"#),
            &[
                r#"$.shapes["smithy.api#String"]"#,
                "the smithy.api namespace is the prelude's",
            ],
        ),
        case(
            "apply of another value for a trait the member has",
            v2(r#""ns#S": {"type": "structure", "members": {
                      "a": {"target": "smithy.api#String", "traits": {"smithy.api#documentation": "One."}}}},
                  "ns#S$a": {"type": "apply", "traits": {"smithy.api#documentation": "Two."}}"#),
            &[
                "ns#S$a",
                "trait smithy.api#documentation is applied twice with different values",
                "\"One.\"",
            ],
        ),
        case(
            "map whose value is the map itself",
            v2(
                r#""ns#M": {"type": "map", "key": {"target": "smithy.api#String"}, "value": {"target": "ns#M"}}"#,
            ),
            &[
                "ns#M",
                "contains itself through lists and maps only (ns#M -> ns#M)",
                "must pass through a structure or union",
            ],
        ),
        case(
            "list of a map of the list",
            v2(r#""ns#L": {"type": "list", "member": {"target": "ns#M"}},
                  "ns#M": {"type": "map", "key": {"target": "smithy.api#String"}, "value": {"target": "ns#L"}}"#),
            &["ns#L", "ns#L -> ns#M -> ns#L"],
        ),
        case(
            "structure that requires itself",
            v2(
                r#""ns#A": {"type": "structure", "members": {"b": {"target": "ns#B", "traits": {"smithy.api#required": {}}}}},
                  "ns#B": {"type": "structure", "members": {"a": {"target": "ns#A", "traits": {"smithy.api#required": {}}}}}"#,
            ),
            &[
                "ns#A",
                "no value of this structure is finite",
                "optional member",
            ],
        ),
        case(
            "union whose every member leads back to it",
            v2(r#""ns#U": {"type": "union", "members": {"again": {"target": "ns#U"}}}"#),
            &["ns#U", "no value of this union is finite"],
        ),
        after(
            v2(
                r#""ns#S": {"type": "structure", "members": {"a": {"target": "smithy.api#String"}}}"#,
            ),
            case(
                "shape defined again with another member target",
                v2(
                    r#""ns#S": {"type": "structure", "members": {"a": {"target": "smithy.api#Integer"}}}"#,
                ),
                &[
                    "ns#S",
                    "defined again, differently (first defined in other.json)",
                    "member `a` targets",
                ],
            ),
        ),
        after(
            v2(r#""ns#S": {"type": "string", "traits": {"smithy.api#length": {"max": 1}}}"#),
            case(
                "apply of a conflicting trait value from another file",
                v2(r#""ns#S": {"type": "apply", "traits": {"smithy.api#length": {"max": 2}}}"#),
                &[
                    "ns#S",
                    "trait smithy.api#length is applied twice with different values",
                ],
            ),
        ),
        after(
            r#"{"smithy": "2.0", "metadata": {"owner": "team-a"}}"#,
            case(
                "metadata that conflicts with another file",
                r#"{"smithy": "2.0", "metadata": {"owner": "team-b"}}"#,
                &[
                    "$.metadata.owner",
                    "conflicts with the value another file sets",
                ],
            ),
        ),
        case(
            "errors that are not an array",
            v2(r#""ns#Op": {"type": "operation", "errors": {"target": "ns#E"}}"#),
            &[
                r#"$.shapes["ns#Op"].errors"#,
                "expected a JSON array, found an object",
            ],
        ),
    ]
}

#[test]
fn every_bad_model_gets_a_clear_error() {
    let mut failures = Vec::new();
    for case in cases() {
        let files = case
            .other
            .iter()
            .map(|o| ("other.json", o.as_str()))
            .chain([("bad.json", case.text.as_str())]);
        match Model::from_sources(files) {
            Ok(_) => failures.push(format!("{}: loaded, expected an error", case.name)),
            Err(err) => {
                let message = err.to_string();
                let missing: Vec<&str> = case
                    .expect
                    .iter()
                    .copied()
                    .filter(|f| !message.contains(f))
                    .collect();
                if !message.starts_with("bad.json") {
                    failures.push(format!(
                        "{}: message does not start with the file name: {message}",
                        case.name
                    ));
                }
                if !missing.is_empty() {
                    failures.push(format!("{}: {message}\n    lacks {missing:?}", case.name));
                }
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// The rows above must be bad for the reason they claim, not for a typo in
/// the row: the valid pieces they are built from load on their own.
#[test]
fn the_pieces_the_rows_break_are_valid() {
    Model::from_sources([("good.json", v2(OPERATION).as_str())]).unwrap();
}

/// A valid model that touches most of the loader: a service with an
/// operation, a resource, errors and a rename; structures, a mixin, an
/// enum, an intEnum, a list, a map, a union; an `apply`; metadata.
const VALID: &str = r#"{
  "smithy": "2.0",
  "metadata": {"tags": ["a"]},
  "shapes": {
    "ns#Svc": {"type": "service", "version": "1", "operations": [{"target": "ns#Get"}],
      "resources": [{"target": "ns#Thing"}], "errors": [{"target": "ns#Throttled"}],
      "rename": {"ns#Name": "ThingName"}, "traits": {"aws.protocols#awsJson1_1": {}}},
    "ns#Get": {"type": "operation", "input": {"target": "ns#GetInput"}, "output": {"target": "ns#GetOutput"},
      "errors": [{"target": "ns#NotFound"}]},
    "ns#Thing": {"type": "resource", "identifiers": {"id": {"target": "ns#Name"}}, "read": {"target": "ns#Get"}},
    "ns#Base": {"type": "structure", "traits": {"smithy.api#mixin": {}},
      "members": {"id": {"target": "ns#Name", "traits": {"smithy.api#required": {}}}}},
    "ns#GetInput": {"type": "structure", "mixins": [{"target": "ns#Base"}],
      "members": {"color": {"target": "ns#Color"}, "level": {"target": "ns#Level"}}},
    "ns#GetOutput": {"type": "structure", "members": {"names": {"target": "ns#Names"},
      "counts": {"target": "ns#Counts"}, "choice": {"target": "ns#Choice"}}},
    "ns#NotFound": {"type": "structure", "traits": {"smithy.api#error": "client"},
      "members": {"message": {"target": "smithy.api#String"}}},
    "ns#Throttled": {"type": "structure", "traits": {"smithy.api#error": "server", "smithy.api#retryable": {}}},
    "ns#Name": {"type": "string", "traits": {"smithy.api#length": {"min": 1}}},
    "ns#Color": {"type": "enum", "members": {"RED": {"target": "smithy.api#Unit"},
      "BLUE": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "blue"}}}},
    "ns#Level": {"type": "intEnum", "members": {"LOW": {"target": "smithy.api#Unit",
      "traits": {"smithy.api#enumValue": 1}}}},
    "ns#Names": {"type": "list", "member": {"target": "ns#Name"}},
    "ns#Counts": {"type": "map", "key": {"target": "ns#Name"}, "value": {"target": "smithy.api#Integer"}},
    "ns#Choice": {"type": "union", "members": {"name": {"target": "ns#Name"}, "none": {"target": "smithy.api#Unit"}}},
    "ns#GetOutput$names": {"type": "apply", "traits": {"smithy.api#documentation": "The names."}}
  }
}"#;

/// Thousands of near-valid models: each loads or fails with a message that
/// names the file, and none panics. A model that loads must also be safe
/// to select from and generate, since both trust what validation checked
/// (a map of itself once loaded and then overflowed the generator's stack).
#[test]
fn mutated_models_never_panic() {
    use codegen::select::{select, Selection};
    use std::panic::{catch_unwind, AssertUnwindSafe};

    Model::from_sources([("mutated.json", VALID)]).expect("the base model is valid");
    let settings = codegen::Settings::default();
    let mut rng = tests::mutate::Rng::new(0x5eed_2024);
    let (mut loaded, mut rejected) = (0, 0);
    let mut failures = Vec::new();
    for index in 0..2_000 {
        let text = tests::mutate::mutant(VALID, &mut rng);
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            let model = Model::from_sources([("mutated.json", text.as_str())])?;
            let _ = select(&model, None, &Selection::Service);
            // The rest of the generator trusts the same checks. Generating
            // is slow in debug builds, so every fourth mutant is enough.
            if index % 4 == 0 {
                let _ = codegen::generate(&model, &settings);
            }
            Ok::<_, codegen::Error>(())
        }));
        match outcome {
            Ok(Ok(())) => loaded += 1,
            Ok(Err(e)) if e.to_string().starts_with("mutated.json") => rejected += 1,
            Ok(Err(e)) => failures.push(format!(
                "mutant {index}: message does not name the file: {e}"
            )),
            Err(_) => failures.push(format!("mutant {index} panicked:\n{text}")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures, first:\n{}",
        failures.len(),
        failures[0]
    );
    // The mutator must really make both kinds, or this test proves little.
    assert!(
        loaded >= 100 && rejected >= 1_000,
        "{loaded} loaded, {rejected} rejected"
    );
}
