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
    /// Operations of the service left out of a whole-service selection,
    /// and why (they use an event stream), in binding order.
    pub left_out: Vec<LeftOut>,
}

/// An operation the crate does not have, and the member that keeps it out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeftOut {
    /// The operation left out.
    pub operation: ShapeId,
    /// The input or output member (`Shape$member`) that targets the event stream.
    pub member: ShapeId,
    /// The `@streaming` union it targets.
    pub stream: ShapeId,
}

impl LeftOut {
    /// Why, after the member's id: in the warning, and in the error when
    /// the operation was asked for by name (or under `--strict`).
    pub fn reason(&self) -> String {
        format!(
            "targets an event stream ({}), which this generator does not support",
            self.stream
        )
    }
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
    let mut left_out = Vec::new();
    let operations = match selection {
        Selection::Service => bound
            .iter()
            .filter(|op| match event_stream(model, op) {
                Some(why) => {
                    left_out.push(why);
                    false
                }
                None => true,
            })
            .cloned()
            .collect(),
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
                // Asked for by name, it cannot be left out quietly.
                if let Some(why) = event_stream(model, id) {
                    return Err(Error::generate(why.member.to_string(), why.reason()));
                }
                if !chosen.contains(id) {
                    // Names given on the command line: a handful.
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
        left_out,
    })
}

/// The first input or output member of `op` that targets an event stream
/// (a `@streaming` union; Smithy allows them only there). Such operations
/// need an event-stream codec and a streaming client API that this
/// generator does not emit, so a whole-service crate goes without them.
fn event_stream(model: &Model, op: &ShapeId) -> Option<LeftOut> {
    let ShapeKind::Operation(body) = &model.expect(op).kind else {
        return None;
    };
    body.input.iter().chain(&body.output).find_map(|io| {
        model.expect(io).kind.members().into_iter().find_map(|m| {
            let target = model.expect(&m.target);
            (target.traits.is_streaming() && matches!(target.kind, ShapeKind::Union(_))).then(
                || LeftOut {
                    operation: op.clone(),
                    member: io.with_member(&m.name),
                    stream: target.id.clone(),
                },
            )
        })
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
/// (depth first, in declaration order), each once. Sets remember what was
/// taken and which resources were walked, so that ten thousand operations
/// cost no more than ten thousand look-ups, and a resource bound under
/// several parents is walked once, not once per path to it.
pub fn bound_operations(model: &Model, service: &Service) -> Vec<ShapeId> {
    let mut out = Vec::new();
    let mut taken = BTreeSet::new();
    let mut push = |id: &ShapeId, out: &mut Vec<ShapeId>| {
        if taken.insert(id.clone()) {
            out.push(id.clone());
        }
    };
    for op in &service.operations {
        push(op, &mut out);
    }
    let mut walked = BTreeSet::new();
    let mut stack: Vec<&ShapeId> = service.resources.iter().rev().collect();
    while let Some(id) = stack.pop() {
        if !walked.insert(id) {
            continue;
        }
        if let ShapeKind::Resource(resource) = &model.expect(id).kind {
            for op in resource.all_operations() {
                push(op, &mut out);
            }
            stack.extend(resource.resources.iter().rev());
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
