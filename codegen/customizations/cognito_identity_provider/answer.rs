//! Typed answers: each challenge builds its own answer with the keys
//! Cognito expects, so no caller has to remember that an SMS code goes
//! under `SMS_MFA_CODE` and an authenticator's under
//! `SOFTWARE_TOKEN_MFA_CODE`. Every answer carries the challenge's session
//! and `USERNAME`; the client adds `SECRET_HASH` (and a sign-in flow
//! `DEVICE_KEY`) when it sends one.

use std::collections::HashMap;
use std::fmt;

use super::challenge::{
    ChallengeContext, CodeDelivery, CustomChallenge, MfaSetup, NewPasswordRequired,
    PasswordChallenge, SelectChallenge, SelectMfaType, Session, SoftwareTokenMfa, UnknownChallenge,
    WebAuthn, USER_ATTRIBUTES_PREFIX,
};

/// An answer to a challenge: its name, session and `ChallengeResponses`.
/// `Debug` shows the response keys, never their values (passwords, codes).
#[derive(Clone, PartialEq, Eq)]
pub struct Answer {
    challenge_name: String,
    session: Option<Session>,
    responses: HashMap<String, String>,
}

impl Answer {
    /// An answer to the challenge `challenge_name` with `context`'s session
    /// and, when known, its username as `USERNAME`.
    pub fn new(challenge_name: impl Into<String>, context: &ChallengeContext) -> Self {
        let mut responses = HashMap::new();
        if let Some(username) = &context.username {
            responses.insert("USERNAME".to_owned(), username.clone());
        }
        Answer {
            challenge_name: challenge_name.into(),
            session: context.session.clone(),
            responses,
        }
    }

    /// Sets one response, replacing any value it had.
    pub fn with(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.responses.insert(key.into(), value.into());
        self
    }

    /// Answers with another session (`MFA_SETUP`'s, after
    /// `VerifySoftwareToken` returned a new one).
    pub fn with_session(mut self, session: Session) -> Self {
        self.session = Some(session);
        self
    }

    /// Adds the remembered device's key (`DEVICE_KEY`), unless already set.
    pub fn with_device_key(mut self, device_key: &str) -> Self {
        self.responses
            .entry("DEVICE_KEY".to_owned())
            .or_insert_with(|| device_key.to_owned());
        self
    }

    /// The challenge answered, as Cognito spells it.
    pub fn challenge_name(&self) -> &str {
        &self.challenge_name
    }

    /// The session the answer carries.
    pub fn session(&self) -> Option<&Session> {
        self.session.as_ref()
    }

    /// One response's value.
    pub fn response(&self, key: &str) -> Option<&str> {
        self.responses.get(key).map(String::as_str)
    }

    /// The `ChallengeResponses` map.
    pub fn responses(&self) -> &HashMap<String, String> {
        &self.responses
    }

    /// The challenge name, session and responses, to put in a request.
    pub fn into_parts(self) -> (String, Option<String>, HashMap<String, String>) {
        (
            self.challenge_name,
            self.session.map(Session::into_string),
            self.responses,
        )
    }
}

impl fmt::Debug for Answer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut keys: Vec<&str> = self.responses.keys().map(String::as_str).collect();
        keys.sort_unstable();
        f.debug_struct("Answer")
            .field("challenge_name", &self.challenge_name)
            .field("session", &self.session)
            .field("response_keys", &keys)
            .finish()
    }
}

impl NewPasswordRequired {
    /// Sets `new_password` (`NEW_PASSWORD`) and the given attributes
    /// (`userAttributes.<name>`), such as the [`required`](Self::required_attributes)
    /// ones the user has no value for. Attributes are given by their plain name (`email`).
    pub fn answer<K: AsRef<str>, V: Into<String>>(
        &self,
        new_password: impl Into<String>,
        attributes: impl IntoIterator<Item = (K, V)>,
    ) -> Answer {
        let mut answer =
            Answer::new("NEW_PASSWORD_REQUIRED", &self.context).with("NEW_PASSWORD", new_password);
        for (name, value) in attributes {
            answer = answer.with(format!("{USER_ATTRIBUTES_PREFIX}{}", name.as_ref()), value);
        }
        answer
    }
}

impl CodeDelivery {
    /// Answers with the code the user received: `SMS_MFA_CODE`,
    /// `EMAIL_OTP_CODE` or `SMS_OTP_CODE`, as the challenge is.
    pub fn answer(&self, code: impl Into<String>) -> Answer {
        Answer::new(self.name, &self.context).with(format!("{}_CODE", self.name), code)
    }
}

impl SoftwareTokenMfa {
    /// Answers with the authenticator's code (`SOFTWARE_TOKEN_MFA_CODE`).
    pub fn answer(&self, code: impl Into<String>) -> Answer {
        Answer::new("SOFTWARE_TOKEN_MFA", &self.context).with("SOFTWARE_TOKEN_MFA_CODE", code)
    }
}

impl SelectMfaType {
    /// Picks one of [`available`](Self::available) (`ANSWER`); Cognito then
    /// sends that method's challenge.
    pub fn answer(&self, choice: impl Into<String>) -> Answer {
        Answer::new("SELECT_MFA_TYPE", &self.context).with("ANSWER", choice)
    }
}

impl SelectChallenge {
    /// Picks one of [`available`](Self::available) (`ANSWER`), such as
    /// `EMAIL_OTP`; Cognito then sends that challenge.
    pub fn answer(&self, choice: impl Into<String>) -> Answer {
        Answer::new("SELECT_CHALLENGE", &self.context).with("ANSWER", choice)
    }

    /// Picks `PASSWORD` and gives it in the same answer (`PASSWORD`).
    pub fn answer_password(&self, password: impl Into<String>) -> Answer {
        self.answer("PASSWORD").with("PASSWORD", password)
    }
}

impl MfaSetup {
    /// Finishes setting up MFA: after `AssociateSoftwareToken` and
    /// `VerifySoftwareToken`, answer with the session `VerifySoftwareToken`
    /// returned ([`Answer::with_session`]).
    pub fn answer(&self) -> Answer {
        Answer::new("MFA_SETUP", &self.context)
    }

    /// Sets up email MFA with `email` (`EMAIL`).
    pub fn answer_email(&self, email: impl Into<String>) -> Answer {
        self.answer().with("EMAIL", email)
    }
}

impl CustomChallenge {
    /// Answers the pool's Lambda trigger (`ANSWER`).
    pub fn answer(&self, answer: impl Into<String>) -> Answer {
        Answer::new("CUSTOM_CHALLENGE", &self.context).with("ANSWER", answer)
    }
}

impl PasswordChallenge {
    /// Answers with the password (`PASSWORD`).
    pub fn answer(&self, password: impl Into<String>) -> Answer {
        Answer::new(self.name, &self.context).with("PASSWORD", password)
    }
}

impl WebAuthn {
    /// Answers with the authenticator's assertion, as JSON (`CREDENTIAL`).
    pub fn answer(&self, credential: impl Into<String>) -> Answer {
        Answer::new("WEB_AUTHN", &self.context).with("CREDENTIAL", credential)
    }
}

impl UnknownChallenge {
    /// An answer with the session and `USERNAME` only: add the responses
    /// this challenge needs with [`Answer::with`].
    pub fn answer(&self) -> Answer {
        Answer::new(self.name.clone(), &self.context)
    }
}

#[cfg(test)]
mod tests {
    use super::super::challenge::Challenge;
    use super::*;

    fn challenge(name: &str, pairs: &[(&str, &str)]) -> Challenge {
        let map = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        Challenge::parse(name, Some("s-1"), Some(&map), &["PASSWORD", "EMAIL_OTP"])
            .unwrap()
            .or_username("alice")
    }

    /// The answer's keys, sorted, and asserts name, session and USERNAME.
    fn keys(answer: &Answer, name: &str) -> Vec<String> {
        assert_eq!(answer.challenge_name(), name);
        assert_eq!(answer.session().map(Session::as_str), Some("s-1"));
        assert_eq!(answer.response("USERNAME"), Some("alice"));
        let mut keys: Vec<String> = answer.responses().keys().cloned().collect();
        keys.sort();
        keys
    }

    #[test]
    fn every_answer_has_its_keys() {
        let Challenge::NewPasswordRequired(c) = challenge("NEW_PASSWORD_REQUIRED", &[]) else {
            panic!()
        };
        let a = c.answer("N3w-pass!", [("email", "a@example.com"), ("name", "Alice")]);
        assert_eq!(
            keys(&a, "NEW_PASSWORD_REQUIRED"),
            [
                "NEW_PASSWORD",
                "USERNAME",
                "userAttributes.email",
                "userAttributes.name"
            ]
        );
        assert_eq!(a.response("NEW_PASSWORD"), Some("N3w-pass!"));
        assert_eq!(a.response("userAttributes.name"), Some("Alice"));

        for (name, key) in [
            ("SMS_MFA", "SMS_MFA_CODE"),
            ("EMAIL_OTP", "EMAIL_OTP_CODE"),
            ("SMS_OTP", "SMS_OTP_CODE"),
        ] {
            let (Challenge::SmsMfa(c) | Challenge::EmailOtp(c) | Challenge::SmsOtp(c)) =
                challenge(name, &[])
            else {
                panic!()
            };
            let a = c.answer("123456");
            assert_eq!(keys(&a, name), [key, "USERNAME"]);
            assert_eq!(a.response(key), Some("123456"));
        }

        let Challenge::SoftwareTokenMfa(c) = challenge("SOFTWARE_TOKEN_MFA", &[]) else {
            panic!()
        };
        assert_eq!(
            keys(&c.answer("654321"), "SOFTWARE_TOKEN_MFA"),
            ["SOFTWARE_TOKEN_MFA_CODE", "USERNAME"]
        );

        let Challenge::SelectMfaType(c) = challenge("SELECT_MFA_TYPE", &[]) else {
            panic!()
        };
        let a = c.answer("SMS_MFA");
        assert_eq!(keys(&a, "SELECT_MFA_TYPE"), ["ANSWER", "USERNAME"]);
        assert_eq!(a.response("ANSWER"), Some("SMS_MFA"));

        let Challenge::SelectChallenge(c) = challenge("SELECT_CHALLENGE", &[]) else {
            panic!()
        };
        assert_eq!(c.answer("EMAIL_OTP").response("ANSWER"), Some("EMAIL_OTP"));
        let a = c.answer_password("pw");
        assert_eq!(
            keys(&a, "SELECT_CHALLENGE"),
            ["ANSWER", "PASSWORD", "USERNAME"]
        );
        assert_eq!(a.response("ANSWER"), Some("PASSWORD"));

        let Challenge::MfaSetup(c) = challenge("MFA_SETUP", &[]) else {
            panic!()
        };
        assert_eq!(keys(&c.answer(), "MFA_SETUP"), ["USERNAME"]);
        assert_eq!(
            keys(&c.answer_email("a@example.com"), "MFA_SETUP"),
            ["EMAIL", "USERNAME"]
        );
        let renewed = c.answer().with_session(Session::new("s-2"));
        assert_eq!(renewed.session().map(Session::as_str), Some("s-2"));

        let Challenge::CustomChallenge(c) = challenge("CUSTOM_CHALLENGE", &[]) else {
            panic!()
        };
        assert_eq!(
            keys(&c.answer("4"), "CUSTOM_CHALLENGE"),
            ["ANSWER", "USERNAME"]
        );

        for name in ["PASSWORD", "ADMIN_NO_SRP_AUTH"] {
            let (Challenge::Password(c) | Challenge::AdminNoSrpAuth(c)) = challenge(name, &[])
            else {
                panic!()
            };
            assert_eq!(keys(&c.answer("pw"), name), ["PASSWORD", "USERNAME"]);
        }

        let Challenge::WebAuthn(c) = challenge("WEB_AUTHN", &[]) else {
            panic!()
        };
        assert_eq!(
            keys(&c.answer("{}"), "WEB_AUTHN"),
            ["CREDENTIAL", "USERNAME"]
        );

        let Challenge::Unknown(c) = challenge("SOMETHING_NEW", &[]) else {
            panic!()
        };
        let a = c.answer().with("X", "1");
        assert_eq!(keys(&a, "SOMETHING_NEW"), ["USERNAME", "X"]);
    }

    #[test]
    fn device_key_is_added_once() {
        let Challenge::SmsMfa(c) = challenge("SMS_MFA", &[]) else {
            panic!()
        };
        let a = c
            .answer("1")
            .with_device_key("dev-1")
            .with_device_key("dev-2");
        assert_eq!(a.response("DEVICE_KEY"), Some("dev-1"));
    }

    #[test]
    fn debug_shows_keys_not_values() {
        let Challenge::NewPasswordRequired(c) = challenge("NEW_PASSWORD_REQUIRED", &[]) else {
            panic!()
        };
        let shown = format!("{:?}", c.answer("Sup3r-secret!", [("name", "Alice")]));
        assert!(
            shown.contains("NEW_PASSWORD") && shown.contains("userAttributes.name"),
            "{shown}"
        );
        assert!(
            !shown.contains("Sup3r-secret!") && !shown.contains("s-1") && !shown.contains("Alice"),
            "{shown}"
        );
    }

    #[test]
    fn into_parts_is_what_a_request_carries() {
        let Challenge::SmsMfa(c) = challenge("SMS_MFA", &[]) else {
            panic!()
        };
        let (name, session, responses) = c.answer("42").into_parts();
        assert_eq!(
            (name.as_str(), session.as_deref()),
            ("SMS_MFA", Some("s-1"))
        );
        assert_eq!(responses["SMS_MFA_CODE"], "42");
    }
}
