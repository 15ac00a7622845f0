//! Sign-in from a trusted back end: `AdminInitiateAuth` and
//! `AdminRespondToAuthChallenge` (signed with AWS credentials): their
//! outputs read as typed challenges. The client's flow is in `admin_flow.rs`.

use crate::operation::admin_initiate_auth::AdminInitiateAuthOutput;
use crate::operation::admin_respond_to_auth_challenge::AdminRespondToAuthChallengeOutput;

super::step::outcome!(AdminInitiateAuthOutput, available_challenges);
super::step::outcome!(AdminRespondToAuthChallengeOutput);
