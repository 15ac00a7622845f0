//! Sign-in through the client: the app clients' secrets in the
//! configuration, `SECRET_HASH` filled into requests that lack it, and the
//! error of the sign-in flows.

use std::collections::HashMap;
use std::fmt;

use super::secret_hash::{ClientSecret, ClientSecrets, SECRET_HASH};
use super::step::StepError;
use crate::client::{Config, ConfigBuilder, SdkError};

impl ConfigBuilder {
    /// The secret of the app client `client_id`. Sign-in requests for that
    /// client then get `SECRET_HASH` when they do not carry one: starting
    /// a flow, over the `USERNAME` parameter; answering a challenge, over
    /// the `USERNAME` response (see [`crate::sign_in`] for why the username
    /// matters). `Debug` of the configuration never shows the secret.
    pub fn app_client_secret(
        mut self,
        client_id: impl Into<String>,
        secret: impl Into<String>,
    ) -> Self {
        self.extension_mut::<ClientSecrets>()
            .insert(client_id, ClientSecret::new(secret));
        self
    }
}

impl Config {
    /// The secret given for the app client `client_id`, if any.
    pub fn app_client_secret(&self, client_id: &str) -> Option<&ClientSecret> {
        self.extension::<ClientSecrets>()?.get(client_id)
    }
}

/// Flows that name the user in `USERNAME`, which `SECRET_HASH` is computed
/// over. The refresh flows do not: their hash needs the pool's username,
/// which the request does not hold (the sign-in flows' `refresh` computes it).
fn names_the_user(auth_flow: &str) -> bool {
    !matches!(auth_flow, "REFRESH_TOKEN_AUTH" | "REFRESH_TOKEN")
}

/// `AuthParameters` with `SECRET_HASH` added, when the configuration has
/// the app client's secret and the caller set no hash; `None` otherwise.
pub(crate) fn filled_auth_parameters(
    config: &Config,
    client_id: &str,
    auth_flow: &str,
    parameters: Option<&HashMap<String, String>>,
) -> Option<HashMap<String, String>> {
    if !names_the_user(auth_flow) {
        return None;
    }
    filled(config, client_id, parameters)
}

/// `ChallengeResponses` with `SECRET_HASH` added over their `USERNAME`,
/// when the configuration has the app client's secret and the caller set
/// no hash; `None` otherwise.
pub(crate) fn filled_challenge_responses(
    config: &Config,
    client_id: &str,
    responses: Option<&HashMap<String, String>>,
) -> Option<HashMap<String, String>> {
    filled(config, client_id, responses)
}

fn filled(
    config: &Config,
    client_id: &str,
    parameters: Option<&HashMap<String, String>>,
) -> Option<HashMap<String, String>> {
    let secrets = config.extension::<ClientSecrets>()?;
    let parameters = parameters?;
    if parameters.contains_key(SECRET_HASH) || secrets.get(client_id).is_none() {
        return None;
    }
    let mut parameters = parameters.clone();
    let username = parameters.get("USERNAME").cloned();
    secrets
        .fill(client_id, username.as_deref(), &mut parameters)
        .then_some(parameters)
}

/// Why a sign-in flow's call did not give a step: the call failed (`E` is
/// the operation's error), or its output could not be read.
#[derive(Debug)]
#[non_exhaustive]
pub enum SignInError<E> {
    /// The call failed: see [`SdkError`].
    Call(SdkError<E>),
    /// The output holds neither tokens nor a readable challenge.
    Step(StepError),
}

impl<E> SignInError<E> {
    /// The call's error, if the call failed.
    pub fn as_call_error(&self) -> Option<&SdkError<E>> {
        match self {
            SignInError::Call(e) => Some(e),
            SignInError::Step(_) => None,
        }
    }
}

impl<E: fmt::Display> fmt::Display for SignInError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SignInError::Call(e) => e.fmt(f),
            SignInError::Step(e) => e.fmt(f),
        }
    }
}

impl<E: std::error::Error + 'static> std::error::Error for SignInError<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SignInError::Call(e) => Some(e),
            SignInError::Step(e) => Some(e),
        }
    }
}

impl<E> From<SdkError<E>> for SignInError<E> {
    fn from(e: SdkError<E>) -> Self {
        SignInError::Call(e)
    }
}

impl<E> From<StepError> for SignInError<E> {
    fn from(e: StepError) -> Self {
        SignInError::Step(e)
    }
}
