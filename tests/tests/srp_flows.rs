//! The admin flow's SRP calls (feature `srp`): `sign_in_with_srp` and
//! `authenticate_device` through the client, against a transport that
//! answers as Cognito's server side does: it holds the verifier, sends
//! `SRP_B`, and accepts an answer only when `PASSWORD_CLAIM_SIGNATURE`
//! is the one its own key gives. moto has neither USER_SRP_AUTH on
//! `AdminInitiateAuth` nor device SRP, so this server is written here; it
//! computes the server's half (`B = k·v + g^b`, `S = (A·v^u)^b`), which
//! the client's code never does.

use std::sync::Mutex;

use base64::Engine as _;
use cognito_identity_provider::client::{
    BoxFuture, Client, Config, Credentials, HttpClient, TransportError,
};
use cognito_identity_provider::sign_in::{
    Challenge, DeviceVerifier, RememberedDevice, SignInStep, SrpSignInError,
};
use hmac::{KeyInit, Mac};
use num_bigint::BigUint;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

const POOL_ID: &str = "us-east-1_Pool42";
const USER: &str = "zoë";
const PASSWORD: &str = "Corr3ct-horse!";
const SALT_HEX: &str = "c0ffee0123456789abcdef";
const SECRET_BLOCK: &[u8] = b"an opaque secret block";

fn sha(parts: &[&[u8]]) -> Vec<u8> {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p);
    }
    h.finalize().to_vec()
}

/// Two's-complement-minimal bytes, as Cognito's server (Java) hashes integers.
fn bytes(v: &BigUint) -> Vec<u8> {
    let b = v.to_bytes_be();
    if b[0] >= 0x80 {
        [&[0u8][..], &b].concat()
    } else {
        b
    }
}

fn n() -> BigUint {
    // RFC 3526's 3072-bit MODP prime.
    BigUint::parse_bytes(
        b"FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3BE39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA051015728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200CBBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF",
        16,
    )
    .unwrap()
}

/// One identity the server knows: the names hashed and the verifier.
struct Account {
    group: String,
    identity: String,
    salt: BigUint,
    v: BigUint,
}

/// The exchange in progress: the server's `b`, `B`, and the client's `A`.
struct Exchange {
    b: BigUint,
    big_b: BigUint,
    big_a: BigUint,
}

/// Cognito's server side of SRP for one user and one remembered device.
#[derive(Default)]
struct Server {
    user: Option<Account>,
    device: Option<Account>,
    exchange: Mutex<Option<Exchange>>,
    /// Every call's target and request body, in order.
    calls: Mutex<Vec<(String, Value)>>,
}

impl std::fmt::Debug for Server {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Server")
    }
}

impl Server {
    fn start(&self, account: &Account, srp_a: &str) -> Value {
        let n = n();
        let g = BigUint::from(2u32);
        let k = BigUint::from_bytes_be(&sha(&[&bytes(&n), &[2]]));
        let b = BigUint::from_bytes_be(&sha(&[b"the server's private value", srp_a.as_bytes()]));
        let big_b = (&k * &account.v + g.modpow(&b, &n)) % &n;
        let big_a = BigUint::parse_bytes(srp_a.as_bytes(), 16).expect("SRP_A is hex");
        let srp_b = format!("{big_b:x}");
        *self.exchange.lock().unwrap() = Some(Exchange { b, big_b, big_a });
        json!({
            "SALT": format!("{:x}", account.salt),
            "SRP_B": srp_b,
            "SECRET_BLOCK": base64::engine::general_purpose::STANDARD.encode(SECRET_BLOCK),
        })
    }

    fn expected_signature(&self, account: &Account, timestamp: &str) -> String {
        let n = n();
        let guard = self.exchange.lock().unwrap();
        let Exchange { b, big_b, big_a } = guard.as_ref().expect("an exchange was started");
        let u = BigUint::from_bytes_be(&sha(&[&bytes(big_a), &bytes(big_b)]));
        let s = (big_a * account.v.modpow(&u, &n)).modpow(b, &n);
        let mut key = [0u8; 16];
        hkdf::Hkdf::<Sha256>::new(Some(&bytes(&u)), &bytes(&s))
            .expand(b"Caldera Derived Key", &mut key)
            .unwrap();
        let mut mac = <hmac::Hmac<Sha256> as KeyInit>::new_from_slice(&key).unwrap();
        for part in [
            account.group.as_bytes(),
            account.identity.as_bytes(),
            SECRET_BLOCK,
            timestamp.as_bytes(),
        ] {
            mac.update(part);
        }
        base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
    }

    fn verify(&self, account: &Account, responses: &Value) -> bool {
        let expected = self.expected_signature(account, responses["TIMESTAMP"].as_str().unwrap());
        responses["PASSWORD_CLAIM_SIGNATURE"] == expected.as_str()
            && responses["PASSWORD_CLAIM_SECRET_BLOCK"]
                == base64::engine::general_purpose::STANDARD
                    .encode(SECRET_BLOCK)
                    .as_str()
    }

    fn respond(&self, target: &str, body: &Value) -> (u16, Value) {
        let tokens = json!({"AuthenticationResult": {"AccessToken": "a", "ExpiresIn": 3600, "TokenType": "Bearer"}});
        let refused = (
            400,
            json!({"__type": "NotAuthorizedException", "message": "Incorrect username or password."}),
        );
        let challenge = |name: &str, parameters: Value| json!({"ChallengeName": name, "Session": format!("session-{name}"), "ChallengeParameters": parameters});
        match target {
            "AdminInitiateAuth" => {
                let user = self.user.as_ref().unwrap();
                let mut parameters =
                    self.start(user, body["AuthParameters"]["SRP_A"].as_str().unwrap());
                parameters["USERNAME"] = json!(USER);
                parameters["USER_ID_FOR_SRP"] = json!(USER);
                (200, challenge("PASSWORD_VERIFIER", parameters))
            }
            "AdminRespondToAuthChallenge" => {
                let responses = &body["ChallengeResponses"];
                match body["ChallengeName"].as_str().unwrap() {
                    "PASSWORD_VERIFIER" if self.verify(self.user.as_ref().unwrap(), responses) => {
                        match &self.device {
                            Some(_) => {
                                (200, challenge("DEVICE_SRP_AUTH", json!({"USERNAME": USER})))
                            }
                            None => (200, tokens),
                        }
                    }
                    "DEVICE_SRP_AUTH" => {
                        let device = self.device.as_ref().unwrap();
                        let mut parameters =
                            self.start(device, responses["SRP_A"].as_str().unwrap());
                        parameters["USERNAME"] = json!(USER);
                        (200, challenge("DEVICE_PASSWORD_VERIFIER", parameters))
                    }
                    "DEVICE_PASSWORD_VERIFIER"
                        if self.verify(self.device.as_ref().unwrap(), responses) =>
                    {
                        (200, tokens)
                    }
                    _ => refused,
                }
            }
            _ => (
                400,
                json!({"__type": "InvalidParameterException", "message": target}),
            ),
        }
    }
}

impl HttpClient for &'static Server {
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>> {
        let target = request.headers()["x-amz-target"].to_str().unwrap();
        let target = target.rsplit('.').next().unwrap().to_owned();
        let body: Value = serde_json::from_slice(request.body()).unwrap();
        let (status, answer) = self.respond(&target, &body);
        self.calls.lock().unwrap().push((target, body));
        let response = http::Response::builder()
            .status(status)
            .header("content-type", "application/x-amz-json-1.1")
            .header("x-amzn-requestid", "request-1")
            .body(serde_json::to_vec(&answer).unwrap())
            .unwrap();
        Box::pin(async move { Ok(response) })
    }
}

fn user_account(password: &str) -> Account {
    let salt = BigUint::parse_bytes(SALT_HEX.as_bytes(), 16).unwrap();
    let pool = POOL_ID.split_once('_').unwrap().1;
    let inner = sha(&[format!("{pool}{USER}:{password}").as_bytes()]);
    let x = BigUint::from_bytes_be(&sha(&[&bytes(&salt), &inner]));
    Account {
        group: pool.to_owned(),
        identity: USER.to_owned(),
        v: BigUint::from(2u32).modpow(&x, &n()),
        salt,
    }
}

fn client(server: &'static Server) -> Client {
    let config = Config::builder()
        .region("us-east-1")
        .credentials(Credentials::from_keys("AKIDSRPFLOW", "secret", None))
        .http_client(server)
        .build();
    Client::new(config)
}

fn run<T>(f: impl std::future::Future<Output = T>) -> T {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(f)
}

#[test]
fn sign_in_with_srp_proves_the_password_to_a_verifier_holding_server() {
    let server: &'static Server = Box::leak(Box::new(Server {
        user: Some(user_account(PASSWORD)),
        ..Server::default()
    }));
    let flow = client(server).admin_sign_in(POOL_ID, "app-client");
    let step = run(flow.sign_in_with_srp(USER, PASSWORD)).unwrap();
    assert!(matches!(step, SignInStep::SignedIn(_)), "{step:?}");
    let calls = server.calls.lock().unwrap();
    let targets: Vec<&str> = calls.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(
        targets,
        ["AdminInitiateAuth", "AdminRespondToAuthChallenge"]
    );
    assert_eq!(calls[0].1["AuthFlow"], "USER_SRP_AUTH");
    assert_eq!(calls[1].1["Session"], "session-PASSWORD_VERIFIER");
    assert_eq!(calls[1].1["ChallengeResponses"]["USERNAME"], USER);
    // The password itself never travels.
    assert!(!calls
        .iter()
        .any(|(_, body)| body.to_string().contains(PASSWORD)));
}

#[test]
fn the_wrong_password_gives_a_signature_the_server_refuses() {
    let server: &'static Server = Box::leak(Box::new(Server {
        user: Some(user_account(PASSWORD)),
        ..Server::default()
    }));
    let flow = client(server).admin_sign_in(POOL_ID, "app-client");
    let error = run(flow.sign_in_with_srp(USER, "not the password")).unwrap_err();
    let SrpSignInError::Answer(e) = &error else {
        panic!("{error}")
    };
    assert_eq!(
        e.as_call_error().and_then(|e| e.code()),
        Some("NotAuthorizedException")
    );
}

#[test]
fn a_remembered_device_authenticates_after_the_password() {
    let made = DeviceVerifier::generate("-group1", "us-east-1_device-1");
    let engine = base64::engine::general_purpose::STANDARD;
    let device_account = Account {
        group: "-group1".into(),
        identity: "us-east-1_device-1".into(),
        salt: BigUint::from_bytes_be(&engine.decode(&made.salt).unwrap()),
        v: BigUint::from_bytes_be(&engine.decode(&made.password_verifier).unwrap()),
    };
    let server: &'static Server = Box::leak(Box::new(Server {
        user: Some(user_account(PASSWORD)),
        device: Some(device_account),
        ..Server::default()
    }));
    let device = RememberedDevice::new("us-east-1_device-1", "-group1", made.password());
    let flow = client(server)
        .admin_sign_in(POOL_ID, "app-client")
        .device_key(device.key());
    let step = run(flow.sign_in_with_srp(USER, PASSWORD)).unwrap();
    let SignInStep::Challenge(Challenge::DeviceSrpAuth(challenge)) = step else {
        panic!("{step:?}")
    };
    let step = run(flow.authenticate_device(&challenge, &device)).unwrap();
    assert!(matches!(step, SignInStep::SignedIn(_)), "{step:?}");
    let calls = server.calls.lock().unwrap();
    let names: Vec<&str> = calls[1..]
        .iter()
        .map(|(_, b)| b["ChallengeName"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "PASSWORD_VERIFIER",
            "DEVICE_SRP_AUTH",
            "DEVICE_PASSWORD_VERIFIER"
        ]
    );
    for (_, body) in &calls[1..] {
        assert_eq!(
            body["ChallengeResponses"]["DEVICE_KEY"],
            "us-east-1_device-1"
        );
    }
    assert!(!calls
        .iter()
        .any(|(_, body)| body.to_string().contains(made.password())));
}
