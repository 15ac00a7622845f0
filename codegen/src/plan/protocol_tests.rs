//! The model's protocol compliance cases (`smithy.test#httpRequestTests` and
//! `httpResponseTests`) as typed cases: only the client cases of the
//! service's protocol, each with its test function's name decided here, in
//! the order the crate's test module lists them.

use std::collections::BTreeSet;

use serde_json::Value;

use super::records::{
    CaseKind, Plan, Protocol, ProtocolTestCase, RequestCase, ResponseCase, TypeKind,
};
use crate::docs::html_to_markdown;
use crate::model::traits::ids;
use crate::model::{Model, ShapeId};
use crate::naming;

/// Every client case of the service's protocol: per operation its request
/// cases then its response cases, then the error cases, each through the
/// first operation that can return that error.
pub(super) fn cases(model: &Model, plan: &Plan) -> Vec<ProtocolTestCase> {
    let protocol = match plan.service.protocol {
        Protocol::AwsJson1_0 => ids::AWS_JSON_1_0,
        Protocol::AwsJson1_1 => ids::AWS_JSON_1_1,
    };
    let mut names = BTreeSet::new();
    let mut cases = Vec::new();
    for op in &plan.operations {
        let requests = listed(model, &op.id, ids::HTTP_REQUEST_TESTS);
        for case in requests.iter().filter(|c| applies(c, protocol)) {
            let name = test_name(case, "request", &op.module, &mut names);
            cases.push(typed(case, name, &op.id, CaseKind::Request(request(case))));
        }
        let responses = listed(model, &op.id, ids::HTTP_RESPONSE_TESTS);
        for case in responses.iter().filter(|c| applies(c, protocol)) {
            let name = test_name(case, "response", &op.module, &mut names);
            cases.push(typed(
                case,
                name,
                &op.id,
                CaseKind::Response(response(case)),
            ));
        }
    }
    for t in plan.errors() {
        if !matches!(t.kind, TypeKind::Structure(_)) {
            continue;
        }
        let Some(op) = plan.operations.iter().find(|op| op.errors.contains(&t.id)) else {
            continue;
        };
        let errors = listed(model, &t.id, ids::HTTP_RESPONSE_TESTS);
        for case in errors.iter().filter(|c| applies(c, protocol)) {
            let name = test_name(case, "error", &op.module, &mut names);
            let kind = CaseKind::Error {
                error: t.id.clone(),
                response: response(case),
            };
            cases.push(typed(case, name, &op.id, kind));
        }
    }
    cases
}

/// The cases a trait of `id` lists.
fn listed<'m>(model: &'m Model, id: &ShapeId, test_trait: &str) -> &'m [Value] {
    model
        .expect(id)
        .traits
        .get(test_trait)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// Client cases of this protocol (`appliesTo` absent or `client`).
fn applies(case: &Value, protocol: &str) -> bool {
    let side = case.get("appliesTo").and_then(Value::as_str);
    let case_protocol = case.get("protocol").and_then(Value::as_str);
    side.is_none_or(|s| s == "client") && case_protocol.is_none_or(|p| p == protocol)
}

fn typed(case: &Value, name: String, operation: &ShapeId, kind: CaseKind) -> ProtocolTestCase {
    ProtocolTestCase {
        id: text(case, "id").unwrap_or_default().to_owned(),
        name,
        docs: text(case, "documentation")
            .map(html_to_markdown)
            .unwrap_or_default(),
        operation: operation.clone(),
        params: case
            .get("params")
            .cloned()
            .unwrap_or(Value::Object(Default::default())),
        kind,
    }
}

fn text<'a>(case: &'a Value, key: &str) -> Option<&'a str> {
    case.get(key).and_then(Value::as_str)
}

/// The case's id as a function name, told apart from the names taken so
/// far by the operation's module, then by a number.
fn test_name(case: &Value, kind: &str, module: &str, names: &mut BTreeSet<String>) -> String {
    let id = text(case, "id").unwrap_or("case");
    let base = format!("{}_{kind}", naming::module_name(id).trim_end_matches('_'));
    let mut name = base.clone();
    if names.contains(&name) {
        name = format!("{module}_{base}");
    }
    let mut n = 2;
    while names.contains(&name) {
        name = format!("{base}_{n}");
        n += 1;
    }
    names.insert(name.clone());
    name
}

fn header_pairs(case: &Value) -> Vec<(String, String)> {
    case.get("headers")
        .and_then(Value::as_object)
        .map(|h| {
            h.iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned()))
                .collect()
        })
        .unwrap_or_default()
}

fn string_list(case: &Value, key: &str) -> Vec<String> {
    case.get(key)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

fn request(case: &Value) -> RequestCase {
    let uri = text(case, "uri").unwrap_or("/");
    let (path, query) = match uri.split_once('?') {
        Some((p, q)) => (p, Some(q.to_owned())),
        None => (uri, None),
    };
    let headers = header_pairs(case);
    // A compressed body is checked through its header only.
    let compressed = headers
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("content-encoding") && v.contains("gzip"));
    let body = text(case, "body").filter(|_| !compressed).map(|b| {
        (
            b.to_owned(),
            text(case, "bodyMediaType").is_some_and(|m| m.contains("json")),
        )
    });
    RequestCase {
        host: text(case, "host").unwrap_or("example.com").to_owned(),
        method: text(case, "method").unwrap_or("POST").to_owned(),
        path: path.to_owned(),
        query,
        headers,
        require_headers: string_list(case, "requireHeaders"),
        forbid_headers: string_list(case, "forbidHeaders"),
        resolved_host: text(case, "resolvedHost").map(str::to_owned),
        body,
    }
}

fn response(case: &Value) -> ResponseCase {
    ResponseCase {
        status: case.get("code").and_then(Value::as_u64).unwrap_or(200) as u16,
        headers: header_pairs(case),
        body: text(case, "body").unwrap_or_default().to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{applies, request, response};

    #[test]
    fn a_request_case_splits_its_uri_and_leaves_a_compressed_body_to_its_header() {
        let case = json!({
            "id": "X", "protocol": "aws.protocols#awsJson1_1", "method": "POST",
            "uri": "/?a=1", "body": "{}", "bodyMediaType": "application/json",
            "headers": {"Content-Encoding": "gzip"}, "forbidHeaders": ["X-Nope"]
        });
        let r = request(&case);
        assert_eq!((r.path.as_str(), r.query.as_deref()), ("/", Some("a=1")));
        assert_eq!(r.host, "example.com");
        assert_eq!(r.body, None);
        assert_eq!(r.forbid_headers, ["X-Nope"]);
        let plain = json!({"uri": "/", "body": "{}", "bodyMediaType": "application/json"});
        assert_eq!(request(&plain).body, Some(("{}".to_owned(), true)));
    }

    #[test]
    fn only_client_cases_of_the_protocol_apply() {
        let p = "aws.protocols#awsJson1_1";
        assert!(applies(&json!({"protocol": p}), p));
        assert!(applies(&json!({"appliesTo": "client"}), p));
        assert!(!applies(&json!({"appliesTo": "server"}), p));
        assert!(!applies(
            &json!({"protocol": "aws.protocols#awsJson1_0"}),
            p
        ));
        assert_eq!(response(&json!({})).status, 200);
    }
}
