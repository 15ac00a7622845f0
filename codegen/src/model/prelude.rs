//! The `smithy.api` prelude: the shapes every model may target without
//! defining them. Trait definitions are not needed: traits stay opaque JSON.

use serde_json::json;

use super::{Shape, ShapeId, ShapeKind, Traits};

/// The prelude's simple shapes. The `Primitive*` ones carry the zero default
/// Smithy 2.0 gives them; `Unit` is the empty structure used by unions and
/// operations without input or output.
pub fn shapes() -> Vec<Shape> {
    let simple: [(&str, ShapeKind); 13] = [
        ("String", ShapeKind::String),
        ("Blob", ShapeKind::Blob),
        ("BigInteger", ShapeKind::BigInteger),
        ("BigDecimal", ShapeKind::BigDecimal),
        ("Timestamp", ShapeKind::Timestamp),
        ("Document", ShapeKind::Document),
        ("Boolean", ShapeKind::Boolean),
        ("Byte", ShapeKind::Byte),
        ("Short", ShapeKind::Short),
        ("Integer", ShapeKind::Integer),
        ("Long", ShapeKind::Long),
        ("Float", ShapeKind::Float),
        ("Double", ShapeKind::Double),
    ];
    let primitive: [(&str, ShapeKind, serde_json::Value); 7] = [
        ("PrimitiveBoolean", ShapeKind::Boolean, json!(false)),
        ("PrimitiveByte", ShapeKind::Byte, json!(0)),
        ("PrimitiveShort", ShapeKind::Short, json!(0)),
        ("PrimitiveInteger", ShapeKind::Integer, json!(0)),
        ("PrimitiveLong", ShapeKind::Long, json!(0)),
        ("PrimitiveFloat", ShapeKind::Float, json!(0)),
        ("PrimitiveDouble", ShapeKind::Double, json!(0)),
    ];
    let mut shapes: Vec<Shape> = simple
        .into_iter()
        .map(|(name, kind)| shape(name, kind, Traits::default()))
        .collect();
    for (name, kind, zero) in primitive {
        let mut traits = Traits::default();
        traits.insert(super::traits::ids::DEFAULT, zero);
        shapes.push(shape(name, kind, traits));
    }
    let mut unit = Traits::default();
    unit.insert(super::traits::ids::UNIT_TYPE, json!({}));
    shapes.push(shape("Unit", ShapeKind::Structure(Vec::new()), unit));
    shapes
}

fn shape(name: &str, kind: ShapeKind, traits: Traits) -> Shape {
    Shape {
        id: ShapeId::new("smithy.api", name),
        kind,
        traits,
        mixins: Vec::new(),
    }
}

/// `smithy.api#Unit`, the "nothing here" shape.
pub fn unit_id() -> ShapeId {
    ShapeId::new("smithy.api", "Unit")
}
