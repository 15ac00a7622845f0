//! The end-to-end tests' setup program. It is not built with the workspace:
//! `tests/tests/e2e_moto.rs` generates a crate (`cognito-setup`) from the
//! upstream Cognito model with exactly the operations used here, builds
//! this program against it in a scratch workspace, and runs it against
//! moto. So the setup is itself a test of the generator and the client.
//!
//! Usage: `setup ENDPOINT TEMPORARY_PASSWORD PERMANENT_PASSWORD`, with the
//! region and credentials in the standard environment variables. Prints
//! `key=value` lines for the test to read.

#![deny(warnings)]

use cognito_setup::client::{Client, Config};
use cognito_setup::types::{ExplicitAuthFlowsType, MessageActionType, SmsMfaSettingsType};

/// Users of the sign-in pool, and whether their password is permanent.
const USERS: &[(&str, bool)] = &[("alice", true), ("bob", false), ("carol", false), ("dave", true)];

/// How many users the listing pool gets, and how many a page may hold.
const LISTED_USERS: usize = 25;
const PAGE_SIZE: i32 = 10;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let [_, endpoint, temporary, permanent] = args.as_slice() else {
        return Err("usage: setup ENDPOINT TEMPORARY_PASSWORD PERMANENT_PASSWORD".into());
    };
    let client = Client::new(Config::builder().endpoint_url(endpoint).build());

    let pool = client.create_user_pool().pool_name("e2e-sign-in").send().await?;
    let pool_id = pool
        .user_pool
        .and_then(|p| p.id)
        .ok_or("CreateUserPool returned no pool id")?;
    let app = client
        .create_user_pool_client()
        .user_pool_id(&pool_id)
        .client_name("e2e")
        .explicit_auth_flows(ExplicitAuthFlowsType::AllowAdminUserPasswordAuth)
        .explicit_auth_flows(ExplicitAuthFlowsType::AllowRefreshTokenAuth)
        .send()
        .await?;
    let client_id = app
        .user_pool_client
        .and_then(|c| c.client_id)
        .ok_or("CreateUserPoolClient returned no client id")?;
    for (name, permanent_password) in USERS {
        create_user(&client, &pool_id, name, temporary).await?;
        if *permanent_password {
            client
                .admin_set_user_password()
                .user_pool_id(&pool_id)
                .username(*name)
                .password(permanent)
                .permanent(true)
                .send()
                .await?;
        }
    }
    println!("pool={pool_id}");
    println!("client={client_id}");

    // An app client with a secret: its sign-ins need SECRET_HASH. Erin
    // has SMS MFA, whose answer moto checks the hash of; Frank and Grace
    // temporary passwords.
    let secret_app = client
        .create_user_pool_client()
        .user_pool_id(&pool_id)
        .client_name("e2e-secret")
        .generate_secret(true)
        .explicit_auth_flows(ExplicitAuthFlowsType::AllowAdminUserPasswordAuth)
        .explicit_auth_flows(ExplicitAuthFlowsType::AllowUserPasswordAuth)
        .explicit_auth_flows(ExplicitAuthFlowsType::AllowUserSrpAuth)
        .explicit_auth_flows(ExplicitAuthFlowsType::AllowRefreshTokenAuth)
        .send()
        .await?
        .user_pool_client
        .ok_or("CreateUserPoolClient returned no client")?;
    let secret_client_id = secret_app.client_id.ok_or("no client id")?;
    let client_secret = secret_app.client_secret.ok_or("no client secret")?;
    create_user(&client, &pool_id, "erin", temporary).await?;
    client
        .admin_set_user_password()
        .user_pool_id(&pool_id)
        .username("erin")
        .password(permanent)
        .permanent(true)
        .send()
        .await?;
    client
        .admin_set_user_mfa_preference()
        .user_pool_id(&pool_id)
        .username("erin")
        .sms_mfa_settings(SmsMfaSettingsType::builder().enabled(true).preferred_mfa(true).build())
        .send()
        .await?;
    create_user(&client, &pool_id, "frank", temporary).await?;
    create_user(&client, &pool_id, "grace", temporary).await?;
    println!("secret_client={secret_client_id}");
    println!("client_secret={client_secret}");

    let listing = client.create_user_pool().pool_name("e2e-listing").send().await?;
    let listing_id = listing
        .user_pool
        .and_then(|p| p.id)
        .ok_or("CreateUserPool returned no pool id")?;
    for n in 0..LISTED_USERS {
        create_user(&client, &listing_id, &format!("user-{n:02}"), temporary).await?;
    }
    let list = client
        .list_users()
        .user_pool_id(&listing_id)
        .into_paginator()
        .page_size(PAGE_SIZE);
    let mut pages = list.clone().send();
    let mut page_sizes = Vec::new();
    while let Some(page) = pages.next().await {
        page_sizes.push(page?.users.map_or(0, |u| u.len()).to_string());
    }
    let users: Vec<_> = list.items().send().try_collect().await?;
    let names: Vec<_> = users.into_iter().map(|u| u.username.unwrap_or_default()).collect();
    println!("page_sizes={}", page_sizes.join(","));
    println!("listed={}", names.join(","));
    Ok(())
}

async fn create_user(
    client: &Client,
    pool_id: &str,
    name: &str,
    temporary_password: &str,
) -> Result<(), Box<dyn std::error::Error>> {
    client
        .admin_create_user()
        .user_pool_id(pool_id)
        .username(name)
        .temporary_password(temporary_password)
        .message_action(MessageActionType::Suppress)
        .send()
        .await?;
    Ok(())
}
