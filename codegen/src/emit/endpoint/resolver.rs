//! `resolve_endpoint`: the rule set as Rust, one `if` per rule, in the
//! rules' order. A rule's boolean conditions join with `&&`; a condition
//! that yields a value becomes `if let Some(x) = ...`; a tree's rules nest
//! inside its `if`.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::values;
use crate::emit::tokens::ident;
use crate::rules::ir::{
    Cond, Expr, Function, Node, Outcome, ParamPlan, Piece, Property, Ty, VarRepr,
};
use crate::rules::syntax::ParameterType;
use crate::rules::EndpointPlan;

pub fn resolver(plan: &EndpointPlan) -> TokenStream {
    let uses_functions = plan.functions.iter().any(|f| *f != Function::Partition);
    let functions = uses_functions.then(|| {
        quote!(
            use super::functions;
        )
    });
    let partitions = plan.partitions.is_some().then(|| {
        quote!(
            use super::partitions::PARTITIONS;
        )
    });
    let checks = plan
        .params
        .iter()
        .filter(|p| p.must_be_set && !p.used)
        .map(|p| {
            let field = ident(&p.field);
            let name = &p.name;
            quote! {
                if params.#field.is_none() {
                    return Err(EndpointError::MissingParameter(#name));
                }
            }
        });
    let bindings = plan.params.iter().filter(|p| p.used).map(binding);
    let body = block(&plan.body, true);
    let params_arg = if plan.params.iter().any(|p| p.used || p.must_be_set) {
        quote!(params)
    } else {
        quote!(_params)
    };
    quote! {
        //! [`resolve_endpoint`], generated from the service's endpoint rule set.

        #functions
        #partitions
        use super::{Endpoint, EndpointError, EndpointParams};

        /// Resolves the endpoint for `params` with the service's endpoint rules.
        ///
        /// The rules are tried in order and the first that matches decides:
        /// an endpoint rule gives the [`Endpoint`], an error rule an
        /// [`EndpointError::Rule`] with its message.
        pub fn resolve_endpoint(#params_arg: &EndpointParams) -> Result<Endpoint, EndpointError> {
            #(#checks)*
            #(#bindings)*
            #body
        }
    }
}

/// The local variable a used parameter is read into.
fn binding(p: &ParamPlan) -> TokenStream {
    let field = ident(&p.field);
    let read = match (p.ty, p.optional()) {
        (ParameterType::Boolean, _) => quote!(params.#field),
        (ParameterType::String, true) | (ParameterType::StringArray, true) => {
            quote!(params.#field.as_deref())
        }
        (ParameterType::String, false) => quote!(params.#field.as_str()),
        (ParameterType::StringArray, false) => quote!(params.#field.as_slice()),
    };
    if p.must_be_set {
        let name = &p.name;
        quote! {
            let Some(#field) = #read else {
                return Err(EndpointError::MissingParameter(#name));
            };
        }
    } else {
        quote!(let #field = #read;)
    }
}

/// A block of nodes; `tail` when it ends the function, so its last outcome
/// is the function's value rather than a `return`.
fn block(nodes: &[Node], tail: bool) -> TokenStream {
    let last = nodes.len().saturating_sub(1);
    let statements = nodes.iter().enumerate().map(|(i, node)| match node {
        Node::Guarded { conditions, body } => {
            let inner = block(body, false);
            match conditions.first() {
                Some(Cond::Let { .. }) => {
                    let nested = nest(conditions, inner);
                    quote!({ #nested })
                }
                _ => nest(conditions, inner),
            }
        }
        Node::Let { var, value } => {
            let var = ident(var);
            let value = expr(value).tokens;
            quote!(let #var = #value;)
        }
        Node::Return(outcome) => {
            let value = outcome_value(outcome);
            if tail && i == last {
                value
            } else {
                quote!(return #value;)
            }
        }
    });
    quote!(#(#statements)*)
}

/// `conditions` around `inner`: consecutive tests in one `if a && b`, each
/// value in an `if let`, each binding a `let`.
fn nest(conditions: &[Cond], inner: TokenStream) -> TokenStream {
    match conditions.first() {
        None => inner,
        Some(Cond::Test(_)) => {
            let count = conditions
                .iter()
                .take_while(|c| matches!(c, Cond::Test(_)))
                .count();
            let tests = conditions[..count].iter().filter_map(|c| match c {
                Cond::Test(e) => Some(paren(expr(e), Prec::Compare)),
                _ => None,
            });
            let rest = nest(&conditions[count..], inner);
            quote!(if #(#tests)&&* { #rest })
        }
        Some(Cond::Unwrap { var, value }) => {
            let var = ident(var);
            let value = expr(value).tokens;
            let rest = nest(&conditions[1..], inner);
            quote!(if let Some(#var) = #value { #rest })
        }
        Some(Cond::Let { var, value }) => {
            let var = ident(var);
            let value = expr(value).tokens;
            let rest = nest(&conditions[1..], inner);
            quote!(let #var = #value; #rest)
        }
    }
}

fn outcome_value(outcome: &Outcome) -> TokenStream {
    match outcome {
        Outcome::Endpoint {
            url,
            headers,
            properties,
        } => {
            let url = into_string(url);
            let headers = headers.iter().flat_map(|(name, values)| {
                values.iter().map(move |v| {
                    let v = into_string(v);
                    quote!(.with_header(#name, #v))
                })
            });
            let properties = properties.iter().map(|(name, value)| {
                let value = property(value);
                quote!(.with_property(#name, #value))
            });
            quote!(Ok(Endpoint::new(#url) #(#headers)* #(#properties)*))
        }
        Outcome::Error(message) => {
            let message = into_string(message);
            quote!(Err(EndpointError::rule(#message)))
        }
        Outcome::NoRuleMatched => quote!(Err(EndpointError::NoRuleMatched)),
    }
}

fn property(value: &Property) -> TokenStream {
    match value {
        Property::Str(e) => {
            let e = into_string(e);
            quote!(::serde_json::Value::from(#e))
        }
        Property::Bool(b) => quote!(::serde_json::Value::Bool(#b)),
        Property::Number(n) => values::number(n),
        Property::Array(items) => values::array(items.iter().map(property)),
        Property::Object(fields) => {
            values::object(fields.iter().map(|(k, v)| (k.as_str(), property(v))))
        }
    }
}

/// How tightly an emitted expression binds, loosest first.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Prec {
    Compare,
    Unary,
    Postfix,
}

/// What an emitted string expression is, which decides how it is passed.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A `&str` (or a non-string value).
    Borrowed,
    /// A fresh `String`.
    Temporary,
    /// A `String` variable, which must not be moved.
    OwnedVar,
}

struct Code {
    tokens: TokenStream,
    prec: Prec,
    kind: Kind,
}

fn code(tokens: TokenStream, prec: Prec, kind: Kind) -> Code {
    Code { tokens, prec, kind }
}

fn paren(c: Code, min: Prec) -> TokenStream {
    let tokens = c.tokens;
    if c.prec < min {
        quote!((#tokens))
    } else {
        tokens
    }
}

/// A string expression where a `&str` is wanted.
fn str_arg(e: &Expr) -> TokenStream {
    let c = expr(e);
    match c.kind {
        Kind::Borrowed => c.tokens,
        Kind::Temporary | Kind::OwnedVar => {
            let t = c.tokens;
            quote!(&#t)
        }
    }
}

/// A string expression where an `impl Into<String>` is wanted.
fn into_string(e: &Expr) -> TokenStream {
    let c = expr(e);
    match c.kind {
        Kind::Borrowed | Kind::Temporary => c.tokens,
        Kind::OwnedVar => {
            let t = c.tokens;
            quote!(#t.as_str())
        }
    }
}

fn expr(e: &Expr) -> Code {
    match e {
        Expr::Bool(b) => code(quote!(#b), Prec::Postfix, Kind::Borrowed),
        Expr::Int(n) => {
            let n = Literal::usize_unsuffixed(*n);
            code(quote!(#n), Prec::Postfix, Kind::Borrowed)
        }
        Expr::Text(s) => code(quote!(#s), Prec::Postfix, Kind::Borrowed),
        Expr::Format(pieces) => {
            // Every piece is a `&str`, so joining them is one exact-size
            // allocation (and reads better than `format!` once formatted).
            let pieces = pieces.iter().map(|piece| match piece {
                Piece::Text(text) => quote!(#text),
                Piece::Value(value) => {
                    let c = expr(value);
                    match c.kind {
                        Kind::OwnedVar => {
                            let t = c.tokens;
                            quote!(#t.as_str())
                        }
                        Kind::Borrowed | Kind::Temporary => c.tokens,
                    }
                }
            });
            code(
                quote!([#(#pieces),*].concat()),
                Prec::Postfix,
                Kind::Temporary,
            )
        }
        Expr::Var { ident: name, repr } => {
            let name = ident(name);
            let kind = if *repr == VarRepr::OwnedString {
                Kind::OwnedVar
            } else {
                Kind::Borrowed
            };
            code(quote!(#name), Prec::Postfix, kind)
        }
        Expr::Field { target, field, ty } => {
            let target = paren(expr(target), Prec::Postfix);
            let field = ident(field);
            let tokens = match (*ty, field == "normalized_path") {
                (Ty::Str, true) => quote!(#target.#field.as_str()),
                _ => quote!(#target.#field),
            };
            code(tokens, Prec::Postfix, Kind::Borrowed)
        }
        Expr::Index { target, index } => {
            let of_strings = matches!(
                **target,
                Expr::Var {
                    repr: VarRepr::StringSlice,
                    ..
                }
            );
            let target = paren(expr(target), Prec::Postfix);
            let get = if *index == 0 {
                quote!(#target.first())
            } else {
                let index = Literal::usize_unsuffixed(*index);
                quote!(#target.get(#index))
            };
            let tokens = if of_strings {
                quote!(#get.map(String::as_str))
            } else {
                quote!(#get.copied())
            };
            code(tokens, Prec::Postfix, Kind::Borrowed)
        }
        Expr::Call { function, args } => call(*function, args),
        Expr::Not(inner) => match &**inner {
            Expr::Equal(a, b) => {
                let (a, b) = literal_last(a, b);
                let (a, b) = (paren(expr(a), Prec::Unary), paren(expr(b), Prec::Unary));
                code(quote!(#a != #b), Prec::Compare, Kind::Borrowed)
            }
            Expr::IsSet(value) => {
                let value = paren(expr(value), Prec::Postfix);
                code(quote!(#value.is_none()), Prec::Postfix, Kind::Borrowed)
            }
            other => {
                let other = paren(expr(other), Prec::Unary);
                code(quote!(!#other), Prec::Unary, Kind::Borrowed)
            }
        },
        Expr::Equal(a, b) => {
            let (a, b) = literal_last(a, b);
            let (a, b) = (paren(expr(a), Prec::Unary), paren(expr(b), Prec::Unary));
            code(quote!(#a == #b), Prec::Compare, Kind::Borrowed)
        }
        Expr::IsSet(value) => {
            let value = paren(expr(value), Prec::Postfix);
            code(quote!(#value.is_some()), Prec::Postfix, Kind::Borrowed)
        }
    }
}

/// The operands of an equality with a literal on the right, as people write it.
fn literal_last<'e>(a: &'e Expr, b: &'e Expr) -> (&'e Expr, &'e Expr) {
    let literal = |e: &Expr| matches!(e, Expr::Text(_) | Expr::Bool(_));
    if literal(a) && !literal(b) {
        (b, a)
    } else {
        (a, b)
    }
}

fn call(function: Function, args: &[Expr]) -> Code {
    let plain = |e: &Expr| expr(e).tokens;
    let tokens = match (function, args) {
        (Function::Partition, [region]) => {
            let region = str_arg(region);
            quote!(PARTITIONS.resolve(#region))
        }
        (Function::Substring, [input, start, stop, reverse]) => {
            let (input, start, stop, reverse) =
                (str_arg(input), plain(start), plain(stop), plain(reverse));
            quote!(functions::substring(#input, #start, #stop, #reverse))
        }
        (Function::UriEncode, [value]) => {
            let value = str_arg(value);
            return code(
                quote!(functions::uri_encode(#value)),
                Prec::Postfix,
                Kind::Temporary,
            );
        }
        (Function::ParseUrl, [value]) => {
            let value = str_arg(value);
            quote!(functions::parse_url(#value))
        }
        (Function::ParseArn, [value]) => {
            let value = str_arg(value);
            quote!(functions::parse_arn(#value))
        }
        (Function::IsValidHostLabel, [value, sub_domains]) => {
            let (value, sub_domains) = (str_arg(value), plain(sub_domains));
            quote!(functions::is_valid_host_label(#value, #sub_domains))
        }
        (Function::IsVirtualHostableS3Bucket, [value, sub_domains]) => {
            let (value, sub_domains) = (str_arg(value), plain(sub_domains));
            quote!(functions::is_virtual_hostable_s3_bucket(#value, #sub_domains))
        }
        // The lowering checked every call's arity against `Function::params`.
        _ => quote!(compile_error!(
            "endpoint rule function called with the wrong number of arguments"
        )),
    };
    code(tokens, Prec::Postfix, Kind::Borrowed)
}
