//! The error of the client's SRP sign-in flows (features `client` and
//! `srp`), which make two calls and compute a proof in between.

use std::fmt;

use super::client::SignInError;
use super::srp::SrpError;

/// Why an SRP sign-in did not give a step: the first call failed (`S` is
/// its operation's error), the proof could not be computed from Cognito's
/// challenge, or the call that sent the proof failed (`R`).
#[derive(Debug)]
#[non_exhaustive]
pub enum SrpSignInError<S, R> {
    /// The call that started the exchange (sent `SRP_A`) failed.
    Start(SignInError<S>),
    /// The challenge's SRP values cannot be used.
    Proof(SrpError),
    /// The call that sent the proof failed.
    Answer(SignInError<R>),
}

impl<S: fmt::Display, R: fmt::Display> fmt::Display for SrpSignInError<S, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SrpSignInError::Start(e) => write!(f, "starting the SRP exchange: {e}"),
            SrpSignInError::Proof(e) => write!(f, "computing the SRP proof: {e}"),
            SrpSignInError::Answer(e) => write!(f, "sending the SRP proof: {e}"),
        }
    }
}

impl<S, R> std::error::Error for SrpSignInError<S, R>
where
    S: std::error::Error + 'static,
    R: std::error::Error + 'static,
{
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SrpSignInError::Start(e) => Some(e),
            SrpSignInError::Proof(e) => Some(e),
            SrpSignInError::Answer(e) => Some(e),
        }
    }
}
