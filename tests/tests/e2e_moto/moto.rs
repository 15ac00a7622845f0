//! The emulator the end-to-end tests run against, set up once per test
//! process: moto (pinned, in `target/moto-venv`) on a free 127.0.0.1 port,
//! an IAM user whose access key signs every request, temporary credentials
//! of an assumed IAM role (for the tests of aws-config's providers), moto's
//! signature checking turned on, and Cognito user pools made by a setup program
//! built from a freshly generated crate.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use cognito_identity_provider::client::{HttpClient, HyperClient};
use tests::python::run;

pub const REGION: &str = "us-east-1";
pub const TEMPORARY_PASSWORD: &str = "Temporary-Passw0rd!";
pub const PERMANENT_PASSWORD: &str = "Permanent-Passw0rd!";

/// Temporary credentials, as STS's `AssumeRole` gives them.
pub struct TemporaryKey {
    pub access_key_id: String,
    pub secret_access_key: String,
    pub session_token: String,
    /// ISO 8601, as STS and the container endpoint write it.
    pub expiration: String,
}

/// What the tests get: where moto is, the key that signs, and what the
/// setup program made.
pub struct Moto {
    pub endpoint: String,
    pub access_key_id: String,
    pub secret_access_key: String,
    /// Temporary credentials from moto's STS, valid for its Cognito.
    pub temporary: TemporaryKey,
    /// The sign-in pool: alice and dave have permanent passwords, bob and
    /// carol temporary ones.
    pub pool_id: String,
    pub client_id: String,
    /// An app client of the sign-in pool with a secret, and the secret.
    /// Erin (permanent password) has SMS MFA; Frank and Grace temporary passwords.
    pub secret_client_id: String,
    pub client_secret: String,
    /// Users per page the setup program's paginator saw in the listing pool.
    pub page_sizes: Vec<usize>,
    /// Users its item paginator yielded, in order.
    pub listed: Vec<String>,
    /// Keeps the supervisor's standard input open: when the test process
    /// ends, the pipe closes and the supervisor stops moto.
    _supervisor: Child,
}

/// The emulator, started by the first test that asks; `None` (after
/// saying why) when a prerequisite is missing outside CI.
pub fn moto() -> Option<&'static Moto> {
    static MOTO: OnceLock<Result<Option<Moto>, String>> = OnceLock::new();
    match MOTO.get_or_init(start) {
        Ok(moto) => moto.as_ref(),
        Err(e) => panic!("the end-to-end setup failed: {e}"),
    }
}

fn start() -> Result<Option<Moto>, String> {
    let started = Instant::now();
    let Some(shared) = tests::shared_dir() else {
        return Ok(None);
    };
    let Some(venv) = tests::python::venv()? else {
        return Ok(None);
    };
    let installed = started.elapsed();
    let port = free_port()?;
    let endpoint = format!("http://127.0.0.1:{port}");
    let supervisor = start_supervisor(&venv, port)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    let ((access_key_id, secret_access_key), temporary) = runtime.block_on(async {
        wait_until_up(&endpoint).await?;
        let key = create_access_key(&endpoint).await?;
        let temporary = assume_role(&endpoint).await?;
        // From here on moto checks every request's signature.
        post(&endpoint, "/moto-api/reset-auth", &[], "0".into()).await?;
        Ok::<_, String>((key, temporary))
    })?;
    let up = started.elapsed();
    let setup = build_setup(&shared)?;
    let built = started.elapsed();
    let values = run_setup(&setup, &endpoint, &access_key_id, &secret_access_key)?;
    eprintln!(
        "end-to-end setup: moto installed in {:.1?}, up and signing in {:.1?}, setup crate built in {:.1?}, \
         pools made in {:.1?}",
        installed,
        up - installed,
        built - up,
        started.elapsed() - built
    );
    let value = |key: &str| {
        values
            .get(key)
            .cloned()
            .ok_or_else(|| format!("the setup program printed no `{key}`"))
    };
    let list = |key: &str| -> Result<Vec<String>, String> {
        Ok(value(key)?
            .split(',')
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect())
    };
    Ok(Some(Moto {
        endpoint,
        access_key_id,
        secret_access_key,
        temporary,
        pool_id: value("pool")?,
        client_id: value("client")?,
        secret_client_id: value("secret_client")?,
        client_secret: value("client_secret")?,
        page_sizes: list("page_sizes")?
            .iter()
            .map(|n| n.parse().map_err(|e| format!("page size `{n}`: {e}")))
            .collect::<Result<_, _>>()?,
        listed: list("listed")?,
        _supervisor: supervisor,
    }))
}

fn free_port() -> Result<u16, String> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    Ok(listener.local_addr().map_err(|e| e.to_string())?.port())
}

fn start_supervisor(venv: &Path, port: u16) -> Result<Child, String> {
    let root = tests::workspace_root();
    let log_path = root.join("target/moto.log");
    let log =
        std::fs::File::create(&log_path).map_err(|e| format!("{}: {e}", log_path.display()))?;
    let log_err = log.try_clone().map_err(|e| e.to_string())?;
    Command::new(venv.join("bin/python"))
        .arg(root.join("tests/e2e/run_moto.py"))
        .arg(port.to_string())
        .stdin(Stdio::piped())
        .stdout(log)
        .stderr(log_err)
        .spawn()
        .map_err(|e| format!("cannot start moto: {e}"))
}

async fn post(
    endpoint: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: String,
) -> Result<String, String> {
    let mut request = http::Request::builder()
        .method("POST")
        .uri(format!("{endpoint}{path}"));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let request = request.body(body.into_bytes()).map_err(|e| e.to_string())?;
    let response = HyperClient::new(Some(Duration::from_secs(5)))
        .send(request)
        .await
        .map_err(|e| format!("POST {path}: {e}"))?;
    let text = String::from_utf8_lossy(response.body()).into_owned();
    if !response.status().is_success() {
        return Err(format!("POST {path}: HTTP {}: {text}", response.status()));
    }
    Ok(text)
}

async fn wait_until_up(endpoint: &str) -> Result<(), String> {
    let deadline = Instant::now() + Duration::from_secs(60);
    let client = HyperClient::new(Some(Duration::from_secs(1)));
    loop {
        let request = http::Request::get(format!("{endpoint}/moto-api/"))
            .body(Vec::new())
            .map_err(|e| e.to_string())?;
        if client
            .send(request)
            .await
            .is_ok_and(|r| r.status().is_success())
        {
            return Ok(());
        }
        if Instant::now() > deadline {
            return Err(format!(
                "moto did not answer on {endpoint} within 60 s; see target/moto.log"
            ));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Creates an IAM user allowed everything and returns its access key.
/// IAM speaks the query protocol, which the generator does not emit, so
/// these few calls are written by hand. They are unsigned (moto does not
/// check yet); the `Authorization` header only tells moto which service
/// the request is for.
async fn create_access_key(endpoint: &str) -> Result<(String, String), String> {
    const ROUTE_TO_IAM: &str =
        "AWS4-HMAC-SHA256 Credential=setup/20260101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=0";
    let headers = [
        ("authorization", ROUTE_TO_IAM),
        ("content-type", "application/x-www-form-urlencoded"),
    ];
    let iam = |params: &[(&str, &str)]| {
        let body = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(params)
            .append_pair("Version", "2010-05-08")
            .finish();
        post(endpoint, "/", &headers, body)
    };
    iam(&[("Action", "CreateUser"), ("UserName", "e2e")]).await?;
    let policy =
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#;
    iam(&[
        ("Action", "PutUserPolicy"),
        ("UserName", "e2e"),
        ("PolicyName", "everything"),
        ("PolicyDocument", policy),
    ])
    .await?;
    let created = iam(&[("Action", "CreateAccessKey"), ("UserName", "e2e")]).await?;
    Ok((
        xml_text(&created, "AccessKeyId")?,
        xml_text(&created, "SecretAccessKey")?,
    ))
}

/// Makes a role allowed everything and assumes it through moto's STS, as a
/// task role or an IRSA role would be; moto accepts the temporary key it
/// hands out with its session token. Unsigned, like the IAM calls above.
async fn assume_role(endpoint: &str) -> Result<TemporaryKey, String> {
    let query = |service: &'static str, version: &'static str, params: &[(&str, &str)]| {
        let route = format!(
            "AWS4-HMAC-SHA256 Credential=setup/20260101/us-east-1/{service}/aws4_request, SignedHeaders=host, Signature=0"
        );
        let body = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(params)
            .append_pair("Version", version)
            .finish();
        async move {
            let headers = [
                ("authorization", route.as_str()),
                ("content-type", "application/x-www-form-urlencoded"),
            ];
            post(endpoint, "/", &headers, body).await
        }
    };
    let trust = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}"#;
    let role = query(
        "iam",
        "2010-05-08",
        &[
            ("Action", "CreateRole"),
            ("RoleName", "e2e-task"),
            ("AssumeRolePolicyDocument", trust),
        ],
    )
    .await?;
    let policy =
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#;
    query(
        "iam",
        "2010-05-08",
        &[
            ("Action", "PutRolePolicy"),
            ("RoleName", "e2e-task"),
            ("PolicyName", "everything"),
            ("PolicyDocument", policy),
        ],
    )
    .await?;
    let arn = xml_text(&role, "Arn")?;
    let assumed = query(
        "sts",
        "2011-06-15",
        &[
            ("Action", "AssumeRole"),
            ("RoleArn", &arn),
            ("RoleSessionName", "e2e"),
            ("DurationSeconds", "3600"),
        ],
    )
    .await?;
    Ok(TemporaryKey {
        access_key_id: xml_text(&assumed, "AccessKeyId")?,
        secret_access_key: xml_text(&assumed, "SecretAccessKey")?,
        session_token: xml_text(&assumed, "SessionToken")?,
        expiration: xml_text(&assumed, "Expiration")?,
    })
}

/// The text of the first `<tag>` element in `xml`.
fn xml_text(xml: &str, tag: &str) -> Result<String, String> {
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    let start = xml.find(&open).map(|i| i + open.len());
    let end = start.and_then(|s| xml[s..].find(&close).map(|e| s + e));
    match (start, end) {
        (Some(start), Some(end)) => Ok(xml[start..end].to_owned()),
        _ => Err(format!("no <{tag}> in IAM's answer: {xml}")),
    }
}

/// The operations the setup program and the public and SRP sign-in
/// programs call: exactly these are generated (the public sign-in pair
/// brings the `sign_in` customization with its public flow).
const SETUP_OPERATIONS: &[&str] = &[
    "AdminCreateUser",
    "AdminSetUserMFAPreference",
    "AdminSetUserPassword",
    "CreateUserPool",
    "CreateUserPoolClient",
    "InitiateAuth",
    "ListUsers",
    "RespondToAuthChallenge",
];

/// Generates `cognito-setup` from the upstream model, puts it with the
/// setup program in a scratch workspace, and builds the program.
fn build_setup(shared: &Path) -> Result<PathBuf, String> {
    let model_path = shared.join("models/cognito-identity-provider.json");
    let model = codegen::model::Model::load_all(&[model_path]).map_err(|e| e.to_string())?;
    let settings = codegen::Settings {
        package: Some("cognito-setup".into()),
        selection: codegen::select::Selection::Operations(
            SETUP_OPERATIONS.iter().map(|s| (*s).to_owned()).collect(),
        ),
        partitions: Some(
            codegen::rules::Partitions::load(&shared.join("endpoints/partitions.json"))
                .map_err(|e| e.to_string())?,
        ),
        ..codegen::Settings::default()
    };
    let krate = codegen::generate(&model, &settings).map_err(|e| e.to_string())?;
    let root = tests::workspace_root();
    // Not emptied first, unlike other scratch crates: files that did not
    // change keep their modification time, so reruns build nothing.
    let workspace = root.join("target/scratch/e2e");
    let crate_dir = workspace.join("cognito-setup");
    if crate_dir.exists() {
        std::fs::remove_dir_all(crate_dir.join("src")).map_err(|e| e.to_string())?;
    }
    let mut files: Vec<(PathBuf, String)> = krate
        .files
        .into_iter()
        .map(|(path, text)| (crate_dir.join(path), text))
        .collect();
    let setup_source =
        std::fs::read_to_string(root.join("tests/e2e/setup.rs")).map_err(|e| e.to_string())?;
    let public_source = std::fs::read_to_string(root.join("tests/e2e/public_sign_in.rs"))
        .map_err(|e| e.to_string())?;
    let srp_source = std::fs::read_to_string(root.join("tests/e2e/srp_sign_in.rs"))
        .map_err(|e| e.to_string())?;
    files.extend([
        (
            workspace.join("Cargo.toml"),
            "[workspace]\nresolver = \"2\"\nmembers = [\"cognito-setup\", \"setup\", \"public-sign-in\", \"srp-sign-in\"]\n"
                .to_owned(),
        ),
        (
            workspace.join("setup/Cargo.toml"),
            "[package]\nname = \"setup\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n\
             [dependencies]\ncognito-setup = { path = \"../cognito-setup\" }\n\
             tokio = { version = \"1\", features = [\"macros\", \"rt\"] }\n"
                .to_owned(),
        ),
        (workspace.join("setup/src/main.rs"), setup_source),
        (
            workspace.join("public-sign-in/Cargo.toml"),
            "[package]\nname = \"public-sign-in\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n\
             [dependencies]\ncognito-setup = { path = \"../cognito-setup\" }\n\
             tokio = { version = \"1\", features = [\"macros\", \"rt\"] }\n"
                .to_owned(),
        ),
        (workspace.join("public-sign-in/src/main.rs"), public_source),
        (
            workspace.join("srp-sign-in/Cargo.toml"),
            "[package]\nname = \"srp-sign-in\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n\
             [dependencies]\ncognito-setup = { path = \"../cognito-setup\", features = [\"srp\"] }\n\
             tokio = { version = \"1\", features = [\"macros\", \"rt\"] }\n"
                .to_owned(),
        ),
        (workspace.join("srp-sign-in/src/main.rs"), srp_source),
    ]);
    // The workspace's lock file, so the scratch build uses the versions
    // (and so the built dependencies) the workspace does.
    let lock = std::fs::read_to_string(root.join("Cargo.lock")).map_err(|e| e.to_string())?;
    files.push((workspace.join("Cargo.lock"), lock));
    for (path, text) in files {
        if std::fs::read_to_string(&path).is_ok_and(|old| old == text) {
            continue;
        }
        std::fs::create_dir_all(path.parent().expect("files live in folders"))
            .map_err(|e| e.to_string())?;
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    run(tests::scratch_cargo(&workspace).args([
        "build",
        "--quiet",
        "--package",
        "setup",
        "--package",
        "public-sign-in",
        "--package",
        "srp-sign-in",
    ]))?;
    Ok(scratch_program("setup"))
}

/// A program of the scratch workspace, built by the setup.
pub fn scratch_program(name: &str) -> PathBuf {
    tests::workspace_root()
        .join("target/scratch-target/debug")
        .join(name)
}

/// Runs the setup program with the key and reads its `key=value` lines.
fn run_setup(
    program: &Path,
    endpoint: &str,
    key_id: &str,
    secret: &str,
) -> Result<BTreeMap<String, String>, String> {
    let output = Command::new(program)
        .args([endpoint, TEMPORARY_PASSWORD, PERMANENT_PASSWORD])
        .env("AWS_REGION", REGION)
        .env("AWS_ACCESS_KEY_ID", key_id)
        .env("AWS_SECRET_ACCESS_KEY", secret)
        .env_remove("AWS_SESSION_TOKEN")
        .output()
        .map_err(|e| format!("{}: {e}", program.display()))?;
    if !output.status.success() {
        return Err(format!(
            "the setup program failed ({}):\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    Ok(stdout
        .lines()
        .filter_map(|line| line.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect())
}

/// Runs the public sign-in program (`tests/e2e/public_sign_in.rs`, built
/// with the setup program) with `args` after the endpoint, and reads its
/// `key=value` lines.
pub fn public_sign_in(moto: &Moto, args: &[&str]) -> BTreeMap<String, String> {
    let program = scratch_program("public-sign-in");
    let output = Command::new(&program)
        .arg(&moto.endpoint)
        .args(args)
        .env("AWS_REGION", REGION)
        .env_remove("AWS_ACCESS_KEY_ID")
        .env_remove("AWS_SECRET_ACCESS_KEY")
        .env_remove("AWS_SESSION_TOKEN")
        .output()
        .unwrap_or_else(|e| panic!("{}: {e}", program.display()));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "{}:\n{stdout}{stderr}",
        program.display()
    );
    stdout
        .lines()
        .filter_map(|line| line.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}
