//! Where requests go.
//!
//! This is the one place that turns the configuration into an endpoint
//! URL. It knows only the override and the standard regional form; the
//! model's endpoint rule set (FIPS, dual-stack, other partitions) replaces
//! its body once the crate has a resolver for it.

use super::config::Config;
use super::error::BoxError;

/// The endpoint for requests under `config`: the override if set, else
/// `https://{prefix}.{region}.amazonaws.com`.
pub(crate) fn resolve(config: &Config, endpoint_prefix: &str) -> Result<String, BoxError> {
    if let Some(url) = config.endpoint_url() {
        return Ok(url.to_owned());
    }
    if config.use_fips() || config.use_dual_stack() {
        return Err(
            "FIPS and dual-stack endpoints need the service's endpoint rules, which this crate \
                    does not resolve yet; set the endpoint URL explicitly"
                .into(),
        );
    }
    let region = config
        .region()
        .ok_or("no region: set one with `Config::builder().region(..)` or the AWS_REGION environment variable")?;
    if !is_host_label(region) {
        return Err(format!("`{region}` is not a valid region name").into());
    }
    Ok(format!("https://{endpoint_prefix}.{region}.amazonaws.com"))
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
        resolve(&builder.build(), "cognito-idp").map_err(|e| e.to_string())
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
        for region in ["", "us-east-1/evil", "-us", "us east"] {
            let error = resolved(Config::builder().region(region)).unwrap_err();
            assert!(error.contains("not a valid region"), "{region}: {error}");
        }
        let error = resolved(Config::builder().region("us-east-1").use_fips(true)).unwrap_err();
        assert!(error.contains("FIPS"), "{error}");
    }
}
