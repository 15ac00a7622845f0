//! The end-to-end SRP sign-in, built like `setup.rs` against the generated
//! `cognito-setup` crate (which holds the public `InitiateAuth` and
//! `RespondToAuthChallenge`, so the `sign_in` customization with its
//! public flow, here with feature `srp`), and run against moto by
//! `tests/tests/e2e_moto/main.rs`.
//!
//! Usage: `srp-sign-in ENDPOINT POOL_ID`, with the region and credentials
//! in the standard environment variables. Makes its own users and app
//! clients in the pool, signs in over `USER_SRP_AUTH` through
//! `PASSWORD_VERIFIER`, and prints `key=value` lines for the test to read.

#![deny(warnings)]

use cognito_setup::client::{Client, Config};
use cognito_setup::sign_in::{Challenge, SignInStep, SrpSignInError};
use cognito_setup::types::{ExplicitAuthFlowsType, MessageActionType};

const REGION: &str = "us-east-1";
const TEMPORARY: &str = "Temporary-Srp-Passw0rd!";
const PERMANENT: &str = "Permanent-Srp-Passw0rd!";
const CHANGED: &str = "Changed-Srp-Passw0rd!";

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let [_, endpoint, pool_id] = args.as_slice() else {
        return Err("usage: srp-sign-in ENDPOINT POOL_ID".into());
    };
    let admin = Client::new(Config::builder().endpoint_url(endpoint).build());

    // Users of this test alone: two with a permanent password (one with a
    // non-ASCII name), one with a temporary one. moto checks SECRET_HASH
    // over the username encoded as Latin-1, where Cognito (and every SDK)
    // uses UTF-8, so the app client with a secret signs in the ASCII one.
    let zoe = "zoë-srp";
    let ascii = "srp-ascii";
    let newcomer = "srp-newcomer";
    for name in [zoe, ascii, newcomer] {
        admin
            .admin_create_user()
            .user_pool_id(pool_id)
            .username(name)
            .temporary_password(TEMPORARY)
            .message_action(MessageActionType::Suppress)
            .send()
            .await?;
    }
    for name in [zoe, ascii] {
        admin
            .admin_set_user_password()
            .user_pool_id(pool_id)
            .username(name)
            .password(PERMANENT)
            .permanent(true)
            .send()
            .await?;
    }

    let (plain_id, _) = app_client(&admin, pool_id, false).await?;
    let (secret_id, client_secret) = app_client(&admin, pool_id, true).await?;
    let client_secret = client_secret.ok_or("CreateUserPoolClient returned no secret")?;

    // The app's side: the public operations go unsigned.
    let app = |client_id: &str, client_secret: Option<&str>| {
        let mut config = Config::builder().region(REGION).endpoint_url(endpoint);
        if let Some(client_secret) = client_secret {
            config = config.app_client_secret(client_id, client_secret);
        }
        Client::new(config.build())
    };

    let flow = app(&plain_id, None).sign_in(&plain_id);
    println!("plain={}", outcome(flow.sign_in_with_srp(pool_id, zoe, PERMANENT).await));

    let flow = app(&secret_id, Some(&client_secret)).sign_in(&secret_id);
    println!("secret={}", outcome(flow.sign_in_with_srp(pool_id, ascii, PERMANENT).await));

    // A wrong client secret gives a wrong SECRET_HASH, which moto refuses.
    let flow = app(&secret_id, Some("not-the-secret")).sign_in(&secret_id);
    println!("wrong_secret={}", outcome(flow.sign_in_with_srp(pool_id, ascii, PERMANENT).await));

    // A temporary password: PASSWORD_VERIFIER, then NEW_PASSWORD_REQUIRED
    // answered through the typed API.
    let flow = app(&secret_id, Some(&client_secret)).sign_in(&secret_id);
    let step = flow.sign_in_with_srp(pool_id, newcomer, TEMPORARY).await?;
    let SignInStep::Challenge(Challenge::NewPasswordRequired(challenge)) = &step else {
        return Err(format!("expected NEW_PASSWORD_REQUIRED, got {step:?}").into());
    };
    println!("newcomer={}", "NEW_PASSWORD_REQUIRED");
    let no_attributes: [(&str, &str); 0] = [];
    let answered = flow.answer(challenge.answer(CHANGED, no_attributes)).await;
    println!(
        "newcomer_answered={}",
        match answered {
            Ok(SignInStep::SignedIn(tokens)) if tokens.access_token.is_some() => "signed-in".to_owned(),
            Ok(other) => format!("unexpected {other:?}"),
            Err(e) => format!("error {e}"),
        }
    );
    let flow = app(&plain_id, None).sign_in(&plain_id);
    println!("newcomer_again={}", outcome(flow.sign_in_with_srp(pool_id, newcomer, CHANGED).await));
    Ok(())
}

/// An app client of the pool that allows `USER_SRP_AUTH`, with a secret
/// when `with_secret`: its id and secret.
async fn app_client(
    admin: &Client,
    pool_id: &str,
    with_secret: bool,
) -> Result<(String, Option<String>), Box<dyn std::error::Error>> {
    let created = admin
        .create_user_pool_client()
        .user_pool_id(pool_id)
        .client_name(if with_secret { "srp-secret" } else { "srp" })
        .generate_secret(with_secret)
        .explicit_auth_flows(ExplicitAuthFlowsType::AllowUserSrpAuth)
        .explicit_auth_flows(ExplicitAuthFlowsType::AllowRefreshTokenAuth)
        .send()
        .await?
        .user_pool_client
        .ok_or("CreateUserPoolClient returned no client")?;
    let id = created.client_id.ok_or("CreateUserPoolClient returned no client id")?;
    Ok((id, created.client_secret))
}

/// What a sign-in ended with, in one word (or the error's code).
fn outcome<S, R>(result: Result<SignInStep, SrpSignInError<S, R>>) -> String
where
    S: cognito_setup::error::ProvideErrorMetadata,
    R: cognito_setup::error::ProvideErrorMetadata,
{
    match result {
        Ok(SignInStep::SignedIn(tokens)) if tokens.access_token.is_some() => "signed-in".to_owned(),
        Ok(SignInStep::Challenge(challenge)) => challenge.name().to_owned(),
        Ok(other) => format!("unexpected {other:?}"),
        Err(SrpSignInError::Start(e)) => format!(
            "start-failed {}",
            e.as_call_error().and_then(|e| e.code()).unwrap_or("(no code)")
        ),
        Err(SrpSignInError::Answer(e)) => format!(
            "answer-failed {}",
            e.as_call_error().and_then(|e| e.code()).unwrap_or("(no code)")
        ),
        Err(SrpSignInError::Proof(e)) => format!("proof-failed {e}"),
        Err(_) => "failed".to_owned(),
    }
}
