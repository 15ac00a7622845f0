//! AWS credentials and where they come from: a fixed pair, the standard
//! environment variables, or any provider a user implements.

use std::fmt;
use std::time::SystemTime;

use super::error::BoxError;
use super::transport::BoxFuture;

/// What `Debug` prints instead of a secret.
const REDACTED: &str = "** redacted **";

/// An access key pair, with the session token of temporary credentials.
///
/// `Debug` shows the access key id (an identifier, as in IAM's console) and
/// never the secret key or the session token.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    access_key_id: String,
    secret_access_key: String,
    session_token: Option<String>,
    expiry: Option<SystemTime>,
}

impl Credentials {
    /// Credentials from an access key id, its secret, and for temporary
    /// credentials the session token.
    pub fn new(
        access_key_id: impl Into<String>,
        secret_access_key: impl Into<String>,
        session_token: Option<String>,
    ) -> Self {
        Credentials {
            access_key_id: access_key_id.into(),
            secret_access_key: secret_access_key.into(),
            session_token,
            expiry: None,
        }
    }

    /// The same credentials, refused by the client from `expiry` on.
    pub fn with_expiry(mut self, expiry: SystemTime) -> Self {
        self.expiry = Some(expiry);
        self
    }

    /// Reads `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and (if set)
    /// `AWS_SESSION_TOKEN`. Empty variables count as unset.
    pub fn from_env() -> Result<Self, CredentialsError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, CredentialsError> {
        let get = |name: &str| lookup(name).filter(|v| !v.is_empty());
        let access_key_id = get("AWS_ACCESS_KEY_ID")
            .ok_or_else(|| CredentialsError::not_found("the environment variable AWS_ACCESS_KEY_ID is not set"))?;
        let secret_access_key = get("AWS_SECRET_ACCESS_KEY")
            .ok_or_else(|| CredentialsError::not_found("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not"))?;
        Ok(Credentials::new(
            access_key_id,
            secret_access_key,
            get("AWS_SESSION_TOKEN"),
        ))
    }

    /// The access key id.
    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }

    /// The secret access key.
    pub fn secret_access_key(&self) -> &str {
        &self.secret_access_key
    }

    /// The session token of temporary credentials.
    pub fn session_token(&self) -> Option<&str> {
        self.session_token.as_deref()
    }

    /// When the credentials stop being valid, if they expire.
    pub fn expiry(&self) -> Option<SystemTime> {
        self.expiry
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &REDACTED)
            .field("session_token", &self.session_token.as_ref().map(|_| REDACTED))
            .field("expiry", &self.expiry)
            .finish()
    }
}

/// Supplies credentials for each call: implement it to fetch them from a
/// vault, an identity service or a cache of your own.
pub trait ProvideCredentials: Send + Sync + fmt::Debug {
    /// Credentials to sign the next request with. Return
    /// [`CredentialsError::not_found`] when there are none to give, so
    /// operations that may go unsigned (`@optionalAuth`) still work.
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>>;
}

impl ProvideCredentials for Credentials {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        Box::pin(std::future::ready(Ok(self.clone())))
    }
}

/// Reads the standard environment variables at every call; see
/// [`Credentials::from_env`]. The default when no credentials are configured.
#[derive(Clone, Copy, Debug, Default)]
pub struct EnvironmentCredentials;

impl ProvideCredentials for EnvironmentCredentials {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        Box::pin(std::future::ready(Credentials::from_env()))
    }
}

/// Why no credentials could be had.
#[derive(Debug)]
pub struct CredentialsError {
    not_found: bool,
    source: BoxError,
}

impl CredentialsError {
    /// There are no credentials to give (as opposed to a provider that failed).
    pub fn not_found(message: impl Into<String>) -> Self {
        CredentialsError {
            not_found: true,
            source: message.into().into(),
        }
    }

    /// The provider failed while looking for credentials.
    pub fn provider_error(source: impl Into<BoxError>) -> Self {
        CredentialsError {
            not_found: false,
            source: source.into(),
        }
    }

    /// Whether there simply were no credentials.
    pub fn is_not_found(&self) -> bool {
        self.not_found
    }
}

impl fmt::Display for CredentialsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.not_found {
            write!(f, "no AWS credentials: {}", self.source)
        } else {
            write!(f, "the credentials provider failed: {}", self.source)
        }
    }
}

impl std::error::Error for CredentialsError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(self.source.as_ref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lookup<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| vars.iter().find(|(k, _)| *k == name).map(|(_, v)| (*v).to_owned())
    }

    #[test]
    fn environment_variables_make_credentials() {
        let vars = [
            ("AWS_ACCESS_KEY_ID", "AKID"),
            ("AWS_SECRET_ACCESS_KEY", "secret"),
            ("AWS_SESSION_TOKEN", "token"),
        ];
        let c = Credentials::from_lookup(lookup(&vars)).unwrap();
        assert_eq!(
            (c.access_key_id(), c.secret_access_key(), c.session_token()),
            ("AKID", "secret", Some("token"))
        );
        let c = Credentials::from_lookup(lookup(&vars[..2])).unwrap();
        assert_eq!(c.session_token(), None);
    }

    #[test]
    fn missing_or_empty_variables_are_not_found() {
        let e = Credentials::from_lookup(lookup(&[("AWS_SECRET_ACCESS_KEY", "secret")])).unwrap_err();
        assert!(e.is_not_found());
        assert!(e.to_string().contains("AWS_ACCESS_KEY_ID is not set"), "{e}");
        let e = Credentials::from_lookup(lookup(&[("AWS_ACCESS_KEY_ID", "AKID"), ("AWS_SECRET_ACCESS_KEY", "")]))
            .unwrap_err();
        assert!(e.to_string().contains("AWS_SECRET_ACCESS_KEY is not"), "{e}");
    }

    #[test]
    fn debug_hides_the_secret_and_the_token() {
        let c = Credentials::new("AKID", "very-secret-key", Some("session-token-value".into()));
        let debug = format!("{c:?}");
        assert!(debug.contains("AKID"), "{debug}");
        assert!(
            !debug.contains("very-secret-key") && !debug.contains("session-token-value"),
            "{debug}"
        );
    }
}
