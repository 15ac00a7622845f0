//! `cargo xtask bench`: what the generator and its crates cost.
//!
//! - `bench generator`: wall time and peak memory of the release generator
//!   turning a model into a crate on disk, one fresh process per run.
//! - `bench scaling`: the generator on synthetic models of growing size.
//! - `bench build`: clean debug builds, `cargo check`, release builds and
//!   binary sizes, paired in one run, of the crate in `generated/`, the
//!   whole-service Cognito crate and the official
//!   `aws-sdk-cognitoidentityprovider` (see `bench/build.rs`); with each
//!   crate's own lines of Rust and dependency count, and the lines generated
//!   for AdminInitiateAuth alone against the official SDK's files for it.
//!   Figures go to `benchmarks/results.json`, charts beside it.
//! - `bench charts`: the charts again, from a results file.
//! - `bench per-call`: one call through each client over an in-memory
//!   transport, calls per second and allocations per call.
//!
//! `BENCHMARKS.md` records the figures with the command.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

use codegen::model::{Model, ShapeKind};
use codegen::select::{select, Selection};

use crate::workspace_root;

mod build;
mod charts;
mod measure;
mod per_call;
mod per_call_program;
mod programs;
mod results;
mod scaling;

#[derive(clap::Subcommand)]
pub enum Bench {
    /// Generator wall time and peak memory (release build, fresh process per run).
    Generator {
        /// Runs per model; the median is reported.
        #[arg(long, default_value_t = 9)]
        runs: usize,
    },
    /// Clean debug builds, `cargo check`, release builds and the stripped
    /// size of a sign-in program: generated/, the whole-service crate and
    /// the official SDK (alone, and with aws-config), paired in one run.
    /// Writes the results file and the charts.
    Build(build::Args),
    /// Draws the charts again from a results file.
    Charts {
        /// The results file (relative paths: from the workspace root).
        #[arg(long, default_value = "benchmarks/results.json")]
        from: PathBuf,
        /// Where the SVG files go; defaults to the results file's folder.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Calls per second and allocations per call of `admin_initiate_auth`
    /// over an in-memory transport: this crate's client against the
    /// official SDK's, alternating rounds, in a scratch workspace.
    PerCall(per_call::Args),
    /// Generator time on synthetic models of 1k to 8k structures (a chain
    /// and a flat set), with the ratio per doubling.
    Scaling {
        /// Runs per size; the median is reported.
        #[arg(long, default_value_t = 3)]
        runs: usize,
    },
}

pub fn run(bench: Bench) -> Result<ExitCode, String> {
    match bench {
        Bench::Generator { runs } => generator(runs.max(1)),
        Bench::Build(args) => build::run(args),
        Bench::Charts { from, out } => {
            let root = workspace_root();
            let from = root.join(from);
            let results = results::Results::load(&from)?;
            let out = match out {
                Some(out) => root.join(out),
                None => from.parent().map(Path::to_path_buf).unwrap_or(root),
            };
            for path in charts::draw(&results, &out)? {
                println!("chart: {}", path.display());
            }
            Ok(ExitCode::SUCCESS)
        }
        Bench::PerCall(args) => per_call::run(args),
        Bench::Scaling { runs } => {
            let xtask = release_xtask()?;
            scaling::run(
                &xtask,
                &workspace_root().join("target/bench/scaling"),
                runs.max(1),
            )?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The environment variable that makes `xtask codegen` print its peak
/// resident memory, for the bench's child processes.
pub const REPORT_PEAK_MEMORY: &str = "XTASK_REPORT_PEAK_MEMORY";

/// Peak resident set size of this process in KiB (`VmHWM`, Linux).
pub fn peak_memory_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// CPU time this process has used in user and in system mode (all
/// threads), in ms, from `/proc/self/stat` (Linux; clock ticks of 10 ms).
/// On a machine other builds share, wall time mostly measures the others;
/// user time mostly measures this process (system time includes the file
/// system's waits on others).
pub fn cpu_time_ms() -> Option<(u64, u64)> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the whole line, 12 and 13 here.
    let user: u64 = fields.get(11)?.parse().ok()?;
    let system: u64 = fields.get(12)?.parse().ok()?;
    Some((user * 10, system * 10))
}

/// `U ms user, S ms system` as `xtask codegen` prints it.
fn parse_cpu_time(text: &str) -> Option<(u64, u64)> {
    let (user, system) = text.split_once(" ms user, ")?;
    Some((
        user.parse().ok()?,
        system.strip_suffix(" ms system")?.parse().ok()?,
    ))
}

fn shared_model(name: &str) -> Result<PathBuf, String> {
    let path = workspace_root().join("../shared/models").join(name);
    if path.is_file() {
        Ok(path)
    } else {
        Err(format!(
            "{}: missing; the benchmarks read ../shared beside the workspace",
            path.display()
        ))
    }
}

/// Builds the release xtask and returns its path.
fn release_xtask() -> Result<PathBuf, String> {
    let root = workspace_root();
    run_quiet(
        Command::new(cargo())
            .current_dir(&root)
            .args(["build", "--release", "-p", "xtask"]),
        "cargo build --release -p xtask",
    )?;
    Ok(root.join("target/release/xtask"))
}

fn generator(runs: usize) -> Result<ExitCode, String> {
    let xtask = release_xtask()?;
    let out = workspace_root().join("target/bench/generator-out");
    let cognito = shared_model("cognito-identity-provider.json")?;
    let cases: [(&str, Vec<String>); 2] = [
        (
            "model/ (AdminInitiateAuth, AdminRespondToAuthChallenge)",
            vec![],
        ),
        (
            "whole Cognito user pools service (122 operations)",
            vec![
                "--model".into(),
                cognito.display().to_string(),
                "--service".into(),
            ],
        ),
    ];
    println!(
        "generator: release build, {runs} runs each, one process per run, crate written to disk \
         (wall time of the process; phases as the process timed them)"
    );
    for (label, args) in cases {
        let mut times = Vec::new();
        let mut peaks = Vec::new();
        let mut cpu = Vec::new();
        // load, generate (select, plan, emit, format), write: per run, in µs
        let mut phases: [Vec<u64>; 3] = Default::default();
        for _ in 0..runs {
            let started = Instant::now();
            let output = Command::new(&xtask)
                .arg("codegen")
                .args(&args)
                .arg("--out")
                .arg(&out)
                .env(REPORT_PEAK_MEMORY, "1")
                .output()
                .map_err(|e| format!("{}: {e}", xtask.display()))?;
            times.push(started.elapsed());
            if !output.status.success() {
                return Err(format!(
                    "{label}: {}",
                    String::from_utf8_lossy(&output.stderr)
                ));
            }
            let stdout = String::from_utf8_lossy(&output.stdout);
            let peak = stdout
                .lines()
                .find_map(|l| l.strip_prefix("peak memory: "))
                .and_then(|l| l.trim_end_matches(" KiB").parse::<u64>().ok())
                .ok_or("the generator did not report its peak memory (Linux /proc only)")?;
            peaks.push(peak);
            cpu.extend(
                stdout
                    .lines()
                    .find_map(|l| l.strip_prefix("cpu time: "))
                    .and_then(parse_cpu_time)
                    .map(|(user, system)| user + system),
            );
            let reported = stdout
                .lines()
                .find_map(|l| l.strip_prefix("phases: "))
                .ok_or("the generator did not report its phases")?;
            for (slot, part) in phases.iter_mut().zip(reported.split(", ")) {
                let micros = part.split_whitespace().nth(1).and_then(|n| n.parse().ok());
                slot.push(micros.ok_or_else(|| format!("unreadable phase timing `{part}`"))?);
            }
        }
        times.sort();
        cpu.sort();
        for slot in &mut phases {
            slot.sort();
        }
        let median_ms = |slot: &Vec<u64>| slot[runs / 2] as f64 / 1000.0;
        println!(
            "  {label}: median {} ms (min {}, max {}), peak memory {:.1} MB",
            times[runs / 2].as_millis(),
            times[0].as_millis(),
            times[runs - 1].as_millis(),
            *peaks.iter().max().unwrap() as f64 / 1024.0,
        );
        println!(
            "    medians by phase: load {:.0} ms, generate {:.0} ms, write {:.0} ms; CPU time (all threads) median {} ms",
            median_ms(&phases[0]),
            median_ms(&phases[1]),
            median_ms(&phases[2]),
            cpu.get(cpu.len() / 2).copied().unwrap_or_default(),
        );
    }
    let _ = std::fs::remove_dir_all(&out);
    Ok(ExitCode::SUCCESS)
}

/// Lines of Rust generated for AdminInitiateAuth alone, against the official
/// SDK's files for the same operation and the shapes it reaches.
fn per_operation(xtask: &Path, sdk_workspace: &Path, sdk_package: &str) -> Result<(), String> {
    let root = workspace_root();
    let out = root.join("target/bench/per-operation");
    run_quiet(
        Command::new(xtask)
            .args(["codegen", "--operation", "AdminInitiateAuth", "--out"])
            .arg(&out),
        "xtask codegen --operation AdminInitiateAuth",
    )?;
    let ours = rust_lines(&out.join("src"))?;

    let model =
        Model::load(&shared_model("cognito-identity-provider.json")?).map_err(|e| e.to_string())?;
    let closure = select(
        &model,
        None,
        &Selection::Operations(vec!["AdminInitiateAuth".into()]),
    )
    .map_err(|e| e.to_string())?;
    let mut names: BTreeSet<String> = BTreeSet::new();
    for id in &closure.shapes {
        let shape = model.expect(id);
        let named = matches!(
            shape.kind,
            ShapeKind::Structure(_)
                | ShapeKind::Union(_)
                | ShapeKind::Enum(_)
                | ShapeKind::Operation(_)
        );
        if named && id.namespace() != "smithy.api" {
            names.insert(heck::ToSnakeCase::to_snake_case(id.name()));
        }
    }
    // Both crates name files after the operation (`admin_initiate_auth*`) and
    // after shapes; the SDK adds prefixes (`_auth_flow_type.rs`,
    // `shape_context_data_type.rs`, `de_`/`ser_` functions).
    let named_for_the_operation = |path: &Path| {
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        let stem = stem.trim_start_matches('_');
        let stem = stem.strip_prefix("shape_").unwrap_or(stem);
        let stem = stem
            .strip_prefix("de_")
            .or_else(|| stem.strip_prefix("ser_"))
            .unwrap_or(stem);
        stem.starts_with("admin_initiate_auth") || names.contains(stem)
    };
    let ours_named = rust_lines_where(&out.join("src"), &named_for_the_operation)?;
    let source = package_dir(sdk_workspace, sdk_package)?;
    let theirs = rust_lines_where(&source.join("src"), &named_for_the_operation)?;
    println!("lines of Rust for AdminInitiateAuth alone (documentation included):");
    println!(
        "  generated crate (`xtask codegen --operation AdminInitiateAuth`): {} lines in {} files, runtime included",
        ours.lines, ours.files
    );
    println!(
        "  generated, files named after the operation or the {} shapes it reaches: {} lines in {} files",
        names.len() - 1,
        ours_named.lines,
        ours_named.files
    );
    println!(
        "  official SDK ({}), files named the same way: {} lines in {} files",
        version_of(&source),
        theirs.lines,
        theirs.files,
    );
    println!(
        "  generated / official, same files: {:.2}",
        ours_named.lines as f64 / theirs.lines as f64
    );
    Ok(())
}

struct Lines {
    files: usize,
    lines: usize,
}

fn rust_lines(dir: &Path) -> Result<Lines, String> {
    rust_lines_where(dir, &|_| true)
}

fn rust_lines_where(dir: &Path, keep: &dyn Fn(&Path) -> bool) -> Result<Lines, String> {
    let mut total = Lines { files: 0, lines: 0 };
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).map_err(io(&dir))? {
            let path = entry.map_err(io(&dir))?.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|x| x == "rs") && keep(&path) {
                let text = std::fs::read_to_string(&path).map_err(io(&path))?;
                total.files += 1;
                total.lines += text.lines().count();
            }
        }
    }
    Ok(total)
}

/// The folder of `package` as cargo resolved it in `workspace`.
fn package_dir(workspace: &Path, package: &str) -> Result<PathBuf, String> {
    let output = Command::new(cargo())
        .current_dir(workspace)
        .args(["metadata", "--format-version", "1"])
        .output()
        .map_err(|e| e.to_string())?;
    let metadata: serde_json::Value =
        serde_json::from_slice(&output.stdout).map_err(|e| format!("cargo metadata: {e}"))?;
    metadata["packages"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|p| p["name"] == package)
        .and_then(|p| p["manifest_path"].as_str())
        .and_then(|m| Path::new(m).parent().map(Path::to_path_buf))
        .ok_or_else(|| format!("{}: no package {package}", workspace.display()))
}

fn version_of(package_dir: &Path) -> String {
    let name = package_dir
        .file_name()
        .unwrap_or_default()
        .to_string_lossy();
    match name.rsplit_once('-') {
        Some((_, version)) if version.starts_with(|c: char| c.is_ascii_digit()) => {
            format!("version {version}")
        }
        _ => "local".to_owned(),
    }
}

/// Packages built for `package` on this machine (normal and build
/// dependencies, transitively), not counting itself.
fn dependency_count(workspace: &Path, package: &str) -> Result<usize, String> {
    let output = Command::new(cargo())
        .current_dir(workspace)
        .args([
            "tree",
            "-p",
            package,
            "-e",
            "normal,build",
            "--prefix",
            "none",
        ])
        .output()
        .map_err(|e| e.to_string())?;
    if !output.status.success() {
        return Err(format!(
            "cargo tree: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let packages: BTreeSet<String> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|l| {
            let mut words = l.split_whitespace();
            Some(format!("{} {}", words.next()?, words.next()?))
        })
        .collect();
    Ok(packages.len().saturating_sub(1))
}

fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(io(to))?;
    for entry in std::fs::read_dir(from).map_err(io(from))? {
        let path = entry.map_err(io(from))?.path();
        let target = to.join(path.file_name().unwrap_or_default());
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n == "target") {
                continue;
            }
            copy_dir(&path, &target)?;
        } else {
            std::fs::copy(&path, &target).map_err(io(&path))?;
        }
    }
    Ok(())
}

fn run_quiet(command: &mut Command, what: &str) -> Result<(), String> {
    let output = command
        .env_remove("CARGO_TARGET_DIR")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| format!("{what}: {e}"))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{what} failed:\n{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}

fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned())
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> String + '_ {
    move |e| format!("{}: {e}", path.display())
}
