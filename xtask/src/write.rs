//! Writing a generated crate so that a failure never leaves a half-written
//! folder: everything goes to a sibling temporary folder first, which then
//! takes the old folder's place with two renames. A file whose text is
//! unchanged is hard-linked from the old folder rather than written again,
//! so it keeps its modification time: cargo does not rebuild a crate that a
//! regeneration left as it was, and an unchanged file costs a read, not a write.

use std::collections::{BTreeMap, BTreeSet};
use std::io;
use std::path::{Path, PathBuf};

/// Replaces `out` with exactly `files` (paths relative to `out`).
pub fn replace_dir(out: &Path, files: &BTreeMap<String, String>) -> io::Result<()> {
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)?;
    let name = out
        .file_name()
        .ok_or_else(|| {
            io::Error::new(io::ErrorKind::InvalidInput, "the output folder has no name")
        })?
        .to_string_lossy()
        .into_owned();
    let staging = parent.join(format!(".{name}.new-{}", std::process::id()));
    let retired = parent.join(format!(".{name}.old-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&staging);
    if let Err(e) = write_all(&staging, out, files) {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(e);
    }
    // Build output (`target/` in a standalone crate) is not ours to drop.
    if out.join("target").is_dir() {
        std::fs::rename(out.join("target"), staging.join("target"))?;
    }
    if out.exists() {
        std::fs::rename(out, &retired)?;
    }
    if let Err(e) = std::fs::rename(&staging, out) {
        // Put the old crate back so the failure changes nothing.
        if retired.exists() {
            let _ = std::fs::rename(&retired, out);
        }
        return Err(e);
    }
    let _ = std::fs::remove_dir_all(&retired);
    Ok(())
}

/// Writes `files` under `dir`, linking those that `old` already holds with
/// the same text.
fn write_all(dir: &Path, old: &Path, files: &BTreeMap<String, String>) -> io::Result<()> {
    for (relative, text) in files {
        let path = dir.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let previous = old.join(relative);
        // Any failure to link (another file system, no link support) falls
        // back to writing: linking is an economy, never a requirement.
        let unchanged = std::fs::symlink_metadata(&previous).is_ok_and(|m| m.is_file())
            && std::fs::read(&previous).is_ok_and(|bytes| bytes == text.as_bytes());
        if !(unchanged && std::fs::hard_link(&previous, &path).is_ok()) {
            std::fs::write(&path, text)?;
        }
    }
    Ok(())
}

/// Every file that differs, is missing from `out`, or is in `out` but not
/// generated. `target/` is ignored.
pub fn differences(out: &Path, files: &BTreeMap<String, String>) -> io::Result<Vec<String>> {
    let mut found = Vec::new();
    let on_disk: BTreeSet<String> = if out.is_dir() {
        list(out, out)?.into_iter().collect()
    } else {
        BTreeSet::new()
    };
    for (relative, text) in files {
        match std::fs::read_to_string(out.join(relative)) {
            Ok(existing) if existing == *text => {}
            Ok(_) => found.push(format!("differs: {relative}")),
            Err(_) => found.push(format!("missing: {relative}")),
        }
    }
    for relative in on_disk {
        if !files.contains_key(&relative) {
            found.push(format!("extra:   {relative}"));
        }
    }
    Ok(found)
}

fn list(root: &Path, dir: &Path) -> io::Result<Vec<String>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path: PathBuf = entry.path();
        // The entry's own type, not its target's: a symbolic link to a
        // folder is listed as a file, so a link loop cannot recurse forever.
        if entry.file_type()?.is_dir() {
            if path.file_name().is_some_and(|n| n == "target") && dir == root {
                continue;
            }
            out.extend(list(root, &path)?);
        } else {
            let relative = path.strip_prefix(root).unwrap_or(&path);
            out.push(relative.to_string_lossy().replace('\\', "/"));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unchanged_file_keeps_its_modification_time_and_a_changed_one_is_rewritten() {
        let root = std::env::temp_dir().join(format!("xtask-write-keep-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let out = root.join("crate");
        let first = BTreeMap::from([
            ("src/lib.rs".to_owned(), "pub mod a;\n".to_owned()),
            ("src/a.rs".to_owned(), "pub fn a() {}\n".to_owned()),
            ("src/gone.rs".to_owned(), String::new()),
        ]);
        replace_dir(&out, &first).unwrap();
        let old_time = |p: &str| std::fs::metadata(out.join(p)).unwrap().modified().unwrap();
        let (lib_before, a_before) = (old_time("src/lib.rs"), old_time("src/a.rs"));
        std::thread::sleep(std::time::Duration::from_millis(20));
        let second = BTreeMap::from([
            ("src/lib.rs".to_owned(), "pub mod a;\n".to_owned()),
            ("src/a.rs".to_owned(), "pub fn a() -> u8 { 1 }\n".to_owned()),
        ]);
        replace_dir(&out, &second).unwrap();
        assert_eq!(
            old_time("src/lib.rs"),
            lib_before,
            "unchanged: linked, not written"
        );
        assert_ne!(old_time("src/a.rs"), a_before, "changed: written");
        assert_eq!(differences(&out, &second).unwrap(), Vec::<String>::new());
        // Only the crate's folder is left: no staging or retired copies.
        let names: Vec<_> = std::fs::read_dir(&root)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        std::fs::remove_dir_all(&root).unwrap();
        assert_eq!(names, ["crate"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_loop_in_the_output_is_listed_not_followed() {
        let out = std::env::temp_dir().join(format!("xtask-write-loop-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&out);
        std::fs::create_dir_all(out.join("src")).unwrap();
        std::fs::write(out.join("src/lib.rs"), "").unwrap();
        std::os::unix::fs::symlink(&out, out.join("src/again")).unwrap();
        let files = BTreeMap::from([("src/lib.rs".to_owned(), String::new())]);
        let found = differences(&out, &files).unwrap();
        std::fs::remove_dir_all(&out).unwrap();
        assert_eq!(found, ["extra:   src/again"]);
    }
}
