//! AdminInitiateAuth on the wire (awsJson1_1): the requests the crate builds
//! and how it reads every kind of response Cognito, an emulator or a broken
//! proxy may send. Bodies are compared as JSON values, never as text, since
//! member order and whitespace carry no meaning.

mod support;

use std::collections::HashMap;

use cognito_identity_provider::error::{ErrorFault, ProvideErrorMetadata, ResponseError};
use cognito_identity_provider::operation::admin_initiate_auth::{
    AdminInitiateAuth, AdminInitiateAuthError, AdminInitiateAuthInput, AdminInitiateAuthOutput,
};
use cognito_identity_provider::types::{
    AnalyticsMetadataType, AuthFlowType, ChallengeNameType, ContextDataType, HttpHeader,
};
use http::HeaderMap;
use serde_json::{json, Value};

const ENDPOINT: &str = "https://cognito-idp.us-east-1.amazonaws.com";

fn minimal_input(flow: AuthFlowType) -> AdminInitiateAuthInput {
    AdminInitiateAuthInput::builder()
        .user_pool_id("us-east-1_Abc123")
        .client_id("4s7example1client2id")
        .auth_flow(flow)
        .build()
        .unwrap()
}

fn body_of(request: &http::Request<Vec<u8>>) -> Value {
    serde_json::from_slice(request.body()).expect("the request body is JSON")
}

fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in pairs {
        map.append(
            http::HeaderName::from_bytes(name.as_bytes()).unwrap(),
            value.parse().unwrap(),
        );
    }
    map
}

fn parse_ok(body: &[u8]) -> AdminInitiateAuthOutput {
    match AdminInitiateAuth::response(200, &HeaderMap::new(), body) {
        Ok(output) => output,
        Err(e) => panic!("{:?} did not parse: {e}", String::from_utf8_lossy(body)),
    }
}

fn parse_json(value: Value) -> AdminInitiateAuthOutput {
    parse_ok(&serde_json::to_vec(&value).unwrap())
}

/// The operation error for a non-2xx response; fails on anything else.
fn service_error(status: u16, headers: &HeaderMap, body: &[u8]) -> AdminInitiateAuthError {
    match AdminInitiateAuth::response(status, headers, body) {
        Err(ResponseError::Service(e)) => e,
        other => panic!("status {status} gave {other:?}, not a service error"),
    }
}

// --- requests -----------------------------------------------------------------

#[test]
fn request_line_and_protocol_headers() {
    let request =
        AdminInitiateAuth::request(&minimal_input(AuthFlowType::UserSrpAuth), ENDPOINT).unwrap();
    assert_eq!(request.method(), http::Method::POST);
    assert_eq!(
        request.uri().to_string(),
        "https://cognito-idp.us-east-1.amazonaws.com/"
    );
    assert_eq!(request.uri().path(), "/");
    let h = request.headers();
    assert_eq!(h["content-type"], "application/x-amz-json-1.1");
    assert_eq!(
        h["x-amz-target"],
        "AWSCognitoIdentityProviderService.AdminInitiateAuth"
    );
    let length: usize = h["content-length"].to_str().unwrap().parse().unwrap();
    assert_eq!(length, request.body().len());
    assert_eq!(
        h.get_all("content-type").iter().count(),
        1,
        "one content type"
    );
}

#[test]
fn endpoints_with_a_path_port_or_no_scheme() {
    let input = minimal_input(AuthFlowType::UserAuth);
    for (endpoint, uri) in [
        ("http://localhost:9229", "http://localhost:9229/"),
        (
            "http://127.0.0.1:4566/cognito",
            "http://127.0.0.1:4566/cognito/",
        ),
        (
            "https://proxy.example.com/a/b/",
            "https://proxy.example.com/a/b/",
        ),
        (
            "cognito-idp.eu-west-1.amazonaws.com",
            "https://cognito-idp.eu-west-1.amazonaws.com/",
        ),
    ] {
        let request = AdminInitiateAuth::request(&input, endpoint).unwrap();
        assert_eq!(request.uri().to_string(), uri, "endpoint {endpoint}");
        assert_eq!(request.method(), http::Method::POST);
    }
}

#[test]
fn an_invalid_endpoint_is_an_error_not_a_panic() {
    let input = minimal_input(AuthFlowType::UserAuth);
    for endpoint in ["http://exa mple.com", "http://[::1", "", "https://"] {
        let error = AdminInitiateAuth::request(&input, endpoint).unwrap_err();
        assert!(
            error.to_string().starts_with("cannot build the request"),
            "{endpoint:?}: {error}"
        );
    }
}

#[test]
fn unset_members_are_omitted() {
    let request =
        AdminInitiateAuth::request(&minimal_input(AuthFlowType::CustomAuth), ENDPOINT).unwrap();
    assert_eq!(
        body_of(&request),
        json!({"UserPoolId": "us-east-1_Abc123", "ClientId": "4s7example1client2id", "AuthFlow": "CUSTOM_AUTH"})
    );
    // Set but empty is not unset: an empty map is sent as `{}`.
    let mut input = minimal_input(AuthFlowType::CustomAuth);
    input.client_metadata = Some(HashMap::new());
    let body = body_of(&AdminInitiateAuth::request(&input, ENDPOINT).unwrap());
    assert_eq!(body["ClientMetadata"], json!({}));
    assert_eq!(body.as_object().unwrap().len(), 4);
}

#[test]
fn every_auth_flow_is_sent_by_its_value() {
    let mut flows: Vec<AuthFlowType> = AuthFlowType::values()
        .iter()
        .map(|v| AuthFlowType::from(*v))
        .collect();
    assert_eq!(flows.len(), support::enum_values("AuthFlowType").len());
    flows.push(AuthFlowType::from("FUTURE_FLOW"));
    for flow in flows {
        let request = AdminInitiateAuth::request(&minimal_input(flow.clone()), ENDPOINT).unwrap();
        assert_eq!(body_of(&request)["AuthFlow"], json!(flow.as_str()));
    }
}

/// Strings that JSON must escape or that stress an encoder.
fn awkward_strings() -> Vec<(&'static str, &'static str)> {
    vec![
        ("USERNAME", "Zoë Ångström 李小龍 🙂"),
        ("PASSWORD", r#"pa"ss\word'</script>"#),
        ("quote\"key", "value with \"quotes\""),
        ("back\\slash", "C:\\Users\\x\\"),
        (
            "controls",
            "nul\u{0}bel\u{7}bs\u{8}tab\tnl\nff\u{c}cr\rus\u{1f}del\u{7f}",
        ),
        ("separators", "line\u{2028}para\u{2029}bom\u{feff}"),
        ("", "empty key"),
        ("empty value", ""),
        ("🔑", "{\"looks\": [\"like\", \"json\"]}"),
    ]
}

#[test]
fn maps_with_awkward_strings_survive_the_body() {
    let strings = awkward_strings();
    let mut builder = AdminInitiateAuthInput::builder()
        .user_pool_id("pool")
        .client_id("client")
        .auth_flow(AuthFlowType::AdminUserPasswordAuth);
    for (key, value) in &strings {
        builder = builder
            .auth_parameters(*key, *value)
            .client_metadata(*value, *key);
    }
    let input = builder.build().unwrap();
    let request = AdminInitiateAuth::request(&input, ENDPOINT).unwrap();

    // Raw control characters are never written: JSON requires them escaped.
    assert!(
        request.body().iter().all(|b| *b >= 0x20),
        "unescaped control byte in the body"
    );
    assert!(std::str::from_utf8(request.body()).is_ok());

    let body = body_of(&request);
    let expected_params: serde_json::Map<String, Value> = strings
        .iter()
        .map(|(k, v)| (k.to_string(), json!(v)))
        .collect();
    let expected_metadata: serde_json::Map<String, Value> = strings
        .iter()
        .map(|(k, v)| (v.to_string(), json!(k)))
        .collect();
    assert_eq!(body["AuthParameters"], Value::Object(expected_params));
    assert_eq!(body["ClientMetadata"], Value::Object(expected_metadata));

    // Read back as the crate's own type: the same input.
    let back: AdminInitiateAuthInput = serde_json::from_slice(request.body()).unwrap();
    assert_eq!(back, input);
}

#[test]
fn full_context_data_with_several_headers() {
    let header = |name: &str, value: &str| {
        HttpHeader::builder()
            .header_name(name)
            .header_value(value)
            .build()
    };
    let context = ContextDataType::builder()
        .ip_address("203.0.113.7")
        .server_name("auth.example.com")
        .server_path("/login?next=%2Fhome")
        .http_headers(header("Host", "auth.example.com"))
        .http_headers(header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64)"))
        .http_headers(header("Accept-Language", "de-CH, fr;q=0.8"))
        .http_headers(header("Cookie", "a=\"1\"; b=2"))
        .http_headers(HttpHeader::builder().header_name("X-Empty").build())
        .encoded_data("eyJwYXlsb2FkIjoiZGV2aWNlLWZpbmdlcnByaW50In0=")
        .build()
        .unwrap();
    let input = AdminInitiateAuthInput::builder()
        .user_pool_id("pool")
        .client_id("client")
        .auth_flow(AuthFlowType::AdminUserPasswordAuth)
        .auth_parameters("USERNAME", "alice")
        .auth_parameters("PASSWORD", "correct horse")
        .analytics_metadata(
            AnalyticsMetadataType::builder()
                .analytics_endpoint_id("pinpoint-endpoint")
                .build(),
        )
        .context_data(context)
        .session("session-from-confirm-sign-up")
        .build()
        .unwrap();
    let body = body_of(&AdminInitiateAuth::request(&input, ENDPOINT).unwrap());
    assert_eq!(
        body,
        json!({
            "UserPoolId": "pool",
            "ClientId": "client",
            "AuthFlow": "ADMIN_USER_PASSWORD_AUTH",
            "AuthParameters": {"USERNAME": "alice", "PASSWORD": "correct horse"},
            "AnalyticsMetadata": {"AnalyticsEndpointId": "pinpoint-endpoint"},
            "ContextData": {
                "IpAddress": "203.0.113.7",
                "ServerName": "auth.example.com",
                "ServerPath": "/login?next=%2Fhome",
                "HttpHeaders": [
                    {"headerName": "Host", "headerValue": "auth.example.com"},
                    {"headerName": "User-Agent", "headerValue": "Mozilla/5.0 (X11; Linux x86_64)"},
                    {"headerName": "Accept-Language", "headerValue": "de-CH, fr;q=0.8"},
                    {"headerName": "Cookie", "headerValue": "a=\"1\"; b=2"},
                    {"headerName": "X-Empty"}
                ],
                "EncodedData": "eyJwYXlsb2FkIjoiZGV2aWNlLWZpbmdlcnByaW50In0="
            },
            "Session": "session-from-confirm-sign-up"
        })
    );
}

// --- successful responses -----------------------------------------------------

#[test]
fn new_password_challenge() {
    let output = parse_json(json!({
        "ChallengeName": "NEW_PASSWORD_REQUIRED",
        "Session": "AYABeEXAMPLEsession",
        "ChallengeParameters": {
            "USER_ID_FOR_SRP": "alice",
            "requiredAttributes": "[\"userAttributes.email\"]",
            "userAttributes": "{\"email_verified\":\"true\",\"email\":\"alice@example.com\"}"
        }
    }));
    assert_eq!(
        output.challenge_name,
        Some(ChallengeNameType::NewPasswordRequired)
    );
    assert_eq!(output.session.as_deref(), Some("AYABeEXAMPLEsession"));
    let params = output.challenge_parameters.unwrap();
    assert_eq!(params.len(), 3);
    assert_eq!(params["USER_ID_FOR_SRP"], "alice");
    assert_eq!(params["requiredAttributes"], "[\"userAttributes.email\"]");
    assert_eq!(output.authentication_result, None);
    assert_eq!(output.available_challenges, None);
}

#[test]
fn select_challenge_with_available_challenges_keeps_unknown_ones() {
    let output = parse_json(json!({
        "ChallengeName": "SELECT_CHALLENGE",
        "Session": "s",
        "ChallengeParameters": {},
        "AvailableChallenges": ["PASSWORD", "PASSWORD_SRP", "WEB_AUTHN", "EMAIL_OTP", "HOLOGRAM_2040"]
    }));
    assert_eq!(
        output.challenge_name,
        Some(ChallengeNameType::SelectChallenge)
    );
    assert_eq!(output.challenge_parameters, Some(HashMap::new()));
    let available = output.available_challenges.unwrap();
    assert_eq!(
        available[..4],
        [
            ChallengeNameType::Password,
            ChallengeNameType::PasswordSrp,
            ChallengeNameType::WebAuthn,
            ChallengeNameType::EmailOtp
        ]
    );
    assert!(
        matches!(&available[4], ChallengeNameType::Unknown(v) if v.as_str() == "HOLOGRAM_2040")
    );
}

#[test]
fn an_unknown_challenge_name_is_kept() {
    let output = parse_json(json!({"ChallengeName": "RETINA_SCAN", "Session": "s"}));
    let name = output.challenge_name.unwrap();
    assert!(matches!(&name, ChallengeNameType::Unknown(_)));
    assert_eq!(name.as_str(), "RETINA_SCAN");
    assert_eq!(name.to_string(), "RETINA_SCAN");
}

#[test]
fn every_challenge_name_is_read() {
    for value in support::enum_values("ChallengeNameType") {
        let output = parse_json(json!({"ChallengeName": value}));
        let name = output.challenge_name.unwrap();
        assert!(!matches!(name, ChallengeNameType::Unknown(_)), "{value}");
        assert_eq!(name.as_str(), value);
    }
}

#[test]
fn success_with_tokens_and_new_device() {
    let output = parse_json(json!({
        "AuthenticationResult": {
            "AccessToken": "access.jwt.sig",
            "ExpiresIn": 3600,
            "TokenType": "Bearer",
            "RefreshToken": "refresh.jwe.blob",
            "IdToken": "id.jwt.sig",
            "NewDeviceMetadata": {"DeviceKey": "us-east-1_7a8b9c", "DeviceGroupKey": "-AbCdEfGh"}
        },
        "ChallengeParameters": {}
    }));
    let result = output.authentication_result.unwrap();
    assert_eq!(result.access_token.as_deref(), Some("access.jwt.sig"));
    assert_eq!(result.expires_in, 3600);
    assert_eq!(result.token_type.as_deref(), Some("Bearer"));
    assert_eq!(result.refresh_token.as_deref(), Some("refresh.jwe.blob"));
    assert_eq!(result.id_token.as_deref(), Some("id.jwt.sig"));
    let device = result.new_device_metadata.unwrap();
    assert_eq!(device.device_key.as_deref(), Some("us-east-1_7a8b9c"));
    assert_eq!(device.device_group_key.as_deref(), Some("-AbCdEfGh"));
    assert_eq!(output.challenge_name, None);
}

#[test]
fn expires_in_takes_its_default_and_any_int() {
    let result = |v: Value| {
        parse_json(json!({"AuthenticationResult": v}))
            .authentication_result
            .unwrap()
    };
    assert_eq!(
        result(json!({"AccessToken": "t"})).expires_in,
        0,
        "the model's default when absent"
    );
    assert_eq!(result(json!({"ExpiresIn": 300})).expires_in, 300);
    assert_eq!(result(json!({"ExpiresIn": i32::MAX})).expires_in, i32::MAX);
    assert_eq!(result(json!({"ExpiresIn": -1})).expires_in, -1);
    // `null` is an absent member, so it takes the default too, and the
    // tokens beside it are kept.
    let with_null = result(json!({"AccessToken": "t", "ExpiresIn": null}));
    assert_eq!(with_null.expires_in, 0);
    assert_eq!(with_null.access_token.as_deref(), Some("t"));
    // Out of range or not an integer: a deserialization error, not a wrap.
    for bad in [json!(i64::from(i32::MAX) + 1), json!(1.5), json!("3600")] {
        let body =
            serde_json::to_vec(&json!({"AuthenticationResult": {"ExpiresIn": bad}})).unwrap();
        let error = AdminInitiateAuth::response(200, &HeaderMap::new(), &body).unwrap_err();
        assert!(
            matches!(error, ResponseError::Deserialize(_)),
            "{bad}: {error:?}"
        );
    }
}

#[test]
fn expires_in_reads_integral_floats_as_the_integer() {
    let expires_in = |v: Value| {
        parse_json(json!({"AuthenticationResult": {"AccessToken": "t", "ExpiresIn": v}}))
            .authentication_result
            .unwrap()
            .expires_in
    };
    // As the JavaScript SDK reads them: JSON has one kind of number.
    assert_eq!(expires_in(json!(3600.0)), 3600);
    assert_eq!(expires_in(json!(-0.0)), 0);
    assert_eq!(expires_in(json!(2147483647.0)), i32::MAX);
    for text in ["1e3", "1E3", "1000.000", "10e2"] {
        let body = format!(r#"{{"AuthenticationResult": {{"ExpiresIn": {text}}}}}"#);
        assert_eq!(
            parse_ok(body.as_bytes())
                .authentication_result
                .unwrap()
                .expires_in,
            1000,
            "{text}"
        );
    }
    // A fraction or a value beyond i32 is still an error, which says why
    // without quoting the number.
    for (text, says) in [
        (
            "3600.5",
            "invalid value: a number with a fraction, expected i32",
        ),
        (
            "2147483648.0",
            "invalid value: a number out of range, expected i32",
        ),
        ("1e20", "invalid value: a number out of range, expected i32"),
        ("-3e9", "invalid value: a number out of range, expected i32"),
    ] {
        let body = format!(r#"{{"AuthenticationResult": {{"ExpiresIn": {text}}}}}"#);
        let error = match AdminInitiateAuth::response(200, &HeaderMap::new(), body.as_bytes()) {
            Err(ResponseError::Deserialize(e)) => e,
            other => panic!("{text} gave {other:?}"),
        };
        let message = error.to_string();
        assert!(message.contains("AdminInitiateAuthOutput"), "{message}");
        assert!(message.contains(says), "{text}: {message} lacks {says:?}");
        assert!(message.contains("line 1 column"), "says where: {message}");
        assert!(!message.contains(text), "{message} quotes {text}");
    }
}

#[test]
fn unknown_members_are_ignored_at_every_level() {
    let plain = json!({
        "ChallengeName": "SMS_MFA",
        "Session": "s",
        "ChallengeParameters": {"CODE_DELIVERY_DESTINATION": "+*******1234"},
        "AvailableChallenges": ["SMS_OTP"],
        "AuthenticationResult": {
            "AccessToken": "a",
            "ExpiresIn": 60,
            "NewDeviceMetadata": {"DeviceKey": "k"}
        }
    });
    let mut extended = plain.clone();
    extended["FutureTopLevel"] = json!({"nested": [1, {"deep": null}], "n": 1e300});
    extended["__type"] = json!("com.amazonaws.cognitoidentityprovider#AdminInitiateAuthResponse");
    extended["AuthenticationResult"]["FutureTokenKind"] = json!("x");
    extended["AuthenticationResult"]["Scopes"] = json!(["openid", "email"]);
    extended["AuthenticationResult"]["NewDeviceMetadata"]["DeviceName"] = json!({"a": true});
    extended["AuthenticationResult"]["NewDeviceMetadata"]["Trusted"] = json!(false);
    assert_eq!(parse_json(extended), parse_json(plain));
}

#[test]
fn nulls_are_absent_members_and_skipped_entries() {
    let output = parse_json(json!({
        "ChallengeName": null,
        "Session": null,
        "AuthenticationResult": null,
        "ChallengeParameters": {"kept": "v", "dropped": null},
        "AvailableChallenges": [null, "PASSWORD", null]
    }));
    assert_eq!(output.challenge_name, None);
    assert_eq!(output.session, None);
    assert_eq!(output.authentication_result, None);
    assert_eq!(
        output.challenge_parameters,
        Some(HashMap::from([("kept".to_owned(), "v".to_owned())]))
    );
    assert_eq!(
        output.available_challenges,
        Some(vec![ChallengeNameType::Password])
    );
}

#[test]
fn empty_success_bodies_are_the_empty_output() {
    let empty = AdminInitiateAuthOutput::builder().build();
    for body in [&b""[..], b"{}", b"  \r\n\t", b" { } "] {
        assert_eq!(parse_ok(body), empty, "{:?}", String::from_utf8_lossy(body));
    }
    // Any 2xx is a success.
    for status in [201, 202, 204, 299] {
        assert_eq!(
            AdminInitiateAuth::response(status, &HeaderMap::new(), b"").unwrap(),
            empty
        );
    }
}

#[test]
fn malformed_success_bodies_are_deserialize_errors_that_say_what_failed() {
    for (body, says) in [
        (
            &br#"{"AuthenticationResult": {"AccessToken": "a""#[..],
            "EOF",
        ),
        (
            b"<html><body>502 Bad Gateway</body></html>",
            "expected value",
        ),
        (br#"{"Session": "a"} trailing"#, "trailing characters"),
        (br#"{"ChallengeName": 7}"#, "invalid type"),
        // A value in the wrong place is not echoed: it could be a token.
        (
            br#"{"AuthenticationResult": {"ExpiresIn": "eyJsecret"}}"#,
            "invalid type: string \"…\"",
        ),
        (br#"{"ChallengeParameters": ["a"]}"#, "invalid type"),
        (br#"{"AvailableChallenges": "PASSWORD"}"#, "invalid type"),
        (br#"{"Session": "a", "Session": "b"}"#, "duplicate field"),
        (b"null", "invalid type"),
        (b"\xff\xfe{}", "expected value"),
        // An array is never an output, even though its items would fit the
        // members by position.
        (br#"["SMS_MFA", "s"]"#, "invalid type: sequence"),
    ] {
        let error = match AdminInitiateAuth::response(200, &HeaderMap::new(), body) {
            Err(ResponseError::Deserialize(e)) => e,
            other => panic!("{:?} gave {other:?}", String::from_utf8_lossy(body)),
        };
        let message = error.to_string();
        assert!(
            message.contains("AdminInitiateAuthOutput"),
            "names the shape: {message}"
        );
        assert!(
            message.contains(says),
            "{:?}: {message} lacks {says:?}",
            String::from_utf8_lossy(body)
        );
        assert!(message.contains("line 1 column"), "says where: {message}");
        assert!(
            !message.contains("eyJsecret") && !format!("{error:?}").contains("eyJsecret"),
            "{message}"
        );
        assert!(
            std::error::Error::source(&error).is_some(),
            "keeps the parser's error"
        );
    }
}

#[test]
fn deeply_nested_unknown_members_do_not_overflow_the_stack() {
    let depth = 50_000;
    let body = format!(
        r#"{{"Session":"s","Future":{}{}}}"#,
        "[".repeat(depth),
        "]".repeat(depth)
    );
    // serde_json limits recursion, so either answer is fine; returning is the point.
    let _ = AdminInitiateAuth::response(200, &HeaderMap::new(), body.as_bytes());
    let _ = AdminInitiateAuth::response(400, &HeaderMap::new(), body.as_bytes());
    let body = format!(
        r#"{{"__type":"X","m":{}1{}}}"#,
        r#"{"a":"#.repeat(depth),
        "}".repeat(depth)
    );
    let error = service_error(400, &HeaderMap::new(), body.as_bytes());
    assert_eq!(error.meta().status(), Some(400));
}

// --- error responses ----------------------------------------------------------

const URI_SUFFIX: &str = ":http://internal.amazon.com/coral/com.amazon.coral.validate/";
const NAMESPACE: &str = "com.amazonaws.cognitoidentityprovider#";

/// The ways a code reaches the client: the header (in any case, bare,
/// namespaced or with a URI suffix), or the body's `__type` (plain,
/// namespaced, with a URI suffix, both) or `code`.
fn signalled(code: &str) -> Vec<(String, HeaderMap, Value)> {
    let body = |key: &str, value: String| json!({ key: value });
    vec![
        (
            "header".into(),
            headers(&[("X-Amzn-Errortype", code)]),
            json!({}),
        ),
        (
            "lowercase header".into(),
            headers(&[("x-amzn-errortype", &format!("{code}{URI_SUFFIX}"))]),
            json!({}),
        ),
        (
            "namespaced header".into(),
            headers(&[("X-AMZN-ERRORTYPE", &format!("{NAMESPACE}{code}"))]),
            json!({}),
        ),
        (
            "__type".into(),
            HeaderMap::new(),
            body("__type", code.into()),
        ),
        (
            "namespaced __type".into(),
            HeaderMap::new(),
            body("__type", format!("{NAMESPACE}{code}")),
        ),
        (
            "__type with URI".into(),
            HeaderMap::new(),
            body("__type", format!("{code}{URI_SUFFIX}")),
        ),
        (
            "both".into(),
            HeaderMap::new(),
            body("__type", format!("aws.cognito#{code}{URI_SUFFIX}")),
        ),
        ("code".into(), HeaderMap::new(), body("code", code.into())),
    ]
}

#[test]
fn each_modelled_error_by_header_and_by_body() {
    let message_keys = ["message", "Message", "errorMessage"];
    let mut checked = 0;
    for (model, variant) in support::modelled_errors() {
        for (i, (how, mut headers, mut body)) in signalled(&model.code).into_iter().enumerate() {
            let key = message_keys[i % message_keys.len()];
            body[key] = json!(format!("{} via {how}", model.code));
            headers.insert(
                "x-amzn-requestid",
                format!("req-{}-{i}", model.code).parse().unwrap(),
            );
            let bytes = serde_json::to_vec(&body).unwrap();
            let error = service_error(model.status, &headers, &bytes);

            let context = format!("{} via {how} ({key})", model.code);
            assert!((variant.is)(&error), "{context}: got {error:?}");
            assert_eq!(error.code(), Some(model.code.as_str()), "{context}");
            assert_eq!(
                error.message(),
                Some(format!("{} via {how}", model.code).as_str()),
                "{context}"
            );
            let request_id = format!("req-{}-{i}", model.code);
            assert_eq!(error.request_id(), Some(request_id.as_str()), "{context}");
            assert_eq!(error.meta().status(), Some(model.status), "{context}");
            assert_eq!(error.fault(), model.fault, "{context}");
            assert_eq!(
                error.to_string(),
                format!("{}: {} via {how}", model.code, model.code)
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 18 * 8);
}

#[test]
fn error_members_are_read_from_the_body() {
    let body = br#"{"__type":"InvalidParameterException","message":"bad","reasonCode":"INVALID_PHONE","extra":[1]}"#;
    match service_error(400, &HeaderMap::new(), body) {
        AdminInitiateAuthError::InvalidParameterException(e) => {
            assert_eq!(e.reason_code.as_deref(), Some("INVALID_PHONE"));
            assert_eq!(e.message.as_deref(), Some("bad"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_error_member_of_the_wrong_type_leaves_the_others() {
    let h = headers(&[("x-amzn-requestid", "req-bad-member")]);
    // `reasonCode` is a string member: a number there is left out, and the
    // message beside it is kept.
    let body = br#"{"__type":"InvalidParameterException","message":"bad phone","reasonCode":7}"#;
    match service_error(400, &h, body) {
        AdminInitiateAuthError::InvalidParameterException(e) => {
            assert_eq!(e.message.as_deref(), Some("bad phone"));
            assert_eq!(e.reason_code, None);
            assert_eq!(e.code(), Some("InvalidParameterException"));
            assert_eq!(e.request_id(), Some("req-bad-member"));
        }
        other => panic!("{other:?}"),
    }
    // A message that is not text is left out; the member beside it is kept,
    // and so are the code and the request id.
    let body =
        br#"{"__type":"InvalidParameterException","message":42,"reasonCode":"INVALID_PHONE"}"#;
    match service_error(400, &h, body) {
        AdminInitiateAuthError::InvalidParameterException(e) => {
            assert_eq!(e.reason_code.as_deref(), Some("INVALID_PHONE"));
            assert_eq!(e.message, None);
            assert_eq!(e.message(), None);
            assert_eq!(e.code(), Some("InvalidParameterException"));
            assert_eq!(e.request_id(), Some("req-bad-member"));
            assert_eq!(e.meta().status(), Some(400));
        }
        other => panic!("{other:?}"),
    }
    // The message under a second spelling survives a first one of the wrong type.
    let body = br#"{"__type":"NotAuthorizedException","message":{"text":"x"},"Message":"Incorrect username or password.","SomeIntMember":"oops"}"#;
    let error = service_error(400, &h, body);
    assert!(error.is_not_authorized_exception(), "{error:?}");
    assert_eq!(error.message(), Some("Incorrect username or password."));
    assert_eq!(error.request_id(), Some("req-bad-member"));
    // Two good spellings: the member holds the one the metadata takes.
    let body = br#"{"__type":"NotAuthorizedException","Message":"second","message":"first"}"#;
    match service_error(400, &h, body) {
        AdminInitiateAuthError::NotAuthorizedException(e) => {
            assert_eq!(e.message.as_deref(), Some("first"));
            assert_eq!(e.meta().message(), Some("first"));
        }
        other => panic!("{other:?}"),
    }
    // A success body with the same fault is still an error (outputs are strict).
    let error = AdminInitiateAuth::response(
        200,
        &HeaderMap::new(),
        br#"{"Session":"s","ChallengeName":7}"#,
    )
    .unwrap_err();
    assert!(matches!(error, ResponseError::Deserialize(_)), "{error:?}");
}

#[test]
fn the_header_wins_over_the_body_and_code_over_type() {
    let body =
        br#"{"__type":"UserNotFoundException","code":"ResourceNotFoundException","message":"m"}"#;
    let error = service_error(
        400,
        &headers(&[("X-Amzn-ErrorType", "NotAuthorizedException")]),
        body,
    );
    assert!(error.is_not_authorized_exception(), "{error:?}");
    assert_eq!(error.message(), Some("m"));

    let error = service_error(400, &HeaderMap::new(), body);
    assert!(error.is_resource_not_found_exception(), "{error:?}");

    // A body `code` that is not a string does not hide `__type`.
    let error = service_error(
        400,
        &HeaderMap::new(),
        br#"{"code":5,"__type":"UserNotFoundException"}"#,
    );
    assert!(error.is_user_not_found_exception(), "{error:?}");

    // A header that is not text falls back to the body.
    let mut opaque = HeaderMap::new();
    opaque.insert(
        "x-amzn-errortype",
        http::HeaderValue::from_bytes(b"Not\xffText").unwrap(),
    );
    let error = service_error(400, &opaque, br#"{"__type":"UserNotConfirmedException"}"#);
    assert!(error.is_user_not_confirmed_exception(), "{error:?}");
}

#[test]
fn the_message_comes_from_any_of_its_spellings() {
    for key in ["message", "Message", "errorMessage"] {
        let body = serde_json::to_vec(
            &json!({"__type": "PasswordResetRequiredException", key: "reset it"}),
        )
        .unwrap();
        let error = service_error(400, &HeaderMap::new(), &body);
        assert!(error.is_password_reset_required_exception());
        assert_eq!(error.message(), Some("reset it"), "{key}");

        let body =
            serde_json::to_vec(&json!({"__type": "SomethingUnmodelled", key: "new"})).unwrap();
        let error = service_error(400, &HeaderMap::new(), &body);
        assert!(error.is_unhandled());
        assert_eq!(error.message(), Some("new"), "{key}");
    }
    let error = service_error(
        400,
        &HeaderMap::new(),
        br#"{"__type":"NotAuthorizedException","message":42}"#,
    );
    assert!(error.is_not_authorized_exception());
    assert_eq!(
        error.message(),
        None,
        "a message that is not text is no message"
    );
}

#[test]
fn an_unknown_code_is_unhandled_with_everything_received() {
    let h = headers(&[
        ("x-amzn-requestid", "7f1c-req"),
        ("x-amzn-errortype", "LimitExceededException:http://x/"),
    ]);
    let error = service_error(
        400,
        &h,
        br#"{"message":"Too many devices","__type":"Ignored"}"#,
    );
    assert!(error.is_unhandled());
    assert_eq!(error.code(), Some("LimitExceededException"));
    assert_eq!(error.message(), Some("Too many devices"));
    assert_eq!(error.request_id(), Some("7f1c-req"));
    assert_eq!(error.meta().status(), Some(400));
    assert_eq!(error.fault(), ErrorFault::Client);
    assert_eq!(
        error.to_string(),
        "LimitExceededException: Too many devices (HTTP 400)"
    );
}

#[test]
fn bodies_that_are_not_json_still_give_typed_errors() {
    let html =
        b"<html><head><title>500 Internal Server Error</title></head><body>oops</body></html>";
    let error = service_error(500, &headers(&[("content-type", "text/html")]), html);
    assert!(error.is_unhandled());
    assert_eq!((error.code(), error.message()), (None, None));
    assert_eq!(error.meta().status(), Some(500));
    assert_eq!(error.fault(), ErrorFault::Server);
    assert_eq!(error.to_string(), "unhandled error (HTTP 500)");

    // With the code in the header, the HTML body still gives the modelled error.
    let error = service_error(
        500,
        &headers(&[("x-amzn-errortype", "InternalErrorException")]),
        html,
    );
    assert!(error.is_internal_error_exception());
    assert_eq!(error.message(), None);
    assert_eq!(error.to_string(), "InternalErrorException");

    let xml = br#"<?xml version="1.0"?><AccessDeniedException><Message>No</Message></AccessDeniedException>"#;
    let error = service_error(403, &headers(&[("x-amzn-requestid", "r-403")]), xml);
    assert!(error.is_unhandled());
    assert_eq!(error.meta().status(), Some(403));
    assert_eq!(error.request_id(), Some("r-403"));
    assert_eq!(error.fault(), ErrorFault::Client);

    let error = service_error(
        403,
        &headers(&[("x-amzn-errortype", "NotAuthorizedException")]),
        xml,
    );
    assert!(error.is_not_authorized_exception());

    for body in [
        &b""[..],
        b"   ",
        b"null",
        b"[]",
        b"\"NotAuthorizedException\"",
        b"{",
        b"\xff",
    ] {
        let error = service_error(400, &HeaderMap::new(), body);
        assert!(error.is_unhandled(), "{:?}", String::from_utf8_lossy(body));
        assert_eq!(error.meta().status(), Some(400));
        let error = service_error(
            404,
            &headers(&[("x-amzn-errortype", "UserNotFoundException")]),
            body,
        );
        assert!(
            error.is_user_not_found_exception(),
            "{:?}",
            String::from_utf8_lossy(body)
        );
    }
}

#[test]
fn every_non_2xx_status_is_an_error() {
    for status in [100, 199, 300, 302, 304, 400, 404, 429, 500, 503, 599] {
        let error = service_error(status, &HeaderMap::new(), b"{}");
        assert_eq!(error.meta().status(), Some(status));
        let expected = if status >= 500 {
            ErrorFault::Server
        } else {
            ErrorFault::Client
        };
        assert_eq!(error.fault(), expected, "{status}");
    }
}

#[test]
fn empty_or_decorated_codes_are_no_codes() {
    for code in ["", ":http://only.a.uri/", "aws.cognito#", "   "] {
        let body = serde_json::to_vec(&json!({"__type": code})).unwrap();
        let error = service_error(400, &HeaderMap::new(), &body);
        assert!(error.is_unhandled(), "{code:?}");
        assert_eq!(error.code(), None, "{code:?}");
    }
}
