//! How an operation's requests are authenticated, as its model says.

/// The authentication an operation asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AuthMode {
    /// Signed with AWS Signature Version 4.
    SigV4,
    /// Signed when credentials are available, sent unsigned otherwise (`@optionalAuth`).
    Optional,
    /// Never signed (`@auth([])`): the operation authenticates by other means.
    None,
}
