//! Typed challenges: what Cognito asks for next, read from an output's
//! `ChallengeName`, `Session`, `ChallengeParameters` and
//! `AvailableChallenges`. Parameters that are JSON inside a string
//! (`requiredAttributes`, `userAttributes`, `MFAS_CAN_SETUP`, ...) are
//! parsed here, once; one that does not parse is a [`ChallengeError`]
//! naming it, never a panic.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

/// The prefix Cognito puts before attribute names in `requiredAttributes`
/// and expects before them in `NEW_PASSWORD_REQUIRED` answers.
pub const USER_ATTRIBUTES_PREFIX: &str = "userAttributes.";

/// A challenge's session, which its answer must carry back. `Debug` never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct Session(String);

impl Session {
    /// Wraps a session as an output holds it.
    pub fn new(session: impl Into<String>) -> Self {
        Session(session.into())
    }

    /// The session, to send back.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The session, to send back.
    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Debug for Session {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Session(*** Sensitive Data Redacted ***)")
    }
}

/// What every challenge carries: the session to answer with, and the
/// username Cognito knows the user by.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ChallengeContext {
    /// The challenge's `Session`, which its answer must carry back.
    pub session: Option<Session>,
    /// The challenge's `USERNAME` parameter, else its `USER_ID_FOR_SRP`,
    /// else (when the challenge came through a sign-in flow) the username
    /// the flow started with. Answers send it as `USERNAME` and hash it
    /// into `SECRET_HASH`: after the first step Cognito knows a user who
    /// signed in with an alias by the pool's own username.
    pub username: Option<String>,
}

impl ChallengeContext {
    /// A context of your own, to answer a challenge whose session and
    /// username were kept elsewhere (between two requests of a web
    /// application, say).
    pub fn new(session: Option<Session>, username: Option<String>) -> Self {
        ChallengeContext { session, username }
    }
}

/// A challenge, by name, with its parameters typed.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Challenge {
    /// `NEW_PASSWORD_REQUIRED`: the user signed in with a temporary password.
    NewPasswordRequired(NewPasswordRequired),
    /// `SMS_MFA`: a code was sent by SMS.
    SmsMfa(CodeDelivery),
    /// `EMAIL_OTP`: a code was sent by email (MFA, or passwordless sign-in).
    EmailOtp(CodeDelivery),
    /// `SMS_OTP`: a code was sent by SMS (passwordless sign-in).
    SmsOtp(CodeDelivery),
    /// `SOFTWARE_TOKEN_MFA`: a code from the user's authenticator app.
    SoftwareTokenMfa(SoftwareTokenMfa),
    /// `SELECT_MFA_TYPE`: the user has several MFA methods; pick one.
    SelectMfaType(SelectMfaType),
    /// `SELECT_CHALLENGE`: choice-based sign-in; pick a way to sign in.
    SelectChallenge(SelectChallenge),
    /// `MFA_SETUP`: the pool requires MFA and the user has none yet.
    MfaSetup(MfaSetup),
    /// `PASSWORD_VERIFIER`: the second step of `USER_SRP_AUTH`.
    PasswordVerifier(SrpParameters),
    /// `DEVICE_SRP_AUTH`: the pool asks a remembered device to authenticate.
    DeviceSrpAuth(DeviceSrpAuth),
    /// `DEVICE_PASSWORD_VERIFIER`: the second step of device authentication.
    DevicePasswordVerifier(SrpParameters),
    /// `CUSTOM_CHALLENGE`: a challenge of the pool's Lambda triggers.
    CustomChallenge(CustomChallenge),
    /// `PASSWORD`: choice-based sign-in asks for the password.
    Password(PasswordChallenge),
    /// `ADMIN_NO_SRP_AUTH`: the legacy name of a password answer.
    AdminNoSrpAuth(PasswordChallenge),
    /// `PASSWORD_SRP`: choice-based sign-in asks for an SRP password proof.
    PasswordSrp(PasswordSrp),
    /// `WEB_AUTHN`: choice-based sign-in asks for a passkey assertion.
    WebAuthn(WebAuthn),
    /// A challenge this crate does not know, kept with its raw parameters.
    Unknown(UnknownChallenge),
}

/// `NEW_PASSWORD_REQUIRED`'s parameters.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct NewPasswordRequired {
    /// The session and username the answer carries.
    pub context: ChallengeContext,
    /// Attributes the answer must set (from `requiredAttributes`, without the
    /// `userAttributes.` prefix), such as `email` or `name`.
    pub required_attributes: Vec<String>,
    /// The user's current attributes (from `userAttributes`); values that are
    /// not strings in Cognito's JSON keep their JSON text.
    pub user_attributes: BTreeMap<String, String>,
}

impl NewPasswordRequired {
    /// The required attributes the user does not have a value for yet.
    pub fn missing_attributes(&self) -> Vec<&str> {
        self.required_attributes
            .iter()
            .filter(|name| !self.user_attributes.contains_key(*name))
            .map(String::as_str)
            .collect()
    }
}

/// Where a code was sent (`CODE_DELIVERY_DESTINATION`, masked by Cognito,
/// and `CODE_DELIVERY_DELIVERY_MEDIUM`, `SMS` or `EMAIL`).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct CodeDelivery {
    /// The session and username the answer carries.
    pub context: ChallengeContext,
    /// Where the code went (`CODE_DELIVERY_DESTINATION`), masked.
    pub destination: Option<String>,
    /// How it went (`CODE_DELIVERY_DELIVERY_MEDIUM`): `SMS` or `EMAIL`.
    pub medium: Option<String>,
    /// The challenge's name, which decides the answer's key.
    pub(crate) name: &'static str,
}

/// `SOFTWARE_TOKEN_MFA`'s parameters.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct SoftwareTokenMfa {
    /// The session and username the answer carries.
    pub context: ChallengeContext,
    /// The name the user gave the authenticator (`FRIENDLY_DEVICE_NAME`).
    pub friendly_device_name: Option<String>,
}

/// `SELECT_MFA_TYPE`'s parameters.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct SelectMfaType {
    /// The session and username the answer carries.
    pub context: ChallengeContext,
    /// The MFA methods to choose from (`MFAS_CAN_CHOOSE`), such as `SMS_MFA`.
    pub available: Vec<String>,
}

/// `SELECT_CHALLENGE`'s parameters.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct SelectChallenge {
    /// The session and username the answer carries.
    pub context: ChallengeContext,
    /// The ways to sign in to choose from (the output's `AvailableChallenges`),
    /// such as `PASSWORD`, `EMAIL_OTP` or `WEB_AUTHN`.
    pub available: Vec<String>,
}

/// `MFA_SETUP`'s parameters.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct MfaSetup {
    /// The session and username the answer carries.
    pub context: ChallengeContext,
    /// The MFA methods the user may set up (`MFAS_CAN_SETUP`).
    pub mfas_can_setup: Vec<String>,
}

/// The server's half of an SRP exchange (`PASSWORD_VERIFIER`,
/// `DEVICE_PASSWORD_VERIFIER`). None of it is secret.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct SrpParameters {
    /// The session and username the answer carries.
    pub context: ChallengeContext,
    /// `SALT`, hexadecimal.
    pub salt: String,
    /// `SRP_B`, the server's public value, hexadecimal.
    pub srp_b: String,
    /// `SECRET_BLOCK`, Base64, sent back as `PASSWORD_CLAIM_SECRET_BLOCK`.
    pub secret_block: String,
    /// `USER_ID_FOR_SRP`: the username the password proof is computed over.
    pub user_id_for_srp: Option<String>,
    /// `DEVICE_KEY`, for the device variant.
    pub device_key: Option<String>,
}

/// `DEVICE_SRP_AUTH`'s parameters.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct DeviceSrpAuth {
    /// The session and username the answer carries.
    pub context: ChallengeContext,
}

/// `CUSTOM_CHALLENGE`'s parameters: whatever the pool's Lambda trigger sent.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct CustomChallenge {
    /// The session and username the answer carries.
    pub context: ChallengeContext,
    /// The challenge's parameters, as sent.
    pub parameters: HashMap<String, String>,
}

/// `PASSWORD` and `ADMIN_NO_SRP_AUTH`'s parameters.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct PasswordChallenge {
    /// The session and username the answer carries.
    pub context: ChallengeContext,
    pub(crate) name: &'static str,
}

/// `PASSWORD_SRP`'s parameters.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct PasswordSrp {
    /// The session and username the answer carries.
    pub context: ChallengeContext,
}

/// `WEB_AUTHN`'s parameters.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct WebAuthn {
    /// The session and username the answer carries.
    pub context: ChallengeContext,
    /// `CREDENTIAL_REQUEST_OPTIONS`: the JSON to pass to the browser's or
    /// authenticator's WebAuthn `get` call (checked to be JSON here).
    pub credential_request_options: Option<String>,
}

/// A challenge this crate does not know.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct UnknownChallenge {
    /// The session and username the answer carries.
    pub context: ChallengeContext,
    /// The challenge's name, as sent.
    pub name: String,
    /// The challenge's parameters, as sent.
    pub parameters: HashMap<String, String>,
}

/// A challenge parameter that is missing or does not hold what Cognito
/// documents. The message names the challenge and the parameter, never
/// the parameter's value.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ChallengeError {
    /// A parameter the challenge cannot be answered without is absent.
    Missing {
        /// The challenge's name.
        challenge: String,
        /// The parameter's name.
        parameter: String,
    },
    /// A parameter is not what it should be (such as JSON that does not parse).
    Malformed {
        /// The challenge's name.
        challenge: String,
        /// The parameter's name.
        parameter: String,
        /// What was expected, and where reading it failed.
        reason: String,
    },
}

impl ChallengeError {
    /// The parameter at fault.
    pub fn parameter(&self) -> &str {
        match self {
            ChallengeError::Missing { parameter, .. }
            | ChallengeError::Malformed { parameter, .. } => parameter,
        }
    }
}

impl fmt::Display for ChallengeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChallengeError::Missing {
                challenge,
                parameter,
            } => {
                write!(
                    f,
                    "the {challenge} challenge has no `{parameter}` parameter"
                )
            }
            ChallengeError::Malformed {
                challenge,
                parameter,
                reason,
            } => write!(
                f,
                "the {challenge} challenge's `{parameter}` parameter is malformed: {reason}"
            ),
        }
    }
}

impl std::error::Error for ChallengeError {}

impl Challenge {
    /// Reads a challenge from what an output holds: its name, session,
    /// parameters and (for `SELECT_CHALLENGE`) available challenges.
    pub fn parse(
        name: &str,
        session: Option<&str>,
        parameters: Option<&HashMap<String, String>>,
        available_challenges: &[&str],
    ) -> Result<Challenge, ChallengeError> {
        let empty = HashMap::new();
        let p = Parameters {
            challenge: name,
            map: parameters.unwrap_or(&empty),
        };
        let context = ChallengeContext {
            session: session.map(Session::new),
            username: p
                .get("USERNAME")
                .or_else(|| p.get("USER_ID_FOR_SRP"))
                .map(str::to_owned),
        };
        let code = |name: &'static str| CodeDelivery {
            context: context.clone(),
            destination: p.owned("CODE_DELIVERY_DESTINATION"),
            medium: p.owned("CODE_DELIVERY_DELIVERY_MEDIUM"),
            name,
        };
        Ok(match name {
            "NEW_PASSWORD_REQUIRED" => Challenge::NewPasswordRequired(NewPasswordRequired {
                required_attributes: p
                    .string_list("requiredAttributes")?
                    .into_iter()
                    .map(|a| {
                        a.strip_prefix(USER_ATTRIBUTES_PREFIX)
                            .map(str::to_owned)
                            .unwrap_or(a)
                    })
                    .collect(),
                user_attributes: p.string_map("userAttributes")?,
                context,
            }),
            "SMS_MFA" => Challenge::SmsMfa(code("SMS_MFA")),
            "EMAIL_OTP" => Challenge::EmailOtp(code("EMAIL_OTP")),
            "SMS_OTP" => Challenge::SmsOtp(code("SMS_OTP")),
            "SOFTWARE_TOKEN_MFA" => Challenge::SoftwareTokenMfa(SoftwareTokenMfa {
                friendly_device_name: p.owned("FRIENDLY_DEVICE_NAME"),
                context,
            }),
            "SELECT_MFA_TYPE" => Challenge::SelectMfaType(SelectMfaType {
                available: p.string_list("MFAS_CAN_CHOOSE")?,
                context,
            }),
            "SELECT_CHALLENGE" => Challenge::SelectChallenge(SelectChallenge {
                available: available_challenges
                    .iter()
                    .map(|c| (*c).to_owned())
                    .collect(),
                context,
            }),
            "MFA_SETUP" => Challenge::MfaSetup(MfaSetup {
                mfas_can_setup: p.string_list("MFAS_CAN_SETUP")?,
                context,
            }),
            "PASSWORD_VERIFIER" => Challenge::PasswordVerifier(p.srp(context)?),
            "DEVICE_PASSWORD_VERIFIER" => Challenge::DevicePasswordVerifier(p.srp(context)?),
            "DEVICE_SRP_AUTH" => Challenge::DeviceSrpAuth(DeviceSrpAuth { context }),
            "CUSTOM_CHALLENGE" => Challenge::CustomChallenge(CustomChallenge {
                parameters: p.map.clone(),
                context,
            }),
            "PASSWORD" => Challenge::Password(PasswordChallenge {
                context,
                name: "PASSWORD",
            }),
            "ADMIN_NO_SRP_AUTH" => Challenge::AdminNoSrpAuth(PasswordChallenge {
                context,
                name: "ADMIN_NO_SRP_AUTH",
            }),
            "PASSWORD_SRP" => Challenge::PasswordSrp(PasswordSrp { context }),
            "WEB_AUTHN" => Challenge::WebAuthn(WebAuthn {
                credential_request_options: p.json_text("CREDENTIAL_REQUEST_OPTIONS")?,
                context,
            }),
            _ => Challenge::Unknown(UnknownChallenge {
                name: name.to_owned(),
                parameters: p.map.clone(),
                context,
            }),
        })
    }

    /// The challenge's name as Cognito spells it.
    pub fn name(&self) -> &str {
        match self {
            Challenge::NewPasswordRequired(_) => "NEW_PASSWORD_REQUIRED",
            Challenge::SmsMfa(c) | Challenge::EmailOtp(c) | Challenge::SmsOtp(c) => c.name,
            Challenge::SoftwareTokenMfa(_) => "SOFTWARE_TOKEN_MFA",
            Challenge::SelectMfaType(_) => "SELECT_MFA_TYPE",
            Challenge::SelectChallenge(_) => "SELECT_CHALLENGE",
            Challenge::MfaSetup(_) => "MFA_SETUP",
            Challenge::PasswordVerifier(_) => "PASSWORD_VERIFIER",
            Challenge::DeviceSrpAuth(_) => "DEVICE_SRP_AUTH",
            Challenge::DevicePasswordVerifier(_) => "DEVICE_PASSWORD_VERIFIER",
            Challenge::CustomChallenge(_) => "CUSTOM_CHALLENGE",
            Challenge::Password(c) | Challenge::AdminNoSrpAuth(c) => c.name,
            Challenge::PasswordSrp(_) => "PASSWORD_SRP",
            Challenge::WebAuthn(_) => "WEB_AUTHN",
            Challenge::Unknown(c) => &c.name,
        }
    }

    /// The session and username every challenge carries.
    pub fn context(&self) -> &ChallengeContext {
        match self {
            Challenge::NewPasswordRequired(c) => &c.context,
            Challenge::SmsMfa(c) | Challenge::EmailOtp(c) | Challenge::SmsOtp(c) => &c.context,
            Challenge::SoftwareTokenMfa(c) => &c.context,
            Challenge::SelectMfaType(c) => &c.context,
            Challenge::SelectChallenge(c) => &c.context,
            Challenge::MfaSetup(c) => &c.context,
            Challenge::PasswordVerifier(c) | Challenge::DevicePasswordVerifier(c) => &c.context,
            Challenge::DeviceSrpAuth(c) => &c.context,
            Challenge::CustomChallenge(c) => &c.context,
            Challenge::Password(c) | Challenge::AdminNoSrpAuth(c) => &c.context,
            Challenge::PasswordSrp(c) => &c.context,
            Challenge::WebAuthn(c) => &c.context,
            Challenge::Unknown(c) => &c.context,
        }
    }

    fn context_mut(&mut self) -> &mut ChallengeContext {
        match self {
            Challenge::NewPasswordRequired(c) => &mut c.context,
            Challenge::SmsMfa(c) | Challenge::EmailOtp(c) | Challenge::SmsOtp(c) => &mut c.context,
            Challenge::SoftwareTokenMfa(c) => &mut c.context,
            Challenge::SelectMfaType(c) => &mut c.context,
            Challenge::SelectChallenge(c) => &mut c.context,
            Challenge::MfaSetup(c) => &mut c.context,
            Challenge::PasswordVerifier(c) | Challenge::DevicePasswordVerifier(c) => &mut c.context,
            Challenge::DeviceSrpAuth(c) => &mut c.context,
            Challenge::CustomChallenge(c) => &mut c.context,
            Challenge::Password(c) | Challenge::AdminNoSrpAuth(c) => &mut c.context,
            Challenge::PasswordSrp(c) => &mut c.context,
            Challenge::WebAuthn(c) => &mut c.context,
            Challenge::Unknown(c) => &mut c.context,
        }
    }

    /// The session to answer with.
    pub fn session(&self) -> Option<&Session> {
        self.context().session.as_ref()
    }

    /// The username answers carry; see [`ChallengeContext::username`].
    pub fn username(&self) -> Option<&str> {
        self.context().username.as_deref()
    }

    /// Uses `username` when Cognito did not say which user the challenge is
    /// for (it often does not: `NEW_PASSWORD_REQUIRED` after a password
    /// sign-in, for one).
    pub fn or_username(mut self, username: &str) -> Self {
        let context = self.context_mut();
        if context.username.is_none() {
            context.username = Some(username.to_owned());
        }
        self
    }
}

/// A challenge's parameter map, read with the challenge's name at hand
/// for errors.
struct Parameters<'a> {
    challenge: &'a str,
    map: &'a HashMap<String, String>,
}

impl Parameters<'_> {
    fn get(&self, name: &str) -> Option<&str> {
        self.map.get(name).map(String::as_str)
    }

    fn owned(&self, name: &str) -> Option<String> {
        self.get(name).map(str::to_owned)
    }

    fn missing(&self, parameter: &str) -> ChallengeError {
        ChallengeError::Missing {
            challenge: self.challenge.to_owned(),
            parameter: parameter.to_owned(),
        }
    }

    fn malformed(
        &self,
        parameter: &str,
        expected: &str,
        error: Option<&serde_json::Error>,
    ) -> ChallengeError {
        // serde_json's messages can quote the input; only the position is kept.
        let reason = match error {
            Some(e) => format!(
                "expected {expected} (invalid JSON at line {}, column {})",
                e.line(),
                e.column()
            ),
            None => format!("expected {expected}"),
        };
        ChallengeError::Malformed {
            challenge: self.challenge.to_owned(),
            parameter: parameter.to_owned(),
            reason,
        }
    }

    fn json(
        &self,
        name: &str,
        expected: &str,
    ) -> Result<Option<serde_json::Value>, ChallengeError> {
        match self.get(name) {
            None => Ok(None),
            Some(text) => serde_json::from_str(text)
                .map(Some)
                .map_err(|e| self.malformed(name, expected, Some(&e))),
        }
    }

    /// A JSON array of strings in a string; absent reads as empty.
    fn string_list(&self, name: &str) -> Result<Vec<String>, ChallengeError> {
        const EXPECTED: &str = "a JSON array of strings";
        let Some(value) = self.json(name, EXPECTED)? else {
            return Ok(Vec::new());
        };
        let serde_json::Value::Array(items) = value else {
            return Err(self.malformed(name, EXPECTED, None));
        };
        items
            .into_iter()
            .map(|item| match item {
                serde_json::Value::String(s) => Ok(s),
                _ => Err(self.malformed(name, EXPECTED, None)),
            })
            .collect()
    }

    /// A JSON object in a string; absent reads as empty. Values that are not
    /// strings keep their JSON text; nulls are left out.
    fn string_map(&self, name: &str) -> Result<BTreeMap<String, String>, ChallengeError> {
        const EXPECTED: &str = "a JSON object";
        let Some(value) = self.json(name, EXPECTED)? else {
            return Ok(BTreeMap::new());
        };
        let serde_json::Value::Object(members) = value else {
            return Err(self.malformed(name, EXPECTED, None));
        };
        Ok(members
            .into_iter()
            .filter_map(|(key, value)| match value {
                serde_json::Value::Null => None,
                serde_json::Value::String(s) => Some((key, s)),
                other => Some((key, other.to_string())),
            })
            .collect())
    }

    /// A parameter that must be JSON, kept as its text.
    fn json_text(&self, name: &str) -> Result<Option<String>, ChallengeError> {
        self.json(name, "JSON")?;
        Ok(self.owned(name))
    }

    fn required(&self, name: &str) -> Result<String, ChallengeError> {
        self.owned(name).ok_or_else(|| self.missing(name))
    }

    fn srp(&self, context: ChallengeContext) -> Result<SrpParameters, ChallengeError> {
        Ok(SrpParameters {
            salt: self.required("SALT")?,
            srp_b: self.required("SRP_B")?,
            secret_block: self.required("SECRET_BLOCK")?,
            user_id_for_srp: self.owned("USER_ID_FOR_SRP"),
            device_key: self.owned("DEVICE_KEY"),
            context,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    fn parse(name: &str, pairs: &[(&str, &str)]) -> Result<Challenge, ChallengeError> {
        Challenge::parse(name, Some("the-session"), Some(&params(pairs)), &[])
    }

    #[test]
    fn new_password_required_reads_the_json_in_strings() {
        let challenge = parse(
            "NEW_PASSWORD_REQUIRED",
            &[
                ("USER_ID_FOR_SRP", "alice-id"),
                (
                    "requiredAttributes",
                    r#"["userAttributes.email","userAttributes.name"]"#,
                ),
                (
                    "userAttributes",
                    r#"{"email":"a@example.com","email_verified":true,"phone_number":null}"#,
                ),
            ],
        )
        .unwrap();
        let Challenge::NewPasswordRequired(c) = &challenge else {
            panic!("{challenge:?}")
        };
        assert_eq!(c.required_attributes, ["email", "name"]);
        assert_eq!(c.user_attributes["email"], "a@example.com");
        assert_eq!(c.user_attributes["email_verified"], "true");
        assert!(!c.user_attributes.contains_key("phone_number"));
        assert_eq!(c.missing_attributes(), ["name"]);
        assert_eq!(challenge.username(), Some("alice-id"));
        assert_eq!(
            challenge.session().map(Session::as_str),
            Some("the-session")
        );
        assert_eq!(challenge.name(), "NEW_PASSWORD_REQUIRED");
    }

    #[test]
    fn absent_json_parameters_read_as_empty() {
        let Challenge::NewPasswordRequired(c) = parse("NEW_PASSWORD_REQUIRED", &[]).unwrap() else {
            panic!()
        };
        assert!(c.required_attributes.is_empty() && c.user_attributes.is_empty());
        assert_eq!(c.context.username, None);
    }

    #[test]
    fn malformed_json_names_the_parameter_not_its_value() {
        let cases = [
            (
                "NEW_PASSWORD_REQUIRED",
                "requiredAttributes",
                r#"["userAttributes.email""#,
            ),
            (
                "NEW_PASSWORD_REQUIRED",
                "requiredAttributes",
                r#"{"secret-ish":1}"#,
            ),
            ("NEW_PASSWORD_REQUIRED", "requiredAttributes", r#"[1]"#),
            (
                "NEW_PASSWORD_REQUIRED",
                "userAttributes",
                r#"["secret-ish"]"#,
            ),
            ("NEW_PASSWORD_REQUIRED", "userAttributes", "secret-ish"),
            ("SELECT_MFA_TYPE", "MFAS_CAN_CHOOSE", "SMS_MFA,secret-ish"),
            ("MFA_SETUP", "MFAS_CAN_SETUP", r#"["SMS_MFA",]"#),
            ("WEB_AUTHN", "CREDENTIAL_REQUEST_OPTIONS", "{secret-ish"),
        ];
        for (challenge, parameter, value) in cases {
            let error = parse(challenge, &[(parameter, value)]).unwrap_err();
            assert_eq!(error.parameter(), parameter);
            assert!(
                matches!(error, ChallengeError::Malformed { .. }),
                "{error:?}"
            );
            let shown = format!("{error} {error:?}");
            assert!(
                shown.contains(challenge) && shown.contains(parameter),
                "{shown}"
            );
            assert!(!shown.contains("secret-ish"), "{shown}");
        }
    }

    #[test]
    fn code_challenges_carry_the_delivery() {
        let delivery = [
            ("CODE_DELIVERY_DESTINATION", "+******1234"),
            ("CODE_DELIVERY_DELIVERY_MEDIUM", "SMS"),
            ("USERNAME", "alice"),
        ];
        for name in ["SMS_MFA", "EMAIL_OTP", "SMS_OTP"] {
            let challenge = parse(name, &delivery).unwrap();
            let (Challenge::SmsMfa(c) | Challenge::EmailOtp(c) | Challenge::SmsOtp(c)) = &challenge
            else {
                panic!("{challenge:?}")
            };
            assert_eq!(c.destination.as_deref(), Some("+******1234"));
            assert_eq!(c.medium.as_deref(), Some("SMS"));
            assert_eq!(challenge.name(), name);
            assert_eq!(challenge.username(), Some("alice"));
        }
        assert!(matches!(
            parse("SMS_MFA", &[]).unwrap(),
            Challenge::SmsMfa(_)
        ));
        assert!(matches!(
            parse("EMAIL_OTP", &[]).unwrap(),
            Challenge::EmailOtp(_)
        ));
        assert!(matches!(
            parse("SMS_OTP", &[]).unwrap(),
            Challenge::SmsOtp(_)
        ));
    }

    #[test]
    fn choices_are_lists() {
        let Challenge::SelectMfaType(c) = parse(
            "SELECT_MFA_TYPE",
            &[("MFAS_CAN_CHOOSE", r#"["SMS_MFA","SOFTWARE_TOKEN_MFA"]"#)],
        )
        .unwrap() else {
            panic!()
        };
        assert_eq!(c.available, ["SMS_MFA", "SOFTWARE_TOKEN_MFA"]);
        let Challenge::MfaSetup(c) = parse(
            "MFA_SETUP",
            &[("MFAS_CAN_SETUP", r#"["SOFTWARE_TOKEN_MFA"]"#)],
        )
        .unwrap() else {
            panic!()
        };
        assert_eq!(c.mfas_can_setup, ["SOFTWARE_TOKEN_MFA"]);
        let challenge =
            Challenge::parse("SELECT_CHALLENGE", None, None, &["PASSWORD", "EMAIL_OTP"]).unwrap();
        let Challenge::SelectChallenge(c) = &challenge else {
            panic!()
        };
        assert_eq!(c.available, ["PASSWORD", "EMAIL_OTP"]);
        assert_eq!(challenge.session(), None);
    }

    #[test]
    fn srp_challenges_need_their_parameters() {
        let full = [
            ("SALT", "abcd"),
            ("SRP_B", "0123"),
            ("SECRET_BLOCK", "c2VjcmV0"),
            ("USER_ID_FOR_SRP", "alice-id"),
            ("USERNAME", "alice"),
            ("DEVICE_KEY", "us-east-1_dev"),
        ];
        for name in ["PASSWORD_VERIFIER", "DEVICE_PASSWORD_VERIFIER"] {
            let challenge = parse(name, &full).unwrap();
            let (Challenge::PasswordVerifier(p) | Challenge::DevicePasswordVerifier(p)) =
                &challenge
            else {
                panic!("{challenge:?}")
            };
            assert_eq!(
                (p.salt.as_str(), p.srp_b.as_str(), p.secret_block.as_str()),
                ("abcd", "0123", "c2VjcmV0")
            );
            assert_eq!(p.user_id_for_srp.as_deref(), Some("alice-id"));
            assert_eq!(p.device_key.as_deref(), Some("us-east-1_dev"));
            // USERNAME wins over USER_ID_FOR_SRP: it is what the answer must repeat.
            assert_eq!(challenge.username(), Some("alice"));
            assert_eq!(challenge.name(), name);
            for missing in ["SALT", "SRP_B", "SECRET_BLOCK"] {
                let partial: Vec<_> = full
                    .iter()
                    .copied()
                    .filter(|(k, _)| *k != missing)
                    .collect();
                let error = parse(name, &partial).unwrap_err();
                assert_eq!(
                    error,
                    ChallengeError::Missing {
                        challenge: name.into(),
                        parameter: missing.into()
                    }
                );
            }
        }
    }

    #[test]
    fn the_other_known_challenges() {
        let expect = [
            ("SOFTWARE_TOKEN_MFA", "SOFTWARE_TOKEN_MFA"),
            ("DEVICE_SRP_AUTH", "DEVICE_SRP_AUTH"),
            ("CUSTOM_CHALLENGE", "CUSTOM_CHALLENGE"),
            ("PASSWORD", "PASSWORD"),
            ("ADMIN_NO_SRP_AUTH", "ADMIN_NO_SRP_AUTH"),
            ("PASSWORD_SRP", "PASSWORD_SRP"),
            ("WEB_AUTHN", "WEB_AUTHN"),
        ];
        for (name, shown) in expect {
            let challenge = parse(
                name,
                &[("FRIENDLY_DEVICE_NAME", "phone"), ("question", "2+2")],
            )
            .unwrap();
            assert_eq!(challenge.name(), shown);
            assert!(!matches!(challenge, Challenge::Unknown(_)), "{challenge:?}");
        }
        let Challenge::SoftwareTokenMfa(c) =
            parse("SOFTWARE_TOKEN_MFA", &[("FRIENDLY_DEVICE_NAME", "phone")]).unwrap()
        else {
            panic!()
        };
        assert_eq!(c.friendly_device_name.as_deref(), Some("phone"));
        let Challenge::CustomChallenge(c) =
            parse("CUSTOM_CHALLENGE", &[("question", "2+2")]).unwrap()
        else {
            panic!()
        };
        assert_eq!(c.parameters["question"], "2+2");
        let Challenge::WebAuthn(c) = parse(
            "WEB_AUTHN",
            &[("CREDENTIAL_REQUEST_OPTIONS", r#"{"challenge":"x"}"#)],
        )
        .unwrap() else {
            panic!()
        };
        assert_eq!(
            c.credential_request_options.as_deref(),
            Some(r#"{"challenge":"x"}"#)
        );
    }

    #[test]
    fn unknown_challenges_are_kept() {
        let challenge = parse("SOMETHING_NEW", &[("X", "1")]).unwrap();
        let Challenge::Unknown(c) = &challenge else {
            panic!()
        };
        assert_eq!(c.name, "SOMETHING_NEW");
        assert_eq!(c.parameters["X"], "1");
        assert_eq!(challenge.name(), "SOMETHING_NEW");
        assert_eq!(challenge.clone().or_username("bob").username(), Some("bob"));
    }

    #[test]
    fn or_username_keeps_what_cognito_said() {
        let challenge = parse("SMS_MFA", &[("USERNAME", "pool-name")]).unwrap();
        assert_eq!(
            challenge.or_username("alias@example.com").username(),
            Some("pool-name")
        );
    }

    #[test]
    fn a_context_of_ones_own() {
        let context = ChallengeContext::new(Some(Session::new("s")), Some("alice".into()));
        assert_eq!(context.session.as_ref().map(Session::as_str), Some("s"));
        assert_eq!(context.username.as_deref(), Some("alice"));
    }

    #[test]
    fn debug_hides_the_session() {
        let challenge = parse("SMS_MFA", &[]).unwrap();
        assert!(!format!("{challenge:?}").contains("the-session"));
    }
}
