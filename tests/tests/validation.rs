//! Opt-in client-side validation on the AdminInitiateAuth input of the
//! committed crate, and a check that the `regex` crate compiles every
//! `@pattern` of the upstream models (Cognito's use Unicode classes).

use codegen::model::Model;
use cognito_identity_provider::operation::admin_initiate_auth::AdminInitiateAuthInput;
use cognito_identity_provider::types::{AuthFlowType, ContextDataType, HttpHeader};
use cognito_identity_provider::validation::{Rule, ValidationError, Violation};

const USER_POOL_ID: &str = "us-east-1_Example";

fn context(header_name: &str) -> ContextDataType {
    ContextDataType::builder()
        .ip_address("192.0.2.10")
        .server_name("login.example.com")
        .server_path("/signin")
        .http_headers(
            HttpHeader::builder()
                .header_name("User-Agent")
                .header_value("curl/8")
                .build(),
        )
        .http_headers(HttpHeader::builder().header_name(header_name).build())
        .build()
        .unwrap()
}

fn input(
    user_pool_id: &str,
    client_id: &str,
) -> cognito_identity_provider::operation::admin_initiate_auth::AdminInitiateAuthInputBuilder {
    AdminInitiateAuthInput::builder()
        .user_pool_id(user_pool_id)
        .client_id(client_id)
        .auth_flow(AuthFlowType::AdminUserPasswordAuth)
}

fn violations(input: &AdminInitiateAuthInput) -> Vec<(String, Rule)> {
    let error: ValidationError = input.validate().expect_err("the input breaks constraints");
    error
        .into_violations()
        .into_iter()
        .map(|Violation { path, rule, .. }| (path, rule))
        .collect()
}

#[test]
fn a_valid_input_passes() {
    let valid = input(USER_POOL_ID, "client1")
        .auth_parameters("USERNAME", "alice")
        .client_metadata("source", "checkout")
        .context_data(context("Accept"))
        .build()
        .unwrap();
    assert_eq!(valid.validate(), Ok(()));
}

#[test]
fn every_violation_is_reported_with_its_path_and_rule() {
    // Too long, and not the `region_id` shape the pattern wants.
    let pool = "x".repeat(56);
    let invalid = input(&pool, "")
        .context_data(context(&"h".repeat(131_073)))
        .build()
        .unwrap();
    assert_eq!(
        violations(&invalid),
        [
            (
                "UserPoolId".to_owned(),
                Rule::Length {
                    min: Some(1),
                    max: Some(55)
                }
            ),
            (
                "UserPoolId".to_owned(),
                Rule::Pattern {
                    pattern: r"^[\w-]+_[0-9a-zA-Z]+$"
                }
            ),
            (
                "ClientId".to_owned(),
                Rule::Length {
                    min: Some(1),
                    max: Some(128)
                }
            ),
            (
                "ClientId".to_owned(),
                Rule::Pattern {
                    pattern: r"^[\w+]+$"
                }
            ),
            (
                "ContextData.HttpHeaders[1].headerName".to_owned(),
                Rule::Length {
                    min: None,
                    max: Some(131_072)
                }
            ),
        ]
    );
}

#[test]
fn strings_are_measured_in_characters_not_bytes() {
    // 55 characters, 110 bytes: within UserPoolId's limit of 55. (`é` is
    // no `\w` character in ECMAScript, whose ASCII classes the crate
    // follows, so the pattern objects too; only the length is looked at.)
    let lengths = |input: &AdminInitiateAuthInput| -> Vec<(String, Rule)> {
        match input.validate() {
            Ok(()) => Vec::new(),
            Err(_) => violations(input)
                .into_iter()
                .filter(|(_, rule)| matches!(rule, Rule::Length { .. }))
                .collect(),
        }
    };
    let pool = format!("{}_{}", "é".repeat(50), "abcd");
    assert_eq!(pool.chars().count(), 55);
    assert_eq!(lengths(&input(&pool, "client1").build().unwrap()), []);
    let too_long = format!("{}_{}", "é".repeat(51), "abcd");
    assert_eq!(
        lengths(&input(&too_long, "client1").build().unwrap()),
        [(
            "UserPoolId".to_owned(),
            Rule::Length {
                min: Some(1),
                max: Some(55)
            }
        )]
    );
}

#[test]
fn word_classes_are_ascii_as_in_ecmascript() {
    // `^[\w-]+_[0-9a-zA-Z]+$`: `\w` is `[A-Za-z0-9_]` in ECMAScript.
    let ascii = input("us-east-1_Ab9", "client_1").build().unwrap();
    assert_eq!(ascii.validate(), Ok(()));
    let accented = input("us-eäst-1_Ab9", "client1").build().unwrap();
    assert_eq!(
        violations(&accented),
        [(
            "UserPoolId".to_owned(),
            Rule::Pattern {
                pattern: r"^[\w-]+_[0-9a-zA-Z]+$"
            }
        )]
    );
}

#[test]
fn map_entries_are_named_by_key_and_sensitive_keys_are_not() {
    let long = "v".repeat(131_073);
    let invalid = input(USER_POOL_ID, "client1")
        .client_metadata("source", long.clone())
        .auth_parameters("PASSWORD", long)
        .build()
        .unwrap();
    let error = invalid.validate().unwrap_err();
    let paths: Vec<&str> = error.violations().iter().map(|v| v.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            r#"AuthParameters[<redacted>]"#,
            r#"ClientMetadata["source"]"#
        ]
    );
    // Messages name the place and the rule, never the value.
    let message = error.to_string();
    assert_eq!(
        message,
        r#"invalid input, 2 violations: AuthParameters[<redacted>]: length must be at most 131072; ClientMetadata["source"]: length must be at most 131072"#
    );
    assert!(!message.contains("PASSWORD") && !message.contains("vvv"));
}

#[test]
fn validation_is_opt_in() {
    // An input that breaks its constraints still becomes a request: the
    // service, not the client, decides what it accepts.
    let invalid = input("", "").build().unwrap();
    assert!(invalid.validate().is_err());
    let request =
        cognito_identity_provider::operation::admin_initiate_auth::AdminInitiateAuth::request(
            &invalid,
            "https://cognito-idp.us-east-1.amazonaws.com",
        );
    assert!(request.is_ok());
}

/// Every `@pattern` in the upstream models (on shapes and on members)
/// compiles, once the generator has spelled it for Rust: with the `regex`
/// crate, or, for the one that needs look-behind, with `fancy-regex`.
#[test]
fn every_pattern_of_the_upstream_models_compiles() {
    let Some(shared) = tests::shared_dir() else {
        return;
    };
    let files = tests::json_files(&shared.join("models"));
    let mut with_regex = 0;
    let mut unicode_classes = 0;
    let mut with_fancy_regex = Vec::new();
    for file in &files {
        let model = Model::load(file).unwrap();
        for shape in model.shapes() {
            let declared = std::iter::once((shape.id.to_string(), &shape.traits)).chain(
                shape
                    .kind
                    .members()
                    .into_iter()
                    .map(|m| (shape.id.with_member(&m.name).to_string(), &m.traits)),
            );
            for (at, traits) in declared {
                let Some(pattern) = traits.pattern() else {
                    continue;
                };
                unicode_classes += usize::from(pattern.contains(r"\p{"));
                let rust = codegen::to_rust_regex(pattern);
                match (regex::Regex::new(&rust), fancy_regex::Regex::new(&rust)) {
                    (Ok(_), _) => with_regex += 1,
                    (Err(_), Ok(_)) => with_fancy_regex.push(at),
                    (Err(e), Err(fancy)) => panic!(
                        "{}: {at}: @pattern {pattern:?} does not compile: {e}\n{fancy}",
                        file.display()
                    ),
                }
            }
        }
    }
    println!(
        "{with_regex} patterns compile with regex ({unicode_classes} use Unicode classes), {} with fancy-regex",
        with_fancy_regex.len()
    );
    // The four models declare 80 patterns; Cognito's use \p{..} classes.
    // Two need fancy-regex: Cognito's S3 bucket name refuses a trailing dot
    // with a look-behind, and DynamoDB uses `\p{Print}`, which `regex` does
    // not know (fancy-regex reads it Unicode-wide, accepting at least what
    // a Java service's ASCII-only reading accepts).
    assert_eq!(with_regex, 78);
    assert!(unicode_classes > 0);
    assert_eq!(
        with_fancy_regex,
        [
            "com.amazonaws.cognitoidentityprovider#S3BucketType",
            "com.amazonaws.dynamodb#AutoScalingPolicyName"
        ]
    );
}
