//! Cognito user pools' sign-in helpers (`src/sign_in/` of the crate): the
//! files are in `codegen/customizations/cognito_identity_provider/`.

use super::{CustomFile, Customization};

const ADMIN: &[&str] = &["AdminInitiateAuth", "AdminRespondToAuthChallenge"];
const PUBLIC: &[&str] = &["InitiateAuth", "RespondToAuthChallenge"];
/// Files every sign-in pair uses.
const EITHER: &[&[&str]] = &[ADMIN, PUBLIC];
const CLIENT: Option<&str> = Some("feature = \"client\"");
const SRP: Option<&str> = Some("feature = \"srp\"");
const CLIENT_SRP: Option<&str> = Some("all(feature = \"client\", feature = \"srp\")");

macro_rules! source {
    ($file:literal) => {
        include_str!(concat!(
            "../../customizations/cognito_identity_provider/",
            $file
        ))
    };
}

pub const CUSTOMIZATION: Customization = Customization {
    service: "com.amazonaws.cognitoidentityprovider#AWSCognitoIdentityProviderService",
    module: "sign_in",
    docs: source!("README.md"),
    files: &[
        CustomFile {
            module: "secret_hash",
            text: source!("secret_hash.rs"),
            needs: EITHER,
            cfg: None,
            exports: &[
                "secret_hash",
                "username_from_access_token",
                "ClientSecret",
                "ClientSecrets",
            ],
            prepares: &[],
        },
        CustomFile {
            module: "challenge",
            text: source!("challenge.rs"),
            needs: EITHER,
            cfg: None,
            exports: &[
                "Challenge",
                "ChallengeContext",
                "ChallengeError",
                "CodeDelivery",
                "CustomChallenge",
                "DeviceSrpAuth",
                "MfaSetup",
                "NewPasswordRequired",
                "PasswordChallenge",
                "PasswordSrp",
                "SelectChallenge",
                "SelectMfaType",
                "Session",
                "SoftwareTokenMfa",
                "SrpParameters",
                "UnknownChallenge",
                "WebAuthn",
            ],
            prepares: &[],
        },
        CustomFile {
            module: "answer",
            text: source!("answer.rs"),
            needs: EITHER,
            cfg: None,
            exports: &["Answer"],
            prepares: &[],
        },
        CustomFile {
            module: "step",
            text: source!("step.rs"),
            needs: EITHER,
            cfg: None,
            exports: &["SignInStep", "StepError"],
            prepares: &[],
        },
        CustomFile {
            module: "client",
            text: source!("client.rs"),
            needs: EITHER,
            cfg: CLIENT,
            exports: &["SignInError"],
            prepares: &[],
        },
        CustomFile {
            module: "admin",
            text: source!("admin.rs"),
            needs: &[ADMIN],
            cfg: None,
            exports: &[],
            prepares: &[],
        },
        CustomFile {
            module: "admin_flow",
            text: source!("admin_flow.rs"),
            needs: &[ADMIN],
            cfg: CLIENT,
            exports: &["AdminSignIn"],
            prepares: &[
                ("AdminInitiateAuth", "prepare_initiate_auth"),
                (
                    "AdminRespondToAuthChallenge",
                    "prepare_respond_to_auth_challenge",
                ),
            ],
        },
        CustomFile {
            module: "public",
            text: source!("public.rs"),
            needs: &[PUBLIC],
            cfg: None,
            exports: &[],
            prepares: &[],
        },
        CustomFile {
            module: "public_flow",
            text: source!("public_flow.rs"),
            needs: &[PUBLIC],
            cfg: CLIENT,
            exports: &["SignIn"],
            prepares: &[
                ("InitiateAuth", "prepare_initiate_auth"),
                (
                    "RespondToAuthChallenge",
                    "prepare_respond_to_auth_challenge",
                ),
            ],
        },
        CustomFile {
            module: "srp",
            text: source!("srp.rs"),
            needs: EITHER,
            cfg: SRP,
            exports: &[
                "cognito_timestamp",
                "pool_name",
                "DeviceVerifier",
                "PasswordClaim",
                "SrpError",
                "SrpExchange",
                "VerifierChallenge",
            ],
            prepares: &[],
        },
        CustomFile {
            module: "srp_answer",
            text: source!("srp_answer.rs"),
            needs: EITHER,
            cfg: SRP,
            exports: &["RememberedDevice"],
            prepares: &[],
        },
        CustomFile {
            module: "srp_client",
            text: source!("srp_client.rs"),
            needs: EITHER,
            cfg: CLIENT_SRP,
            exports: &["SrpSignInError"],
            prepares: &[],
        },
        CustomFile {
            module: "srp_admin_flow",
            text: source!("srp_admin_flow.rs"),
            needs: &[ADMIN],
            cfg: CLIENT_SRP,
            exports: &["AdminDeviceSrpError", "AdminSrpSignInError"],
            prepares: &[],
        },
        CustomFile {
            module: "srp_public_flow",
            text: source!("srp_public_flow.rs"),
            needs: &[PUBLIC],
            cfg: CLIENT_SRP,
            exports: &["DeviceSrpError", "SrpSignInFlowError"],
            prepares: &[],
        },
    ],
    // SRP's (feature `srp`): big integers, HKDF, randomness, wiping secrets.
    dependencies: &[
        ("hmac", "\"0.13\""),
        ("sha2", "\"0.11\""),
        ("hkdf", "{ version = \"0.13\", optional = true }"),
        ("num-bigint", "{ version = \"0.5\", optional = true }"),
        ("rand", "{ version = \"0.10\", optional = true }"),
        ("zeroize", "{ version = \"1\", optional = true }"),
    ],
    features: &[
        "# USER_SRP_AUTH and remembered devices' DEVICE_SRP_AUTH (`sign_in::SrpExchange`).",
        "srp = [\"dep:hkdf\", \"dep:num-bigint\", \"dep:rand\", \"dep:zeroize\"]",
    ],
};

/// The files that need no generated type, compiled here so their unit
/// tests run with the generator's (the crate runs them again).
#[cfg(test)]
#[path = "../../customizations/cognito_identity_provider"]
#[allow(dead_code)]
mod sources {
    pub mod answer;
    pub mod challenge;
    pub mod secret_hash;
    pub mod srp;
    pub mod srp_answer;
}
