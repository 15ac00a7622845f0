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
///
/// An error body is read more leniently than an output: when the whole
/// object does not read (one member has the wrong type), the members that
/// do read are kept and the others are left unset (see
/// [`members_that_read`]). An error is what the caller is handling already;
/// losing its message over a malformed side member helps no one. Outputs
/// stay strict ([`output`]). The code, message and request id come from
/// `meta`, read apart from the members, so they survive in any case.
#[allow(dead_code)] // A model without error shapes never reads one.
pub(crate) fn error<T>(body: &[u8], meta: ErrorMetadata) -> T
where
    T: DeserializeOwned + PartialEq + super::zero::Zero + super::WithErrorMetadata,
{
    let mut error: T = match ::serde_json::from_slice(body) {
        Ok(error) => error,
        Err(_) => members_that_read(body).unwrap_or_else(T::zero),
    };
    error.set_meta(meta);
    error
}

/// Reads `T` from the members of a JSON object body one at a time, leaving
/// out each member that does not read: a key whose value has the wrong
/// type, and a second key for a member already read (`message` beside
/// `Message`, which serde counts as one member twice). The spellings of the
/// message come first, in the order [`MESSAGE_KEYS`] gives, so the member
/// holds the message the metadata has; the other keys follow in sorted
/// order. `None` when the body is not an object.
///
/// Each key is first read alone; keys that read as nothing (unknown
/// members, values equal to the member's default) are dropped there, so
/// the keys read together are at most one per member of the structure,
/// whatever the size of the body.
#[allow(dead_code)] // A model without error shapes never reads one.
fn members_that_read<T: DeserializeOwned + PartialEq>(body: &[u8]) -> Option<T> {
    use ::serde::de::value::MapDeserializer;
    let members: ::serde_json::Map<String, ::serde_json::Value> = ::serde_json::from_slice(body).ok()?;
    let read = |members: &[(&str, &::serde_json::Value)]| -> Result<T, ::serde_json::Error> {
        T::deserialize(MapDeserializer::new(members.iter().copied()))
    };
    let empty = read(&[]).ok()?;
    let message_keys = MESSAGE_KEYS.iter().filter_map(|k| members.get_key_value(*k));
    let other_keys = members.iter().filter(|(k, _)| !MESSAGE_KEYS.contains(&k.as_str()));
    let mut kept = Vec::new();
    for (key, value) in message_keys.chain(other_keys) {
        let member = (key.as_str(), value);
        if read(&[member]).is_ok_and(|alone| alone != empty) {
            kept.push(member);
            if read(&kept).is_err() {
                kept.pop();
            }
        }
    }
    read(&kept).ok()
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
        field(&MESSAGE_KEYS),
        header("x-amzn-requestid"),
        Some(status),
    );
    (code, meta)
}

/// The keys an error message arrives under, the first present winning.
const MESSAGE_KEYS: [&str; 3] = ["message", "Message", "errorMessage"];

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

    /// An error structure as the generator writes one: a message under its
    /// three spellings, an integer, a nested structure, the metadata.
    #[derive(Debug, PartialEq, ::serde::Deserialize)]
    struct SampleError {
        #[serde(rename = "message", alias = "Message", alias = "errorMessage", default)]
        message: Option<String>,
        #[serde(
            rename = "Count",
            default,
            with = "crate::protocol::json::As::<Option<crate::protocol::json::Integer>>"
        )]
        count: Option<i32>,
        #[serde(rename = "Detail", default)]
        detail: Option<SampleDetail>,
        #[serde(skip)]
        meta: ErrorMetadata,
    }

    #[derive(Debug, PartialEq, ::serde::Deserialize)]
    struct SampleDetail {
        #[serde(rename = "Id")]
        id: String,
    }

    impl crate::protocol::zero::Zero for SampleError {
        fn zero() -> Self {
            SampleError {
                message: None,
                count: None,
                detail: None,
                meta: ErrorMetadata::default(),
            }
        }
    }

    impl crate::protocol::WithErrorMetadata for SampleError {
        fn set_meta(&mut self, meta: ErrorMetadata) {
            self.meta = meta;
        }
    }

    fn sample(message: Option<&str>, count: Option<i32>, detail: Option<&str>) -> SampleError {
        SampleError {
            message: message.map(str::to_owned),
            count,
            detail: detail.map(|id| SampleDetail { id: id.to_owned() }),
            meta: ErrorMetadata::default(),
        }
    }

    fn read_error(body: &str) -> SampleError {
        error(body.as_bytes(), ErrorMetadata::default())
    }

    #[test]
    fn an_error_body_keeps_the_members_that_read() {
        // The whole body reads: every member.
        assert_eq!(
            read_error(r#"{"message":"m","Count":3,"Detail":{"Id":"d"},"__type":"X"}"#),
            sample(Some("m"), Some(3), Some("d"))
        );
        // One member of the wrong type is left out; the others stay.
        assert_eq!(
            read_error(r#"{"message":"m","Count":"oops","Detail":{"Id":"d"}}"#),
            sample(Some("m"), None, Some("d"))
        );
        assert_eq!(read_error(r#"{"message":42,"Count":3.0}"#), sample(None, Some(3), None));
        // A bad value deep inside a member leaves out that member only.
        assert_eq!(
            read_error(r#"{"message":"m","Detail":{"Id":5},"Count":-1}"#),
            sample(Some("m"), Some(-1), None)
        );
        // Out of range or fractional integers are wrong types too.
        assert_eq!(read_error(r#"{"message":"m","Count":1e20}"#), sample(Some("m"), None, None));
        assert_eq!(read_error(r#"{"message":"m","Count":2.5}"#), sample(Some("m"), None, None));
        // Every member bad: the zero value, as for a body that is no JSON.
        assert_eq!(read_error(r#"{"message":[],"Count":{}}"#), sample(None, None, None));
        for body in ["", "[1]", "null", "<html>", r#"{"message":"m""#] {
            assert_eq!(read_error(body), sample(None, None, None), "{body}");
        }
    }

    #[test]
    fn two_spellings_of_the_message_give_the_one_the_metadata_takes() {
        let none = ::http::HeaderMap::new();
        for (body, message) in [
            (r#"{"Message":"second","message":"first","Count":1}"#, "first"),
            (r#"{"errorMessage":"third","Message":"second"}"#, "second"),
            // The preferred spelling of the wrong type gives way to the next.
            (r#"{"message":7,"errorMessage":"third"}"#, "third"),
        ] {
            let (_, meta) = error_parts(400, &none, body.as_bytes(), false);
            assert_eq!(meta.message(), Some(message), "{body}");
            assert_eq!(read_error(body).message.as_deref(), Some(message), "{body}");
        }
    }

    #[test]
    fn a_bad_member_loses_neither_the_code_nor_the_request_id() {
        let mut headers = ::http::HeaderMap::new();
        headers.insert("x-amzn-requestid", "req-7".parse().unwrap());
        let body = br#"{"__type":"ns#SampleError","message":"kept","Count":"oops"}"#;
        let (code, meta) = error_parts(400, &headers, body, false);
        assert_eq!(code.as_deref(), Some("SampleError"));
        let read: SampleError = error(body, meta);
        assert_eq!(read.message.as_deref(), Some("kept"));
        assert_eq!(read.count, None);
        assert_eq!(read.meta.code(), Some("SampleError"));
        assert_eq!(read.meta.message(), Some("kept"));
        assert_eq!(read.meta.request_id(), Some("req-7"));
        assert_eq!(read.meta.status(), Some(400));
    }
}
