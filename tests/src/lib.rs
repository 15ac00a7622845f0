//! Helpers shared by the integration tests in `tests/`.

pub mod mutate;

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
