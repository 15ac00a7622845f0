//! Checks that refuse a plan the emitters could not turn into a correct
//! crate: unsupported members, unusable `@paginated` traits, and Rust names
//! that collide.

use std::collections::BTreeMap;

use super::*;
use crate::error::{Error, Result};
use crate::model::traits::Paginated;
use crate::model::{Model, ShapeId, ShapeKind};
use crate::naming;
use crate::select::Closure;

/// The client's paginators read and write the members `@paginated` names:
/// both tokens must be top-level members, and the items a list or a map.
pub(super) fn check_paginated(
    model: &Model,
    op: &ShapeId,
    p: &Paginated,
    input: &Option<ShapeId>,
    output: &Option<ShapeId>,
) -> Result<()> {
    let member =
        |io: &Option<ShapeId>, role: &str, name: &Option<String>| -> Result<Option<ShapeId>> {
            let Some(name) = name else {
                return Ok(None);
            };
            let fail = |why: String| {
                Err(Error::generate(
                    op.to_string(),
                    format!("@paginated {role} `{name}` {why}"),
                ))
            };
            if name.contains('.') {
                return fail(
                    "is a path; only members of the input or output itself are supported".into(),
                );
            }
            let target = io.as_ref().and_then(|id| {
                let members = model.expect(id).kind.members();
                members
                    .into_iter()
                    .find(|m| m.name == *name)
                    .map(|m| m.target.clone())
            });
            match target {
                Some(target) => Ok(Some(target)),
                None => fail("is not a member of the operation's input or output".into()),
            }
        };
    if p.input_token.is_none() || p.output_token.is_none() {
        return Err(Error::generate(
            op.to_string(),
            "@paginated needs both inputToken and outputToken",
        ));
    }
    member(input, "inputToken", &p.input_token)?;
    member(output, "outputToken", &p.output_token)?;
    member(input, "pageSize", &p.page_size)?;
    if let Some(items) = member(output, "items", &p.items)? {
        if !matches!(
            model.expect(&items).kind,
            ShapeKind::List(_) | ShapeKind::Map { .. }
        ) {
            return Err(Error::generate(
                op.to_string(),
                "@paginated items must be a list or a map",
            ));
        }
    }
    Ok(())
}

/// Streaming members need a streaming body API that this generator does not
/// emit; refusing them by name beats generating a client that buffers
/// unbounded data or silently drops the member.
pub(super) fn reject_unsupported(model: &Model, closure: &Closure) -> Result<()> {
    for id in &closure.shapes {
        for member in model.expect(id).kind.members() {
            let target = model.expect(&member.target);
            if target.traits.is_streaming() {
                let what = match target.kind {
                    ShapeKind::Union(_) => "an event stream",
                    _ => "a streaming blob",
                };
                return Err(Error::generate(
                    id.with_member(&member.name).to_string(),
                    format!(
                        "targets {what} ({}), which this generator does not support",
                        target.id
                    ),
                ));
            }
        }
    }
    Ok(())
}

/// Two shapes whose Rust names (or file names) coincide would overwrite
/// each other: report them instead, with the rename that fixes it.
pub(super) fn check_collisions(plan: &Plan) -> Result<()> {
    let mut by_location: BTreeMap<&Location, Vec<&TypePlan>> = BTreeMap::new();
    for t in plan.types.values() {
        by_location.entry(&t.location).or_default().push(t);
    }
    for types in by_location.values() {
        let ids: Vec<String> = types.iter().map(|t| t.id.to_string()).collect();
        for key in [
            |t: &TypePlan| t.name.to_lowercase(),
            |t: &TypePlan| t.module.clone(),
        ] {
            let groups = naming::find_collisions(
                ids.iter()
                    .map(String::as_str)
                    .zip(types.iter().map(|t| key(t))),
            );
            if let Some(group) = groups.first() {
                return Err(Error::generate(
                    group.join(", "),
                    "these shapes get the same Rust name; give one of them another name with the service's `rename` property",
                ));
            }
        }
    }
    for t in plan.types.values() {
        if let TypeKind::Structure(s) = &t.kind {
            let groups = naming::find_collisions(
                s.fields.iter().map(|f| (f.member.as_str(), f.name.clone())),
            );
            if let Some(group) = groups.first() {
                return Err(Error::generate(
                    t.id.to_string(),
                    format!("members {} get the same Rust field name", group.join(", ")),
                ));
            }
        }
    }
    let groups = naming::find_collisions(
        plan.operations
            .iter()
            .map(|o| (o.wire_name.as_str(), o.module.clone())),
    );
    if let Some(group) = groups.first() {
        return Err(Error::generate(
            plan.service.id.to_string(),
            format!("operations {} get the same module name", group.join(", ")),
        ));
    }
    Ok(())
}
