//! What every error carries besides its modelled members, and the errors
//! that are not the service's: a builder missing members, a response that
//! could not be read.

use std::fmt;

/// Whose fault an error is, from the model's `@error` trait (or, for codes
/// the model does not know, from the HTTP status).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorFault {
    /// The request was wrong; sending it again unchanged will fail again.
    Client,
    /// The service failed; the same request may succeed later.
    Server,
}

/// The code, message, request id and HTTP status of an error response.
///
/// Boxed, so that every error type (and every `Result` carrying one) stays
/// small: errors are the rare path, results are everywhere.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ErrorMetadata(Option<Box<MetadataFields>>);

#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct MetadataFields {
    code: Option<String>,
    message: Option<String>,
    request_id: Option<String>,
    status: Option<u16>,
}

impl ErrorMetadata {
    /// Metadata for an error built by hand (in tests, or by a fake service).
    pub fn new(code: Option<String>, message: Option<String>, request_id: Option<String>, status: Option<u16>) -> Self {
        ErrorMetadata(Some(Box::new(MetadataFields {
            code,
            message,
            request_id,
            status,
        })))
    }

    fn fields(&self) -> Option<&MetadataFields> {
        self.0.as_deref()
    }

    /// The error code, without namespace or URI decorations.
    pub fn code(&self) -> Option<&str> {
        self.fields()?.code.as_deref()
    }

    /// The message the service gave, if any.
    pub fn message(&self) -> Option<&str> {
        self.fields()?.message.as_deref()
    }

    /// The request id the service assigned (`x-amzn-requestid`).
    pub fn request_id(&self) -> Option<&str> {
        self.fields()?.request_id.as_deref()
    }

    /// The HTTP status of the response.
    pub fn status(&self) -> Option<u16> {
        self.fields()?.status
    }
}

/// An error response whose code this crate does not model.
#[derive(Debug)]
pub struct Unhandled {
    pub(crate) meta: ErrorMetadata,
}

impl Unhandled {
    pub(crate) fn new(meta: ErrorMetadata) -> Self {
        Unhandled { meta }
    }

    /// Server for 5xx statuses, client otherwise.
    pub fn fault(&self) -> ErrorFault {
        match self.meta.status() {
            Some(status) if status >= 500 => ErrorFault::Server,
            _ => ErrorFault::Client,
        }
    }
}

impl fmt::Display for Unhandled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_code_and_message(f, self.meta.code(), self.meta.message(), "unhandled error")?;
        if let Some(status) = self.meta.status() {
            write!(f, " (HTTP {status})")?;
        }
        Ok(())
    }
}

impl std::error::Error for Unhandled {}

/// `code: message`, the form every error of this crate displays.
pub(crate) fn write_code_and_message(
    f: &mut fmt::Formatter<'_>,
    code: Option<&str>,
    message: Option<&str>,
    fallback: &str,
) -> fmt::Result {
    f.write_str(code.unwrap_or(fallback))?;
    if let Some(message) = message {
        write!(f, ": {message}")?;
    }
    Ok(())
}

/// A builder's `build()` found required members unset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuildError {
    type_name: &'static str,
    missing: Vec<&'static str>,
}

impl BuildError {
    #[allow(dead_code)] // A model without required members never calls it.
    pub(crate) fn missing(type_name: &'static str, missing: Vec<&'static str>) -> Self {
        BuildError { type_name, missing }
    }

    /// The member names (as the model spells them) that were not set.
    pub fn missing_members(&self) -> &[&'static str] {
        &self.missing
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural = if self.missing.len() == 1 { "" } else { "s" };
        write!(
            f,
            "cannot build {}: required member{plural} {} not set",
            self.type_name,
            self.missing.join(", ")
        )
    }
}

impl std::error::Error for BuildError {}

/// A successful response whose body could not be read as the operation's output.
///
/// The parser's messages quote the value they choked on, which could be a
/// token in an unexpected place; `Display` and `Debug` show where and why
/// it failed with quoted values elided, so the error is safe to log. The
/// parser's own error stays reachable through `source()`.
pub struct DeserializeError {
    pub(crate) what: &'static str,
    pub(crate) source: ::serde_json::Error,
}

impl DeserializeError {
    fn reason(&self) -> String {
        elide_quoted(&self.source.to_string())
    }
}

/// `invalid type: string "secret", expected i32` becomes
/// `invalid type: string "…", expected i32`.
fn elide_quoted(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut inside = false;
    for c in message.chars() {
        if c == '"' {
            if inside {
                out.push('…');
            }
            inside = !inside;
            out.push(c);
        } else if !inside {
            out.push(c);
        }
    }
    out
}

impl fmt::Display for DeserializeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot read the response as {}: {}", self.what, self.reason())
    }
}

impl fmt::Debug for DeserializeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DeserializeError")
            .field("what", &self.what)
            .field("reason", &self.reason())
            .finish()
    }
}

impl std::error::Error for DeserializeError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

/// The outcome of reading an HTTP response that was not the output: either
/// the service said no (`Service`), or what it said could not be read.
#[derive(Debug)]
pub enum ResponseError<E> {
    /// A modelled or unhandled error response.
    Service(E),
    /// A 2xx response whose body is not the expected JSON.
    Deserialize(DeserializeError),
}

impl<E> ResponseError<E> {
    /// The service error, if that is what this is.
    pub fn into_service_error(self) -> Option<E> {
        match self {
            ResponseError::Service(e) => Some(e),
            ResponseError::Deserialize(_) => None,
        }
    }
}

impl<E: fmt::Display> fmt::Display for ResponseError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResponseError::Service(e) => e.fmt(f),
            ResponseError::Deserialize(e) => e.fmt(f),
        }
    }
}

impl<E: std::error::Error + 'static> std::error::Error for ResponseError<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ResponseError::Service(e) => Some(e),
            ResponseError::Deserialize(e) => Some(e),
        }
    }
}

/// A request could not be built (the endpoint is not a valid URI).
#[derive(Debug)]
pub struct RequestError {
    pub(crate) message: String,
}

impl fmt::Display for RequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot build the request: {}", self.message)
    }
}

impl std::error::Error for RequestError {}

/// What every service error of this crate can tell about itself.
///
/// Modelled errors, the per-operation error enums and the crate-wide
/// [`Error`](crate::Error) all implement it, so code that only needs the
/// code or the request id can handle any of them alike.
pub trait ProvideErrorMetadata {
    /// The code, message, request id and HTTP status as received.
    fn meta(&self) -> &ErrorMetadata;

    /// The error code: the modelled name for modelled errors, else the code received.
    fn code(&self) -> Option<&str> {
        self.meta().code()
    }

    /// The service's explanation, if it sent one.
    fn message(&self) -> Option<&str> {
        self.meta().message()
    }

    /// The request id the service assigned, for support cases and logs.
    fn request_id(&self) -> Option<&str> {
        self.meta().request_id()
    }

    /// Whether the caller or the service is at fault.
    fn fault(&self) -> ErrorFault;

    /// Whether the model marks this error `@retryable`.
    fn is_retryable(&self) -> bool {
        false
    }

    /// Whether the model marks this error as throttling (`@retryable(throttling: true)`).
    fn is_throttling(&self) -> bool {
        false
    }
}

impl ProvideErrorMetadata for Unhandled {
    fn meta(&self) -> &ErrorMetadata {
        &self.meta
    }

    fn fault(&self) -> ErrorFault {
        Unhandled::fault(self)
    }
}

/// `code: message`, how every service error of this crate displays itself,
/// so printing any error says what happened, not just that something did.
#[allow(dead_code)] // A model without error shapes has no error to display.
pub(crate) fn display_error(error: &dyn ProvideErrorMetadata, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    write_code_and_message(f, error.code(), error.message(), "service error")
}
