//! Typed mocks for tests of code that uses this crate (feature `test-util`).
//!
//! A [`Rule`] matches calls of one operation, optionally only those whose
//! input passes a predicate, and answers them with typed outputs, typed
//! modelled errors, raw HTTP responses or transport failures, in sequence.
//! A client made from rules ([`mock_client!`](crate::mock_client)) runs
//! its whole real pipeline (input builders, request serialization, signing,
//! retries, response parsing) and only swaps the network for the rules: a
//! typed answer is serialized to the service's JSON and parsed back by the
//! operation's own response parser, so a test sees what production parses.
//!
//! Start a rule with [`mock!`](crate::mock) and the client method of its
//! operation: `mock!(Client::some_operation)`, then optionally
//! `.match_requests(|input| ..)`, then `.then_output(|| ..)`,
//! `.then_error(|| ..)`, `.then_http_response(|| ..)`, or `.sequence()` for
//! several answers. Each rule records the inputs it answered.

use std::fmt;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use super::config::ConfigBuilder;
use super::credentials::Credentials;
use super::transport::{BoxFuture, HttpClient, TransportError, TransportErrorKind};
use super::Client;
use crate::error::ProvideErrorMetadata;

/// What a mock needs to know about an operation; implemented by the fluent
/// builder of every operation, which [`mock!`](crate::mock) finds from the
/// client method's return type.
pub trait MockOperation: 'static {
    /// The operation's input.
    type Input: serde::de::DeserializeOwned + Clone + Send + 'static;
    /// The operation's output.
    type Output: serde::Serialize + 'static;
    /// The operation's error.
    type Error: 'static;
    /// The operation's name on the wire (the last part of `X-Amz-Target`).
    const NAME: &'static str;
    /// The HTTP response the service sends for `error`.
    fn error_response(error: &Self::Error) -> http::Response<Vec<u8>>;
}

/// How a mocked client picks the rule for a call.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum RuleMode {
    /// The rules answer in the order given: each call goes to the first
    /// rule that still has answers, and must match it.
    #[default]
    Sequential,
    /// Each call goes to the first rule, in the order given, that is for
    /// its operation, matches its input and still has answers.
    MatchAny,
}

type Predicate<I> = Arc<dyn Fn(&I) -> bool + Send + Sync>;
type Answer = Arc<dyn Fn() -> Result<http::Response<Vec<u8>>, TransportError> + Send + Sync>;

/// The first half of a rule: the operation and which of its calls match.
/// Made by [`mock!`](crate::mock).
pub struct RuleBuilder<O: MockOperation> {
    predicate: Option<Predicate<O::Input>>,
}

impl<O: MockOperation> RuleBuilder<O> {
    /// A rule for the operation whose client method is `_method`
    /// (`Client::some_operation`); [`mock!`](crate::mock) writes this call.
    pub fn for_method(_method: fn(&Client) -> O) -> Self {
        RuleBuilder { predicate: None }
    }

    /// Only calls whose input passes `predicate` match.
    pub fn match_requests(mut self, predicate: impl Fn(&O::Input) -> bool + Send + Sync + 'static) -> Self {
        self.predicate = Some(Arc::new(predicate));
        self
    }

    /// Answers one matching call with the output `make` returns.
    pub fn then_output(self, make: impl Fn() -> O::Output + Send + Sync + 'static) -> Rule<O> {
        self.sequence().output(make).build()
    }

    /// Answers one matching call with the modelled error `make` returns,
    /// sent with the code and HTTP status the service uses for it.
    pub fn then_error(self, make: impl Fn() -> O::Error + Send + Sync + 'static) -> Rule<O> {
        self.sequence().error(make).build()
    }

    /// Answers one matching call with the HTTP response `make` returns, as
    /// if the service had sent it.
    pub fn then_http_response(self, make: impl Fn() -> http::Response<Vec<u8>> + Send + Sync + 'static) -> Rule<O> {
        self.sequence().http_response(make).build()
    }

    /// Several answers, in order; see [`Sequence`].
    pub fn sequence(self) -> Sequence<O> {
        Sequence {
            predicate: self.predicate,
            answers: Vec::new(),
            repeat_last: false,
        }
    }
}

/// The answers of a rule, in order, each given a number of times (once
/// unless [`times`](Self::times) says otherwise).
pub struct Sequence<O: MockOperation> {
    predicate: Option<Predicate<O::Input>>,
    answers: Vec<(Answer, usize)>,
    repeat_last: bool,
}

impl<O: MockOperation> Sequence<O> {
    fn push(mut self, answer: Answer) -> Self {
        self.answers.push((answer, 1));
        self
    }

    /// Then the output `make` returns.
    pub fn output(self, make: impl Fn() -> O::Output + Send + Sync + 'static) -> Self {
        self.push(Arc::new(move || Ok(output_response(&make()))))
    }

    /// Then the modelled error `make` returns.
    pub fn error(self, make: impl Fn() -> O::Error + Send + Sync + 'static) -> Self {
        self.push(Arc::new(move || Ok(O::error_response(&make()))))
    }

    /// Then the HTTP response `make` returns.
    pub fn http_response(self, make: impl Fn() -> http::Response<Vec<u8>> + Send + Sync + 'static) -> Self {
        self.push(Arc::new(move || Ok(make())))
    }

    /// Then an empty response with `status` (503, say, which the client retries).
    pub fn http_status(self, status: u16) -> Self {
        self.http_response(move || {
            let mut response = http::Response::new(Vec::new());
            *response.status_mut() = http::StatusCode::from_u16(status).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
            response
        })
    }

    /// Then no response at all: the transport fails with `kind` (a
    /// connection reset is [`TransportErrorKind::Io`]).
    pub fn transport_error(self, kind: TransportErrorKind) -> Self {
        self.push(Arc::new(move || Err(TransportError::new(kind, "failure injected by a mock rule"))))
    }

    /// Gives the last answer `n` times in all.
    pub fn times(mut self, n: usize) -> Self {
        if let Some(last) = self.answers.last_mut() {
            last.1 = n;
        }
        self
    }

    /// Gives the last answer to every later call: the rule never runs out.
    pub fn repeatedly(mut self) -> Self {
        self.repeat_last = true;
        self
    }

    /// The rule.
    pub fn build(self) -> Rule<O> {
        Rule {
            inner: Arc::new(RuleInner {
                predicate: self.predicate,
                answers: self.answers,
                repeat_last: AtomicBool::new(self.repeat_last),
                state: Mutex::new(RuleState {
                    calls: 0,
                    inputs: Vec::new(),
                }),
            }),
        }
    }
}

/// A rule: which calls of an operation it answers, and how. Clones share
/// the count of calls and the inputs seen.
pub struct Rule<O: MockOperation> {
    inner: Arc<RuleInner<O>>,
}

struct RuleInner<O: MockOperation> {
    predicate: Option<Predicate<O::Input>>,
    answers: Vec<(Answer, usize)>,
    repeat_last: AtomicBool,
    state: Mutex<RuleState<O::Input>>,
}

struct RuleState<I> {
    calls: usize,
    inputs: Vec<I>,
}

impl<O: MockOperation> Clone for Rule<O> {
    fn clone(&self) -> Self {
        Rule {
            inner: self.inner.clone(),
        }
    }
}

impl<O: MockOperation> fmt::Debug for Rule<O> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Rule")
            .field("operation", &O::NAME)
            .field("calls", &self.num_calls())
            .finish()
    }
}

impl<O: MockOperation> Rule<O> {
    /// Gives the last answer to every later call: the rule never runs out.
    pub fn repeatedly(self) -> Self {
        self.inner.repeat_last.store(true, Ordering::Relaxed);
        self
    }

    /// How many calls this rule has answered.
    pub fn num_calls(&self) -> usize {
        self.state().calls
    }

    /// The inputs of the calls this rule answered, in order, as read back
    /// from the requests the client sent.
    pub fn inputs(&self) -> Vec<O::Input> {
        self.state().inputs.clone()
    }

    /// Whether every answer has been given (never, for a repeating rule).
    pub fn is_exhausted(&self) -> bool {
        self.inner.exhausted(self.num_calls())
    }

    fn state(&self) -> MutexGuard<'_, RuleState<O::Input>> {
        // A panic in a test's predicate cannot leave the counts half-written.
        self.inner.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl<O: MockOperation> RuleInner<O> {
    fn total(&self) -> usize {
        self.answers.iter().map(|(_, n)| n).sum()
    }

    fn exhausted(&self, calls: usize) -> bool {
        (!self.repeats() || self.answers.is_empty()) && calls >= self.total()
    }

    /// The answer for call number `call` (from 0).
    fn answer(&self, call: usize) -> Option<&Answer> {
        let mut left = call;
        for (answer, n) in &self.answers {
            if left < *n {
                return Some(answer);
            }
            left -= n;
        }
        self.answers.last().filter(|_| self.repeats()).map(|(a, _)| a)
    }

    fn repeats(&self) -> bool {
        self.repeat_last.load(Ordering::Relaxed)
    }
}

/// A rule with its operation erased, as the transport holds it.
trait AnyRule: Send + Sync {
    fn operation(&self) -> &'static str;
    fn exhausted(&self) -> bool;
    /// Reads the request body back into the input; `None` when the input
    /// does not pass the rule's predicate.
    fn try_answer(&self, body: &[u8]) -> Result<Option<Answer>, TransportError>;
}

impl<O: MockOperation> AnyRule for RuleInner<O> {
    fn operation(&self) -> &'static str {
        O::NAME
    }

    fn exhausted(&self) -> bool {
        let calls = self.state.lock().unwrap_or_else(|e| e.into_inner()).calls;
        RuleInner::exhausted(self, calls)
    }

    fn try_answer(&self, body: &[u8]) -> Result<Option<Answer>, TransportError> {
        let input: O::Input = serde_json::from_slice(body).map_err(|e| {
            TransportError::new(
                TransportErrorKind::Other,
                format!("mock: cannot read the {} request back into its input: {e}", O::NAME),
            )
        })?;
        if let Some(predicate) = &self.predicate {
            if !predicate(&input) {
                return Ok(None);
            }
        }
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let Some(answer) = self.answer(state.calls).cloned() else {
            return Ok(None);
        };
        state.calls += 1;
        state.inputs.push(input);
        Ok(Some(answer))
    }
}

/// The transport of a mocked client: answers each request from the rules.
/// Clones share the rules.
#[derive(Clone)]
pub struct MockTransport {
    mode: RuleMode,
    rules: Arc<Vec<Arc<dyn AnyRule>>>,
}

impl fmt::Debug for MockTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let operations: Vec<_> = self.rules.iter().map(|r| r.operation()).collect();
        f.debug_struct("MockTransport")
            .field("mode", &self.mode)
            .field("rules", &operations)
            .finish()
    }
}

impl MockTransport {
    /// No rules yet, picked as `mode` says.
    pub fn new(mode: RuleMode) -> Self {
        MockTransport {
            mode,
            rules: Arc::new(Vec::new()),
        }
    }

    /// Adds `rule` after the others.
    pub fn with_rule<O: MockOperation>(mut self, rule: &Rule<O>) -> Self {
        Arc::make_mut(&mut self.rules).push(rule.inner.clone());
        self
    }

    /// A configuration that sends through these rules: region `us-east-1`
    /// and fixed test credentials, the rest as [`Config::builder`](super::Config::builder)
    /// (retries included). Change what the test needs before building it.
    pub fn config_builder(&self) -> ConfigBuilder {
        super::Config::builder()
            .region("us-east-1")
            .credentials(Credentials::from_keys("AKIDMOCKMOCKMOCKMOCK", "mock-secret-access-key", None))
            .http_client(self.clone())
    }

    /// A client that sends through these rules; see [`config_builder`](Self::config_builder).
    pub fn client(&self) -> Client {
        Client::new(self.config_builder().build())
    }

    /// A client that sends through these rules, with the configuration
    /// `adjust` makes of [`config_builder`](Self::config_builder)'s.
    pub fn client_with(&self, adjust: impl FnOnce(ConfigBuilder) -> ConfigBuilder) -> Client {
        Client::new(adjust(self.config_builder()).build())
    }

    fn answer(&self, request: &http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, TransportError> {
        let operation = request
            .headers()
            .get("x-amz-target")
            .and_then(|v| v.to_str().ok())
            .and_then(|target| target.rsplit('.').next())
            .unwrap_or_default();
        let unmatched = |why: &str| {
            TransportError::new(
                TransportErrorKind::Other,
                format!("mock: no rule answers this call of `{operation}`: {why}"),
            )
        };
        let mut live = self.rules.iter().filter(|rule| !rule.exhausted());
        let answer = match self.mode {
            RuleMode::Sequential => {
                let rule = live.next().ok_or_else(|| unmatched("every rule has run out of answers"))?;
                if rule.operation() != operation {
                    return Err(unmatched(&format!("the next rule is for `{}`", rule.operation())));
                }
                rule.try_answer(request.body())?
                    .ok_or_else(|| unmatched("the next rule does not match its input"))?
            }
            RuleMode::MatchAny => {
                let mut found = None;
                for rule in live.filter(|rule| rule.operation() == operation) {
                    if let Some(answer) = rule.try_answer(request.body())? {
                        found = Some(answer);
                        break;
                    }
                }
                found.ok_or_else(|| unmatched("no rule for it with answers left matches its input"))?
            }
        };
        answer()
    }
}

impl HttpClient for MockTransport {
    fn send(&self, request: http::Request<Vec<u8>>) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>> {
        let answer = self.answer(&request);
        Box::pin(async move { answer })
    }
}

/// A 200 response whose body is `output` in the service's JSON.
fn output_response<T: serde::Serialize>(output: &T) -> http::Response<Vec<u8>> {
    match serde_json::to_vec(output) {
        Ok(body) => json_response(200, body),
        Err(e) => json_response(
            500,
            format!("{{\"__type\":\"MockSerializationError\",\"message\":\"cannot serialize the mocked output: {e}\"}}")
                .into_bytes(),
        ),
    }
}

/// The response the service sends for a modelled error: `__type` names
/// it, the members are the body, and the status is the one the model gives
/// (else 400 for a client fault, 500 for a server fault).
#[doc(hidden)]
pub fn modelled_error<E: serde::Serialize + ProvideErrorMetadata>(
    error: &E,
    code: &str,
    status: Option<u16>,
) -> http::Response<Vec<u8>> {
    let mut body = match serde_json::to_value(error) {
        Ok(serde_json::Value::Object(members)) => members,
        _ => serde_json::Map::new(),
    };
    body.insert("__type".into(), code.into());
    let status = status.unwrap_or(match error.fault() {
        crate::error::ErrorFault::Server => 500,
        _ => 400,
    });
    let mut response = json_response(status, serde_json::Value::Object(body).to_string().into_bytes());
    // The header wins over the body, where a member called `code` could
    // otherwise pass for the error code.
    if let Ok(code) = http::HeaderValue::from_str(code) {
        response.headers_mut().insert("x-amzn-errortype", code);
    }
    response
}

/// The response for an error this crate does not model: its code and
/// message, with the status it was given (else 400).
#[doc(hidden)]
pub fn unhandled_error(error: &crate::error::Unhandled) -> http::Response<Vec<u8>> {
    let mut body = serde_json::Map::new();
    if let Some(code) = error.code() {
        body.insert("__type".into(), code.into());
    }
    if let Some(message) = error.message() {
        body.insert("message".into(), message.into());
    }
    json_response(
        error.meta().status().unwrap_or(400),
        serde_json::Value::Object(body).to_string().into_bytes(),
    )
}

fn json_response(status: u16, body: Vec<u8>) -> http::Response<Vec<u8>> {
    let mut response = http::Response::new(body);
    *response.status_mut() = http::StatusCode::from_u16(status).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
    response
        .headers_mut()
        .insert("x-amzn-requestid", http::HeaderValue::from_static("mock-request-id"));
    response
}

/// Starts a mock rule for the operation of a client method:
/// `mock!(Client::some_operation)`. See [`client::mock`](crate::client::mock).
#[macro_export]
macro_rules! mock {
    ($($method:tt)+) => {
        $crate::client::mock::RuleBuilder::for_method($($method)+)
    };
}

/// A client answered by rules: `mock_client!([&rule_a, &rule_b])` (in
/// order, [`RuleMode::Sequential`]), `mock_client!(RuleMode::MatchAny,
/// [&rule_a, &rule_b])`, or with a last argument that adjusts the
/// configuration: `mock_client!(RuleMode::Sequential, [&rule], |config|
/// config.retry(RetryConfig::disabled()))`. See [`client::mock`](crate::client::mock).
#[macro_export]
macro_rules! mock_client {
    ([$($rule:expr),* $(,)?]) => {
        $crate::mock_client!($crate::client::mock::RuleMode::Sequential, [$($rule),*])
    };
    ($mode:expr, [$($rule:expr),* $(,)?]) => {
        $crate::mock_client!($mode, [$($rule),*], |config| config)
    };
    ($mode:expr, [$($rule:expr),* $(,)?], $adjust:expr) => {
        $crate::client::mock::MockTransport::new($mode)
            $(.with_rule($rule))*
            .client_with($adjust)
    };
}
