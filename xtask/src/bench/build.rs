//! `cargo xtask bench build`: what it costs to build this project's crates
//! against the official SDK, measured in one run.
//!
//! Each subject is a scratch workspace under `target/bench/build/` holding a
//! program that signs a user in (see `programs.rs`) and, for ours, the
//! crate. Everything is fetched first (downloads are not timed), then for
//! each measure the subjects are built in pairs: every subject once per
//! pair, in alternating order (forward, then reversed), each build in a
//! fresh target folder. The figures go to a results file (merged: a run of
//! a subset replaces only what it measured), and the charts are drawn
//! from that file.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use super::measure::{load_average, run_measured};
use super::results::{Entry, Figure, Results, Sample, Timings};
use super::{cargo, copy_dir, io, programs, release_xtask, run_quiet, shared_model};
use crate::workspace_root;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum SubjectId {
    /// The crate in `generated/` (AdminInitiateAuth, AdminRespondToAuthChallenge).
    Committed,
    /// The whole Cognito user pools service, generated fresh.
    WholeService,
    /// The official `aws-sdk-cognitoidentityprovider`, latest 1.x, alone.
    Official,
    /// The official SDK with `aws-config` (release build and binary only).
    OfficialConfig,
}

impl SubjectId {
    pub fn key(self) -> &'static str {
        match self {
            SubjectId::Committed => "committed",
            SubjectId::WholeService => "whole-service",
            SubjectId::Official => "official",
            SubjectId::OfficialConfig => "official-config",
        }
    }

    /// The library whose clean build and check are measured.
    fn package(self) -> &'static str {
        match self {
            SubjectId::Committed | SubjectId::WholeService => "cognito-identity-provider",
            SubjectId::Official | SubjectId::OfficialConfig => "aws-sdk-cognitoidentityprovider",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Measure {
    /// Clean `cargo build` (debug) of the library, with `--timings`.
    Debug,
    /// Clean `cargo check` of the library.
    Check,
    /// Clean `cargo build --release` of the sign-in program; its stripped size.
    Release,
}

impl Measure {
    pub fn key(self) -> &'static str {
        match self {
            Measure::Debug => "debug",
            Measure::Check => "check",
            Measure::Release => "release",
        }
    }

    /// aws-config only changes the program, so it is measured for the binary only.
    fn applies_to(self, subject: SubjectId) -> bool {
        subject != SubjectId::OfficialConfig || self == Measure::Release
    }
}

#[derive(clap::Args)]
pub struct Args {
    /// Pairs per measure: every subject is built this many times, the
    /// order reversed every pair.
    #[arg(long, default_value_t = 2)]
    pub runs: usize,
    /// Pairs for the release measure (longest builds); defaults to --runs.
    #[arg(long)]
    pub release_runs: Option<usize>,
    /// Which crates to build (comma-separated).
    #[arg(
        long,
        value_enum,
        value_delimiter = ',',
        default_value = "committed,whole-service,official,official-config"
    )]
    pub subjects: Vec<SubjectId>,
    /// Which builds to measure (comma-separated).
    #[arg(
        long,
        value_enum,
        value_delimiter = ',',
        default_value = "debug,check,release"
    )]
    pub measures: Vec<Measure>,
    /// The results file, read and updated (relative paths: from the workspace root).
    #[arg(long, default_value = "benchmarks/results.json")]
    pub results: PathBuf,
    /// The scratch folder for the workspaces (emptied first; relative
    /// paths: from the workspace root). Two runs at once need two folders.
    #[arg(long, default_value = "target/bench/build")]
    pub work_dir: PathBuf,
    /// Where the charts go; defaults to the results file's folder.
    #[arg(long)]
    pub charts: Option<PathBuf>,
    /// Skip counting lines and dependencies (and the per-operation lines).
    #[arg(long)]
    pub no_lines: bool,
    /// Add this run's builds to those the results file holds for the same
    /// subject and measure, instead of replacing them (more pairs in
    /// several sittings; pairs are matched within a run).
    #[arg(long)]
    pub append: bool,
}

pub fn run(args: Args) -> Result<ExitCode, String> {
    let root = workspace_root();
    let results_path = root.join(&args.results);
    let mut results = Results::load(&results_path)?;
    let bench_dir = root.join(&args.work_dir);
    let _ = std::fs::remove_dir_all(&bench_dir);

    let mut subjects = args.subjects.clone();
    subjects.dedup();
    let xtask = release_xtask()?;
    for &subject in &subjects {
        prepare(subject, &bench_dir.join(subject.key()), &xtask)?;
    }
    // Downloads are not build time: resolve and fetch everything first.
    for &subject in &subjects {
        let dir = bench_dir.join(subject.key());
        run_quiet(
            Command::new(cargo()).current_dir(&dir).arg("fetch"),
            "cargo fetch",
        )?;
        for name in ["aws-sdk-cognitoidentityprovider", "aws-config"] {
            if let Some(version) = resolved_version(&dir, name)? {
                results.versions.insert(name.to_owned(), version);
            }
        }
    }
    if !args.no_lines {
        lines_and_dependencies(&subjects, &bench_dir, &xtask)?;
    }

    let run_id = now_utc();
    println!(
        "run {run_id}: {} pairs ({} for release), each build clean in its own target folder",
        args.runs,
        args.release_runs.unwrap_or(args.runs)
    );
    for &measure in &args.measures {
        let pairs = if measure == Measure::Release {
            args.release_runs.unwrap_or(args.runs)
        } else {
            args.runs
        };
        let order: Vec<SubjectId> = subjects
            .iter()
            .copied()
            .filter(|s| measure.applies_to(*s))
            .collect();
        let mut entries: Vec<Entry> = order
            .iter()
            .map(|s| Entry {
                subject: s.key().to_owned(),
                measure: measure.key().to_owned(),
                run: run_id.clone(),
                samples: match results.entry(s.key(), measure.key()) {
                    Some(old) if args.append => old.samples.clone(),
                    _ => Vec::new(),
                },
            })
            .collect();
        for pair in 0..pairs.max(1) {
            let mut indices: Vec<usize> = (0..order.len()).collect();
            if pair % 2 == 1 {
                indices.reverse();
            }
            for i in indices {
                let subject = order[i];
                let dir = bench_dir.join(subject.key());
                let mut sample = build_once(subject, measure, &dir, pair)?;
                sample.run = run_id.clone();
                println!(
                    "  {} {} pair {}: {:.1} s wall, {:.1} s CPU, largest process {:.0} MiB{} (load {:.1})",
                    measure.key(),
                    subject.key(),
                    pair + 1,
                    sample.wall_s,
                    sample.cpu_s,
                    sample.peak_mib,
                    sample
                        .binary_bytes
                        .map(|b| format!(", binary {:.2} MB", b as f64 / 1e6))
                        .unwrap_or_default(),
                    sample.load,
                );
                if measure == Measure::Debug {
                    if let Some(timings) = read_timings(&dir, subject, &run_id)? {
                        results.put_timings(timings);
                    }
                }
                let _ = std::fs::remove_dir_all(dir.join("target"));
                entries[i].samples.push(sample);
                results.put(entries[i].clone());
                // Saved after every build: an interrupted run keeps what it measured.
                results.save(&results_path)?;
            }
        }
    }
    print_summary(&results);
    let chart_dir = match &args.charts {
        Some(dir) => root.join(dir),
        None => results_path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| root.clone()),
    };
    for path in super::charts::draw(&results, &chart_dir)? {
        println!("chart: {}", path.display());
    }
    println!("results: {}", results_path.display());
    Ok(ExitCode::SUCCESS)
}

/// Writes the subject's scratch workspace.
fn prepare(subject: SubjectId, dir: &Path, xtask: &Path) -> Result<(), String> {
    let root = workspace_root();
    let ours = matches!(subject, SubjectId::Committed | SubjectId::WholeService);
    match subject {
        SubjectId::Committed => copy_dir(
            &root.join("generated"),
            &dir.join("cognito-identity-provider"),
        )?,
        SubjectId::WholeService => {
            let cognito = shared_model("cognito-identity-provider.json")?;
            run_quiet(
                Command::new(xtask)
                    .arg("codegen")
                    .arg("--model")
                    .arg(&cognito)
                    .arg("--service")
                    .arg("--out")
                    .arg(dir.join("cognito-identity-provider")),
                "xtask codegen --service",
            )?;
        }
        SubjectId::Official | SubjectId::OfficialConfig => {}
    }
    let (manifest, main) = match subject {
        SubjectId::Committed | SubjectId::WholeService => {
            (programs::OURS_MANIFEST, programs::OURS_MAIN)
        }
        SubjectId::Official => (programs::OFFICIAL_MANIFEST, programs::OFFICIAL_MAIN),
        SubjectId::OfficialConfig => (
            programs::OFFICIAL_CONFIG_MANIFEST,
            programs::OFFICIAL_CONFIG_MAIN,
        ),
    };
    let program = dir.join("sign-in");
    std::fs::create_dir_all(program.join("src")).map_err(io(&program))?;
    std::fs::write(program.join("Cargo.toml"), manifest).map_err(io(&program))?;
    std::fs::write(program.join("src/main.rs"), main).map_err(io(&program))?;
    let members = if ours {
        r#"["sign-in", "cognito-identity-provider"]"#
    } else {
        r#"["sign-in"]"#
    };
    // The release profile is cargo's default but for `strip`: the size a
    // user ships is the stripped one.
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[workspace]\nresolver = \"2\"\nmembers = {members}\n\n[profile.release]\nstrip = true\n"
        ),
    )
    .map_err(io(dir))
}

/// One clean build of `subject` for `measure`.
fn build_once(
    subject: SubjectId,
    measure: Measure,
    dir: &Path,
    pair: usize,
) -> Result<Sample, String> {
    let _ = std::fs::remove_dir_all(dir.join("target"));
    let mut command = Command::new(cargo());
    command.current_dir(dir);
    // Cargo's defaults, whatever the caller's environment says (this
    // project's developers build with CARGO_PROFILE_DEV_DEBUG=0).
    for (key, _) in std::env::vars_os() {
        let key = key.to_string_lossy().into_owned();
        if key.starts_with("CARGO_PROFILE_")
            || key.starts_with("CARGO_BUILD_")
            || matches!(
                key.as_str(),
                "CARGO_TARGET_DIR" | "CARGO_INCREMENTAL" | "RUSTFLAGS" | "RUSTC_WRAPPER"
            )
        {
            command.env_remove(key);
        }
    }
    match measure {
        Measure::Debug => {
            command.args(["build", "--offline", "--timings", "-p", subject.package()])
        }
        Measure::Check => command.args(["check", "--offline", "-p", subject.package()]),
        Measure::Release => command.args(["build", "--offline", "--release", "-p", "sign-in"]),
    };
    let load = load_average().unwrap_or(f64::NAN);
    let log = dir.join(format!("{}-{}.log", measure.key(), pair + 1));
    let measured = run_measured(
        &mut command,
        &format!("{} of {}", measure.key(), subject.key()),
        &log,
    )?;
    let binary_bytes = if measure == Measure::Release {
        let binary = dir.join("target/release/sign-in");
        Some(std::fs::metadata(&binary).map_err(io(&binary))?.len())
    } else {
        None
    };
    Ok(Sample {
        run: String::new(),
        pair,
        wall_s: measured.wall.as_secs_f64(),
        cpu_s: measured.cpu.as_secs_f64(),
        peak_mib: measured.peak_kib as f64 / 1024.0,
        binary_bytes,
        load,
    })
}

/// The most expensive units of the `--timings` report of the build just done.
fn read_timings(dir: &Path, subject: SubjectId, run: &str) -> Result<Option<Timings>, String> {
    let report = dir.join("target/cargo-timings/cargo-timing.html");
    let Ok(html) = std::fs::read_to_string(&report) else {
        return Ok(None);
    };
    let units = parse_unit_data(&html).map_err(|e| format!("{}: {e}", report.display()))?;
    let total_s = units.iter().map(|(_, d)| d).sum();
    let mut top = units.clone();
    top.sort_by(|a, b| b.1.total_cmp(&a.1));
    top.truncate(12);
    Ok(Some(Timings {
        subject: subject.key().to_owned(),
        run: run.to_owned(),
        units: units.len(),
        total_s,
        top,
    }))
}

/// Units and their durations from cargo's timing report, which embeds them
/// as a JSON array `const UNIT_DATA = [...];`.
pub fn parse_unit_data(html: &str) -> Result<Vec<(String, f64)>, String> {
    let start = html
        .find("UNIT_DATA = ")
        .ok_or("no UNIT_DATA in the timing report")?
        + "UNIT_DATA = ".len();
    let rest = &html[start..];
    let end = rest
        .find("\n];")
        .map(|i| i + 2)
        .ok_or("UNIT_DATA is not closed")?;
    let units: Vec<serde_json::Value> =
        serde_json::from_str(&rest[..end]).map_err(|e| format!("UNIT_DATA: {e}"))?;
    units
        .iter()
        .map(|u| {
            let name = u["name"].as_str().ok_or("a unit without a name")?;
            // Two versions of one crate (syn 2 and 3) are two units.
            let name = match u["version"].as_str() {
                Some(version) => format!("{name} {version}"),
                None => name.to_owned(),
            };
            let target = u["target"].as_str().unwrap_or_default().trim();
            let duration = u["duration"].as_f64().ok_or("a unit without a duration")?;
            let label = if target.is_empty() {
                name
            } else {
                format!("{name} ({target})")
            };
            Ok((label, duration))
        })
        .collect()
}

fn resolved_version(workspace: &Path, package: &str) -> Result<Option<String>, String> {
    let output = Command::new(cargo())
        .current_dir(workspace)
        .args(["metadata", "--format-version", "1", "--offline"])
        .output()
        .map_err(|e| e.to_string())?;
    let metadata: serde_json::Value =
        serde_json::from_slice(&output.stdout).map_err(|e| format!("cargo metadata: {e}"))?;
    Ok(metadata["packages"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|p| p["name"] == package)
        .and_then(|p| p["version"].as_str())
        .map(str::to_owned))
}

fn lines_and_dependencies(
    subjects: &[SubjectId],
    bench_dir: &Path,
    xtask: &Path,
) -> Result<(), String> {
    println!("own lines of Rust (src/**/*.rs) and dependencies (distinct packages of `cargo tree -e normal,build`):");
    for &subject in subjects {
        if subject == SubjectId::OfficialConfig {
            continue;
        }
        let dir = bench_dir.join(subject.key());
        let source = super::package_dir(&dir, subject.package())?;
        let lines = super::rust_lines(&source.join("src"))?;
        let dependencies = super::dependency_count(&dir, subject.package())?;
        println!(
            "  {}: {} lines in {} files; {} dependencies ({})",
            subject.key(),
            lines.lines,
            lines.files,
            dependencies,
            super::version_of(&source),
        );
    }
    if subjects.contains(&SubjectId::Official) {
        let dir = bench_dir.join(SubjectId::Official.key());
        super::per_operation(xtask, &dir, "aws-sdk-cognitoidentityprovider")?;
    }
    Ok(())
}

fn print_summary(results: &Results) {
    println!("summary (medians; ratio to the official SDK alone, median of per-pair ratios when paired):");
    for measure in ["debug", "check", "release"] {
        for subject in ["committed", "whole-service", "official", "official-config"] {
            let Some(entry) = results.entry(subject, measure) else {
                continue;
            };
            let mut parts = Vec::new();
            let figures: &[(Figure, &str)] = if measure == "release" {
                &[
                    (Figure::Wall, "wall"),
                    (Figure::Cpu, "CPU"),
                    (Figure::Peak, "largest process"),
                    (Figure::Binary, "binary"),
                ]
            } else {
                &[
                    (Figure::Wall, "wall"),
                    (Figure::Cpu, "CPU"),
                    (Figure::Peak, "largest process"),
                ]
            };
            for &(figure, name) in figures {
                let Some(value) = results.median(subject, measure, figure) else {
                    continue;
                };
                let shown = match figure {
                    Figure::Wall | Figure::Cpu => format!("{value:.1} s"),
                    Figure::Peak => format!("{value:.0} MiB"),
                    Figure::Binary => format!("{:.2} MB", value / 1e6),
                };
                let ratio = match results.ratio(subject, "official", measure, figure) {
                    Some((r, paired)) if subject != "official" => {
                        format!(" ({r:.2}{})", if paired { "" } else { ", not paired" })
                    }
                    _ => String::new(),
                };
                parts.push(format!("{name} {shown}{ratio}"));
            }
            println!(
                "  {measure} {subject} ({} runs, {}): {}",
                entry.samples.len(),
                entry.run,
                parts.join(", ")
            );
        }
    }
    for timings in &results.timings {
        println!(
            "  --timings of {} ({} units, {:.1} s summed): {}",
            timings.subject,
            timings.units,
            timings.total_s,
            timings
                .top
                .iter()
                .take(10)
                .map(|(name, s)| format!("{name} {s:.1}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
}

/// The current time in UTC, `YYYY-MM-DDTHH:MM:SSZ`.
pub fn now_utc() -> String {
    Command::new("date")
        .args(["-u", "+%Y-%m-%dT%H:%M:%SZ"])
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "unknown".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_data_of_a_timing_report() {
        let html = "<script>\nconst UNIT_DATA = [\n  {\n    \"i\": 0,\n    \"name\": \"ring\",\n    \"version\": \"0.17.14\",\n    \"target\": \" build script (run)\",\n    \"duration\": 4.5\n  },\n  {\n    \"name\": \"tokio\",\n    \"target\": \"\",\n    \"duration\": 7.25\n  }\n];\nconst CONCURRENCY_DATA = [];\n";
        let units = parse_unit_data(html).unwrap();
        assert_eq!(
            units,
            vec![
                ("ring 0.17.14 (build script (run))".to_owned(), 4.5),
                ("tokio".to_owned(), 7.25)
            ]
        );
        assert!(parse_unit_data("<html></html>").is_err());
    }
}
