//! The client's configuration: where to send requests, how to sign them,
//! how long to wait and how often to try. Anything not set comes from the
//! standard environment variables or a safe default.

use std::sync::Arc;
use std::time::Duration;

use super::credentials::{Credentials, EnvironmentCredentials, ProvideCredentials, SharedCredentialsProvider};
use super::credentials_cache::DEFAULT_EXPIRY_BUFFER;
use super::proxy::ProxyConfig;
use super::retry::RetryConfig;
use super::tls::TrustRoots;
use super::transport::HttpClient;

/// How long a connection attempt may take by default, as in AWS SDKs.
const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_millis(3100);

/// The largest response body the default transport reads by default. AWS
/// JSON services answer with at most a few megabytes (DynamoDB's largest
/// pages are 16 MB of items); anything far beyond is not a real answer, and
/// reading it without a bound would let a broken or hostile endpoint
/// exhaust the caller's memory.
pub(crate) const DEFAULT_MAX_RESPONSE_BODY: usize = 64 * 1024 * 1024;

/// Configuration of a [`Client`](super::Client). Build one with
/// [`Config::builder`], or take everything from the environment with
/// [`Config::from_env`].
///
/// `Debug` shows no secret: credentials providers redact their own.
#[derive(Clone, Debug)]
pub struct Config {
    pub(crate) region: Option<String>,
    pub(crate) endpoint_url: Option<String>,
    pub(crate) use_fips: bool,
    pub(crate) use_dual_stack: bool,
    pub(crate) credentials: SharedCredentialsProvider,
    pub(crate) credentials_expiry_buffer: Duration,
    pub(crate) app_name: Option<String>,
    pub(crate) http_client: Option<Arc<dyn HttpClient>>,
    pub(crate) connect_timeout: Option<Duration>,
    pub(crate) max_response_body: usize,
    pub(crate) attempt_timeout: Option<Duration>,
    pub(crate) operation_timeout: Option<Duration>,
    pub(crate) retry: RetryConfig,
    pub(crate) trust_roots: TrustRoots,
    pub(crate) ca_bundle: Option<std::path::PathBuf>,
    pub(crate) proxy: ProxyConfig,
    /// Settings a customization of the crate adds (such as Cognito's app
    /// client secrets), by type. Its `Debug` lists nothing.
    pub(crate) extensions: http::Extensions,
}

impl Config {
    /// A builder with nothing set.
    pub fn builder() -> ConfigBuilder {
        ConfigBuilder::default()
    }

    /// Region and credentials from the environment (`AWS_REGION` or
    /// `AWS_DEFAULT_REGION`; `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`,
    /// `AWS_SESSION_TOKEN`), defaults for everything else.
    pub fn from_env() -> Self {
        Self::builder().build()
    }

    /// The region requests are sent to and signed for.
    pub fn region(&self) -> Option<&str> {
        self.region.as_deref()
    }

    /// The endpoint that replaces the region's, if one was set.
    pub fn endpoint_url(&self) -> Option<&str> {
        self.endpoint_url.as_deref()
    }

    /// Whether FIPS endpoints are asked for.
    pub fn use_fips(&self) -> bool {
        self.use_fips
    }

    /// Whether dual-stack (IPv4 and IPv6) endpoints are asked for.
    pub fn use_dual_stack(&self) -> bool {
        self.use_dual_stack
    }

    /// How long the default transport waits for a connection.
    pub fn connect_timeout(&self) -> Option<Duration> {
        self.connect_timeout
    }

    /// How long one attempt may wait for its complete response.
    pub fn attempt_timeout(&self) -> Option<Duration> {
        self.attempt_timeout
    }

    /// How long a whole call, retries and waits included, may take.
    pub fn operation_timeout(&self) -> Option<Duration> {
        self.operation_timeout
    }

    /// How often and how patiently calls are retried.
    pub fn retry(&self) -> &RetryConfig {
        &self.retry
    }

    /// The certificate authorities the default transport starts from.
    pub fn trust_roots(&self) -> TrustRoots {
        self.trust_roots
    }

    /// The PEM file of extra certificate authorities, if one was set or
    /// named by `AWS_CA_BUNDLE`.
    pub fn ca_bundle(&self) -> Option<&std::path::Path> {
        self.ca_bundle.as_deref()
    }

    /// Which proxy the default transport goes through.
    pub fn proxy(&self) -> &ProxyConfig {
        &self.proxy
    }

    /// The provider the client's credentials cache asks.
    pub fn credentials_provider(&self) -> &SharedCredentialsProvider {
        &self.credentials
    }

    /// How long before their expiry cached credentials are replaced.
    pub fn credentials_expiry_buffer(&self) -> Duration {
        self.credentials_expiry_buffer
    }

    /// The application's name in the `User-Agent` of every request.
    pub fn app_name(&self) -> Option<&str> {
        self.app_name.as_deref()
    }

    /// A customization's setting of type `T`, if it was set.
    // Only crates with a customization that has settings read it.
    #[allow(dead_code)]
    pub(crate) fn extension<T: Clone + Send + Sync + 'static>(&self) -> Option<&T> {
        self.extensions.get::<T>()
    }
}

/// Builds a [`Config`]; see [`Config::builder`].
#[derive(Clone, Debug, Default)]
pub struct ConfigBuilder {
    region: Option<String>,
    endpoint_url: Option<String>,
    use_fips: bool,
    use_dual_stack: bool,
    credentials: Option<SharedCredentialsProvider>,
    credentials_expiry_buffer: Option<Duration>,
    app_name: Option<String>,
    http_client: Option<Arc<dyn HttpClient>>,
    connect_timeout: Option<Option<Duration>>,
    max_response_body: Option<usize>,
    attempt_timeout: Option<Duration>,
    operation_timeout: Option<Duration>,
    retry: Option<RetryConfig>,
    trust_roots: TrustRoots,
    ca_bundle: Option<std::path::PathBuf>,
    proxy: ProxyConfig,
    extensions: http::Extensions,
}

impl ConfigBuilder {
    /// The region, such as `us-east-1`. Default: `AWS_REGION`, else `AWS_DEFAULT_REGION`.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Sends every request to `url` (such as `http://127.0.0.1:5000` for a
    /// local emulator, or a VPC endpoint) instead of the region's endpoint.
    /// Requests are still signed for the configured region.
    pub fn endpoint_url(mut self, url: impl Into<String>) -> Self {
        self.endpoint_url = Some(url.into());
        self
    }

    /// Asks for the region's FIPS endpoint.
    pub fn use_fips(mut self, use_fips: bool) -> Self {
        self.use_fips = use_fips;
        self
    }

    /// Asks for the region's dual-stack endpoint.
    pub fn use_dual_stack(mut self, use_dual_stack: bool) -> Self {
        self.use_dual_stack = use_dual_stack;
        self
    }

    /// Signs with these credentials (`Credentials::from_keys(id, secret,
    /// token)`). Default: the environment variables (see
    /// [`EnvironmentCredentials`]).
    pub fn credentials(self, credentials: Credentials) -> Self {
        self.credentials_provider(credentials)
    }

    /// Signs with credentials from `provider`: any provider of `aws-config`
    /// or one of your own. The client caches what it gives (see
    /// [`credentials_expiry_buffer`](Self::credentials_expiry_buffer)).
    pub fn credentials_provider(mut self, provider: impl ProvideCredentials + 'static) -> Self {
        self.credentials = Some(SharedCredentialsProvider::new(provider));
        self
    }

    /// Signs with credentials from an already shared provider, such as
    /// `SdkConfig::credentials_provider()`.
    pub fn shared_credentials_provider(mut self, provider: SharedCredentialsProvider) -> Self {
        self.credentials = Some(provider);
        self
    }

    /// How long before their expiry cached credentials are replaced by
    /// fresh ones from the provider (default 5 minutes). Credentials
    /// without an expiry are asked for again every 15 minutes.
    pub fn credentials_expiry_buffer(mut self, buffer: Duration) -> Self {
        self.credentials_expiry_buffer = Some(buffer);
        self
    }

    /// Names the application in the `User-Agent` of every request
    /// (`app/NAME`), as the AWS SDKs do.
    pub fn app_name(mut self, name: impl Into<String>) -> Self {
        self.app_name = Some(name.into());
        self
    }

    /// Sends requests through `client` instead of the default hyper transport.
    pub fn http_client(mut self, client: impl HttpClient + 'static) -> Self {
        self.http_client = Some(Arc::new(client));
        self
    }

    /// How long the default transport waits for a connection (default 3.1 s;
    /// `None` waits as long as the OS does). A custom transport keeps its own.
    pub fn connect_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// The most bytes of response body the default transport reads (default
    /// 64 MiB); a longer body fails the attempt, and is not retried. A custom
    /// transport keeps its own limit.
    pub fn max_response_body(mut self, bytes: usize) -> Self {
        self.max_response_body = Some(bytes);
        self
    }

    /// How long one attempt may wait for its complete response before it
    /// counts as failed (and is retried). Default: no limit.
    pub fn attempt_timeout(mut self, timeout: Duration) -> Self {
        self.attempt_timeout = Some(timeout);
        self
    }

    /// How long a whole call may take, retries and waits included. Default: no limit.
    pub fn operation_timeout(mut self, timeout: Duration) -> Self {
        self.operation_timeout = Some(timeout);
        self
    }

    /// How often and how patiently to retry. Default: [`RetryConfig::standard`].
    pub fn retry(mut self, retry: RetryConfig) -> Self {
        self.retry = Some(retry);
        self
    }

    /// The certificate authorities the default transport trusts (default
    /// Mozilla's); a [CA bundle](Self::ca_bundle) adds to them.
    pub fn trust_roots(mut self, roots: TrustRoots) -> Self {
        self.trust_roots = roots;
        self
    }

    /// Also trusts the certificates of this PEM file (a private CA, a
    /// TLS-inspecting proxy's). Default: the file `AWS_CA_BUNDLE` names, as
    /// the AWS CLI and SDKs read it. A file that cannot be read or holds no
    /// certificate fails every call with a construction error naming it.
    pub fn ca_bundle(mut self, path: impl Into<std::path::PathBuf>) -> Self {
        self.ca_bundle = Some(path.into());
        self
    }

    /// Which proxy the default transport goes through. Default:
    /// [`ProxyConfig::from_env`]; [`ProxyConfig::disabled`] ignores the environment.
    pub fn proxy(mut self, proxy: ProxyConfig) -> Self {
        self.proxy = proxy;
        self
    }

    /// Changes a customization's setting of type `T` (made with its default first).
    // Only crates with a customization that has settings call it.
    #[allow(dead_code)]
    pub(crate) fn extension_mut<T: Clone + Default + Send + Sync + 'static>(&mut self) -> &mut T {
        self.extensions.get_or_insert_default::<T>()
    }

    /// The configuration, with the environment and defaults filling what was not set.
    pub fn build(self) -> Config {
        let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        Config {
            region: self
                .region
                .or_else(|| env("AWS_REGION"))
                .or_else(|| env("AWS_DEFAULT_REGION")),
            endpoint_url: self.endpoint_url,
            use_fips: self.use_fips,
            use_dual_stack: self.use_dual_stack,
            credentials: self
                .credentials
                .unwrap_or_else(|| SharedCredentialsProvider::new(EnvironmentCredentials)),
            credentials_expiry_buffer: self.credentials_expiry_buffer.unwrap_or(DEFAULT_EXPIRY_BUFFER),
            app_name: self.app_name,
            http_client: self.http_client,
            connect_timeout: self.connect_timeout.unwrap_or(Some(DEFAULT_CONNECT_TIMEOUT)),
            max_response_body: self.max_response_body.unwrap_or(DEFAULT_MAX_RESPONSE_BODY),
            attempt_timeout: self.attempt_timeout,
            operation_timeout: self.operation_timeout,
            retry: self.retry.unwrap_or_default(),
            trust_roots: self.trust_roots,
            ca_bundle: self.ca_bundle.or_else(super::tls::ca_bundle_from_env),
            proxy: self.proxy,
            extensions: self.extensions,
        }
    }
}
