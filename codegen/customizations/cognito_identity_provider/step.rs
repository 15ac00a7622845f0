//! Where a sign-in stands after a call: signed in with tokens, or facing
//! a challenge. Read from any of the sign-in operations' outputs.

use std::collections::HashMap;
use std::fmt;

use super::challenge::{Challenge, ChallengeError};
use crate::types::{AuthenticationResultType, ChallengeNameType};

/// The outcome of a sign-in call.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum SignInStep {
    /// Signed in: the tokens (`Debug` redacts them).
    SignedIn(AuthenticationResultType),
    /// Cognito asks for more; answer with the challenge's typed `answer` method.
    Challenge(Challenge),
}

/// An output that is neither tokens nor a readable challenge.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum StepError {
    /// A challenge parameter is missing or malformed.
    Challenge(ChallengeError),
    /// The output has neither `AuthenticationResult` nor `ChallengeName`.
    Empty,
    /// A call that only ever returns tokens (a refresh) returned this challenge.
    UnexpectedChallenge(String),
}

impl fmt::Display for StepError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StepError::Challenge(e) => e.fmt(f),
            StepError::Empty => f.write_str("Cognito returned neither tokens nor a challenge"),
            StepError::UnexpectedChallenge(name) => {
                write!(f, "Cognito returned the {name} challenge instead of tokens")
            }
        }
    }
}

impl std::error::Error for StepError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            StepError::Challenge(e) => Some(e),
            StepError::Empty | StepError::UnexpectedChallenge(_) => None,
        }
    }
}

impl From<ChallengeError> for StepError {
    fn from(e: ChallengeError) -> Self {
        StepError::Challenge(e)
    }
}

/// The challenge an output's members describe, if any.
pub(crate) fn challenge(
    name: Option<&ChallengeNameType>,
    session: Option<&str>,
    parameters: Option<&HashMap<String, String>>,
    available: Option<&[ChallengeNameType]>,
) -> Result<Option<Challenge>, ChallengeError> {
    let Some(name) = name else {
        return Ok(None);
    };
    let available: Vec<&str> = available
        .unwrap_or_default()
        .iter()
        .map(ChallengeNameType::as_str)
        .collect();
    Challenge::parse(name.as_str(), session, parameters, &available).map(Some)
}

/// The step an output's members describe: tokens win over a challenge.
pub(crate) fn step(
    tokens: Option<AuthenticationResultType>,
    challenge: Result<Option<Challenge>, ChallengeError>,
) -> Result<SignInStep, StepError> {
    if let Some(tokens) = tokens {
        return Ok(SignInStep::SignedIn(tokens));
    }
    challenge?
        .map(SignInStep::Challenge)
        .ok_or(StepError::Empty)
}

/// The challenge and step readers of a sign-in operation's output, with
/// the member that lists the available challenges when it has one.
macro_rules! outcome {
    ($output:ty) => {
        $crate::sign_in::step::outcome!($output, |_output: &$output| None);
    };
    ($output:ty, $available:ident) => {
        $crate::sign_in::step::outcome!($output, |output: &$output| output.$available.as_deref());
    };
    ($output:ty, |$o:ident: &$t:ty| $available:expr) => {
        impl $output {
            /// The challenge this output asks for, typed; `None` when it has none
            /// (it carries tokens instead).
            pub fn challenge(
                &self,
            ) -> ::std::result::Result<
                ::std::option::Option<$crate::sign_in::Challenge>,
                $crate::sign_in::ChallengeError,
            > {
                let $o = self;
                $crate::sign_in::step::challenge(
                    $o.challenge_name.as_ref(),
                    $o.session.as_deref(),
                    $o.challenge_parameters.as_ref(),
                    $available,
                )
            }

            /// Tokens or a challenge, whichever the output holds.
            pub fn into_step(
                self,
            ) -> ::std::result::Result<$crate::sign_in::SignInStep, $crate::sign_in::StepError>
            {
                let challenge = self.challenge();
                $crate::sign_in::step::step(self.authentication_result, challenge)
            }
        }
    };
}
pub(crate) use outcome;
