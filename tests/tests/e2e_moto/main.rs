//! End to end: the committed crate's client signs users in against moto, a
//! real Cognito emulator started by these tests on 127.0.0.1, with moto's
//! signature checking on. The first test to run sets everything up (see
//! `moto.rs`); without Python or `../shared` the tests skip, except under
//! `CI=true` where that fails them.
//!
//! Every test here is named `moto_*`, so `cargo test -- --skip moto_` runs
//! everything else.

mod moto;
mod providers;

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Duration;

use cognito_identity_provider::client::{
    Client, Config, Credentials, ProvideResponseMetadata, RetryConfig, SdkError,
};
use cognito_identity_provider::error::ProvideErrorMetadata;
use cognito_identity_provider::operation::admin_initiate_auth::{
    AdminInitiateAuthError, AdminInitiateAuthOutput,
};
use cognito_identity_provider::sign_in::{
    username_from_access_token, AdminSignIn, Challenge, SignInError, SignInStep,
};
use cognito_identity_provider::types::{AuthFlowType, ChallengeNameType};

use moto::{Moto, PERMANENT_PASSWORD, REGION, TEMPORARY_PASSWORD};

/// Runs `f` with a client of `moto` signing with `secret`.
fn with_client<T>(moto: &Moto, secret: &str, f: impl AsyncFnOnce(Client) -> T) -> T {
    let config = Config::builder()
        .region(REGION)
        .endpoint_url(&moto.endpoint)
        .credentials(Credentials::from_keys(&moto.access_key_id, secret, None))
        .retry(RetryConfig::standard().with_initial_backoff(Duration::from_millis(20)))
        .operation_timeout(Duration::from_secs(30))
        .build();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(f(Client::new(config)))
}

fn sign_in(
    moto: &Moto,
    flow: AuthFlowType,
    parameters: &[(&str, &str)],
) -> Result<AdminInitiateAuthOutput, SdkError<AdminInitiateAuthError>> {
    sign_in_to(moto, &moto.pool_id, flow, parameters)
}

fn sign_in_to(
    moto: &Moto,
    pool_id: &str,
    flow: AuthFlowType,
    parameters: &[(&str, &str)],
) -> Result<AdminInitiateAuthOutput, SdkError<AdminInitiateAuthError>> {
    with_client(moto, &moto.secret_access_key, async |client| {
        let mut call = client
            .admin_initiate_auth()
            .user_pool_id(pool_id)
            .client_id(&moto.client_id)
            .auth_flow(flow);
        for (key, value) in parameters {
            call = call.auth_parameters(*key, *value);
        }
        call.send().await
    })
}

fn password_of(user: &'static str) -> [(&'static str, &'static str); 2] {
    [("USERNAME", user), ("PASSWORD", PERMANENT_PASSWORD)]
}

/// Asserts a sign-in that ended with tokens, and returns the refresh token if any.
fn assert_tokens(output: &AdminInitiateAuthOutput) -> Option<String> {
    let tokens = output.authentication_result.as_ref().expect("tokens");
    assert!(tokens
        .access_token
        .as_deref()
        .is_some_and(|t| !t.is_empty()));
    assert!(tokens.id_token.as_deref().is_some_and(|t| !t.is_empty()));
    assert!(tokens.expires_in > 0, "{}", tokens.expires_in);
    assert_eq!(tokens.token_type.as_deref(), Some("Bearer"));
    let meta = output.response_metadata();
    assert_eq!((meta.http_status(), meta.attempts()), (Some(200), 1));
    assert!(meta.request_id().is_some_and(|id| !id.is_empty()));
    tokens.refresh_token.clone()
}

#[test]
fn moto_admin_user_password_auth_returns_tokens() {
    let Some(moto) = moto::moto() else { return };
    let output = sign_in(
        moto,
        AuthFlowType::AdminUserPasswordAuth,
        &password_of("alice"),
    )
    .unwrap();
    assert!(assert_tokens(&output).is_some());
    assert_eq!(output.challenge_name, None);
}

#[test]
fn moto_admin_no_srp_auth_returns_tokens() {
    let Some(moto) = moto::moto() else { return };
    let output = sign_in(moto, AuthFlowType::AdminNoSrpAuth, &password_of("dave")).unwrap();
    assert_tokens(&output);
}

#[test]
fn moto_refresh_token_auth_returns_new_tokens() {
    let Some(moto) = moto::moto() else { return };
    let first = sign_in(
        moto,
        AuthFlowType::AdminUserPasswordAuth,
        &password_of("alice"),
    )
    .unwrap();
    let refresh_token = assert_tokens(&first).expect("a refresh token");
    let refreshed = sign_in(
        moto,
        AuthFlowType::RefreshTokenAuth,
        &[("REFRESH_TOKEN", &refresh_token)],
    )
    .unwrap();
    assert_tokens(&refreshed);
}

#[test]
fn moto_temporary_password_gets_new_password_required() {
    let Some(moto) = moto::moto() else { return };
    let parameters = [("USERNAME", "bob"), ("PASSWORD", TEMPORARY_PASSWORD)];
    let output = sign_in(moto, AuthFlowType::AdminUserPasswordAuth, &parameters).unwrap();
    assert_eq!(
        output.challenge_name,
        Some(ChallengeNameType::NewPasswordRequired)
    );
    assert!(output.session.as_deref().is_some_and(|s| !s.is_empty()));
    assert!(output.authentication_result.is_none());
}

#[test]
fn moto_wrong_password_is_not_authorized_with_a_request_id() {
    let Some(moto) = moto::moto() else { return };
    let parameters = [("USERNAME", "alice"), ("PASSWORD", "Wrong-Passw0rd!")];
    let error = sign_in(moto, AuthFlowType::AdminUserPasswordAuth, &parameters).unwrap_err();
    let SdkError::Service(service) = &error else {
        panic!("expected a service error, got {error:?}");
    };
    let AdminInitiateAuthError::NotAuthorizedException(e) = service.err() else {
        panic!("expected NotAuthorizedException, got {:?}", service.err());
    };
    assert!(e.meta().request_id().is_some_and(|id| !id.is_empty()));
    assert_eq!(error.request_id(), e.meta().request_id());
    assert_eq!(
        (error.metadata().http_status(), error.metadata().attempts()),
        (Some(400), 1)
    );
    assert!(!format!("{error:?}{error}").contains("Wrong-Passw0rd!"));
}

#[test]
fn moto_unknown_user_is_user_not_found() {
    let Some(moto) = moto::moto() else { return };
    let error = sign_in(
        moto,
        AuthFlowType::AdminUserPasswordAuth,
        &password_of("nobody"),
    )
    .unwrap_err();
    let service = error.as_service_error().expect("a service error");
    assert!(service.is_user_not_found_exception(), "{service:?}");
}

#[test]
fn moto_unknown_pool_is_resource_not_found() {
    let Some(moto) = moto::moto() else { return };
    let error = sign_in_to(
        moto,
        "us-east-1_doesnotexist",
        AuthFlowType::AdminUserPasswordAuth,
        &password_of("alice"),
    )
    .unwrap_err();
    let service = error.as_service_error().expect("a service error");
    assert!(service.is_resource_not_found_exception(), "{service:?}");
}

#[test]
fn moto_an_auth_flow_the_crate_does_not_know_is_invalid_parameter() {
    let Some(moto) = moto::moto() else { return };
    let flow = AuthFlowType::from("NOT_A_REAL_FLOW");
    assert!(matches!(flow, AuthFlowType::Unknown(_)));
    let error = sign_in(moto, flow, &password_of("alice")).unwrap_err();
    let service = error.as_service_error().expect("a service error");
    assert!(service.is_invalid_parameter_exception(), "{service:?}");
    assert!(
        service
            .message()
            .is_some_and(|m| m.contains("NOT_A_REAL_FLOW")),
        "{service:?}"
    );
}

#[test]
fn moto_a_wrong_secret_key_is_an_unhandled_403() {
    let Some(moto) = moto::moto() else { return };
    let error = with_client(moto, "not-the-secret-key", async |client| {
        client
            .admin_initiate_auth()
            .user_pool_id(&moto.pool_id)
            .client_id(&moto.client_id)
            .auth_flow(AuthFlowType::AdminUserPasswordAuth)
            .auth_parameters("USERNAME", "alice")
            .auth_parameters("PASSWORD", PERMANENT_PASSWORD)
            .send()
            .await
    })
    .unwrap_err();
    // moto answers signature errors with an XML body, not the JSON the
    // protocol has: the error is still typed, as Unhandled.
    let service = error.as_service_error().expect("a service error");
    assert!(service.is_unhandled(), "{service:?}");
    assert_eq!(service.meta().status(), Some(403));
    assert_eq!(
        (error.metadata().http_status(), error.metadata().attempts()),
        (Some(403), 1)
    );
    assert!(error.request_id().is_some());
    assert!(!format!("{error:?}{error}").contains("not-the-secret-key"));
}

#[test]
fn moto_an_html_500_page_is_an_unhandled_error_after_retries() {
    let Some(moto) = moto::moto() else { return };
    // Without AuthParameters moto's handler fails, and its web framework
    // answers with an HTML error page.
    let error = sign_in(moto, AuthFlowType::AdminUserPasswordAuth, &[]).unwrap_err();
    let service = error.as_service_error().expect("a service error");
    assert!(service.is_unhandled(), "{service:?}");
    assert_eq!(service.meta().status(), Some(500));
    let meta = error.metadata();
    assert_eq!((meta.http_status(), meta.attempts()), (Some(500), 3));
    // Up to 20 ms, then up to 40 ms.
    assert!(
        meta.total_retry_delay() <= Duration::from_millis(60),
        "{:?}",
        meta.total_retry_delay()
    );
}

#[test]
fn moto_list_users_pages_yield_every_user_once() {
    let Some(moto) = moto::moto() else { return };
    assert_eq!(moto.page_sizes, [10, 10, 5]);
    let expected: Vec<String> = (0..25).map(|n| format!("user-{n:02}")).collect();
    let mut listed = moto.listed.clone();
    listed.sort();
    assert_eq!(listed, expected);
}

/// Runs the `admin_sign_in` example, which `cargo test` builds next to the tests.
fn example(moto: &Moto, user: &str, password: &str, extra: &[&str]) -> (bool, String, String) {
    example_with(moto, &moto.client_id, user, password, extra, "")
}

/// Runs the example through the app client `client_id`, with `stdin` as its standard input.
fn example_with(
    moto: &Moto,
    client_id: &str,
    user: &str,
    password: &str,
    extra: &[&str],
    stdin: &str,
) -> (bool, String, String) {
    let deps = std::env::current_exe().unwrap();
    let program = deps
        .parent()
        .and_then(|d| d.parent())
        .unwrap()
        .join("examples/admin_sign_in");
    assert!(
        program.exists(),
        "{} is missing: run `cargo test --workspace` (or `cargo build -p tests --examples`) first",
        program.display()
    );
    let mut child = Command::new(&program)
        .args([
            "--region",
            REGION,
            "--user-pool-id",
            &moto.pool_id,
            "--client-id",
            client_id,
        ])
        .args([
            "--username",
            user,
            "--password",
            password,
            "--endpoint",
            &moto.endpoint,
        ])
        .args(extra)
        .env("AWS_ACCESS_KEY_ID", &moto.access_key_id)
        .env("AWS_SECRET_ACCESS_KEY", &moto.secret_access_key)
        .env_remove("AWS_SESSION_TOKEN")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    // JSON web tokens start with the encoding of `{"`: none may be printed.
    assert!(
        !stdout.contains("eyJ") && !stderr.contains("eyJ"),
        "a token was printed:\n{stdout}{stderr}"
    );
    (output.status.success(), stdout, stderr)
}

#[test]
fn moto_example_signs_in_and_prints_token_type_and_lifetime() {
    let Some(moto) = moto::moto() else { return };
    let (ok, stdout, stderr) = example(moto, "alice", PERMANENT_PASSWORD, &[]);
    assert!(ok, "{stderr}");
    assert_eq!(
        stdout.trim(),
        "signed in as alice: Bearer tokens, valid for 3600 seconds"
    );
}

#[test]
fn moto_example_answers_new_password_required() {
    let Some(moto) = moto::moto() else { return };
    let (ok, _, stderr) = example(moto, "carol", TEMPORARY_PASSWORD, &[]);
    assert!(!ok);
    assert!(stderr.contains("--new-password"), "{stderr}");
    let new_password = "Carols-New-Passw0rd!";
    let (ok, stdout, stderr) = example(
        moto,
        "carol",
        TEMPORARY_PASSWORD,
        &["--new-password", new_password],
    );
    assert!(ok, "{stderr}");
    assert!(
        stdout.starts_with("signed in as carol: Bearer tokens"),
        "{stdout}"
    );
    let (ok, _, stderr) = example(moto, "carol", new_password, &[]);
    assert!(ok, "the new password does not work: {stderr}");
}

#[test]
fn moto_example_prints_the_error_code_and_message() {
    let Some(moto) = moto::moto() else { return };
    let (ok, _, stderr) = example(moto, "nobody", PERMANENT_PASSWORD, &[]);
    assert!(!ok);
    assert!(
        stderr.starts_with("error: UserNotFoundException: "),
        "{stderr}"
    );
    assert!(stderr.contains("request id "), "{stderr}");
}

/// Runs `f` with a client of `moto` that knows the secret app client's
/// secret as `client_secret`.
fn with_secret_client<T>(
    moto: &Moto,
    client_secret: &str,
    f: impl AsyncFnOnce(AdminSignIn) -> T,
) -> T {
    let config = Config::builder()
        .region(REGION)
        .endpoint_url(&moto.endpoint)
        .credentials(Credentials::from_keys(
            &moto.access_key_id,
            &moto.secret_access_key,
            None,
        ))
        .app_client_secret(&moto.secret_client_id, client_secret)
        .operation_timeout(Duration::from_secs(30))
        .build();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let flow = Client::new(config).admin_sign_in(&moto.pool_id, &moto.secret_client_id);
    runtime.block_on(f(flow))
}

#[test]
fn moto_sign_in_with_a_client_secret_answers_sms_mfa_then_refreshes() {
    let Some(moto) = moto::moto() else { return };
    with_secret_client(moto, &moto.client_secret, async |flow| {
        let step = flow
            .sign_in_with_password("erin", PERMANENT_PASSWORD)
            .await
            .unwrap();
        let SignInStep::Challenge(Challenge::SmsMfa(sms)) = step else {
            panic!("expected SMS_MFA, got {step:?}")
        };
        assert_eq!(sms.context.username.as_deref(), Some("erin"));
        // moto checks this answer's SECRET_HASH, which the client adds.
        let step = flow.answer(sms.answer("123456")).await.unwrap();
        let SignInStep::SignedIn(tokens) = step else {
            panic!("expected tokens, got {step:?}")
        };
        let access_token = tokens.access_token.as_deref().expect("an access token");
        let refresh_token = tokens.refresh_token.as_deref().expect("a refresh token");
        let username = username_from_access_token(access_token).expect("a username claim");
        assert_eq!(username, "erin");
        let refreshed = flow.refresh(refresh_token, &username).await.unwrap();
        assert!(refreshed
            .access_token
            .as_deref()
            .is_some_and(|t| !t.is_empty() && t != access_token));
        assert_eq!(refreshed.token_type.as_deref(), Some("Bearer"));
    });
}

#[test]
fn moto_refuses_an_answer_hashed_with_the_wrong_secret() {
    let Some(moto) = moto::moto() else { return };
    with_secret_client(moto, "not-the-client-secret", async |flow| {
        let step = flow
            .sign_in_with_password("erin", PERMANENT_PASSWORD)
            .await
            .unwrap();
        let SignInStep::Challenge(Challenge::SmsMfa(sms)) = step else {
            panic!("expected SMS_MFA, got {step:?}")
        };
        let error = flow.answer(sms.answer("123456")).await.unwrap_err();
        let SignInError::Call(SdkError::Service(service)) = &error else {
            panic!("expected a service error, got {error:?}")
        };
        assert!(service.err().is_not_authorized_exception(), "{error:?}");
        let shown = format!("{error:?} {error}");
        assert!(!shown.contains("not-the-client-secret"), "{shown}");
    });
}

#[test]
fn moto_new_password_required_answered_through_the_typed_api() {
    let Some(moto) = moto::moto() else { return };
    let new_password = "Franks-New-Passw0rd!";
    with_secret_client(moto, &moto.client_secret, async |flow| {
        let step = flow
            .sign_in_with_password("frank", TEMPORARY_PASSWORD)
            .await
            .unwrap();
        let SignInStep::Challenge(Challenge::NewPasswordRequired(challenge)) = step else {
            panic!("expected NEW_PASSWORD_REQUIRED, got {step:?}")
        };
        assert!(challenge.missing_attributes().is_empty());
        let no_attributes: [(&str, &str); 0] = [];
        let step = flow
            .answer(challenge.answer(new_password, no_attributes))
            .await
            .unwrap();
        assert!(matches!(step, SignInStep::SignedIn(_)), "{step:?}");
        let again = flow
            .sign_in_with_password("frank", new_password)
            .await
            .unwrap();
        assert!(matches!(again, SignInStep::SignedIn(_)), "{again:?}");
    });
}

#[test]
fn moto_example_answers_an_sms_code_from_standard_input_with_a_client_secret() {
    let Some(moto) = moto::moto() else { return };
    let secret = ["--client-secret", moto.client_secret.as_str()];
    let (ok, stdout, stderr) = example_with(
        moto,
        &moto.secret_client_id,
        "erin",
        PERMANENT_PASSWORD,
        &secret,
        "123456\n",
    );
    assert!(ok, "{stderr}");
    assert!(stderr.contains("code"), "{stderr}");
    assert!(
        stdout.starts_with("signed in as erin: Bearer tokens"),
        "{stdout}"
    );
    assert!(!format!("{stdout}{stderr}").contains(&moto.client_secret));
    // Without the secret, moto refuses the answer.
    let (ok, _, stderr) = example_with(
        moto,
        &moto.secret_client_id,
        "erin",
        PERMANENT_PASSWORD,
        &[],
        "123456\n",
    );
    assert!(!ok);
    assert!(stderr.contains("NotAuthorizedException"), "{stderr}");
    // Without a code, the example says so.
    let (ok, _, stderr) = example_with(
        moto,
        &moto.secret_client_id,
        "erin",
        PERMANENT_PASSWORD,
        &secret,
        "",
    );
    assert!(!ok);
    assert!(stderr.contains("standard input ended"), "{stderr}");
}

#[test]
fn moto_public_flow_signs_in_with_a_client_secret_and_refreshes() {
    let Some(moto) = moto::moto() else { return };
    let values = moto::public_sign_in(
        moto,
        &[
            &moto.secret_client_id,
            &moto.client_secret,
            "alice",
            PERMANENT_PASSWORD,
            "unused",
        ],
    );
    // moto checks the refresh's SECRET_HASH, over the pool's username it
    // keeps with the refresh token.
    assert_eq!(values.get("first").map(String::as_str), Some("tokens"));
    assert_eq!(values.get("username").map(String::as_str), Some("alice"));
    assert_eq!(values.get("refreshed").map(String::as_str), Some("tokens"));
}

#[test]
fn moto_public_flow_with_the_wrong_secret_is_not_authorized() {
    let Some(moto) = moto::moto() else { return };
    let values = moto::public_sign_in(
        moto,
        &[
            &moto.secret_client_id,
            "not-the-client-secret",
            "alice",
            PERMANENT_PASSWORD,
            "unused",
        ],
    );
    // moto checks no SECRET_HASH on USER_PASSWORD_AUTH, but does on refresh.
    assert_eq!(values.get("first").map(String::as_str), Some("tokens"));
    assert_eq!(
        values.get("refreshed").map(String::as_str),
        Some("error:NotAuthorizedException:400")
    );
}

#[test]
fn moto_public_flow_answers_new_password_required() {
    let Some(moto) = moto::moto() else { return };
    let values = moto::public_sign_in(
        moto,
        &[
            &moto.secret_client_id,
            &moto.client_secret,
            "grace",
            TEMPORARY_PASSWORD,
            "Graces-New-Passw0rd!",
        ],
    );
    assert_eq!(
        values.get("first").map(String::as_str),
        Some("NEW_PASSWORD_REQUIRED")
    );
    assert_eq!(values.get("answered").map(String::as_str), Some("tokens"));
    assert_eq!(values.get("refreshed").map(String::as_str), Some("tokens"));
}

/// `USER_SRP_AUTH` through `PASSWORD_VERIFIER` on the public operations
/// (moto has SRP only there), by a program built against a generated crate
/// that includes them, with the `sign_in` customization and feature `srp`:
/// an app client without a secret, one with (moto checks `SECRET_HASH`
/// when the flow starts), a wrong secret, and a temporary password whose
/// `NEW_PASSWORD_REQUIRED` is answered through the typed API. moto checks
/// the answer's shape; `srp_crosscheck.rs` checks its math.
#[test]
fn moto_srp_sign_in_through_the_public_flow() {
    let Some(moto) = moto::moto() else { return };
    let program = moto::scratch_program("srp-sign-in");
    let output = Command::new(&program)
        .args([&moto.endpoint, &moto.pool_id])
        .env("AWS_REGION", REGION)
        .env("AWS_ACCESS_KEY_ID", &moto.access_key_id)
        .env("AWS_SECRET_ACCESS_KEY", &moto.secret_access_key)
        .env_remove("AWS_SESSION_TOKEN")
        .output()
        .unwrap_or_else(|e| panic!("{}: {e}", program.display()));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stdout}{stderr}");
    assert!(
        !stdout.contains("eyJ") && !stderr.contains("eyJ"),
        "a token was printed:\n{stdout}{stderr}"
    );
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "plain=signed-in",
            "secret=signed-in",
            "wrong_secret=start-failed NotAuthorizedException",
            "newcomer=NEW_PASSWORD_REQUIRED",
            "newcomer_answered=signed-in",
            "newcomer_again=signed-in",
        ],
        "{stderr}"
    );
}

/// The example's `--srp` starts USER_SRP_AUTH through `AdminInitiateAuth`
/// (where Cognito has it). moto implements that flow only on the public
/// `InitiateAuth`, so here the proof of the wiring is moto's refusal of the
/// flow, reported with its code; the SRP sign-in itself is proven through
/// the public flow above.
#[test]
fn moto_example_with_srp_starts_user_srp_auth() {
    let Some(moto) = moto::moto() else { return };
    let (ok, _, stderr) = example(moto, "alice", PERMANENT_PASSWORD, &["--srp"]);
    assert!(!ok);
    assert!(
        stderr.starts_with("error: InvalidParameterException: Initiate Auth method not supported"),
        "{stderr}"
    );
    let (ok, _, stderr) = example(moto, "alice", PERMANENT_PASSWORD, &[]);
    assert!(ok, "{stderr}");
}
