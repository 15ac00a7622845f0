//! Which certificate authorities the default transport trusts: Mozilla's
//! (built in), the platform's (feature `native-roots`), and any extra ones
//! from a PEM file (`Config::builder().ca_bundle(..)` or `AWS_CA_BUNDLE`).

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::CertificateDer;
use rustls::RootCertStore;

/// The trust roots the default transport starts from; a CA bundle adds to them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum TrustRoots {
    /// Mozilla's root certificates, built into the crate (`webpki-roots`):
    /// the same everywhere, whatever the machine trusts.
    #[default]
    Mozilla,
    /// The platform's trust store (`rustls-native-certs`: the OS store, or
    /// the file `SSL_CERT_FILE` names), for machines whose administrators
    /// install their own authorities.
    #[cfg(feature = "native-roots")]
    Platform,
    /// Both of the above.
    #[cfg(feature = "native-roots")]
    MozillaAndPlatform,
    /// None: only the certificates of the CA bundle are trusted.
    Empty,
}

/// Why the default transport could not be set up.
#[derive(Debug)]
pub struct TransportSetupError {
    message: String,
}

impl TransportSetupError {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        TransportSetupError {
            message: message.into(),
        }
    }
}

impl fmt::Display for TransportSetupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for TransportSetupError {}

/// A rustls configuration that trusts `roots` and the certificates of `ca_bundle`.
pub(crate) fn client_config(
    roots: TrustRoots,
    ca_bundle: Option<&Path>,
) -> Result<rustls::ClientConfig, TransportSetupError> {
    let mut store = RootCertStore::empty();
    match roots {
        TrustRoots::Mozilla => store.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned()),
        #[cfg(feature = "native-roots")]
        TrustRoots::Platform => add_platform_roots(&mut store)?,
        #[cfg(feature = "native-roots")]
        TrustRoots::MozillaAndPlatform => {
            store.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
            add_platform_roots(&mut store)?;
        }
        TrustRoots::Empty => {}
    }
    if let Some(path) = ca_bundle {
        add_bundle(&mut store, path)?;
    }
    rustls::ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()
        .map_err(|e| TransportSetupError::new(format!("cannot set up TLS: {e}")))
        .map(|builder| builder.with_root_certificates(store).with_no_client_auth())
}

/// Adds every certificate of the PEM file at `path`; a file that cannot be
/// read, holds a malformed section, or holds no certificate is an error
/// that names it.
fn add_bundle(store: &mut RootCertStore, path: &Path) -> Result<(), TransportSetupError> {
    let bad = |what: String| {
        TransportSetupError::new(format!("CA bundle {}: {what}", path.display()))
    };
    let bytes = std::fs::read(path).map_err(|e| bad(format!("cannot read it: {e}")))?;
    let mut added = 0;
    for (index, cert) in CertificateDer::pem_slice_iter(&bytes).enumerate() {
        let cert = cert.map_err(|e| bad(format!("not valid PEM: {e}")))?;
        store
            .add(cert)
            .map_err(|e| bad(format!("certificate {} is not a usable CA certificate: {e}", index + 1)))?;
        added += 1;
    }
    if added == 0 {
        return Err(bad("no `BEGIN CERTIFICATE` section found".into()));
    }
    Ok(())
}

/// Adds the platform's roots; fails only when it has none to give.
#[cfg(feature = "native-roots")]
fn add_platform_roots(store: &mut RootCertStore) -> Result<(), TransportSetupError> {
    let found = rustls_native_certs::load_native_certs();
    let (added, _ignored) = store.add_parsable_certificates(found.certs);
    if added == 0 {
        let why = found
            .errors
            .first()
            .map_or_else(|| "it is empty".to_owned(), ToString::to_string);
        return Err(TransportSetupError::new(format!(
            "no usable certificate in the platform's trust store: {why}"
        )));
    }
    Ok(())
}

/// The bundle a configuration names, else `AWS_CA_BUNDLE`'s, as the AWS CLI
/// and SDKs read it.
pub(crate) fn ca_bundle_from_env() -> Option<PathBuf> {
    std::env::var_os("AWS_CA_BUNDLE")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}
