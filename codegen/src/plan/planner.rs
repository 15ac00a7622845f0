//! The planner: walks the selected shapes of the model once and records
//! every decision about the Rust side (names, locations, field types,
//! optionality, documentation).

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::checks::{check_collisions, check_paginated, reject_unsupported};
use super::cycles::box_cycles;
use super::fixed_names;
use super::protocol_tests;
use super::validation::validation_plan;
use super::*;
use crate::docs::html_to_markdown;
use crate::error::{Error, Result};
use crate::model::traits::{ids, Deprecated, Paginated, TimestampFormat};
use crate::model::{prelude, Member, Model, Shape, ShapeId, ShapeKind};
use crate::naming;
use crate::select::Closure;

/// Builds the plan for `closure` in `model`.
pub fn plan(model: &Model, closure: &Closure) -> Result<Plan> {
    // Every walk over a member's Rust type below recurses as deep as lists
    // and maps nest: bounded here first.
    crate::nesting::check(model, &closure.shapes)?;
    let mut service = service_plan(model, &closure.service)?;
    service.left_out = closure.left_out.clone();
    reject_unsupported(model, closure)?;
    let renames = renames(model, &closure.service);
    let mut planner = Planner {
        model,
        renames,
        inputs: inputs(model, closure),
        types: BTreeMap::new(),
    };
    let roles = io_roles(model, closure);
    let mut operations = Vec::new();
    for op_id in &closure.operations {
        operations.push(planner.operation(op_id, &service, &roles)?);
    }
    for id in &closure.shapes {
        // Prelude shapes never become Rust types of their own (`Unit`
        // members are unit variants), so a service shape of the same
        // name cannot collide with them.
        if planner.types.contains_key(id) || id.is_prelude() {
            continue;
        }
        let shape = model.expect(id);
        if shape.traits.is_mixin() {
            continue;
        }
        let name = planner.name_of(shape);
        let location = if shape.traits.fault().is_some() {
            Location::Errors
        } else {
            Location::Types
        };
        if let Some(plan) = planner.type_plan(shape, name, location, None)? {
            planner.types.insert(id.clone(), plan);
        }
    }
    for op in &operations {
        if let Some(TypeKind::Structure(s)) = planner.types.get_mut(&op.output).map(|t| &mut t.kind)
        {
            s.carries_response_metadata = true;
        }
    }
    let mut plan = Plan {
        service,
        operations,
        types: planner.types,
        validation: Default::default(),
        protocol_tests: Vec::new(),
        option_shadowed: false,
    };
    plan.option_shadowed = plan.types.values().any(|t| t.name == "Option")
        || plan.operations.iter().any(|o| o.type_name == "Option");
    box_cycles(&mut plan);
    crate::size::box_large(&mut plan);
    check_collisions(&plan)?;
    plan.validation = validation_plan(&mut plan);
    plan.protocol_tests = protocol_tests::cases(model, &plan);
    Ok(plan)
}

struct Planner<'m> {
    model: &'m Model,
    renames: BTreeMap<ShapeId, String>,
    /// The operations' input structures, whose setters also live on the
    /// fluent builders.
    inputs: BTreeSet<ShapeId>,
    types: BTreeMap<ShapeId, TypePlan>,
}

fn inputs(model: &Model, closure: &Closure) -> BTreeSet<ShapeId> {
    closure
        .operations
        .iter()
        .filter_map(|id| match &model.expect(id).kind {
            ShapeKind::Operation(op) => op.input.clone(),
            _ => None,
        })
        .collect()
}

/// How an input or output structure is used: by exactly one operation and
/// nowhere else, it becomes `<Operation>Input` / `<Operation>Output` in the
/// operation's module; otherwise it stays a shared type in `types`.
fn io_roles(model: &Model, closure: &Closure) -> BTreeMap<ShapeId, usize> {
    let mut uses: BTreeMap<ShapeId, usize> = BTreeMap::new();
    for op_id in &closure.operations {
        if let ShapeKind::Operation(op) = &model.expect(op_id).kind {
            for io in op.input.iter().chain(&op.output) {
                *uses.entry(io.clone()).or_default() += 1;
            }
        }
    }
    for id in &closure.shapes {
        for member in model.expect(id).kind.members() {
            if let Some(count) = uses.get_mut(&member.target) {
                *count += 1;
            }
        }
    }
    uses
}

impl<'m> Planner<'m> {
    fn name_of(&self, shape: &Shape) -> String {
        match self.renames.get(&shape.id) {
            Some(name) => naming::type_name(name),
            None => naming::type_name(shape.id.name()),
        }
    }

    fn operation(
        &mut self,
        op_id: &ShapeId,
        service: &ServicePlan,
        roles: &BTreeMap<ShapeId, usize>,
    ) -> Result<OperationPlan> {
        let shape = self.model.expect(op_id);
        let ShapeKind::Operation(op) = &shape.kind else {
            unreachable!("selection yields operations only")
        };
        let type_name = self.name_of(shape);
        let module = unreserved_module(naming::module_name(&type_name), &["operation"]);
        let mut io =
            |target: &Option<ShapeId>, suffix: &str, role: StructRole| -> Result<ShapeId> {
                let unit = prelude::unit_id();
                match target {
                    Some(id) if *id != unit && roles.get(id) != Some(&1) => Ok(id.clone()),
                    Some(id) if *id != unit => {
                        let shape = self.model.expect(id);
                        let name = format!("{type_name}{suffix}");
                        let location = Location::Operation(module.clone());
                        let plan = self
                            .type_plan(shape, name, location, Some(role))?
                            .expect("input and output are structures");
                        self.types.insert(id.clone(), plan);
                        Ok(id.clone())
                    }
                    _ => {
                        // No input or output: an empty structure keeps every
                        // operation's API the same shape.
                        let id = op_id.with_member(&suffix.to_lowercase());
                        let docs = format!(
                            "The {} of `{type_name}`, which has no members.",
                            suffix.to_lowercase()
                        );
                        self.types.insert(
                            id.clone(),
                            TypePlan {
                                id: id.clone(),
                                name: format!("{type_name}{suffix}"),
                                module: naming::module_name(&format!("{type_name}{suffix}")),
                                location: Location::Operation(module.clone()),
                                docs,
                                deprecated: None,
                                kind: TypeKind::Structure(StructPlan {
                                    fields: Vec::new(),
                                    builder: format!("{type_name}{suffix}Builder"),
                                    carries_response_metadata: false,
                                    role,
                                }),
                            },
                        );
                        Ok(id)
                    }
                }
            };
        let input = io(&op.input, "Input", StructRole::Input)?;
        let output = io(&op.output, "Output", StructRole::Output)?;
        let mut errors = op.errors.clone();
        for error in &service.errors {
            if !errors.contains(error) {
                errors.push(error.clone());
            }
        }
        let auth = match shape.traits.get(ids::AUTH).and_then(Value::as_array) {
            Some(schemes) if schemes.is_empty() => Auth::None,
            _ if shape.traits.has(ids::OPTIONAL_AUTH) => Auth::Optional,
            _ => Auth::SigV4,
        };
        let paginated = self.paginated(shape, &service.id);
        let names = OperationNames {
            input: format!("{type_name}Input"),
            output: format!("{type_name}Output"),
            error: format!("{type_name}Error"),
            fluent_builder: format!("{type_name}FluentBuilder"),
            paginator: paginated.as_ref().map(|_| {
                (
                    format!("{type_name}Paginator"),
                    format!("{type_name}PaginatorItems"),
                )
            }),
        };
        if let Some(p) = &paginated {
            check_paginated(self.model, op_id, p, &op.input, &op.output)?;
        }
        let host_prefix = match shape
            .traits
            .get(ids::ENDPOINT)
            .and_then(|e| e.get("hostPrefix"))
            .and_then(Value::as_str)
        {
            Some(prefix) => Some(self.host_prefix(op_id, prefix, &input)?),
            None => None,
        };
        let gzip = shape
            .traits
            .get(ids::REQUEST_COMPRESSION)
            .and_then(|c| c.get("encodings"))
            .and_then(Value::as_array)
            .is_some_and(|e| {
                e.iter()
                    .any(|v| v.as_str().is_some_and(|v| v.eq_ignore_ascii_case("gzip")))
            });
        let endpoint_member = endpoint_member(service, op_id).and_then(|member| {
            self.field_of(&input, member)
                .map(|f| (f.name.clone(), f.optional))
        });
        Ok(OperationPlan {
            id: op_id.clone(),
            host_prefix,
            gzip,
            endpoint_member,
            wire_name: op_id.name().to_owned(),
            docs: docs_of(shape.traits.documentation()),
            deprecated: shape.traits.deprecated(),
            type_name,
            module,
            names,
            input,
            output,
            errors,
            auth,
            paginated,
        })
    }

    /// The operation's `@paginated`, completed by the service's.
    fn paginated(&self, op: &Shape, service: &ShapeId) -> Option<Paginated> {
        let defaults = self.model.expect(service).traits.paginated();
        op.traits
            .paginated()
            .map(|p| p.with_defaults(defaults.as_ref()))
    }

    fn field_of(&self, input: &ShapeId, member: &str) -> Option<&FieldPlan> {
        match &self.types.get(input)?.kind {
            TypeKind::Structure(s) => s.fields.iter().find(|f| f.member == member),
            _ => None,
        }
    }

    /// Splits `foo.{label}.` into text and labels, checking that each label
    /// names a string member of the input marked `@hostLabel`.
    fn host_prefix(&self, op: &ShapeId, prefix: &str, input: &ShapeId) -> Result<HostPrefix> {
        let mut parts = Vec::new();
        let mut rest = prefix;
        while let Some(open) = rest.find('{') {
            if open > 0 {
                parts.push(HostPart::Text(rest[..open].to_owned()));
            }
            let close = rest[open..].find('}').map(|c| open + c).ok_or_else(|| {
                Error::generate(
                    op.to_string(),
                    format!("hostPrefix `{prefix}` has an unclosed `{{`"),
                )
            })?;
            let label = &rest[open + 1..close];
            let field = self
                .field_of(input, label)
                .filter(|f| f.ty == RustType::String)
                .filter(|_| {
                    self.model
                        .expect(input)
                        .member(label)
                        .is_some_and(|m| m.traits.has(ids::HOST_LABEL))
                })
                .ok_or_else(|| {
                    Error::generate(
                        op.to_string(),
                        format!("hostPrefix label `{label}` needs a string input member of that name marked @hostLabel"),
                    )
                })?;
            parts.push(HostPart::Label {
                member: label.to_owned(),
                field: field.name.clone(),
                optional: field.optional,
            });
            rest = &rest[close + 1..];
        }
        if !rest.is_empty() {
            parts.push(HostPart::Text(rest.to_owned()));
        }
        Ok(HostPrefix { parts })
    }

    /// The plan of one data shape, or `None` for shapes that need no Rust
    /// type of their own (simple types, lists and maps become std types).
    fn type_plan(
        &self,
        shape: &Shape,
        name: String,
        location: Location,
        role: Option<StructRole>,
    ) -> Result<Option<TypePlan>> {
        let kind = match &shape.kind {
            ShapeKind::Structure(members) => {
                let role = match role {
                    Some(role) => role,
                    None => match shape.traits.fault() {
                        Some(fault) => StructRole::Error(ErrorPlan {
                            code: shape.id.name().to_owned(),
                            fault,
                            retryable: shape.traits.retryable(),
                            http_status: shape.traits.http_error(),
                            boxed: false,
                            check: fixed_names::error_check(naming::plain(&naming::field_name(
                                &name,
                            ))),
                        }),
                        None => StructRole::Data,
                    },
                };
                let fields = members
                    .iter()
                    .map(|m| self.field(&shape.id, m, &role))
                    .collect::<Result<Vec<_>>>()?;
                TypeKind::Structure(StructPlan {
                    fields,
                    builder: format!("{name}Builder"),
                    carries_response_metadata: false,
                    role,
                })
            }
            ShapeKind::Union(members) => TypeKind::Union(
                members
                    .iter()
                    .zip(naming::variant_names(
                        &members.iter().map(|m| m.name.as_str()).collect::<Vec<_>>(),
                    ))
                    .map(|(m, name)| self.union_variant(&shape.id, m, name))
                    .collect::<Result<Vec<_>>>()?,
            ),
            ShapeKind::Enum(members) => TypeKind::Enum(enum_variants(members)),
            ShapeKind::String if shape.traits.has(ids::ENUM) => {
                TypeKind::Enum(legacy_enum_variants(shape))
            }
            ShapeKind::IntEnum(members) => {
                let names = naming::variant_names(
                    &members.iter().map(|m| m.name.as_str()).collect::<Vec<_>>(),
                );
                TypeKind::IntEnum(
                    members
                        .iter()
                        .zip(names)
                        .map(|(m, name)| IntEnumVariant {
                            name,
                            value: m
                                .traits
                                .enum_value()
                                .and_then(Value::as_i64)
                                .unwrap_or_default(),
                            docs: docs_of(m.traits.documentation()),
                            deprecated: m.traits.deprecated(),
                        })
                        .collect(),
                )
            }
            _ => return Ok(None),
        };
        let reserved: &[&str] = match location {
            Location::Types => &["error", "builders", "types"],
            Location::Errors => &["error", "builders"],
            Location::Operation(_) => &[],
        };
        let mut docs = docs_of(shape.traits.documentation());
        if docs.is_empty() {
            docs = match &kind {
                TypeKind::Structure(s) => match (
                    &s.role,
                    name.strip_suffix("Input"),
                    name.strip_suffix("Output"),
                ) {
                    (StructRole::Input, Some(op), _) => {
                        format!("The input of the `{op}` operation.")
                    }
                    (StructRole::Output, _, Some(op)) => {
                        format!("The output of the `{op}` operation.")
                    }
                    (StructRole::Error(e), _, _) => format!("The service's `{}` error.", e.code),
                    _ => format!("The `{}` structure of the model.", shape.id.name()),
                },
                TypeKind::Union(_) => format!(
                    "The `{}` union of the model: one of its members.",
                    shape.id.name()
                ),
                TypeKind::Enum(_) | TypeKind::IntEnum(_) => {
                    format!(
                        "The values of `{}` the model lists, and any other the service sends.",
                        shape.id.name()
                    )
                }
            };
        }
        Ok(Some(TypePlan {
            id: shape.id.clone(),
            module: unreserved_module(naming::module_name(&name), reserved),
            docs,
            deprecated: shape.traits.deprecated(),
            name,
            location,
            kind,
        }))
    }

    fn field(&self, parent: &ShapeId, member: &Member, role: &StructRole) -> Result<FieldPlan> {
        let target = self.model.expect(&member.target);
        let ty = self.rust_type(member)?;
        let required = member.traits.is_required();
        let default = member
            .traits
            .default_value()
            .filter(|v| !v.is_null())
            .cloned();
        let client_optional = member.traits.is_client_optional();
        let idempotency_token = member.traits.is_idempotency_token();
        // Required members are plain fields. Members with a default are too,
        // except in operation input: there "not set" must stay expressible
        // so the service, not the client, applies its own default. An
        // idempotency token stays optional even when required: unset means
        // "make one up", which the request builder does.
        let optional = client_optional
            || idempotency_token
            || !(required || (default.is_some() && *role != StructRole::Input));
        let mut docs = docs_of(
            member
                .traits
                .documentation()
                .or(target.traits.documentation()),
        );
        if docs.is_empty() {
            docs = format!("The `{}` member of `{}`.", member.name, parent.name());
        }
        if idempotency_token {
            docs.push_str(
                "\n\nAn idempotency token: when it is not set, building the request fills in a fresh \
                 random UUID (version 4), so each request built gets its own token, and a request sent \
                 again as it is (a retry) keeps it. Set it yourself to make a call you repeat count once.",
            );
        }
        let mut name = naming::field_name(&member.name);
        if matches!(role, StructRole::Error(_)) && name == fixed_names::ERROR_METADATA_FIELD {
            // The error's own metadata is in `meta`.
            name.push_str("_value");
            docs.push_str(&format!(
                "\n\nThe field is `{name}` because error structures keep the response's \
                 metadata in `{}`.",
                fixed_names::ERROR_METADATA_FIELD
            ));
        }
        let plain = naming::plain(&name).to_owned();
        let fixed = fixed_names::setter_namespace(role, self.inputs.contains(parent));
        Ok(FieldPlan {
            member: member.name.clone(),
            setter: fixed_names::setter_name(&name, &plain, &fixed),
            set: format!("set_{plain}"),
            get: format!("get_{plain}"),
            default_fns: default
                .as_ref()
                .filter(|_| !client_optional)
                .map(|_| DefaultFns {
                    value: format!("default_{plain}"),
                    deserialize: format!("deserialize_{plain}"),
                    serialize: format!("serialize_{plain}"),
                }),
            plain,
            name,
            optional,
            boxed: false,
            required,
            default: if client_optional { None } else { default },
            sensitive: self.is_sensitive(member),
            docs,
            deprecated: member.traits.deprecated(),
            idempotency_token,
            constraints: self.constraints(parent, member, &ty),
            ty,
        })
    }

    fn union_variant(
        &self,
        parent: &ShapeId,
        member: &Member,
        name: String,
    ) -> Result<UnionVariant> {
        let target = self.model.expect(&member.target);
        let ty = if member.target == prelude::unit_id() {
            None
        } else {
            Some(self.rust_type(member)?)
        };
        let mut docs = docs_of(
            member
                .traits
                .documentation()
                .or(target.traits.documentation()),
        );
        if docs.is_empty() {
            docs = format!("The `{}` variant.", member.name);
        }
        let constraints = match &ty {
            Some(ty) => self.constraints(parent, member, ty),
            None => Constraints::default(),
        };
        Ok(UnionVariant {
            member: member.name.clone(),
            name,
            ty,
            boxed: false,
            sensitive: self.is_sensitive(member),
            constraints,
            docs,
            deprecated: member.traits.deprecated(),
        })
    }

    /// The constraints of `member` (of `container`) whose Rust type is `ty`.
    fn constraints(&self, container: &ShapeId, member: &Member, ty: &RustType) -> Constraints {
        let target = self.model.expect(&member.target);
        let sized = matches!(
            ty,
            RustType::String | RustType::Blob | RustType::List { .. } | RustType::Map { .. }
        );
        let numeric = matches!(
            ty,
            RustType::I8
                | RustType::I16
                | RustType::I32
                | RustType::I64
                | RustType::F32
                | RustType::F64
                | RustType::BigInteger
                | RustType::BigDecimal
        );
        let pattern = match (member.traits.pattern(), target.traits.pattern()) {
            (Some(regex), _) => Some(Pattern {
                regex: regex.to_owned(),
                origin: container.with_member(&member.name),
            }),
            (None, Some(regex)) => Some(Pattern {
                regex: regex.to_owned(),
                origin: target.id.clone(),
            }),
            (None, None) => None,
        };
        let nested = |member: &Member, ty: &RustType| {
            Some(Box::new(self.constraints(&target.id, member, ty))).filter(|c| !c.is_empty())
        };
        let (items, keys, values) = match (&target.kind, ty) {
            (ShapeKind::List(item), RustType::List { item: item_ty, .. }) => {
                (nested(item, item_ty), None, None)
            }
            (
                ShapeKind::Map { key, value },
                RustType::Map {
                    key: key_ty,
                    value: value_ty,
                    ..
                },
            ) => (None, nested(key, key_ty), nested(value, value_ty)),
            _ => (None, None, None),
        };
        Constraints {
            length: member
                .traits
                .length()
                .or_else(|| target.traits.length())
                .filter(|b| sized && super::validation::length_limits_anything(b)),
            range: member
                .traits
                .range()
                .or_else(|| target.traits.range())
                .filter(|b| numeric && super::validation::range_limits_anything(ty, b)),
            pattern: pattern.filter(|_| *ty == RustType::String),
            items,
            keys,
            values,
        }
    }

    /// `@sensitive` on the member, on its target, or on anything a list or
    /// map target holds: the whole value is then redacted in `Debug`.
    fn is_sensitive(&self, member: &Member) -> bool {
        if member.traits.is_sensitive() {
            return true;
        }
        let mut seen = BTreeSet::new();
        self.target_is_sensitive(&member.target, &mut seen)
    }

    fn target_is_sensitive(&self, id: &ShapeId, seen: &mut BTreeSet<ShapeId>) -> bool {
        if !seen.insert(id.clone()) {
            return false;
        }
        let shape = self.model.expect(id);
        if shape.traits.is_sensitive() {
            return true;
        }
        match &shape.kind {
            ShapeKind::List(item) => {
                item.traits.is_sensitive() || self.target_is_sensitive(&item.target, seen)
            }
            ShapeKind::Map { key, value } => {
                key.traits.is_sensitive()
                    || value.traits.is_sensitive()
                    || self.target_is_sensitive(&key.target, seen)
                    || self.target_is_sensitive(&value.target, seen)
            }
            _ => false,
        }
    }

    fn rust_type(&self, member: &Member) -> Result<RustType> {
        let target = self.model.expect(&member.target);
        let timestamp_format = member
            .traits
            .timestamp_format()
            .or(target.traits.timestamp_format());
        Ok(match &target.kind {
            ShapeKind::Blob => RustType::Blob,
            ShapeKind::Boolean => RustType::Bool,
            ShapeKind::String if target.traits.has(ids::ENUM) => RustType::Named(target.id.clone()),
            ShapeKind::String => RustType::String,
            ShapeKind::Byte => RustType::I8,
            ShapeKind::Short => RustType::I16,
            ShapeKind::Integer => RustType::I32,
            ShapeKind::Long => RustType::I64,
            ShapeKind::Float => RustType::F32,
            ShapeKind::Double => RustType::F64,
            ShapeKind::BigInteger => RustType::BigInteger,
            ShapeKind::BigDecimal => RustType::BigDecimal,
            ShapeKind::Timestamp => {
                RustType::Timestamp(timestamp_format.unwrap_or(TimestampFormat::EpochSeconds))
            }
            ShapeKind::Document => RustType::Document,
            ShapeKind::Enum(_)
            | ShapeKind::IntEnum(_)
            | ShapeKind::Structure(_)
            | ShapeKind::Union(_) => RustType::Named(target.id.clone()),
            ShapeKind::List(item) => RustType::List {
                item: Box::new(self.rust_type(item)?),
                sparse: target.traits.is_sparse(),
            },
            ShapeKind::Map { key, value } => RustType::Map {
                key: Box::new(self.rust_type(key)?),
                value: Box::new(self.rust_type(value)?),
                sparse: target.traits.is_sparse(),
            },
            ShapeKind::Service(_) | ShapeKind::Resource(_) | ShapeKind::Operation(_) => {
                unreachable!(
                    "validation rejects members that target {}",
                    target.kind.type_name()
                )
            }
        })
    }
}

/// Service customizations that take the endpoint from an input member. Amazon
/// Machine Learning hands out a per-model endpoint that `Predict` must be
/// sent to; its protocol tests expect clients to honour it.
fn endpoint_member(service: &ServicePlan, op: &ShapeId) -> Option<&'static str> {
    match (service.sdk_id.as_deref(), op.name()) {
        (Some("Machine Learning"), "Predict") => Some("PredictEndpoint"),
        _ => None,
    }
}

/// A module name the enclosing module already uses gets a trailing
/// underscore: `types` declares `error` and `builders` itself, and Clippy
/// rejects a module named like the one it is in (`types::error::error`,
/// `operation::operation`). So an error shape called `Error` lives in
/// `types/error/error_.rs`.
fn unreserved_module(module: String, reserved: &[&str]) -> String {
    if reserved.contains(&module.as_str()) {
        module + "_"
    } else {
        module
    }
}

fn docs_of(html: Option<&str>) -> String {
    html.map(html_to_markdown).unwrap_or_default()
}

fn enum_variants(members: &[Member]) -> Vec<EnumVariant> {
    let names = naming::variant_names(&members.iter().map(|m| m.name.as_str()).collect::<Vec<_>>());
    members
        .iter()
        .zip(names)
        .map(|(m, name)| EnumVariant {
            name,
            value: m
                .traits
                .enum_value()
                .and_then(Value::as_str)
                .unwrap_or(&m.name)
                .to_owned(),
            docs: docs_of(m.traits.documentation()),
            deprecated: m.traits.deprecated(),
        })
        .collect()
}

/// Smithy 1.0 `@enum` on a string: variants are named by `name` when given,
/// else by the value itself.
fn legacy_enum_variants(shape: &Shape) -> Vec<EnumVariant> {
    let entries: Vec<&Value> = shape
        .traits
        .get(ids::ENUM)
        .and_then(Value::as_array)
        .map(|a| a.iter().collect())
        .unwrap_or_default();
    let field = |v: &Value, name: &str| v.get(name).and_then(Value::as_str).map(str::to_owned);
    let labels: Vec<String> = entries
        .iter()
        .map(|e| {
            field(e, "name")
                .or_else(|| field(e, "value"))
                .unwrap_or_default()
        })
        .collect();
    let names = naming::variant_names(&labels.iter().map(String::as_str).collect::<Vec<_>>());
    entries
        .iter()
        .zip(names)
        .map(|(e, name)| EnumVariant {
            name,
            value: field(e, "value").unwrap_or_default(),
            docs: docs_of(e.get("documentation").and_then(Value::as_str)),
            deprecated: e
                .get("deprecated")
                .and_then(Value::as_bool)
                .filter(|d| *d)
                .map(|_| Deprecated::default()),
        })
        .collect()
}

fn service_plan(model: &Model, id: &ShapeId) -> Result<ServicePlan> {
    let shape = model.expect(id);
    let ShapeKind::Service(service) = &shape.kind else {
        unreachable!("selection yields a service")
    };
    let protocol = if shape.traits.has(ids::AWS_JSON_1_1) {
        Protocol::AwsJson1_1
    } else if shape.traits.has(ids::AWS_JSON_1_0) {
        Protocol::AwsJson1_0
    } else {
        let found: Vec<&str> = shape
            .traits
            .iter()
            .map(|(k, _)| k.as_str())
            .filter(|k| k.starts_with("aws.protocols#") || k.contains("protocol"))
            .collect();
        return Err(Error::generate(
            id.to_string(),
            format!(
                "the service has no supported protocol trait: expected aws.protocols#awsJson1_1 or aws.protocols#awsJson1_0{}",
                if found.is_empty() { String::new() } else { format!(", found {}", found.join(", ")) }
            ),
        ));
    };
    let aws = shape.traits.get(ids::AWS_SERVICE);
    let text = |v: Option<&Value>, key: &str| {
        v.and_then(|v| v.get(key))
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    let sdk_id = text(aws, "sdkId");
    Ok(ServicePlan {
        id: id.clone(),
        title: shape
            .traits
            .title()
            .map(str::to_owned)
            .or_else(|| sdk_id.clone())
            .unwrap_or_else(|| id.name().to_owned()),
        docs: docs_of(shape.traits.documentation()),
        protocol,
        target_prefix: id.name().to_owned(),
        signing_name: text(shape.traits.get(ids::SIGV4), "name"),
        endpoint_prefix: text(aws, "endpointPrefix"),
        sdk_id,
        version: service.version.clone(),
        query_compatible: shape.traits.has(ids::AWS_QUERY_COMPATIBLE),
        errors: service.errors.clone(),
        left_out: Vec::new(),
    })
}

fn renames(model: &Model, service: &ShapeId) -> BTreeMap<ShapeId, String> {
    match &model.expect(service).kind {
        ShapeKind::Service(s) => s.rename.iter().cloned().collect(),
        _ => BTreeMap::new(),
    }
}
