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
