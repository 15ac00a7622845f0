//! Unions: exactly one member is set. On the wire a union is an object with
//! one key; keys this crate does not know become `Unknown`, and `__type`
//! and `null` members are ignored, as the protocol requires.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::tokens::{
    adapter, adapter_reads_only, deprecated, doc, ident, rust_type, wrap, REDACTED,
};
use crate::plan::{Plan, TypePlan, UnionVariant};

pub fn union(plan: &Plan, t: &TypePlan, variants: &[UnionVariant]) -> TokenStream {
    let name = format_ident!("{}", t.name);
    let label = t.name.as_str();
    let docs = doc(&t.docs);
    let type_deprecated = deprecated(&t.deprecated);
    let decls = variants.iter().map(|v| {
        let n = ident(&v.name);
        let docs = doc(&v.docs);
        let deprecated = deprecated(&v.deprecated);
        match &v.ty {
            None => quote!(#docs #deprecated #n,),
            Some(ty) => {
                let ty = wrap(rust_type(plan, ty), v.boxed, false);
                quote!(#docs #deprecated #n(#ty),)
            }
        }
    });
    let debug_arms = variants.iter().map(|v| {
        let n = ident(&v.name);
        let key = v.name.as_str();
        match (&v.ty, v.sensitive) {
            (None, _) => quote!(Self::#n => f.write_str(#key),),
            (Some(_), true) => {
                quote!(Self::#n(_) => f.debug_tuple(#key).field(&#REDACTED).finish(),)
            }
            (Some(_), false) => {
                quote!(Self::#n(value) => f.debug_tuple(#key).field(value).finish(),)
            }
        }
    });
    let serialize_arms = variants.iter().map(|v| {
        let n = ident(&v.name);
        let member = v.member.as_str();
        match &v.ty {
            None => {
                quote!(Self::#n => map.serialize_entry(#member, &crate::protocol::json::Unit)?,)
            }
            Some(ty) => {
                // Integers are written as serde writes them; their adapter only reads.
                let value = match adapter(ty).filter(|_| !adapter_reads_only(ty)) {
                    Some(a) => {
                        let rust = wrap(rust_type(plan, ty), v.boxed, false);
                        let a = wrap(a, v.boxed, false);
                        quote!(&crate::protocol::json::SerializeAsWrap::<#rust, #a>::new(value))
                    }
                    None => quote!(value),
                };
                quote!(Self::#n(value) => map.serialize_entry(#member, #value)?,)
            }
        }
    });
    let deserialize_arms = variants.iter().map(|v| {
        let n = ident(&v.name);
        let member = v.member.as_str();
        match &v.ty {
            None => quote! {
                #member => {
                    if map.next_value::<::std::option::Option<::serde::de::IgnoredAny>>()?.is_some() {
                        found.push(#name::#n);
                    }
                }
            },
            Some(ty) => {
                let rust = wrap(rust_type(plan, ty), v.boxed, false);
                let read = match adapter(ty) {
                    Some(a) => {
                        let a = wrap(a, v.boxed, false);
                        quote! {
                            map.next_value::<::std::option::Option<crate::protocol::json::DeserializeAsWrap<#rust, #a>>>()?
                                .map(crate::protocol::json::DeserializeAsWrap::into_inner)
                        }
                    }
                    None => quote!(map.next_value::<::std::option::Option<#rust>>()?),
                };
                quote! {
                    #member => {
                        if let ::std::option::Option::Some(value) = #read {
                            found.push(#name::#n(value));
                        }
                    }
                }
            }
        }
    });
    let expecting = format!("a {label} union with exactly one member set");
    let allow = variants
        .iter()
        .any(|v| v.deprecated.is_some())
        .then(|| quote!(#[allow(deprecated)]));
    quote! {
        #docs
        #type_deprecated
        #[derive(Clone, PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #(#decls)*
            /// A member this version of the crate does not know; it holds the member's name.
            /// It cannot be sent back.
            Unknown(::std::string::String),
        }

        #allow
        impl ::std::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    #(#debug_arms)*
                    Self::Unknown(member) => f.debug_tuple("Unknown").field(member).finish(),
                }
            }
        }

        #allow
        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                use ::serde::ser::SerializeMap as _;
                let mut map = serializer.serialize_map(::std::option::Option::Some(1))?;
                match self {
                    #(#serialize_arms)*
                    Self::Unknown(member) => {
                        return ::std::result::Result::Err(<S::Error as ::serde::ser::Error>::custom(
                            ::std::format!("cannot send the unknown {} member `{member}`", #label),
                        ))
                    }
                }
                map.end()
            }
        }

        #allow
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                struct Members;
                impl<'de> ::serde::de::Visitor<'de> for Members {
                    type Value = #name;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(#expecting)
                    }
                    fn visit_map<M: ::serde::de::MapAccess<'de>>(self, mut map: M) -> ::std::result::Result<#name, M::Error> {
                        let mut found = ::std::vec::Vec::with_capacity(1);
                        while let ::std::option::Option::Some(key) = map.next_key::<::std::borrow::Cow<'de, str>>()? {
                            match key.as_ref() {
                                #(#deserialize_arms)*
                                "__type" => {
                                    map.next_value::<::serde::de::IgnoredAny>()?;
                                }
                                other => {
                                    if map.next_value::<::std::option::Option<::serde::de::IgnoredAny>>()?.is_some() {
                                        found.push(#name::Unknown(other.to_owned()));
                                    }
                                }
                            }
                        }
                        crate::protocol::json::one_union_member(found, #label)
                    }
                }
                deserializer.deserialize_map(Members)
            }
        }

        impl crate::protocol::zero::Zero for #name {
            fn zero() -> Self {
                Self::Unknown(::std::string::String::new())
            }
        }
    }
}
