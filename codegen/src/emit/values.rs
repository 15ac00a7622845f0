//! Rust expressions for JSON values of a planned type: `@default` values,
//! and the parameters of protocol tests. Inside the generated crate, so
//! structures are built as literals with every field spelled out.

use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;

use super::tokens::{ident, response_metadata_field, rust_type, type_path};
use crate::plan::{FieldPlan, Plan, RustType, TypeKind};

/// Where a value comes from, which decides how blobs are spelled: model
/// defaults hold base64, protocol-test parameters hold the plain text.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Default,
    TestParams,
}

pub fn value(plan: &Plan, ty: &RustType, v: &Value, source: Source) -> TokenStream {
    match (ty, v) {
        (RustType::String, Value::String(s)) => quote!(::std::string::String::from(#s)),
        (RustType::Bool, Value::Bool(b)) => quote!(#b),
        (RustType::I8, _) => integer(v, "i8"),
        (RustType::I16, _) => integer(v, "i16"),
        (RustType::I32, _) => integer(v, "i32"),
        (RustType::I64, _) => integer(v, "i64"),
        (RustType::F32, _) => float(v, quote!(f32)),
        (RustType::F64, _) => float(v, quote!(f64)),
        (RustType::BigInteger, _) | (RustType::BigDecimal, _) => {
            let text = match v {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            let ty = rust_type(plan, ty);
            quote!(#ty::from_checked_text(#text))
        }
        (RustType::Timestamp(_), Value::Number(n)) => {
            if let Some(secs) = n.as_i64() {
                quote!(crate::primitives::DateTime::from_secs(#secs))
            } else {
                let secs = n.as_f64().unwrap_or_default();
                quote!(crate::primitives::DateTime::from_secs_f64(#secs))
            }
        }
        (RustType::Timestamp(_), Value::String(s)) => {
            quote!(crate::primitives::DateTime::parse_rfc3339(#s).unwrap_or_default())
        }
        (RustType::Blob, Value::String(s)) => match source {
            Source::TestParams => quote!(crate::primitives::Blob::from(#s)),
            Source::Default => {
                use base64::Engine as _;
                let bytes = base64::engine::general_purpose::STANDARD
                    .decode(s)
                    .unwrap_or_else(|_| s.as_bytes().to_vec());
                quote!(crate::primitives::Blob::new([#(#bytes),*]))
            }
        },
        (RustType::Document, _) => {
            let text = v.to_string();
            quote!(::serde_json::from_str::<crate::primitives::Document>(#text).unwrap_or_default())
        }
        (RustType::List { item, sparse }, Value::Array(items)) => {
            let items = items
                .iter()
                .map(|i| sparse_item(*sparse, i, |i| value(plan, item, i, source)));
            quote!(::std::vec![#(#items),*])
        }
        (
            RustType::Map {
                key,
                value: value_ty,
                sparse,
            },
            Value::Object(entries),
        ) => {
            let entries = entries.iter().map(|(k, v)| {
                let k = value(plan, key, &Value::String(k.clone()), source);
                let v = sparse_item(*sparse, v, |v| value(plan, value_ty, v, source));
                quote!((#k, #v))
            });
            quote!(::std::collections::HashMap::from([#(#entries),*]))
        }
        (RustType::Named(id), v) => named(plan, id, v, source),
        // A value of the wrong JSON type: fall back to the zero value
        // rather than emitting code that does not compile.
        (ty, _) => {
            let ty = rust_type(plan, ty);
            quote!(<#ty as ::std::default::Default>::default())
        }
    }
}

/// An integer literal with its type suffix (`5i32`).
fn integer(v: &Value, suffix: &str) -> TokenStream {
    let n = v
        .as_i64()
        .or_else(|| v.as_f64().map(|f| f as i64))
        .unwrap_or_default();
    let literal: proc_macro2::Literal = format!("{n}{suffix}").parse().expect("an integer literal");
    quote!(#literal)
}

fn float(v: &Value, ty: TokenStream) -> TokenStream {
    match v {
        Value::String(s) if s == "NaN" => quote!(#ty::NAN),
        Value::String(s) if s == "Infinity" => quote!(#ty::INFINITY),
        Value::String(s) if s == "-Infinity" => quote!(#ty::NEG_INFINITY),
        v => {
            // A suffixed literal (`0.5f32`): `0.5 as f32` would be an
            // unnecessary cast for f64, and a model value too large for an
            // f32 becomes infinity, as a cast would make it.
            let f = v.as_f64().unwrap_or_default();
            let text = if ty.to_string() == "f32" {
                format!("{:?}", f as f32)
            } else {
                format!("{f:?}")
            };
            match text.as_str() {
                "inf" => quote!(#ty::INFINITY),
                "-inf" => quote!(#ty::NEG_INFINITY),
                _ => {
                    let lit: proc_macro2::Literal =
                        format!("{text}{ty}").parse().expect("a float literal");
                    quote!(#lit)
                }
            }
        }
    }
}

fn named(plan: &Plan, id: &crate::model::ShapeId, v: &Value, source: Source) -> TokenStream {
    let t = plan.ty(id);
    let path = type_path(plan, id);
    match (&t.kind, v) {
        (TypeKind::Enum(_), Value::String(s)) => quote!(#path::from(#s)),
        (TypeKind::IntEnum(_), v) => {
            let n = v.as_i64().unwrap_or_default() as i32;
            quote!(#path::from(#n))
        }
        (TypeKind::Structure(s), Value::Object(members)) => {
            let fields = s.fields.iter().map(|f| {
                let name = ident(&f.name);
                let expr = field_value(plan, f, members.get(&f.member), source);
                quote!(#name: #expr)
            });
            let meta = matches!(s.role, crate::plan::StructRole::Error(_))
                .then(|| quote!(meta: ::std::default::Default::default(),));
            let client_init = s
                .carries_response_metadata
                .then(|| response_metadata_field().1);
            quote!(#path { #(#fields,)* #meta #client_init })
        }
        (TypeKind::Union(variants), Value::Object(members)) => {
            let chosen = members.iter().find_map(|(k, v)| {
                variants
                    .iter()
                    .find(|var| var.member == *k)
                    .map(|var| (var, v))
            });
            match chosen {
                Some((variant, v)) => {
                    let name = ident(&variant.name);
                    match &variant.ty {
                        None => quote!(#path::#name),
                        Some(ty) => {
                            let inner = value(plan, ty, v, source);
                            let inner = if variant.boxed {
                                quote!(::std::boxed::Box::new(#inner))
                            } else {
                                inner
                            };
                            quote!(#path::#name(#inner))
                        }
                    }
                }
                None => quote!(#path::Unknown(::std::string::String::new())),
            }
        }
        _ => quote!(crate::protocol::zero::<#path>()),
    }
}

/// A field's value in a structure literal: the given value, else the
/// member's `@default`, else `None` or the zero value.
pub fn field_value(
    plan: &Plan,
    field: &FieldPlan,
    given: Option<&Value>,
    source: Source,
) -> TokenStream {
    let given = given.filter(|v| !v.is_null());
    let expr = match (given, &field.default) {
        (Some(v), _) => Some(value(plan, &field.ty, v, source)),
        (None, Some(d)) if !field.optional => Some(value(plan, &field.ty, d, Source::Default)),
        _ => None,
    };
    match expr {
        Some(expr) => {
            let expr = if field.boxed {
                quote!(::std::boxed::Box::new(#expr))
            } else {
                expr
            };
            if field.optional {
                quote!(::std::option::Option::Some(#expr))
            } else {
                expr
            }
        }
        None if field.optional => quote!(::std::option::Option::None),
        None => quote!(crate::protocol::zero()),
    }
}

/// An item of a list or map: in a `@sparse` one, `Some(item)` or `None`
/// for `null` (see [`super::tokens::sparse_item`] for the type).
fn sparse_item(sparse: bool, v: &Value, item: impl Fn(&Value) -> TokenStream) -> TokenStream {
    match (sparse, v) {
        (true, Value::Null) => quote!(::std::option::Option::None),
        (true, v) => {
            let v = item(v);
            quote!(::std::option::Option::Some(#v))
        }
        (false, v) => item(v),
    }
}
