//! Dispatches a planned type to the emitter of its kind.

use proc_macro2::TokenStream;

use crate::plan::{Plan, StructRole, TypeKind, TypePlan};

pub fn type_item(plan: &Plan, t: &TypePlan) -> TokenStream {
    match &t.kind {
        TypeKind::Structure(s) => {
            let mut tokens = super::structure::structure(plan, t, s);
            if let StructRole::Error(e) = &s.role {
                tokens.extend(super::errors::error_impls(t, s, e));
            }
            tokens.extend(super::validate::structure(plan, t, s));
            tokens
        }
        TypeKind::Enum(variants) => super::enums::string_enum(t, variants),
        TypeKind::IntEnum(variants) => super::enums::int_enum(t, variants),
        TypeKind::Union(variants) => {
            let mut tokens = super::union::union(plan, t, variants);
            tokens.extend(super::validate::union(plan, t, variants));
            tokens
        }
    }
}
