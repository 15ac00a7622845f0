//! The client sends requests where the model's endpoint rules say, with the
//! region, FIPS, dual-stack and endpoint override settings of its `Config`.
//! A recording transport stands in for the network: it keeps each request's
//! URI and answers with an empty success.

use std::sync::{Arc, Mutex};

use cognito_identity_provider::client::{
    BoxFuture, Client, Config, ConfigBuilder, Credentials, HttpClient, SdkError, TransportError,
};
use cognito_identity_provider::types::AuthFlowType;

/// Records the URI of every request it is given.
#[derive(Debug, Default)]
struct Log {
    uris: Mutex<Vec<String>>,
    /// The signing scope (`Credential=...`) of each request's authorization header.
    scopes: Mutex<Vec<String>>,
}

/// A transport that answers every request with `200 {}` and logs it.
#[derive(Clone, Debug, Default)]
struct Recorder(Arc<Log>);

impl std::ops::Deref for Recorder {
    type Target = Log;
    fn deref(&self) -> &Log {
        &self.0
    }
}

impl HttpClient for Recorder {
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>> {
        self.uris.lock().unwrap().push(request.uri().to_string());
        let authorization = request
            .headers()
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        let scope = authorization
            .split("Credential=")
            .nth(1)
            .and_then(|rest| rest.split(',').next())
            .unwrap_or_default()
            .to_owned();
        self.scopes.lock().unwrap().push(scope);
        Box::pin(async {
            Ok(http::Response::builder()
                .status(200)
                .body(b"{}".to_vec())
                .unwrap())
        })
    }
}

fn builder(recorder: &Recorder) -> ConfigBuilder {
    Config::builder()
        .credentials(Credentials::from_keys("AKIDENDPOINTS", "secret", None))
        .http_client(recorder.clone())
}

/// Sends one AdminInitiateAuth; `Ok` carries the URI it went to.
async fn send(config: ConfigBuilder, recorder: &Recorder) -> Result<String, String> {
    let result = Client::new(config.build())
        .admin_initiate_auth()
        .user_pool_id("pool")
        .client_id("client")
        .auth_flow(AuthFlowType::AdminNoSrpAuth)
        .send()
        .await;
    match result {
        Ok(_) => Ok(recorder.uris.lock().unwrap().last().cloned().unwrap()),
        Err(SdkError::Construction(failure)) => Err(failure.to_string()),
        Err(other) => panic!("only construction can fail here: {other:?}"),
    }
}

#[tokio::test]
async fn the_rules_pick_the_url_from_region_fips_and_dual_stack() {
    // (region, FIPS, dual-stack, URL) as the model's endpoint tests give them.
    let cases = [
        (
            "us-east-1",
            false,
            false,
            "https://cognito-idp.us-east-1.amazonaws.com/",
        ),
        (
            "us-east-1",
            true,
            false,
            "https://cognito-idp-fips.us-east-1.amazonaws.com/",
        ),
        (
            "cn-north-1",
            false,
            false,
            "https://cognito-idp.cn-north-1.amazonaws.com.cn/",
        ),
        (
            "cn-north-1",
            true,
            true,
            "https://cognito-idp-fips.cn-north-1.api.amazonwebservices.com.cn/",
        ),
        (
            "us-gov-east-1",
            false,
            true,
            "https://cognito-idp.us-gov-east-1.api.aws/",
        ),
        (
            "us-iso-east-1",
            false,
            false,
            "https://cognito-idp.us-iso-east-1.c2s.ic.gov/",
        ),
    ];
    for (region, fips, dual_stack, url) in cases {
        let recorder = Recorder::default();
        let config = builder(&recorder)
            .region(region)
            .use_fips(fips)
            .use_dual_stack(dual_stack);
        assert_eq!(
            send(config, &recorder).await.as_deref(),
            Ok(url),
            "{region} fips={fips} dual={dual_stack}"
        );
        let scope = recorder.scopes.lock().unwrap()[0].clone();
        assert!(
            scope.ends_with(&format!("/{region}/cognito-idp/aws4_request")),
            "{scope}"
        );
    }
}

#[tokio::test]
async fn the_endpoint_override_wins_unless_the_rules_refuse_it() {
    let recorder = Recorder::default();
    let config = builder(&recorder)
        .region("eu-west-1")
        .endpoint_url("http://127.0.0.1:9/");
    assert_eq!(
        send(config, &recorder).await.as_deref(),
        Ok("http://127.0.0.1:9/")
    );

    for (fips, dual_stack, message) in [
        (
            true,
            false,
            "Invalid Configuration: FIPS and custom endpoint are not supported",
        ),
        (
            false,
            true,
            "Invalid Configuration: Dualstack and custom endpoint are not supported",
        ),
    ] {
        let config = builder(&recorder)
            .region("eu-west-1")
            .endpoint_url("http://127.0.0.1:9/")
            .use_fips(fips)
            .use_dual_stack(dual_stack);
        let error = send(config, &recorder).await.unwrap_err();
        assert!(error.contains(message), "{error}");
    }
    assert_eq!(
        recorder.uris.lock().unwrap().len(),
        1,
        "refused configurations send nothing"
    );
}

#[tokio::test]
async fn a_missing_or_malformed_region_is_refused_before_sending() {
    let recorder = Recorder::default();
    // With no region in the config and none in the environment, the rules refuse.
    if ["AWS_REGION", "AWS_DEFAULT_REGION"]
        .iter()
        .all(|name| std::env::var_os(name).is_none())
    {
        let error = send(builder(&recorder), &recorder).await.unwrap_err();
        assert!(error.contains("Missing Region"), "{error}");
    } else {
        println!("AWS_REGION or AWS_DEFAULT_REGION is set: the missing-region case is not checked");
    }
    for region in ["us-east-1.evil.example", "us-east-1/x", ""] {
        let error = send(builder(&recorder).region(region), &recorder)
            .await
            .unwrap_err();
        assert!(error.contains("not a valid region"), "{region}: {error}");
    }
    assert!(recorder.uris.lock().unwrap().is_empty());
}
