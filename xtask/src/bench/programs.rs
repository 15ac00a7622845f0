//! The scratch crates `bench build` compiles: a program that signs a user
//! in (one AdminInitiateAuth call with ADMIN_USER_PASSWORD_AUTH on a tokio
//! current-thread runtime), written once per client. Each reads the
//! region, credentials and user from the environment, so nothing is
//! compiled in that the other side would not have.

/// `Cargo.toml` of the sign-in program over this project's crate, which
/// sits beside it as `../cognito-identity-provider`.
pub const OURS_MANIFEST: &str = r#"[package]
name = "sign-in"
version = "0.1.0"
edition = "2021"
publish = false

[dependencies]
cognito-identity-provider = { path = "../cognito-identity-provider" }
tokio = { version = "1", features = ["rt"] }
"#;

pub const OURS_MAIN: &str = r#"//! Signs a user in with one AdminInitiateAuth call (this project's crate).
use std::process::ExitCode;

use cognito_identity_provider::client::{Client, Config};
use cognito_identity_provider::types::AuthFlowType;

fn main() -> ExitCode {
    let var = |name: &str| std::env::var(name).unwrap_or_default();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    runtime.block_on(async {
        // Region and credentials: AWS_REGION, AWS_ACCESS_KEY_ID, ... (read by the client).
        let client = Client::new(Config::builder().build());
        let result = client
            .admin_initiate_auth()
            .user_pool_id(var("USER_POOL_ID"))
            .client_id(var("CLIENT_ID"))
            .auth_flow(AuthFlowType::AdminUserPasswordAuth)
            .auth_parameters("USERNAME", var("USERNAME"))
            .auth_parameters("PASSWORD", var("PASSWORD"))
            .send()
            .await;
        match result {
            Ok(output) => {
                println!("signed in: {}", output.authentication_result.is_some());
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("error: {error}");
                ExitCode::FAILURE
            }
        }
    })
}
"#;

/// The official SDK alone: region and credentials set on its config.
pub const OFFICIAL_MANIFEST: &str = r#"[package]
name = "sign-in"
version = "0.1.0"
edition = "2021"
publish = false

[dependencies]
aws-sdk-cognitoidentityprovider = "1"
tokio = { version = "1", features = ["rt"] }
"#;

pub const OFFICIAL_MAIN: &str = r#"//! Signs a user in with one AdminInitiateAuth call (the official SDK, no aws-config).
use std::process::ExitCode;

use aws_sdk_cognitoidentityprovider::config::{BehaviorVersion, Credentials, Region};
use aws_sdk_cognitoidentityprovider::types::AuthFlowType;
use aws_sdk_cognitoidentityprovider::{Client, Config};

fn main() -> ExitCode {
    let var = |name: &str| std::env::var(name).unwrap_or_default();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    runtime.block_on(async {
        let credentials = Credentials::new(
            var("AWS_ACCESS_KEY_ID"),
            var("AWS_SECRET_ACCESS_KEY"),
            std::env::var("AWS_SESSION_TOKEN").ok(),
            None,
            "environment",
        );
        let config = Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new(var("AWS_REGION")))
            .credentials_provider(credentials)
            .build();
        let client = Client::from_conf(config);
        let result = client
            .admin_initiate_auth()
            .user_pool_id(var("USER_POOL_ID"))
            .client_id(var("CLIENT_ID"))
            .auth_flow(AuthFlowType::AdminUserPasswordAuth)
            .auth_parameters("USERNAME", var("USERNAME"))
            .auth_parameters("PASSWORD", var("PASSWORD"))
            .send()
            .await;
        match result {
            Ok(output) => {
                println!("signed in: {}", output.authentication_result().is_some());
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("error: {error}");
                ExitCode::FAILURE
            }
        }
    })
}
"#;

/// The official SDK configured the way its documentation starts: aws-config.
pub const OFFICIAL_CONFIG_MANIFEST: &str = r#"[package]
name = "sign-in"
version = "0.1.0"
edition = "2021"
publish = false

[dependencies]
aws-config = { version = "1", features = ["behavior-version-latest"] }
aws-sdk-cognitoidentityprovider = "1"
tokio = { version = "1", features = ["rt"] }
"#;

pub const OFFICIAL_CONFIG_MAIN: &str = r#"//! Signs a user in with one AdminInitiateAuth call (the official SDK, configured by aws-config).
use std::process::ExitCode;

use aws_sdk_cognitoidentityprovider::types::AuthFlowType;
use aws_sdk_cognitoidentityprovider::Client;

fn main() -> ExitCode {
    let var = |name: &str| std::env::var(name).unwrap_or_default();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    runtime.block_on(async {
        let sdk = aws_config::load_from_env().await;
        let client = Client::new(&sdk);
        let result = client
            .admin_initiate_auth()
            .user_pool_id(var("USER_POOL_ID"))
            .client_id(var("CLIENT_ID"))
            .auth_flow(AuthFlowType::AdminUserPasswordAuth)
            .auth_parameters("USERNAME", var("USERNAME"))
            .auth_parameters("PASSWORD", var("PASSWORD"))
            .send()
            .await;
        match result {
            Ok(output) => {
                println!("signed in: {}", output.authentication_result().is_some());
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("error: {error}");
                ExitCode::FAILURE
            }
        }
    })
}
"#;
