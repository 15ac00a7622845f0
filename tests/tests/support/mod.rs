//! Helpers shared by the tests of the generated crate: facts read from
//! `model/` (so expectations follow the model instead of being copied into
//! each test), and a table of the operation's error variants.

// Each test binary that includes this module uses only part of it.
#![allow(dead_code)]

use std::collections::BTreeMap;

use cognito_identity_provider::error::{ErrorFault, ErrorMetadata};
use cognito_identity_provider::operation::admin_initiate_auth::AdminInitiateAuthError;
use cognito_identity_provider::types::error::*;
use cognito_identity_provider::Error;
use serde_json::Value;

const NAMESPACE: &str = "com.amazonaws.cognitoidentityprovider#";

/// Every shape of every JSON file in `model/`, by shape id.
pub fn model_shapes() -> BTreeMap<String, Value> {
    let dir = tests::workspace_root().join("model");
    let mut shapes = BTreeMap::new();
    for entry in std::fs::read_dir(&dir).expect("model/ is readable") {
        let path = entry.expect("model/ entry").path();
        if path.extension().is_some_and(|x| x == "json") {
            let text = std::fs::read_to_string(&path).expect("model file is readable");
            let doc: Value = serde_json::from_str(&text).expect("model file is JSON");
            if let Some(Value::Object(map)) = doc.get("shapes") {
                shapes.extend(map.clone());
            }
        }
    }
    shapes
}

fn shape(shapes: &BTreeMap<String, Value>, name: &str) -> Value {
    shapes
        .get(&format!("{NAMESPACE}{name}"))
        .unwrap_or_else(|| panic!("model/ has no shape {name}"))
        .clone()
}

/// The wire values of an enum shape, in declaration order.
pub fn enum_values(name: &str) -> Vec<String> {
    let shapes = model_shapes();
    let shape = shape(&shapes, name);
    let members = shape["members"].as_object().expect("enum has members");
    members
        .iter()
        .map(|(member, def)| {
            def.pointer("/traits/smithy.api#enumValue")
                .and_then(Value::as_str)
                .unwrap_or(member)
                .to_owned()
        })
        .collect()
}

/// What the model says about one error of the operation.
#[derive(Clone, Debug)]
pub struct ModelError {
    /// The shape name, which is also the wire code.
    pub code: String,
    pub fault: ErrorFault,
    /// `@httpError`, or the protocol's default for the fault.
    pub status: u16,
    pub retryable: bool,
    pub throttling: bool,
}

/// The errors `AdminInitiateAuth` declares, in model order.
pub fn operation_errors() -> Vec<ModelError> {
    let shapes = model_shapes();
    let operation = shape(&shapes, "AdminInitiateAuth");
    let targets = operation["errors"]
        .as_array()
        .expect("operation lists errors");
    targets
        .iter()
        .map(|target| {
            let id = target["target"].as_str().expect("error target");
            let def = &shapes[id];
            let traits = &def["traits"];
            let fault = match traits["smithy.api#error"].as_str() {
                Some("server") => ErrorFault::Server,
                Some("client") => ErrorFault::Client,
                other => panic!("{id} has error trait {other:?}"),
            };
            let default_status = if fault == ErrorFault::Server {
                500
            } else {
                400
            };
            let retryable = traits.get("smithy.api#retryable");
            ModelError {
                code: id
                    .strip_prefix(NAMESPACE)
                    .expect("error in the service namespace")
                    .to_owned(),
                fault,
                status: traits["smithy.api#httpError"]
                    .as_u64()
                    .map_or(default_status, |s| {
                        u16::try_from(s).expect("status fits u16")
                    }),
                retryable: retryable.is_some(),
                throttling: retryable
                    .and_then(|r| r.get("throttling"))
                    .and_then(Value::as_bool)
                    == Some(true),
            }
        })
        .collect()
}

/// One modelled error variant: how to make it and how to recognise it.
pub struct Variant {
    pub code: &'static str,
    pub make: fn(Option<&str>, ErrorMetadata) -> AdminInitiateAuthError,
    pub is: fn(&AdminInitiateAuthError) -> bool,
    pub is_crate: fn(&Error) -> bool,
}

macro_rules! variants {
    ($($ty:ident => $is:ident),* $(,)?) => {
        vec![$(Variant {
            code: $ty::CODE,
            make: |message, meta| {
                AdminInitiateAuthError::$ty($ty::builder().set_message(message.map(str::to_owned)).meta(meta).build())
            },
            is: AdminInitiateAuthError::$is,
            is_crate: Error::$is,
        }),*]
    };
}

/// Every modelled variant of `AdminInitiateAuthError`.
pub fn variants() -> Vec<Variant> {
    variants![
        InternalErrorException => is_internal_error_exception,
        InvalidEmailRoleAccessPolicyException => is_invalid_email_role_access_policy_exception,
        InvalidLambdaResponseException => is_invalid_lambda_response_exception,
        InvalidParameterException => is_invalid_parameter_exception,
        InvalidSmsRoleAccessPolicyException => is_invalid_sms_role_access_policy_exception,
        InvalidSmsRoleTrustRelationshipException => is_invalid_sms_role_trust_relationship_exception,
        InvalidUserPoolConfigurationException => is_invalid_user_pool_configuration_exception,
        MfaMethodNotFoundException => is_mfa_method_not_found_exception,
        NotAuthorizedException => is_not_authorized_exception,
        OperationNotEnabledException => is_operation_not_enabled_exception,
        PasswordResetRequiredException => is_password_reset_required_exception,
        ResourceNotFoundException => is_resource_not_found_exception,
        TooManyRequestsException => is_too_many_requests_exception,
        UnexpectedLambdaException => is_unexpected_lambda_exception,
        UnsupportedOperationException => is_unsupported_operation_exception,
        UserLambdaValidationException => is_user_lambda_validation_exception,
        UserNotConfirmedException => is_user_not_confirmed_exception,
        UserNotFoundException => is_user_not_found_exception,
    ]
}

/// The variant whose wire code is `code`.
pub fn variant(code: &str) -> Variant {
    variants()
        .into_iter()
        .find(|v| v.code == code)
        .unwrap_or_else(|| panic!("no variant for {code}"))
}

/// Each model error paired with its variant; fails if the two lists differ,
/// so a new error in the model cannot go untested.
pub fn modelled_errors() -> Vec<(ModelError, Variant)> {
    let model = operation_errors();
    let mut variants = variants();
    let model_codes: Vec<&str> = model.iter().map(|e| e.code.as_str()).collect();
    let variant_codes: Vec<&str> = variants.iter().map(|v| v.code).collect();
    assert_eq!(
        model_codes, variant_codes,
        "the test's variant table is out of step with model/"
    );
    model
        .into_iter()
        .map(|e| {
            let at = variants
                .iter()
                .position(|v| v.code == e.code)
                .expect("checked above");
            (e, variants.remove(at))
        })
        .collect()
}
