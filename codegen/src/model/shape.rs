//! Shapes as Rust data: one variant per Smithy shape type, members kept in
//! declaration order because that order is the order of struct fields.

use super::{ShapeId, Traits};

/// A member of an aggregate shape (structure, union, list, map, enum).
#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    /// The member's name in the model.
    pub name: String,
    /// The shape it targets.
    pub target: ShapeId,
    /// The member's own traits (not its target's).
    pub traits: Traits,
}

/// What an operation binds.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Operation {
    /// The input structure, if any.
    pub input: Option<ShapeId>,
    /// The output structure, if any.
    pub output: Option<ShapeId>,
    /// The errors the operation declares.
    pub errors: Vec<ShapeId>,
}

/// A service: its version, what it binds, and shape renames.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Service {
    /// The API version.
    pub version: Option<String>,
    /// Operations bound directly.
    pub operations: Vec<ShapeId>,
    /// Resources bound directly.
    pub resources: Vec<ShapeId>,
    /// Errors every operation may return.
    pub errors: Vec<ShapeId>,
    /// `rename`: shape id to the name the service uses for it.
    pub rename: Vec<(ShapeId, String)>,
}

/// A resource and all of its bindings.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Resource {
    /// Identifier names and their shapes.
    pub identifiers: Vec<(String, ShapeId)>,
    /// Property names and their shapes.
    pub properties: Vec<(String, ShapeId)>,
    /// The lifecycle operations.
    pub create: Option<ShapeId>,
    /// See [`create`](Self::create).
    pub put: Option<ShapeId>,
    /// See [`create`](Self::create).
    pub read: Option<ShapeId>,
    /// See [`create`](Self::create).
    pub update: Option<ShapeId>,
    /// See [`create`](Self::create).
    pub delete: Option<ShapeId>,
    /// See [`create`](Self::create).
    pub list: Option<ShapeId>,
    /// Instance operations.
    pub operations: Vec<ShapeId>,
    /// Collection operations.
    pub collection_operations: Vec<ShapeId>,
    /// Child resources.
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
    /// `blob`.
    Blob,
    /// `boolean`.
    Boolean,
    /// `string` (and Smithy 1.0 `@enum` strings).
    String,
    /// `byte`.
    Byte,
    /// `short`.
    Short,
    /// `integer`.
    Integer,
    /// `long`.
    Long,
    /// `float`.
    Float,
    /// `double`.
    Double,
    /// `bigInteger`.
    BigInteger,
    /// `bigDecimal`.
    BigDecimal,
    /// `timestamp`.
    Timestamp,
    /// `document`.
    Document,
    /// `enum` and its members.
    Enum(Vec<Member>),
    /// `intEnum` and its members.
    IntEnum(Vec<Member>),
    /// Lists, including Smithy 1.0 `set` (loaded as a list with `@uniqueItems`).
    List(Member),
    /// A map's key and value members.
    Map {
        /// The `key` member.
        key: Member,
        /// The `value` member.
        value: Member,
    },
    /// `structure` and its members.
    Structure(Vec<Member>),
    /// `union` and its members.
    Union(Vec<Member>),
    /// `service`.
    Service(Service),
    /// Boxed: a resource has eleven bindings and would make every shape
    /// several times larger than the common ones.
    Resource(Box<Resource>),
    /// `operation`.
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

    /// The members, to change them.
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
    /// The shape's id.
    pub id: ShapeId,
    /// Its type and what it holds.
    pub kind: ShapeKind,
    /// Its traits, mixins' and `apply`'s included.
    pub traits: Traits,
    /// The mixins it was built from (already flattened into it).
    pub mixins: Vec<ShapeId>,
}

impl Shape {
    /// The member called `name`.
    pub fn member(&self, name: &str) -> Option<&Member> {
        self.kind.members().into_iter().find(|m| m.name == name)
    }
}

/// "a structure", "an intEnum": the article that reads right before `word`.
pub fn with_article(word: &str) -> String {
    let vowel = word.starts_with(|c: char| "aeiouAEIOU".contains(c));
    format!("{} {word}", if vowel { "an" } else { "a" })
}
