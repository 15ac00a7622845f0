//! Helpers shared by the integration tests in `tests/`.

pub mod mutate;
pub mod python;

use std::path::{Path, PathBuf};

/// The workspace root (the folder holding `codegen/`, `generated/`, ...).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ lives inside the workspace")
        .to_path_buf()
}

/// `../shared` beside the workspace, or `None` (after saying why) when it is
/// missing. Under `CI=true` a missing folder fails the test instead: CI
/// always has it, so its absence there is a broken setup, not a reason to skip.
pub fn shared_dir() -> Option<PathBuf> {
    let dir = workspace_root().join("../shared");
    if dir.join("models").is_dir() {
        return Some(dir);
    }
    if is_ci() {
        panic!("{} is missing, and CI=true requires it", dir.display());
    }
    eprintln!(
        "skipping: {} is missing (the upstream models live there)",
        dir.display()
    );
    None
}

/// A file under `../shared`, or `None` when the folder is missing (see [`shared_dir`]).
pub fn shared_file(relative: &str) -> Option<PathBuf> {
    shared_dir().map(|dir| dir.join(relative))
}

/// The `.json` files directly in `dir`, sorted: a model folder's files.
pub fn json_files(dir: &Path) -> Vec<PathBuf> {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.expect("a readable folder entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

/// The project's own model: every file in `model/`, loaded together.
pub fn project_model() -> codegen::model::Model {
    let files = json_files(&workspace_root().join("model"));
    codegen::model::Model::load_all(&files).unwrap_or_else(|e| panic!("{e}"))
}

/// The crate `cargo xtask codegen` makes from `model/` (what `generated/`
/// holds), or `None` (after saying why) when the partition table its
/// endpoint rules need is not in `../shared`.
pub fn project_crate() -> Option<codegen::GeneratedCrate> {
    let partitions = shared_file("endpoints/partitions.json")?;
    let settings = codegen::Settings {
        package: Some("cognito-identity-provider".into()),
        partitions: Some(
            codegen::rules::Partitions::load(&partitions).unwrap_or_else(|e| panic!("{e}")),
        ),
        ..codegen::Settings::default()
    };
    Some(codegen::generate(&project_model(), &settings).unwrap_or_else(|e| panic!("{e}")))
}

/// A scratch folder under the workspace's `target/`, emptied first.
pub fn scratch_dir(name: &str) -> PathBuf {
    let dir = workspace_root().join("target/scratch").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("the scratch folder can be created");
    dir
}

/// Writes a generated crate's files under `dir`.
pub fn write_crate(dir: &Path, files: &std::collections::BTreeMap<String, String>) {
    for (relative, text) in files {
        let path = dir.join(relative);
        std::fs::create_dir_all(path.parent().expect("files live in folders")).unwrap();
        std::fs::write(&path, text).unwrap();
    }
}

/// Writes a `[workspace]` manifest listing `members`, so the scratch crates
/// build together, apart from this workspace.
pub fn write_scratch_workspace(dir: &Path, members: &[&str]) {
    let members: Vec<String> = members.iter().map(|m| format!("\"{m}\"")).collect();
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[workspace]\nresolver = \"2\"\nmembers = [{}]\n",
            members.join(", ")
        ),
    )
    .unwrap();
}

/// `cargo` with a target folder of its own for scratch crates: the outer
/// `cargo test` holds the lock on the workspace's main one. Shared by every
/// scratch build, so dependencies compile once.
pub fn scratch_cargo(dir: &Path) -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO"));
    command
        .current_dir(dir)
        .env(
            "CARGO_TARGET_DIR",
            workspace_root().join("target/scratch-target"),
        )
        .env_remove("RUSTFLAGS");
    command
}

/// Whether this is CI (`CI=true`), where a missing prerequisite fails a
/// test instead of skipping it.
pub fn is_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

/// How many endpoint rule test cases (`smithy.rules#endpointTests`) the
/// model's services carry: what a generated crate's `endpoint::tests` must run.
pub fn endpoint_cases(model: &codegen::model::Model) -> usize {
    model
        .services()
        .filter_map(|(shape, _)| shape.traits.get("smithy.rules#endpointTests"))
        .filter_map(|tests| tests.get("testCases").and_then(serde_json::Value::as_array))
        .map(Vec::len)
        .sum()
}

/// `(passed, failed, ignored)` per crate of a scratch `cargo test` run, by
/// library name, from cargo's "Running" lines (stderr) and libtest's "test
/// result" lines (stdout), which come in the same order.
pub fn results_by_crate(
    stdout: &str,
    stderr: &str,
) -> std::collections::BTreeMap<String, (usize, usize, usize)> {
    let crates: Vec<String> = stderr
        .lines()
        .filter_map(|l| l.trim().strip_prefix("Running unittests src/lib.rs ("))
        .filter_map(|l| l.rsplit('/').next())
        .map(|file| file.split('-').next().unwrap_or(file).to_owned())
        .collect();
    let results: Vec<(usize, usize, usize)> = stdout
        .lines()
        .filter_map(|l| l.strip_prefix("test result: "))
        .map(|l| (count(l, "passed"), count(l, "failed"), count(l, "ignored")))
        .collect();
    crates.into_iter().zip(results).collect()
}

fn count(line: &str, what: &str) -> usize {
    line.split(';')
        .find_map(|part| {
            part.trim()
                .trim_start_matches("ok. ")
                .trim_start_matches("FAILED. ")
                .strip_suffix(what)
        })
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0)
}
