//! Responses on the wire: several successes as an enum of outcomes (or one type when they
//! agree), empty bodies, bytes and text, `+json` and `*/*`, declared headers, and every
//! declared error its own variant keeping status, headers and raw body.

mod common;

use common::{base_url, server_answering};
use fixture_clients::responses::operations::{
    DefaultOnlyError, DefaultOnlyHeaders, ErrorsError, OutcomesError, OutcomesOutcome,
    ReportOutcome, WithHeadersHeaders,
};
use fixture_clients::responses::types::{Job, Pet, Problem, WithHeadersXCacheHeader};
use fixture_clients::responses::{Client, Error};
use serde_json::json;
use wiremock::{MockServer, ResponseTemplate};

async fn answering(response: ResponseTemplate) -> (MockServer, Client) {
    let server = server_answering(response).await;
    let client = Client::with_base_url(base_url(&server));
    (server, client)
}

fn pet() -> Pet {
    Pet { name: "Rex".into() }
}

#[tokio::test]
async fn outcomes_of_text_and_bytes_keep_their_body() {
    let (_server, client) = answering(ResponseTemplate::new(200).set_body_string("all well")).await;
    let response = client.report().await.unwrap();
    assert_eq!(response.into_inner(), ReportOutcome::Ok("all well".into()));

    let (_server, client) =
        answering(ResponseTemplate::new(206).set_body_bytes(vec![0xff, 0])).await;
    let response = client.report().await.unwrap();
    assert_eq!(
        response.into_inner(),
        ReportOutcome::PartialContent(vec![0xff, 0])
    );
}

#[tokio::test]
async fn several_successes_are_an_enum_of_outcomes() {
    let (_server, client) =
        answering(ResponseTemplate::new(200).set_body_json(json!({"name": "Rex"}))).await;
    let response = client.outcomes().await.unwrap();
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(response.into_inner(), OutcomesOutcome::Ok(pet()));

    let (_server, client) =
        answering(ResponseTemplate::new(202).set_body_json(json!({"id": "job-1"}))).await;
    let response = client.outcomes().await.unwrap();
    assert_eq!(
        response.into_inner(),
        OutcomesOutcome::Accepted(Job { id: "job-1".into() })
    );

    let (_server, client) = answering(ResponseTemplate::new(204)).await;
    let response = client.outcomes().await.unwrap();
    assert_eq!(response.status().as_u16(), 204);
    assert_eq!(*response, OutcomesOutcome::NoContent);

    // A declared success whose body is not what the document says is unexpected, and kept.
    let (_server, client) =
        answering(ResponseTemplate::new(202).set_body_json(json!({"name": "Rex"}))).await;
    match client.outcomes().await {
        Err(Error::UnexpectedResponse(e)) => {
            assert_eq!(e.status.as_u16(), 202);
            assert_eq!(e.body_text(), r#"{"name":"Rex"}"#);
        }
        other => panic!("expected an unexpected response, got {other:?}"),
    }

    let (_server, client) =
        answering(ResponseTemplate::new(404).set_body_json(json!({"message": "gone"}))).await;
    match client.outcomes().await {
        Err(Error::Api(e)) => assert_eq!(
            e.error,
            OutcomesError::NotFound(Problem {
                message: Some("gone".into())
            })
        ),
        other => panic!("expected a declared error, got {other:?}"),
    }
}

#[tokio::test]
async fn successes_that_agree_are_one_type() {
    for status in [200, 201] {
        let (server, client) =
            answering(ResponseTemplate::new(status).set_body_json(json!({"name": "Rex"}))).await;
        let response = client.same_schema().await.unwrap();
        assert_eq!(response.status().as_u16(), status);
        assert_eq!(*response, pet());
        let request = &server.received_requests().await.unwrap()[0];
        assert_eq!(request.method.as_str(), "POST");
        assert_eq!(request.url.path(), "/same");
    }
}

#[tokio::test]
async fn empty_bodies() {
    // Whatever body a 204 carries is ignored.
    let (server, client) = answering(ResponseTemplate::new(204)).await;
    let response = client.empty().await.unwrap();
    assert_eq!(response.status().as_u16(), 204);
    assert_eq!(*response, ());
    assert_eq!(
        server.received_requests().await.unwrap()[0].method.as_str(),
        "DELETE"
    );
}

#[tokio::test]
async fn bytes_and_text_bodies() {
    let bytes = vec![0u8, 255, 1, 254];
    let (_server, client) = answering(
        ResponseTemplate::new(200).set_body_raw(bytes.clone(), "application/octet-stream"),
    )
    .await;
    assert_eq!(client.download().await.unwrap().into_inner(), bytes);

    let (_server, client) =
        answering(ResponseTemplate::new(200).set_body_raw("héllo", "text/plain")).await;
    assert_eq!(client.text().await.unwrap().into_inner(), "héllo");

    // Text that is not UTF-8 is an unexpected response, with the bytes kept.
    let (_server, client) =
        answering(ResponseTemplate::new(200).set_body_raw(vec![0xffu8, 0xfe], "text/plain")).await;
    match client.text().await {
        Err(Error::UnexpectedResponse(e)) => assert_eq!(e.body, [0xff, 0xfe]),
        other => panic!("expected an unexpected response, got {other:?}"),
    }
}

#[tokio::test]
async fn plus_json_and_any_media_type_bodies_decode_as_json() {
    let (_server, client) = answering(
        ResponseTemplate::new(200).set_body_raw(r#"{"name":"Rex"}"#, "application/vnd.pets+json"),
    )
    .await;
    assert_eq!(*client.vendor_json().await.unwrap(), pet());

    let (_server, client) =
        answering(ResponseTemplate::new(200).set_body_raw(r#"{"name":"Rex"}"#, "text/x-anything"))
            .await;
    assert_eq!(*client.any_media().await.unwrap(), pet());
}

#[tokio::test]
async fn declared_response_headers_are_readable() {
    let (_server, client) = answering(
        ResponseTemplate::new(200)
            .insert_header("X-Rate-Limit-Remaining", "41")
            .set_body_json(json!({"name": "Rex"})),
    )
    .await;
    let response = client.with_headers().await.unwrap();
    assert_eq!(response.headers()["x-rate-limit-remaining"], "41");
    assert_eq!(response.name, "Rex");
}

#[tokio::test]
async fn declared_response_headers_are_read_into_their_types() {
    let (_server, client) = answering(
        ResponseTemplate::new(200)
            .insert_header("X-Rate-Limit-Remaining", "41")
            .insert_header("x-request-id", "67e55044-10b1-426f-9247-bb680e5fe0c8")
            .insert_header("X-Cache", "hit")
            .insert_header("X-Tags", "a,b")
            .insert_header("Location", "/pets/7")
            .set_body_json(json!({"name": "Rex"})),
    )
    .await;
    let response = client.with_headers().await.unwrap();
    let headers = WithHeadersHeaders::from(response.headers());
    assert_eq!(
        headers,
        WithHeadersHeaders {
            x_rate_limit_remaining: Some(41),
            x_request_id: Some("67e55044-10b1-426f-9247-bb680e5fe0c8".parse().unwrap()),
            x_cache: Some(WithHeadersXCacheHeader::Hit),
            x_tags: Some("a,b".into()),
            location: Some("/pets/7".into()),
        }
    );

    // Absent, or not of the declared type: `None`, the raw text still in the map.
    let (_server, client) = answering(
        ResponseTemplate::new(200)
            .insert_header("X-Rate-Limit-Remaining", "many")
            .set_body_json(json!({"name": "Rex"})),
    )
    .await;
    let response = client.with_headers().await.unwrap();
    assert_eq!(
        WithHeadersHeaders::from(response.headers()),
        WithHeadersHeaders::default()
    );
    assert_eq!(response.headers()["x-rate-limit-remaining"], "many");
}

#[tokio::test]
async fn with_only_default_declared_a_2xx_is_a_success_and_anything_else_an_error() {
    let (_server, client) = answering(
        ResponseTemplate::new(200)
            .insert_header("X-Served-By", "edge-3")
            .set_body_json(json!({"name": "Rex"})),
    )
    .await;
    let response = client.default_only().await.unwrap();
    assert_eq!(
        DefaultOnlyHeaders::from(response.headers())
            .x_served_by
            .as_deref(),
        Some("edge-3")
    );
    assert_eq!(response.into_inner(), pet());

    let (_server, client) =
        answering(ResponseTemplate::new(500).set_body_json(json!({"name": "Oops"}))).await;
    match client.default_only().await.unwrap_err() {
        Error::Api(e) => {
            assert_eq!(e.status.as_u16(), 500);
            assert_eq!(
                e.error,
                DefaultOnlyError::Default(Pet {
                    name: "Oops".into()
                })
            );
        }
        other => panic!("expected the declared default, got {other:?}"),
    }
}

#[tokio::test]
async fn every_declared_error_is_its_own_variant_with_status_headers_and_body() {
    let cases: Vec<(u16, ResponseTemplate, ErrorsError)> = vec![
        (
            400,
            ResponseTemplate::new(400).set_body_json(json!({"message": "bad"})),
            ErrorsError::BadRequest(Problem {
                message: Some("bad".into()),
            }),
        ),
        (401, ResponseTemplate::new(401), ErrorsError::Unauthorized),
        (
            409,
            ResponseTemplate::new(409).set_body_raw("taken", "text/plain"),
            ErrorsError::Conflict("taken".into()),
        ),
        (
            418,
            ResponseTemplate::new(418).set_body_json(json!({"message": "teapot"})),
            ErrorsError::ClientError(Problem {
                message: Some("teapot".into()),
            }),
        ),
        (
            503,
            ResponseTemplate::new(503).set_body_json(json!({"message": "later"})),
            ErrorsError::Default(Problem {
                message: Some("later".into()),
            }),
        ),
    ];
    for (status, template, expected) in cases {
        let (_server, client) = answering(template.insert_header("x-trace", "t-9")).await;
        let error = client.errors().await.expect_err("an error status");
        assert_eq!(error.status().map(|s| s.as_u16()), Some(status));
        assert_eq!(error.headers().unwrap()["x-trace"], "t-9");
        match error {
            Error::Api(e) => {
                assert_eq!(e.error, expected);
                assert_eq!(e.status.as_u16(), status);
                let raw = String::from_utf8(e.body.clone()).unwrap();
                match &e.error {
                    ErrorsError::Unauthorized => assert_eq!(raw, ""),
                    ErrorsError::Conflict(_) => assert_eq!(raw, "taken"),
                    _ => assert!(raw.starts_with("{\"message\":"), "{raw}"),
                }
            }
            other => panic!("expected a declared error for {status}, got {other:?}"),
        }
    }
    // The success is still a success.
    let (_server, client) = answering(ResponseTemplate::new(200)).await;
    assert_eq!(client.errors().await.unwrap().status().as_u16(), 200);
}

#[tokio::test]
async fn downloads_can_be_streamed() {
    let data: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
    let (_server, client) = answering(
        ResponseTemplate::new(200)
            .insert_header("x-file", "big.bin")
            .set_body_raw(data.clone(), "application/octet-stream"),
    )
    .await;
    let response = client.download().send_streaming().await.unwrap();
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(response.headers()["x-file"], "big.bin");
    let mut body = response.into_inner();
    let mut received = Vec::new();
    let mut chunks = 0;
    while let Some(chunk) = body.chunk().await.unwrap() {
        received.extend_from_slice(&chunk);
        chunks += 1;
    }
    assert!(chunks >= 1);
    assert_eq!(received, data);

    // An undeclared status is read and kept, as `send` does.
    let (_server, client) =
        answering(ResponseTemplate::new(500).set_body_raw("boom", "text/plain")).await;
    match client.download().send_streaming().await {
        Err(Error::UnexpectedResponse(e)) => {
            assert_eq!(e.status.as_u16(), 500);
            assert_eq!(e.body_text(), "boom");
        }
        other => panic!("expected an unexpected response, got {other:?}"),
    }
}
