//! Shapes as Rust data: one variant per Smithy shape type, members kept in
//! declaration order because that order is the order of struct fields.

use super::{ShapeId, Traits};

/// A member of an aggregate shape (structure, union, list, map, enum).
#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    pub name: String,
    pub target: ShapeId,
    pub traits: Traits,
}

/// What an operation binds.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Operation {
    pub input: Option<ShapeId>,
    pub output: Option<ShapeId>,
    pub errors: Vec<ShapeId>,
}

/// A service: its version, what it binds, and shape renames.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Service {
    pub version: Option<String>,
    pub operations: Vec<ShapeId>,
    pub resources: Vec<ShapeId>,
    pub errors: Vec<ShapeId>,
    /// `rename`: shape id to the name the service uses for it.
    pub rename: Vec<(ShapeId, String)>,
}

/// A resource and all of its bindings.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Resource {
    pub identifiers: Vec<(String, ShapeId)>,
    pub properties: Vec<(String, ShapeId)>,
    pub create: Option<ShapeId>,
    pub put: Option<ShapeId>,
    pub read: Option<ShapeId>,
    pub update: Option<ShapeId>,
    pub delete: Option<ShapeId>,
    pub list: Option<ShapeId>,
    pub operations: Vec<ShapeId>,
    pub collection_operations: Vec<ShapeId>,
    pub resources: Vec<ShapeId>,
}

impl Resource {
    /// Every operation the resource binds: lifecycle ones first, in the
    /// order the specification lists them, then instance and collection ones.
    pub fn all_operations(&self) -> impl Iterator<Item = &ShapeId> {
        [
            &self.create,
            &self.put,
            &self.read,
            &self.update,
            &self.delete,
            &self.list,
        ]
        .into_iter()
        .flatten()
        .chain(&self.operations)
        .chain(&self.collection_operations)
    }
}

/// The type of a shape and what it holds.
#[derive(Clone, Debug, PartialEq)]
pub enum ShapeKind {
    Blob,
    Boolean,
    String,
    Byte,
    Short,
    Integer,
    Long,
    Float,
    Double,
    BigInteger,
    BigDecimal,
    Timestamp,
    Document,
    Enum(Vec<Member>),
    IntEnum(Vec<Member>),
    /// Lists, including Smithy 1.0 `set` (loaded as a list with `@uniqueItems`).
    List(Member),
    Map {
        key: Member,
        value: Member,
    },
    Structure(Vec<Member>),
    Union(Vec<Member>),
    Service(Service),
    /// Boxed: a resource has eleven bindings and would make every shape
    /// several times larger than the common ones.
    Resource(Box<Resource>),
    Operation(Operation),
}

impl ShapeKind {
    /// The type name as the JSON AST spells it.
    pub fn type_name(&self) -> &'static str {
        match self {
            ShapeKind::Blob => "blob",
            ShapeKind::Boolean => "boolean",
            ShapeKind::String => "string",
            ShapeKind::Byte => "byte",
            ShapeKind::Short => "short",
            ShapeKind::Integer => "integer",
            ShapeKind::Long => "long",
            ShapeKind::Float => "float",
            ShapeKind::Double => "double",
            ShapeKind::BigInteger => "bigInteger",
            ShapeKind::BigDecimal => "bigDecimal",
            ShapeKind::Timestamp => "timestamp",
            ShapeKind::Document => "document",
            ShapeKind::Enum(_) => "enum",
            ShapeKind::IntEnum(_) => "intEnum",
            ShapeKind::List(_) => "list",
            ShapeKind::Map { .. } => "map",
            ShapeKind::Structure(_) => "structure",
            ShapeKind::Union(_) => "union",
            ShapeKind::Service(_) => "service",
            ShapeKind::Resource(_) => "resource",
            ShapeKind::Operation(_) => "operation",
        }
    }

    /// The type name with its article, for messages: "an operation", "a map".
    pub fn a_type_name(&self) -> String {
        with_article(self.type_name())
    }

    /// Members in declaration order (empty for shapes without members).
    pub fn members(&self) -> Vec<&Member> {
        match self {
            ShapeKind::Enum(m)
            | ShapeKind::IntEnum(m)
            | ShapeKind::Structure(m)
            | ShapeKind::Union(m) => m.iter().collect(),
            ShapeKind::List(member) => vec![member],
            ShapeKind::Map { key, value } => vec![key, value],
            _ => Vec::new(),
        }
    }

    pub fn members_mut(&mut self) -> Vec<&mut Member> {
        match self {
            ShapeKind::Enum(m)
            | ShapeKind::IntEnum(m)
            | ShapeKind::Structure(m)
            | ShapeKind::Union(m) => m.iter_mut().collect(),
            ShapeKind::List(member) => vec![member],
            ShapeKind::Map { key, value } => vec![key, value],
            _ => Vec::new(),
        }
    }

    /// Shapes a member may target: everything but operations, services and resources.
    pub fn is_member_target(&self) -> bool {
        !matches!(
            self,
            ShapeKind::Service(_) | ShapeKind::Resource(_) | ShapeKind::Operation(_)
        )
    }

    /// Numbers and booleans: the shapes Smithy 1.0 treated as primitives
    /// unless boxed.
    pub fn is_number_or_boolean(&self) -> bool {
        matches!(
            self,
            ShapeKind::Boolean
                | ShapeKind::Byte
                | ShapeKind::Short
                | ShapeKind::Integer
                | ShapeKind::Long
                | ShapeKind::Float
                | ShapeKind::Double
        )
    }
}

/// A shape: its id, what it is, its traits, and the mixins it was built from.
#[derive(Clone, Debug, PartialEq)]
pub struct Shape {
    pub id: ShapeId,
    pub kind: ShapeKind,
    pub traits: Traits,
    pub mixins: Vec<ShapeId>,
}

impl Shape {
    pub fn member(&self, name: &str) -> Option<&Member> {
        self.kind.members().into_iter().find(|m| m.name == name)
    }
}

/// "a structure", "an intEnum": the article that reads right before `word`.
pub fn with_article(word: &str) -> String {
    let vowel = word.starts_with(|c: char| "aeiouAEIOU".contains(c));
    format!("{} {word}", if vowel { "an" } else { "a" })
}
