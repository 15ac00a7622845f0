//! Structures: the struct with its serde mapping, a redacting `Debug`, the
//! zero value for error correction, and a builder.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::setters::{setter_family, Receiver};
use super::tokens::{
    adapter, adapter_reads_only, deprecated, doc, ident, response_metadata_field, rust_type, wrap,
    REDACTED,
};
use super::values::{value, Source};
use crate::plan::{FieldPlan, Plan, StructPlan, StructRole, TypePlan};

pub fn structure(plan: &Plan, t: &TypePlan, s: &StructPlan) -> TokenStream {
    let name = format_ident!("{}", t.name);
    let docs = doc(&t.docs);
    let deprecated = deprecated(&t.deprecated);
    let is_error = matches!(s.role, StructRole::Error(_));
    let fields = s.fields.iter().map(|f| field(plan, &t.name, f, is_error));
    let meta_field = is_error.then(|| {
        quote! {
            #[serde(skip)]
            pub(crate) meta: crate::error::ErrorMetadata,
        }
    });
    let defaults: Vec<_> = s
        .fields
        .iter()
        .filter_map(|f| default_fns(plan, &t.name, f))
        .collect();
    let defaults = (!defaults.is_empty()).then(|| {
        quote! {
            /// The model's `@default` values, and how `null` reads for those members.
            impl #name {
                #(#defaults)*
            }
        }
    });
    // Operation outputs carry the client's response metadata.
    let (client_field, client_init) = s
        .carries_response_metadata
        .then(response_metadata_field)
        .unzip();
    // A derived `Debug` says the same as a written one, unless a member must
    // be redacted or the client's metadata field must stay out of it.
    let derive_debug = client_field.is_none() && !has_secrets(s);
    let debug = (!derive_debug).then(|| debug_impl(&name, &s.fields, is_error));
    let debug_derive = derive_debug.then(|| quote!(Debug,));
    let zero_fields = s.fields.iter().map(|f| {
        let n = ident(&f.name);
        quote!(#n: crate::protocol::zero())
    });
    let zero_meta = is_error.then(|| quote!(meta: ::std::default::Default::default(),));
    let builder = builder(plan, t, s);
    let builder_name = format_ident!("{}", s.builder);
    let builder_doc =
        super::tokens::doc(&format!("Starts a [`{}`] with every member unset.", t.name));
    quote! {
        #docs
        #deprecated
        #[derive(Clone, #debug_derive PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
            #meta_field
            #client_field
        }

        impl #name {
            #builder_doc
            pub fn builder() -> #builder_name {
                #builder_name::default()
            }
        }

        #debug

        impl crate::protocol::zero::Zero for #name {
            fn zero() -> Self {
                Self { #(#zero_fields,)* #zero_meta #client_init }
            }
        }

        #defaults

        #builder
    }
}

fn field(plan: &Plan, owner: &str, f: &FieldPlan, is_error: bool) -> TokenStream {
    let docs = doc(&f.docs);
    let deprecated = deprecated(&f.deprecated);
    let name = ident(&f.name);
    let ty = wrap(rust_type(plan, &f.ty), f.boxed, f.optional);
    let member = &f.member;
    // Error messages arrive under any of these keys, whatever the model calls the member.
    let aliases = (is_error && f.member.eq_ignore_ascii_case("message")).then(|| {
        let others = ["message", "Message", "errorMessage"]
            .into_iter()
            .filter(|a| *a != f.member);
        quote!(#(#[serde(alias = #others)])*)
    });
    // One `#[serde(...)]` per field: the wire name, then what happens when
    // the member is missing or `null` (None, the model's default, or the
    // zero value of client error correction), then the adapter if any.
    let with = field_adapter(f).map(|a| {
        let text = format!(
            "crate::protocol::json::As::<{}>",
            a.to_string().replace(' ', "")
        );
        quote!(, with = #text)
    });
    let serde = if f.optional {
        let is_none = if option_is_shadowed(plan) {
            "::std::option::Option::is_none"
        } else {
            "Option::is_none"
        };
        quote!(#[serde(rename = #member, default, skip_serializing_if = #is_none #with)])
    } else if let Some(fns) = &f.default_fns {
        let default = format!("{owner}::{}", fns.value);
        let read = format!("{owner}::{}", fns.deserialize);
        let write = adapter(&f.ty)
            .filter(|_| !adapter_reads_only(&f.ty))
            .map(|_| {
                let write = format!("{owner}::{}", fns.serialize);
                quote!(, serialize_with = #write)
            });
        quote!(#[serde(rename = #member, default = #default, deserialize_with = #read #write)])
    } else if adapter(&f.ty).is_none() && !f.boxed {
        // `OrZero<Same>` writes the value as its own `Serialize` would: only
        // reading needs it, and a `with` would also make serde emit a
        // writing wrapper for every such field, code the compiler builds
        // for nothing.
        let read = "crate::protocol::json::As::<crate::protocol::json::OrZero<crate::protocol::json::Same>>::deserialize";
        quote!(#[serde(rename = #member, default = "crate::protocol::zero", deserialize_with = #read)])
    } else {
        quote!(#[serde(rename = #member, default = "crate::protocol::zero" #with)])
    };
    quote! {
        #docs
        #deprecated
        #serde
        #aliases
        pub #name: #ty,
    }
}

/// The adapter of a field (see `protocol/json.rs` in the crate), if it needs one: the type's own
/// adapter, and for required members `OrZero`, since `null` means absent
/// and absent means the zero value. Members with a model default read
/// through their own functions instead (see [`default_fns`]).
fn field_adapter(f: &FieldPlan) -> Option<TokenStream> {
    if f.optional {
        return adapter(&f.ty).map(|a| wrap(a, f.boxed, true));
    }
    if f.default.is_some() {
        return None;
    }
    let inner = adapter(&f.ty).unwrap_or_else(|| quote!(crate::protocol::json::Same));
    let inner = wrap(inner, f.boxed, false);
    Some(quote!(crate::protocol::json::OrZero<#inner>))
}

/// Whether some generated item is called `Option`, which would make the
/// short `Option::is_none` in serde's string attributes mean the wrong thing
/// in that item's file. (Paths in code are shortened per file, see
/// `std_paths`; strings are not paths, so they are decided here.)
fn option_is_shadowed(plan: &Plan) -> bool {
    plan.option_shadowed
}

/// For a member with a model `@default`: the function giving it, and the
/// one reading it, where `null` also means the default. With a value
/// adapter (floats, formatted timestamps, lists) a writer goes with them.
fn default_fns(plan: &Plan, owner: &str, f: &FieldPlan) -> Option<TokenStream> {
    if f.optional {
        return None;
    }
    let d = f.default.as_ref()?;
    let fns = f.default_fns.as_ref()?;
    let name = format_ident!("{}", fns.value);
    let read = format_ident!("{}", fns.deserialize);
    let ty = wrap(rust_type(plan, &f.ty), f.boxed, false);
    let v = value(plan, &f.ty, d, Source::Default);
    let v = if f.boxed {
        quote!(::std::boxed::Box::new(#v))
    } else {
        v
    };
    let default_doc = doc(&format!("The model's default for `{owner}.{}`.", f.member));
    let adapter = adapter(&f.ty).map(|a| wrap(a, f.boxed, false));
    let (read_body, write) = match &adapter {
        Some(a) => {
            let write = format_ident!("{}", fns.serialize);
            let write = (!adapter_reads_only(&f.ty)).then(|| {
                quote! {
                    fn #write<S: ::serde::Serializer>(value: &#ty, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                        ::serde::Serialize::serialize(&crate::protocol::json::SerializeAsWrap::<#ty, #a>::new(value), serializer)
                    }
                }
            });
            let read = quote! {
                let value: ::std::option::Option<crate::protocol::json::DeserializeAsWrap<#ty, #a>> =
                    ::serde::Deserialize::deserialize(deserializer)?;
                ::std::result::Result::Ok(value.map_or_else(Self::#name, crate::protocol::json::DeserializeAsWrap::into_inner))
            };
            (read, write)
        }
        None => (
            quote! {
                let value: ::std::option::Option<#ty> = ::serde::Deserialize::deserialize(deserializer)?;
                ::std::result::Result::Ok(value.unwrap_or_else(Self::#name))
            },
            None,
        ),
    };
    Some(quote! {
        #default_doc
        fn #name() -> #ty {
            #v
        }

        fn #read<'de, D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<#ty, D::Error> {
            #read_body
        }

        #write
    })
}

/// Whether any member is `@sensitive`, so `Debug` must be written to redact it.
fn has_secrets(s: &StructPlan) -> bool {
    s.fields.iter().any(|f| f.sensitive)
}

/// `Debug` that prints the redaction marker for every sensitive member, so
/// logging a value can never leak a password, a token or a session.
pub fn debug_impl(name: &proc_macro2::Ident, fields: &[FieldPlan], is_error: bool) -> TokenStream {
    let label = name.to_string();
    let entries = fields.iter().map(|f| {
        let n = ident(&f.name);
        let key = f.plain.as_str();
        if f.sensitive {
            quote!(.field(#key, &#REDACTED))
        } else {
            quote!(.field(#key, &self.#n))
        }
    });
    let meta = is_error.then(|| quote!(.field("meta", &self.meta)));
    quote! {
        impl ::std::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(#label)
                    #(#entries)*
                    #meta
                    .finish()
            }
        }
    }
}

fn builder(plan: &Plan, t: &TypePlan, s: &StructPlan) -> TokenStream {
    let target = format_ident!("{}", t.name);
    let name = format_ident!("{}", s.builder);
    let is_error = matches!(s.role, StructRole::Error(_));
    let doc_text = super::tokens::doc(&format!(
        "Builds a [`{}`]; see [`{}::builder`].",
        t.name, t.name
    ));
    let fields = s.fields.iter().map(|f| {
        let n = ident(&f.name);
        let ty = wrap(rust_type(plan, &f.ty), f.boxed, true);
        quote!(pub(crate) #n: #ty,)
    });
    let meta_field = is_error.then(|| quote!(pub(crate) meta: crate::error::ErrorMetadata,));
    let setters = s
        .fields
        .iter()
        .map(|f| setter_family(plan, f, Receiver::Builder));
    let meta_setter = is_error.then(|| {
        quote! {
            /// Sets the error metadata (code, message, request id, status).
            pub fn meta(mut self, meta: crate::error::ErrorMetadata) -> Self {
                self.meta = meta;
                self
            }
        }
    });
    let missing: Vec<_> = s.fields.iter().filter(|f| f.checked_by_build()).collect();
    let assignments = s.fields.iter().map(|f| {
        let n = ident(&f.name);
        if f.optional {
            quote!(#n: self.#n)
        } else if let Some(fns) = &f.default_fns {
            let d = format_ident!("{}", fns.value);
            quote!(#n: self.#n.unwrap_or_else(#target::#d))
        } else {
            // Checked as present just above.
            quote!(#n: self.#n.unwrap_or_else(crate::protocol::zero))
        }
    });
    let meta_assignment = is_error.then(|| quote!(meta: self.meta,));
    let client_init = s
        .carries_response_metadata
        .then(|| response_metadata_field().1);
    let derive_debug = !has_secrets(s);
    let debug = (!derive_debug).then(|| debug_impl(&name, &s.fields, is_error));
    let debug_derive = derive_debug.then(|| quote!(Debug,));
    let build = if missing.is_empty() {
        let doc = super::tokens::doc(&format!("Builds the [`{}`].", t.name));
        quote! {
            #doc
            pub fn build(self) -> #target {
                #target { #(#assignments,)* #meta_assignment #client_init }
            }
        }
    } else {
        let doc = super::tokens::doc(&format!(
            "Builds the [`{}`], or names every required member that is not set.",
            t.name
        ));
        let checks = missing.iter().map(|f| {
            let n = ident(&f.name);
            let member = &f.member;
            quote! {
                if self.#n.is_none() {
                    missing.push(#member);
                }
            }
        });
        let type_name = &t.name;
        quote! {
            #doc
            pub fn build(self) -> ::std::result::Result<#target, crate::error::BuildError> {
                let mut missing = ::std::vec::Vec::new();
                #(#checks)*
                if !missing.is_empty() {
                    return ::std::result::Result::Err(crate::error::BuildError::missing(#type_name, missing));
                }
                ::std::result::Result::Ok(#target { #(#assignments,)* #meta_assignment #client_init })
            }
        }
    };
    quote! {
        #doc_text
        #[derive(Clone, #debug_derive Default, PartialEq)]
        pub struct #name {
            #(#fields)*
            #meta_field
        }

        impl #name {
            #(#setters)*
            #meta_setter
            #build
        }

        #debug
    }
}
