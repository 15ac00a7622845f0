//! AWS credentials, in the ecosystem's own types: [`Credentials`] and the
//! [`ProvideCredentials`] trait are `aws-credential-types`' (re-exported),
//! so every provider of `aws-config` (default chain, profiles, SSO, web
//! identity, container and instance credentials) plugs in as it is. This
//! module adds the provider of the standard environment variables, the
//! default when nothing else is configured.

pub use aws_credential_types::provider::error::CredentialsError;
pub use aws_credential_types::provider::future::ProvideCredentials as ProvideCredentialsFuture;
pub use aws_credential_types::provider::{ProvideCredentials, SharedCredentialsProvider};
pub use aws_credential_types::Credentials;

/// The provider name credentials read from the environment carry.
const ENVIRONMENT: &str = "Environment";

/// Reads `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and (if set)
/// `AWS_SESSION_TOKEN` when asked. Empty variables count as unset; no key
/// id is "not loaded" (so `@optionalAuth` operations go unsigned), a key id
/// without its secret is a configuration error. The default when no
/// credentials are configured.
#[derive(Clone, Copy, Debug, Default)]
pub struct EnvironmentCredentials;

impl EnvironmentCredentials {
    fn load(lookup: impl Fn(&str) -> Option<String>) -> Result<Credentials, CredentialsError> {
        let get = |name: &str| lookup(name).filter(|v| !v.is_empty());
        let access_key_id = get("AWS_ACCESS_KEY_ID")
            .ok_or_else(|| CredentialsError::not_loaded("the environment variable AWS_ACCESS_KEY_ID is not set"))?;
        let secret_access_key = get("AWS_SECRET_ACCESS_KEY").ok_or_else(|| {
            CredentialsError::invalid_configuration("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not")
        })?;
        Ok(Credentials::new(
            access_key_id,
            secret_access_key,
            get("AWS_SESSION_TOKEN"),
            None,
            ENVIRONMENT,
        ))
    }
}

impl ProvideCredentials for EnvironmentCredentials {
    fn provide_credentials<'a>(&'a self) -> ProvideCredentialsFuture<'a>
    where
        Self: 'a,
    {
        ProvideCredentialsFuture::ready(Self::load(|name| std::env::var(name).ok()))
    }
}

/// A provider's error as one line: its own text and every source under it.
/// The errors of `aws-credential-types` keep the provider's reason in
/// their source, not in their `Display`.
pub(crate) fn describe(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
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
        let c = EnvironmentCredentials::load(lookup(&vars)).unwrap();
        assert_eq!(
            (c.access_key_id(), c.secret_access_key(), c.session_token()),
            ("AKID", "secret", Some("token"))
        );
        let c = EnvironmentCredentials::load(lookup(&vars[..2])).unwrap();
        assert_eq!(c.session_token(), None);
    }

    #[test]
    fn missing_or_empty_variables_are_errors_that_say_which() {
        let e = EnvironmentCredentials::load(lookup(&[("AWS_SECRET_ACCESS_KEY", "secret")])).unwrap_err();
        assert!(matches!(e, CredentialsError::CredentialsNotLoaded(_)), "{e:?}");
        assert!(describe(&e).contains("AWS_ACCESS_KEY_ID is not set"), "{e}");
        let e = EnvironmentCredentials::load(lookup(&[("AWS_ACCESS_KEY_ID", "AKID"), ("AWS_SECRET_ACCESS_KEY", "")]))
            .unwrap_err();
        assert!(matches!(e, CredentialsError::InvalidConfiguration(_)), "{e:?}");
        assert!(describe(&e).contains("AWS_SECRET_ACCESS_KEY is not"), "{e}");
    }
}
