//! `@pattern` checks with `regex-lite`, for the patterns whose classes are
//! ASCII in ECMAScript as they are there (`\d`, `\w`, ranges, literals):
//! the generator sends only those here, and patterns with Unicode classes
//! to the full `regex`. Each pattern is a static compiled once, on first use.

use std::sync::OnceLock;

use super::rules::{violation, Path, Rule, Violation};

/// A model's regular expression and, once needed, its compiled form.
pub(crate) struct LitePattern {
    text: &'static str,
    /// `None` if `regex-lite` refuses the expression, which only a
    /// different release than the generator's could; it then goes unchecked.
    regex: OnceLock<Option<regex_lite::Regex>>,
}

impl LitePattern {
    pub(crate) const fn new(text: &'static str) -> Self {
        LitePattern {
            text,
            regex: OnceLock::new(),
        }
    }

    fn regex(&self) -> Option<&regex_lite::Regex> {
        self.regex.get_or_init(|| regex_lite::Regex::new(self.text).ok()).as_ref()
    }
}

/// `value` must contain a match of `pattern` (Smithy patterns are not
/// anchored; the ones meant to match whole values say so with `^...$`).
pub(crate) fn lite_pattern(path: &Path<'_>, value: &str, pattern: &LitePattern, violations: &mut Vec<Violation>) {
    if pattern.regex().is_some_and(|regex| !regex.is_match(value)) {
        violation(path, Rule::Pattern { pattern: pattern.text }, violations);
    }
}
