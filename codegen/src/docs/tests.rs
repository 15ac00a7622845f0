//! Conversion cases, and properties over hostile input.

use super::html_to_markdown;

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
    assert!(
        check_block_structure(&["> - a", ">", ">   b", "```text", "    code", "", "", "```"])
            .is_ok()
    );
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
    check_block_structure(&lines).unwrap_or_else(|line| panic!("bad line {line:?}\n{}", context()));
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
