//! `smithy.test#httpRequestTests` and `httpResponseTests` cases as `#[test]`
//! functions in the generated crate: a request case builds the input from
//! its params and checks the request; a response case parses the response
//! and checks the output (or the error) against its params.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_json::Value;

use super::tokens::type_path;
use super::values::{value, Source};
use crate::model::ShapeId;
use crate::naming;
use crate::plan::{OperationPlan, Plan, RustType, StructRole, TypeKind};

/// Cases to leave out, by case id, each with the reason (shown in the test
/// output as the reason it is ignored).
pub type Skips = BTreeMap<String, String>;

/// The test module, or `None` when the model has no client-side cases.
pub fn protocol_tests(plan: &Plan, skips: &Skips) -> Option<TokenStream> {
    let mut names = BTreeSet::new();
    let mut tests = Vec::new();
    let protocol = protocol_trait(plan);
    for op in &plan.operations {
        for case in &op.request_tests {
            if applies(case, &protocol) {
                tests.push(request_test(plan, op, case, skips, &mut names));
            }
        }
        for case in &op.response_tests {
            if applies(case, &protocol) {
                tests.push(response_test(plan, op, case, skips, &mut names));
            }
        }
    }
    // Error cases live on the error shape; each runs once, through the first
    // operation that can return that error.
    for t in plan.errors() {
        let TypeKind::Structure(s) = &t.kind else {
            continue;
        };
        let Some(op) = plan.operations.iter().find(|op| op.errors.contains(&t.id)) else {
            continue;
        };
        for case in &s.response_tests {
            if applies(case, &protocol) {
                tests.push(error_test(plan, op, &t.id, case, skips, &mut names));
            }
        }
    }
    if tests.is_empty() {
        return None;
    }
    Some(quote! {
        #![doc = " Protocol compliance cases from the model, one test each."]
        #(#tests)*
    })
}

fn protocol_trait(plan: &Plan) -> String {
    match plan.service.protocol {
        crate::plan::Protocol::AwsJson1_0 => "aws.protocols#awsJson1_0".into(),
        crate::plan::Protocol::AwsJson1_1 => "aws.protocols#awsJson1_1".into(),
    }
}

/// Client cases of this service's protocol (`appliesTo` absent or `client`).
fn applies(case: &Value, protocol: &str) -> bool {
    let side = case.get("appliesTo").and_then(Value::as_str);
    let case_protocol = case.get("protocol").and_then(Value::as_str);
    side.is_none_or(|s| s == "client") && case_protocol.is_none_or(|p| p == protocol)
}

fn text<'a>(case: &'a Value, key: &str) -> Option<&'a str> {
    case.get(key).and_then(Value::as_str)
}

fn test_name(
    case: &Value,
    kind: &str,
    op: &OperationPlan,
    names: &mut BTreeSet<String>,
) -> proc_macro2::Ident {
    let id = text(case, "id").unwrap_or("case");
    let base = format!("{}_{kind}", naming::module_name(id).trim_end_matches('_'));
    let mut name = base.clone();
    if names.contains(&name) {
        name = format!("{}_{base}", op.module);
    }
    let mut n = 2;
    while names.contains(&name) {
        name = format!("{base}_{n}");
        n += 1;
    }
    names.insert(name.clone());
    format_ident!("{}", name)
}

/// `#[test]`, with `#[ignore]` and the reason when the case is on the skip list.
fn attributes(case: &Value, skips: &Skips) -> TokenStream {
    let id = text(case, "id").unwrap_or_default();
    let doc = text(case, "documentation")
        .map(|d| super::tokens::doc(&crate::docs::html_to_markdown(d)))
        .unwrap_or_default();
    let id_doc = super::tokens::doc(&format!("Case `{id}`."));
    match skips.get(id) {
        Some(reason) => quote!(#id_doc #doc #[test] #[ignore = #reason]),
        None => quote!(#id_doc #doc #[test]),
    }
}

fn params(case: &Value) -> Value {
    case.get("params")
        .cloned()
        .unwrap_or(Value::Object(Default::default()))
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

fn request_test(
    plan: &Plan,
    op: &OperationPlan,
    case: &Value,
    skips: &Skips,
    names: &mut BTreeSet<String>,
) -> TokenStream {
    let name = test_name(case, "request", op, names);
    let attrs = attributes(case, skips);
    let marker = operation_path(op);
    let input = value(
        plan,
        &RustType::Named(op.input.clone()),
        &params(case),
        Source::TestParams,
    );
    let host = text(case, "host").unwrap_or("example.com");
    let endpoint = format!("https://{host}");
    let method = text(case, "method").unwrap_or("POST");
    let uri = text(case, "uri").unwrap_or("/");
    let (path, query) = match uri.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (uri, None),
    };
    let query_check =
        query.map(|q| quote!(assert_eq!(request.uri().query(), ::std::option::Option::Some(#q));));
    let header_checks = header_pairs(case).into_iter().map(|(k, v)| {
        quote! {
            assert_eq!(
                request.headers().get(#k).and_then(|v| v.to_str().ok()),
                ::std::option::Option::Some(#v),
                "header {}", #k
            );
        }
    });
    let required = string_list(case, "requireHeaders")
        .into_iter()
        .map(|k| quote!(assert!(request.headers().contains_key(#k), "header {} is required", #k);));
    let forbidden = string_list(case, "forbidHeaders").into_iter().map(
        |k| quote!(assert!(!request.headers().contains_key(#k), "header {} is forbidden", #k);),
    );
    let resolved_host = text(case, "resolvedHost")
        .map(|h| quote!(assert_eq!(request.uri().host(), ::std::option::Option::Some(#h));));
    let body = text(case, "body").map(|b| {
        if text(case, "bodyMediaType").is_some_and(|m| m.contains("json")) {
            quote!(crate::protocol::test_support::assert_json_eq(request.body(), #b);)
        } else {
            quote!(assert_eq!(::std::string::String::from_utf8_lossy(request.body()), #b);)
        }
    });
    // A compressed body is checked through its header only.
    let body = if header_pairs(case)
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("content-encoding") && v.contains("gzip"))
    {
        None
    } else {
        body
    };
    quote! {
        #attrs
        fn #name() {
            let input = #input;
            let request = #marker::request(&input, #endpoint).expect("the request builds");
            assert_eq!(request.method().as_str(), #method);
            assert_eq!(request.uri().path(), #path);
            #query_check
            #(#header_checks)*
            #(#required)*
            #(#forbidden)*
            #resolved_host
            #body
        }
    }
}

fn response_call(case: &Value, op: &OperationPlan) -> TokenStream {
    let marker = operation_path(op);
    let status = case.get("code").and_then(Value::as_u64).unwrap_or(200) as u16;
    let headers = header_pairs(case)
        .into_iter()
        .map(|(k, v)| quote!((#k, #v)));
    let body = text(case, "body").unwrap_or_default();
    quote! {
        let headers = crate::protocol::test_support::headers(&[#(#headers),*]);
        let result = #marker::response(#status, &headers, #body.as_bytes());
    }
}

fn response_test(
    plan: &Plan,
    op: &OperationPlan,
    case: &Value,
    skips: &Skips,
    names: &mut BTreeSet<String>,
) -> TokenStream {
    let name = test_name(case, "response", op, names);
    let attrs = attributes(case, skips);
    let call = response_call(case, op);
    let expected = value(
        plan,
        &RustType::Named(op.output.clone()),
        &params(case),
        Source::TestParams,
    );
    quote! {
        #attrs
        fn #name() {
            #call
            let output = result.expect("the response parses");
            let expected = #expected;
            crate::protocol::test_support::assert_wire_eq(&output, &expected);
        }
    }
}

fn error_test(
    plan: &Plan,
    op: &OperationPlan,
    error: &ShapeId,
    case: &Value,
    skips: &Skips,
    names: &mut BTreeSet<String>,
) -> TokenStream {
    let name = test_name(case, "error", op, names);
    let attrs = attributes(case, skips);
    let call = response_call(case, op);
    let t = plan.ty(error);
    let variant = format_ident!("{}", t.name);
    let error_enum = format_ident!("{}", op.names.error);
    let module = super::tokens::ident(&op.module);
    let expected = value(
        plan,
        &RustType::Named(error.clone()),
        &params(case),
        Source::TestParams,
    );
    let path = type_path(plan, error);
    debug_assert!(matches!(
        &t.kind,
        TypeKind::Structure(s) if matches!(s.role, StructRole::Error(_))
    ));
    quote! {
        #attrs
        fn #name() {
            #call
            let error = match result {
                ::std::result::Result::Err(crate::error::ResponseError::Service(
                    crate::operation::#module::#error_enum::#variant(error),
                )) => error,
                other => panic!("expected {}, got {other:?}", stringify!(#variant)),
            };
            let expected: #path = #expected;
            crate::protocol::test_support::assert_wire_eq(&error, &expected);
        }
    }
}

fn operation_path(op: &OperationPlan) -> TokenStream {
    let module = super::tokens::ident(&op.module);
    let marker = format_ident!("{}", op.type_name);
    quote!(crate::operation::#module::#marker)
}
