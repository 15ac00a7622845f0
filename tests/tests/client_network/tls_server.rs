//! A certificate authority made for the test run, and an HTTPS server on
//! 127.0.0.1 whose certificate it signed (or a plain HTTP one), answering
//! every request as Cognito answers a successful sign-in.

use std::convert::Infallible;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use http_body_util::Full;
use hyper::body::Bytes;
use hyper_util::rt::TokioIo;
use rcgen::{BasicConstraints, CertificateParams, CertifiedIssuer, IsCa, KeyPair};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

/// What the server answers: an `AdminInitiateAuth` output.
pub const SIGNED_IN: &str = r#"{"AuthenticationResult":{"ExpiresIn":3600,"TokenType":"Bearer"}}"#;

/// The test CA: its certificate as PEM, in a file of its own.
pub struct TestCa {
    pub pem_file: PathBuf,
    server_cert: CertificateDer<'static>,
    server_key: PrivatePkcs8KeyDer<'static>,
}

impl TestCa {
    /// A new CA, and a server certificate for `127.0.0.1` it signed;
    /// the CA's PEM is written under `target/` as `name.pem`.
    pub fn new(name: &str) -> Self {
        let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params
            .distinguished_name
            .push(rcgen::DnType::CommonName, format!("{name} test CA"));
        let ca = CertifiedIssuer::self_signed(params, KeyPair::generate().unwrap()).unwrap();
        let server_key = KeyPair::generate().unwrap();
        let server = CertificateParams::new(vec!["127.0.0.1".to_owned()])
            .unwrap()
            .signed_by(&server_key, &ca)
            .unwrap();
        let dir = tests::workspace_root().join("target/client-network");
        std::fs::create_dir_all(&dir).unwrap();
        let pem_file = dir.join(format!("{name}.pem"));
        std::fs::write(&pem_file, ca.pem()).unwrap();
        TestCa {
            pem_file,
            server_cert: server.der().clone(),
            server_key: PrivatePkcs8KeyDer::from(server_key.serialize_der()),
        }
    }
}

/// The HTTPS server: where it listens and how many requests it answered.
pub struct TlsServer {
    pub url: String,
    pub port: u16,
    pub answered: Arc<AtomicUsize>,
}

impl TlsServer {
    /// Serves on a free port until the runtime ends.
    pub async fn start(ca: &TestCa) -> Self {
        let config = rustls::ServerConfig::builder_with_provider(Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(
            vec![ca.server_cert.clone()],
            PrivateKeyDer::Pkcs8(ca.server_key.clone_key()),
        )
        .unwrap();
        let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
        Self::serve(Some(acceptor), "https").await
    }

    /// The same server without TLS, for plain `http` (forwarded by proxies).
    pub async fn start_plain() -> Self {
        Self::serve(None, "http").await
    }

    async fn serve(acceptor: Option<tokio_rustls::TlsAcceptor>, scheme: &str) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let answered = Arc::new(AtomicUsize::new(0));
        let count = answered.clone();
        tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                let acceptor = acceptor.clone();
                let count = count.clone();
                tokio::spawn(async move {
                    let service = hyper::service::service_fn(move |_request| {
                        count.fetch_add(1, Ordering::SeqCst);
                        async move {
                            Ok::<_, Infallible>(
                                http::Response::builder()
                                    .header("x-amzn-requestid", "tls-ok")
                                    .body(Full::new(Bytes::from(SIGNED_IN)))
                                    .unwrap(),
                            )
                        }
                    });
                    let http = hyper::server::conn::http1::Builder::new();
                    let Some(acceptor) = acceptor else {
                        let _ = http.serve_connection(TokioIo::new(stream), service).await;
                        return;
                    };
                    // A client that refuses the certificate ends the handshake here.
                    if let Ok(tls) = acceptor.accept(stream).await {
                        let _ = http.serve_connection(TokioIo::new(tls), service).await;
                    }
                });
            }
        });
        TlsServer {
            url: format!("{scheme}://127.0.0.1:{port}"),
            port,
            answered,
        }
    }

    pub fn answered(&self) -> usize {
        self.answered.load(Ordering::SeqCst)
    }
}
