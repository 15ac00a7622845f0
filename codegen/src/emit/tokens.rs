//! Small token builders every emitter uses: doc attributes, deprecation,
//! identifiers, and the Rust spelling of planned types.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

use crate::model::traits::{Deprecated, TimestampFormat};
use crate::plan::{Plan, RustType};

/// An identifier from a planned name, which may be a raw identifier (`r#type`).
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// One `#[doc = " line"]` per Markdown line, so the result reads as `///`
/// comments; a single multi-line attribute would print as a `/** */` block.
pub fn doc(markdown: &str) -> TokenStream {
    markdown
        .lines()
        .map(|line| {
            let line = crate::doc_slots::value(if line.is_empty() {
                String::new()
            } else {
                format!(" {line}")
            });
            quote!(#[doc = #line])
        })
        .collect()
}

/// Inner (`//!`) documentation for a module or crate.
pub fn inner_doc(markdown: &str) -> TokenStream {
    markdown
        .lines()
        .map(|line| {
            let line = crate::doc_slots::value(if line.is_empty() {
                String::new()
            } else {
                format!(" {line}")
            });
            quote!(#![doc = #line])
        })
        .collect()
}

pub fn deprecated(deprecated: &Option<Deprecated>) -> TokenStream {
    match deprecated {
        None => TokenStream::new(),
        Some(d) => {
            let note = match (&d.message, &d.since) {
                (Some(m), Some(s)) => format!("{m} (since {s})"),
                (Some(m), None) => m.clone(),
                (None, Some(s)) => format!("deprecated since {s}"),
                (None, None) => return quote!(#[deprecated]),
            };
            quote!(#[deprecated(note = #note)])
        }
    }
}

/// The path of a planned type from anywhere in the crate.
pub fn type_path(plan: &Plan, id: &crate::model::ShapeId) -> TokenStream {
    let t = plan.ty(id);
    let name = format_ident!("{}", t.name);
    let module = module_path(&t.location.module_path());
    quote!(#module::#name)
}

/// `crate::a::b` from the segments of a planned module path.
pub fn module_path(segments: &[&str]) -> TokenStream {
    let segments = segments.iter().map(|s| ident(s));
    quote!(crate #(::#segments)*)
}

/// The Rust type of a planned member type, with std types fully qualified
/// so a model shape called `String` or `Option` cannot shadow them.
pub fn rust_type(plan: &Plan, ty: &RustType) -> TokenStream {
    match ty {
        RustType::String => quote!(::std::string::String),
        RustType::Bool => quote!(bool),
        RustType::I8 => quote!(i8),
        RustType::I16 => quote!(i16),
        RustType::I32 => quote!(i32),
        RustType::I64 => quote!(i64),
        RustType::F32 => quote!(f32),
        RustType::F64 => quote!(f64),
        RustType::BigInteger => quote!(crate::primitives::BigInteger),
        RustType::BigDecimal => quote!(crate::primitives::BigDecimal),
        RustType::Timestamp(_) => quote!(crate::primitives::DateTime),
        RustType::Blob => quote!(crate::primitives::Blob),
        RustType::Document => quote!(crate::primitives::Document),
        RustType::Named(id) => type_path(plan, id),
        RustType::List { item, sparse } => {
            let item = sparse_item(rust_type(plan, item), *sparse);
            quote!(::std::vec::Vec<#item>)
        }
        RustType::Map { key, value, sparse } => {
            let key = rust_type(plan, key);
            let value = sparse_item(rust_type(plan, value), *sparse);
            quote!(::std::collections::HashMap<#key, #value>)
        }
    }
}

/// The adapter (`protocol/json.rs` in the crate) that writes `ty` the protocol's way, or `None`
/// when the type's own serde impls already do.
pub fn adapter(ty: &RustType) -> Option<TokenStream> {
    let or_default =
        |a: Option<TokenStream>| a.unwrap_or_else(|| quote!(crate::protocol::json::Same));
    match ty {
        RustType::F32 | RustType::F64 => Some(quote!(crate::protocol::json::Float)),
        // Integers also read from integral floats (`3600.0`).
        RustType::I8 | RustType::I16 | RustType::I32 | RustType::I64 => {
            Some(quote!(crate::protocol::json::Integer))
        }
        RustType::Timestamp(TimestampFormat::DateTime) => {
            Some(quote!(crate::protocol::json::DateTimeFormat))
        }
        RustType::Timestamp(TimestampFormat::HttpDate) => {
            Some(quote!(crate::protocol::json::HttpDateFormat))
        }
        RustType::List {
            item,
            sparse: false,
        } => {
            let item = or_default(adapter(item));
            Some(quote!(crate::protocol::json::Dense<#item>))
        }
        RustType::List { item, sparse: true } => {
            let item = sparse_item(adapter(item)?, true);
            Some(quote!(::std::vec::Vec<#item>))
        }
        RustType::Map {
            key,
            value,
            sparse: false,
        } => {
            let key = or_default(adapter(key));
            let value = or_default(adapter(value));
            Some(quote!(crate::protocol::json::DenseMap<#key, #value>))
        }
        RustType::Map {
            key,
            value,
            sparse: true,
        } => {
            let value = sparse_item(adapter(value)?, true);
            let key = or_default(adapter(key));
            Some(quote!(::std::collections::HashMap<#key, #value>))
        }
        _ => None,
    }
}

/// Whether `ty`'s adapter changes only how it is read (integers, which also
/// read from integral floats), so a member with a model default needs no
/// writer of its own.
pub fn adapter_reads_only(ty: &RustType) -> bool {
    matches!(
        ty,
        RustType::I8 | RustType::I16 | RustType::I32 | RustType::I64
    )
}

/// The first paragraph of `docs`, or `fallback` when there is none.
pub fn first_paragraph(docs: &str, fallback: &str) -> String {
    match docs.split("\n\n").next() {
        Some(first) if !first.trim().is_empty() => first.to_owned(),
        _ => fallback.to_owned(),
    }
}

/// The items of a `@sparse` list or map are `Option`s.
pub fn sparse_item(item: TokenStream, sparse: bool) -> TokenStream {
    if sparse {
        quote!(::std::option::Option<#item>)
    } else {
        item
    }
}

/// `Option<T>` / `Box<T>` around a member type as the plan says.
pub fn wrap(inner: TokenStream, boxed: bool, optional: bool) -> TokenStream {
    let inner = if boxed {
        quote!(::std::boxed::Box<#inner>)
    } else {
        inner
    };
    if optional {
        quote!(::std::option::Option<#inner>)
    } else {
        inner
    }
}

/// The hidden member every operation output carries when the client is
/// built (see [`StructPlan::carries_response_metadata`]): the metadata of the
/// call that returned it. Returns the field declaration and its initializer.
///
/// [`StructPlan::carries_response_metadata`]: crate::plan::StructPlan::carries_response_metadata
pub fn response_metadata_field() -> (TokenStream, TokenStream) {
    let field = quote! {
        /// The metadata of the call that returned this output.
        #[cfg(feature = "client")]
        #[serde(skip)]
        pub(crate) _response_metadata: crate::client::ResponseMetadata,
    };
    let init = quote! {
        #[cfg(feature = "client")]
        _response_metadata: ::std::default::Default::default(),
    };
    (field, init)
}

/// The text used in place of a sensitive value in `Debug` output.
pub const REDACTED: &str = "*** Sensitive Data Redacted ***";
