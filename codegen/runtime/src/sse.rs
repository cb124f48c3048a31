// [template]
// part = "sse"
// reexport = "pub"
// requires = ["request", "send", "raw"]
// root = ["Event", "EventError", "EventStream", "Events"]
// crates.eventsource-stream = "0.2"
// crates.futures-util = "0.3"
//
// [blocks]
// sse_json = {}
// sse_text = {}

//! Server-sent events: a `text/event-stream` response as a stream of typed
//! events, read by `eventsource-stream` as the body arrives.
//!
//! Each event's `data` (its `data:` lines joined by line feeds) is decoded
//! into the event type. A data equal to the terminator (such as OpenAI's
//! `[DONE]`) ends the stream. An event whose data does not decode is an
//! [`EventError::Malformed`] item naming the event, and the stream goes on
//! with the next one, as openai-python's does; a body that is not an event
//! stream (invalid UTF-8) or a connection that fails is an error item that
//! ends the stream. Dropping the stream drops the response, which closes its
//! connection.

use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use eventsource_stream::{EventStreamError, Eventsource};
use futures_util::stream::{Stream, StreamExt};

use super::{Error, Prepared, RawResponse, ResponseValue, UnexpectedResponse};

/// One server-sent event, its data decoded.
#[derive(Debug, Clone, PartialEq)]
pub struct Event<T> {
    /// The `event:` name; `message` when the server gives none.
    pub name: String,
    /// The last `id:` the server sent, empty when it sent none.
    pub id: String,
    /// The reconnection time a `retry:` line asked for.
    pub retry: Option<Duration>,
    /// The `data:`, decoded.
    pub data: T,
}

/// Why an item of an event stream is not an event.
#[derive(Debug)]
pub enum EventError {
    /// An event whose data is not what the document describes. The stream
    /// goes on with the next event.
    Malformed {
        /// The event's `event:` name (`message` when it has none).
        name: String,
        /// The last `id:` the server sent.
        id: String,
        /// The data as it arrived.
        data: String,
        /// Why it does not decode.
        reason: String,
    },
    /// The body is not an event stream (it is not UTF-8). The stream ends.
    InvalidStream(String),
    /// The connection failed while the body was read. The stream ends.
    Transport(reqwest::Error),
}

impl fmt::Display for EventError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EventError::Malformed {
                name, id, reason, ..
            } => {
                write!(f, "event `{name}`")?;
                if !id.is_empty() {
                    write!(f, " (id `{id}`)")?;
                }
                write!(f, " is malformed: {reason}")
            }
            EventError::InvalidStream(reason) => write!(f, "not an event stream: {reason}"),
            EventError::Transport(e) => write!(f, "the event stream failed: {e}"),
        }
    }
}

impl std::error::Error for EventError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            EventError::Transport(e) => Some(e),
            _ => None,
        }
    }
}

/// How an event's data becomes its type.
pub(crate) type Decode<T> = fn(&str) -> Result<T, String>;
// @part sse_json

/// Data that is JSON of type `T`.
pub(crate) fn decode_json<T: serde::de::DeserializeOwned>(data: &str) -> Result<T, String> {
    serde_json::from_str(data).map_err(|e| e.to_string())
}
// @end
// @part sse_text

/// Data that is text, taken as it is.
pub(crate) fn decode_text(data: &str) -> Result<String, String> {
    Ok(data.to_string())
}
// @end

type RawEvents = Pin<
    Box<
        dyn Stream<Item = Result<eventsource_stream::Event, EventStreamError<reqwest::Error>>>
            + Send,
    >,
>;

/// The events of a `text/event-stream` response, each with its name and id.
/// [`EventStream::events`] makes one; [`EventStream`] gives the data alone.
pub struct Events<T> {
    /// `None` once the stream has ended: the response is dropped then.
    raw: Option<RawEvents>,
    decode: Decode<T>,
    terminator: Option<&'static str>,
}

impl<T> Events<T> {
    fn new(
        response: reqwest::Response,
        decode: Decode<T>,
        terminator: Option<&'static str>,
    ) -> Self {
        // The body, chunk by chunk as it arrives (reqwest without its `stream` feature).
        let chunks = futures_util::stream::unfold(Some(response), |response| async move {
            let mut response = response?;
            match response.chunk().await {
                Ok(Some(chunk)) => Some((Ok(chunk), Some(response))),
                Ok(None) => None,
                Err(e) => Some((Err(e), None)),
            }
        });
        Events {
            raw: Some(Box::pin(Eventsource::eventsource(chunks))),
            decode,
            terminator,
        }
    }

    /// Ends the stream, dropping the response and so closing its connection.
    fn end(&mut self) {
        self.raw = None;
    }
}

impl<T> fmt::Debug for Events<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Events")
            .field("ended", &self.raw.is_none())
            .field("terminator", &self.terminator)
            .finish()
    }
}

impl<T> Stream for Events<T> {
    type Item = Result<Event<T>, EventError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        let Some(raw) = this.raw.as_mut() else {
            return Poll::Ready(None);
        };
        let item = match StreamExt::poll_next_unpin(raw, cx) {
            Poll::Pending => return Poll::Pending,
            Poll::Ready(item) => item,
        };
        let event = match item {
            None => {
                this.end();
                return Poll::Ready(None);
            }
            Some(Ok(event)) => event,
            Some(Err(e)) => {
                this.end();
                return Poll::Ready(Some(Err(match e {
                    EventStreamError::Transport(e) => EventError::Transport(e.without_url()),
                    EventStreamError::Utf8(e) => EventError::InvalidStream(e.to_string()),
                    EventStreamError::Parser(e) => EventError::InvalidStream(e.to_string()),
                })));
            }
        };
        if this.terminator == Some(event.data.as_str()) {
            this.end();
            return Poll::Ready(None);
        }
        Poll::Ready(Some(match (this.decode)(&event.data) {
            Ok(data) => Ok(Event {
                name: event.event,
                id: event.id,
                retry: event.retry,
                data,
            }),
            Err(reason) => Err(EventError::Malformed {
                name: event.event,
                id: event.id,
                data: event.data,
                reason,
            }),
        }))
    }
}

/// The events of a `text/event-stream` response, as a `Stream` of their
/// decoded data. JSON events end at the stream's terminator (`[DONE]`); a
/// malformed event is an [`EventError::Malformed`] item, and the stream
/// goes on with the next.
///
/// `.next().await` (from `futures_util::StreamExt` or `futures::StreamExt`)
/// gives the next event; [`EventStream::events`] gives each event's name
/// and id too.
#[derive(Debug)]
pub struct EventStream<T> {
    events: Events<T>,
}

impl<T> EventStream<T> {
    /// The events of `response`, each decoded by `decode`, until a data equal
    /// to `terminator` or the end of the body.
    pub(crate) fn new(
        response: reqwest::Response,
        decode: Decode<T>,
        terminator: Option<&'static str>,
    ) -> Self {
        EventStream {
            events: Events::new(response, decode, terminator),
        }
    }

    /// The same stream, each item the whole event: its name, id and data.
    pub fn events(self) -> Events<T> {
        self.events
    }
}

impl<T> Stream for EventStream<T> {
    type Item = Result<T, EventError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        StreamExt::poll_next_unpin(&mut self.events, cx)
            .map(|item| item.map(|event| event.map(|e| e.data)))
    }
}

/// A streaming response is the stream itself, with its status and headers.
impl<S: Stream + Unpin> Stream for ResponseValue<S> {
    type Item = S::Item;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<S::Item>> {
        StreamExt::poll_next_unpin(&mut self.body, cx)
    }
}

impl<E> Prepared<'_, E> {
    /// Sends the request asking for `text/event-stream`, retrying as
    /// [`Prepared::execute`] does until a response arrives, and reads it as
    /// [`event_stream`] does.
    pub(crate) async fn event_stream<T, U>(
        mut self,
        success: fn(u16) -> bool,
        decode: Decode<T>,
        terminator: Option<&'static str>,
        read_error: fn(RawResponse) -> Result<ResponseValue<U>, Error<E>>,
    ) -> Result<ResponseValue<EventStream<T>>, Error<E>> {
        self.request.headers_mut().insert(
            reqwest::header::ACCEPT,
            reqwest::header::HeaderValue::from_static("text/event-stream"),
        );
        let (response, attempts) = self.run(|response| async { Ok(response) }).await?;
        let reading = Reading {
            success,
            decode,
            terminator,
            read_error,
        };
        event_stream(response, attempts, reading).await
    }
}

/// How a response to a request for events is read: which statuses are the
/// stream, how its events decode and end, and how any other is decoded.
struct Reading<T, U, E> {
    success: fn(u16) -> bool,
    decode: Decode<T>,
    terminator: Option<&'static str>,
    read_error: fn(RawResponse) -> Result<ResponseValue<U>, Error<E>>,
}

/// Reads the response to a request for an event stream, sent `attempts`
/// times. A status `success` takes is the stream, unless the server says it
/// sent something else (a `Content-Type` that is not `text/event-stream`);
/// any other response is read whole and decoded by `read_error`, the
/// operation's own reader.
async fn event_stream<T, U, E>(
    response: reqwest::Response,
    attempts: u32,
    reading: Reading<T, U, E>,
) -> Result<ResponseValue<EventStream<T>>, Error<E>> {
    let status = response.status();
    let headers = response.headers().clone();
    let unexpected = |body: Vec<u8>, reason: String| {
        Error::UnexpectedResponse(Box::new(UnexpectedResponse {
            status,
            headers: headers.clone(),
            body,
            reason,
            attempts,
        }))
    };
    if (reading.success)(status.as_u16()) {
        let content_type = headers
            .get(reqwest::header::CONTENT_TYPE)
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
        let essence = content_type.as_deref().map(|c| {
            c.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        });
        if let Some(other) = essence.filter(|e| e != "text/event-stream") {
            let body = response
                .bytes()
                .await
                .map_err(|e| Error::transport(e, attempts))?
                .to_vec();
            return Err(unexpected(
                body,
                format!("an event stream was asked for, and the server sent `{other}`"),
            ));
        }
        return Ok(ResponseValue {
            status,
            headers: headers.clone(),
            body: EventStream::new(response, reading.decode, reading.terminator),
            attempts,
        });
    }
    let mut raw = RawResponse::read(response)
        .await
        .map_err(|e| Error::transport(e, attempts))?;
    raw.attempts = attempts;
    match (reading.read_error)(raw) {
        Err(e) => Err(e),
        Ok(_) => Err(unexpected(
            Vec::new(),
            format!("status {} was not expected here", status.as_u16()),
        )),
    }
}

/// What every builder of a streaming request has: a header or a timeout for
/// one request, `send`, and `.await`, which give the event stream. Each
/// builder writes its own `build_request` and has its settings in a field
/// `options`. The arguments: the builder, the event type, the error type,
/// the success statuses (a pattern), how events decode ([`decode_json`] or
/// [`decode_text`]), the terminator, and the reader of error responses (the
/// operation's `read_response`).
macro_rules! stream_builder {
    (
        $builder:ident,
        $event:ty,
        $error:ty,
        $success:pat,
        $decode:expr,
        $terminator:expr,
        $read_error:expr $(,)?
    ) => {
        impl $builder<'_> {
            /// Adds a header to this request only.
            pub fn header(
                mut self,
                name: reqwest::header::HeaderName,
                value: reqwest::header::HeaderValue,
            ) -> Self {
                self.options.headers.push((name, value));
                self
            }

            /// Sets a timeout for this request only: for the whole stream,
            /// as reqwest counts it until the body is read.
            pub fn timeout(mut self, timeout: std::time::Duration) -> Self {
                self.options.timeout = Some(timeout);
                self
            }

            /// How long this request may wait for a connection, in place of the
            /// client's connect timeout: it gets a connection pool of its own.
            pub fn connect_timeout(mut self, timeout: std::time::Duration) -> Self {
                self.options.connect_timeout = Some(timeout);
                self
            }

            /// How many times this request may be sent again before its
            /// stream starts, in place of the client's retry policy (0: once only).
            pub fn max_retries(mut self, retries: u32) -> Self {
                self.options.max_retries = Some(retries);
                self
            }

            /// Sends the request, retrying as the client's policy says until
            /// a response arrives; a success is the stream of its events.
            pub async fn send(
                self,
            ) -> Result<
                runtime::ResponseValue<runtime::EventStream<$event>>,
                runtime::Error<$error>,
            > {
                self.build_request()?
                    .event_stream(
                        |status| matches!(status, $success),
                        $decode,
                        $terminator,
                        $read_error,
                    )
                    .await
            }
        }

        impl<'a> std::future::IntoFuture for $builder<'a> {
            type Output = Result<
                runtime::ResponseValue<runtime::EventStream<$event>>,
                runtime::Error<$error>,
            >;
            type IntoFuture = runtime::BoxFuture<'a, Self::Output>;

            fn into_future(self) -> Self::IntoFuture {
                Box::pin(self.send())
            }
        }
    };
}

pub(crate) use stream_builder;

#[cfg(test)]
mod tests {
    use super::*;
    use crate as runtime;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use wiremock::matchers::{header, method};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Chunk {
        text: String,
    }

    async fn serve(status: u16, content_type: &str, body: &str) -> MockServer {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(
                ResponseTemplate::new(status).set_body_raw(body.as_bytes().to_vec(), content_type),
            )
            .mount(&server)
            .await;
        server
    }

    async fn stream_of<T>(
        server: &MockServer,
        decode: Decode<T>,
        terminator: Option<&'static str>,
    ) -> EventStream<T> {
        let response = reqwest::get(server.uri()).await.unwrap();
        EventStream::new(response, decode, terminator)
    }

    #[tokio::test]
    async fn events_are_decoded_with_their_names_and_ids() {
        let body = ": a comment, ignored\n\
                    data: {\"text\":\n\
                    data: \"two lines\"}\n\
                    \n\
                    event: delta\n\
                    id: 7\n\
                    retry: 1500\n\
                    data: {\"text\": \"named\"}\n\
                    \n\
                    data: [DONE]\n\
                    \n\
                    data: {\"text\": \"after the end\"}\n\n";
        let server = serve(200, "text/event-stream", body).await;
        let events: Vec<_> = stream_of(&server, decode_json::<Chunk>, Some("[DONE]"))
            .await
            .events()
            .collect()
            .await;
        let events: Vec<Event<Chunk>> = events.into_iter().map(Result::unwrap).collect();
        assert_eq!(
            events,
            [
                Event {
                    name: "message".into(),
                    id: String::new(),
                    retry: None,
                    data: Chunk {
                        text: "two lines".into()
                    },
                },
                Event {
                    name: "delta".into(),
                    id: "7".into(),
                    retry: Some(Duration::from_millis(1500)),
                    data: Chunk {
                        text: "named".into()
                    },
                },
            ]
        );
    }

    #[tokio::test]
    async fn a_malformed_event_is_an_error_naming_it_and_the_stream_goes_on() {
        let body = "data: {\"text\": \"one\"}\n\n\
                    event: delta\nid: 2\ndata: {\"text\": 3}\n\n\
                    data: {\"text\": \"three\"}\n\n";
        let server = serve(200, "text/event-stream", body).await;
        let items: Vec<_> = stream_of(&server, decode_json::<Chunk>, None)
            .await
            .collect()
            .await;
        assert_eq!(items.len(), 3, "{items:?}");
        assert_eq!(items[0].as_ref().unwrap().text, "one");
        let e = items[1].as_ref().unwrap_err();
        assert!(
            matches!(e, EventError::Malformed { name, id, data, .. }
                if name == "delta" && id == "2" && data == "{\"text\": 3}"),
            "{e:?}"
        );
        assert!(
            e.to_string()
                .starts_with("event `delta` (id `2`) is malformed: "),
            "{e}"
        );
        assert_eq!(items[2].as_ref().unwrap().text, "three");
    }

    #[tokio::test]
    async fn text_events_are_taken_as_they_are_until_the_body_ends() {
        let server = serve(200, "text/event-stream", "data: hello\n\ndata: [DONE]\n\n").await;
        // Without a terminator, `[DONE]` is data like any other.
        let items: Vec<String> = stream_of(&server, decode_text, None)
            .await
            .map(Result::unwrap)
            .collect()
            .await;
        assert_eq!(items, ["hello", "[DONE]"]);
    }

    #[tokio::test]
    async fn a_body_that_is_not_utf8_ends_the_stream_with_an_error() {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(200).set_body_bytes(b"data: \xff\xfe\n\n".to_vec()))
            .mount(&server)
            .await;
        let items: Vec<_> = stream_of(&server, decode_text, None).await.collect().await;
        assert_eq!(items.len(), 1);
        assert!(
            matches!(items[0], Err(EventError::InvalidStream(_))),
            "{items:?}"
        );
    }

    /// A server that sends one event, then holds the connection open and
    /// reports when the client closes it.
    async fn holding_server() -> (String, tokio::sync::oneshot::Receiver<()>) {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/", listener.local_addr().unwrap());
        let (closed, on_closed) = tokio::sync::oneshot::channel();
        tokio::spawn(async move {
            let (mut socket, _) = listener.accept().await.unwrap();
            let mut request = [0u8; 4096];
            let _ = socket.read(&mut request).await.unwrap();
            let head = "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\n\
                        transfer-encoding: chunked\r\n\r\n";
            let event = "data: {\"text\": \"first\"}\n\n";
            let chunk = format!("{:x}\r\n{event}\r\n", event.len());
            socket.write_all(head.as_bytes()).await.unwrap();
            socket.write_all(chunk.as_bytes()).await.unwrap();
            // Nothing more is sent: a read returns only when the client closes.
            let mut rest = [0u8; 64];
            let read = tokio::time::timeout(Duration::from_secs(10), socket.read(&mut rest)).await;
            if matches!(read, Ok(Ok(0)) | Ok(Err(_))) {
                let _ = closed.send(());
            }
        });
        (url, on_closed)
    }

    #[tokio::test]
    async fn dropping_the_stream_closes_the_connection() {
        let (url, closed) = holding_server().await;
        let response = reqwest::get(&url).await.unwrap();
        let mut stream = EventStream::new(response, decode_json::<Chunk>, None);
        assert_eq!(stream.next().await.unwrap().unwrap().text, "first");
        drop(stream);
        tokio::time::timeout(Duration::from_secs(5), closed)
            .await
            .expect("the server saw the connection closed in time")
            .expect("the server saw the connection closed");
    }

    /// A builder as `operations.rs` writes one for a streaming operation.
    struct Watch<'a> {
        settings: &'a runtime::Settings,
        url: reqwest::Url,
        options: runtime::RequestOptions,
    }

    #[derive(Debug, PartialEq)]
    enum WatchError {
        NotFound(String),
    }

    impl<'a> Watch<'a> {
        fn build_request(
            self,
        ) -> Result<runtime::Prepared<'a, WatchError>, runtime::Error<WatchError>> {
            let request = self.settings.http.get(self.url);
            runtime::Prepared::new(self.settings, request, self.options, "watch", "/events")
        }

        fn read_response(
            raw: runtime::RawResponse,
        ) -> Result<runtime::ResponseValue<()>, runtime::Error<WatchError>> {
            match raw.status.as_u16() {
                200 => raw.empty(),
                404 => raw.text_error(WatchError::NotFound),
                _ => raw.unexpected(),
            }
        }
    }

    stream_builder!(
        Watch,
        Chunk,
        WatchError,
        200,
        runtime::decode_json,
        Some("[DONE]"),
        Watch::read_response,
    );

    #[tokio::test]
    async fn a_stream_builder_asks_for_events_and_decodes_errors_as_its_operation_does() {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(wiremock::matchers::path("/events"))
            .and(header("accept", "text/event-stream"))
            .and(header("x-trace", "on"))
            .respond_with(ResponseTemplate::new(200).set_body_raw(
                "data: {\"text\": \"hi\"}\n\ndata: [DONE]\n\n",
                "text/event-stream; charset=utf-8",
            ))
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(wiremock::matchers::path("/json"))
            .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({})))
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(wiremock::matchers::path("/missing"))
            .respond_with(ResponseTemplate::new(404).set_body_string("no such stream"))
            .mount(&server)
            .await;
        let settings = runtime::Settings::default();
        let watch = |path: &str| Watch {
            settings: &settings,
            url: format!("{}{path}", server.uri()).parse().unwrap(),
            options: runtime::RequestOptions::default(),
        };
        let mut stream = watch("/events")
            .header(
                reqwest::header::HeaderName::from_static("x-trace"),
                reqwest::header::HeaderValue::from_static("on"),
            )
            .timeout(Duration::from_secs(5))
            .connect_timeout(Duration::from_secs(5))
            .max_retries(0)
            .await
            .unwrap();
        assert_eq!(stream.status(), reqwest::StatusCode::OK);
        assert_eq!(
            stream.next().await.unwrap().unwrap(),
            Chunk { text: "hi".into() }
        );
        assert!(stream.next().await.is_none());

        let e = watch("/missing").await.unwrap_err();
        assert_eq!(
            e.api_error(),
            Some(&WatchError::NotFound("no such stream".into()))
        );

        let Error::UnexpectedResponse(e) = watch("/json").await.unwrap_err() else {
            panic!("not unexpected")
        };
        assert_eq!(
            e.reason,
            "an event stream was asked for, and the server sent `application/json`"
        );
        assert_eq!(e.body, b"{}");
    }
}
