//! Cognito's variant of SRP-6a: the client side of `USER_SRP_AUTH`
//! (`PASSWORD_VERIFIER`) and of `DEVICE_SRP_AUTH` (`DEVICE_PASSWORD_VERIFIER`),
//! and the verifier a device registers with `ConfirmDevice`.
//!
//! The group is the 3072-bit prime of RFC 3526 (also RFC 5054's) with
//! generator 2, and the hash SHA-256. Where Cognito departs from RFC 5054:
//!
//! - Integers are hashed as their shortest big-endian two's-complement bytes
//!   (Java's `BigInteger.toByteArray`): no leading zero bytes, except one
//!   when the top bit is set. `k = H(N | g)` in that form is `H(00 N | 02)`,
//!   not `g` padded to the length of `N`.
//! - `x = H(salt | H(group | identity | ":" | password))`, where the group is
//!   the pool name (the part of the pool id after `_`) and the identity
//!   `USER_ID_FOR_SRP`, or for a device its group key and its key.
//! - The session key is 16 bytes of HKDF-SHA256 with `u` as salt, `S` as
//!   input and `Caldera Derived Key` as info.
//! - The proof is `Base64(HMAC-SHA256(key, group | identity | secret block |
//!   timestamp))`, with the timestamp in Cognito's own format.
//!
//! Secrets (the private value `a`, the password-derived `x`, the shared `S`
//! and the session key) are wiped when dropped where they are held as bytes,
//! and no `Debug` output shows them. The big-integer arithmetic is
//! `num-bigint`'s, which is not constant-time; its temporaries are not wiped.

use std::fmt;
use std::sync::OnceLock;
use std::time::SystemTime;

use base64::Engine as _;
use hmac::{KeyInit, Mac};
use num_bigint::BigUint;
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

/// The 3072-bit MODP prime of RFC 3526, section 4.
const N_HEX: &str = concat!(
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74",
    "020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F1437",
    "4FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED",
    "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF05",
    "98DA48361C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB",
    "9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B",
    "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF695581718",
    "3995497CEA956AE515D2261898FA051015728E5A8AAAC42DAD33170D04507A33",
    "A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7",
    "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864",
    "D87602733EC86A64521F2B18177B200CBBE117577A615D6C770988C0BAD946E2",
    "08E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF",
);

/// The group's generator.
const G: u32 = 2;

/// HKDF's info for the session key.
const DERIVED_KEY_INFO: &[u8] = b"Caldera Derived Key";

/// Bytes of randomness in the private value `a` (as the AWS SDKs draw it).
const PRIVATE_VALUE_BYTES: usize = 128;

/// Bytes of randomness in a device's password and in its verifier's salt.
const DEVICE_PASSWORD_BYTES: usize = 40;
const DEVICE_SALT_BYTES: usize = 16;

/// `N`, `g` and the multiplier `k`, computed once.
struct Group {
    n: BigUint,
    g: BigUint,
    k: BigUint,
}

fn group() -> &'static Group {
    static GROUP: OnceLock<Group> = OnceLock::new();
    GROUP.get_or_init(|| {
        let n = BigUint::parse_bytes(N_HEX.as_bytes(), 16).expect("N_HEX is hexadecimal");
        let g = BigUint::from(G);
        let k = BigUint::from_bytes_be(&sha256(&[&signed_bytes(&n), &signed_bytes(&g)]));
        Group { n, g, k }
    })
}

/// An SRP value or input Cognito sent that cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SrpError {
    /// The pool id has no pool name after its `_` (`us-east-1_AbCdEf123`).
    InvalidPoolId(String),
    /// A challenge parameter the answer needs (`USER_ID_FOR_SRP`) is absent.
    MissingParameter(&'static str),
    /// A challenge parameter that must be hexadecimal (`SRP_B`, `SALT`) is not.
    NotHex(&'static str),
    /// A challenge parameter that must be Base64 (`SECRET_BLOCK`) is not.
    NotBase64(&'static str),
    /// `SRP_B` is a multiple of N: a server that follows the protocol never
    /// sends one, and answering would reveal nothing but help an attacker.
    ServerValueIsZero,
    /// `u = H(A | B)` is zero, which the protocol forbids.
    ScramblingParameterIsZero,
    /// The fixed private value given through the test seam is zero.
    PrivateValueIsZero,
}

impl fmt::Display for SrpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidPoolId(id) => write!(
                f,
                "user pool id `{id}` has no pool name after `_` (expected REGION_NAME)"
            ),
            Self::MissingParameter(name) => write!(f, "the challenge has no {name} parameter"),
            Self::NotHex(name) => write!(f, "challenge parameter {name} is not hexadecimal"),
            Self::NotBase64(name) => write!(f, "challenge parameter {name} is not Base64"),
            Self::ServerValueIsZero => {
                f.write_str("challenge parameter SRP_B is zero modulo N; refusing to answer")
            }
            Self::ScramblingParameterIsZero => {
                f.write_str("the SRP scrambling parameter u = H(A | B) is zero; refusing to answer")
            }
            Self::PrivateValueIsZero => f.write_str("the SRP private value must not be zero"),
        }
    }
}

impl std::error::Error for SrpError {}

/// The pool name Cognito's SRP uses: the part of the pool id after the `_`
/// that follows the region.
pub fn pool_name(user_pool_id: &str) -> Result<&str, SrpError> {
    match user_pool_id.split('_').nth(1) {
        Some(name) if !name.is_empty() => Ok(name),
        _ => Err(SrpError::InvalidPoolId(user_pool_id.to_owned())),
    }
}

/// `TIMESTAMP` in the format Cognito checks: `Tue Nov 3 07:09:01 UTC 2026`
/// (English names, day of month not padded, UTC).
pub fn cognito_timestamp(now: SystemTime) -> String {
    // Parsed once at run time rather than by `time`'s `format_description!`,
    // which would put a procedural macro crate in every build.
    static FORMAT: OnceLock<Vec<time::format_description::BorrowedFormatItem<'static>>> =
        OnceLock::new();
    let format = FORMAT.get_or_init(|| {
        time::format_description::parse_borrowed::<1>(
            "[weekday repr:short] [month repr:short] [day padding:none] [hour]:[minute]:[second] UTC [year]",
        )
        .expect("the description is valid")
    });
    time::OffsetDateTime::from(now)
        .format(format.as_slice())
        .expect("every field of the format is in an OffsetDateTime")
}

/// The values of a `PASSWORD_VERIFIER` or `DEVICE_PASSWORD_VERIFIER`
/// challenge that its answer is computed from.
#[derive(Clone, Copy, Debug)]
pub struct VerifierChallenge<'a> {
    /// `SALT`: the salt of the stored verifier, hexadecimal.
    pub salt: &'a str,
    /// `SRP_B`: the server's public value, hexadecimal.
    pub srp_b: &'a str,
    /// `SECRET_BLOCK`: opaque Base64 the answer signs and echoes.
    pub secret_block: &'a str,
}

/// The answer to a verifier challenge: the challenge responses
/// `PASSWORD_CLAIM_SECRET_BLOCK`, `PASSWORD_CLAIM_SIGNATURE` and `TIMESTAMP`.
/// None of them is secret: they travel in the clear (over TLS).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct PasswordClaim {
    /// `PASSWORD_CLAIM_SECRET_BLOCK`: the challenge's `SECRET_BLOCK`, unchanged.
    pub secret_block: String,
    /// `PASSWORD_CLAIM_SIGNATURE`: the proof that the password (or device
    /// password) is known.
    pub signature: String,
    /// `TIMESTAMP`: the signed time, in Cognito's format.
    pub timestamp: String,
}

impl PasswordClaim {
    /// The three challenge responses under their Cognito keys.
    pub fn challenge_responses(&self) -> [(&'static str, &str); 3] {
        [
            ("PASSWORD_CLAIM_SECRET_BLOCK", &self.secret_block),
            ("PASSWORD_CLAIM_SIGNATURE", &self.signature),
            ("TIMESTAMP", &self.timestamp),
        ]
    }
}

/// One SRP exchange: a fresh private value `a` and its public `A`
/// (`SRP_A`), then the answer to the server's verifier challenge.
///
/// Start `USER_SRP_AUTH` (or answer `DEVICE_SRP_AUTH`) with [`srp_a`],
/// keep the exchange, and answer `PASSWORD_VERIFIER` with
/// [`password_verifier`] (or `DEVICE_PASSWORD_VERIFIER` with
/// [`device_password_verifier`]). Use a new exchange for every sign-in.
///
/// [`srp_a`]: SrpExchange::srp_a
/// [`password_verifier`]: SrpExchange::password_verifier
/// [`device_password_verifier`]: SrpExchange::device_password_verifier
pub struct SrpExchange {
    /// The private value's big-endian bytes, wiped on drop.
    a: Zeroizing<Vec<u8>>,
    /// `A = g^a mod N`, public.
    big_a: BigUint,
}

impl fmt::Debug for SrpExchange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SrpExchange")
            .field("a", &"** redacted **")
            .field("srp_a", &format_args!("{:x}", self.big_a))
            .finish()
    }
}

impl Default for SrpExchange {
    fn default() -> Self {
        Self::new()
    }
}

impl SrpExchange {
    /// A new exchange with a private value drawn from `rand`'s
    /// cryptographically secure thread-local generator (seeded by the OS).
    pub fn new() -> Self {
        loop {
            let mut bytes = Zeroizing::new(vec![0u8; PRIVATE_VALUE_BYTES]);
            rand::fill(&mut bytes[..]);
            // A zero draw (probability 2^-1024) is drawn again.
            if let Ok(exchange) = Self::from_private_value(bytes) {
                return exchange;
            }
        }
    }

    /// An exchange with a fixed private value, so that tests can compare
    /// `SRP_A` and signatures with another implementation. Never use it
    /// outside tests: a private value that is not fresh and random breaks
    /// the protocol's security.
    #[doc(hidden)]
    pub fn with_private_value_for_tests_only(a: &[u8]) -> Result<Self, SrpError> {
        Self::from_private_value(Zeroizing::new(a.to_vec()))
    }

    fn from_private_value(a: Zeroizing<Vec<u8>>) -> Result<Self, SrpError> {
        let group = group();
        let a_value = BigUint::from_bytes_be(&a) % &group.n;
        if a_value == BigUint::ZERO {
            return Err(SrpError::PrivateValueIsZero);
        }
        let big_a = group.g.modpow(&a_value, &group.n);
        // g^a is never 0 modulo a prime; the check is the protocol's own.
        if &big_a % &group.n == BigUint::ZERO {
            return Err(SrpError::PrivateValueIsZero);
        }
        Ok(Self {
            a: Zeroizing::new(a_value.to_bytes_be()),
            big_a,
        })
    }

    /// `SRP_A`: the public value in lowercase hexadecimal, as the AWS SDKs
    /// send it (no leading zeros).
    pub fn srp_a(&self) -> String {
        format!("{:x}", self.big_a)
    }

    /// The answer to `PASSWORD_VERIFIER` for the user Cognito named
    /// `USER_ID_FOR_SRP` in the challenge, in the pool `user_pool_id`.
    pub fn password_verifier(
        &self,
        user_pool_id: &str,
        user_id_for_srp: &str,
        password: &str,
        challenge: &VerifierChallenge<'_>,
        now: SystemTime,
    ) -> Result<PasswordClaim, SrpError> {
        let pool = pool_name(user_pool_id)?;
        self.claim(pool, user_id_for_srp, password, challenge, now)
    }

    /// The answer to `DEVICE_PASSWORD_VERIFIER` for a remembered device:
    /// its group key and key (from `NewDeviceMetadata`) and the password
    /// made for it when it was confirmed (see [`DeviceVerifier`]).
    pub fn device_password_verifier(
        &self,
        device_group_key: &str,
        device_key: &str,
        device_password: &str,
        challenge: &VerifierChallenge<'_>,
        now: SystemTime,
    ) -> Result<PasswordClaim, SrpError> {
        self.claim(
            device_group_key,
            device_key,
            device_password,
            challenge,
            now,
        )
    }

    /// The claim for `identity` in `group`: the pool name and
    /// `USER_ID_FOR_SRP`, or the device group key and device key.
    fn claim(
        &self,
        group_name: &str,
        identity: &str,
        password: &str,
        challenge: &VerifierChallenge<'_>,
        now: SystemTime,
    ) -> Result<PasswordClaim, SrpError> {
        let salt = parse_hex(challenge.salt, "SALT")?;
        let big_b = parse_hex(challenge.srp_b, "SRP_B")?;
        let secret_block = decode_secret_block(challenge.secret_block)?;
        let key = self.session_key(group_name, identity, password, &salt, &big_b)?;
        let timestamp = cognito_timestamp(now);
        let mut mac = <hmac::Hmac<Sha256> as KeyInit>::new_from_slice(&key[..])
            .expect("HMAC takes keys of any length");
        mac.update(group_name.as_bytes());
        mac.update(identity.as_bytes());
        mac.update(&secret_block);
        mac.update(timestamp.as_bytes());
        let signature =
            base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
        Ok(PasswordClaim {
            secret_block: challenge.secret_block.to_owned(),
            signature,
            timestamp,
        })
    }

    /// The 16-byte key both sides derive from the shared secret `S`.
    fn session_key(
        &self,
        group_name: &str,
        identity: &str,
        password: &str,
        salt: &BigUint,
        big_b: &BigUint,
    ) -> Result<Zeroizing<[u8; 16]>, SrpError> {
        let Group { n, g, k } = group();
        if big_b % n == BigUint::ZERO {
            return Err(SrpError::ServerValueIsZero);
        }
        // u hashes B as sent, not reduced modulo N, as the AWS SDKs do.
        let u =
            BigUint::from_bytes_be(&sha256(&[&signed_bytes(&self.big_a), &signed_bytes(big_b)]));
        if u == BigUint::ZERO {
            return Err(SrpError::ScramblingParameterIsZero);
        }
        let x = password_hash(group_name, identity, password, salt);
        // S = (B - k·g^x)^(a + u·x) mod N, with the base kept in [0, N).
        let kv = (k * g.modpow(&x, n)) % n;
        let base = ((big_b % n) + n - kv) % n;
        let a = BigUint::from_bytes_be(&self.a);
        let s = base.modpow(&(a + &u * &x), n);
        let s_bytes = Zeroizing::new(signed_bytes(&s));
        let mut key = Zeroizing::new([0u8; 16]);
        hkdf::Hkdf::<Sha256>::new(Some(&signed_bytes(&u)), &s_bytes)
            .expand(DERIVED_KEY_INFO, &mut key[..])
            .expect("16 bytes is a valid HKDF-SHA256 output length");
        Ok(key)
    }
}

/// A device's SRP credentials for `ConfirmDevice`: a new random device
/// password (keep it with the device key: `DEVICE_PASSWORD_VERIFIER` needs
/// it) and the `DeviceSecretVerifierConfig` values Cognito stores.
pub struct DeviceVerifier {
    password: Zeroizing<String>,
    /// `PasswordVerifier`: Base64 of `g^x mod N`.
    pub password_verifier: String,
    /// `Salt`: Base64 of the verifier's salt.
    pub salt: String,
}

impl fmt::Debug for DeviceVerifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DeviceVerifier")
            .field("password", &"** redacted **")
            .field("password_verifier", &self.password_verifier)
            .field("salt", &self.salt)
            .finish()
    }
}

impl DeviceVerifier {
    /// New credentials for the device `device_key` of the group
    /// `device_group_key`, from fresh random bytes.
    pub fn generate(device_group_key: &str, device_key: &str) -> Self {
        let mut password = Zeroizing::new([0u8; DEVICE_PASSWORD_BYTES]);
        let mut salt = [0u8; DEVICE_SALT_BYTES];
        rand::fill(&mut password[..]);
        rand::fill(&mut salt[..]);
        Self::from_random(device_group_key, device_key, &password, &salt)
    }

    /// Credentials from fixed bytes, so that tests can compare them with
    /// another implementation. Never use it outside tests.
    #[doc(hidden)]
    pub fn from_random_for_tests_only(
        device_group_key: &str,
        device_key: &str,
        password_bytes: &[u8; DEVICE_PASSWORD_BYTES],
        salt_bytes: &[u8; DEVICE_SALT_BYTES],
    ) -> Self {
        Self::from_random(device_group_key, device_key, password_bytes, salt_bytes)
    }

    fn from_random(
        device_group_key: &str,
        device_key: &str,
        password_bytes: &[u8; DEVICE_PASSWORD_BYTES],
        salt_bytes: &[u8; DEVICE_SALT_BYTES],
    ) -> Self {
        let base64 = base64::engine::general_purpose::STANDARD;
        let password = Zeroizing::new(base64.encode(password_bytes));
        let salt = BigUint::from_bytes_be(salt_bytes);
        let Group { n, g, .. } = group();
        let x = password_hash(device_group_key, device_key, &password, &salt);
        let verifier = g.modpow(&x, n);
        Self {
            password,
            password_verifier: base64.encode(signed_bytes(&verifier)),
            salt: base64.encode(signed_bytes(&salt)),
        }
    }

    /// The device password, for `DEVICE_PASSWORD_VERIFIER` later. Store it
    /// as a secret.
    pub fn password(&self) -> &str {
        &self.password
    }
}

/// `x = H(salt | H(group | identity | ":" | password))`.
fn password_hash(group_name: &str, identity: &str, password: &str, salt: &BigUint) -> BigUint {
    let secret = Zeroizing::new(format!("{group_name}{identity}:{password}"));
    let inner = Zeroizing::new(sha256(&[secret.as_bytes()]));
    let outer = Zeroizing::new(sha256(&[&signed_bytes(salt), &inner[..]]));
    BigUint::from_bytes_be(&outer[..])
}

fn sha256(parts: &[&[u8]]) -> [u8; 32] {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part);
    }
    hasher.finalize().into()
}

/// The shortest big-endian two's-complement bytes of a non-negative
/// integer: what Cognito hashes (zero is one zero byte; a set top bit gets a
/// zero byte in front).
fn signed_bytes(value: &BigUint) -> Vec<u8> {
    let bytes = value.to_bytes_be();
    if bytes[0] & 0x80 != 0 {
        let mut padded = Vec::with_capacity(bytes.len() + 1);
        padded.push(0);
        padded.extend_from_slice(&bytes);
        padded
    } else {
        bytes
    }
}

/// A hexadecimal challenge parameter as an integer: leading zeros carry no
/// meaning (Cognito's server treats these values as integers).
fn parse_hex(text: &str, name: &'static str) -> Result<BigUint, SrpError> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(SrpError::NotHex(name));
    }
    BigUint::parse_bytes(text.as_bytes(), 16).ok_or(SrpError::NotHex(name))
}

/// `SECRET_BLOCK`'s bytes. Characters outside the Base64 alphabet are
/// skipped, as Python's decoder (and so boto3-based clients) does: Cognito
/// sends plain Base64, but emulators such as moto send a UUID there.
fn decode_secret_block(text: &str) -> Result<Vec<u8>, SrpError> {
    let engine = base64::engine::general_purpose::STANDARD;
    if let Ok(bytes) = engine.decode(text) {
        return Ok(bytes);
    }
    let kept: String = text
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '='))
        .collect();
    engine
        .decode(kept)
        .map_err(|_| SrpError::NotBase64("SECRET_BLOCK"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    /// 2026-11-03T07:09:01Z, a Tuesday.
    fn tuesday() -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(1_793_689_741)
    }

    #[test]
    fn the_group_is_the_3072_bit_prime_with_generator_2() {
        let group = group();
        assert_eq!(group.n.bits(), 3072);
        assert_eq!(group.g, BigUint::from(2u32));
        // k hashes N with the sign byte Cognito puts in front (its top bit
        // is set) and g as the single byte 02.
        assert_eq!(signed_bytes(&group.n).len(), 385);
        let k = sha256(&[&[0u8], &group.n.to_bytes_be(), &[2u8]]);
        assert_eq!(group.k, BigUint::from_bytes_be(&k));
    }

    #[test]
    fn integers_are_hashed_as_shortest_twos_complement_bytes() {
        let bytes = |v: u64| signed_bytes(&BigUint::from(v));
        assert_eq!(bytes(0), [0]);
        assert_eq!(bytes(0x08), [0x08]);
        assert_eq!(bytes(0x7f), [0x7f]);
        assert_eq!(bytes(0x80), [0x00, 0x80]);
        assert_eq!(bytes(0x123), [0x01, 0x23]);
        assert_eq!(bytes(0x89ab), [0x00, 0x89, 0xab]);
    }

    #[test]
    fn the_timestamp_does_not_pad_the_day() {
        assert_eq!(cognito_timestamp(tuesday()), "Tue Nov 3 07:09:01 UTC 2026");
        let later = tuesday() + Duration::from_secs(8 * 86_400 + 5 * 3600);
        assert_eq!(cognito_timestamp(later), "Wed Nov 11 12:09:01 UTC 2026");
    }

    #[test]
    fn the_pool_name_follows_the_region() {
        assert_eq!(pool_name("us-east-1_AbC123"), Ok("AbC123"));
        assert_eq!(
            pool_name("us-east-1"),
            Err(SrpError::InvalidPoolId("us-east-1".into()))
        );
        assert!(pool_name("us-east-1_").is_err());
    }

    #[test]
    fn srp_a_is_g_to_the_a_in_lowercase_hex() {
        let exchange = SrpExchange::with_private_value_for_tests_only(&[3]).unwrap();
        assert_eq!(exchange.srp_a(), "8");
        let exchange = SrpExchange::with_private_value_for_tests_only(&[0, 0, 7]).unwrap();
        assert_eq!(exchange.srp_a(), "80");
        assert_eq!(
            SrpExchange::with_private_value_for_tests_only(&[0, 0]).unwrap_err(),
            SrpError::PrivateValueIsZero
        );
        let random = SrpExchange::new();
        assert_ne!(random.srp_a(), SrpExchange::new().srp_a());
        assert!(random
            .srp_a()
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)));
    }

    #[test]
    fn debug_never_shows_the_private_value_or_the_device_password() {
        let exchange = SrpExchange::with_private_value_for_tests_only(&[0xab; 128]).unwrap();
        let shown = format!("{exchange:?}");
        assert!(shown.contains("redacted"), "{shown}");
        assert!(!shown.to_lowercase().contains(&"ab".repeat(16)), "{shown}");
        let device = DeviceVerifier::generate("group", "key");
        let shown = format!("{device:?}");
        assert!(!shown.contains(device.password()), "{shown}");
        assert!(shown.contains(&device.password_verifier), "{shown}");
    }

    /// What a Cognito server computes from its stored verifier `v` and its
    /// private value `b`: `B = k·v + g^b` and `S = (A·v^u)^b`.
    struct Server {
        b: BigUint,
        big_b: BigUint,
        v: BigUint,
    }

    impl Server {
        fn new(verifier_base64: &str, b: u64) -> Self {
            let Group { n, g, k } = group();
            let engine = base64::engine::general_purpose::STANDARD;
            let v = BigUint::from_bytes_be(&engine.decode(verifier_base64).unwrap());
            let b = BigUint::from(b).pow(40);
            let big_b = (k * &v + g.modpow(&b, n)) % n;
            Self { b, big_b, v }
        }

        fn signature(
            &self,
            big_a: &BigUint,
            group_name: &str,
            identity: &str,
            block: &[u8],
            at: &str,
        ) -> String {
            let n = &group().n;
            let u = BigUint::from_bytes_be(&sha256(&[
                &signed_bytes(big_a),
                &signed_bytes(&self.big_b),
            ]));
            let s = (big_a * self.v.modpow(&u, n)).modpow(&self.b, n);
            let mut key = [0u8; 16];
            hkdf::Hkdf::<Sha256>::new(Some(&signed_bytes(&u)), &signed_bytes(&s))
                .expand(DERIVED_KEY_INFO, &mut key)
                .unwrap();
            let mut mac = <hmac::Hmac<Sha256> as KeyInit>::new_from_slice(&key).unwrap();
            for part in [
                group_name.as_bytes(),
                identity.as_bytes(),
                block,
                at.as_bytes(),
            ] {
                mac.update(part);
            }
            base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
        }
    }

    fn hex_of_base64(text: &str) -> String {
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(text)
            .unwrap();
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn a_server_holding_the_device_verifier_accepts_the_device_claim() {
        let device = DeviceVerifier::from_random_for_tests_only(
            "group-1",
            "us-east-1_dev",
            &[7; 40],
            &[0x91; 16],
        );
        let server = Server::new(&device.password_verifier, 977);
        let exchange = SrpExchange::new();
        let block = [5u8; 48];
        let block_b64 = base64::engine::general_purpose::STANDARD.encode(block);
        let salt = hex_of_base64(&device.salt);
        let srp_b = format!("{:x}", server.big_b);
        let challenge = VerifierChallenge {
            salt: &salt,
            srp_b: &srp_b,
            secret_block: &block_b64,
        };
        let claim = exchange
            .device_password_verifier(
                "group-1",
                "us-east-1_dev",
                device.password(),
                &challenge,
                tuesday(),
            )
            .unwrap();
        assert_eq!(claim.timestamp, "Tue Nov 3 07:09:01 UTC 2026");
        assert_eq!(claim.secret_block, block_b64);
        let expected = server.signature(
            &exchange.big_a,
            "group-1",
            "us-east-1_dev",
            &block,
            &claim.timestamp,
        );
        assert_eq!(claim.signature, expected);

        let wrong = exchange
            .device_password_verifier(
                "group-1",
                "us-east-1_dev",
                "not the password",
                &challenge,
                tuesday(),
            )
            .unwrap();
        assert_ne!(wrong.signature, expected);
    }

    #[test]
    fn a_server_holding_the_user_verifier_accepts_the_password_claim() {
        // The server's verifier for the user, made the way ConfirmDevice's
        // is: same x, with the pool name and user id.
        let salt_hex = "5a1bd7f0c3e2";
        let salt = BigUint::parse_bytes(salt_hex.as_bytes(), 16).unwrap();
        let x = password_hash("AbC123", "3f2c-user-id", "Pässwörd 1!", &salt);
        let v = group().g.modpow(&x, &group().n);
        let engine = base64::engine::general_purpose::STANDARD;
        let server = Server::new(&engine.encode(v.to_bytes_be()), 4243);
        let exchange = SrpExchange::new();
        let srp_b = format!("{:X}", server.big_b);
        let challenge = VerifierChallenge {
            salt: salt_hex,
            srp_b: &srp_b,
            secret_block: "c2VjcmV0IGJsb2Nr",
        };
        let claim = exchange
            .password_verifier(
                "eu-west-1_AbC123",
                "3f2c-user-id",
                "Pässwörd 1!",
                &challenge,
                tuesday(),
            )
            .unwrap();
        let expected = server.signature(
            &exchange.big_a,
            "AbC123",
            "3f2c-user-id",
            b"secret block",
            &claim.timestamp,
        );
        assert_eq!(claim.signature, expected);
        let [block, signature, timestamp] = claim.challenge_responses();
        assert_eq!(block, ("PASSWORD_CLAIM_SECRET_BLOCK", "c2VjcmV0IGJsb2Nr"));
        assert_eq!(signature, ("PASSWORD_CLAIM_SIGNATURE", expected.as_str()));
        assert_eq!(timestamp, ("TIMESTAMP", "Tue Nov 3 07:09:01 UTC 2026"));
    }

    fn answer(salt: &str, srp_b: &str, secret_block: &str) -> Result<PasswordClaim, SrpError> {
        let exchange = SrpExchange::with_private_value_for_tests_only(&[9; 32]).unwrap();
        let challenge = VerifierChallenge {
            salt,
            srp_b,
            secret_block,
        };
        exchange.password_verifier("us-east-1_Pool", "user", "pw", &challenge, tuesday())
    }

    #[test]
    fn bad_challenge_parameters_are_named_errors() {
        assert_eq!(answer("zz", "ab", "AAAA"), Err(SrpError::NotHex("SALT")));
        assert_eq!(answer("", "ab", "AAAA"), Err(SrpError::NotHex("SALT")));
        assert_eq!(answer("ab", "0x12", "AAAA"), Err(SrpError::NotHex("SRP_B")));
        assert_eq!(answer("ab", "1_0", "AAAA"), Err(SrpError::NotHex("SRP_B")));
        assert_eq!(
            answer("ab", "ab", "A"),
            Err(SrpError::NotBase64("SECRET_BLOCK"))
        );
        assert_eq!(answer("ab", "0", "AAAA"), Err(SrpError::ServerValueIsZero));
        let two_n = format!("{:x}", &group().n * 2u32);
        assert_eq!(
            answer("ab", &two_n, "AAAA"),
            Err(SrpError::ServerValueIsZero)
        );
        let message = answer("ab", "", "AAAA").unwrap_err().to_string();
        assert!(message.contains("SRP_B"), "{message}");
        let message = answer("ab", "12", "A").unwrap_err().to_string();
        assert!(message.contains("SECRET_BLOCK"), "{message}");
    }

    #[test]
    fn a_uuid_secret_block_is_read_as_python_reads_it() {
        // moto's SECRET_BLOCK: the hyphens are skipped, the 32 hex digits
        // decoded as Base64.
        let uuid = "0f9e8d7c-6b5a-4c3d-2e1f-0a9b8c7d6e5f";
        assert_eq!(
            decode_secret_block(uuid).unwrap(),
            base64::engine::general_purpose::STANDARD
                .decode("0f9e8d7c6b5a4c3d2e1f0a9b8c7d6e5f")
                .unwrap()
        );
        assert!(answer("ab", "12", uuid).is_ok());
    }
}
