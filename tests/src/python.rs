//! The Python virtual environment the tests run real third-party programs
//! from: moto (the Cognito emulator) and pycognito (an independent SRP and
//! SECRET_HASH implementation), every package pinned in
//! `tests/e2e/requirements.txt`.

use std::path::PathBuf;
use std::process::Command;
use std::sync::{Mutex, OnceLock};

/// `target/moto-venv` with exactly the pinned packages, made if missing or
/// out of date; `None` (after saying why) outside CI when there is no
/// Python to make it with. Under `CI=true` a missing Python is an error.
pub fn venv() -> Result<Option<PathBuf>, String> {
    // Tests of one process share the folder: one of them makes it.
    static MAKING: OnceLock<Mutex<()>> = OnceLock::new();
    let _guard = MAKING
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let root = crate::workspace_root();
    let requirements = root.join("tests/e2e/requirements.txt");
    let wanted = std::fs::read_to_string(&requirements)
        .map_err(|e| format!("{}: {e}", requirements.display()))?;
    let venv = root.join("target/moto-venv");
    let marker = venv.join("installed-requirements.txt");
    if std::fs::read_to_string(&marker).is_ok_and(|installed| installed == wanted) {
        return Ok(Some(venv));
    }
    let has_python = Command::new("python3")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_python {
        if crate::is_ci() {
            return Err("python3 is missing, and CI=true requires the tests that run it".into());
        }
        eprintln!("skipping: python3 is missing (moto and pycognito are Python programs)");
        return Ok(None);
    }
    eprintln!(
        "installing the pinned Python packages into {} ...",
        venv.display()
    );
    if venv.exists() {
        std::fs::remove_dir_all(&venv).map_err(|e| format!("{}: {e}", venv.display()))?;
    }
    run(Command::new("python3").args(["-m", "venv"]).arg(&venv))?;
    run(Command::new(venv.join("bin/pip"))
        .args([
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--no-input",
            "-r",
        ])
        .arg(&requirements))?;
    std::fs::write(&marker, wanted).map_err(|e| format!("{}: {e}", marker.display()))?;
    Ok(Some(venv))
}

/// Runs `command`, and on failure returns its status and output.
pub fn run(command: &mut Command) -> Result<(), String> {
    let output = command.output().map_err(|e| format!("{command:?}: {e}"))?;
    if output.status.success() {
        return Ok(());
    }
    Err(format!(
        "{command:?} failed ({}):\n{}{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    ))
}
