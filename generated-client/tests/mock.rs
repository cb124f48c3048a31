//! The typed mocks (`oxen_hub_client::mock`, the `mock` feature) as a user of
//! the client tests with them: a mock per operation, named as the client's
//! methods, matching typed parameters and bodies and answering with typed
//! responses; and what a test sees when a request matches no mock.

use futures_util::StreamExt;
use oxen_hub_client::mock::MockServer;
use oxen_hub_client::operations::GenerateImageError;
use oxen_hub_client::{types, Client, Error};
use serde_json::json;

const GENERATION_ID: &str = "0b0f6c5e-8a3e-4c7f-9d2b-6f1e2a3b4c5d";

fn generation(status: types::Status) -> types::Generation {
    types::Generation {
        completed_at: None,
        cost: None,
        enqueued_at: 1_700_000_000,
        error_message: None,
        generation_id: GENERATION_ID.parse().unwrap(),
        media_type: types::MediaType::Image,
        model_name: "flux-dev".into(),
        result_url: None,
        started_at: None,
        status,
        target_directory: None,
        target_namespace: None,
        target_repo: None,
        user_id: None,
        user_image: None,
        username: None,
    }
}

fn json_map(value: serde_json::Value) -> serde_json::Map<String, serde_json::Value> {
    match value {
        serde_json::Value::Object(map) => map,
        other => panic!("not an object: {other}"),
    }
}

#[tokio::test]
async fn a_mock_matches_the_typed_body_and_answers_with_a_typed_response() {
    let server = MockServer::start().await;
    server
        .generate_image()
        .with_body(|b: &types::ImageGenerateRequest| b.prompt == "ox" && b.n == Some(2))
        .respond_ok(types::ImageGenerateResponse {
            created: Some(1_700_000_123),
            model: Some("flux-dev".into()),
            images: Some(vec![types::ImageGenerateResponseImage {
                url: Some("https://cdn.oxen.ai/ox.png".into()),
                revised_prompt: None,
            }]),
        })
        .expect(1)
        .mount()
        .await;

    let response = server
        .client()
        .generate_image()
        .body(types::ImageGenerateRequest {
            model: "flux-dev".into(),
            prompt: "ox".into(),
            n: Some(2),
            ..Default::default()
        })
        .await
        .expect("the mock answers 200");
    assert_eq!(response.status(), 200);
    let urls: Vec<_> = response
        .images
        .iter()
        .flatten()
        .map(|i| i.url.clone())
        .collect();
    assert_eq!(urls, [Some("https://cdn.oxen.ai/ox.png".to_string())]);
}

#[tokio::test]
async fn a_declared_error_is_typed_on_both_sides() {
    let server = MockServer::start().await;
    server
        .generate_image()
        .respond_bad_request(json_map(json!({"error": "prompt must not be empty"})))
        .mount()
        .await;

    match server.client().generate_image().await {
        Err(Error::Api(e)) => {
            assert_eq!(e.status, 400);
            assert_eq!(
                e.error,
                GenerateImageError::BadRequest(json_map(
                    json!({"error": "prompt must not be empty"})
                ))
            );
        }
        other => panic!("expected the declared 400, got {other:?}"),
    }
}

/// Code under test: every generation of a namespace, page after page.
async fn all_succeeded(
    client: &Client,
) -> Result<Vec<types::Generation>, Box<dyn std::error::Error>> {
    let mut all = Vec::new();
    for page in 1.. {
        let response = client
            .generations_index()
            .namespace("ox")
            .status(types::Status::Succeeded)
            .page(page)
            .await?;
        all.extend(response.generations.iter().cloned());
        if response.page_number >= response.total_pages {
            break;
        }
    }
    Ok(all)
}

#[tokio::test]
async fn each_page_is_a_mock_of_its_own_matched_by_the_typed_query() {
    let server = MockServer::start().await;
    for page in [1, 2] {
        server
            .generations_index()
            .with_namespace("ox")
            .with_status(types::Status::Succeeded)
            .with_page(page)
            .respond_ok(types::GenerationsListResponse {
                count: 1,
                generations: vec![generation(types::Status::Succeeded)],
                page_number: page,
                page_size: 1,
                total_entries: 2,
                total_pages: 2,
                ..Default::default()
            })
            .expect(1)
            .mount()
            .await;
    }

    let all = all_succeeded(&server.client()).await.expect("two pages");
    assert_eq!(all.len(), 2);
}

#[tokio::test]
async fn an_enum_value_the_document_does_not_list_matches_as_it_is_sent() {
    let server = MockServer::start().await;
    let archived = types::Status::Other("archived".into());
    server
        .generations_index()
        .with_status(archived.clone())
        .respond_ok(types::GenerationsListResponse::default())
        .expect(1)
        .mount()
        .await;
    let response = server.client().generations_index().status(archived).await;
    assert_eq!(response.expect("matched").count, 0);
}

#[tokio::test]
async fn polling_sees_each_answer_in_turn() {
    let server = MockServer::start().await;
    let queued = types::QueueGenerationResponse {
        completed_at: None,
        enqueued_at: 1_700_000_000,
        error_message: None,
        generation_id: GENERATION_ID.parse().unwrap(),
        media_type: types::MediaType::Image,
        model_name: "flux-dev".into(),
        result_url: None,
        started_at: None,
        status: types::Status::Queued,
        target_directory: None,
        target_namespace: None,
        target_repo: None,
    };
    let succeeded = types::QueueGenerationResponse {
        status: types::Status::Succeeded,
        result_url: Some("https://cdn.oxen.ai/ox.png".into()),
        ..queued.clone()
    };
    // The first answer twice, then the second from then on.
    server
        .queue_show()
        .with_generation_id(GENERATION_ID)
        .respond_ok(queued)
        .up_to_n_times(2)
        .priority(1)
        .mount()
        .await;
    server
        .queue_show()
        .with_generation_id(GENERATION_ID)
        .respond_ok(succeeded)
        .mount()
        .await;

    let client = server.client();
    let mut seen = Vec::new();
    loop {
        let job = client.queue_show(GENERATION_ID).await.expect("answered");
        seen.push(job.status.clone());
        if job.status == types::Status::Succeeded {
            break;
        }
    }
    assert_eq!(
        seen,
        [
            types::Status::Queued,
            types::Status::Queued,
            types::Status::Succeeded
        ]
    );
}

#[tokio::test]
async fn a_request_no_mock_matches_is_answered_501_naming_the_operation_and_why() {
    let server = MockServer::start().await;
    server
        .generations_show()
        .with_generation_id(GENERATION_ID)
        .respond_not_found(json_map(json!({"status": "error"})))
        .named("the generation")
        .mount()
        .await;

    let other = "11111111-2222-3333-4444-555555555555";
    let unexpected = match server.client().generations_show(other).await {
        Err(Error::UnexpectedResponse(e)) => e,
        other => panic!("expected the catch-all's 501, got {other:?}"),
    };
    assert_eq!(unexpected.status, 501);
    let message = format!(
        "no mock matched GET /api/ai/generations/{other}\n\
         the nearest operation is `generations_show` (GET /api/ai/generations/{{generation_id}})\n\
         - mock `the generation`: the path /api/ai/generations/{other} is not \
         /api/ai/generations/{{generation_id}} with generation_id = {GENERATION_ID}"
    );
    assert_eq!(unexpected.body_text(), message);
    // The server keeps it, and would fail the test when dropped.
    assert_eq!(server.take_unmatched(), [message]);
}

#[tokio::test]
async fn an_operation_without_a_mock_and_a_method_the_path_does_not_have_are_named() {
    let server = MockServer::start().await;
    let client = server.client();
    let e = client.models_index().await.unwrap_err();
    assert_eq!(e.status(), Some(reqwest::StatusCode::NOT_IMPLEMENTED));
    let response = client
        .http_client()
        .patch(format!("{}/api/ai/models", server.uri()))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 501);
    assert_eq!(
        server.take_unmatched(),
        [
            "no mock matched GET /api/ai/models\n\
             the nearest operation is `models_index` (GET /api/ai/models)\n\
             no mock of `models_index` is mounted",
            "no mock matched PATCH /api/ai/models\n\
             the nearest operation is `models_index` (GET /api/ai/models), which is a GET",
        ]
    );
}

#[tokio::test]
#[should_panic(expected = "no mock matched GET /api/ai/models/flux-dev\n\
                           the nearest operation is `models_show` (GET /api/ai/models/{id})")]
async fn dropping_the_server_fails_a_test_that_sent_an_unmatched_request() {
    let server = MockServer::start().await;
    // The test ignores the error; the server does not.
    let _ = server.client().models_show("flux-dev").await;
}

#[tokio::test]
#[should_panic(expected = "Verifications failed")]
async fn an_expectation_that_is_not_met_fails_verify() {
    let server = MockServer::start().await;
    server
        .queue_delete()
        .respond_raw(204, "")
        .expect(1)
        .mount()
        .await;
    server.verify().await;
}

#[tokio::test]
async fn a_streamed_chat_completion_is_mocked_with_typed_events() {
    let server = MockServer::start().await;
    let chunk = |text: &str| types::ChatCompletionChunk {
        id: "c1".into(),
        object: types::ChatCompletionChunkObject::ChatCompletionChunk,
        created: 0,
        model: "gpt-4o".into(),
        system_fingerprint: None,
        choices: vec![types::ChatCompletionChunkChoice {
            index: 0,
            delta: types::ChatCompletionChunkChoiceDelta {
                content: Some(text.into()),
                ..Default::default()
            },
            finish_reason: None,
        }],
        usage: None,
    };
    server
        .create_chat_completion()
        .with_body(|r: &types::ChatCompletionRequest| r.model == "gpt-4o" && r.stream == Some(true))
        .respond_events(vec![chunk("o"), chunk("x")])
        .expect(1)
        .mount()
        .await;

    let request = types::ChatCompletionRequest {
        model: "gpt-4o".into(),
        ..Default::default()
    };
    let stream = server
        .client()
        .create_chat_completion_stream(request)
        .await
        .expect("the stream");
    let text: Vec<String> = stream
        .into_inner()
        .map(|chunk| {
            chunk.expect("an event").choices[0]
                .delta
                .content
                .clone()
                .unwrap_or_default()
        })
        .collect()
        .await;
    // `[DONE]`, which the mock sends last, ends the stream.
    assert_eq!(text, ["o", "x"]);
}

#[tokio::test]
async fn a_resource_path_of_several_segments_matches_by_its_value() {
    let server = MockServer::start().await;
    server
        .create_evaluation()
        .with_namespace("ox")
        .with_repo_name("herd")
        .with_resource_path("main/datasets/train data.parquet")
        .respond_ok(types::EvaluationResponse {
            status: Some("success".into()),
            ..Default::default()
        })
        .expect(1)
        .mount()
        .await;
    let client = server.client();
    let found = client
        .create_evaluation("ox", "herd", "main/datasets/train data.parquet")
        .await
        .expect("the evaluation");
    assert_eq!(found.status.as_deref(), Some("success"));
    // Another file is not the mock's: no mock answers it.
    let e = client
        .create_evaluation("ox", "herd", "main/other.csv")
        .await
        .unwrap_err();
    assert_eq!(e.status(), Some(reqwest::StatusCode::NOT_IMPLEMENTED));
    let unmatched = server.take_unmatched();
    assert_eq!(unmatched.len(), 1, "{unmatched:?}");
    assert!(
        unmatched[0].contains("create_evaluation"),
        "{}",
        unmatched[0]
    );
}
