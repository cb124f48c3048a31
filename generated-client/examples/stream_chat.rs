//! Streams a chat completion from the Oxen hub API, printing each piece as it arrives.
//!
//! ```sh
//! OXEN_API_KEY=… cargo run -p oxen-hub-client --example stream_chat -- "Say hello to an ox"
//! ```

use futures_util::StreamExt;
use oxen_hub_client::types::{
    ChatCompletionRequest, ChatCompletionRequestMessage, ChatCompletionRequestMessageContent,
    ChatCompletionRequestMessageRole,
};
use oxen_hub_client::Client;
use std::io::Write;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let prompt = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "Say hello to an ox".into());
    let client = Client::new().with_bearer_token(std::env::var("OXEN_API_KEY")?);

    let request = ChatCompletionRequest {
        model: "gpt-4o".into(),
        messages: vec![ChatCompletionRequestMessage {
            role: ChatCompletionRequestMessageRole::User,
            content: ChatCompletionRequestMessageContent::String(prompt),
            name: None,
            tool_call_id: None,
            tool_calls: None,
        }],
        ..Default::default()
    };
    // Sends `stream: true` and reads the server-sent events until `[DONE]`.
    let mut stream = client.create_chat_completion_stream(request).await?;
    while let Some(chunk) = stream.next().await {
        for choice in &chunk?.choices {
            print!("{}", choice.delta.content.as_deref().unwrap_or_default());
        }
        std::io::stdout().flush()?;
    }
    println!();
    Ok(())
}
