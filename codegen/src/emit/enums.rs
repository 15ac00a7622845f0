//! Enums and intEnums: one variant per modelled value plus `Unknown`, which
//! keeps any value a newer service sends, so an older crate never fails on it.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::tokens::{deprecated, doc, ident};
use crate::plan::{EnumVariant, IntEnumVariant, TypePlan};

pub fn string_enum(t: &TypePlan, variants: &[EnumVariant]) -> TokenStream {
    let name = format_ident!("{}", t.name);
    let docs = doc(&t.docs);
    let type_deprecated = deprecated(&t.deprecated);
    let decls = variants.iter().map(|v| {
        let n = ident(&v.name);
        let docs = if v.docs.is_empty() {
            doc(&format!("`{}`", v.value))
        } else {
            doc(&v.docs)
        };
        let deprecated = deprecated(&v.deprecated);
        quote!(#docs #deprecated #n,)
    });
    let names: Vec<_> = variants.iter().map(|v| ident(&v.name)).collect();
    let values: Vec<_> = variants.iter().map(|v| v.value.as_str()).collect();
    let allow = variants
        .iter()
        .any(|v| v.deprecated.is_some())
        .then(|| quote!(#[allow(deprecated)]));
    quote! {
        #docs
        #type_deprecated
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum #name {
            #(#decls)*
            /// A value this version of the crate does not list, kept as received.
            Unknown(crate::primitives::UnknownValue),
        }

        #allow
        impl #name {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#names => #values,)*
                    Self::Unknown(value) => value.as_str(),
                }
            }

            /// Every value the model lists, in model order.
            pub const fn values() -> &'static [&'static str] {
                &[#(#values),*]
            }
        }

        #allow
        impl ::std::convert::From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#values => Self::#names,)*
                    other => Self::Unknown(crate::primitives::UnknownValue::new(other)),
                }
            }
        }

        impl ::std::str::FromStr for #name {
            type Err = ::std::convert::Infallible;

            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                ::std::result::Result::Ok(Self::from(value))
            }
        }

        impl ::std::convert::AsRef<str> for #name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let value = <::std::borrow::Cow<'de, str> as ::serde::Deserialize>::deserialize(deserializer)?;
                ::std::result::Result::Ok(Self::from(value.as_ref()))
            }
        }

        impl crate::protocol::zero::Zero for #name {
            fn zero() -> Self {
                Self::Unknown(::std::default::Default::default())
            }
        }
    }
}

pub fn int_enum(t: &TypePlan, variants: &[IntEnumVariant]) -> TokenStream {
    let name = format_ident!("{}", t.name);
    let docs = doc(&t.docs);
    let type_deprecated = deprecated(&t.deprecated);
    let decls = variants.iter().map(|v| {
        let n = ident(&v.name);
        let docs = if v.docs.is_empty() {
            doc(&format!("`{}`", v.value))
        } else {
            doc(&v.docs)
        };
        let deprecated = deprecated(&v.deprecated);
        quote!(#docs #deprecated #n,)
    });
    let names: Vec<_> = variants.iter().map(|v| ident(&v.name)).collect();
    let values: Vec<_> = variants.iter().map(|v| v.value as i32).collect();
    let allow = variants
        .iter()
        .any(|v| v.deprecated.is_some())
        .then(|| quote!(#[allow(deprecated)]));
    quote! {
        #docs
        #type_deprecated
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum #name {
            #(#decls)*
            /// A value this version of the crate does not list, kept as received.
            Unknown(i32),
        }

        #allow
        impl #name {
            /// The value as sent on the wire.
            pub fn as_i32(&self) -> i32 {
                match self {
                    #(Self::#names => #values,)*
                    Self::Unknown(value) => *value,
                }
            }

            /// Every value the model lists, in model order.
            pub const fn values() -> &'static [i32] {
                &[#(#values),*]
            }
        }

        #allow
        impl ::std::convert::From<i32> for #name {
            fn from(value: i32) -> Self {
                match value {
                    #(#values => Self::#names,)*
                    other => Self::Unknown(other),
                }
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(&self.as_i32(), f)
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_i32(self.as_i32())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                <crate::protocol::json::Integer as crate::protocol::json::DeserializeAs<'de, i32>>::deserialize_as(deserializer).map(Self::from)
            }
        }

        impl crate::protocol::zero::Zero for #name {
            fn zero() -> Self {
                Self::from(0)
            }
        }
    }
}
