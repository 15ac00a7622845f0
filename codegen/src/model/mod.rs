//! The Smithy JSON AST as Rust data, and the loader that builds it: parse
//! each file, merge files and metadata, add the prelude, apply `apply`
//! entries, flatten mixins, then validate every reference.

mod apply;
pub(crate) mod graph;
mod merge;
mod mixins;
mod parse;
pub mod prelude;
mod recursion;
mod shape;
mod shape_id;
mod smithy1;
pub mod traits;
mod validate;

#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::{Map, Value};

pub use mixins::MAX_MIXIN_DEPTH;
pub use parse::MAX_JSON_DEPTH;
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
        Model::from_sources(
            sources
                .iter()
                .map(|(name, text)| (name.as_str(), text.as_str())),
        )
    }

    /// Loads a model from in-memory `(file name, JSON text)` pairs.
    pub fn from_sources<'a>(
        sources: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Model> {
        let mut model = Model::default();
        let mut applies = Vec::new();
        let mut v1_shapes = BTreeSet::new();
        for (file, text) in sources {
            let document = parse::document(file, text)?;
            merge::metadata(&mut model.metadata, document.metadata, file)?;
            for shape in document.shapes {
                if document.version == Version::V1 {
                    v1_shapes.insert(shape.id.clone());
                }
                merge::shape(&mut model, file, shape)?;
            }
            applies.extend(
                document
                    .applies
                    .into_iter()
                    .map(|(id, traits)| apply::Apply {
                        file: file.to_owned(),
                        id,
                        traits,
                    }),
            );
        }
        for shape in prelude::shapes() {
            model
                .origins
                .insert(shape.id.clone(), "<prelude>".to_owned());
            model.shapes.insert(shape.id.clone(), shape);
        }
        validate::case_insensitive_ids(&model)?;
        let inherited_member_applies = apply::before_mixins(&mut model, applies)?;
        let order = mixins::check(&model)?;
        mixins::flatten(&mut model, &order)?;
        apply::after_mixins(&mut model, inherited_member_applies)?;
        smithy1::default_unboxed_members(&mut model, &v1_shapes);
        validate::shapes(&model)?;
        Ok(model)
    }

    /// The shape with this id, if the model has it.
    pub fn shape(&self, id: &ShapeId) -> Option<&Shape> {
        self.shapes.get(id)
    }

    /// A shape that validation guarantees exists (a member target, a bound operation).
    pub fn expect(&self, id: &ShapeId) -> &Shape {
        self.shapes
            .get(id)
            .unwrap_or_else(|| panic!("validated model has no shape {id}"))
    }

    /// A member's traits over those of the shape it targets (see
    /// [`Traits::over`]): `documentation()`, `length()`, `is_sensitive()`
    /// and the like on the result answer for the member as a whole.
    pub fn member_traits(&self, member: &Member) -> Traits {
        match self.shapes.get(&member.target) {
            Some(target) => member.traits.over(&target.traits),
            None => member.traits.clone(),
        }
    }

    /// Every shape, prelude included, in id order.
    pub fn shapes(&self) -> impl Iterator<Item = &Shape> {
        self.shapes.values()
    }

    /// The model's `metadata`, merged over its files.
    pub fn metadata(&self) -> &Map<String, Value> {
        &self.metadata
    }

    /// The file a shape was loaded from.
    pub fn origin(&self, id: &ShapeId) -> &str {
        self.origins
            .get(&id.root())
            .map(String::as_str)
            .unwrap_or("<model>")
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
            return ShapeId::parse(name)
                .ok()
                .and_then(|id| self.shapes.get(&id));
        }
        let mut found = self
            .shapes
            .values()
            .filter(|s| s.id.name() == name && !s.id.is_prelude());
        let first = found.next()?;
        found.next().is_none().then_some(first)
    }
}
