//! SigV4 request signing, by the `aws-sigv4` crate. This module only
//! adapts: our request and credentials in, signed headers out.

use std::time::SystemTime;

use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings};
use aws_sigv4::sign::v4::SigningParams;

use super::credentials::Credentials;
use super::error::BoxError;

/// Who signs, for which region and service.
pub(crate) struct Signer<'a> {
    pub(crate) credentials: &'a Credentials,
    pub(crate) region: &'a str,
    pub(crate) signing_name: &'a str,
}

impl Signer<'_> {
    /// Adds `x-amz-date`, `authorization` and, for temporary credentials,
    /// `x-amz-security-token` to `request`, signed as of `time`.
    pub(crate) fn sign(&self, request: &mut http::Request<Vec<u8>>, time: SystemTime) -> Result<(), BoxError> {
        if self.credentials.expiry().is_some_and(|expiry| expiry <= time) {
            return Err("the credentials have expired".into());
        }
        let identity = self.credentials.clone().into();
        let params = SigningParams::builder()
            .identity(&identity)
            .region(self.region)
            .name(self.signing_name)
            .time(time)
            .settings(SigningSettings::default())
            .build()?
            .into();
        let headers = request
            .headers()
            .iter()
            .map(|(name, value)| {
                let value = value
                    .to_str()
                    .map_err(|_| format!("the `{name}` header is not visible ASCII and cannot be signed"))?;
                Ok((name.as_str(), value))
            })
            .collect::<Result<Vec<_>, BoxError>>()?;
        let uri = request.uri().to_string();
        // The body goes in as its digest: `aws-sigv4` then never holds the
        // body (a password, a refresh token), so no setting of its own can
        // make it log one.
        let digest = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(request.body()));
        let signable = SignableRequest::new(
            request.method().as_str(),
            uri,
            headers.into_iter(),
            SignableBody::Precomputed(digest),
        )?;
        let (instructions, _signature) = aws_sigv4::http_request::sign(signable, &params)?.into_parts();
        // Applied by hand rather than with `apply_to_request_http1x`, which
        // panics on a header value it cannot represent (a session token
        // with a line break, say); here that is an error.
        let (new_headers, _query) = instructions.into_parts();
        for header in new_headers {
            let mut value = http::HeaderValue::from_str(header.value())
                .map_err(|_| format!("the signed `{}` header has characters HTTP cannot carry", header.name()))?;
            // Marked sensitive, `Debug` of the request prints neither the
            // signature nor the session token.
            let secret = matches!(header.name(), "authorization" | "x-amz-security-token");
            value.set_sensitive(secret || header.sensitive());
            request.headers_mut().insert(header.name(), value);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn request() -> http::Request<Vec<u8>> {
        http::Request::builder()
            .method("POST")
            .uri("https://cognito-idp.us-east-1.amazonaws.com/")
            .header("host", "cognito-idp.us-east-1.amazonaws.com")
            .header("content-type", "application/x-amz-json-1.1")
            .header("x-amz-target", "AWSCognitoIdentityProviderService.AdminInitiateAuth")
            .body(br#"{"UserPoolId":"us-east-1_abc"}"#.to_vec())
            .unwrap()
    }

    // 2015-08-30T12:36:00Z, the date of AWS's SigV4 test suite.
    const TIME: u64 = 1_440_938_160;

    #[test]
    fn signs_with_the_credential_scope_and_the_headers() {
        let credentials = Credentials::from_keys("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", None);
        let signer = Signer {
            credentials: &credentials,
            region: "us-east-1",
            signing_name: "cognito-idp",
        };
        let mut request = request();
        signer
            .sign(&mut request, SystemTime::UNIX_EPOCH + Duration::from_secs(TIME))
            .unwrap();
        let auth = request.headers()["authorization"].to_str().unwrap();
        // The signature itself was computed independently, with botocore's
        // SigV4Auth, for the same request, key and time.
        assert_eq!(
            auth,
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/cognito-idp/aws4_request, \
             SignedHeaders=content-type;host;x-amz-date;x-amz-target, \
             Signature=8c6fca79083dd8729b0879657f397ace3739dfee50fe2b09e6ff8f97469c17ee"
        );
        assert_eq!(request.headers()["x-amz-date"], "20150830T123600Z");
        assert!(request.headers()["authorization"].is_sensitive());
        assert!(request.headers().get("x-amz-security-token").is_none());
    }

    #[test]
    fn session_tokens_are_sent_and_signed() {
        let credentials = Credentials::from_keys("AKID", "secret", Some("session-token-value".into()));
        let signer = Signer {
            credentials: &credentials,
            region: "eu-west-1",
            signing_name: "cognito-idp",
        };
        let mut request = request();
        signer.sign(&mut request, SystemTime::now()).unwrap();
        assert_eq!(request.headers()["x-amz-security-token"], "session-token-value");
        assert!(request.headers()["x-amz-security-token"].is_sensitive());
        assert!(!format!("{request:?}").contains("session-token-value"));
        let auth = request.headers()["authorization"].to_str().unwrap();
        assert!(auth.contains("x-amz-security-token"), "{auth}");
    }

    #[test]
    fn bad_tokens_and_expired_credentials_are_errors() {
        let bad = Credentials::from_keys("AKID", "secret", Some("line\nbreak".into()));
        let signer = Signer {
            credentials: &bad,
            region: "us-east-1",
            signing_name: "cognito-idp",
        };
        assert!(signer.sign(&mut request(), SystemTime::now()).is_err());
        let expired = Credentials::new("AKID", "secret", None, Some(SystemTime::UNIX_EPOCH), "test");
        let signer = Signer {
            credentials: &expired,
            ..signer
        };
        let error = signer.sign(&mut request(), SystemTime::now()).unwrap_err();
        assert!(error.to_string().contains("expired"), "{error}");
    }
}
