//! `apply` entries: traits added to a shape or member outside its definition.
//!
//! They run in two rounds. Before mixins are flattened, an entry adds its
//! traits to the shape or to a member the shape declares itself, so that
//! traits applied to a mixin reach every shape that uses it. An entry for a
//! member the shape only inherits from a mixin waits until after flattening,
//! when that member exists, and then supersedes the inherited traits, as the
//! Smithy specification says of traits applied to mixed-in members.

use std::collections::BTreeMap;

use super::{Model, ShapeId, Traits};
use crate::error::{Error, Result};

/// One `apply` entry and the file it came from.
pub struct Apply {
    pub file: String,
    pub id: ShapeId,
    pub traits: Traits,
}

/// Applies every entry that can be applied before flattening and returns
/// the ones that target inherited members, merged per member.
pub fn before_mixins(model: &mut Model, applies: Vec<Apply>) -> Result<Vec<Apply>> {
    let mut deferred: BTreeMap<ShapeId, Apply> = BTreeMap::new();
    for apply in applies {
        let Some(shape) = model.shapes.get_mut(&apply.id.root()) else {
            return Err(Error::model(
                &apply.file,
                apply.id.to_string(),
                "`apply` targets a shape that does not exist",
            ));
        };
        let has_mixins = !shape.mixins.is_empty();
        let target = match apply.id.member() {
            None => Some(&mut shape.traits),
            Some(name) => shape
                .kind
                .members_mut()
                .into_iter()
                .find(|m| m.name == name)
                .map(|m| &mut m.traits),
        };
        match target {
            Some(traits) => merge_into(traits, &apply)?,
            None if has_mixins => match deferred.get_mut(&apply.id) {
                Some(earlier) => merge_into(&mut earlier.traits, &apply)?,
                None => {
                    deferred.insert(apply.id.clone(), apply);
                }
            },
            None => return Err(missing_member(&apply)),
        }
    }
    Ok(deferred.into_values().collect())
}

/// Applies the entries [`before_mixins`] left for inherited members.
pub fn after_mixins(model: &mut Model, deferred: Vec<Apply>) -> Result<()> {
    for apply in deferred {
        let name = apply.id.member().unwrap_or_default();
        let member = model.shapes.get_mut(&apply.id.root()).and_then(|shape| {
            shape
                .kind
                .members_mut()
                .into_iter()
                .find(|m| m.name == name)
        });
        let Some(member) = member else {
            return Err(missing_member(&apply));
        };
        for (id, value) in apply.traits.iter() {
            member.traits.insert(id.clone(), value.clone());
        }
    }
    Ok(())
}

fn merge_into(traits: &mut Traits, apply: &Apply) -> Result<()> {
    for (id, value) in apply.traits.iter() {
        traits
            .merge(id, value.clone())
            .map_err(|message| Error::model(&apply.file, apply.id.to_string(), message))?;
    }
    Ok(())
}

fn missing_member(apply: &Apply) -> Error {
    Error::model(
        &apply.file,
        apply.id.to_string(),
        format!(
            "`apply` targets a member that does not exist: {} has no member `{}`",
            apply.id.root(),
            apply.id.member().unwrap_or_default()
        ),
    )
}
