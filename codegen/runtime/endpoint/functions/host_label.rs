//! `isValidHostLabel`: whether a string can stand as a DNS host label.

/// Whether `value` is a host label: 1 to 63 ASCII letters, digits and
/// hyphens, starting with a letter or digit (RFC 1123). With
/// `allow_sub_domains`, `value` may be several such labels joined by dots.
pub(crate) fn is_valid_host_label(value: &str, allow_sub_domains: bool) -> bool {
    if allow_sub_domains {
        value.split('.').all(is_one_label)
    } else {
        is_one_label(value)
    }
}

fn is_one_label(label: &str) -> bool {
    let mut bytes = label.bytes();
    let Some(first) = bytes.next() else {
        return false;
    };
    label.len() <= 63
        && first.is_ascii_alphanumeric()
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'-')
}
