//! Conversion of Smithy model documentation into rustdoc Markdown.
//!
//! AWS models carry documentation (`smithy.api#documentation`) as loosely written HTML:
//! indented with newlines, sometimes with unclosed or stray tags, and full of angle-bracket
//! placeholders such as `<client-id>` that are not markup at all. Pasting that into `#[doc]`
//! produces rustdoc warnings (unclosed HTML tags, broken intra-doc links, bare URLs) and,
//! worse, accidental indented code blocks that rustdoc compiles as doctests.
//!
//! The conversion is a small, forgiving pipeline that never panics:
//!
//! 1. `tokenize` splits the input into text and tags. Only a fixed set of known HTML tag
//!    names counts as markup; anything else that merely looks like a tag (`<client-id>`,
//!    `Map<String,String>`, `<testuser@example.com>`) stays literal text, because in AWS
//!    docs angle brackets are placeholders far more often than unknown markup.
//! 2. `build_tree` turns tokens into an element tree using HTML-like recovery rules
//!    (implicitly closed paragraphs and list items, stray end tags ignored, bounded depth).
//! 3. The tree is lowered into a handful of Markdown blocks. Inline text is escaped so that
//!    rustdoc never sees accidental links, HTML tags, emphasis, code or bare URLs.
//! 4. The blocks are serialized to lines: one line per paragraph (hard breaks excepted),
//!    a single blank line between blocks, nested list items indented by their marker width.

/// Converts a model documentation string (HTML as AWS models use it, or plain text /
/// CommonMark) into rustdoc Markdown.
///
/// The result has lines separated by `\n`, no trailing whitespace, no leading or trailing
/// blank lines and exactly one blank line between paragraphs. Callers emit each line as
/// its own `#[doc = " line"]` attribute.
pub fn html_to_markdown(html: &str) -> String {
    let tokens = tokenize(html);
    let has_markup = tokens.iter().any(|t| !matches!(t, Token::Text(_)));
    let blocks = if has_markup {
        blocks_of(&build_tree(tokens))
    } else {
        // Without any markup, HTML whitespace rules would merge everything into one
        // paragraph; plain-text docs use blank lines as paragraph breaks instead.
        let text: String = tokens
            .into_iter()
            .filter_map(|t| match t {
                Token::Text(s) => Some(s),
                _ => None,
            })
            .collect();
        plain_text_blocks(&text)
    };
    serialize(&blocks)
}

// ---------------------------------------------------------------------------------------
// Tag vocabulary
// ---------------------------------------------------------------------------------------

/// Tags that start a new block (and implicitly close an open `<p>`).
#[rustfmt::skip]
const BLOCK_TAGS: &[&str] = &[
    "address", "article", "aside", "blockquote", "caption", "center", "dd", "div", "dl", "dt",
    "figcaption", "figure", "footer", "fullname", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "important", "li", "main", "nav", "note", "ol", "p", "pre", "section", "table",
    "tbody", "tfoot", "thead", "tr", "ul",
];

/// Inline tags we recognise; unrecognised ones are kept as literal text.
#[rustfmt::skip]
const INLINE_TAGS: &[&str] = &[
    "a", "abbr", "b", "big", "br", "cite", "code", "del", "dfn", "em", "font", "i", "img",
    "ins", "kbd", "label", "mark", "q", "s", "samp", "small", "span", "strike", "strong", "sub",
    "sup", "td", "th", "time", "tt", "u", "var", "wbr",
];

/// Tags that never have content or an end tag.
const VOID_TAGS: &[&str] = &["br", "hr", "img", "wbr"];

/// Inline tags whose content is rendered as a code span (tags inside are flattened).
const CODE_TAGS: &[&str] = &["code", "kbd", "samp", "tt"];

/// Containers that stop the search for an open `<p>` to close implicitly, so that a block
/// inside a list item does not close a paragraph outside the list.
#[rustfmt::skip]
const P_SCOPE_BOUNDARIES: &[&str] = &[
    "blockquote", "dd", "div", "dl", "dt", "important", "li", "note", "ol", "table", "td", "th",
    "ul",
];

/// Longest stretch scanned for the end of one tag, comment or quoted attribute value.
/// Real tags are far shorter; the bound keeps malformed input (thousands of unterminated
/// `<a x="` fragments) linear instead of quadratic.
const MAX_TAG_LEN: usize = 2048;

/// Deepest element nesting we build; deeper start tags are ignored (their text is kept).
/// Keeps the recursive rendering far away from stack exhaustion on hostile input.
const MAX_DEPTH: usize = 48;

fn is_known_tag(name: &str) -> bool {
    BLOCK_TAGS.contains(&name) || INLINE_TAGS.contains(&name)
}

fn is_block_tag(name: &str) -> bool {
    BLOCK_TAGS.contains(&name)
}

// ---------------------------------------------------------------------------------------
// Tokenizer
// ---------------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    /// Text with entities already decoded.
    Text(String),
    Start {
        name: String,
        href: Option<String>,
        self_closing: bool,
    },
    End {
        name: String,
    },
}

/// What a `<` at some position turned out to start.
enum Markup {
    /// A recognised tag.
    Tag(Token),
    /// A comment, doctype or processing instruction: dropped.
    Ignored,
    /// Something tag-shaped with an unknown name: kept verbatim as text.
    Literal,
}

fn tokenize(input: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    // Raw (still entity-encoded) text, decoded when a tag interrupts it.
    let mut raw_text = String::new();
    let mut rest = input;
    while let Some(lt) = rest.find('<') {
        raw_text.push_str(&rest[..lt]);
        let candidate = &rest[lt..];
        match parse_markup(prefix_within(candidate, MAX_TAG_LEN)) {
            Some((markup, len)) => {
                match markup {
                    Markup::Tag(token) => {
                        flush_text(&mut raw_text, &mut tokens);
                        tokens.push(token);
                    }
                    Markup::Ignored => {}
                    Markup::Literal => raw_text.push_str(&candidate[..len]),
                }
                rest = &candidate[len..];
            }
            None => {
                // A stray `<` (as in `a < b` or `x<=5`) is plain text.
                raw_text.push('<');
                rest = &candidate[1..];
            }
        }
    }
    raw_text.push_str(rest);
    flush_text(&mut raw_text, &mut tokens);
    tokens
}

/// The longest prefix of `s` of at most `max` bytes that ends on a character boundary.
fn prefix_within(s: &str, max: usize) -> &str {
    let mut end = max.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

fn flush_text(raw_text: &mut String, tokens: &mut Vec<Token>) {
    if !raw_text.is_empty() {
        tokens.push(Token::Text(decode_entities(raw_text)));
        raw_text.clear();
    }
}

/// Parses the markup starting at `s` (which starts with `<`). Returns what it is and its
/// length in bytes, or `None` when the `<` does not start well-formed markup.
fn parse_markup(s: &str) -> Option<(Markup, usize)> {
    if let Some(body) = s.strip_prefix("<!--") {
        let end = body.find("-->")?;
        return Some((Markup::Ignored, 4 + end + 3));
    }
    let bytes = s.as_bytes();
    match *bytes.get(1)? {
        b'!' | b'?' => {
            let end = s.find('>')?;
            Some((Markup::Ignored, end + 1))
        }
        b'/' => {
            if !bytes.get(2)?.is_ascii_alphabetic() {
                return None;
            }
            let name_end = 2 + s[2..].find(is_name_end).unwrap_or(s.len() - 2);
            // Whatever follows the name up to `>` is ignored, but a `<` first means the
            // end tag was never finished.
            let close = name_end + s[name_end..].find(['>', '<'])?;
            if bytes[close] != b'>' {
                return None;
            }
            let name = s[2..name_end].to_ascii_lowercase();
            let markup = if is_known_tag(&name) {
                Markup::Tag(Token::End { name })
            } else {
                Markup::Literal
            };
            Some((markup, close + 1))
        }
        c if c.is_ascii_alphabetic() => parse_start_tag(s),
        _ => None,
    }
}

fn is_name_end(c: char) -> bool {
    c.is_ascii_whitespace() || matches!(c, '/' | '>' | '<')
}

/// Parses `<name attr="value" ...>`; only `href` is kept. Unterminated tags (no `>`, or an
/// unclosed quote) yield `None` so the `<` becomes text instead of swallowing the document.
fn parse_start_tag(s: &str) -> Option<(Markup, usize)> {
    let bytes = s.as_bytes();
    let len = bytes.len();
    let name_end = 1 + s[1..].find(is_name_end).unwrap_or(len - 1);
    let name = s[1..name_end].to_ascii_lowercase();
    let mut i = name_end;
    let mut href = None;
    let mut self_closing = false;
    loop {
        while i < len && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        match *bytes.get(i)? {
            b'>' => {
                i += 1;
                break;
            }
            b'<' => return None,
            b'/' => {
                self_closing = true;
                i += 1;
            }
            _ => {
                self_closing = false;
                let attr_start = i;
                while i < len
                    && !matches!(bytes[i], b'=' | b'>' | b'/' | b'<')
                    && !bytes[i].is_ascii_whitespace()
                {
                    i += 1;
                }
                let attr = s[attr_start..i].to_ascii_lowercase();
                while i < len && bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                if bytes.get(i) == Some(&b'=') {
                    i += 1;
                    while i < len && bytes[i].is_ascii_whitespace() {
                        i += 1;
                    }
                    let (value, next) = parse_attr_value(s, i)?;
                    i = next;
                    if attr == "href" {
                        href = Some(decode_entities(value));
                    }
                }
            }
        }
    }
    if !is_known_tag(&name) {
        return Some((Markup::Literal, i));
    }
    Some((
        Markup::Tag(Token::Start {
            name,
            href,
            self_closing,
        }),
        i,
    ))
}

/// Parses a quoted or unquoted attribute value at byte `i`; returns it and the index after it.
fn parse_attr_value(s: &str, i: usize) -> Option<(&str, usize)> {
    let bytes = s.as_bytes();
    match *bytes.get(i)? {
        quote @ (b'"' | b'\'') => {
            let close = i + 1 + s[i + 1..].find(quote as char)?;
            Some((&s[i + 1..close], close + 1))
        }
        _ => {
            let mut end = i;
            while end < bytes.len()
                && !matches!(bytes[end], b'>' | b'<')
                && !bytes[end].is_ascii_whitespace()
            {
                end += 1;
            }
            Some((&s[i..end], end))
        }
    }
}

/// Decodes `&name;`, `&#NNN;` and `&#xHH;`. Unknown or malformed entities stay literal.
fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        match parse_entity(after) {
            Some((c, len)) => {
                out.push(c);
                rest = &after[len..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Parses the entity body after `&`; returns the character and the length including `;`.
fn parse_entity(s: &str) -> Option<(char, usize)> {
    let semi = s.find(';')?;
    let name = &s[..semi];
    if name.is_empty() || name.len() > 32 {
        return None;
    }
    let c = if let Some(num) = name.strip_prefix('#') {
        let value = if let Some(hex) = num.strip_prefix(['x', 'X']) {
            // `from_str_radix` alone would also accept a sign.
            if hex.is_empty() || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                return None;
            }
            u32::from_str_radix(hex, 16).unwrap_or(u32::MAX)
        } else {
            if num.is_empty() || !num.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            num.parse::<u32>().unwrap_or(u32::MAX)
        };
        char::from_u32(value)
            .filter(|&c| c != '\0')
            .unwrap_or('\u{FFFD}')
    } else {
        named_entity(name)?
    };
    Some((c, semi + 1))
}

fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{A0}',
        "ndash" => '\u{2013}',
        "mdash" => '\u{2014}',
        "lsquo" => '\u{2018}',
        "rsquo" => '\u{2019}',
        "ldquo" => '\u{201C}',
        "rdquo" => '\u{201D}',
        "hellip" => '\u{2026}',
        "bull" => '\u{2022}',
        "middot" => '\u{B7}',
        "copy" => '\u{A9}',
        "reg" => '\u{AE}',
        "trade" => '\u{2122}',
        "times" => '\u{D7}',
        "deg" => '\u{B0}',
        "le" => '\u{2264}',
        "ge" => '\u{2265}',
        "ne" => '\u{2260}',
        "rarr" => '\u{2192}',
        "larr" => '\u{2190}',
        "laquo" => '\u{AB}',
        "raquo" => '\u{BB}',
        "euro" => '\u{20AC}',
        _ => return None,
    })
}

// ---------------------------------------------------------------------------------------
// Element tree
// ---------------------------------------------------------------------------------------

#[derive(Debug)]
struct Element {
    name: String,
    href: Option<String>,
    children: Vec<Node>,
}

#[derive(Debug)]
enum Node {
    Text(String),
    Element(Element),
}

impl Node {
    fn is_block(&self) -> bool {
        matches!(self, Node::Element(el) if is_block_tag(&el.name))
    }
}

/// Builds the element tree with forgiving HTML-style recovery. The stack always keeps the
/// synthetic root at index 0, so it is never empty.
fn build_tree(tokens: Vec<Token>) -> Vec<Node> {
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

fn append(stack: &mut [Element], node: Node) {
    if let Some(top) = stack.last_mut() {
        top.children.push(node);
    }
}

/// Pops elements until the stack has `len` entries, attaching each to its parent.
fn close_to(stack: &mut Vec<Element>, len: usize) {
    while stack.len() > len.max(1) {
        if let Some(element) = stack.pop() {
            append(stack, Node::Element(element));
        }
    }
}

/// Applies the implicit end tags HTML authors rely on: a new `<li>` closes the previous
/// one, `<dt>`/`<dd>` close each other, and any block start closes an open `<p>`.
fn close_implied(stack: &mut Vec<Element>, name: &str) {
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
fn find_open(stack: &[Element], targets: &[&str], boundaries: &[&str]) -> Option<usize> {
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
fn plain_text(nodes: &[Node], line_break: char, out: &mut String) {
    for node in nodes {
        match node {
            Node::Text(text) => out.push_str(text),
            Node::Element(el) if el.name == "br" => out.push(line_break),
            Node::Element(el) => plain_text(&el.children, line_break, out),
        }
    }
}

fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

// ---------------------------------------------------------------------------------------
// Blocks
// ---------------------------------------------------------------------------------------

#[derive(Debug)]
enum Block {
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
fn blocks_of<'a>(nodes: impl IntoIterator<Item = &'a Node>) -> Vec<Block> {
    let mut builder = BlockBuilder::default();
    for node in nodes {
        builder.add(node);
    }
    builder.flush();
    builder.blocks
}

#[derive(Default)]
struct BlockBuilder {
    blocks: Vec<Block>,
    inline: Inline,
}

impl BlockBuilder {
    fn add(&mut self, node: &Node) {
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

    fn flush(&mut self) {
        if let Some(para) = std::mem::take(&mut self.inline).into_paragraph() {
            self.blocks.push(Block::Para(para));
        }
    }
}

fn element_blocks(el: &Element) -> Vec<Block> {
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

fn single_item_list(item: Vec<Block>) -> Vec<Block> {
    if item.is_empty() {
        Vec::new()
    } else {
        vec![Block::List {
            ordered: false,
            items: vec![item],
        }]
    }
}

fn strong_paragraph(children: &[Node]) -> Vec<Block> {
    let mut inline = Inline::default();
    inline.push_emphasis(children, Emphasis::Strong);
    inline
        .into_paragraph()
        .map(Block::Para)
        .into_iter()
        .collect()
}

fn list_blocks(el: &Element, ordered: bool) -> Vec<Block> {
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
fn flush_stray_items(stray: &mut Vec<&Node>, items: &mut Vec<Vec<Block>>) {
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
fn definition_list_blocks(el: &Element) -> Vec<Block> {
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
fn labeled_blocks(el: &Element, label: &str) -> Vec<Block> {
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
fn code_block(el: &Element) -> Vec<Block> {
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
fn plain_text_blocks(text: &str) -> Vec<Block> {
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

// ---------------------------------------------------------------------------------------
// Inline rendering
// ---------------------------------------------------------------------------------------

/// Whitespace between two pieces of inline content. Ordered so that `max` picks the
/// strongest request: a hard break wins over a space.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Sep {
    #[default]
    None,
    Space,
    Break,
}

#[derive(Clone, Copy)]
enum Emphasis {
    Strong,
    Em,
}

/// Accumulates inline Markdown. Whitespace is never written eagerly: it is recorded as a
/// pending separator and only emitted between two pieces of content, which collapses
/// whitespace runs and keeps it out of the edges of emphasis and link text (`** x**`
/// would not render as bold).
#[derive(Default)]
struct Inline {
    out: String,
    /// Separator requested before any content; reported to the enclosing renderer.
    leading: Sep,
    /// Separator requested after the last content.
    pending: Sep,
    in_link: bool,
    in_strong: bool,
    in_em: bool,
}

impl Inline {
    /// A renderer for nested content (emphasis, link text) inheriting the context.
    fn nested(&self) -> Inline {
        Inline {
            in_link: self.in_link,
            in_strong: self.in_strong,
            in_em: self.in_em,
            ..Inline::default()
        }
    }

    fn sep(&mut self, sep: Sep) {
        let slot = if self.out.is_empty() {
            &mut self.leading
        } else {
            &mut self.pending
        };
        *slot = (*slot).max(sep);
    }

    /// Appends already-rendered Markdown, emitting the pending separator first.
    fn push_md(&mut self, md: &str) {
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

    fn push_text(&mut self, text: &str) {
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

    fn push_children(&mut self, children: &[Node]) {
        for child in children {
            self.push_node(child);
        }
    }

    fn push_node(&mut self, node: &Node) {
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

    fn push_code(&mut self, raw: &str) {
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

    fn push_emphasis(&mut self, children: &[Node], kind: Emphasis) {
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

    fn push_link(&mut self, el: &Element) {
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
    fn push_wrapped(&mut self, inner: Inline, open: &str, close: &str) {
        self.sep(inner.leading);
        if !inner.out.is_empty() {
            self.push_md(&format!("{open}{}{close}", inner.out));
        }
        self.sep(inner.pending);
    }

    /// Plain-text paragraphs: balanced backtick runs delimit code spans, as in CommonMark.
    fn push_plain_paragraph(&mut self, text: &str) {
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
    fn into_paragraph(self) -> Option<String> {
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
fn find_backtick_run(s: &str, len: usize) -> Option<usize> {
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

fn longest_backtick_run(s: &str) -> usize {
    s.split(|c| c != '`').map(str::len).max().unwrap_or(0)
}

/// A code span whose fence is longer than any backtick run in the content.
fn code_span(content: &str) -> String {
    let fence = "`".repeat(longest_backtick_run(content) + 1);
    // CommonMark strips one space from each side, which lets content touch a backtick.
    let pad = if content.starts_with('`') || content.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{content}{pad}{fence}")
}

fn is_absolute_url(s: &str) -> bool {
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
fn encode_url(url: &str) -> String {
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

// ---------------------------------------------------------------------------------------
// Escaping
// ---------------------------------------------------------------------------------------

/// Escapes one whitespace-free word of text, turning bare URLs into autolinks (rustdoc's
/// `bare_urls` lint rejects them otherwise).
fn escape_word(word: &str, autolink: bool, out: &mut String) {
    let mut rest = word;
    if autolink {
        while let Some((start, end)) = find_bare_url(rest) {
            escape_text(&rest[..start], out);
            out.push('<');
            out.push_str(&rest[start..end]);
            out.push('>');
            rest = &rest[end..];
        }
    }
    escape_text(rest, out);
}

/// Escapes characters Markdown or rustdoc would misread: brackets (intra-doc links),
/// angle brackets (HTML tags), emphasis and code delimiters, `~` (strikethrough) and
/// backslashes. `_` between two alphanumerics cannot start or end emphasis, so
/// identifiers like `USER_PASSWORD_AUTH` stay readable; `&` is escaped only where it
/// would start an entity.
fn escape_text(text: &str, out: &mut String) {
    let chars: Vec<char> = text.chars().collect();
    let is_word = |i: Option<usize>| {
        i.and_then(|i| chars.get(i))
            .is_some_and(|c| c.is_alphanumeric())
    };
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '\\' | '`' | '*' | '[' | ']' | '~' | '<' | '>' => {
                out.push('\\');
                out.push(c);
            }
            '_' if !(is_word(i.checked_sub(1)) && is_word(Some(i + 1))) => out.push_str("\\_"),
            '&' if starts_entity(&chars[i + 1..]) => out.push_str("\\&"),
            _ => out.push(c),
        }
    }
}

fn starts_entity(after: &[char]) -> bool {
    let name_len = after
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == '#')
        .count();
    name_len > 0 && after.get(name_len) == Some(&';')
}

/// Byte range of the first plausible `http://` / `https://` URL in a word, excluding
/// trailing punctuation and unbalanced closing brackets that belong to the sentence.
fn find_bare_url(word: &str) -> Option<(usize, usize)> {
    let bytes = word.as_bytes();
    let mut from = 0;
    while from < bytes.len() {
        let start = from + (from..bytes.len()).position(|i| starts_scheme(bytes, i).is_some())?;
        let scheme_len = starts_scheme(bytes, start)?;
        let mut end = word[start..]
            .char_indices()
            .find(|&(_, c)| !is_url_char(c))
            .map_or(word.len(), |(i, _)| start + i);
        while let Some(last) = word[start..end].chars().last() {
            let url = &word[start..end];
            let unbalanced = |open: char, close: char| {
                last == close && url.matches(close).count() > url.matches(open).count()
            };
            if matches!(last, '.' | ',' | ':' | ';' | '!' | '?' | '*')
                || unbalanced('(', ')')
                || unbalanced('[', ']')
            {
                end -= last.len_utf8();
            } else {
                break;
            }
        }
        if word
            .get(start + scheme_len..end)
            .is_some_and(|host| host.chars().any(char::is_alphanumeric))
        {
            return Some((start, end));
        }
        from = start + scheme_len;
    }
    None
}

/// Length of the `http://` or `https://` prefix at byte `i`, if any (case-insensitive).
fn starts_scheme(bytes: &[u8], i: usize) -> Option<usize> {
    ["https://", "http://"].iter().find_map(|scheme| {
        let candidate = bytes.get(i..i + scheme.len())?;
        candidate
            .eq_ignore_ascii_case(scheme.as_bytes())
            .then_some(scheme.len())
    })
}

fn is_url_char(c: char) -> bool {
    !c.is_whitespace() && !c.is_control() && !matches!(c, '<' | '>' | '"' | '\'' | '`')
}

/// Escapes what would turn a line into something other than paragraph text: ATX headings,
/// list markers, setext underlines and thematic breaks. (`>`, `*`, `_`, backticks and `~`
/// are escaped everywhere already.)
fn escape_line_start(line: &str) -> String {
    if line.starts_with(['#', '-', '+', '=']) {
        return format!("\\{line}");
    }
    // `1.` or `1)` followed by a space or the end of the line is an ordered list marker.
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if (1..=9).contains(&digits) {
        let rest = &line[digits..];
        if rest.starts_with(['.', ')']) && rest[1..].chars().next().is_none_or(char::is_whitespace)
        {
            return format!("{}\\{rest}", &line[..digits]);
        }
    }
    line.to_string()
}

// ---------------------------------------------------------------------------------------
// Serialization
// ---------------------------------------------------------------------------------------

fn serialize(blocks: &[Block]) -> String {
    let lines = render_blocks(blocks, false);
    lines
        .iter()
        .map(|line| line.trim_end())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Renders blocks separated by one blank line. Inside a list item a nested list follows
/// its paragraph directly, which keeps simple nested lists tight.
fn render_blocks(blocks: &[Block], in_item: bool) -> Vec<String> {
    let mut lines = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        if i > 0 {
            let tight = in_item
                && matches!(blocks[i - 1], Block::Para(_))
                && matches!(block, Block::List { .. });
            if !tight {
                lines.push(String::new());
            }
        }
        match block {
            Block::Para(text) => lines.extend(text.split('\n').map(str::to_string)),
            Block::List { ordered, items } => render_list(*ordered, items, &mut lines),
            Block::Quote(inner) => {
                for line in render_blocks(inner, false) {
                    lines.push(if line.is_empty() {
                        ">".to_string()
                    } else {
                        format!("> {line}")
                    });
                }
            }
            Block::Code(text) => render_code(text, &mut lines),
        }
    }
    lines
}

/// Items are indented by their marker width, the minimum CommonMark needs to keep
/// continuation lines and nested lists inside the item.
fn render_list(ordered: bool, items: &[Vec<Block>], lines: &mut Vec<String>) {
    for (n, item) in items.iter().enumerate() {
        let marker = if ordered {
            format!("{}. ", n + 1)
        } else {
            "- ".to_string()
        };
        let indent = " ".repeat(marker.len());
        for (i, line) in render_blocks(item, true).into_iter().enumerate() {
            lines.push(if i == 0 {
                format!("{marker}{line}")
            } else if line.is_empty() {
                line
            } else {
                format!("{indent}{line}")
            });
        }
    }
}

/// A `text` fence: an untagged fence would be compiled by rustdoc as a Rust doctest.
fn render_code(text: &str, lines: &mut Vec<String>) {
    let fence = "`".repeat((longest_backtick_run(text) + 1).max(3));
    lines.push(format!("{fence}text"));
    lines.extend(text.split('\n').map(str::to_string));
    lines.push(fence);
}

#[cfg(test)]
mod tests {
    use super::*;

    const CASES: &[(&str, &str)] = &[
        ("", ""),
        ("   \n\t  \n ", ""),
        // Paragraphs and whitespace collapsing.
        ("<p>Hello   world.</p>", "Hello world."),
        (
            "<p>First line\n            continues here.</p>\n         <p>Second paragraph.</p>",
            "First line continues here.\n\nSecond paragraph.",
        ),
        ("<p>Unclosed paragraph\n<p>Next one", "Unclosed paragraph\n\nNext one"),
        ("Stray close</p> tag", "Stray close tag"),
        ("<p></p><p>  </p><p>Only this.</p>", "Only this."),
        ("<p>Line one<br>line two<br/>- dash<br /><br></p>", "Line one\\\nline two\\\n\\- dash"),
        // Inline formatting.
        ("<p>Use <code>ListUsers</code> to <b>list</b> <i>all</i> users.</p>", "Use `ListUsers` to **list** *all* users."),
        ("<p><strong>Bold </strong>and<em> em</em></p>", "**Bold** and *em*"),
        ("<p>A <code>`tick`</code> and <code>a``b</code> and <code> </code>.</p>", "A `` `tick` `` and ```a``b``` and ."),
        ("<p>Code <code>Map<String,String> [0-9]+ &lt;b&gt;</code></p>", "Code `Map<String,String> [0-9]+ <b>`"),
        ("<p>Text Map<String,String> and [0-9]+ here.</p>", "Text Map\\<String,String\\> and \\[0-9\\]+ here."),
        ("<p>Set <code>USER_PASSWORD_AUTH</code> or USER_PASSWORD_AUTH, not *_x_*.</p>", "Set `USER_PASSWORD_AUTH` or USER_PASSWORD_AUTH, not \\*\\_x\\_\\*."),
        // Links.
        (
            "<p>See <a href=\"https://docs.aws.amazon.com/guide.html\">the [user] guide</a>.</p>",
            "See [the \\[user\\] guide](https://docs.aws.amazon.com/guide.html).",
        ),
        ("<p>Call <a>DescribeTable</a> first.</p>", "Call DescribeTable first."),
        ("<p><a href=\"https://example.com/a\">https://example.com/a</a></p>", "<https://example.com/a>"),
        ("<p>Go <a href=\"relative.html\">here</a> or <a href=\"https://x.example/a b\"></a></p>", "Go here or <https://x.example/a%20b>"),
        ("<p>Visit https://example.com/path_a. Or (http://example.com/x).</p>", "Visit <https://example.com/path_a>. Or (<http://example.com/x>)."),
        // Lists.
        ("<ul><li>One</li><li>Two</li></ul>", "- One\n- Two"),
        ("<ol><li><p>First</p></li><li><p>Second</p></li></ol>", "1. First\n2. Second"),
        (
            "<ul><li>Outer<ul><li>Inner <a href=\"https://example.com\">link</a></li><li>Inner two<ol><li>Deep</li></ol></li></ul></li><li>Last</li></ul>",
            "- Outer\n  - Inner [link](https://example.com)\n  - Inner two\n    1. Deep\n- Last",
        ),
        ("<ul><li><p>Para one.</p><p>Para two.</p></li><li>Next</li></ul>", "- Para one.\n\n  Para two.\n- Next"),
        ("<ul><li>Item<li>Unclosed item</ul><p>After</p>", "- Item\n- Unclosed item\n\nAfter"),
        ("<ul><li></li><li>- starts with dash</li><li>1. numbered</li></ul>", "- \\- starts with dash\n- 1\\. numbered"),
        // Definition lists.
        (
            "<dl><dt>Mutable</dt><dd><p>If true, you can change it.</p><p>Defaults to false.</p></dd><dt>Required:</dt><dd>Yes.</dd></dl>",
            "- **Mutable**: If true, you can change it.\n\n  Defaults to false.\n- **Required:** Yes.",
        ),
        // Shapes seen in the real models: links inside code, lists nested without an li,
        // paragraphs inside items, multi-line code in a description.
        ("<p>A list of <code>\n               <a>SendMessageBatchResultEntry</a>\n            </code> items.</p>", "A list of `SendMessageBatchResultEntry` items."),
        ("<ul><li>Parent</li><ul><li>Child without its own li</li></ul><li>Sibling</li></ul>", "- Parent\n  - Child without its own li\n- Sibling"),
        ("<ul><li><p>Intro:</p><ul><li><p>Nested <b>bold</b></p></li></ul></li></ul>", "- Intro:\n  - Nested **bold**"),
        (
            "<dl><dt>PASSWORD</dt><dd><p><code>\"ChallengeName\": \"PASSWORD\", \"USERNAME\":\n   \"[username]\"</code></p></dd><dd>Extra</dd><dt>Empty</dt></dl>",
            "- **PASSWORD**: `\"ChallengeName\": \"PASSWORD\", \"USERNAME\": \"[username]\"`\n\n  Extra\n- **Empty**",
        ),
        // AWS-specific tags.
        ("<note><p>First note paragraph.</p><p>Second.</p></note>", "> **Note:** First note paragraph.\n>\n> Second."),
        ("<important><ul><li>Careful</li></ul></important>", "> **Important:**\n>\n> - Careful"),
        ("<fullname>Amazon Simple Queue Service</fullname><p>Welcome.</p>", "Welcome."),
        ("<h2>Limits</h2><p>Some text.</p>", "**Limits**\n\nSome text."),
        // Preformatted blocks.
        (
            "<pre><code>\n    {\n      \"a\": [1, 2]\n    }\n</code></pre>",
            "```text\n{\n  \"a\": [1, 2]\n}\n```",
        ),
        ("<ul><li>Example:<pre>x &lt; y\n```\nz</pre></li></ul>", "- Example:\n\n  ````text\n  x < y\n  ```\n  z\n  ````"),
        // Entities and stray characters.
        (
            "<p>&amp; &lt;tag&gt; &quot;q&quot; &apos;a&#39; &#x27;b&#x27; non&nbsp;breaking &#8364; &bogus; AT&T &amp;lt;</p>",
            "& \\<tag\\> \"q\" 'a' 'b' non breaking \u{20AC} \\&bogus; AT&T \\&lt;",
        ),
        ("<p>a < b and c<=d, x<5 and <> and </></p>", "a \\< b and c\\<=d, x\\<5 and \\<\\> and \\</\\>"),
        ("<p>Format <client-id>--<epoch-create-time>.</p>", "Format \\<client-id\\>--\\<epoch-create-time\\>."),
        ("<p>Unknown <span>wrapper</span> <u>kept</u>.<!-- comment --></p>", "Unknown wrapper kept."),
        ("<p># not a heading</p><p>+ plus</p><p>= equals</p><p>> quote</p>", "\\# not a heading\n\n\\+ plus\n\n\\= equals\n\n\\> quote"),
        ("<p>Mismatched <b>bold <i>both</b> end</i></p>", "Mismatched **bold *both*** end"),
        ("<p>Broken <a href=\"https://x.example\" tag", "Broken \\<a href=\"<https://x.example>\" tag"),
        // Plain text input.
        (
            "Plain text paragraph\nwrapped over lines.\n\nSecond with `code_span` and a_b * c.",
            "Plain text paragraph wrapped over lines.\n\nSecond with `code_span` and a_b \\* c.",
        ),
        ("    indented plain text", "indented plain text"),
        // A realistic snippet in the style of the Cognito user pools docs.
        (
            "<p>Creates a new app client in a user pool. To sign in with\n            <code>USER_PASSWORD_AUTH</code>, set <code>ExplicitAuthFlows</code>.</p>\n         <note>\n            <p>This action might generate an SMS text message. See <a href=\"https://docs.aws.amazon.com/cognito/latest/developerguide/sms.html\">SMS\n                settings</a>.</p>\n         </note>\n         <p>Valid values:</p>\n         <ul>\n            <li>\n               <p>\n                  <code>ALLOW_USER_SRP_AUTH</code>: Secure Remote Password.</p>\n            </li>\n            <li>\n               <p>\n                  <code>ALLOW_REFRESH_TOKEN_AUTH</code>: Refresh tokens.</p>\n            </li>\n         </ul>",
            "Creates a new app client in a user pool. To sign in with `USER_PASSWORD_AUTH`, set `ExplicitAuthFlows`.\n\n> **Note:** This action might generate an SMS text message. See [SMS settings](https://docs.aws.amazon.com/cognito/latest/developerguide/sms.html).\n\nValid values:\n\n- `ALLOW_USER_SRP_AUTH`: Secure Remote Password.\n- `ALLOW_REFRESH_TOKEN_AUTH`: Refresh tokens.",
        ),
    ];

    #[test]
    fn converts_table_cases() {
        let mut failures = Vec::new();
        for (input, expected) in CASES {
            let actual = html_to_markdown(input);
            if actual != *expected {
                failures.push(format!(
                    "input:    {input:?}\nexpected: {expected:?}\nactual:   {actual:?}"
                ));
            }
        }
        assert!(
            failures.is_empty(),
            "{} case(s) failed:\n\n{}",
            failures.len(),
            failures.join("\n\n")
        );
    }

    #[test]
    fn table_outputs_are_well_formed() {
        for (input, _) in CASES {
            assert_well_formed(input, &html_to_markdown(input));
        }
    }

    /// Deterministic xorshift generator, so failures are reproducible.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    #[rustfmt::skip]
    const FRAGMENTS: &[&str] = &[
        "<p>", "</p>", "<ul>", "</ul>", "<ol>", "</ol>", "<li>", "</li>", "<dl>", "</dl>",
        "<dt>", "</dt>", "<dd>", "</dd>", "<code>", "</code>", "<pre>", "</pre>", "<b>", "</b>",
        "<i>", "</i>", "<strong>", "<em>", "<a href=\"https://example.com/a_b\">",
        "<a href='x'>", "<a>", "</a>", "<note>", "</note>", "<important>", "</important>",
        "<br>", "<br/>", "<h3>", "</h3>", "<fullname>", "</fullname>", "<span>", "<div>",
        "</div>", "<!--", "-->", "<!x>", "<client-id>", "</unknown>", "<a href=\"", "&amp;",
        "&lt;", "&gt;", "&#x27;", "&#99999999;", "&#0;", "&nbsp;", "&", ";", "<", ">", "/",
        "\"", "'", "=", "`", "``", "*", "_", "[", "]", "#", "-", "+", "1.", "2)", "~", "|",
        "\\", ":", "\n", "\n\n", "    ", "\t", " ", "\r\n", "\u{A0}", "\u{2028}",
        "https://example.com/x.", "http://", "word", "Word", "é", "日本", "USER_AUTH",
    ];

    #[test]
    fn random_input_never_panics_or_indents_into_code() {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        for _ in 0..10_000 {
            let len = rng.below(40);
            let input: String = (0..len)
                .map(|_| FRAGMENTS[rng.below(FRAGMENTS.len())])
                .collect();
            let output = html_to_markdown(&input);
            assert_well_formed(&input, &output);
            assert_eq!(
                output,
                html_to_markdown(&input),
                "not deterministic for {input:?}"
            );
        }
    }

    #[test]
    fn deep_nesting_and_pathological_input_are_handled() {
        let deep = format!(
            "{}text{}",
            "<ul><li><b>".repeat(300),
            "</b></li></ul>".repeat(300)
        );
        assert_well_formed(&deep, &html_to_markdown(&deep));
        let unterminated = "<a x=\"<!--<!x ".repeat(20_000);
        assert_well_formed(&unterminated, &html_to_markdown(&unterminated));
    }

    #[test]
    fn structure_check_catches_indented_code() {
        assert!(check_block_structure(&["text", "", "    code"]).is_err());
        assert!(check_block_structure(&["\tcode"]).is_err());
        assert!(check_block_structure(&["- a", "", "      code"]).is_err());
        assert!(check_block_structure(&["a", "", "", "b"]).is_err());
        assert!(check_block_structure(&["- a", "  - b", "    - c", "", "      d"]).is_ok());
        assert!(check_block_structure(&[
            "> - a", ">", ">   b", "```text", "    code", "", "", "```"
        ])
        .is_ok());
    }

    /// Output invariants: no trailing whitespace, no leading/trailing blank lines, no doubled
    /// blank lines outside fenced blocks, and no line that CommonMark would read as an
    /// indented code block.
    fn assert_well_formed(input: &str, output: &str) {
        if output.is_empty() {
            return;
        }
        let lines: Vec<&str> = output.split('\n').collect();
        let context = || format!("input: {input:?}\noutput:\n{output}");
        assert!(
            !lines[0].is_empty() && !lines[lines.len() - 1].is_empty(),
            "edge blank line\n{}",
            context()
        );
        for line in &lines {
            assert_eq!(line.trim_end(), *line, "trailing whitespace\n{}", context());
        }
        check_block_structure(&lines)
            .unwrap_or_else(|line| panic!("bad line {line:?}\n{}", context()));
    }

    /// An open container while scanning the output.
    enum Container {
        Quote,
        /// A list item whose content starts this many columns after the container start.
        Item(usize),
    }

    /// Follows list items and block quotes the way CommonMark does and reports the first
    /// line (outside fenced blocks) indented four or more columns past its container's
    /// content, or starting with a tab: rustdoc would treat it as a code block (a doctest).
    /// Nested list items are legitimately indented by four or more spaces, which is why
    /// this tracks containers rather than looking at raw leading spaces. Also reports a
    /// second consecutive blank line outside fenced blocks.
    fn check_block_structure<'a>(lines: &[&'a str]) -> Result<(), &'a str> {
        let mut containers: Vec<Container> = Vec::new();
        let mut fence: Option<String> = None;
        let mut previous_blank = false;
        for &line in lines {
            if line.trim().is_empty() {
                if previous_blank && fence.is_none() {
                    return Err(line);
                }
                previous_blank = true;
                continue;
            }
            previous_blank = false;
            // Match the line against the open containers.
            let mut rest = line;
            let mut matched = 0;
            for container in &containers {
                let spaces = rest.len() - rest.trim_start_matches(' ').len();
                match container {
                    Container::Quote if spaces <= 3 && rest[spaces..].starts_with('>') => {
                        rest = &rest[spaces + 1..];
                        rest = rest.strip_prefix(' ').unwrap_or(rest);
                    }
                    Container::Item(width) if spaces >= *width => rest = &rest[*width..],
                    _ => break,
                }
                matched += 1;
            }
            if let Some(open) = &fence {
                if rest.trim() == open {
                    fence = None;
                }
                continue;
            }
            // A line holding only quote markers (`>`) is a blank line inside the quote.
            if rest.trim().is_empty() {
                if previous_blank {
                    return Err(line);
                }
                previous_blank = true;
                continue;
            }
            containers.truncate(matched);
            // Open new containers, checking the indentation before each.
            loop {
                let spaces = rest.len() - rest.trim_start_matches(' ').len();
                let content = &rest[spaces..];
                if content.is_empty() {
                    break;
                }
                if spaces >= 4 || content.starts_with('\t') {
                    return Err(line);
                }
                if let Some(after) = content.strip_prefix('>') {
                    containers.push(Container::Quote);
                    rest = after.strip_prefix(' ').unwrap_or(after);
                } else if let Some(marker) = list_marker_len(content) {
                    containers.push(Container::Item(spaces + marker));
                    rest = &content[marker..];
                } else {
                    if content.starts_with("```") {
                        let run = content.len() - content.trim_start_matches('`').len();
                        fence = Some("`".repeat(run));
                    }
                    break;
                }
            }
        }
        Ok(())
    }

    fn list_marker_len(content: &str) -> Option<usize> {
        if content.starts_with("- ") {
            return Some(2);
        }
        let digits = content.len()
            - content
                .trim_start_matches(|c: char| c.is_ascii_digit())
                .len();
        (digits > 0 && content[digits..].starts_with(". ")).then_some(digits + 2)
    }
}
