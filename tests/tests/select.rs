//! Selection closures over the upstream Cognito model.

use codegen::model::Model;
use codegen::select::{select, Selection};

#[test]
fn admin_initiate_auth_closure_is_exact() {
    let Some(path) = tests::shared_file("models/cognito-identity-provider.json") else {
        return;
    };
    let model = Model::load(&path).unwrap();
    let closure = select(
        &model,
        None,
        &Selection::Operations(vec!["AdminInitiateAuth".into()]),
    )
    .unwrap();
    let own: Vec<&str> = closure
        .own_shapes()
        .filter(|id| *id != &closure.service && !closure.operations.contains(id))
        .map(|id| id.name())
        .collect();
    let expected = [
        "AdminInitiateAuthRequest",
        "AdminInitiateAuthResponse",
        "AnalyticsMetadataType",
        "AuthFlowType",
        "AuthParametersType",
        "AuthenticationResultType",
        "AvailableChallengeListType",
        "ChallengeNameType",
        "ChallengeParametersType",
        "ClientIdType",
        "ClientMetadataType",
        "ContextDataType",
        "DeviceKeyType",
        "HttpHeader",
        "HttpHeaderList",
        "InternalErrorException",
        "IntegerType",
        "InvalidEmailRoleAccessPolicyException",
        "InvalidLambdaResponseException",
        "InvalidParameterException",
        "InvalidParameterExceptionReasonCodeType",
        "InvalidSmsRoleAccessPolicyException",
        "InvalidSmsRoleTrustRelationshipException",
        "InvalidUserPoolConfigurationException",
        "MFAMethodNotFoundException",
        "MessageType",
        "NewDeviceMetadataType",
        "NotAuthorizedException",
        "PasswordResetRequiredException",
        "ResourceNotFoundException",
        "SessionType",
        "StringType",
        "TokenModelType",
        "TooManyRequestsException",
        "UnexpectedLambdaException",
        "UnsupportedOperationException",
        "UserLambdaValidationException",
        "UserNotConfirmedException",
        "UserNotFoundException",
        "UserPoolIdType",
    ];
    let mut sorted_expected = expected.to_vec();
    sorted_expected.sort_unstable();
    let mut sorted_own = own.clone();
    sorted_own.sort_unstable();
    assert_eq!(sorted_own, sorted_expected);
    // The operation and the 40 shapes it reaches, plus the service.
    assert_eq!(own.len(), 40);
    assert_eq!(closure.operations.len(), 1);
    assert_eq!(closure.service.name(), "AWSCognitoIdentityProviderService");
}

#[test]
fn whole_service_reaches_every_operation() {
    let Some(path) = tests::shared_file("models/cognito-identity-provider.json") else {
        return;
    };
    let model = Model::load(&path).unwrap();
    let closure = select(&model, None, &Selection::Service).unwrap();
    assert_eq!(closure.operations.len(), 122);
    assert!(closure.own_shapes().count() > 600);
}

#[test]
fn unknown_operation_is_a_clear_error() {
    let Some(path) = tests::shared_file("models/cognito-identity-provider.json") else {
        return;
    };
    let model = Model::load(&path).unwrap();
    let err = select(
        &model,
        None,
        &Selection::Operations(vec!["NoSuchThing".into()]),
    )
    .unwrap_err();
    assert!(
        err.to_string().contains("no operation named `NoSuchThing`"),
        "{err}"
    );
}
