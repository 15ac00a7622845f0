//! Boxing by size: an estimate of how many bytes each generated type takes
//! inline, and the two decisions it drives. Clippy rejects a `Result` whose
//! error is large (`result_large_err`: every operation's `response`
//! returns its error enum) and an enum whose variants differ much in size
//! (`large_enum_variant`). Both are right that the cost is real: every
//! `Result` moves the largest variant around. So the plan boxes:
//!
//! - an error structure larger than [`MAX_INLINE_ERROR`] wherever an error
//!   enum (an operation's, or the crate-wide `Error`) holds it. Most errors
//!   are a message and metadata (32 bytes) and stay inline; those with
//!   several extra members (quota codes, resource ids) are boxed;
//! - a union variant larger than [`MAX_INLINE_VARIANT`], so that no two
//!   variants differ by the 200 bytes Clippy allows.
//!
//! The estimate follows Rust's layout on 64-bit targets closely enough for
//! that purpose (it may overshoot: padding is counted generously), and it
//! is computed without recursion: structures may nest thousands deep.

use std::collections::BTreeMap;

use crate::model::ShapeId;
use crate::plan::{Plan, RustType, StructRole, TypeKind};

/// Error structures larger than this are boxed in error enums.
pub const MAX_INLINE_ERROR: usize = 64;

/// Union variants larger than this are boxed.
pub const MAX_INLINE_VARIANT: usize = 128;

/// Marks large error structures (`ErrorPlan::boxed`) and large union
/// variants (`UnionVariant::boxed`) in `plan`.
pub fn box_large(plan: &mut Plan) {
    let sizes = estimate_all(plan);
    let size_of = |ty: &RustType| inline_size(ty, &sizes);
    let mut variants: Vec<(ShapeId, usize)> = Vec::new();
    let mut errors: Vec<ShapeId> = Vec::new();
    for (id, t) in &plan.types {
        match &t.kind {
            TypeKind::Union(vs) => {
                for (i, v) in vs.iter().enumerate() {
                    if !v.boxed && v.ty.as_ref().map_or(0, size_of) > MAX_INLINE_VARIANT {
                        variants.push((id.clone(), i));
                    }
                }
            }
            TypeKind::Structure(s)
                if matches!(s.role, StructRole::Error(_))
                    && sizes.get(id).copied().unwrap_or(0) > MAX_INLINE_ERROR =>
            {
                errors.push(id.clone());
            }
            _ => {}
        }
    }
    for (id, i) in variants {
        if let Some(TypeKind::Union(vs)) = plan.types.get_mut(&id).map(|t| &mut t.kind) {
            vs[i].boxed = true;
        }
    }
    for id in errors {
        if let Some(TypeKind::Structure(s)) = plan.types.get_mut(&id).map(|t| &mut t.kind) {
            if let StructRole::Error(e) = &mut s.role {
                e.boxed = true;
            }
        }
    }
}

/// The estimated size of every structure and union of the plan, each
/// computed after the types it holds inline (depth first, by a stack).
fn estimate_all(plan: &Plan) -> BTreeMap<ShapeId, usize> {
    let mut sizes: BTreeMap<ShapeId, usize> = BTreeMap::new();
    for root in plan.types.keys() {
        let mut stack = vec![(root, false)];
        while let Some((id, leaving)) = stack.pop() {
            if sizes.contains_key(id) {
                continue;
            }
            let Some(t) = plan.types.get(id) else {
                continue;
            };
            // (type, boxed) of everything the type holds.
            let held: Vec<(&RustType, bool)> = match &t.kind {
                TypeKind::Structure(s) => s.fields.iter().map(|f| (&f.ty, f.boxed)).collect(),
                TypeKind::Union(vs) => vs
                    .iter()
                    .filter_map(|v| v.ty.as_ref().map(|ty| (ty, v.boxed)))
                    .collect(),
                TypeKind::Enum(_) | TypeKind::IntEnum(_) => Vec::new(),
            };
            if !leaving {
                stack.push((id, true));
                for (ty, boxed) in &held {
                    if let (RustType::Named(inner), false) = (ty, boxed) {
                        if !sizes.contains_key(inner) {
                            stack.push((inner, false));
                        }
                    }
                }
                continue;
            }
            let size = match &t.kind {
                TypeKind::Structure(s) => {
                    let fields: usize = s
                        .fields
                        .iter()
                        .map(|f| {
                            let inner = if f.boxed {
                                8
                            } else {
                                inline_size(&f.ty, &sizes)
                            };
                            if f.optional {
                                optional(&f.ty, f.boxed, inner)
                            } else {
                                inner
                            }
                        })
                        .sum();
                    // Error structures carry their metadata (a boxed pointer).
                    let meta = if matches!(s.role, StructRole::Error(_)) {
                        8
                    } else {
                        0
                    };
                    round8(fields + meta)
                }
                TypeKind::Union(vs) => {
                    let largest = vs
                        .iter()
                        .map(|v| match (&v.ty, v.boxed) {
                            (None, _) => 0,
                            (Some(_), true) => 8,
                            (Some(ty), false) => inline_size(ty, &sizes),
                        })
                        .max()
                        .unwrap_or(0);
                    // The variant tag, and `Unknown` beside them.
                    round8(largest.max(24) + 8)
                }
                // `Unknown(UnknownValue)` holds a `String`.
                TypeKind::Enum(_) => 24,
                TypeKind::IntEnum(_) => 16,
            };
            sizes.insert(id.clone(), size);
        }
    }
    sizes
}

/// The bytes a value of `ty` takes inline, by the sizes known so far.
fn inline_size(ty: &RustType, sizes: &BTreeMap<ShapeId, usize>) -> usize {
    match ty {
        RustType::Bool | RustType::I8 => 1,
        RustType::I16 => 2,
        RustType::I32 | RustType::F32 => 4,
        RustType::I64 | RustType::F64 => 8,
        RustType::Timestamp(_) => 16,
        RustType::String
        | RustType::BigInteger
        | RustType::BigDecimal
        | RustType::Blob
        | RustType::List { .. } => 24,
        RustType::Document => 32,
        RustType::Map { .. } => 48,
        RustType::Named(id) => sizes.get(id).copied().unwrap_or(24),
    }
}

/// `Option<T>` of a `T` of `inner` bytes: free for pointer-like types
/// (their niche holds `None`), a word more for the rest.
fn optional(ty: &RustType, boxed: bool, inner: usize) -> usize {
    let niche = boxed
        || matches!(
            ty,
            RustType::String
                | RustType::BigInteger
                | RustType::BigDecimal
                | RustType::Blob
                | RustType::List { .. }
                | RustType::Map { .. }
        );
    if niche {
        inner
    } else {
        round8(inner + 1)
    }
}

fn round8(n: usize) -> usize {
    n.div_ceil(8) * 8
}
