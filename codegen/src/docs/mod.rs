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
//!
//! Each stage has its file: `tokenize`, `tree`, `blocks` (with `inline` and `escape` for
//! the text inside blocks) and `serialize`; `vocab` holds the tag names and input bounds.

mod blocks;
mod escape;
mod inline;
mod serialize;
#[cfg(test)]
mod tests;
mod tokenize;
mod tree;
mod vocab;

use blocks::{blocks_of, plain_text_blocks};
use serialize::serialize;
use tokenize::{tokenize, Token};
use tree::build_tree;

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
