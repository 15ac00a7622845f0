//! What the generator emits for the client from small models: paginators
//! for `@paginated` operations (and clear errors for ones it cannot page
//! through), and each operation's auth mode.

use codegen::model::Model;
use codegen::{GeneratedCrate, Settings};

/// A service with one `ListThings` operation whose `@paginated` trait is
/// `paginated`, and an unauthenticated `Ping`.
fn model(paginated: &str) -> String {
    format!(
        r##"{{
  "smithy": "2.0",
  "shapes": {{
    "test#Service": {{
      "type": "service",
      "version": "2024-01-01",
      "operations": [{{"target": "test#ListThings"}}, {{"target": "test#Ping"}}],
      "traits": {{
        "aws.protocols#awsJson1_1": {{}},
        "aws.auth#sigv4": {{"name": "things"}},
        "aws.api#service": {{"sdkId": "Things", "endpointPrefix": "things-api"}}
      }}
    }},
    "test#ListThings": {{
      "type": "operation",
      "input": {{"target": "test#ListThingsInput"}},
      "output": {{"target": "test#ListThingsOutput"}},
      "traits": {{"smithy.api#paginated": {paginated}}}
    }},
    "test#ListThingsInput": {{
      "type": "structure",
      "members": {{
        "NextToken": {{"target": "smithy.api#String"}},
        "MaxResults": {{"target": "smithy.api#Integer"}}
      }}
    }},
    "test#ListThingsOutput": {{
      "type": "structure",
      "members": {{
        "NextToken": {{"target": "smithy.api#String"}},
        "Things": {{"target": "test#Things"}},
        "Count": {{"target": "smithy.api#Integer"}}
      }}
    }},
    "test#Things": {{"type": "list", "member": {{"target": "smithy.api#String"}}}},
    "test#Ping": {{"type": "operation", "traits": {{"smithy.api#auth": []}}}}
  }}
}}"##
    )
}

fn generate(paginated: &str) -> Result<GeneratedCrate, String> {
    let source = model(paginated);
    let model =
        Model::from_sources([("things.json", source.as_str())]).map_err(|e| e.to_string())?;
    let settings = Settings {
        package: Some("things".into()),
        ..Settings::default()
    };
    codegen::generate(&model, &settings).map_err(|e| e.to_string())
}

const GOOD: &str = r#"{"inputToken": "NextToken", "outputToken": "NextToken", "items": "Things", "pageSize": "MaxResults"}"#;

#[test]
fn paginated_operations_get_paginators() {
    let krate = generate(GOOD).unwrap();
    let file = &krate.files["src/client/builders/list_things.rs"];
    for expected in [
        "pub struct ListThingsPaginator",
        "pub struct ListThingsPaginatorItems",
        "pub fn into_paginator(self) -> ListThingsPaginator",
        "pub fn page_size(mut self, size: i32) -> Self",
        "type Token = String;",
        "type Item = String;",
    ] {
        assert!(file.contains(expected), "no `{expected}` in:\n{file}");
    }
    let builders = &krate.files["src/client/builders.rs"];
    assert!(
        builders.contains("ListThingsPaginator, ListThingsPaginatorItems"),
        "{builders}"
    );
    // Ping has no paginator.
    assert!(!krate.files["src/client/builders/ping.rs"].contains("Paginator"));
}

#[test]
fn the_service_traits_name_the_signing_scope_and_the_endpoint() {
    let krate = generate(GOOD).unwrap();
    let client = &krate.files["src/client.rs"];
    assert!(
        client.contains(r#"const SIGNING_NAME: &str = "things";"#),
        "{client}"
    );
    // No endpoint rule set in this model: the regional endpoint, from the prefix.
    assert!(
        client.contains(r#"self::endpoint::regional(config, "things-api")"#),
        "{client}"
    );
    // Without a paginated operation the paginator runtime is allowed to sit unused; here it is used.
    assert!(!client.contains("#[allow(dead_code)]"), "{client}");
}

#[test]
fn operations_without_auth_are_sent_unsigned() {
    let krate = generate(GOOD).unwrap();
    assert!(krate.files["src/client/builders/ping.rs"].contains("crate::auth::AuthMode::None"));
    assert!(
        krate.files["src/client/builders/list_things.rs"].contains("crate::auth::AuthMode::SigV4")
    );
}

#[test]
fn paginated_traits_the_client_cannot_follow_are_errors() {
    for (paginated, expected) in [
        (
            r#"{"inputToken": "NextToken", "outputToken": "Nope"}"#,
            "@paginated outputToken `Nope` is not a member",
        ),
        (
            r#"{"inputToken": "NextToken", "outputToken": "Page.NextToken"}"#,
            "@paginated outputToken `Page.NextToken` is a path",
        ),
        (
            r#"{"inputToken": "NextToken", "outputToken": "NextToken", "items": "Count"}"#,
            "@paginated items must be a list or a map",
        ),
        (
            r#"{"outputToken": "NextToken"}"#,
            "needs both inputToken and outputToken",
        ),
    ] {
        let error = generate(paginated).map(|_| ()).unwrap_err();
        assert!(
            error.contains("test#ListThings") && error.contains(expected),
            "{paginated}: {error}"
        );
    }
}
