//! The validation stage of the planner: what the generated crate's opt-in
//! client-side validation checks: which
//! structures and unions have something to check (directly or in what they
//! hold), and every distinct `@pattern`, compiled once under one name.
//!
//! Smithy patterns are ECMAScript regular expressions; the generated crate
//! matches them with `regex-lite` when its ASCII classes mean what
//! ECMAScript's do (`\d`, `\w`, ranges, literals: see [`lite_is_exact`]),
//! else with the `regex` crate, whose Unicode-aware classes (`\s`,
//! `\p{L}`) accept at least what ECMAScript's accept. Neither backtracks. One ECMAScript spelling is translated first:
//! a UTF-16 surrogate pair written as two escapes (`\uD800\uDC00`, which
//! DynamoDB's patterns use to mean U+10000) becomes the code point it
//! encodes (see [`to_rust_regex`]). The few patterns `regex` still refuses
//! (look-around, as in Cognito's `S3BucketType`; back-references; classes
//! such as DynamoDB's `\p{Print}`) go to `fancy-regex`, which backtracks
//! only for the constructs that need it; a crate depends on it only when
//! its model has such a pattern. A pattern neither compiles is not checked
//! at all, and the member's documentation says so: client-side validation
//! must never refuse what the service would accept.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::traits::Bounds;

use super::records::{
    CompiledPattern, Constraints, Engine, Plan, RustType, TypeKind, ValidationPlan,
};
use crate::model::graph::reachable;
use crate::model::ShapeId;
use crate::naming;

/// Whether a `@length` can reject anything: a minimum above zero or any
/// maximum. (`min: 0` alone limits nothing.)
pub fn length_limits_anything(bounds: &Bounds) -> bool {
    bounds.min.is_some_and(|m| m.ceil() > 0.0) || bounds.max.is_some()
}

/// Whether a `@range` can reject a value of `ty`: a bound inside what the
/// type holds. Models often write the type's own limits (an `integer`
/// ranged from -2147483648 to 2147483647); such a range has nothing to
/// check, and the plan drops it so that no empty check is emitted.
pub fn range_limits_anything(ty: &RustType, bounds: &Bounds) -> bool {
    let int = |lo: f64, hi: f64| {
        bounds.min.is_some_and(|m| m.ceil() > lo) || bounds.max.is_some_and(|m| m.floor() < hi)
    };
    match ty {
        RustType::I8 => int(i8::MIN.into(), i8::MAX.into()),
        RustType::I16 => int(i16::MIN.into(), i16::MAX.into()),
        RustType::I32 => int(i32::MIN.into(), i32::MAX.into()),
        RustType::I64 => int(i64::MIN as f64, i64::MAX as f64),
        // A bound beyond the largest `f32` limits nothing an `f32` can hold.
        RustType::F32 => [bounds.min, bounds.max]
            .into_iter()
            .flatten()
            .any(|v| (v as f32).is_finite()),
        _ => bounds.min.is_some() || bounds.max.is_some(),
    }
}

/// Drops the patterns `regex` cannot compile (noting it in the member's
/// docs), names the others, and finds the types validation must visit.
pub(super) fn validation_plan(plan: &mut Plan) -> ValidationPlan {
    // Only what an operation input holds is ever validated; outputs and
    // errors come from the service.
    let reachable = reachable_from_inputs(plan);
    let patterns = compile_patterns(plan, &reachable);
    let mut validation = ValidationPlan {
        checked: BTreeSet::new(),
        patterns,
    };
    // A type needs checking when one of its members has a constraint, is a
    // required member Rust can leave unset, or holds a type that needs
    // checking. The last spreads from the first two backwards along what
    // holds what, each reference followed once, cycles included.
    let mut holders: BTreeMap<&ShapeId, Vec<&ShapeId>> = BTreeMap::new();
    let mut ready: Vec<&ShapeId> = Vec::new();
    for t in plan.types.values().filter(|t| reachable.contains(&t.id)) {
        let mut held = Vec::new();
        let needs = match &t.kind {
            TypeKind::Structure(s) => s.fields.iter().fold(false, |needs, f| {
                named_in(&f.ty, &mut held);
                needs || f.unset_is_violation() || !f.constraints.is_empty()
            }),
            TypeKind::Union(variants) => variants.iter().fold(false, |needs, v| match &v.ty {
                Some(ty) => {
                    named_in(ty, &mut held);
                    needs || !v.constraints.is_empty()
                }
                None => needs,
            }),
            TypeKind::Enum(_) | TypeKind::IntEnum(_) => false,
        };
        for id in held {
            holders.entry(id).or_default().push(&t.id);
        }
        if needs && validation.checked.insert(t.id.clone()) {
            ready.push(&t.id);
        }
    }
    while let Some(id) = ready.pop() {
        for &holder in holders.get(id).into_iter().flatten() {
            if validation.checked.insert(holder.clone()) {
                ready.push(holder);
            }
        }
    }
    validation
}

/// The structures and unions `ty` names, through lists and maps.
fn named_in<'a>(ty: &'a RustType, into: &mut Vec<&'a ShapeId>) {
    match ty {
        RustType::Named(id) => into.push(id),
        RustType::List { item, .. } => named_in(item, into),
        RustType::Map { key, value, .. } => {
            named_in(key, into);
            named_in(value, into);
        }
        _ => {}
    }
}

/// The structures and unions operation inputs hold, at any depth.
fn reachable_from_inputs(plan: &Plan) -> BTreeSet<ShapeId> {
    fn named(ty: &RustType, into: &mut Vec<ShapeId>) {
        match ty {
            RustType::Named(id) => into.push(id.clone()),
            RustType::List { item, .. } => named(item, into),
            RustType::Map { key, value, .. } => {
                named(key, into);
                named(value, into);
            }
            _ => {}
        }
    }
    let inputs = plan.operations.iter().map(|op| op.input.clone());
    reachable(inputs, |id| {
        let mut targets = Vec::new();
        match plan.types.get(id).map(|t| &t.kind) {
            Some(TypeKind::Structure(s)) => {
                s.fields.iter().for_each(|f| named(&f.ty, &mut targets))
            }
            Some(TypeKind::Union(vs)) => vs
                .iter()
                .filter_map(|v| v.ty.as_ref())
                .for_each(|ty| named(ty, &mut targets)),
            Some(TypeKind::Enum(_) | TypeKind::IntEnum(_)) | None => {}
        }
        targets
    })
}

/// Compiles every distinct pattern once, removes the ones that fail from
/// the plan, and names the rest after the shape that declares them (the
/// first in id order, when several declare the same expression).
fn compile_patterns(
    plan: &mut Plan,
    reachable: &BTreeSet<ShapeId>,
) -> BTreeMap<String, CompiledPattern> {
    let mut declared: Vec<(ShapeId, String)> = Vec::new();
    for t in plan.types.values().filter(|t| reachable.contains(&t.id)) {
        for c in constraints_of(&t.kind) {
            visit(c, &mut |c| {
                if let Some(p) = &c.pattern {
                    declared.push((p.origin.clone(), p.regex.clone()));
                }
            });
        }
    }
    declared.sort();
    let mut failures: BTreeMap<String, String> = BTreeMap::new();
    let mut names: BTreeMap<String, CompiledPattern> = BTreeMap::new();
    let mut taken: BTreeSet<String> = BTreeSet::new();
    for (origin, regex) in &declared {
        if names.contains_key(regex) || failures.contains_key(regex) {
            continue;
        }
        let rust = to_rust_regex(regex);
        // Parsing is what decides whether `regex` takes an expression (its
        // size limits aside, which no model comes near), at a tenth of the
        // cost of compiling every Unicode class.
        let engine = match regex_syntax::Parser::new().parse(&rust) {
            Ok(_) if lite_is_exact(&rust) => Engine::Lite,
            Ok(_) => Engine::Regex,
            Err(e) => match fancy_regex::Regex::new(&rust) {
                Ok(_) => Engine::FancyRegex,
                Err(_) => {
                    failures.insert(regex.clone(), summary(&e.to_string()));
                    continue;
                }
            },
        };
        let base = match origin.member() {
            Some(member) => naming::const_name(&format!("{} {member}", origin.name())),
            None => naming::const_name(origin.name()),
        };
        let name = (1..)
            .map(|n| {
                if n == 1 {
                    base.clone()
                } else {
                    format!("{base}_{n}")
                }
            })
            .find(|candidate| !taken.contains(candidate))
            .expect("there are more numbers than patterns");
        taken.insert(name.clone());
        names.insert(
            regex.clone(),
            CompiledPattern {
                name,
                regex: rust,
                engine,
            },
        );
    }
    if !failures.is_empty() {
        drop_failed_patterns(plan, reachable, &failures);
    }
    names
}

/// Removes patterns that did not compile and says so in the docs of the
/// member (or union variant) whose value they constrain.
fn drop_failed_patterns(
    plan: &mut Plan,
    reachable: &BTreeSet<ShapeId>,
    failures: &BTreeMap<String, String>,
) {
    let note = |docs: &mut String, c: &mut Constraints| {
        let mut dropped = Vec::new();
        visit_mut(c, &mut |c| {
            if let Some(p) = c.pattern.take_if(|p| failures.contains_key(&p.regex)) {
                dropped.push(format!("`{}` ({})", p.regex, failures[&p.regex]));
            }
        });
        // A list or map whose only check was the dropped pattern has
        // nothing left to check: no empty loop over it may be emitted.
        prune_empty(c);
        for d in dropped {
            docs.push_str(&format!(
                "\n\nThe pattern {d} is not checked by `validate()`: the `regex` crate cannot compile it."
            ));
        }
    };
    for t in plan
        .types
        .values_mut()
        .filter(|t| reachable.contains(&t.id))
    {
        match &mut t.kind {
            TypeKind::Structure(s) => s
                .fields
                .iter_mut()
                .for_each(|f| note(&mut f.docs, &mut f.constraints)),
            TypeKind::Union(vs) => vs
                .iter_mut()
                .for_each(|v| note(&mut v.docs, &mut v.constraints)),
            TypeKind::Enum(_) | TypeKind::IntEnum(_) => {}
        }
    }
}

/// Clears the constraints of items, keys and values that check nothing.
fn prune_empty(c: &mut Constraints) {
    for nested in [&mut c.items, &mut c.keys, &mut c.values] {
        if let Some(inner) = nested {
            prune_empty(inner);
            if inner.is_empty() {
                *nested = None;
            }
        }
    }
}

fn constraints_of(kind: &TypeKind) -> Vec<&Constraints> {
    match kind {
        TypeKind::Structure(s) => s.fields.iter().map(|f| &f.constraints).collect(),
        TypeKind::Union(vs) => vs.iter().map(|v| &v.constraints).collect(),
        TypeKind::Enum(_) | TypeKind::IntEnum(_) => Vec::new(),
    }
}

/// Calls `f` on `c` and on the constraints of everything it holds.
fn visit(c: &Constraints, f: &mut impl FnMut(&Constraints)) {
    f(c);
    for nested in [&c.items, &c.keys, &c.values].into_iter().flatten() {
        visit(nested, f);
    }
}

fn visit_mut(c: &mut Constraints, f: &mut impl FnMut(&mut Constraints)) {
    f(c);
    for nested in [&mut c.items, &mut c.keys, &mut c.values]
        .into_iter()
        .flatten()
    {
        visit_mut(nested, f);
    }
}

/// Whether `regex-lite` matches `pattern` exactly as ECMAScript does, so
/// that a crate can do without the full `regex` (and its Unicode tables)
/// for it. ECMAScript's `\d`, `\w` and `\b` are ASCII, as they are in
/// `regex-lite`; its `\s` is Unicode white space, which `regex-lite`'s is
/// not; Unicode classes (`\p{L}`) and flags (`(?i)`) are left to `regex`.
/// Everything else (literals of any code point, ranges, `.`, repetition,
/// alternation, anchors) means the same in both.
fn lite_is_exact(pattern: &str) -> bool {
    use regex_syntax::ast::{self, Ast, ClassPerlKind, ClassSetItem, GroupKind};

    struct Exact;
    impl ast::Visitor for Exact {
        type Output = ();
        type Err = ();
        fn finish(self) -> Result<(), ()> {
            Ok(())
        }
        fn visit_pre(&mut self, ast: &Ast) -> Result<(), ()> {
            match ast {
                Ast::ClassUnicode(_) | Ast::Flags(_) => Err(()),
                Ast::ClassPerl(c) if c.kind == ClassPerlKind::Space => Err(()),
                Ast::Group(g) => match &g.kind {
                    GroupKind::NonCapturing(flags) if !flags.items.is_empty() => Err(()),
                    _ => Ok(()),
                },
                _ => Ok(()),
            }
        }
        fn visit_class_set_item_pre(&mut self, item: &ClassSetItem) -> Result<(), ()> {
            match item {
                ClassSetItem::Unicode(_) => Err(()),
                ClassSetItem::Perl(c) if c.kind == ClassPerlKind::Space => Err(()),
                _ => Ok(()),
            }
        }
    }
    let Ok(parsed) = ast::parse::Parser::new().parse(pattern) else {
        return false;
    };
    ast::visit(&parsed, Exact).is_ok() && regex_lite::Regex::new(pattern).is_ok()
}

/// An ECMAScript pattern in the syntax of the `regex` crates. The one
/// difference real models rely on: ECMAScript reads `\uD83D\uDE00` as two
/// UTF-16 code units, which together are one code point beyond U+FFFF;
/// `regex` wants that code point (`\x{1F600}`). Everything else is kept.
pub fn to_rust_regex(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut rest = pattern;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        let escape = &rest[at..];
        let pair = utf16_escape(escape).zip(utf16_escape(escape.get(6..).unwrap_or("")));
        match pair {
            Some((high @ 0xD800..=0xDBFF, low @ 0xDC00..=0xDFFF)) => {
                let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                out.push_str(&format!("\\x{{{code:X}}}"));
                rest = &escape[12..];
            }
            _ => {
                // Copy the escape whole (`\\` stays a literal backslash).
                let len = escape[1..].chars().next().map_or(1, |c| 1 + c.len_utf8());
                out.push_str(&escape[..len]);
                rest = &escape[len..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The code unit of a `\uHHHH` escape at the start of `text`.
fn utf16_escape(text: &str) -> Option<u32> {
    let hex = text.strip_prefix("\\u")?.get(..4)?;
    if hex.chars().all(|c| c.is_ascii_hexdigit()) {
        u32::from_str_radix(hex, 16).ok()
    } else {
        None
    }
}

/// `regex`'s errors draw the pattern with carets under the fault over
/// several lines; the last line says what is wrong.
fn summary(message: &str) -> String {
    let last = message
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or(message)
        .trim();
    last.strip_prefix("error: ").unwrap_or(last).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Model;
    use crate::select::Selection;

    fn plan_of(shapes: &str) -> Plan {
        let text = format!(
            r#"{{"smithy": "2.0", "shapes": {{
                "ex#Svc": {{"type": "service", "operations": [{{"target": "ex#Op"}}],
                            "traits": {{"aws.protocols#awsJson1_1": {{}}}}}},
                "ex#Op": {{"type": "operation", "input": {{"target": "ex#OpInput"}}}},
                {shapes}
            }}}}"#
        );
        let model = Model::from_sources([("test.json", text.as_str())]).unwrap();
        let closure = crate::select::select(&model, None, &Selection::Service).unwrap();
        crate::plan::plan(&model, &closure).unwrap()
    }

    #[test]
    fn shared_patterns_compile_once_under_the_first_declaring_shape() {
        let plan = plan_of(
            r#""ex#OpInput": {"type": "structure", "members": {
                    "b": {"target": "ex#Beta"}, "a": {"target": "ex#Alpha"},
                    "c": {"target": "smithy.api#String", "traits": {"smithy.api#pattern": "^x$"}}}},
               "ex#Alpha": {"type": "string", "traits": {"smithy.api#pattern": "^[a-z]+$"}},
               "ex#Beta": {"type": "string", "traits": {"smithy.api#pattern": "^[a-z]+$"}}"#,
        );
        let patterns: Vec<(&str, &str, Engine)> = plan
            .validation
            .patterns
            .iter()
            .map(|(k, v)| (k.as_str(), v.name.as_str(), v.engine))
            .collect();
        assert_eq!(
            patterns,
            [
                ("^[a-z]+$", "ALPHA", Engine::Lite),
                ("^x$", "OP_INPUT_C", Engine::Lite)
            ]
        );
        assert!(plan
            .validation
            .checked
            .contains(&ShapeId::new("ex", "OpInput")));
    }

    #[test]
    fn ascii_classes_go_to_regex_lite_and_unicode_ones_to_regex() {
        for lite in [
            r"^[\w+]+$",
            r"^[\w-]+_[0-9a-zA-Z]+$",
            r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}$",
            r"^[\x21\x23-\x5B\x5D-\x7E]+$",
            r"^(terms-of-use|privacy-policy)$",
            r"^[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?$",
            r"\bword\d+é",
        ] {
            assert!(lite_is_exact(lite), "{lite}");
        }
        for unicode in [
            r"^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$",
            r"^[\w\s+=,.@-]+$",
            r"^[\S]+$",
            r"^\s*$",
            r"^(?s)",
            r"(?i:abc)",
            r"^[^_\p{Z}]$",
        ] {
            assert!(!lite_is_exact(unicode), "{unicode}");
        }
    }

    #[test]
    fn surrogate_pairs_become_code_points() {
        let table = [
            (
                r"^[\u0020-\uD7FF\uD800\uDC00-\uDBFF\uDFFF]*$",
                r"^[\u0020-\uD7FF\x{10000}-\x{10FFFF}]*$",
            ),
            (r"\uD83D\uDE00", r"\x{1F600}"),
            // Not a pair, or not an escape: kept as written.
            (r"\uD83D", r"\uD83D"),
            (r"\\uD83D\uDE00", r"\\uD83D\uDE00"),
            (r"\u00e9\d+é", r"\u00e9\d+é"),
            (r"trailing\", r"trailing\"),
        ];
        for (ecma, rust) in table {
            assert_eq!(to_rust_regex(ecma), rust, "{ecma}");
        }
    }

    #[test]
    fn look_around_goes_to_fancy_regex() {
        let plan = plan_of(
            r#""ex#OpInput": {"type": "structure", "members": {
                    "a": {"target": "smithy.api#String", "traits": {"smithy.api#pattern": "^[a-z.]*(?<!\\.)$"}}}}"#,
        );
        let compiled = &plan.validation.patterns["^[a-z.]*(?<!\\.)$"];
        assert_eq!(compiled.engine, Engine::FancyRegex);
    }

    #[test]
    fn a_list_whose_only_check_was_a_dropped_pattern_is_not_visited() {
        let plan = plan_of(
            r#""ex#OpInput": {"type": "structure", "members": {
                    "names": {"target": "ex#Names"}}},
                "ex#Names": {"type": "list", "member": {"target": "ex#Name"}},
                "ex#Name": {"type": "string", "traits": {"smithy.api#pattern": "^[a-"}}"#,
        );
        let TypeKind::Structure(s) = &plan.ty(&ShapeId::new("ex", "OpInput")).kind else {
            panic!("a structure")
        };
        assert!(
            s.fields[0].constraints.is_empty(),
            "{:?}",
            s.fields[0].constraints
        );
        assert!(plan.validation.checked.is_empty());
    }

    #[test]
    fn patterns_neither_crate_compiles_are_dropped_and_documented() {
        let plan = plan_of(
            r#""ex#OpInput": {"type": "structure", "members": {
                    "a": {"target": "smithy.api#String", "traits": {"smithy.api#pattern": "^[a-"}}}}"#,
        );
        assert!(plan.validation.patterns.is_empty());
        assert!(plan.validation.checked.is_empty());
        let TypeKind::Structure(s) = &plan.ty(&ShapeId::new("ex", "OpInput")).kind else {
            panic!("a structure")
        };
        assert_eq!(s.fields[0].constraints.pattern, None);
        assert!(
            s.fields[0]
                .docs
                .contains("The pattern `^[a-` (unclosed character class) is not checked"),
            "{}",
            s.fields[0].docs
        );
    }

    #[test]
    fn types_holding_checked_types_are_checked_through_cycles() {
        let plan = plan_of(
            r#""ex#OpInput": {"type": "structure", "members": {
                    "tree": {"target": "ex#Tree"}, "plain": {"target": "ex#Plain"}}},
               "ex#Tree": {"type": "structure", "members": {
                    "children": {"target": "ex#Trees"},
                    "leaf": {"target": "ex#Leaf"}}},
               "ex#Trees": {"type": "list", "member": {"target": "ex#Tree"}},
               "ex#Leaf": {"type": "structure", "members": {
                    "n": {"target": "smithy.api#Integer", "traits": {"smithy.api#range": {"max": 3}}}}},
               "ex#Plain": {"type": "structure", "members": {"s": {"target": "smithy.api#String"}}}"#,
        );
        let checked: Vec<&str> = plan.validation.checked.iter().map(|id| id.name()).collect();
        assert_eq!(checked, ["Leaf", "OpInput", "Tree"]);
    }
}
