//! The wire layer shared by every operation: JSON value encodings, the zero
//! values of client error correction, and the AWS JSON request and error
//! conventions. Operations add only what is theirs (target, types).

pub(crate) mod aws_json;
// The same adapters ship with every crate; a model without floats,
// formatted timestamps or unions leaves some of them unused.
#[allow(dead_code)]
pub(crate) mod json;
pub(crate) mod zero;

pub(crate) use zero::zero;

/// Error structures take the metadata of the response they were read from.
pub(crate) trait WithErrorMetadata {
    fn set_meta(&mut self, meta: crate::error::ErrorMetadata);
}
