//! The generated client against a small HTTP server on 127.0.0.1 that
//! answers from a script: throttling, server errors, responses that never
//! come, garbage. Checks what is retried, how often, how long the client
//! waits, and what the caller gets in the end.

use std::collections::VecDeque;
use std::convert::Infallible;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use cognito_identity_provider::client::{
    Client, Config, ConfigBuilder, Credentials, CredentialsError, ProvideCredentials,
    ProvideCredentialsFuture, ProvideResponseMetadata, RetryConfig, SdkError, TimeoutKind,
    TransportErrorKind,
};
use cognito_identity_provider::operation::admin_initiate_auth::{
    AdminInitiateAuthError, AdminInitiateAuthOutput,
};
use cognito_identity_provider::types::AuthFlowType;
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;

/// One scripted answer.
enum Reply {
    Respond {
        status: u16,
        headers: Vec<(&'static str, &'static str)>,
        body: &'static str,
    },
    /// Accept the request and never answer.
    Hang,
}

fn reply(status: u16, headers: &[(&'static str, &'static str)], body: &'static str) -> Reply {
    Reply::Respond {
        status,
        headers: headers.to_vec(),
        body,
    }
}

fn ok() -> Reply {
    reply(
        200,
        &[("x-amzn-requestid", "req-ok")],
        r#"{"AuthenticationResult":{"AccessToken":"access-token-value","ExpiresIn":3600,"TokenType":"Bearer"}}"#,
    )
}

fn error(status: u16, code: &'static str) -> Reply {
    let body = match code {
        "TooManyRequestsException" => r#"{"message":"Rate exceeded"}"#,
        "NotAuthorizedException" => r#"{"message":"Incorrect username or password."}"#,
        _ => r#"{"message":"Something broke"}"#,
    };
    reply(
        status,
        &[
            ("x-amzn-errortype", code),
            ("x-amzn-requestid", "req-error"),
        ],
        body,
    )
}

/// A request as the server saw it.
struct Seen {
    at: Instant,
    headers: http::HeaderMap,
}

struct FaultServer {
    url: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl FaultServer {
    /// Serves `script` in order, one reply per request, on a free port.
    async fn start(script: Vec<Reply>) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let script = Arc::new(Mutex::new(VecDeque::from(script)));
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = seen.clone();
        tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                let script = script.clone();
                let log = log.clone();
                let service = hyper::service::service_fn(
                    move |request: http::Request<hyper::body::Incoming>| {
                        let script = script.clone();
                        let log = log.clone();
                        async move {
                            log.lock().unwrap().push(Seen {
                                at: Instant::now(),
                                headers: request.headers().clone(),
                            });
                            // Read the whole request before answering, as a real service does.
                            let _ = request.into_body().collect().await;
                            let next = script.lock().unwrap().pop_front();
                            match next {
                                Some(Reply::Respond {
                                    status,
                                    headers,
                                    body,
                                }) => {
                                    let mut response = http::Response::builder().status(status);
                                    for (name, value) in headers {
                                        response = response.header(name, value);
                                    }
                                    Ok::<_, Infallible>(
                                        response.body(Full::new(Bytes::from(body))).unwrap(),
                                    )
                                }
                                Some(Reply::Hang) => std::future::pending().await,
                                None => Ok(http::Response::builder()
                                    .status(599)
                                    .body(Full::new(Bytes::from(
                                        "the test's script has no more replies",
                                    )))
                                    .unwrap()),
                            }
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
        FaultServer { url, seen }
    }

    fn requests(&self) -> usize {
        self.seen.lock().unwrap().len()
    }

    /// Time between the first and the last request.
    fn span(&self) -> Duration {
        let seen = self.seen.lock().unwrap();
        match (seen.first(), seen.last()) {
            (Some(first), Some(last)) => last.at - first.at,
            _ => Duration::ZERO,
        }
    }
}

const INITIAL_BACKOFF: Duration = Duration::from_millis(40);
const MAX_BACKOFF: Duration = Duration::from_millis(60);
const SECRET_KEY: &str = "test-secret-access-key";
const PASSWORD: &str = "correct-horse-battery-staple";

fn config(server: &FaultServer) -> ConfigBuilder {
    Config::builder()
        .region("us-east-1")
        .endpoint_url(&server.url)
        .credentials(Credentials::from_keys("AKIDFAULTTEST", SECRET_KEY, None))
        .retry(
            RetryConfig::standard()
                .with_initial_backoff(INITIAL_BACKOFF)
                .with_max_backoff(MAX_BACKOFF),
        )
}

async fn sign_in(
    client: &Client,
) -> Result<AdminInitiateAuthOutput, SdkError<AdminInitiateAuthError>> {
    client
        .admin_initiate_auth()
        .user_pool_id("us-east-1_faults")
        .client_id("client-id")
        .auth_flow(AuthFlowType::AdminUserPasswordAuth)
        .auth_parameters("USERNAME", "alice")
        .auth_parameters("PASSWORD", PASSWORD)
        .send()
        .await
}

#[tokio::test]
async fn throttling_is_retried_after_a_capped_jittered_wait() {
    let server = FaultServer::start(vec![error(429, "TooManyRequestsException"), ok()]).await;
    let client = Client::new(config(&server).build());
    let output = sign_in(&client).await.unwrap();
    let meta = output.response_metadata();
    assert_eq!(meta.attempts(), 2);
    assert_eq!(meta.request_id(), Some("req-ok"));
    assert_eq!(meta.http_status(), Some(200));
    // Full jitter: anywhere from zero up to the first backoff.
    assert!(
        meta.total_retry_delay() <= INITIAL_BACKOFF,
        "{:?}",
        meta.total_retry_delay()
    );
    assert!(
        server.span() >= meta.total_retry_delay(),
        "{:?} < {:?}",
        server.span(),
        meta.total_retry_delay()
    );
    assert_eq!(server.requests(), 2);
    let token = output.authentication_result.unwrap();
    assert_eq!(
        (token.expires_in, token.token_type.as_deref()),
        (3600, Some("Bearer"))
    );
}

#[tokio::test]
async fn throttling_is_recognised_by_its_code_whatever_the_status() {
    let server = FaultServer::start(vec![error(400, "TooManyRequestsException"), ok()]).await;
    let output = sign_in(&Client::new(config(&server).build()))
        .await
        .unwrap();
    assert_eq!(output.response_metadata().attempts(), 2);
}

#[tokio::test]
async fn server_errors_are_retried_until_the_attempts_run_out() {
    let html = "<html><body><h1>500 Internal Server Error</h1></body></html>";
    let server = FaultServer::start(vec![
        reply(500, &[("content-type", "text/html")], html),
        reply(500, &[("content-type", "text/html")], html),
        reply(
            500,
            &[
                ("content-type", "text/html"),
                ("x-amzn-requestid", "req-last"),
            ],
            html,
        ),
    ])
    .await;
    let client = Client::new(config(&server).build());
    let error = sign_in(&client).await.unwrap_err();
    let meta = error.metadata();
    assert_eq!(meta.attempts(), 3);
    assert_eq!(meta.http_status(), Some(500));
    assert_eq!(meta.request_id(), Some("req-last"));
    // Two waits: up to 40 ms, then up to min(80, 60) ms.
    assert!(
        meta.total_retry_delay() <= INITIAL_BACKOFF + MAX_BACKOFF,
        "{:?}",
        meta.total_retry_delay()
    );
    assert!(server.span() >= meta.total_retry_delay());
    assert_eq!(server.requests(), 3);
    match error {
        SdkError::Service(e) => assert!(e.err().is_unhandled(), "{:?}", e.err()),
        other => panic!("expected a service error, got {other:?}"),
    }
}

#[tokio::test]
async fn client_errors_are_not_retried() {
    let server = FaultServer::start(vec![error(400, "NotAuthorizedException"), ok()]).await;
    let error = sign_in(&Client::new(config(&server).build()))
        .await
        .unwrap_err();
    assert_eq!(error.metadata().attempts(), 1);
    assert_eq!(error.metadata().total_retry_delay(), Duration::ZERO);
    assert_eq!(error.request_id(), Some("req-error"));
    assert_eq!(error.code(), Some("NotAuthorizedException"));
    assert!(error
        .as_service_error()
        .unwrap()
        .is_not_authorized_exception());
    assert_eq!(server.requests(), 1);
}

#[tokio::test]
async fn an_answer_that_never_comes_times_out_each_attempt() {
    let server = FaultServer::start(vec![Reply::Hang, Reply::Hang]).await;
    let config = config(&server)
        .attempt_timeout(Duration::from_millis(150))
        .retry(
            RetryConfig::standard()
                .with_max_attempts(2)
                .with_initial_backoff(INITIAL_BACKOFF),
        );
    let started = Instant::now();
    let error = sign_in(&Client::new(config.build())).await.unwrap_err();
    let SdkError::Timeout(timeout) = &error else {
        panic!("expected a timeout, got {error:?}");
    };
    assert_eq!(timeout.kind(), TimeoutKind::Attempt);
    assert_eq!(timeout.limit(), Duration::from_millis(150));
    assert_eq!(timeout.metadata().attempts(), 2);
    assert_eq!(timeout.metadata().http_status(), None);
    assert!(
        started.elapsed() >= Duration::from_millis(300),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(server.requests(), 2);
}

#[tokio::test]
async fn the_operation_timeout_bounds_the_whole_call() {
    let server = FaultServer::start(vec![Reply::Hang]).await;
    let config = config(&server).operation_timeout(Duration::from_millis(200));
    let started = Instant::now();
    let error = sign_in(&Client::new(config.build())).await.unwrap_err();
    let elapsed = started.elapsed();
    let SdkError::Timeout(timeout) = &error else {
        panic!("expected a timeout, got {error:?}");
    };
    assert_eq!(timeout.kind(), TimeoutKind::Operation);
    assert_eq!(timeout.metadata().attempts(), 1);
    assert!(
        (Duration::from_millis(200)..Duration::from_secs(2)).contains(&elapsed),
        "{elapsed:?}"
    );
    assert!(error.to_string().contains("operation timeout"), "{error}");
}

#[tokio::test]
async fn refused_connections_are_retried_as_transient() {
    // Bind, then free the port: nothing listens there any more.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let config = Config::builder()
        .region("us-east-1")
        .endpoint_url(format!("http://127.0.0.1:{port}"))
        .credentials(Credentials::from_keys("AKIDFAULTTEST", SECRET_KEY, None))
        .retry(RetryConfig::standard().with_initial_backoff(Duration::from_millis(5)));
    let error = sign_in(&Client::new(config.build())).await.unwrap_err();
    let SdkError::Dispatch(dispatch) = &error else {
        panic!("expected a dispatch failure, got {error:?}");
    };
    assert_eq!(
        dispatch.transport_error().kind(),
        TransportErrorKind::Connect
    );
    assert_eq!(error.metadata().attempts(), 3);
}

#[tokio::test]
async fn an_unreadable_success_is_a_response_failure_and_not_retried() {
    let server = FaultServer::start(vec![reply(200, &[], "{not json"), ok()]).await;
    let error = sign_in(&Client::new(config(&server).build()))
        .await
        .unwrap_err();
    assert!(matches!(error, SdkError::Response(_)), "{error:?}");
    assert_eq!(error.metadata().http_status(), Some(200));
    assert_eq!(server.requests(), 1);
}

#[tokio::test]
async fn a_body_over_the_limit_is_refused_and_not_retried() {
    let server = FaultServer::start(vec![ok(), ok()]).await;
    // ok()'s body is about 100 bytes.
    let client = Client::new(config(&server).max_response_body(64).build());
    let error = sign_in(&client).await.unwrap_err();
    let SdkError::Dispatch(dispatch) = &error else {
        panic!("expected a dispatch failure, got {error:?}");
    };
    assert_eq!(dispatch.transport_error().kind(), TransportErrorKind::Other);
    assert!(
        error
            .to_string()
            .contains("longer than the limit of 64 bytes"),
        "{error}"
    );
    assert_eq!(server.requests(), 1);

    // At the default limit the same answer is read.
    sign_in(&Client::new(config(&server).build()))
        .await
        .unwrap();
}

#[tokio::test]
async fn requests_are_signed_for_the_service_and_region() {
    let server = FaultServer::start(vec![ok()]).await;
    sign_in(&Client::new(config(&server).build()))
        .await
        .unwrap();
    let seen = server.seen.lock().unwrap();
    let headers = &seen[0].headers;
    let auth = headers["authorization"].to_str().unwrap();
    assert!(
        auth.starts_with("AWS4-HMAC-SHA256 Credential=AKIDFAULTTEST/"),
        "{auth}"
    );
    assert!(
        auth.contains("/us-east-1/cognito-idp/aws4_request"),
        "{auth}"
    );
    assert!(
        auth.contains("SignedHeaders=content-length;content-type;host;"),
        "{auth}"
    );
    assert_eq!(
        headers["x-amz-target"],
        "AWSCognitoIdentityProviderService.AdminInitiateAuth"
    );
    assert!(headers["user-agent"]
        .to_str()
        .unwrap()
        .starts_with("cognito-identity-provider/"));
}

#[derive(Debug)]
struct NoCredentials;

impl ProvideCredentials for NoCredentials {
    fn provide_credentials<'a>(&'a self) -> ProvideCredentialsFuture<'a>
    where
        Self: 'a,
    {
        ProvideCredentialsFuture::ready(Err(CredentialsError::not_loaded("this test has none")))
    }
}

#[tokio::test]
async fn what_cannot_be_built_or_signed_is_never_sent() {
    let server = FaultServer::start(vec![ok()]).await;
    let client = Client::new(config(&server).credentials_provider(NoCredentials).build());
    let error = sign_in(&client).await.unwrap_err();
    assert!(matches!(error, SdkError::Construction(_)), "{error:?}");
    assert!(error.to_string().contains("no AWS credentials"), "{error}");

    let client = Client::new(config(&server).build());
    let error = client
        .admin_initiate_auth()
        .client_id("client-id")
        .send()
        .await
        .unwrap_err();
    assert!(matches!(error, SdkError::Construction(_)), "{error:?}");
    assert!(
        error.to_string().contains("UserPoolId") && error.to_string().contains("AuthFlow"),
        "{error}"
    );
    assert_eq!(error.metadata().attempts(), 0);
    assert_eq!(server.requests(), 0);
}

#[tokio::test]
async fn secrets_stay_out_of_debug_and_error_output() {
    let server = FaultServer::start(vec![error(400, "NotAuthorizedException")]).await;
    let client = Client::new(config(&server).build());
    let builder = client
        .admin_initiate_auth()
        .user_pool_id("us-east-1_faults")
        .client_id("client-id")
        .auth_flow(AuthFlowType::AdminUserPasswordAuth)
        .auth_parameters("PASSWORD", PASSWORD);
    let error = builder.clone().send().await.unwrap_err();
    for text in [
        format!("{client:?}"),
        format!("{:?}", client.config()),
        format!("{builder:?}"),
        format!("{error:?}"),
        error.to_string(),
    ] {
        assert!(
            !text.contains(SECRET_KEY) && !text.contains(PASSWORD),
            "a secret leaked: {text}"
        );
    }
}
