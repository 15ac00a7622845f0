//! Stage 2: the element tree, built from tokens with HTML-like recovery rules.

use super::tokenize::Token;
use super::vocab::{is_block_tag, MAX_DEPTH, P_SCOPE_BOUNDARIES, VOID_TAGS};

#[derive(Debug)]
pub(super) struct Element {
    pub(super) name: String,
    pub(super) href: Option<String>,
    pub(super) children: Vec<Node>,
}

#[derive(Debug)]
pub(super) enum Node {
    Text(String),
    Element(Element),
}

impl Node {
    pub(super) fn is_block(&self) -> bool {
        matches!(self, Node::Element(el) if is_block_tag(&el.name))
    }
}

/// Builds the element tree with forgiving HTML-style recovery. The stack always keeps the
/// synthetic root at index 0, so it is never empty.
pub(super) fn build_tree(tokens: Vec<Token>) -> Vec<Node> {
    let mut stack = vec![Element {
        name: String::new(),
        href: None,
        children: Vec::new(),
    }];
    for token in tokens {
        match token {
            Token::Text(text) => append(&mut stack, Node::Text(text)),
            Token::Start {
                name,
                href,
                self_closing,
            } => {
                close_implied(&mut stack, &name);
                let element = Element {
                    name,
                    href,
                    children: Vec::new(),
                };
                if self_closing || VOID_TAGS.contains(&element.name.as_str()) {
                    append(&mut stack, Node::Element(element));
                } else if stack.len() <= MAX_DEPTH {
                    stack.push(element);
                }
            }
            Token::End { name } => {
                // An end tag closes the nearest open element of that name (and everything
                // opened inside it); one without an open element is ignored.
                if let Some(pos) = stack.iter().rposition(|e| e.name == name) {
                    if pos > 0 {
                        close_to(&mut stack, pos);
                    }
                }
            }
        }
    }
    close_to(&mut stack, 1);
    stack.pop().map(|root| root.children).unwrap_or_default()
}

pub(super) fn append(stack: &mut [Element], node: Node) {
    if let Some(top) = stack.last_mut() {
        top.children.push(node);
    }
}

/// Pops elements until the stack has `len` entries, attaching each to its parent.
pub(super) fn close_to(stack: &mut Vec<Element>, len: usize) {
    while stack.len() > len.max(1) {
        if let Some(element) = stack.pop() {
            append(stack, Node::Element(element));
        }
    }
}

/// Applies the implicit end tags HTML authors rely on: a new `<li>` closes the previous
/// one, `<dt>`/`<dd>` close each other, and any block start closes an open `<p>`.
pub(super) fn close_implied(stack: &mut Vec<Element>, name: &str) {
    let target = match name {
        "li" => find_open(stack, &["li"], &["ol", "ul"]),
        "dt" | "dd" => find_open(stack, &["dd", "dt"], &["dl"]),
        _ => None,
    };
    let target = target.or_else(|| {
        if is_block_tag(name) {
            find_open(stack, &["p"], P_SCOPE_BOUNDARIES)
        } else {
            None
        }
    });
    if let Some(pos) = target {
        close_to(stack, pos);
    }
}

/// Index of the innermost open element named in `targets`, unless a `boundaries` element
/// is found first.
pub(super) fn find_open(stack: &[Element], targets: &[&str], boundaries: &[&str]) -> Option<usize> {
    for (i, element) in stack.iter().enumerate().skip(1).rev() {
        if targets.contains(&element.name.as_str()) {
            return Some(i);
        }
        if boundaries.contains(&element.name.as_str()) {
            return None;
        }
    }
    None
}

/// The text content of `nodes` with tags stripped; `br` becomes `line_break`.
pub(super) fn plain_text(nodes: &[Node], line_break: char, out: &mut String) {
    for node in nodes {
        match node {
            Node::Text(text) => out.push_str(text),
            Node::Element(el) if el.name == "br" => out.push(line_break),
            Node::Element(el) => plain_text(&el.children, line_break, out),
        }
    }
}

pub(super) fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
