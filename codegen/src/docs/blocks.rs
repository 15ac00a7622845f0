//! Stage 3: the tree lowered into Markdown blocks.

use super::inline::{Emphasis, Inline};
use super::tree::{plain_text, Element, Node};
use super::vocab::{is_block_tag, CODE_TAGS};

#[derive(Debug)]
pub(super) enum Block {
    /// Inline Markdown; `\n` only after a hard break (the line then ends with `\`).
    Para(String),
    List {
        ordered: bool,
        items: Vec<Vec<Block>>,
    },
    Quote(Vec<Block>),
    /// Verbatim text for a fenced block.
    Code(String),
}

/// Lowers a sequence of sibling nodes to blocks: runs of inline content become paragraphs.
pub(super) fn blocks_of<'a>(nodes: impl IntoIterator<Item = &'a Node>) -> Vec<Block> {
    let mut builder = BlockBuilder::default();
    for node in nodes {
        builder.add(node);
    }
    builder.flush();
    builder.blocks
}

#[derive(Default)]
pub(super) struct BlockBuilder {
    pub(super) blocks: Vec<Block>,
    pub(super) inline: Inline,
}

impl BlockBuilder {
    pub(super) fn add(&mut self, node: &Node) {
        match node {
            Node::Element(el) if is_block_tag(&el.name) => {
                self.flush();
                self.blocks.extend(element_blocks(el));
            }
            // An inline wrapper around blocks (`<span><p>..</p></span>`) is transparent:
            // keeping the blocks matters more than the wrapper's formatting.
            Node::Element(el)
                if !CODE_TAGS.contains(&el.name.as_str())
                    && el.children.iter().any(Node::is_block) =>
            {
                for child in &el.children {
                    self.add(child);
                }
            }
            _ => self.inline.push_node(node),
        }
    }

    pub(super) fn flush(&mut self) {
        if let Some(para) = std::mem::take(&mut self.inline).into_paragraph() {
            self.blocks.push(Block::Para(para));
        }
    }
}

pub(super) fn element_blocks(el: &Element) -> Vec<Block> {
    match el.name.as_str() {
        "ul" => list_blocks(el, false),
        "ol" => list_blocks(el, true),
        "dl" => definition_list_blocks(el),
        // A list item outside any list still reads best as a list item.
        "li" => single_item_list(blocks_of(&el.children)),
        "note" => labeled_blocks(el, "Note"),
        "important" => labeled_blocks(el, "Important"),
        "pre" => code_block(el),
        // Headings inside item docs are noisy; a bold line keeps the emphasis.
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "dt" | "caption" => {
            strong_paragraph(&el.children)
        }
        // `fullname` repeats the service name that the crate already carries.
        "fullname" | "hr" => Vec::new(),
        _ => blocks_of(&el.children),
    }
}

pub(super) fn single_item_list(item: Vec<Block>) -> Vec<Block> {
    if item.is_empty() {
        Vec::new()
    } else {
        vec![Block::List {
            ordered: false,
            items: vec![item],
        }]
    }
}

pub(super) fn strong_paragraph(children: &[Node]) -> Vec<Block> {
    let mut inline = Inline::default();
    inline.push_emphasis(children, Emphasis::Strong);
    inline
        .into_paragraph()
        .map(Block::Para)
        .into_iter()
        .collect()
}

pub(super) fn list_blocks(el: &Element, ordered: bool) -> Vec<Block> {
    let mut items: Vec<Vec<Block>> = Vec::new();
    let mut stray: Vec<&Node> = Vec::new();
    for child in &el.children {
        match child {
            Node::Element(li) if li.name == "li" => {
                flush_stray_items(&mut stray, &mut items);
                items.push(blocks_of(&li.children));
            }
            other => stray.push(other),
        }
    }
    flush_stray_items(&mut stray, &mut items);
    items.retain(|item| !item.is_empty());
    if items.is_empty() {
        Vec::new()
    } else {
        vec![Block::List { ordered, items }]
    }
}

/// Content directly inside a list but outside any `<li>`. A list nested without its own
/// `<li>` (a common authoring slip) belongs to the previous item; anything else becomes an
/// item of its own.
pub(super) fn flush_stray_items(stray: &mut Vec<&Node>, items: &mut Vec<Vec<Block>>) {
    let blocks = blocks_of(stray.drain(..));
    if blocks.is_empty() {
        return;
    }
    let only_lists = blocks.iter().all(|b| matches!(b, Block::List { .. }));
    match items.last_mut() {
        Some(previous) if only_lists => previous.extend(blocks),
        _ => items.push(blocks),
    }
}

/// `<dl>` becomes a bullet list of `**term**: description` items, which renders well and
/// keeps multi-paragraph descriptions attached to their term.
pub(super) fn definition_list_blocks(el: &Element) -> Vec<Block> {
    let mut items: Vec<Vec<Block>> = Vec::new();
    let mut current: Vec<Block> = Vec::new();
    // True while `current` holds just a term paragraph waiting for its description.
    let mut awaiting_description = false;
    for child in &el.children {
        match child {
            Node::Element(dt) if dt.name == "dt" => {
                items.push(std::mem::take(&mut current));
                current = strong_paragraph(&dt.children);
                awaiting_description = !current.is_empty();
            }
            Node::Element(dd) if dd.name == "dd" => {
                let mut description = blocks_of(&dd.children);
                if awaiting_description {
                    if let (Some(Block::Para(term)), Some(Block::Para(first))) =
                        (current.last_mut(), description.first())
                    {
                        let separator = if term.trim_end_matches('*').ends_with(':') {
                            " "
                        } else {
                            ": "
                        };
                        *term = format!("{term}{separator}{first}");
                        description.remove(0);
                    }
                }
                current.extend(description);
                awaiting_description = false;
            }
            other => current.extend(blocks_of([other])),
        }
    }
    items.push(current);
    items.retain(|item| !item.is_empty());
    if items.is_empty() {
        Vec::new()
    } else {
        vec![Block::List {
            ordered: false,
            items,
        }]
    }
}

/// AWS `<note>` / `<important>`: a block quote whose first paragraph carries the label,
/// so multi-paragraph notes stay visibly grouped.
pub(super) fn labeled_blocks(el: &Element, label: &str) -> Vec<Block> {
    let mut blocks = blocks_of(&el.children);
    if blocks.is_empty() {
        return blocks;
    }
    let label = format!("**{label}:**");
    match blocks.first_mut() {
        Some(Block::Para(first)) => *first = format!("{label} {first}"),
        _ => blocks.insert(0, Block::Para(label)),
    }
    vec![Block::Quote(blocks)]
}

/// `<pre>` content, verbatim apart from line-ending normalisation, trailing whitespace,
/// surrounding blank lines and the indentation that all lines share (the models indent
/// the whole block along with the surrounding HTML).
pub(super) fn code_block(el: &Element) -> Vec<Block> {
    let mut raw = String::new();
    plain_text(&el.children, '\n', &mut raw);
    let raw = raw.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<&str> = raw.split('\n').map(str::trim_end).collect();
    let (Some(first), Some(last)) = (
        lines.iter().position(|l| !l.is_empty()),
        lines.iter().rposition(|l| !l.is_empty()),
    ) else {
        return Vec::new();
    };
    let lines = &lines[first..=last];
    let indent = lines
        .iter()
        .filter(|l| !l.is_empty())
        .map(|l| l.len() - l.trim_start_matches(' ').len())
        .min()
        .unwrap_or(0);
    let body: Vec<&str> = lines
        .iter()
        .map(|l| l.get(indent..).unwrap_or(""))
        .collect();
    vec![Block::Code(body.join("\n"))]
}

/// Plain-text docs: blank lines separate paragraphs; backtick code spans are kept as code.
pub(super) fn plain_text_blocks(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut paragraph = String::new();
    for line in text.lines().chain(std::iter::once("")) {
        if line.trim().is_empty() {
            let mut inline = Inline::default();
            inline.push_plain_paragraph(&paragraph);
            blocks.extend(inline.into_paragraph().map(Block::Para));
            paragraph.clear();
        } else {
            paragraph.push_str(line);
            paragraph.push('\n');
        }
    }
    blocks
}
