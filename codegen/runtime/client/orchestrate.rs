//! One call, from input to output: resolve the endpoint, build the request
//! with the operation's sans-IO function, sign it, send it, read the
//! response, and retry what is worth retrying, within the time limits.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use super::config::Config;
use tracing::Instrument;

use super::credentials::{describe, Credentials, CredentialsError};
use super::credentials_cache::CredentialsCache;
use super::endpoint::Target;
use super::error::{BoxError, DispatchFailure, ResponseFailure, SdkError, ServiceError, TimeoutFailure, TimeoutKind};
use super::metadata::ResponseMetadata;
use super::retry::{classify_error, jitter, RetryQuota, RetryReason};
use super::sign::Signer;
use super::tls::TransportSetupError;
use super::transport::{HttpClient, HyperClient, TransportError, TransportErrorKind};
use crate::auth::AuthMode;
use crate::error::{ProvideErrorMetadata, RequestError, ResponseError};

/// What the client needs to know about an operation; generated for each
/// one from its sans-IO functions.
pub(crate) trait Operation: 'static {
    type Input: Clone + Send + Sync + Unpin + 'static;
    type Output: Send + Unpin + 'static;
    type Error: ProvideErrorMetadata + Send + Unpin + 'static;

    /// The operation's name, for the call's `tracing` span.
    const NAME: &'static str;
    /// How its requests are authenticated.
    const AUTH: AuthMode;

    fn build_request(input: &Self::Input, endpoint: &str) -> Result<http::Request<Vec<u8>>, RequestError>;

    fn parse_response(
        status: u16,
        headers: &http::HeaderMap,
        body: &[u8],
    ) -> Result<Self::Output, ResponseError<Self::Error>>;

    fn set_metadata(output: &mut Self::Output, metadata: ResponseMetadata);

    /// The input to send in place of `input`, when a customization of the
    /// crate fills something in from the configuration (Cognito's
    /// `SECRET_HASH`); `None` sends `input` as it is.
    fn prepare(_input: &Self::Input, _config: &Config) -> Option<Self::Input> {
        None
    }
}

/// The shared state behind every clone of a client.
#[derive(Debug)]
pub(crate) struct Handle {
    pub(crate) config: Config,
    /// The transport, or why the default one could not be set up (every
    /// call then fails with that construction error).
    http: Result<Arc<dyn HttpClient>, Arc<TransportSetupError>>,
    credentials: CredentialsCache,
    /// `None` when the configured app name cannot go in a header.
    user_agent: Option<http::HeaderValue>,
    quota: RetryQuota,
    signing_name: &'static str,
    resolve_endpoint: ResolveEndpoint,
}

/// Where the requests of a configuration go: the crate's endpoint rules,
/// or the regional default for a model without them.
pub(crate) type ResolveEndpoint = fn(&Config) -> Result<Target, BoxError>;

/// How a call failed before it had a response to show for it.
enum Failure {
    Construction(BoxError),
    Timeout(TimeoutKind, Duration),
    Dispatch(TransportError),
}

impl Failure {
    fn into_sdk_error<E>(self, metadata: ResponseMetadata) -> SdkError<E> {
        match self {
            Failure::Construction(source) => SdkError::construction(source, metadata),
            Failure::Timeout(kind, limit) => SdkError::Timeout(TimeoutFailure { kind, limit, metadata }),
            Failure::Dispatch(source) => SdkError::Dispatch(DispatchFailure { source, metadata }),
        }
    }
}

/// One call as the operation-independent part of the client sees it. The
/// retry loop is the bulk of the client's code; taking the operation as
/// data rather than as a type parameter compiles it once, not once per
/// operation (a whole service has over a hundred).
#[derive(Clone, Copy)]
struct Call<'a> {
    auth: AuthMode,
    /// The operation's request for an endpoint URL.
    build: &'a BuildRequest<'a>,
    /// Whether an error response is worth retrying, and why.
    classify: fn(u16, &http::HeaderMap, &[u8]) -> Option<RetryReason>,
}

/// Builds an operation's request for the endpoint URL it is given.
type BuildRequest<'a> = dyn Fn(&str) -> Result<http::Request<Vec<u8>>, RequestError> + Sync + 'a;

/// Reads an error response as the operation's error to decide whether to
/// retry it: throttling, a server fault, `@retryable`.
fn classify<O: Operation>(status: u16, headers: &http::HeaderMap, body: &[u8]) -> Option<RetryReason> {
    match O::parse_response(status, headers, body) {
        Err(ResponseError::Service(error)) => classify_error(status, &error),
        _ => None,
    }
}

/// The headers that carry the request id, in order of preference.
const REQUEST_ID_HEADERS: &[&str] = &["x-amzn-requestid", "x-amz-request-id"];

const USER_AGENT: &str = concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));

impl Handle {
    pub(crate) fn new(config: Config, signing_name: &'static str, resolve_endpoint: ResolveEndpoint) -> Self {
        let http = match &config.http_client {
            Some(client) => Ok(client.clone()),
            None => match HyperClient::from_config(&config) {
                Ok(client) => Ok(Arc::new(client) as Arc<dyn HttpClient>),
                Err(e) => Err(Arc::new(e)),
            },
        };
        let user_agent = match config.app_name() {
            Some(app) => http::HeaderValue::from_str(&format!("{USER_AGENT} app/{app}")).ok(),
            None => Some(http::HeaderValue::from_static(USER_AGENT)),
        };
        Handle {
            credentials: CredentialsCache::new(config.credentials.clone(), config.credentials_expiry_buffer),
            user_agent,
            config,
            http,
            quota: RetryQuota::default(),
            signing_name,
            resolve_endpoint,
        }
    }

    /// Makes the call, retries included, within the operation timeout, in a
    /// `tracing` span that names the service, the operation and the region.
    pub(crate) async fn send<O: Operation>(&self, input: &O::Input) -> Result<O::Output, SdkError<O::Error>> {
        let span = tracing::debug_span!(
            "call",
            service = self.signing_name,
            operation = O::NAME,
            region = self.config.region()
        );
        let result = self.call::<O>(input).instrument(span.clone()).await;
        if let Err(error) = &result {
            span.in_scope(|| log_failure(error));
        }
        result
    }

    async fn call<O: Operation>(&self, input: &O::Input) -> Result<O::Output, SdkError<O::Error>> {
        let mut metadata = ResponseMetadata::default();
        let prepared = O::prepare(input, &self.config);
        let input = prepared.as_ref().unwrap_or(input);
        let build = |url: &str| O::build_request(input, url);
        let call = Call {
            auth: O::AUTH,
            build: &build,
            classify: classify::<O>,
        };
        let response = match self.exchange(call, &mut metadata).await {
            Ok(response) => response,
            Err(failure) => return Err(failure.into_sdk_error(metadata)),
        };
        match O::parse_response(response.status().as_u16(), response.headers(), response.body()) {
            Ok(mut output) => {
                O::set_metadata(&mut output, metadata);
                Ok(output)
            }
            Err(ResponseError::Service(error)) => Err(SdkError::Service(ServiceError { error, metadata })),
            Err(ResponseError::Deserialize(source)) => Err(SdkError::Response(ResponseFailure { source, metadata })),
        }
    }

    /// The call's last response, retries included, within the operation timeout.
    async fn exchange(
        &self,
        call: Call<'_>,
        metadata: &mut ResponseMetadata,
    ) -> Result<http::Response<Vec<u8>>, Failure> {
        let Some(limit) = self.config.operation_timeout else {
            return self.attempts(call, metadata).await;
        };
        let outcome = tokio::time::timeout(limit, self.attempts(call, metadata)).await;
        outcome.unwrap_or_else(|_| Err(Failure::Timeout(TimeoutKind::Operation, limit)))
    }

    /// Resolves, builds and signs the request, then sends it until a
    /// response is final: a success, an error not worth retrying, or the
    /// last attempt's.
    async fn attempts(
        &self,
        call: Call<'_>,
        metadata: &mut ResponseMetadata,
    ) -> Result<http::Response<Vec<u8>>, Failure> {
        let target = (self.resolve_endpoint)(&self.config).map_err(Failure::Construction)?;
        let mut request = (call.build)(&target.url).map_err(|e| Failure::Construction(e.into()))?;
        for (name, value) in &target.headers {
            request.headers_mut().append(name, value.clone());
        }
        let credentials = self.credentials(call.auth).await.map_err(Failure::Construction)?;
        let signer = match &credentials {
            Some(credentials) => Some(Signer {
                credentials,
                region: target
                    .signing_region
                    .as_deref()
                    .or(self.config.region())
                    .ok_or_else(|| {
                        Failure::Construction(
                            "no region to sign for: set one with `Config::builder().region(..)` or AWS_REGION".into(),
                        )
                    })?,
                signing_name: target.signing_name.as_deref().unwrap_or(self.signing_name),
            }),
            None => None,
        };
        let user_agent = self.user_agent.as_ref().ok_or_else(|| {
            Failure::Construction("the app name has characters a User-Agent header cannot carry".into())
        })?;
        let max_attempts = self.config.retry.max_attempts();
        let mut spent = 0;
        loop {
            let mut request = request.clone();
            prepare(&mut request, user_agent);
            if let Some(signer) = &signer {
                if let Err(e) = signer.sign(&mut request, SystemTime::now()) {
                    return Err(Failure::Construction(format!("cannot sign the request: {e}").into()));
                }
            }
            metadata.attempts += 1;
            metadata.request_id = None;
            metadata.http_status = None;
            let (outcome, reason) = match self.attempt(request, metadata).await {
                Ok(response) if response.status().is_success() => {
                    log_attempt(metadata, None, None);
                    self.quota.release(spent);
                    return Ok(response);
                }
                // The last attempt's error is final whatever it is: no need to read it here.
                Ok(response) if metadata.attempts >= max_attempts => {
                    log_attempt(metadata, None, None);
                    return Ok(response);
                }
                Ok(response) => {
                    let reason = (call.classify)(response.status().as_u16(), response.headers(), response.body());
                    (Ok(response), reason)
                }
                Err((failure, reason)) => (Err(failure), reason),
            };
            let retry = reason.filter(|_| metadata.attempts < max_attempts);
            let Some(cost) = retry.and_then(|reason| self.quota.acquire(reason)) else {
                log_attempt(metadata, None, None);
                return outcome;
            };
            spent += cost;
            let delay = self.config.retry.backoff(metadata.attempts, jitter());
            log_attempt(metadata, reason, Some(delay));
            metadata.total_retry_delay += delay;
            tokio::time::sleep(delay).await;
        }
    }

    /// Sends one attempt and takes its response, whatever its status; a
    /// failure to get one comes with the reason to retry, if there is one.
    async fn attempt(
        &self,
        request: http::Request<Vec<u8>>,
        metadata: &mut ResponseMetadata,
    ) -> Result<http::Response<Vec<u8>>, (Failure, Option<RetryReason>)> {
        let http = match &self.http {
            Ok(http) => http,
            Err(e) => return Err((Failure::Construction(Box::new(e.clone())), None)),
        };
        let sent = http.send(request);
        let response = match self.config.attempt_timeout {
            Some(limit) => match tokio::time::timeout(limit, sent).await {
                Ok(response) => response,
                Err(_) => {
                    return Err((
                        Failure::Timeout(TimeoutKind::Attempt, limit),
                        Some(RetryReason::Timeout),
                    ))
                }
            },
            None => sent.await,
        };
        let response = response.map_err(|e| {
            let reason = match e.kind() {
                TransportErrorKind::Timeout => Some(RetryReason::Timeout),
                _ if e.is_transient() => Some(RetryReason::Transient),
                _ => None,
            };
            (Failure::Dispatch(e), reason)
        })?;
        let status = response.status().as_u16();
        metadata.http_status = Some(status);
        metadata.request_id = REQUEST_ID_HEADERS
            .iter()
            .find_map(|name| response.headers().get(*name)?.to_str().ok())
            .map(str::to_owned);
        Ok(response)
    }

    /// The credentials to sign with, or `None` for a request sent unsigned.
    async fn credentials(&self, auth: AuthMode) -> Result<Option<Credentials>, BoxError> {
        if auth == AuthMode::None {
            return Ok(None);
        }
        signing_credentials(auth, self.credentials.get().await)
    }
}

/// What the provider gave, as the operation's auth mode takes it:
/// `@optionalAuth` operations go unsigned when there are no credentials,
/// others fail; a provider that broke fails either way, with its reason.
fn signing_credentials(
    auth: AuthMode,
    provided: Result<Credentials, Arc<CredentialsError>>,
) -> Result<Option<Credentials>, BoxError> {
    match provided {
        Ok(credentials) => Ok(Some(credentials)),
        Err(e) if auth == AuthMode::Optional && matches!(*e, CredentialsError::CredentialsNotLoaded(_)) => Ok(None),
        Err(e) => Err(format!("no AWS credentials: {}", describe(e.as_ref())).into()),
    }
}

/// One event per attempt: its number, the HTTP status and request id of its
/// response if there was one, and the wait before the next attempt if
/// there is one.
fn log_attempt(metadata: &ResponseMetadata, retry: Option<RetryReason>, delay: Option<Duration>) {
    tracing::debug!(
        attempt = metadata.attempts,
        status = metadata.http_status,
        request_id = metadata.request_id.as_deref(),
        retry = retry.map(RetryReason::as_str),
        delay = delay.map(tracing::field::debug),
        "attempt"
    );
}

/// The end of a failed call: what failed, never the request or response
/// bodies (the service's code and message only).
fn log_failure<E: ProvideErrorMetadata>(error: &SdkError<E>) {
    let metadata = error.metadata();
    let (kind, detail) = match error {
        SdkError::Construction(e) => ("construction", e.to_string()),
        SdkError::Timeout(e) => ("timeout", e.to_string()),
        SdkError::Dispatch(e) => ("dispatch", e.to_string()),
        SdkError::Response(e) => ("response", e.to_string()),
        SdkError::Service(e) => (
            "service",
            format!(
                "{}: {}",
                e.error.code().unwrap_or("unknown code"),
                e.error.message().unwrap_or("no message")
            ),
        ),
    };
    tracing::debug!(
        kind,
        error = %detail,
        attempts = metadata.attempts(),
        status = metadata.http_status(),
        request_id = metadata.request_id(),
        "call failed"
    );
}

/// Headers every attempt carries besides the operation's own.
fn prepare(request: &mut http::Request<Vec<u8>>, user_agent: &http::HeaderValue) {
    // Signed, so it must be the exact `Host` the transport sends: set it
    // here rather than leave it to the transport.
    if let Some(host) = request
        .uri()
        .authority()
        .and_then(|a| http::HeaderValue::from_str(a.as_str()).ok())
    {
        request.headers_mut().insert(http::header::HOST, host);
    }
    request.headers_mut().insert(http::header::USER_AGENT, user_agent.clone());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn credentials() -> Credentials {
        Credentials::from_keys("AKID", "secret", None)
    }

    #[test]
    fn optional_auth_goes_unsigned_only_without_credentials() {
        let missing = || Err(Arc::new(CredentialsError::not_loaded("none here")));
        let broken = || Err(Arc::new(CredentialsError::provider_error("vault unreachable")));
        assert!(signing_credentials(AuthMode::Optional, Ok(credentials()))
            .unwrap()
            .is_some());
        assert!(signing_credentials(AuthMode::Optional, missing()).unwrap().is_none());
        let error = signing_credentials(AuthMode::Optional, broken()).unwrap_err();
        assert!(error.to_string().contains("vault unreachable"), "{error}");
    }

    #[test]
    fn sigv4_needs_credentials() {
        assert!(signing_credentials(AuthMode::SigV4, Ok(credentials()))
            .unwrap()
            .is_some());
        let missing = Err(Arc::new(CredentialsError::not_loaded("none here")));
        let error = signing_credentials(AuthMode::SigV4, missing).unwrap_err();
        assert!(error.to_string().contains("no AWS credentials"), "{error}");
        assert!(error.to_string().contains("none here"), "{error}");
    }

    #[test]
    fn every_attempt_names_its_host_and_client() {
        let mut request = http::Request::builder()
            .uri("http://127.0.0.1:5000/")
            .body(Vec::new())
            .unwrap();
        prepare(&mut request, &http::HeaderValue::from_static(USER_AGENT));
        assert_eq!(request.headers()[http::header::HOST], "127.0.0.1:5000");
        assert_eq!(request.headers()[http::header::USER_AGENT], USER_AGENT);
    }
}
