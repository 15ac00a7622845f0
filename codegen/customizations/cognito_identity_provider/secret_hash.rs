//! `SECRET_HASH`, which Cognito requires on every sign-in call of an app
//! client that has a secret: Base64 of HMAC-SHA256 keyed with the client
//! secret over the username followed by the client id.
//!
//! Which username goes in matters, and is the most common cause of
//! "Unable to verify secret hash for client":
//! - starting a password or SRP flow: the `USERNAME` the caller signs in
//!   with (which may be an alias such as an email address);
//! - answering a challenge: the username Cognito returned with the
//!   challenge (its `USERNAME` parameter, else `USER_ID_FOR_SRP`), because
//!   after the first step Cognito knows the user by the pool's own username,
//!   not by the alias;
//! - refreshing tokens: the pool's own username again, which is the
//!   `username` claim of the access token (the `sub` when the pool signs
//!   users in with an email address or phone number as username), never the
//!   alias typed at sign-in. [`username_from_access_token`] reads it.

use std::collections::BTreeMap;
use std::fmt;

use base64::Engine as _;
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

/// The `SECRET_HASH` of `username` for the app client `client_id` whose
/// secret is `client_secret`.
pub fn secret_hash(username: &str, client_id: &str, client_secret: &str) -> String {
    // HMAC accepts keys of every length, so this cannot fail.
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(client_secret.as_bytes())
        .expect("HMAC takes keys of any length");
    mac.update(username.as_bytes());
    mac.update(client_id.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

/// An app client's secret. `Debug` never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct ClientSecret(String);

impl ClientSecret {
    /// Wraps the secret as the Cognito console or `DescribeUserPoolClient` shows it.
    pub fn new(secret: impl Into<String>) -> Self {
        ClientSecret(secret.into())
    }

    /// The `SECRET_HASH` of `username` for `client_id` under this secret.
    pub fn hash(&self, username: &str, client_id: &str) -> String {
        secret_hash(username, client_id, &self.0)
    }
}

impl fmt::Debug for ClientSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ClientSecret(*** Sensitive Data Redacted ***)")
    }
}

/// The secrets of the app clients a client signs in through, by client id.
#[derive(Clone, Debug, Default)]
pub struct ClientSecrets {
    by_client_id: BTreeMap<String, ClientSecret>,
}

impl ClientSecrets {
    /// Remembers `secret` as the secret of `client_id`, replacing any other.
    pub fn insert(&mut self, client_id: impl Into<String>, secret: ClientSecret) {
        self.by_client_id.insert(client_id.into(), secret);
    }

    /// The secret of `client_id`, if one was given.
    pub fn get(&self, client_id: &str) -> Option<&ClientSecret> {
        self.by_client_id.get(client_id)
    }

    /// Adds `SECRET_HASH` of `username` to `parameters` when `client_id` has a
    /// secret and the caller did not set one. Returns whether it added it.
    pub fn fill(
        &self,
        client_id: &str,
        username: Option<&str>,
        parameters: &mut std::collections::HashMap<String, String>,
    ) -> bool {
        let (Some(secret), Some(username)) = (self.get(client_id), username) else {
            return false;
        };
        if parameters.contains_key(SECRET_HASH) {
            return false;
        }
        parameters.insert(SECRET_HASH.to_owned(), secret.hash(username, client_id));
        true
    }
}

/// The parameter name, in `AuthParameters` and `ChallengeResponses` alike.
pub const SECRET_HASH: &str = "SECRET_HASH";

/// The pool's own username of the user an access token was issued to (its
/// `username` claim, else `sub`): the username `SECRET_HASH` needs when
/// refreshing tokens. `None` when the token is not a JWT with either claim.
/// The token's signature is not checked: the answer only chooses what to
/// hash, and Cognito checks the token itself.
pub fn username_from_access_token(access_token: &str) -> Option<String> {
    let payload = access_token.split('.').nth(1)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .ok()?;
    let claims: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    ["username", "cognito:username", "sub"]
        .iter()
        .find_map(|claim| claims.get(claim)?.as_str().map(str::to_owned))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_value() {
        // HMAC-SHA256(key "secret", "alice" + "client") in Base64, computed
        // independently with `openssl dgst -sha256 -hmac secret -binary | base64`.
        assert_eq!(
            secret_hash("alice", "client", "secret"),
            "RTsve+FQ659UKyESgvLg9GYmZEL+QjzQsW/OjL77/b0="
        );
    }

    #[test]
    fn the_order_is_username_then_client_id() {
        // The two are concatenated without a separator, as Cognito does.
        assert_eq!(secret_hash("ab", "c", "k"), secret_hash("a", "bc", "k"));
        assert_ne!(
            secret_hash("alice", "client", "k"),
            secret_hash("client", "alice", "k")
        );
    }

    #[test]
    fn debug_hides_the_secret() {
        let mut secrets = ClientSecrets::default();
        secrets.insert("client", ClientSecret::new("hunter2-very-secret"));
        let shown = format!("{secrets:?}");
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(shown.contains("client"), "{shown}");
    }

    #[test]
    fn fill_adds_the_hash_once_and_keeps_the_callers() {
        let mut secrets = ClientSecrets::default();
        secrets.insert("client", ClientSecret::new("secret"));
        let mut parameters = std::collections::HashMap::new();
        assert!(secrets.fill("client", Some("alice"), &mut parameters));
        assert_eq!(
            parameters[SECRET_HASH],
            secret_hash("alice", "client", "secret")
        );
        parameters.insert(SECRET_HASH.into(), "mine".into());
        assert!(!secrets.fill("client", Some("alice"), &mut parameters));
        assert_eq!(parameters[SECRET_HASH], "mine");
        let mut other = std::collections::HashMap::new();
        assert!(!secrets.fill("other-client", Some("alice"), &mut other));
        assert!(!secrets.fill("client", None, &mut other));
        assert!(other.is_empty());
    }

    #[test]
    fn username_comes_from_the_access_token_claims() {
        let encode = |json: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(json);
        let token = format!(
            "{}.{}.sig",
            encode(r#"{"alg":"none"}"#),
            encode(r#"{"sub":"1234","username":"alice"}"#)
        );
        assert_eq!(username_from_access_token(&token).as_deref(), Some("alice"));
        let token = format!("h.{}.s", encode(r#"{"sub":"1234"}"#));
        assert_eq!(username_from_access_token(&token).as_deref(), Some("1234"));
        for bad in [
            "",
            "a",
            "a.b.c",
            "a.!!!.c",
            &format!("a.{}.c", encode("[1]")),
        ] {
            assert_eq!(username_from_access_token(bad), None, "{bad}");
        }
    }
}
