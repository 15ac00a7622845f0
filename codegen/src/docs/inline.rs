//! Inline content of a block: text, emphasis, code spans and links, escaped.

use super::escape::{escape_line_start, escape_word};
use super::tree::{collapse_whitespace, plain_text, Element, Node};
use super::vocab::is_block_tag;

/// Whitespace between two pieces of inline content. Ordered so that `max` picks the
/// strongest request: a hard break wins over a space.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Sep {
    #[default]
    None,
    Space,
    Break,
}

#[derive(Clone, Copy)]
pub(super) enum Emphasis {
    Strong,
    Em,
}

/// Accumulates inline Markdown. Whitespace is never written eagerly: it is recorded as a
/// pending separator and only emitted between two pieces of content, which collapses
/// whitespace runs and keeps it out of the edges of emphasis and link text (`** x**`
/// would not render as bold).
#[derive(Default)]
pub(super) struct Inline {
    pub(super) out: String,
    /// Separator requested before any content; reported to the enclosing renderer.
    pub(super) leading: Sep,
    /// Separator requested after the last content.
    pub(super) pending: Sep,
    pub(super) in_link: bool,
    pub(super) in_strong: bool,
    pub(super) in_em: bool,
}

impl Inline {
    /// A renderer for nested content (emphasis, link text) inheriting the context.
    pub(super) fn nested(&self) -> Inline {
        Inline {
            in_link: self.in_link,
            in_strong: self.in_strong,
            in_em: self.in_em,
            ..Inline::default()
        }
    }

    pub(super) fn sep(&mut self, sep: Sep) {
        let slot = if self.out.is_empty() {
            &mut self.leading
        } else {
            &mut self.pending
        };
        *slot = (*slot).max(sep);
    }

    /// Appends already-rendered Markdown, emitting the pending separator first.
    pub(super) fn push_md(&mut self, md: &str) {
        if md.is_empty() {
            return;
        }
        if !self.out.is_empty() {
            match self.pending {
                Sep::None => {}
                Sep::Space => self.out.push(' '),
                Sep::Break => self.out.push('\n'),
            }
        }
        self.pending = Sep::None;
        self.out.push_str(md);
    }

    pub(super) fn push_text(&mut self, text: &str) {
        if text.starts_with(char::is_whitespace) {
            self.sep(Sep::Space);
        }
        for (i, word) in text.split_whitespace().enumerate() {
            if i > 0 {
                self.sep(Sep::Space);
            }
            let mut md = String::new();
            // Inside link text an autolink would nest links; the text stays text there.
            escape_word(word, !self.in_link, &mut md);
            self.push_md(&md);
        }
        if text.ends_with(char::is_whitespace) {
            self.sep(Sep::Space);
        }
    }

    pub(super) fn push_children(&mut self, children: &[Node]) {
        for child in children {
            self.push_node(child);
        }
    }

    pub(super) fn push_node(&mut self, node: &Node) {
        let el = match node {
            Node::Text(text) => return self.push_text(text),
            Node::Element(el) => el,
        };
        match el.name.as_str() {
            "br" => self.sep(Sep::Break),
            "code" | "kbd" | "samp" | "tt" | "pre" => {
                let mut raw = String::new();
                plain_text(&el.children, ' ', &mut raw);
                self.push_code(&raw);
            }
            "b" | "strong" => self.push_emphasis(&el.children, Emphasis::Strong),
            "i" | "em" | "cite" | "dfn" => self.push_emphasis(&el.children, Emphasis::Em),
            "a" => self.push_link(el),
            "fullname" | "hr" | "img" => {}
            // Blocks and table cells reached inside inline content are flattened.
            name if name == "td" || name == "th" || is_block_tag(name) => {
                self.sep(Sep::Space);
                self.push_children(&el.children);
                self.sep(Sep::Space);
            }
            _ => self.push_children(&el.children),
        }
    }

    pub(super) fn push_code(&mut self, raw: &str) {
        if raw.starts_with(char::is_whitespace) {
            self.sep(Sep::Space);
        }
        let content = collapse_whitespace(raw);
        if !content.is_empty() {
            self.push_md(&code_span(&content));
        }
        if raw.ends_with(char::is_whitespace) {
            self.sep(Sep::Space);
        }
    }

    pub(super) fn push_emphasis(&mut self, children: &[Node], kind: Emphasis) {
        // Nested identical emphasis would double the markers (`*` twice is bold).
        let already = match kind {
            Emphasis::Strong => self.in_strong,
            Emphasis::Em => self.in_em,
        };
        if already {
            return self.push_children(children);
        }
        let mut inner = self.nested();
        let marker = match kind {
            Emphasis::Strong => {
                inner.in_strong = true;
                "**"
            }
            Emphasis::Em => {
                inner.in_em = true;
                "*"
            }
        };
        inner.push_children(children);
        self.push_wrapped(inner, marker, marker);
    }

    pub(super) fn push_link(&mut self, el: &Element) {
        let href = el
            .href
            .as_deref()
            .map(str::trim)
            .filter(|h| is_absolute_url(h));
        // Relative links would be broken (or taken for intra-doc links) in rustdoc, and
        // links cannot nest: keep only the text then.
        let href = match href {
            Some(href) if !self.in_link => href,
            _ => return self.push_children(&el.children),
        };
        let url = encode_url(href);
        let mut inner = self.nested();
        inner.in_link = true;
        inner.push_children(&el.children);
        let mut label = String::new();
        plain_text(&el.children, ' ', &mut label);
        if inner.out.is_empty() || collapse_whitespace(&label) == href {
            self.sep(inner.leading);
            self.push_md(&format!("<{url}>"));
            self.sep(inner.pending);
        } else {
            self.push_wrapped(inner, "[", &format!("]({url})"));
        }
    }

    /// Wraps nested content in delimiters, moving its edge whitespace outside them.
    pub(super) fn push_wrapped(&mut self, inner: Inline, open: &str, close: &str) {
        self.sep(inner.leading);
        if !inner.out.is_empty() {
            self.push_md(&format!("{open}{}{close}", inner.out));
        }
        self.sep(inner.pending);
    }

    /// Plain-text paragraphs: balanced backtick runs delimit code spans, as in CommonMark.
    pub(super) fn push_plain_paragraph(&mut self, text: &str) {
        let mut rest = text;
        while let Some(open) = rest.find('`') {
            let run = rest[open..].len() - rest[open..].trim_start_matches('`').len();
            let after = &rest[open + run..];
            match find_backtick_run(after, run) {
                Some(close) => {
                    self.push_text(&rest[..open]);
                    self.push_code(&after[..close]);
                    rest = &after[close + run..];
                }
                None => {
                    self.push_text(&rest[..open + run]);
                    rest = after;
                }
            }
        }
        self.push_text(rest);
    }

    /// Finishes a paragraph: one output line per hard break, each escaped at its start.
    pub(super) fn into_paragraph(self) -> Option<String> {
        let lines: Vec<String> = self
            .out
            .split('\n')
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .map(escape_line_start)
            .collect();
        if lines.is_empty() {
            None
        } else {
            // A trailing backslash is CommonMark's hard break; trailing spaces are not allowed.
            Some(lines.join("\\\n"))
        }
    }
}

/// Byte offset of the next run of exactly `len` backticks in `s`.
pub(super) fn find_backtick_run(s: &str, len: usize) -> Option<usize> {
    let mut offset = 0;
    while let Some(start) = s[offset..].find('`') {
        let start = offset + start;
        let run = s[start..].len() - s[start..].trim_start_matches('`').len();
        if run == len {
            return Some(start);
        }
        offset = start + run;
    }
    None
}

pub(super) fn longest_backtick_run(s: &str) -> usize {
    s.split(|c| c != '`').map(str::len).max().unwrap_or(0)
}

/// A code span whose fence is longer than any backtick run in the content.
pub(super) fn code_span(content: &str) -> String {
    let fence = "`".repeat(longest_backtick_run(content) + 1);
    // CommonMark strips one space from each side, which lets content touch a backtick.
    let pad = if content.starts_with('`') || content.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{content}{pad}{fence}")
}

pub(super) fn is_absolute_url(s: &str) -> bool {
    ["http://", "https://", "mailto:", "ftp://"]
        .iter()
        .any(|prefix| {
            s.len() > prefix.len()
                && s.get(..prefix.len())
                    .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
        })
}

/// Makes a URL safe as a Markdown link destination or autolink: no spaces, angle
/// brackets, parentheses, backslashes or control characters.
pub(super) fn encode_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        if c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '(' | ')' | '\\') {
            let mut buf = [0; 4];
            for byte in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}
