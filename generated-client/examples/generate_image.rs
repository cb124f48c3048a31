//! Generates an image with the Oxen hub API.
//!
//! ```sh
//! OXEN_API_KEY=… cargo run -p oxen-hub-client --example generate_image -- "an ox in a field of wheat"
//! ```

use oxen_hub_client::operations::GenerateImageError;
use oxen_hub_client::types::ImageGenerateRequest;
use oxen_hub_client::{Client, Error};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let prompt = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "an ox in a field of wheat".into());
    let client = Client::new().with_bearer_token(std::env::var("OXEN_API_KEY")?);

    let request = ImageGenerateRequest {
        n: Some(1),
        ..ImageGenerateRequest::new("black-forest-labs/flux-1-schnell", prompt)
    };
    match client.generate_image().body(request).await {
        Ok(response) => {
            println!("status {}", response.status());
            for image in response.images.iter().flatten() {
                println!("{}", image.url.as_deref().unwrap_or_default());
            }
        }
        Err(Error::Api(e)) => match &e.error {
            GenerateImageError::BadRequest(details) => eprintln!("rejected: {details:?}"),
            // The enum is `#[non_exhaustive]`: an error a later document declares.
            other => eprintln!("error: {other:?}"),
        },
        Err(other) => eprintln!("{other}"),
    }
    Ok(())
}
