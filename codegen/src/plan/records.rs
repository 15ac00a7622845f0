//! The plan's records: what the Rust side of the crate looks like, decided
//! once by the planner and only read by the emitters.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::model::traits::{Bounds, Deprecated, Fault, Paginated, TimestampFormat};
use crate::model::ShapeId;

/// The wire protocol a service speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Protocol {
    AwsJson1_0,
    AwsJson1_1,
}

impl Protocol {
    pub fn content_type(self) -> &'static str {
        match self {
            Protocol::AwsJson1_0 => "application/x-amz-json-1.0",
            Protocol::AwsJson1_1 => "application/x-amz-json-1.1",
        }
    }
}

/// How requests of an operation are authenticated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Auth {
    /// Always signed with SigV4.
    SigV4,
    /// Signed when credentials are available, sent unsigned otherwise (`@optionalAuth`).
    Optional,
    /// Never signed (`@auth([])`).
    None,
}

#[derive(Clone, Debug)]
pub struct ServicePlan {
    pub id: ShapeId,
    pub title: String,
    pub docs: String,
    pub protocol: Protocol,
    /// The prefix of `X-Amz-Target`: the service shape's name.
    pub target_prefix: String,
    pub signing_name: Option<String>,
    /// The first label of the regional endpoint (`aws.api#service` `endpointPrefix`).
    pub endpoint_prefix: Option<String>,
    pub sdk_id: Option<String>,
    pub version: Option<String>,
    /// Whether the protocol uses the fuller `__type` form (`aws.protocols#awsQueryCompatible`).
    pub query_compatible: bool,
    /// Errors every operation may return (`errors` on the service).
    pub errors: Vec<ShapeId>,
    /// Operations of the service the crate goes without (event streams),
    /// listed in its docs.
    pub left_out: Vec<crate::select::LeftOut>,
}

#[derive(Clone, Debug)]
pub struct OperationPlan {
    pub id: ShapeId,
    /// The operation's wire name (the shape name), as `X-Amz-Target` uses it.
    pub wire_name: String,
    /// The operation's marker type, in its module.
    pub type_name: String,
    /// The operation's module, and the client's method for it.
    pub module: String,
    /// The names of the operation's items; see [`OperationNames`].
    pub names: OperationNames,
    pub docs: String,
    pub deprecated: Option<Deprecated>,
    pub input: ShapeId,
    pub output: ShapeId,
    /// Modelled errors: the operation's own, then the service's.
    pub errors: Vec<ShapeId>,
    pub auth: Auth,
    pub paginated: Option<Paginated>,
    /// `@endpoint(hostPrefix)`: text and the labels filled from input members.
    pub host_prefix: Option<HostPrefix>,
    /// `@requestCompression` lists gzip.
    pub gzip: bool,
    /// An input member whose value, when set, replaces the endpoint (a
    /// service customization; see [`endpoint_member`]).
    pub endpoint_member: Option<(String, bool)>,
}

/// The names of the items made for an operation besides its marker type.
#[derive(Clone, Debug, PartialEq)]
pub struct OperationNames {
    /// Its input and output in its module (the type itself, or an alias of a
    /// shared type): `<Operation>Input`, `<Operation>Output`.
    pub input: String,
    pub output: String,
    /// The enum of its errors, in its module: `<Operation>Error`.
    pub error: String,
    /// The client's fluent builder, in `client::builders`.
    pub fluent_builder: String,
    /// For `@paginated` operations, the paginators in `client::builders`:
    /// pages, then items.
    pub paginator: Option<(String, String)>,
}

/// A host prefix split into literal text and labels bound to input members.
#[derive(Clone, Debug, PartialEq)]
pub struct HostPrefix {
    pub parts: Vec<HostPart>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum HostPart {
    Text(String),
    /// A `{label}`: the input member bound with `@hostLabel`, its field name,
    /// and whether the field is optional.
    Label {
        member: String,
        field: String,
        optional: bool,
    },
}

/// Where a generated type lives.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Location {
    /// `crate::types`
    Types,
    /// `crate::types::error`
    Errors,
    /// `crate::operation::<module>`
    Operation(String),
}

impl Location {
    /// The path of the location's module below `crate`: `["types"]`,
    /// `["types", "error"]`, `["operation", "<module>"]`. Every path to a
    /// planned item (in code and in file names) is built from this.
    pub fn module_path(&self) -> Vec<&str> {
        match self {
            Location::Types => vec!["types"],
            Location::Errors => vec!["types", "error"],
            Location::Operation(module) => vec!["operation", module],
        }
    }

    /// Where the builders of the location's structures are reachable:
    /// `types` and `types::error` gather them in a `builders` module, an
    /// operation's module holds its own.
    pub fn builders_path(&self) -> Vec<&str> {
        let mut path = self.module_path();
        if !matches!(self, Location::Operation(_)) {
            path.push("builders");
        }
        path
    }
}

#[derive(Clone, Debug)]
pub struct TypePlan {
    pub id: ShapeId,
    pub name: String,
    /// The module (and file) name of the type inside its location.
    pub module: String,
    pub location: Location,
    pub docs: String,
    pub deprecated: Option<Deprecated>,
    pub kind: TypeKind,
}

#[derive(Clone, Debug)]
pub enum TypeKind {
    Structure(StructPlan),
    Enum(Vec<EnumVariant>),
    IntEnum(Vec<IntEnumVariant>),
    Union(Vec<UnionVariant>),
}

#[derive(Clone, Debug)]
pub struct StructPlan {
    pub fields: Vec<FieldPlan>,
    /// An operation's output: with the client, it carries the metadata of
    /// the call that returned it.
    pub carries_response_metadata: bool,
    /// The builder's type name (`<Name>Builder`); it lives in the
    /// location's [`builders_path`](Location::builders_path).
    pub builder: String,
    pub role: StructRole,
}

#[derive(Clone, Debug, PartialEq)]
pub enum StructRole {
    Data,
    Input,
    Output,
    Error(ErrorPlan),
}

#[derive(Clone, Debug, PartialEq)]
pub struct ErrorPlan {
    /// The code the service sends for this error: the shape name.
    pub code: String,
    pub fault: Fault,
    /// `Some(throttling)` for `@retryable` errors.
    pub retryable: Option<bool>,
    pub http_status: Option<u16>,
    /// Held in a `Box` by the error enums, being large (see [`crate::size`]).
    pub boxed: bool,
    /// The method of an operation's error enum that tells whether it is
    /// this error (`is_<error>`).
    pub check: String,
}

#[derive(Clone, Debug)]
pub struct FieldPlan {
    /// The member name, which is also the JSON key on the wire.
    pub member: String,
    /// The field name, maybe a raw identifier (`r#type`).
    pub name: String,
    /// [`name`](Self::name) without `r#`, for text and derived names.
    pub plain: String,
    /// The builders' setter (or adder, for lists and maps), on the
    /// structure's builder and, for operation inputs, on the fluent builder:
    /// the field's name, or `<plain>_value` when the field's name is one of
    /// those builders' own methods (see [`fixed_names`](super::fixed_names)),
    /// as with a member called `build`.
    pub setter: String,
    /// The builders' methods that set or clear it and that read it back
    /// (`set_<plain>`, `get_<plain>`).
    pub set: String,
    pub get: String,
    /// For a member with a `@default`: the struct's functions that give the
    /// default and read the member (`null` meaning the default), and write
    /// it when the type has a value adapter.
    pub default_fns: Option<DefaultFns>,
    pub ty: RustType,
    /// `Option<_>` in Rust.
    pub optional: bool,
    /// Boxed to break a cycle of structures.
    pub boxed: bool,
    pub required: bool,
    /// `@default` value, when not null.
    pub default: Option<Value>,
    pub sensitive: bool,
    pub docs: String,
    pub deprecated: Option<Deprecated>,
    pub idempotency_token: bool,
    pub constraints: Constraints,
}

impl FieldPlan {
    /// `@required` is checked only where Rust can represent "not set": members
    /// that stay `Option` although required (`@clientOptional`). Other required
    /// members are plain fields the builder insists on. Idempotency tokens are
    /// filled in when the request is built, so unset is fine for them.
    pub fn unset_is_violation(&self) -> bool {
        self.required && self.optional && !self.idempotency_token
    }

    /// Whether `build()` must check that the member is set: it is required
    /// and has no default. A builder with such a member returns a `Result`.
    pub fn checked_by_build(&self) -> bool {
        !self.optional && self.default.is_none()
    }
}

/// The names of a defaulted member's functions; see [`FieldPlan::default_fns`].
#[derive(Clone, Debug, PartialEq)]
pub struct DefaultFns {
    /// `default_<plain>`.
    pub value: String,
    /// `deserialize_<plain>`.
    pub deserialize: String,
    /// `serialize_<plain>`.
    pub serialize: String,
}

/// The constraint traits that apply to a member's value (member traits win
/// over target traits), and those of the items, keys and values it holds.
/// Only traits that mean something for the Rust type are kept: `@length` on
/// strings, blobs, lists and maps, `@range` on numbers, `@pattern` on strings.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Constraints {
    pub length: Option<Bounds>,
    pub range: Option<Bounds>,
    pub pattern: Option<Pattern>,
    /// What each item of a list must satisfy.
    pub items: Option<Box<Constraints>>,
    /// What each key and each value of a map must satisfy.
    pub keys: Option<Box<Constraints>>,
    pub values: Option<Box<Constraints>>,
}

impl Constraints {
    /// Nothing to check, here or in what the value holds (named types aside).
    pub fn is_empty(&self) -> bool {
        *self == Constraints::default()
    }
}

/// A `@pattern` and where the model declares it.
#[derive(Clone, Debug, PartialEq)]
pub struct Pattern {
    /// The regular expression as the model writes it (not anchored).
    pub regex: String,
    /// The shape, or `Shape$member`, carrying the trait; it names the
    /// compiled pattern in the generated crate.
    pub origin: ShapeId,
}

#[derive(Clone, Debug)]
pub struct EnumVariant {
    pub name: String,
    pub value: String,
    pub docs: String,
    pub deprecated: Option<Deprecated>,
}

#[derive(Clone, Debug)]
pub struct IntEnumVariant {
    pub name: String,
    pub value: i64,
    pub docs: String,
    pub deprecated: Option<Deprecated>,
}

#[derive(Clone, Debug)]
pub struct UnionVariant {
    pub member: String,
    pub name: String,
    /// `None` for members that target `smithy.api#Unit`.
    pub ty: Option<RustType>,
    pub boxed: bool,
    pub sensitive: bool,
    pub constraints: Constraints,
    pub docs: String,
    pub deprecated: Option<Deprecated>,
}

/// The Rust type of a member, before `Option` and `Box`.
#[derive(Clone, Debug, PartialEq)]
pub enum RustType {
    String,
    Bool,
    I8,
    I16,
    I32,
    I64,
    F32,
    F64,
    BigInteger,
    BigDecimal,
    Timestamp(TimestampFormat),
    Blob,
    Document,
    Named(ShapeId),
    List {
        item: Box<RustType>,
        sparse: bool,
    },
    Map {
        key: Box<RustType>,
        value: Box<RustType>,
        sparse: bool,
    },
}

/// Everything emission needs.
#[derive(Clone, Debug)]
pub struct Plan {
    pub service: ServicePlan,
    pub operations: Vec<OperationPlan>,
    pub types: BTreeMap<ShapeId, TypePlan>,
    /// What client-side validation checks.
    pub validation: ValidationPlan,
    /// The model's client protocol compliance cases, in test order.
    pub protocol_tests: Vec<ProtocolTestCase>,
    /// Some generated item is called `Option`, so emitted text must spell
    /// out `::std::option::Option` (decided once: emitters ask per member).
    pub option_shadowed: bool,
}

impl Plan {
    pub fn ty(&self, id: &ShapeId) -> &TypePlan {
        self.types
            .get(id)
            .unwrap_or_else(|| panic!("the plan has no type for {id}"))
    }

    /// Every error shape of the crate, in id order.
    pub fn errors(&self) -> impl Iterator<Item = &TypePlan> {
        self.types
            .values()
            .filter(|t| t.location == Location::Errors)
    }

    /// The `@idempotencyToken` members of an operation's input that a
    /// request fills in when they are unset (top-level string members, as
    /// the AWS SDKs do; a token deeper down is sent as the caller set it).
    pub fn idempotency_tokens(&self, op: &OperationPlan) -> Vec<&FieldPlan> {
        match &self.ty(&op.input).kind {
            TypeKind::Structure(s) => s
                .fields
                .iter()
                .filter(|f| f.idempotency_token && f.optional && f.ty == RustType::String)
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// The part of the plan that validation emission reads.
#[derive(Clone, Debug, Default)]
pub struct ValidationPlan {
    /// Structures and unions whose values have something to check.
    pub checked: BTreeSet<ShapeId>,
    /// Every pattern that compiles, by its text in the model: the static
    /// holding it in the crate's `validation` module.
    pub patterns: BTreeMap<String, CompiledPattern>,
}

/// The static that holds one pattern, and the crate that matches it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompiledPattern {
    pub name: String,
    /// The expression as the Rust crates read it (see [`to_rust_regex`](super::to_rust_regex)).
    pub regex: String,
    pub engine: Engine,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    /// `regex-lite`: linear time, ASCII classes; for patterns whose meaning
    /// is the same under ECMAScript's rules (see `lite_is_exact` in the
    /// validation stage).
    Lite,
    /// `regex`: linear time, Unicode classes, no look-around.
    Regex,
    /// `fancy-regex`: look-around and back-references, by backtracking.
    FancyRegex,
}

impl ValidationPlan {
    /// Whether a value of `ty` with `constraints` has anything to check.
    pub fn checks(&self, ty: &RustType, constraints: &Constraints) -> bool {
        !constraints.is_empty() || self.holds_checked(ty)
    }

    /// Whether some pattern is matched with `engine`.
    pub fn uses(&self, engine: Engine) -> bool {
        self.patterns.values().any(|p| p.engine == engine)
    }

    /// Whether `ty` is, or holds, a structure or union with something to check.
    pub fn holds_checked(&self, ty: &RustType) -> bool {
        match ty {
            RustType::Named(id) => self.checked.contains(id),
            RustType::List { item, .. } => self.holds_checked(item),
            RustType::Map { key, value, .. } => {
                self.holds_checked(key) || self.holds_checked(value)
            }
            _ => false,
        }
    }
}

/// One protocol compliance case of the model, for the crate's tests.
#[derive(Clone, Debug, PartialEq)]
pub struct ProtocolTestCase {
    /// The case's id in the model.
    pub id: String,
    /// The test function's name.
    pub name: String,
    /// The case's documentation, as Markdown.
    pub docs: String,
    /// The operation the case goes through.
    pub operation: ShapeId,
    /// The input (request cases), output (response cases) or error (error
    /// cases) as the model writes it.
    pub params: Value,
    pub kind: CaseKind,
}

/// What a protocol compliance case checks.
#[derive(Clone, Debug, PartialEq)]
pub enum CaseKind {
    /// The request built from the params.
    Request(RequestCase),
    /// The output read from the response.
    Response(ResponseCase),
    /// The error (of this shape) read from the response.
    Error {
        error: ShapeId,
        response: ResponseCase,
    },
}

/// The request a case expects.
#[derive(Clone, Debug, PartialEq)]
pub struct RequestCase {
    pub host: String,
    pub method: String,
    pub path: String,
    pub query: Option<String>,
    pub headers: Vec<(String, String)>,
    pub require_headers: Vec<String>,
    pub forbid_headers: Vec<String>,
    pub resolved_host: Option<String>,
    /// The body and whether it is compared as JSON; `None` when the case
    /// has none or it is compressed (checked through its header only).
    pub body: Option<(String, bool)>,
}

/// The response a case feeds to the parser.
#[derive(Clone, Debug, PartialEq)]
pub struct ResponseCase {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

#[cfg(test)]
mod tests {
    use super::Location;

    #[test]
    fn module_paths_follow_the_location() {
        let op = Location::Operation("get_item".into());
        assert_eq!(Location::Types.module_path(), ["types"]);
        assert_eq!(Location::Errors.module_path(), ["types", "error"]);
        assert_eq!(op.module_path(), ["operation", "get_item"]);
        assert_eq!(Location::Types.builders_path(), ["types", "builders"]);
        assert_eq!(
            Location::Errors.builders_path(),
            ["types", "error", "builders"]
        );
        assert_eq!(op.builders_path(), ["operation", "get_item"]);
    }
}
