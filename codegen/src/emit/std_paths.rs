//! Shortens fully qualified std paths (`::std::option::Option`) to their
//! prelude names (`Option`) wherever that cannot change their meaning.
//!
//! Emitters always write full paths, so a model shape called `Option` or
//! `String` can never capture a std name by accident. But a prelude name
//! can only be shadowed by an item of the same module, and every generated
//! file is its own module that imports nothing by glob: so in a file that
//! defines no item of that name, the short name means exactly the same.
//! The output reads like hand-written Rust.

use std::collections::BTreeSet;

use syn::visit_mut::VisitMut;

/// Full path segments after `::std::`, and the prelude name they become.
const PRELUDE: &[(&[&str], &str)] = &[
    (&["option", "Option", "Some"], "Some"),
    (&["option", "Option", "None"], "None"),
    (&["option", "Option"], "Option"),
    (&["result", "Result", "Ok"], "Ok"),
    (&["result", "Result", "Err"], "Err"),
    (&["result", "Result"], "Result"),
    (&["string", "String"], "String"),
    (&["vec", "Vec"], "Vec"),
    (&["boxed", "Box"], "Box"),
    (&["default", "Default"], "Default"),
    (&["convert", "Into"], "Into"),
    (&["convert", "From"], "From"),
    (&["clone", "Clone"], "Clone"),
    // Prelude macros: `::std::vec![]` becomes `vec![]`.
    (&["vec"], "vec"),
    (&["format"], "format"),
    (&["matches"], "matches"),
];

/// Rewrites the paths of `file`, leaving alone any name the file itself defines.
pub fn shorten(file: &mut syn::File) {
    let mut shortener = Shortener {
        defined: defined_names(&file.items),
    };
    shortener.visit_file_mut(file);
}

/// Names the module's own items take (`struct X`, `fn X`, `use a as X`, ...).
fn defined_names(items: &[syn::Item]) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for item in items {
        let ident = match item {
            syn::Item::Struct(i) => Some(&i.ident),
            syn::Item::Enum(i) => Some(&i.ident),
            syn::Item::Union(i) => Some(&i.ident),
            syn::Item::Trait(i) => Some(&i.ident),
            syn::Item::Type(i) => Some(&i.ident),
            syn::Item::Fn(i) => Some(&i.sig.ident),
            syn::Item::Mod(i) => Some(&i.ident),
            syn::Item::Const(i) => Some(&i.ident),
            syn::Item::Static(i) => Some(&i.ident),
            syn::Item::Macro(i) => i.ident.as_ref(),
            syn::Item::Use(i) => {
                use_names(&i.tree, &mut names);
                None
            }
            _ => None,
        };
        if let Some(ident) = ident {
            names.insert(ident.to_string());
        }
    }
    names
}

fn use_names(tree: &syn::UseTree, into: &mut BTreeSet<String>) {
    match tree {
        syn::UseTree::Path(p) => use_names(&p.tree, into),
        syn::UseTree::Name(n) => {
            into.insert(n.ident.to_string());
        }
        syn::UseTree::Rename(r) => {
            into.insert(r.rename.to_string());
        }
        // A glob could bring in anything: keep every path long.
        syn::UseTree::Glob(_) => {
            into.extend(PRELUDE.iter().map(|(_, short)| short.to_string()));
        }
        syn::UseTree::Group(g) => g.items.iter().for_each(|t| use_names(t, into)),
    }
}

struct Shortener {
    defined: BTreeSet<String>,
}

impl VisitMut for Shortener {
    fn visit_path_mut(&mut self, path: &mut syn::Path) {
        syn::visit_mut::visit_path_mut(self, path);
        if path.leading_colon.is_none()
            || path.segments.len() < 2
            || path.segments[0].ident != "std"
        {
            return;
        }
        // Segments after `std` are compared in place: this runs on every
        // path of every file, so it allocates only when it rewrites.
        let Some((full, short)) = PRELUDE.iter().find(|(full, _)| {
            path.segments.len() > full.len()
                && full
                    .iter()
                    .zip(path.segments.iter().skip(1))
                    .all(|(name, segment)| segment.ident == name)
        }) else {
            return;
        };
        if self.defined.contains(*short) {
            return;
        }
        // Keep what follows the prelude name (`Option::is_none`) and the
        // last replaced segment's generic arguments (`Option<T>`).
        let mut kept: syn::punctuated::Punctuated<_, _> = std::mem::take(&mut path.segments)
            .into_iter()
            .skip(full.len())
            .collect();
        if let Some(first) = kept.first_mut() {
            first.ident = syn::Ident::new(short, first.ident.span());
        }
        path.leading_colon = None;
        path.segments = kept;
    }
}

#[cfg(test)]
mod tests {
    use quote::quote;

    fn shortened(tokens: proc_macro2::TokenStream) -> String {
        let mut file: syn::File = syn::parse2(tokens).unwrap();
        super::shorten(&mut file);
        prettyplease::unparse(&file)
    }

    fn formatted(tokens: proc_macro2::TokenStream) -> String {
        prettyplease::unparse(&syn::parse2(tokens).unwrap())
    }

    #[test]
    fn shortens_prelude_paths() {
        let tokens = quote! {
            struct A { x: ::std::option::Option<::std::string::String>, y: ::std::collections::HashMap<u8, u8> }
            fn f() -> ::std::result::Result<(), ()> { ::std::result::Result::Ok(()) }
            fn g() -> ::std::vec::Vec<u8> { ::std::vec![1] }
        };
        let expected = quote! {
            struct A { x: Option<String>, y: ::std::collections::HashMap<u8, u8> }
            fn f() -> Result<(), ()> { Ok(()) }
            fn g() -> Vec<u8> { vec![1] }
        };
        assert_eq!(shortened(tokens), formatted(expected));
    }

    #[test]
    fn keeps_paths_a_file_shadows() {
        let tokens = quote! {
            pub struct Option { inner: ::std::option::Option<u8>, s: ::std::string::String }
        };
        let expected = quote! {
            pub struct Option { inner: ::std::option::Option<u8>, s: String }
        };
        assert_eq!(shortened(tokens), formatted(expected));
        let aliased =
            quote! { pub use crate::types::Thing as String; fn f(_: ::std::string::String) {} };
        assert_eq!(shortened(aliased.clone()), formatted(aliased));
    }
}
