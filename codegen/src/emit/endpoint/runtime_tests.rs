//! Tests of the endpoint runtime files in `codegen/runtime/endpoint/`,
//! compiled here as they are copied into generated crates.

#[path = "../../../runtime/endpoint/functions/arn.rs"]
mod arn;
#[path = "../../../runtime/endpoint/functions/host_label.rs"]
mod host_label;
#[path = "../../../runtime/endpoint/functions/parse_url.rs"]
mod parse_url;
#[path = "../../../runtime/endpoint/functions/partition.rs"]
mod partition;
#[path = "../../../runtime/endpoint/functions/s3_bucket.rs"]
mod s3_bucket;
#[path = "../../../runtime/endpoint/functions/substring.rs"]
mod substring;
#[path = "../../../runtime/endpoint/types.rs"]
mod types;
#[path = "../../../runtime/endpoint/functions/uri_encode.rs"]
mod uri_encode;

use arn::parse_arn;
use host_label::is_valid_host_label;
use parse_url::parse_url;
use partition::{Partition, PartitionTable};
use s3_bucket::is_virtual_hostable_s3_bucket;
use substring::substring;
use uri_encode::uri_encode;

#[test]
fn host_labels_are_rfc_1123_labels() {
    for good in ["a", "a-1", "9lives", "ends-", &"x".repeat(63)] {
        assert!(is_valid_host_label(good, false), "{good:?}");
    }
    for bad in ["", "-a", "a.b", "a_b", "é", &"x".repeat(64)] {
        assert!(!is_valid_host_label(bad, false), "{bad:?}");
    }
    assert!(is_valid_host_label("a.b-c.d", true));
    for bad in ["a..b", ".a", "a.", "a.-b"] {
        assert!(!is_valid_host_label(bad, true), "{bad:?}");
    }
}

#[test]
fn substring_counts_from_either_end_and_rejects_what_it_cannot_cut() {
    assert_eq!(substring("abcdefg", 0, 4, false), Some("abcd"));
    assert_eq!(substring("abcdefg", 0, 4, true), Some("defg"));
    assert_eq!(substring("abcdefg", 1, 3, true), Some("ef"));
    assert_eq!(substring("abcdefg", 0, 7, false), Some("abcdefg"));
    assert_eq!(substring("abcdefg", 0, 8, false), None);
    assert_eq!(substring("abcdefg", 3, 3, false), None);
    assert_eq!(substring("abcdefg", 4, 2, false), None);
    assert_eq!(substring("aé", 0, 1, false), None);
}

#[test]
fn uri_encode_keeps_only_unreserved_characters() {
    assert_eq!(uri_encode("a-b_c.d~e"), "a-b_c.d~e");
    assert_eq!(uri_encode("a b/c?d=e&f"), "a%20b%2Fc%3Fd%3De%26f");
    assert_eq!(uri_encode("é"), "%C3%A9");
    assert_eq!(uri_encode(""), "");
}

#[test]
fn parse_url_splits_scheme_authority_and_path() {
    let url = parse_url("https://example.com").unwrap();
    assert_eq!(
        (
            url.scheme,
            url.authority,
            url.path,
            url.normalized_path.as_str(),
            url.is_ip
        ),
        ("https", "example.com", "", "/", false)
    );
    let url = parse_url("http://example.com:8443/a/b").unwrap();
    assert_eq!(
        (url.authority, url.path, url.normalized_path.as_str()),
        ("example.com:8443", "/a/b", "/a/b/")
    );
    let url = parse_url("https://example.com/a/").unwrap();
    assert_eq!((url.path, url.normalized_path.as_str()), ("/a/", "/a/"));
    assert!(parse_url("https://127.0.0.1:80/x").unwrap().is_ip);
    assert!(parse_url("http://[::1]/").unwrap().is_ip);
    assert!(!parse_url("https://1.2.3.example.com").unwrap().is_ip);
    for bad in [
        "https://example.com?x=1",
        "https://example.com/#f",
        "example.com",
        "https://",
        "https://exa mple.com",
        "",
    ] {
        assert!(parse_url(bad).is_none(), "{bad:?}");
    }
}

#[test]
fn parse_arn_reads_the_six_fields() {
    let arn = parse_arn("arn:aws:dynamodb:us-east-1:123456789012:table/books").unwrap();
    assert_eq!(
        (arn.partition, arn.service, arn.region, arn.account_id),
        ("aws", "dynamodb", "us-east-1", "123456789012")
    );
    assert_eq!(arn.resource_id, ["table", "books"]);
    let arn = parse_arn("arn:aws:s3:::bucket:a/b:c").unwrap();
    assert_eq!((arn.region, arn.account_id), ("", ""));
    assert_eq!(arn.resource_id, ["bucket", "a", "b", "c"]);
    for bad in [
        "",
        "arn",
        "arn:aws:s3:::",
        "arn::s3:::x",
        "arn:aws::::x",
        "urn:aws:s3:::x",
        "arn:aws:s3:x",
    ] {
        assert!(parse_arn(bad).is_none(), "{bad:?}");
    }
}

#[test]
fn virtual_hostable_buckets_are_lower_case_labels() {
    for good in ["abc", "my-bucket", "a1b2c3"] {
        assert!(is_virtual_hostable_s3_bucket(good, false), "{good:?}");
    }
    for bad in [
        "ab",
        "My-Bucket",
        "-abc",
        "abc-",
        "a.bc",
        "a_bc",
        &"x".repeat(64),
    ] {
        assert!(!is_virtual_hostable_s3_bucket(bad, false), "{bad:?}");
    }
    assert!(is_virtual_hostable_s3_bucket("my.bucket.name", true));
    for bad in [
        "192.168.0.1",
        "my.-bucket",
        "my-.bucket",
        "my..bucket",
        "My.bucket",
    ] {
        assert!(!is_virtual_hostable_s3_bucket(bad, true), "{bad:?}");
    }
}

/// Nothing in the runtime panics, whatever the input.
#[test]
fn no_function_panics_on_odd_input() {
    let long = "é".repeat(300);
    let inputs = [
        "",
        ":",
        "::::::",
        "[",
        "http://[",
        "https://é.com",
        "\u{0}",
        "arn:a:b:c:d:",
        "%",
        "{}",
        &long,
    ];
    for input in inputs {
        let _ = parse_arn(input);
        let _ = parse_url(input);
        let _ = uri_encode(input);
        let _ = is_valid_host_label(input, true);
        let _ = is_virtual_hostable_s3_bucket(input, true);
        for (start, stop) in [
            (0, 0),
            (0, 1),
            (1, 0),
            (0, usize::MAX),
            (usize::MAX - 1, usize::MAX),
        ] {
            let _ = substring(input, start, stop, true);
            let _ = substring(input, start, stop, false);
        }
        let _ = TABLE.resolve(input);
    }
}

const fn outputs(name: &'static str, dns_suffix: &'static str) -> Partition {
    Partition {
        name,
        dns_suffix,
        dual_stack_dns_suffix: "dual.example",
        implicit_global_region: "global",
        supports_fips: true,
        supports_dual_stack: false,
    }
}

static TABLE: PartitionTable = PartitionTable::new(
    &[
        outputs("aws", "amazonaws.com"),
        outputs("aws-cn", "amazonaws.com.cn"),
        outputs("aws", "override.example"),
    ],
    &[("aws-global", 2), ("cn-north-1", 1), ("us-east-1", 0)],
    &[
        (r"^(us|eu)\-\w+\-\d+$", 0),
        (r"^cn\-\w+\-\d+$", 1),
        ("(unclosed", 0),
    ],
    Some(0),
);

#[test]
fn partitions_resolve_by_known_region_then_pattern_then_fallback() {
    let suffix = |region: &str| TABLE.resolve(region).map(|p| p.dns_suffix);
    assert_eq!(suffix("us-east-1"), Some("amazonaws.com"));
    assert_eq!(suffix("cn-north-1"), Some("amazonaws.com.cn"));
    assert_eq!(suffix("cn-west-9"), Some("amazonaws.com.cn"));
    assert_eq!(suffix("eu-south-7"), Some("amazonaws.com"));
    assert_eq!(suffix("aws-global"), Some("override.example"));
    assert_eq!(suffix("mars-east-1"), Some("amazonaws.com"));
    let no_fallback = PartitionTable::new(&[], &[], &[], None);
    assert!(no_fallback.resolve("us-east-1").is_none());
    let bad_index = PartitionTable::new(&[], &[("us-east-1", 7)], &[], Some(9));
    assert!(bad_index.resolve("us-east-1").is_none());
}

#[test]
fn endpoints_collect_headers_and_properties() {
    let endpoint = types::Endpoint::new("https://a.example")
        .with_header("x-a", "1")
        .with_header("x-a", "2")
        .with_property("p", serde_json::Value::Bool(true));
    assert_eq!(endpoint.headers["x-a"], ["1", "2"]);
    assert_eq!(endpoint.properties["p"], serde_json::Value::Bool(true));
    assert_eq!(
        types::EndpointError::rule("no FIPS here").to_string(),
        "no FIPS here"
    );
    assert_eq!(
        types::EndpointError::MissingParameter("Bucket").to_string(),
        "the endpoint parameter `Bucket` is required but was not set"
    );
    assert_eq!(
        types::EndpointError::NoRuleMatched.to_string(),
        "no endpoint rule matched the parameters"
    );
}
