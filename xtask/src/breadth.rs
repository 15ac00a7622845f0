//! `cargo xtask breadth`: every model in `../shared/models/` and
//! `../shared/models/awsjson/` generated as a whole service into one scratch
//! workspace (`target/breadth/`, one target folder), then
//! `cargo clippy --all-targets -D warnings`, `cargo doc` with
//! `RUSTDOCFLAGS=-D warnings` and the crates' endpoint rule tests: clippy
//! and the tests run once over the whole workspace, rustdoc in batches (see
//! [`DOC_BATCH`]), all with `--keep-going` / `--no-fail-fast` so one crate's
//! failure does not hide another's. Prints one row per service; a crate
//! passes only if its `endpoint::tests` ran exactly the model's endpoint
//! test cases, all passing. On two cores a run from scratch takes about
//! half an hour.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

use codegen::model::Model;
use codegen::rules::Partitions;
use codegen::Settings;

use crate::{workspace_root, write};

#[derive(clap::Args)]
pub struct Args {
    /// Generate only (no cargo runs): the table's build column stays empty.
    #[arg(long)]
    generate_only: bool,
}

/// A cargo run over the workspace: its name, arguments, an environment
/// variable it needs, and whether it runs over the crates in batches of
/// [`DOC_BATCH`] (with `-p` for each) instead of once with `--workspace`.
type Stage<'a> = (&'a str, Vec<&'a str>, Option<(&'a str, &'a str)>, bool);

/// Crates per `cargo doc` run. rustdoc merges each crate's search index and
/// trait and type implementors into shared files of the doc folder, which
/// every later crate's rustdoc reads and writes again. Over 143 crates in
/// one run those files grew to 775 MB, a 10,000-line crate's rustdoc took
/// 5.6 GB, and the stage was four times as long as clippy. Documenting a
/// batch at a time and emptying the doc folder between batches bounds the
/// merge; only the warnings matter here, not the pages.
const DOC_BATCH: usize = 12;

/// One service's row.
struct Row {
    model: String,
    package: String,
    shapes: usize,
    operations: usize,
    files: usize,
    lines: usize,
    /// The model's endpoint test cases.
    endpoint_cases: usize,
    /// How many of them passed, once the endpoint test stage has run.
    endpoint_passed: Option<usize>,
    /// `None` once generated; the failing stage otherwise.
    failure: Option<String>,
}

pub fn run(args: Args) -> Result<ExitCode, String> {
    let root = workspace_root();
    let shared = root.join("../shared");
    let mut models = json_files(&shared.join("models"))?;
    models.extend(json_files(&shared.join("models/awsjson"))?);
    let partitions =
        Partitions::load(&shared.join("endpoints/partitions.json")).map_err(|e| e.to_string())?;
    let dir = root.join("target/breadth");
    // The folder is kept between runs: a crate whose files come out the
    // same is not rewritten, so cargo reuses what it built for it last time
    // and a rerun after a generator fix rebuilds only what the fix changed.
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let started = Instant::now();
    let mut rows = Vec::new();
    for path in &models {
        rows.push(generate(path, &partitions, &dir));
    }
    let generated: Vec<String> = rows
        .iter()
        .filter(|r| r.failure.is_none())
        .map(|r| r.package.clone())
        .collect();
    let members: Vec<String> = generated.iter().map(|m| format!("\"{m}\"")).collect();
    remove_stale_crates(&dir, &generated)?;
    // No debug info and no incremental caches: with them, 143 crates take
    // tens of gigabytes (the caches of the first 40 crates alone were
    // 6.7 GB) and build slower, and no crate here is edited and rebuilt.
    let manifest = format!(
        "[workspace]\nresolver = \"2\"\nmembers = [{}]\n\n[profile.dev]\ndebug = false\nincremental = false\n",
        members.join(", ")
    );
    write_if_changed(&dir.join("Cargo.toml"), &manifest)?;
    println!(
        "generated {} of {} in {:.0} s",
        generated.len(),
        rows.len(),
        started.elapsed().as_secs_f64()
    );
    if !args.generate_only {
        let target = root.join("target/breadth-target");
        let stages: [Stage; 3] = [
            (
                "clippy",
                vec![
                    "clippy",
                    "--keep-going",
                    "--workspace",
                    "--all-targets",
                    "--",
                    "-D",
                    "warnings",
                ],
                None,
                false,
            ),
            (
                "rustdoc",
                vec!["doc", "--keep-going", "--no-deps"],
                Some(("RUSTDOCFLAGS", "-D warnings")),
                true,
            ),
            (
                "endpoint tests",
                vec![
                    "test",
                    "--workspace",
                    "--lib",
                    "--no-fail-fast",
                    "--",
                    "endpoint::tests::",
                    "--skip",
                    "client::endpoint::",
                ],
                None,
                false,
            ),
        ];
        for (stage, cargo_args, env, batched) in stages {
            let t = Instant::now();
            // Written as cargo goes, not at the end: a run stopped midway
            // still tells which crates passed or failed so far.
            let log = dir.join(format!("{}.log", stage.replace(' ', "-")));
            let out = dir.join(format!("{}.out", stage.replace(' ', "-")));
            for path in [&log, &out] {
                std::fs::write(path, "").map_err(|e| format!("{}: {e}", path.display()))?;
            }
            let batches: Vec<&[String]> = if batched {
                generated.chunks(DOC_BATCH).collect()
            } else {
                vec![&[]]
            };
            let docs = target.join("doc");
            let empty_docs = || match std::fs::remove_dir_all(&docs) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    Err(format!("{}: {e}", docs.display()))
                }
                _ => Ok(()),
            };
            for batch in batches {
                if batched {
                    empty_docs()?;
                }
                let mut command = Command::new(std::env::var("CARGO").unwrap_or("cargo".into()));
                command
                    .current_dir(&dir)
                    .env("CARGO_TARGET_DIR", &target)
                    .args(&cargo_args);
                for package in batch {
                    command.args(["-p", package]);
                }
                if let Some((k, v)) = env {
                    command.env(k, v);
                }
                command.stderr(append(&log)?).stdout(append(&out)?);
                command
                    .status()
                    .map_err(|e| format!("cargo {stage}: {e}"))?;
            }
            if batched {
                empty_docs()?;
            }
            let read = |path: &Path| std::fs::read_to_string(path).unwrap_or_default();
            let (stderr, stdout) = (read(&log), read(&out));
            let failed = failed_packages(&stderr);
            let endpoint_results =
                (stage == "endpoint tests").then(|| ::tests::results_by_crate(&stdout, &stderr));
            for row in rows.iter_mut().filter(|r| r.failure.is_none()) {
                let library = row.package.replace('-', "_");
                if failed.contains(&library) || failed.contains(&row.package) {
                    row.failure = Some(stage.to_owned());
                } else if let Some(results) = &endpoint_results {
                    row.failure = endpoint_failure(row, results.get(&library).copied());
                }
            }
            println!("{stage}: {:.0} s", t.elapsed().as_secs_f64());
        }
    }
    println!("\n| service | shapes | operations | files | lines | endpoint cases | result |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: | --- |");
    for r in &rows {
        let result = match &r.failure {
            None if args.generate_only => "generated".to_owned(),
            None => "ok".to_owned(),
            Some(why) => format!("FAILED: {why}"),
        };
        let cases = match r.endpoint_passed {
            Some(passed) => format!("{passed} of {}", r.endpoint_cases),
            None => r.endpoint_cases.to_string(),
        };
        println!(
            "| {} | {} | {} | {} | {} | {cases} | {result} |",
            r.model, r.shapes, r.operations, r.files, r.lines
        );
    }
    let ok = rows.iter().filter(|r| r.failure.is_none()).count();
    println!(
        "\n{ok}/{} pass; {:.0} s in all; crates and logs in {}",
        rows.len(),
        started.elapsed().as_secs_f64(),
        dir.display()
    );
    Ok(if ok == rows.len() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn generate(path: &Path, partitions: &Partitions, dir: &Path) -> Row {
    let model_name = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut row = Row {
        model: model_name.clone(),
        package: model_name.clone(),
        shapes: 0,
        operations: 0,
        files: 0,
        lines: 0,
        endpoint_cases: 0,
        endpoint_passed: None,
        failure: None,
    };
    let settings = Settings {
        // The file name, so two services with one SDK id cannot collide.
        package: Some(model_name),
        partitions: Some(partitions.clone()),
        ..Settings::default()
    };
    let krate = Model::load(path)
        .map_err(|e| e.to_string())
        .and_then(|model| {
            row.endpoint_cases = ::tests::endpoint_cases(&model);
            // A panic is a generator bug: reported in the row, not fatal to the run.
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                codegen::generate(&model, &settings)
            }))
            .map_err(|_| "the generator panicked".to_owned())?
            .map_err(|e| e.to_string())
        });
    match krate {
        Ok(krate) => {
            row.shapes = krate.shape_count;
            row.operations = krate.operation_count;
            row.files = krate.files.len();
            row.lines = krate
                .files
                .iter()
                .filter(|(p, _)| p.ends_with(".rs"))
                .map(|(_, text)| text.lines().count())
                .sum();
            for left_out in &krate.left_out {
                eprintln!(
                    "warning: {}: {} is not generated: {}: {}",
                    row.model,
                    left_out.operation,
                    left_out.member,
                    left_out.reason()
                );
            }
            let out = dir.join(&krate.package);
            let unchanged = write::differences(&out, &krate.files).is_ok_and(|d| d.is_empty());
            if !unchanged {
                if let Err(e) = write::replace_dir(&out, &krate.files) {
                    row.failure = Some(format!("write: {e}"));
                }
            }
        }
        Err(e) => {
            eprintln!("{}: {e}", row.model);
            row.failure = Some("generate".to_owned());
        }
    }
    row
}

fn append(path: &Path) -> Result<std::fs::File, String> {
    std::fs::OpenOptions::new()
        .append(true)
        .open(path)
        .map_err(|e| format!("{}: {e}", path.display()))
}

/// Packages cargo names in "could not compile `x`" / "could not document
/// `x`" lines.
fn failed_packages(stderr: &str) -> BTreeSet<String> {
    let mut failed = BTreeSet::new();
    for line in stderr.lines() {
        for marker in ["could not compile `", "could not document `"] {
            if let Some(rest) = line.split(marker).nth(1) {
                if let Some(name) = rest.split('`').next() {
                    failed.insert(name.to_owned());
                }
            }
        }
    }
    failed
}

/// Records how many endpoint cases passed, and fails the row unless its
/// crate ran every case of the model and none failed: a crate that emitted
/// fewer cases than the model holds must not pass by running fewer.
fn endpoint_failure(row: &mut Row, results: Option<(usize, usize, usize)>) -> Option<String> {
    let Some((passed, failed, ignored)) = results else {
        return Some("endpoint tests: no results".to_owned());
    };
    row.endpoint_passed = Some(passed);
    if failed > 0 || ignored > 0 || passed != row.endpoint_cases {
        return Some(format!(
            "endpoint tests: {passed} passed, {failed} failed, {ignored} ignored of {}",
            row.endpoint_cases
        ));
    }
    None
}

/// Drops crate folders of an earlier run that this run did not generate
/// (a model removed, or refused now), so the workspace holds only this
/// run's crates.
fn remove_stale_crates(dir: &Path, generated: &[String]) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.join("Cargo.toml").is_file() && !generated.contains(&name) {
            std::fs::remove_dir_all(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    Ok(())
}

fn write_if_changed(path: &Path, text: &str) -> Result<(), String> {
    if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
        return Ok(());
    }
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

fn json_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: cannot list models: {e}", dir.display()))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(endpoint_cases: usize) -> Row {
        Row {
            model: "m".into(),
            package: "m".into(),
            shapes: 0,
            operations: 0,
            files: 0,
            lines: 0,
            endpoint_cases,
            endpoint_passed: None,
            failure: None,
        }
    }

    #[test]
    fn a_crate_passes_only_with_every_endpoint_case_run_and_passing() {
        let mut all = row(9);
        assert_eq!(endpoint_failure(&mut all, Some((9, 0, 0))), None);
        assert_eq!(all.endpoint_passed, Some(9));

        let mut fewer = row(9);
        let why = endpoint_failure(&mut fewer, Some((8, 0, 0))).expect("fails");
        assert!(why.contains("8 passed") && why.contains("of 9"), "{why}");

        let mut failing = row(9);
        assert!(endpoint_failure(&mut failing, Some((8, 1, 0))).is_some());
        let mut ignored = row(9);
        assert!(endpoint_failure(&mut ignored, Some((9, 0, 1))).is_some());
        let mut missing = row(9);
        assert_eq!(
            endpoint_failure(&mut missing, None).as_deref(),
            Some("endpoint tests: no results")
        );
    }

    #[test]
    fn compile_and_doc_failures_name_the_package() {
        let stderr = "error: could not compile `acm-pca` (lib) due to 1 previous error\n\
                      error: could not document `shield`\n\
                      warning: unused import\n";
        let failed = failed_packages(stderr);
        assert_eq!(
            failed.into_iter().collect::<Vec<_>>(),
            ["acm-pca".to_owned(), "shield".to_owned()]
        );
    }
}
