//! The end-to-end tests' program for the public sign-in flow
//! (`InitiateAuth`, `RespondToAuthChallenge`, unsigned), built like
//! `setup.rs` against a crate generated with those operations, so the
//! customization's public flow is compiled and run for real.
//!
//! Usage: `public_sign_in ENDPOINT CLIENT_ID CLIENT_SECRET USERNAME PASSWORD NEW_PASSWORD`.
//! Signs in with USER_PASSWORD_AUTH through an app client with a secret,
//! answers NEW_PASSWORD_REQUIRED with NEW_PASSWORD, refreshes the tokens,
//! and prints one `key=value` line per step: `tokens`, a challenge name, or
//! `error:` and the error's code.

#![deny(warnings)]

use cognito_setup::client::{Client, Config};
use cognito_setup::sign_in::{username_from_access_token, Challenge, SignInError, SignInStep};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let [_, endpoint, client_id, secret, username, password, new_password] = args.as_slice() else {
        return Err("usage: public_sign_in ENDPOINT CLIENT_ID CLIENT_SECRET USERNAME PASSWORD NEW_PASSWORD".into());
    };
    let config = Config::builder()
        .endpoint_url(endpoint)
        .app_client_secret(client_id, secret)
        .build();
    let flow = Client::new(config).sign_in(client_id);
    let mut step = match flow.sign_in_with_password(username, password).await {
        Ok(step) => step,
        Err(e) => return report("first", &e),
    };
    println!("first={}", describe(&step));
    if let SignInStep::Challenge(Challenge::NewPasswordRequired(challenge)) = &step {
        let no_attributes: [(&str, &str); 0] = [];
        step = match flow.answer(challenge.answer(new_password, no_attributes)).await {
            Ok(step) => step,
            Err(e) => return report("answered", &e),
        };
        println!("answered={}", describe(&step));
    }
    let SignInStep::SignedIn(tokens) = step else {
        return Ok(());
    };
    let access_token = tokens.access_token.as_deref().ok_or("no access token")?;
    let refresh_token = tokens.refresh_token.as_deref().ok_or("no refresh token")?;
    let pool_username = username_from_access_token(access_token).ok_or("no username claim")?;
    println!("username={pool_username}");
    match flow.refresh(refresh_token, &pool_username).await {
        Ok(refreshed) => println!("refreshed={}", if refreshed.access_token.is_some() { "tokens" } else { "empty" }),
        Err(e) => return report("refreshed", &e),
    }
    Ok(())
}

fn describe(step: &SignInStep) -> String {
    match step {
        SignInStep::SignedIn(_) => "tokens".to_owned(),
        SignInStep::Challenge(challenge) => challenge.name().to_owned(),
        _ => "other".to_owned(),
    }
}

fn report<E: cognito_setup::error::ProvideErrorMetadata>(
    key: &str,
    error: &SignInError<E>,
) -> Result<(), Box<dyn std::error::Error>> {
    let call = error.as_call_error();
    let code = call.and_then(|e| e.code()).unwrap_or("none");
    let status = call.and_then(|e| e.metadata().http_status()).unwrap_or(0);
    println!("{key}=error:{code}:{status}");
    Ok(())
}
