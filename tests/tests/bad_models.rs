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
    text: String,
    expect: &'static [&'static str],
}

fn case(name: &'static str, text: impl Into<String>, expect: &'static [&'static str]) -> Case {
    Case {
        name,
        text: text.into(),
        expect,
    }
}

fn cases() -> Vec<Case> {
    vec![
        case(
            "invalid JSON",
            "{\"smithy\": \"2.0\",\n  \"shapes\": {,}}",
            &["bad.json:2:14", "invalid JSON"],
        ),
        case("missing smithy version", r#"{"shapes": {}}"#, &["bad.json", "$", "missing `smithy` version", "\"2.0\""]),
        case(
            "unsupported smithy version",
            r#"{"smithy": "3.0", "shapes": {}}"#,
            &["$.smithy", "unsupported Smithy version \"3.0\"", "expected \"1.0\" or \"2.0\""],
        ),
        case(
            "version that is not a string",
            r#"{"smithy": 2, "shapes": {}}"#,
            &["$.smithy", "unsupported Smithy version 2"],
        ),
        case(
            "malformed shape id as a shape key",
            v2(r#""ns#Bad Name": {"type": "string"}"#),
            &[r#"$.shapes["ns#Bad Name"]"#, "invalid shape name `Bad Name`", "expected an identifier"],
        ),
        case(
            "shape key without a namespace",
            v2(r#""Thing": {"type": "string"}"#),
            &[r#"$.shapes["Thing"]"#, "not an absolute shape id", "expected `namespace#Name`"],
        ),
        case(
            "malformed shape id as a member target",
            v2(r#""ns#S": {"type": "structure", "members": {"a": {"target": "ns#1Bad"}}}"#),
            &[r#"$.shapes["ns#S"].members.a.target"#, "invalid shape name `1Bad`"],
        ),
        case(
            "member targeting a shape that does not exist",
            v2(r#""ns#S": {"type": "structure", "members": {"a": {"target": "ns#Missing"}}}"#),
            &["ns#S$a", "targets ns#Missing, which does not exist"],
        ),
        case(
            "member targeting an operation",
            v2(r#""ns#S": {"type": "structure", "members": {"a": {"target": "ns#Op"}}},
                  "ns#Op": {"type": "operation"}"#),
            &["ns#S$a", "operation ns#Op", "must target a data shape"],
        ),
        case(
            "member targeting a service",
            v2(r#""ns#S": {"type": "structure", "members": {"a": {"target": "ns#Svc"}}},
                  "ns#Svc": {"type": "service", "version": "1"}"#),
            &["ns#S$a", "service ns#Svc", "must target a data shape"],
        ),
        case(
            "member name that is not an identifier",
            v2(r#""ns#S": {"type": "structure", "members": {"a-b": {"target": "smithy.api#String"}}}"#),
            &[r#"$.shapes["ns#S"].members.a-b"#, "`a-b` is not a valid member name"],
        ),
        case(
            "member without a target",
            v2(r#""ns#S": {"type": "structure", "members": {"a": {}}}"#),
            &[r#"$.shapes["ns#S"].members.a"#, "missing `target`"],
        ),
        case(
            "mixin cycle",
            v2(r#""ns#A": {"type": "structure", "mixins": [{"target": "ns#B"}], "traits": {"smithy.api#mixin": {}}},
                  "ns#B": {"type": "structure", "mixins": [{"target": "ns#A"}], "traits": {"smithy.api#mixin": {}}}"#),
            &["ns#A", "mixin cycle", "ns#A -> ns#B -> ns#A"],
        ),
        case(
            "mixin not marked @mixin",
            v2(r#""ns#A": {"type": "structure", "mixins": [{"target": "ns#B"}]},
                  "ns#B": {"type": "structure"}"#),
            &["ns#A", "uses ns#B as a mixin", "not marked with @mixin"],
        ),
        case(
            "mixin that does not exist",
            v2(r#""ns#A": {"type": "structure", "mixins": [{"target": "ns#Gone"}]}"#),
            &["ns#A", "mixin ns#Gone does not exist"],
        ),
        case(
            "mixin of another shape type",
            v2(r#""ns#A": {"type": "structure", "mixins": [{"target": "ns#M"}]},
                  "ns#M": {"type": "string", "traits": {"smithy.api#mixin": {}}}"#),
            &["ns#A", "a structure cannot use the string ns#M as a mixin"],
        ),
        case(
            "names that differ only in case",
            v2(r#""ns#Widget": {"type": "string"}, "ns#WIDGET": {"type": "string"}"#),
            &["ns#Widget", "conflicts with ns#WIDGET", "differ by more than letter case"],
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
            v2(r#""ns#E": {"type": "intEnum", "members": {"A": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "a"}}}}"#),
            &["ns#E$A", "integer @enumValue"],
        ),
        case(
            "map whose key is not a string",
            v2(r#""ns#M": {"type": "map", "key": {"target": "smithy.api#Integer"}, "value": {"target": "smithy.api#String"}}"#),
            &["ns#M$key", "integer smithy.api#Integer", "expected a string"],
        ),
        case(
            "map without a value",
            v2(r#""ns#M": {"type": "map", "key": {"target": "smithy.api#String"}}"#),
            &[r#"$.shapes["ns#M"]"#, "ns#M has no `value` member"],
        ),
        case(
            "operation named as an operation's input",
            v2(r#""ns#Op": {"type": "operation", "input": {"target": "ns#Other"}},
                  "ns#Other": {"type": "operation"}"#),
            &["ns#Op", "input ns#Other is an operation", "expected a structure"],
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
            v2(r#""ns#S": {"type": "structure", "members": {"a": {"target": "smithy.api#String"}}},
                  "ns#S$b": {"type": "apply", "traits": {"smithy.api#sensitive": {}}}"#),
            &["ns#S$b", "`apply` targets a member that does not exist"],
        ),
        case(
            "service binding a structure as an operation",
            v2(r#""ns#Svc": {"type": "service", "version": "1", "operations": [{"target": "ns#S"}]},
                  "ns#S": {"type": "structure"}"#),
            &["ns#Svc", "operation ns#S is a structure", "expected an operation"],
        ),
        case(
            "operation error without @error",
            v2(&OPERATION.replace(r#""traits": {"smithy.api#error": "client"}"#, r#""traits": {}"#)),
            &["ns#Op", "error ns#Oops", "lacks @error(\"client\") or @error(\"server\")"],
        ),
        case(
            "traits that are not an object",
            v2(r#""ns#S": {"type": "string", "traits": ["smithy.api#sensitive"]}"#),
            &[r#"$.shapes["ns#S"].traits"#, "expected a JSON object, found an array"],
        ),
        case(
            "shape that is a JSON array",
            v2(r#""ns#S": ["string"]"#),
            &[r#"$.shapes["ns#S"]"#, "expected a JSON object, found an array"],
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
            &[r#"$.shapes["ns#S"].traits"#, "trait key", "`sensitive` is not an absolute shape id"],
        ),
        case(
            "errors that are not an array",
            v2(r#""ns#Op": {"type": "operation", "errors": {"target": "ns#E"}}"#),
            &[r#"$.shapes["ns#Op"].errors"#, "expected a JSON array, found an object"],
        ),
    ]
}

#[test]
fn every_bad_model_gets_a_clear_error() {
    let mut failures = Vec::new();
    for case in cases() {
        match Model::from_sources([("bad.json", case.text.as_str())]) {
            Ok(_) => failures.push(format!("{}: loaded, expected an error", case.name)),
            Err(err) => {
                let message = err.to_string();
                let missing: Vec<&str> = case.expect.iter().copied().filter(|f| !message.contains(f)).collect();
                if !message.starts_with("bad.json") {
                    failures.push(format!("{}: message does not start with the file name: {message}", case.name));
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
