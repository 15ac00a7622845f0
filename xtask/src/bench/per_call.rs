//! `cargo xtask bench per-call`: the cost of one `admin_initiate_auth`
//! through this project's client and through the official SDK's, over
//! in-memory HTTP clients with the same response (`per_call_program.rs`).
//! The program lives in a scratch workspace under `target/bench/per-call`
//! with its own target folder, so the official SDK is never part of this
//! workspace's build or tests.

use std::path::PathBuf;
use std::process::{Command, ExitCode};

use super::build::now_utc;
use super::per_call_program::{MAIN, MANIFEST};
use super::results::{PerCall, Results};
use super::{cargo, copy_dir, io, run_quiet};
use crate::workspace_root;

#[derive(clap::Args)]
pub struct Args {
    /// Rounds; each runs both clients, the order alternating.
    #[arg(long, default_value_t = 21)]
    pub rounds: usize,
    /// Calls per client per round.
    #[arg(long, default_value_t = 2000)]
    pub calls: usize,
    /// The results file, read and updated (relative paths: from the workspace root).
    #[arg(long, default_value = "benchmarks/results.json")]
    pub results: PathBuf,
}

pub fn run(args: Args) -> Result<ExitCode, String> {
    let root = workspace_root();
    let dir = root.join("target/bench/per-call");
    let crate_dir = dir.join("cognito-identity-provider");
    let _ = std::fs::remove_dir_all(&crate_dir);
    copy_dir(&root.join("generated"), &crate_dir)?;
    let program = dir.join("per-call");
    std::fs::create_dir_all(program.join("src")).map_err(io(&program))?;
    std::fs::write(program.join("Cargo.toml"), MANIFEST).map_err(io(&program))?;
    std::fs::write(program.join("src/main.rs"), MAIN).map_err(io(&program))?;
    std::fs::write(
        dir.join("Cargo.toml"),
        "[workspace]\nresolver = \"2\"\nmembers = [\"per-call\", \"cognito-identity-provider\"]\n",
    )
    .map_err(io(&dir))?;
    println!("building the per-call program (release; not timed)");
    run_quiet(
        Command::new(cargo())
            .current_dir(&dir)
            .args(["build", "--release", "-p", "per-call"]),
        "cargo build --release -p per-call",
    )?;
    let version = super::package_dir(&dir, "aws-sdk-cognitoidentityprovider")
        .map(|d| super::version_of(&d))?;
    let run = now_utc();
    println!(
        "{} alternating rounds of {} calls per client (official SDK {version})",
        args.rounds, args.calls
    );
    let binary = dir.join("target/release/per-call");
    let output = Command::new(&binary)
        .args([args.rounds.to_string(), args.calls.to_string()])
        .output()
        .map_err(|e| format!("{}: {e}", binary.display()))?;
    if !output.status.success() {
        return Err(format!(
            "per-call failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    let line = stdout
        .lines()
        .find_map(|l| l.strip_prefix("result "))
        .ok_or("per-call printed no result line")?;
    let figures: serde_json::Value =
        serde_json::from_str(line).map_err(|e| format!("per-call result: {e}"))?;
    let number = |key: &str| {
        figures[key]
            .as_f64()
            .ok_or_else(|| format!("per-call result: no {key}"))
    };
    let per_call = PerCall {
        run,
        rounds: args.rounds,
        calls_per_round: args.calls,
        ours_calls_per_s: number("ours_calls_per_s")?,
        official_calls_per_s: number("official_calls_per_s")?,
        time_ratio: number("time_ratio")?,
        ours_allocs_per_call: number("ours_allocs_per_call")?,
        official_allocs_per_call: number("official_allocs_per_call")?,
        ours_bytes_per_call: number("ours_bytes_per_call")?,
        official_bytes_per_call: number("official_bytes_per_call")?,
        official_version: version.trim_start_matches("version ").to_owned(),
    };
    println!(
        "  this crate: {:.0} calls/s, {:.1} allocations ({:.0} bytes) per call",
        per_call.ours_calls_per_s, per_call.ours_allocs_per_call, per_call.ours_bytes_per_call
    );
    println!(
        "  official SDK: {:.0} calls/s, {:.1} allocations ({:.0} bytes) per call",
        per_call.official_calls_per_s,
        per_call.official_allocs_per_call,
        per_call.official_bytes_per_call
    );
    println!(
        "  time per call, ours / official (median of per-round ratios): {:.2}; allocations: {:.2}",
        per_call.time_ratio,
        per_call.ours_allocs_per_call / per_call.official_allocs_per_call
    );
    let results_path = root.join(&args.results);
    let mut results = Results::load(&results_path)?;
    results.per_call = Some(per_call);
    results.save(&results_path)?;
    if let Some(charts) = results_path.parent() {
        for path in super::charts::draw(&results, charts)? {
            println!("chart: {}", path.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}
