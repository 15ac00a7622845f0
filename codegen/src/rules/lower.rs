//! Type checking and lowering: the rule set's syntax to the resolver IR.
//!
//! The checks are the rules engine's own: a reference must name a parameter
//! or a variable assigned earlier in the same rule (or an enclosing tree); a
//! value that may be unset must be proven set (`isSet`, or `assign` in a
//! condition) before a function, a template or `getAttr` uses it; arguments
//! must have the function's types. Anything else is an error naming the JSON
//! path, so a broken rule set fails generation rather than the build.

use std::collections::BTreeSet;

use super::ir::{Cond, Expr, Function, Node, Outcome, ParamPlan, Piece, Property, Ty, VarRepr};
use super::syntax::{
    self, AttrPart, Call, Literal, ParameterType, Rule, RuleKind, Template, TemplatePart,
};
use crate::naming;

/// A type error at a JSON path.
#[derive(Debug)]
pub struct LowerError {
    pub at: String,
    pub message: String,
}

type Result<T> = std::result::Result<T, LowerError>;

fn fail<T>(at: &str, message: impl Into<String>) -> Result<T> {
    Err(LowerError {
        at: at.to_owned(),
        message: message.into(),
    })
}

/// The lowered resolver body and the runtime functions it calls.
pub struct Lowered {
    pub body: Vec<Node>,
    pub functions: BTreeSet<Function>,
}

/// Lowers `rules`; marks the parameters they read as used.
pub fn lower(params: &mut [ParamPlan], rules: &[Rule]) -> Result<Lowered> {
    let mut lowerer = Lowerer {
        scope: params
            .iter()
            .enumerate()
            .map(|(i, p)| Binding {
                name: p.name.clone(),
                ident: p.field.clone(),
                ty: match p.ty {
                    ParameterType::String => Ty::Str,
                    ParameterType::Boolean => Ty::Bool,
                    ParameterType::StringArray => Ty::Array,
                },
                optional: p.optional() && !p.must_be_set,
                repr: if p.ty == ParameterType::StringArray {
                    VarRepr::StringSlice
                } else {
                    VarRepr::Plain
                },
                constant: None,
                uses: 0,
                param: Some(i),
            })
            .collect(),
        functions: BTreeSet::new(),
        param_uses: vec![0; params.len()],
    };
    let body = lowerer.rules(rules)?;
    for (param, uses) in params.iter_mut().zip(&lowerer.param_uses) {
        param.used = *uses > 0;
    }
    Ok(Lowered {
        body,
        functions: lowerer.functions,
    })
}

struct Binding {
    /// The rule set's name.
    name: String,
    ident: String,
    ty: Ty,
    optional: bool,
    repr: VarRepr,
    /// A boolean condition's result assigned to a name: always `true` where visible.
    constant: Option<bool>,
    uses: usize,
    /// For parameters (and their narrowed views): which one.
    param: Option<usize>,
}

struct Lowerer {
    /// Visible bindings, innermost last.
    scope: Vec<Binding>,
    functions: BTreeSet<Function>,
    param_uses: Vec<usize>,
}

/// A condition before we know whether its binding is used.
enum Draft {
    Test(Expr),
    Unwrap {
        value: Expr,
        binding: usize,
    },
    Let {
        value: Expr,
        binding: usize,
    },
    /// Always true, binds nothing the body needs to compute.
    Nothing,
    /// Always false: the rule never matches.
    Never,
}

impl Lowerer {
    /// A block of rules: the first that matches decides; a block whose rules
    /// can all fail ends in "no rule matched".
    fn rules(&mut self, rules: &[Rule]) -> Result<Vec<Node>> {
        let mut nodes = Vec::new();
        for rule in rules {
            let Some((conditions, body)) = self.rule(rule)? else {
                continue;
            };
            if conditions.iter().all(|c| matches!(c, Cond::Let { .. })) {
                // This rule always matches: later rules can never run.
                for c in conditions {
                    if let Cond::Let { var, value } = c {
                        nodes.push(Node::Let { var, value });
                    }
                }
                nodes.extend(body);
                return Ok(nodes);
            }
            nodes.push(Node::Guarded { conditions, body });
        }
        nodes.push(Node::Return(Outcome::NoRuleMatched));
        Ok(nodes)
    }

    /// `None` when the rule can never match.
    fn rule(&mut self, rule: &Rule) -> Result<Option<(Vec<Cond>, Vec<Node>)>> {
        let mark = self.scope.len();
        let mut drafts = Vec::new();
        for condition in &rule.conditions {
            let draft = self.condition(condition)?;
            if matches!(draft, Draft::Never) {
                self.scope.truncate(mark);
                return Ok(None);
            }
            drafts.push(draft);
        }
        let body = match &rule.kind {
            RuleKind::Endpoint(spec) => vec![Node::Return(
                self.endpoint(spec, &format!("{}.endpoint", rule.at))?,
            )],
            RuleKind::Error(message) => {
                let (message, ty, optional) = self.expr(message)?;
                self.expect(
                    ty,
                    optional,
                    Ty::Str,
                    &format!("{}.error", rule.at),
                    "the error message",
                )?;
                vec![Node::Return(Outcome::Error(message))]
            }
            RuleKind::Tree(rules) => self.rules(rules)?,
        };
        let mut conditions = Vec::new();
        for draft in drafts {
            match draft {
                Draft::Test(e) => conditions.push(Cond::Test(e)),
                Draft::Unwrap { value, binding } => {
                    if self.scope[binding].uses > 0 {
                        let var = self.scope[binding].ident.clone();
                        conditions.push(Cond::Unwrap { var, value });
                    } else {
                        conditions.push(Cond::Test(Expr::IsSet(Box::new(value))));
                    }
                }
                Draft::Let { value, binding } => {
                    if self.scope[binding].uses > 0 {
                        let var = self.scope[binding].ident.clone();
                        conditions.push(Cond::Let { var, value });
                    }
                }
                Draft::Nothing | Draft::Never => {}
            }
        }
        self.scope.truncate(mark);
        Ok(Some((conditions, body)))
    }

    fn condition(&mut self, condition: &syntax::Condition) -> Result<Draft> {
        let call = &condition.call;
        // `isSet(Param)` proves the parameter set for the rest of the rule.
        if let (Some(name), None) = (set_parameter(call), &condition.assign) {
            let Some(index) = self.find(name) else {
                return fail(
                    &call.at,
                    format!(
                        "`{name}` is neither a parameter nor a variable assigned before this point"
                    ),
                );
            };
            if self.scope[index].optional && self.scope[index].constant.is_none() {
                let value = self.reference(index);
                let narrowed = Binding {
                    name: name.to_owned(),
                    ident: self.scope[index].ident.clone(),
                    ty: self.scope[index].ty,
                    optional: false,
                    repr: self.scope[index].repr,
                    constant: None,
                    uses: 0,
                    param: self.scope[index].param,
                };
                self.scope.push(narrowed);
                return Ok(Draft::Unwrap {
                    value,
                    binding: self.scope.len() - 1,
                });
            }
        }
        let (value, ty, optional) = self.call(call)?;
        let Some(name) = &condition.assign else {
            return Ok(match (value, optional) {
                (Expr::Bool(true), false) => Draft::Nothing,
                (Expr::Bool(false), false) => Draft::Never,
                (value, true) => Draft::Test(Expr::IsSet(Box::new(value))),
                (value, false) if ty == Ty::Bool => Draft::Test(value),
                (_, false) => Draft::Nothing,
            });
        };
        if self.scope.iter().any(|b| &b.name == name) {
            return fail(&call.at, format!("`assign` reuses the name `{name}`, which is already a parameter or variable here"));
        }
        let ident = self.fresh_ident(name);
        let mut binding = Binding {
            name: name.clone(),
            ident,
            ty,
            optional: false,
            repr: if ty == Ty::Str && value_is_owned(&value) {
                VarRepr::OwnedString
            } else {
                VarRepr::Plain
            },
            constant: None,
            uses: 0,
            param: None,
        };
        let draft = match (ty, optional) {
            (Ty::Bool, false) => {
                binding.constant = Some(true);
                match value {
                    Expr::Bool(false) => Draft::Never,
                    Expr::Bool(true) => Draft::Nothing,
                    value => Draft::Test(value),
                }
            }
            (_, true) => Draft::Unwrap {
                value,
                binding: self.scope.len(),
            },
            (_, false) => Draft::Let {
                value,
                binding: self.scope.len(),
            },
        };
        self.scope.push(binding);
        Ok(draft)
    }

    fn endpoint(&mut self, spec: &syntax::EndpointSpec, at: &str) -> Result<Outcome> {
        let (url, ty, optional) = self.expr(&spec.url)?;
        self.expect(
            ty,
            optional,
            Ty::Str,
            &format!("{at}.url"),
            "the endpoint URL",
        )?;
        let mut headers = Vec::new();
        for (name, values) in &spec.headers {
            let mut lowered = Vec::new();
            for (i, value) in values.iter().enumerate() {
                let (e, ty, optional) = self.expr(value)?;
                self.expect(
                    ty,
                    optional,
                    Ty::Str,
                    &format!("{at}.headers.{name}[{i}]"),
                    "a header value",
                )?;
                lowered.push(e);
            }
            headers.push((name.clone(), lowered));
        }
        let mut properties = Vec::new();
        for (name, value) in &spec.properties {
            properties.push((name.clone(), self.property(value)?));
        }
        Ok(Outcome::Endpoint {
            url,
            headers,
            properties,
        })
    }

    fn property(&mut self, literal: &Literal) -> Result<Property> {
        Ok(match literal {
            Literal::String(t) => {
                let (e, ty, optional) = self.template(t)?;
                self.expect(ty, optional, Ty::Str, &t.at, "a property string")?;
                Property::Str(e)
            }
            Literal::Bool(b) => Property::Bool(*b),
            Literal::Number(n) => Property::Number(n.clone()),
            Literal::Array(items) => Property::Array(
                items
                    .iter()
                    .map(|i| self.property(i))
                    .collect::<Result<_>>()?,
            ),
            Literal::Object(fields) => Property::Object(
                fields
                    .iter()
                    .map(|(k, v)| Ok((k.clone(), self.property(v)?)))
                    .collect::<Result<_>>()?,
            ),
        })
    }

    /// An expression with its type and whether it may be unset.
    fn expr(&mut self, expr: &syntax::Expr) -> Result<(Expr, Ty, bool)> {
        match expr {
            syntax::Expr::Literal(Literal::String(t)) => self.template(t),
            syntax::Expr::Literal(Literal::Bool(b)) => Ok((Expr::Bool(*b), Ty::Bool, false)),
            syntax::Expr::Literal(Literal::Number(n)) => {
                match n.as_u64().and_then(|n| usize::try_from(n).ok()) {
                    Some(n) => Ok((Expr::Int(n), Ty::Int, false)),
                    None => fail("$", format!("expected a non-negative integer, found {n}")), // rejected when read
                }
            }
            // Rejected when the rule set was read.
            syntax::Expr::Literal(_) => fail(
                "$",
                "array and object literals are only allowed in endpoint properties",
            ),
            syntax::Expr::Ref { at, name } => match self.find(name) {
                Some(index) => {
                    let b = &self.scope[index];
                    let (ty, optional) = (b.ty, b.optional);
                    Ok((self.reference(index), ty, optional))
                }
                None => fail(
                    at,
                    format!(
                        "`{name}` is neither a parameter nor a variable assigned before this point"
                    ),
                ),
            },
            syntax::Expr::Call(call) => self.call(call),
            syntax::Expr::AttrPath { at, .. } => fail(
                at,
                "an attribute path is only allowed as getAttr's second argument",
            ),
        }
    }

    fn template(&mut self, template: &Template) -> Result<(Expr, Ty, bool)> {
        let mut pieces = Vec::new();
        for part in &template.parts {
            match part {
                TemplatePart::Text(text) => pieces.push(Piece::Text(text.clone())),
                TemplatePart::Ref { name, attr } => {
                    let Some(index) = self.find(name) else {
                        return fail(
                            &template.at,
                            format!("the template refers to `{name}`, which is neither a parameter nor a variable assigned before this point"),
                        );
                    };
                    let (ty, optional) = (self.scope[index].ty, self.scope[index].optional);
                    let value = self.reference(index);
                    let (value, ty, optional) =
                        self.attribute(value, ty, optional, attr, &template.at)?;
                    self.expect(
                        ty,
                        optional,
                        Ty::Str,
                        &template.at,
                        &format!("the template's `{{{name}}}`"),
                    )?;
                    pieces.push(Piece::Value(value));
                }
            }
        }
        let expr = match pieces.as_slice() {
            [Piece::Text(text)] => Expr::Text(text.clone()),
            [Piece::Value(value)] => value.clone(),
            _ => Expr::Format(pieces),
        };
        Ok((expr, Ty::Str, false))
    }

    fn call(&mut self, call: &Call) -> Result<(Expr, Ty, bool)> {
        let arity = |n: usize| -> Result<()> {
            if call.args.len() == n {
                Ok(())
            } else {
                fail(
                    &call.at,
                    format!(
                        "{} takes {n} argument(s), found {}",
                        call.function,
                        call.args.len()
                    ),
                )
            }
        };
        match call.function.as_str() {
            "isSet" => {
                arity(1)?;
                let (value, _, optional) = self.expr(&call.args[0])?;
                Ok((
                    if optional {
                        Expr::IsSet(Box::new(value))
                    } else {
                        Expr::Bool(true)
                    },
                    Ty::Bool,
                    false,
                ))
            }
            "not" => {
                arity(1)?;
                let value = self.typed_arg(call, 0, Ty::Bool)?;
                Ok((not(value), Ty::Bool, false))
            }
            "booleanEquals" => {
                arity(2)?;
                let a = self.typed_arg(call, 0, Ty::Bool)?;
                let b = self.typed_arg(call, 1, Ty::Bool)?;
                let folded = match (a, b) {
                    (Expr::Bool(x), Expr::Bool(y)) => Expr::Bool(x == y),
                    (Expr::Bool(true), e) | (e, Expr::Bool(true)) => e,
                    (Expr::Bool(false), e) | (e, Expr::Bool(false)) => not(e),
                    (a, b) => Expr::Equal(Box::new(a), Box::new(b)),
                };
                Ok((folded, Ty::Bool, false))
            }
            "stringEquals" => {
                arity(2)?;
                let a = self.typed_arg(call, 0, Ty::Str)?;
                let b = self.typed_arg(call, 1, Ty::Str)?;
                let folded = match (a, b) {
                    (Expr::Text(x), Expr::Text(y)) => Expr::Bool(x == y),
                    (a, b) => Expr::Equal(Box::new(a), Box::new(b)),
                };
                Ok((folded, Ty::Bool, false))
            }
            "getAttr" => {
                arity(2)?;
                let syntax::Expr::AttrPath { parts, .. } = &call.args[1] else {
                    return fail(&format!("{}.argv[1]", call.at), "expected an attribute path as a string, such as \"name\" or \"resourceId[1]\"");
                };
                let (target, ty, optional) = self.expr(&call.args[0])?;
                self.attribute(target, ty, optional, parts, &call.at)
            }
            name => {
                let Some(function) = Function::from_rule_name(name) else {
                    let known: Vec<&str> =
                        ["isSet", "not", "booleanEquals", "stringEquals", "getAttr"]
                            .into_iter()
                            .chain(Function::ALL.iter().map(|f| f.rule_name()))
                            .collect();
                    return fail(
                        &format!("{}.fn", call.at),
                        format!(
                            "the rule function `{name}` is not implemented by the generator's endpoint runtime (it has {})",
                            known.join(", ")
                        ),
                    );
                };
                let params = function.params();
                arity(params.len())?;
                let mut args = Vec::new();
                for (i, ty) in params.iter().enumerate() {
                    args.push(self.typed_arg(call, i, *ty)?);
                }
                self.functions.insert(function);
                let (ty, optional) = function.result();
                Ok((Expr::Call { function, args }, ty, optional))
            }
        }
    }

    /// Argument `i` of `call`, which must be a set value of type `ty`.
    fn typed_arg(&mut self, call: &Call, i: usize, ty: Ty) -> Result<Expr> {
        let (value, actual, optional) = self.expr(&call.args[i])?;
        let what = format!("argument {} of {}", i + 1, call.function);
        self.expect(
            actual,
            optional,
            ty,
            &format!("{}.argv[{i}]", call.at),
            &what,
        )?;
        Ok(value)
    }

    fn expect(&self, actual: Ty, optional: bool, expected: Ty, at: &str, what: &str) -> Result<()> {
        if actual != expected {
            return fail(
                at,
                format!(
                    "{what} must be {}, found {}",
                    expected.describe(),
                    actual.describe()
                ),
            );
        }
        if optional {
            return fail(
                at,
                format!(
                    "{what} may be unset here; prove it set first with `isSet` or an `assign` in an earlier condition"
                ),
            );
        }
        Ok(())
    }

    /// Follows a `getAttr` path from `value`.
    fn attribute(
        &self,
        mut value: Expr,
        mut ty: Ty,
        mut optional: bool,
        path: &[AttrPart],
        at: &str,
    ) -> Result<(Expr, Ty, bool)> {
        for part in path {
            if optional {
                return fail(
                    at,
                    "getAttr on a value that may be unset; prove it set first with `isSet` or an `assign` in an earlier condition",
                );
            }
            match part {
                AttrPart::Key(key) => {
                    let Some((field, field_ty)) = record_field(ty, key) else {
                        return fail(at, format!("{} has no attribute `{key}`", ty.describe()));
                    };
                    value = Expr::Field {
                        target: Box::new(value),
                        field,
                        ty: field_ty,
                    };
                    ty = field_ty;
                }
                AttrPart::Index(index) => {
                    if ty != Ty::Array {
                        return fail(
                            at,
                            format!(
                                "`[{index}]` indexes an array, but this is {}",
                                ty.describe()
                            ),
                        );
                    }
                    value = Expr::Index {
                        target: Box::new(value),
                        index: *index,
                    };
                    ty = Ty::Str;
                    optional = true;
                }
            }
        }
        Ok((value, ty, optional))
    }

    fn find(&self, name: &str) -> Option<usize> {
        self.scope.iter().rposition(|b| b.name == name)
    }

    /// A use of binding `index`.
    fn reference(&mut self, index: usize) -> Expr {
        let b = &mut self.scope[index];
        b.uses += 1;
        if let Some(param) = b.param {
            self.param_uses[param] += 1;
        }
        match b.constant {
            Some(c) => Expr::Bool(c),
            None => Expr::Var {
                ident: b.ident.clone(),
                repr: b.repr,
            },
        }
    }

    /// A Rust name for an assigned variable that no visible binding uses.
    fn fresh_ident(&self, name: &str) -> String {
        let mut ident = naming::field_name(name);
        while ident == "params" || self.scope.iter().any(|b| b.ident == ident) {
            ident.push('_');
        }
        ident
    }
}

/// `Name` when `call` is `isSet(Name)`.
fn set_parameter(call: &Call) -> Option<&str> {
    match (call.function.as_str(), call.args.as_slice()) {
        ("isSet", [syntax::Expr::Ref { name, .. }]) => Some(name),
        _ => None,
    }
}

fn not(value: Expr) -> Expr {
    match value {
        Expr::Bool(b) => Expr::Bool(!b),
        Expr::Not(inner) => *inner,
        other => Expr::Not(Box::new(other)),
    }
}

fn value_is_owned(value: &Expr) -> bool {
    matches!(
        value,
        Expr::Format(_)
            | Expr::Call {
                function: Function::UriEncode,
                ..
            }
    )
}

/// The Rust field and type of attribute `key` of a record type.
fn record_field(ty: Ty, key: &str) -> Option<(&'static str, Ty)> {
    Some(match (ty, key) {
        (Ty::Partition, "name") => ("name", Ty::Str),
        (Ty::Partition, "dnsSuffix") => ("dns_suffix", Ty::Str),
        (Ty::Partition, "dualStackDnsSuffix") => ("dual_stack_dns_suffix", Ty::Str),
        (Ty::Partition, "implicitGlobalRegion") => ("implicit_global_region", Ty::Str),
        (Ty::Partition, "supportsFIPS") => ("supports_fips", Ty::Bool),
        (Ty::Partition, "supportsDualStack") => ("supports_dual_stack", Ty::Bool),
        (Ty::Arn, "partition") => ("partition", Ty::Str),
        (Ty::Arn, "service") => ("service", Ty::Str),
        (Ty::Arn, "region") => ("region", Ty::Str),
        (Ty::Arn, "accountId") => ("account_id", Ty::Str),
        (Ty::Arn, "resourceId") => ("resource_id", Ty::Array),
        (Ty::Url, "scheme") => ("scheme", Ty::Str),
        (Ty::Url, "authority") => ("authority", Ty::Str),
        (Ty::Url, "path") => ("path", Ty::Str),
        (Ty::Url, "normalizedPath") => ("normalized_path", Ty::Str),
        (Ty::Url, "isIp") => ("is_ip", Ty::Bool),
        _ => return None,
    })
}
