//! Checks that refuse a plan the emitters could not turn into a correct
//! crate: unsupported members, unusable `@paginated` traits, and Rust names
//! that collide.

use std::collections::{BTreeMap, BTreeSet};

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
    check_item_names(plan)?;
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

/// Every item name the crate declares beside the types themselves (builders,
/// operation markers and error enums, aliases, fluent builders, paginators,
/// builder methods, error checks), in the module that declares it: two
/// equal names in one module would not compile.
fn check_item_names(plan: &Plan) -> Result<()> {
    // (module path, owner, name)
    let mut items: Vec<(String, String, &str)> = Vec::new();
    for t in plan.types.values() {
        let owner = t.id.to_string();
        items.push((t.location.module_path().join("::"), owner.clone(), &t.name));
        if let TypeKind::Structure(s) = &t.kind {
            let builders = t.location.builders_path().join("::");
            items.push((builders, owner.clone(), &s.builder));
            // The builder's methods.
            let methods = format!("{}::{}", t.location.builders_path().join("::"), s.builder);
            items.push((methods.clone(), owner.clone(), "build"));
            for f in &s.fields {
                let member = t.id.with_member(&f.member).to_string();
                for name in [&f.name, &f.set, &f.get] {
                    items.push((methods.clone(), member.clone(), naming::plain(name)));
                }
            }
        }
    }
    for op in &plan.operations {
        let owner = op.id.to_string();
        let module = Location::Operation(op.module.clone())
            .module_path()
            .join("::");
        items.push((module.clone(), owner.clone(), &op.type_name));
        items.push((module.clone(), owner.clone(), &op.names.error));
        for (io, alias) in [(&op.input, &op.names.input), (&op.output, &op.names.output)] {
            // A type of the operation's own is listed with the types.
            if plan.ty(io).location != Location::Operation(op.module.clone()) {
                items.push((module.clone(), owner.clone(), alias));
            }
        }
        let error_enum = format!("{module}::{}", op.names.error);
        for error in &op.errors {
            if let TypeKind::Structure(StructPlan {
                role: StructRole::Error(e),
                ..
            }) = &plan.ty(error).kind
            {
                items.push((error_enum.clone(), error.to_string(), &e.check));
            }
        }
        let client = "client::builders".to_owned();
        items.push((client.clone(), owner.clone(), &op.names.fluent_builder));
        if let Some((pages, item)) = &op.names.paginator {
            items.push((client.clone(), owner.clone(), pages));
            items.push((client, owner.clone(), item));
        }
    }
    let mut by_module: BTreeMap<&str, Vec<(&str, String)>> = BTreeMap::new();
    for (module, owner, name) in &items {
        by_module
            .entry(module)
            .or_default()
            .push((owner, (*name).to_owned()));
    }
    for (module, names) in by_module {
        // One owner may hold a name more than once (a type and its alias).
        let mut seen: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        for (owner, name) in &names {
            seen.entry(name).or_default().insert(owner);
        }
        if let Some((name, owners)) = seen.iter().find(|(_, owners)| owners.len() > 1) {
            let owners: Vec<&str> = owners.iter().copied().collect();
            // `rename` renames shapes; a member's name is the model's.
            let fix = if owners.iter().any(|o| o.contains('$')) {
                "the generator has no way to rename a member, so the model must change one of them"
            } else {
                "give one of them another name with the service's `rename` property"
            };
            return Err(Error::generate(
                owners.join(", "),
                format!("these get the same Rust name `{name}` in `crate::{module}`; {fix}"),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::model::Model;
    use crate::select::Selection;

    fn plan_error(shapes: &str, operations: &str) -> String {
        let text = format!(
            r#"{{"smithy": "2.0", "shapes": {{
                "ex#Svc": {{"type": "service", "operations": [{operations}],
                            "traits": {{"aws.protocols#awsJson1_1": {{}}}}}},
                {shapes}
            }}}}"#
        );
        let model = Model::from_sources([("test.json", text.as_str())]).unwrap();
        let closure = crate::select::select(&model, None, &Selection::Service).unwrap();
        match crate::plan::plan(&model, &closure) {
            Ok(_) => "no error".to_owned(),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn a_member_called_build_collides_with_the_builders_build() {
        let error = plan_error(
            r#""ex#Op": {"type": "operation", "output": {"target": "ex#Out"}},
               "ex#Out": {"type": "structure", "members": {"build": {"target": "smithy.api#String"}}}"#,
            r#"{"target": "ex#Op"}"#,
        );
        assert!(
            error.contains("ex#Out, ex#Out$build")
                && error.contains("`build` in `crate::operation::op::OpOutputBuilder`"),
            "{error}"
        );
    }

    #[test]
    fn setters_of_two_members_collide() {
        // The setter of member `set_x` and the `set_` method of member `x`.
        let error = plan_error(
            r#""ex#Op": {"type": "operation", "input": {"target": "ex#In"}},
               "ex#In": {"type": "structure", "members": {
                    "x": {"target": "smithy.api#String"},
                    "set_x": {"target": "smithy.api#String"}}}"#,
            r#"{"target": "ex#Op"}"#,
        );
        assert!(
            error.contains("ex#In$set_x, ex#In$x: these get the same Rust name `set_x`"),
            "{error}"
        );
    }
}
