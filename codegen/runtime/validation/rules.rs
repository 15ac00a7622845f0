//! The checks behind every input's `validate()`: what a violation says, the
//! path to the value it is about, and one helper per kind of constraint.

use std::fmt;
use std::ops::{Bound, RangeBounds};

/// Every constraint an input breaks, in the order the members are declared.
#[derive(Clone, Debug, PartialEq)]
pub struct ValidationError {
    violations: Vec<Violation>,
}

impl ValidationError {
    /// The violations found; never empty.
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }

    /// The violations found, to keep.
    pub fn into_violations(self) -> Vec<Violation> {
        self.violations
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.violations.as_slice() {
            [one] => write!(f, "invalid input: {one}"),
            all => {
                write!(f, "invalid input, {} violations: ", all.len())?;
                for (i, violation) in all.iter().enumerate() {
                    if i > 0 {
                        f.write_str("; ")?;
                    }
                    write!(f, "{violation}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for ValidationError {}

/// One broken constraint: where, and which rule. It never holds the value
/// itself, so it is safe to log even for sensitive members.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Violation {
    /// Member names as the model spells them, from the input down:
    /// `ContextData.HttpHeaders[0].headerName`, `ClientMetadata["key"]`.
    /// A key that violates a constraint itself ends in ` (key)`; keys of
    /// sensitive maps show as `[<redacted>]`.
    pub path: String,
    /// The constraint broken there.
    pub rule: Rule,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.rule)
    }
}

/// The constraint a value breaks, with the limits the model sets.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Rule {
    /// `@required`: the member is not set.
    Required,
    /// `@length`: the number of characters (Unicode scalar values) of a
    /// string, bytes of a blob, items of a list or entries of a map is
    /// outside `min..=max`.
    Length {
        /// The least length allowed, if any.
        min: Option<u64>,
        /// The greatest length allowed, if any.
        max: Option<u64>,
    },
    /// `@range`: the number is outside `min..=max` (or is NaN).
    Range {
        /// The least value allowed, if any.
        min: Option<f64>,
        /// The greatest value allowed, if any.
        max: Option<f64>,
    },
    /// `@pattern`: the string does not contain a match of the expression.
    Pattern {
        /// The regular expression, as the crate matches it.
        pattern: &'static str,
    },
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rule::Required => f.write_str("is required but not set"),
            Rule::Length { min, max } => {
                f.write_str("length must be ")?;
                write_limits(f, min, max)
            }
            Rule::Range { min, max } => {
                f.write_str("must be ")?;
                write_limits(f, min, max)
            }
            Rule::Pattern { pattern } => write!(f, "must match the pattern `{pattern}`"),
        }
    }
}

fn write_limits<T: fmt::Display>(f: &mut fmt::Formatter<'_>, min: &Option<T>, max: &Option<T>) -> fmt::Result {
    match (min, max) {
        (Some(min), Some(max)) => write!(f, "between {min} and {max}"),
        (Some(min), None) => write!(f, "at least {min}"),
        (None, Some(max)) => write!(f, "at most {max}"),
        (None, None) => f.write_str("anything"),
    }
}

/// Where a value sits in the input, built on the stack as validation
/// descends and written out only for a violation.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Path<'a> {
    Root,
    Member(&'a Path<'a>, &'static str),
    Index(&'a Path<'a>, usize),
    Key(&'a Path<'a>, &'a str),
    RedactedKey(&'a Path<'a>),
    KeyItself(&'a Path<'a>),
}

impl<'a> Path<'a> {
    pub(crate) fn member(&'a self, name: &'static str) -> Path<'a> {
        Path::Member(self, name)
    }

    pub(crate) fn index(&'a self, index: usize) -> Path<'a> {
        Path::Index(self, index)
    }

    /// The entry under `key`; `sensitive` hides the key itself.
    pub(crate) fn key(&'a self, key: &'a str, sensitive: bool) -> Path<'a> {
        if sensitive {
            Path::RedactedKey(self)
        } else {
            Path::Key(self, key)
        }
    }

    /// The key of the entry this path names, rather than its value.
    pub(crate) fn key_itself(&'a self) -> Path<'a> {
        Path::KeyItself(self)
    }
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root => Ok(()),
            Path::Member(Path::Root, name) => f.write_str(name),
            Path::Member(parent, name) => write!(f, "{parent}.{name}"),
            Path::Index(parent, index) => write!(f, "{parent}[{index}]"),
            Path::Key(parent, key) => write!(f, "{parent}[{key:?}]"),
            Path::RedactedKey(parent) => write!(f, "{parent}[<redacted>]"),
            Path::KeyItself(parent) => write!(f, "{parent} (key)"),
        }
    }
}

/// Structures and unions that have something to check.
pub(crate) trait Validate {
    /// Adds every violation of `self`, found at `path`, to `violations`.
    fn validate_at(&self, path: &Path<'_>, violations: &mut Vec<Violation>);
}

/// Runs `value`'s checks from the root.
pub(crate) fn validate<T: Validate>(value: &T) -> Result<(), ValidationError> {
    let mut violations = Vec::new();
    value.validate_at(&Path::Root, &mut violations);
    if violations.is_empty() {
        Ok(())
    } else {
        Err(ValidationError { violations })
    }
}

pub(crate) fn violation(path: &Path<'_>, rule: Rule, violations: &mut Vec<Violation>) {
    violations.push(Violation {
        path: path.to_string(),
        rule,
    });
}

/// A required member is not set.
pub(crate) fn required(path: &Path<'_>, violations: &mut Vec<Violation>) {
    violation(path, Rule::Required, violations);
}

/// `size` (characters, bytes, items or entries) must lie in `limits`.
pub(crate) fn length(path: &Path<'_>, size: usize, limits: impl RangeBounds<usize>, violations: &mut Vec<Violation>) {
    if !limits.contains(&size) {
        let bound = |b: Bound<&usize>| match b {
            Bound::Included(n) | Bound::Excluded(n) => u64::try_from(*n).ok(),
            Bound::Unbounded => None,
        };
        let rule = Rule::Length {
            min: bound(limits.start_bound()),
            max: bound(limits.end_bound()),
        };
        violation(path, rule, violations);
    }
}

/// The numbers `@range` applies to, as `f64` for the violation's limits.
pub(crate) trait Number: PartialOrd + Copy {
    fn to_f64(self) -> f64;
}

impl Number for i8 {
    fn to_f64(self) -> f64 {
        f64::from(self)
    }
}

impl Number for i16 {
    fn to_f64(self) -> f64 {
        f64::from(self)
    }
}

impl Number for i32 {
    fn to_f64(self) -> f64 {
        f64::from(self)
    }
}

impl Number for i64 {
    // Only the limits a violation reports are converted; the comparison
    // itself is exact. Limits beyond 2^53 print rounded.
    fn to_f64(self) -> f64 {
        self as f64
    }
}

impl Number for f32 {
    fn to_f64(self) -> f64 {
        f64::from(self)
    }
}

impl Number for f64 {
    fn to_f64(self) -> f64 {
        self
    }
}

/// `value` must lie in `limits`; NaN lies in none.
pub(crate) fn range<T: Number>(
    path: &Path<'_>,
    value: T,
    limits: impl RangeBounds<T>,
    violations: &mut Vec<Violation>,
) {
    if !limits.contains(&value) {
        let bound = |b: Bound<&T>| match b {
            Bound::Included(n) | Bound::Excluded(n) => Some(n.to_f64()),
            Bound::Unbounded => None,
        };
        let rule = Rule::Range {
            min: bound(limits.start_bound()),
            max: bound(limits.end_bound()),
        };
        violation(path, rule, violations);
    }
}

/// `@range` on a big number, compared as the nearest `f64`. Text that is not
/// a number is left for the service to refuse.
pub(crate) fn big_range(path: &Path<'_>, value: &str, limits: impl RangeBounds<f64>, violations: &mut Vec<Violation>) {
    if let Ok(value) = value.parse::<f64>() {
        range(path, value, limits, violations);
    }
}
