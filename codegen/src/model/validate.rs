//! Checks that a merged, flattened model is one the generator can trust:
//! every reference resolves to the right kind of shape, and the structural
//! rules of the Smithy specification hold. Later stages rely on this (they
//! look shapes up with `Model::expect`), so every reference a stage follows
//! is checked here. Each error names the shape or member at fault.

use std::collections::BTreeMap;

use super::graph::children_first;
use super::shape::with_article;
use super::{prelude, Member, Model, Shape, ShapeId, ShapeKind};
use crate::error::{Error, Result};

fn err(model: &Model, id: &ShapeId, message: impl Into<String>) -> Error {
    Error::model(model.origin(id), id.to_string(), message)
}

/// Shape ids are case-insensitively unique in Smithy, so that generators for
/// case-insensitive targets (and Rust's case conversions) never merge two.
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

/// Every rule that needs the whole, flattened model.
pub fn shapes(model: &Model) -> Result<()> {
    for shape in model.shapes.values() {
        members(model, shape)?;
        match &shape.kind {
            ShapeKind::Enum(_) | ShapeKind::IntEnum(_) => enum_values(model, shape)?,
            ShapeKind::Union(members) if members.is_empty() && !shape.traits.is_mixin() => {
                return Err(err(
                    model,
                    &shape.id,
                    "union has no members: expected at least one",
                ));
            }
            ShapeKind::Map { key, .. } => {
                let key_kind = &model.expect(&key.target).kind;
                if !matches!(key_kind, ShapeKind::String | ShapeKind::Enum(_)) {
                    return Err(err(
                        model,
                        &shape.id.with_member("key"),
                        format!(
                            "map key targets the {} {}: expected a string",
                            key_kind.type_name(),
                            key.target
                        ),
                    ));
                }
            }
            ShapeKind::Operation(op) => {
                for (role, target) in [("input", &op.input), ("output", &op.output)] {
                    if let Some(target) = target {
                        reference(model, shape, role, target, is_structure, "structure")?;
                    }
                }
                for error in &op.errors {
                    error_reference(model, shape, error)?;
                }
            }
            ShapeKind::Service(service) => {
                for op in &service.operations {
                    reference(model, shape, "operation", op, is_operation, "operation")?;
                }
                for resource in &service.resources {
                    reference(model, shape, "resource", resource, is_resource, "resource")?;
                }
                for error in &service.errors {
                    error_reference(model, shape, error)?;
                }
                for (target, _) in &service.rename {
                    if !model.shapes.contains_key(target) {
                        return Err(err(
                            model,
                            &shape.id,
                            format!("`rename` names {target}, which does not exist"),
                        ));
                    }
                }
            }
            ShapeKind::Resource(resource) => {
                for op in resource.all_operations() {
                    reference(model, shape, "operation", op, is_operation, "operation")?;
                }
                for child in &resource.resources {
                    reference(model, shape, "resource", child, is_resource, "resource")?;
                }
                for (name, target) in &resource.identifiers {
                    let role = format!("identifier `{name}`");
                    reference(
                        model,
                        shape,
                        &role,
                        target,
                        |k| matches!(k, ShapeKind::String | ShapeKind::Enum(_)),
                        "string",
                    )?;
                }
                for (name, target) in &resource.properties {
                    let role = format!("property `{name}`");
                    reference(
                        model,
                        shape,
                        &role,
                        target,
                        ShapeKind::is_member_target,
                        "data shape",
                    )?;
                }
            }
            _ => {}
        }
    }
    resource_cycles(model)?;
    super::recursion::collections(model)?;
    super::recursion::finite_values(model)
}

fn is_structure(kind: &ShapeKind) -> bool {
    matches!(kind, ShapeKind::Structure(_))
}

fn is_operation(kind: &ShapeKind) -> bool {
    matches!(kind, ShapeKind::Operation(_))
}

fn is_resource(kind: &ShapeKind) -> bool {
    matches!(kind, ShapeKind::Resource(_))
}

/// Each member targets an existing data shape that is not a mixin (mixins
/// are flattened away and never generated), `smithy.api#Unit` only where
/// "no value" makes sense, and no two member names differ only in case.
fn members(model: &Model, shape: &Shape) -> Result<()> {
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    for member in shape.kind.members() {
        let member_id = shape.id.with_member(&member.name);
        if let Some(other) = seen.insert(member.name.to_lowercase(), &member.name) {
            return Err(err(
                model,
                &member_id,
                format!("conflicts with member `{other}`: member names must differ by more than letter case"),
            ));
        }
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
        if target.traits.is_mixin() {
            return Err(err(
                model,
                &member_id,
                format!(
                    "member targets the mixin {}: a mixin can only be used as a mixin",
                    member.target
                ),
            ));
        }
        let unit_allowed = matches!(
            shape.kind,
            ShapeKind::Union(_) | ShapeKind::Enum(_) | ShapeKind::IntEnum(_)
        );
        if member.target == prelude::unit_id() && !unit_allowed {
            return Err(err(
                model,
                &member_id,
                format!(
                    "a member of {} cannot target smithy.api#Unit: only union, enum and intEnum members can",
                    shape.kind.a_type_name()
                ),
            ));
        }
    }
    Ok(())
}

/// Enums have members, each targeting `smithy.api#Unit` with a value of
/// the right type (a string for enums, defaulting to the member name; an
/// integer for intEnums), and no value appears twice.
fn enum_values(model: &Model, shape: &Shape) -> Result<()> {
    let (ShapeKind::Enum(members) | ShapeKind::IntEnum(members)) = &shape.kind else {
        return Ok(());
    };
    let int = matches!(shape.kind, ShapeKind::IntEnum(_));
    if members.is_empty() && !shape.traits.is_mixin() {
        return Err(err(
            model,
            &shape.id,
            format!(
                "{} has no members: expected at least one",
                shape.kind.type_name()
            ),
        ));
    }
    let mut seen: BTreeMap<String, &Member> = BTreeMap::new();
    for member in members {
        let member_id = shape.id.with_member(&member.name);
        if member.target != prelude::unit_id() {
            return Err(err(
                model,
                &member_id,
                format!(
                    "{} member targets {}: expected smithy.api#Unit",
                    shape.kind.type_name(),
                    member.target
                ),
            ));
        }
        let value = match (int, member.traits.enum_value()) {
            (true, Some(v)) if v.is_i64() => v.to_string(),
            (true, _) => {
                return Err(err(
                    model,
                    &member_id,
                    "intEnum member needs an integer @enumValue",
                ))
            }
            (false, None) => member.name.clone(),
            (false, Some(v)) => match v.as_str() {
                Some(s) if !s.is_empty() => s.to_owned(),
                _ => {
                    return Err(err(
                        model,
                        &member_id,
                        format!("enum @enumValue is {v}: expected a non-empty string"),
                    ))
                }
            },
        };
        if let Some(other) = seen.insert(value.clone(), member) {
            return Err(err(
                model,
                &member_id,
                format!(
                    "has the value {value}, like member `{}`: enum values must be unique",
                    other.name
                ),
            ));
        }
    }
    Ok(())
}

/// A reference from `shape` (its `role`: "input", "operation", ...) to a
/// shape that must exist, satisfy `ok` and not be a mixin.
fn reference(
    model: &Model,
    shape: &Shape,
    role: &str,
    target: &ShapeId,
    ok: impl Fn(&ShapeKind) -> bool,
    expected: &str,
) -> Result<()> {
    match model.shapes.get(target) {
        None => Err(err(
            model,
            &shape.id,
            format!("{role} {target} does not exist"),
        )),
        Some(found) if !ok(&found.kind) => Err(err(
            model,
            &shape.id,
            format!(
                "{role} {target} is {}: expected {}",
                found.kind.a_type_name(),
                with_article(expected)
            ),
        )),
        Some(found) if found.traits.is_mixin() => Err(err(
            model,
            &shape.id,
            format!("{role} {target} is a mixin: a mixin can only be used as a mixin"),
        )),
        Some(_) => Ok(()),
    }
}

fn error_reference(model: &Model, shape: &Shape, error: &ShapeId) -> Result<()> {
    reference(model, shape, "error", error, is_structure, "structure")?;
    if model.expect(error).traits.fault().is_none() {
        return Err(err(
            model,
            &shape.id,
            format!("error {error} lacks @error(\"client\") or @error(\"server\")"),
        ));
    }
    Ok(())
}

/// Resources must not contain themselves, directly or through children:
/// selection walks the containment tree.
fn resource_cycles(model: &Model) -> Result<()> {
    fn children(shape: &Shape) -> Vec<&ShapeId> {
        match &shape.kind {
            ShapeKind::Resource(resource) => resource.resources.iter().collect(),
            _ => Vec::new(),
        }
    }
    match children_first(model, children) {
        Ok(_) => Ok(()),
        Err(cycle) => {
            let path: Vec<String> = cycle.iter().map(|id| id.to_string()).collect();
            Err(err(
                model,
                cycle[0],
                format!("resource contains itself: {}", path.join(" -> ")),
            ))
        }
    }
}
