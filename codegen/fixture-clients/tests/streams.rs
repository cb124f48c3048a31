//! Server-sent events on the wire: a second method that sets the body's
//! `stream` flag and asks for `text/event-stream`, events typed by
//! `itemSchema` and by the response's schema, text events, multi-line data,
//! event names, comments, `[DONE]`, a malformed event, errors, and dropping
//! the stream closing the connection.

mod common;

use common::base_url;
use fixture_clients::streams::types::ChatRequest;
use fixture_clients::streams::{Client, Error, EventError};
use futures_util::StreamExt;
use serde_json::json;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn events(body: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(body.as_bytes().to_vec(), "text/event-stream")
}

fn request(stream: Option<Option<bool>>) -> ChatRequest {
    ChatRequest {
        prompt: "hi".into(),
        stream,
    }
}

#[tokio::test]
async fn the_second_method_streams_chunks_until_done() {
    let server = MockServer::start().await;
    let body = ": a comment\n\n\
                data: {\"delta\":\n\
                data: \"Hel\"}\n\n\
                event: chunk\nid: 2\ndata: {\"delta\": \"lo\", \"done\": true}\n\n\
                data: [DONE]\n\n\
                data: {\"delta\": \"never\"}\n\n";
    Mock::given(method("POST"))
        .and(path("/chat"))
        .and(header("accept", "text/event-stream"))
        .and(body_json(json!({"prompt": "hi", "stream": true})))
        .respond_with(events(body))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::with_base_url(base_url(&server));
    // Whatever the body says, the second method asks for the stream.
    let stream = client
        .create_chat_stream(request(Some(Some(false))))
        .await
        .expect("a stream");
    let events: Vec<_> = stream.into_inner().events().collect().await;
    let events: Vec<_> = events.into_iter().map(Result::unwrap).collect();
    assert_eq!(events.len(), 2);
    assert_eq!(
        (events[0].name.as_str(), events[0].data.delta.as_str()),
        ("message", "Hel")
    );
    assert_eq!(
        (events[1].name.as_str(), events[1].id.as_str()),
        ("chunk", "2")
    );
    assert_eq!(events[1].data.done, Some(true));
}

#[tokio::test]
async fn the_plain_method_always_sends_the_flag_false() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(body_json(json!({"prompt": "hi", "stream": false})))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"text": "hello"})))
        .expect(2)
        .mount(&server)
        .await;
    let client = Client::with_base_url(base_url(&server));
    for flag in [None, Some(Some(true))] {
        let answer = client.create_chat(request(flag)).await.expect("an answer");
        assert_eq!(answer.text, "hello");
    }
}

#[tokio::test]
async fn json_events_of_the_responses_schema_and_a_malformed_one() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/ticks"))
        .and(query_param("every", "5"))
        .respond_with(events("data: {\"n\": 1}\n\nevent: tick\nid: 9\ndata: {\"n\": \"two\"}\n\ndata: {\"n\": 3}\n\n"))
        .mount(&server)
        .await;
    let client = Client::with_base_url(base_url(&server));
    let items: Vec<_> = client.watch_ticks().every(5).await.unwrap().collect().await;
    assert_eq!(items.len(), 3, "{items:?}");
    assert_eq!(items[0].as_ref().unwrap().n, 1);
    match &items[1] {
        Err(e @ EventError::Malformed { name, id, data, .. }) => {
            assert_eq!(
                (name.as_str(), id.as_str(), data.as_str()),
                ("tick", "9", "{\"n\": \"two\"}")
            );
            assert!(
                e.to_string()
                    .starts_with("event `tick` (id `9`) is malformed"),
                "{e}"
            );
        }
        other => panic!("not malformed: {other:?}"),
    }
    assert_eq!(items[2].as_ref().unwrap().n, 3);
}

#[tokio::test]
async fn an_error_status_is_the_operations_error_and_a_json_answer_is_unexpected() {
    let server = MockServer::start().await;
    Mock::given(path("/ticks"))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({"message": "no clock"})))
        .mount(&server)
        .await;
    Mock::given(path("/logs/j1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"not": "events"})))
        .mount(&server)
        .await;
    let client = Client::with_base_url(base_url(&server));
    let e = client.watch_ticks().await.unwrap_err();
    assert_eq!(e.status(), Some(reqwest::StatusCode::NOT_FOUND));
    assert!(matches!(e, Error::Api(_)), "{e}");
    let Error::UnexpectedResponse(e) = client.tail_logs("j1").await.unwrap_err() else {
        panic!("not unexpected")
    };
    assert!(e.reason.contains("`application/json`"), "{}", e.reason);
}

#[tokio::test]
async fn text_events_are_taken_as_they_are() {
    let server = MockServer::start().await;
    Mock::given(path("/logs/j%201"))
        .respond_with(events(
            "data: line one\n\ndata: line\ndata: two\n\ndata: [DONE]\n\n",
        ))
        .mount(&server)
        .await;
    let client = Client::with_base_url(base_url(&server));
    let lines: Vec<String> = client
        .tail_logs("j 1")
        .await
        .unwrap()
        // `ResponseValue::map` maps the body: the stream's own combinators are the inner stream's.
        .into_inner()
        .map(Result::unwrap)
        .collect()
        .await;
    // Text events have no terminator: `[DONE]` is a line like any other.
    assert_eq!(lines, ["line one", "line\ntwo", "[DONE]"]);
}

#[tokio::test]
async fn dropping_the_stream_closes_the_connection() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url: reqwest::Url = format!("http://{}/", listener.local_addr().unwrap())
        .parse()
        .unwrap();
    let (closed, on_closed) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut request = [0u8; 4096];
        let _ = socket.read(&mut request).await.unwrap();
        let event = "data: {\"n\": 1}\n\n";
        let response = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n{:x}\r\n{event}\r\n",
            event.len()
        );
        socket.write_all(response.as_bytes()).await.unwrap();
        // The stream never ends: a read returns only when the client hangs up.
        let mut rest = [0u8; 64];
        if let Ok(Ok(0) | Err(_)) =
            tokio::time::timeout(Duration::from_secs(10), socket.read(&mut rest)).await
        {
            let _ = closed.send(());
        }
    });
    let client = Client::with_base_url(url);
    let mut ticks = client.watch_ticks().await.unwrap();
    assert_eq!(ticks.next().await.unwrap().unwrap().n, 1);
    drop(ticks);
    tokio::time::timeout(Duration::from_secs(5), on_closed)
        .await
        .expect("the server saw the connection close in time")
        .expect("the server saw the connection close");
}

#[tokio::test]
async fn a_stream_request_is_retried_until_its_stream_starts() {
    let server = MockServer::start().await;
    // A deploy: one 503 that asks for a short wait, then the stream.
    Mock::given(method("GET"))
        .and(path("/ticks"))
        .respond_with(ResponseTemplate::new(503).insert_header("retry-after-ms", "20"))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/ticks"))
        .and(header("accept", "text/event-stream"))
        .respond_with(events("data: {\"n\": 1}\n\n"))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::with_base_url(base_url(&server));
    let started = std::time::Instant::now();
    let stream = client
        .watch_ticks()
        .await
        .expect("a stream after one retry");
    let waited = started.elapsed();
    assert!(waited >= Duration::from_millis(20), "{waited:?}");
    assert!(waited < Duration::from_secs(2), "{waited:?}");
    assert_eq!(stream.attempts(), 2);
    let items: Vec<_> = stream.collect().await;
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].as_ref().unwrap().n, 1);

    // Retries off: the 503 is the error.
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::with_base_url(base_url(&server)).with_max_retries(0);
    let e = client.watch_ticks().await.unwrap_err();
    assert_eq!(e.status(), Some(reqwest::StatusCode::SERVICE_UNAVAILABLE));
    assert_eq!(e.attempts(), 1);
}
