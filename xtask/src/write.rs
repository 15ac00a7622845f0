//! Writing a generated crate so that a failure never leaves a half-written
//! folder: everything goes to a sibling temporary folder first, which then
//! takes the old folder's place with two renames.

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
    if let Err(e) = write_all(&staging, files) {
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

fn write_all(dir: &Path, files: &BTreeMap<String, String>) -> io::Result<()> {
    for (relative, text) in files {
        let path = dir.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, text)?;
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
