//! Combining several files into one model: their metadata, and shapes that
//! more than one file defines.

use serde_json::{Map, Value};

use super::{Member, Model, Shape};
use crate::error::{Error, Result};

/// Metadata from several files: arrays are concatenated, equal values are
/// fine, anything else that differs is a conflict.
pub fn metadata(into: &mut Map<String, Value>, from: Map<String, Value>, file: &str) -> Result<()> {
    for (key, value) in from {
        match into.get_mut(&key) {
            None => {
                into.insert(key, value);
            }
            Some(Value::Array(existing)) if value.is_array() => {
                existing.extend(value.as_array().into_iter().flatten().cloned());
            }
            Some(existing) if *existing == value => {}
            Some(_) => {
                return Err(Error::model(
                    file,
                    format!("$.metadata.{key}"),
                    "conflicts with the value another file sets: expected equal values or arrays",
                ))
            }
        }
    }
    Ok(())
}

/// Adds a shape from `file`. A shape another file already defined must have
/// the same type, members, targets and bindings; its traits are then
/// combined as if applied with `apply` (see [`super::Traits::merge`]).
pub fn shape(model: &mut Model, file: &str, shape: Shape) -> Result<()> {
    let Some(existing) = model.shapes.get_mut(&shape.id) else {
        model.origins.insert(shape.id.clone(), file.to_owned());
        model.shapes.insert(shape.id.clone(), shape);
        return Ok(());
    };
    if *existing == shape {
        return Ok(());
    }
    let first = &model.origins[&shape.id];
    let conflict = |what: String| {
        Error::model(
            file,
            shape.id.to_string(),
            format!("defined again, differently (first defined in {first}): {what}"),
        )
    };
    if let Some(what) = structural_difference(existing, &shape) {
        return Err(conflict(what));
    }
    for (id, value) in shape.traits.iter() {
        existing.traits.merge(id, value.clone()).map_err(conflict)?;
    }
    let members = existing
        .kind
        .members_mut()
        .into_iter()
        .zip(shape.kind.members());
    for (mine, theirs) in members {
        for (id, value) in theirs.traits.iter() {
            mine.traits
                .merge(id, value.clone())
                .map_err(|what| conflict(format!("member `{}`: {what}", mine.name)))?;
        }
    }
    Ok(())
}

/// What differs between two definitions of a shape, ignoring traits.
fn structural_difference(first: &Shape, again: &Shape) -> Option<String> {
    if first.kind.type_name() != again.kind.type_name() {
        return Some(format!(
            "first {}, here {}",
            first.kind.a_type_name(),
            again.kind.a_type_name()
        ));
    }
    let names = |s: &Shape| {
        s.kind
            .members()
            .iter()
            .map(|m| m.name.clone())
            .collect::<Vec<_>>()
    };
    if names(first) != names(again) {
        return Some(format!(
            "members {:?} there, {:?} here",
            names(first),
            names(again)
        ));
    }
    let pairs = first.kind.members().into_iter().zip(again.kind.members());
    if let Some((a, b)) = pairs.into_iter().find(|(a, b)| a.target != b.target) {
        return Some(format!(
            "member `{}` targets {} there, {} here",
            a.name, a.target, b.target
        ));
    }
    if first.mixins != again.mixins {
        return Some("its mixins differ".to_owned());
    }
    if without_traits(first) != without_traits(again) {
        return Some(
            "its bindings differ (operations, resources, errors, input, output or rename)"
                .to_owned(),
        );
    }
    None
}

fn without_traits(shape: &Shape) -> Shape {
    let mut bare = shape.clone();
    bare.traits = Default::default();
    for member in bare.kind.members_mut() {
        *member = Member {
            traits: Default::default(),
            ..member.clone()
        };
    }
    bare
}
