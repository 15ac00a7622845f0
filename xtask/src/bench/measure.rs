//! Running one build and measuring its whole process tree.
//!
//! `/usr/bin/time` on cargo reports cargo's own resident set, not the
//! compiler's. The kernel keeps, for every process, the largest resident set
//! of the descendants it has waited for, and `wait4` returns it with the
//! child's CPU time: cargo waits for each rustc, rustc for the linker, so
//! `wait4` on cargo gives the CPU time of the whole build and the peak of
//! its largest process.

use std::fs::File;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// What one finished command cost.
#[derive(Clone, Copy, Debug)]
pub struct Measured {
    pub wall: Duration,
    /// User plus system CPU time of the process and every descendant.
    pub cpu: Duration,
    /// The largest resident set of any single process in the tree, in KiB.
    pub peak_kib: u64,
}

/// Runs `command` with its output in `log`, and measures it. Fails with the
/// log's tail when the command fails.
pub fn run_measured(command: &mut Command, what: &str, log: &Path) -> Result<Measured, String> {
    let out = File::create(log).map_err(|e| format!("{}: {e}", log.display()))?;
    let err = out
        .try_clone()
        .map_err(|e| format!("{}: {e}", log.display()))?;
    command.stdout(out).stderr(err);
    let started = Instant::now();
    let child = command.spawn().map_err(|e| format!("{what}: {e}"))?;
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: rusage is plain data that wait4 fills in; zero is a valid value.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: `pid` is our own child, not yet waited for (std's `Child`
        // waits only when asked to); the pointers are to live locals.
        let done = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        if done == pid {
            break;
        }
        let error = std::io::Error::last_os_error();
        if error.kind() != std::io::ErrorKind::Interrupted {
            return Err(format!("{what}: wait4: {error}"));
        }
    }
    let wall = started.elapsed();
    if !(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0) {
        let text = std::fs::read_to_string(log).unwrap_or_default();
        let tail: Vec<&str> = text.lines().rev().take(30).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        return Err(format!(
            "{what} failed (log: {}):\n{}",
            log.display(),
            tail.join("\n")
        ));
    }
    let time = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    Ok(Measured {
        wall,
        cpu: time(usage.ru_utime) + time(usage.ru_stime),
        // Linux reports ru_maxrss in KiB.
        peak_kib: usage.ru_maxrss as u64,
    })
}

/// The 1-minute load average (`/proc/loadavg`), to record beside each build.
pub fn load_average() -> Option<f64> {
    let text = std::fs::read_to_string("/proc/loadavg").ok()?;
    text.split_whitespace().next()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn peak_memory_is_the_largest_descendant_not_the_shell() {
        // A shell whose child (python) holds 200 MiB: the shell itself stays
        // small, so only a descendant-aware measure sees the 200 MiB.
        let dir = std::env::temp_dir().join(format!("xtask-measure-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let log = dir.join("log");
        let python = "b = bytearray(200 * 1024 * 1024); b[::4096] = b'x' * len(b[::4096])";
        let measured = run_measured(
            Command::new("sh").args(["-c", &format!("python3 -c \"{python}\"; true")]),
            "python",
            &log,
        );
        let _ = std::fs::remove_dir_all(&dir);
        let Ok(measured) = measured else {
            eprintln!("skipping: python3 is not available");
            return;
        };
        assert!(
            measured.peak_kib > 200 * 1024,
            "peak {} KiB should include the 200 MiB child",
            measured.peak_kib
        );
        assert!(measured.cpu <= measured.wall * 2 + Duration::from_millis(50));
    }

    #[test]
    fn a_failing_command_reports_its_output() {
        let dir = std::env::temp_dir().join(format!("xtask-measure-fail-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let log = dir.join("log");
        let result = run_measured(
            Command::new("sh").args(["-c", "echo the-reason; exit 3"]),
            "failing",
            &log,
        );
        let _ = std::fs::remove_dir_all(&dir);
        let message = result.unwrap_err();
        assert!(message.contains("the-reason"), "{message}");
    }
}
