//! Signs a user in to a Cognito user pool from a trusted back end, with the
//! generated client:
//!
//! ```sh
//! cargo run --example admin_sign_in -- --region us-east-1 --user-pool-id ID \
//!     --client-id ID --username NAME --password PW [--endpoint URL] [--new-password PW]
//! ```
//!
//! Runs the ADMIN_USER_PASSWORD_AUTH flow; when Cognito answers that the
//! user must choose a new password (a temporary password), sets the one
//! given with `--new-password`. Prints the token type and how long the
//! tokens last, never the tokens. AWS credentials come from the standard
//! environment variables.

use std::process::ExitCode;

use clap::Parser;
use cognito_identity_provider::client::{Client, Config, SdkError};
use cognito_identity_provider::types::{AuthFlowType, AuthenticationResultType, ChallengeNameType};

/// Sign a user in with ADMIN_USER_PASSWORD_AUTH.
#[derive(Parser)]
struct Args {
    /// The user pool's region, such as us-east-1.
    #[arg(long)]
    region: String,
    #[arg(long)]
    user_pool_id: String,
    /// An app client of the pool that allows ALLOW_ADMIN_USER_PASSWORD_AUTH.
    #[arg(long)]
    client_id: String,
    #[arg(long)]
    username: String,
    #[arg(long)]
    password: String,
    /// Send requests here instead of the region's endpoint (a local emulator, a VPC endpoint).
    #[arg(long, value_name = "URL")]
    endpoint: Option<String>,
    /// The new password, if the user still has a temporary one.
    #[arg(long)]
    new_password: Option<String>,
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let args = Args::parse();
    match sign_in(&args).await {
        Ok(tokens) => {
            println!(
                "signed in as {}: {} tokens, valid for {} seconds",
                args.username,
                tokens.token_type.as_deref().unwrap_or("(untyped)"),
                tokens.expires_in
            );
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn sign_in(args: &Args) -> Result<AuthenticationResultType, String> {
    let mut config = Config::builder().region(&args.region);
    if let Some(endpoint) = &args.endpoint {
        config = config.endpoint_url(endpoint);
    }
    let client = Client::new(config.build());
    let started = client
        .admin_initiate_auth()
        .user_pool_id(&args.user_pool_id)
        .client_id(&args.client_id)
        .auth_flow(AuthFlowType::AdminUserPasswordAuth)
        .auth_parameters("USERNAME", &args.username)
        .auth_parameters("PASSWORD", &args.password)
        .send()
        .await
        .map_err(describe)?;
    if let Some(tokens) = started.authentication_result {
        return Ok(tokens);
    }
    match started.challenge_name {
        Some(ChallengeNameType::NewPasswordRequired) => {}
        Some(other) => {
            return Err(format!(
                "Cognito asks for the {other} challenge, which this example does not answer"
            ))
        }
        None => return Err("Cognito returned neither tokens nor a challenge".into()),
    }
    let new_password = args
        .new_password
        .as_deref()
        .ok_or("the user has a temporary password and must choose a new one: run again with --new-password")?;
    let answered = client
        .admin_respond_to_auth_challenge()
        .user_pool_id(&args.user_pool_id)
        .client_id(&args.client_id)
        .challenge_name(ChallengeNameType::NewPasswordRequired)
        .challenge_responses("USERNAME", &args.username)
        .challenge_responses("NEW_PASSWORD", new_password)
        .set_session(started.session)
        .send()
        .await
        .map_err(describe)?;
    answered
        .authentication_result
        .ok_or_else(|| "Cognito accepted the new password but returned no tokens".into())
}

/// What went wrong: for service errors their code and message (`Display`
/// of an error says both), with the request id to quote to support.
fn describe<E: std::fmt::Display>(error: SdkError<E>) -> String {
    match error.request_id() {
        Some(id) => format!("{error} (request id {id})"),
        None => error.to_string(),
    }
}
