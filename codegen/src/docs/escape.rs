//! Escaping, so rustdoc never reads text as links, tags, emphasis, code or bare URLs.

/// Escapes one whitespace-free word of text, turning bare URLs into autolinks (rustdoc's
/// `bare_urls` lint rejects them otherwise).
pub(super) fn escape_word(word: &str, autolink: bool, out: &mut String) {
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
pub(super) fn escape_text(text: &str, out: &mut String) {
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

pub(super) fn starts_entity(after: &[char]) -> bool {
    let name_len = after
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == '#')
        .count();
    name_len > 0 && after.get(name_len) == Some(&';')
}

/// Byte range of the first plausible `http://` / `https://` URL in a word, excluding
/// trailing punctuation and unbalanced closing brackets that belong to the sentence.
pub(super) fn find_bare_url(word: &str) -> Option<(usize, usize)> {
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
pub(super) fn starts_scheme(bytes: &[u8], i: usize) -> Option<usize> {
    ["https://", "http://"].iter().find_map(|scheme| {
        let candidate = bytes.get(i..i + scheme.len())?;
        candidate
            .eq_ignore_ascii_case(scheme.as_bytes())
            .then_some(scheme.len())
    })
}

pub(super) fn is_url_char(c: char) -> bool {
    !c.is_whitespace() && !c.is_control() && !matches!(c, '<' | '>' | '"' | '\'' | '`')
}

/// Escapes what would turn a line into something other than paragraph text: ATX headings,
/// list markers, setext underlines and thematic breaks. (`>`, `*`, `_`, backticks and `~`
/// are escaped everywhere already.)
pub(super) fn escape_line_start(line: &str) -> String {
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
