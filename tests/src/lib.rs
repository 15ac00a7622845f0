//! Helpers shared by the integration tests in `tests/`.

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
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{} is missing, and CI=true requires it", dir.display());
    }
    eprintln!("skipping: {} is missing (the upstream models live there)", dir.display());
    None
}

/// A file under `../shared`, or `None` when the folder is missing (see [`shared_dir`]).
pub fn shared_file(relative: &str) -> Option<PathBuf> {
    shared_dir().map(|dir| dir.join(relative))
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
        format!("[workspace]\nresolver = \"2\"\nmembers = [{}]\n", members.join(", ")),
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
        .env("CARGO_TARGET_DIR", workspace_root().join("target/scratch-target"))
        .env_remove("RUSTFLAGS");
    command
}
