//! insta snapshots of every file the generator emits for each fixture model
//! in `tests/fixtures/`, one per file, under `snapshots/<crate>/`, named
//! after the file's path (`src/types/auth_flow_type.rs` is
//! `src__types__auth_flow_type.rs.snap`).
//!
//! The crate made from `model/` is checked once, by the drift test
//! (`drift.rs`: `generated/` must be what the generator makes, byte for
//! byte), not here: its committed files are its snapshot. For the same
//! reason a fixture's files that are identical to the committed crate's
//! (the runtime sources) are left to the drift test.
//!
//! After an intended change: `cargo insta review` (or `cargo insta accept`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use codegen::model::Model;
use codegen::Settings;

/// (snapshot folder, fixture file, package)
const FIXTURES: &[(&str, &str, &str)] = &[
    ("tricky_names", "tricky_names.json", "tricky-names"),
    ("shape_kinds", "shape_kinds.json", "shape-kinds"),
    ("constraints", "constraints.json", "constraints"),
    ("breadth_classes", "breadth_classes.json", "breadth-classes"),
];

fn settings(package: &str) -> Settings {
    Settings {
        package: Some(package.to_owned()),
        ..Settings::default()
    }
}

fn snapshot_dir(folder: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(folder)
}

/// The snapshot name of a crate file: its path with `/` as `__`.
fn snapshot_name(path: &str) -> String {
    path.replace('/', "__")
}

/// Snapshots `files` into `folder`, and fails on snapshots there that no
/// file matches any more (a file the generator stopped emitting).
fn check(folder: &str, files: &BTreeMap<String, String>) {
    let dir = snapshot_dir(folder);
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(&dir);
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    let names: BTreeSet<String> = files.keys().map(|path| snapshot_name(path)).collect();
    settings.bind(|| {
        for (path, text) in files {
            insta::assert_snapshot!(snapshot_name(path), text);
        }
    });
    let stale: Vec<String> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter_map(|file| file.strip_suffix(".snap").map(str::to_owned))
        .filter(|name| !names.contains(name))
        .collect();
    assert!(
        stale.is_empty(),
        "snapshots of files no longer emitted, delete them: {stale:?}"
    );
}

#[test]
fn every_file_emitted_for_the_fixtures() {
    // Files a fixture shares with the committed crate are the drift test's.
    let Some(committed) = tests::project_crate().map(|krate| krate.files) else {
        return;
    };
    for (folder, file, package) in FIXTURES {
        let path = tests::workspace_root().join("tests/fixtures").join(file);
        let model = Model::load(&path).unwrap_or_else(|e| panic!("{e}"));
        let mut files = codegen::generate(&model, &settings(package))
            .unwrap_or_else(|e| panic!("{file}: {e}"))
            .files;
        files.retain(|path, text| committed.get(path) != Some(text));
        check(folder, &files);
    }
}
