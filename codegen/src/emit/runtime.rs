//! The runtime manifest: every hand-written file of `codegen/runtime/` that
//! generated crates carry, with the module that declares it and when it is
//! included. Both the copied files and their `mod` lines come from here, so
//! a new runtime file is one entry in [`MANIFEST`] (the test below fails for
//! a file of `codegen/runtime/` that no entry lists).
//!
//! To add a file: write `codegen/runtime/<folder>/<name>.rs`, which lands in
//! the crate as `src/<folder>/<name>.rs`, declared by `src/<folder>.rs`
//! (whose emitter asks [`Needs::mods`] for the lines), and list it with its
//! visibility and condition. A file that only some crates carry (a service
//! customization, a feature of some models) names its condition with a
//! [`When`]; when none fits, add a variant and answer it in `Needs::holds`
//! from the plan. A folder whose module file is not emitted yet needs its
//! emitter to declare the module and call `Needs::mods` for it.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::plan::{Engine, Plan};
use crate::rules::ir::Function;
use crate::rules::EndpointPlan;

/// The visibility of a runtime module's `mod` line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Visibility {
    Private,
    Super,
    Crate,
    Public,
}

/// When a runtime file (or its `#[allow(dead_code)]`) applies.
#[derive(Clone, Copy, Debug)]
pub enum When {
    Always,
    Never,
    /// An operation has `@requestCompression` with gzip.
    Gzip,
    /// An operation is `@paginated`.
    Paginated,
    /// A `@paginated` operation names its `items`.
    PaginatedItems,
    /// A `@pattern` is compiled by this engine.
    Pattern(Engine),
    /// The service has endpoint rules.
    Endpoint,
    /// The endpoint rules call one of these functions.
    EndpointCalls(&'static [Function]),
}

/// One runtime file: `codegen/runtime/<path>`, copied to `src/<path>` and
/// declared by the module of its folder (`src/<folder>.rs`).
#[derive(Clone, Copy, Debug)]
pub struct RuntimeFile {
    pub path: &'static str,
    pub text: &'static str,
    pub visibility: Visibility,
    /// Declared `#[cfg(test)]`.
    pub test_only: bool,
    /// Declared `#[cfg(feature = "..")]`: compiled only with that cargo feature.
    pub feature: Option<&'static str>,
    /// Declared `#[allow(dead_code)]`: the same file ships with every crate,
    /// and some models leave parts of it unused.
    pub allow_dead_code: When,
    pub when: When,
}

impl RuntimeFile {
    const fn new(path: &'static str, text: &'static str) -> Self {
        RuntimeFile {
            path,
            text,
            visibility: Visibility::Private,
            test_only: false,
            feature: None,
            allow_dead_code: When::Never,
            when: When::Always,
        }
    }

    const fn visibility(self, visibility: Visibility) -> Self {
        RuntimeFile { visibility, ..self }
    }

    const fn test_only(self) -> Self {
        RuntimeFile {
            test_only: true,
            ..self
        }
    }

    const fn feature(self, feature: &'static str) -> Self {
        RuntimeFile {
            feature: Some(feature),
            ..self
        }
    }

    const fn allow_dead_code(self, allow_dead_code: When) -> Self {
        RuntimeFile {
            allow_dead_code,
            ..self
        }
    }

    const fn when(self, when: When) -> Self {
        RuntimeFile { when, ..self }
    }

    /// The module that declares the file, as a crate path (`src/protocol`).
    fn parent(&self) -> String {
        match self.path.rsplit_once('/') {
            Some((folder, _)) => format!("src/{folder}"),
            None => "src".to_owned(),
        }
    }

    /// The file's module name.
    fn module(&self) -> &'static str {
        let file = self.path.rsplit('/').next().unwrap_or(self.path);
        file.strip_suffix(".rs").unwrap_or(file)
    }
}

/// A runtime file, by its path under `codegen/runtime/`.
macro_rules! runtime {
    ($path:literal) => {
        RuntimeFile::new($path, include_str!(concat!("../../runtime/", $path)))
    };
}

use Visibility::{Crate, Public, Super};

/// Every runtime file, grouped by the module that declares it.
pub const MANIFEST: &[RuntimeFile] = &[
    // lib.rs
    runtime!("auth.rs").visibility(Public),
    runtime!("primitives.rs").visibility(Public),
    // client.rs (the whole module is behind the `client` feature)
    runtime!("client/config.rs"),
    runtime!("client/credentials.rs"),
    runtime!("client/credentials_cache.rs"),
    runtime!("client/endpoint.rs"),
    runtime!("client/error.rs"),
    runtime!("client/metadata.rs"),
    runtime!("client/mock.rs")
        .visibility(Public)
        .feature("test-util"),
    runtime!("client/orchestrate.rs"),
    // Only what the crate's paginators use: pages, and items where an
    // operation names them.
    runtime!("client/paginate.rs").when(When::Paginated),
    runtime!("client/paginate_items.rs").when(When::PaginatedItems),
    runtime!("client/proxy.rs"),
    runtime!("client/retry.rs"),
    runtime!("client/sdk_config.rs"),
    runtime!("client/sign.rs"),
    runtime!("client/tls.rs"),
    runtime!("client/transport.rs"),
    // endpoint.rs and endpoint/functions.rs: only the functions the rules call
    runtime!("endpoint/types.rs").when(When::Endpoint),
    runtime!("endpoint/functions/arn.rs").when(When::EndpointCalls(&[Function::ParseArn])),
    runtime!("endpoint/functions/host_label.rs").when(When::EndpointCalls(&[
        Function::IsValidHostLabel,
        Function::IsVirtualHostableS3Bucket,
    ])),
    runtime!("endpoint/functions/parse_url.rs").when(When::EndpointCalls(&[Function::ParseUrl])),
    runtime!("endpoint/functions/partition.rs")
        .visibility(Super)
        .when(When::EndpointCalls(&[Function::Partition])),
    runtime!("endpoint/functions/s3_bucket.rs")
        .when(When::EndpointCalls(&[Function::IsVirtualHostableS3Bucket])),
    runtime!("endpoint/functions/substring.rs").when(When::EndpointCalls(&[Function::Substring])),
    runtime!("endpoint/functions/uri_encode.rs").when(When::EndpointCalls(&[Function::UriEncode])),
    // error.rs
    runtime!("error/metadata.rs"),
    // protocol.rs
    runtime!("protocol/aws_json.rs").visibility(Crate),
    runtime!("protocol/gzip.rs")
        .visibility(Crate)
        .when(When::Gzip),
    // Adapters for floats, formatted timestamps and unions go into every crate.
    runtime!("protocol/json.rs")
        .visibility(Crate)
        .allow_dead_code(When::Always),
    runtime!("protocol/test_support.rs")
        .visibility(Crate)
        .test_only()
        .allow_dead_code(When::Always),
    runtime!("protocol/zero.rs").visibility(Crate),
    // validation.rs
    runtime!("validation/fancy_pattern.rs").when(When::Pattern(Engine::FancyRegex)),
    runtime!("validation/lite_pattern.rs").when(When::Pattern(Engine::Lite)),
    runtime!("validation/pattern.rs").when(When::Pattern(Engine::Regex)),
    // Helpers for every kind of constraint; a model may use only some.
    runtime!("validation/rules.rs").allow_dead_code(When::Always),
];

/// What decides the conditions of the manifest for one crate.
#[derive(Clone, Copy)]
pub struct Needs<'p> {
    pub plan: &'p Plan,
    pub endpoint: Option<&'p EndpointPlan>,
}

impl Needs<'_> {
    fn holds(&self, when: When) -> bool {
        match when {
            When::Always => true,
            When::Never => false,
            When::Gzip => self.plan.operations.iter().any(|op| op.gzip),
            When::Paginated => self.plan.operations.iter().any(|op| op.paginated.is_some()),
            When::PaginatedItems => self
                .plan
                .operations
                .iter()
                .any(|op| op.paginated.as_ref().is_some_and(|p| p.items.is_some())),
            When::Pattern(engine) => self.plan.validation.uses(engine),
            When::Endpoint => self.endpoint.is_some(),
            When::EndpointCalls(functions) => self
                .endpoint
                .is_some_and(|e| functions.iter().any(|f| e.functions.contains(f))),
        }
    }

    /// The runtime files this crate carries: (path in the crate, text).
    pub fn files(&self) -> impl Iterator<Item = (String, &'static str)> + '_ {
        MANIFEST
            .iter()
            .filter(|f| self.holds(f.when))
            .map(|f| (format!("src/{}", f.path), f.text))
    }

    /// The `mod` lines of the runtime files that `parent` (`src`,
    /// `src/protocol`) declares, by module name in name order.
    pub fn mods(&self, parent: &str) -> Vec<(&'static str, TokenStream)> {
        let mut mods: Vec<_> = MANIFEST
            .iter()
            .filter(|f| self.holds(f.when) && f.parent() == parent)
            .map(|f| (f.module(), self.declaration(f)))
            .collect();
        mods.sort_by_key(|(name, _)| *name);
        mods
    }

    fn declaration(&self, file: &RuntimeFile) -> TokenStream {
        let name = format_ident!("{}", file.module());
        let cfg = match (file.test_only, file.feature) {
            (true, _) => Some(quote!(#[cfg(test)])),
            (false, Some(feature)) => Some(quote!(#[cfg(feature = #feature)])),
            (false, None) => None,
        };
        let allow = self
            .holds(file.allow_dead_code)
            .then(|| quote!(#[allow(dead_code)]));
        let vis = match file.visibility {
            Visibility::Private => quote!(),
            Visibility::Super => quote!(pub(super)),
            Visibility::Crate => quote!(pub(crate)),
            Visibility::Public => quote!(pub),
        };
        quote! { #cfg #allow #[rustfmt::skip] #vis mod #name; }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::Path;

    use super::MANIFEST;

    fn rust_files(dir: &Path, prefix: &str, found: &mut BTreeSet<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = format!("{prefix}{name}");
            if entry.file_type().unwrap().is_dir() {
                rust_files(&entry.path(), &format!("{path}/"), found);
            } else if name.ends_with(".rs") {
                found.insert(path);
            }
        }
    }

    #[test]
    fn every_runtime_file_is_in_the_manifest_once() {
        let mut on_disk = BTreeSet::new();
        rust_files(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("runtime"),
            "",
            &mut on_disk,
        );
        let listed: Vec<&str> = MANIFEST.iter().map(|f| f.path).collect();
        let unique: BTreeSet<String> = listed.iter().map(|p| p.to_string()).collect();
        assert_eq!(unique.len(), listed.len(), "a file listed twice");
        assert_eq!(
            on_disk, unique,
            "codegen/runtime/ and the manifest must list the same files"
        );
    }

    #[test]
    fn modules_follow_from_paths() {
        let file = MANIFEST
            .iter()
            .find(|f| f.path == "protocol/aws_json.rs")
            .unwrap();
        assert_eq!(
            (file.parent().as_str(), file.module()),
            ("src/protocol", "aws_json")
        );
        let auth = MANIFEST.iter().find(|f| f.path == "auth.rs").unwrap();
        assert_eq!((auth.parent().as_str(), auth.module()), ("src", "auth"));
    }
}
