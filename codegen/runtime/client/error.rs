//! `SdkError`: everything a call through the client can end in besides its
//! output, sorted by what the caller can do about it.

use std::error::Error as StdError;
use std::fmt;
use std::time::Duration;

use super::metadata::ResponseMetadata;
use super::transport::TransportError;
use crate::error::{DeserializeError, ProvideErrorMetadata};

/// A boxed error that can cross threads.
pub type BoxError = Box<dyn StdError + Send + Sync + 'static>;

/// Why a call failed. `E` is the operation's error enum (for example
/// `AdminInitiateAuthError`), which only [`SdkError::Service`] holds.
///
/// Every variant carries the call's [`ResponseMetadata`]: how many attempts
/// were made, how long the client waited between them, and the request id
/// and HTTP status of the last response, if any.
#[derive(Debug)]
#[non_exhaustive]
pub enum SdkError<E> {
    /// The request could not be built or signed: a required member is
    /// missing, the region or endpoint is unusable, or no credentials were
    /// found. Nothing was sent.
    Construction(ConstructionFailure),
    /// An attempt, or the whole operation, ran out of time.
    Timeout(TimeoutFailure),
    /// The request could not be sent or its response not received: the
    /// connection was refused or reset, or TLS failed.
    Dispatch(DispatchFailure),
    /// A successful response arrived, but its body is not the operation's output.
    Response(ResponseFailure),
    /// The service answered with an error: a modelled one, or `Unhandled`
    /// for codes (and non-JSON bodies) the crate does not know.
    Service(ServiceError<E>),
}

impl<E> SdkError<E> {
    pub(crate) fn construction(source: impl Into<BoxError>, metadata: ResponseMetadata) -> Self {
        SdkError::Construction(ConstructionFailure {
            source: source.into(),
            metadata,
        })
    }

    /// The attempts, retry delay, request id and HTTP status of the call.
    pub fn metadata(&self) -> &ResponseMetadata {
        match self {
            SdkError::Construction(e) => &e.metadata,
            SdkError::Timeout(e) => &e.metadata,
            SdkError::Dispatch(e) => &e.metadata,
            SdkError::Response(e) => &e.metadata,
            SdkError::Service(e) => &e.metadata,
        }
    }

    /// The request id of the last response, if one arrived.
    pub fn request_id(&self) -> Option<&str> {
        self.metadata().request_id()
    }

    /// The service's error, if that is what this is.
    pub fn as_service_error(&self) -> Option<&E> {
        match self {
            SdkError::Service(e) => Some(&e.error),
            _ => None,
        }
    }

    /// The service's error, if that is what this is.
    pub fn into_service_error(self) -> Option<E> {
        match self {
            SdkError::Service(e) => Some(e.error),
            _ => None,
        }
    }
}

impl<E: ProvideErrorMetadata> SdkError<E> {
    /// The service's error code, for service errors.
    pub fn code(&self) -> Option<&str> {
        self.as_service_error().and_then(ProvideErrorMetadata::code)
    }

    /// The service's explanation, for service errors that have one.
    pub fn message(&self) -> Option<&str> {
        self.as_service_error().and_then(ProvideErrorMetadata::message)
    }
}

impl<E: fmt::Display> fmt::Display for SdkError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SdkError::Construction(e) => e.fmt(f),
            SdkError::Timeout(e) => e.fmt(f),
            SdkError::Dispatch(e) => e.fmt(f),
            SdkError::Response(e) => e.fmt(f),
            SdkError::Service(e) => e.fmt(f),
        }
    }
}

impl<E: StdError + 'static> StdError for SdkError<E> {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        match self {
            SdkError::Construction(e) => Some(e),
            SdkError::Timeout(e) => Some(e),
            SdkError::Dispatch(e) => Some(e),
            SdkError::Response(e) => Some(e),
            SdkError::Service(e) => Some(&e.error),
        }
    }
}

/// Writes ` (after N attempts)` when there was more than one.
fn write_attempts(f: &mut fmt::Formatter<'_>, metadata: &ResponseMetadata) -> fmt::Result {
    match metadata.attempts() {
        0 | 1 => Ok(()),
        n => write!(f, " (after {n} attempts)"),
    }
}

/// The request could not be built or signed; see [`SdkError::Construction`].
#[derive(Debug)]
pub struct ConstructionFailure {
    source: BoxError,
    metadata: ResponseMetadata,
}

impl ConstructionFailure {
    /// The call's metadata: no attempts, no response.
    pub fn metadata(&self) -> &ResponseMetadata {
        &self.metadata
    }
}

impl fmt::Display for ConstructionFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot build the request: {}", self.source)
    }
}

impl StdError for ConstructionFailure {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        Some(self.source.as_ref())
    }
}

/// Which time limit ran out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TimeoutKind {
    /// One attempt got no complete response within the attempt timeout, and
    /// no attempts (or retry budget) were left to try again.
    Attempt,
    /// The whole call, retries included, ran past the operation timeout.
    Operation,
}

/// A time limit ran out; see [`SdkError::Timeout`].
#[derive(Debug)]
pub struct TimeoutFailure {
    pub(crate) kind: TimeoutKind,
    pub(crate) limit: Duration,
    pub(crate) metadata: ResponseMetadata,
}

impl TimeoutFailure {
    /// Whether the attempt or the operation timeout ran out.
    pub fn kind(&self) -> TimeoutKind {
        self.kind
    }

    /// The limit that ran out.
    pub fn limit(&self) -> Duration {
        self.limit
    }

    /// Attempts made and time waited between them.
    pub fn metadata(&self) -> &ResponseMetadata {
        &self.metadata
    }
}

impl fmt::Display for TimeoutFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            TimeoutKind::Attempt => "no response within the attempt timeout",
            TimeoutKind::Operation => "the call did not finish within the operation timeout",
        };
        write!(f, "timed out: {what} of {:?}", self.limit)?;
        write_attempts(f, &self.metadata)
    }
}

impl StdError for TimeoutFailure {}

/// The request could not be sent or the response not received; see [`SdkError::Dispatch`].
#[derive(Debug)]
pub struct DispatchFailure {
    pub(crate) source: TransportError,
    pub(crate) metadata: ResponseMetadata,
}

impl DispatchFailure {
    /// What the transport reported.
    pub fn transport_error(&self) -> &TransportError {
        &self.source
    }

    /// Attempts made and time waited between them.
    pub fn metadata(&self) -> &ResponseMetadata {
        &self.metadata
    }
}

impl fmt::Display for DispatchFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot send the request: {}", self.source)?;
        write_attempts(f, &self.metadata)
    }
}

impl StdError for DispatchFailure {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        Some(&self.source)
    }
}

/// A 2xx response whose body is not the operation's output; see [`SdkError::Response`].
#[derive(Debug)]
pub struct ResponseFailure {
    pub(crate) source: DeserializeError,
    pub(crate) metadata: ResponseMetadata,
}

impl ResponseFailure {
    /// Request id and HTTP status of the response that could not be read.
    pub fn metadata(&self) -> &ResponseMetadata {
        &self.metadata
    }
}

impl fmt::Display for ResponseFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.source.fmt(f)
    }
}

impl StdError for ResponseFailure {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        Some(&self.source)
    }
}

/// The service's answer was an error; see [`SdkError::Service`].
#[derive(Debug)]
pub struct ServiceError<E> {
    pub(crate) error: E,
    pub(crate) metadata: ResponseMetadata,
}

impl<E> ServiceError<E> {
    /// The operation's error.
    pub fn err(&self) -> &E {
        &self.error
    }

    /// The operation's error, by value.
    pub fn into_err(self) -> E {
        self.error
    }

    /// Request id and HTTP status of the error response, attempts made and
    /// time waited between them.
    pub fn metadata(&self) -> &ResponseMetadata {
        &self.metadata
    }
}

impl<E: fmt::Display> fmt::Display for ServiceError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.error.fmt(f)?;
        write_attempts(f, &self.metadata)
    }
}
