//! The rule set after type checking: every reference resolved to a Rust
//! variable, every condition classified (a test, an unwrap, a binding),
//! constants folded. The resolver emitter turns this into Rust one to one.

use serde_json::Value;

use super::syntax::ParameterType;

/// The rule functions the generated crate's runtime implements, beyond the
/// ones the emitter writes inline (`isSet`, `not`, `booleanEquals`,
/// `stringEquals`, `getAttr`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Function {
    Substring,
    UriEncode,
    ParseUrl,
    IsValidHostLabel,
    Partition,
    ParseArn,
    IsVirtualHostableS3Bucket,
}

impl Function {
    pub const ALL: [Function; 7] = [
        Function::Substring,
        Function::UriEncode,
        Function::ParseUrl,
        Function::IsValidHostLabel,
        Function::Partition,
        Function::ParseArn,
        Function::IsVirtualHostableS3Bucket,
    ];

    /// The name rule sets call it by.
    pub fn rule_name(self) -> &'static str {
        match self {
            Function::Substring => "substring",
            Function::UriEncode => "uriEncode",
            Function::ParseUrl => "parseURL",
            Function::IsValidHostLabel => "isValidHostLabel",
            Function::Partition => "aws.partition",
            Function::ParseArn => "aws.parseArn",
            Function::IsVirtualHostableS3Bucket => "aws.isVirtualHostableS3Bucket",
        }
    }

    pub fn from_rule_name(name: &str) -> Option<Function> {
        Function::ALL.into_iter().find(|f| f.rule_name() == name)
    }

    /// Argument types, in order.
    pub fn params(self) -> &'static [Ty] {
        match self {
            Function::Substring => &[Ty::Str, Ty::Int, Ty::Int, Ty::Bool],
            Function::UriEncode | Function::ParseUrl | Function::Partition | Function::ParseArn => {
                &[Ty::Str]
            }
            Function::IsValidHostLabel | Function::IsVirtualHostableS3Bucket => {
                &[Ty::Str, Ty::Bool]
            }
        }
    }

    /// The result type, and whether the result may be unset.
    pub fn result(self) -> (Ty, bool) {
        match self {
            Function::Substring => (Ty::Str, true),
            Function::UriEncode => (Ty::Str, false),
            Function::ParseUrl => (Ty::Url, true),
            Function::IsValidHostLabel | Function::IsVirtualHostableS3Bucket => (Ty::Bool, false),
            Function::Partition => (Ty::Partition, true),
            Function::ParseArn => (Ty::Arn, true),
        }
    }
}

/// The type of a rule expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ty {
    Bool,
    /// Only as a literal argument (`substring`'s indexes).
    Int,
    Str,
    /// A list of strings: a `stringArray` parameter or an ARN's `resourceId`.
    Array,
    Partition,
    Arn,
    Url,
}

impl Ty {
    pub fn describe(self) -> &'static str {
        match self {
            Ty::Bool => "a boolean",
            Ty::Int => "an integer",
            Ty::Str => "a string",
            Ty::Array => "an array of strings",
            Ty::Partition => "a partition (from aws.partition)",
            Ty::Arn => "an ARN (from aws.parseArn)",
            Ty::Url => "a URL (from parseURL)",
        }
    }
}

/// A rule-set parameter as `EndpointParams` holds it.
#[derive(Clone, Debug)]
pub struct ParamPlan {
    /// The rule set's name (`UseFIPS`).
    pub name: String,
    /// The Rust field (`use_fips`), also the builder's setter.
    pub field: String,
    /// The builder's method that sets or clears an optional parameter
    /// (`set_use_fips`).
    pub set: String,
    pub ty: ParameterType,
    pub default: Option<Value>,
    /// Required and without a default: resolution fails when it is unset.
    pub must_be_set: bool,
    pub built_in: Option<String>,
    pub documentation: Option<String>,
    pub deprecated: Option<String>,
    /// Whether any rule reads it (only those get a local variable).
    pub used: bool,
}

impl ParamPlan {
    /// Whether the field is an `Option` (no default to fall back on).
    pub fn optional(&self) -> bool {
        self.default.is_none()
    }
}

/// One step of a block of the resolver. A block always ends in a `Return`.
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    /// A rule whose conditions may fail: `if ... { body }`, then on to the next.
    Guarded {
        conditions: Vec<Cond>,
        body: Vec<Node>,
    },
    /// A binding that always succeeds (a rule whose conditions cannot fail).
    Let {
        var: String,
        value: Expr,
    },
    Return(Outcome),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Cond {
    /// A boolean that must be true.
    Test(Expr),
    /// A value that must be set; `var` holds it inside.
    Unwrap { var: String, value: Expr },
    /// A value that is always there, bound to `var`.
    Let { var: String, value: Expr },
}

#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    Endpoint {
        url: Expr,
        headers: Vec<(String, Vec<Expr>)>,
        properties: Vec<(String, Property)>,
    },
    Error(Expr),
    NoRuleMatched,
}

/// An endpoint property: JSON whose strings may be templates.
#[derive(Clone, Debug, PartialEq)]
pub enum Property {
    Str(Expr),
    Bool(bool),
    Number(serde_json::Number),
    Array(Vec<Property>),
    Object(Vec<(String, Property)>),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    Bool(bool),
    Int(usize),
    /// Literal text.
    Text(String),
    /// A template with holes.
    Format(Vec<Piece>),
    Var {
        ident: String,
        repr: VarRepr,
    },
    /// A record attribute: `partition_result.dns_suffix`.
    Field {
        target: Box<Expr>,
        field: &'static str,
        ty: Ty,
    },
    /// `[n]` of an array: unset when out of range.
    Index {
        target: Box<Expr>,
        index: usize,
    },
    Call {
        function: Function,
        args: Vec<Expr>,
    },
    Not(Box<Expr>),
    Equal(Box<Expr>, Box<Expr>),
    IsSet(Box<Expr>),
}

/// How a variable holds its value, which decides how it is passed on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VarRepr {
    /// `&str`, `bool`, a record, or an `Option` of one of those.
    Plain,
    /// An owned `String` (the result of `uriEncode`).
    OwnedString,
    /// A `&[String]` (a `stringArray` parameter).
    StringSlice,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Piece {
    Text(String),
    Value(Expr),
}
