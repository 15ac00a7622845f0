//! Where requests go, and what the endpoint asks of them.
//!
//! The crate's `client.rs` picks the source of truth: the service's
//! endpoint rule set (compiled into `crate::endpoint`) when the model has
//! one, [`regional`] otherwise. Either way the result is a [`Target`].

use std::collections::BTreeMap;

use super::config::Config;
use super::error::BoxError;

/// A resolved endpoint as the client uses it.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Target {
    /// The URL requests are sent to.
    pub(crate) url: String,
    /// Headers the endpoint requires on every request.
    pub(crate) headers: Vec<(http::HeaderName, http::HeaderValue)>,
    /// The region to sign for, when the endpoint names one (`authSchemes`).
    pub(crate) signing_region: Option<String>,
    /// The service name to sign for, when the endpoint names one.
    pub(crate) signing_name: Option<String>,
}

/// The region of `config`, refused unless it is a DNS label: the region
/// becomes part of a host name, and a value such as `us-east-1/x` or
/// `evil.com#` must not redirect requests (with their signed credentials)
/// to another host.
pub(crate) fn checked_region(config: &Config) -> Result<Option<&str>, BoxError> {
    match config.region() {
        Some(region) if !is_host_label(region) => {
            Err(format!("`{region}` is not a valid region name").into())
        }
        region => Ok(region),
    }
}

/// The endpoint of a service whose model has no endpoint rule set: the
/// override if set, else `https://{prefix}.{region}.amazonaws.com`.
#[allow(dead_code)] // Crates whose model has endpoint rules resolve with those instead.
pub(crate) fn regional(config: &Config, endpoint_prefix: &str) -> Result<Target, BoxError> {
    let region = checked_region(config)?;
    if let Some(url) = config.endpoint_url() {
        return Ok(Target::at(url.to_owned()));
    }
    if config.use_fips() || config.use_dual_stack() {
        return Err(
            "FIPS and dual-stack endpoints need the service's endpoint rules, which this service's \
             model does not have; set the endpoint URL explicitly"
                .into(),
        );
    }
    let region = region.ok_or(
        "no region: set one with `Config::builder().region(..)` or the AWS_REGION environment variable",
    )?;
    Ok(Target::at(format!("https://{endpoint_prefix}.{region}.amazonaws.com")))
}

impl Target {
    fn at(url: String) -> Self {
        Target {
            url,
            headers: Vec::new(),
            signing_region: None,
            signing_name: None,
        }
    }

    /// The target for an endpoint the rule set resolved: its URL, its
    /// headers, and the signing region and name of its first `sigv4`
    /// auth scheme, if it lists one.
    #[allow(dead_code)] // Crates whose model has no endpoint rules never call it.
    pub(crate) fn from_rules(
        url: String,
        headers: &BTreeMap<String, Vec<String>>,
        properties: &serde_json::Map<String, serde_json::Value>,
    ) -> Result<Self, BoxError> {
        let mut target = Target::at(url);
        for (name, values) in headers {
            let header = http::HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| format!("the endpoint rules name an invalid header `{name}`"))?;
            for value in values {
                let value = http::HeaderValue::from_str(value)
                    .map_err(|_| format!("the endpoint rules give header `{name}` an invalid value"))?;
                target.headers.push((header.clone(), value));
            }
        }
        let sigv4 = properties
            .get("authSchemes")
            .and_then(serde_json::Value::as_array)
            .into_iter()
            .flatten()
            .find(|scheme| scheme.get("name").and_then(serde_json::Value::as_str) == Some("sigv4"));
        if let Some(scheme) = sigv4 {
            let text = |key: &str| scheme.get(key).and_then(serde_json::Value::as_str).map(str::to_owned);
            target.signing_region = text("signingRegion");
            target.signing_name = text("signingName");
        }
        Ok(target)
    }
}

/// A DNS label: 1 to 63 letters, digits and hyphens, not starting with a hyphen.
fn is_host_label(text: &str) -> bool {
    (1..=63).contains(&text.len())
        && !text.starts_with('-')
        && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolved(builder: crate::client::ConfigBuilder) -> Result<String, String> {
        regional(&builder.build(), "cognito-idp")
            .map(|target| target.url)
            .map_err(|e| e.to_string())
    }

    #[test]
    fn the_region_makes_the_endpoint() {
        let builder = Config::builder().region("eu-west-3");
        assert_eq!(
            resolved(builder).unwrap(),
            "https://cognito-idp.eu-west-3.amazonaws.com"
        );
    }

    #[test]
    fn the_override_wins() {
        let builder = Config::builder()
            .region("eu-west-3")
            .endpoint_url("http://127.0.0.1:5000");
        assert_eq!(resolved(builder).unwrap(), "http://127.0.0.1:5000");
    }

    #[test]
    fn unusable_settings_are_errors() {
        for region in ["", "us-east-1/evil", "-us", "us east", "evil.com#"] {
            let error = resolved(Config::builder().region(region)).unwrap_err();
            assert!(error.contains("not a valid region"), "{region}: {error}");
        }
        let error = resolved(Config::builder().region("us-east-1").use_fips(true)).unwrap_err();
        assert!(error.contains("FIPS"), "{error}");
    }

    #[test]
    fn rule_endpoints_bring_headers_and_signing_scope() {
        let headers = BTreeMap::from([("x-amz-thing".to_owned(), vec!["a".to_owned(), "b".to_owned()])]);
        let properties = serde_json::json!({
            "authSchemes": [
                {"name": "sigv4a", "signingRegionSet": ["*"]},
                {"name": "sigv4", "signingRegion": "us-gov-west-1", "signingName": "things"}
            ]
        });
        let target = Target::from_rules(
            "https://things.example".to_owned(),
            &headers,
            properties.as_object().unwrap(),
        )
        .unwrap();
        assert_eq!(target.url, "https://things.example");
        let values: Vec<_> = target.headers.iter().map(|(n, v)| (n.as_str(), v.to_str().unwrap())).collect();
        assert_eq!(values, [("x-amz-thing", "a"), ("x-amz-thing", "b")]);
        assert_eq!(target.signing_region.as_deref(), Some("us-gov-west-1"));
        assert_eq!(target.signing_name.as_deref(), Some("things"));

        let bad = BTreeMap::from([("bad header".to_owned(), vec!["a".to_owned()])]);
        let error = Target::from_rules(String::new(), &bad, &serde_json::Map::new()).unwrap_err();
        assert!(error.to_string().contains("invalid header"), "{error}");
    }
}
