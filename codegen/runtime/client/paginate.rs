//! Paginators: a paginated operation called again and again, each call
//! passing the token the previous page returned, as a stream of pages or
//! of the items inside them.

use std::fmt;
use std::future::poll_fn;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{ready, Context, Poll};

use futures_core::Stream;

use super::error::SdkError;
use super::orchestrate::{Handle, Operation};
use super::transport::BoxFuture;
use crate::error::BuildError;

/// What a paginator needs to know about an operation, from its
/// `@paginated` trait; generated for each paginated operation.
pub(crate) trait Paginated: Operation {
    type Token: Clone + PartialEq + Send + Unpin + 'static;

    /// The token for the next page, if the output has a non-empty one.
    fn next_token(output: &Self::Output) -> Option<&Self::Token>;

    /// Asks for the page after `token`.
    fn set_token(input: &mut Self::Input, token: Self::Token);
}

/// A paginated operation whose pages hold a list of items.
pub(crate) trait PaginatedItems: Paginated {
    type Item: Send + Unpin + 'static;

    /// The page's items, in order.
    fn items(output: Self::Output) -> Vec<Self::Item>;
}

/// An async stream of pages or items; read it with [`next`](Self::next),
/// or use it as a `futures::Stream`.
pub struct PaginationStream<T> {
    inner: Pin<Box<dyn Stream<Item = T> + Send>>,
}

impl<T> PaginationStream<T> {
    fn new(stream: impl Stream<Item = T> + Send + 'static) -> Self {
        PaginationStream {
            inner: Box::pin(stream),
        }
    }

    /// The next page or item; `None` once the last page was read, or after an error.
    pub async fn next(&mut self) -> Option<T> {
        poll_fn(|cx| self.inner.as_mut().poll_next(cx)).await
    }

    /// Reads the stream to its end.
    pub async fn collect<C: Default + Extend<T>>(mut self) -> C {
        let mut all = C::default();
        while let Some(item) = self.next().await {
            all.extend(Some(item));
        }
        all
    }
}

impl<T, E> PaginationStream<Result<T, E>> {
    /// Reads the stream to its end, or to its first error.
    pub async fn try_collect<C: Default + Extend<T>>(mut self) -> Result<C, E> {
        let mut all = C::default();
        while let Some(item) = self.next().await {
            all.extend(Some(item?));
        }
        Ok(all)
    }
}

impl<T> Stream for PaginationStream<T> {
    type Item = T;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T>> {
        self.inner.as_mut().poll_next(cx)
    }
}

impl<T> fmt::Debug for PaginationStream<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PaginationStream")
    }
}

type PageResult<O> = Result<<O as Operation>::Output, SdkError<<O as Operation>::Error>>;

/// The pages of `O`, starting from `input`.
pub(crate) fn pages<O: Paginated>(
    handle: Arc<Handle>,
    input: Result<O::Input, BuildError>,
) -> PaginationStream<PageResult<O>> {
    PaginationStream::new(Pages::<O>::new(handle, input))
}

/// The items of every page of `O`, starting from `input`.
pub(crate) fn items<O: PaginatedItems>(
    handle: Arc<Handle>,
    input: Result<O::Input, BuildError>,
) -> PaginationStream<Result<O::Item, SdkError<O::Error>>> {
    PaginationStream::new(Items::<O> {
        pages: Pages::new(handle, input),
        current: Vec::new().into_iter(),
    })
}

enum State<O: Operation> {
    /// The next page to ask for.
    Ready(O::Input),
    /// A page on its way; the input is what asks for the one after it.
    Waiting(O::Input, BoxFuture<'static, PageResult<O>>),
    /// The input could not be built: reported once, then done.
    Invalid(SdkError<O::Error>),
    Done,
}

struct Pages<O: Paginated> {
    handle: Arc<Handle>,
    state: State<O>,
    /// The token sent for the page on its way (`None` for the first page).
    last_token: Option<O::Token>,
}

impl<O: Paginated> Pages<O> {
    fn new(handle: Arc<Handle>, input: Result<O::Input, BuildError>) -> Self {
        let state = match input {
            Ok(input) => State::Ready(input),
            Err(e) => State::Invalid(SdkError::construction(e, Default::default())),
        };
        Pages {
            handle,
            state,
            last_token: None,
        }
    }
}

impl<O: Paginated> Stream for Pages<O> {
    type Item = PageResult<O>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            match std::mem::replace(&mut this.state, State::Done) {
                State::Done => return Poll::Ready(None),
                State::Invalid(error) => return Poll::Ready(Some(Err(error))),
                State::Ready(input) => {
                    let handle = this.handle.clone();
                    let sent = input.clone();
                    let page: BoxFuture<'static, _> = Box::pin(async move { handle.send::<O>(&sent).await });
                    this.state = State::Waiting(input, page);
                }
                State::Waiting(mut input, mut page) => {
                    let Poll::Ready(result) = page.as_mut().poll(cx) else {
                        this.state = State::Waiting(input, page);
                        return Poll::Pending;
                    };
                    // The service repeating the token it was sent would
                    // make the stream endless: stop there as at the end.
                    if let Ok(output) = &result {
                        match O::next_token(output) {
                            Some(token) if Some(token) != this.last_token.as_ref() => {
                                O::set_token(&mut input, token.clone());
                                this.last_token = Some(token.clone());
                                this.state = State::Ready(input);
                            }
                            _ => {}
                        }
                    }
                    return Poll::Ready(Some(result));
                }
            }
        }
    }
}

struct Items<O: PaginatedItems> {
    pages: Pages<O>,
    current: std::vec::IntoIter<O::Item>,
}

impl<O: PaginatedItems> Stream for Items<O> {
    type Item = Result<O::Item, SdkError<O::Error>>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let Some(item) = this.current.next() {
                return Poll::Ready(Some(Ok(item)));
            }
            match ready!(Pin::new(&mut this.pages).poll_next(cx)) {
                Some(Ok(page)) => this.current = O::items(page).into_iter(),
                Some(Err(e)) => return Poll::Ready(Some(Err(e))),
                None => return Poll::Ready(None),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::VecDeque;
    use std::sync::Mutex;
    use std::task::Waker;

    use super::*;
    use crate::auth::AuthMode;
    use crate::client::metadata::ResponseMetadata;
    use crate::client::transport::{HttpClient, TransportError};
    use crate::client::{Config, Credentials};
    use crate::error::{ErrorMetadata, RequestError, ResponseError, Unhandled};

    /// A transport that answers from a script and remembers what it was sent.
    #[derive(Debug, Default)]
    struct Script {
        replies: Mutex<VecDeque<(u16, &'static str)>>,
        sent: Mutex<Vec<String>>,
    }

    impl HttpClient for Arc<Script> {
        fn send(
            &self,
            request: http::Request<Vec<u8>>,
        ) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>> {
            self.sent.lock().unwrap().push(String::from_utf8_lossy(request.body()).into_owned());
            let (status, body) = self.replies.lock().unwrap().pop_front().expect("a scripted reply");
            let response = http::Response::builder().status(status).body(body.as_bytes().to_vec()).unwrap();
            Box::pin(std::future::ready(Ok(response)))
        }
    }

    /// A paginated operation whose input is the token and whose pages are
    /// `{"next": token, "items": [...]}`.
    struct List;

    #[derive(Clone, Default, serde::Serialize)]
    struct Input {
        token: Option<String>,
    }

    #[derive(serde::Deserialize)]
    struct Output {
        next: Option<String>,
        items: Vec<u32>,
    }

    impl Operation for List {
        type Input = Input;
        type Output = Output;
        type Error = Unhandled;
        const NAME: &'static str = "List";
        const AUTH: AuthMode = AuthMode::None;

        fn build_request(input: &Input, endpoint: &str) -> Result<http::Request<Vec<u8>>, RequestError> {
            Ok(http::Request::post(endpoint)
                .body(serde_json::to_vec(input).unwrap())
                .unwrap())
        }

        fn parse_response(status: u16, _: &http::HeaderMap, body: &[u8]) -> Result<Output, ResponseError<Unhandled>> {
            if status == 200 {
                Ok(serde_json::from_slice(body).unwrap())
            } else {
                let meta = ErrorMetadata::new(None, None, None, Some(status));
                Err(ResponseError::Service(Unhandled::new(meta)))
            }
        }

        fn set_metadata(_: &mut Output, _: ResponseMetadata) {}
    }

    impl Paginated for List {
        type Token = String;

        fn next_token(output: &Output) -> Option<&String> {
            output.next.as_ref()
        }

        fn set_token(input: &mut Input, token: String) {
            input.token = Some(token);
        }
    }

    impl PaginatedItems for List {
        type Item = u32;

        fn items(output: Output) -> Vec<u32> {
            output.items
        }
    }

    fn handle(replies: &[(u16, &'static str)]) -> (Arc<Handle>, Arc<Script>) {
        let script = Arc::new(Script {
            replies: Mutex::new(replies.iter().copied().collect()),
            sent: Mutex::default(),
        });
        let config = Config::builder()
            .region("us-east-1")
            .endpoint_url("http://paginator.test")
            .credentials(Credentials::from_keys("AKID", "secret", None))
            .http_client(script.clone())
            .build();
        let handle = Handle::new(config, "test", |config| super::super::endpoint::regional(config, "test"));
        (Arc::new(handle), script)
    }

    /// Reads a stream whose every step is ready at once (the scripted
    /// transport never waits), without an async runtime.
    fn drain<T>(mut stream: PaginationStream<T>) -> Vec<T> {
        let mut cx = Context::from_waker(Waker::noop());
        let mut all = Vec::new();
        loop {
            match stream.inner.as_mut().poll_next(&mut cx) {
                Poll::Ready(Some(item)) => all.push(item),
                Poll::Ready(None) => return all,
                Poll::Pending => panic!("the scripted transport never waits"),
            }
        }
    }

    #[test]
    fn items_follow_the_tokens_until_there_is_none() {
        let (handle, script) = handle(&[
            (200, r#"{"next":"a","items":[1,2]}"#),
            (200, r#"{"next":"b","items":[3]}"#),
            (200, r#"{"items":[4]}"#),
        ]);
        let items: Vec<u32> = drain(items::<List>(handle, Ok(Input::default())))
            .into_iter()
            .map(Result::unwrap)
            .collect();
        assert_eq!(items, [1, 2, 3, 4]);
        let sent = script.sent.lock().unwrap();
        assert_eq!(*sent, [r#"{"token":null}"#, r#"{"token":"a"}"#, r#"{"token":"b"}"#]);
    }

    #[test]
    fn a_repeated_token_ends_the_pages() {
        let (handle, script) = handle(&[(200, r#"{"next":"a","items":[1]}"#), (200, r#"{"next":"a","items":[2]}"#)]);
        let pages = drain(pages::<List>(handle, Ok(Input::default())));
        assert_eq!(pages.len(), 2);
        assert_eq!(script.sent.lock().unwrap().len(), 2);
    }

    #[test]
    fn an_error_ends_the_stream() {
        let (handle, script) = handle(&[(200, r#"{"next":"a","items":[1]}"#), (400, "")]);
        let pages = drain(pages::<List>(handle, Ok(Input::default())));
        assert!(pages[0].is_ok());
        assert!(matches!(&pages[1], Err(SdkError::Service(_))));
        assert_eq!(pages.len(), 2);
        assert_eq!(script.sent.lock().unwrap().len(), 2);
    }

    #[test]
    fn an_input_that_cannot_be_built_is_reported_once() {
        let (handle, script) = handle(&[]);
        let pages = drain(pages::<List>(handle, Err(BuildError::missing("Input", vec!["Token"]))));
        assert!(matches!(pages.as_slice(), [Err(SdkError::Construction(_))]));
        assert!(script.sent.lock().unwrap().is_empty());
    }
}
