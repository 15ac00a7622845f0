//! Traits as they appear in the JSON AST: an ordered map from trait shape id
//! to its JSON value. Unknown traits are kept as they are; the accessors
//! below give typed views of the ones the generator reads.

use indexmap::IndexMap;
use serde_json::Value;

/// Trait ids the generator understands, in one place so a typo is a compile error.
pub mod ids {
    /// The `smithy.api#documentation` trait.
    pub const DOCUMENTATION: &str = "smithy.api#documentation";
    /// The `smithy.api#required` trait.
    pub const REQUIRED: &str = "smithy.api#required";
    /// The `smithy.api#sensitive` trait.
    pub const SENSITIVE: &str = "smithy.api#sensitive";
    /// The `smithy.api#error` trait.
    pub const ERROR: &str = "smithy.api#error";
    /// The `smithy.api#httpError` trait.
    pub const HTTP_ERROR: &str = "smithy.api#httpError";
    /// The `smithy.api#retryable` trait.
    pub const RETRYABLE: &str = "smithy.api#retryable";
    /// The `smithy.api#enumValue` trait.
    pub const ENUM_VALUE: &str = "smithy.api#enumValue";
    /// The `smithy.api#enum` trait.
    pub const ENUM: &str = "smithy.api#enum";
    /// The `smithy.api#default` trait.
    pub const DEFAULT: &str = "smithy.api#default";
    /// The `smithy.api#clientOptional` trait.
    pub const CLIENT_OPTIONAL: &str = "smithy.api#clientOptional";
    /// The `smithy.api#timestampFormat` trait.
    pub const TIMESTAMP_FORMAT: &str = "smithy.api#timestampFormat";
    /// The `smithy.api#deprecated` trait.
    pub const DEPRECATED: &str = "smithy.api#deprecated";
    /// The `smithy.api#paginated` trait.
    pub const PAGINATED: &str = "smithy.api#paginated";
    /// The `smithy.api#idempotencyToken` trait.
    pub const IDEMPOTENCY_TOKEN: &str = "smithy.api#idempotencyToken";
    /// The `smithy.api#sparse` trait.
    pub const SPARSE: &str = "smithy.api#sparse";
    /// The `smithy.api#uniqueItems` trait.
    pub const UNIQUE_ITEMS: &str = "smithy.api#uniqueItems";
    /// The `smithy.api#streaming` trait.
    pub const STREAMING: &str = "smithy.api#streaming";
    /// The `smithy.api#mixin` trait.
    pub const MIXIN: &str = "smithy.api#mixin";
    /// The `smithy.api#box` trait.
    pub const BOX: &str = "smithy.api#box";
    /// The `smithy.api#unitType` trait.
    pub const UNIT_TYPE: &str = "smithy.api#unitType";
    /// The `smithy.api#length` trait.
    pub const LENGTH: &str = "smithy.api#length";
    /// The `smithy.api#range` trait.
    pub const RANGE: &str = "smithy.api#range";
    /// The `smithy.api#pattern` trait.
    pub const PATTERN: &str = "smithy.api#pattern";
    /// The `smithy.api#auth` trait.
    pub const AUTH: &str = "smithy.api#auth";
    /// The `smithy.api#optionalAuth` trait.
    pub const OPTIONAL_AUTH: &str = "smithy.api#optionalAuth";
    /// The `smithy.api#title` trait.
    pub const TITLE: &str = "smithy.api#title";
    /// The `aws.api#service` trait.
    pub const AWS_SERVICE: &str = "aws.api#service";
    /// The `aws.auth#sigv4` trait.
    pub const SIGV4: &str = "aws.auth#sigv4";
    /// The `aws.protocols#awsJson1_0` trait.
    pub const AWS_JSON_1_0: &str = "aws.protocols#awsJson1_0";
    /// The `aws.protocols#awsJson1_1` trait.
    pub const AWS_JSON_1_1: &str = "aws.protocols#awsJson1_1";
    /// The `aws.protocols#awsQueryError` trait.
    pub const AWS_QUERY_ERROR: &str = "aws.protocols#awsQueryError";
    /// The `smithy.test#httpRequestTests` trait.
    pub const HTTP_REQUEST_TESTS: &str = "smithy.test#httpRequestTests";
    /// The `smithy.test#httpResponseTests` trait.
    pub const HTTP_RESPONSE_TESTS: &str = "smithy.test#httpResponseTests";
    /// The `smithy.rules#endpointRuleSet` trait.
    pub const ENDPOINT_RULE_SET: &str = "smithy.rules#endpointRuleSet";
    /// The `smithy.rules#endpointTests` trait.
    pub const ENDPOINT_TESTS: &str = "smithy.rules#endpointTests";
    /// The `smithy.api#endpoint` trait.
    pub const ENDPOINT: &str = "smithy.api#endpoint";
    /// The `smithy.api#hostLabel` trait.
    pub const HOST_LABEL: &str = "smithy.api#hostLabel";
    /// The `smithy.api#requestCompression` trait.
    pub const REQUEST_COMPRESSION: &str = "smithy.api#requestCompression";
    /// The `aws.protocols#awsQueryCompatible` trait.
    pub const AWS_QUERY_COMPATIBLE: &str = "aws.protocols#awsQueryCompatible";
}

/// Whether an error is the caller's fault or the service's (`smithy.api#error`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// `client`: the request was wrong.
    Client,
    /// `server`: the service failed.
    Server,
}

/// `smithy.api#timestampFormat`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimestampFormat {
    /// `epoch-seconds`: seconds since 1970 as a number.
    EpochSeconds,
    /// `date-time`: RFC 3339.
    DateTime,
    /// `http-date`: RFC 7231's IMF-fixdate.
    HttpDate,
}

/// `smithy.api#deprecated`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Deprecated {
    /// What to use instead, or why.
    pub message: Option<String>,
    /// The version or date it was deprecated in.
    pub since: Option<String>,
}

/// `smithy.api#paginated`, merged with the service's defaults by the planner.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Paginated {
    /// The input member that takes the token of the next page.
    pub input_token: Option<String>,
    /// The output member that holds the token of the next page.
    pub output_token: Option<String>,
    /// The output member that holds a page's items.
    pub items: Option<String>,
    /// The input member that sets the page size.
    pub page_size: Option<String>,
}

/// `smithy.api#length` and `smithy.api#range` bounds.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Bounds {
    /// The smallest allowed value (or length), inclusive.
    pub min: Option<f64>,
    /// The largest allowed value (or length), inclusive.
    pub max: Option<f64>,
}

/// The traits of a shape or member, in declaration order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Traits(IndexMap<String, Value>);

impl Traits {
    /// Traits from their ids and values.
    pub fn new(map: IndexMap<String, Value>) -> Self {
        Traits(map)
    }

    /// The value of the trait `id`, if present.
    pub fn get(&self, id: &str) -> Option<&Value> {
        self.0.get(id)
    }

    /// Whether the trait `id` is present.
    pub fn has(&self, id: &str) -> bool {
        self.0.contains_key(id)
    }

    /// Every trait, as (id, value), in declaration order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Value)> {
        self.0.iter()
    }

    /// Whether there are no traits.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Sets a trait, replacing an earlier value (used by `apply` and mixins,
    /// where the later, more specific declaration wins).
    pub fn insert(&mut self, id: impl Into<String>, value: Value) {
        self.0.insert(id.into(), value);
    }

    /// Adds every trait of `other` that this set does not define itself.
    pub fn inherit(&mut self, other: &Traits) {
        for (id, value) in &other.0 {
            if !self.0.contains_key(id) {
                self.0.insert(id.clone(), value.clone());
            }
        }
    }

    /// Adds a trait the way Smithy combines one trait applied twice (by
    /// `apply`, or by two files defining the same shape): two arrays are
    /// concatenated, an equal value is fine, anything else is a conflict,
    /// returned as a sentence naming the trait and both values.
    pub fn merge(&mut self, id: &str, value: Value) -> Result<(), String> {
        match self.0.get_mut(id) {
            None => {
                self.0.insert(id.to_owned(), value);
                Ok(())
            }
            Some(Value::Array(existing)) if value.is_array() => {
                existing.extend(value.as_array().into_iter().flatten().cloned());
                Ok(())
            }
            Some(existing) if *existing == value => Ok(()),
            Some(existing) => Err(format!(
                "trait {id} is applied twice with different values ({} and {}): expected equal values or two arrays",
                short(existing),
                short(&value)
            )),
        }
    }

    /// These traits (a member's) laid over `target`'s (the shape the member
    /// targets): the member's own value wins, and what only the target sets
    /// shows through. This is how Smithy scopes member traits: they refine
    /// the target for this one member and never conflict with it.
    pub fn over(&self, target: &Traits) -> Traits {
        let mut traits = self.clone();
        traits.inherit(target);
        traits
    }

    /// Removes the trait `id`, returning its value.
    pub fn remove(&mut self, id: &str) -> Option<Value> {
        self.0.shift_remove(id)
    }

    fn string(&self, id: &str) -> Option<&str> {
        self.0.get(id).and_then(Value::as_str)
    }

    /// `@documentation`: the HTML documentation.
    pub fn documentation(&self) -> Option<&str> {
        self.string(ids::DOCUMENTATION)
    }

    /// `@required`.
    pub fn is_required(&self) -> bool {
        self.has(ids::REQUIRED)
    }

    /// `@sensitive`.
    pub fn is_sensitive(&self) -> bool {
        self.has(ids::SENSITIVE)
    }

    /// `@error`: whose fault the error is.
    pub fn fault(&self) -> Option<Fault> {
        match self.string(ids::ERROR)? {
            "client" => Some(Fault::Client),
            "server" => Some(Fault::Server),
            _ => None,
        }
    }

    /// `@httpError`: the HTTP status of the error.
    pub fn http_error(&self) -> Option<u16> {
        self.0
            .get(ids::HTTP_ERROR)?
            .as_u64()
            .and_then(|n| u16::try_from(n).ok())
    }

    /// `Some(throttling)` when the error is `@retryable`.
    pub fn retryable(&self) -> Option<bool> {
        let value = self.0.get(ids::RETRYABLE)?;
        Some(
            value
                .get("throttling")
                .and_then(Value::as_bool)
                .unwrap_or(false),
        )
    }

    /// `@enumValue` of an enum member.
    pub fn enum_value(&self) -> Option<&Value> {
        self.0.get(ids::ENUM_VALUE)
    }

    /// `@default`: the value as the model writes it (maybe `null`).
    pub fn default_value(&self) -> Option<&Value> {
        self.0.get(ids::DEFAULT)
    }

    /// `@clientOptional`.
    pub fn is_client_optional(&self) -> bool {
        self.has(ids::CLIENT_OPTIONAL)
    }

    /// `@timestampFormat`.
    pub fn timestamp_format(&self) -> Option<TimestampFormat> {
        match self.string(ids::TIMESTAMP_FORMAT)? {
            "epoch-seconds" => Some(TimestampFormat::EpochSeconds),
            "date-time" => Some(TimestampFormat::DateTime),
            "http-date" => Some(TimestampFormat::HttpDate),
            _ => None,
        }
    }

    /// `@deprecated`, with its message and version when given.
    pub fn deprecated(&self) -> Option<Deprecated> {
        let value = self.0.get(ids::DEPRECATED)?;
        let field = |name: &str| value.get(name).and_then(Value::as_str).map(str::to_owned);
        Some(Deprecated {
            message: field("message"),
            since: field("since"),
        })
    }

    /// `@paginated` as the shape writes it (not merged with the service's).
    pub fn paginated(&self) -> Option<Paginated> {
        let value = self.0.get(ids::PAGINATED)?;
        let field = |name: &str| value.get(name).and_then(Value::as_str).map(str::to_owned);
        Some(Paginated {
            input_token: field("inputToken"),
            output_token: field("outputToken"),
            items: field("items"),
            page_size: field("pageSize"),
        })
    }

    /// `@idempotencyToken`.
    pub fn is_idempotency_token(&self) -> bool {
        self.has(ids::IDEMPOTENCY_TOKEN)
    }

    /// `@sparse`.
    pub fn is_sparse(&self) -> bool {
        self.has(ids::SPARSE)
    }

    /// `@streaming`.
    pub fn is_streaming(&self) -> bool {
        self.has(ids::STREAMING)
    }

    /// `@mixin`.
    pub fn is_mixin(&self) -> bool {
        self.has(ids::MIXIN)
    }

    /// `@length` bounds.
    pub fn length(&self) -> Option<Bounds> {
        self.bounds(ids::LENGTH)
    }

    /// `@range` bounds.
    pub fn range(&self) -> Option<Bounds> {
        self.bounds(ids::RANGE)
    }

    fn bounds(&self, id: &str) -> Option<Bounds> {
        let value = self.0.get(id)?;
        let number = |name: &str| value.get(name).and_then(Value::as_f64);
        Some(Bounds {
            min: number("min"),
            max: number("max"),
        })
    }

    /// `@pattern`: the regular expression as written.
    pub fn pattern(&self) -> Option<&str> {
        self.string(ids::PATTERN)
    }

    /// `@title`: the service's display name.
    pub fn title(&self) -> Option<&str> {
        self.string(ids::TITLE)
    }
}

/// A JSON value for an error message, cut short so that a large trait (an
/// endpoint rule set) does not drown the message.
fn short(value: &Value) -> String {
    let text = value.to_string();
    match text.char_indices().nth(80) {
        Some((cut, _)) => format!("{}...", &text[..cut]),
        None => text,
    }
}
