//! Deterministic mutations of a JSON document, for tests that feed a parser
//! thousands of near-valid inputs. The same seed always gives the same
//! mutants, so a failure can be reproduced from the mutant's index alone.

use serde_json::Value;

/// A small xorshift generator: deterministic, no dependency, good enough
/// to pick edits.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Characters that matter to JSON and to shape ids.
const PALETTE: &[char] = &[
    '{', '}', '[', ']', '"', ',', ':', '#', '$', '.', '0', 'a', 'Z', '_', '-', ' ', '\\',
];

/// Replacement values that are wrong in a typed place: other JSON types,
/// extremes, ids of shapes that do or do not exist, prelude ids.
fn odd_values(doc: &Value) -> Vec<Value> {
    let mut values = vec![
        Value::Null,
        Value::Bool(true),
        Value::from(0),
        Value::from(-1),
        Value::from(1e308),
        Value::from(""),
        Value::from("ns#Missing"),
        Value::from("not an id"),
        Value::from("smithy.api#Unit"),
        Value::from("smithy.api#String"),
        Value::Array(vec![]),
        Value::Object(Default::default()),
    ];
    if let Some(shapes) = doc.get("shapes").and_then(Value::as_object) {
        values.extend(shapes.keys().map(|k| Value::from(k.as_str())));
    }
    values
}

const TYPE_NAMES: &[&str] = &[
    "blob",
    "boolean",
    "string",
    "byte",
    "short",
    "integer",
    "long",
    "float",
    "double",
    "bigInteger",
    "bigDecimal",
    "timestamp",
    "document",
    "enum",
    "intEnum",
    "list",
    "set",
    "map",
    "structure",
    "union",
    "service",
    "resource",
    "operation",
    "apply",
    "nonsense",
];

/// Keys a mutation may rename a key to: every property name the JSON AST
/// uses, so that renames produce shapes with the "wrong" properties.
const AST_KEYS: &[&str] = &[
    "type",
    "members",
    "member",
    "key",
    "value",
    "target",
    "traits",
    "mixins",
    "input",
    "output",
    "errors",
    "operations",
    "resources",
    "identifiers",
    "properties",
    "create",
    "read",
    "list",
    "rename",
    "version",
    "smithy",
    "shapes",
    "metadata",
    "smithy.api#mixin",
    "smithy.api#enumValue",
    "smithy.api#error",
];

/// `base` with one to three random edits, either to the text (delete,
/// replace, insert or duplicate characters: mostly invalid JSON) or to
/// the parsed document (swap a value for one of another type, drop or
/// rename a key, change a shape type or a target: mostly invalid models).
pub fn mutant(base: &str, rng: &mut Rng) -> String {
    let mut text = base.to_owned();
    for _ in 0..=rng.below(3) {
        text = if rng.below(4) == 0 {
            text_edit(&text, rng)
        } else {
            match serde_json::from_str::<Value>(&text) {
                Ok(mut doc) => {
                    tree_edit(&mut doc, rng);
                    doc.to_string()
                }
                Err(_) => text_edit(&text, rng),
            }
        };
    }
    text
}

fn text_edit(text: &str, rng: &mut Rng) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    if chars.is_empty() {
        return "{".to_owned();
    }
    let at = rng.below(chars.len());
    match rng.below(4) {
        0 => {
            chars.remove(at);
        }
        1 => chars[at] = *rng.pick(PALETTE),
        2 => chars.insert(at, *rng.pick(PALETTE)),
        _ => {
            let end = (at + 1 + rng.below(20)).min(chars.len());
            let span: Vec<char> = chars[at..end].to_vec();
            chars.splice(at..at, span);
        }
    }
    chars.into_iter().collect()
}

/// Every node of the document as a JSON pointer (the root is "").
fn pointers(value: &Value, here: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                pointers(
                    v,
                    format!("{here}/{}", k.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                pointers(v, format!("{here}/{i}"), out);
            }
        }
        _ => {}
    }
    out.push(here);
}

fn tree_edit(doc: &mut Value, rng: &mut Rng) {
    let mut all = Vec::new();
    pointers(doc, String::new(), &mut all);
    let odd = odd_values(doc);
    let at = rng.pick(&all).clone();
    let kind = rng.below(6);
    let Some(node) = doc.pointer_mut(&at) else {
        return;
    };
    match kind {
        // Swap the value for one of another type or meaning.
        0 | 1 => *node = rng.pick(&odd).clone(),
        // Drop a key.
        2 => {
            if let Value::Object(map) = node {
                if !map.is_empty() {
                    let key = map
                        .keys()
                        .nth(rng.below(map.len()))
                        .cloned()
                        .unwrap_or_default();
                    map.shift_remove(&key);
                }
            }
        }
        // Rename a key to another property name of the AST.
        3 => {
            if let Value::Object(map) = node {
                if !map.is_empty() {
                    let key = map
                        .keys()
                        .nth(rng.below(map.len()))
                        .cloned()
                        .unwrap_or_default();
                    if let Some(v) = map.shift_remove(&key) {
                        map.insert(rng.pick(AST_KEYS).to_string(), v);
                    }
                }
            }
        }
        // Change a shape's type.
        4 => {
            if let Some(Value::String(t)) = node.get_mut("type") {
                *t = rng.pick(TYPE_NAMES).to_string();
            }
        }
        // Point a reference somewhere else, or add a mixin.
        _ => {
            let target = rng.pick(&odd).clone();
            if let Some(t) = node.get_mut("target") {
                *t = target;
            } else if let Value::Object(map) = node {
                map.insert(
                    "mixins".into(),
                    Value::Array(vec![serde_json::json!({ "target": target })]),
                );
            }
        }
    }
}
