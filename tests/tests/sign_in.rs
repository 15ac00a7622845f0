//! The sign-in helpers of the committed crate, from the wire: responses
//! as Cognito sends them read as typed challenges, and no challenge
//! parameters, however broken, make the reading panic.

use std::collections::HashMap;

use cognito_identity_provider::operation::admin_initiate_auth::AdminInitiateAuth;
use cognito_identity_provider::operation::admin_respond_to_auth_challenge::AdminRespondToAuthChallenge;
use cognito_identity_provider::sign_in::{Challenge, ChallengeError, SignInStep, StepError};
use cognito_identity_provider::types::ChallengeNameType;
use http::HeaderMap;
use proptest::prelude::*;
use serde_json::json;

fn initiate_step(body: serde_json::Value) -> Result<SignInStep, StepError> {
    let body = serde_json::to_vec(&body).unwrap();
    AdminInitiateAuth::response(200, &HeaderMap::new(), &body)
        .unwrap()
        .into_step()
}

#[test]
fn new_password_required_from_the_wire() {
    let step = initiate_step(json!({
        "ChallengeName": "NEW_PASSWORD_REQUIRED",
        "Session": "session-1",
        "ChallengeParameters": {
            "USER_ID_FOR_SRP": "0b1c-pool-username",
            "requiredAttributes": "[\"userAttributes.name\"]",
            "userAttributes": "{\"email_verified\":\"true\",\"email\":\"alice@example.com\"}"
        }
    }))
    .unwrap();
    let SignInStep::Challenge(Challenge::NewPasswordRequired(c)) = &step else {
        panic!("{step:?}")
    };
    assert_eq!(c.required_attributes, ["name"]);
    assert_eq!(c.user_attributes["email"], "alice@example.com");
    assert_eq!(c.context.username.as_deref(), Some("0b1c-pool-username"));
    let answer = c.answer("N3w-Passw0rd!", [("name", "Alice")]);
    let (name, session, responses) = answer.into_parts();
    assert_eq!(
        ChallengeNameType::from(name.as_str()),
        ChallengeNameType::NewPasswordRequired
    );
    assert_eq!(session.as_deref(), Some("session-1"));
    assert_eq!(responses["USERNAME"], "0b1c-pool-username");
    assert_eq!(responses["userAttributes.name"], "Alice");
    assert_eq!(responses["NEW_PASSWORD"], "N3w-Passw0rd!");
}

#[test]
fn select_challenge_lists_the_available_challenges() {
    let step = initiate_step(json!({
        "ChallengeName": "SELECT_CHALLENGE",
        "Session": "s",
        "AvailableChallenges": ["PASSWORD", "EMAIL_OTP", "SOMETHING_NEWER"]
    }))
    .unwrap();
    let SignInStep::Challenge(Challenge::SelectChallenge(c)) = step else {
        panic!()
    };
    assert_eq!(c.available, ["PASSWORD", "EMAIL_OTP", "SOMETHING_NEWER"]);
}

#[test]
fn tokens_win_and_empty_outputs_are_errors() {
    let step = initiate_step(json!({
        "AuthenticationResult": {"AccessToken": "a", "ExpiresIn": 3600, "TokenType": "Bearer"},
        "ChallengeParameters": {}
    }))
    .unwrap();
    assert!(matches!(step, SignInStep::SignedIn(t) if t.expires_in == 3600));
    assert_eq!(initiate_step(json!({})).unwrap_err(), StepError::Empty);
}

#[test]
fn a_malformed_parameter_from_the_wire_is_a_typed_error() {
    let body = json!({
        "ChallengeName": "MFA_SETUP",
        "Session": "s",
        "ChallengeParameters": {"MFAS_CAN_SETUP": "[\"SMS_MFA\""}
    });
    let body = serde_json::to_vec(&body).unwrap();
    let output = AdminRespondToAuthChallenge::response(200, &HeaderMap::new(), &body).unwrap();
    let error = output.challenge().unwrap_err();
    assert_eq!(error.parameter(), "MFAS_CAN_SETUP");
    assert!(
        matches!(error, ChallengeError::Malformed { ref challenge, .. } if challenge == "MFA_SETUP")
    );
    assert!(matches!(
        output.into_step(),
        Err(StepError::Challenge(ChallengeError::Malformed { .. }))
    ));
}

#[test]
fn an_unknown_challenge_is_kept() {
    let step = initiate_step(json!({
        "ChallengeName": "BRAND_NEW_CHALLENGE",
        "Session": "s",
        "ChallengeParameters": {"HINT": "x"}
    }))
    .unwrap();
    let SignInStep::Challenge(Challenge::Unknown(c)) = step else {
        panic!()
    };
    assert_eq!(c.name, "BRAND_NEW_CHALLENGE");
    assert_eq!(c.parameters["HINT"], "x");
}

/// Challenge names: every one Cognito documents, and others.
fn names() -> impl Strategy<Value = String> {
    let known: Vec<String> = ChallengeNameType::values()
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    prop_oneof![proptest::sample::select(known), "[A-Z_]{0,12}"]
}

/// Parameter keys Cognito sends (so their parsers run), and others.
fn keys() -> impl Strategy<Value = String> {
    let known = [
        "requiredAttributes",
        "userAttributes",
        "MFAS_CAN_CHOOSE",
        "MFAS_CAN_SETUP",
        "CREDENTIAL_REQUEST_OPTIONS",
        "CODE_DELIVERY_DESTINATION",
        "CODE_DELIVERY_DELIVERY_MEDIUM",
        "SALT",
        "SRP_B",
        "SECRET_BLOCK",
        "USER_ID_FOR_SRP",
        "USERNAME",
        "DEVICE_KEY",
    ]
    .map(str::to_owned)
    .to_vec();
    prop_oneof![proptest::sample::select(known), ".{0,8}"]
}

/// Values: JSON-looking text (valid or not) and arbitrary strings.
fn values() -> impl Strategy<Value = String> {
    prop_oneof![
        "[\\[\\]{}\",:0-9a-z. \\\\]{0,24}",
        any::<String>(),
        Just("[\"userAttributes.email\"]".to_owned()),
        Just("{\"email\":null,\"n\":[1,{\"x\":true}]}".to_owned()),
    ]
}

proptest! {
    #[test]
    fn no_parameter_map_makes_parsing_panic(
        name in names(),
        session in proptest::option::of(any::<String>()),
        parameters in proptest::option::of(proptest::collection::hash_map(keys(), values(), 0..8)),
        available in proptest::collection::vec("[A-Z_]{0,10}", 0..4),
    ) {
        let available: Vec<&str> = available.iter().map(String::as_str).collect();
        match Challenge::parse(&name, session.as_deref(), parameters.as_ref(), &available) {
            Ok(challenge) => {
                prop_assert_eq!(challenge.name(), name.as_str());
                prop_assert_eq!(challenge.session().map(|s| s.as_str()), session.as_deref());
                let shown = format!("{challenge:?}");
                if let Some(session) = session.as_deref().filter(|s| s.len() > 8) {
                    prop_assert!(!shown.contains(session));
                }
            }
            Err(error) => {
                let parameters: HashMap<String, String> = parameters.unwrap_or_default();
                let missing = matches!(error, ChallengeError::Missing { .. });
                prop_assert!(parameters.contains_key(error.parameter()) || missing, "{}", error);
                prop_assert!(error.to_string().contains(error.parameter()));
            }
        }
    }
}
