//! `uriEncode`: percent-encoding for a value placed in a URL.

use std::fmt::Write;

/// `value` with every byte other than the unreserved characters of RFC 3986
/// (`A-Z a-z 0-9 - . _ ~`) written as `%XX`, in upper-case hexadecimal.
pub(crate) fn uri_encode(value: &str) -> String {
    let mut encoded = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            encoded.push(char::from(byte));
        } else {
            // Writing to a String cannot fail.
            let _ = write!(encoded, "%{byte:02X}");
        }
    }
    encoded
}
