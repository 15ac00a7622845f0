//! JSON values as Rust: parameter values, endpoint properties (whose
//! strings may be templates) and expected properties in tests. Built with
//! `serde_json::Value` constructors rather than `json!`, whose expansion
//! unwraps.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use serde_json::Value;

use crate::rules::syntax::ParameterType;

/// A parameter value (a default, or a test's) as the field's Rust type.
pub fn param_value(ty: ParameterType, value: &Value) -> TokenStream {
    match (ty, value) {
        (ParameterType::Boolean, Value::Bool(b)) => quote!(#b),
        (ParameterType::String, Value::String(s)) => quote!(#s.to_owned()),
        (ParameterType::StringArray, Value::Array(items)) => {
            let items = items.iter().filter_map(Value::as_str);
            quote!(vec![#(#items.to_owned()),*])
        }
        // The planner checked every value against its parameter's type.
        _ => quote!(Default::default()),
    }
}

/// A literal JSON value as a `serde_json::Value` expression.
pub fn json(value: &Value) -> TokenStream {
    match value {
        Value::Null => quote!(::serde_json::Value::Null),
        Value::Bool(b) => quote!(::serde_json::Value::Bool(#b)),
        Value::Number(n) => number(n),
        Value::String(s) => quote!(::serde_json::Value::from(#s)),
        Value::Array(items) => array(items.iter().map(json)),
        Value::Object(fields) => object(fields.iter().map(|(k, v)| (k.as_str(), json(v)))),
    }
}

pub fn number(n: &serde_json::Number) -> TokenStream {
    let literal = if let Some(u) = n.as_u64() {
        Literal::u64_suffixed(u)
    } else if let Some(i) = n.as_i64() {
        Literal::i64_suffixed(i)
    } else {
        Literal::f64_suffixed(n.as_f64().unwrap_or_default())
    };
    quote!(::serde_json::Value::from(#literal))
}

pub fn array(items: impl Iterator<Item = TokenStream>) -> TokenStream {
    quote!(::serde_json::Value::Array(vec![#(#items),*]))
}

pub fn object<'a>(fields: impl Iterator<Item = (&'a str, TokenStream)>) -> TokenStream {
    let fields = fields.map(|(k, v)| quote!((#k.to_owned(), #v)));
    quote!(::serde_json::Value::Object(::serde_json::Map::from_iter([#(#fields),*])))
}
