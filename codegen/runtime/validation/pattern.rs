//! `@pattern` checks with the `regex` crate, which understands the Unicode
//! classes (`\p{L}`) models use. Each pattern is a static compiled once, on
//! first use.

use std::sync::OnceLock;

use super::rules::{violation, Path, Rule, Violation};

/// A model's regular expression and, once needed, its compiled form. (A
/// `OnceLock` rather than a `LazyLock`, so that the static is built by a
/// `const fn` from the text alone and the text is written once.)
pub(crate) struct Pattern {
    text: &'static str,
    /// `None` if `regex` refuses the expression. The generator parsed it
    /// with the same parser, so only a different `regex` release (or its
    /// size limit) could; the pattern then goes unchecked rather than
    /// failing every input.
    regex: OnceLock<Option<regex::Regex>>,
}

impl Pattern {
    pub(crate) const fn new(text: &'static str) -> Self {
        Pattern {
            text,
            regex: OnceLock::new(),
        }
    }

    fn regex(&self) -> Option<&regex::Regex> {
        self.regex.get_or_init(|| regex::Regex::new(self.text).ok()).as_ref()
    }
}

/// `value` must contain a match of `pattern` (Smithy patterns are not
/// anchored; the ones meant to match whole values say so with `^...$`).
pub(crate) fn pattern(path: &Path<'_>, value: &str, pattern: &Pattern, violations: &mut Vec<Violation>) {
    if pattern.regex().is_some_and(|regex| !regex.is_match(value)) {
        violation(path, Rule::Pattern { pattern: pattern.text }, violations);
    }
}
