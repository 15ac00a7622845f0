//! The AWS JSON 1.0 and 1.1 conventions: every request is a POST of a JSON
//! document naming the operation in `X-Amz-Target`; every non-2xx response
//! is an error whose code comes from a header or the body.

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::{DeserializeError, ErrorMetadata, RequestError};

/// What the generated code knows about one operation's requests.
pub(crate) struct Call {
    pub content_type: &'static str,
    /// `X-Amz-Target`: `Service.Operation`.
    pub target: &'static str,
    /// `@endpoint(hostPrefix)`, with host labels already filled in.
    pub host_prefix: Option<String>,
    /// `@requestCompression` with gzip.
    pub compression: Option<Compression>,
    /// `aws.protocols#awsQueryCompatible`: say so with `x-amzn-query-mode`.
    pub query_compatible: bool,
}

/// How an operation with `@requestCompression` compresses its body. The
/// compressor is passed in, so crates without such operations do not
/// depend on a compression library.
pub(crate) struct Compression {
    /// Bodies of at least this many bytes are compressed.
    pub min_bytes: usize,
    pub gzip: fn(&[u8]) -> std::io::Result<Vec<u8>>,
}

/// Builds the request for one operation call. `endpoint` is a URL such as
/// `https://cognito-idp.us-east-1.amazonaws.com`; a scheme-less host is
/// taken as HTTPS. The request goes to the endpoint's path, which always
/// ends in `/`.
pub(crate) fn request<T: Serialize>(
    endpoint: &str,
    call: &Call,
    input: &T,
) -> Result<::http::Request<Vec<u8>>, RequestError> {
    let mut body = ::serde_json::to_vec(input).map_err(|e| RequestError {
        message: format!("cannot write the input as JSON: {e}"),
    })?;
    let uri = request_uri(endpoint, call.host_prefix.as_deref())?;
    let mut builder = ::http::Request::builder()
        .method(::http::Method::POST)
        .uri(uri)
        .header(::http::header::CONTENT_TYPE, call.content_type)
        .header("x-amz-target", call.target);
    if call.query_compatible {
        builder = builder.header("x-amzn-query-mode", "true");
    }
    if let Some(compression) = call.compression.as_ref().filter(|c| body.len() >= c.min_bytes) {
        body = (compression.gzip)(&body).map_err(|e| RequestError {
            message: format!("cannot compress the body: {e}"),
        })?;
        builder = builder.header(::http::header::CONTENT_ENCODING, "gzip");
    }
    builder
        .header(::http::header::CONTENT_LENGTH, body.len())
        .body(body)
        .map_err(|e| RequestError { message: e.to_string() })
}

/// Checks a value bound to a host label: it becomes part of the host name,
/// so it must be a valid DNS label (letters, digits and hyphens, 1 to 63
/// characters, not starting with a hyphen).
#[allow(dead_code)] // Only operations with host labels call it.
pub(crate) fn host_label<'a>(member: &str, value: &'a str) -> Result<&'a str, RequestError> {
    let valid = !value.is_empty()
        && value.len() <= 63
        && !value.starts_with('-')
        && value.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    if valid {
        Ok(value)
    } else {
        Err(RequestError {
            message: format!("`{value}` in {member} is not a valid host label"),
        })
    }
}

fn request_uri(endpoint: &str, host_prefix: Option<&str>) -> Result<::http::Uri, RequestError> {
    let with_scheme = if endpoint.contains("://") {
        endpoint.to_owned()
    } else {
        format!("https://{endpoint}")
    };
    let parsed: ::http::Uri = with_scheme.parse().map_err(|e| RequestError {
        message: format!("`{endpoint}` is not a valid endpoint URL: {e}"),
    })?;
    let mut parts = parsed.into_parts();
    if let (Some(prefix), Some(authority)) = (host_prefix, &parts.authority) {
        let prefixed = format!("{prefix}{authority}");
        parts.authority = Some(prefixed.parse().map_err(|e| RequestError {
            message: format!("`{prefixed}` is not a valid host: {e}"),
        })?);
    }
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
    // serde's derive would also read a structure from an array, by
    // position; an output is always an object, so anything else is refused
    // with the error reading it as an object gives.
    let first = body.iter().find(|b| !b.is_ascii_whitespace());
    if first != Some(&b'{') {
        let source = ::serde_json::from_slice::<::serde_json::Map<String, ::serde_json::Value>>(body)
            .err()
            .unwrap_or_else(|| <::serde_json::Error as ::serde::de::Error>::custom("expected a JSON object"));
        return Err(DeserializeError { what, source });
    }
    ::serde_json::from_slice(body).map_err(|source| DeserializeError { what, source })
}

/// Reads an error body as the modelled error `T` and attaches `meta`. A
/// body that is not the JSON the model describes (HTML from a proxy, an
/// empty body) still gives the typed error, with the members it could not
/// read left at zero.
#[allow(dead_code)] // A model without error shapes never reads one.
pub(crate) fn error<T>(body: &[u8], meta: ErrorMetadata) -> T
where
    T: DeserializeOwned + super::zero::Zero + super::WithErrorMetadata,
{
    let mut error: T = ::serde_json::from_slice(body).unwrap_or_else(|_| T::zero());
    error.set_meta(meta);
    error
}

/// Reads what every error response carries: the error code that picks the
/// modelled error, and the metadata (code, message, request id, status).
///
/// The code comes from `X-Amzn-Errortype`, then the body's `code`, then its
/// `__type`, sanitized. For `awsQueryCompatible` services the metadata keeps
/// the code the older Query protocol used (`x-amzn-query-error: Code;Fault`)
/// when the service sends one, since that is what such services' users
/// match on; the modelled error is still chosen by the protocol code.
pub(crate) fn error_parts(
    status: u16,
    headers: &::http::HeaderMap,
    body: &[u8],
    query_compatible: bool,
) -> (Option<String>, ErrorMetadata) {
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
    // Proxies that merge repeated headers join their values with commas:
    // the first is the service's.
    let header_code = header("x-amzn-errortype").map(|v| v.split(',').next().unwrap_or_default().trim().to_owned());
    // Last, a `Code` key in any letter case (as the JavaScript SDK reads it).
    let any_case_code = || {
        let fields = fields.as_ref()?;
        fields
            .iter()
            .find(|(k, v)| k.eq_ignore_ascii_case("code") && v.is_string())
            .and_then(|(_, v)| v.as_str())
            .map(str::to_owned)
    };
    let code = header_code
        .filter(|c| !c.is_empty())
        .or_else(|| field(&["code"]))
        .or_else(|| field(&["__type"]))
        .or_else(any_case_code)
        .map(|raw| sanitize_error_code(&raw).to_owned())
        .filter(|code| !code.is_empty());
    let query_code = query_compatible
        .then(|| header("x-amzn-query-error"))
        .flatten()
        .and_then(|v| v.split(';').next().map(str::to_owned))
        .filter(|c| !c.is_empty());
    let meta = ErrorMetadata::new(
        query_code.or_else(|| code.clone()),
        field(&["message", "Message", "errorMessage"]),
        header("x-amzn-requestid"),
        Some(status),
    );
    (code, meta)
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
        assert_eq!(request_uri("https://example.com", None).unwrap().to_string(), "https://example.com/");
        assert_eq!(request_uri("example.com/custom", None).unwrap().to_string(), "https://example.com/custom/");
        assert_eq!(request_uri("example.com", Some("foo.")).unwrap().to_string(), "https://foo.example.com/");
        assert!(request_uri("http://exa mple.com", None).is_err());
        assert!(host_label("label", "bar").is_ok());
        assert!(host_label("label", "").is_err());
        assert!(host_label("label", "a.b").is_err());
    }

    #[test]
    fn error_metadata_prefers_the_header() {
        let mut headers = ::http::HeaderMap::new();
        headers.insert("X-Amzn-ErrorType", "HeaderCode".parse().unwrap());
        headers.insert("x-amzn-requestid", "req-1".parse().unwrap());
        let (code, meta) = error_parts(400, &headers, br#"{"__type":"ns#BodyCode","Message":"nope"}"#, false);
        assert_eq!(code.as_deref(), Some("HeaderCode"));
        assert_eq!(meta.code(), Some("HeaderCode"));
        assert_eq!(meta.message(), Some("nope"));
        assert_eq!(meta.request_id(), Some("req-1"));
        let (code, meta) = error_parts(500, &::http::HeaderMap::new(), b"<html>oops</html>", false);
        assert_eq!(code, None);
        assert_eq!(meta.code(), None);
        assert_eq!(meta.status(), Some(500));
        headers.insert("x-amzn-query-error", "AWS.SimpleQueueService.NonExistentQueue;Sender".parse().unwrap());
        let (code, meta) = error_parts(400, &headers, b"{}", true);
        assert_eq!(code.as_deref(), Some("HeaderCode"));
        assert_eq!(meta.code(), Some("AWS.SimpleQueueService.NonExistentQueue"));
    }

    #[test]
    fn a_merged_error_type_header_yields_its_first_value() {
        let mut headers = ::http::HeaderMap::new();
        headers.insert("x-amzn-errortype", "FirstCode:http://internal/, SecondCode".parse().unwrap());
        let (code, _) = error_parts(400, &headers, b"{}", false);
        assert_eq!(code.as_deref(), Some("FirstCode"));
        // An empty first value falls through to the body.
        headers.insert("x-amzn-errortype", ", SecondCode".parse().unwrap());
        let (code, _) = error_parts(400, &headers, br#"{"__type": "BodyCode"}"#, false);
        assert_eq!(code.as_deref(), Some("BodyCode"));
    }

    #[test]
    fn a_code_key_in_any_case_comes_after_type_and_code() {
        let none = ::http::HeaderMap::new();
        let (code, _) = error_parts(400, &none, br#"{"Code": "CapitalCode"}"#, false);
        assert_eq!(code.as_deref(), Some("CapitalCode"));
        let (code, _) = error_parts(400, &none, br#"{"CODE": "UpperCode", "message": "m"}"#, false);
        assert_eq!(code.as_deref(), Some("UpperCode"));
        let (code, _) = error_parts(400, &none, br#"{"Code": "CapitalCode", "__type": "TypeCode"}"#, false);
        assert_eq!(code.as_deref(), Some("TypeCode"));
        let (code, _) = error_parts(400, &none, br#"{"Code": "CapitalCode", "code": "LowerCode"}"#, false);
        assert_eq!(code.as_deref(), Some("LowerCode"));
        // A non-string `Code` is no code.
        let (code, _) = error_parts(400, &none, br#"{"Code": 7}"#, false);
        assert_eq!(code, None);
    }
}
