//! Pagination on the wire, one test or more per pattern: a Link header, a
//! next cursor, Stripe's last id with `has_more`, a next URL, page numbers
//! with a page count and without one (declared in the config); an empty
//! first page, an error partway through, a next page on another origin;
//! and waiting on a job the config declares.

mod common;

use common::base_url;
use fixture_clients::pagination::types::GetJobResponseJobState;
use fixture_clients::pagination::{Client, Error, WaitError};
use futures_util::StreamExt;
use serde_json::{json, Value};
use std::time::Duration;
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

fn ok(body: Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(body)
}

async fn mount(server: &MockServer, mock: wiremock::MockBuilder, response: ResponseTemplate) {
    mock.respond_with(response).expect(1).mount(server).await;
}

fn client(server: &MockServer) -> Client {
    Client::with_base_url(base_url(server))
}

#[tokio::test]
async fn link_headers_lead_from_page_to_page() {
    let server = MockServer::start().await;
    let uri = server.uri();
    let repos = |ids: &[i64], link: Option<String>| {
        let page = ok(json!(ids
            .iter()
            .map(|id| json!({"id": id}))
            .collect::<Vec<_>>()));
        match link {
            Some(link) => page.insert_header("link", link),
            None => page,
        }
    };
    let first = Mock::given(path("/repos"))
        .and(query_param("per_page", "2"))
        .and(query_param_is_missing("page"));
    let link = format!("<{uri}/repos?per_page=2&page=2>; rel=\"next\", <{uri}/repos?per_page=2&page=3>; rel=\"last\"");
    mount(&server, first, repos(&[1, 2], Some(link))).await;
    // The next URL is followed as it is: the builder's query is not added again.
    let second = Mock::given(path("/repos")).and(query_param("page", "2"));
    mount(
        &server,
        second,
        repos(
            &[3],
            Some("</repos?per_page=2&page=3>; rel=\"next\"".into()),
        ),
    )
    .await;
    let third = Mock::given(path("/repos")).and(query_param("page", "3"));
    mount(&server, third, repos(&[4], None)).await;
    let ids: Vec<i64> = client(&server)
        .list_repos()
        .per_page(2)
        .items()
        .map(|r| r.unwrap().id)
        .collect()
        .await;
    assert_eq!(ids, [1, 2, 3, 4]);
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[1].url.query(), Some("per_page=2&page=2"));
}

#[tokio::test]
async fn a_next_page_on_another_origin_is_refused() {
    let server = MockServer::start().await;
    let page = ok(json!([{"id": 1}])).insert_header(
        "link",
        "<https://elsewhere.example/repos?page=2>; rel=\"next\"",
    );
    mount(&server, Mock::given(path("/repos")), page).await;
    let items: Vec<_> = client(&server).list_repos().items().collect().await;
    assert_eq!(items.len(), 2);
    match &items[1] {
        Err(Error::InvalidRequest(message)) => {
            assert!(message.contains("another origin"), "{message}")
        }
        other => panic!("not refused: {other:?}"),
    }
}

#[tokio::test]
async fn cursors_come_back_until_there_is_none() {
    let server = MockServer::start().await;
    let pets = |names: &[&str], next: Value| {
        ok(
            json!({"data": names.iter().map(|n| json!({"name": n})).collect::<Vec<_>>(), "next_cursor": next}),
        )
    };
    mount(
        &server,
        Mock::given(query_param_is_missing("cursor")).and(query_param("limit", "2")),
        pets(&["a", "b"], json!("c1")),
    )
    .await;
    mount(
        &server,
        Mock::given(query_param("cursor", "c1")).and(query_param("limit", "2")),
        pets(&["c"], json!(null)),
    )
    .await;
    let names: Vec<String> = client(&server)
        .list_pets()
        .limit(2)
        .items()
        .map(|p| p.unwrap().name)
        .collect()
        .await;
    assert_eq!(names, ["a", "b", "c"]);
}

#[tokio::test]
async fn the_last_id_is_the_cursor_while_has_more() {
    let server = MockServer::start().await;
    let charges = |ids: &[&str], more: bool| {
        ok(
            json!({"object": "list", "data": ids.iter().map(|id| json!({"id": id})).collect::<Vec<_>>(), "has_more": more}),
        )
    };
    mount(
        &server,
        Mock::given(query_param_is_missing("starting_after")),
        charges(&["ch_1", "ch_2"], true),
    )
    .await;
    mount(
        &server,
        Mock::given(query_param("starting_after", "ch_2")),
        charges(&["ch_3"], false),
    )
    .await;
    let pages: Vec<_> = client(&server).list_charges().pages().collect().await;
    assert_eq!(pages.len(), 2);
    assert!(!pages[1].as_ref().unwrap().has_more);
}

#[tokio::test]
async fn next_urls_are_followed_and_an_empty_first_page_has_no_items() {
    let server = MockServer::start().await;
    let owners = |logins: &[&str], next: Value| {
        ok(
            json!({"results": logins.iter().map(|l| json!({"login": l})).collect::<Vec<_>>(), "next": next}),
        )
    };
    mount(
        &server,
        Mock::given(path("/owners")),
        owners(&["x"], json!("/owners/page/2")),
    )
    .await;
    mount(
        &server,
        Mock::given(path("/owners/page/2")),
        owners(&["y"], json!(null)),
    )
    .await;
    let logins: Vec<String> = client(&server)
        .list_owners()
        .items()
        .map(|o| o.unwrap().login)
        .collect()
        .await;
    assert_eq!(logins, ["x", "y"]);

    let empty = MockServer::start().await;
    mount(
        &empty,
        Mock::given(path("/owners")),
        ok(json!({"count": 0, "results": [], "next": null})),
    )
    .await;
    let pages: Vec<_> = client(&empty).list_owners().pages().collect().await;
    assert_eq!(pages.len(), 1);
    assert_eq!(pages[0].as_ref().unwrap().count, Some(0));
}

#[tokio::test]
async fn page_numbers_run_to_the_page_count_from_the_first_page_asked_for() {
    let server = MockServer::start().await;
    let reports = |titles: &[&str]| {
        ok(
            json!({"reports": titles.iter().map(|t| json!({"title": t})).collect::<Vec<_>>(), "meta": {"total_pages": 3}}),
        )
    };
    mount(
        &server,
        Mock::given(query_param("page", "2")),
        reports(&["b"]),
    )
    .await;
    mount(
        &server,
        Mock::given(query_param("page", "3")),
        reports(&["c"]),
    )
    .await;
    let titles: Vec<String> = client(&server)
        .list_reports()
        .page(2)
        .items()
        .map(|r| r.unwrap().title)
        .collect()
        .await;
    assert_eq!(titles, ["b", "c"]);
}

#[tokio::test]
async fn declared_pages_without_a_count_end_at_an_empty_page_or_an_error() {
    let server = MockServer::start().await;
    let tunes = |titles: &[&str]| {
        ok(
            json!({"tunes": titles.iter().map(|t| json!({"title": t})).collect::<Vec<_>>(), "tags": ["not", "items"]}),
        )
    };
    mount(
        &server,
        Mock::given(query_param_is_missing("page")),
        tunes(&["a"]),
    )
    .await;
    mount(
        &server,
        Mock::given(query_param("page", "2")),
        tunes(&["b"]),
    )
    .await;
    mount(&server, Mock::given(query_param("page", "3")), tunes(&[])).await;
    let titles: Vec<String> = client(&server)
        .list_tunes()
        .items()
        .map(|r| r.unwrap().title)
        .collect()
        .await;
    assert_eq!(titles, ["a", "b"]);

    let failing = MockServer::start().await;
    mount(
        &failing,
        Mock::given(query_param_is_missing("page")),
        tunes(&["a"]),
    )
    .await;
    Mock::given(query_param("page", "2"))
        .respond_with(ResponseTemplate::new(502).set_body_string("bad gateway"))
        .expect(1)
        .mount(&failing)
        .await;
    // Not retried here: the error is the stream's last item (retries have
    // tests of their own).
    let items: Vec<_> = client(&failing)
        .with_max_retries(0)
        .list_tunes()
        .items()
        .collect()
        .await;
    assert_eq!(items.len(), 2);
    assert_eq!(items[0].as_ref().unwrap().title, "a");
    assert_eq!(
        items[1].as_ref().unwrap_err().status(),
        Some(reqwest::StatusCode::BAD_GATEWAY)
    );
}

/// Answers with each job state in turn, then the last again.
struct States(Vec<&'static str>, std::sync::atomic::AtomicUsize);

impl Respond for States {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let i = self.1.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        ok(json!({"job": {"state": self.0[i.min(self.0.len() - 1)]}}))
    }
}

#[tokio::test]
async fn a_job_is_waited_on_until_done_or_failed() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/jobs/ok"))
        .respond_with(States(
            vec!["queued", "running", "done"],
            Default::default(),
        ))
        .expect(3)
        .mount(&server)
        .await;
    Mock::given(path("/jobs/bad"))
        .respond_with(States(vec!["running", "failed"], Default::default()))
        .mount(&server)
        .await;
    let client = client(&server);
    let done = client
        .get_job("ok")
        .wait()
        .interval(Duration::from_millis(5))
        .await
        .unwrap();
    assert_eq!(
        done.job.as_ref().unwrap().state,
        Some(GetJobResponseJobState::Done)
    );
    match client
        .get_job("bad")
        .wait()
        .interval(Duration::from_millis(5))
        .await
    {
        Err(WaitError::Failed(last)) => {
            assert_eq!(
                last.job.as_ref().unwrap().state,
                Some(GetJobResponseJobState::Failed)
            )
        }
        other => panic!("not failed: {other:?}"),
    }
}
