//! Walking a paginated list operation as one stream of items.
//!
//! A page is fetched, its items are yielded, and the continuation token it returned is sent
//! with the next request, until the server sends no token, an empty one, or one it has sent
//! before (a server bug that would otherwise loop forever).

use std::collections::HashSet;
use std::future::Future;

use futures_util::stream::{self, Stream, TryStreamExt};

use super::Error;

/// Streams every item of every page. `fetch(options, token)` requests one page (the first
/// with `token == None`) and returns its items and the next token.
pub fn paginate<'a, O, T, F, Fut>(options: O, mut fetch: F) -> impl Stream<Item = Result<T, Error>> + 'a
where
    O: Clone + 'a,
    T: 'a,
    F: FnMut(O, Option<String>) -> Fut + 'a,
    Fut: Future<Output = Result<(Vec<T>, Option<String>), Error>> + 'a,
{
    let first: Option<(O, Option<String>, HashSet<String>)> = Some((options, None, HashSet::new()));
    let pages = stream::try_unfold(first, move |state| {
        let request = state.as_ref().map(|(options, token, _)| fetch(options.clone(), token.clone()));
        async move {
            let (Some((options, _, mut seen)), Some(request)) = (state, request) else {
                return Ok(None);
            };
            let (items, next) = request.await?;
            let next_state = match next.filter(|token| !token.is_empty()) {
                Some(token) if seen.insert(token.clone()) => Some((options, Some(token), seen)),
                _ => None,
            };
            Ok(Some((items, next_state)))
        }
    });
    pages.map_ok(|items| stream::iter(items.into_iter().map(Ok))).try_flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures_util::StreamExt;
    use std::sync::{Arc, Mutex};

    type Page = Result<(Vec<u32>, Option<String>), Error>;
    type Log = Arc<Mutex<Vec<Option<String>>>>;

    /// Pages keyed by the token that asks for them (`None` for the first).
    fn server(
        pages: Vec<(Option<&'static str>, Vec<u32>, Option<&'static str>)>,
    ) -> (Log, impl FnMut((), Option<String>) -> std::future::Ready<Page>) {
        let asked = Arc::new(Mutex::new(Vec::new()));
        let log = asked.clone();
        let fetch = move |(), token: Option<String>| {
            log.lock().unwrap().push(token.clone());
            let page = pages.iter().find(|(key, _, _)| key.map(str::to_owned) == token).cloned();
            std::future::ready(match page {
                Some((_, items, next)) => Ok((items, next.map(str::to_owned))),
                None => Err(Error::Config(format!("no page for {token:?}"))),
            })
        };
        (asked, fetch)
    }

    #[tokio::test]
    async fn follows_tokens_across_pages_including_empty_ones() {
        let (asked, fetch) = server(vec![
            (None, vec![1, 2], Some("a")),
            (Some("a"), vec![], Some("b")),
            (Some("b"), vec![3], None),
        ]);
        let items: Vec<u32> = paginate((), fetch).map(|r| r.unwrap()).collect().await;
        assert_eq!(items, [1, 2, 3]);
        assert_eq!(*asked.lock().unwrap(), [None, Some("a".into()), Some("b".into())]);
    }

    #[tokio::test]
    async fn stops_on_empty_or_repeated_tokens() {
        let (_, fetch) = server(vec![(None, vec![1], Some("a")), (Some("a"), vec![2], Some("a"))]);
        let items: Vec<u32> = paginate((), fetch).map(|r| r.unwrap()).collect().await;
        assert_eq!(items, [1, 2]);
        let (asked, fetch) = server(vec![(None, vec![1], Some(""))]);
        assert_eq!(paginate((), fetch).count().await, 1);
        assert_eq!(asked.lock().unwrap().len(), 1);
    }

    #[tokio::test]
    async fn an_error_ends_the_stream_after_the_items_before_it() {
        let (_, fetch) = server(vec![(None, vec![1], Some("missing"))]);
        let results: Vec<Result<u32, Error>> = paginate((), fetch).collect().await;
        assert!(matches!(results.as_slice(), [Ok(1), Err(Error::Config(_))]));
    }
}
