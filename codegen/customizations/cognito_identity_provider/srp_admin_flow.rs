//! `USER_SRP_AUTH` and a remembered device's authentication in the admin
//! sign-in flow (features `client` and `srp`): the password never leaves
//! the process, only a proof of it.

use super::admin_flow::AdminSignIn;
use super::challenge::{Challenge, DeviceSrpAuth};
use super::srp::SrpExchange;
use super::srp_answer::RememberedDevice;
use super::srp_client::SrpSignInError;
use super::step::SignInStep;
use crate::client::builders::AdminInitiateAuthFluentBuilder;
use crate::operation::admin_initiate_auth::AdminInitiateAuthError;
use crate::operation::admin_respond_to_auth_challenge::AdminRespondToAuthChallengeError;
use crate::types::AuthFlowType;

/// The error of [`AdminSignIn::sign_in_with_srp`].
pub type AdminSrpSignInError =
    SrpSignInError<AdminInitiateAuthError, AdminRespondToAuthChallengeError>;

/// The error of [`AdminSignIn::authenticate_device`].
pub type AdminDeviceSrpError =
    SrpSignInError<AdminRespondToAuthChallengeError, AdminRespondToAuthChallengeError>;

impl AdminSignIn {
    /// The `AdminInitiateAuth` call that starts `USER_SRP_AUTH` for
    /// `username` with `exchange`'s `SRP_A` (and `DEVICE_KEY` when the
    /// flow has one). Answer the `PASSWORD_VERIFIER` it returns with
    /// [`SrpParameters::answer_password`](super::SrpParameters::answer_password)
    /// and the same exchange.
    pub fn srp_call(
        &self,
        username: &str,
        exchange: &SrpExchange,
    ) -> AdminInitiateAuthFluentBuilder {
        self.start(AuthFlowType::UserSrpAuth, username)
            .auth_parameters("SRP_A", exchange.srp_a())
    }

    /// Signs `username` in with `password` over SRP (`USER_SRP_AUTH`):
    /// sends `SRP_A`, answers `PASSWORD_VERIFIER` with the proof, and
    /// returns the step after it: tokens, or the next challenge (an MFA
    /// code, `NEW_PASSWORD_REQUIRED`, `DEVICE_SRP_AUTH` for a remembered
    /// device, ...), which the flow's loop answers as usual.
    pub async fn sign_in_with_srp(
        &self,
        username: &str,
        password: &str,
    ) -> Result<SignInStep, AdminSrpSignInError> {
        let exchange = SrpExchange::new();
        let output = self
            .srp_call(username, &exchange)
            .send()
            .await
            .map_err(|e| SrpSignInError::Start(e.into()))?;
        let step = output
            .into_step()
            .map_err(|e| SrpSignInError::Start(e.into()))?;
        match step {
            SignInStep::Challenge(challenge) => match challenge.or_username(username) {
                Challenge::PasswordVerifier(verifier) => {
                    let answer = verifier
                        .answer_password(&exchange, self.user_pool_id(), password)
                        .map_err(SrpSignInError::Proof)?;
                    self.answer(answer).await.map_err(SrpSignInError::Answer)
                }
                other => Ok(SignInStep::Challenge(other)),
            },
            signed_in => Ok(signed_in),
        }
    }

    /// Answers `DEVICE_SRP_AUTH` for `device` and then the
    /// `DEVICE_PASSWORD_VERIFIER` that follows, and returns the step after
    /// them (normally tokens).
    pub async fn authenticate_device(
        &self,
        challenge: &DeviceSrpAuth,
        device: &RememberedDevice,
    ) -> Result<SignInStep, AdminDeviceSrpError> {
        let exchange = SrpExchange::new();
        let step = self
            .answer(challenge.answer(&exchange, device))
            .await
            .map_err(SrpSignInError::Start)?;
        match step {
            SignInStep::Challenge(Challenge::DevicePasswordVerifier(verifier)) => {
                let answer = verifier
                    .answer_device_password(&exchange, device)
                    .map_err(SrpSignInError::Proof)?;
                self.answer(answer).await.map_err(SrpSignInError::Answer)
            }
            other => Ok(other),
        }
    }
}
