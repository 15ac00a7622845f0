//! Signs a user in to a Cognito user pool from a trusted back end, with the
//! generated client and its typed sign-in flow:
//!
//! ```sh
//! cargo run --example admin_sign_in -- --region us-east-1 --user-pool-id ID \
//!     --client-id ID --username NAME --password PW [--client-secret SECRET] [--srp] \
//!     [--endpoint URL] [--new-password PW [--attribute NAME=VALUE]...]
//! ```
//!
//! Runs the ADMIN_USER_PASSWORD_AUTH flow and answers the challenges
//! Cognito sends: NEW_PASSWORD_REQUIRED with `--new-password` (and the
//! required attributes given with `--attribute`), an MFA or one-time code
//! (SMS, email, authenticator app) read from standard input, and the choice
//! of MFA method, also read from standard input. With `--client-secret`,
//! every request carries the SECRET_HASH the app client requires. With
//! `--srp`, the flow is USER_SRP_AUTH: the password never leaves the
//! process, only a proof of it (the app client must allow
//! ALLOW_USER_SRP_AUTH). Prints
//! the token type and how long the tokens last, never the tokens. AWS
//! credentials come from the standard environment variables.

use std::io::{BufRead, Write};
use std::process::ExitCode;

use clap::Parser;
use cognito_identity_provider::client::{Client, Config};
use cognito_identity_provider::sign_in::{
    Answer, Challenge, CodeDelivery, SignInError, SignInStep, SrpSignInError,
};
use cognito_identity_provider::types::AuthenticationResultType;

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
    /// The app client's secret, if it has one.
    #[arg(long)]
    client_secret: Option<String>,
    #[arg(long)]
    username: String,
    #[arg(long)]
    password: String,
    /// Sign in with USER_SRP_AUTH, proving the password instead of sending it.
    #[arg(long)]
    srp: bool,
    /// Send requests here instead of the region's endpoint (a local emulator, a VPC endpoint).
    #[arg(long, value_name = "URL")]
    endpoint: Option<String>,
    /// The new password, if the user still has a temporary one.
    #[arg(long)]
    new_password: Option<String>,
    /// An attribute the pool requires with a new password, as NAME=VALUE (repeatable).
    #[arg(long, value_name = "NAME=VALUE")]
    attribute: Vec<String>,
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
    if let Some(secret) = &args.client_secret {
        config = config.app_client_secret(&args.client_id, secret);
    }
    let flow = Client::new(config.build()).admin_sign_in(&args.user_pool_id, &args.client_id);
    let mut step = if args.srp {
        flow.sign_in_with_srp(&args.username, &args.password)
            .await
            .map_err(describe_srp)?
    } else {
        flow.sign_in_with_password(&args.username, &args.password)
            .await
            .map_err(describe)?
    };
    loop {
        let challenge = match step {
            SignInStep::SignedIn(tokens) => return Ok(tokens),
            SignInStep::Challenge(challenge) => challenge,
            other => return Err(format!("an unexpected step: {other:?}")),
        };
        let answer = answer(args, &challenge)?;
        step = flow.answer(answer).await.map_err(describe)?;
    }
}

/// The answer to `challenge`, from the arguments or standard input.
fn answer(args: &Args, challenge: &Challenge) -> Result<Answer, String> {
    Ok(match challenge {
        Challenge::NewPasswordRequired(c) => {
            let new_password = args.new_password.as_deref().ok_or(
                "the user has a temporary password and must choose a new one: run again with --new-password",
            )?;
            let attributes = args
                .attribute
                .iter()
                .map(|a| {
                    a.split_once('=')
                        .ok_or(format!("--attribute {a}: expected NAME=VALUE"))
                })
                .collect::<Result<Vec<_>, _>>()?;
            let missing: Vec<&str> = c
                .missing_attributes()
                .into_iter()
                .filter(|name| !attributes.iter().any(|(given, _)| given == name))
                .collect();
            if !missing.is_empty() {
                return Err(format!(
                    "the pool requires these attributes with the new password: {}; give them with --attribute NAME=VALUE",
                    missing.join(", ")
                ));
            }
            c.answer(new_password, attributes)
        }
        Challenge::SmsMfa(c) | Challenge::EmailOtp(c) | Challenge::SmsOtp(c) => {
            c.answer(read_line(&code_prompt(challenge.name(), c))?)
        }
        Challenge::SoftwareTokenMfa(c) => {
            c.answer(read_line("enter the code of your authenticator app: ")?)
        }
        Challenge::SelectMfaType(c) => {
            let choice = read_line(&format!(
                "choose an MFA method ({}): ",
                c.available.join(", ")
            ))?;
            c.answer(choice)
        }
        other => {
            return Err(format!(
                "Cognito asks for the {} challenge, which this example does not answer",
                other.name()
            ))
        }
    })
}

fn code_prompt(name: &str, delivery: &CodeDelivery) -> String {
    match (&delivery.destination, &delivery.medium) {
        (Some(to), Some(medium)) => format!("enter the code sent by {medium} to {to}: "),
        _ => format!("enter the {name} code: "),
    }
}

/// One line of standard input, after a prompt on standard error.
fn read_line(prompt: &str) -> Result<String, String> {
    eprint!("{prompt}");
    std::io::stderr().flush().map_err(|e| e.to_string())?;
    let mut line = String::new();
    let read = std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| format!("cannot read standard input: {e}"))?;
    if read == 0 {
        return Err("standard input ended before an answer was given".into());
    }
    Ok(line.trim().to_owned())
}

/// What went wrong: for service errors their code and message (`Display`
/// of an error says both), with the request id to quote to support.
fn describe<E: std::fmt::Display>(error: SignInError<E>) -> String {
    match error.as_call_error().and_then(|e| e.request_id()) {
        Some(id) => format!("{error} (request id {id})"),
        None => error.to_string(),
    }
}

/// What went wrong in an SRP sign-in: a call's error as [`describe`] says
/// it, or why the proof could not be computed.
fn describe_srp<S: std::fmt::Display, R: std::fmt::Display>(error: SrpSignInError<S, R>) -> String {
    match error {
        SrpSignInError::Start(e) => describe(e),
        SrpSignInError::Answer(e) => describe(e),
        other => other.to_string(),
    }
}
