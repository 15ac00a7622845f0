//! `parseURL`: the parts of an absolute URL that endpoint rules look at.

use std::net::IpAddr;

/// A URL that `parseURL` accepted.
#[derive(Debug)]
#[allow(
    dead_code,
    reason = "a rule set reads only the attributes it needs; the others stay unread"
)]
pub(crate) struct Url<'a> {
    /// `https`, `http`, ...
    pub(crate) scheme: &'a str,
    /// The host, with the port when the URL gives one.
    pub(crate) authority: &'a str,
    /// The path as written: empty when the URL has none.
    pub(crate) path: &'a str,
    /// The path, starting and ending with `/`.
    pub(crate) normalized_path: String,
    /// Whether the host is an IPv4 or IPv6 address rather than a name.
    pub(crate) is_ip: bool,
}

/// `value` split into scheme, authority and path, or `None` when it is not
/// an absolute URL, or has a query or a fragment (which an endpoint cannot
/// carry).
pub(crate) fn parse_url(value: &str) -> Option<Url<'_>> {
    // `http` validates the characters and the shape of the URL; the parts
    // are then taken from `value` itself so they borrow from it.
    let uri: http::Uri = value.parse().ok()?;
    if uri.query().is_some() || value.contains('#') {
        return None;
    }
    let host = uri.host()?;
    let (scheme, rest) = value.split_once("://")?;
    let (authority, path) = match rest.find('/') {
        Some(slash) => rest.split_at_checked(slash)?,
        None => (rest, ""),
    };
    if scheme.is_empty() || authority.is_empty() {
        return None;
    }
    let normalized_path = match (path.starts_with('/'), path.ends_with('/')) {
        (true, true) => path.to_owned(),
        (true, false) => format!("{path}/"),
        (false, _) if path.is_empty() => "/".to_owned(),
        (false, true) => format!("/{path}"),
        (false, false) => format!("/{path}/"),
    };
    let bare_host = host
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host);
    Some(Url {
        scheme,
        authority,
        path,
        normalized_path,
        is_ip: bare_host.parse::<IpAddr>().is_ok(),
    })
}
