//! The alternative to the generated resolver, for comparison only: a small
//! interpreter that walks the rule set at run time, as a crate embedding the
//! rule set (instead of Rust emitted per rule) would. It reads the rule set
//! with the generator's own reader into a tree once, at start-up, so what is
//! timed is evaluation alone, the interpreter's best case. It implements the
//! functions the Cognito rule set calls.

use std::borrow::Cow;
use std::collections::HashMap;

use codegen::rules::partitions::PartitionOutputs;
use codegen::rules::syntax::{
    AttrPart, Call, Expr, Literal, Parameter, Rule, RuleKind, RuleSet, Template, TemplatePart,
};
use codegen::rules::Partitions;
use regex_lite::Regex;
use serde_json::Value;

#[derive(Clone, Debug)]
pub enum V<'a> {
    Unset,
    Bool(bool),
    Str(Cow<'a, str>),
    Partition(&'a PartitionOutputs),
}

pub struct Interpreter {
    parameters: Vec<Parameter>,
    rules: Vec<Rule>,
    regions: HashMap<String, PartitionOutputs>,
    patterns: Vec<(Regex, PartitionOutputs)>,
    fallback: Option<PartitionOutputs>,
}

type Scope<'a> = Vec<(&'a str, V<'a>)>;

impl Interpreter {
    pub fn new(rule_set: &Value, partitions: &Partitions) -> Interpreter {
        let rule_set = RuleSet::from_json(rule_set).expect("the rule set reads");
        let mut regions = HashMap::new();
        let mut patterns = Vec::new();
        for p in &partitions.partitions {
            for (name, outputs) in &p.regions {
                regions
                    .entry(name.clone())
                    .or_insert_with(|| outputs.clone());
            }
            patterns.push((
                Regex::new(&p.region_regex).expect("checked when loaded"),
                p.outputs.clone(),
            ));
        }
        Interpreter {
            parameters: rule_set.parameters,
            rules: rule_set.rules,
            regions,
            patterns,
            fallback: partitions
                .partitions
                .iter()
                .find(|p| p.id == "aws")
                .map(|p| p.outputs.clone()),
        }
    }

    /// The URL, or the error message, for parameters given by rule-set name.
    pub fn resolve<'a>(&'a self, given: &[(&'a str, V<'a>)]) -> Result<String, String> {
        let mut scope: Scope<'a> = self
            .parameters
            .iter()
            .map(|p| {
                let value = match given.iter().find(|(n, _)| *n == p.name) {
                    Some((_, v)) => v.clone(),
                    None => match &p.default {
                        Some(Value::Bool(b)) => V::Bool(*b),
                        Some(Value::String(s)) => V::Str(Cow::Borrowed(s.as_str())),
                        _ => V::Unset,
                    },
                };
                (p.name.as_str(), value)
            })
            .collect();
        self.rules(&self.rules, &mut scope)
            .unwrap_or_else(|| Err("no rule matched".to_owned()))
    }

    fn rules<'a>(
        &'a self,
        rules: &'a [Rule],
        scope: &mut Scope<'a>,
    ) -> Option<Result<String, String>> {
        for rule in rules {
            let mark = scope.len();
            let matched = rule.conditions.iter().all(|c| {
                let value = self.call(&c.call, scope);
                let holds = !matches!(value, V::Unset | V::Bool(false));
                if let (true, Some(name)) = (holds, &c.assign) {
                    scope.push((name.as_str(), value));
                }
                holds
            });
            let outcome = matched.then(|| match &rule.kind {
                RuleKind::Endpoint(spec) => Ok(self.string(&spec.url, scope)),
                RuleKind::Error(message) => Err(self.string(message, scope)),
                RuleKind::Tree(rules) => self
                    .rules(rules, scope)
                    .unwrap_or_else(|| Err("no rule matched".to_owned())),
            });
            scope.truncate(mark);
            if outcome.is_some() {
                return outcome;
            }
        }
        None
    }

    fn string<'a>(&'a self, expr: &'a Expr, scope: &Scope<'a>) -> String {
        match self.expr(expr, scope) {
            V::Str(s) => s.into_owned(),
            _ => String::new(),
        }
    }

    fn expr<'a>(&'a self, expr: &'a Expr, scope: &Scope<'a>) -> V<'a> {
        match expr {
            Expr::Literal(Literal::String(t)) => self.template(t, scope),
            Expr::Literal(Literal::Bool(b)) => V::Bool(*b),
            Expr::Ref { name, .. } => lookup(scope, name),
            Expr::Call(call) => self.call(call, scope),
            _ => V::Unset,
        }
    }

    fn template<'a>(&'a self, template: &'a Template, scope: &Scope<'a>) -> V<'a> {
        if let [TemplatePart::Text(text)] = template.parts.as_slice() {
            return V::Str(Cow::Borrowed(text));
        }
        let mut out = String::new();
        for part in &template.parts {
            match part {
                TemplatePart::Text(text) => out.push_str(text),
                TemplatePart::Ref { name, attr } => {
                    if let V::Str(s) = attribute(lookup(scope, name), attr) {
                        out.push_str(&s);
                    }
                }
            }
        }
        V::Str(Cow::Owned(out))
    }

    fn call<'a>(&'a self, call: &'a Call, scope: &Scope<'a>) -> V<'a> {
        let arg = |i: usize| call.args.get(i).map_or(V::Unset, |a| self.expr(a, scope));
        match call.function.as_str() {
            "isSet" => V::Bool(!matches!(arg(0), V::Unset)),
            "not" => match arg(0) {
                V::Bool(b) => V::Bool(!b),
                _ => V::Unset,
            },
            "booleanEquals" => match (arg(0), arg(1)) {
                (V::Bool(a), V::Bool(b)) => V::Bool(a == b),
                _ => V::Unset,
            },
            "stringEquals" => match (arg(0), arg(1)) {
                (V::Str(a), V::Str(b)) => V::Bool(a == b),
                _ => V::Unset,
            },
            "getAttr" => match call.args.get(1) {
                Some(Expr::AttrPath { parts, .. }) => attribute(arg(0), parts),
                _ => V::Unset,
            },
            "aws.partition" => match arg(0) {
                V::Str(region) => self.partition(&region).map_or(V::Unset, V::Partition),
                _ => V::Unset,
            },
            _ => V::Unset,
        }
    }

    fn partition(&self, region: &str) -> Option<&PartitionOutputs> {
        self.regions
            .get(region)
            .or_else(|| {
                self.patterns
                    .iter()
                    .find(|(r, _)| r.is_match(region))
                    .map(|(_, o)| o)
            })
            .or(self.fallback.as_ref())
    }
}

fn lookup<'a>(scope: &Scope<'a>, name: &str) -> V<'a> {
    scope
        .iter()
        .rev()
        .find(|(n, _)| *n == name)
        .map_or(V::Unset, |(_, v)| v.clone())
}

fn attribute<'a>(value: V<'a>, path: &[AttrPart]) -> V<'a> {
    match (value, path) {
        (value, []) => value,
        (V::Partition(p), [AttrPart::Key(key)]) => match key.as_str() {
            "name" => V::Str(Cow::Borrowed(&p.name)),
            "dnsSuffix" => V::Str(Cow::Borrowed(&p.dns_suffix)),
            "dualStackDnsSuffix" => V::Str(Cow::Borrowed(&p.dual_stack_dns_suffix)),
            "implicitGlobalRegion" => V::Str(Cow::Borrowed(&p.implicit_global_region)),
            "supportsFIPS" => V::Bool(p.supports_fips),
            "supportsDualStack" => V::Bool(p.supports_dual_stack),
            _ => V::Unset,
        },
        _ => V::Unset,
    }
}
