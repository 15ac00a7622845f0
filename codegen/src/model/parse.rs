//! Reads one JSON AST document into shapes. Every error names the file and
//! the JSON path of the value that is wrong, and says what was expected.

use indexmap::IndexMap;
use serde_json::{Map, Value};

use super::shape::{Member, Operation, Resource, Service, Shape, ShapeKind};
use super::{ShapeId, Traits};
use crate::error::{Error, Result};

/// The Smithy IDL version a document declares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Version {
    V1,
    V2,
}

/// What one file contributes before the files are merged.
pub struct Document {
    pub version: Version,
    pub metadata: Map<String, Value>,
    pub shapes: Vec<Shape>,
    /// `apply` entries: the shape or member they target, and the traits they add.
    pub applies: Vec<(ShapeId, Traits)>,
}

/// The deepest nesting of JSON arrays and objects serde_json reads (its
/// recursion limit, 128, counts one more).
pub const MAX_JSON_DEPTH: usize = 127;

/// Parses the text of one model file named `file`.
pub fn document(file: &str, text: &str) -> Result<Document> {
    let root: Value = serde_json::from_str(text).map_err(|e| {
        let mut message = e.to_string();
        // serde_json stops at its recursion limit, which bounds every
        // later walk over free-form values (traits, metadata, rules): say so.
        if message.starts_with("recursion limit exceeded") {
            message.push_str(&format!(
                " (arrays and objects nest more than {MAX_JSON_DEPTH} deep; \
                 the loader reads at most {MAX_JSON_DEPTH} levels)"
            ));
        }
        Error::Json {
            file: file.to_owned(),
            line: e.line(),
            column: e.column(),
            message,
        }
    })?;
    let ctx = Ctx { file };
    let root = ctx.object(&root, "$")?;
    let version = match root.get("smithy") {
        None => return Err(ctx.err("$", "missing `smithy` version: expected \"1.0\" or \"2.0\"")),
        Some(Value::String(v)) if v == "2.0" || v == "2" => Version::V2,
        Some(Value::String(v)) if v == "1.0" || v == "1" => Version::V1,
        Some(other) => {
            return Err(ctx.err(
                "$.smithy",
                format!("unsupported Smithy version {other}: expected \"1.0\" or \"2.0\""),
            ))
        }
    };
    let metadata = match root.get("metadata") {
        None => Map::new(),
        Some(value) => ctx.object(value, "$.metadata")?.clone(),
    };
    let mut shapes = Vec::new();
    let mut applies = Vec::new();
    if let Some(value) = root.get("shapes") {
        for (id_text, body) in ctx.object(value, "$.shapes")? {
            let path = format!("$.shapes[\"{id_text}\"]");
            let id = ShapeId::parse(id_text).map_err(|msg| ctx.err(&path, msg))?;
            if id.is_prelude() {
                return Err(ctx.err(
                    &path,
                    "the smithy.api namespace is the prelude's: a model cannot define or apply to shapes in it",
                ));
            }
            if id.member().is_some()
                && ctx.object(body, &path)?.get("type").and_then(Value::as_str) != Some("apply")
            {
                return Err(ctx.err(
                    &path,
                    "a shape id with a `$member` part can only be the key of an `apply` entry",
                ));
            }
            match ctx.string_field(body, &path, "type")? {
                "apply" => applies.push((id, ctx.traits(body, &path)?)),
                type_name => shapes.push(ctx.shape(id, type_name, body, &path)?),
            }
        }
    }
    Ok(Document {
        version,
        metadata,
        shapes,
        applies,
    })
}

struct Ctx<'a> {
    file: &'a str,
}

impl Ctx<'_> {
    fn err(&self, at: &str, message: impl Into<String>) -> Error {
        Error::model(self.file, at, message)
    }

    fn object<'v>(&self, value: &'v Value, path: &str) -> Result<&'v Map<String, Value>> {
        value.as_object().ok_or_else(|| {
            self.err(
                path,
                format!("expected a JSON object, found {}", kind_of(value)),
            )
        })
    }

    fn array<'v>(&self, value: &'v Value, path: &str) -> Result<&'v Vec<Value>> {
        value.as_array().ok_or_else(|| {
            self.err(
                path,
                format!("expected a JSON array, found {}", kind_of(value)),
            )
        })
    }

    fn string_field<'v>(&self, value: &'v Value, path: &str, name: &str) -> Result<&'v str> {
        match self.object(value, path)?.get(name) {
            Some(Value::String(s)) => Ok(s),
            Some(other) => Err(self.err(
                &format!("{path}.{name}"),
                format!("expected a string, found {}", kind_of(other)),
            )),
            None => Err(self.err(path, format!("missing `{name}`"))),
        }
    }

    fn shape_id(&self, text: &Value, path: &str) -> Result<ShapeId> {
        let text = text.as_str().ok_or_else(|| {
            self.err(
                path,
                format!("expected a shape id string, found {}", kind_of(text)),
            )
        })?;
        ShapeId::parse(text).map_err(|msg| self.err(path, msg))
    }

    /// `{"target": "ns#Shape"}`, the reference form the AST uses everywhere.
    fn reference(&self, value: &Value, path: &str) -> Result<ShapeId> {
        match self.object(value, path)?.get("target") {
            Some(target) => self.shape_id(target, &format!("{path}.target")),
            None => Err(self.err(
                path,
                "missing `target`: expected {\"target\": \"namespace#Name\"}",
            )),
        }
    }

    fn optional_reference(
        &self,
        body: &Map<String, Value>,
        path: &str,
        name: &str,
    ) -> Result<Option<ShapeId>> {
        body.get(name)
            .map(|value| self.reference(value, &format!("{path}.{name}")))
            .transpose()
    }

    fn references(
        &self,
        body: &Map<String, Value>,
        path: &str,
        name: &str,
    ) -> Result<Vec<ShapeId>> {
        let Some(value) = body.get(name) else {
            return Ok(Vec::new());
        };
        let path = format!("{path}.{name}");
        self.array(value, &path)?
            .iter()
            .enumerate()
            .map(|(i, item)| self.reference(item, &format!("{path}[{i}]")))
            .collect()
    }

    fn named_references(
        &self,
        body: &Map<String, Value>,
        path: &str,
        name: &str,
    ) -> Result<Vec<(String, ShapeId)>> {
        let Some(value) = body.get(name) else {
            return Ok(Vec::new());
        };
        let path = format!("{path}.{name}");
        self.object(value, &path)?
            .iter()
            .map(|(key, item)| Ok((key.clone(), self.reference(item, &format!("{path}.{key}"))?)))
            .collect()
    }

    fn traits(&self, body: &Value, path: &str) -> Result<Traits> {
        let Some(value) = self.object(body, path)?.get("traits") else {
            return Ok(Traits::default());
        };
        let path = format!("{path}.traits");
        let mut traits = IndexMap::new();
        for (id, value) in self.object(value, &path)? {
            ShapeId::parse(id).map_err(|msg| self.err(&path, format!("trait key: {msg}")))?;
            traits.insert(id.clone(), value.clone());
        }
        Ok(Traits::new(traits))
    }

    fn member(&self, id: &ShapeId, name: &str, value: &Value, path: &str) -> Result<Member> {
        if !super::shape_id::is_identifier(name) {
            return Err(self.err(
                path,
                format!("member of {id}: `{name}` is not a valid member name"),
            ));
        }
        Ok(Member {
            name: name.to_owned(),
            target: self.reference(value, path)?,
            traits: self.traits(value, path)?,
        })
    }

    fn members(&self, id: &ShapeId, body: &Map<String, Value>, path: &str) -> Result<Vec<Member>> {
        let Some(value) = body.get("members") else {
            return Ok(Vec::new());
        };
        let path = format!("{path}.members");
        self.object(value, &path)?
            .iter()
            .map(|(name, value)| self.member(id, name, value, &format!("{path}.{name}")))
            .collect()
    }

    fn required_member(
        &self,
        id: &ShapeId,
        body: &Map<String, Value>,
        path: &str,
        name: &str,
    ) -> Result<Member> {
        let value = body
            .get(name)
            .ok_or_else(|| self.err(path, format!("{id} has no `{name}` member")))?;
        self.member(id, name, value, &format!("{path}.{name}"))
    }

    fn shape(&self, id: ShapeId, type_name: &str, value: &Value, path: &str) -> Result<Shape> {
        let body = self.object(value, path)?;
        let mut traits = self.traits(value, path)?;
        let kind = match type_name {
            "blob" => ShapeKind::Blob,
            "boolean" => ShapeKind::Boolean,
            "string" => ShapeKind::String,
            "byte" => ShapeKind::Byte,
            "short" => ShapeKind::Short,
            "integer" => ShapeKind::Integer,
            "long" => ShapeKind::Long,
            "float" => ShapeKind::Float,
            "double" => ShapeKind::Double,
            "bigInteger" => ShapeKind::BigInteger,
            "bigDecimal" => ShapeKind::BigDecimal,
            "timestamp" => ShapeKind::Timestamp,
            "document" => ShapeKind::Document,
            "enum" => ShapeKind::Enum(self.members(&id, body, path)?),
            "intEnum" => ShapeKind::IntEnum(self.members(&id, body, path)?),
            "list" => ShapeKind::List(self.required_member(&id, body, path, "member")?),
            "set" => {
                // A Smithy 1.0 set is a 2.0 list with unique items. Smithy 2.0
                // deprecates `set` but still loads it, so both versions do here.
                traits.insert(super::traits::ids::UNIQUE_ITEMS, Value::Object(Map::new()));
                ShapeKind::List(self.required_member(&id, body, path, "member")?)
            }
            "map" => ShapeKind::Map {
                key: self.required_member(&id, body, path, "key")?,
                value: self.required_member(&id, body, path, "value")?,
            },
            "structure" => ShapeKind::Structure(self.members(&id, body, path)?),
            "union" => ShapeKind::Union(self.members(&id, body, path)?),
            "operation" => ShapeKind::Operation(Operation {
                input: self.optional_reference(body, path, "input")?,
                output: self.optional_reference(body, path, "output")?,
                errors: self.references(body, path, "errors")?,
            }),
            "service" => ShapeKind::Service(self.service(body, path)?),
            "resource" => ShapeKind::Resource(Box::new(self.resource(body, path)?)),
            other => {
                return Err(self.err(
                    &format!("{path}.type"),
                    format!("unknown shape type `{other}` for {id}"),
                ))
            }
        };
        Ok(Shape {
            mixins: self.references(body, path, "mixins")?,
            id,
            kind,
            traits,
        })
    }

    fn service(&self, body: &Map<String, Value>, path: &str) -> Result<Service> {
        let mut rename = Vec::new();
        if let Some(value) = body.get("rename") {
            let rename_path = format!("{path}.rename");
            for (id, name) in self.object(value, &rename_path)? {
                let at = format!("{rename_path}[\"{id}\"]");
                let id = ShapeId::parse(id).map_err(|msg| self.err(&at, msg))?;
                let name = name
                    .as_str()
                    .filter(|name| super::shape_id::is_identifier(name))
                    .ok_or_else(|| {
                        self.err(
                            &at,
                            format!("expected the new name as an identifier string, found {name}"),
                        )
                    })?;
                rename.push((id, name.to_owned()));
            }
        }
        let version = match body.get("version") {
            None => None,
            Some(Value::String(version)) => Some(version.clone()),
            Some(other) => {
                return Err(self.err(
                    &format!("{path}.version"),
                    format!(
                        "expected the service version as a string, found {}",
                        kind_of(other)
                    ),
                ))
            }
        };
        Ok(Service {
            version,
            operations: self.references(body, path, "operations")?,
            resources: self.references(body, path, "resources")?,
            errors: self.references(body, path, "errors")?,
            rename,
        })
    }

    fn resource(&self, body: &Map<String, Value>, path: &str) -> Result<Resource> {
        Ok(Resource {
            identifiers: self.named_references(body, path, "identifiers")?,
            properties: self.named_references(body, path, "properties")?,
            create: self.optional_reference(body, path, "create")?,
            put: self.optional_reference(body, path, "put")?,
            read: self.optional_reference(body, path, "read")?,
            update: self.optional_reference(body, path, "update")?,
            delete: self.optional_reference(body, path, "delete")?,
            list: self.optional_reference(body, path, "list")?,
            operations: self.references(body, path, "operations")?,
            collection_operations: self.references(body, path, "collectionOperations")?,
            resources: self.references(body, path, "resources")?,
        })
    }
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
