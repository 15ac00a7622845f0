//! A member's setter family, the same on a structure's builder and on an
//! operation's fluent builder: the setter (an adder for lists and maps),
//! `set_<member>` to set or clear, `get_<member>` to read back. The fluent
//! builder's methods delegate to the input builder it wraps.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::tokens::{deprecated, doc, first_paragraph, ident, rust_type, sparse_item, wrap};
use crate::naming;
use crate::plan::{fixed_names, FieldPlan, Plan, RustType};

/// Which builder the methods are for.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Receiver {
    /// A structure's builder, holding the fields.
    Builder,
    /// A fluent builder, holding the input's builder in `inner`.
    Fluent,
}

/// The setter, `set_` and `get_` methods of `f`. The setter's name is the
/// plan's (`f.setter`), which differs from the field's when the builders
/// have a method of that name; its docs then say so.
pub fn setter_family(plan: &Plan, f: &FieldPlan, receiver: Receiver) -> TokenStream {
    let n = ident(&f.name);
    let setter = ident(&f.setter);
    let renamed = renamed_note(f);
    let set = format_ident!("{}", f.set);
    let get = format_ident!("{}", f.get);
    let deprecated = deprecated(&f.deprecated);
    // The fluent builder's delegation touches the deprecated member itself.
    let allow = (receiver == Receiver::Fluent && f.deprecated.is_some())
        .then(|| quote!(#[allow(deprecated)]));
    // See `OPERATOR_METHODS`: only the setter has an operator's shape.
    let operator = fixed_names::OPERATOR_METHODS
        .contains(&naming::plain(&f.setter))
        .then(|| quote!(#[allow(clippy::should_implement_trait)]));
    let attrs = quote!(#deprecated #allow);
    let full = wrap(rust_type(plan, &f.ty), f.boxed, false);
    let fluent = receiver == Receiver::Fluent;
    let adder = match &f.ty {
        RustType::List { item, sparse } => {
            let item_ty = sparse_item(rust_type(plan, item), *sparse);
            let docs = doc(&format!("Appends one item to `{}`.{renamed}", f.member));
            let body = if fluent {
                quote!(self.inner = self.inner.#setter(item);)
            } else {
                quote!(self.#n.get_or_insert_with(::std::default::Default::default).push(item.into());)
            };
            quote! {
                #docs
                #attrs
                #operator
                pub fn #setter(mut self, item: impl ::std::convert::Into<#item_ty>) -> Self {
                    #body
                    self
                }
            }
        }
        RustType::Map { key, value, sparse } => {
            let key_ty = rust_type(plan, key);
            let value_ty = sparse_item(rust_type(plan, value), *sparse);
            let docs = doc(&format!("Adds one entry to `{}`.{renamed}", f.member));
            let body = if fluent {
                quote!(self.inner = self.inner.#setter(key, value);)
            } else {
                quote!(self.#n.get_or_insert_with(::std::default::Default::default).insert(key.into(), value.into());)
            };
            quote! {
                #docs
                #attrs
                #operator
                pub fn #setter(
                    mut self,
                    key: impl ::std::convert::Into<#key_ty>,
                    value: impl ::std::convert::Into<#value_ty>,
                ) -> Self {
                    #body
                    self
                }
            }
        }
        _ => {
            let inner = rust_type(plan, &f.ty);
            let (docs, body) = if fluent {
                let docs = first_paragraph(&f.docs, &format!("Sets `{}`.", f.member));
                (docs, quote!(self.inner = self.inner.#setter(input);))
            } else {
                let v = if f.boxed {
                    quote!(::std::boxed::Box::new(input.into()))
                } else {
                    quote!(input.into())
                };
                (
                    f.docs.clone(),
                    quote!(self.#n = ::std::option::Option::Some(#v);),
                )
            };
            let docs = doc(&format!("{docs}{renamed}"));
            quote! {
                #docs
                #attrs
                #operator
                pub fn #setter(mut self, input: impl ::std::convert::Into<#inner>) -> Self {
                    #body
                    self
                }
            }
        }
    };
    let (set_body, get_body) = if fluent {
        (
            quote!(self.inner = self.inner.#set(input);),
            quote!(self.inner.#get()),
        )
    } else {
        (quote!(self.#n = input;), quote!(&self.#n))
    };
    let set_doc = doc(&format!("Sets or clears `{}`.", f.member));
    let get_doc = doc(&format!("The value of `{}` set so far.", f.member));
    quote! {
        #adder
        #set_doc
        #attrs
        pub fn #set(mut self, input: ::std::option::Option<#full>) -> Self {
            #set_body
            self
        }
        #get_doc
        #attrs
        pub fn #get(&self) -> &::std::option::Option<#full> {
            #get_body
        }
    }
}

/// For a setter whose name is not the field's: a paragraph saying why.
fn renamed_note(f: &FieldPlan) -> String {
    let setter = naming::plain(&f.setter);
    if setter == f.plain {
        return String::new();
    }
    format!(
        "\n\nNamed `{setter}`, not `{plain}`, because the builders of this structure (its own \
         and, for an operation's input, the client's fluent builder) have a method `{plain}` of \
         their own; the field is `{plain}`, and [`{set}`](Self::{set}) and [`{get}`](Self::{get}) \
         keep the member's name.",
        plain = f.plain,
        set = f.set,
        get = f.get
    )
}
