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
    if is_ci() {
        panic!("{} is missing, and CI=true requires it", dir.display());
    }
    eprintln!("skipping: {} is missing (the upstream models live there)", dir.display());
    None
}

/// A file under `../shared`, or `None` when the folder is missing (see [`shared_dir`]).
pub fn shared_file(relative: &str) -> Option<PathBuf> {
    shared_dir().map(|dir| dir.join(relative))
}

/// Whether this is CI (`CI=true`), where a missing prerequisite fails a
/// test instead of skipping it.
pub fn is_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

/// Where tests put scratch crates they generate and build. They share one
/// `CARGO_TARGET_DIR`, [`scratch_target_dir`], so dependencies are built once.
pub fn scratch_dir() -> PathBuf {
    workspace_root().join("target/scratch")
}

/// The `CARGO_TARGET_DIR` of scratch builds: the outer `cargo test` holds
/// the lock on the workspace's own.
pub fn scratch_target_dir() -> PathBuf {
    scratch_dir().join("target")
}
