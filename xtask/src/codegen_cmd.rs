//! `cargo xtask codegen`: load, generate, then write atomically or check.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use codegen::model::Model;
use codegen::rules::Partitions;
use codegen::select::Selection;
use codegen::Settings;

use crate::{bench, workspace_root, write};

#[derive(clap::Args)]
pub struct Args {
    /// Model files to load (repeatable). Default: every `.json` file in `model/`.
    #[arg(long = "model", value_name = "PATH")]
    models: Vec<PathBuf>,
    /// Generate only this operation and what it reaches (repeatable).
    #[arg(long = "operation", value_name = "NAME", conflicts_with = "service")]
    operations: Vec<String>,
    /// Generate every operation of the service (the default). Takes the
    /// service's name when the model has several.
    #[arg(long, value_name = "NAME", num_args = 0..=1, default_missing_value = "")]
    service: Option<String>,
    /// Where the crate goes. Default: `generated/`.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// The generated package's name. Default: `cognito-identity-provider`
    /// for `model/`, else derived from the service's SDK id.
    #[arg(long, value_name = "NAME")]
    package: Option<String>,
    /// Write nothing; exit 1 and list every file that differs from what
    /// would be generated, or is missing or extra.
    #[arg(long)]
    check: bool,
    /// Refuse a model whose operations use event streams instead of leaving
    /// those operations out with a warning.
    #[arg(long)]
    strict: bool,
}

pub fn run(args: Args) -> Result<ExitCode, String> {
    let started = Instant::now();
    let root = workspace_root();
    let default_model = args.models.is_empty();
    let models = if default_model {
        model_files(&root.join("model"))?
    } else {
        args.models.clone()
    };
    let model = Model::load_all(&models).map_err(|e| e.to_string())?;
    let loaded = started.elapsed();
    let selection = if args.operations.is_empty() {
        Selection::Service
    } else {
        Selection::Operations(args.operations.clone())
    };
    let package = match (&args.package, default_model) {
        (Some(p), _) => Some(p.clone()),
        (None, true) => Some("cognito-identity-provider".to_owned()),
        (None, false) => None,
    };
    let mut settings = Settings {
        package,
        service: args.service.clone().filter(|s| !s.is_empty()),
        selection,
        strict: args.strict,
        ..Settings::default()
    };
    if codegen::needs_partitions(&model, &settings).map_err(|e| e.to_string())? {
        settings.partitions = Some(load_partitions(&root)?);
    }
    let krate = codegen::generate(&model, &settings).map_err(|e| e.to_string())?;
    for left_out in &krate.left_out {
        eprintln!(
            "warning: {} is not generated: {}: {} (--strict refuses the model instead)",
            left_out.operation,
            left_out.member,
            left_out.reason()
        );
    }
    let generated = started.elapsed();
    let out = args.out.clone().unwrap_or_else(|| root.join("generated"));
    if args.check {
        let differences = write::differences(&out, &krate.files).map_err(|e| e.to_string())?;
        if differences.is_empty() {
            println!(
                "{} matches the model ({} files)",
                out.display(),
                krate.files.len()
            );
            return Ok(ExitCode::SUCCESS);
        }
        eprintln!(
            "{} does not match the model; run `cargo xtask codegen`:",
            out.display()
        );
        for d in &differences {
            eprintln!("  {d}");
        }
        return Ok(ExitCode::FAILURE);
    }
    write::replace_dir(&out, &krate.files).map_err(|e| e.to_string())?;
    println!(
        "generated {}: {} shapes, {} operations, {} files in {} ms -> {}",
        krate.package,
        krate.shape_count,
        krate.operation_count,
        krate.files.len(),
        started.elapsed().as_millis(),
        out.display()
    );
    if std::env::var_os(bench::REPORT_PEAK_MEMORY).is_some() {
        let written = started.elapsed();
        println!(
            "phases: load {} us, generate {} us, write {} us",
            loaded.as_micros(),
            (generated - loaded).as_micros(),
            (written - generated).as_micros()
        );
        if let Some(kib) = bench::peak_memory_kib() {
            println!("peak memory: {kib} KiB");
        }
        if let Some((user, system)) = bench::cpu_time_ms() {
            println!("cpu time: {user} ms user, {system} ms system");
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The AWS partition table the endpoint rules' `aws.partition` reads, from
/// `../shared` beside the workspace.
fn load_partitions(root: &Path) -> Result<Partitions, String> {
    let path = root.join("../shared/endpoints/partitions.json");
    if !path.is_file() {
        return Err(format!(
            "{}: the AWS partition table is missing; the service's endpoint rules call aws.partition, \
             so the generator needs it (it comes with ../shared beside the workspace)",
            path.display()
        ));
    }
    Partitions::load(&path).map_err(|e| e.to_string())
}

fn model_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: cannot list the model folder: {e}", dir.display()))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(format!("{}: no .json model files", dir.display()));
    }
    Ok(files)
}
