//! A test of code that uses the client, against the typed mocks (the crate's
//! `mock` feature): `cargo run -p oxen-hub-client --example test_with_mocks`.
//!
//! In your crate, the body of `main` is a `#[tokio::test]`, and the feature is
//! on for tests only:
//!
//! ```toml
//! [dev-dependencies]
//! oxen-hub-client = { version = "…", features = ["mock"] }
//! ```

use oxen_hub_client::mock::MockServer;
use oxen_hub_client::operations::GenerateImageError;
use oxen_hub_client::{types, Client, Error};

/// The code under test: the URL of the first image the API makes for
/// `prompt`, or why there is none.
async fn first_image(client: &Client, prompt: &str) -> Result<String, String> {
    let request = types::ImageGenerateRequest {
        model: "black-forest-labs/flux-1-schnell".into(),
        prompt: prompt.into(),
        n: Some(1),
        ..Default::default()
    };
    match client.generate_image().body(request).await {
        Ok(response) => response
            .images
            .iter()
            .flatten()
            .find_map(|image| image.url.clone())
            .ok_or_else(|| "no image".to_string()),
        Err(Error::Api(e)) => match &e.error {
            GenerateImageError::BadRequest(details) => Err(format!("rejected: {details:?}")),
            other => Err(format!("error: {other:?}")),
        },
        Err(other) => Err(other.to_string()),
    }
}

#[tokio::main]
async fn main() {
    let server = MockServer::start().await;
    server
        .generate_image()
        .with_body(|b: &types::ImageGenerateRequest| b.prompt == "ox")
        .respond_ok(types::ImageGenerateResponse {
            images: Some(vec![types::ImageGenerateResponseImage {
                url: Some("https://cdn.oxen.ai/ox.png".into()),
                revised_prompt: None,
            }]),
            ..Default::default()
        })
        .expect(1)
        .mount()
        .await;
    let mut rejected = serde_json::Map::new();
    rejected.insert("error".into(), "prompt must not be empty".into());
    server
        .generate_image()
        .with_body(|b: &types::ImageGenerateRequest| b.prompt.is_empty())
        .respond_bad_request(rejected)
        .mount()
        .await;

    let client = server.client();
    assert_eq!(
        first_image(&client, "ox").await.as_deref(),
        Ok("https://cdn.oxen.ai/ox.png")
    );
    assert_eq!(
        first_image(&client, "").await,
        Err(r#"rejected: {"error": String("prompt must not be empty")}"#.to_string())
    );
    // Dropping the server checks `expect(1)`, and that every request matched a mock.
    println!("passed");
}
