//! Credentials the way back ends get them, through `aws-config`'s own
//! providers and into the client with no glue: a profile in shared config
//! files, and temporary credentials from a container-credentials endpoint
//! (as ECS and EKS Pod Identity serve them) found by the default chain.
//! moto checks each request's signature and session token.

use std::convert::Infallible;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use aws_config::profile::ProfileFileCredentialsProvider;
use aws_config::provider_config::ProviderConfig;
use aws_config::BehaviorVersion;
use aws_types::region::Region;
use cognito_identity_provider::client::{Client, Config};
use cognito_identity_provider::types::AuthFlowType;
use http_body_util::Full;
use hyper::body::Bytes;

use crate::moto::{self, Moto, PERMANENT_PASSWORD, REGION};

/// The variables aws-config reads that these tests set or must not inherit.
const VARIABLES: &[&str] = &[
    "AWS_CONFIG_FILE",
    "AWS_SHARED_CREDENTIALS_FILE",
    "AWS_PROFILE",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_WEB_IDENTITY_TOKEN_FILE",
    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    "AWS_CONTAINER_AUTHORIZATION_TOKEN",
];

/// The process environment as one test sets it, for as long as the test
/// runs (aws-config's providers read it when first asked, inside the
/// call); the tests that change it take turns, and the old values return.
struct Environment {
    saved: Vec<(&'static str, Option<String>)>,
    _turn: MutexGuard<'static, ()>,
}

impl Environment {
    fn set(values: &[(&str, &str)]) -> Self {
        static TURN: Mutex<()> = Mutex::new(());
        let turn = TURN.lock().unwrap_or_else(|e| e.into_inner());
        let saved = VARIABLES
            .iter()
            .map(|name| (*name, std::env::var(name).ok()))
            .collect();
        for name in VARIABLES {
            std::env::remove_var(name);
        }
        for (name, value) in values {
            std::env::set_var(name, value);
        }
        Environment { saved, _turn: turn }
    }
}

impl Drop for Environment {
    fn drop(&mut self) {
        for (name, value) in &self.saved {
            match value {
                Some(value) => std::env::set_var(name, value),
                None => std::env::remove_var(name),
            }
        }
    }
}

/// A folder of its own under target/scratch for one test's files.
fn scratch(name: &str) -> PathBuf {
    let dir = tests::workspace_root()
        .join("target/scratch")
        .join(format!("{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

async fn sign_in_alice(moto: &Moto, client: &Client) {
    let output = client
        .admin_initiate_auth()
        .user_pool_id(&moto.pool_id)
        .client_id(&moto.client_id)
        .auth_flow(AuthFlowType::AdminUserPasswordAuth)
        .auth_parameters("USERNAME", "alice")
        .auth_parameters("PASSWORD", PERMANENT_PASSWORD)
        .send()
        .await
        .unwrap_or_else(|e| panic!("sign-in failed: {e}"));
    let tokens = output.authentication_result.expect("tokens");
    assert!(tokens.access_token.is_some_and(|t| !t.is_empty()));
}

/// aws-config's providers with a plain HTTP client: the ones a profile may
/// chain to (IMDS, container, STS) want one, even when this one does not.
fn provider_config() -> ProviderConfig {
    ProviderConfig::default().with_http_client(aws_smithy_http_client::Builder::new().build_http())
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

#[test]
fn moto_credentials_from_an_aws_config_profile() {
    let Some(moto) = moto::moto() else { return };
    let dir = scratch("e2e-profile");
    let config_file = dir.join("config");
    let credentials_file = dir.join("credentials");
    std::fs::write(
        &config_file,
        format!("[profile sign-in]\nregion = {REGION}\n"),
    )
    .unwrap();
    std::fs::write(
        &credentials_file,
        format!(
            "[sign-in]\naws_access_key_id = {}\naws_secret_access_key = {}\n",
            moto.access_key_id, moto.secret_access_key
        ),
    )
    .unwrap();
    let _env = Environment::set(&[
        ("AWS_CONFIG_FILE", config_file.to_str().unwrap()),
        (
            "AWS_SHARED_CREDENTIALS_FILE",
            credentials_file.to_str().unwrap(),
        ),
    ]);
    let provider = ProfileFileCredentialsProvider::builder()
        .configure(&provider_config())
        .profile_name("sign-in")
        .build();
    let client = Client::new(
        Config::builder()
            .region(REGION)
            .endpoint_url(&moto.endpoint)
            .credentials_provider(provider)
            .build(),
    );
    runtime().block_on(sign_in_alice(moto, &client));

    // A profile naming another key is refused by moto: the profile's key
    // is what signed.
    std::fs::write(
        &credentials_file,
        "[sign-in]\naws_access_key_id = AKIAUNKNOWNKEY000000\naws_secret_access_key = not-the-key\n",
    )
    .unwrap();
    let provider = ProfileFileCredentialsProvider::builder()
        .configure(&provider_config())
        .profile_name("sign-in")
        .build();
    let client = Client::new(
        Config::builder()
            .region(REGION)
            .endpoint_url(&moto.endpoint)
            .credentials_provider(provider)
            .build(),
    );
    let refused = runtime().block_on(
        client
            .admin_initiate_auth()
            .user_pool_id(&moto.pool_id)
            .client_id(&moto.client_id)
            .auth_flow(AuthFlowType::AdminUserPasswordAuth)
            .auth_parameters("USERNAME", "alice")
            .auth_parameters("PASSWORD", PERMANENT_PASSWORD)
            .send(),
    );
    assert!(refused.is_err(), "moto accepted a key it never issued");
}

/// A container-credentials endpoint on 127.0.0.1, as the ECS agent or the
/// EKS Pod Identity agent runs it: it answers `GET` with the temporary
/// credentials when the request carries its authorization token.
struct ContainerEndpoint {
    url: String,
    served: Arc<AtomicUsize>,
    refused: Arc<AtomicUsize>,
}

const AUTHORIZATION_TOKEN: &str = "container-authorization-token";

impl ContainerEndpoint {
    async fn start(moto: &Moto) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!(
            "http://{}/v2/credentials/e2e",
            listener.local_addr().unwrap()
        );
        let key = &moto.temporary;
        let body = serde_json::json!({
            "AccessKeyId": key.access_key_id,
            "SecretAccessKey": key.secret_access_key,
            "Token": key.session_token,
            "Expiration": key.expiration,
            "RoleArn": "arn:aws:iam::123456789012:role/e2e-task",
        })
        .to_string();
        let (served, refused) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
        let counters = (served.clone(), refused.clone());
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let (body, (served, refused)) = (body.clone(), counters.clone());
                let service = hyper::service::service_fn(
                    move |request: http::Request<hyper::body::Incoming>| {
                        let authorized = request
                            .headers()
                            .get("authorization")
                            .is_some_and(|v| v == AUTHORIZATION_TOKEN);
                        let (status, body) = if authorized && request.method() == http::Method::GET
                        {
                            served.fetch_add(1, Ordering::SeqCst);
                            (200, body.clone())
                        } else {
                            refused.fetch_add(1, Ordering::SeqCst);
                            (401, r#"{"message":"not authorized"}"#.to_owned())
                        };
                        let response = http::Response::builder()
                            .status(status)
                            .header("content-type", "application/json")
                            .body(Full::new(Bytes::from(body)))
                            .unwrap();
                        async move { Ok::<_, Infallible>(response) }
                    },
                );
                tokio::spawn(async move {
                    let io = hyper_util::rt::TokioIo::new(stream);
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(io, service)
                        .await;
                });
            }
        });
        ContainerEndpoint {
            url,
            served,
            refused,
        }
    }
}

#[test]
fn moto_temporary_credentials_from_a_container_endpoint_through_the_default_chain() {
    let Some(moto) = moto::moto() else { return };
    let dir = scratch("e2e-container");
    let runtime = runtime();
    let endpoint = runtime.block_on(ContainerEndpoint::start(moto));
    // No profile files, so the chain goes on to the container endpoint.
    let missing = dir.join("no-such-file");
    let _env = Environment::set(&[
        ("AWS_CONFIG_FILE", missing.to_str().unwrap()),
        ("AWS_SHARED_CREDENTIALS_FILE", missing.to_str().unwrap()),
        ("AWS_CONTAINER_CREDENTIALS_FULL_URI", &endpoint.url),
        ("AWS_CONTAINER_AUTHORIZATION_TOKEN", AUTHORIZATION_TOKEN),
    ]);
    runtime.block_on(async {
        let sdk = aws_config::defaults(BehaviorVersion::latest())
            .region(Region::new(REGION))
            .endpoint_url(&moto.endpoint)
            .http_client(aws_smithy_http_client::Builder::new().build_http())
            .load()
            .await;
        let client = Client::new(&sdk);
        assert_eq!(client.config().region(), Some(REGION));
        assert_eq!(client.config().endpoint_url(), Some(moto.endpoint.as_str()));
        sign_in_alice(moto, &client).await;
        // The client's cache keeps them: one fetch for both calls.
        sign_in_alice(moto, &client).await;
    });
    assert_eq!(endpoint.served.load(Ordering::SeqCst), 1);
    assert_eq!(endpoint.refused.load(Ordering::SeqCst), 0);
}
