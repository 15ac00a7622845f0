//! Checks that refuse a plan the emitters could not turn into a correct
//! crate: unsupported members, unusable `@paginated` traits, and Rust names
//! that collide.

use std::collections::{BTreeMap, BTreeSet};

use super::fixed_names;
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

/// A path below the crate, as collision reports show it.
fn code(path: &str) -> String {
    format!("`crate::{path}`")
}

/// The owner of a name the emitters give an item of their own (see
/// [`fixed_names`]), in collision reports.
fn fixed(name: &str) -> String {
    format!("the generated `{name}`")
}

/// Every item name the crate declares beside the types themselves (builders,
/// operation markers and error enums, aliases, fluent builders, paginators,
/// the methods and fields of structures, builders, fluent builders, error
/// enums and the client), in the namespace that declares it, with the fixed
/// names of [`fixed_names`]: two equal names in one namespace would not
/// compile. The planner steers members' setters and error checks clear of
/// the fixed names; what is left here is refused by name.
fn check_item_names(plan: &Plan) -> Result<()> {
    // (namespace, owner, name)
    let mut items: Vec<(String, String, &str)> = Vec::new();
    let inputs: BTreeSet<&ShapeId> = plan.operations.iter().map(|op| &op.input).collect();
    for t in plan.types.values() {
        let owner = t.id.to_string();
        let module = t.location.module_path().join("::");
        let path = code(&format!("{module}::{}", t.name));
        items.push((code(&module), owner.clone(), &t.name));
        if let TypeKind::Structure(s) = &t.kind {
            let builders = t.location.builders_path().join("::");
            items.push((code(&builders), owner.clone(), &s.builder));
            let is_error = matches!(s.role, StructRole::Error(_));
            // The fields of the structure and of its builder.
            let fields = format!("the fields of {path}");
            for f in &s.fields {
                let member = t.id.with_member(&f.member).to_string();
                items.push((fields.clone(), member, naming::plain(&f.name)));
            }
            if is_error {
                let name = fixed_names::ERROR_METADATA_FIELD;
                items.push((fields.clone(), fixed(name), name));
            }
            if s.carries_response_metadata {
                let name = fixed_names::RESPONSE_METADATA_FIELD;
                items.push((fields.clone(), fixed(name), name));
            }
            // The structure's associated items.
            for name in fixed_names::STRUCT_FNS {
                items.push((path.clone(), fixed(name), name));
            }
            if is_error {
                let name = fixed_names::ERROR_STRUCT_CONST;
                items.push((path.clone(), fixed(name), name));
            }
            for f in &s.fields {
                let member = t.id.with_member(&f.member).to_string();
                if let Some(fns) = &f.default_fns {
                    for name in [&fns.value, &fns.deserialize, &fns.serialize] {
                        items.push((path.clone(), member.clone(), name));
                    }
                }
            }
            // The builder's methods, and the fluent builders' for an input.
            let methods = code(&format!("{builders}::{}", s.builder));
            for name in fixed_names::setter_namespace(&s.role, false) {
                items.push((methods.clone(), fixed(name), name));
            }
            for f in &s.fields {
                let member = t.id.with_member(&f.member).to_string();
                for name in [&f.setter, &f.set, &f.get] {
                    items.push((methods.clone(), member.clone(), naming::plain(name)));
                }
            }
            if inputs.contains(&t.id) {
                for op in plan.operations.iter().filter(|op| op.input == t.id) {
                    let fluent = code(&format!("client::builders::{}", op.names.fluent_builder));
                    for name in fixed_names::FLUENT_BUILDER_METHODS {
                        items.push((fluent.clone(), fixed(name), name));
                    }
                    for f in &s.fields {
                        let member = t.id.with_member(&f.member).to_string();
                        for name in [&f.setter, &f.set, &f.get] {
                            items.push((fluent.clone(), member.clone(), naming::plain(name)));
                        }
                    }
                }
            }
        }
    }
    // The crate-wide `Error` holds every error, as an operation's enum holds its own.
    let all_errors: Vec<ShapeId> = plan.errors().map(|t| t.id.clone()).collect();
    let mut enums: Vec<(String, &[ShapeId])> = vec![(code("error::Error"), &all_errors)];
    for op in &plan.operations {
        let module = Location::Operation(op.module.clone())
            .module_path()
            .join("::");
        enums.push((code(&format!("{module}::{}", op.names.error)), &op.errors));
    }
    for (path, errors) in &enums {
        let variants = format!("the variants of {path}");
        let unhandled = fixed_names::UNHANDLED_VARIANT;
        items.push((variants.clone(), fixed(unhandled), unhandled));
        for name in fixed_names::ERROR_ENUM_METHODS {
            items.push((path.clone(), fixed(name), name));
        }
        for error in *errors {
            let t = plan.ty(error);
            items.push((variants.clone(), error.to_string(), &t.name));
            if let TypeKind::Structure(StructPlan {
                role: StructRole::Error(e),
                ..
            }) = &t.kind
            {
                items.push((path.clone(), error.to_string(), &e.check));
            }
        }
    }
    for name in fixed_names::CLIENT_METHODS {
        items.push((code("client::Client"), fixed(name), name));
    }
    for op in &plan.operations {
        let method = naming::plain(&op.module);
        items.push((code("client::Client"), op.id.to_string(), method));
    }
    for op in &plan.operations {
        let owner = op.id.to_string();
        let module = code(
            &Location::Operation(op.module.clone())
                .module_path()
                .join("::"),
        );
        items.push((module.clone(), owner.clone(), &op.type_name));
        items.push((module.clone(), owner.clone(), &op.names.error));
        for (io, alias) in [(&op.input, &op.names.input), (&op.output, &op.names.output)] {
            // A type of the operation's own is listed with the types.
            if plan.ty(io).location != Location::Operation(op.module.clone()) {
                items.push((module.clone(), owner.clone(), alias));
            }
        }
        let client = code("client::builders");
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
                format!("these get the same Rust name `{name}` in {module}; {fix}"),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::model::Model;
    use crate::select::Selection;

    fn load(shapes: &str, operations: &str) -> (Model, crate::select::Closure) {
        let text = format!(
            r#"{{"smithy": "2.0", "shapes": {{
                "ex#Svc": {{"type": "service", "operations": [{operations}],
                            "traits": {{"aws.protocols#awsJson1_1": {{}}}}}},
                {shapes}
            }}}}"#
        );
        let model = Model::from_sources([("test.json", text.as_str())]).unwrap();
        let closure = crate::select::select(&model, None, &Selection::Service).unwrap();
        (model, closure)
    }

    fn plan_error(shapes: &str, operations: &str) -> String {
        let (model, closure) = load(shapes, operations);
        match crate::plan::plan(&model, &closure) {
            Ok(_) => "no error".to_owned(),
            Err(e) => e.to_string(),
        }
    }

    /// The fields of `id` in the plan: (field, setter, set, get).
    fn fields(shapes: &str, operations: &str, id: &str) -> Vec<[String; 4]> {
        let (model, closure) = load(shapes, operations);
        let plan = crate::plan::plan(&model, &closure).unwrap();
        let crate::plan::TypeKind::Structure(s) =
            &plan.ty(&crate::model::ShapeId::parse(id).unwrap()).kind
        else {
            panic!("{id} is a structure")
        };
        s.fields
            .iter()
            .map(|f| [&f.name, &f.setter, &f.set, &f.get].map(String::clone))
            .collect()
    }

    #[test]
    fn a_member_called_build_gets_a_setter_of_another_name() {
        let fields = fields(
            r#""ex#Op": {"type": "operation", "output": {"target": "ex#Out"}},
               "ex#Out": {"type": "structure", "members": {"build": {"target": "smithy.api#String"}}}"#,
            r#"{"target": "ex#Op"}"#,
            "ex#Out",
        );
        assert_eq!(fields, [["build", "build_value", "set_build", "get_build"]]);
    }

    #[test]
    fn input_setters_step_aside_for_the_fluent_builders_methods() {
        let shapes = r#""ex#Op": {"type": "operation", "input": {"target": "ex#In"}},
               "ex#In": {"type": "structure", "members": {
                   "send": {"target": "smithy.api#String"},
                   "as_input": {"target": "smithy.api#String"},
                   "type": {"target": "smithy.api#String"}}},
               "ex#Data": {"type": "structure", "members": {"send": {"target": "smithy.api#String"}}}"#;
        let setters = |id: &str| -> Vec<String> {
            fields(shapes, r#"{"target": "ex#Op"}"#, id)
                .into_iter()
                .map(|[_, setter, _, _]| setter)
                .collect()
        };
        assert_eq!(setters("ex#In"), ["send_value", "as_input_value", "r#type"]);
    }

    #[test]
    fn an_error_member_called_meta_gets_a_field_of_another_name() {
        let fields = fields(
            r#""ex#Op": {"type": "operation", "errors": [{"target": "ex#Oops"}]},
               "ex#Oops": {"type": "structure", "members": {"meta": {"target": "smithy.api#String"}},
                           "traits": {"smithy.api#error": "client"}}"#,
            r#"{"target": "ex#Op"}"#,
            "ex#Oops",
        );
        assert_eq!(
            fields,
            [[
                "meta_value",
                "meta_value",
                "set_meta_value",
                "get_meta_value"
            ]]
        );
    }

    #[test]
    fn a_setter_renamed_onto_another_members_is_refused() {
        let error = plan_error(
            r#""ex#Op": {"type": "operation", "output": {"target": "ex#Out"}},
               "ex#Out": {"type": "structure", "members": {
                   "build": {"target": "smithy.api#String"},
                   "build_value": {"target": "smithy.api#String"}}}"#,
            r#"{"target": "ex#Op"}"#,
        );
        assert_eq!(
            error,
            "ex#Out$build, ex#Out$build_value: these get the same Rust name `build_value` in \
             `crate::operation::op::OpOutputBuilder`; the generator has no way to rename a member, \
             so the model must change one of them"
        );
    }

    #[test]
    fn an_error_named_like_an_error_enum_method_gets_another_check() {
        let (model, closure) = load(
            r#""ex#Op": {"type": "operation", "errors": [{"target": "ex#Retryable"}]},
               "ex#Retryable": {"type": "structure", "members": {},
                                "traits": {"smithy.api#error": "server"}}"#,
            r#"{"target": "ex#Op"}"#,
        );
        let plan = crate::plan::plan(&model, &closure).unwrap();
        let crate::plan::TypeKind::Structure(s) = &plan
            .ty(&crate::model::ShapeId::parse("ex#Retryable").unwrap())
            .kind
        else {
            panic!("a structure")
        };
        assert!(
            matches!(&s.role, crate::plan::StructRole::Error(e) if e.check == "is_retryable_error")
        );
    }

    #[test]
    fn an_error_named_unhandled_is_refused() {
        let error = plan_error(
            r#""ex#Op": {"type": "operation", "errors": [{"target": "ex#Unhandled"}]},
               "ex#Unhandled": {"type": "structure", "members": {},
                                "traits": {"smithy.api#error": "server"}}"#,
            r#"{"target": "ex#Op"}"#,
        );
        assert_eq!(
            error,
            "ex#Unhandled, the generated `Unhandled`: these get the same Rust name `Unhandled` in \
             the variants of `crate::error::Error`; give one of them another name with the service's \
             `rename` property"
        );
    }

    #[test]
    fn an_operation_named_like_a_client_method_is_refused() {
        let error = plan_error(
            r#""ex#Config": {"type": "operation"}"#,
            r#"{"target": "ex#Config"}"#,
        );
        assert_eq!(
            error,
            "ex#Config, the generated `config`: these get the same Rust name `config` in \
             `crate::client::Client`; give one of them another name with the service's `rename` property"
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
