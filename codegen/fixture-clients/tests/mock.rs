//! The typed mocks (each client's `mock` feature) across the fixtures: a
//! parameter in every location and style matches the value the client sends
//! for it, and no other; bodies of each kind; responses of each kind, ranges
//! and `default` with the status given; groups; an operation's relative server.

use fixture_clients::{bodies, grouped_tags, parameters, responses, servers};
use parameters::types::{Color, Status};

fn color() -> Color {
    Color { r: 1, g: 2 }
}

/// Mounts a `path_styles` mock that matches every path parameter by value,
/// the matrix one as `matrix`.
async fn mount_path_styles(server: &parameters::mock::MockServer, matrix: &str) {
    server
        .path_styles()
        .with_simple(vec![1, 2, 3])
        .with_simple_obj(color())
        .with_label(vec!["a b".into(), "c/d".into()])
        .with_label_exploded(vec!["x".into(), "y".into()])
        .with_matrix(matrix)
        .with_matrix_exploded(vec![4, 5])
        .with_matrix_obj(color())
        .respond_no_content()
        .mount()
        .await;
}

async fn send_path_styles(client: &parameters::Client) -> bool {
    client
        .path_styles(
            vec![1, 2, 3],
            color(),
            vec!["a b".into(), "c/d".into()],
            vec!["x".into(), "y".into()],
            "m;1",
            vec![4, 5],
            color(),
        )
        .await
        .is_ok()
}

#[tokio::test]
async fn path_parameters_match_in_every_style_by_the_value_sent() {
    let server = parameters::mock::MockServer::start().await;
    mount_path_styles(&server, "m;1").await;
    assert!(send_path_styles(&server.client()).await);

    let other = parameters::mock::MockServer::start().await;
    mount_path_styles(&other, "m;2").await;
    assert!(!send_path_styles(&other.client()).await);
    let unmatched = other.take_unmatched();
    assert_eq!(unmatched.len(), 1);
    assert!(
        unmatched[0].contains("the nearest operation is `path_styles`")
            && unmatched[0].contains("matrix = ;matrix=m%3B2"),
        "{}",
        unmatched[0]
    );
}

#[tokio::test]
async fn query_parameters_match_in_every_style_by_the_value_sent() {
    let server = parameters::mock::MockServer::start().await;
    server
        .query_styles()
        .with_limit(10)
        .with_form_exploded(vec!["a".into(), "b&c".into()])
        .with_form_flat(vec!["a".into(), "b".into()])
        .with_form_object(color())
        .with_form_object_flat(color())
        .with_spaced(vec!["a b".into(), "c".into()])
        .with_piped(vec![1, 2])
        .with_deep(color())
        .with_status(Status::Sold)
        .with_next("/a?b=c")
        .with_ratio(0.5)
        .respond_no_content()
        .expect(1)
        .mount()
        .await;
    server
        .client()
        .query_styles(10)
        .form_exploded(vec!["a".into(), "b&c".into()])
        .form_flat(vec!["a".into(), "b".into()])
        .form_object(color())
        .form_object_flat(color())
        .spaced(vec!["a b".into(), "c".into()])
        .piped(vec![1, 2])
        .deep(color())
        .status(Status::Sold)
        .next("/a?b=c")
        .ratio(0.5)
        .await
        .expect("every parameter matches");

    // One value off: `piped` is `1|3`, and the message says so.
    let e = server
        .client()
        .query_styles(10)
        .piped(vec![1, 3])
        .await
        .unwrap_err();
    assert_eq!(e.status().map(|s| s.as_u16()), Some(501));
    let unmatched = server.take_unmatched();
    assert!(
        unmatched[0].contains(
            "query parameter `piped`: wanted [(\"piped\", \"1|2\")], got [(\"piped\", \"1|3\")]"
        ),
        "{}",
        unmatched[0]
    );
}

#[tokio::test]
async fn header_and_cookie_parameters_match_by_the_value_sent() {
    let server = parameters::mock::MockServer::start().await;
    server
        .headers_and_cookies()
        .with_x_ids(vec![1, 2])
        .with_x_color(color())
        .with_session("s p;a,c\"e")
        .with_tags(vec!["a".into(), "b".into()])
        .respond_no_content()
        .expect(1)
        .mount()
        .await;
    server
        .client()
        .headers_and_cookies(vec![1, 2], "s p;a,c\"e")
        .x_color(color())
        .tags(vec!["a".into(), "b".into()])
        .await
        .expect("the headers and cookies match");
}

#[tokio::test]
async fn json_text_and_byte_bodies_are_matched_by_what_they_hold() {
    let server = bodies::mock::MockServer::start().await;
    server
        .send_json()
        .with_body(|pet: &bodies::types::Pet| pet.name == "Rex" && pet.age.is_none())
        .respond_no_content()
        .expect(1)
        .mount()
        .await;
    server
        .send_text()
        .with_body(|text| text == "hello")
        .respond_no_content()
        .expect(1)
        .mount()
        .await;
    server
        .send_bytes()
        .with_body(|bytes| bytes == [0, 159, 146, 150])
        .respond_no_content()
        .expect(1)
        .mount()
        .await;
    let client = server.client();
    let pet = bodies::types::Pet {
        name: "Rex".into(),
        age: None,
    };
    client.send_json(pet).await.expect("the JSON body matches");
    client.send_text("hello").await.expect("the text matches");
    client
        .send_bytes(vec![0u8, 159, 146, 150])
        .await
        .expect("the bytes match");
}

#[tokio::test]
async fn each_success_answers_as_its_outcome() {
    use responses::operations::OutcomesOutcome;
    let server = responses::mock::MockServer::start().await;
    server
        .outcomes()
        .respond_accepted(responses::types::Job::default())
        .up_to_n_times(1)
        .mount()
        .await;
    server.outcomes().respond_no_content().mount().await;
    let client = server.client();
    assert!(matches!(
        client.outcomes().await.unwrap().into_inner(),
        OutcomesOutcome::Accepted(_)
    ));
    assert!(matches!(
        client.outcomes().await.unwrap().into_inner(),
        OutcomesOutcome::NoContent
    ));
}

#[tokio::test]
async fn error_responses_ranges_and_default_answer_with_the_status_given() {
    use responses::operations::ErrorsError;
    use responses::types::Problem;
    let problem = |m: &str| Problem {
        message: Some(m.into()),
    };
    let server = responses::mock::MockServer::start().await;
    let answers = [
        server.errors().respond_conflict("taken"),
        server.errors().respond_client_error(418, problem("teapot")),
        server.errors().respond_default(503, problem("later")),
        server.errors().respond_unauthorized(),
    ];
    // The mock server's client retries as any does: not here, where the 503
    // is answered once.
    let client = server.client().with_max_retries(0);
    let mut errors = Vec::new();
    for answer in answers {
        answer.up_to_n_times(1).mount().await;
        let e = client.errors().await.unwrap_err();
        errors.push((e.status().unwrap().as_u16(), e.api_error().cloned()));
    }
    assert_eq!(
        errors,
        [
            (409, Some(ErrorsError::Conflict("taken".into()))),
            (418, Some(ErrorsError::ClientError(problem("teapot")))),
            (503, Some(ErrorsError::Default(problem("later")))),
            (401, Some(ErrorsError::Unauthorized)),
        ]
    );
}

#[test]
#[should_panic(expected = "`respond_client_error` answers a status from 400 to 499, not 500")]
fn a_range_refuses_a_status_outside_it() {
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let server = responses::mock::MockServer::start().await;
        let _ = server
            .errors()
            .respond_client_error(500, responses::types::Problem::default());
    });
}

#[tokio::test]
async fn text_and_byte_responses() {
    let server = responses::mock::MockServer::start().await;
    server.text().respond_ok("plain").mount().await;
    server.download().respond_ok(vec![1u8, 2, 3]).mount().await;
    let client = server.client();
    assert_eq!(client.text().await.unwrap().into_inner(), "plain");
    assert_eq!(client.download().await.unwrap().into_inner(), [1, 2, 3]);
}

#[tokio::test]
async fn a_tags_operations_are_mocked_through_its_group() {
    let server = grouped_tags::mock::MockServer::start().await;
    server
        .pets()
        .list_pets()
        .with_limit(2)
        .respond_ok(vec!["Rex".into(), "Tom".into()])
        .expect(1)
        .mount()
        .await;
    let pets = server.client().pets().list_pets().limit(2).await.unwrap();
    assert_eq!(pets.into_inner(), ["Rex", "Tom"]);
}

#[tokio::test]
async fn an_operation_on_a_relative_server_of_its_own_is_matched_below_it() {
    let server = servers::mock::MockServer::start().await;
    server
        .upload_thing()
        .respond_no_content()
        .expect(1)
        .mount()
        .await;
    server
        .replace_upload()
        .respond_no_content()
        .expect(1)
        .mount()
        .await;
    let client = server.client();
    // `/upload/v2/uploads` on the client's host.
    client
        .upload_thing()
        .await
        .expect("matched below /upload/v2");
    // An absolute server of its own is pointed at the mock server by hand.
    client
        .replace_upload()
        .server(server.base_url())
        .await
        .expect("matched at the mock server");
}

/// Event streams through the mocks: typed JSON events ended by `[DONE]`,
/// and text events of several lines.
#[tokio::test]
async fn streams_answer_typed_events() {
    use fixture_clients::streams::{self, types::Tick};
    use futures_util::StreamExt;
    let server = streams::mock::MockServer::start().await;
    server
        .watch_ticks()
        .with_every(5)
        .respond_events(vec![Tick { n: 1 }, Tick { n: 2 }])
        .expect(1)
        .mount()
        .await;
    server
        .tail_logs()
        .with_job("j1")
        .respond_events(vec!["one".into(), "two\nlines".into()])
        .mount()
        .await;
    let client = server.client();
    let ticks: Vec<i64> = client
        .watch_ticks()
        .every(5)
        .await
        .expect("the stream")
        .into_inner()
        .map(|t| t.expect("a tick").n)
        .collect()
        .await;
    assert_eq!(ticks, [1, 2]);
    let lines: Vec<String> = client
        .tail_logs("j1")
        .await
        .expect("the logs")
        .into_inner()
        .map(|l| l.expect("a line"))
        .collect()
        .await;
    assert_eq!(lines, ["one", "two\nlines"]);
}

/// Pages through the mocks: one mock per page, told apart by the page's
/// parameter (here a cursor), and `.items()` follows them to the end.
#[tokio::test]
async fn pages_are_one_mock_each() {
    use fixture_clients::pagination::{self, types};
    use futures_util::StreamExt;
    let charge = |id: &str| types::Charge {
        id: id.into(),
        amount: None,
    };
    let page = |ids: &[&str], has_more| types::ListChargesResponse {
        object: None,
        data: ids.iter().map(|id| charge(id)).collect(),
        has_more,
    };
    let server = pagination::mock::MockServer::start().await;
    server
        .list_charges()
        .with_starting_after("ch_2")
        .respond_ok(page(&["ch_3"], false))
        .expect(1)
        .mount()
        .await;
    server
        .list_charges()
        .matching(|r: &wiremock::Request| r.url.query().is_none())
        .respond_ok(page(&["ch_1", "ch_2"], true))
        .expect(1)
        .mount()
        .await;
    let ids: Vec<String> = server
        .client()
        .list_charges()
        .items()
        .map(|c| c.expect("a charge").id)
        .collect()
        .await;
    assert_eq!(ids, ["ch_1", "ch_2", "ch_3"]);
    server.verify().await;
}
