//! From a plan to the crate's files: one emitter per kind of output, each
//! producing tokens; this module decides which file each item goes into.

mod client;
mod endpoint;
mod enums;
mod errors;
mod operation;
pub mod protocol_tests;
mod runtime;
mod setters;
mod std_paths;
mod structure;
pub(crate) mod tokens;
mod types;
mod union;
mod validate;
pub(crate) mod values;

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::plan::{Location, OperationPlan, Plan, TypeKind, TypePlan};
use crate::rules::EndpointPlan;
use runtime::Needs;
use tokens::{ident, inner_doc};

pub use std_paths::shorten as shorten_std_paths;

/// What one emitted file holds before rendering.
pub enum FileContent {
    /// Rust to format with prettyplease.
    Rust(TokenStream),
    /// Text written as is (runtime sources, templates already filled).
    Text(String),
}

/// One file whose content depends on one planned item. These are most of a
/// crate's bytes, and each needs only the plan, so they can be emitted and
/// rendered on several threads.
pub enum Unit<'p> {
    Type(&'p TypePlan),
    Operation(&'p OperationPlan),
}

/// The per-item files of the crate, by path relative to the crate root.
pub fn units(plan: &Plan) -> Vec<(String, Unit<'_>)> {
    // Types of an operation are written into the operation's own file.
    let types = plan.types.values().filter_map(|t| {
        let dir = match &t.location {
            Location::Operation(_) => return None,
            shared => shared.module_path().join("/"),
        };
        Some((format!("src/{dir}/{}.rs", t.module), Unit::Type(t)))
    });
    let operations = plan.operations.iter().map(|op| {
        (
            format!("src/operation/{}.rs", op.module),
            Unit::Operation(op),
        )
    });
    types.chain(operations).collect()
}

/// Emits one per-item file.
pub fn emit_unit(plan: &Plan, unit: &Unit<'_>) -> FileContent {
    match unit {
        Unit::Type(t) => {
            let item = types::type_item(plan, t);
            let doc = inner_doc(&format!("The `{}` type.", t.name));
            FileContent::Rust(quote!(#doc #item))
        }
        Unit::Operation(op) => FileContent::Rust(operation::operation(plan, op)),
    }
}

/// Every file of the crate that is not a [`Unit`]: module files, the
/// runtime, protocol tests.
pub fn module_files(
    plan: &Plan,
    skips: &protocol_tests::Skips,
    endpoint: Option<&EndpointPlan>,
) -> BTreeMap<String, FileContent> {
    let needs = Needs { plan, endpoint };
    let mut files = BTreeMap::new();
    for (path, text) in needs.files() {
        files.insert(path, FileContent::Text(text.to_owned()));
    }
    for (path, tokens) in client::files(plan, endpoint, &needs.mods("src/client")) {
        files.insert(path, FileContent::Rust(tokens));
    }
    if let Some(endpoint) = endpoint {
        endpoint::files(endpoint, &needs, &mut files);
    }
    let types_mods: Vec<&TypePlan> = plan
        .types
        .values()
        .filter(|t| t.location == Location::Types)
        .collect();
    let error_mods: Vec<&TypePlan> = plan
        .types
        .values()
        .filter(|t| t.location == Location::Errors)
        .collect();
    files.insert(
        "src/types.rs".into(),
        FileContent::Rust(types_module(&types_mods, true)),
    );
    files.insert(
        "src/types/error.rs".into(),
        FileContent::Rust(types_module(&error_mods, false)),
    );
    files.insert(
        "src/operation.rs".into(),
        FileContent::Rust(operation_module(plan)),
    );
    files.insert(
        "src/validation.rs".into(),
        FileContent::Rust(validate::module(plan, needs.mods("src/validation"))),
    );
    files.insert(
        "src/error.rs".into(),
        FileContent::Rust(error_module(plan, &needs.mods("src/error"))),
    );
    let has_errors = plan.errors().next().is_some();
    files.insert(
        "src/protocol.rs".into(),
        FileContent::Rust(protocol_module(&needs.mods("src/protocol"), has_errors)),
    );
    crate::customizations::files(plan, &mut files);
    let tests = protocol_tests::protocol_tests(plan, skips);
    let has_tests = tests.is_some();
    if let Some(tests) = tests {
        files.insert("src/protocol_tests.rs".into(), FileContent::Rust(tests));
    }
    files.insert(
        "src/lib.rs".into(),
        FileContent::Rust(lib(plan, &needs, has_tests, endpoint.is_some())),
    );
    files
}

/// `types.rs` and `types/error.rs`: a private module per type, its items
/// re-exported, and builders gathered in `builders` as the AWS SDK does.
fn types_module(types: &[&TypePlan], with_errors: bool) -> TokenStream {
    let docs = if with_errors {
        inner_doc("Structures, enums and unions of the model.")
    } else {
        inner_doc("The errors the model defines, one structure each.")
    };
    let mods = types.iter().map(|t| {
        let m = ident(&t.module);
        quote! { #[rustfmt::skip] mod #m; }
    });
    let uses = types.iter().map(|t| {
        let m = ident(&t.module);
        let n = format_ident!("{}", t.name);
        quote!(pub use self::#m::#n;)
    });
    let builders: Vec<_> = types
        .iter()
        .filter_map(|t| match &t.kind {
            TypeKind::Structure(s) => Some((t, s)),
            _ => None,
        })
        .map(|(t, s)| {
            let m = ident(&t.module);
            let n = format_ident!("{}", s.builder);
            quote!(pub use super::#m::#n;)
        })
        .collect();
    let error_mod = with_errors.then(|| quote! { #[rustfmt::skip] pub mod error; });
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

/// `protocol.rs`: the wire runtime's modules (see the runtime manifest).
fn protocol_module(runtime: &[(&str, TokenStream)], has_errors: bool) -> TokenStream {
    let mods = runtime.iter().map(|(_, declaration)| declaration);
    // A model without error shapes never reads an error into a structure.
    let unused = (!has_errors).then(|| quote!(#[allow(dead_code)]));
    quote! {
        //! The wire layer shared by every operation: JSON value encodings, the
        //! zero values of client error correction, and the AWS JSON request and
        //! error conventions. Operations add only what is theirs.

        #(#mods)*

        pub(crate) use self::zero::zero;

        /// Error structures take the metadata of the response they were read from.
        #unused
        pub(crate) trait WithErrorMetadata {
            fn set_meta(&mut self, meta: crate::error::ErrorMetadata);
        }
    }
}

fn operation_module(plan: &Plan) -> TokenStream {
    let mods = plan.operations.iter().map(|op| {
        let m = ident(&op.module);
        let doc = tokens::doc(&format!("The `{}` operation.", op.wire_name));
        quote! { #doc #[rustfmt::skip] pub mod #m; }
    });
    quote! {
        #![doc = " One module per operation: input, output, errors and wire functions."]
        #(#mods)*
    }
}

fn error_module(plan: &Plan, runtime: &[(&str, TokenStream)]) -> TokenStream {
    let mods = runtime.iter().map(|(_, declaration)| declaration);
    let service_error = errors::service_error(plan);
    let display_error = plan.errors().next().is_some().then(|| {
        quote!(
            pub(crate) use self::metadata::display_error;
        )
    });
    quote! {
        #![doc = " Errors: the crate-wide [`Error`], error metadata, and the errors that are not the service's."]
        #(#mods)*

        #display_error
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

fn lib(plan: &Plan, needs: &Needs, has_protocol_tests: bool, has_endpoint: bool) -> TokenStream {
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
         output. Shared structures and enums are in [`types`], errors in [`error`].\n\n\
         With the `client` feature (on by default), [`client::Client`] sends the operations: \
         async, signed with SigV4, with retries and timeouts.",
    );
    if !service.left_out.is_empty() {
        docs.push_str(
            "\n\n## Not generated\n\nThese operations of the service use event streams, which \
             this crate does not support yet, so it has no modules or client methods for them:\n",
        );
        for l in &service.left_out {
            docs.push_str(&format!(
                "\n- `{}`: `{}` is an event stream.",
                l.operation.name(),
                l.member
            ));
        }
    }
    let docs = inner_doc(&docs);
    // The crate's own modules and the runtime's, in name order.
    let mut mods = needs.mods("src");
    mods.extend([
        (
            "client",
            quote! { #[cfg(feature = "client")] #[rustfmt::skip] pub mod client; },
        ),
        ("error", quote! { #[rustfmt::skip] pub mod error; }),
        ("operation", quote! { #[rustfmt::skip] pub mod operation; }),
        ("protocol", quote! { #[rustfmt::skip] mod protocol; }),
        ("types", quote! { #[rustfmt::skip] pub mod types; }),
        (
            "validation",
            quote! { #[rustfmt::skip] pub mod validation; },
        ),
    ]);
    if has_endpoint {
        mods.push(("endpoint", quote! { #[rustfmt::skip] pub mod endpoint; }));
    }
    if let Some((name, declaration)) = crate::customizations::lib_module(plan) {
        mods.push((name, declaration));
    }
    mods.sort_by_key(|(name, _)| *name);
    let mods = mods.iter().map(|(_, declaration)| declaration);
    let protocol_tests = has_protocol_tests.then(|| {
        quote! {
            #[cfg(test)]
            #[rustfmt::skip]
            mod protocol_tests;
        }
    });
    quote! {
        #docs
        #![forbid(unsafe_code)]
        // Deprecated shapes and members stay usable; only this crate's own
        // plumbing (Debug, builders, error enums) touches them here, and
        // that is no reason to warn. Users still see the deprecation.
        #![allow(deprecated)]

        #(#mods)*

        #protocol_tests

        // In the order rustfmt sorts them, so `cargo fmt --check` at the
        // workspace root accepts the generated crate as it is.
        #[cfg(feature = "client")]
        pub use self::client::{Client, Config};
        pub use self::error::Error;
    }
}
