//! `aws.isVirtualHostableS3Bucket`: whether a bucket name can go in front
//! of the host name (`bucket.s3.amazonaws.com`) rather than in the path.

use super::host_label::is_valid_host_label;

/// Whether `value` is a bucket name that works as a host label: 3 to 63
/// lower-case letters, digits and hyphens, starting and ending with a
/// letter or digit. With `allow_sub_domains`, dots may separate such
/// labels, as long as the whole does not read as an IPv4 address and no
/// dot sits next to a hyphen.
pub(crate) fn is_virtual_hostable_s3_bucket(value: &str, allow_sub_domains: bool) -> bool {
    let lower_case = !value.bytes().any(|b| b.is_ascii_uppercase());
    let length_ok = (3..=63).contains(&value.len());
    let ends_ok = value
        .bytes()
        .next_back()
        .is_some_and(|b| b.is_ascii_alphanumeric());
    if !(lower_case && length_ok && ends_ok && is_valid_host_label(value, allow_sub_domains)) {
        return false;
    }
    !allow_sub_domains
        || (!looks_like_ipv4(value) && !value.contains(".-") && !value.contains("-."))
}

fn looks_like_ipv4(value: &str) -> bool {
    let parts: Vec<&str> = value.split('.').collect();
    parts.len() == 4
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}
