//! A [`Config`] from what `aws-config` loads (feature `sdk-config`), so that
//! `Client::new(&aws_config::load_from_env().await)` is all a program needs.
//! What carries over and what does not is documented on the impls, where
//! users of the crate read it.

#![cfg(feature = "sdk-config")]

use aws_types::sdk_config::{RetryConfig as SdkRetryConfig, SdkConfig, TimeoutConfig};

use super::config::{Config, ConfigBuilder};
use super::retry::RetryConfig;

impl From<&SdkConfig> for ConfigBuilder {
    /// A builder with everything `sdk` sets that the client honours (listed
    /// on [`Config`]'s `From<&SdkConfig>`); the builder's defaults fill
    /// what it leaves unset.
    fn from(sdk: &SdkConfig) -> Self {
        let mut builder = Config::builder();
        if let Some(region) = sdk.region() {
            builder = builder.region(region.as_ref());
        }
        if let Some(url) = sdk.endpoint_url() {
            builder = builder.endpoint_url(url);
        }
        if let Some(fips) = sdk.use_fips() {
            builder = builder.use_fips(fips);
        }
        if let Some(dual_stack) = sdk.use_dual_stack() {
            builder = builder.use_dual_stack(dual_stack);
        }
        if let Some(provider) = sdk.credentials_provider() {
            builder = builder.shared_credentials_provider(provider);
        }
        if let Some(retry) = sdk.retry_config() {
            builder = builder.retry(retry_config(retry));
        }
        if let Some(timeouts) = sdk.timeout_config() {
            builder = with_timeouts(builder, timeouts);
        }
        if let Some(app_name) = sdk.app_name() {
            builder = builder.app_name(app_name.as_ref());
        }
        builder
    }
}

/// Takes what `aws-config` loaded: `Client::new(&sdk_config)`.
///
/// Honoured: region, endpoint URL, FIPS and dual-stack, the credentials
/// provider (cached by the client), retry settings (max attempts, initial
/// and max backoff), timeouts (connect, operation attempt, operation), the
/// app name (in the `User-Agent`).
///
/// Not honoured, as this client has no use or no place for them: the
/// adaptive retry mode (client-side rate limiting; retries stay standard),
/// the read timeout, the reconnect mode, the HTTP client (the client keeps
/// its own transport; see [`ConfigBuilder::http_client`]), the identity
/// cache (the client has its own credentials cache), the sleep and time
/// sources (tokio's and the system clock), the token provider (no
/// operation here uses bearer tokens), stalled-stream protection, request
/// compression, checksum settings, the account-id endpoint mode, clock-skew
/// correction, auth scheme preference, the behavior version and
/// per-service configuration.
impl From<&SdkConfig> for Config {
    /// Everything `sdk` sets that the client honours; see [`ConfigBuilder`]'s
    /// `From<&SdkConfig>` to change more before building.
    fn from(sdk: &SdkConfig) -> Self {
        ConfigBuilder::from(sdk).build()
    }
}

fn retry_config(sdk: &SdkRetryConfig) -> RetryConfig {
    RetryConfig::standard()
        .with_max_attempts(sdk.max_attempts())
        .with_initial_backoff(sdk.initial_backoff())
        .with_max_backoff(sdk.max_backoff())
}

fn with_timeouts(mut builder: ConfigBuilder, timeouts: &TimeoutConfig) -> ConfigBuilder {
    if let Some(connect) = timeouts.connect_timeout() {
        builder = builder.connect_timeout(Some(connect));
    }
    if let Some(attempt) = timeouts.operation_attempt_timeout() {
        builder = builder.attempt_timeout(attempt);
    }
    if let Some(operation) = timeouts.operation_timeout() {
        builder = builder.operation_timeout(operation);
    }
    builder
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use aws_types::region::Region;
    use aws_types::sdk_config::{RetryConfig as SdkRetryConfig, SdkConfig, TimeoutConfig};

    use super::*;
    use crate::client::Credentials;

    #[test]
    fn every_honoured_setting_carries_over() {
        let sdk = SdkConfig::builder()
            .region(Region::new("eu-west-3"))
            .endpoint_url("http://127.0.0.1:5000")
            .use_fips(true)
            .use_dual_stack(true)
            .credentials_provider(aws_types::sdk_config::SharedCredentialsProvider::new(
                Credentials::from_keys("AKIDSDK", "sdk-secret", None),
            ))
            .retry_config(
                SdkRetryConfig::standard()
                    .with_max_attempts(7)
                    .with_initial_backoff(Duration::from_millis(30))
                    .with_max_backoff(Duration::from_secs(4)),
            )
            .timeout_config(
                TimeoutConfig::builder()
                    .connect_timeout(Duration::from_secs(2))
                    .operation_attempt_timeout(Duration::from_secs(5))
                    .operation_timeout(Duration::from_secs(9))
                    .build(),
            )
            .app_name(aws_types::app_name::AppName::new("sign-in-service").unwrap())
            .build();
        let config = Config::from(&sdk);
        assert_eq!(config.region(), Some("eu-west-3"));
        assert_eq!(config.endpoint_url(), Some("http://127.0.0.1:5000"));
        assert!(config.use_fips() && config.use_dual_stack());
        assert_eq!(config.retry().max_attempts(), 7);
        assert_eq!(config.retry().initial_backoff(), Duration::from_millis(30));
        assert_eq!(config.retry().max_backoff(), Duration::from_secs(4));
        assert_eq!(config.connect_timeout(), Some(Duration::from_secs(2)));
        assert_eq!(config.attempt_timeout(), Some(Duration::from_secs(5)));
        assert_eq!(config.operation_timeout(), Some(Duration::from_secs(9)));
        assert_eq!(config.app_name(), Some("sign-in-service"));
        let debug = format!("{:?}", config.credentials_provider());
        assert!(debug.contains("AKIDSDK") && !debug.contains("sdk-secret"), "{debug}");
    }

    #[test]
    fn what_the_sdk_config_leaves_unset_keeps_the_defaults() {
        let config = Config::from(&SdkConfig::builder().region(Region::new("us-east-1")).build());
        let defaults = Config::builder().region("us-east-1").build();
        assert_eq!(config.retry(), defaults.retry());
        assert_eq!(config.connect_timeout(), defaults.connect_timeout());
        assert_eq!(config.attempt_timeout(), None);
        assert_eq!(config.app_name(), None);
    }
}
