//! Typed answers for the SRP challenges (feature `srp`): the proof of a
//! password for `PASSWORD_VERIFIER`, and a remembered device's pair,
//! `DEVICE_SRP_AUTH` then `DEVICE_PASSWORD_VERIFIER`. The math is in
//! `srp.rs`; this file only puts its values under Cognito's keys.

use std::fmt;
use std::time::SystemTime;

use zeroize::Zeroizing;

use super::answer::Answer;
use super::challenge::{DeviceSrpAuth, PasswordSrp, SelectChallenge, SrpParameters};
use super::srp::{PasswordClaim, SrpError, SrpExchange, VerifierChallenge};

/// A device the user chose to remember: its key and group key (from the
/// `NewDeviceMetadata` of a sign-in) and the password made for it when it
/// was confirmed ([`DeviceVerifier`](super::DeviceVerifier)). `Debug`
/// never shows the password.
#[derive(Clone)]
pub struct RememberedDevice {
    key: String,
    group_key: String,
    password: Zeroizing<String>,
}

impl RememberedDevice {
    /// The device `device_key` of the group `device_group_key`, with the
    /// password made for it when it was confirmed.
    pub fn new(
        device_key: impl Into<String>,
        device_group_key: impl Into<String>,
        device_password: impl Into<String>,
    ) -> Self {
        RememberedDevice {
            key: device_key.into(),
            group_key: device_group_key.into(),
            password: Zeroizing::new(device_password.into()),
        }
    }

    /// `DEVICE_KEY`.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// The device group key.
    pub fn group_key(&self) -> &str {
        &self.group_key
    }
}

impl fmt::Debug for RememberedDevice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RememberedDevice")
            .field("key", &self.key)
            .field("group_key", &self.group_key)
            .field("password", &"** redacted **")
            .finish()
    }
}

impl SrpParameters {
    fn verifier_challenge(&self) -> VerifierChallenge<'_> {
        VerifierChallenge {
            salt: &self.salt,
            srp_b: &self.srp_b,
            secret_block: &self.secret_block,
        }
    }

    /// Answers `PASSWORD_VERIFIER` with the proof that the user knows
    /// `password`, computed with the `exchange` whose `SRP_A` started the
    /// flow, for the pool `user_pool_id`: `PASSWORD_CLAIM_SECRET_BLOCK`,
    /// `PASSWORD_CLAIM_SIGNATURE` and `TIMESTAMP` (now), with the session
    /// and `USERNAME`. The client adds `SECRET_HASH`.
    pub fn answer_password(
        &self,
        exchange: &SrpExchange,
        user_pool_id: &str,
        password: &str,
    ) -> Result<Answer, SrpError> {
        self.answer_password_at(exchange, user_pool_id, password, SystemTime::now())
    }

    /// [`answer_password`](Self::answer_password) signed at `now`.
    pub fn answer_password_at(
        &self,
        exchange: &SrpExchange,
        user_pool_id: &str,
        password: &str,
        now: SystemTime,
    ) -> Result<Answer, SrpError> {
        let user_id = self
            .user_id_for_srp
            .as_deref()
            .ok_or(SrpError::MissingParameter("USER_ID_FOR_SRP"))?;
        let claim = exchange.password_verifier(
            user_pool_id,
            user_id,
            password,
            &self.verifier_challenge(),
            now,
        )?;
        Ok(with_claim(
            Answer::new("PASSWORD_VERIFIER", &self.context),
            &claim,
        ))
    }

    /// Answers `DEVICE_PASSWORD_VERIFIER` with the proof that this is
    /// `device`, computed with the `exchange` whose `SRP_A` answered
    /// `DEVICE_SRP_AUTH`; carries `DEVICE_KEY`.
    pub fn answer_device_password(
        &self,
        exchange: &SrpExchange,
        device: &RememberedDevice,
    ) -> Result<Answer, SrpError> {
        self.answer_device_password_at(exchange, device, SystemTime::now())
    }

    /// [`answer_device_password`](Self::answer_device_password) signed at `now`.
    pub fn answer_device_password_at(
        &self,
        exchange: &SrpExchange,
        device: &RememberedDevice,
        now: SystemTime,
    ) -> Result<Answer, SrpError> {
        let claim = exchange.device_password_verifier(
            &device.group_key,
            &device.key,
            &device.password,
            &self.verifier_challenge(),
            now,
        )?;
        let answer = Answer::new("DEVICE_PASSWORD_VERIFIER", &self.context)
            .with("DEVICE_KEY", device.key.as_str());
        Ok(with_claim(answer, &claim))
    }
}

fn with_claim(answer: Answer, claim: &PasswordClaim) -> Answer {
    claim
        .challenge_responses()
        .into_iter()
        .fold(answer, |answer, (key, value)| answer.with(key, value))
}

impl DeviceSrpAuth {
    /// Answers `DEVICE_SRP_AUTH` for `device` with `exchange`'s `SRP_A`
    /// and `DEVICE_KEY`; Cognito then sends `DEVICE_PASSWORD_VERIFIER`,
    /// which the same exchange answers.
    pub fn answer(&self, exchange: &SrpExchange, device: &RememberedDevice) -> Answer {
        Answer::new("DEVICE_SRP_AUTH", &self.context)
            .with("SRP_A", exchange.srp_a())
            .with("DEVICE_KEY", device.key.as_str())
    }
}

impl PasswordSrp {
    /// Answers `PASSWORD_SRP` with `exchange`'s `SRP_A`; Cognito then sends
    /// `PASSWORD_VERIFIER`, which the same exchange answers.
    pub fn answer(&self, exchange: &SrpExchange) -> Answer {
        Answer::new("PASSWORD_SRP", &self.context).with("SRP_A", exchange.srp_a())
    }
}

impl SelectChallenge {
    /// Picks `PASSWORD_SRP` (`ANSWER`) and sends `exchange`'s `SRP_A` with
    /// it; Cognito then sends `PASSWORD_VERIFIER`.
    pub fn answer_password_srp(&self, exchange: &SrpExchange) -> Answer {
        self.answer("PASSWORD_SRP").with("SRP_A", exchange.srp_a())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;
    use std::time::Duration;

    use super::super::challenge::Challenge;
    use super::super::srp::DeviceVerifier;
    use super::*;

    fn challenge(name: &str, pairs: &[(&str, &str)]) -> Challenge {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        Challenge::parse(name, Some("s-1"), Some(&map), &["PASSWORD_SRP"]).unwrap()
    }

    fn keys(answer: &Answer) -> Vec<&str> {
        let mut keys: Vec<&str> = answer.responses().keys().map(String::as_str).collect();
        keys.sort_unstable();
        keys
    }

    const VERIFIER: &[(&str, &str)] = &[
        ("USERNAME", "alice"),
        ("USER_ID_FOR_SRP", "alice"),
        ("SALT", "9d3c51a2"),
        ("SRP_B", "3e8a0f77c1"),
        ("SECRET_BLOCK", "c2VjcmV0"),
    ];

    fn at() -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(1_793_689_741)
    }

    #[test]
    fn password_verifier_answers_with_the_claim() {
        let Challenge::PasswordVerifier(c) = challenge("PASSWORD_VERIFIER", VERIFIER) else {
            panic!("not PASSWORD_VERIFIER")
        };
        let exchange = SrpExchange::new();
        let answer = c
            .answer_password_at(&exchange, "us-east-1_Pool", "pw", at())
            .unwrap();
        assert_eq!(answer.challenge_name(), "PASSWORD_VERIFIER");
        assert_eq!(answer.session().map(|s| s.as_str()), Some("s-1"));
        assert_eq!(
            keys(&answer),
            [
                "PASSWORD_CLAIM_SECRET_BLOCK",
                "PASSWORD_CLAIM_SIGNATURE",
                "TIMESTAMP",
                "USERNAME"
            ]
        );
        assert_eq!(answer.response("USERNAME"), Some("alice"));
        assert_eq!(
            answer.response("PASSWORD_CLAIM_SECRET_BLOCK"),
            Some("c2VjcmV0")
        );
        assert_eq!(
            answer.response("TIMESTAMP"),
            Some("Tue Nov 3 07:09:01 UTC 2026")
        );
        let claim = exchange
            .password_verifier(
                "us-east-1_Pool",
                "alice",
                "pw",
                &c.verifier_challenge(),
                at(),
            )
            .unwrap();
        assert_eq!(
            answer.response("PASSWORD_CLAIM_SIGNATURE"),
            Some(claim.signature.as_str())
        );
    }

    #[test]
    fn password_verifier_needs_the_user_id_for_srp() {
        let without: Vec<_> = VERIFIER
            .iter()
            .copied()
            .filter(|(k, _)| *k != "USER_ID_FOR_SRP")
            .collect();
        let Challenge::PasswordVerifier(c) = challenge("PASSWORD_VERIFIER", &without) else {
            panic!("not PASSWORD_VERIFIER")
        };
        let error = c
            .answer_password(&SrpExchange::new(), "us-east-1_Pool", "pw")
            .unwrap_err();
        assert_eq!(error, SrpError::MissingParameter("USER_ID_FOR_SRP"));
        assert!(error.to_string().contains("USER_ID_FOR_SRP"), "{error}");
    }

    #[test]
    fn the_device_pair_answers_with_srp_a_then_the_claim() {
        let made = DeviceVerifier::generate("group", "us-east-1_device");
        let device = RememberedDevice::new("us-east-1_device", "group", made.password());
        let shown = format!("{device:?}");
        assert!(!shown.contains(made.password()), "{shown}");

        let exchange = SrpExchange::new();
        let Challenge::DeviceSrpAuth(c) = challenge("DEVICE_SRP_AUTH", &[("USERNAME", "alice")])
        else {
            panic!("not DEVICE_SRP_AUTH")
        };
        let first = c.answer(&exchange, &device);
        assert_eq!(first.challenge_name(), "DEVICE_SRP_AUTH");
        assert_eq!(keys(&first), ["DEVICE_KEY", "SRP_A", "USERNAME"]);
        assert_eq!(first.response("SRP_A"), Some(exchange.srp_a().as_str()));
        assert_eq!(first.response("DEVICE_KEY"), Some("us-east-1_device"));

        let Challenge::DevicePasswordVerifier(c) = challenge("DEVICE_PASSWORD_VERIFIER", VERIFIER)
        else {
            panic!("not DEVICE_PASSWORD_VERIFIER")
        };
        let second = c
            .answer_device_password_at(&exchange, &device, at())
            .unwrap();
        assert_eq!(second.challenge_name(), "DEVICE_PASSWORD_VERIFIER");
        assert_eq!(
            keys(&second),
            [
                "DEVICE_KEY",
                "PASSWORD_CLAIM_SECRET_BLOCK",
                "PASSWORD_CLAIM_SIGNATURE",
                "TIMESTAMP",
                "USERNAME"
            ]
        );
        let claim = exchange
            .device_password_verifier(
                "group",
                "us-east-1_device",
                made.password(),
                &c.verifier_challenge(),
                at(),
            )
            .unwrap();
        assert_eq!(
            second.response("PASSWORD_CLAIM_SIGNATURE"),
            Some(claim.signature.as_str())
        );
    }

    #[test]
    fn choice_based_sign_in_sends_srp_a() {
        let exchange = SrpExchange::new();
        let Challenge::SelectChallenge(c) = challenge("SELECT_CHALLENGE", &[]) else {
            panic!("not SELECT_CHALLENGE")
        };
        let answer = c.answer_password_srp(&exchange);
        assert_eq!(answer.response("ANSWER"), Some("PASSWORD_SRP"));
        assert_eq!(answer.response("SRP_A"), Some(exchange.srp_a().as_str()));
        let Challenge::PasswordSrp(c) = challenge("PASSWORD_SRP", &[]) else {
            panic!("not PASSWORD_SRP")
        };
        let answer = c.answer(&exchange);
        assert_eq!(answer.challenge_name(), "PASSWORD_SRP");
        assert_eq!(answer.response("SRP_A"), Some(exchange.srp_a().as_str()));
    }

    #[test]
    fn a_bad_srp_b_is_an_error_not_a_panic() {
        let bad: Vec<_> = VERIFIER
            .iter()
            .map(|&(k, v)| if k == "SRP_B" { (k, "not hex") } else { (k, v) })
            .collect();
        let Challenge::PasswordVerifier(c) = challenge("PASSWORD_VERIFIER", &bad) else {
            panic!("not PASSWORD_VERIFIER")
        };
        assert_eq!(
            c.answer_password(&SrpExchange::new(), "us-east-1_Pool", "pw"),
            Err(SrpError::NotHex("SRP_B"))
        );
    }
}
