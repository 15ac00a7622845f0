//! Doc comment lines held aside while a file is formatted.
//!
//! Documentation is most of the bytes of a generated file. As string
//! literals in a token stream, each line would be escaped by `proc_macro2`,
//! unescaped by `syn` when parsed, and unescaped again by prettyplease to
//! print it as a `///` comment: about a tenth of the generator's time on a
//! whole service. While [`collect`] runs an emitter, each doc line becomes
//! a short placeholder instead, and [`DocSlots::fill`] puts the lines back
//! into the formatted text.
//!
//! prettyplease prints a one-line doc attribute as `///` (or `//!`), the
//! value with trailing spaces trimmed, then a forced line break. Every
//! break around it is forced too (docs sit only on items, fields and
//! variants, each on a line of its own), so the length of the value never
//! changes how the rest of the file is laid out, and putting the line back
//! into the text gives the same bytes as printing it from the literal.

use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::error::{Error, Result};

/// Starts and ends a placeholder; never kept in a placeholder's line.
const MARK: char = '\u{1}';

/// The doc lines one emission set aside, by slot.
#[derive(Debug, Default)]
pub struct DocSlots {
    /// Tells this emission's placeholders from any other's.
    nonce: u64,
    /// Each line as prettyplease would print it (trailing spaces trimmed).
    lines: Vec<String>,
}

thread_local! {
    static ACTIVE: RefCell<Option<DocSlots>> = const { RefCell::new(None) };
}

/// Runs `emit` with its doc lines set aside; the files it returns must be
/// filled from the returned slots. Nested calls keep their own slots.
pub fn collect<T>(emit: impl FnOnce() -> T) -> (T, DocSlots) {
    static NONCE: AtomicU64 = AtomicU64::new(0);
    /// Puts back the outer collection even if `emit` unwinds.
    struct Restore(Option<DocSlots>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let outer = self.0.take();
            ACTIVE.with(|active| *active.borrow_mut() = outer);
        }
    }
    let slots = DocSlots {
        nonce: NONCE.fetch_add(1, Ordering::Relaxed),
        lines: Vec::new(),
    };
    let restore = Restore(ACTIVE.with(|active| active.replace(Some(slots))));
    let result = emit();
    let slots = ACTIVE
        .with(|active| active.take())
        .expect("collect's slots are active until it returns");
    drop(restore);
    (result, slots)
}

/// The value of the doc attribute for `line`: a placeholder while
/// [`collect`] runs, else the line itself. Lines a placeholder cannot stand
/// for exactly (ones prettyplease would not print as `///` plus the line,
/// or that hold the mark) stay as they are.
pub fn value(line: String) -> String {
    let plain = line.starts_with(' ') && !line.contains([MARK, '\n', '\r']);
    if !plain {
        return line;
    }
    ACTIVE.with(|active| match active.borrow_mut().as_mut() {
        None => line,
        Some(slots) => {
            let slot = slots.lines.len();
            let placeholder = format!("{MARK}{}.{slot}{MARK}", slots.nonce);
            slots.lines.push(line.trim_end_matches(' ').to_owned());
            placeholder
        }
    })
}

impl DocSlots {
    /// `text` with every placeholder of these slots replaced by its line.
    pub fn fill(&self, file: &str, text: String) -> Result<String> {
        if !text.contains(MARK) {
            return Ok(text);
        }
        let prefix = format!("{MARK}{}.", self.nonce);
        let mut out = String::with_capacity(text.len() + self.lines.len() * 64);
        let mut rest = text.as_str();
        while let Some(at) = rest.find(&prefix) {
            out.push_str(&rest[..at]);
            let after = &rest[at + prefix.len()..];
            let end = after.find(MARK).ok_or_else(|| self.broken(file))?;
            let line = after[..end]
                .parse::<usize>()
                .ok()
                .and_then(|slot| self.lines.get(slot))
                .ok_or_else(|| self.broken(file))?;
            out.push_str(line);
            rest = &after[end + MARK.len_utf8()..];
        }
        out.push_str(rest);
        // A placeholder left over came from another emission's tokens: its
        // line is lost, so the file would be wrong.
        let stray = out
            .match_indices(MARK)
            .any(|(at, _)| out[at + MARK.len_utf8()..].starts_with(|c: char| c.is_ascii_digit()));
        if stray {
            return Err(self.broken(file));
        }
        Ok(out)
    }

    fn broken(&self, file: &str) -> Error {
        Error::Render {
            file: file.to_owned(),
            message:
                "a doc placeholder is unreadable or from another file's emission (a generator bug)"
                    .to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{collect, value};

    #[test]
    fn placeholders_print_back_as_the_lines() {
        let lines = [" First line.  ", "", " Second `line` with é.", " a"];
        let (tokens, slots) = collect(|| {
            let docs = lines.iter().map(|l| {
                let v = value(l.to_string());
                quote::quote!(#[doc = #v])
            });
            quote::quote!(#(#docs)* pub struct A;)
        });
        assert_eq!(
            slots.lines.len(),
            3,
            "every line but the empty one is set aside"
        );
        let printed = prettyplease::unparse(&syn::parse2(tokens).unwrap());
        assert_ne!(printed, "");
        let filled = slots.fill("a.rs", printed).unwrap();
        assert_eq!(
            filled,
            "/// First line.\n///\n/// Second `line` with é.\n/// a\npub struct A;\n"
        );
    }

    /// Docs in every place the emitters put them print the same with and
    /// without placeholders, however long the lines.
    #[test]
    fn collected_docs_render_like_literal_docs() {
        fn emit() -> proc_macro2::TokenStream {
            let long = "x".repeat(150);
            let doc = |text: &str| {
                let v = value(format!(" {text}"));
                quote::quote!(#[doc = #v])
            };
            let inner = {
                let v = value(" Module docs.".to_owned());
                quote::quote!(#![doc = #v])
            };
            let (a, b, c, d) = (doc("A struct."), doc(&long), doc("A variant."), doc(&long));
            let (e, f) = (doc("A method with a long line:"), doc(&long));
            quote::quote! {
                #inner
                #a #b
                pub struct S { #c pub x: Option<u8>, #d pub(crate) y: Vec<u8> }
                pub enum E { #c A(u8), #b B { #a z: u8 } }
                impl S {
                    #e #f
                    pub fn f(&self, a: u8, b: u8) -> Result<Option<u8>, u8> { if a > b { Ok(None) } else { Err(a) } }
                    #a
                    pub const C: u8 = 1;
                }
                mod m { #a #d fn g() { #[allow(dead_code)] #e fn h() {} } }
            }
        }
        let plain = prettyplease::unparse(&syn::parse2(emit()).unwrap());
        let (tokens, slots) = collect(emit);
        assert!(!slots.lines.is_empty());
        let printed = prettyplease::unparse(&syn::parse2(tokens).unwrap());
        assert_ne!(printed, plain, "the placeholders were printed");
        assert_eq!(slots.fill("s.rs", printed).unwrap(), plain);
    }

    #[test]
    fn outside_collect_lines_stay() {
        assert_eq!(value(" text".into()), " text");
        let (_, outer) = collect(|| {
            let (inner_value, inner) = collect(|| value(" inner".into()));
            assert_eq!(inner.lines, [" inner"]);
            assert!(inner_value.contains(super::MARK));
            value(" outer".into())
        });
        assert_eq!(outer.lines, [" outer"]);
        assert_eq!(value(" after".into()), " after");
    }

    #[test]
    fn a_placeholder_of_other_slots_or_a_broken_one_fails() {
        let (placeholder, slots) = collect(|| value(" x".into()));
        let (_, other) = collect(|| value(" y".into()));
        let text = format!("///{placeholder}\n");
        assert!(other.fill("f.rs", text.clone()).is_err());
        assert_eq!(slots.fill("f.rs", text).unwrap(), "/// x\n");
        let broken = format!("///{}", &placeholder[..placeholder.len() - 1]);
        assert!(slots.fill("f.rs", broken).is_err());
    }
}
