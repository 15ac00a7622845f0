//! Errors: what modelled error structures add to a structure, the error
//! enum of each operation, and the crate-wide `Error` they all convert into.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::tokens::{doc, ident, type_path};
use crate::model::traits::Fault;
use crate::model::ShapeId;
use crate::plan::{ErrorPlan, OperationPlan, Plan, StructPlan, StructRole, TypeKind, TypePlan};

fn fault_tokens(fault: Fault) -> TokenStream {
    match fault {
        Fault::Client => quote!(crate::error::ErrorFault::Client),
        Fault::Server => quote!(crate::error::ErrorFault::Server),
    }
}

/// `ProvideErrorMetadata`, `Display` and `std::error::Error` for a modelled error.
pub fn error_impls(t: &TypePlan, s: &StructPlan, e: &ErrorPlan) -> TokenStream {
    let name = format_ident!("{}", t.name);
    let code = e.code.as_str();
    let fault = fault_tokens(e.fault);
    let message_field = s.fields.iter().find(|f| {
        f.member.eq_ignore_ascii_case("message") && f.ty == crate::plan::RustType::String
    });
    let message = message_field.map(|f| {
        let n = ident(&f.name);
        let value = if f.optional {
            quote!(self.#n.as_deref())
        } else {
            quote!(::std::option::Option::Some(self.#n.as_str()))
        };
        quote! {
            fn message(&self) -> ::std::option::Option<&str> {
                #value.or_else(|| self.meta.message())
            }
        }
    });
    let retryable = e.retryable.map(|throttling| {
        quote! {
            fn is_retryable(&self) -> bool {
                true
            }
            fn is_throttling(&self) -> bool {
                #throttling
            }
        }
    });
    let status_doc = match e.http_status {
        Some(status) => format!("The service sends it with HTTP status {status}."),
        None => String::new(),
    };
    let code_doc = super::tokens::doc(&format!(
        "The code the service sends for this error. {status_doc}"
    ));
    quote! {
        impl #name {
            #code_doc
            pub const CODE: &'static str = #code;
        }

        impl crate::error::ProvideErrorMetadata for #name {
            fn meta(&self) -> &crate::error::ErrorMetadata {
                &self.meta
            }
            fn code(&self) -> ::std::option::Option<&str> {
                self.meta.code().or(::std::option::Option::Some(Self::CODE))
            }
            #message
            fn fault(&self) -> crate::error::ErrorFault {
                #fault
            }
            #retryable
        }

        impl crate::protocol::WithErrorMetadata for #name {
            fn set_meta(&mut self, meta: crate::error::ErrorMetadata) {
                self.meta = meta;
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                crate::error::display_error(self, f)
            }
        }

        impl ::std::error::Error for #name {}
    }
}

/// An enum with one variant per error, plus `Unhandled`, and the methods
/// that delegate to whichever error it holds.
fn error_enum(
    plan: &Plan,
    name: &proc_macro2::Ident,
    docs: &str,
    errors: &[ShapeId],
) -> TokenStream {
    let docs = doc(docs);
    let variants: Vec<_> = errors
        .iter()
        .map(|id| format_ident!("{}", plan.ty(id).name))
        .collect();
    // Large error structures are boxed (see `crate::size`).
    let boxed: Vec<bool> = errors.iter().map(|id| is_boxed(plan, id)).collect();
    let paths: Vec<_> = errors
        .iter()
        .zip(&boxed)
        .map(|(id, boxed)| {
            let path = type_path(plan, id);
            if *boxed {
                quote!(::std::boxed::Box<#path>)
            } else {
                path
            }
        })
        .collect();
    let inner_refs = boxed
        .iter()
        .map(|b| if *b { quote!(&**e) } else { quote!(e) });
    let variant_docs = errors.iter().map(|id| {
        let t = plan.ty(id);
        let first = t.docs.split("\n\n").next().unwrap_or_default();
        if first.is_empty() {
            doc(&format!("The service's `{}` error.", t.name))
        } else {
            doc(first)
        }
    });
    let checks = errors.iter().map(|id| {
        let t = plan.ty(id);
        let variant = format_ident!("{}", t.name);
        let check = match &t.kind {
            TypeKind::Structure(StructPlan {
                role: StructRole::Error(e),
                ..
            }) => format_ident!("{}", e.check),
            _ => unreachable!("operation errors are error structures"),
        };
        let doc = super::tokens::doc(&format!("Whether this is a `{}`.", t.name));
        quote! {
            #doc
            pub fn #check(&self) -> bool {
                ::std::matches!(self, Self::#variant(_))
            }
        }
    });
    quote! {
        #docs
        #[derive(Debug)]
        #[non_exhaustive]
        pub enum #name {
            #(#variant_docs #variants(#paths),)*
            /// An error code this crate does not model for this call.
            Unhandled(crate::error::Unhandled),
        }

        impl #name {
            /// The error inside, as a trait object for its metadata.
            fn inner(&self) -> &(dyn crate::error::ProvideErrorMetadata + ::std::marker::Send + ::std::marker::Sync) {
                match self {
                    #(Self::#variants(e) => #inner_refs,)*
                    Self::Unhandled(e) => e,
                }
            }

            /// The error code: the modelled name, or the code received for unhandled errors.
            pub fn code(&self) -> ::std::option::Option<&str> {
                self.inner().code()
            }

            /// The service's explanation, if it sent one.
            pub fn message(&self) -> ::std::option::Option<&str> {
                self.inner().message()
            }

            /// The request id the service assigned.
            pub fn request_id(&self) -> ::std::option::Option<&str> {
                self.inner().request_id()
            }

            /// The code, message, request id and HTTP status as received.
            pub fn meta(&self) -> &crate::error::ErrorMetadata {
                self.inner().meta()
            }

            /// Whether the caller or the service is at fault.
            pub fn fault(&self) -> crate::error::ErrorFault {
                self.inner().fault()
            }

            /// Whether the model marks this error `@retryable`.
            pub fn is_retryable(&self) -> bool {
                self.inner().is_retryable()
            }

            /// Whether the model marks this error as throttling.
            pub fn is_throttling(&self) -> bool {
                self.inner().is_throttling()
            }

            #(#checks)*

            /// Whether the code is one this crate does not model here.
            pub fn is_unhandled(&self) -> bool {
                ::std::matches!(self, Self::Unhandled(_))
            }
        }

        impl crate::error::ProvideErrorMetadata for #name {
            fn meta(&self) -> &crate::error::ErrorMetadata {
                self.inner().meta()
            }
            fn code(&self) -> ::std::option::Option<&str> {
                self.inner().code()
            }
            fn message(&self) -> ::std::option::Option<&str> {
                self.inner().message()
            }
            fn fault(&self) -> crate::error::ErrorFault {
                self.inner().fault()
            }
            fn is_retryable(&self) -> bool {
                self.inner().is_retryable()
            }
            fn is_throttling(&self) -> bool {
                self.inner().is_throttling()
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    #(Self::#variants(e) => ::std::fmt::Display::fmt(e, f),)*
                    Self::Unhandled(e) => ::std::fmt::Display::fmt(e, f),
                }
            }
        }

        impl ::std::error::Error for #name {
            fn source(&self) -> ::std::option::Option<&(dyn ::std::error::Error + 'static)> {
                match self {
                    #(Self::#variants(e) => ::std::option::Option::Some(e),)*
                    Self::Unhandled(e) => ::std::option::Option::Some(e),
                }
            }
        }
    }
}

/// The error enum of one operation and its parser.
pub fn operation_error(plan: &Plan, op: &OperationPlan) -> TokenStream {
    let name = format_ident!("{}", op.names.error);
    let query_compatible = plan.service.query_compatible;
    let docs = format!("The errors `{}` can return.", op.type_name);
    let decl = error_enum(plan, &name, &docs, &op.errors);
    let arms = op.errors.iter().map(|id| {
        let t = plan.ty(id);
        let variant = format_ident!("{}", t.name);
        let code = plan_code(t);
        let read = quote!(crate::protocol::aws_json::error(body, meta));
        let read = if is_boxed(plan, id) {
            quote!(::std::boxed::Box::new(#read))
        } else {
            read
        };
        quote!(::std::option::Option::Some(#code) => Self::#variant(#read),)
    });
    let body = if op.errors.is_empty() {
        quote! {
            let (_, meta) = crate::protocol::aws_json::error_parts(status, headers, body, #query_compatible);
            Self::Unhandled(crate::error::Unhandled::new(meta))
        }
    } else {
        quote! {
            let (code, meta) = crate::protocol::aws_json::error_parts(status, headers, body, #query_compatible);
            match code.as_deref() {
                #(#arms)*
                _ => Self::Unhandled(crate::error::Unhandled::new(meta)),
            }
        }
    };
    quote! {
        #decl

        impl #name {
            /// Reads an error response: the code picks the variant, and the
            /// body fills its members (those that read; see
            /// `protocol::aws_json::error`). Never fails: a response that
            /// makes no sense becomes `Unhandled`, with whatever could be read.
            pub(crate) fn from_response(status: u16, headers: &::http::HeaderMap, body: &[u8]) -> Self {
                #body
            }
        }
    }
}

/// Whether error enums hold this error in a `Box`.
fn is_boxed(plan: &Plan, id: &ShapeId) -> bool {
    matches!(
        &plan.ty(id).kind,
        crate::plan::TypeKind::Structure(StructPlan {
            role: crate::plan::StructRole::Error(ErrorPlan { boxed: true, .. }),
            ..
        })
    )
}

fn plan_code(t: &TypePlan) -> String {
    match &t.kind {
        crate::plan::TypeKind::Structure(StructPlan {
            role: crate::plan::StructRole::Error(e),
            ..
        }) => e.code.clone(),
        _ => t.name.clone(),
    }
}

/// The crate-wide `Error`: every error of every operation, so code that
/// calls several operations can use one error type.
pub fn service_error(plan: &Plan) -> TokenStream {
    let name = format_ident!("Error");
    let errors: Vec<ShapeId> = plan.errors().map(|t| t.id.clone()).collect();
    let docs = "Any error of any operation of this crate.";
    let decl = error_enum(plan, &name, docs, &errors);
    let conversions = plan.operations.iter().map(|op| {
        let op_error = format_ident!("{}", op.names.error);
        let module = ident(&op.module);
        let variants: Vec<_> = op
            .errors
            .iter()
            .map(|id| format_ident!("{}", plan.ty(id).name))
            .collect();
        quote! {
            impl ::std::convert::From<crate::operation::#module::#op_error> for Error {
                fn from(error: crate::operation::#module::#op_error) -> Self {
                    use crate::operation::#module::#op_error as E;
                    match error {
                        #(E::#variants(e) => Error::#variants(e),)*
                        E::Unhandled(e) => Error::Unhandled(e),
                    }
                }
            }
        }
    });
    quote! {
        #decl
        #(#conversions)*
    }
}
