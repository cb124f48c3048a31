//! The Oxen document writes `format: date_time`; the overlay in `spec/` makes it
//! `date-time`, so timestamps are `chrono::DateTime<Utc>`. Checked against a
//! real HTTP server on 127.0.0.1 (wiremock): RFC 3339 text in any offset
//! decodes to the same instant, and text that is not a timestamp is not
//! silently kept.

use chrono::{DateTime, TimeZone, Utc};
use oxen_hub_client::{types, Client, Error};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn serve_fine_tune(fine_tune: serde_json::Value) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/repos/ox/demo/fine_tunes/ft-1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "status": "success",
            "fine_tune": fine_tune,
        })))
        .expect(1)
        .mount(&server)
        .await;
    server
}

fn client_for(server: &MockServer) -> Client {
    Client::with_base_url(server.uri().parse().unwrap())
}

#[tokio::test]
async fn date_time_fields_decode_into_utc_instants() {
    let server = serve_fine_tune(json!({
        "id": "ft-1",
        "created_at": "2025-01-02T03:04:05Z",
        "updated_at": "2025-01-02T05:04:05.250+02:00",
    }))
    .await;
    let response = client_for(&server)
        .fine_tune_show("ox", "demo", "ft-1")
        .await
        .expect("success");
    let fine_tune: &types::FineTune = response.fine_tune.as_ref().expect("a fine-tune");
    let created: Option<DateTime<Utc>> = fine_tune.created_at;
    assert_eq!(
        created,
        Some(Utc.with_ymd_and_hms(2025, 1, 2, 3, 4, 5).unwrap())
    );
    // Another offset is the same instant, in UTC.
    assert_eq!(
        fine_tune.updated_at,
        Some(
            Utc.with_ymd_and_hms(2025, 1, 2, 3, 4, 5).unwrap()
                + chrono::Duration::milliseconds(250)
        )
    );
}

#[tokio::test]
async fn a_timestamp_that_is_not_rfc_3339_is_an_unexpected_response() {
    let server = serve_fine_tune(json!({"id": "ft-1", "created_at": "yesterday"})).await;
    match client_for(&server)
        .fine_tune_show("ox", "demo", "ft-1")
        .await
    {
        Err(Error::UnexpectedResponse(e)) => {
            assert_eq!(e.status, 200);
            assert!(String::from_utf8_lossy(&e.body).contains("yesterday"));
        }
        other => panic!("expected an unexpected response, got {other:?}"),
    }
}

#[test]
fn a_date_time_field_encodes_as_rfc_3339() {
    let fine_tune = types::FineTune {
        created_at: Some(Utc.with_ymd_and_hms(2025, 1, 2, 3, 4, 5).unwrap()),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_value(&fine_tune).unwrap(),
        json!({"created_at": "2025-01-02T03:04:05Z"})
    );
}
