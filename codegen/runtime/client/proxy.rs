//! Proxies for the default transport: which one a destination goes through
//! (hyper-util's matcher reads `HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY`
//! and `NO_PROXY`, upper or lower case, as curl does), and the connector
//! that reaches it: a CONNECT tunnel for `https` destinations, plain
//! forwarding for `http` ones, with basic authentication from the proxy
//! URL's user and password.

use std::fmt;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use http::Uri;
use hyper::rt::{Read, ReadBufCursor, Write};
use hyper_util::client::legacy::connect::proxy::Tunnel;
use hyper_util::client::legacy::connect::{Connected, Connection, HttpConnector};
use hyper_util::client::proxy::matcher::{Intercept, Matcher};
use hyper_util::rt::TokioIo;
use tower_service::Service;

use super::error::BoxError;
use super::tls::TransportSetupError;
use super::transport::BoxFuture;

/// Which proxy, if any, the default transport sends requests through.
///
/// The default, [`ProxyConfig::from_env`], follows the environment; setting
/// a proxy here replaces the environment entirely. A proxy URL may carry
/// `user:password@`, sent as basic proxy authentication; `Debug` and
/// errors never show it.
#[derive(Clone, Default)]
pub struct ProxyConfig {
    mode: Mode,
}

#[derive(Clone, Default)]
enum Mode {
    #[default]
    Env,
    Explicit {
        http: Option<String>,
        https: Option<String>,
        no_proxy: Option<String>,
    },
}

impl ProxyConfig {
    /// The proxies of `HTTPS_PROXY`, `HTTP_PROXY` and `ALL_PROXY`, except
    /// for the hosts of `NO_PROXY` (each also in lower case), read when the
    /// transport is made.
    pub fn from_env() -> Self {
        ProxyConfig { mode: Mode::Env }
    }

    /// No proxy, whatever the environment says.
    pub fn disabled() -> Self {
        ProxyConfig {
            mode: Mode::Explicit {
                http: None,
                https: None,
                no_proxy: None,
            },
        }
    }

    /// `url` (such as `http://user:password@proxy.internal:3128`) for
    /// every destination.
    pub fn all(url: impl Into<String>) -> Self {
        let url = url.into();
        Self::disabled().http(url.clone()).https(url)
    }

    /// `url` for `https` destinations (the AWS endpoints), tunnelled with CONNECT.
    pub fn https(mut self, url: impl Into<String>) -> Self {
        *self.explicit().1 = Some(url.into());
        self
    }

    /// `url` for plain `http` destinations (local emulators, for example).
    pub fn http(mut self, url: impl Into<String>) -> Self {
        *self.explicit().0 = Some(url.into());
        self
    }

    /// Hosts reached directly: comma-separated names (each also matching
    /// its subdomains), IP addresses or networks (`10.0.0.0/8`), or `*`
    /// for every host; as `NO_PROXY` reads.
    pub fn no_proxy(mut self, hosts: impl Into<String>) -> Self {
        *self.explicit().2 = Some(hosts.into());
        self
    }

    /// The explicit settings, made empty first if they came from the environment.
    fn explicit(&mut self) -> (&mut Option<String>, &mut Option<String>, &mut Option<String>) {
        if matches!(self.mode, Mode::Env) {
            *self = Self::disabled();
        }
        match &mut self.mode {
            Mode::Explicit { http, https, no_proxy } => (http, https, no_proxy),
            Mode::Env => unreachable!("replaced just above"),
        }
    }

    /// The matcher the connector asks, or `None` when nothing is proxied.
    pub(crate) fn matcher(&self) -> Result<Option<Arc<Matcher>>, TransportSetupError> {
        let matcher = match &self.mode {
            Mode::Env => Matcher::from_env(),
            Mode::Explicit {
                http: None,
                https: None,
                ..
            } => return Ok(None),
            Mode::Explicit { http, https, no_proxy } => {
                let mut builder = Matcher::builder();
                if let Some(url) = http {
                    builder = builder.http(checked(url)?);
                }
                if let Some(url) = https {
                    builder = builder.https(checked(url)?);
                }
                if let Some(hosts) = no_proxy {
                    builder = builder.no(hosts.as_str());
                }
                builder.build()
            }
        };
        Ok(Some(Arc::new(matcher)))
    }
}

/// `url` if the matcher can use it; the matcher itself drops a URL it
/// cannot read, which for an explicit setting would silently mean "no proxy".
fn checked(url: &str) -> Result<String, TransportSetupError> {
    let probe = Matcher::builder().all(url).build();
    match probe.intercept(&Uri::from_static("https://example.com")) {
        Some(_) => Ok(url.to_owned()),
        None => Err(TransportSetupError::new(format!(
            "the proxy URL `{}` is not a URL with a host, such as http://proxy:3128",
            redacted(url)
        ))),
    }
}

/// `url` with any `user:password@` replaced, for messages.
fn redacted(url: &str) -> String {
    match url.rsplit_once('@') {
        Some((before, after)) => {
            let scheme = before.split_once("://").map_or("", |(scheme, _)| scheme);
            if scheme.is_empty() {
                format!("***@{after}")
            } else {
                format!("{scheme}://***@{after}")
            }
        }
        None => url.to_owned(),
    }
}

impl fmt::Debug for ProxyConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.mode {
            Mode::Env => f.write_str("ProxyConfig::from_env()"),
            Mode::Explicit { http, https, no_proxy } => f
                .debug_struct("ProxyConfig")
                .field("http", &http.as_deref().map(redacted))
                .field("https", &https.as_deref().map(redacted))
                .field("no_proxy", no_proxy)
                .finish(),
        }
    }
}

/// A connection failure on the way through a proxy: names the proxy
/// (scheme, host and port; never its credentials) and what went wrong.
#[derive(Debug)]
pub struct ProxyError {
    proxy: Uri,
    source: BoxError,
}

impl ProxyError {
    fn new(proxy: &Intercept, source: impl Into<BoxError>) -> Self {
        ProxyError {
            // The matcher keeps the credentials apart: this URI has none.
            proxy: proxy.uri().clone(),
            source: source.into(),
        }
    }

    /// The proxy, without credentials.
    pub fn proxy(&self) -> &Uri {
        &self.proxy
    }
}

impl fmt::Display for ProxyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let authority = self.proxy.authority().map_or("", |a| a.as_str());
        let scheme = self.proxy.scheme_str().unwrap_or("http");
        write!(f, "through the proxy {scheme}://{authority}")
    }
}

impl std::error::Error for ProxyError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(self.source.as_ref())
    }
}

/// Connects to a destination directly or through the proxy the matcher
/// picks for it.
#[derive(Clone, Debug)]
pub(crate) struct ProxyConnector {
    http: HttpConnector,
    matcher: Option<Arc<Matcher>>,
}

impl ProxyConnector {
    pub(crate) fn new(http: HttpConnector, matcher: Option<Arc<Matcher>>) -> Self {
        ProxyConnector { http, matcher }
    }

    /// The proxy for `uri`, if one applies.
    pub(crate) fn intercept(&self, uri: &Uri) -> Option<Intercept> {
        self.matcher.as_ref()?.intercept(uri)
    }
}

impl Service<Uri> for ProxyConnector {
    type Response = ProxiedStream;
    type Error = BoxError;
    type Future = BoxFuture<'static, Result<ProxiedStream, BoxError>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), BoxError>> {
        self.http.poll_ready(cx).map_err(Into::into)
    }

    fn call(&mut self, dst: Uri) -> Self::Future {
        let proxy = self.intercept(&dst);
        let mut http = self.http.clone();
        Box::pin(async move {
            let Some(proxy) = proxy else {
                let io = http.call(dst).await?;
                return Ok(ProxiedStream { io, forwarding: false });
            };
            if proxy.uri().scheme_str() != Some("http") {
                return Err(ProxyError::new(
                    &proxy,
                    "only http:// proxies are supported (no TLS to the proxy, no SOCKS)",
                )
                .into());
            }
            if dst.scheme_str() == Some("https") {
                let mut tunnel = Tunnel::new(proxy.uri().clone(), http);
                if let Some(auth) = proxy.basic_auth() {
                    tunnel = tunnel.with_auth(auth.clone());
                }
                let io = tunnel.call(dst).await.map_err(|e| ProxyError::new(&proxy, e))?;
                Ok(ProxiedStream { io, forwarding: false })
            } else {
                let io = http
                    .call(proxy.uri().clone())
                    .await
                    .map_err(|e| ProxyError::new(&proxy, e))?;
                Ok(ProxiedStream { io, forwarding: true })
            }
        })
    }
}

/// A TCP connection to the destination, a tunnel through a proxy, or a
/// connection to a forwarding proxy (which hyper then sends absolute URIs).
#[derive(Debug)]
pub(crate) struct ProxiedStream {
    io: TokioIo<tokio::net::TcpStream>,
    forwarding: bool,
}

impl Connection for ProxiedStream {
    fn connected(&self) -> Connected {
        self.io.connected().proxy(self.forwarding)
    }
}

impl Read for ProxiedStream {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: ReadBufCursor<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.io).poll_read(cx, buf)
    }
}

impl Write for ProxiedStream {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.io).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.io).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.io).poll_shutdown(cx)
    }

    fn is_write_vectored(&self) -> bool {
        self.io.is_write_vectored()
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.io).poll_write_vectored(cx, bufs)
    }
}
