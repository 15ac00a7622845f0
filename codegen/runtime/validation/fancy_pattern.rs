//! `@pattern`s the `regex` crate cannot compile (look-around,
//! back-references), matched with `fancy-regex`: it backtracks only for
//! those constructs and hands the rest to the same engine `regex` uses.

use std::sync::OnceLock;

use super::rules::{violation, Path, Rule, Violation};

/// A model's regular expression and, once needed, its compiled form.
pub(crate) struct FancyPattern {
    text: &'static str,
    /// `None` if `fancy-regex` refuses the expression, which only a
    /// different release than the generator's could; it then goes unchecked.
    regex: OnceLock<Option<fancy_regex::Regex>>,
}

impl FancyPattern {
    pub(crate) const fn new(text: &'static str) -> Self {
        FancyPattern {
            text,
            regex: OnceLock::new(),
        }
    }

    fn regex(&self) -> Option<&fancy_regex::Regex> {
        self.regex
            .get_or_init(|| fancy_regex::Regex::new(self.text).ok())
            .as_ref()
    }
}

/// `value` must contain a match of `pattern`. A search that hits the
/// backtracking limit proves nothing, and is left for the service to judge.
pub(crate) fn fancy_pattern(path: &Path<'_>, value: &str, pattern: &FancyPattern, violations: &mut Vec<Violation>) {
    if pattern
        .regex()
        .is_some_and(|regex| regex.is_match(value).is_ok_and(|found| !found))
    {
        violation(path, Rule::Pattern { pattern: pattern.text }, violations);
    }
}
