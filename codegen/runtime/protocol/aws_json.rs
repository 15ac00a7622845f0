//! The AWS JSON 1.0 and 1.1 conventions: every request is a POST of a JSON
//! document naming the operation in `X-Amz-Target`; every non-2xx response
//! is an error whose code comes from a header or the body.

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::{DeserializeError, ErrorMetadata, RequestError};

/// Builds the request for one operation call. `endpoint` is a URL such as
/// `https://cognito-idp.us-east-1.amazonaws.com`; a scheme-less host is
/// taken as HTTPS. The request goes to the endpoint's path, which always
/// ends in `/`.
pub(crate) fn request<T: Serialize>(
    endpoint: &str,
    content_type: &'static str,
    target: &'static str,
    input: &T,
) -> Result<::http::Request<Vec<u8>>, RequestError> {
    let body = ::serde_json::to_vec(input).map_err(|e| RequestError {
        message: format!("cannot write the input as JSON: {e}"),
    })?;
    let uri = request_uri(endpoint)?;
    ::http::Request::builder()
        .method(::http::Method::POST)
        .uri(uri)
        .header(::http::header::CONTENT_TYPE, content_type)
        .header("x-amz-target", target)
        .header(::http::header::CONTENT_LENGTH, body.len())
        .body(body)
        .map_err(|e| RequestError { message: e.to_string() })
}

fn request_uri(endpoint: &str) -> Result<::http::Uri, RequestError> {
    let with_scheme = if endpoint.contains("://") {
        endpoint.to_owned()
    } else {
        format!("https://{endpoint}")
    };
    let parsed: ::http::Uri = with_scheme.parse().map_err(|e| RequestError {
        message: format!("`{endpoint}` is not a valid endpoint URL: {e}"),
    })?;
    let mut parts = parsed.into_parts();
    let path = parts
        .path_and_query
        .as_ref()
        .map(|p| p.path())
        .unwrap_or("/");
    let path = if path.ends_with('/') {
        path.to_owned()
    } else {
        format!("{path}/")
    };
    parts.path_and_query = Some(path.parse().map_err(|e| RequestError {
        message: format!("`{endpoint}` has an invalid path: {e}"),
    })?);
    ::http::Uri::from_parts(parts).map_err(|e| RequestError {
        message: format!("`{endpoint}` is not a valid endpoint URL: {e}"),
    })
}

/// Reads a successful response body as `T`. An empty body is an empty
/// object, as the protocol allows for operations with nothing to return.
pub(crate) fn output<T: DeserializeOwned>(body: &[u8], what: &'static str) -> Result<T, DeserializeError> {
    let body = if body.iter().all(u8::is_ascii_whitespace) {
        b"{}".as_slice()
    } else {
        body
    };
    ::serde_json::from_slice(body).map_err(|source| DeserializeError { what, source })
}

/// Reads an error body as the modelled error `T` and attaches `meta`. A
/// body that is not the JSON the model describes (HTML from a proxy, an
/// empty body) still gives the typed error, with the members it could not
/// read left at zero.
pub(crate) fn error<T>(body: &[u8], meta: ErrorMetadata) -> T
where
    T: DeserializeOwned + super::zero::Zero + super::WithErrorMetadata,
{
    let mut error: T = ::serde_json::from_slice(body).unwrap_or_else(|_| T::zero());
    error.set_meta(meta);
    error
}

/// The code, message, request id and status of an error response.
pub(crate) fn error_metadata(status: u16, headers: &::http::HeaderMap, body: &[u8]) -> ErrorMetadata {
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let fields: Option<::serde_json::Map<String, ::serde_json::Value>> = ::serde_json::from_slice(body).ok();
    let field = |names: &[&str]| {
        let fields = fields.as_ref()?;
        names
            .iter()
            .find_map(|name| fields.get(*name).and_then(|v| v.as_str()))
            .map(str::to_owned)
    };
    let code = header("x-amzn-errortype")
        .or_else(|| field(&["code"]))
        .or_else(|| field(&["__type"]))
        .map(|raw| sanitize_error_code(&raw).to_owned())
        .filter(|code| !code.is_empty());
    ErrorMetadata::new(
        code,
        field(&["message", "Message", "errorMessage"]),
        header("x-amzn-requestid"),
        Some(status),
    )
}

/// Strips what AWS JSON services add around an error code: a `:`
/// introduces a URI to drop, and a `#` ends a namespace prefix
/// (`aws.protocoltests.restjson#FooError:http://...` becomes `FooError`).
pub(crate) fn sanitize_error_code(raw: &str) -> &str {
    let without_uri = raw.split(':').next().unwrap_or(raw);
    let name = match without_uri.split_once('#') {
        Some((_, name)) => name,
        None => without_uri,
    };
    name.trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_codes_are_sanitized() {
        for (raw, code) in [
            ("FooError", "FooError"),
            ("FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/", "FooError"),
            ("aws.protocoltests.restjson#FooError", "FooError"),
            ("aws.protocoltests.restjson#FooError:http://internal.amazon.com/", "FooError"),
            ("", ""),
            (":", ""),
            ("#", ""),
        ] {
            assert_eq!(sanitize_error_code(raw), code, "{raw}");
        }
    }

    #[test]
    fn request_paths_end_in_a_slash() {
        assert_eq!(request_uri("https://example.com").unwrap().to_string(), "https://example.com/");
        assert_eq!(request_uri("example.com/custom").unwrap().to_string(), "https://example.com/custom/");
        assert!(request_uri("http://exa mple.com").is_err());
    }

    #[test]
    fn error_metadata_prefers_the_header() {
        let mut headers = ::http::HeaderMap::new();
        headers.insert("X-Amzn-ErrorType", "HeaderCode".parse().unwrap());
        headers.insert("x-amzn-requestid", "req-1".parse().unwrap());
        let meta = error_metadata(400, &headers, br#"{"__type":"ns#BodyCode","Message":"nope"}"#);
        assert_eq!(meta.code(), Some("HeaderCode"));
        assert_eq!(meta.message(), Some("nope"));
        assert_eq!(meta.request_id(), Some("req-1"));
        let meta = error_metadata(500, &::http::HeaderMap::new(), b"<html>oops</html>");
        assert_eq!(meta.code(), None);
        assert_eq!(meta.status(), Some(500));
    }
}
