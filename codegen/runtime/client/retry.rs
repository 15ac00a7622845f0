//! Standard-mode retries, as AWS SDKs define them: which failures are worth
//! another attempt, how long to wait before it (exponential backoff with
//! full jitter, capped), and a client-wide budget so that an outage does
//! not turn every caller into a retry storm.

use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use crate::error::ProvideErrorMetadata;

/// How many times a call is tried and how long the client waits in between.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryConfig {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
}

impl Default for RetryConfig {
    fn default() -> Self {
        Self::standard()
    }
}

impl RetryConfig {
    /// Three attempts; waits of up to 1 s, then 2 s, ..., never more than 20 s.
    pub fn standard() -> Self {
        RetryConfig {
            max_attempts: 3,
            initial_backoff: Duration::from_secs(1),
            max_backoff: Duration::from_secs(20),
        }
    }

    /// One attempt, no retries.
    pub fn disabled() -> Self {
        Self::standard().with_max_attempts(1)
    }

    /// Tries a call at most `max_attempts` times in all (at least once).
    pub fn with_max_attempts(mut self, max_attempts: u32) -> Self {
        self.max_attempts = max_attempts.max(1);
        self
    }

    /// The longest wait before the first retry; it doubles for each retry after.
    pub fn with_initial_backoff(mut self, initial_backoff: Duration) -> Self {
        self.initial_backoff = initial_backoff;
        self
    }

    /// The longest wait before any retry, however many came before.
    pub fn with_max_backoff(mut self, max_backoff: Duration) -> Self {
        self.max_backoff = max_backoff;
        self
    }

    /// Attempts per call, the first one included.
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The longest wait before the first retry.
    pub fn initial_backoff(&self) -> Duration {
        self.initial_backoff
    }

    /// The longest wait before any retry.
    pub fn max_backoff(&self) -> Duration {
        self.max_backoff
    }

    /// The wait after failed attempt number `attempt` (1-based): a uniform
    /// random share (`fraction`, in `[0, 1)`) of
    /// `min(max_backoff, initial_backoff * 2^(attempt - 1))`.
    pub(crate) fn backoff(&self, attempt: u32, fraction: f64) -> Duration {
        let doublings = attempt.saturating_sub(1).min(31);
        let ceiling = self
            .initial_backoff
            .checked_mul(1 << doublings)
            .map_or(self.max_backoff, |d| d.min(self.max_backoff));
        ceiling.mul_f64(fraction.clamp(0.0, 1.0))
    }
}

/// Why a failed attempt is worth repeating.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RetryReason {
    /// The service asked callers to slow down.
    Throttling,
    /// A failure that says nothing about the request itself: a 5xx, a
    /// `@retryable` error, a dropped connection.
    Transient,
    /// No response in time.
    Timeout,
}

impl RetryReason {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            RetryReason::Throttling => "throttling",
            RetryReason::Transient => "transient error",
            RetryReason::Timeout => "timeout",
        }
    }
}

/// Codes AWS services use for throttling, whatever the model says.
const THROTTLING_CODES: &[&str] = &[
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
];

/// Codes AWS services use for transient failures.
const TRANSIENT_CODES: &[&str] = &["RequestTimeout", "RequestTimeoutException", "InternalError"];

/// Whether an error response is worth another attempt. Client errors other
/// than throttling never are: the same request would fail the same way.
pub(crate) fn classify_error(status: u16, error: &dyn ProvideErrorMetadata) -> Option<RetryReason> {
    let code = error.code().unwrap_or_default();
    if error.is_throttling() || status == 429 || THROTTLING_CODES.contains(&code) {
        Some(RetryReason::Throttling)
    } else if error.is_retryable() || status >= 500 || TRANSIENT_CODES.contains(&code) {
        Some(RetryReason::Transient)
    } else {
        None
    }
}

/// The client-wide retry budget of standard mode: each retry spends tokens
/// (more after a timeout), each success earns some back. When the budget
/// is spent, failures are returned at once instead of retried, until calls
/// succeed again.
#[derive(Debug)]
pub(crate) struct RetryQuota {
    tokens: AtomicU32,
}

const QUOTA_MAX: u32 = 500;
const RETRY_COST: u32 = 5;
const TIMEOUT_RETRY_COST: u32 = 10;
const SUCCESS_REWARD: u32 = 1;

impl Default for RetryQuota {
    fn default() -> Self {
        RetryQuota {
            tokens: AtomicU32::new(QUOTA_MAX),
        }
    }
}

impl RetryQuota {
    /// Takes the cost of one retry for `reason`; `None` when the budget
    /// cannot cover it. The returned cost is given back on success.
    pub(crate) fn acquire(&self, reason: RetryReason) -> Option<u32> {
        let cost = match reason {
            RetryReason::Timeout => TIMEOUT_RETRY_COST,
            _ => RETRY_COST,
        };
        self.tokens
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |t| t.checked_sub(cost))
            .ok()
            .map(|_| cost)
    }

    /// A call succeeded: refunds what its retries took, or a small reward
    /// when it needed none.
    pub(crate) fn release(&self, spent: u32) {
        let refund = if spent == 0 { SUCCESS_REWARD } else { spent };
        // Never fails: the closure always returns Some.
        let _ = self.tokens.fetch_update(Ordering::AcqRel, Ordering::Acquire, |t| {
            Some((t + refund).min(QUOTA_MAX))
        });
    }
}

/// A uniform random number in `[0, 1)` for jitter. std's `RandomState` is
/// seeded from the OS per instance, which is all jitter needs: it spreads
/// clients apart, it guards no secret.
pub(crate) fn jitter() -> f64 {
    let bits = std::collections::hash_map::RandomState::new().build_hasher().finish();
    (bits >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{ErrorFault, ErrorMetadata};

    #[test]
    fn backoff_doubles_up_to_the_cap_and_scales_by_the_fraction() {
        let config = RetryConfig::standard()
            .with_initial_backoff(Duration::from_millis(100))
            .with_max_backoff(Duration::from_millis(350));
        let ceilings: Vec<_> = (1..=5).map(|n| config.backoff(n, 1.0).as_millis()).collect();
        assert_eq!(ceilings, [100, 200, 350, 350, 350]);
        assert_eq!(config.backoff(2, 0.5), Duration::from_millis(100));
        assert_eq!(config.backoff(2, 0.0), Duration::ZERO);
        assert_eq!(config.backoff(u32::MAX, 1.0), Duration::from_millis(350));
    }

    #[test]
    fn jitter_stays_in_the_unit_interval() {
        for _ in 0..1000 {
            let j = jitter();
            assert!((0.0..1.0).contains(&j), "{j}");
        }
    }

    #[test]
    fn at_least_one_attempt() {
        assert_eq!(RetryConfig::standard().with_max_attempts(0).max_attempts(), 1);
        assert_eq!(RetryConfig::disabled().max_attempts(), 1);
    }

    struct Fake {
        meta: ErrorMetadata,
        retryable: bool,
        throttling: bool,
    }

    impl ProvideErrorMetadata for Fake {
        fn meta(&self) -> &ErrorMetadata {
            &self.meta
        }
        fn fault(&self) -> ErrorFault {
            ErrorFault::Client
        }
        fn is_retryable(&self) -> bool {
            self.retryable
        }
        fn is_throttling(&self) -> bool {
            self.throttling
        }
    }

    fn fake(code: &str, retryable: bool, throttling: bool) -> Fake {
        Fake {
            meta: ErrorMetadata::new(Some(code.into()), None, None, None),
            retryable,
            throttling,
        }
    }

    #[test]
    fn errors_are_classified_by_trait_status_and_code() {
        use RetryReason::*;
        let cases = [
            (400, fake("TooManyRequestsException", false, false), Some(Throttling)),
            (429, fake("Whatever", false, false), Some(Throttling)),
            (400, fake("Modelled", true, true), Some(Throttling)),
            (400, fake("Modelled", true, false), Some(Transient)),
            (500, fake("InternalErrorException", false, false), Some(Transient)),
            (503, fake("", false, false), Some(Transient)),
            (400, fake("NotAuthorizedException", false, false), None),
            (403, fake("", false, false), None),
            (404, fake("ResourceNotFoundException", false, false), None),
        ];
        for (status, error, expected) in cases {
            assert_eq!(classify_error(status, &error), expected, "{status} {:?}", error.code());
        }
    }

    #[test]
    fn the_quota_runs_out_and_refills() {
        let quota = RetryQuota::default();
        let mut spent = 0;
        while let Some(cost) = quota.acquire(RetryReason::Transient) {
            spent += cost;
        }
        assert_eq!(spent, QUOTA_MAX);
        assert_eq!(quota.acquire(RetryReason::Throttling), None);
        quota.release(10);
        assert_eq!(quota.acquire(RetryReason::Timeout), Some(TIMEOUT_RETRY_COST));
        assert_eq!(quota.acquire(RetryReason::Transient), None);
        for _ in 0..1000 {
            quota.release(0);
        }
        assert_eq!(quota.tokens.load(Ordering::Acquire), QUOTA_MAX);
    }
}
