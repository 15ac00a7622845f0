//! Endpoint rule sets (`smithy.rules#endpointRuleSet`) and their test cases
//! (`smithy.rules#endpointTests`): read, type checked and lowered into what
//! the resolver emitter needs.
//!
//! The generated crate resolves endpoints with Rust emitted per rule rather
//! than by interpreting the rule set at run time; BENCHMARKS.md has the
//! figures behind that choice.

pub(crate) mod ir;
mod lower;
pub mod partitions;
pub mod syntax;

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::error::{Error, Result};
use crate::model::traits::ids;
use crate::model::{Model, ShapeId};
use crate::naming;
use ir::{Function, Node, ParamPlan};
pub use partitions::Partitions;
use syntax::{Expectation, ParameterType, RuleSet, TestCase};

/// Everything the endpoint emitter needs.
#[derive(Clone, Debug)]
pub(crate) struct EndpointPlan {
    /// The rule set's parameters, in its order.
    pub params: Vec<ParamPlan>,
    /// The rules, lowered to the resolver's tree.
    pub body: Vec<Node>,
    /// The runtime functions the rules call.
    pub functions: BTreeSet<Function>,
    /// The partition table, when the rules call `aws.partition`.
    pub partitions: Option<Partitions>,
    /// The model's endpoint test cases.
    pub tests: Vec<TestPlan>,
}

/// One `smithy.rules#endpointTests` case, ready to emit as a `#[test]`.
#[derive(Clone, Debug)]
pub(crate) struct TestPlan {
    /// The test function's name, unique in the module.
    pub name: String,
    /// The case's documentation, as the model writes it.
    pub documentation: Option<String>,
    /// Values by parameter, in the rule set's parameter order.
    pub params: Vec<(ParamPlan, Value)>,
    /// The endpoint or error the case expects.
    pub expect: Expectation,
}

/// The endpoint plan of `service`, or `None` when it has no rule set.
pub(crate) fn plan(
    model: &Model,
    service: &ShapeId,
    partitions: Option<&Partitions>,
) -> Result<Option<EndpointPlan>> {
    let shape = model.expect(service);
    let Some(rule_set) = shape.traits.get(ids::ENDPOINT_RULE_SET) else {
        return Ok(None);
    };
    let file = model.origin(service);
    let at = |trait_id: &str, path: &str| format!("{service} {trait_id} {path}");
    let rule_set = RuleSet::from_json(rule_set)
        .map_err(|e| Error::model(file, at(ids::ENDPOINT_RULE_SET, &e.at), e.message))?;
    let mut params = param_plans(&rule_set, file, &at(ids::ENDPOINT_RULE_SET, "$.parameters"))?;
    let lowered = lower::lower(&mut params, &rule_set.rules)
        .map_err(|e| Error::model(file, at(ids::ENDPOINT_RULE_SET, &e.at), e.message))?;
    let partitions = if lowered.functions.contains(&Function::Partition) {
        match partitions {
            Some(p) => Some(p.clone()),
            None => {
                return Err(Error::generate(
                    service.to_string(),
                    "the endpoint rules call aws.partition, but the generator was given no partition table \
                     (Settings::partitions; `cargo xtask codegen` reads ../shared/endpoints/partitions.json)",
                ))
            }
        }
    } else {
        None
    };
    let tests = match shape.traits.get(ids::ENDPOINT_TESTS) {
        None => Vec::new(),
        Some(value) => {
            let cases = TestCase::all_from_json(value)
                .map_err(|e| Error::model(file, at(ids::ENDPOINT_TESTS, &e.at), e.message))?;
            test_plans(&params, cases).map_err(|(path, message)| {
                Error::model(file, at(ids::ENDPOINT_TESTS, &path), message)
            })?
        }
    };
    Ok(Some(EndpointPlan {
        params,
        body: lowered.body,
        functions: lowered.functions,
        partitions,
        tests,
    }))
}

/// Whether the endpoint rules of `service` call `aws.partition`, so the
/// caller knows to load the partition table before generating.
pub(crate) fn calls_partition(model: &Model, service: &ShapeId) -> bool {
    fn walk(value: &Value) -> bool {
        match value {
            Value::Object(map) => {
                map.get("fn").and_then(Value::as_str) == Some(Function::Partition.rule_name())
                    || map.values().any(walk)
            }
            Value::Array(items) => items.iter().any(walk),
            _ => false,
        }
    }
    model
        .shape(service)
        .and_then(|s| s.traits.get(ids::ENDPOINT_RULE_SET))
        .and_then(|r| r.get("rules"))
        .is_some_and(walk)
}

fn param_plans(rule_set: &RuleSet, file: &str, at: &str) -> Result<Vec<ParamPlan>> {
    let mut fields: BTreeMap<String, &str> = BTreeMap::new();
    let mut plans = Vec::new();
    for p in &rule_set.parameters {
        let field = naming::field_name(&p.name);
        if field == "params" {
            return Err(Error::model(
                file,
                format!("{at}.{}", p.name),
                "a parameter may not be called `Params` (the resolver's argument)",
            ));
        }
        if let Some(other) = fields.insert(field.clone(), &p.name) {
            return Err(Error::model(
                file,
                format!("{at}.{}", p.name),
                format!(
                    "the parameters `{other}` and `{}` would both become the field `{field}`",
                    p.name
                ),
            ));
        }
        plans.push(ParamPlan {
            name: p.name.clone(),
            set: format!("set_{}", crate::naming::plain(&field)),
            field,
            ty: p.ty,
            default: p.default.clone(),
            must_be_set: p.required && p.default.is_none(),
            built_in: p.built_in.clone(),
            documentation: p.documentation.clone(),
            deprecated: p.deprecated.clone(),
            used: false,
        });
    }
    Ok(plans)
}

/// Test functions named after each case's documentation, made unique.
fn test_plans(
    params: &[ParamPlan],
    cases: Vec<TestCase>,
) -> std::result::Result<Vec<TestPlan>, (String, String)> {
    let mut taken = BTreeSet::new();
    let mut plans = Vec::new();
    for (i, case) in cases.into_iter().enumerate() {
        let mut values = Vec::new();
        for (name, value) in &case.params {
            let here = format!("{}.params.{name}", case.at);
            let Some(param) = params.iter().find(|p| &p.name == name) else {
                return Err((here, format!("the rule set has no parameter `{name}`")));
            };
            let fits = match param.ty {
                ParameterType::String => value.is_string(),
                ParameterType::Boolean => value.is_boolean(),
                ParameterType::StringArray => value
                    .as_array()
                    .is_some_and(|a| a.iter().all(Value::is_string)),
            };
            if !value.is_null() && !fits {
                return Err((
                    here,
                    format!(
                        "expected a value of the parameter's type ({:?}), found {value}",
                        param.ty
                    ),
                ));
            }
            values.push((param.clone(), value.clone()));
        }
        values.sort_by_key(|(p, _)| params.iter().position(|q| q.name == p.name));
        let base = test_name(case.documentation.as_deref(), i);
        let mut name = base.clone();
        let mut n = 2;
        while !taken.insert(name.clone()) {
            name = format!("{base}_{n}");
            n += 1;
        }
        plans.push(TestPlan {
            name,
            documentation: case.documentation,
            params: values,
            expect: case.expect,
        });
    }
    Ok(plans)
}

/// A snake_case name from the case's documentation, cut at a word boundary
/// so names stay readable; `case_<n>` when there is none.
fn test_name(documentation: Option<&str>, index: usize) -> String {
    const MAX: usize = 72;
    let Some(doc) = documentation.filter(|d| d.chars().any(char::is_alphanumeric)) else {
        return format!("case_{}", index + 1);
    };
    let mut name = naming::field_name(doc);
    if let Some(raw) = name.strip_prefix("r#") {
        name = format!("{raw}_");
    }
    if name.len() > MAX {
        let boundaries = || {
            name.char_indices()
                .map(|(i, _)| i)
                .take_while(|&i| i <= MAX)
        };
        let underscore = boundaries().filter(|&i| name[i..].starts_with('_')).last();
        let cut = underscore
            .or_else(|| boundaries().last())
            .unwrap_or(name.len());
        name.truncate(cut);
    }
    name
}

#[cfg(test)]
mod tests {
    use super::test_name;

    #[test]
    fn test_names_come_from_the_documentation() {
        assert_eq!(
            test_name(
                Some("For region us-east-1 with FIPS enabled and DualStack disabled"),
                0
            ),
            "for_region_us_east_1_with_fips_enabled_and_dual_stack_disabled"
        );
        assert_eq!(test_name(None, 4), "case_5");
        assert_eq!(test_name(Some("{}"), 0), "case_1");
        let long = test_name(Some(&"word ".repeat(40)), 0);
        assert!(long.len() <= 72 && !long.ends_with('_'), "{long}");
    }
}

#[cfg(test)]
mod plan_tests {
    use serde_json::json;

    use super::*;

    /// A one-service model whose rule set has `rules` and parameters `Region` and `Flag`.
    fn model(rules: Value) -> (Model, ShapeId) {
        let text = json!({
            "smithy": "2.0",
            "shapes": {
                "ex#Svc": {
                    "type": "service",
                    "version": "1",
                    "traits": {
                        "smithy.rules#endpointRuleSet": {
                            "version": "1.0",
                            "parameters": {
                                "Region": {"type": "string", "builtIn": "AWS::Region"},
                                "Flag": {"type": "boolean", "required": true, "default": false}
                            },
                            "rules": rules
                        }
                    }
                }
            }
        })
        .to_string();
        let model = Model::from_sources([("svc.json", text.as_str())]).unwrap();
        (model, ShapeId::new("ex", "Svc"))
    }

    fn error_of(rules: Value) -> String {
        let (model, id) = model(rules);
        plan(&model, &id, None).map(|_| ()).unwrap_err().to_string()
    }

    #[test]
    fn an_unimplemented_function_is_an_error_naming_it_and_the_service() {
        let err = error_of(json!([{
            "type": "endpoint", "endpoint": {"url": "https://x"},
            "conditions": [{"fn": "aws.mystery", "argv": [{"ref": "Region"}]}]
        }]));
        assert!(err.contains("svc.json") && err.contains("ex#Svc"), "{err}");
        assert!(
            err.contains("`aws.mystery`") && err.contains("$.rules[0].conditions[0].fn"),
            "{err}"
        );
    }

    #[test]
    fn a_value_that_may_be_unset_must_be_proven_set() {
        let err = error_of(json!([{
            "type": "endpoint", "endpoint": {"url": "https://x"},
            "conditions": [{"fn": "stringEquals", "argv": [{"ref": "Region"}, "us-east-1"]}]
        }]));
        assert!(
            err.contains("$.rules[0].conditions[0].argv[0]") && err.contains("isSet"),
            "{err}"
        );
        let err = error_of(
            json!([{"type": "endpoint", "endpoint": {"url": "https://{Region}"}, "conditions": []}]),
        );
        assert!(
            err.contains("$.rules[0].endpoint.url") && err.contains("may be unset"),
            "{err}"
        );
    }

    #[test]
    fn types_and_references_are_checked() {
        let err = error_of(json!([{
            "type": "error", "error": "x",
            "conditions": [{"fn": "booleanEquals", "argv": [{"ref": "Flag"}, "yes"]}]
        }]));
        assert!(
            err.contains("argument 2 of booleanEquals must be a boolean, found a string"),
            "{err}"
        );
        let err = error_of(json!([{"type": "error", "error": "{Nope}", "conditions": []}]));
        assert!(err.contains("`Nope`"), "{err}");
    }

    #[test]
    fn aws_partition_needs_the_partition_table() {
        let rules = json!([{
            "type": "endpoint", "endpoint": {"url": "https://x.{P#dnsSuffix}"},
            "conditions": [
                {"fn": "isSet", "argv": [{"ref": "Region"}]},
                {"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "P"}
            ]
        }]);
        let (model, id) = model(rules);
        assert!(calls_partition(&model, &id));
        let err = plan(&model, &id, None).unwrap_err().to_string();
        assert!(
            err.contains("ex#Svc")
                && err.contains("aws.partition")
                && err.contains("partition table"),
            "{err}"
        );
    }

    #[test]
    fn conditions_narrow_bind_and_fold() {
        let rules = json!([
            {
                "type": "endpoint", "endpoint": {"url": "https://{Region}"},
                "conditions": [
                    {"fn": "isSet", "argv": [{"ref": "Region"}]},
                    {"fn": "booleanEquals", "argv": [{"ref": "Flag"}, true]},
                    {"fn": "not", "argv": [{"fn": "booleanEquals", "argv": [{"ref": "Flag"}, false]}]}
                ]
            },
            {"type": "error", "error": "no", "conditions": [{"fn": "booleanEquals", "argv": [true, false]}]},
            {"type": "error", "error": "none", "conditions": []}
        ]);
        let (model, id) = model(rules);
        let plan = plan(&model, &id, None).unwrap().unwrap();
        let var = |name: &str| Expr::Var {
            ident: name.into(),
            repr: VarRepr::Plain,
        };
        assert_eq!(
            plan.body,
            vec![
                Node::Guarded {
                    conditions: vec![
                        Cond::Unwrap {
                            var: "region".into(),
                            value: var("region")
                        },
                        Cond::Test(var("flag")),
                        Cond::Test(var("flag")),
                    ],
                    body: vec![Node::Return(Outcome::Endpoint {
                        url: Expr::Format(vec![
                            Piece::Text("https://".into()),
                            Piece::Value(var("region"))
                        ]),
                        headers: vec![],
                        properties: vec![],
                    })],
                },
                Node::Return(Outcome::Error(Expr::Text("none".into()))),
            ]
        );
        assert!(plan.params.iter().all(|p| p.used));
    }

    use ir::{Cond, Expr, Outcome, Piece, VarRepr};
}
