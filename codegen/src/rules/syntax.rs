//! The endpoint rule set (`smithy.rules#endpointRuleSet`) and its test cases
//! (`smithy.rules#endpointTests`) as Rust data, read from the trait JSON.
//! Every node keeps its JSON path so later errors can point at it.

use serde_json::{Map, Value};

/// Where a node sits in the trait value, as a JSON path (`$.rules[2].conditions[0]`).
pub type Path = String;

/// A failure to read the trait: the JSON path and what was expected there.
#[derive(Debug)]
pub struct SyntaxError {
    /// Where the problem is.
    pub at: Path,
    /// What was expected there.
    pub message: String,
}

type Result<T> = std::result::Result<T, SyntaxError>;

fn fail<T>(at: &str, message: impl Into<String>) -> Result<T> {
    Err(SyntaxError {
        at: at.to_owned(),
        message: message.into(),
    })
}

/// The rule set: its parameters and its rules, tried in order.
#[derive(Clone, Debug, PartialEq)]
pub struct RuleSet {
    /// The parameters, in the order the rule set lists them.
    pub parameters: Vec<Parameter>,
    /// The rules, tried in order.
    pub rules: Vec<Rule>,
}

/// The type of a rule-set parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParameterType {
    /// `string`.
    String,
    /// `boolean`.
    Boolean,
    /// `stringArray`.
    StringArray,
}

/// A rule-set parameter.
#[derive(Clone, Debug, PartialEq)]
pub struct Parameter {
    /// The name rules refer to it by (`Region`).
    pub name: String,
    /// Its type.
    pub ty: ParameterType,
    /// Whether resolution needs a value (given or defaulted).
    pub required: bool,
    /// A string, a boolean or an array of strings, matching `ty`.
    pub default: Option<Value>,
    /// `AWS::Region`, `SDK::Endpoint`, ...: where a client takes the value from.
    pub built_in: Option<String>,
    /// Its documentation, as the model writes it.
    pub documentation: Option<String>,
    /// Why it is deprecated, when it is.
    pub deprecated: Option<String>,
}

/// A rule: conditions, and what it resolves to when they all hold.
#[derive(Clone, Debug, PartialEq)]
pub struct Rule {
    /// Where the rule is.
    pub at: Path,
    /// Conditions that must all hold, in order.
    pub conditions: Vec<Condition>,
    /// What the rule resolves to.
    pub kind: RuleKind,
}

/// What a rule resolves to.
#[derive(Clone, Debug, PartialEq)]
pub enum RuleKind {
    /// An endpoint.
    Endpoint(EndpointSpec),
    /// An error, with its message.
    Error(Expr),
    /// Rules to try in order.
    Tree(Vec<Rule>),
}

/// The endpoint an endpoint rule resolves to.
#[derive(Clone, Debug, PartialEq)]
pub struct EndpointSpec {
    /// Its URL.
    pub url: Expr,
    /// Headers, each with its values.
    pub headers: Vec<(String, Vec<Expr>)>,
    /// Properties (such as `authSchemes`).
    pub properties: Vec<(String, Literal)>,
}

/// A condition: a function call, maybe bound to a name.
#[derive(Clone, Debug, PartialEq)]
pub struct Condition {
    /// The call.
    pub call: Call,
    /// The name the result is bound to for the rest of the rule.
    pub assign: Option<String>,
}

/// A function call.
#[derive(Clone, Debug, PartialEq)]
pub struct Call {
    /// Where the call is.
    pub at: Path,
    /// The function's name (`isSet`, `aws.partition`).
    pub function: String,
    /// Its arguments.
    pub args: Vec<Expr>,
}

/// An expression.
#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    /// A literal value.
    Literal(Literal),
    /// A reference to a parameter or an assigned name.
    Ref {
        /// Where the reference is.
        at: Path,
        /// The name.
        name: String,
    },
    /// A function call.
    Call(Call),
    /// The second argument of `getAttr`: a path such as `resourceId[1]`.
    AttrPath {
        /// Where the path is.
        at: Path,
        /// Its parts.
        parts: Vec<AttrPart>,
    },
}

/// A literal value.
#[derive(Clone, Debug, PartialEq)]
pub enum Literal {
    /// A string, maybe with references.
    String(Template),
    /// A boolean.
    Bool(bool),
    /// A number.
    Number(serde_json::Number),
    /// An array.
    Array(Vec<Literal>),
    /// An object.
    Object(Vec<(String, Literal)>),
}

/// A string literal: text with `{Name}` and `{Name#attr.path}` holes.
#[derive(Clone, Debug, PartialEq)]
pub struct Template {
    /// Where the string is.
    pub at: Path,
    /// Its text and holes, in order.
    pub parts: Vec<TemplatePart>,
}

/// A part of a template.
#[derive(Clone, Debug, PartialEq)]
pub enum TemplatePart {
    /// Text as it is.
    Text(String),
    /// A hole: a name and, for `{Name#path}`, an attribute path.
    Ref {
        /// The parameter or assigned name.
        name: String,
        /// The attribute path after `#`, empty when none.
        attr: Vec<AttrPart>,
    },
}

/// A step of an attribute path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AttrPart {
    /// An object key.
    Key(String),
    /// An array index.
    Index(usize),
}

/// One `smithy.rules#endpointTests` case.
#[derive(Clone, Debug, PartialEq)]
pub struct TestCase {
    /// Where the case is.
    pub at: Path,
    /// Its documentation.
    pub documentation: Option<String>,
    /// Parameter values by rule-set name.
    pub params: Map<String, Value>,
    /// What resolution must give.
    pub expect: Expectation,
}

/// What an endpoint test case expects.
#[derive(Clone, Debug, PartialEq)]
pub enum Expectation {
    /// An endpoint.
    Endpoint {
        /// Its URL.
        url: String,
        /// Its headers.
        headers: Vec<(String, Vec<String>)>,
        /// Its properties.
        properties: Map<String, Value>,
    },
    /// An error, with its message.
    Error(String),
}

impl RuleSet {
    /// Reads a rule set from the trait's JSON value.
    pub fn from_json(value: &Value) -> Result<RuleSet> {
        let object = as_object(value, "$")?;
        let parameters = match object.get("parameters") {
            None => Vec::new(),
            Some(p) => as_object(p, "$.parameters")?
                .iter()
                .map(|(name, p)| Parameter::from_json(name, p, &format!("$.parameters.{name}")))
                .collect::<Result<_>>()?,
        };
        let rules = rules(object.get("rules"), "$.rules")?;
        if rules.is_empty() {
            return fail("$.rules", "expected at least one rule");
        }
        Ok(RuleSet { parameters, rules })
    }
}

impl Parameter {
    fn from_json(name: &str, value: &Value, at: &str) -> Result<Parameter> {
        let object = as_object(value, at)?;
        let ty = match object.get("type").and_then(Value::as_str) {
            Some(t) if t.eq_ignore_ascii_case("string") => ParameterType::String,
            Some(t) if t.eq_ignore_ascii_case("boolean") => ParameterType::Boolean,
            Some(t) if t.eq_ignore_ascii_case("stringArray") => ParameterType::StringArray,
            _ => {
                return fail(
                    &format!("{at}.type"),
                    format!(
                        "expected \"string\", \"boolean\" or \"stringArray\", found {}",
                        describe(object.get("type"))
                    ),
                )
            }
        };
        let default = object.get("default").filter(|d| !d.is_null()).cloned();
        if let Some(d) = &default {
            let fits = match ty {
                ParameterType::String => d.is_string(),
                ParameterType::Boolean => d.is_boolean(),
                ParameterType::StringArray => {
                    d.as_array().is_some_and(|a| a.iter().all(Value::is_string))
                }
            };
            if !fits {
                return fail(
                    &format!("{at}.default"),
                    format!("expected a default of the parameter's type, found {d}"),
                );
            }
        }
        let text = |key: &str| object.get(key).and_then(Value::as_str).map(str::to_owned);
        let deprecated = object.get("deprecated").map(|d| {
            let field = |k: &str| d.get(k).and_then(Value::as_str);
            match (field("message"), field("since")) {
                (Some(m), Some(s)) => format!("{m} (since {s})"),
                (Some(m), None) => m.to_owned(),
                (None, Some(s)) => format!("deprecated since {s}"),
                (None, None) => "deprecated".to_owned(),
            }
        });
        Ok(Parameter {
            name: name.to_owned(),
            ty,
            required: object
                .get("required")
                .and_then(Value::as_bool)
                .unwrap_or(false),
            default,
            built_in: text("builtIn"),
            documentation: text("documentation"),
            deprecated,
        })
    }
}

fn rules(value: Option<&Value>, at: &str) -> Result<Vec<Rule>> {
    let Some(value) = value else {
        return fail(at, "expected an array of rules, found nothing");
    };
    let Some(items) = value.as_array() else {
        return fail(
            at,
            format!(
                "expected an array of rules, found {}",
                describe(Some(value))
            ),
        );
    };
    items
        .iter()
        .enumerate()
        .map(|(i, r)| Rule::from_json(r, &format!("{at}[{i}]")))
        .collect()
}

impl Rule {
    fn from_json(value: &Value, at: &str) -> Result<Rule> {
        let object = as_object(value, at)?;
        let conditions = match object.get("conditions") {
            None => Vec::new(),
            Some(c) => {
                let Some(items) = c.as_array() else {
                    return fail(
                        &format!("{at}.conditions"),
                        "expected an array of conditions",
                    );
                };
                items
                    .iter()
                    .enumerate()
                    .map(|(i, c)| Condition::from_json(c, &format!("{at}.conditions[{i}]")))
                    .collect::<Result<_>>()?
            }
        };
        let kind = match object.get("type").and_then(Value::as_str) {
            Some("endpoint") => RuleKind::Endpoint(EndpointSpec::from_json(
                object.get("endpoint"),
                &format!("{at}.endpoint"),
            )?),
            Some("error") => match object.get("error") {
                Some(e) => RuleKind::Error(Expr::from_json(e, &format!("{at}.error"))?),
                None => return fail(at, "an error rule needs an `error` message"),
            },
            Some("tree") => RuleKind::Tree(rules(object.get("rules"), &format!("{at}.rules"))?),
            other => {
                return fail(
                    &format!("{at}.type"),
                    format!(
                        "expected \"endpoint\", \"error\" or \"tree\", found {}",
                        describe(other)
                    ),
                )
            }
        };
        Ok(Rule {
            at: at.to_owned(),
            conditions,
            kind,
        })
    }
}

impl EndpointSpec {
    fn from_json(value: Option<&Value>, at: &str) -> Result<EndpointSpec> {
        let Some(value) = value else {
            return fail(at, "an endpoint rule needs an `endpoint` object");
        };
        let object = as_object(value, at)?;
        let url = match object.get("url") {
            Some(u) => Expr::from_json(u, &format!("{at}.url"))?,
            None => return fail(at, "an endpoint needs a `url`"),
        };
        let mut headers = Vec::new();
        if let Some(h) = object.get("headers") {
            for (name, values) in as_object(h, &format!("{at}.headers"))? {
                let here = format!("{at}.headers.{name}");
                let Some(values) = values.as_array() else {
                    return fail(&here, "expected an array of header values");
                };
                let values = values
                    .iter()
                    .enumerate()
                    .map(|(i, v)| Expr::from_json(v, &format!("{here}[{i}]")))
                    .collect::<Result<_>>()?;
                headers.push((name.clone(), values));
            }
        }
        let mut properties = Vec::new();
        if let Some(p) = object.get("properties") {
            for (name, value) in as_object(p, &format!("{at}.properties"))? {
                properties.push((
                    name.clone(),
                    Literal::from_json(value, &format!("{at}.properties.{name}"))?,
                ));
            }
        }
        Ok(EndpointSpec {
            url,
            headers,
            properties,
        })
    }
}

impl Condition {
    fn from_json(value: &Value, at: &str) -> Result<Condition> {
        let call = Call::from_json(value, at)?;
        let assign = match value.get("assign") {
            None => None,
            Some(Value::String(name)) if is_name(name) => Some(name.clone()),
            Some(other) => {
                return fail(
                    &format!("{at}.assign"),
                    format!("expected a name, found {other}"),
                )
            }
        };
        Ok(Condition { call, assign })
    }
}

impl Call {
    fn from_json(value: &Value, at: &str) -> Result<Call> {
        let object = as_object(value, at)?;
        let Some(function) = object.get("fn").and_then(Value::as_str) else {
            return fail(
                at,
                "expected a function call (an object with `fn` and `argv`)",
            );
        };
        let Some(argv) = object.get("argv").and_then(Value::as_array) else {
            return fail(&format!("{at}.argv"), "expected an array of arguments");
        };
        let args = argv
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let here = format!("{at}.argv[{i}]");
                match (function, i, a) {
                    ("getAttr", 1, Value::String(path)) => Ok(Expr::AttrPath {
                        parts: attr_path(path, &here)?,
                        at: here,
                    }),
                    _ => Expr::from_json(a, &here),
                }
            })
            .collect::<Result<_>>()?;
        Ok(Call {
            at: at.to_owned(),
            function: function.to_owned(),
            args,
        })
    }
}

impl Expr {
    fn from_json(value: &Value, at: &str) -> Result<Expr> {
        if let Some(object) = value.as_object() {
            if let Some(name) = object.get("ref") {
                return match name.as_str() {
                    Some(name) if is_name(name) => Ok(Expr::Ref {
                        at: at.to_owned(),
                        name: name.to_owned(),
                    }),
                    _ => fail(
                        &format!("{at}.ref"),
                        format!("expected a parameter or variable name, found {name}"),
                    ),
                };
            }
            if object.contains_key("fn") {
                return Call::from_json(value, at).map(Expr::Call);
            }
        }
        match value {
            Value::Array(_) | Value::Object(_) => {
                fail(at, "expected a string, a boolean, an integer, a `ref` or a function call; array and object literals are only allowed in endpoint properties")
            }
            Value::Number(n) if n.as_u64().is_none() => fail(at, format!("expected a non-negative integer, found {n}")),
            _ => Literal::from_json(value, at).map(Expr::Literal),
        }
    }
}

impl Literal {
    fn from_json(value: &Value, at: &str) -> Result<Literal> {
        Ok(match value {
            Value::String(s) => Literal::String(Template::parse(s, at)?),
            Value::Bool(b) => Literal::Bool(*b),
            Value::Number(n) => Literal::Number(n.clone()),
            Value::Array(items) => Literal::Array(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, v)| Literal::from_json(v, &format!("{at}[{i}]")))
                    .collect::<Result<_>>()?,
            ),
            Value::Object(fields) => Literal::Object(
                fields
                    .iter()
                    .map(|(k, v)| Ok((k.clone(), Literal::from_json(v, &format!("{at}.{k}"))?)))
                    .collect::<Result<_>>()?,
            ),
            Value::Null => return fail(at, "expected a value, found null"),
        })
    }
}

impl Template {
    /// Splits `text` at its `{...}` holes; `{{` and `}}` stand for braces.
    pub fn parse(text: &str, at: &str) -> Result<Template> {
        let mut parts = Vec::new();
        let mut literal = String::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '{' if chars.peek() == Some(&'{') => {
                    chars.next();
                    literal.push('{');
                }
                '}' if chars.peek() == Some(&'}') => {
                    chars.next();
                    literal.push('}');
                }
                '{' => {
                    let mut hole = String::new();
                    let mut closed = false;
                    for c in chars.by_ref() {
                        if c == '}' {
                            closed = true;
                            break;
                        }
                        hole.push(c);
                    }
                    if !closed {
                        return fail(
                            at,
                            format!("template {text:?}: `{{{hole}` is never closed with `}}`"),
                        );
                    }
                    let (name, attr) = match hole.split_once('#') {
                        Some((name, path)) => (name, attr_path(path, at)?),
                        None => (hole.as_str(), Vec::new()),
                    };
                    if !is_name(name) {
                        return fail(at, format!("template {text:?}: `{{{hole}` is not a `{{Name}}` or `{{Name#path}}` reference"));
                    }
                    if !literal.is_empty() {
                        parts.push(TemplatePart::Text(std::mem::take(&mut literal)));
                    }
                    parts.push(TemplatePart::Ref {
                        name: name.to_owned(),
                        attr,
                    });
                }
                '}' => {
                    return fail(
                        at,
                        format!("template {text:?}: a lone `}}` (write `}}}}` for a brace)"),
                    )
                }
                c => literal.push(c),
            }
        }
        if !literal.is_empty() || parts.is_empty() {
            parts.push(TemplatePart::Text(literal));
        }
        Ok(Template {
            at: at.to_owned(),
            parts,
        })
    }
}

/// `name.other[2]` as keys and indexes.
fn attr_path(path: &str, at: &str) -> Result<Vec<AttrPart>> {
    let bad = || {
        fail(at, format!("attribute path {path:?}: expected names joined by `.`, each optionally followed by `[n]`"))
    };
    let mut parts = Vec::new();
    for segment in path.split('.') {
        let (key, indexes) = match segment.find('[') {
            Some(i) => segment.split_at(i),
            None => (segment, ""),
        };
        if !key.is_empty() {
            if !is_name(key) {
                return bad();
            }
            parts.push(AttrPart::Key(key.to_owned()));
        } else if indexes.is_empty() {
            return bad();
        }
        let mut rest = indexes;
        while !rest.is_empty() {
            let Some((index, after)) = rest.strip_prefix('[').and_then(|r| r.split_once(']'))
            else {
                return bad();
            };
            let Ok(index) = index.parse::<usize>() else {
                return bad();
            };
            parts.push(AttrPart::Index(index));
            rest = after;
        }
    }
    Ok(parts)
}

impl TestCase {
    /// Every case of a `smithy.rules#endpointTests` value.
    pub fn all_from_json(value: &Value) -> Result<Vec<TestCase>> {
        let object = as_object(value, "$")?;
        let Some(cases) = object.get("testCases").and_then(Value::as_array) else {
            return fail("$.testCases", "expected an array of test cases");
        };
        cases
            .iter()
            .enumerate()
            .map(|(i, c)| TestCase::from_json(c, &format!("$.testCases[{i}]")))
            .collect()
    }

    fn from_json(value: &Value, at: &str) -> Result<TestCase> {
        let object = as_object(value, at)?;
        let params = match object.get("params") {
            None => Map::new(),
            Some(p) => as_object(p, &format!("{at}.params"))?.clone(),
        };
        let expect_at = format!("{at}.expect");
        let expect = as_object(object.get("expect").unwrap_or(&Value::Null), &expect_at)?;
        let expect = if let Some(error) = expect.get("error") {
            match error.as_str() {
                Some(e) => Expectation::Error(e.to_owned()),
                None => {
                    return fail(
                        &format!("{expect_at}.error"),
                        "expected the error message as a string",
                    )
                }
            }
        } else if let Some(endpoint) = expect.get("endpoint") {
            let here = format!("{expect_at}.endpoint");
            let endpoint = as_object(endpoint, &here)?;
            let Some(url) = endpoint.get("url").and_then(Value::as_str) else {
                return fail(&format!("{here}.url"), "expected the URL as a string");
            };
            let mut headers = Vec::new();
            if let Some(h) = endpoint.get("headers") {
                for (name, values) in as_object(h, &format!("{here}.headers"))? {
                    let values: Option<Vec<String>> = values
                        .as_array()
                        .and_then(|v| v.iter().map(|s| s.as_str().map(str::to_owned)).collect());
                    let Some(values) = values else {
                        return fail(
                            &format!("{here}.headers.{name}"),
                            "expected an array of strings",
                        );
                    };
                    headers.push((name.clone(), values));
                }
            }
            let properties = match endpoint.get("properties") {
                None => Map::new(),
                Some(p) => as_object(p, &format!("{here}.properties"))?.clone(),
            };
            Expectation::Endpoint {
                url: url.to_owned(),
                headers,
                properties,
            }
        } else {
            return fail(&expect_at, "expected an `endpoint` or an `error`");
        };
        Ok(TestCase {
            at: at.to_owned(),
            documentation: object
                .get("documentation")
                .and_then(Value::as_str)
                .map(str::to_owned),
            params,
            expect,
        })
    }
}

/// Rule-set names: a letter, then letters, digits and underscores.
fn is_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn as_object<'v>(value: &'v Value, at: &str) -> Result<&'v Map<String, Value>> {
    value.as_object().ok_or_else(|| SyntaxError {
        at: at.to_owned(),
        message: format!("expected an object, found {}", describe(Some(value))),
    })
}

fn describe(value: Option<&(impl std::fmt::Display + ?Sized)>) -> String {
    match value {
        None => "nothing".to_owned(),
        Some(v) => v.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_split_at_holes_and_keep_escaped_braces() {
        let t = Template::parse("https://{Region}.{P#dnsSuffix}/{{x}}", "$").unwrap();
        assert_eq!(
            t.parts,
            vec![
                TemplatePart::Text("https://".into()),
                TemplatePart::Ref {
                    name: "Region".into(),
                    attr: vec![]
                },
                TemplatePart::Text(".".into()),
                TemplatePart::Ref {
                    name: "P".into(),
                    attr: vec![AttrPart::Key("dnsSuffix".into())]
                },
                TemplatePart::Text("/{x}".into()),
            ]
        );
        let err = Template::parse("https://{Region", "$.rules[0].error")
            .map(|_| ())
            .unwrap_err();
        assert_eq!(err.at, "$.rules[0].error");
        assert!(err.message.contains("Region"), "{}", err.message);
        assert!(Template::parse("a}b", "$").is_err());
    }

    #[test]
    fn attribute_paths_have_keys_and_indexes() {
        assert_eq!(
            attr_path("resourceId[1]", "$").unwrap(),
            vec![AttrPart::Key("resourceId".into()), AttrPart::Index(1)]
        );
        assert_eq!(attr_path("[0]", "$").unwrap(), vec![AttrPart::Index(0)]);
        assert_eq!(
            attr_path("a.b", "$").unwrap(),
            vec![AttrPart::Key("a".into()), AttrPart::Key("b".into())]
        );
        for bad in ["", "a..b", "a[", "a[x]", "a[-1]", "a]"] {
            assert!(attr_path(bad, "$").is_err(), "{bad:?} should be rejected");
        }
    }

    #[test]
    fn bad_rules_name_their_json_path() {
        let value = serde_json::json!({
            "parameters": {"Region": {"type": "string"}},
            "rules": [{"type": "tree", "conditions": [], "rules": [{"type": "endpoint", "conditions": [{"fn": "isSet"}]}]}]
        });
        let err = RuleSet::from_json(&value).unwrap_err();
        assert_eq!(err.at, "$.rules[0].rules[0].conditions[0].argv");
        let value = serde_json::json!({"parameters": {"X": {"type": "number"}}, "rules": []});
        let err = RuleSet::from_json(&value).unwrap_err();
        assert_eq!(err.at, "$.parameters.X.type");
        assert!(err.message.contains("\"number\""), "{}", err.message);
    }
}
