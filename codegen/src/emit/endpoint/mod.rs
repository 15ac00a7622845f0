//! The generated crate's `endpoint` module: `EndpointParams`, the resolver
//! emitted from the rule set, the runtime functions it calls, the partition
//! table, and one test per `smithy.rules#endpointTests` case.

mod partitions;
mod resolver;
#[cfg(test)]
mod runtime_tests;
mod tests;
mod values;

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_json::Value;

use super::runtime::Needs;
use super::tokens::{doc, ident, inner_doc};
use super::FileContent;
use crate::rules::ir::{Function, ParamPlan};
use crate::rules::syntax::ParameterType;
use crate::rules::EndpointPlan;

/// The Rust function of the runtime (module under `endpoint::functions`,
/// function) the resolver calls for `function`; `None` for `aws.partition`,
/// which the resolver reaches through the generated table. Which runtime
/// files a function needs is in the runtime manifest.
fn export_of(function: Function) -> Option<(&'static str, &'static str)> {
    match function {
        Function::Substring => Some(("substring", "substring")),
        Function::UriEncode => Some(("uri_encode", "uri_encode")),
        Function::ParseUrl => Some(("parse_url", "parse_url")),
        Function::IsValidHostLabel => Some(("host_label", "is_valid_host_label")),
        Function::Partition => None,
        Function::ParseArn => Some(("arn", "parse_arn")),
        Function::IsVirtualHostableS3Bucket => Some(("s3_bucket", "is_virtual_hostable_s3_bucket")),
    }
}

/// Every file of the endpoint module, by path in the crate.
pub fn files(plan: &EndpointPlan, needs: &Needs, files: &mut BTreeMap<String, FileContent>) {
    let exports: BTreeSet<(&str, &str)> = plan
        .functions
        .iter()
        .filter_map(|f| export_of(*f))
        .collect();
    let functions = needs.mods("src/endpoint/functions");
    let has_functions = !functions.is_empty();
    if has_functions {
        files.insert(
            "src/endpoint/functions.rs".into(),
            FileContent::Rust(functions_module(&functions, &exports)),
        );
    }
    if let Some(table) = &plan.partitions {
        files.insert(
            "src/endpoint/partitions.rs".into(),
            FileContent::Rust(partitions::table(table)),
        );
    }
    files.insert(
        "src/endpoint/resolver.rs".into(),
        FileContent::Rust(resolver::resolver(plan)),
    );
    if !plan.tests.is_empty() {
        files.insert(
            "src/endpoint/tests.rs".into(),
            FileContent::Rust(tests::tests(plan)),
        );
    }
    files.insert(
        "src/endpoint.rs".into(),
        FileContent::Rust(endpoint_module(
            plan,
            has_functions,
            &needs.mods("src/endpoint"),
        )),
    );
}

/// Whether the generated crate needs `regex-lite` (for `aws.partition`).
pub fn needs_regex(plan: &EndpointPlan) -> bool {
    plan.functions.contains(&Function::Partition)
}

fn functions_module(
    runtime: &[(&str, TokenStream)],
    exports: &BTreeSet<(&str, &str)>,
) -> TokenStream {
    let mods = runtime.iter().map(|(_, declaration)| declaration);
    let uses = exports.iter().map(|(module, function)| {
        let (m, f) = (ident(module), ident(function));
        quote!(pub(super) use self::#m::#f;)
    });
    quote! {
        //! The rule functions this service's endpoint rules call. Only those
        //! are included; the generator carries the rest of the library.
        #(#mods)*
        #(#uses)*
    }
}

fn endpoint_module(
    plan: &EndpointPlan,
    has_functions: bool,
    runtime: &[(&str, TokenStream)],
) -> TokenStream {
    let docs = inner_doc(
        "Endpoint resolution: which URL requests go to, from the service's endpoint rule set.\n\n\
         Fill an [`EndpointParams`] (a client sets it from its configuration: region, FIPS, \
         dual-stack, endpoint override) and call [`resolve_endpoint`]. The rules are compiled \
         into [`resolve_endpoint`] itself, so resolution allocates little and reads no data at \
         run time. An error rule that matches, such as FIPS combined with a custom endpoint, \
         comes back as [`EndpointError::Rule`] with the rule's message.",
    );
    // The module's own files and the runtime's, in name order.
    let mut mods = runtime.to_vec();
    mods.push(("resolver", quote! { #[rustfmt::skip] mod resolver; }));
    if has_functions {
        mods.push(("functions", quote! { #[rustfmt::skip] mod functions; }));
    }
    if plan.partitions.is_some() {
        mods.push(("partitions", quote! { #[rustfmt::skip] mod partitions; }));
    }
    if !plan.tests.is_empty() {
        mods.push(("tests", quote! { #[cfg(test)] #[rustfmt::skip] mod tests; }));
    }
    mods.sort_by_key(|(name, _)| *name);
    let mods = mods.iter().map(|(_, declaration)| declaration);
    let params = params(&plan.params);
    quote! {
        #docs
        #(#mods)*

        pub use self::resolver::resolve_endpoint;
        pub use self::types::{Endpoint, EndpointError};

        #params
    }
}

/// The Rust type of a parameter's field.
fn field_type(p: &ParamPlan) -> TokenStream {
    let inner = match p.ty {
        ParameterType::String => quote!(String),
        ParameterType::Boolean => quote!(bool),
        ParameterType::StringArray => quote!(Vec<String>),
    };
    if p.optional() {
        quote!(Option<#inner>)
    } else {
        inner
    }
}

/// The Rust value of a parameter's default, or `None` for an optional one.
fn default_value(p: &ParamPlan) -> TokenStream {
    match &p.default {
        None => quote!(None),
        Some(value) => values::param_value(p.ty, value),
    }
}

/// Whether `#[derive(Default)]` gives the rule set's defaults (so clippy's
/// `derivable_impls` has nothing to say about a hand-written one).
fn defaults_are_zero(params: &[ParamPlan]) -> bool {
    params.iter().all(|p| match &p.default {
        None => true,
        Some(Value::Bool(b)) => !b,
        Some(Value::String(s)) => s.is_empty(),
        Some(Value::Array(a)) => a.is_empty(),
        Some(_) => false,
    })
}

fn field_docs(p: &ParamPlan) -> String {
    let mut text = match &p.documentation {
        Some(d) if !d.trim().is_empty() => crate::docs::html_to_markdown(d.trim()),
        _ => format!("The rule set's `{}` parameter.", p.name),
    };
    let mut notes = vec![format!("Rule-set name: `{}`.", p.name)];
    if let Some(b) = &p.built_in {
        notes.push(format!("Set by clients from the built-in `{b}`."));
    }
    if let Some(d) = &p.default {
        notes.push(format!("Default: `{d}`."));
    }
    if p.must_be_set {
        notes.push("Required: resolution fails while it is unset.".to_owned());
    }
    if let Some(d) = &p.deprecated {
        notes.push(format!("Deprecated: {d}."));
    }
    text.push_str("\n\n");
    text.push_str(&notes.join(" "));
    text
}

fn params(params: &[ParamPlan]) -> TokenStream {
    let fields = params.iter().map(|p| {
        let docs = doc(&field_docs(p));
        let name = ident(&p.field);
        let ty = field_type(p);
        quote!(#docs pub #name: #ty,)
    });
    let derive_default = defaults_are_zero(params);
    let default_impl = (!derive_default).then(|| {
        let values = params.iter().map(|p| {
            let name = ident(&p.field);
            let value = default_value(p);
            quote!(#name: #value,)
        });
        quote! {
            impl Default for EndpointParams {
                /// Every parameter at the rule set's default; the others unset.
                fn default() -> Self {
                    EndpointParams { #(#values)* }
                }
            }
        }
    });
    let derives = if derive_default {
        quote!(#[derive(Clone, Debug, Default, PartialEq)])
    } else {
        quote!(#[derive(Clone, Debug, PartialEq)])
    };
    let setters = params.iter().map(setters);
    quote! {
        /// The inputs of endpoint resolution: one field per parameter of the
        /// service's endpoint rule set, at the rule set's default until set.
        #derives
        #[non_exhaustive]
        pub struct EndpointParams {
            #(#fields)*
        }

        #default_impl

        impl EndpointParams {
            /// A builder that starts from the rule set's defaults.
            pub fn builder() -> EndpointParamsBuilder {
                EndpointParamsBuilder::default()
            }
        }

        /// Builds [`EndpointParams`]; parameters left alone keep their defaults.
        #[derive(Clone, Debug, Default)]
        pub struct EndpointParamsBuilder {
            params: EndpointParams,
        }

        impl EndpointParamsBuilder {
            #(#setters)*

            /// The parameters as set.
            pub fn build(self) -> EndpointParams {
                self.params
            }
        }
    }
}

fn setters(p: &ParamPlan) -> TokenStream {
    let name = ident(&p.field);
    let set_docs = doc(&format!(
        "Sets [`EndpointParams::{}`].",
        crate::naming::plain(&p.field)
    ));
    let (arg, value) = match p.ty {
        ParameterType::String => (quote!(impl Into<String>), quote!(value.into())),
        ParameterType::Boolean => (quote!(bool), quote!(value)),
        ParameterType::StringArray => (quote!(Vec<String>), quote!(value)),
    };
    if !p.optional() {
        return quote! {
            #set_docs
            pub fn #name(mut self, value: #arg) -> Self {
                self.params.#name = #value;
                self
            }
        };
    }
    let inner = field_type(p);
    let set_name = format_ident!("{}", p.set);
    let clear_docs = doc(&format!(
        "Sets or clears [`EndpointParams::{}`].",
        crate::naming::plain(&p.field)
    ));
    quote! {
        #set_docs
        pub fn #name(mut self, value: #arg) -> Self {
            self.params.#name = Some(#value);
            self
        }

        #clear_docs
        pub fn #set_name(mut self, value: #inner) -> Self {
            self.params.#name = value;
            self
        }
    }
}
