//! Opt-in client-side validation: `validate()` on every operation input, and
//! the checks of each structure and union that has something to check.
//! Nothing here runs unless the caller asks: the service stays the judge.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::tokens::{ident, inner_doc};
use crate::model::traits::Bounds;
use crate::plan::{
    Constraints, Engine, FieldPlan, Plan, RustType, StructPlan, TypePlan, UnionVariant,
};

/// `src/validation.rs`: the public error types, the helpers the checks call,
/// and one lazily compiled static per distinct pattern.
pub fn module(plan: &Plan, runtime: Vec<(&str, TokenStream)>) -> TokenStream {
    let mut runtime: std::collections::BTreeMap<&str, TokenStream> = runtime.into_iter().collect();
    let docs = inner_doc(
        "Opt-in client-side validation of the model's constraint traits.\n\n\
         Every operation input has a `validate()` method that checks `@length`, `@range`, \
         `@pattern` and (where Rust can leave a member unset) `@required`, down through \
         everything the input holds, and returns every [`Violation`] it finds. Nothing \
         validates implicitly: the service remains the judge of what it accepts.",
    );
    let rules_mod = runtime.remove("rules");
    let pattern_mod = runtime.remove("pattern").map(|declaration| {
        quote! {
            #declaration

            pub(crate) use self::pattern::{pattern, Pattern};
        }
    });
    let lite_mod = runtime.remove("lite_pattern").map(|declaration| {
        quote! {
            #declaration

            pub(crate) use self::lite_pattern::{lite_pattern, LitePattern};
        }
    });
    let fancy_mod = runtime.remove("fancy_pattern").map(|declaration| {
        quote! {
            #declaration

            pub(crate) use self::fancy_pattern::{fancy_pattern, FancyPattern};
        }
    });
    let statics = plan.validation.patterns.values().map(|compiled| {
        let name = format_ident!("{}", compiled.name);
        let regex = raw_string(&compiled.regex);
        match compiled.engine {
            Engine::Lite => {
                quote!(pub(crate) static #name: LitePattern = LitePattern::new(#regex);)
            }
            Engine::Regex => quote!(pub(crate) static #name: Pattern = Pattern::new(#regex);),
            Engine::FancyRegex => {
                quote!(pub(crate) static #name: FancyPattern = FancyPattern::new(#regex);)
            }
        }
    });
    quote! {
        #docs

        #rules_mod

        pub use self::rules::{Rule, ValidationError, Violation};
        #[allow(unused_imports)]
        pub(crate) use self::rules::{big_range, length, range, required, validate, Path, Validate};

        #pattern_mod
        #lite_mod
        #fancy_mod

        #(#statics)*
    }
}

/// `text` as a raw string literal (`r"..."`, with as many `#` as it needs),
/// so a pattern reads in the generated code as the model writes it.
fn raw_string(text: &str) -> Literal {
    // A raw string cannot hold a lone carriage return.
    if text.contains('\r') {
        return Literal::string(text);
    }
    let hashes = (0..)
        .map(|n| "#".repeat(n))
        .find(|h| !text.contains(&format!("\"{h}")))
        .expect("some number of hashes is not in the text");
    format!("r{hashes}\"{text}\"{hashes}")
        .parse()
        .expect("a raw string literal")
}

/// `validate()` for an operation input, and the checks of a structure that
/// has any.
pub fn structure(plan: &Plan, t: &TypePlan, s: &StructPlan) -> TokenStream {
    let name = format_ident!("{}", t.name);
    let checked = plan.validation.checked.contains(&t.id);
    let public = plan
        .operations
        .iter()
        .any(|op| op.input == t.id)
        .then(|| public_validate(&name, checked));
    let checks = checked.then(|| {
        let fields = s.fields.iter().filter_map(|f| field(plan, f));
        quote! {
            impl crate::validation::Validate for #name {
                fn validate_at(
                    &self,
                    path: &crate::validation::Path<'_>,
                    violations: &mut ::std::vec::Vec<crate::validation::Violation>,
                ) {
                    #(#fields)*
                }
            }
        }
    });
    quote!(#public #checks)
}

/// The checks of a union whose variants have any.
pub fn union(plan: &Plan, t: &TypePlan, variants: &[UnionVariant]) -> TokenStream {
    if !plan.validation.checked.contains(&t.id) {
        return TokenStream::new();
    }
    let name = format_ident!("{}", t.name);
    // (pattern, block) of each variant with something to check.
    let arms: Vec<(TokenStream, TokenStream)> = variants
        .iter()
        .filter_map(|v| {
            let ty = v.ty.as_ref()?;
            if !plan.validation.checks(ty, &v.constraints) {
                return None;
            }
            let variant = format_ident!("{}", v.name);
            let member = &v.member;
            let unbox = v.boxed.then(|| quote!(let value = &**value;));
            let checks = value_checks(plan, ty, &v.constraints, v.sensitive);
            Some((
                quote!(Self::#variant(value)),
                quote! {{
                    #unbox
                    let path = path.member(#member);
                    #checks
                }},
            ))
        })
        .collect();
    // One checked variant reads better as `if let` (and Clippy insists).
    let body = match arms.as_slice() {
        [(pattern, block)] => quote!(if let #pattern = self #block),
        _ => {
            let arms = arms
                .iter()
                .map(|(pattern, block)| quote!(#pattern => #block));
            quote! {
                match self {
                    #(#arms)*
                    _ => {}
                }
            }
        }
    };
    quote! {
        impl crate::validation::Validate for #name {
            fn validate_at(
                &self,
                path: &crate::validation::Path<'_>,
                violations: &mut ::std::vec::Vec<crate::validation::Violation>,
            ) {
                #body
            }
        }
    }
}

fn public_validate(name: &proc_macro2::Ident, checked: bool) -> TokenStream {
    let body = if checked {
        quote!(crate::validation::validate(self))
    } else {
        quote!(::std::result::Result::Ok(()))
    };
    let none = (!checked).then(|| {
        quote! {
            ///
            /// The model sets no constraint on this input, so it always passes.
        }
    });
    quote! {
        impl #name {
            /// Checks this input against the model's constraints (`@length`,
            /// `@range`, `@pattern`, and `@required` where a member can be
            /// unset) down through everything it holds, and returns every
            /// violation found.
            ///
            /// Nothing calls this for you: sending does not validate, and
            /// the service remains the judge of what it accepts. Call it to
            /// catch mistakes before a round trip.
            #none
            pub fn validate(&self) -> ::std::result::Result<(), crate::validation::ValidationError> {
                #body
            }
        }
    }
}

/// The checks of one field, or `None` when it has none.
fn field(plan: &Plan, f: &FieldPlan) -> Option<TokenStream> {
    let n = ident(&f.name);
    let member = &f.member;
    let unset = f.unset_is_violation();
    if !plan.validation.checks(&f.ty, &f.constraints) {
        return unset.then(|| {
            quote! {
                if self.#n.is_none() {
                    crate::validation::required(&path.member(#member), violations);
                }
            }
        });
    }
    let checks = value_checks(plan, &f.ty, &f.constraints, f.sensitive);
    // Bind `value` to the plain `&T`, whatever wraps it in the field.
    Some(match (f.optional, f.boxed) {
        (false, false) => quote! {{
            let path = path.member(#member);
            let value = &self.#n;
            #checks
        }},
        (false, true) => quote! {{
            let path = path.member(#member);
            let value = &*self.#n;
            #checks
        }},
        (true, boxed) => {
            let binding = if boxed {
                quote!(self.#n.as_deref())
            } else {
                quote!(&self.#n)
            };
            if unset {
                quote! {
                    match #binding {
                        ::std::option::Option::Some(value) => {
                            let path = path.member(#member);
                            #checks
                        }
                        ::std::option::Option::None => crate::validation::required(&path.member(#member), violations),
                    }
                }
            } else {
                quote! {
                    if let ::std::option::Option::Some(value) = #binding {
                        let path = path.member(#member);
                        #checks
                    }
                }
            }
        }
    })
}

/// Checks of `value: &T` (a `T` of type `ty`) found at `path`.
fn value_checks(plan: &Plan, ty: &RustType, c: &Constraints, sensitive: bool) -> TokenStream {
    let mut out = TokenStream::new();
    if let Some(limits) = c.length.as_ref().and_then(length_limits) {
        let size = match ty {
            RustType::String => quote!(value.chars().count()),
            RustType::Blob => quote!(value.as_bytes().len()),
            _ => quote!(value.len()),
        };
        out.extend(quote!(crate::validation::length(&path, #size, #limits, violations);));
    }
    if let Some(bounds) = &c.range {
        out.extend(range_check(ty, bounds));
    }
    if let Some(p) = &c.pattern {
        if let Some(compiled) = plan.validation.patterns.get(&p.regex) {
            let name = format_ident!("{}", compiled.name);
            let check = match compiled.engine {
                Engine::Lite => quote!(lite_pattern),
                Engine::Regex => quote!(pattern),
                Engine::FancyRegex => quote!(fancy_pattern),
            };
            out.extend(quote!(crate::validation::#check(&path, value, &crate::validation::#name, violations);));
        }
    }
    match ty {
        RustType::Named(id) if plan.validation.checked.contains(id) => {
            out.extend(quote!(crate::validation::Validate::validate_at(value, &path, violations);));
        }
        RustType::List { item, sparse } => {
            let items = c.items.as_deref().cloned().unwrap_or_default();
            if plan.validation.checks(item, &items) {
                let checks = value_checks(plan, item, &items, sensitive);
                let checks = unwrap_sparse(*sparse, checks);
                out.extend(quote! {
                    for (index, value) in value.iter().enumerate() {
                        let path = path.index(index);
                        #checks
                    }
                });
            }
        }
        RustType::Map { key, value, sparse } => {
            let keys = c.keys.as_deref().cloned().unwrap_or_default();
            let values = c.values.as_deref().cloned().unwrap_or_default();
            let key_checks = plan.validation.checks(key, &keys).then(|| {
                let checks = value_checks(plan, key, &keys, sensitive);
                quote! {{
                    let path = path.key_itself();
                    let value = key;
                    #checks
                }}
            });
            let value_checks = plan
                .validation
                .checks(value, &values)
                .then(|| unwrap_sparse(*sparse, value_checks(plan, value, &values, sensitive)));
            let key_text = match key.as_ref() {
                RustType::String => quote!(key),
                _ => quote!(key.as_str()),
            };
            let entries = match &value_checks {
                Some(_) => quote!((key, value) in value),
                None => quote!(key in value.keys()),
            };
            if key_checks.is_some() || value_checks.is_some() {
                out.extend(quote! {
                    for #entries {
                        let path = path.key(#key_text, #sensitive);
                        #key_checks
                        #value_checks
                    }
                });
            }
        }
        _ => {}
    }
    out
}

/// Checks of the `value` of a sparse collection, which may be null.
fn unwrap_sparse(sparse: bool, checks: TokenStream) -> TokenStream {
    if sparse {
        quote! {
            if let ::std::option::Option::Some(value) = value {
                #checks
            }
        }
    } else {
        checks
    }
}

/// `min..=max` (or an open end) of sizes; `None` when nothing is limited.
fn length_limits(bounds: &Bounds) -> Option<TokenStream> {
    // Sizes are whole and never negative.
    let size = |v: f64| {
        let n = Literal::u64_unsuffixed(v.max(0.0) as u64);
        quote!(#n)
    };
    let min = bounds.min.map(f64::ceil).filter(|m| *m > 0.0).map(size);
    let max = bounds.max.map(f64::floor).map(size);
    limits(min, max)
}

fn limits(min: Option<TokenStream>, max: Option<TokenStream>) -> Option<TokenStream> {
    match (min, max) {
        (Some(min), Some(max)) => Some(quote!(#min..=#max)),
        (Some(min), None) => Some(quote!(#min..)),
        (None, Some(max)) => Some(quote!(..=#max)),
        (None, None) => None,
    }
}

/// The `@range` check of a number of type `ty`.
fn range_check(ty: &RustType, bounds: &Bounds) -> TokenStream {
    let (min, max) = match ty {
        RustType::I8 => int_limits(bounds, i8::MIN.into(), i8::MAX.into(), "i8"),
        RustType::I16 => int_limits(bounds, i16::MIN.into(), i16::MAX.into(), "i16"),
        RustType::I32 => int_limits(bounds, i32::MIN.into(), i32::MAX.into(), "i32"),
        RustType::I64 => int_limits(bounds, i64::MIN, i64::MAX, "i64"),
        RustType::F32 => float_limits(bounds, "f32"),
        RustType::F64 | RustType::BigInteger | RustType::BigDecimal => float_limits(bounds, "f64"),
        _ => return TokenStream::new(),
    };
    let Some(limits) = limits(min, max) else {
        return TokenStream::new();
    };
    match ty {
        RustType::BigInteger | RustType::BigDecimal => {
            quote!(crate::validation::big_range(&path, value.as_str(), #limits, violations);)
        }
        _ => quote!(crate::validation::range(&path, *value, #limits, violations);),
    }
}

/// Whole limits inside `lo..=hi`, typed with `suffix`; a side the type
/// cannot go beyond anyway is left open.
fn int_limits(
    bounds: &Bounds,
    lo: i64,
    hi: i64,
    suffix: &str,
) -> (Option<TokenStream>, Option<TokenStream>) {
    let literal = |v: f64| signed(&format!("{}{suffix}", v.abs() as i64 as u64), v < 0.0);
    let min = bounds
        .min
        .map(f64::ceil)
        .filter(|m| *m > lo as f64)
        .map(|m| literal(m.min(hi as f64)));
    let max = bounds
        .max
        .map(f64::floor)
        .filter(|m| *m < hi as f64)
        .map(|m| literal(m.max(lo as f64)));
    (min, max)
}

/// Float limits typed with `suffix`, written as the shortest text that
/// reads back as the same value of that type.
fn float_limits(bounds: &Bounds, suffix: &str) -> (Option<TokenStream>, Option<TokenStream>) {
    // A bound beyond the largest `f32` limits nothing an `f32` can hold.
    let fits = |v: &f64| suffix != "f32" || (*v as f32).is_finite();
    let literal = |v: f64| {
        let text = if suffix == "f32" {
            format!("{:?}", v as f32)
        } else {
            format!("{v:?}")
        };
        signed(
            &format!("{}{suffix}", text.trim_start_matches('-')),
            text.starts_with('-'),
        )
    };
    (
        bounds.min.filter(fits).map(literal),
        bounds.max.filter(fits).map(literal),
    )
}

/// A numeric literal, negated when `negative` (a literal token is unsigned).
fn signed(literal: &str, negative: bool) -> TokenStream {
    let lit: Literal = literal.parse().expect("a numeric literal");
    if negative {
        quote!(-#lit)
    } else {
        quote!(#lit)
    }
}
