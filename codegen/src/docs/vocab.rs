//! The tag vocabulary: which HTML tags count as markup, and the bounds that keep
//! hostile input linear.

/// Tags that start a new block (and implicitly close an open `<p>`).
#[rustfmt::skip]
pub(super) const BLOCK_TAGS: &[&str] = &[
    "address", "article", "aside", "blockquote", "caption", "center", "dd", "div", "dl", "dt",
    "figcaption", "figure", "footer", "fullname", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "important", "li", "main", "nav", "note", "ol", "p", "pre", "section", "table",
    "tbody", "tfoot", "thead", "tr", "ul",
];

/// Inline tags we recognise; unrecognised ones are kept as literal text.
#[rustfmt::skip]
pub(super) const INLINE_TAGS: &[&str] = &[
    "a", "abbr", "b", "big", "br", "cite", "code", "del", "dfn", "em", "font", "i", "img",
    "ins", "kbd", "label", "mark", "q", "s", "samp", "small", "span", "strike", "strong", "sub",
    "sup", "td", "th", "time", "tt", "u", "var", "wbr",
];

/// Tags that never have content or an end tag.
pub(super) const VOID_TAGS: &[&str] = &["br", "hr", "img", "wbr"];

/// Inline tags whose content is rendered as a code span (tags inside are flattened).
pub(super) const CODE_TAGS: &[&str] = &["code", "kbd", "samp", "tt"];

/// Containers that stop the search for an open `<p>` to close implicitly, so that a block
/// inside a list item does not close a paragraph outside the list.
#[rustfmt::skip]
pub(super) const P_SCOPE_BOUNDARIES: &[&str] = &[
    "blockquote", "dd", "div", "dl", "dt", "important", "li", "note", "ol", "table", "td", "th",
    "ul",
];

/// Longest stretch scanned for the end of one tag, comment or quoted attribute value.
/// Real tags are far shorter; the bound keeps malformed input (thousands of unterminated
/// `<a x="` fragments) linear instead of quadratic.
pub(super) const MAX_TAG_LEN: usize = 2048;

/// Deepest element nesting we build; deeper start tags are ignored (their text is kept).
/// Keeps the recursive rendering far away from stack exhaustion on hostile input.
pub(super) const MAX_DEPTH: usize = 48;

pub(super) fn is_known_tag(name: &str) -> bool {
    BLOCK_TAGS.contains(&name) || INLINE_TAGS.contains(&name)
}

pub(super) fn is_block_tag(name: &str) -> bool {
    BLOCK_TAGS.contains(&name)
}
