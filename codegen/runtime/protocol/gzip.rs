//! gzip for `@requestCompression`.

use std::io::Write;

/// The smallest body `@requestCompression` compresses, as the specification
/// recommends: below it, compression costs more than it saves.
pub(crate) const DEFAULT_MIN_BYTES: usize = 10_240;

pub(crate) fn compress(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut encoder = ::flate2::write::GzEncoder::new(Vec::new(), ::flate2::Compression::default());
    encoder.write_all(bytes)?;
    encoder.finish()
}
