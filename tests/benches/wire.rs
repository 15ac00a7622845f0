//! The generated wire layer against a hand-written serde baseline.
//!
//! Each group measures one job twice on the same data: once through the
//! generated crate, once through plain `#[derive(Serialize, Deserialize)]`
//! mirrors of the same shapes (below), which is what someone writing the
//! types by hand would do. The goal is that the generated side takes at
//! most 1.1x the baseline's time. Run with
//! `cargo bench -p tests --bench wire`; figures go in BENCHMARKS.md.

use std::hint::black_box;
use std::time::Instant;

use cognito_identity_provider::operation::admin_initiate_auth::{
    AdminInitiateAuth, AdminInitiateAuthInput,
};
use cognito_identity_provider::types::{
    AnalyticsMetadataType, AuthFlowType, ContextDataType, HttpHeader,
};
use criterion::{criterion_group, Criterion, Throughput};

/// Plain serde mirrors of the shapes, written as a person would write them:
/// `Option` for optional members, `String` for enums, no adapters.
mod baseline {
    use std::collections::HashMap;

    use serde::{Deserialize, Serialize};

    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    pub struct Input {
        #[serde(rename = "UserPoolId")]
        pub user_pool_id: String,
        #[serde(rename = "ClientId")]
        pub client_id: String,
        #[serde(rename = "AuthFlow")]
        pub auth_flow: String,
        #[serde(
            rename = "AuthParameters",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub auth_parameters: Option<HashMap<String, String>>,
        #[serde(
            rename = "ClientMetadata",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub client_metadata: Option<HashMap<String, String>>,
        #[serde(
            rename = "AnalyticsMetadata",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub analytics_metadata: Option<AnalyticsMetadata>,
        #[serde(
            rename = "ContextData",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub context_data: Option<ContextData>,
        #[serde(rename = "Session", default, skip_serializing_if = "Option::is_none")]
        pub session: Option<String>,
    }

    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    pub struct AnalyticsMetadata {
        #[serde(
            rename = "AnalyticsEndpointId",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub analytics_endpoint_id: Option<String>,
    }

    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    pub struct ContextData {
        #[serde(rename = "IpAddress")]
        pub ip_address: String,
        #[serde(rename = "ServerName")]
        pub server_name: String,
        #[serde(rename = "ServerPath")]
        pub server_path: String,
        #[serde(rename = "HttpHeaders")]
        pub http_headers: Vec<HttpHeader>,
        #[serde(
            rename = "EncodedData",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub encoded_data: Option<String>,
    }

    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    pub struct HttpHeader {
        #[serde(
            rename = "headerName",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub header_name: Option<String>,
        #[serde(
            rename = "headerValue",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub header_value: Option<String>,
    }

    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    pub struct Output {
        #[serde(
            rename = "ChallengeName",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub challenge_name: Option<String>,
        #[serde(rename = "Session", default, skip_serializing_if = "Option::is_none")]
        pub session: Option<String>,
        #[serde(
            rename = "ChallengeParameters",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub challenge_parameters: Option<HashMap<String, String>>,
        #[serde(
            rename = "AuthenticationResult",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub authentication_result: Option<AuthenticationResult>,
        #[serde(
            rename = "AvailableChallenges",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub available_challenges: Option<Vec<String>>,
    }

    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    pub struct AuthenticationResult {
        #[serde(
            rename = "AccessToken",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub access_token: Option<String>,
        #[serde(rename = "ExpiresIn", default)]
        pub expires_in: i32,
        #[serde(rename = "TokenType", default, skip_serializing_if = "Option::is_none")]
        pub token_type: Option<String>,
        #[serde(
            rename = "RefreshToken",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub refresh_token: Option<String>,
        #[serde(rename = "IdToken", default, skip_serializing_if = "Option::is_none")]
        pub id_token: Option<String>,
        #[serde(
            rename = "NewDeviceMetadata",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub new_device_metadata: Option<NewDeviceMetadata>,
    }

    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    pub struct NewDeviceMetadata {
        #[serde(rename = "DeviceKey", default, skip_serializing_if = "Option::is_none")]
        pub device_key: Option<String>,
        #[serde(
            rename = "DeviceGroupKey",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub device_group_key: Option<String>,
    }
}

/// `len` base64url characters from a fixed seed: token-like, deterministic.
fn token_chars(seed: u64, len: usize) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut state = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    (0..len)
        .map(|_| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            char::from(ALPHABET[(state >> 58) as usize])
        })
        .collect()
}

/// A JWT-shaped token of about a kilobyte: header.payload.signature.
fn jwt(seed: u64) -> String {
    format!(
        "eyJraWQiOi{}.{}.{}",
        token_chars(seed, 60),
        token_chars(seed + 1, 620),
        token_chars(seed + 2, 342)
    )
}

const HEADERS: &[(&str, &str)] = &[
    ("Host", "auth.example.com"),
    ("User-Agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0"),
    ("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"),
    ("Accept-Language", "en-GB,en;q=0.9,de;q=0.7"),
    ("X-Forwarded-For", "203.0.113.195, 70.41.3.18"),
    ("Referer", "https://www.example.com/account/signin?return=%2Fcheckout"),
];

fn generated_input() -> AdminInitiateAuthInput {
    let mut context = ContextDataType::builder()
        .ip_address("203.0.113.195")
        .server_name("auth.example.com")
        .server_path("/api/signin")
        .encoded_data(token_chars(7, 240));
    for (name, value) in HEADERS {
        context = context.http_headers(
            HttpHeader::builder()
                .header_name(*name)
                .header_value(*value)
                .build(),
        );
    }
    AdminInitiateAuthInput::builder()
        .user_pool_id("eu-west-1_AbCdEfGhI")
        .client_id("3n4b5urk1ft4fl3mg5e62d9ado")
        .auth_flow(AuthFlowType::AdminUserPasswordAuth)
        .auth_parameters("USERNAME", "alice@example.com")
        .auth_parameters("PASSWORD", "c0rrect-H0rse-battery-staple!")
        .auth_parameters("SECRET_HASH", "dGhpcyBpcyBub3QgYSByZWFsIHNlY3JldCBoYXNo")
        .client_metadata("source", "web-checkout")
        .client_metadata("tenant", "acme-eu")
        .client_metadata("campaign", "spring-2026")
        .analytics_metadata(
            AnalyticsMetadataType::builder()
                .analytics_endpoint_id("a1b2c3d4e5f6")
                .build(),
        )
        .context_data(context.build().expect("every required member is set"))
        .build()
        .expect("every required member is set")
}

/// The same request as a baseline value, converted member by member.
fn baseline_input(input: &AdminInitiateAuthInput) -> baseline::Input {
    let context = input.context_data.as_ref().map(|c| baseline::ContextData {
        ip_address: c.ip_address.clone(),
        server_name: c.server_name.clone(),
        server_path: c.server_path.clone(),
        http_headers: c
            .http_headers
            .iter()
            .map(|h| baseline::HttpHeader {
                header_name: h.header_name.clone(),
                header_value: h.header_value.clone(),
            })
            .collect(),
        encoded_data: c.encoded_data.clone(),
    });
    baseline::Input {
        user_pool_id: input.user_pool_id.clone(),
        client_id: input.client_id.clone(),
        auth_flow: input.auth_flow.as_str().to_owned(),
        auth_parameters: input.auth_parameters.clone(),
        client_metadata: input.client_metadata.clone(),
        analytics_metadata: input.analytics_metadata.as_ref().map(|a| {
            baseline::AnalyticsMetadata {
                analytics_endpoint_id: a.analytics_endpoint_id.clone(),
            }
        }),
        context_data: context,
        session: input.session.clone(),
    }
}

fn success_body() -> Vec<u8> {
    serde_json::to_vec(&serde_json::json!({
        "AuthenticationResult": {
            "AccessToken": jwt(1),
            "ExpiresIn": 3600,
            "TokenType": "Bearer",
            "RefreshToken": jwt(2),
            "IdToken": jwt(3),
            "NewDeviceMetadata": {
                "DeviceKey": "eu-west-1_0f8c2a9e-7b1d-4c3e-9a5f-6d2b8e1c4a7f",
                "DeviceGroupKey": "-kX9mP2qR"
            }
        },
        "ChallengeParameters": {}
    }))
    .unwrap()
}

fn challenge_body() -> Vec<u8> {
    serde_json::to_vec(&serde_json::json!({
        "ChallengeName": "NEW_PASSWORD_REQUIRED",
        "Session": token_chars(11, 920),
        "ChallengeParameters": {
            "USER_ID_FOR_SRP": "7c3f1e2a-9b8d-4e6f-a1b2-c3d4e5f6a7b8",
            "requiredAttributes": "[\"userAttributes.given_name\",\"userAttributes.family_name\"]",
            "userAttributes": "{\"email_verified\":\"true\",\"email\":\"alice@example.com\",\"phone_number\":\"+441234567890\"}"
        }
    }))
    .unwrap()
}

/// Both sides must mean the same thing, or the comparison is void.
fn check_same_shapes(input: &AdminInitiateAuthInput, mirror: &baseline::Input, bodies: &[&[u8]]) {
    let generated: serde_json::Value = serde_json::to_value(input).unwrap();
    assert_eq!(
        generated,
        serde_json::to_value(mirror).unwrap(),
        "the input mirrors differ"
    );
    for body in bodies {
        let ours = AdminInitiateAuth::response(200, &http::HeaderMap::new(), body).unwrap();
        let theirs: baseline::Output = serde_json::from_slice(body).unwrap();
        assert_eq!(
            serde_json::to_value(&ours).unwrap(),
            serde_json::to_value(&theirs).unwrap(),
            "the output mirrors differ"
        );
    }
}

/// Everything the cases work on, made once.
struct Fixtures {
    input: AdminInitiateAuthInput,
    mirror: baseline::Input,
    success: Vec<u8>,
    challenge: Vec<u8>,
    headers: http::HeaderMap,
}

impl Fixtures {
    fn new() -> Self {
        let input = generated_input();
        let mirror = baseline_input(&input);
        let fixtures = Fixtures {
            mirror,
            input,
            success: success_body(),
            challenge: challenge_body(),
            headers: http::HeaderMap::new(),
        };
        check_same_shapes(
            &fixtures.input,
            &fixtures.mirror,
            &[&fixtures.success, &fixtures.challenge],
        );
        fixtures
    }

    fn body(&self, group: &str) -> &[u8] {
        if group == "parse_success" {
            &self.success
        } else {
            &self.challenge
        }
    }
}

/// The compared jobs: (group, generated side, baseline side).
const GROUPS: [&str; 3] = ["serialize_input", "parse_success", "parse_challenge"];

/// Runs one side of one group once; the result is dropped through
/// `black_box` so the work cannot be optimised away.
fn run(f: &Fixtures, group: &str, generated: bool) {
    match (group, generated) {
        ("serialize_input", true) => {
            drop(black_box(serde_json::to_vec(black_box(&f.input)).unwrap()))
        }
        ("serialize_input", false) => {
            drop(black_box(serde_json::to_vec(black_box(&f.mirror)).unwrap()))
        }
        (_, true) => drop(black_box(
            AdminInitiateAuth::response(200, black_box(&f.headers), black_box(f.body(group)))
                .unwrap(),
        )),
        (_, false) => drop(black_box(
            serde_json::from_slice::<baseline::Output>(black_box(f.body(group))).unwrap(),
        )),
    }
}

fn wire(c: &mut Criterion) {
    let f = Fixtures::new();
    for group_name in GROUPS {
        let mut group = c.benchmark_group(group_name);
        let bytes = if group_name == "serialize_input" {
            serde_json::to_vec(&f.input).unwrap().len()
        } else {
            f.body(group_name).len()
        };
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function("generated", |b| b.iter(|| run(&f, group_name, true)));
        group.bench_function("baseline", |b| b.iter(|| run(&f, group_name, false)));
        if group_name == "serialize_input" {
            // The whole request (URI, headers, body), for scale: not part of the comparison.
            group.bench_function("generated_full_request", |b| {
                b.iter(|| {
                    AdminInitiateAuth::request(
                        black_box(&f.input),
                        "https://cognito-idp.eu-west-1.amazonaws.com",
                    )
                    .unwrap()
                })
            });
        }
        group.finish();
    }
}

/// Rounds of [`paired_ratio`], and runs of one side in each round.
const ROUNDS: usize = 101;
const ITERATIONS: u32 = 5_000;

/// Times both sides in alternating rounds and returns the median of the
/// per-round ratios generated/baseline. Other work on a shared machine
/// slows both sides of a round alike, so this ratio holds steadier than two
/// criterion figures taken seconds apart.
fn paired_ratio(f: &Fixtures, group: &str) -> f64 {
    let time = |generated: bool| {
        let start = Instant::now();
        for _ in 0..ITERATIONS {
            run(f, group, generated);
        }
        start.elapsed().as_secs_f64()
    };
    let mut ratios: Vec<f64> = (0..ROUNDS)
        .map(|round| {
            // Alternate which side goes first, so neither always follows the other.
            if round % 2 == 0 {
                let generated = time(true);
                generated / time(false)
            } else {
                let baseline = time(false);
                time(true) / baseline
            }
        })
        .collect();
    ratios.sort_by(f64::total_cmp);
    ratios[ROUNDS / 2]
}

/// Prints the paired ratios, only under `cargo bench` (not when
/// `cargo test --benches` smoke-runs this file).
fn paired_ratios(_: &mut Criterion) {
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let f = Fixtures::new();
    println!(
        "\npaired ratios (generated / baseline time, median of {ROUNDS} alternating rounds; goal <= 1.10)"
    );
    for group in GROUPS {
        println!("  {group:<16} {:.3}", paired_ratio(&f, group));
    }
}

criterion_group!(benches, wire, paired_ratios);

/// `WIRE_REPEAT=GROUP/SIDE:N` runs one case N times and exits, so a
/// profiler or an instruction counter (valgrind) sees that case alone; see
/// BENCHMARKS.md. Otherwise this is criterion's usual main.
fn main() {
    if let Ok(spec) = std::env::var("WIRE_REPEAT") {
        let (case, count) = spec.split_once(':').expect("WIRE_REPEAT=GROUP/SIDE:N");
        let (group, side) = case.split_once('/').expect("WIRE_REPEAT=GROUP/SIDE:N");
        assert!(GROUPS.contains(&group), "groups: {GROUPS:?}");
        let generated = match side {
            "generated" => true,
            "baseline" => false,
            other => panic!("side {other:?}: generated or baseline"),
        };
        let f = Fixtures::new();
        for _ in 0..count.parse::<u32>().expect("N is a count") {
            run(&f, group, generated);
        }
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
