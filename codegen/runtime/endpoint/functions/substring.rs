//! `substring`: a slice of an ASCII string, counted from either end.

/// The characters of `input` from index `start` (inclusive) to `stop`
/// (exclusive). With `reverse`, both indexes count from the end of the
/// string, though the result still reads forwards.
///
/// `None` when `input` is not all ASCII, when `start` is not before `stop`,
/// or when `input` is shorter than `stop`.
pub(crate) fn substring(input: &str, start: usize, stop: usize, reverse: bool) -> Option<&str> {
    if !input.is_ascii() || start >= stop || stop > input.len() {
        return None;
    }
    let (from, to) = if reverse {
        (input.len() - stop, input.len() - start)
    } else {
        (start, stop)
    };
    input.get(from..to)
}
