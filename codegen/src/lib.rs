//! A generator that turns a Smithy JSON AST model into a Rust crate.
//!
//! The stages are pure functions: [`model::Model`] loads and validates,
//! [`select`] finds what an operation or service reaches, the plan makes
//! every naming and layout decision, [`rules`] turns the endpoint rule set
//! into a plan of its own, and [`generate`] emits and renders every file of
//! the crate as text. Only `xtask` writes files.
//!
//! The public surface is what `xtask` and the tests use: loading, selection,
//! the endpoint rules' syntax and partition table, [`generate`] and its
//! [`Settings`]. The plan, naming, documentation conversion, emission and
//! rendering are private stages.

#![warn(missing_docs)]

mod customizations;
mod doc_slots;
mod docs;
mod emit;
pub mod error;
#[cfg(test)]
mod import_cycles;
pub mod model;
mod naming;
pub mod nesting;
mod plan;
mod render;
pub mod rules;
pub mod select;
mod size;

use std::collections::BTreeMap;

pub use error::{Error, Result};
use model::Model;
pub use plan::to_rust_regex;
use select::Selection;

/// What to generate and how to name it.
#[derive(Clone, Debug)]
pub struct Settings {
    /// The package name of the generated crate (`cognito-identity-provider`);
    /// `None` derives it from the service's SDK id.
    pub package: Option<String>,
    /// The package version of the generated crate.
    pub version: String,
    /// The service, when the model has several.
    pub service: Option<String>,
    /// The whole service, or some operations and what they reach.
    pub selection: Selection,
    /// Protocol-test cases to emit as ignored, by case id, with the reason.
    pub skipped_protocol_tests: BTreeMap<String, String>,
    /// The AWS partition table (`partitions.json`), embedded into the crate
    /// when the service's endpoint rules call `aws.partition`; see [`needs_partitions`].
    pub partitions: Option<rules::Partitions>,
    /// Refuse the model instead of leaving out the operations that use
    /// event streams (see [`GeneratedCrate::left_out`]).
    pub strict: bool,
}

/// The whole service (the model's only one), as version 0.1.0, leaving out
/// event-stream operations, with no partition table and no protocol-test
/// case skipped: what a caller overrides is then all its literal names.
impl Default for Settings {
    fn default() -> Self {
        Settings {
            package: None,
            version: "0.1.0".to_owned(),
            service: None,
            selection: Selection::Service,
            skipped_protocol_tests: BTreeMap::new(),
            partitions: None,
            strict: false,
        }
    }
}

/// The generated crate: file text by path relative to the crate root, in path order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GeneratedCrate {
    /// The package name in its `Cargo.toml`.
    pub package: String,
    /// Every file, by path relative to the crate root.
    pub files: BTreeMap<String, String>,
    /// Shapes of the selection, outside the prelude (service and operations included).
    pub shape_count: usize,
    /// Operations of the selection.
    pub operation_count: usize,
    /// Operations of the service the crate goes without, and why: the
    /// caller warns about each (the crate's README and docs list them).
    pub left_out: Vec<select::LeftOut>,
}

/// Generates the whole crate for `settings` from `model`.
pub fn generate(model: &Model, settings: &Settings) -> Result<GeneratedCrate> {
    let closure = select::select(model, settings.service.as_deref(), &settings.selection)?;
    if let Some(first) = closure.left_out.first().filter(|_| settings.strict) {
        return Err(Error::generate(first.member.to_string(), first.reason()));
    }
    let plan = plan::plan(model, &closure)?;
    let endpoint = rules::plan(model, &closure.service, settings.partitions.as_ref())?;
    let mut files = render::render_crate(&plan, emit::units(&plan), || {
        emit::module_files(&plan, &settings.skipped_protocol_tests, endpoint.as_ref())
    })?;
    let package = settings
        .package
        .clone()
        .unwrap_or_else(|| default_package(&plan.service));
    let mut context = tera::Context::new();
    context.insert("package", &package);
    context.insert("version", &settings.version);
    context.insert("title", &plan.service.title);
    context.insert(
        "description",
        &format!(
            "{} client types and wire layer, generated from its Smithy model",
            plan.service.title
        ),
    );
    context.insert("protocol", &format!("{:?}", plan.service.protocol));
    context.insert(
        "operations",
        &plan
            .operations
            .iter()
            .map(|o| o.wire_name.clone())
            .collect::<Vec<_>>(),
    );
    context.insert("api_version", &plan.service.version);
    context.insert(
        "left_out",
        &closure
            .left_out
            .iter()
            .map(|l| (l.operation.name().to_owned(), l.member.to_string()))
            .collect::<Vec<_>>(),
    );
    context.insert("gzip", &plan.operations.iter().any(|op| op.gzip));
    context.insert(
        "regex_lite",
        &(emit::needs_regex(endpoint.as_ref()) || plan.validation.uses(plan::Engine::Lite)),
    );
    context.insert(
        "uuid",
        &plan
            .operations
            .iter()
            .any(|op| !plan.idempotency_tokens(op).is_empty()),
    );
    context.insert("regex", &plan.validation.uses(plan::Engine::Regex));
    context.insert(
        "fancy_regex",
        &plan.validation.uses(plan::Engine::FancyRegex),
    );
    let custom_dependencies = customizations::cargo_dependencies(&plan);
    context.insert(
        "custom_dependencies",
        &custom_dependencies
            .iter()
            .map(|(name, spec)| format!("{name} = {spec}"))
            .collect::<Vec<_>>(),
    );
    context.insert(
        "custom_dependency_names",
        &custom_dependencies
            .iter()
            .map(|(name, _)| *name)
            .collect::<Vec<_>>(),
    );
    context.insert("custom_features", &customizations::cargo_features(&plan));
    files.insert(
        "Cargo.toml".into(),
        render::template(
            "Cargo.toml",
            include_str!("../templates/Cargo.toml.tera"),
            &context,
        )?,
    );
    files.insert(
        "README.md".into(),
        render::template(
            "README.md",
            include_str!("../templates/README.md.tera"),
            &context,
        )?,
    );
    Ok(GeneratedCrate {
        package,
        files,
        shape_count: closure.own_shapes().count(),
        operation_count: closure.operations.len(),
        left_out: closure.left_out,
    })
}

/// Runs every stage before emission (selection, the plan, the endpoint
/// rules) and returns what [`generate`] would refuse, without emitting:
/// cheap enough for very large models.
pub fn check(model: &Model, settings: &Settings) -> Result<()> {
    let closure = select::select(model, settings.service.as_deref(), &settings.selection)?;
    if let Some(first) = closure.left_out.first().filter(|_| settings.strict) {
        return Err(Error::generate(first.member.to_string(), first.reason()));
    }
    plan::plan(model, &closure)?;
    rules::plan(model, &closure.service, settings.partitions.as_ref())?;
    Ok(())
}

/// Whether generating for `settings` needs [`Settings::partitions`]: the
/// service's endpoint rules call `aws.partition`.
pub fn needs_partitions(model: &Model, settings: &Settings) -> Result<bool> {
    let closure = select::select(model, settings.service.as_deref(), &settings.selection)?;
    Ok(rules::calls_partition(model, &closure.service))
}

/// `Cognito Identity Provider` becomes `cognito-identity-provider`, `DynamoDB` `dynamodb`.
fn default_package(service: &plan::ServicePlan) -> String {
    let name = service.sdk_id.as_deref().unwrap_or(service.id.name());
    // Words are split at spaces only, as the SDK ids are written
    // (`DynamoDB` stays one word, as in the official crate names).
    name.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join("-")
}
