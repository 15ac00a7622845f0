//! The Smithy JSON AST as Rust data, and the loader that builds it: parse
//! each file, merge files and metadata, add the prelude, apply `apply`
//! entries, flatten mixins, then validate every reference.

mod parse;
pub mod prelude;
mod shape;
mod shape_id;
pub mod traits;
mod validate;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::{Map, Value};

pub use shape::{Member, Operation, Resource, Service, Shape, ShapeKind};
pub use shape_id::ShapeId;
pub use traits::Traits;

use crate::error::{Error, Result};
use parse::Version;

/// A loaded, validated model. Shapes are ordered by id.
#[derive(Clone, Debug, Default)]
pub struct Model {
    shapes: BTreeMap<ShapeId, Shape>,
    metadata: Map<String, Value>,
    /// The file each shape came from, for error messages after loading.
    origins: BTreeMap<ShapeId, String>,
}

impl Model {
    /// Loads and validates one model file.
    pub fn load(path: &Path) -> Result<Model> {
        Model::load_all(&[path])
    }

    /// Loads several files as one model (their shapes and metadata merged).
    pub fn load_all<P: AsRef<Path>>(paths: &[P]) -> Result<Model> {
        let mut sources = Vec::new();
        for path in paths {
            let path = path.as_ref();
            let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
                path: path.to_owned(),
                source,
            })?;
            sources.push((path.display().to_string(), text));
        }
        Model::from_sources(sources.iter().map(|(name, text)| (name.as_str(), text.as_str())))
    }

    /// Loads a model from in-memory `(file name, JSON text)` pairs.
    pub fn from_sources<'a>(sources: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<Model> {
        let mut model = Model::default();
        let mut applies = Vec::new();
        let mut v1_shapes = BTreeSet::new();
        for (file, text) in sources {
            let document = parse::document(file, text)?;
            merge_metadata(&mut model.metadata, document.metadata, file)?;
            for shape in document.shapes {
                if document.version == Version::V1 {
                    v1_shapes.insert(shape.id.clone());
                }
                model.insert(file, shape)?;
            }
            applies.extend(document.applies.into_iter().map(|(id, traits)| (file.to_owned(), id, traits)));
        }
        for shape in prelude::shapes() {
            if !model.shapes.contains_key(&shape.id) {
                model.origins.insert(shape.id.clone(), "<prelude>".to_owned());
                model.shapes.insert(shape.id.clone(), shape);
            }
        }
        validate::case_insensitive_ids(&model)?;
        for (file, id, traits) in applies {
            model.apply(&file, &id, &traits)?;
        }
        validate::mixins(&model)?;
        model.flatten_mixins();
        model.box_smithy_1_primitives(&v1_shapes);
        validate::shapes(&model)?;
        Ok(model)
    }

    fn insert(&mut self, file: &str, shape: Shape) -> Result<()> {
        if let Some(existing) = self.shapes.get(&shape.id) {
            if *existing == shape {
                return Ok(());
            }
            let first = &self.origins[&shape.id];
            return Err(Error::model(
                file,
                shape.id.to_string(),
                format!("defined again, differently (first defined in {first})"),
            ));
        }
        self.origins.insert(shape.id.clone(), file.to_owned());
        self.shapes.insert(shape.id.clone(), shape);
        Ok(())
    }

    fn apply(&mut self, file: &str, id: &ShapeId, traits: &Traits) -> Result<()> {
        let missing = || Error::model(file, id.to_string(), "`apply` targets a shape that does not exist");
        let shape = self.shapes.get_mut(&id.root()).ok_or_else(missing)?;
        let target = match id.member() {
            None => &mut shape.traits,
            Some(name) => {
                &mut shape
                    .kind
                    .members_mut()
                    .into_iter()
                    .find(|m| m.name == name)
                    .ok_or_else(missing)?
                    .traits
            }
        };
        for (trait_id, value) in traits.iter() {
            target.insert(trait_id.clone(), value.clone());
        }
        Ok(())
    }

    /// Copies each mixin's members and traits into the shapes that use it,
    /// mixins of mixins first. Members from mixins come before the shape's
    /// own, and a trait the shape sets itself wins over an inherited one.
    fn flatten_mixins(&mut self) {
        let mut done: BTreeSet<ShapeId> = BTreeSet::new();
        let ids: Vec<ShapeId> = self.shapes.keys().cloned().collect();
        for id in ids {
            self.flatten_one(&id, &mut done);
        }
    }

    fn flatten_one(&mut self, id: &ShapeId, done: &mut BTreeSet<ShapeId>) {
        if !done.insert(id.clone()) {
            return;
        }
        let mixins = self.shapes[id].mixins.clone();
        for mixin in &mixins {
            self.flatten_one(mixin, done);
        }
        for mixin_id in &mixins {
            let mixin = self.shapes[mixin_id].clone();
            let shape = self.shapes.get_mut(id).expect("validated above");
            let local: BTreeSet<String> = mixin
                .traits
                .get(traits::ids::MIXIN)
                .and_then(|v| v.get("localTraits"))
                .and_then(Value::as_array)
                .map(|a| a.iter().filter_map(Value::as_str).map(str::to_owned).collect())
                .unwrap_or_default();
            let mut inherited = mixin.traits.clone();
            inherited.remove(traits::ids::MIXIN);
            for trait_id in &local {
                inherited.remove(trait_id);
            }
            shape.traits.inherit(&inherited);
            inherit_members(&mut shape.kind, &mixin.kind);
        }
    }

    /// Smithy 1.0 number and boolean shapes are primitives (never null)
    /// unless `@box` says otherwise; 2.0 spells that as `@default(0)`.
    fn box_smithy_1_primitives(&mut self, v1_shapes: &BTreeSet<ShapeId>) {
        let unboxed: BTreeMap<ShapeId, Value> = self
            .shapes
            .values()
            .filter(|s| s.kind.is_number_or_boolean() && !s.traits.has(traits::ids::BOX))
            .filter(|s| v1_shapes.contains(&s.id) || s.traits.default_value().is_some())
            .map(|s| {
                let zero = match s.kind {
                    ShapeKind::Boolean => Value::Bool(false),
                    _ => Value::from(0),
                };
                (s.id.clone(), zero)
            })
            .collect();
        for id in v1_shapes {
            let shape = self.shapes.get_mut(id).expect("inserted above");
            if let ShapeKind::Structure(members) = &mut shape.kind {
                for member in members {
                    if member.traits.has(traits::ids::BOX) || member.traits.default_value().is_some() {
                        continue;
                    }
                    if let Some(zero) = unboxed.get(&member.target) {
                        member.traits.insert(traits::ids::DEFAULT, zero.clone());
                    }
                }
            }
        }
    }

    pub fn shape(&self, id: &ShapeId) -> Option<&Shape> {
        self.shapes.get(id)
    }

    /// A shape that validation guarantees exists (a member target, a bound operation).
    pub fn expect(&self, id: &ShapeId) -> &Shape {
        self.shapes
            .get(id)
            .unwrap_or_else(|| panic!("validated model has no shape {id}"))
    }

    pub fn shapes(&self) -> impl Iterator<Item = &Shape> {
        self.shapes.values()
    }

    pub fn metadata(&self) -> &Map<String, Value> {
        &self.metadata
    }

    /// The file a shape was loaded from.
    pub fn origin(&self, id: &ShapeId) -> &str {
        self.origins.get(&id.root()).map(String::as_str).unwrap_or("<model>")
    }

    /// Every service shape, in id order.
    pub fn services(&self) -> impl Iterator<Item = (&Shape, &Service)> {
        self.shapes.values().filter_map(|s| match &s.kind {
            ShapeKind::Service(service) => Some((s, service)),
            _ => None,
        })
    }

    /// Finds a shape by its name alone (`AdminInitiateAuth`), or by full id.
    pub fn find(&self, name: &str) -> Option<&Shape> {
        if name.contains('#') {
            return ShapeId::parse(name).ok().and_then(|id| self.shapes.get(&id));
        }
        let mut found = self.shapes.values().filter(|s| s.id.name() == name && !s.id.is_prelude());
        let first = found.next()?;
        found.next().is_none().then_some(first)
    }
}

fn inherit_members(shape: &mut ShapeKind, mixin: &ShapeKind) {
    let (own, inherited) = match (shape, mixin) {
        (ShapeKind::Structure(own), ShapeKind::Structure(inherited))
        | (ShapeKind::Union(own), ShapeKind::Union(inherited))
        | (ShapeKind::Enum(own), ShapeKind::Enum(inherited))
        | (ShapeKind::IntEnum(own), ShapeKind::IntEnum(inherited)) => (own, inherited),
        _ => return,
    };
    let mut merged: Vec<Member> = Vec::with_capacity(own.len() + inherited.len());
    for member in inherited {
        let mut member = member.clone();
        // A shape may redeclare an inherited member to add traits to it.
        if let Some(redeclared) = own.iter().find(|m| m.name == member.name) {
            let mut traits = redeclared.traits.clone();
            traits.inherit(&member.traits);
            member.traits = traits;
        }
        merged.push(member);
    }
    merged.extend(own.iter().filter(|m| !inherited.iter().any(|i| i.name == m.name)).cloned());
    *own = merged;
}

/// Metadata from several files: arrays are concatenated, equal values are
/// fine, anything else that differs is a conflict.
fn merge_metadata(into: &mut Map<String, Value>, from: Map<String, Value>, file: &str) -> Result<()> {
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
