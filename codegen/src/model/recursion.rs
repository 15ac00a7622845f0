//! The limits the Smithy specification puts on recursive shapes. Without
//! them a type could never hold a finite value (a list of itself, a
//! structure that requires itself), and the generator, which follows
//! member targets, could recurse without end.

use std::collections::{BTreeMap, BTreeSet};

use super::graph::children_first;
use super::{Model, Shape, ShapeId, ShapeKind};
use crate::error::{Error, Result};

/// A list or map may contain itself only through a structure or union.
pub fn collections(model: &Model) -> Result<()> {
    let is_collection =
        |shape: &Shape| matches!(shape.kind, ShapeKind::List(_) | ShapeKind::Map { .. });
    // Edges only between lists and maps: a structure or union on the path
    // ends the walk, because it is where the recursion may stop.
    let walk = children_first(model, |shape| {
        if !is_collection(shape) {
            return Vec::new();
        }
        let members = shape.kind.members().into_iter().map(|m| &m.target);
        members
            .filter(|t| model.shape(t).is_some_and(is_collection))
            .collect()
    });
    match walk {
        Ok(_) => Ok(()),
        Err(cycle) => {
            let path: Vec<String> = cycle.iter().map(|id| id.to_string()).collect();
            Err(Error::model(
                model.origin(cycle[0]),
                cycle[0].to_string(),
                format!(
                    "contains itself through lists and maps only ({}): recursion must pass through a structure or union",
                    path.join(" -> ")
                ),
            ))
        }
    }
}

/// Every structure and union can hold a finite value: a structure when all
/// its required members (without a default) can, a union when one of its
/// members can. Lists and maps can always be empty, and simple shapes are
/// finite, so only structures and unions can fail. Computed from the finite
/// shapes outwards: each shape counts the required members it still waits
/// for, so every member is looked at once (a fixed point recomputed over
/// all shapes would take a pass per link of a long chain).
pub fn finite_values(model: &Model) -> Result<()> {
    let aggregates: Vec<&Shape> = model
        .shapes()
        .filter(|s| {
            matches!(s.kind, ShapeKind::Structure(_) | ShapeKind::Union(_)) && !s.traits.is_mixin()
        })
        .collect();
    // Targets that are structures or unions (mixins included, which never
    // become finite) are the ones a shape may have to wait for.
    let is_aggregate = |id: &ShapeId| {
        model
            .shape(id)
            .is_some_and(|s| matches!(s.kind, ShapeKind::Structure(_) | ShapeKind::Union(_)))
    };
    let mut finite: BTreeSet<&ShapeId> = BTreeSet::new();
    // How many members each structure still waits for.
    let mut waiting: BTreeMap<&ShapeId, usize> = BTreeMap::new();
    // Who waits for a target, once per member.
    let mut waiters: BTreeMap<&ShapeId, Vec<&Shape>> = BTreeMap::new();
    let mut ready: Vec<&ShapeId> = Vec::new();
    for shape in &aggregates {
        let members = shape.kind.members();
        let ok = match shape.kind {
            ShapeKind::Union(_) => {
                let ok = members.iter().any(|m| !is_aggregate(&m.target));
                if !ok {
                    for m in &members {
                        waiters.entry(&m.target).or_default().push(shape);
                    }
                }
                ok
            }
            _ => {
                let mut count = 0;
                for m in members
                    .iter()
                    .filter(|m| m.traits.is_required() && m.traits.default_value().is_none())
                    .filter(|m| is_aggregate(&m.target))
                {
                    waiters.entry(&m.target).or_default().push(shape);
                    count += 1;
                }
                waiting.insert(&shape.id, count);
                count == 0
            }
        };
        if ok {
            finite.insert(&shape.id);
            ready.push(&shape.id);
        }
    }
    while let Some(id) = ready.pop() {
        for shape in waiters.get(id).into_iter().flatten() {
            if finite.contains(&shape.id) {
                continue;
            }
            let now_finite = match shape.kind {
                ShapeKind::Union(_) => true,
                _ => {
                    let count = waiting.get_mut(&shape.id).expect("every structure counts");
                    *count -= 1;
                    *count == 0
                }
            };
            if now_finite {
                finite.insert(&shape.id);
                ready.push(&shape.id);
            }
        }
    }
    match aggregates.iter().find(|s| !finite.contains(&s.id)) {
        None => Ok(()),
        Some(shape) => Err(Error::model(
            model.origin(&shape.id),
            shape.id.to_string(),
            match shape.kind {
                ShapeKind::Union(_) => "no value of this union is finite: every member leads back to it without passing an optional member, a list or a map; expected one member that does not".to_owned(),
                _ => "no value of this structure is finite: its required members lead back to it; expected the recursion to pass through an optional member, a list or a map".to_owned(),
            },
        )),
    }
}
