// [template]
// part = "pages"
// reexport = "pub"
// requires = ["request", "send", "raw"]
// root = ["BoxStream"]
// crates.futures-util = "0.3"
//
// [blocks]
// pages_items = {}
// pages_page = { requires = ["pages_items"] }
// pages_cursor = { requires = ["pages_items"] }
// pages_next_url = { requires = ["pages_same_origin"] }
// pages_link = { requires = ["pages_same_origin"], crates = { http-link = "1" } }
// pages_same_origin = {}

//! Results that come in pages, fetched one page at a time as a `Stream`
//! is read: by page number, by cursor, by a URL the body gives, or by an
//! RFC 8288 `Link: <…>; rel="next"` header (read by `http-link`, which
//! follows the RFC's parsing algorithm: quoted values, several relations,
//! links relative to the request).
//!
//! Nothing is sent until the stream is read, and each page is asked for
//! only once the one before it has been read. What ends a list depends on
//! its pattern: a page without items or the page count (page numbers), the
//! lack of a next cursor or `has_more: false` (cursors), the lack of a next
//! URL or link. An empty first page is one page, without items. An error
//! ends the stream: it is its last item. A next page's URL on another origin
//! than the request's (scheme, host and port) is refused as such an error
//! rather than sent the client's credentials.
//!
//! The fields a pattern reads are JSON pointers into the page as it
//! serializes, so they reach fields of nested and optional objects alike;
//! the generator checks each against the document.

use std::future::Future;
use std::pin::Pin;

use futures_util::stream::{Stream, StreamExt};

use super::{BoxFuture, Error, Prepared, RawResponse, ResponseValue};

/// A stream that owns what it reads from.
pub type BoxStream<'a, T> = Pin<Box<dyn Stream<Item = T> + Send + 'a>>;

/// Sends a request as [`Prepared::execute`] does (retries included) and
/// reads the whole response, with the URL it went to (which a relative next
/// URL or link is resolved against).
pub(crate) async fn fetch_page<E>(
    request: Prepared<'_, E>,
) -> Result<(reqwest::Url, RawResponse), Error<E>> {
    let url = request.request.url().clone();
    let raw = request.execute().await?;
    Ok((url, raw))
}

/// Fetches one page: the operation's builder with the next page (`N`, a
/// page number, a cursor or a URL) set, sent.
type Fetch<'a, P, E, N> = Box<
    dyn FnMut(Option<N>) -> BoxFuture<'a, Result<(reqwest::Url, ResponseValue<P>), Error<E>>>
        + Send
        + 'a,
>;

/// What follows a page, fetched from a URL: the next page to ask for, none,
/// or why the next cannot be followed.
type Next<'a, P, E, N> = Box<
    dyn FnMut(&reqwest::Url, &ResponseValue<P>, &serde_json::Value) -> Result<Option<N>, Error<E>>
        + Send
        + 'a,
>;

/// The pages of one list operation, fetched as they are read.
///
/// [`Paginator::pages`] gives each page's response; [`Paginator::items`]
/// gives the items of every page, one by one.
pub struct Paginator<'a, P, I, E, N> {
    fetch: Fetch<'a, P, E, N>,
    next: Next<'a, P, E, N>,
    items: fn(P) -> Vec<I>,
}

/// What the stream does next.
enum Step<E, N> {
    Fetch(Option<N>),
    Fail(Error<E>),
    Done,
}

impl<'a, P, I, E, N> Paginator<'a, P, I, E, N>
where
    P: serde::Serialize + Send + 'a,
    I: Send + 'a,
    E: Send + 'a,
    N: Send + 'a,
{
    /// The pages `fetch` gets (`None`: the first request as it was built),
    /// each followed by the page `next` finds in it; `items` takes a page's
    /// items out of it.
    pub(crate) fn new<F, Fut, X>(mut fetch: F, next: X, items: fn(P) -> Vec<I>) -> Self
    where
        F: FnMut(Option<N>) -> Fut + Send + 'a,
        Fut: Future<Output = Result<(reqwest::Url, ResponseValue<P>), Error<E>>> + Send + 'a,
        X: FnMut(
                &reqwest::Url,
                &ResponseValue<P>,
                &serde_json::Value,
            ) -> Result<Option<N>, Error<E>>
            + Send
            + 'a,
    {
        Paginator {
            fetch: Box::new(move |n| Box::pin(fetch(n))),
            next: Box::new(next),
            items,
        }
    }

    /// Every page's response, in order, until the last.
    pub fn pages(self) -> BoxStream<'a, Result<ResponseValue<P>, Error<E>>> {
        Box::pin(futures_util::stream::unfold(
            (self, Step::Fetch(None)),
            |(mut this, step)| async move {
                let next = match step {
                    Step::Done => return None,
                    Step::Fail(e) => return Some((Err(e), (this, Step::Done))),
                    Step::Fetch(next) => next,
                };
                match (this.fetch)(next).await {
                    Err(e) => Some((Err(e), (this, Step::Done))),
                    Ok((url, page)) => {
                        let json = serde_json::to_value(&page.body).unwrap_or_default();
                        let step = match (this.next)(&url, &page, &json) {
                            Ok(Some(next)) => Step::Fetch(Some(next)),
                            Ok(None) => Step::Done,
                            Err(e) => Step::Fail(e),
                        };
                        Some((Ok(page), (this, step)))
                    }
                }
            },
        ))
    }

    /// Every item of every page, in order; an error is the last item.
    pub fn items(self) -> BoxStream<'a, Result<I, Error<E>>> {
        let items = self.items;
        Box::pin(StreamExt::flat_map(self.pages(), move |page| {
            let items: Vec<Result<I, Error<E>>> = match page {
                Ok(page) => items(page.into_inner()).into_iter().map(Ok).collect(),
                Err(e) => vec![Err(e)],
            };
            futures_util::stream::iter(items)
        }))
    }
}
// @part pages_items

/// The items of a page, at `items_at` (empty: the page is the list).
fn items_of<'j>(json: &'j serde_json::Value, items_at: &str) -> &'j [serde_json::Value] {
    json.pointer(items_at)
        .and_then(|v| v.as_array())
        .map_or(&[], Vec::as_slice)
}
// @end
// @part pages_page

/// A page number as a parameter of any integer type (or a string) holds it.
pub(crate) trait PageNumber: Sized {
    fn from_page(page: u64) -> Self;
    fn to_page(&self) -> Option<u64>;
}

macro_rules! page_number {
    ($($t:ty),*) => {$(
        impl PageNumber for $t {
            fn from_page(page: u64) -> Self {
                <$t>::try_from(page).unwrap_or(<$t>::MAX)
            }
            fn to_page(&self) -> Option<u64> {
                u64::try_from(*self).ok()
            }
        }
    )*};
}

page_number!(i32, i64, u32);

impl PageNumber for u64 {
    fn from_page(page: u64) -> Self {
        page
    }
    fn to_page(&self) -> Option<u64> {
        Some(*self)
    }
}

impl PageNumber for String {
    fn from_page(page: u64) -> Self {
        page.to_string()
    }
    fn to_page(&self) -> Option<u64> {
        self.trim().parse().ok()
    }
}

/// Page numbers, the first request's being `start`: a page without items
/// (at `items_at`) is the last, and so is the page the number of pages (at
/// `total_pages`, where the page says) names.
pub(crate) fn by_page<P, E>(
    start: u64,
    items_at: &'static str,
    total_pages: Option<&'static str>,
) -> impl FnMut(&reqwest::Url, &ResponseValue<P>, &serde_json::Value) -> Result<Option<u64>, Error<E>>
{
    let mut number = start;
    move |_, _, json| {
        let total = total_pages.and_then(|at| json.pointer(at)).and_then(|v| {
            v.as_u64()
                .or_else(|| v.as_str().and_then(|s| s.trim().parse().ok()))
        });
        if items_of(json, items_at).is_empty() || total.is_some_and(|t| number >= t) {
            return Ok(None);
        }
        number += 1;
        Ok(Some(number))
    }
}
// @end
// @part pages_cursor

/// Cursors: the next is at `cursor` in the page, or in its last item (at
/// `items_at`) when `in_last_item`, as Stripe's `starting_after` takes the
/// last id. No cursor, an empty one, the one just sent, or `has_more` (where
/// the page has it) not `true` ends the list.
pub(crate) fn by_cursor<P, E>(
    cursor: &'static str,
    in_last_item: bool,
    items_at: &'static str,
    has_more: Option<&'static str>,
) -> impl FnMut(&reqwest::Url, &ResponseValue<P>, &serde_json::Value) -> Result<Option<String>, Error<E>>
{
    let mut sent: Option<String> = None;
    move |_, _, json| {
        if let Some(at) = has_more {
            if json.pointer(at).and_then(|v| v.as_bool()) != Some(true) {
                return Ok(None);
            }
        }
        let next = if in_last_item {
            items_of(json, items_at)
                .last()
                .and_then(|i| i.pointer(cursor))
        } else {
            json.pointer(cursor)
        };
        let next = match next {
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(serde_json::Value::Number(n)) => n.to_string(),
            _ => return Ok(None),
        };
        if next.is_empty() || sent.as_deref() == Some(next.as_str()) {
            return Ok(None);
        }
        sent = Some(next.clone());
        Ok(Some(next))
    }
}
// @end
// @part pages_next_url

/// The next page's URL, at `next` in the page (absolute, or relative to the
/// request's); none, or an empty one, ends the list.
pub(crate) fn by_next_url<P, E>(
    next: &'static str,
) -> impl FnMut(
    &reqwest::Url,
    &ResponseValue<P>,
    &serde_json::Value,
) -> Result<Option<reqwest::Url>, Error<E>> {
    move |url, _, json| match json.pointer(next).and_then(|v| v.as_str()) {
        Some(next) if !next.is_empty() => match url.join(next) {
            Ok(next) => same_origin(url, next).map(Some),
            Err(e) => Err(Error::InvalidRequest(format!(
                "the next page's URL {next:?} is not a URL: {e}"
            ))),
        },
        _ => Ok(None),
    }
}
// @end
// @part pages_link

/// The `rel="next"` target of the page's `Link` headers; none ends the list.
pub(crate) fn by_link_header<P, E>() -> impl FnMut(
    &reqwest::Url,
    &ResponseValue<P>,
    &serde_json::Value,
) -> Result<Option<reqwest::Url>, Error<E>> {
    |url, page, _| {
        let mut next = None;
        for value in page.headers.get_all(reqwest::header::LINK) {
            let value = String::from_utf8_lossy(value.as_bytes());
            let links = http_link::parse_link_header(&value, url).map_err(|e| {
                Error::InvalidRequest(format!("the Link header {value:?} cannot be read: {e}"))
            })?;
            if let Some(link) = links.into_iter().find(|l| l.rel == "next") {
                next = Some(link.target);
            }
        }
        next.map(|next| same_origin(url, next)).transpose()
    }
}
// @end
// @part pages_same_origin

/// `next`, unless it is on another origin than `url`.
fn same_origin<E>(url: &reqwest::Url, next: reqwest::Url) -> Result<reqwest::Url, Error<E>> {
    if next.origin() == url.origin() {
        Ok(next)
    } else {
        Err(Error::InvalidRequest(format!(
            "the next page is on another origin ({}) than this one ({}); it is not followed",
            next.origin().ascii_serialization(),
            url.origin().ascii_serialization()
        )))
    }
}
// @end

#[cfg(test)]
mod tests {
    use super::*;
    use wiremock::matchers::{method, path, query_param, query_param_is_missing};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Page {
        items: Vec<u32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        meta: Option<Meta>,
    }

    #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Meta {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        total_pages: Option<u32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        next: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        has_more: Option<bool>,
    }

    /// A builder as `operations.rs` writes one for a paginated operation.
    #[derive(Clone)]
    struct List {
        settings: &'static crate::Settings,
        base: String,
        page: Option<i64>,
        after: Option<String>,
        page_url: Option<reqwest::Url>,
    }

    impl List {
        fn build_request(self) -> Result<Prepared<'static, String>, Error<String>> {
            let mut url = match self.page_url {
                Some(url) => url,
                None => format!("{}/items", self.base).parse().unwrap(),
            };
            if let Some(page) = self.page {
                url.query_pairs_mut().append_pair("page", &page.to_string());
            }
            if let Some(after) = &self.after {
                url.query_pairs_mut().append_pair("after", after);
            }
            let request = self.settings.http.get(url);
            // Once only: the error partway through is not retried away.
            let options = crate::RequestOptions {
                max_retries: Some(0),
                ..Default::default()
            };
            Prepared::new(self.settings, request, options, "list", "/items")
        }

        fn read_response(raw: RawResponse) -> Result<ResponseValue<Page>, Error<String>> {
            match raw.status.as_u16() {
                200 => raw.json(),
                _ => raw.text_error(|t| t),
            }
        }

        /// As the generated `paginator` does: the next page set on a clone of the builder.
        fn paginator<N: Send + 'static>(
            self,
            next: impl FnMut(
                    &reqwest::Url,
                    &ResponseValue<Page>,
                    &serde_json::Value,
                ) -> Result<Option<N>, Error<String>>
                + Send
                + 'static,
            set: fn(&mut List, N),
        ) -> Paginator<'static, Page, u32, String, N> {
            Paginator::new(
                move |n| {
                    let mut builder = self.clone();
                    if let Some(n) = n {
                        set(&mut builder, n);
                    }
                    async move {
                        let (url, raw) = fetch_page(builder.build_request()?).await?;
                        Ok((url, Self::read_response(raw)?))
                    }
                },
                next,
                |page| page.items,
            )
        }

        fn by_page(
            self,
            start: u64,
            total: Option<&'static str>,
        ) -> Paginator<'static, Page, u32, String, u64> {
            self.paginator(by_page(start, "/items", total), |b, n| {
                b.page = Some(PageNumber::from_page(n))
            })
        }

        fn by_cursor(
            self,
            at: &'static str,
            last: bool,
            more: Option<&'static str>,
        ) -> Paginator<'static, Page, u32, String, String> {
            self.paginator(by_cursor(at, last, "/items", more), |b, c| {
                b.after = Some(c)
            })
        }

        fn by_url(self, link: bool) -> Paginator<'static, Page, u32, String, reqwest::Url> {
            let set = |b: &mut List, u| b.page_url = Some(u);
            if link {
                self.paginator(by_link_header(), set)
            } else {
                self.paginator(by_next_url("/meta/next"), set)
            }
        }
    }

    fn list(server: &MockServer) -> List {
        List {
            settings: Box::leak(Box::default()),
            base: server.uri(),
            page: None,
            after: None,
            page_url: None,
        }
    }

    fn page(items: &[u32], meta: serde_json::Value) -> ResponseTemplate {
        ResponseTemplate::new(200).set_body_json(serde_json::json!({"items": items, "meta": meta}))
    }

    async fn mount(server: &MockServer, mock: wiremock::MockBuilder, response: ResponseTemplate) {
        mock.respond_with(response).expect(1).mount(server).await;
    }

    async fn items<N: Send + 'static>(
        paginator: Paginator<'static, Page, u32, String, N>,
    ) -> Vec<Result<u32, String>> {
        paginator
            .items()
            .map(|r| r.map_err(|e| e.to_string()))
            .collect()
            .await
    }

    #[tokio::test]
    async fn page_numbers_run_to_the_page_count() {
        let server = MockServer::start().await;
        let at = |p| Mock::given(path("/items")).and(query_param("page", p));
        let total = serde_json::json!({"total_pages": 3});
        mount(
            &server,
            Mock::given(method("GET")).and(query_param_is_missing("page")),
            page(&[1, 2], total.clone()),
        )
        .await;
        mount(&server, at("2"), page(&[3], total.clone())).await;
        mount(&server, at("3"), page(&[4], total)).await;
        let pattern = (1, Some("/meta/total_pages"));
        let got = items(list(&server).by_page(pattern.0, pattern.1)).await;
        assert_eq!(got, [Ok(1), Ok(2), Ok(3), Ok(4)]);
    }

    #[tokio::test]
    async fn without_a_page_count_an_empty_page_ends_the_list() {
        let server = MockServer::start().await;
        let at = |p| Mock::given(query_param("page", p));
        mount(&server, at("5"), page(&[1], serde_json::json!({}))).await;
        mount(&server, at("6"), page(&[], serde_json::json!({}))).await;
        let mut builder = list(&server);
        builder.page = Some(5);
        let pattern = (5, None);
        let pages: Vec<_> = builder
            .by_page(pattern.0, pattern.1)
            .pages()
            .collect()
            .await;
        assert_eq!(pages.len(), 2);
        assert!(pages[1].as_ref().unwrap().items.is_empty());
    }

    #[tokio::test]
    async fn an_empty_first_page_is_one_page_without_items() {
        let server = MockServer::start().await;
        // Asked for twice: once for its pages, once for its items.
        Mock::given(method("GET"))
            .respond_with(page(&[], serde_json::json!({"total_pages": 0})))
            .expect(2)
            .mount(&server)
            .await;
        let pattern = (1, Some("/meta/total_pages"));
        let pages: Vec<_> = list(&server)
            .by_page(pattern.0, pattern.1)
            .pages()
            .collect()
            .await;
        assert_eq!(pages.len(), 1);
        assert!(items(list(&server).by_page(pattern.0, pattern.1))
            .await
            .is_empty());
    }

    #[tokio::test]
    async fn an_error_partway_through_is_the_last_item() {
        let server = MockServer::start().await;
        mount(
            &server,
            Mock::given(query_param_is_missing("page")),
            page(&[1], serde_json::json!({})),
        )
        .await;
        Mock::given(query_param("page", "2"))
            .respond_with(ResponseTemplate::new(503).set_body_string("busy"))
            .expect(1)
            .mount(&server)
            .await;
        let pattern = (1, None);
        let got = items(list(&server).by_page(pattern.0, pattern.1)).await;
        assert_eq!(
            got,
            [
                Ok(1),
                Err("the server answered 503 Service Unavailable: \"busy\"".into())
            ]
        );
    }

    #[tokio::test]
    async fn cursors_from_a_field_run_until_has_more_is_false() {
        let server = MockServer::start().await;
        let more = |next: &str| serde_json::json!({"next": next, "has_more": true});
        mount(
            &server,
            Mock::given(query_param_is_missing("after")),
            page(&[1], more("c1")),
        )
        .await;
        mount(
            &server,
            Mock::given(query_param("after", "c1")),
            page(&[2], more("c2")),
        )
        .await;
        mount(
            &server,
            Mock::given(query_param("after", "c2")),
            page(&[3], serde_json::json!({"next": "c3", "has_more": false})),
        )
        .await;
        let pattern = ("/meta/next", false, Some("/meta/has_more"));
        assert_eq!(
            items(list(&server).by_cursor(pattern.0, pattern.1, pattern.2)).await,
            [Ok(1), Ok(2), Ok(3)]
        );
    }

    #[tokio::test]
    async fn cursors_stop_when_absent_or_repeated_and_may_come_from_the_last_item() {
        let server = MockServer::start().await;
        mount(
            &server,
            Mock::given(query_param_is_missing("after")),
            page(&[1, 7], serde_json::json!({"next": "c1"})),
        )
        .await;
        mount(
            &server,
            Mock::given(query_param("after", "c1")),
            page(&[2], serde_json::json!({"next": "c1"})),
        )
        .await;
        let pattern = ("/meta/next", false, None);
        assert_eq!(
            items(list(&server).by_cursor(pattern.0, pattern.1, pattern.2)).await,
            [Ok(1), Ok(7), Ok(2)]
        );

        // Stripe's way: the last item is the cursor, `has_more` says whether to go on.
        let server = MockServer::start().await;
        let more = serde_json::json!({"has_more": true});
        mount(
            &server,
            Mock::given(query_param_is_missing("after")),
            page(&[1, 7], more.clone()),
        )
        .await;
        mount(
            &server,
            Mock::given(query_param("after", "7")),
            page(&[8], serde_json::json!({"has_more": false})),
        )
        .await;
        let pattern = ("", true, Some("/meta/has_more"));
        assert_eq!(
            items(list(&server).by_cursor(pattern.0, pattern.1, pattern.2)).await,
            [Ok(1), Ok(7), Ok(8)]
        );
    }

    #[tokio::test]
    async fn next_urls_are_followed_relative_to_the_request() {
        let server = MockServer::start().await;
        mount(
            &server,
            Mock::given(path("/items")),
            page(&[1], serde_json::json!({"next": "/items/2?x=y%20z"})),
        )
        .await;
        mount(
            &server,
            Mock::given(path("/items/2")).and(query_param("x", "y z")),
            page(&[2], serde_json::json!({"next": null})),
        )
        .await;
        assert_eq!(items(list(&server).by_url(false)).await, [Ok(1), Ok(2)]);
    }

    #[tokio::test]
    async fn a_next_url_on_another_origin_is_refused() {
        let server = MockServer::start().await;
        mount(
            &server,
            Mock::given(path("/items")),
            page(
                &[1],
                serde_json::json!({"next": "https://elsewhere.example/items?page=2"}),
            ),
        )
        .await;
        let got = items(list(&server).by_url(false)).await;
        assert_eq!(got.len(), 2);
        let e = got[1].as_ref().unwrap_err();
        assert!(
            e.contains("another origin (https://elsewhere.example)"),
            "{e}"
        );
    }

    #[tokio::test]
    async fn link_headers_lead_to_the_next_page() {
        let server = MockServer::start().await;
        let uri = server.uri();
        let linked = |items: &[u32], link: String| {
            page(items, serde_json::json!({})).insert_header("link", link)
        };
        mount(
            &server,
            Mock::given(query_param_is_missing("page")),
            linked(
                &[1],
                format!("<{uri}/items?page=2>; rel=\"next\", <{uri}/items?page=3>; rel=\"last\""),
            ),
        )
        .await;
        // Relative, with several relations and a comma inside the URL.
        mount(
            &server,
            Mock::given(query_param("page", "2")),
            linked(&[2], "</items?page=3&ids=1,2>; rel=\"prev next\"".into()),
        )
        .await;
        mount(
            &server,
            Mock::given(query_param("page", "3")).and(query_param("ids", "1,2")),
            linked(&[3], format!("<{uri}/items?page=2>; rel=\"prev\"")),
        )
        .await;
        let got = items(list(&server).by_url(true)).await;
        assert_eq!(got, [Ok(1), Ok(2), Ok(3)]);
    }

    #[tokio::test]
    async fn nothing_is_sent_until_the_stream_is_read() {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(page(&[1, 2], serde_json::json!({})))
            .expect(1)
            .mount(&server)
            .await;
        let pattern = (1, None);
        let mut items = list(&server).by_page(pattern.0, pattern.1).items();
        assert!(server.received_requests().await.unwrap().is_empty());
        assert_eq!(items.next().await.unwrap().unwrap(), 1);
        assert_eq!(items.next().await.unwrap().unwrap(), 2);
        // The first page's items came from one request; the second is not asked for.
        drop(items);
    }

    #[test]
    fn page_numbers_fit_their_parameter() {
        assert_eq!(i32::from_page(u64::MAX), i32::MAX);
        assert_eq!(String::from_page(3), "3");
        assert_eq!((-1i64).to_page(), None);
        assert_eq!(" 4".to_string().to_page(), Some(4));
        assert_eq!(7u64.to_page(), Some(7));
    }
}
