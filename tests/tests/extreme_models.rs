//! Valid but extreme models get a plan or a clear error, never a crash,
//! and in time proportional to their size: shapes chained 5,000 deep
//! through every kind of reference, resources nested as deep, mixins
//! chained past their bound, 10,000 operations, and JSON as deep as the
//! parser allows (and deeper). A 5,000-deep list once overflowed the
//! generator's stack; chained mixins once took minutes.
//!
//! The chains are planned (`codegen::check`: selection and plan) on a
//! thread with a small stack, so that a walk recursing once per level
//! would overflow it. Emitting thousands of files takes too long in a
//! debug build for a test; `cargo xtask bench scaling` times that.

use codegen::model::Model;
use codegen::select::{select, Selection};
use codegen::Settings;

/// Deep enough that a walk recursing once per level would overflow the
/// small stack below.
const DEPTH: usize = 5_000;

fn settings() -> Settings {
    Settings {
        package: Some("deep".into()),
        ..Settings::default()
    }
}

/// A Smithy 2.0 document: a service `Svc` binding `operations` (and
/// `resources`), with `shapes` beside it.
fn service(operations: &[String], resources: &[&str], shapes: &[String]) -> String {
    let refs = |ids: &mut dyn Iterator<Item = &str>| {
        ids.map(|id| format!(r#"{{"target": "{id}"}}"#))
            .collect::<Vec<_>>()
            .join(", ")
    };
    format!(
        r#"{{"smithy": "2.0", "shapes": {{
            "ns#Svc": {{"type": "service", "version": "1",
                "operations": [{}], "resources": [{}],
                "traits": {{"aws.protocols#awsJson1_1": {{}}, "aws.api#service": {{"sdkId": "Deep"}}}}}},
            {}}}}}"#,
        refs(&mut operations.iter().map(String::as_str)),
        refs(&mut resources.iter().copied()),
        shapes.join(",\n")
    )
}

/// One operation whose input holds `ns#N0`, the head of a chain of
/// `depth` links: `link(i, next)` gives the shapes of link `i`, whose last
/// member targets `next` (the next link's head, then a string).
fn chain(depth: usize, link: impl Fn(usize, &str) -> String) -> String {
    let mut shapes = vec![
        r#""ns#Op": {"type": "operation", "input": {"target": "ns#In"}}"#.to_owned(),
        r#""ns#In": {"type": "structure", "members": {"a": {"target": "ns#N0"}}}"#.to_owned(),
    ];
    for i in 0..depth {
        let next = if i + 1 < depth {
            format!("ns#N{}", i + 1)
        } else {
            "smithy.api#String".to_owned()
        };
        shapes.push(link(i, &next));
    }
    service(&["ns#Op".to_owned()], &[], &shapes)
}

/// Runs `f` on a thread with a stack of `kib` KiB and returns its result.
fn on_stack<T: Send + 'static>(kib: usize, f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(kib * 1024)
        .spawn(f)
        .unwrap()
        .join()
        .expect("no panic")
}

/// Loads and checks `text` on a 256 KiB stack, returning what the loader
/// or the planner said.
fn plan_on_small_stack(text: String) -> Result<(), String> {
    on_stack(256, move || {
        let model =
            Model::from_sources([("extreme.json", text.as_str())]).map_err(|e| e.to_string())?;
        codegen::check(&model, &settings()).map_err(|e| e.to_string())
    })
}

fn structure(i: usize, next: &str) -> String {
    format!(r#""ns#N{i}": {{"type": "structure", "members": {{"a": {{"target": "{next}"}}}}}}"#)
}

#[test]
fn lists_and_maps_nested_5000_deep_are_refused_naming_the_shape_and_the_bound() {
    let limit = codegen::nesting::MAX_NESTING;
    let lists = chain(DEPTH, |i, next| {
        format!(r#""ns#N{i}": {{"type": "list", "member": {{"target": "{next}"}}}}"#)
    });
    let error = plan_on_small_stack(lists).unwrap_err();
    assert!(
        error.starts_with("ns#N4967: lists and maps nest more than 32 deep")
            && error.contains(&format!("at most {limit} levels")),
        "{error}"
    );
    let maps = chain(DEPTH, |i, next| {
        format!(
            r#""ns#N{i}": {{"type": "map", "key": {{"target": "smithy.api#String"}},
                "value": {{"target": "{next}"}}}}"#
        )
    });
    let error = plan_on_small_stack(maps).unwrap_err();
    assert!(error.contains("at most 32 levels"), "{error}");
    // Exactly at the bound is fine.
    let lists = chain(limit, |i, next| {
        format!(r#""ns#N{i}": {{"type": "list", "member": {{"target": "{next}"}}}}"#)
    });
    plan_on_small_stack(lists).unwrap();
}

#[test]
fn structures_and_unions_chained_5000_deep_are_planned() {
    plan_on_small_stack(chain(DEPTH, structure)).unwrap();
    let unions = chain(DEPTH, |i, next| {
        format!(
            r#""ns#N{i}": {{"type": "union", "members": {{"a": {{"target": "{next}"}},
                "b": {{"target": "smithy.api#Integer"}}}}}}"#
        )
    });
    plan_on_small_stack(unions).unwrap();
    // One cycle through all of them: the last refers back to the first,
    // so every link is in one strongly connected component (boxed).
    let cycle = chain(DEPTH, |i, next| {
        structure(i, if i + 1 < DEPTH { next } else { "ns#N0" })
    });
    plan_on_small_stack(cycle).unwrap();
}

#[test]
fn reference_chains_5000_long_through_lists_and_maps_of_structures_are_planned() {
    // A structure holds a list (or map) of the next structure: lists and
    // maps nest one deep each time, the references go on 5,000 deep.
    let lists = chain(DEPTH, |i, next| {
        format!(
            r#"{},
            "ns#L{i}": {{"type": "list", "member": {{"target": "{next}"}}}}"#,
            structure(i, &format!("ns#L{i}"))
        )
    });
    plan_on_small_stack(lists).unwrap();
    let maps = chain(DEPTH, |i, next| {
        format!(
            r#"{},
            "ns#M{i}": {{"type": "map", "key": {{"target": "smithy.api#String"}},
                "value": {{"target": "{next}"}}}}"#,
            structure(i, &format!("ns#M{i}"))
        )
    });
    plan_on_small_stack(maps).unwrap();
}

#[test]
fn resources_nested_5000_deep_are_planned_and_a_shared_child_is_walked_once() {
    let mut shapes = vec![
        r#""ns#Op": {"type": "operation"}"#.to_owned(),
        format!(
            r#""ns#R{}": {{"type": "resource", "operations": [{{"target": "ns#Op"}}]}}"#,
            DEPTH - 1
        ),
    ];
    for i in 0..DEPTH - 1 {
        shapes.push(format!(
            r#""ns#R{i}": {{"type": "resource", "resources": [{{"target": "ns#R{}"}}]}}"#,
            i + 1
        ));
    }
    plan_on_small_stack(service(&[], &["ns#R0"], &shapes)).unwrap();

    // Each level binds two resources that both bind the next level: 2^5000
    // paths lead to the last one. Each level also has an operation; each
    // must be found once, in depth-first order.
    let mut shapes = Vec::new();
    for i in 0..DEPTH {
        let below = if i + 1 < DEPTH {
            format!(r#""resources": [{{"target": "ns#A{i}"}}, {{"target": "ns#B{i}"}}], "#)
        } else {
            String::new()
        };
        shapes.push(format!(
            r#""ns#R{i}": {{"type": "resource", {below}"operations": [{{"target": "ns#Op{i}"}}]}},
            "ns#Op{i}": {{"type": "operation"}}"#
        ));
        if i + 1 < DEPTH {
            for side in ["A", "B"] {
                shapes.push(format!(
                    r#""ns#{side}{i}": {{"type": "resource", "resources": [{{"target": "ns#R{}"}}]}}"#,
                    i + 1
                ));
            }
        }
    }
    let text = service(&[], &["ns#R0"], &shapes);
    let operations = on_stack(256, move || {
        let model = Model::from_sources([("extreme.json", text.as_str())]).unwrap();
        codegen::check(&model, &settings()).unwrap();
        select(&model, None, &Selection::Service)
            .unwrap()
            .operations
            .iter()
            .map(|id| id.name().to_owned())
            .collect::<Vec<_>>()
    });
    let expected: Vec<String> = (0..DEPTH).map(|i| format!("Op{i}")).collect();
    assert_eq!(operations, expected);
}

/// Mixins `ns#M0` .. each using the one before, each with a member of its
/// own, and the operation's input using the last.
fn mixin_chain(depth: usize) -> String {
    let mut shapes = vec![
        r#""ns#Op": {"type": "operation", "input": {"target": "ns#In"}}"#.to_owned(),
        format!(
            r#""ns#In": {{"type": "structure", "mixins": [{{"target": "ns#M{}"}}], "members": {{}}}}"#,
            depth - 1
        ),
    ];
    for i in 0..depth {
        let mixins = if i > 0 {
            format!(r#""mixins": [{{"target": "ns#M{}"}}], "#, i - 1)
        } else {
            String::new()
        };
        shapes.push(format!(
            r#""ns#M{i}": {{"type": "structure", {mixins}"traits": {{"smithy.api#mixin": {{}}}},
                "members": {{"m{i}": {{"target": "smithy.api#String"}}}}}}"#
        ));
    }
    service(&["ns#Op".to_owned()], &[], &shapes)
}

#[test]
fn mixins_chained_5000_deep_are_refused_naming_the_shape_and_the_bound() {
    // Flattening copies every inherited member into each shape of the
    // chain: 5,000 links would hold 12.5 million members.
    let limit = codegen::model::MAX_MIXIN_DEPTH;
    let error = plan_on_small_stack(mixin_chain(DEPTH)).unwrap_err();
    assert!(
        error.starts_with(&format!(
            "extreme.json: ns#M{}: mixins chain more than {limit} deep",
            limit + 1
        )) && error.contains(&format!("at most {limit} levels")),
        "{error}"
    );
    plan_on_small_stack(mixin_chain(limit)).unwrap();
}

#[test]
fn ten_thousand_operations_are_planned() {
    let operations: Vec<String> = (0..10_000).map(|i| format!("ns#Op{i}")).collect();
    let mut shapes: Vec<String> = operations
        .iter()
        .map(|o| format!(r#""{o}": {{"type": "operation", "input": {{"target": "ns#In"}}}}"#))
        .collect();
    shapes.push(
        r#""ns#In": {"type": "structure", "members": {"a": {"target": "smithy.api#String"}}}"#
            .to_owned(),
    );
    plan_on_small_stack(service(&operations, &[], &shapes)).unwrap();
}

#[test]
fn documentation_nested_5000_deep_is_planned_and_generated() {
    for (open, close) in [("<ul><li>", "</li></ul>"), ("<b>", "</b>")] {
        let docs = format!("{}deep{}", open.repeat(DEPTH), close.repeat(DEPTH));
        let text = chain(1, |i, next| {
            format!(
                r#""ns#N{i}": {{"type": "structure", "traits": {{"smithy.api#documentation": "{docs}"}},
                    "members": {{"a": {{"target": "{next}"}}}}}}"#
            )
        });
        plan_on_small_stack(text.clone()).unwrap();
        let krate = on_stack(2048, move || {
            let model = Model::from_sources([("extreme.json", text.as_str())]).unwrap();
            codegen::generate(&model, &settings()).unwrap()
        });
        assert!(krate.files.values().any(|f| f.contains("deep")));
    }
}

/// A model with JSON `depth` levels deep (counting every object and
/// array) in each place where a model holds free-form JSON: a custom
/// trait's value, the metadata, an endpoint's properties in the rule set
/// and in the endpoint tests, and a protocol test's params, which follow a
/// chain of structures as deep.
fn deep_json(depth: usize) -> String {
    // `{"k": [{"k": [ ... "x" ... ]}]}`: an object and an array per step.
    let nested = |levels: usize| {
        let steps = levels / 2;
        let mut text = r#"{"k": ["#.repeat(steps);
        text.push_str(r#""x""#);
        text.push_str(&"]}".repeat(steps));
        text
    };
    // Params `{"a": {"a": ... "x"}}` along a chain of structures N0 ..
    let params_depth = depth - 7;
    let mut params = r#"{"a": "#.repeat(params_depth);
    params.push_str(r#""x""#);
    params.push_str(&"}".repeat(params_depth));
    let mut shapes = vec![
        format!(
            r#""ns#Op": {{"type": "operation", "input": {{"target": "ns#In"}},
                "traits": {{"smithy.test#httpRequestTests": [{{"id": "Deep", "protocol": "aws.protocols#awsJson1_1",
                    "method": "POST", "uri": "/", "body": "{{}}", "params": {params}}}]}}}}"#
        ),
        r#""ns#In": {"type": "structure", "members": {"a": {"target": "ns#N0"}}}"#.to_owned(),
        r#""ns#custom": {"type": "document", "traits": {"smithy.api#trait": {}}}"#.to_owned(),
    ];
    // The params' objects: the input's, then one per structure; the
    // innermost structure's member takes the string.
    let structures = params_depth - 1;
    for i in 0..structures - 1 {
        shapes.push(structure(i, &format!("ns#N{}", i + 1)));
    }
    shapes.push(format!(
        r#""ns#N{}": {{"type": "structure", "traits": {{"ns#custom": {}}},
            "members": {{"a": {{"target": "smithy.api#String"}}}}}}"#,
        structures - 1,
        nested(depth - 4)
    ));
    let properties = nested(depth - 10);
    let rules = format!(
        r#"{{"version": "1.0", "parameters": {{"Region": {{"type": "String", "builtIn": "AWS::Region"}}}},
            "rules": [{{"type": "endpoint", "conditions": [],
                "endpoint": {{"url": "https://example.com", "properties": {{"deep": {properties}}}}}}}]}}"#
    );
    let tests = format!(
        r#"{{"version": "1.0", "testCases": [{{"documentation": "deep", "params": {{}},
            "expect": {{"endpoint": {{"url": "https://example.com", "properties": {{"deep": {properties}}}}}}}}}]}}"#
    );
    service(&["ns#Op".to_owned()], &[], &shapes)
        .replacen(
            r#""sdkId": "Deep"}"#,
            &format!(
                r#""sdkId": "Deep"}}, "smithy.rules#endpointRuleSet": {rules},
                "smithy.rules#endpointTests": {tests}"#
            ),
            1,
        )
        .replacen(
            r#"{"smithy": "2.0","#,
            &format!(
                r#"{{"smithy": "2.0", "metadata": {{"deep": {}}},"#,
                nested(depth - 2)
            ),
            1,
        )
}

/// An endpoint rule set whose rules nest as trees `trees` deep, each
/// tree with a condition of its own, around one endpoint.
fn deep_rules(trees: usize) -> String {
    let opening: String = (0..trees)
        .map(|i| {
            format!(
                r#"{{"type": "tree", "conditions": [{{"fn": "stringEquals", "argv": [{{"ref": "Stage"}}, "s{i}"]}}], "rules": ["#
            )
        })
        .collect();
    let rules = format!(
        r#"{{"version": "1.0",
            "parameters": {{"Stage": {{"type": "String", "required": true, "default": "s0", "documentation": "stage"}}}},
            "rules": [{opening}{{"type": "endpoint", "conditions": [], "endpoint": {{"url": "https://example.com"}}}}{}]}}"#,
        "]}".repeat(trees)
    );
    chain(1, structure).replacen(
        r#""sdkId": "Deep"}"#,
        &format!(r#""sdkId": "Deep"}}, "smithy.rules#endpointRuleSet": {rules}"#),
        1,
    )
}

/// The largest `n` from `from` on for which `model(n)` loads: serde_json
/// refuses documents nested more than 128 deep, and so bounds every walk
/// over free-form values.
fn deepest_loading(from: usize, model: impl Fn(usize) -> String) -> usize {
    (from..200)
        .take_while(|&n| Model::from_sources([("deep.json", model(n).as_str())]).is_ok())
        .last()
        .expect("the shallowest model loads")
}

/// Generates `text` on a thread with the default stack of a spawned
/// thread (2 MiB): generating must not depend on a bigger one.
fn generate_on_default_stack(text: String) -> codegen::GeneratedCrate {
    on_stack(2048, move || {
        let model = Model::from_sources([("deep.json", text.as_str())]).unwrap();
        codegen::generate(&model, &settings()).unwrap()
    })
}

#[test]
fn json_as_deep_as_the_parser_allows_generates_and_deeper_is_an_error_naming_the_file() {
    let depth = deepest_loading(100, deep_json);
    assert_eq!(depth, codegen::model::MAX_JSON_DEPTH);
    let error = Model::from_sources([("deep.json", deep_json(depth + 2).as_str())])
        .unwrap_err()
        .to_string();
    assert!(
        error.starts_with("deep.json:") && error.contains("recursion limit exceeded"),
        "{error}"
    );
    // The emitted protocol test nests a literal per structure.
    let krate = generate_on_default_stack(deep_json(depth));
    let innermost = format!("N{} {{", depth - 9);
    assert!(
        krate
            .files
            .iter()
            .any(|(path, text)| path.contains("protocol_tests") && text.contains(&innermost)),
        "the protocol test reaches {innermost}"
    );
    // Rules nest an `if` per tree in the emitted resolver.
    let trees = deepest_loading(1, deep_rules);
    assert!(trees >= 55, "only {trees} trees load");
    let krate = generate_on_default_stack(deep_rules(trees));
    let resolver: String = krate
        .files
        .iter()
        .filter(|(path, _)| path.starts_with("src/endpoint"))
        .map(|(_, text)| text.as_str())
        .collect();
    for i in [0, trees - 1] {
        assert!(resolver.contains(&format!("\"s{i}\"")), "{resolver}");
    }

    // 5,000 deep, anywhere: an error with the file, line and column.
    let deep = format!("{}0{}", "[".repeat(DEPTH), "]".repeat(DEPTH));
    let text = chain(1, |i, next| {
        format!(
            r#""ns#N{i}": {{"type": "structure", "traits": {{"ns#custom": {deep}}},
                "members": {{"a": {{"target": "{next}"}}}}}},
            "ns#custom": {{"type": "document", "traits": {{"smithy.api#trait": {{}}}}}}"#
        )
    });
    // serde_json's own descent to its limit needs more than the small stack
    // in a debug build: the default one of a spawned thread.
    let error = on_stack(2048, move || {
        Model::from_sources([("extreme.json", text.as_str())])
            .unwrap_err()
            .to_string()
    });
    assert!(
        error.starts_with("extreme.json:7:")
            && error.contains("invalid JSON: recursion limit exceeded")
            && error.contains("nest more than 127 deep; the loader reads at most 127 levels"),
        "{error}"
    );
}
