//! The generated client as a back end runs it: credentials from providers
//! that count their calls (the client's cache asks each once, shares one
//! refresh among concurrent callers, and never caches a failure), and what
//! it logs through `tracing` during a whole sign-in, which must name each
//! call and attempt and never a secret. The service is a small HTTP server
//! on 127.0.0.1 that answers in Cognito's JSON and records what it got.

use std::convert::Infallible;
use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use cognito_identity_provider::client::{
    Client, Config, Credentials, CredentialsError, ProvideCredentials, ProvideCredentialsFuture,
    RetryConfig, SdkError,
};
use cognito_identity_provider::operation::admin_initiate_auth::AdminInitiateAuthError;
use cognito_identity_provider::types::{AuthFlowType, ChallengeNameType};
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;

const PASSWORD: &str = "temporary-password-Xq81";
const NEW_PASSWORD: &str = "chosen-password-Zr57";
const SESSION: &str = "session-from-the-challenge-5f3a9c";
const ACCESS_TOKEN: &str = "eyJaccess.token.value";
const ID_TOKEN: &str = "eyJid.token.value";
const REFRESH_TOKEN: &str = "eyJrefresh.token.value";
const SECRET_KEY: &str = "provider-secret-access-key";
const SESSION_TOKEN: &str = "provider-session-token";

/// What the server answers to a request, by its `X-Amz-Target` and count.
type Answer = dyn Fn(&str, usize) -> (u16, String) + Send + Sync;

/// A loopback service that answers with `answer` and records each request's
/// `Authorization` and `User-Agent` headers.
struct Service {
    url: String,
    seen: Arc<Mutex<Vec<(String, String)>>>,
}

impl Service {
    async fn start(answer: Arc<Answer>) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let record = seen.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let (answer, seen) = (answer.clone(), record.clone());
                let service = hyper::service::service_fn(
                    move |request: http::Request<hyper::body::Incoming>| {
                        let (answer, seen) = (answer.clone(), seen.clone());
                        async move {
                            let header = |name: &str| {
                                request
                                    .headers()
                                    .get(name)
                                    .and_then(|v| v.to_str().ok())
                                    .unwrap_or_default()
                                    .to_owned()
                            };
                            let target = header("x-amz-target");
                            let count = {
                                let mut seen = seen.lock().unwrap();
                                seen.push((header("authorization"), header("user-agent")));
                                seen.len()
                            };
                            let _ = request.into_body().collect().await;
                            let (status, body) = answer(&target, count);
                            let mut response = http::Response::builder()
                                .status(status)
                                .header("x-amzn-requestid", format!("req-{count}"));
                            if status != 200 {
                                response =
                                    response.header("x-amzn-errortype", "InternalErrorException");
                            }
                            Ok::<_, Infallible>(
                                response.body(Full::new(Bytes::from(body))).unwrap(),
                            )
                        }
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
        Service { url, seen }
    }

    fn authorizations(&self) -> Vec<String> {
        self.seen
            .lock()
            .unwrap()
            .iter()
            .map(|(a, _)| a.clone())
            .collect()
    }

    fn user_agents(&self) -> Vec<String> {
        self.seen
            .lock()
            .unwrap()
            .iter()
            .map(|(_, u)| u.clone())
            .collect()
    }
}

fn tokens() -> String {
    format!(
        r#"{{"AuthenticationResult":{{"AccessToken":"{ACCESS_TOKEN}","IdToken":"{ID_TOKEN}","RefreshToken":"{REFRESH_TOKEN}","ExpiresIn":3600,"TokenType":"Bearer"}}}}"#
    )
}

/// Tokens for every request.
fn always_tokens() -> Arc<Answer> {
    Arc::new(|_, _| (200, tokens()))
}

/// A provider that counts its calls, takes `delay` to answer (long enough
/// for concurrent callers to pile up behind it) and answers from `script`
/// in turn, repeating the last answer.
#[derive(Debug)]
struct CountingProvider {
    calls: AtomicUsize,
    delay: Duration,
    script: Vec<Result<Credentials, &'static str>>,
}

impl CountingProvider {
    fn new(delay: Duration, script: Vec<Result<Credentials, &'static str>>) -> Arc<Self> {
        Arc::new(CountingProvider {
            calls: AtomicUsize::new(0),
            delay,
            script,
        })
    }

    fn calls(&self) -> usize {
        self.calls.load(Ordering::SeqCst)
    }
}

/// The client takes a provider by value; the test keeps a handle to count.
#[derive(Debug)]
struct Shared(Arc<CountingProvider>);

impl ProvideCredentials for Shared {
    fn provide_credentials<'a>(&'a self) -> ProvideCredentialsFuture<'a>
    where
        Self: 'a,
    {
        let provider = &self.0;
        ProvideCredentialsFuture::new(async move {
            let call = provider.calls.fetch_add(1, Ordering::SeqCst);
            tokio::time::sleep(provider.delay).await;
            match &provider.script[call.min(provider.script.len() - 1)] {
                Ok(credentials) => Ok(credentials.clone()),
                Err(reason) => Err(CredentialsError::provider_error(*reason)),
            }
        })
    }
}

fn temporary(key_id: &str, expiry: SystemTime) -> Credentials {
    Credentials::new(
        key_id,
        SECRET_KEY,
        Some(SESSION_TOKEN.to_owned()),
        Some(expiry),
        "test",
    )
}

fn client(service: &Service, provider: &Arc<CountingProvider>, buffer: Duration) -> Client {
    Client::new(
        Config::builder()
            .region("us-east-1")
            .endpoint_url(&service.url)
            .credentials_provider(Shared(provider.clone()))
            .credentials_expiry_buffer(buffer)
            .retry(RetryConfig::disabled())
            .build(),
    )
}

async fn sign_in(client: &Client) -> Result<(), SdkError<AdminInitiateAuthError>> {
    client
        .admin_initiate_auth()
        .user_pool_id("us-east-1_production")
        .client_id("client-id")
        .auth_flow(AuthFlowType::AdminUserPasswordAuth)
        .auth_parameters("USERNAME", "alice")
        .auth_parameters("PASSWORD", PASSWORD)
        .send()
        .await
        .map(|_| ())
}

/// Runs `n` sign-ins at once on the runtime's worker threads.
async fn concurrent_sign_ins(client: &Client, n: usize) -> Vec<Result<(), String>> {
    let mut calls = tokio::task::JoinSet::new();
    for _ in 0..n {
        let client = client.clone();
        calls.spawn(async move { sign_in(&client).await.map_err(|e| format!("{e:?} / {e}")) });
    }
    calls.join_all().await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_calls_share_one_provider_call() {
    let service = Service::start(always_tokens()).await;
    let expiry = SystemTime::now() + Duration::from_secs(3600);
    let provider = CountingProvider::new(
        Duration::from_millis(300),
        vec![Ok(temporary("ASIAFIRST", expiry))],
    );
    let client = client(&service, &provider, Duration::from_secs(300));
    let outcomes = concurrent_sign_ins(&client, 64).await;
    assert!(outcomes.iter().all(Result::is_ok), "{outcomes:?}");
    assert_eq!(provider.calls(), 1);
    // Later calls reuse the cached credentials too.
    sign_in(&client).await.unwrap();
    assert_eq!(provider.calls(), 1);
    let signed = service.authorizations();
    assert_eq!(signed.len(), 65);
    assert!(
        signed.iter().all(|a| a.contains("Credential=ASIAFIRST/")),
        "{signed:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn credentials_near_expiry_are_refreshed_exactly_once() {
    let service = Service::start(always_tokens()).await;
    let buffer = Duration::from_secs(60);
    // Good for 3 s beyond the buffer (ample for two calls on a loaded
    // machine), then due for replacement.
    let first = temporary(
        "ASIAFIRST",
        SystemTime::now() + buffer + Duration::from_secs(3),
    );
    let second = temporary("ASIASECOND", SystemTime::now() + Duration::from_secs(3600));
    let provider = CountingProvider::new(Duration::from_millis(300), vec![Ok(first), Ok(second)]);
    let client = client(&service, &provider, buffer);
    sign_in(&client).await.unwrap();
    sign_in(&client).await.unwrap();
    assert_eq!(provider.calls(), 1);
    tokio::time::sleep(Duration::from_millis(3100)).await;
    let outcomes = concurrent_sign_ins(&client, 64).await;
    assert!(outcomes.iter().all(Result::is_ok), "{outcomes:?}");
    assert_eq!(provider.calls(), 2);
    let signed = service.authorizations();
    assert!(
        signed[..2]
            .iter()
            .all(|a| a.contains("Credential=ASIAFIRST/")),
        "{signed:?}"
    );
    assert!(
        signed[2..]
            .iter()
            .all(|a| a.contains("Credential=ASIASECOND/")),
        "{signed:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_failing_provider_fails_its_waiting_callers_and_is_not_cached() {
    let service = Service::start(always_tokens()).await;
    let provider = CountingProvider::new(
        Duration::from_millis(500),
        vec![Err("the vault at 10.0.0.7 answered 503")],
    );
    let client = client(&service, &provider, Duration::from_secs(300));
    let outcomes = concurrent_sign_ins(&client, 8).await;
    assert_eq!(
        provider.calls(),
        1,
        "the callers waiting on one failure share it"
    );
    for outcome in &outcomes {
        let text = outcome.as_ref().unwrap_err();
        assert!(text.contains("Construction"), "{text}");
        assert!(
            text.contains("the vault at 10.0.0.7 answered 503"),
            "{text}"
        );
    }
    // The next call asks again.
    let error = sign_in(&client).await.unwrap_err();
    assert!(matches!(error, SdkError::Construction(_)), "{error:?}");
    assert_eq!(provider.calls(), 2);
    assert!(
        service.authorizations().is_empty(),
        "nothing unsigned was sent"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_refresh_names_the_provider_error_and_no_secret() {
    let service = Service::start(always_tokens()).await;
    let buffer = Duration::from_secs(60);
    let first = temporary(
        "ASIAFIRST",
        SystemTime::now() + buffer + Duration::from_secs(2),
    );
    let provider = CountingProvider::new(
        Duration::ZERO,
        vec![Ok(first), Err("the container endpoint refused the token")],
    );
    let client = client(&service, &provider, buffer);
    sign_in(&client).await.unwrap();
    tokio::time::sleep(Duration::from_millis(2100)).await;
    let error = sign_in(&client).await.unwrap_err();
    assert!(matches!(error, SdkError::Construction(_)), "{error:?}");
    assert_eq!(provider.calls(), 2);
    for text in [
        error.to_string(),
        format!("{error:?}"),
        format!("{client:?}"),
    ] {
        assert!(
            !text.contains(SECRET_KEY) && !text.contains(SESSION_TOKEN),
            "a secret leaked: {text}"
        );
    }
    assert!(
        error
            .to_string()
            .contains("the container endpoint refused the token"),
        "{error}"
    );
}

/// Everything written through `tracing`, shared with the test.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn a_traced_sign_in_names_calls_and_attempts_and_no_secret() {
    // The first request fails with a 500 and is retried; the sign-in
    // answers with a challenge and its session; the answer gets tokens.
    let service = Service::start(Arc::new(|target: &str, count| match count {
        1 => (500, r#"{"message":"try again"}"#.to_owned()),
        _ if target.ends_with("AdminInitiateAuth") => (
            200,
            format!(
                r#"{{"ChallengeName":"NEW_PASSWORD_REQUIRED","Session":"{SESSION}","ChallengeParameters":{{"USER_ID_FOR_SRP":"alice"}}}}"#
            ),
        ),
        _ => (200, tokens()),
    }))
    .await;
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::FULL)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    // aws-sigv4 logs a body it signs when this is set; the client must
    // never give it one to log.
    std::env::set_var("LOG_SIGNABLE_BODY", "true");

    let client = Client::new(
        Config::builder()
            .region("eu-west-1")
            .endpoint_url(&service.url)
            .credentials(Credentials::from_keys(
                "AKIDTRACE",
                SECRET_KEY,
                Some(SESSION_TOKEN.to_owned()),
            ))
            .retry(
                RetryConfig::standard()
                    .with_initial_backoff(Duration::from_millis(5))
                    .with_max_backoff(Duration::from_millis(5)),
            )
            .build(),
    );
    let challenge = client
        .admin_initiate_auth()
        .user_pool_id("eu-west-1_traced")
        .client_id("client-id")
        .auth_flow(AuthFlowType::AdminUserPasswordAuth)
        .auth_parameters("USERNAME", "alice")
        .auth_parameters("PASSWORD", PASSWORD)
        .send()
        .await
        .unwrap();
    assert_eq!(
        challenge.challenge_name,
        Some(ChallengeNameType::NewPasswordRequired)
    );
    let session = challenge.session.clone().unwrap();
    let answered = client
        .admin_respond_to_auth_challenge()
        .user_pool_id("eu-west-1_traced")
        .client_id("client-id")
        .challenge_name(ChallengeNameType::NewPasswordRequired)
        .challenge_responses("USERNAME", "alice")
        .challenge_responses("NEW_PASSWORD", NEW_PASSWORD)
        .session(session)
        .send()
        .await
        .unwrap();
    assert_eq!(
        answered
            .authentication_result
            .unwrap()
            .access_token
            .as_deref(),
        Some(ACCESS_TOKEN)
    );
    // A failed call logs its end.
    let failed = Client::new(
        Config::builder()
            .region("eu-west-1")
            .endpoint_url(&service.url)
            .credentials_provider(Shared(CountingProvider::new(
                Duration::ZERO,
                vec![Err("no role for this task")],
            )))
            .build(),
    );
    sign_in(&failed).await.unwrap_err();
    drop(_guard);

    let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    // What must be there: the span of each call, each attempt with its
    // status, request id and the wait before a retry, the failure.
    assert!(log.contains("service=\"cognito-idp\""), "{log}");
    assert!(log.contains("operation=\"AdminInitiateAuth\""), "{log}");
    assert!(
        log.contains("operation=\"AdminRespondToAuthChallenge\""),
        "{log}"
    );
    assert!(log.contains("region=\"eu-west-1\""), "{log}");
    assert!(
        log.contains("attempt=1 status=500 request_id=\"req-1\""),
        "{log}"
    );
    assert!(log.contains("delay="), "{log}");
    assert!(
        log.contains("attempt=2 status=200 request_id=\"req-2\""),
        "{log}"
    );
    assert!(
        log.contains("call failed") && log.contains("no role for this task"),
        "{log}"
    );
    // What must not.
    for secret in [
        PASSWORD,
        NEW_PASSWORD,
        SESSION,
        ACCESS_TOKEN,
        ID_TOKEN,
        REFRESH_TOKEN,
        SECRET_KEY,
        SESSION_TOKEN,
    ] {
        assert!(!log.contains(secret), "`{secret}` was logged:\n{log}");
    }
}

#[tokio::test]
async fn the_app_name_goes_in_the_user_agent() {
    let service = Service::start(always_tokens()).await;
    let config = || {
        Config::builder()
            .region("us-east-1")
            .endpoint_url(&service.url)
            .credentials(Credentials::from_keys("AKIDAPP", SECRET_KEY, None))
    };
    let client = Client::new(config().app_name("sign-in-service").build());
    sign_in(&client).await.unwrap();
    let agents = service.user_agents();
    assert_eq!(agents.len(), 1);
    assert!(
        agents[0].starts_with("cognito-identity-provider/"),
        "{agents:?}"
    );
    assert!(agents[0].ends_with(" app/sign-in-service"), "{agents:?}");

    let client = Client::new(config().app_name("line\nbreak").build());
    let error = sign_in(&client).await.unwrap_err();
    assert!(matches!(error, SdkError::Construction(_)), "{error:?}");
    assert!(error.to_string().contains("app name"), "{error}");
    assert_eq!(service.user_agents().len(), 1, "nothing was sent");
}

/// What the README promises a back end with no credentials anywhere: the
/// default chain of aws-config finds none, and each call fails before
/// sending anything, with the chain's reasons.
#[tokio::test]
async fn without_any_credentials_the_default_chain_fails_each_call_before_sending() {
    let service = Service::start(always_tokens()).await;
    let nowhere = tests::workspace_root().join("target/scratch/no-aws-config-here");
    // This test binary's other tests configure everything explicitly, so
    // changing the process environment here affects only this one.
    for name in [
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "AWS_PROFILE",
        "AWS_WEB_IDENTITY_TOKEN_FILE",
        "AWS_CONTAINER_CREDENTIALS_FULL_URI",
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    ] {
        std::env::remove_var(name);
    }
    std::env::set_var("AWS_CONFIG_FILE", &nowhere);
    std::env::set_var("AWS_SHARED_CREDENTIALS_FILE", &nowhere);
    std::env::set_var("AWS_EC2_METADATA_DISABLED", "true");
    let sdk = aws_config::defaults(aws_config::BehaviorVersion::latest())
        .region(aws_types::region::Region::new("us-east-1"))
        .endpoint_url(&service.url)
        .http_client(aws_smithy_http_client::Builder::new().build_http())
        .load()
        .await;
    let client = Client::new(&sdk);
    for _ in 0..2 {
        let error = sign_in(&client).await.unwrap_err();
        assert!(matches!(error, SdkError::Construction(_)), "{error:?}");
        // The chain's own account of what it tried, each provider and why.
        let text = error.to_string();
        for part in [
            "no credentials found in chain",
            "Environment:",
            "Profile:",
            "EcsContainer:",
        ] {
            assert!(text.contains(part), "{text}");
        }
    }
    assert!(service.authorizations().is_empty(), "nothing was sent");
}
