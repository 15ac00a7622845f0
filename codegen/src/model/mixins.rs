//! Mixins: checking them, then copying their members, traits and bindings
//! into the shapes that use them, so that later stages never see a mixin.
//!
//! The rules follow the Smithy specification's mixins chapter: members from
//! mixins come first (depth first, in the order the mixins are listed), then
//! the shape's own; a trait the shape sets itself beats an inherited one,
//! and among mixins the later one in the list wins; the `@mixin` trait and
//! the traits it names in `localTraits` are not inherited.

use std::collections::{BTreeMap, BTreeSet};

use indexmap::IndexMap;
use serde_json::Value;

use super::graph::children_first;
use super::traits::ids;
use super::{Member, Model, Shape, ShapeId, ShapeKind, Traits};
use crate::error::{Error, Result};

/// The longest chain of mixins (a shape using a mixin that uses a mixin,
/// and so on) the loader accepts. Models use one or two levels; the bound
/// leaves ample room and keeps flattening, which copies every inherited
/// member into each shape of the chain, linear in the model's size.
pub const MAX_MIXIN_DEPTH: usize = 64;

/// Checks that every mixin exists, carries `@mixin`, has the type of the
/// shape using it and is not part of a cycle, and that
/// mixins chain at most [`MAX_MIXIN_DEPTH`] deep. Returns the shapes in an
/// order where each mixin comes before the shapes that use it.
pub fn check(model: &Model) -> Result<Vec<ShapeId>> {
    let err =
        |id: &ShapeId, message: String| Error::model(model.origin(id), id.to_string(), message);
    for shape in model.shapes.values() {
        for mixin in &shape.mixins {
            let Some(target) = model.shapes.get(mixin) else {
                return Err(err(&shape.id, format!("mixin {mixin} does not exist")));
            };
            if !target.traits.is_mixin() {
                return Err(err(
                    &shape.id,
                    format!("uses {mixin} as a mixin, but {mixin} is not marked with @mixin"),
                ));
            }
            if target.kind.type_name() != shape.kind.type_name() {
                return Err(err(
                    &shape.id,
                    format!(
                        "{} cannot use the {} {mixin} as a mixin",
                        shape.kind.a_type_name(),
                        target.kind.type_name()
                    ),
                ));
            }
        }
    }
    let order = match children_first(model, |shape| shape.mixins.iter().collect()) {
        Ok(order) => order,
        Err(cycle) => {
            let path: Vec<String> = cycle.iter().map(|id| id.to_string()).collect();
            return Err(err(cycle[0], format!("mixin cycle: {}", path.join(" -> "))));
        }
    };
    // Each mixin is flattened before the shapes that use it, so a shape
    // holds a copy of every member above it: a chain of N mixins with a
    // member each would hold N * N / 2 members. The depth is bounded so
    // that the flattened model stays proportional to the model.
    let mut depth: BTreeMap<&ShapeId, usize> = BTreeMap::new();
    for &id in &order {
        let shape = &model.shapes[id];
        if shape.mixins.is_empty() {
            continue;
        }
        let d = 1 + shape
            .mixins
            .iter()
            .filter_map(|m| depth.get(m))
            .max()
            .copied()
            .unwrap_or(0);
        if d > MAX_MIXIN_DEPTH {
            return Err(err(
                id,
                format!(
                    "mixins chain more than {MAX_MIXIN_DEPTH} deep up to here (a mixin of a mixin \
                     of ...); the generator supports at most {MAX_MIXIN_DEPTH} levels"
                ),
            ));
        }
        depth.insert(id, d);
    }
    Ok(order.into_iter().cloned().collect())
}

/// Flattens every shape, visiting them in the order [`check`] returned so
/// that a mixin is complete before anything copies from it.
pub fn flatten(model: &mut Model, order: &[ShapeId]) -> Result<()> {
    for id in order {
        let shape = &model.shapes[id];
        if shape.mixins.is_empty() {
            continue;
        }
        let mixins: Vec<Shape> = shape
            .mixins
            .iter()
            .map(|m| model.shapes[m].clone())
            .collect();
        let mut shape = shape.clone();
        inherit_traits(&mut shape.traits, &mixins);
        inherit_kind(&mut shape, &mixins)
            .map_err(|(at, message)| Error::model(model.origin(id), at.to_string(), message))?;
        model.shapes.insert(id.clone(), shape);
    }
    Ok(())
}

/// The shape's own traits win; then later mixins win over earlier ones.
fn inherit_traits(traits: &mut Traits, mixins: &[Shape]) {
    for mixin in mixins.iter().rev() {
        let mut inherited = mixin.traits.clone();
        inherited.remove(ids::MIXIN);
        for local in local_traits(mixin) {
            inherited.remove(&local);
        }
        traits.inherit(&inherited);
    }
}

/// The traits a mixin keeps to itself (`@mixin(localTraits: [...])`).
fn local_traits(mixin: &Shape) -> Vec<String> {
    mixin
        .traits
        .get(ids::MIXIN)
        .and_then(|v| v.get("localTraits"))
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

type Conflict = (ShapeId, String);

fn inherit_kind(shape: &mut Shape, mixins: &[Shape]) -> Result<(), Conflict> {
    let id = shape.id.clone();
    match &mut shape.kind {
        ShapeKind::Structure(own)
        | ShapeKind::Union(own)
        | ShapeKind::Enum(own)
        | ShapeKind::IntEnum(own) => {
            let inherited: Vec<&Member> = mixins.iter().flat_map(|m| m.kind.members()).collect();
            *own = merge_members(&id, inherited, own)?;
        }
        // A list or map always declares its members in the JSON AST, so a
        // mixin can only add traits to them.
        ShapeKind::List(_) | ShapeKind::Map { .. } => {
            let inherited: Vec<&Member> = mixins.iter().flat_map(|m| m.kind.members()).collect();
            for own in shape.kind.members_mut() {
                let merged = merge_members(&id, inherited.clone(), std::slice::from_ref(own))?;
                if let Some(member) = merged.into_iter().find(|m| m.name == own.name) {
                    *own = member;
                }
            }
        }
        ShapeKind::Service(own) => {
            let services: Vec<_> = mixins
                .iter()
                .filter_map(|m| match &m.kind {
                    ShapeKind::Service(s) => Some(s),
                    _ => None,
                })
                .collect();
            own.operations = mixins_first(services.iter().map(|s| &s.operations), &own.operations);
            own.resources = mixins_first(services.iter().map(|s| &s.resources), &own.resources);
            own.errors = mixins_first(services.iter().map(|s| &s.errors), &own.errors);
            // Scalars and rename keys the service sets itself are kept; among
            // mixins, later ones win.
            for service in services.iter().rev() {
                if own.version.is_none() {
                    own.version.clone_from(&service.version);
                }
                for (target, name) in &service.rename {
                    if !own.rename.iter().any(|(t, _)| t == target) {
                        own.rename.push((target.clone(), name.clone()));
                    }
                }
            }
        }
        ShapeKind::Operation(own) => {
            let errors = mixins.iter().filter_map(|m| match &m.kind {
                ShapeKind::Operation(op) => Some(&op.errors),
                _ => None,
            });
            own.errors = mixins_first(errors, &own.errors);
        }
        _ => {}
    }
    Ok(())
}

/// `inherited` (all mixins' members, in order) then `own`. A name may come
/// from several mixins, or be redeclared by the shape to add traits, but
/// only with the same target. Traits: the shape's own declaration wins,
/// then the later mixin over the earlier.
fn merge_members(
    id: &ShapeId,
    inherited: Vec<&Member>,
    own: &[Member],
) -> Result<Vec<Member>, Conflict> {
    // Keyed by name, in first-seen order: a look-up per member rather than
    // a scan of those merged so far, which made wide mixins quadratic.
    let mut merged: IndexMap<&str, Member> = IndexMap::with_capacity(inherited.len() + own.len());
    for member in inherited {
        match merged.get_mut(member.name.as_str()) {
            Some(earlier) if earlier.target != member.target => {
                return Err((
                    id.with_member(&member.name),
                    format!(
                        "inherits this member from two mixins with different targets ({} and {})",
                        earlier.target, member.target
                    ),
                ))
            }
            Some(earlier) => earlier.traits = with_fallback(&member.traits, &earlier.traits),
            None => {
                merged.insert(&member.name, member.clone());
            }
        }
    }
    for member in own {
        match merged.get_mut(member.name.as_str()) {
            Some(inherited) if inherited.target != member.target => {
                return Err((
                    id.with_member(&member.name),
                    format!(
                        "redeclares a member inherited from a mixin with target {}, but the mixin's member targets {}: \
                         a redeclared member must keep its target",
                        member.target, inherited.target
                    ),
                ))
            }
            Some(inherited) => inherited.traits = with_fallback(&member.traits, &inherited.traits),
            None => {
                merged.insert(&member.name, member.clone());
            }
        }
    }
    Ok(merged.into_values().collect())
}

/// `preferred`'s traits, plus those of `fallback` it does not set.
fn with_fallback(preferred: &Traits, fallback: &Traits) -> Traits {
    let mut traits = preferred.clone();
    traits.inherit(fallback);
    traits
}

/// Every mixin's references in order, then the shape's own, each once.
fn mixins_first<'a>(
    mixins: impl Iterator<Item = &'a Vec<ShapeId>>,
    own: &'a [ShapeId],
) -> Vec<ShapeId> {
    let mut seen = BTreeSet::new();
    mixins
        .flatten()
        .chain(own)
        .filter(|id| seen.insert(*id))
        .cloned()
        .collect()
}
