//! The committed crate's SRP answers (feature `srp`) from the wire: a
//! `PASSWORD_VERIFIER` read from a response as Cognito sends it is
//! answered with the keys Cognito expects, and no values in its
//! parameters, however broken, make the answer panic.

use std::time::{Duration, SystemTime};

use cognito_identity_provider::operation::admin_initiate_auth::AdminInitiateAuth;
use cognito_identity_provider::sign_in::{
    Challenge, SignInStep, SrpError, SrpExchange, SrpParameters,
};
use http::HeaderMap;
use proptest::prelude::*;
use serde_json::json;

fn verifier(parameters: serde_json::Value) -> SrpParameters {
    let body = json!({
        "ChallengeName": "PASSWORD_VERIFIER",
        "Session": "session-1",
        "ChallengeParameters": parameters,
    });
    let body = serde_json::to_vec(&body).unwrap();
    let step = AdminInitiateAuth::response(200, &HeaderMap::new(), &body)
        .unwrap()
        .into_step()
        .unwrap();
    match step {
        SignInStep::Challenge(Challenge::PasswordVerifier(c)) => c,
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_password_verifier_from_the_wire_is_answered_with_cognitos_keys() {
    let c = verifier(json!({
        "USERNAME": "0b1c-pool-username",
        "USER_ID_FOR_SRP": "0b1c-pool-username",
        "SALT": "c3b21f0e9a8d7c6b5a4f3e2d1c0b9a88",
        "SRP_B": "5d2a".repeat(96),
        "SECRET_BLOCK": "c2VjcmV0IGJsb2Nr",
    }));
    let at = SystemTime::UNIX_EPOCH + Duration::from_secs(1_793_689_741);
    let answer = c
        .answer_password_at(&SrpExchange::new(), "us-east-1_AbC123", "pw", at)
        .unwrap();
    let (name, session, responses) = answer.into_parts();
    assert_eq!(name, "PASSWORD_VERIFIER");
    assert_eq!(session.as_deref(), Some("session-1"));
    let mut keys: Vec<&str> = responses.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "PASSWORD_CLAIM_SECRET_BLOCK",
            "PASSWORD_CLAIM_SIGNATURE",
            "TIMESTAMP",
            "USERNAME"
        ]
    );
    assert_eq!(responses["USERNAME"], "0b1c-pool-username");
    assert_eq!(responses["TIMESTAMP"], "Tue Nov 3 07:09:01 UTC 2026");
    assert_eq!(responses["PASSWORD_CLAIM_SECRET_BLOCK"], "c2VjcmV0IGJsb2Nr");
    // Base64 of an HMAC-SHA256: 32 bytes.
    assert_eq!(responses["PASSWORD_CLAIM_SIGNATURE"].len(), 44);
}

#[test]
fn an_srp_b_of_zero_modulo_n_is_refused() {
    let c = verifier(json!({
        "USER_ID_FOR_SRP": "u",
        "SALT": "ab",
        "SRP_B": "00",
        "SECRET_BLOCK": "AAAA",
    }));
    let error = c
        .answer_password(&SrpExchange::new(), "us-east-1_AbC123", "pw")
        .unwrap_err();
    assert_eq!(error, SrpError::ServerValueIsZero);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Whatever the challenge holds, the answer is a value or an error.
    #[test]
    fn no_parameters_make_the_answer_panic(
        salt in "[0-9a-fA-F]{0,40}|\\PC{0,20}",
        srp_b in "[0-9a-fA-F]{0,800}|\\PC{0,20}",
        secret_block in "[A-Za-z0-9+/=-]{0,64}|\\PC{0,20}",
        user in "\\PC{0,20}",
        pool_id in "[a-z0-9-]{0,12}_?[A-Za-z0-9_]{0,12}",
    ) {
        let c = verifier(json!({
            "USER_ID_FOR_SRP": user,
            "SALT": salt,
            "SRP_B": srp_b,
            "SECRET_BLOCK": secret_block,
        }));
        let _ = c.answer_password(&SrpExchange::new(), &pool_id, "pw");
    }
}
