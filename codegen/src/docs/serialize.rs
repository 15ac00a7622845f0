//! Stage 4: blocks serialized to lines.

use super::blocks::Block;
use super::inline::longest_backtick_run;

pub(super) fn serialize(blocks: &[Block]) -> String {
    let lines = render_blocks(blocks, false);
    lines
        .iter()
        .map(|line| line.trim_end())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Renders blocks separated by one blank line. Inside a list item a nested list follows
/// its paragraph directly, which keeps simple nested lists tight.
pub(super) fn render_blocks(blocks: &[Block], in_item: bool) -> Vec<String> {
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
pub(super) fn render_list(ordered: bool, items: &[Vec<Block>], lines: &mut Vec<String>) {
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
pub(super) fn render_code(text: &str, lines: &mut Vec<String>) {
    let fence = "`".repeat((longest_backtick_run(text) + 1).max(3));
    lines.push(format!("{fence}text"));
    lines.extend(text.split('\n').map(str::to_string));
    lines.push(fence);
}
