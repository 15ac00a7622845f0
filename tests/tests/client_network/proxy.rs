//! proxy.py (PyPI, pinned in `tests/e2e/proxy-requirements.txt`), a real
//! HTTP proxy with CONNECT tunnelling and basic authentication, installed
//! into `target/proxy-venv` and started by each test that needs one on a
//! free 127.0.0.1 port. Its access log says which tunnels it opened.

use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

/// A running proxy, stopped (with its worker processes) when dropped.
pub struct Proxy {
    pub port: u16,
    log: PathBuf,
    child: Child,
}

impl Proxy {
    /// Starts a proxy; with `basic_auth` (`user:password`) it demands
    /// those credentials. `None` (after saying why) when Python is missing
    /// outside CI.
    pub fn start(name: &str, basic_auth: Option<&str>) -> Option<Proxy> {
        let venv = venv()?;
        let dir = tests::workspace_root().join("target/client-network");
        std::fs::create_dir_all(&dir).unwrap();
        let port_file = dir.join(format!("{name}.port"));
        let log = dir.join(format!("{name}.log"));
        let _ = std::fs::remove_file(&port_file);
        let _ = std::fs::remove_file(&log);
        let mut command = Command::new(venv.join("bin/proxy"));
        command
            .args([
                "--hostname",
                "127.0.0.1",
                "--port",
                "0",
                "--num-workers",
                "1",
            ])
            .args(["--log-level", "INFO", "--log-file"])
            .arg(&log)
            .arg("--port-file")
            .arg(&port_file)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            // Its own process group, so dropping the proxy stops its workers too.
            .process_group(0);
        if let Some(auth) = basic_auth {
            command.args(["--basic-auth", auth]);
        }
        let mut child = command.spawn().expect("proxy.py starts");
        let deadline = Instant::now() + Duration::from_secs(30);
        let port = loop {
            if let Some(port) = std::fs::read_to_string(&port_file)
                .ok()
                .and_then(|text| text.trim().parse().ok())
            {
                break port;
            }
            if let Ok(Some(status)) = child.try_wait() {
                panic!("proxy.py exited ({status}); see {}", log.display());
            }
            assert!(
                Instant::now() < deadline,
                "proxy.py did not start within 30 s"
            );
            std::thread::sleep(Duration::from_millis(50));
        };
        // The port file is written before the socket accepts; wait for it.
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "proxy.py does not accept connections"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Some(Proxy { port, log, child })
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The proxy's access log lines so far (`... - CONNECT host:port - ...`).
    /// proxy.py writes a line when the connection closes.
    pub fn access_log(&self) -> Vec<String> {
        std::fs::read_to_string(&self.log)
            .unwrap_or_default()
            .lines()
            .filter(|line| line.contains("access_log"))
            .map(str::to_owned)
            .collect()
    }

    /// Whether the proxy opened a tunnel to `host_port`, waiting (without
    /// blocking the runtime, which must close the client's connection) for
    /// the line to be written.
    pub async fn tunnelled_to(&self, host_port: &str) -> bool {
        let deadline = Instant::now() + Duration::from_secs(10);
        let needle = format!("CONNECT {host_port} ");
        loop {
            if self.access_log().iter().any(|line| line.contains(&needle)) {
                return true;
            }
            if Instant::now() > deadline {
                return false;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The access log once connections had time to close.
    pub async fn settled_access_log(&self) -> Vec<String> {
        tokio::time::sleep(Duration::from_millis(500)).await;
        self.access_log()
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill").args(["-TERM", "--", &group]).status();
        let _ = self.child.wait();
    }
}

/// `target/proxy-venv` with exactly the pinned packages, made once.
fn venv() -> Option<PathBuf> {
    static VENV: OnceLock<Mutex<Option<PathBuf>>> = OnceLock::new();
    VENV.get_or_init(|| Mutex::new(make_venv()))
        .lock()
        .unwrap()
        .clone()
}

fn make_venv() -> Option<PathBuf> {
    let root = tests::workspace_root();
    let requirements = root.join("tests/e2e/proxy-requirements.txt");
    let wanted = std::fs::read_to_string(&requirements).unwrap();
    let venv = root.join("target/proxy-venv");
    let marker = venv.join("installed-requirements.txt");
    if std::fs::read_to_string(&marker).is_ok_and(|installed| installed == wanted) {
        return Some(venv);
    }
    let has_python = Command::new("python3")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_python {
        assert!(
            !tests::is_ci(),
            "python3 is missing, and CI=true requires the proxy tests"
        );
        eprintln!("skipping: python3 is missing (the proxy tests run proxy.py, a Python program)");
        return None;
    }
    if venv.exists() {
        std::fs::remove_dir_all(&venv).unwrap();
    }
    let status = Command::new("python3")
        .args(["-m", "venv"])
        .arg(&venv)
        .status()
        .unwrap();
    assert!(status.success(), "python3 -m venv failed");
    let output = Command::new(venv.join("bin/pip"))
        .args([
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--no-input",
            "-r",
        ])
        .arg(&requirements)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "pip install proxy.py failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    std::fs::write(&marker, wanted).unwrap();
    Some(venv)
}
