//! The client's sign-in flow through the public `InitiateAuth` and
//! `RespondToAuthChallenge` (unsigned: what an app does on a user's
//! behalf), and the `SECRET_HASH` it fills in.

use super::answer::Answer;
use super::client::{filled_auth_parameters, filled_challenge_responses, SignInError};
use super::secret_hash::SECRET_HASH;
use super::step::{SignInStep, StepError};
use crate::client::builders::{InitiateAuthFluentBuilder, RespondToAuthChallengeFluentBuilder};
use crate::client::{Client, Config};
use crate::operation::initiate_auth::{InitiateAuthError, InitiateAuthInput};
use crate::operation::respond_to_auth_challenge::{
    RespondToAuthChallengeError, RespondToAuthChallengeInput,
};
use crate::types::{AuthFlowType, AuthenticationResultType, ChallengeNameType};

/// `SECRET_HASH` for an `InitiateAuth` request, from the configuration.
pub(crate) fn prepare_initiate_auth(
    input: &InitiateAuthInput,
    config: &Config,
) -> Option<InitiateAuthInput> {
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

/// `SECRET_HASH` for an `RespondToAuthChallenge` request, from the configuration.
pub(crate) fn prepare_respond_to_auth_challenge(
    input: &RespondToAuthChallengeInput,
    config: &Config,
) -> Option<RespondToAuthChallengeInput> {
    let responses =
        filled_challenge_responses(config, &input.client_id, input.challenge_responses.as_ref())?;
    let mut input = input.clone();
    input.challenge_responses = Some(responses);
    Some(input)
}

impl Client {
    /// Signs users in through the app client `client_id` (which names the
    /// user pool), without AWS credentials; see [`SignIn`].
    pub fn sign_in(&self, client_id: impl Into<String>) -> SignIn {
        SignIn {
            client: self.clone(),
            client_id: client_id.into(),
            device_key: None,
        }
    }
}

/// The sign-in flows of one app client, through `InitiateAuth` and
/// `RespondToAuthChallenge`. Sign-in reads as a loop:
///
/// ```no_run
/// # async fn run(client: cognito_identity_provider::Client) -> Result<(), Box<dyn std::error::Error>> {
/// use cognito_identity_provider::sign_in::{Challenge, SignInStep};
///
/// let flow = client.sign_in("client-id");
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
pub struct SignIn {
    client: Client,
    client_id: String,
    device_key: Option<String>,
}

impl SignIn {
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

    /// An `InitiateAuth` call of `flow` for `username`, with
    /// `USERNAME` and `DEVICE_KEY` set: add the flow's other parameters.
    pub fn start(&self, flow: AuthFlowType, username: &str) -> InitiateAuthFluentBuilder {
        let call = self.initiate(flow).auth_parameters("USERNAME", username);
        match &self.device_key {
            Some(key) => call.auth_parameters("DEVICE_KEY", key),
            None => call,
        }
    }

    fn initiate(&self, flow: AuthFlowType) -> InitiateAuthFluentBuilder {
        self.client
            .initiate_auth()
            .client_id(&self.client_id)
            .auth_flow(flow)
    }

    /// The `USER_PASSWORD_AUTH` call for `username` and `password`.
    pub fn password_call(&self, username: &str, password: &str) -> InitiateAuthFluentBuilder {
        self.start(AuthFlowType::UserPasswordAuth, username)
            .auth_parameters("PASSWORD", password)
    }

    /// Signs `username` in with `password` (`USER_PASSWORD_AUTH`).
    /// A challenge that does not say which user it is for is taken to be
    /// for `username`.
    pub async fn sign_in_with_password(
        &self,
        username: &str,
        password: &str,
    ) -> Result<SignInStep, SignInError<InitiateAuthError>> {
        let output = self.password_call(username, password).send().await?;
        Ok(with_username(output.into_step()?, username))
    }

    /// The `RespondToAuthChallenge` call that sends `answer`, with
    /// `DEVICE_KEY` when the flow has one.
    pub fn answer_call(&self, answer: Answer) -> RespondToAuthChallengeFluentBuilder {
        let answer = match &self.device_key {
            Some(key) => answer.with_device_key(key),
            None => answer,
        };
        let (name, session, responses) = answer.into_parts();
        self.client
            .respond_to_auth_challenge()
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
    ) -> Result<SignInStep, SignInError<RespondToAuthChallengeError>> {
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
    pub fn refresh_call(&self, refresh_token: &str, username: &str) -> InitiateAuthFluentBuilder {
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
    ) -> Result<AuthenticationResultType, SignInError<InitiateAuthError>> {
        let output = self.refresh_call(refresh_token, username).send().await?;
        match output.into_step()? {
            SignInStep::SignedIn(tokens) => Ok(tokens),
            SignInStep::Challenge(c) => Err(SignInError::Step(StepError::UnexpectedChallenge(
                c.name().to_owned(),
            ))),
        }
    }
}

fn with_username(step: SignInStep, username: &str) -> SignInStep {
    match step {
        SignInStep::Challenge(challenge) => SignInStep::Challenge(challenge.or_username(username)),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sign_in::{secret_hash, Challenge};

    const SECRET: &str = "s3cret-of-the-app-client";

    fn client() -> Client {
        Client::new(
            Config::builder()
                .region("us-east-1")
                .app_client_secret("client", SECRET)
                .build(),
        )
    }

    fn initiate(
        flow: AuthFlowType,
        client_id: &str,
        parameters: &[(&str, &str)],
    ) -> InitiateAuthInput {
        let mut input = InitiateAuthInput::builder()
            .client_id(client_id)
            .auth_flow(flow);
        for (key, value) in parameters {
            input = input.auth_parameters(*key, *value);
        }
        input.build().unwrap()
    }

    #[test]
    fn starting_a_flow_hashes_its_username() {
        let config = client().config().clone();
        for flow in [AuthFlowType::UserPasswordAuth, AuthFlowType::UserSrpAuth] {
            let input = initiate(
                flow,
                "client",
                &[("USERNAME", "alice@example.com"), ("PASSWORD", "pw")],
            );
            let prepared = prepare_initiate_auth(&input, &config).expect("a SECRET_HASH");
            let parameters = prepared.auth_parameters.unwrap();
            assert_eq!(
                parameters[SECRET_HASH],
                secret_hash("alice@example.com", "client", SECRET)
            );
            assert_eq!(parameters["PASSWORD"], "pw");
        }
    }

    #[test]
    fn nothing_is_filled_without_a_secret_a_username_or_when_set() {
        let config = client().config().clone();
        let cases = [
            initiate(
                AuthFlowType::UserPasswordAuth,
                "other-client",
                &[("USERNAME", "alice")],
            ),
            initiate(
                AuthFlowType::UserPasswordAuth,
                "client",
                &[("PASSWORD", "pw")],
            ),
            initiate(
                AuthFlowType::UserPasswordAuth,
                "client",
                &[("USERNAME", "alice"), (SECRET_HASH, "mine")],
            ),
            // A refresh's hash needs the pool's username, which the request lacks.
            initiate(
                AuthFlowType::RefreshTokenAuth,
                "client",
                &[("REFRESH_TOKEN", "t"), ("USERNAME", "alice")],
            ),
        ];
        for input in cases {
            assert!(
                prepare_initiate_auth(&input, &config).is_none(),
                "{input:?}"
            );
        }
        let no_secrets = Config::builder().region("us-east-1").build();
        let input = initiate(
            AuthFlowType::UserPasswordAuth,
            "client",
            &[("USERNAME", "alice")],
        );
        assert!(prepare_initiate_auth(&input, &no_secrets).is_none());
    }

    #[test]
    fn answers_hash_the_username_cognito_returned() {
        let flow = client().sign_in("client").device_key("dev-1");
        let challenge = Challenge::parse("SMS_MFA", Some("s-1"), None, &[])
            .unwrap()
            .or_username("pool-username");
        let Challenge::SmsMfa(sms) = challenge else {
            panic!()
        };
        let call = flow.answer_call(sms.answer("123456"));
        let builder = call.as_input();
        let input = builder.clone().build().unwrap();
        assert_eq!(input.challenge_name, ChallengeNameType::SmsMfa);
        assert_eq!(input.session.as_deref(), Some("s-1"));
        let prepared = prepare_respond_to_auth_challenge(&input, flow.client().config())
            .expect("a SECRET_HASH");
        let responses = prepared.challenge_responses.unwrap();
        assert_eq!(
            responses[SECRET_HASH],
            secret_hash("pool-username", "client", SECRET)
        );
        assert_eq!(responses["USERNAME"], "pool-username");
        assert_eq!(responses["SMS_MFA_CODE"], "123456");
        assert_eq!(responses["DEVICE_KEY"], "dev-1");
    }

    #[test]
    fn refresh_carries_the_device_key_and_the_hash_of_the_pool_username() {
        let flow = client().sign_in("client").device_key("dev-1");
        let call = flow.refresh_call("the-refresh-token", "pool-username");
        let parameters = call.as_input().get_auth_parameters().clone().unwrap();
        assert_eq!(
            call.as_input().get_auth_flow(),
            &Some(AuthFlowType::RefreshTokenAuth)
        );
        assert_eq!(parameters["REFRESH_TOKEN"], "the-refresh-token");
        assert_eq!(parameters["DEVICE_KEY"], "dev-1");
        assert_eq!(
            parameters[SECRET_HASH],
            secret_hash("pool-username", "client", SECRET)
        );
        let without = Client::new(Config::builder().region("us-east-1").build()).sign_in("client");
        let parameters = without
            .refresh_call("t", "u")
            .as_input()
            .get_auth_parameters()
            .clone()
            .unwrap();
        assert!(!parameters.contains_key(SECRET_HASH) && !parameters.contains_key("DEVICE_KEY"));
    }

    #[test]
    fn the_password_call_names_the_user_and_device() {
        let flow = client().sign_in("client").device_key("dev-1");
        let call = flow.password_call("alice", "pw");
        let parameters = call.as_input().get_auth_parameters().clone().unwrap();
        assert_eq!(
            call.as_input().get_auth_flow(),
            &Some(AuthFlowType::UserPasswordAuth)
        );
        assert_eq!(
            (
                parameters["USERNAME"].as_str(),
                parameters["PASSWORD"].as_str()
            ),
            ("alice", "pw")
        );
        assert_eq!(parameters["DEVICE_KEY"], "dev-1");
    }

    #[test]
    fn debug_never_shows_the_secret() {
        let client = client();
        let flow = client.sign_in("client");
        let shown = format!(
            "{:?} {:?} {:?}",
            client.config(),
            flow,
            client.config().app_client_secret("client")
        );
        assert!(!shown.contains(SECRET), "{shown}");
        let input = initiate(
            AuthFlowType::UserPasswordAuth,
            "client",
            &[("USERNAME", "alice")],
        );
        let prepared = prepare_initiate_auth(&input, client.config()).unwrap();
        let hash = secret_hash("alice", "client", SECRET);
        assert!(!format!("{prepared:?}").contains(&hash));
    }
}
