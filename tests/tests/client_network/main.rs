//! The default transport against real parts on loopback: an HTTPS server
//! whose certificate a CA made by the test signed (refused without that CA,
//! accepted with it from `Config` or `AWS_CA_BUNDLE`), and proxy.py, a real
//! CONNECT proxy from PyPI (tunnels, `NO_PROXY`, basic authentication, a
//! refused tunnel). Tests that set environment variables run in a child
//! process of their own, since the environment is shared by the whole
//! test process.

mod proxy;
mod tls_server;

use std::process::Command;
use std::time::Duration;

use cognito_identity_provider::client::{
    Client, Config, ConfigBuilder, Credentials, ProxyConfig, RetryConfig, SdkError, TrustRoots,
};
use cognito_identity_provider::operation::admin_initiate_auth::{
    AdminInitiateAuthError, AdminInitiateAuthOutput,
};
use cognito_identity_provider::types::AuthFlowType;

use proxy::Proxy;
use tls_server::{TestCa, TlsServer};

/// A configuration for `endpoint`, one attempt, no proxy unless the test adds one.
fn config(endpoint: &str) -> ConfigBuilder {
    Config::builder()
        .region("us-east-1")
        .endpoint_url(endpoint)
        .credentials(Credentials::from_keys("AKIDTEST", "test-secret", None))
        .retry(RetryConfig::standard().with_max_attempts(1))
        .connect_timeout(Some(Duration::from_secs(5)))
        .proxy(ProxyConfig::disabled())
}

async fn sign_in(
    config: Config,
) -> Result<AdminInitiateAuthOutput, SdkError<AdminInitiateAuthError>> {
    Client::new(config)
        .admin_initiate_auth()
        .user_pool_id("us-east-1_test")
        .client_id("client")
        .auth_flow(AuthFlowType::AdminUserPasswordAuth)
        .auth_parameters("USERNAME", "alice")
        .auth_parameters("PASSWORD", "user-password")
        .send()
        .await
}

/// The error and every source below it, as one line.
fn full_text(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(s) = source {
        text.push_str(" / ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

fn assert_signed_in(result: Result<AdminInitiateAuthOutput, SdkError<AdminInitiateAuthError>>) {
    let output = result.unwrap_or_else(|e| panic!("the call failed: {}", full_text(&e)));
    let tokens = output.authentication_result.expect("tokens");
    assert_eq!(tokens.token_type.as_deref(), Some("Bearer"));
}

#[tokio::test]
async fn a_server_signed_by_an_unknown_ca_is_refused() {
    let ca = TestCa::new("unknown-ca");
    let server = TlsServer::start(&ca).await;
    let error = sign_in(config(&server.url).build()).await.unwrap_err();
    assert!(matches!(error, SdkError::Dispatch(_)), "{error:?}");
    let text = full_text(&error);
    assert!(text.contains("UnknownIssuer"), "{text}");
    assert_eq!(server.answered(), 0);
}

#[tokio::test]
async fn a_ca_bundle_from_the_config_is_trusted() {
    let ca = TestCa::new("config-ca");
    let server = TlsServer::start(&ca).await;
    assert_signed_in(sign_in(config(&server.url).ca_bundle(&ca.pem_file).build()).await);
    assert_eq!(server.answered(), 1);
}

#[tokio::test]
async fn a_bad_ca_bundle_is_a_construction_error_naming_the_file() {
    let dir = tests::workspace_root().join("target/client-network");
    std::fs::create_dir_all(&dir).unwrap();
    let cases = [
        (
            "truncated.pem",
            "-----BEGIN CERTIFICATE-----\nMIIB\n",
            "not valid PEM",
        ),
        (
            "no-certificate.pem",
            "just some text\n",
            "no `BEGIN CERTIFICATE`",
        ),
        (
            "not-a-certificate.pem",
            "-----BEGIN CERTIFICATE-----\naGVsbG8gd29ybGQ=\n-----END CERTIFICATE-----\n",
            "not a usable CA certificate",
        ),
    ];
    for (name, text, expected) in cases {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        // Never reached: the transport cannot be made.
        let error = sign_in(config("https://127.0.0.1:9").ca_bundle(&path).build())
            .await
            .unwrap_err();
        assert!(
            matches!(error, SdkError::Construction(_)),
            "{name}: {error:?}"
        );
        let message = error.to_string();
        assert!(message.contains(&path.display().to_string()), "{message}");
        assert!(message.contains(expected), "{name}: {message}");
    }
    let missing = dir.join("missing.pem");
    let error = sign_in(config("https://127.0.0.1:9").ca_bundle(&missing).build())
        .await
        .unwrap_err();
    let message = error.to_string();
    assert!(
        message.contains(&missing.display().to_string()) && message.contains("cannot read"),
        "{message}"
    );
}

#[tokio::test]
async fn an_https_call_tunnels_through_the_configured_proxy() {
    let Some(proxy) = Proxy::start("plain", None) else {
        return;
    };
    let ca = TestCa::new("proxied-ca");
    let server = TlsServer::start(&ca).await;
    let config = config(&server.url)
        .ca_bundle(&ca.pem_file)
        .proxy(ProxyConfig::all(proxy.url()))
        .build();
    assert_signed_in(sign_in(config).await);
    assert!(
        proxy
            .tunnelled_to(&format!("127.0.0.1:{}", server.port))
            .await,
        "{:?}",
        proxy.access_log()
    );
}

#[tokio::test]
async fn no_proxy_hosts_bypass_the_proxy() {
    let Some(proxy) = Proxy::start("bypassed", None) else {
        return;
    };
    let ca = TestCa::new("bypass-ca");
    let server = TlsServer::start(&ca).await;
    let config = config(&server.url)
        .ca_bundle(&ca.pem_file)
        .proxy(ProxyConfig::all(proxy.url()).no_proxy("example.com, 127.0.0.1"))
        .build();
    assert_signed_in(sign_in(config).await);
    assert_eq!(server.answered(), 1);
    let log = proxy.settled_access_log().await;
    assert!(log.is_empty(), "{log:?}");
}

#[tokio::test]
async fn basic_auth_from_the_proxy_url_reaches_the_proxy() {
    let Some(proxy) = Proxy::start("auth", Some("proxy-user:proxy-pa55")) else {
        return;
    };
    let ca = TestCa::new("auth-ca");
    let server = TlsServer::start(&ca).await;
    let url = format!("http://proxy-user:proxy-pa55@127.0.0.1:{}", proxy.port);
    let config = config(&server.url)
        .ca_bundle(&ca.pem_file)
        .proxy(ProxyConfig::all(url))
        .build();
    assert!(!format!("{config:?}").contains("proxy-pa55"), "{config:?}");
    assert_signed_in(sign_in(config).await);
    assert!(
        proxy
            .tunnelled_to(&format!("127.0.0.1:{}", server.port))
            .await
    );
}

#[tokio::test]
async fn a_plain_http_call_is_forwarded_with_the_proxys_credentials() {
    let Some(proxy) = Proxy::start("forwarding", Some("proxy-user:proxy-pa55")) else {
        return;
    };
    let server = TlsServer::start_plain().await;
    let url = format!("http://proxy-user:proxy-pa55@127.0.0.1:{}", proxy.port);
    let config = config(&server.url).proxy(ProxyConfig::all(url)).build();
    assert_signed_in(sign_in(config).await);
    assert_eq!(server.answered(), 1);
    let needle = format!("POST 127.0.0.1:{}/", server.port);
    let log = proxy.settled_access_log().await;
    assert!(log.iter().any(|line| line.contains(&needle)), "{log:?}");
}

#[tokio::test]
async fn a_refused_tunnel_is_a_dispatch_error_naming_the_proxy_not_its_credentials() {
    let Some(proxy) = Proxy::start("refusing", Some("proxy-user:proxy-pa55")) else {
        return;
    };
    let ca = TestCa::new("refused-ca");
    let server = TlsServer::start(&ca).await;
    let url = format!("http://proxy-user:wrong-pa55@127.0.0.1:{}", proxy.port);
    let config = config(&server.url)
        .ca_bundle(&ca.pem_file)
        .proxy(ProxyConfig::all(url))
        .build();
    let error = sign_in(config).await.unwrap_err();
    assert!(matches!(error, SdkError::Dispatch(_)), "{error:?}");
    let text = full_text(&error);
    assert!(
        text.contains(&format!("proxy http://127.0.0.1:{}", proxy.port)),
        "{text}"
    );
    assert!(text.contains("proxy authorization required"), "{text}");
    for shown in [text, format!("{error:?}")] {
        assert!(
            !shown.contains("wrong-pa55") && !shown.contains("proxy-user"),
            "{shown}"
        );
    }
    assert_eq!(server.answered(), 0);
}

#[tokio::test]
async fn an_unusable_proxy_url_is_a_construction_error_without_its_credentials() {
    let config = config("https://127.0.0.1:9")
        .proxy(ProxyConfig::all("http://someone:hunter2@"))
        .build();
    let error = sign_in(config).await.unwrap_err();
    assert!(matches!(error, SdkError::Construction(_)), "{error:?}");
    let text = error.to_string();
    assert!(text.contains("proxy URL `http://***@`"), "{text}");
    assert!(!text.contains("hunter2") && !format!("{error:?}").contains("hunter2"));
}

/// What the child process is told, by environment variable.
const CHILD_ENDPOINT: &str = "CLIENT_NETWORK_CHILD_ENDPOINT";
const CHILD_IGNORE_ENV_PROXY: &str = "CLIENT_NETWORK_CHILD_NO_ENV_PROXY";
const CHILD_PLATFORM_ROOTS: &str = "CLIENT_NETWORK_CHILD_PLATFORM_ROOTS";

/// Run by [`the_environment_sets_ca_bundle_and_proxies`] in a child process
/// with the environment it wants; fails when run on its own.
#[tokio::test]
#[ignore = "run in a child process by the_environment_sets_ca_bundle_and_proxies"]
async fn child_signs_in_with_the_environment() {
    let endpoint = std::env::var(CHILD_ENDPOINT).expect("run by the parent test");
    let mut config = Config::builder()
        .region("us-east-1")
        .endpoint_url(endpoint)
        .credentials(Credentials::from_keys("AKIDTEST", "test-secret", None))
        .retry(RetryConfig::standard().with_max_attempts(1));
    if std::env::var_os(CHILD_IGNORE_ENV_PROXY).is_some() {
        config = config.proxy(ProxyConfig::disabled());
    }
    if std::env::var_os(CHILD_PLATFORM_ROOTS).is_some() {
        config = config.trust_roots(TrustRoots::Platform);
    }
    assert_signed_in(sign_in(config.build()).await);
}

/// Every variable the child's transport could read, cleared before each run.
const NETWORK_VARIABLES: &[&str] = &[
    "AWS_CA_BUNDLE",
    "HTTPS_PROXY",
    "https_proxy",
    "HTTP_PROXY",
    "http_proxy",
    "ALL_PROXY",
    "all_proxy",
    "NO_PROXY",
    "no_proxy",
    "REQUEST_METHOD",
    "SSL_CERT_FILE",
    "SSL_CERT_DIR",
];

#[test]
fn the_environment_sets_ca_bundle_and_proxies() {
    let Some(proxy) = Proxy::start("environment", None) else {
        return;
    };
    // The server runs on a thread of its own while children call it.
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async move {
            let ca = TestCa::new("environment-ca");
            let server = TlsServer::start(&ca).await;
            tx.send((server.url.clone(), server.port, ca.pem_file.clone()))
                .unwrap();
            std::future::pending::<()>().await
        });
    });
    let (url, port, pem) = rx.recv().unwrap();
    let pem = pem.display().to_string();
    let target = format!("127.0.0.1:{port}");
    let run_child = |vars: &[(&str, &str)], flag: Option<&str>| -> (bool, String) {
        let mut command = Command::new(std::env::current_exe().unwrap());
        command.args([
            "child_signs_in_with_the_environment",
            "--exact",
            "--ignored",
            "--nocapture",
        ]);
        for var in NETWORK_VARIABLES {
            command.env_remove(var);
        }
        command.env_remove(CHILD_IGNORE_ENV_PROXY);
        command.env_remove(CHILD_PLATFORM_ROOTS);
        command.env(CHILD_ENDPOINT, &url);
        for (name, value) in vars {
            command.env(name, value);
        }
        if let Some(flag) = flag {
            command.env(flag, "1");
        }
        let output = command.output().unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        (output.status.success(), text)
    };
    let run = |vars: &[(&str, &str)]| run_child(vars, None);
    // The tunnels proxy.py logged, once there are at least `expected`
    // (it logs one when it closes, just after the child exits) or 10 s
    // passed, plus a moment for a line that should not come.
    let tunnels = |expected: usize| {
        let count = || {
            proxy
                .access_log()
                .iter()
                .filter(|line| line.contains(&format!("CONNECT {target} ")))
                .count()
        };
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while count() < expected && std::time::Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(50));
        }
        std::thread::sleep(Duration::from_millis(300));
        count()
    };

    let (ok, text) = run(&[("SSL_CERT_FILE", &pem)]);
    assert!(!ok, "without AWS_CA_BUNDLE the test CA is unknown:\n{text}");
    assert!(text.contains("UnknownIssuer"), "{text}");

    // The platform's store, which rustls-native-certs reads from SSL_CERT_FILE.
    let (ok, text) = run_child(&[("SSL_CERT_FILE", &pem)], Some(CHILD_PLATFORM_ROOTS));
    assert!(ok, "TrustRoots::Platform with SSL_CERT_FILE:\n{text}");

    let (ok, text) = run(&[("AWS_CA_BUNDLE", &pem)]);
    assert!(ok, "AWS_CA_BUNDLE:\n{text}");
    assert_eq!(tunnels(0), 0);

    let (ok, text) = run(&[("AWS_CA_BUNDLE", &pem), ("HTTPS_PROXY", &proxy.url())]);
    assert!(ok, "HTTPS_PROXY:\n{text}");
    assert_eq!(tunnels(1), 1);

    let (ok, text) = run(&[("AWS_CA_BUNDLE", &pem), ("https_proxy", &proxy.url())]);
    assert!(ok, "https_proxy:\n{text}");
    assert_eq!(tunnels(2), 2);

    let vars = [
        ("AWS_CA_BUNDLE", pem.as_str()),
        ("HTTPS_PROXY", &proxy.url()),
        ("NO_PROXY", "127.0.0.1"),
    ];
    let (ok, text) = run(&vars);
    assert!(ok, "NO_PROXY:\n{text}");
    let vars = [
        ("AWS_CA_BUNDLE", pem.as_str()),
        ("https_proxy", &proxy.url()),
        ("no_proxy", "localhost,127.0.0.0/8"),
    ];
    let (ok, text) = run(&vars);
    assert!(ok, "no_proxy:\n{text}");
    assert_eq!(tunnels(2), 2, "NO_PROXY and no_proxy bypass the proxy");

    let vars = [
        ("AWS_CA_BUNDLE", pem.as_str()),
        ("HTTPS_PROXY", &proxy.url()),
    ];
    let (ok, text) = run_child(&vars, Some(CHILD_IGNORE_ENV_PROXY));
    assert!(ok, "ProxyConfig::disabled():\n{text}");
    assert_eq!(tunnels(2), 2, "ProxyConfig::disabled() ignores HTTPS_PROXY");

    // A proxy that is not there: the call fails, naming it.
    let vars = [
        ("AWS_CA_BUNDLE", pem.as_str()),
        ("HTTPS_PROXY", "http://127.0.0.1:9"),
    ];
    let (ok, text) = run(&vars);
    assert!(!ok && text.contains("proxy http://127.0.0.1:9"), "{text}");
}
