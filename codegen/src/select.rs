//! Which shapes a crate needs: the closure of some operations, or of a
//! whole service, following every reference transitively.

use std::collections::BTreeSet;

use crate::error::{Error, Result};
use crate::model::graph::reachable;
use crate::model::{Model, Service, Shape, ShapeId, ShapeKind};

/// What to generate: a whole service, or some of its operations.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Selection {
    /// Every operation the service binds, directly or through resources.
    Service,
    /// Only these operations (by name or full shape id).
    Operations(Vec<String>),
}

/// The shapes a crate is made from.
#[derive(Clone, Debug)]
pub struct Closure {
    /// The service the operations belong to.
    pub service: ShapeId,
    /// Selected operations, in the order the service binds them.
    pub operations: Vec<ShapeId>,
    /// Every shape reached, including the service, operations and prelude
    /// shapes, in id order.
    pub shapes: BTreeSet<ShapeId>,
}

impl Closure {
    /// Reached shapes outside the `smithy.api` prelude.
    pub fn own_shapes(&self) -> impl Iterator<Item = &ShapeId> {
        self.shapes.iter().filter(|id| !id.is_prelude())
    }
}

/// Finds the closure of `selection` in `model`. `service` picks the service
/// when the model has several; with one, it may be `None`.
pub fn select(model: &Model, service: Option<&str>, selection: &Selection) -> Result<Closure> {
    let (service_shape, service_body) = pick_service(model, service)?;
    let bound = bound_operations(model, service_body);
    let operations = match selection {
        Selection::Service => bound.clone(),
        Selection::Operations(names) => {
            let mut chosen = Vec::new();
            for name in names {
                let id = bound
                    .iter()
                    .find(|id| id.name() == name || id.to_string() == *name)
                    .ok_or_else(|| {
                        Error::generate(
                            service_shape.id.to_string(),
                            format!("the service binds no operation named `{name}`"),
                        )
                    })?;
                if !chosen.contains(id) {
                    chosen.push(id.clone());
                }
            }
            chosen
        }
    };
    let roots = service_body.errors.iter().chain(&operations).cloned();
    let mut shapes = reachable(roots, |id| references(model.expect(id)));
    shapes.insert(service_shape.id.clone());
    if *selection == Selection::Service {
        shapes.extend(reachable(
            service_body.resources.iter().cloned(),
            |id| match &model.expect(id).kind {
                ShapeKind::Resource(resource) => resource.resources.clone(),
                _ => Vec::new(),
            },
        ));
    }
    Ok(Closure {
        service: service_shape.id.clone(),
        operations,
        shapes,
    })
}

fn pick_service<'m>(model: &'m Model, name: Option<&str>) -> Result<(&'m Shape, &'m Service)> {
    let services: Vec<_> = model.services().collect();
    let matching: Vec<_> = match name {
        Some(name) => services
            .iter()
            .filter(|(s, _)| s.id.name() == name || s.id.to_string() == name)
            .copied()
            .collect(),
        None => services.clone(),
    };
    match matching.as_slice() {
        [one] => Ok(*one),
        [] if services.is_empty() => Err(Error::generate("model", "has no service shape")),
        [] => Err(Error::generate(
            "model",
            format!("has no service named `{}`", name.unwrap_or_default()),
        )),
        many => Err(Error::generate(
            "model",
            format!(
                "has several services ({}): name one",
                many.iter()
                    .map(|(s, _)| s.id.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )),
    }
}

/// Operations bound to the service directly, then through its resources
/// (depth first, in declaration order), each once.
pub fn bound_operations(model: &Model, service: &Service) -> Vec<ShapeId> {
    let mut out = Vec::new();
    let push = |id: &ShapeId, out: &mut Vec<ShapeId>| {
        if !out.contains(id) {
            out.push(id.clone());
        }
    };
    for op in &service.operations {
        push(op, &mut out);
    }
    let mut stack: Vec<ShapeId> = service.resources.iter().rev().cloned().collect();
    while let Some(id) = stack.pop() {
        if let ShapeKind::Resource(resource) = &model.expect(&id).kind {
            for op in resource.all_operations() {
                push(op, &mut out);
            }
            stack.extend(resource.resources.iter().rev().cloned());
        }
    }
    out
}

/// The shapes one shape refers to: member targets, and an operation's input,
/// output and errors. Mixins are not followed: they were flattened away.
fn references(shape: &Shape) -> Vec<ShapeId> {
    match &shape.kind {
        ShapeKind::Operation(op) => op
            .input
            .iter()
            .chain(&op.output)
            .chain(&op.errors)
            .cloned()
            .collect(),
        ShapeKind::Resource(resource) => resource
            .identifiers
            .iter()
            .chain(&resource.properties)
            .map(|(_, id)| id.clone())
            .collect(),
        kind => kind
            .members()
            .into_iter()
            .map(|m| m.target.clone())
            .collect(),
    }
}
