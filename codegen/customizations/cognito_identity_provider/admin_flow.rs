//! The client's sign-in flow through `AdminInitiateAuth` and
//! `AdminRespondToAuthChallenge`, and the `SECRET_HASH` it fills in.

use super::answer::Answer;
use super::client::{filled_auth_parameters, filled_challenge_responses, SignInError};
use super::secret_hash::SECRET_HASH;
use super::step::{SignInStep, StepError};
use crate::client::builders::{AdminInitiateAuthFluentBuilder, AdminRespondToAuthChallengeFluentBuilder};
use crate::client::{Client, Config};
use crate::operation::admin_initiate_auth::{AdminInitiateAuthError, AdminInitiateAuthInput};
use crate::operation::admin_respond_to_auth_challenge::{
    AdminRespondToAuthChallengeError, AdminRespondToAuthChallengeInput,
};
use crate::types::{AuthFlowType, AuthenticationResultType, ChallengeNameType};

/// `SECRET_HASH` for an `AdminInitiateAuth` request, from the configuration.
pub(crate) fn prepare_initiate_auth(
    input: &AdminInitiateAuthInput,
    config: &Config,
) -> Option<AdminInitiateAuthInput> {
    let parameters = filled_auth_parameters(
        config,
        &input.client_id,
        input.auth_flow.as_str(),
        input.auth_parameters.as_ref(),
    )?;
    let mut input = input.clone();
    input.auth_parameters = Some(parameters);
    Some(input)
}

/// `SECRET_HASH` for an `AdminRespondToAuthChallenge` request, from the configuration.
pub(crate) fn prepare_respond_to_auth_challenge(
    input: &AdminRespondToAuthChallengeInput,
    config: &Config,
) -> Option<AdminRespondToAuthChallengeInput> {
    let responses = filled_challenge_responses(config, &input.client_id, input.challenge_responses.as_ref())?;
    let mut input = input.clone();
    input.challenge_responses = Some(responses);
    Some(input)
}

impl Client {
    /// Signs users in to `user_pool_id` through the app client
    /// `client_id`, from a back end with AWS credentials; see [`AdminSignIn`].
    pub fn admin_sign_in(&self, user_pool_id: impl Into<String>, client_id: impl Into<String>) -> AdminSignIn {
        AdminSignIn {
            client: self.clone(),
            user_pool_id: user_pool_id.into(),
            client_id: client_id.into(),
            device_key: None,
        }
    }
}

/// The sign-in flows of one app client, through `AdminInitiateAuth` and
/// `AdminRespondToAuthChallenge`. Sign-in reads as a loop:
///
/// ```no_run
/// # async fn run(client: cognito_identity_provider::Client) -> Result<(), Box<dyn std::error::Error>> {
/// use cognito_identity_provider::sign_in::{Challenge, SignInStep};
///
/// let flow = client.admin_sign_in("us-east-1_XXXXXXXXX", "client-id");
/// let mut step = flow.sign_in_with_password("alice", "password").await?;
/// let tokens = loop {
///     let challenge = match step {
///         SignInStep::SignedIn(tokens) => break tokens,
///         SignInStep::Challenge(challenge) => challenge,
///         _ => return Err("an unexpected step".into()),
///     };
///     let answer = match &challenge {
///         Challenge::NewPasswordRequired(c) => c.answer("a new password", [("name", "Alice")]),
///         Challenge::SoftwareTokenMfa(c) => c.answer("123456"),
///         other => return Err(format!("cannot answer {}", other.name()).into()),
///     };
///     step = flow.answer(answer).await?;
/// };
/// # let _ = tokens; Ok(()) }
/// ```
///
/// With the app client's secret in the configuration
/// ([`ConfigBuilder::app_client_secret`](crate::client::ConfigBuilder::app_client_secret)),
/// every request gets its `SECRET_HASH`. With a remembered device's key
/// ([`device_key`](Self::device_key)), every request carries `DEVICE_KEY`.
#[derive(Clone, Debug)]
pub struct AdminSignIn {
    client: Client,
    user_pool_id: String,
    client_id: String,
    device_key: Option<String>,
}

impl AdminSignIn {
    /// Sends `DEVICE_KEY` with every request: the key of a device the
    /// user remembered (the `NewDeviceMetadata` of an earlier sign-in,
    /// confirmed). Cognito refuses to refresh the tokens of a tracked
    /// device without it.
    pub fn device_key(mut self, device_key: impl Into<String>) -> Self {
        self.device_key = Some(device_key.into());
        self
    }

    /// The client requests go through.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// The user pool signed in to.
    pub fn user_pool_id(&self) -> &str {
        &self.user_pool_id
    }

    /// An `AdminInitiateAuth` call of `flow` for `username`, with
    /// `USERNAME` and `DEVICE_KEY` set: add the flow's other parameters.
    pub fn start(&self, flow: AuthFlowType, username: &str) -> AdminInitiateAuthFluentBuilder {
        let call = self
            .initiate(flow)
            .auth_parameters("USERNAME", username);
        match &self.device_key {
            Some(key) => call.auth_parameters("DEVICE_KEY", key),
            None => call,
        }
    }

    fn initiate(&self, flow: AuthFlowType) -> AdminInitiateAuthFluentBuilder {
        self.client
            .admin_initiate_auth()
            .user_pool_id(&self.user_pool_id)
            .client_id(&self.client_id)
            .auth_flow(flow)
    }

    /// The `ADMIN_USER_PASSWORD_AUTH` call for `username` and `password`.
    pub fn password_call(&self, username: &str, password: &str) -> AdminInitiateAuthFluentBuilder {
        self.start(AuthFlowType::AdminUserPasswordAuth, username)
            .auth_parameters("PASSWORD", password)
    }

    /// Signs `username` in with `password` (`ADMIN_USER_PASSWORD_AUTH`).
    /// A challenge that does not say which user it is for is taken to be
    /// for `username`.
    pub async fn sign_in_with_password(
        &self,
        username: &str,
        password: &str,
    ) -> Result<SignInStep, SignInError<AdminInitiateAuthError>> {
        let output = self.password_call(username, password).send().await?;
        Ok(with_username(output.into_step()?, username))
    }

    /// The `AdminRespondToAuthChallenge` call that sends `answer`, with
    /// `DEVICE_KEY` when the flow has one.
    pub fn answer_call(&self, answer: Answer) -> AdminRespondToAuthChallengeFluentBuilder {
        let answer = match &self.device_key {
            Some(key) => answer.with_device_key(key),
            None => answer,
        };
        let (name, session, responses) = answer.into_parts();
        self.client
            .admin_respond_to_auth_challenge()
            .user_pool_id(&self.user_pool_id)
            .client_id(&self.client_id)
            .challenge_name(ChallengeNameType::from(name.as_str()))
            .set_session(session)
            .set_challenge_responses(Some(responses))
    }

    /// Sends `answer`. A next challenge that does not say which user it
    /// is for is taken to be for the answer's `USERNAME`.
    pub async fn answer(
        &self,
        answer: Answer,
    ) -> Result<SignInStep, SignInError<AdminRespondToAuthChallengeError>> {
        let username = answer.response("USERNAME").map(str::to_owned);
        let output = self.answer_call(answer).send().await?;
        let step = output.into_step()?;
        Ok(match username {
            Some(username) => with_username(step, &username),
            None => step,
        })
    }

    /// The `REFRESH_TOKEN_AUTH` call for `refresh_token`, with
    /// `DEVICE_KEY` when the flow has one, and `SECRET_HASH` when the
    /// configuration has the app client's secret. `username` is the
    /// pool's username of the user (the `username` claim of the access
    /// token: see [`username_from_access_token`](crate::sign_in::username_from_access_token)),
    /// which may differ from the alias the user signed in with; only the
    /// hash uses it.
    pub fn refresh_call(&self, refresh_token: &str, username: &str) -> AdminInitiateAuthFluentBuilder {
        let mut call = self
            .initiate(AuthFlowType::RefreshTokenAuth)
            .auth_parameters("REFRESH_TOKEN", refresh_token);
        if let Some(key) = &self.device_key {
            call = call.auth_parameters("DEVICE_KEY", key);
        }
        if let Some(secret) = self.client.config().app_client_secret(&self.client_id) {
            call = call.auth_parameters(SECRET_HASH, secret.hash(username, &self.client_id));
        }
        call
    }

    /// Refreshes the tokens with `refresh_token`; see [`refresh_call`](Self::refresh_call).
    /// The result has new access and ID tokens (and no refresh token,
    /// unless the app client rotates them).
    pub async fn refresh(
        &self,
        refresh_token: &str,
        username: &str,
    ) -> Result<AuthenticationResultType, SignInError<AdminInitiateAuthError>> {
        let output = self.refresh_call(refresh_token, username).send().await?;
        match output.into_step()? {
            SignInStep::SignedIn(tokens) => Ok(tokens),
            SignInStep::Challenge(c) => Err(SignInError::Step(StepError::UnexpectedChallenge(c.name().to_owned()))),
        }
    }
}

fn with_username(step: SignInStep, username: &str) -> SignInStep {
    match step {
        SignInStep::Challenge(challenge) => SignInStep::Challenge(challenge.or_username(username)),
        other => other,
    }
}
