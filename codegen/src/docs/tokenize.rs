//! Stage 1: the tokenizer, which splits the input into text and known tags.

use super::vocab::{is_known_tag, MAX_TAG_LEN};

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Token {
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
pub(super) enum Markup {
    /// A recognised tag.
    Tag(Token),
    /// A comment, doctype or processing instruction: dropped.
    Ignored,
    /// Something tag-shaped with an unknown name: kept verbatim as text.
    Literal,
}

pub(super) fn tokenize(input: &str) -> Vec<Token> {
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
pub(super) fn prefix_within(s: &str, max: usize) -> &str {
    let mut end = max.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

pub(super) fn flush_text(raw_text: &mut String, tokens: &mut Vec<Token>) {
    if !raw_text.is_empty() {
        tokens.push(Token::Text(decode_entities(raw_text)));
        raw_text.clear();
    }
}

/// Parses the markup starting at `s` (which starts with `<`). Returns what it is and its
/// length in bytes, or `None` when the `<` does not start well-formed markup.
pub(super) fn parse_markup(s: &str) -> Option<(Markup, usize)> {
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

pub(super) fn is_name_end(c: char) -> bool {
    c.is_ascii_whitespace() || matches!(c, '/' | '>' | '<')
}

/// Parses `<name attr="value" ...>`; only `href` is kept. Unterminated tags (no `>`, or an
/// unclosed quote) yield `None` so the `<` becomes text instead of swallowing the document.
pub(super) fn parse_start_tag(s: &str) -> Option<(Markup, usize)> {
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
pub(super) fn parse_attr_value(s: &str, i: usize) -> Option<(&str, usize)> {
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
pub(super) fn decode_entities(s: &str) -> String {
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
pub(super) fn parse_entity(s: &str) -> Option<(char, usize)> {
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

pub(super) fn named_entity(name: &str) -> Option<char> {
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
