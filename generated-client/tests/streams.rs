//! Wire tests of what the config and overlay in `spec/` add: streamed chat
//! completions, paginated generations and fine-tunes, waiting on queued
//! generations and fine-tune jobs. Each runs against a real server on
//! 127.0.0.1 (wiremock): the streams' tests check the wire by hand, the
//! pages' and a wait's go through the crate's own typed mocks.

use futures_util::StreamExt;
use oxen_hub_client::types::{
    ChatCompletionRequest, ChatCompletionRequestMessage, ChatCompletionRequestMessageContent,
    ChatCompletionRequestMessageRole, Status,
};
use oxen_hub_client::{mock, Client, Error, EventError, WaitError};
use serde_json::{json, Value};
use std::time::Duration;
use wiremock::matchers::{body_partial_json, header, method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

/// The typed value of a body the server would send as this JSON.
fn typed<T: serde::de::DeserializeOwned>(json: Value) -> T {
    serde_json::from_value(json).expect("a body of the declared type")
}

fn client_for(server: &MockServer) -> Client {
    Client::with_base_url(server.uri().parse().unwrap()).with_bearer_token("tok")
}

fn chat_request(stream: Option<bool>) -> ChatCompletionRequest {
    ChatCompletionRequest {
        model: "gpt-4o".into(),
        messages: vec![ChatCompletionRequestMessage {
            content: ChatCompletionRequestMessageContent::String("Say hi".into()),
            name: None,
            role: ChatCompletionRequestMessageRole::User,
            tool_call_id: None,
            tool_calls: None,
        }],
        stream,
        ..Default::default()
    }
}

fn chunk(content: &str) -> Value {
    json!({
        "id": "chatcmpl-1",
        "object": "chat.completion.chunk",
        "created": 1_700_000_000,
        "model": "gpt-4o",
        "choices": [{"index": 0, "delta": {"content": content}, "finish_reason": null}]
    })
}

fn events(body: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(body.as_bytes().to_vec(), "text/event-stream")
}

#[tokio::test]
async fn a_streamed_chat_completion_is_a_stream_of_chunks_until_done() {
    let server = MockServer::start().await;
    // The second chunk's JSON is split over two `data:` lines; a comment and
    // a named event come between; nothing after `[DONE]` is read.
    let body = format!(
        ": keep-alive\n\ndata: {}\n\ndata: {{\"id\": \"chatcmpl-1\", \"object\": \"chat.completion.chunk\",\ndata: \"created\": 1700000000, \"model\": \"gpt-4o\", \"choices\": [{{\"index\": 0, \"delta\": {{\"content\": \"lo\"}}}}]}}\n\nevent: message\nid: 3\ndata: {}\n\ndata: [DONE]\n\ndata: {}\n\n",
        chunk("Hel"),
        chunk("!"),
        chunk("never read"),
    );
    Mock::given(method("POST"))
        .and(path("/api/ai/chat/completions"))
        .and(header("accept", "text/event-stream"))
        .and(header("authorization", "Bearer tok"))
        .and(body_partial_json(
            json!({"model": "gpt-4o", "stream": true}),
        ))
        .respond_with(events(&body))
        .expect(1)
        .mount(&server)
        .await;

    // Even a body that says `stream: false` is sent `stream: true`.
    let mut stream = client_for(&server)
        .create_chat_completion_stream(chat_request(Some(false)))
        .await
        .expect("a stream");
    assert_eq!(stream.status(), 200);
    let mut text = String::new();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.expect("a chunk");
        for choice in &chunk.choices {
            text.push_str(choice.delta.content.as_deref().unwrap_or_default());
        }
    }
    assert_eq!(text, "Hello!");
}

#[tokio::test]
async fn a_malformed_chunk_names_its_event_and_the_stream_goes_on() {
    let server = MockServer::start().await;
    let body = format!(
        "event: delta\nid: 7\ndata: {{\"choices\": \"not a list\"}}\n\ndata: {}\n\ndata: [DONE]\n\n",
        chunk("after")
    );
    Mock::given(method("POST"))
        .respond_with(events(&body))
        .mount(&server)
        .await;
    let items: Vec<_> = client_for(&server)
        .create_chat_completion_stream(chat_request(None))
        .await
        .unwrap()
        .collect()
        .await;
    assert_eq!(items.len(), 2, "{items:?}");
    match &items[0] {
        Err(EventError::Malformed { name, id, .. }) => {
            assert_eq!((name.as_str(), id.as_str()), ("delta", "7"))
        }
        other => panic!("not malformed: {other:?}"),
    }
    assert_eq!(
        items[1].as_ref().unwrap().choices[0]
            .delta
            .content
            .as_deref(),
        Some("after")
    );
}

#[tokio::test]
async fn a_declared_error_arrives_as_the_operations_error() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({"error": "no model"})))
        .mount(&server)
        .await;
    let e = client_for(&server)
        .create_chat_completion_stream(chat_request(None))
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Api(_)), "{e}");
    assert_eq!(e.status(), Some(reqwest::StatusCode::BAD_REQUEST));
}

#[tokio::test]
async fn the_plain_chat_completion_never_asks_for_a_stream() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/ai/chat/completions"))
        .and(body_partial_json(json!({"stream": false})))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "id": "chatcmpl-1", "object": "chat.completion", "created": 1, "model": "gpt-4o",
            "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": "Hi"}}]
        })))
        .expect(1)
        .mount(&server)
        .await;
    let response = client_for(&server)
        .create_chat_completion()
        .body(chat_request(Some(true)))
        .await
        .expect("JSON");
    let choices = response.choices.as_deref().unwrap();
    assert_eq!(
        choices[0].message.as_ref().unwrap().content.as_deref(),
        Some("Hi")
    );
    let request = &server.received_requests().await.unwrap()[0];
    assert_ne!(
        request.headers.get("accept").map(|v| v.to_str().unwrap()),
        Some("text/event-stream")
    );
}

fn generation(n: u32) -> Value {
    json!({
        "generation_id": format!("00000000-0000-0000-0000-{n:012}"),
        "model_name": "flux", "media_type": "image", "status": "succeeded", "enqueued_at": n
    })
}

fn generations_page(page: u32, items: &[u32], total_pages: u32) -> Value {
    json!({
        "count": items.len(), "generations": items.iter().map(|n| generation(*n)).collect::<Vec<_>>(),
        "page_number": page, "page_size": 2, "total_pages": total_pages,
        "total_entries": 3, "total_cost": null
    })
}

#[tokio::test]
async fn generations_page_to_the_page_count() {
    // Through the typed mocks: the second page's mock wants `page=2`, the
    // first (mounted after it, so asked second) any page.
    let server = mock::MockServer::start().await;
    server
        .generations_index()
        .with_page_size(2)
        .with_page(2)
        .respond_ok(typed(generations_page(2, &[3], 2)))
        .expect(1)
        .mount()
        .await;
    server
        .generations_index()
        .with_page_size(2)
        .respond_ok(typed(generations_page(1, &[1, 2], 2)))
        .expect(1)
        .mount()
        .await;
    let enqueued: Vec<i64> = server
        .client()
        .generations_index()
        .page_size(2)
        .items()
        .map(|g| g.expect("a generation").enqueued_at)
        .collect()
        .await;
    assert_eq!(enqueued, [1, 2, 3]);
}

#[tokio::test]
async fn an_empty_first_page_of_generations_has_no_items() {
    let server = mock::MockServer::start().await;
    server
        .generations_index()
        .respond_ok(typed(generations_page(1, &[], 0)))
        .expect(2)
        .mount()
        .await;
    let pages: Vec<_> = server.client().generations_index().pages().collect().await;
    assert_eq!(pages.len(), 1);
    assert_eq!(pages[0].as_ref().unwrap().count, 0);
    let items: Vec<_> = server.client().generations_index().items().collect().await;
    assert!(items.is_empty());
}

fn fine_tunes(names: &[&str]) -> Value {
    let fine_tunes: Vec<Value> = names.iter().map(|n| json!({"id": n, "name": n})).collect();
    json!({"fine_tunes": fine_tunes, "status": "success"})
}

#[tokio::test]
async fn fine_tune_lists_page_until_an_empty_page() {
    let server = mock::MockServer::start().await;
    let page = |n: Option<i64>, names: &[&str]| {
        let mock = server
            .fine_tune_index()
            .with_namespace("ox")
            .with_repo_name("demo");
        let mock = match n {
            Some(n) => mock.with_page(n),
            None => mock,
        };
        mock.respond_ok(typed(fine_tunes(names))).expect(1)
    };
    // The specific pages first: the first page's mock takes any page.
    page(Some(2), &["c"]).mount().await;
    page(Some(3), &[]).mount().await;
    page(None, &["a", "b"]).mount().await;
    let ids: Vec<String> = server
        .client()
        .fine_tune_index("ox", "demo")
        .items()
        .map(|f| f.unwrap().id.unwrap())
        .collect()
        .await;
    assert_eq!(ids, ["a", "b", "c"]);
}

#[tokio::test]
async fn an_error_partway_through_a_fine_tune_list_is_its_last_item() {
    let server = mock::MockServer::start().await;
    server
        .list_accessible()
        .with_page(4)
        .respond_ok(typed(fine_tunes(&["d"])))
        .expect(1)
        .mount()
        .await;
    // The document declares no 401 here: a raw answer.
    server
        .list_accessible()
        .with_page(5)
        .respond_raw(401, br#"{"error": "expired"}"#.to_vec())
        .response_header("content-type", "application/json")
        .expect(1)
        .mount()
        .await;
    let items: Vec<_> = server
        .client()
        .list_accessible()
        .page(4)
        .items()
        .collect()
        .await;
    assert_eq!(items.len(), 2);
    assert_eq!(items[0].as_ref().unwrap().id.as_deref(), Some("d"));
    assert_eq!(
        items[1].as_ref().unwrap_err().status(),
        Some(reqwest::StatusCode::UNAUTHORIZED)
    );
}

/// Answers with each body in turn, then the last again.
struct InTurn(Vec<Value>, std::sync::atomic::AtomicUsize);

impl Respond for InTurn {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let i = self.1.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        ResponseTemplate::new(200).set_body_json(self.0[i.min(self.0.len() - 1)].clone())
    }
}

fn queued(status: &str) -> Value {
    json!({
        "generation_id": "00000000-0000-0000-0000-000000000001", "model_name": "flux",
        "media_type": "image", "status": status, "enqueued_at": 1
    })
}

#[tokio::test]
async fn a_queued_generation_is_waited_on_until_it_succeeds() {
    // Through the typed mocks: each status answers once, in turn.
    let server = mock::MockServer::start().await;
    for status in ["queued", "processing", "succeeded"] {
        server
            .queue_show()
            .with_generation_id("gen-1")
            .respond_ok(typed(queued(status)))
            .up_to_n_times(1)
            .expect(1)
            .mount()
            .await;
    }
    let done = server
        .client()
        .queue_show("gen-1")
        .wait()
        .interval(Duration::from_millis(5))
        .timeout(Duration::from_secs(10))
        .await
        .expect("succeeded");
    assert_eq!(done.status, Status::Succeeded);
}

#[tokio::test]
async fn a_failed_generation_is_the_failure_and_a_slow_one_times_out() {
    let server = MockServer::start().await;
    Mock::given(path("/api/ai/queue/bad"))
        .respond_with(InTurn(
            vec![queued("processing"), queued("failed")],
            Default::default(),
        ))
        .mount(&server)
        .await;
    Mock::given(path("/api/ai/queue/slow"))
        .respond_with(InTurn(vec![queued("processing")], Default::default()))
        .mount(&server)
        .await;
    let client = client_for(&server);
    match client
        .queue_show("bad")
        .wait()
        .interval(Duration::from_millis(5))
        .await
    {
        Err(WaitError::Failed(last)) => assert_eq!(last.status, Status::Failed),
        other => panic!("not failed: {other:?}"),
    }
    let waited = client
        .queue_show("slow")
        .wait()
        .interval(Duration::from_millis(5))
        .timeout(Duration::from_millis(60))
        .await;
    assert!(
        matches!(waited, Err(WaitError::TimedOut(Some(_)))),
        "{waited:?}"
    );
}

#[tokio::test]
async fn a_fine_tune_job_is_waited_on_by_its_nested_status() {
    let server = MockServer::start().await;
    let job =
        |status: &str| json!({"fine_tune": {"id": "ft-1", "status": status}, "status": "success"});
    Mock::given(path("/api/repos/ox/demo/fine_tunes/ft-1"))
        .and(header("authorization", "Bearer tok"))
        .respond_with(InTurn(
            vec![job("running"), job("running"), job("completed")],
            Default::default(),
        ))
        .expect(3)
        .mount(&server)
        .await;
    let done = client_for(&server)
        .fine_tune_show("ox", "demo", "ft-1")
        .wait()
        .interval(Duration::from_millis(5))
        .backoff(1.0)
        .await
        .expect("completed");
    assert_eq!(
        done.fine_tune.as_ref().unwrap().status.as_deref(),
        Some("completed")
    );
}
