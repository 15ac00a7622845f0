//! The scratch program of `bench per-call`: `admin_initiate_auth` through
//! this project's client and through the official SDK's, each over an
//! in-memory HTTP client that answers with the same response, so what is
//! timed is the client: building the request, endpoint resolution,
//! signing, the retry machinery, parsing.

pub const MANIFEST: &str = r#"[package]
name = "per-call"
version = "0.1.0"
edition = "2021"
publish = false

[dependencies]
cognito-identity-provider = { path = "../cognito-identity-provider" }
aws-sdk-cognitoidentityprovider = "1"
aws-smithy-http-client = { version = "1", features = ["test-util"] }
aws-smithy-types = "1"
http = "1"
tokio = { version = "1", features = ["rt"] }
"#;

pub const MAIN: &str = r##"//! admin_initiate_auth through two clients over in-memory HTTP, in
//! alternating rounds. Prints one `result {json}` line.
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::time::{Duration, Instant};

/// Counts every allocation (and reallocation) of the process.
struct Counting;
static ALLOCATIONS: AtomicU64 = AtomicU64::new(0);
static BYTES: AtomicU64 = AtomicU64::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Relaxed);
        BYTES.fetch_add(layout.size() as u64, Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Relaxed);
        BYTES.fetch_add(layout.size() as u64, Relaxed);
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Relaxed);
        BYTES.fetch_add(new_size as u64, Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const ACCESS_KEY: &str = "AKIDEXAMPLE";
const SECRET_KEY: &str = "per-call-benchmark-secret";
const REGION: &str = "us-east-1";

/// A success body with three tokens of about 1 KB each.
fn response_body() -> String {
    let token = |seed: char| -> String {
        let part: String = std::iter::repeat(seed).take(330).collect();
        format!("eyJ{part}.eyJ{part}.{part}")
    };
    format!(
        r#"{{"AuthenticationResult":{{"AccessToken":"{}","ExpiresIn":3600,"IdToken":"{}","RefreshToken":"{}","TokenType":"Bearer"}},"ChallengeParameters":{{}}}}"#,
        token('a'),
        token('b'),
        token('c')
    )
}

mod ours {
    use cognito_identity_provider::client::{
        BoxFuture, Client, Config, Credentials, HttpClient, TransportError,
    };
    use cognito_identity_provider::types::AuthFlowType;

    /// Answers every request with the same response, without I/O.
    #[derive(Debug)]
    struct Canned(String);

    impl HttpClient for Canned {
        fn send(
            &self,
            _request: http::Request<Vec<u8>>,
        ) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>> {
            let body = self.0.clone().into_bytes();
            Box::pin(async move {
                Ok(http::Response::builder()
                    .status(200)
                    .header("content-type", "application/x-amz-json-1.1")
                    .header("x-amzn-requestid", "0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0")
                    .body(body)
                    .expect("a valid response"))
            })
        }
    }

    pub fn client(body: &str) -> Client {
        Client::new(
            Config::builder()
                .region(super::REGION)
                .credentials(Credentials::new(super::ACCESS_KEY, super::SECRET_KEY, None, None, "bench"))
                .http_client(Canned(body.to_owned()))
                .build(),
        )
    }

    pub async fn call(client: &Client) -> usize {
        let output = client
            .admin_initiate_auth()
            .user_pool_id("us-east-1_ABCdef123")
            .client_id("client-id-1234567890")
            .auth_flow(AuthFlowType::AdminUserPasswordAuth)
            .auth_parameters("USERNAME", "alice")
            .auth_parameters("PASSWORD", "correct horse battery staple")
            .send()
            .await
            .expect("the canned response parses");
        output
            .authentication_result
            .and_then(|r| r.access_token)
            .map(|t| t.len())
            .unwrap_or(0)
    }
}

mod official {
    use aws_sdk_cognitoidentityprovider::config::{BehaviorVersion, Credentials, Region};
    use aws_sdk_cognitoidentityprovider::types::AuthFlowType;
    use aws_sdk_cognitoidentityprovider::{Client, Config};
    use aws_smithy_http_client::test_util::infallible_client_fn;
    use aws_smithy_types::body::SdkBody;

    pub fn client(body: &str) -> Client {
        let body = body.to_owned();
        let http_client = infallible_client_fn(move |_request| {
            http::Response::builder()
                .status(200)
                .header("content-type", "application/x-amz-json-1.1")
                .header("x-amzn-requestid", "0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0")
                .body(SdkBody::from(body.clone().into_bytes()))
                .expect("a valid response")
        });
        let config = Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new(super::REGION))
            .credentials_provider(Credentials::new(super::ACCESS_KEY, super::SECRET_KEY, None, None, "bench"))
            .http_client(http_client)
            .build();
        Client::from_conf(config)
    }

    pub async fn call(client: &Client) -> usize {
        let output = client
            .admin_initiate_auth()
            .user_pool_id("us-east-1_ABCdef123")
            .client_id("client-id-1234567890")
            .auth_flow(AuthFlowType::AdminUserPasswordAuth)
            .auth_parameters("USERNAME", "alice")
            .auth_parameters("PASSWORD", "correct horse battery staple")
            .send()
            .await
            .expect("the canned response parses");
        output
            .authentication_result()
            .and_then(|r| r.access_token())
            .map(|t| t.len())
            .unwrap_or(0)
    }
}

struct Round {
    time: Duration,
    allocations: u64,
    bytes: u64,
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n % 2 == 1 { values[n / 2] } else { (values[n / 2 - 1] + values[n / 2]) / 2.0 }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let rounds: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(21);
    let calls: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(2000);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    let body = response_body();
    let expected = 3 * 330 + 8;
    let ours = ours::client(&body);
    let official = official::client(&body);
    runtime.block_on(async {
        // Both parse the same token; warm up caches (credentials, endpoint, connection-free transport).
        for _ in 0..200 {
            assert_eq!(ours::call(&ours).await, expected);
            assert_eq!(official::call(&official).await, expected);
        }
    });
    let measure = |ours_side: bool| -> Round {
        let allocations = ALLOCATIONS.load(Relaxed);
        let bytes = BYTES.load(Relaxed);
        let started = Instant::now();
        runtime.block_on(async {
            let mut total = 0;
            for _ in 0..calls {
                total += if ours_side {
                    ours::call(&ours).await
                } else {
                    official::call(&official).await
                };
            }
            assert_eq!(total, expected * calls);
        });
        Round {
            time: started.elapsed(),
            allocations: ALLOCATIONS.load(Relaxed) - allocations,
            bytes: BYTES.load(Relaxed) - bytes,
        }
    };
    let mut ours_rounds = Vec::new();
    let mut official_rounds = Vec::new();
    for round in 0..rounds {
        if round % 2 == 0 {
            ours_rounds.push(measure(true));
            official_rounds.push(measure(false));
        } else {
            official_rounds.push(measure(false));
            ours_rounds.push(measure(true));
        }
    }
    let n = calls as f64;
    let per_s = |r: &[Round]| median(r.iter().map(|r| n / r.time.as_secs_f64()).collect());
    let allocs = |r: &[Round]| median(r.iter().map(|r| r.allocations as f64 / n).collect());
    let bytes = |r: &[Round]| median(r.iter().map(|r| r.bytes as f64 / n).collect());
    let ratio = median(
        ours_rounds
            .iter()
            .zip(&official_rounds)
            .map(|(o, t)| o.time.as_secs_f64() / t.time.as_secs_f64())
            .collect(),
    );
    println!(
        "result {{\"rounds\":{rounds},\"calls_per_round\":{calls},\"ours_calls_per_s\":{:.1},\"official_calls_per_s\":{:.1},\"time_ratio\":{ratio:.4},\"ours_allocs_per_call\":{:.2},\"official_allocs_per_call\":{:.2},\"ours_bytes_per_call\":{:.1},\"official_bytes_per_call\":{:.1}}}",
        per_s(&ours_rounds),
        per_s(&official_rounds),
        allocs(&ours_rounds),
        allocs(&official_rounds),
        bytes(&ours_rounds),
        bytes(&official_rounds),
    );
}
"##;
