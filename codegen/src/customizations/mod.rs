//! Customizations: hand-written, service-specific Rust that the generator
//! adds to one service's crate (smithy-rs's word for them). Each lives in
//! `codegen/customizations/<package>/` as ordinary Rust files with their
//! own unit tests, is described here by a [`Customization`], and is
//! emitted only for its service, each file only when every operation it
//! uses is selected. They add modules and methods; they never change the
//! model or invent a shape.
//!
//! The emitter asks this module three things: the files and `lib.rs`
//! module line ([`files`], [`lib_module`]), the `Cargo.toml` lines
//! ([`cargo_dependencies`], [`cargo_features`]), and for each operation
//! whether the client must prepare its input ([`prepare`]).

mod cognito_identity_provider;

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::tokens::{ident, inner_doc};
use crate::emit::FileContent;
use crate::plan::{OperationPlan, Plan};

/// One service's customization.
pub struct Customization {
    /// The service shape it customizes.
    pub service: &'static str,
    /// The module of the crate its files go in (`src/<module>.rs` and `src/<module>/`).
    pub module: &'static str,
    /// The module's documentation (Markdown).
    pub docs: &'static str,
    pub files: &'static [CustomFile],
    /// The crate's extra `[dependencies]` (name, and what follows `=`),
    /// when any file is emitted. One the client also uses (`sha2`) stops
    /// being optional.
    pub dependencies: &'static [(&'static str, &'static str)],
    /// Lines for the crate's `[features]`, when any file is emitted.
    pub features: &'static [&'static str],
}

/// One file of a customization: a submodule of its module.
pub struct CustomFile {
    pub module: &'static str,
    pub text: &'static str,
    /// Emitted when every operation of at least one of these groups is selected.
    pub needs: &'static [&'static [&'static str]],
    /// A `cfg` predicate the module is compiled under (`feature = "client"`).
    pub cfg: Option<&'static str>,
    /// Items the customization's module re-exports from this file.
    pub exports: &'static [&'static str],
    /// `(operation, function)`: before sending the operation, the client
    /// passes its input to this file's `function(&Input, &Config) -> Option<Input>`,
    /// which returns the input to send instead, if it changes anything.
    pub prepares: &'static [(&'static str, &'static str)],
}

/// Every customization the generator knows.
const ALL: &[&Customization] = &[&cognito_identity_provider::CUSTOMIZATION];

/// The customization of `plan`'s service, with the files its selection allows.
fn applied(plan: &Plan) -> Option<(&'static Customization, Vec<&'static CustomFile>)> {
    let service = plan.service.id.to_string();
    let customization = ALL.iter().find(|c| c.service == service)?;
    let selected = |op: &str| plan.operations.iter().any(|o| o.wire_name == op);
    let files: Vec<_> = customization
        .files
        .iter()
        .filter(|f| {
            f.needs
                .iter()
                .any(|group| group.iter().all(|op| selected(op)))
        })
        .collect();
    (!files.is_empty()).then_some((*customization, files))
}

/// The customization's files, by path in the crate: its module file and one
/// file per submodule.
pub fn files(plan: &Plan, out: &mut BTreeMap<String, FileContent>) {
    let Some((customization, files)) = applied(plan) else {
        return;
    };
    for file in &files {
        out.insert(
            format!("src/{}/{}.rs", customization.module, file.module),
            FileContent::Text(file.text.to_owned()),
        );
    }
    out.insert(
        format!("src/{}.rs", customization.module),
        FileContent::Rust(module_file(customization, &files)),
    );
}

fn cfg(file: &CustomFile) -> Option<TokenStream> {
    file.cfg.map(|predicate| {
        let predicate: TokenStream = predicate.parse().unwrap_or_else(|e| {
            panic!(
                "customization file {}: bad cfg `{predicate}`: {e}",
                file.module
            )
        });
        quote!(#[cfg(#predicate)])
    })
}

fn module_file(customization: &Customization, files: &[&CustomFile]) -> TokenStream {
    let docs = inner_doc(customization.docs);
    let mods = files.iter().map(|f| {
        let m = ident(f.module);
        let cfg = cfg(f);
        quote! { #cfg #[rustfmt::skip] pub(crate) mod #m; }
    });
    let uses = files.iter().filter(|f| !f.exports.is_empty()).map(|f| {
        let m = ident(f.module);
        let cfg = cfg(f);
        let items = f.exports.iter().map(|item| ident(item));
        quote!(#cfg pub use self::#m::{#(#items),*};)
    });
    quote! {
        #docs
        #(#mods)*
        #(#uses)*
    }
}

/// The name and `lib.rs` declaration of the customization's module, if any.
pub fn lib_module(plan: &Plan) -> Option<(&'static str, TokenStream)> {
    let (customization, _) = applied(plan)?;
    let m = ident(customization.module);
    Some((
        customization.module,
        quote! { #[rustfmt::skip] pub mod #m; },
    ))
}

/// The customization's `[dependencies]`: names and specifications.
pub fn cargo_dependencies(plan: &Plan) -> Vec<(&'static str, &'static str)> {
    applied(plan).map_or_else(Vec::new, |(c, _)| c.dependencies.to_vec())
}

/// The customization's `[features]` lines.
pub fn cargo_features(plan: &Plan) -> Vec<&'static str> {
    applied(plan).map_or_else(Vec::new, |(c, _)| c.features.to_vec())
}

/// The `prepare` method of `op`'s client glue, when a customization file
/// prepares its input.
pub fn prepare(plan: &Plan, op: &OperationPlan) -> Option<TokenStream> {
    let (customization, files) = applied(plan)?;
    let (file, function) = files.iter().find_map(|f| {
        f.prepares
            .iter()
            .find(|(name, _)| *name == op.wire_name)
            .map(|(_, function)| (f, function))
    })?;
    let module = ident(customization.module);
    let file = ident(file.module);
    let function = ident(function);
    Some(quote! {
        fn prepare(input: &Self::Input, config: &crate::client::Config) -> ::std::option::Option<Self::Input> {
            crate::#module::#file::#function(input, config)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The descriptors are constants: check once that they say what their
    /// files hold, so emission cannot fail on them.
    #[test]
    fn descriptors_match_their_files() {
        for customization in ALL {
            for file in customization.files {
                let where_ = format!("{}/{}", customization.module, file.module);
                if let Some(predicate) = file.cfg {
                    assert!(predicate.parse::<TokenStream>().is_ok(), "{where_}: cfg");
                }
                for item in file.exports {
                    let declared = ["fn", "struct", "enum", "const", "type"]
                        .iter()
                        .any(|kind| file.text.contains(&format!("pub {kind} {item}")));
                    assert!(declared, "{where_} does not declare `pub .. {item}`");
                }
                for (_, function) in file.prepares {
                    assert!(
                        file.text.contains(&format!("pub(crate) fn {function}(")),
                        "{where_} has no `pub(crate) fn {function}`"
                    );
                }
                assert!(!file.needs.is_empty(), "{where_} needs no operation");
            }
        }
    }
}
