//! The README's typed-mocks example, compiled and run: the code between the
//! markers below is the README's code block, character for character (the
//! last test checks), so the example cannot drift from what compiles.

// README example: begin
use cognito_identity_provider::client::Client;
use cognito_identity_provider::operation::admin_initiate_auth::AdminInitiateAuthOutput;
use cognito_identity_provider::operation::admin_respond_to_auth_challenge::AdminRespondToAuthChallengeOutput;
use cognito_identity_provider::types::{AuthFlowType, AuthenticationResultType, ChallengeNameType};
use cognito_identity_provider::{mock, mock_client};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Signs `user` in with `password`; when Cognito answers NEW_PASSWORD_REQUIRED
/// (the password was a temporary one), sets `new_password` and signs in with it.
pub async fn sign_in(
    client: &Client,
    (pool, app): (&str, &str),
    user: &str,
    password: &str,
    new_password: &str,
) -> Result<AuthenticationResultType, BoxError> {
    let started = client
        .admin_initiate_auth()
        .user_pool_id(pool)
        .client_id(app)
        .auth_flow(AuthFlowType::AdminUserPasswordAuth)
        .auth_parameters("USERNAME", user)
        .auth_parameters("PASSWORD", password)
        .send()
        .await?;
    if let Some(tokens) = started.authentication_result {
        return Ok(tokens);
    }
    if started.challenge_name != Some(ChallengeNameType::NewPasswordRequired) {
        return Err(format!("unexpected challenge {:?}", started.challenge_name).into());
    }
    let answered = client
        .admin_respond_to_auth_challenge()
        .user_pool_id(pool)
        .client_id(app)
        .challenge_name(ChallengeNameType::NewPasswordRequired)
        .challenge_responses("USERNAME", user)
        .challenge_responses("NEW_PASSWORD", new_password)
        .set_session(started.session)
        .send()
        .await?;
    answered
        .authentication_result
        .ok_or_else(|| "no tokens".into())
}

#[tokio::test]
async fn a_temporary_password_is_replaced_offline() {
    let initiate = mock!(Client::admin_initiate_auth)
        .match_requests(|input| input.auth_flow == AuthFlowType::AdminUserPasswordAuth)
        .then_output(|| {
            AdminInitiateAuthOutput::builder()
                .challenge_name(ChallengeNameType::NewPasswordRequired)
                .session("session-1")
                .build()
        });
    let respond = mock!(Client::admin_respond_to_auth_challenge)
        .match_requests(|input| input.session.as_deref() == Some("session-1"))
        .then_output(|| {
            let tokens = AuthenticationResultType::builder()
                .access_token("access-token")
                .expires_in(3600)
                .token_type("Bearer")
                .build();
            AdminRespondToAuthChallengeOutput::builder()
                .authentication_result(tokens)
                .build()
        });
    let client = mock_client!([&initiate, &respond]);

    let tokens = sign_in(
        &client,
        ("us-east-1_pool", "app"),
        "bob",
        "Temp-1!",
        "Perm-2!",
    )
    .await
    .unwrap();

    assert_eq!(tokens.token_type.as_deref(), Some("Bearer"));
    let sent = respond.inputs();
    assert_eq!(sent.len(), 1);
    let responses = sent[0].challenge_responses.as_ref().unwrap();
    assert_eq!(responses["NEW_PASSWORD"], "Perm-2!");
}
// README example: end

#[test]
fn the_readme_shows_this_example() {
    let this = include_str!("readme_mock_example.rs");
    let begin = "// README example: begin\n";
    let start = this.find(begin).unwrap() + begin.len();
    let end = this.find("// README example: end").unwrap();
    let example = &this[start..end];
    let readme = std::fs::read_to_string(tests::workspace_root().join("README.md")).unwrap();
    let block = format!("```rust\n{example}```\n");
    assert!(
        readme.contains(&block),
        "README.md must hold the example of tests/tests/readme_mock_example.rs, as is:\n{block}"
    );
}
