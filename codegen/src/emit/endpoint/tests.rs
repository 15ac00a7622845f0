//! One `#[test]` per `smithy.rules#endpointTests` case: the case's
//! parameters in, its URL, headers and properties (or its error) out.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_json::Value;

use super::values;
use crate::emit::tokens::{doc, ident};
use crate::rules::syntax::Expectation;
use crate::rules::{EndpointPlan, TestPlan};

pub fn tests(plan: &EndpointPlan) -> TokenStream {
    let cases = plan.tests.iter().map(case);
    quote! {
        //! The model's endpoint test cases (`smithy.rules#endpointTests`), one test each.

        use super::{resolve_endpoint, Endpoint, EndpointParams};

        #(#cases)*
    }
}

fn case(test: &TestPlan) -> TokenStream {
    let docs = doc(test
        .documentation
        .as_deref()
        .unwrap_or("An endpoint test case of the model."));
    let name = format_ident!("{}", test.name);
    let params = if test.params.is_empty() {
        quote!(EndpointParams::default())
    } else {
        let setters = test.params.iter().map(|(param, value)| {
            if value.is_null() {
                let setter = format_ident!("{}", param.set);
                quote!(.#setter(None))
            } else {
                let setter = ident(&param.field);
                let value = match value {
                    Value::String(s) => quote!(#s),
                    other => values::param_value(param.ty, other),
                };
                quote!(.#setter(#value))
            }
        });
        quote!(EndpointParams::builder() #(#setters)* .build())
    };
    let check = match &test.expect {
        Expectation::Endpoint {
            url,
            headers,
            properties,
        } => {
            let headers = headers.iter().flat_map(|(name, values)| {
                values.iter().map(move |v| quote!(.with_header(#name, #v)))
            });
            let properties = properties.iter().map(|(name, value)| {
                let value = values::json(value);
                quote!(.with_property(#name, #value))
            });
            quote! {
                let expected = Endpoint::new(#url) #(#headers)* #(#properties)*;
                let resolved = resolve_endpoint(&params);
                assert_eq!(resolved, Ok(expected));
            }
        }
        Expectation::Error(message) => quote! {
            let error = resolve_endpoint(&params).expect_err("the rules should reject these parameters");
            assert_eq!(error.to_string(), #message);
        },
    };
    quote! {
        #docs
        #[test]
        fn #name() {
            let params = #params;
            #check
        }
    }
}
