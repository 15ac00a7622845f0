//! Typed mocks (feature `test-util`): rules answer through the real wire
//! layer, in sequence or repeatedly, match on inputs, and record them.

use std::time::Duration;

use cognito_identity_provider::client::mock::{MockTransport, RuleMode};
use cognito_identity_provider::client::{
    Client, ProvideResponseMetadata, RetryConfig, SdkError, TransportErrorKind,
};
use cognito_identity_provider::operation::admin_initiate_auth::{
    AdminInitiateAuthError, AdminInitiateAuthOutput,
};
use cognito_identity_provider::operation::admin_respond_to_auth_challenge::AdminRespondToAuthChallengeOutput;
use cognito_identity_provider::types::error::{
    InternalErrorException, NotAuthorizedException, TooManyRequestsException,
};
use cognito_identity_provider::types::{AuthFlowType, ChallengeNameType};
use cognito_identity_provider::{mock, mock_client};

async fn initiate(
    client: &Client,
    user: &str,
) -> Result<AdminInitiateAuthOutput, SdkError<AdminInitiateAuthError>> {
    client
        .admin_initiate_auth()
        .user_pool_id("us-east-1_pool")
        .client_id("app")
        .auth_flow(AuthFlowType::AdminUserPasswordAuth)
        .auth_parameters("USERNAME", user)
        .auth_parameters("PASSWORD", "user-password")
        .send()
        .await
}

fn challenge() -> AdminInitiateAuthOutput {
    AdminInitiateAuthOutput::builder()
        .challenge_name(ChallengeNameType::NewPasswordRequired)
        .session("session-1")
        .challenge_parameters("USER_ID_FOR_SRP", "alice")
        .challenge_parameters("requiredAttributes", "[]")
        .build()
}

/// Retries without waiting, so sequences of failures run fast.
fn quick_retries() -> RetryConfig {
    RetryConfig::standard()
        .with_initial_backoff(Duration::from_millis(1))
        .with_max_backoff(Duration::from_millis(1))
}

#[tokio::test]
async fn an_output_comes_back_as_the_parser_reads_it() {
    let rule = mock!(Client::admin_initiate_auth).then_output(challenge);
    let client = mock_client!([&rule]);
    let output = initiate(&client, "alice").await.unwrap();
    // Equal to what was mocked after a trip through JSON and the real parser.
    let mut expected = challenge();
    assert_eq!(output.challenge_name, expected.challenge_name.take());
    assert_eq!(output.session, expected.session.take());
    assert_eq!(
        output.challenge_parameters,
        expected.challenge_parameters.take()
    );
    assert_eq!(output.response_metadata().http_status(), Some(200));
    assert_eq!(output.response_metadata().attempts(), 1);
    assert_eq!(rule.num_calls(), 1);
    assert!(rule.is_exhausted());
}

#[tokio::test]
async fn the_rule_records_the_inputs_as_sent() {
    let rule = mock!(Client::admin_initiate_auth)
        .sequence()
        .output(challenge)
        .times(2)
        .build();
    let client = mock_client!([&rule]);
    initiate(&client, "alice").await.unwrap();
    initiate(&client, "bob").await.unwrap();
    let users: Vec<_> = rule
        .inputs()
        .iter()
        .map(|input| input.auth_parameters.as_ref().unwrap()["USERNAME"].clone())
        .collect();
    assert_eq!(users, ["alice", "bob"]);
    assert_eq!(rule.inputs()[0].user_pool_id, "us-east-1_pool");
    // Both answers given: a third call has no rule.
    let error = initiate(&client, "carol").await.unwrap_err();
    assert!(matches!(error, SdkError::Dispatch(_)), "{error:?}");
    assert!(error.to_string().contains("run out of answers"), "{error}");
}

#[tokio::test]
async fn a_modelled_error_arrives_typed_with_the_models_status() {
    let rule = mock!(Client::admin_initiate_auth).then_error(|| {
        AdminInitiateAuthError::NotAuthorizedException(
            NotAuthorizedException::builder()
                .message("Incorrect username or password.")
                .build(),
        )
    });
    let client = mock_client!([&rule]);
    let error = initiate(&client, "alice").await.unwrap_err();
    let service = error.as_service_error().expect("a service error");
    assert!(service.is_not_authorized_exception(), "{service:?}");
    assert_eq!(service.message(), Some("Incorrect username or password."));
    assert_eq!(service.meta().status(), Some(403));
    assert_eq!(
        error.metadata().attempts(),
        1,
        "client errors are not retried"
    );
}

#[tokio::test]
async fn throttling_and_http_failures_are_retried_in_sequence() {
    let rule = mock!(Client::admin_initiate_auth)
        .sequence()
        .error(|| {
            AdminInitiateAuthError::TooManyRequestsException(
                TooManyRequestsException::builder()
                    .message("slow down")
                    .build(),
            )
        })
        .http_status(503)
        .transport_error(TransportErrorKind::Io)
        .output(challenge)
        .build();
    let transport = MockTransport::new(RuleMode::Sequential).with_rule(&rule);
    let client = Client::new(
        transport
            .config_builder()
            .retry(quick_retries().with_max_attempts(4))
            .build(),
    );
    let output = initiate(&client, "alice").await.unwrap();
    assert_eq!(output.response_metadata().attempts(), 4);
    assert_eq!(rule.num_calls(), 4);
    assert_eq!(rule.inputs().len(), 4, "every attempt sent the same input");
}

#[tokio::test]
async fn a_server_error_without_a_modelled_status_is_a_500() {
    let rule = mock!(Client::admin_initiate_auth)
        .sequence()
        .error(|| {
            AdminInitiateAuthError::InternalErrorException(
                InternalErrorException::builder().build(),
            )
        })
        .repeatedly()
        .build();
    let retry = quick_retries().with_max_attempts(2);
    let client = mock_client!(RuleMode::Sequential, [&rule], |config| config.retry(retry));
    let error = initiate(&client, "alice").await.unwrap_err();
    let service = error.as_service_error().unwrap();
    assert!(service.is_internal_error_exception(), "{service:?}");
    assert_eq!(service.meta().status(), Some(500));
    assert_eq!(error.metadata().attempts(), 2);
    assert!(!rule.is_exhausted(), "a repeating rule never runs out");
}

#[tokio::test]
async fn a_raw_http_response_goes_through_the_parser() {
    let rule = mock!(Client::admin_initiate_auth).then_http_response(|| {
        http::Response::builder()
            .status(400)
            .header("x-amzn-requestid", "req-raw")
            .body(br#"{"__type":"SomeNewException","message":"new to this crate"}"#.to_vec())
            .unwrap()
    });
    let client = mock_client!([&rule]);
    let error = initiate(&client, "alice").await.unwrap_err();
    let service = error.as_service_error().unwrap();
    assert!(service.is_unhandled(), "{service:?}");
    assert_eq!(service.code(), Some("SomeNewException"));
    assert_eq!(error.request_id(), Some("req-raw"));
}

#[tokio::test]
async fn match_any_picks_the_rule_whose_predicate_matches() {
    let alice = mock!(Client::admin_initiate_auth)
        .match_requests(|input| input.auth_parameters.as_ref().unwrap()["USERNAME"] == "alice")
        .then_output(challenge)
        .repeatedly();
    let mallory = mock!(Client::admin_initiate_auth)
        .match_requests(|input| input.auth_parameters.as_ref().unwrap()["USERNAME"] == "mallory")
        .then_error(|| {
            AdminInitiateAuthError::NotAuthorizedException(
                NotAuthorizedException::builder().build(),
            )
        });
    let client = mock_client!(RuleMode::MatchAny, [&alice, &mallory]);
    assert!(initiate(&client, "mallory").await.is_err());
    assert!(initiate(&client, "alice").await.is_ok());
    assert!(initiate(&client, "alice").await.is_ok());
    assert_eq!((alice.num_calls(), mallory.num_calls()), (2, 1));
    let error = initiate(&client, "eve").await.unwrap_err();
    assert!(error.to_string().contains("matches its input"), "{error}");
    assert_eq!(
        alice.num_calls(),
        2,
        "a call no rule matches is not recorded"
    );
}

#[tokio::test]
async fn sequential_rules_must_be_called_in_order() {
    let first = mock!(Client::admin_respond_to_auth_challenge)
        .then_output(|| AdminRespondToAuthChallengeOutput::builder().build());
    let second = mock!(Client::admin_initiate_auth).then_output(challenge);
    let client = mock_client!([&first, &second]);
    let error = initiate(&client, "alice").await.unwrap_err();
    assert!(
        error
            .to_string()
            .contains("next rule is for `AdminRespondToAuthChallenge`"),
        "{error}"
    );
    assert_eq!((first.num_calls(), second.num_calls()), (0, 0));
}

/// Every item of the mocks in the committed crate sits behind
/// `test-util`, which no default feature enables: a default build compiles
/// none of it (`.ci/run` also builds the crate with its default features).
#[test]
fn the_mocks_exist_only_with_test_util() {
    let root = tests::workspace_root().join("generated");
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    assert!(
        manifest.contains("\ndefault = [\"client\"]\n"),
        "{manifest}"
    );
    assert!(
        manifest.contains("\ntest-util = [\"client\"]\n"),
        "{manifest}"
    );
    let gate = "#[cfg(feature = \"test-util\")]";
    let client = std::fs::read_to_string(root.join("src/client.rs")).unwrap();
    assert!(
        client.contains(&format!("{gate}\n#[rustfmt::skip]\npub mod mock;")),
        "src/client.rs declares the mock module without the gate"
    );
    let builders = root.join("src/client/builders");
    let mut impls = 0;
    for entry in std::fs::read_dir(&builders).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            if line.contains("client::mock::") && line.starts_with("impl ") {
                assert_eq!(lines[i - 1], gate, "{}:{}", path.display(), i + 1);
                impls += 1;
            }
        }
    }
    assert_eq!(impls, 2, "one MockOperation impl per operation");
}
