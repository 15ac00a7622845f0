//! `generated/` must be exactly what the generator makes from `model/`.
//! When this fails, run `cargo xtask codegen` and commit the result.
//!
//! This is the one check of the crate made from `model/`: the committed
//! files are its snapshot (the insta snapshots in `snapshots.rs` cover the
//! fixture models only). `cargo xtask codegen --check` runs the same
//! comparison from the command line and lists the files that differ.

use std::collections::BTreeSet;

#[test]
fn generated_crate_matches_the_model() {
    let root = tests::workspace_root();
    let Some(krate) = tests::project_crate() else {
        return;
    };
    let generated = root.join("generated");
    let mut stale = Vec::new();
    for (path, text) in &krate.files {
        match std::fs::read_to_string(generated.join(path)) {
            Ok(on_disk) if on_disk == *text => {}
            Ok(_) => stale.push(format!("differs: {path}")),
            Err(_) => stale.push(format!("missing: {path}")),
        }
    }
    let expected: BTreeSet<&String> = krate.files.keys().collect();
    for entry in walk(&generated) {
        let relative = entry
            .strip_prefix(&generated)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if !expected.contains(&relative) {
            stale.push(format!("extra: {relative}"));
        }
    }
    assert!(
        stale.is_empty(),
        "generated/ is stale; run `cargo xtask codegen`:\n{}",
        stale.join("\n")
    );
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n == "target") {
                continue;
            }
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}
