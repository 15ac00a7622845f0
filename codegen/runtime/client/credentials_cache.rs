//! The client's credentials cache: a provider is asked once, its answer is
//! reused until shortly before it expires, and when it must be asked again
//! the concurrent callers wait for one request rather than each sending
//! their own (a container or instance endpoint, an STS call).

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime};

use super::credentials::{Credentials, CredentialsError, ProvideCredentials, SharedCredentialsProvider};

/// How long before their expiry credentials are replaced by default, as in
/// the AWS SDKs: a request signed just before expiry may still be in
/// flight, or retried, after it.
pub(crate) const DEFAULT_EXPIRY_BUFFER: Duration = Duration::from_secs(5 * 60);

/// How long credentials without an expiry (static keys, the environment)
/// are reused before the provider is asked again, as the SDKs' lazy cache.
const NO_EXPIRY_LIFETIME: Duration = Duration::from_secs(15 * 60);

/// What one refresh gave: shared, since every caller waiting on it gets it.
type Outcome = Result<Credentials, Arc<CredentialsError>>;

#[derive(Debug)]
pub(crate) struct CredentialsCache {
    provider: SharedCredentialsProvider,
    buffer: Duration,
    /// The credentials in use and until when.
    current: Mutex<Option<(Credentials, SystemTime)>>,
    /// How many refreshes have finished.
    refreshes: AtomicU64,
    /// Held while the provider is asked: whoever holds it refreshes, the
    /// others wait. It keeps the last refresh's outcome: the callers that
    /// waited on a refresh (it finished after they looked at `refreshes`)
    /// take its outcome, a failure included, rather than asking again; a
    /// caller that comes later finds no fresh credentials and asks again,
    /// so failures are never cached.
    refresh: tokio::sync::Mutex<Option<Outcome>>,
}

impl CredentialsCache {
    pub(crate) fn new(provider: SharedCredentialsProvider, buffer: Duration) -> Self {
        CredentialsCache {
            provider,
            buffer,
            current: Mutex::new(None),
            refreshes: AtomicU64::new(0),
            refresh: tokio::sync::Mutex::new(None),
        }
    }

    /// Credentials valid for at least the buffer, from the cache or from one
    /// refresh shared with the concurrent callers.
    pub(crate) async fn get(&self) -> Outcome {
        if let Some(credentials) = self.fresh(SystemTime::now()) {
            return Ok(credentials);
        }
        let seen = self.refreshes.load(Ordering::Acquire);
        // Waiting here is waiting for whoever refreshes now.
        let mut last = self.refresh.lock().await;
        if self.refreshes.load(Ordering::Acquire) != seen {
            if let Some(outcome) = &*last {
                return outcome.clone();
            }
        }
        if let Some(credentials) = self.fresh(SystemTime::now()) {
            return Ok(credentials);
        }
        let outcome = self.provider.provide_credentials().await.map_err(Arc::new);
        if let Ok(credentials) = &outcome {
            let until = match credentials.expiry() {
                Some(expiry) => expiry.checked_sub(self.buffer).unwrap_or(SystemTime::UNIX_EPOCH),
                None => SystemTime::now() + NO_EXPIRY_LIFETIME,
            };
            *self.current.lock().unwrap_or_else(PoisonError::into_inner) = Some((credentials.clone(), until));
        }
        *last = Some(outcome.clone());
        self.refreshes.fetch_add(1, Ordering::Release);
        outcome
    }

    /// The cached credentials, if they are good until past the buffer.
    fn fresh(&self, now: SystemTime) -> Option<Credentials> {
        let current = self.current.lock().unwrap_or_else(PoisonError::into_inner);
        current
            .as_ref()
            .filter(|(_, until)| now < *until)
            .map(|(credentials, _)| credentials.clone())
    }
}
