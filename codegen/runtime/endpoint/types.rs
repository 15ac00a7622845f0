//! What endpoint resolution produces: an [`Endpoint`] to send requests to,
//! or an [`EndpointError`] saying why there is none.

use std::collections::BTreeMap;
use std::fmt;

/// Where requests go, as the service's endpoint rules resolved it.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Endpoint {
    /// The URL requests are sent to, such as `https://service.us-east-1.amazonaws.com`.
    pub url: String,
    /// Headers the rules add to every request sent to this endpoint, by name.
    pub headers: BTreeMap<String, Vec<String>>,
    /// Further properties the rules attach to the endpoint, such as
    /// `authSchemes` (the signing name and region to use with it).
    pub properties: serde_json::Map<String, serde_json::Value>,
}

impl Endpoint {
    /// An endpoint at `url` with no headers and no properties.
    pub fn new(url: impl Into<String>) -> Self {
        Endpoint {
            url: url.into(),
            headers: BTreeMap::new(),
            properties: serde_json::Map::new(),
        }
    }

    /// Adds `value` to the values of header `name`.
    pub fn with_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers
            .entry(name.into())
            .or_default()
            .push(value.into());
        self
    }

    /// Sets property `name` to `value`.
    pub fn with_property(mut self, name: impl Into<String>, value: serde_json::Value) -> Self {
        self.properties.insert(name.into(), value);
        self
    }
}

/// Why no endpoint could be resolved from the parameters.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum EndpointError {
    /// An error rule matched: the rule set does not support this combination
    /// of parameters (for example FIPS together with a custom endpoint). The
    /// text is the rule's message.
    Rule(String),
    /// A parameter the rule set requires, and gives no default for, was not set.
    MissingParameter(&'static str),
    /// The parameters satisfied no rule. Rule sets are written so that this
    /// does not happen; it means the rule set has a gap.
    NoRuleMatched,
}

impl EndpointError {
    pub(crate) fn rule(message: impl Into<String>) -> Self {
        EndpointError::Rule(message.into())
    }
}

impl fmt::Display for EndpointError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EndpointError::Rule(message) => f.write_str(message),
            EndpointError::MissingParameter(name) => {
                write!(
                    f,
                    "the endpoint parameter `{name}` is required but was not set"
                )
            }
            EndpointError::NoRuleMatched => f.write_str("no endpoint rule matched the parameters"),
        }
    }
}

impl std::error::Error for EndpointError {}
