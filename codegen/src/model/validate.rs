//! Checks that a merged model is one the generator can trust: every
//! reference resolves to the right kind of shape, and the structural rules
//! the Smithy specification states hold. Each error names the shape.

use std::collections::{BTreeMap, BTreeSet};

use super::{Model, ShapeId, ShapeKind};
use crate::error::{Error, Result};

fn err(model: &Model, id: &ShapeId, message: impl Into<String>) -> Error {
    Error::model(model.origin(id), id.to_string(), message)
}

/// Shape ids are case-insensitively unique in Smithy.
pub fn case_insensitive_ids(model: &Model) -> Result<()> {
    let mut seen: BTreeMap<String, &ShapeId> = BTreeMap::new();
    for id in model.shapes.keys() {
        if let Some(other) = seen.insert(id.to_string().to_lowercase(), id) {
            return Err(err(
                model,
                id,
                format!("conflicts with {other}: shape ids must differ by more than letter case"),
            ));
        }
    }
    Ok(())
}

/// Mixins must exist, carry `@mixin`, be of the same type, and not form a cycle.
pub fn mixins(model: &Model) -> Result<()> {
    for shape in model.shapes.values() {
        for mixin in &shape.mixins {
            let Some(target) = model.shapes.get(mixin) else {
                return Err(err(model, &shape.id, format!("mixin {mixin} does not exist")));
            };
            if !target.traits.is_mixin() {
                return Err(err(
                    model,
                    &shape.id,
                    format!("uses {mixin} as a mixin, but {mixin} is not marked with @mixin"),
                ));
            }
            if target.kind.type_name() != shape.kind.type_name() {
                return Err(err(
                    model,
                    &shape.id,
                    format!(
                        "a {} cannot use the {} {mixin} as a mixin",
                        shape.kind.type_name(),
                        target.kind.type_name()
                    ),
                ));
            }
        }
    }
    // Depth-first search with the path on a stack, so the message shows the cycle.
    let mut finished = BTreeSet::new();
    for id in model.shapes.keys() {
        let mut path = Vec::new();
        find_mixin_cycle(model, id, &mut path, &mut finished)?;
    }
    Ok(())
}

fn find_mixin_cycle<'m>(
    model: &'m Model,
    id: &'m ShapeId,
    path: &mut Vec<&'m ShapeId>,
    finished: &mut BTreeSet<&'m ShapeId>,
) -> Result<()> {
    if finished.contains(id) {
        return Ok(());
    }
    if let Some(start) = path.iter().position(|p| *p == id) {
        let cycle: Vec<String> = path[start..].iter().chain([&id]).map(|i| i.to_string()).collect();
        return Err(err(model, id, format!("mixin cycle: {}", cycle.join(" -> "))));
    }
    path.push(id);
    for mixin in &model.shapes[id].mixins {
        find_mixin_cycle(model, mixin, path, finished)?;
    }
    path.pop();
    finished.insert(id);
    Ok(())
}

/// Every rule that needs the whole, flattened model.
pub fn shapes(model: &Model) -> Result<()> {
    for shape in model.shapes.values() {
        let id = &shape.id;
        for member in shape.kind.members() {
            let member_id = id.with_member(&member.name);
            let Some(target) = model.shapes.get(&member.target) else {
                return Err(err(
                    model,
                    &member_id,
                    format!("member targets {}, which does not exist", member.target),
                ));
            };
            if !target.kind.is_member_target() {
                return Err(err(
                    model,
                    &member_id,
                    format!(
                        "member targets the {} {}: a member must target a data shape",
                        target.kind.type_name(),
                        member.target
                    ),
                ));
            }
        }
        match &shape.kind {
            ShapeKind::Enum(members) | ShapeKind::IntEnum(members) => {
                if members.is_empty() && !shape.traits.is_mixin() {
                    return Err(err(model, id, format!("{} has no members", shape.kind.type_name())));
                }
                if let ShapeKind::IntEnum(_) = shape.kind {
                    for m in members {
                        if !m.traits.enum_value().is_some_and(|v| v.is_i64()) {
                            return Err(err(
                                model,
                                &id.with_member(&m.name),
                                "intEnum member needs an integer @enumValue",
                            ));
                        }
                    }
                }
            }
            ShapeKind::Map { key, .. } => {
                let key_kind = &model.shapes[&key.target].kind;
                if !matches!(key_kind, ShapeKind::String | ShapeKind::Enum(_)) {
                    return Err(err(
                        model,
                        &id.with_member("key"),
                        format!("map key targets the {} {}: expected a string", key_kind.type_name(), key.target),
                    ));
                }
            }
            ShapeKind::Operation(op) => {
                for (role, target) in [("input", &op.input), ("output", &op.output)] {
                    if let Some(target) = target {
                        expect_kind(model, id, role, target, |k| matches!(k, ShapeKind::Structure(_)), "structure")?;
                    }
                }
                for error in &op.errors {
                    expect_error(model, id, error)?;
                }
            }
            ShapeKind::Service(service) => {
                for op in &service.operations {
                    expect_kind(model, id, "operation", op, |k| matches!(k, ShapeKind::Operation(_)), "operation")?;
                }
                for resource in &service.resources {
                    expect_kind(model, id, "resource", resource, |k| matches!(k, ShapeKind::Resource(_)), "resource")?;
                }
                for error in &service.errors {
                    expect_error(model, id, error)?;
                }
            }
            ShapeKind::Resource(resource) => {
                for op in resource.all_operations() {
                    expect_kind(model, id, "operation", op, |k| matches!(k, ShapeKind::Operation(_)), "operation")?;
                }
                for child in &resource.resources {
                    expect_kind(model, id, "resource", child, |k| matches!(k, ShapeKind::Resource(_)), "resource")?;
                }
                for (name, target) in resource.identifiers.iter().chain(&resource.properties) {
                    if !model.shapes.contains_key(target) {
                        return Err(err(model, id, format!("`{name}` targets {target}, which does not exist")));
                    }
                }
            }
            _ => {}
        }
    }
    Ok(())
}

fn expect_kind(
    model: &Model,
    id: &ShapeId,
    role: &str,
    target: &ShapeId,
    ok: impl Fn(&ShapeKind) -> bool,
    expected: &str,
) -> Result<()> {
    match model.shapes.get(target) {
        None => Err(err(model, id, format!("{role} {target} does not exist"))),
        Some(shape) if !ok(&shape.kind) => Err(err(
            model,
            id,
            format!(
                "{role} {target} is a {}: expected a {expected}",
                shape.kind.type_name()
            ),
        )),
        Some(_) => Ok(()),
    }
}

fn expect_error(model: &Model, id: &ShapeId, error: &ShapeId) -> Result<()> {
    expect_kind(model, id, "error", error, |k| matches!(k, ShapeKind::Structure(_)), "structure")?;
    if model.shapes[error].traits.fault().is_none() {
        return Err(err(
            model,
            id,
            format!("error {error} lacks @error(\"client\") or @error(\"server\")"),
        ));
    }
    Ok(())
}
