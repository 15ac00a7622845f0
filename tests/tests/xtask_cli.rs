//! The command line on a bad model: `cargo xtask codegen` exits non-zero,
//! says what is wrong, and leaves the output folder as it was.
//!
//! xtask runs through `cargo run` with a target folder of its own: the
//! outer `cargo test` holds the lock on the main one.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A scratch folder under the system temp folder, removed when dropped
/// (also when an assertion fails).
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> Scratch {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        let dir =
            std::env::temp_dir().join(format!("xtask-cli-test-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn xtask_codegen(model: &Path, out: &Path) -> Output {
    let root = tests::workspace_root();
    Command::new(env!("CARGO"))
        .current_dir(&root)
        .env("CARGO_TARGET_DIR", root.join("target/xtask-cli-test"))
        .args(["run", "--quiet", "-p", "xtask", "--", "codegen", "--model"])
        .arg(model)
        .arg("--out")
        .arg(out)
        .output()
        .expect("cargo runs")
}

/// Every file under `dir`, relative, with its contents.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(next) = pending.pop() {
        for entry in std::fs::read_dir(&next).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let relative = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                files.push((relative, std::fs::read(&path).unwrap()));
            }
        }
    }
    files.sort();
    files
}

const GOOD: &str = r#"{"smithy": "2.0", "shapes": {
    "ns#Svc": {"type": "service", "version": "1", "operations": [{"target": "ns#Ping"}],
        "traits": {"aws.protocols#awsJson1_1": {}}},
    "ns#Ping": {"type": "operation", "input": {"target": "ns#PingInput"}},
    "ns#PingInput": {"type": "structure", "members": {"name": {"target": "smithy.api#String"}}}
}}"#;

#[test]
fn a_bad_model_fails_and_leaves_the_output_alone() {
    let scratch = Scratch::new();
    let out = scratch.0.join("out");
    std::fs::create_dir_all(out.join("src")).unwrap();
    std::fs::write(out.join("MARKER.txt"), "written before the run\n").unwrap();
    std::fs::write(out.join("src/lib.rs"), "// an older crate\n").unwrap();
    let before = snapshot(&out);

    let bad = scratch.0.join("bad.json");
    std::fs::write(&bad, GOOD.replace("smithy.api#String", "ns#Nowhere")).unwrap();
    let run = xtask_codegen(&bad, &out);
    let stderr = String::from_utf8_lossy(&run.stderr);
    // Exit code 1 is xtask's failure; cargo failing to build it would be 101.
    assert_eq!(run.status.code(), Some(1), "stderr: {stderr}");
    for fragment in [
        "error:",
        "bad.json",
        "ns#PingInput$name",
        "ns#Nowhere, which does not exist",
    ] {
        assert!(
            stderr.contains(fragment),
            "`{fragment}` missing from stderr: {stderr}"
        );
    }
    assert_eq!(snapshot(&out), before, "the output folder changed");
    let leftovers: Vec<_> = std::fs::read_dir(&scratch.0)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".out"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "staging folders left behind: {leftovers:?}"
    );

    // The same command with a good model does write: the folder above was
    // left alone because of the error, not because nothing ever writes there.
    let good = scratch.0.join("good.json");
    std::fs::write(&good, GOOD).unwrap();
    let run = xtask_codegen(&good, &out);
    assert!(
        run.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(out.join("Cargo.toml").is_file());
    assert!(
        !out.join("MARKER.txt").exists(),
        "a successful run replaces the folder"
    );
}
