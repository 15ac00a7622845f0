//! One module per operation: its input and output with builders, its error
//! enum, and the two sans-IO wire functions.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::errors::operation_error;
use super::tokens::{deprecated, inner_doc, type_path};
use super::types::type_item;
use crate::plan::{Location, OperationPlan, Plan};

pub fn operation(plan: &Plan, op: &OperationPlan) -> TokenStream {
    let module_docs = inner_doc(&module_docs(op));
    let marker = format_ident!("{}", op.type_name);
    let deprecated = deprecated(&op.deprecated);
    let input_ty = type_path(plan, &op.input);
    let output_ty = type_path(plan, &op.output);
    let error = format_ident!("{}", op.names.error);
    let wire_name = op.wire_name.as_str();
    let target = format!("{}.{}", plan.service.target_prefix, op.wire_name);
    let content_type = plan.service.protocol.content_type();
    let output_name = plan.ty(&op.output).name.as_str();
    let marker_doc = super::tokens::doc(&format!(
        "The `{}` operation: its name on the wire, and the functions that turn its input into a request and a response into its output.",
        op.wire_name
    ));
    // Input and output types that belong to this operation live here; shared
    // ones stay in `types` and are re-exported under the operation's names.
    let own = |id| plan.ty(id).location == Location::Operation(op.module.clone());
    let io_items = [(&op.input, &op.names.input), (&op.output, &op.names.output)]
        .into_iter()
        .map(|(id, alias)| {
            let t = plan.ty(id);
            if own(id) {
                type_item(plan, t)
            } else {
                let path = type_path(plan, id);
                let alias = format_ident!("{}", alias);
                quote!(pub use #path as #alias;)
            }
        });
    let error_enum = operation_error(plan, op);
    let host_prefix = match &op.host_prefix {
        None => quote!(::std::option::Option::None),
        Some(prefix) => {
            let mut format = String::new();
            let mut args = Vec::new();
            for part in &prefix.parts {
                match part {
                    crate::plan::HostPart::Text(t) => {
                        format.push_str(&t.replace('{', "{{").replace('}', "}}"))
                    }
                    crate::plan::HostPart::Label {
                        member,
                        field,
                        optional,
                    } => {
                        format.push_str("{}");
                        let f = super::tokens::ident(field);
                        let value = if *optional {
                            quote!(input.#f.as_deref().unwrap_or_default())
                        } else {
                            quote!(&input.#f)
                        };
                        args.push(quote!(crate::protocol::aws_json::host_label(#member, #value)?));
                    }
                }
            }
            if args.is_empty() {
                // A constant prefix (`sync-`): no labels to fill in, and
                // Clippy rejects `format!` of a plain literal.
                let text: String = prefix
                    .parts
                    .iter()
                    .map(|p| match p {
                        crate::plan::HostPart::Text(t) => t.as_str(),
                        crate::plan::HostPart::Label { .. } => "",
                    })
                    .collect();
                quote!(::std::option::Option::Some(::std::string::String::from(#text)))
            } else {
                quote!(::std::option::Option::Some(
                    ::std::format!(#format, #(#args),*)
                ))
            }
        }
    };
    let compression = if op.gzip {
        quote! {
            ::std::option::Option::Some(crate::protocol::aws_json::Compression {
                min_bytes: crate::protocol::gzip::DEFAULT_MIN_BYTES,
                gzip: crate::protocol::gzip::compress,
            })
        }
    } else {
        quote!(::std::option::Option::None)
    };
    let query_compatible = plan.service.query_compatible;
    let endpoint_override = op.endpoint_member.as_ref().map(|(field, optional)| {
        let f = super::tokens::ident(field);
        let named = if *optional {
            quote!(input.#f.as_deref())
        } else {
            quote!(::std::option::Option::Some(input.#f.as_str()))
        };
        quote! {
            // This operation goes to the endpoint its input names, when it names one.
            let endpoint = #named.filter(|e| !e.is_empty()).unwrap_or(endpoint);
        }
    });
    // An unset idempotency token gets a fresh one in a copy of the input,
    // so the caller's value is left as it was and each request has its own.
    let tokens = plan.idempotency_tokens(op);
    let fill_tokens = (!tokens.is_empty()).then(|| {
        let names: Vec<_> = tokens
            .iter()
            .map(|f| super::tokens::ident(&f.name))
            .collect();
        let unset = quote!(#(input.#names.is_none())||*);
        let unset = if names.len() > 1 {
            quote!((#unset))
        } else {
            unset
        };
        quote! {
            let filled = #unset.then(|| {
                let mut copy = input.clone();
                #(copy.#names.get_or_insert_with(|| ::uuid::Uuid::new_v4().to_string());)*
                copy
            });
            let input = filled.as_ref().unwrap_or(input);
        }
    });
    let token_doc = (!tokens.is_empty()).then(|| {
        let members: Vec<String> = tokens.iter().map(|f| format!("`{}`", f.member)).collect();
        super::tokens::doc(&format!(
            "\nAn unset idempotency token ({}) is sent as a fresh random UUID; `input` itself is not changed.",
            members.join(", ")
        ))
    });
    let auth = match op.auth {
        crate::plan::Auth::SigV4 => quote!(crate::auth::AuthMode::SigV4),
        crate::plan::Auth::Optional => quote!(crate::auth::AuthMode::Optional),
        crate::plan::Auth::None => quote!(crate::auth::AuthMode::None),
    };
    quote! {
        #module_docs

        #marker_doc
        #deprecated
        #[derive(Clone, Copy, Debug, Default)]
        #[non_exhaustive]
        pub struct #marker;

        impl #marker {
            /// The operation's name, as the model spells it.
            pub const NAME: &'static str = #wire_name;

            /// How requests of this operation are authenticated.
            pub const AUTH: crate::auth::AuthMode = #auth;

            /// Builds the HTTP request for `input`, addressed to `endpoint`
            /// (for example `https://service.region.amazonaws.com`). The
            /// request is not signed.
            #token_doc
            pub fn request(
                input: &#input_ty,
                endpoint: &str,
            ) -> ::std::result::Result<::http::Request<::std::vec::Vec<u8>>, crate::error::RequestError> {
                let call = crate::protocol::aws_json::Call {
                    content_type: #content_type,
                    target: #target,
                    host_prefix: #host_prefix,
                    compression: #compression,
                    query_compatible: #query_compatible,
                };
                #endpoint_override
                #fill_tokens
                crate::protocol::aws_json::request(endpoint, &call, input)
            }

            /// Reads an HTTP response: the output for a 2xx status, the
            /// operation's error otherwise. Never panics, whatever the bytes.
            /// An output with a member of the wrong type is a
            /// deserialization error; in an error, such a member is left
            /// unset and the others are kept.
            pub fn response(
                status: u16,
                headers: &::http::HeaderMap,
                body: &[u8],
            ) -> ::std::result::Result<#output_ty, crate::error::ResponseError<#error>> {
                if (200..300).contains(&status) {
                    crate::protocol::aws_json::output(body, #output_name).map_err(crate::error::ResponseError::Deserialize)
                } else {
                    ::std::result::Result::Err(crate::error::ResponseError::Service(#error::from_response(status, headers, body)))
                }
            }
        }

        #(#io_items)*

        #error_enum
    }
}

fn module_docs(op: &OperationPlan) -> String {
    let mut docs = if op.docs.is_empty() {
        format!("The `{}` operation.", op.wire_name)
    } else {
        op.docs.clone()
    };
    if let Some(p) = &op.paginated {
        let mut lines = vec![String::new(), "**Paginated.**".to_owned()];
        if let Some(t) = &p.input_token {
            lines.push(format!("- Input token: `{t}`"));
        }
        if let Some(t) = &p.output_token {
            lines.push(format!("- Output token: `{t}`"));
        }
        if let Some(t) = &p.items {
            lines.push(format!("- Items: `{t}`"));
        }
        if let Some(t) = &p.page_size {
            lines.push(format!("- Page size: `{t}`"));
        }
        docs.push('\n');
        docs.push_str(&lines.join("\n"));
    }
    docs
}
