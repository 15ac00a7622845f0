//! Behaviour of the generated crate's types, apart from the wire: builders,
//! enums with unknown values, redacted `Debug`, errors and their metadata,
//! and serde round trips. Expectations that the model decides (enum values,
//! error faults) are read from `model/`, so the tests follow the model.

mod support;

use std::collections::HashMap;
use std::error::Error as _;
use std::str::FromStr;

use cognito_identity_provider::error::{ErrorFault, ErrorMetadata, ProvideErrorMetadata};
use cognito_identity_provider::operation::admin_initiate_auth::{
    AdminInitiateAuth, AdminInitiateAuthError, AdminInitiateAuthInput, AdminInitiateAuthOutput,
};
use cognito_identity_provider::types::error::{InvalidParameterException, NotAuthorizedException};
use cognito_identity_provider::types::{
    AnalyticsMetadataType, AuthFlowType, AuthenticationResultType, ChallengeNameType,
    ContextDataType, HttpHeader, NewDeviceMetadataType,
};
use cognito_identity_provider::Error;
use serde_json::json;

const REDACTED: &str = "*** Sensitive Data Redacted ***";

// Secrets used below; each is distinctive so a leak cannot hide in other text.
const PASSWORD: &str = "hunter2-Pa55w0rd!";
const CLIENT_ID: &str = "client-id-3k2j1h4g5f6d7s8a";
const INPUT_SESSION: &str = "input-session-AYABeJ0l";
const ACCESS_TOKEN: &str = "eyJraWQiOiJhY2Nlc3MifQ.access-payload.access-signature";
const ID_TOKEN: &str = "eyJraWQiOiJpZCJ9.id-payload.id-signature";
const REFRESH_TOKEN: &str = "eyJjdHkiOiJKV1QifQ.refresh-payload.refresh-signature";
const OUTPUT_SESSION: &str = "output-session-AYABeHx9";

fn full_input() -> AdminInitiateAuthInput {
    AdminInitiateAuthInput::builder()
        .user_pool_id("us-east-1_Example")
        .client_id(CLIENT_ID)
        .auth_flow(AuthFlowType::AdminUserPasswordAuth)
        .auth_parameters("USERNAME", "alice")
        .auth_parameters("PASSWORD", PASSWORD)
        .client_metadata("source", "checkout")
        .analytics_metadata(
            AnalyticsMetadataType::builder()
                .analytics_endpoint_id("pinpoint-1")
                .build(),
        )
        .context_data(
            ContextDataType::builder()
                .ip_address("192.0.2.10")
                .server_name("login.example.com")
                .server_path("/signin")
                .http_headers(
                    HttpHeader::builder()
                        .header_name("User-Agent")
                        .header_value("curl/8")
                        .build(),
                )
                .encoded_data("encoded-fingerprint")
                .build()
                .expect("every required ContextData member is set"),
        )
        .session(INPUT_SESSION)
        .build()
        .expect("every required input member is set")
}

fn success_output() -> AdminInitiateAuthOutput {
    AdminInitiateAuthOutput::builder()
        .session(OUTPUT_SESSION)
        .authentication_result(
            AuthenticationResultType::builder()
                .access_token(ACCESS_TOKEN)
                .id_token(ID_TOKEN)
                .refresh_token(REFRESH_TOKEN)
                .expires_in(3600)
                .token_type("Bearer")
                .new_device_metadata(
                    NewDeviceMetadataType::builder()
                        .device_key("us-east-1_dev")
                        .device_group_key("-group")
                        .build(),
                )
                .build(),
        )
        .build()
}

fn assert_redacted(debug: &str, secrets: &[&str]) {
    for secret in secrets {
        assert!(
            !debug.contains(secret),
            "Debug shows the secret {secret:?}: {debug}"
        );
    }
    assert!(
        debug.contains(REDACTED),
        "Debug lacks the redaction marker: {debug}"
    );
}

// --- builders ---------------------------------------------------------------

#[test]
fn build_names_every_missing_required_member_in_model_order() {
    let error = AdminInitiateAuthInput::builder().build().unwrap_err();
    assert_eq!(
        error.missing_members(),
        ["UserPoolId", "ClientId", "AuthFlow"]
    );
    assert_eq!(
        error.to_string(),
        "cannot build AdminInitiateAuthInput: required members UserPoolId, ClientId, AuthFlow not set"
    );
    // A usable std error, so `?` works in a caller's `Box<dyn Error>` function.
    let boxed: Box<dyn std::error::Error> = Box::new(error);
    assert!(boxed.source().is_none());
}

#[test]
fn build_names_only_what_is_missing() {
    let error = AdminInitiateAuthInput::builder()
        .client_id(CLIENT_ID)
        .auth_parameters("PASSWORD", PASSWORD)
        .build()
        .unwrap_err();
    assert_eq!(error.missing_members(), ["UserPoolId", "AuthFlow"]);

    let error = AdminInitiateAuthInput::builder()
        .user_pool_id("pool")
        .client_id(CLIENT_ID)
        .build()
        .unwrap_err();
    assert_eq!(error.missing_members(), ["AuthFlow"]);
    assert_eq!(
        error.to_string(),
        "cannot build AdminInitiateAuthInput: required member AuthFlow not set"
    );
    // The message names members, never their values.
    assert!(!format!("{error} {error:?}").contains(CLIENT_ID));
}

#[test]
fn nested_structures_check_their_own_required_members() {
    let error = ContextDataType::builder()
        .server_name("example.com")
        .build()
        .unwrap_err();
    assert_eq!(
        error.missing_members(),
        ["IpAddress", "ServerPath", "HttpHeaders"]
    );
    assert_eq!(
        error,
        ContextDataType::builder()
            .server_name("other")
            .build()
            .unwrap_err(),
        "the error depends on which members are missing, not on the values set"
    );
    // An empty header list is a set member: only unset counts as missing.
    let context = ContextDataType::builder()
        .ip_address("192.0.2.1")
        .server_name("example.com")
        .server_path("/")
        .set_http_headers(Some(Vec::new()))
        .build()
        .unwrap();
    assert!(context.http_headers.is_empty());
    assert_eq!(context.encoded_data, None);
}

#[test]
fn built_values_hold_what_was_set() {
    let input = full_input();
    assert_eq!(input.user_pool_id, "us-east-1_Example");
    assert_eq!(input.client_id, CLIENT_ID);
    assert_eq!(input.auth_flow, AuthFlowType::AdminUserPasswordAuth);
    let params = input.auth_parameters.as_ref().unwrap();
    assert_eq!(params.len(), 2);
    assert_eq!(params["PASSWORD"], PASSWORD);
    assert_eq!(input.session.as_deref(), Some(INPUT_SESSION));
    let headers = &input.context_data.as_ref().unwrap().http_headers;
    assert_eq!(headers.len(), 1);
    assert_eq!(headers[0].header_name.as_deref(), Some("User-Agent"));

    // Setters replace, getters read back, `set_*(None)` clears.
    let builder = AdminInitiateAuthInput::builder().session("a").session("b");
    assert_eq!(builder.get_session().as_deref(), Some("b"));
    let builder = builder.set_session(None);
    assert_eq!(builder.get_session(), &None);
    let builder = builder
        .auth_parameters("k", "1")
        .auth_parameters("k", "2")
        .auth_parameters("j", "3");
    let expected: HashMap<String, String> =
        [("k".into(), "2".into()), ("j".into(), "3".into())].into();
    assert_eq!(builder.get_auth_parameters().as_ref(), Some(&expected));

    // A member with a model default takes it when not set.
    assert_eq!(AuthenticationResultType::builder().build().expires_in, 0);
}

// --- enums ------------------------------------------------------------------

/// Checks one enum type against the model: `values()` in model order, and
/// every value (known or not) surviving each conversion.
macro_rules! check_enum {
    ($ty:ident, $shape:literal, $known:expr) => {{
        let model_values = support::enum_values($shape);
        assert_eq!($ty::values(), model_values.as_slice(), "values() of {}", $shape);

        for value in $ty::values() {
            let parsed = $ty::from(*value);
            assert!(!matches!(parsed, $ty::Unknown(_)), "{value} is a known {}", $shape);
            assert_eq!(parsed.as_str(), *value);
            assert_eq!(parsed.to_string(), *value);
            assert_eq!($ty::from_str(value).unwrap(), parsed);
            assert_eq!(serde_json::to_value(&parsed).unwrap(), json!(value));
            assert_eq!(serde_json::from_value::<$ty>(json!(value)).unwrap(), parsed);
        }
        let distinct: std::collections::BTreeSet<$ty> = $ty::values().iter().map(|v| $ty::from(*v)).collect();
        assert_eq!(distinct.len(), model_values.len(), "each value maps to its own variant");

        // Values the model does not list: a future one, a different case,
        // surrounding space, the empty string, non-ASCII.
        let lower = $ty::values()[0].to_lowercase();
        let spaced = format!(" {}", $ty::values()[0]);
        for value in ["SOMETHING_NEW_2030", lower.as_str(), spaced.as_str(), "", "ÜNKNOWN \"q\""] {
            let parsed = $ty::from(value);
            assert!(matches!(&parsed, $ty::Unknown(u) if u.as_str() == value), "{value:?} is unknown");
            assert_eq!(parsed.as_str(), value);
            assert_eq!(parsed.to_string(), value);
            assert_eq!($ty::from_str(value).unwrap(), parsed);
            let json = serde_json::to_string(&parsed).unwrap();
            assert_eq!(serde_json::from_str::<String>(&json).unwrap(), value);
            assert_eq!(serde_json::from_str::<$ty>(&json).unwrap(), parsed);
            for known in $ty::values() {
                assert_ne!(parsed, $ty::from(*known), "{value:?} must differ from {known}");
            }
        }
        assert_eq!($ty::from("FUTURE"), $ty::from("FUTURE"), "equal unknown values are equal");
        assert_ne!($ty::from("FUTURE"), $ty::from("FUTURE2"));

        let known: $ty = $known;
        assert_eq!(known, $ty::from(known.as_str()));
        assert!(serde_json::from_value::<$ty>(json!(1)).is_err(), "a number is not an enum value");
    }};
}

#[test]
fn auth_flow_type_values_round_trip_known_and_unknown() {
    check_enum!(AuthFlowType, "AuthFlowType", AuthFlowType::UserSrpAuth);
    assert_eq!(
        AuthFlowType::AdminUserPasswordAuth.as_str(),
        "ADMIN_USER_PASSWORD_AUTH"
    );
}

#[test]
fn challenge_name_type_values_round_trip_known_and_unknown() {
    check_enum!(
        ChallengeNameType,
        "ChallengeNameType",
        ChallengeNameType::NewPasswordRequired
    );
    assert_eq!(ChallengeNameType::WebAuthn.as_str(), "WEB_AUTHN");
    assert_eq!(ChallengeNameType::MfaSetup.as_str(), "MFA_SETUP");
}

// --- Debug redaction --------------------------------------------------------

#[test]
fn input_debug_redacts_every_secret() {
    let input = full_input();
    for debug in [format!("{input:?}"), format!("{input:#?}")] {
        assert_redacted(&debug, &[PASSWORD, CLIENT_ID, INPUT_SESSION]);
        // What is not sensitive stays visible, so Debug is still useful.
        assert!(debug.contains("us-east-1_Example"), "{debug}");
        assert!(debug.contains("login.example.com"), "{debug}");
        assert!(debug.contains("checkout"), "{debug}");
    }
    // The builder holds the same secrets before `build()`.
    let builder = AdminInitiateAuthInput::builder()
        .client_id(CLIENT_ID)
        .auth_parameters("PASSWORD", PASSWORD)
        .session(INPUT_SESSION);
    assert_redacted(
        &format!("{builder:?}"),
        &[PASSWORD, CLIENT_ID, INPUT_SESSION],
    );
    // So does the input inside anything that derives Debug.
    let wrapped = Some(vec![(1, full_input())]);
    assert_redacted(
        &format!("{wrapped:#?}"),
        &[PASSWORD, CLIENT_ID, INPUT_SESSION],
    );
}

#[test]
fn output_debug_redacts_tokens_and_session_at_every_depth() {
    let secrets = [ACCESS_TOKEN, ID_TOKEN, REFRESH_TOKEN, OUTPUT_SESSION];
    let output = success_output();
    for debug in [format!("{output:?}"), format!("{output:#?}")] {
        assert_redacted(&debug, &secrets);
        assert!(
            debug.contains("Bearer") && debug.contains("3600"),
            "{debug}"
        );
        assert!(debug.contains("us-east-1_dev"), "{debug}");
    }
    let result = output.authentication_result.clone().unwrap();
    assert_redacted(&format!("{result:?}"), &secrets);
    let builder = AuthenticationResultType::builder()
        .access_token(ACCESS_TOKEN)
        .id_token(ID_TOKEN);
    assert_redacted(&format!("{builder:?}"), &secrets);
    let builder = AdminInitiateAuthOutput::builder().session(OUTPUT_SESSION);
    assert_redacted(&format!("{builder:?}"), &secrets);
}

#[test]
fn output_read_from_the_wire_debugs_without_secrets() {
    let body = serde_json::to_vec(&json!({
        "AuthenticationResult": {"AccessToken": ACCESS_TOKEN, "IdToken": ID_TOKEN, "RefreshToken": REFRESH_TOKEN},
        "Session": OUTPUT_SESSION,
    }))
    .unwrap();
    let result = AdminInitiateAuth::response(200, &http::HeaderMap::new(), &body);
    assert_redacted(
        &format!("{result:?}"),
        &[ACCESS_TOKEN, ID_TOKEN, REFRESH_TOKEN, OUTPUT_SESSION],
    );
}

// --- errors -----------------------------------------------------------------

fn meta(code: &str, status: u16) -> ErrorMetadata {
    ErrorMetadata::new(
        Some(code.to_owned()),
        Some("from meta".into()),
        Some("req-42".into()),
        Some(status),
    )
}

#[test]
fn every_modelled_error_reports_what_the_model_says() {
    let modelled = support::modelled_errors();
    assert_eq!(modelled.len(), 18, "AdminInitiateAuth declares 18 errors");
    for (model, variant) in &modelled {
        let code = model.code.as_str();
        let error = (variant.make)(Some("it went wrong"), meta(code, model.status));
        assert_eq!(error.code(), Some(code));
        assert_eq!(
            error.message(),
            Some("it went wrong"),
            "{code}: the member wins over meta"
        );
        assert_eq!(error.request_id(), Some("req-42"));
        assert_eq!(error.meta().status(), Some(model.status));
        assert_eq!(error.fault(), model.fault, "{code}");
        assert_eq!(error.is_retryable(), model.retryable, "{code}");
        assert_eq!(error.is_throttling(), model.throttling, "{code}");
        assert_eq!(error.to_string(), format!("{code}: it went wrong"));
        assert!(!error.is_unhandled());
        // Exactly one is_*() helper answers yes.
        for other in support::variants() {
            assert_eq!(
                (other.is)(&error),
                other.code == code,
                "{}() on {code}",
                other.code
            );
        }
        // The inner error is the source, and tells the same story.
        let source = error.source().expect("the variant's error is the source");
        assert_eq!(source.to_string(), error.to_string());

        // The same through the trait, as generic code sees it.
        let provider: &dyn ProvideErrorMetadata = &error;
        assert_eq!(
            (provider.code(), provider.fault()),
            (Some(code), model.fault)
        );

        // And through the crate-wide error.
        let display = error.to_string();
        let top = Error::from(error);
        assert!(
            (variant.is_crate)(&top),
            "{code} converts to its own crate-wide variant"
        );
        assert!(!top.is_unhandled());
        assert_eq!(top.code(), Some(code));
        assert_eq!(top.message(), Some("it went wrong"));
        assert_eq!(top.request_id(), Some("req-42"));
        assert_eq!(top.fault(), model.fault);
        assert_eq!(top.is_retryable(), model.retryable);
        assert_eq!(top.to_string(), display);
        assert!(top.source().is_some());
    }
}

#[test]
fn model_faults_are_as_cognito_declares_them() {
    // A cross-check of the table above: only InternalErrorException is the
    // service's fault, and none of these errors is marked retryable.
    let server: Vec<String> = support::operation_errors()
        .into_iter()
        .filter(|e| e.fault == ErrorFault::Server)
        .map(|e| e.code)
        .collect();
    assert_eq!(server, ["InternalErrorException"]);
    let error =
        AdminInitiateAuthError::NotAuthorizedException(NotAuthorizedException::builder().build());
    assert_eq!(error.fault(), ErrorFault::Client);
    assert!(!error.is_retryable());
}

#[test]
fn error_without_message_displays_its_code_and_falls_back_to_meta() {
    let bare = NotAuthorizedException::builder().build();
    assert_eq!(bare.to_string(), "NotAuthorizedException");
    assert_eq!(bare.message(), None);
    assert_eq!(bare.request_id(), None);

    let with_meta = NotAuthorizedException::builder()
        .meta(meta("NotAuthorizedException", 403))
        .build();
    assert_eq!(with_meta.message(), Some("from meta"));
    assert_eq!(with_meta.to_string(), "NotAuthorizedException: from meta");
    assert_eq!(with_meta.request_id(), Some("req-42"));

    let invalid = InvalidParameterException::builder()
        .message("bad")
        .reason_code("INVALID_PHONE")
        .build();
    assert_eq!(invalid.reason_code.as_deref(), Some("INVALID_PHONE"));
    assert_eq!(invalid.to_string(), "InvalidParameterException: bad");
}

#[test]
fn unhandled_errors_keep_what_was_received() {
    let mut headers = http::HeaderMap::new();
    headers.insert("x-amzn-errortype", "BrandNewException".parse().unwrap());
    headers.insert("x-amzn-requestid", "req-unhandled".parse().unwrap());
    for (status, fault) in [(400, ErrorFault::Client), (503, ErrorFault::Server)] {
        let error = AdminInitiateAuth::response(status, &headers, br#"{"message":"new"}"#)
            .unwrap_err()
            .into_service_error()
            .expect("a service error");
        assert!(error.is_unhandled());
        assert_eq!(error.code(), Some("BrandNewException"));
        assert_eq!(error.message(), Some("new"));
        assert_eq!(error.request_id(), Some("req-unhandled"));
        assert_eq!(error.meta().status(), Some(status));
        assert_eq!(error.fault(), fault, "status {status}");
        assert!(!error.is_retryable());
        assert_eq!(
            error.to_string(),
            format!("BrandNewException: new (HTTP {status})")
        );
        for variant in support::variants() {
            assert!(!(variant.is)(&error));
        }
        let top = Error::from(error);
        assert!(top.is_unhandled());
        assert_eq!(top.code(), Some("BrandNewException"));
        assert_eq!(
            top.to_string(),
            format!("BrandNewException: new (HTTP {status})")
        );
    }
}

#[test]
fn crate_error_works_with_the_question_mark_operator() {
    fn call(body: &[u8]) -> Result<AdminInitiateAuthOutput, Error> {
        let mut headers = http::HeaderMap::new();
        headers.insert("x-amzn-errortype", "UserNotFoundException".parse().unwrap());
        let result = AdminInitiateAuth::response(404, &headers, body);
        let error = result
            .unwrap_err()
            .into_service_error()
            .expect("a service error");
        Err(error)?
    }
    let error = call(br#"{"message":"User does not exist."}"#).unwrap_err();
    assert!(error.is_user_not_found_exception());
    assert_eq!(
        error.to_string(),
        "UserNotFoundException: User does not exist."
    );
}

// --- serde ------------------------------------------------------------------

#[test]
fn input_serde_round_trip_carries_secrets_while_debug_hides_them() {
    let input = full_input();
    let value = serde_json::to_value(&input).unwrap();
    assert_eq!(
        value,
        json!({
            "UserPoolId": "us-east-1_Example",
            "ClientId": CLIENT_ID,
            "AuthFlow": "ADMIN_USER_PASSWORD_AUTH",
            "AuthParameters": {"USERNAME": "alice", "PASSWORD": PASSWORD},
            "ClientMetadata": {"source": "checkout"},
            "AnalyticsMetadata": {"AnalyticsEndpointId": "pinpoint-1"},
            "ContextData": {
                "IpAddress": "192.0.2.10",
                "ServerName": "login.example.com",
                "ServerPath": "/signin",
                "HttpHeaders": [{"headerName": "User-Agent", "headerValue": "curl/8"}],
                "EncodedData": "encoded-fingerprint"
            },
            "Session": INPUT_SESSION
        })
    );
    let back: AdminInitiateAuthInput = serde_json::from_value(value).unwrap();
    assert_eq!(back, input);
    assert_redacted(&format!("{back:?}"), &[PASSWORD, CLIENT_ID, INPUT_SESSION]);

    // Unknown enum values survive a stored request, as sent.
    let mut future = input;
    future.auth_flow = AuthFlowType::from("PASSKEY_AUTH_2030");
    let text = serde_json::to_string(&future).unwrap();
    assert!(text.contains(r#""AuthFlow":"PASSKEY_AUTH_2030""#), "{text}");
    assert_eq!(
        serde_json::from_str::<AdminInitiateAuthInput>(&text).unwrap(),
        future
    );
}

#[test]
fn minimal_input_serializes_only_what_is_set() {
    let input = AdminInitiateAuthInput::builder()
        .user_pool_id("pool")
        .client_id("client")
        .auth_flow(AuthFlowType::RefreshTokenAuth)
        .build()
        .unwrap();
    let value = serde_json::to_value(&input).unwrap();
    assert_eq!(
        value,
        json!({"UserPoolId": "pool", "ClientId": "client", "AuthFlow": "REFRESH_TOKEN_AUTH"})
    );
    assert_eq!(
        serde_json::from_value::<AdminInitiateAuthInput>(value).unwrap(),
        input
    );
}

#[test]
fn reading_json_without_required_members_gives_zero_values() {
    // Client error correction: the serde form is the wire form, and a
    // missing required member becomes its zero value rather than an error.
    let input: AdminInitiateAuthInput =
        serde_json::from_value(json!({"ClientId": "c", "ContextData": {"ServerName": "s"}}))
            .unwrap();
    assert_eq!(input.user_pool_id, "");
    assert_eq!(input.client_id, "c");
    assert!(matches!(&input.auth_flow, AuthFlowType::Unknown(v) if v.as_str().is_empty()));
    let context = input.context_data.unwrap();
    assert_eq!(
        (context.ip_address.as_str(), context.server_name.as_str()),
        ("", "s")
    );
    assert!(context.http_headers.is_empty());
}

#[test]
fn output_serde_round_trip_carries_tokens() {
    let output = success_output();
    let value = serde_json::to_value(&output).unwrap();
    assert_eq!(
        value,
        json!({
            "Session": OUTPUT_SESSION,
            "AuthenticationResult": {
                "AccessToken": ACCESS_TOKEN,
                "ExpiresIn": 3600,
                "TokenType": "Bearer",
                "RefreshToken": REFRESH_TOKEN,
                "IdToken": ID_TOKEN,
                "NewDeviceMetadata": {"DeviceKey": "us-east-1_dev", "DeviceGroupKey": "-group"}
            }
        })
    );
    let back: AdminInitiateAuthOutput = serde_json::from_value(value).unwrap();
    assert_eq!(back, output);

    let challenge = AdminInitiateAuthOutput::builder()
        .challenge_name(ChallengeNameType::SelectChallenge)
        .challenge_parameters("USER_ID_FOR_SRP", "alice")
        .available_challenges(ChallengeNameType::Password)
        .available_challenges(ChallengeNameType::from("QUANTUM_KEY"))
        .session(OUTPUT_SESSION)
        .build();
    let value = serde_json::to_value(&challenge).unwrap();
    assert_eq!(
        value["AvailableChallenges"],
        json!(["PASSWORD", "QUANTUM_KEY"])
    );
    assert_eq!(
        value["ChallengeParameters"],
        json!({"USER_ID_FOR_SRP": "alice"})
    );
    assert_eq!(
        serde_json::from_value::<AdminInitiateAuthOutput>(value).unwrap(),
        challenge
    );

    // An empty output is `{}`, and `{}` reads back as the empty output.
    let empty = AdminInitiateAuthOutput::builder().build();
    assert_eq!(serde_json::to_string(&empty).unwrap(), "{}");
    assert_eq!(
        serde_json::from_str::<AdminInitiateAuthOutput>("{}").unwrap(),
        empty
    );
}

#[test]
fn error_structures_serialize_their_members_not_their_metadata() {
    let error = InvalidParameterException::builder()
        .message("bad phone")
        .reason_code("INVALID_PHONE")
        .meta(meta("InvalidParameterException", 400))
        .build();
    let value = serde_json::to_value(&error).unwrap();
    assert_eq!(
        value,
        json!({"message": "bad phone", "reasonCode": "INVALID_PHONE"})
    );
    let back: InvalidParameterException = serde_json::from_value(value).unwrap();
    assert_eq!(back.message.as_deref(), Some("bad phone"));
    assert_eq!(back.reason_code.as_deref(), Some("INVALID_PHONE"));
    assert_eq!(
        back.request_id(),
        None,
        "metadata belongs to a response, not to the members"
    );
}
