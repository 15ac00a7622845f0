//! Sign-in on a user's behalf: `InitiateAuth` and `RespondToAuthChallenge`
//! (unsigned): their outputs read as typed challenges. The client's flow
//! is in `public_flow.rs`.

use crate::operation::initiate_auth::InitiateAuthOutput;
use crate::operation::respond_to_auth_challenge::RespondToAuthChallengeOutput;

super::step::outcome!(InitiateAuthOutput, available_challenges);
super::step::outcome!(RespondToAuthChallengeOutput);
