//! `smithy.test#httpRequestTests` and `httpResponseTests` cases as `#[test]`
//! functions in the generated crate: a request case builds the input from
//! its params and checks the request; a response case parses the response
//! and checks the output (or the error) against its params. The cases come
//! parsed and named from the plan.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::tokens::{doc, ident, type_path};
use super::values::{value, Source};
use crate::model::ShapeId;
use crate::plan::{
    CaseKind, OperationPlan, Plan, ProtocolTestCase, RequestCase, ResponseCase, RustType,
};

/// Cases to leave out, by case id, each with the reason (shown in the test
/// output as the reason it is ignored).
pub type Skips = BTreeMap<String, String>;

/// The test module, or `None` when the model has no client-side cases.
pub fn protocol_tests(plan: &Plan, skips: &Skips) -> Option<TokenStream> {
    if plan.protocol_tests.is_empty() {
        return None;
    }
    let tests = plan.protocol_tests.iter().map(|case| {
        let op = plan
            .operations
            .iter()
            .find(|op| op.id == case.operation)
            .expect("a case goes through a planned operation");
        match &case.kind {
            CaseKind::Request(request) => request_test(plan, op, case, request, skips),
            CaseKind::Response(response) => response_test(plan, op, case, response, skips),
            CaseKind::Error { error, response } => {
                error_test(plan, op, error, case, response, skips)
            }
        }
    });
    Some(quote! {
        #![doc = " Protocol compliance cases from the model, one test each."]
        #(#tests)*
    })
}

/// `#[test]`, with `#[ignore]` and the reason when the case is on the skip list.
fn attributes(case: &ProtocolTestCase, skips: &Skips) -> TokenStream {
    let docs = doc(&case.docs);
    let id_doc = doc(&format!("Case `{}`.", case.id));
    match skips.get(&case.id) {
        Some(reason) => quote!(#id_doc #docs #[test] #[ignore = #reason]),
        None => quote!(#id_doc #docs #[test]),
    }
}

fn request_test(
    plan: &Plan,
    op: &OperationPlan,
    case: &ProtocolTestCase,
    request: &RequestCase,
    skips: &Skips,
) -> TokenStream {
    let name = format_ident!("{}", case.name);
    let attrs = attributes(case, skips);
    let marker = operation_path(op);
    let input = value(
        plan,
        &RustType::Named(op.input.clone()),
        &case.params,
        Source::TestParams,
    );
    let endpoint = format!("https://{}", request.host);
    let method = &request.method;
    let path = &request.path;
    let query_check = request
        .query
        .as_ref()
        .map(|q| quote!(assert_eq!(request.uri().query(), ::std::option::Option::Some(#q));));
    let header_checks = request.headers.iter().map(|(k, v)| {
        quote! {
            assert_eq!(
                request.headers().get(#k).and_then(|v| v.to_str().ok()),
                ::std::option::Option::Some(#v),
                "header {}", #k
            );
        }
    });
    let required = request
        .require_headers
        .iter()
        .map(|k| quote!(assert!(request.headers().contains_key(#k), "header {} is required", #k);));
    let forbidden = request.forbid_headers.iter().map(
        |k| quote!(assert!(!request.headers().contains_key(#k), "header {} is forbidden", #k);),
    );
    let resolved_host = request
        .resolved_host
        .as_ref()
        .map(|h| quote!(assert_eq!(request.uri().host(), ::std::option::Option::Some(#h));));
    let body = request.body.as_ref().map(|(b, json)| {
        if *json {
            quote!(crate::protocol::test_support::assert_json_eq(request.body(), #b);)
        } else {
            quote!(assert_eq!(::std::string::String::from_utf8_lossy(request.body()), #b);)
        }
    });
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

fn response_call(response: &ResponseCase, op: &OperationPlan) -> TokenStream {
    let marker = operation_path(op);
    let status = response.status;
    let headers = response.headers.iter().map(|(k, v)| quote!((#k, #v)));
    let body = &response.body;
    quote! {
        let headers = crate::protocol::test_support::headers(&[#(#headers),*]);
        let result = #marker::response(#status, &headers, #body.as_bytes());
    }
}

fn response_test(
    plan: &Plan,
    op: &OperationPlan,
    case: &ProtocolTestCase,
    response: &ResponseCase,
    skips: &Skips,
) -> TokenStream {
    let name = format_ident!("{}", case.name);
    let attrs = attributes(case, skips);
    let call = response_call(response, op);
    let expected = value(
        plan,
        &RustType::Named(op.output.clone()),
        &case.params,
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
    case: &ProtocolTestCase,
    response: &ResponseCase,
    skips: &Skips,
) -> TokenStream {
    let name = format_ident!("{}", case.name);
    let attrs = attributes(case, skips);
    let call = response_call(response, op);
    let t = plan.ty(error);
    let variant = format_ident!("{}", t.name);
    let error_enum = format_ident!("{}", op.names.error);
    let module = ident(&op.module);
    let expected = value(
        plan,
        &RustType::Named(error.clone()),
        &case.params,
        Source::TestParams,
    );
    let path = type_path(plan, error);
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
    let module = ident(&op.module);
    let marker = format_ident!("{}", op.type_name);
    quote!(crate::operation::#module::#marker)
}
