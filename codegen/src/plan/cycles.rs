//! Cycle breaking: which structure and union fields must be boxed.

use std::collections::BTreeMap;

use super::*;
use crate::model::graph::strongly_connected;
use crate::model::ShapeId;

/// Marks every structure or union reference that closes a cycle without a
/// `Vec` or `HashMap` in between: those fields must be boxed or the type
/// would have infinite size.
pub(super) fn box_cycles(plan: &mut Plan) {
    let direct: BTreeMap<ShapeId, Vec<ShapeId>> = plan
        .types
        .iter()
        .map(|(id, t)| {
            let targets = match &t.kind {
                TypeKind::Structure(s) => s
                    .fields
                    .iter()
                    .filter_map(|f| named(&f.ty))
                    .cloned()
                    .collect(),
                TypeKind::Union(vs) => vs
                    .iter()
                    .filter_map(|v| v.ty.as_ref().and_then(named))
                    .cloned()
                    .collect(),
                _ => Vec::new(),
            };
            (id.clone(), targets)
        })
        .collect();
    // A reference from `id` to `t` closes a cycle exactly when `t` reaches
    // `id` back, that is when both are in one strongly connected component
    // (one pass over the graph, where a search per reference is quadratic
    // in a long chain).
    let position: BTreeMap<&ShapeId, usize> =
        direct.keys().enumerate().map(|(i, id)| (id, i)).collect();
    let edges: Vec<Vec<usize>> = direct
        .values()
        .map(|targets| {
            targets
                .iter()
                .filter_map(|t| position.get(t).copied())
                .collect()
        })
        .collect();
    let component = strongly_connected(&edges);
    let component_of = |id: &ShapeId| position.get(id).map(|&i| component[i]);
    let reaches = |from: &ShapeId, to: &ShapeId| -> bool {
        from == to || (component_of(from).is_some() && component_of(from) == component_of(to))
    };
    let ids: Vec<ShapeId> = plan.types.keys().cloned().collect();
    for id in ids {
        let mut decisions = Vec::new();
        match &plan.types[&id].kind {
            TypeKind::Structure(s) => {
                for f in &s.fields {
                    decisions.push(named(&f.ty).is_some_and(|t| reaches(t, &id)));
                }
            }
            TypeKind::Union(vs) => {
                for v in vs {
                    decisions.push(
                        v.ty.as_ref()
                            .and_then(named)
                            .is_some_and(|t| reaches(t, &id)),
                    );
                }
            }
            _ => {}
        }
        match &mut plan.types.get_mut(&id).expect("listed above").kind {
            TypeKind::Structure(s) => s
                .fields
                .iter_mut()
                .zip(decisions)
                .for_each(|(f, b)| f.boxed = b),
            TypeKind::Union(vs) => vs.iter_mut().zip(decisions).for_each(|(v, b)| v.boxed = b),
            _ => {}
        }
    }
}

fn named(ty: &RustType) -> Option<&ShapeId> {
    match ty {
        RustType::Named(id) => Some(id),
        _ => None,
    }
}
