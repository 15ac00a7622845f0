//! From a plan to the crate's files: one emitter per kind of output, each
//! producing tokens; this module decides which file each item goes into.

mod endpoint;
mod enums;
mod errors;
mod operation;
mod structure;
pub(crate) mod tokens;
mod types;
mod union;
pub(crate) mod values;

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::plan::{Location, Plan};
use crate::rules::EndpointPlan;
use tokens::{ident, inner_doc};

/// What one emitted file holds before rendering.
pub enum FileContent {
    /// Rust to format with prettyplease.
    Rust(TokenStream),
    /// Text written as is (runtime sources, templates already filled).
    Text(String),
}

/// The runtime sources every generated crate carries, by path in the crate.
pub const RUNTIME: &[(&str, &str)] = &[
    ("src/auth.rs", include_str!("../../runtime/auth.rs")),
    ("src/error/metadata.rs", include_str!("../../runtime/error/metadata.rs")),
    ("src/primitives.rs", include_str!("../../runtime/primitives.rs")),
    ("src/protocol/mod.rs", include_str!("../../runtime/protocol/mod.rs")),
    ("src/protocol/aws_json.rs", include_str!("../../runtime/protocol/aws_json.rs")),
    ("src/protocol/json.rs", include_str!("../../runtime/protocol/json.rs")),
    ("src/protocol/zero.rs", include_str!("../../runtime/protocol/zero.rs")),
];

/// Every Rust file of the crate, by path relative to the crate root.
pub fn rust_files(plan: &Plan, endpoint: Option<&EndpointPlan>) -> BTreeMap<String, FileContent> {
    let mut files = BTreeMap::new();
    for (path, text) in RUNTIME {
        files.insert((*path).to_owned(), FileContent::Text((*text).to_owned()));
    }
    if let Some(endpoint) = endpoint {
        endpoint::files(endpoint, &mut files);
    }
    let mut types_mods = Vec::new();
    let mut error_mods = Vec::new();
    for t in plan.types.values() {
        let dir = match &t.location {
            Location::Types => "src/types",
            Location::Errors => "src/types/error",
            Location::Operation(_) => continue,
        };
        let mut item = types::type_item(plan, t);
        let doc = inner_doc(&format!("The `{}` type.", t.name));
        item = quote!(#doc #item);
        files.insert(format!("{dir}/{}.rs", t.module), FileContent::Rust(item));
        match t.location {
            Location::Types => types_mods.push(t),
            _ => error_mods.push(t),
        }
    }
    files.insert("src/types.rs".into(), FileContent::Rust(types_module(&types_mods, true)));
    files.insert("src/types/error.rs".into(), FileContent::Rust(types_module(&error_mods, false)));
    for op in &plan.operations {
        files.insert(
            format!("src/operation/{}.rs", op.module),
            FileContent::Rust(operation::operation(plan, op)),
        );
    }
    files.insert("src/operation.rs".into(), FileContent::Rust(operation_module(plan)));
    files.insert("src/error.rs".into(), FileContent::Rust(error_module(plan)));
    files.insert("src/lib.rs".into(), FileContent::Rust(lib(plan, endpoint.is_some())));
    files
}

/// `types.rs` and `types/error.rs`: a private module per type, its items
/// re-exported, and builders gathered in `builders` as the AWS SDK does.
fn types_module(types: &[&crate::plan::TypePlan], with_errors: bool) -> TokenStream {
    let docs = if with_errors {
        inner_doc("Structures, enums and unions of the model.")
    } else {
        inner_doc("The errors the model defines, one structure each.")
    };
    let mods = types.iter().map(|t| {
        let m = ident(&t.module);
        quote!(#[rustfmt::skip] mod #m;)
    });
    let uses = types.iter().map(|t| {
        let m = ident(&t.module);
        let n = format_ident!("{}", t.name);
        quote!(pub use self::#m::#n;)
    });
    let builders: Vec<_> = types
        .iter()
        .filter(|t| matches!(t.kind, crate::plan::TypeKind::Structure(_)))
        .map(|t| {
            let m = ident(&t.module);
            let n = format_ident!("{}Builder", t.name);
            quote!(pub use super::#m::#n;)
        })
        .collect();
    let error_mod = with_errors.then(|| quote!(#[rustfmt::skip] pub mod error;));
    let builders = (!builders.is_empty()).then(|| {
        quote! {
            /// Builders for the structures of this module.
            pub mod builders {
                #(#builders)*
            }
        }
    });
    quote! {
        #docs
        #error_mod
        #(#mods)*
        #(#uses)*
        #builders
    }
}

fn operation_module(plan: &Plan) -> TokenStream {
    let mods = plan.operations.iter().map(|op| {
        let m = ident(&op.module);
        let doc = tokens::doc(&format!("The `{}` operation.", op.wire_name));
        quote!(#doc #[rustfmt::skip] pub mod #m;)
    });
    quote! {
        #![doc = " One module per operation: input, output, errors and wire functions."]
        #(#mods)*
    }
}

fn error_module(plan: &Plan) -> TokenStream {
    let service_error = errors::service_error(plan);
    quote! {
        #![doc = " Errors: the crate-wide [`Error`], error metadata, and the errors that are not the service's."]
        #[rustfmt::skip]
        mod metadata;

        pub(crate) use self::metadata::display_error;
        pub use self::metadata::{
            BuildError, DeserializeError, ErrorFault, ErrorMetadata, ProvideErrorMetadata, RequestError,
            ResponseError, Unhandled,
        };

        #service_error
    }
}

/// Whether the crate's `Cargo.toml` needs `regex-lite` (for the endpoint rules' `aws.partition`).
pub fn needs_regex(endpoint: Option<&EndpointPlan>) -> bool {
    endpoint.is_some_and(endpoint::needs_regex)
}

fn lib(plan: &Plan, has_endpoint: bool) -> TokenStream {
    let service = &plan.service;
    let mut docs = format!("# {}\n", service.title);
    if !service.docs.is_empty() {
        docs.push('\n');
        docs.push_str(&service.docs);
        docs.push('\n');
    }
    docs.push_str(
        "\nEach operation lives in [`operation`], with its input, output and error types and the \
         sans-IO functions that turn an input into an HTTP request and an HTTP response into the \
         output. Shared structures and enums are in [`types`], errors in [`error`].",
    );
    let docs = inner_doc(&docs);
    let endpoint_mod = has_endpoint.then(|| quote!(#[rustfmt::skip] pub mod endpoint;));
    quote! {
        #docs
        #![forbid(unsafe_code)]

        #[rustfmt::skip]
        pub mod auth;
        #endpoint_mod
        #[rustfmt::skip]
        pub mod error;
        #[rustfmt::skip]
        pub mod operation;
        #[rustfmt::skip]
        pub mod primitives;
        #[rustfmt::skip]
        mod protocol;
        #[rustfmt::skip]
        pub mod types;

        pub use self::error::Error;
    }
}
