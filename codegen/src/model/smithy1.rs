//! Smithy 1.0 nullability in 2.0 terms. In 1.0, a number or boolean shape
//! is a primitive that is never null unless it carries `@box`, and the
//! prelude's `Integer`, `Boolean`, ... are boxed while `PrimitiveInteger`,
//! `PrimitiveBoolean`, ... are not. Smithy 2.0 says the same thing with
//! `@default` on the member, so a 1.0 structure member targeting an
//! unboxed primitive gets the `@default` 2.0 would spell out.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::traits::ids;
use super::{Model, ShapeId, ShapeKind};

/// Adds `@default` to the members of the 1.0 shapes in `v1_shapes` that
/// target a primitive that is not boxed.
pub fn default_unboxed_members(model: &mut Model, v1_shapes: &BTreeSet<ShapeId>) {
    // The default of each unboxed primitive: its own 2.0 `@default` if it
    // has one (the prelude's Primitive* shapes), else the zero value.
    let unboxed: BTreeMap<ShapeId, Value> = model
        .shapes
        .values()
        .filter(|s| s.kind.is_number_or_boolean() && !s.traits.has(ids::BOX))
        .filter_map(|s| {
            let zero = match s.kind {
                ShapeKind::Boolean => Value::Bool(false),
                _ => Value::from(0),
            };
            match s.traits.default_value() {
                Some(default) => Some((s.id.clone(), default.clone())),
                None if v1_shapes.contains(&s.id) => Some((s.id.clone(), zero)),
                None => None,
            }
        })
        .collect();
    for id in v1_shapes {
        let Some(shape) = model.shapes.get_mut(id) else {
            continue;
        };
        let ShapeKind::Structure(members) = &mut shape.kind else {
            continue;
        };
        for member in members {
            if member.traits.has(ids::BOX) || member.traits.default_value().is_some() {
                continue;
            }
            if let Some(default) = unboxed.get(&member.target) {
                member.traits.insert(ids::DEFAULT, default.clone());
            }
        }
    }
}
