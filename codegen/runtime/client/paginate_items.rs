//! Paginators over the items inside the pages. Only crates with a paginated
//! operation whose `@paginated` names its `items` carry this file: the rest
//! page through whole outputs only (`paginate`).

use std::pin::Pin;
use std::sync::Arc;
use std::task::{ready, Context, Poll};

use futures_core::Stream;

use super::error::SdkError;
use super::orchestrate::Handle;
use super::paginate::{Pages, Paginated, PaginationStream};
use crate::error::BuildError;

/// A paginated operation whose pages hold a list of items.
pub(crate) trait PaginatedItems: Paginated {
    type Item: Send + Unpin + 'static;

    /// The page's items, in order.
    fn items(output: Self::Output) -> Vec<Self::Item>;
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
    use super::*;
    use crate::client::paginate::tests::{drain, handle, Input, List, Output};

    impl PaginatedItems for List {
        type Item = u32;

        fn items(output: Output) -> Vec<u32> {
            output.items
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
}
