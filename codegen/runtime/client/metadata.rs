//! What the client learned while making one call: who answered, with what
//! status, and how many tries it took. Every output and every error carries it.

use std::time::Duration;

/// Facts about the call that produced an output or an error.
///
/// The request id and HTTP status are those of the last response received;
/// both are `None` when the last attempt got no response (a timeout, a
/// refused connection) or no attempt was made (the request could not be built).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ResponseMetadata {
    pub(crate) request_id: Option<String>,
    pub(crate) http_status: Option<u16>,
    pub(crate) attempts: u32,
    pub(crate) total_retry_delay: Duration,
}

impl ResponseMetadata {
    /// The id the service gave the request (`x-amzn-requestid`), for support cases and logs.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The HTTP status of the last response.
    pub fn http_status(&self) -> Option<u16> {
        self.http_status
    }

    /// How many times the request was sent: 1 when the first try settled it.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// How long the client waited between attempts, in total.
    pub fn total_retry_delay(&self) -> Duration {
        self.total_retry_delay
    }
}

/// Implemented by every operation output, so code that handles several
/// operations can log the request id of any of them.
pub trait ProvideResponseMetadata {
    /// The metadata of the call that returned this output. Outputs read
    /// with the sans-IO `response` functions, or built by hand, carry an
    /// empty one.
    fn response_metadata(&self) -> &ResponseMetadata;
}
