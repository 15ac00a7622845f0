//! The transport: the one place bytes meet the network. The client only
//! needs "send this request, give me the whole response", so that is the
//! trait; bring your own implementation (a proxy, a recorder, a fault
//! injector in tests) or use the default one on hyper and rustls.

use std::error::Error as StdError;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use http_body_util::BodyExt;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;

use super::config::Config;
use super::error::BoxError;
use super::proxy::ProxyConnector;
use super::tls::{self, TransportSetupError, TrustRoots};

/// A future that can be sent to another thread, boxed so traits can return it.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Sends one HTTP request and reads the whole response.
///
/// The client calls it once per attempt, with a request that is already
/// signed; retries, timeouts and signing stay in the client. Report
/// failures with a [`TransportErrorKind`] that says whether trying again
/// could help.
pub trait HttpClient: Send + Sync + fmt::Debug {
    /// Sends `request` and returns the response with its complete body.
    fn send(&self, request: http::Request<Vec<u8>>) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>>;
}

/// What kind of failure a transport hit: the client retries the first three.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// No connection could be made (refused, unreachable, DNS, TLS handshake).
    Connect,
    /// The connection failed while the request or response was in flight (reset, closed early).
    Io,
    /// The transport's own time limit ran out.
    Timeout,
    /// Anything else; not retried.
    Other,
}

/// A failure to send a request or to receive its response.
#[derive(Debug)]
pub struct TransportError {
    kind: TransportErrorKind,
    source: BoxError,
}

impl TransportError {
    /// A failure of `kind`, caused by `source`.
    pub fn new(kind: TransportErrorKind, source: impl Into<BoxError>) -> Self {
        TransportError {
            kind,
            source: source.into(),
        }
    }

    /// What kind of failure this is.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// Whether sending the same request again may succeed.
    pub fn is_transient(&self) -> bool {
        self.kind != TransportErrorKind::Other
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            TransportErrorKind::Connect => "cannot connect",
            TransportErrorKind::Io => "connection failed",
            TransportErrorKind::Timeout => "transport timed out",
            TransportErrorKind::Other => "transport error",
        };
        write!(f, "{what}: {}", self.source)?;
        // hyper's errors say "client error (Connect)" and keep the useful
        // part (the OS error, the TLS alert) in their sources.
        let mut source = self.source.source();
        while let Some(s) = source {
            write!(f, ": {s}")?;
            source = s.source();
        }
        Ok(())
    }
}

impl StdError for TransportError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        Some(self.source.as_ref())
    }
}

type HttpsConnector = hyper_rustls::HttpsConnector<ProxyConnector>;
type Body = http_body_util::Full<hyper::body::Bytes>;

/// The default transport: hyper's pooled HTTP/1.1 client with rustls
/// (ring; Mozilla's root certificates unless told otherwise), through the
/// proxy the environment or [`ProxyConfig`](super::ProxyConfig) names. Speaks `https` and,
/// for local emulators, plain `http`.
#[derive(Clone)]
pub struct HyperClient {
    client: hyper_util::client::legacy::Client<HttpsConnector, Body>,
    proxies: ProxyConnector,
    max_response_body: usize,
}

impl HyperClient {
    /// A client whose connection attempts give up after `connect_timeout`,
    /// with Mozilla's roots, the environment's proxies, and response bodies
    /// of up to 64 MiB (see
    /// [`with_max_response_body`](Self::with_max_response_body)). A
    /// `HTTPS_PROXY` URL that cannot be read is ignored, as curl does.
    pub fn new(connect_timeout: Option<Duration>) -> Self {
        let matcher = Some(Arc::new(hyper_util::client::proxy::matcher::Matcher::from_env()));
        match tls::client_config(TrustRoots::Mozilla, None) {
            Ok(tls) => Self::assemble(connect_timeout, tls, matcher),
            // Only fails for a provider that lacks the default TLS
            // versions; ring has both.
            Err(e) => unreachable!("ring supports TLS 1.2 and 1.3: {e}"),
        }
    }

    /// A client set up as `config` says: its connect timeout, response body
    /// limit, trust roots, CA bundle and proxy. Fails, naming the file or
    /// the proxy (never its credentials), when the CA bundle cannot be read
    /// or holds no certificate, when the platform's trust store is empty,
    /// or when an explicit proxy URL cannot be used.
    pub fn from_config(config: &Config) -> Result<Self, TransportSetupError> {
        let tls = tls::client_config(config.trust_roots, config.ca_bundle.as_deref())?;
        let matcher = config.proxy.matcher()?;
        Ok(Self::assemble(config.connect_timeout, tls, matcher).with_max_response_body(config.max_response_body))
    }

    fn assemble(
        connect_timeout: Option<Duration>,
        tls: rustls::ClientConfig,
        matcher: Option<Arc<hyper_util::client::proxy::matcher::Matcher>>,
    ) -> Self {
        let mut http = HttpConnector::new();
        http.enforce_http(false);
        http.set_nodelay(true);
        http.set_connect_timeout(connect_timeout);
        let proxies = ProxyConnector::new(http, matcher);
        let https = hyper_rustls::HttpsConnectorBuilder::new()
            .with_tls_config(tls)
            .https_or_http()
            .enable_http1()
            .wrap_connector(proxies.clone());
        let client = hyper_util::client::legacy::Client::builder(TokioExecutor::new()).build(https);
        HyperClient {
            client,
            proxies,
            max_response_body: super::config::DEFAULT_MAX_RESPONSE_BODY,
        }
    }

    /// Refuses response bodies longer than `bytes`: the attempt fails with a
    /// [`TransportErrorKind::Other`] error and is not retried.
    pub fn with_max_response_body(mut self, bytes: usize) -> Self {
        self.max_response_body = bytes;
        self
    }
}

impl fmt::Debug for HyperClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("HyperClient")
    }
}

impl HttpClient for HyperClient {
    fn send(&self, request: http::Request<Vec<u8>>) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>> {
        Box::pin(async move {
            let mut request = request.map(|body| Body::new(body.into()));
            // A forwarding proxy (for `http` destinations) sees the request
            // itself, so the request carries the proxy's credentials; a
            // tunnel carries them in its CONNECT instead.
            if request.uri().scheme_str() == Some("http") {
                if let Some(auth) = self.proxies.intercept(request.uri()).and_then(|p| p.basic_auth().cloned()) {
                    request.headers_mut().insert(http::header::PROXY_AUTHORIZATION, auth);
                }
            }
            let response = self.client.request(request).await.map_err(|e| {
                let kind = if e.is_connect() {
                    TransportErrorKind::Connect
                } else {
                    io_kind(&e)
                };
                TransportError::new(kind, e)
            })?;
            let (parts, body) = response.into_parts();
            let limit = self.max_response_body;
            let body = http_body_util::Limited::new(body, limit).collect().await.map_err(|e| {
                if e.is::<http_body_util::LengthLimitError>() {
                    let message = format!("the response body is longer than the limit of {limit} bytes");
                    TransportError::new(TransportErrorKind::Other, message)
                } else {
                    TransportError::new(io_kind(e.as_ref()), e)
                }
            })?;
            Ok(http::Response::from_parts(parts, body.to_bytes().into()))
        })
    }
}

/// `Io` when the failure was the connection's (reset, closed, cut short),
/// `Other` otherwise (a malformed response, for example).
fn io_kind(error: &(dyn StdError + 'static)) -> TransportErrorKind {
    let mut current = Some(error);
    while let Some(e) = current {
        if let Some(e) = e.downcast_ref::<hyper::Error>() {
            if e.is_timeout() {
                return TransportErrorKind::Timeout;
            }
            if e.is_incomplete_message() || e.is_canceled() || e.is_closed() || e.is_body_write_aborted() {
                return TransportErrorKind::Io;
            }
        }
        if e.is::<std::io::Error>() {
            return TransportErrorKind::Io;
        }
        current = e.source();
    }
    TransportErrorKind::Other
}
